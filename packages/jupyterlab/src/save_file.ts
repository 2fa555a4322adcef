import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** One request to the server's contents API for `path` (relative to the server's root). */
export type ContentsRequest = (
  path: string,
  init: { method: string; body?: string }
) => Promise<{ ok: boolean; status: number; statusText: string }>;

/**
 * Write `data` to `path` (relative to the server's root) through the Jupyter server's contents
 * API: `widget.save()` cannot receive the bytes over the widget's comm while its cell is still
 * running (the kernel handles no comm message before the cell ends), so the browser writes the
 * file and the kernel waits for it to appear. The bytes go to `<path>.layerviz-partial` first,
 * which is then renamed: the server writes files in place, and the kernel must never find a
 * file that is still being written.
 */
export async function writeServerFile(
  path: string,
  data: Uint8Array,
  request: ContentsRequest = contentsRequest
): Promise<void> {
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) {
    binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  const partial = `${path}.layerviz-partial`;
  const body = JSON.stringify({ type: 'file', format: 'base64', content: btoa(binary) });
  const written = await request(partial, { method: 'PUT', body });
  if (!written.ok) {
    throw new Error(`the server refused to write ${path}: ${written.status} ${written.statusText}`);
  }
  const renamed = await request(partial, { method: 'PATCH', body: JSON.stringify({ path }) });
  if (renamed.status === 409) {
    // Another view of the same widget wrote the file first: it is there, whole.
    await request(partial, { method: 'DELETE' });
    return;
  }
  if (!renamed.ok) {
    throw new Error(`the server refused to write ${path}: ${renamed.status} ${renamed.statusText}`);
  }
}

async function contentsRequest(
  path: string,
  init: { method: string; body?: string }
): Promise<{ ok: boolean; status: number; statusText: string }> {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, 'api/contents', URLExt.encodeParts(path));
  return ServerConnection.makeRequest(url, init, settings);
}

/** The server's root directory as the page was told it. */
export function serverRoot(): string {
  return PageConfig.getOption('serverRoot');
}
