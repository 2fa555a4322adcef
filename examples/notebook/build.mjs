// Assemble the notebook page in dist/: the page, its cells' glue and the files its import map and
// cells name (TF.js's ES module build, @layerviz/core's and @layerviz/view's ES module bundles, the
// view's style, Observable's runtime and inspector, the digits).
// Serve dist/ with any static file server; there is nothing to compile.
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'vendor'), { recursive: true });
for (const file of ['index.html', 'notebook.js']) {
  copyFileSync(join(here, file), join(dist, file));
}
cpSync(join(here, '..', 'shared'), join(dist, 'shared'), { recursive: true });
mkdirSync(join(dist, 'data'));
copyFileSync(join(here, '..', 'data', 'digits.json'), join(dist, 'data', 'digits.json'));
const tfjs = dirname(require.resolve('@tensorflow/tfjs/package.json'));
copyFileSync(join(tfjs, 'dist', 'tf.fesm.min.js'), join(dist, 'vendor', 'tf.fesm.min.js'));
for (const bundle of ['@layerviz/core/bundle', '@layerviz/view/bundle']) {
  cpSync(dirname(require.resolve(bundle)), join(dist, 'vendor'), { recursive: true });
}
copyFileSync(require.resolve('@layerviz/view/style/view.css'), join(dist, 'vendor', 'view.css'));
// Observable's runtime and inspector (and the inspector's one dependency) as the ES modules they
// ship: the import map names their entry points.
// Their package.json files are not exported: find each package from its entry point (src/).
const sources = (name, from = require) => dirname(from.resolve(name));
const vendor = (name) => join(dist, 'vendor', name);
cpSync(sources('@observablehq/runtime'), vendor('observablehq-runtime'), { recursive: true });
const inspector = sources('@observablehq/inspector');
cpSync(inspector, vendor('observablehq-inspector'), { recursive: true });
copyFileSync(join(inspector, '..', 'dist', 'inspector.css'), vendor('inspector.css'));
const fromInspector = createRequire(join(inspector, 'index.js'));
cpSync(sources('isoformat', fromInspector), vendor('isoformat'), { recursive: true });
console.log(`notebook page: ${dist}`);
