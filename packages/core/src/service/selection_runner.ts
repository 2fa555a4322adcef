import {
  selectionProblem,
  selectionSeparability,
  type SelectionSeparability
} from './selection.js';
import type { LayerFeatures } from '../reduce/layouts.js';

/**
 * Measure how separable a selection is in every layer (see {@link selectionSeparability}); a
 * later `selection` request supersedes it, and `selected: null` only cancels.
 */
export interface SelectionRequest {
  readonly type: 'selection';
  readonly id: number;
  /** One entry per sample, 1 for a selected one; null to stop measuring. */
  readonly selected: Uint8Array | null;
}

/** What a {@link SelectionRunner} sends back for a `selection` request. */
export type SelectionReply =
  | {
      /** One layer's numbers, in the layers' order. */
      readonly type: 'selection-metrics';
      readonly id: number;
      readonly layer: number;
      readonly values: SelectionSeparability;
    }
  | {
      /**
       * Every layer has been measured, or none will be: `message` says why (too few points
       * selected, or all of them); null when the numbers were sent.
       */
      readonly type: 'selection-done';
      readonly id: number;
      readonly message: string | null;
    }
  | { readonly type: 'selection-error'; readonly id: number; readonly message: string };

/**
 * The layout worker's selection metrics, apart from its layouts: a selection request neither
 * cancels a running layout nor is cancelled by one (its own controller), and the work yields
 * between slices so that both proceed and a newer selection or a cancel gets through at once.
 */
export class SelectionRunner {
  private controller: AbortController | null = null;

  constructor(private readonly post: (reply: SelectionReply) => void) {}

  /** Stop the measurement running, if any; it sends nothing more. */
  cancel(): void {
    this.controller?.abort();
    this.controller = null;
  }

  /** Measure `request.selected` in every layer, superseding the measurement running. */
  async run(layers: readonly LayerFeatures[], request: SelectionRequest): Promise<void> {
    this.cancel();
    const { id, selected } = request;
    if (selected === null) {
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    try {
      const problem = selectionProblem(selected);
      if (problem !== null) {
        this.post({ type: 'selection-done', id, message: problem });
        return;
      }
      for (const [layer, features] of layers.entries()) {
        const values = await selectionSeparability(features, selected, { signal });
        signal.throwIfAborted();
        this.post({ type: 'selection-metrics', id, layer, values });
      }
      this.post({ type: 'selection-done', id, message: null });
    } catch (err) {
      if (!signal.aborted) {
        const message = err instanceof Error ? err.message : String(err);
        this.post({ type: 'selection-error', id, message });
      }
    } finally {
      if (this.controller === controller) {
        this.controller = null;
      }
    }
  }
}
