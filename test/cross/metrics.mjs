// Compute @layerviz/core's separability and layout metrics on arrays written by the Python tests,
// which compare them with scikit-learn's.
//
//   node test/cross/metrics.mjs DIR
//
// DIR holds high.f32 (N x D), low.f32 (N x 2), other.f32 (N x E), labels.i32 and meta.json
// ({"rows", "high_cols", "other_cols", "k"}); writes DIR/metrics.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  continuity,
  knnAccuracy,
  linearCka,
  silhouetteScore,
  trustworthiness
} from '@layerviz/core';

const dir = process.argv[2];
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const read = (name, Type) => {
  const raw = readFileSync(join(dir, name));
  return new Type(raw.buffer, raw.byteOffset, raw.byteLength / Type.BYTES_PER_ELEMENT);
};
const high = read('high.f32', Float32Array);
const low = read('low.f32', Float32Array);
const other = read('other.f32', Float32Array);
const labels = read('labels.i32', Int32Array);
const k = meta.k;
writeFileSync(
  join(dir, 'metrics.json'),
  JSON.stringify({
    knn_accuracy: knnAccuracy(high, meta.high_cols, labels, 5),
    silhouette: silhouetteScore(high, meta.high_cols, labels),
    trustworthiness: trustworthiness(high, meta.high_cols, low, 2, { k }),
    continuity: continuity(high, meta.high_cols, low, 2, { k }),
    cka: linearCka(high, meta.high_cols, other, meta.other_cols)
  })
);
