// Build the script of the HTML report (`python -m layerviz report`, src/report/entry.ts) as one
// classic script with everything inside (TF.js, Plotly, the view, the layout worker), written
// next to the Python package that inlines it: packages/python/layerviz/report_page/report.js.
// Plotly's source for the view's "HTML" export is left out (4.7 MB): the report already is that
// HTML file; the export button says so.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '..', 'python', 'layerviz', 'report_page');
const noHtmlExport = {
  name: 'no-html-export',
  setup(build) {
    build.onResolve({ filter: /plotly_source\.generated(\.js)?$/ }, () => ({
      path: 'plotly-source',
      namespace: 'report'
    }));
    build.onLoad({ filter: /.*/, namespace: 'report' }, () => ({
      contents:
        'throw new Error("this report already is an HTML file: save the page with your ' +
        'browser to keep a copy, or export PNG, SVG or CSV");'
    }));
  }
};
const result = await build({
  entryPoints: [join(root, 'lib', 'report', 'entry.js')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  write: false,
  legalComments: 'none',
  plugins: [noHtmlExport],
  logLevel: 'warning'
});
// Inlined in a <script> element: "</script" must not end it early.
const code = result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'report.js'), code);
writeFileSync(
  join(out, 'view.css'),
  readFileSync(join(root, '..', 'view', 'style', 'view.css'), 'utf8')
);
console.log(`report script: ${(code.length / 1024 / 1024).toFixed(1)} MiB`);
