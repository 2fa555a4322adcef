// Compute @layerviz/core's TwoNN intrinsic dimension and layer-by-layer CKA matrix on arrays
// written by the Python tests, which compare them with NumPy/SciPy references.
//
//   node test/cross/intrinsic_cka.mjs DIR
//
// DIR holds meta.json ({"rows", "layers": [{"name", "cols"}], "between"?: [[names], [names]]})
// and one NAME.f32 (rows x cols, row-major float32) per layer; writes DIR/result.json:
// {"intrinsic_dim": {name: d}, "cka": [[...], ...], "cka_between"?: [[...], ...]} in the order of
// meta.layers (and of the two lists of names in meta.between).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { linearCkaBetween, linearCkaMatrix, twoNnDimension } from '@layerviz/core';

const dir = process.argv[2];
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const layers = meta.layers.map(({ name, cols }) => {
  const raw = readFileSync(join(dir, `${name}.f32`));
  const data = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  return { name, cols, data };
});
const matrix = linearCkaMatrix(layers);
const count = layers.length;
const named = (names) => names.map((name) => layers.find((l) => l.name === name));
const between = meta.between
  ? linearCkaBetween(named(meta.between[0]), named(meta.between[1]))
  : null;
const width = meta.between?.[1].length ?? 0;
writeFileSync(
  join(dir, 'result.json'),
  JSON.stringify({
    intrinsic_dim: Object.fromEntries(layers.map((l) => [l.name, twoNnDimension(l.data, l.cols)])),
    cka: Array.from({ length: count }, (_, i) =>
      Array.from(matrix.subarray(i * count, (i + 1) * count))
    ),
    ...(between && {
      cka_between: Array.from({ length: meta.between[0].length }, (_, i) =>
        Array.from(between.subarray(i * width, (i + 1) * width))
      )
    })
  })
);
