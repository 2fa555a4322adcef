// Compute @layerviz/core's TwoNN intrinsic dimension and layer-by-layer CKA matrix on arrays
// written by the Python tests, which compare them with NumPy/SciPy references.
//
//   node test/cross/intrinsic_cka.mjs DIR
//
// DIR holds meta.json ({"rows", "layers": [{"name", "cols"}]}) and one NAME.f32 (rows x cols,
// row-major float32) per layer; writes DIR/result.json: {"intrinsic_dim": {name: d},
// "cka": [[...], ...]} in the order of meta.layers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { linearCkaMatrix, twoNnDimension } from '@layerviz/core';

const dir = process.argv[2];
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const layers = meta.layers.map(({ name, cols }) => {
  const raw = readFileSync(join(dir, `${name}.f32`));
  const data = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  return { name, cols, data };
});
const matrix = linearCkaMatrix(layers);
const count = layers.length;
writeFileSync(
  join(dir, 'result.json'),
  JSON.stringify({
    intrinsic_dim: Object.fromEntries(layers.map((l) => [l.name, twoNnDimension(l.data, l.cols)])),
    cka: Array.from({ length: count }, (_, i) =>
      Array.from(matrix.subarray(i * count, (i + 1) * count))
    )
  })
);
