// Build the script of the HTML report (`python -m layerviz report`, src/report/entry.ts) as one
// classic script with everything inside (TF.js, Plotly, the view, the layout worker), written
// next to the Python package that inlines it: packages/python/layerviz/report_page/report.js.
// The report is a file people e-mail, so the script travels gzip-compressed (4.3 MB of code as
// 1.7 MB of base64) behind a few lines that unpack and run it with the browser's own
// DecompressionStream: a 2,000-sample, 4-layer report is then about 3.4 MB instead of 5.9 MB.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '..', 'python', 'layerviz', 'report_page');
const result = await build({
  entryPoints: [join(root, 'lib', 'report', 'entry.js')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  write: false,
  legalComments: 'none',
  logLevel: 'warning'
});
const code = result.outputFiles[0].text;
const packed = gzipSync(code, { level: 9 }).toString('base64');
// Plain ES2017, run as the page's inline <script> (base64 holds no quote and no "</script").
// Browsers without DecompressionStream (before Chrome 80, Firefox 113, Safari 16.4) get a message
// in the page instead of a blank report.
const unpack = `(function () {
  var packed = "${packed}";
  var host = document.getElementById('layerviz');
  if (typeof DecompressionStream === 'undefined') {
    var message = 'This report needs a newer browser (Chrome 80, Firefox 113, Safari 16.4 or later).';
    if (host !== null) { host.textContent = message; }
    throw new Error('layerviz: ' + message);
  }
  var bytes = Uint8Array.from(atob(packed), function (c) { return c.charCodeAt(0); });
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  new Response(stream).text().then(function (source) {
    var script = document.createElement('script');
    script.textContent = source;
    document.head.appendChild(script);
  });
})();
`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'report.js'), unpack);
writeFileSync(
  join(out, 'view.css'),
  readFileSync(join(root, '..', 'view', 'style', 'view.css'), 'utf8')
);
const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
console.log(`report script: ${mib(code.length)}, packed ${mib(unpack.length)}`);
