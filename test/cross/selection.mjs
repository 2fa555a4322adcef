// k-NN purity of a selection by @layerviz/core, on arrays written by the Python tests, which
// compare it with a NumPy reference.
//
//   node test/cross/selection.mjs DIR
//
// DIR holds data.f32 (N x D), selected.u8 (N flags) and meta.json ({"rows", "cols", "k"});
// writes DIR/selection.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { knnPurity } from '@layerviz/core';

const dir = process.argv[2];
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const raw = readFileSync(join(dir, 'data.f32'));
const data = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const selected = new Uint8Array(readFileSync(join(dir, 'selected.u8')));
writeFileSync(
  join(dir, 'selection.json'),
  JSON.stringify({ knn_purity: knnPurity(data, meta.cols, selected, meta.k) })
);
