import type { ModelArtifacts } from '@layerviz/core';
import type { LayerMetrics } from '@layerviz/core/service';

import type { CkaMatrix } from '../cka_heatmap.js';
import { epochCaption, type EpochCurve, EpochLayouts } from '../epochs.js';
import { modelArtifacts, type ModelSource } from './inputs.js';

/** The options that say which model or models {@link renderLayerViz} shows. */
export interface ModelChoice {
  readonly model?: ModelSource;
  readonly checkpoints?: readonly ModelSource[];
  readonly epochLabels?: readonly number[];
  readonly epoch?: number;
}

/**
 * Check that `options` name one model or a list of checkpoints, not both or neither, and that
 * `epochLabels` and `epoch` come with checkpoints.
 *
 * @returns the checkpoints' epoch labels (see {@link checkedEpochLabels}), or null for one model.
 * @throws Error naming the fix.
 */
export function checkedModelChoice(options: ModelChoice): number[] | null {
  const { model, checkpoints, epochLabels, epoch } = options;
  if (model !== undefined && checkpoints !== undefined) {
    throw new Error(
      'pass either model (one trained model) or checkpoints (one model per recorded epoch), ' +
        'not both.'
    );
  }
  if (checkpoints === undefined) {
    if (model === undefined) {
      throw new Error(
        'no model: pass model (a tf.LayersModel, a model.json URL or artifacts), or ' +
          'checkpoints (one model per recorded epoch).'
      );
    }
    if (epochLabels !== undefined || epoch !== undefined) {
      throw new Error(
        'epochLabels and epoch label checkpoints: pass checkpoints instead of model, or leave ' +
          'them out.'
      );
    }
    return null;
  }
  return checkedEpochLabels(checkpoints.length, epochLabels);
}

/**
 * The epoch label of each of `count` checkpoints: `labels` when they are usable (one per
 * checkpoint, integers ≥ 0, ascending), else 0..count-1 when absent.
 *
 * @throws Error naming the fix for no checkpoints or unusable labels.
 */
export function checkedEpochLabels(count: number, labels?: readonly number[]): number[] {
  if (count === 0) {
    throw new Error('checkpoints is empty: pass one model per recorded epoch (at least one).');
  }
  if (labels === undefined) {
    return Array.from({ length: count }, (_, i) => i);
  }
  if (labels.length !== count) {
    throw new Error(
      `epochLabels has ${labels.length} labels but there are ${count} checkpoints: pass one ` +
        'label per checkpoint (0 for before training), or leave epochLabels out for 0, 1, 2, ….'
    );
  }
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0) {
      throw new Error(
        `epochLabels[${i}] is ${String(label)}: labels are epochs, integers ≥ 0 (0 for before ` +
          'training).'
      );
    }
    if (i > 0 && label <= (labels[i - 1] ?? -1)) {
      throw new Error(
        `epochLabels must increase, one label per checkpoint in training order: ` +
          `${labels.join(', ')}.`
      );
    }
  });
  return [...labels];
}

/** What a run of one epoch starts from: see {@link CheckpointEpochs.plan}. */
export interface EpochPlan {
  /** Layouts of this epoch made earlier with the layout parameters of the run. */
  readonly known: Record<string, Float32Array>;
  /** Per layer, the layout to align this epoch's onto (the epoch shown before). */
  readonly alignTo: Record<string, Float32Array>;
  /** The other epochs' metrics, for the depth chart's faded curves. */
  readonly curves: EpochCurve[];
}

/**
 * The checkpoints of a model recorded while it trained, as {@link renderLayerViz} shows them:
 * which epoch is shown, each checkpoint's artifacts (read when first shown, then kept), and what
 * was laid out and measured at each epoch (layouts per layout parameters, metrics, CKA), so that
 * going back to an epoch is instant and a new epoch is aligned with the one shown before, as
 * the JupyterLab timeline does. DOM-free.
 */
export class CheckpointEpochs {
  /** The epoch shown (or being laid out): one of {@link labels}. */
  epoch: number;
  private readonly layouts = new EpochLayouts();
  private readonly artifacts = new Map<number, Promise<ModelArtifacts>>();
  private readonly ckas = new Map<number, CkaMatrix>();
  /** The epoch whose layouts were last asked for, for alignment; null before the first. */
  private planned: number | null = null;

  /**
   * @param labels - the epoch of each checkpoint (see {@link checkedEpochLabels}).
   * @param epoch - the epoch shown first; default the last.
   * @param read - reads a checkpoint's artifacts (a test passes its own).
   * @throws Error when `epoch` is not one of `labels`.
   */
  constructor(
    private readonly checkpoints: readonly ModelSource[],
    readonly labels: readonly number[],
    epoch?: number,
    private readonly read: (model: ModelSource) => Promise<ModelArtifacts> = modelArtifacts
  ) {
    this.epoch = labels[labels.length - 1] ?? 0;
    if (epoch !== undefined) {
      this.indexOf(epoch);
      this.epoch = epoch;
    }
  }

  /**
   * The position of `epoch` among the checkpoints.
   *
   * @throws Error naming the epochs recorded when `epoch` is not one of them.
   */
  indexOf(epoch: number): number {
    const index = this.labels.indexOf(epoch);
    if (index < 0) {
      throw new Error(
        `no checkpoint of epoch ${String(epoch)}: the epochs recorded are ` +
          `${this.labels.join(', ')}.`
      );
    }
    return index;
  }

  /** The caption of `epoch` under the epoch slider ("Before training", "Epoch 2 of 3"). */
  caption(epoch: number): string {
    return epochCaption(this.labels, this.labels.indexOf(epoch));
  }

  /**
   * The artifacts of `epoch`'s checkpoint, read once (a failed read is tried again next time).
   *
   * @throws Error (rejects) naming the checkpoint when it cannot be read.
   */
  model(epoch: number): Promise<ModelArtifacts> {
    const index = this.indexOf(epoch);
    let artifacts = this.artifacts.get(index);
    if (artifacts === undefined) {
      const checkpoint = this.checkpoints[index] as ModelSource;
      artifacts = this.read(checkpoint).catch((err: unknown) => {
        this.artifacts.delete(index);
        const reason = err instanceof Error ? err.message : String(err);
        throw new Error(`checkpoints[${index}] (epoch ${epoch}): ${reason}`);
      });
      this.artifacts.set(index, artifacts);
    }
    return artifacts;
  }

  /**
   * Start laying out `epoch` with the layout parameters `key` (any string that differs when
   * they do): its layouts made earlier with them, the layouts to align it with (those of the
   * epoch planned before, else of the nearest epoch laid out), and the other epochs' curves.
   */
  plan(epoch: number, key: string): EpochPlan {
    this.indexOf(epoch);
    const plan = {
      known: this.layouts.known(epoch, key),
      alignTo: this.layouts.reference(epoch, key, this.planned),
      curves: this.layouts.curves(epoch, (e) => this.caption(e))
    };
    this.planned = epoch;
    return plan;
  }

  /** Keep `layer`'s final layout at `epoch`, made with the layout parameters `key`. */
  storeLayout(epoch: number, layer: string, coords: Float32Array, key: string): void {
    this.layouts.store(epoch, layer, coords, key);
  }

  /** Keep every layer's metrics measured at `epoch`. */
  storeMetrics(epoch: number, metrics: Readonly<Record<string, LayerMetrics>>): void {
    this.layouts.storeMetrics(epoch, metrics);
  }

  /** Keep the CKA between layers measured at `epoch`. */
  storeCka(epoch: number, matrix: CkaMatrix): void {
    this.ckas.set(epoch, matrix);
  }

  /** The CKA between layers measured at `epoch`, or null when it has not been. */
  cka(epoch: number): CkaMatrix | null {
    return this.ckas.get(epoch) ?? null;
  }
}
