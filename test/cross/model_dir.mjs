// Read a model saved by layerviz.convert.TfjsArtifacts.save (DIR/model.json + one weights file)
// into TF.js with @layerviz/core's loadModel, for the cross-language scripts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadModel } from '@layerviz/core';

/** The tf.LayersModel saved in `dir`. */
export async function loadModelDir(dir) {
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const manifest = modelJson.weightsManifest[0];
  const weights = readFileSync(join(dir, manifest.paths[0]));
  return loadModel({
    modelTopology: modelJson.modelTopology,
    weightSpecs: manifest.weights,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)
  });
}
