import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/**
 * Write `data` to `path` (relative to the server's root) through the Jupyter server's contents
 * API: `widget.save()` cannot receive the bytes over the widget's comm while its cell is still
 * running (the kernel handles no comm message before the cell ends), so the browser writes the
 * file and the kernel waits for it to appear.
 */
export async function writeServerFile(path: string, data: Uint8Array): Promise<void> {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, 'api/contents', URLExt.encodeParts(path));
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) {
    binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  const response = await ServerConnection.makeRequest(
    url,
    {
      method: 'PUT',
      body: JSON.stringify({ type: 'file', format: 'base64', content: btoa(binary) })
    },
    settings
  );
  if (!response.ok) {
    throw new Error(
      `the server refused to write ${path}: ${response.status} ${response.statusText}`
    );
  }
}

/** The server's root directory as the page was told it. */
export function serverRoot(): string {
  return PageConfig.getOption('serverRoot');
}
