import type { ModelArtifacts } from '@layerviz/core';

import { CheckpointEpochs, checkedModelChoice } from './checkpoints.js';
import { labelIds, modelArtifacts, type ModelSource, samplesArray } from './inputs.js';
import type { RenderOptions } from './render.js';

/** The options checked and converted, reusing what did not change since `before`. */
export interface Prepared {
  readonly options: RenderOptions;
  /** The model's artifacts; null with checkpoints (see `epochs`). */
  readonly artifacts: ModelArtifacts | null;
  readonly x: ReturnType<typeof samplesArray>;
  readonly labels: ReturnType<typeof labelIds> | null;
  /** The checkpoints, the epoch shown and what was kept of each; null for one model. */
  readonly epochs: CheckpointEpochs | null;
}

/**
 * Check and convert `options` for a run, reusing what did not change since `before` (an update).
 *
 * @throws Error naming the fix for malformed x or y, a model that cannot be read, or a bad choice
 *   of model and checkpoints (see {@link checkedModelChoice}).
 */
export async function prepare(options: RenderOptions, before?: Prepared): Promise<Prepared> {
  const epochLabels = checkedModelChoice(options);
  const x = before?.options.x === options.x ? before.x : samplesArray(options.x);
  const count = x.shape[0] ?? 0;
  const labels =
    options.y === undefined || options.y === null
      ? null
      : before?.options.y === options.y && before.x.shape[0] === count
        ? before.labels
        : labelIds(options.y, count);
  if (epochLabels !== null) {
    // An update keeps the epoch shown when it is still recorded, else shows the last.
    const wanted = before?.epochs?.epoch ?? options.epoch;
    const epoch = before !== undefined && !epochLabels.includes(wanted ?? -1) ? undefined : wanted;
    const checkpoints = options.checkpoints ?? [];
    const epochs = new CheckpointEpochs(checkpoints, epochLabels, epoch);
    // The first checkpoint shown is read now, so that a bad one fails before anything is drawn.
    await epochs.model(epochs.epoch);
    return { options, artifacts: null, x, labels, epochs };
  }
  // A LayersModel changes in place while it trains: serialize it again every time.
  const model = options.model as ModelSource;
  const artifacts =
    before?.options.model === model && typeof model === 'string' && before.artifacts !== null
      ? before.artifacts
      : await modelArtifacts(model);
  return { options, artifacts, x, labels, epochs: null };
}
