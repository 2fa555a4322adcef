// Build the widget as one AMD module, for the hosts that load third-party widgets with
// RequireJS instead of JupyterLab's module federation: VS Code's notebooks (which look for
// share/jupyter/nbextensions/<module>/index.js) and the HTML of `jupyter nbconvert`
// (`--template layerviz`). @jupyter-widgets/base is the host's; everything else (TF.js,
// Plotly, the layout worker) is inside. Beside it go the two scripts a static page needs to
// render widgets offline: RequireJS and @jupyter-widgets/html-manager's embed-amd.js. The nbconvert
// template `layerviz` (packages/python/nbconvert-templates) inlines all three.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

/**
 * `code` with `</script` written `<\/script` (the same in JavaScript strings, regular expressions
 * and comments), so that it can stand inside an inline <script> element.
 */
function inlinable(code) {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** Copy a third-party script unchanged; refuse one that could not be inlined as it is. */
function copyInlinable(from, to) {
  const code = readFileSync(from, 'utf8');
  if (inlinable(code) !== code) {
    throw new Error(`${from} contains "</script" and cannot be inlined unchanged`);
  }
  copyFileSync(from, to);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '..', 'python', 'layerviz', 'nbextension');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const result = await build({
  entryPoints: [join(root, 'scripts', 'amd-entry.mjs')],
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  write: false,
  legalComments: 'none',
  loader: { '.css': 'text' },
  external: ['@jupyter-widgets/base'],
  logLevel: 'warning'
});
const body = result.outputFiles[0].text;
// The CommonJS bundle inside an AMD define named after the widgets' module: RequireJS accepts a
// named module loaded under that name (VS Code), and the nbconvert template inlines it, where an
// anonymous define would have no name.
const amd =
  `/* ${pkg.name} ${pkg.version}: the layerviz widget as an AMD module. */\n` +
  `define(${JSON.stringify(pkg.name)}, ["@jupyter-widgets/base"], function (widgetsBase) {\n` +
  'var module = { exports: {} }, exports = module.exports;\n' +
  'var require = function (name) {\n' +
  '  if (name === "@jupyter-widgets/base") { return widgetsBase; }\n' +
  '  throw new Error("layerviz: unexpected require of " + name);\n' +
  '};\n' +
  `${inlinable(body)}\nreturn module.exports;\n});\n`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'index.js'), amd);
const vendor = join(out, 'vendor');
mkdirSync(vendor, { recursive: true });
copyInlinable(require.resolve('requirejs/require.js'), join(vendor, 'require.js'));
copyInlinable(
  join(
    dirname(require.resolve('@jupyter-widgets/html-manager/package.json')),
    'dist',
    'embed-amd.js'
  ),
  join(vendor, 'embed-amd.js')
);
const htmlManager = JSON.parse(
  readFileSync(require.resolve('@jupyter-widgets/html-manager/package.json'), 'utf8')
);
const requirejs = JSON.parse(readFileSync(require.resolve('requirejs/package.json'), 'utf8'));
writeFileSync(
  join(vendor, 'NOTICE.txt'),
  'Files copied here unchanged, for rendering widgets in static HTML pages offline:\n' +
    `- require.js: RequireJS ${requirejs.version}, MIT license, ` +
    'Copyright jQuery Foundation and other contributors (https://github.com/requirejs/requirejs).\n' +
    `- embed-amd.js: @jupyter-widgets/html-manager ${htmlManager.version}, ` +
    `${htmlManager.license} license, Copyright Jupyter Development Team ` +
    '(https://github.com/jupyter-widgets/ipywidgets).\n'
);
console.log(`AMD bundle: ${(amd.length / 1024 / 1024).toFixed(1)} MiB -> ${out}`);
