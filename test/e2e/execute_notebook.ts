import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';

/** The repository's root. */
export const REPO = join(__dirname, '..', '..');

/**
 * Execute the notebook at `path` (relative to the repository) with nbclient, as `jupyter
 * nbconvert --execute` does, writing it into `dir`: the kernel's widget state, no browser.
 * @returns the executed notebook's path.
 */
export function executeNotebook(path: string, dir: string): string {
  execFileSync(
    join(REPO, '.venv', 'bin', 'jupyter'),
    ['nbconvert', '--to', 'notebook', '--execute', '--output-dir', dir, join(REPO, path)],
    { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } }
  );
  return join(dir, basename(path));
}
