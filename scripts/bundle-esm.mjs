// Bundle a layerviz package (its lib/index.js and every dependency but TF.js) as browser ES
// modules in <package>/dist/, for pages without a bundler: `<script type="module">` imports
// dist/<name>.js. @layerviz/view's bundle holds core, Plotly (as the one string that both draws
// and is inlined by the HTML export) and the layout worker. TF.js stays
// outside: it is the page's (a peer dependency), found through the page's import map
// (`"@tensorflow/tfjs": ".../tf.fesm.min.js"`), so the page and layerviz share one TF.js engine.
//
//   node scripts/bundle-esm.mjs PACKAGE_DIR NAME     (run by the packages' `build`)
//
// esbuild is a devDependency of each package that runs this, and is loaded from there.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// @layerviz/core's linear probe (src/service/probe.ts) imports @tensorflow/tfjs-core and its CPU
// backend (so the layout worker needs no more of TF.js); @tensorflow/tfjs re-exports both, so here
// they are the page's TF.js too.
const oneTfjs = {
  name: 'one-tfjs',
  setup(build) {
    build.onResolve({ filter: /^@tensorflow\/tfjs-core$/ }, () => ({
      path: '@tensorflow/tfjs',
      external: true
    }));
    build.onResolve({ filter: /^@tensorflow\/tfjs-backend-cpu$/ }, () => ({
      path: 'tfjs-backend-cpu',
      namespace: 'inside-tfjs'
    }));
    build.onLoad({ filter: /.*/, namespace: 'inside-tfjs' }, () => ({ contents: '' }));
  }
};

const [packageDir, name] = process.argv.slice(2);
if (packageDir === undefined || name === undefined) {
  throw new Error('usage: node scripts/bundle-esm.mjs PACKAGE_DIR NAME');
}
const root = resolve(packageDir);
const { build } = createRequire(join(root, 'package.json'))('esbuild');
const outdir = join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { [name]: join(root, 'lib', 'index.js') },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  outdir,
  external: ['@tensorflow/tfjs'],
  plugins: [oneTfjs],
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning'
});
const tfImports = Object.keys(result.metafile.inputs).filter((path) =>
  /@tensorflow\/tfjs-(core|layers|converter)\//.test(path)
);
if (tfImports.length > 0) {
  // A second TF.js engine inside the bundle would not see the page's tensors or backend.
  throw new Error(`TF.js packages bundled besides the external @tensorflow/tfjs: ${tfImports[0]}`);
}
for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
  console.log(`${file.replace(`${root}/`, '')}: ${(bytes / 1024).toFixed(0)} KiB`);
}
