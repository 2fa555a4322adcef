/**
 * The path of `absolute` (a file on the kernel's machine) relative to the Jupyter server's root,
 * as the contents API names files; null when it lies outside the root. `home` expands a root
 * given as `~/...`. Pure, so it is tested without a server.
 */
export function serverRelativePath(
  absolute: string,
  serverRoot: string,
  home: string
): string | null {
  const root = (serverRoot.startsWith('~') ? home + serverRoot.slice(1) : serverRoot)
    .replace(/\\/g, '/')
    .replace(/\/+$/, '');
  const file = absolute.replace(/\\/g, '/');
  if (root === '' || !file.startsWith(`${root}/`)) {
    return null;
  }
  return file.slice(root.length + 1);
}
