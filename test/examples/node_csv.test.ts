import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import * as tf from '@tensorflow/tfjs';
import { csvParse } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';

// @ts-expect-error: the examples are plain JavaScript.
import { digitsModel } from '../../examples/shared/digits.js';

const run = promisify(execFile);
const script = join(__dirname, '..', '..', 'examples', 'node', 'csv.mjs');
const digits = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'examples', 'data', 'digits.json'), 'utf8')
) as { labels: number[] };

/** Run the example and parse the CSV it writes. */
async function csvOf(args: string[]): Promise<Record<string, string>[]> {
  const out = join(mkdtempSync(join(tmpdir(), 'layerviz-csv-')), 'layers.csv');
  await run('node', [script, '--out', out, ...args], { timeout: 120_000 });
  return csvParse(readFileSync(out, 'utf8'));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('examples/node/csv.mjs', () => {
  it('trains the digits model and writes every sample of every layer', async () => {
    const rows = await csvOf(['--epochs', '1', '--samples', '120', '--method', 'pca']);
    expect(rows).toHaveLength(360);
    expect(Object.keys(rows[0] ?? {})).toEqual(['sample', 'label', 'layer', 'x', 'y']);
    expect([...new Set(rows.map((r) => r['layer']))]).toEqual(['hidden1', 'hidden2', 'probs']);
    for (const row of rows) {
      expect(Number(row['label'])).toBe(digits.labels[Number(row['sample'])]);
      expect(Number.isFinite(Number(row['x'])) && Number.isFinite(Number(row['y']))).toBe(true);
    }
  });

  it('reads a TF.js model.json and its weights from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerviz-model-'));
    const model = digitsModel() as tf.LayersModel;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        writeFileSync(
          join(dir, 'model.json'),
          JSON.stringify({
            modelTopology: a.modelTopology,
            weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }]
          })
        );
        writeFileSync(join(dir, 'weights.bin'), Buffer.from(a.weightData as ArrayBuffer));
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
      })
    );
    model.dispose();
    const rows = await csvOf(['--model', join(dir, 'model.json'), '--samples', '50']);
    expect(rows).toHaveLength(150);
    const missing = run('node', [script, '--model', join(dir, 'none.json'), '--out', '/dev/null']);
    await expect(missing).rejects.toThrow('none.json');
  });
});
