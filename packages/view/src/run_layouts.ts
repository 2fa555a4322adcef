import type { LayerResult } from '@layerviz/core';
import type { LayoutParameters } from '@layerviz/core/reduce';
import type { LayoutReply, MetricsLevel } from '@layerviz/core/service';

import { METHOD_LABELS } from './layout_controls.js';
import { alignedTo } from './epochs.js';
import { LayoutClient } from './layout_client.js';
import type { ActivationsInput, ModelInput } from './run_input.js';
import { SelectionMetricsTracker } from './selection_metrics.js';
import type { LayerVizView } from './view.js';

/**
 * `coords` (`(N, dims)` row-major) with the samples at `rows` set to NaN, which Plotly and the
 * preview leave undrawn; `coords` itself when `rows` is empty.
 */
export function hideRows(coords: Float32Array, rows: Int32Array, dims: number): Float32Array {
  if (rows.length === 0) {
    return coords;
  }
  const out = coords.slice();
  for (const r of rows) {
    out.fill(Number.NaN, r * dims, (r + 1) * dims);
  }
  return out;
}

/**
 * What a run lays out first and how. The run keeps it itself: the view's layout controls only
 * show the parameters, and tell the run of each layout the user picks.
 */
export interface LayoutPlan {
  /** The layout method and parameters to lay out with first. */
  readonly params: LayoutParameters;
  /** Separability metrics to measure with the layouts. */
  readonly metrics: MetricsLevel;
  /** Layouts made earlier with the first `params`, by layer name: kept instead of computed. */
  readonly known: Readonly<Record<string, Float32Array>>;
  /** Per layer name, a layout to rotate the first `params`' frames and layouts onto. */
  readonly alignTo: Readonly<Record<string, Float32Array>>;
}

/**
 * Lay every layer of `results` out in the worker with `plan`, showing frames and layouts in
 * `view`, and again with each layout the user picks, until `signal` fires.
 *
 * @returns true once the first layout of every layer is shown, false on error or abort.
 */
export function runLayouts(
  view: LayerVizView,
  results: readonly LayerResult[],
  input: ModelInput | ActivationsInput,
  plan: LayoutPlan,
  signal: AbortSignal | undefined
): Promise<boolean> {
  const names = results.map((r) => r.info.name);
  let params = plan.params;
  let align = plan.alignTo;
  const hidden = (layer: number, coords: Float32Array): Float32Array =>
    alignedTo(
      hideRows(coords, results[layer]?.invalidRows ?? new Int32Array(0), params.dims),
      align[names[layer] ?? ''],
      params.dims
    );
  let firstDone: (ok: boolean) => void = () => undefined;
  const first = new Promise<boolean>((resolve) => (firstDone = resolve));
  const label = (): string => METHOD_LABELS[params.method];
  // Layers are laid out nearest to the focus first, so progress counts layers, not positions.
  let laidOut = 0;
  let selection: SelectionMetricsTracker | null = null;
  const client = new LayoutClient(
    (reply: LayoutReply) => {
      if (selection?.handle(reply) === true) {
        return;
      }
      switch (reply.type) {
        case 'frame': {
          const preview = reply.total === 0;
          const status = preview ? 'PCA preview' : `${label()} ${reply.done}/${reply.total}`;
          view.setCoords(names[reply.layer] ?? '', hidden(reply.layer, reply.coords), {
            dims: params.dims,
            final: false,
            status
          });
          if (!preview) {
            view.setProgress({
              stage: 'layout',
              done: laidOut * reply.total + reply.done,
              total: names.length * reply.total,
              message:
                `${label()}: ${laidOut} of ${names.length} layers laid out; layer ` +
                `"${names[reply.layer] ?? ''}", iteration ${reply.done} of ${reply.total}`
            });
          }
          return;
        }
        case 'layout':
          laidOut += 1;
          view.setProgress({
            stage: 'layout',
            done: laidOut,
            total: names.length,
            message: `${label()}: ${laidOut} of ${names.length} layers laid out`
          });
          {
            const coords = hidden(reply.layer, reply.coords);
            view.setCoords(names[reply.layer] ?? '', coords, { dims: params.dims });
            input.onLayout?.(names[reply.layer] ?? '', coords, params.dims);
          }
          return;
        case 'metrics-progress':
          view.setProgress({
            stage: 'metrics',
            done: Math.round(reply.fraction * 100),
            total: 100,
            message: `Metrics: layer ${reply.layer + 1} of ${names.length}, ${Math.round(reply.fraction * 100)}%`
          });
          return;
        case 'metrics':
          view.setMetrics(names[reply.layer] ?? '', reply.values);
          input.onMetrics?.(view.layerMetrics);
          return;
        case 'cka-progress':
          view.setProgress({
            stage: 'metrics',
            done: Math.round(reply.fraction * 100),
            total: 100,
            message: `CKA between layers: ${Math.round(reply.fraction * 100)}%`
          });
          return;
        case 'cka':
          view.setCka({ layers: reply.layers, values: reply.values });
          input.onCka?.({ layers: reply.layers, values: reply.values });
          return;
        case 'done':
          view.setProgress(null);
          void view.whenRendered().then(() => firstDone(true));
          return;
        case 'error':
          view.showError(`${label()} failed: ${reply.message}`);
          firstDone(false);
          return;
      }
    },
    globalThis,
    input.layoutWorkers
  );
  // Where layouts run, for people debugging a page (and for the browser tests).
  view.node.dataset['layoutRunner'] = client.inWorker ? 'worker' : 'page';
  view.node.dataset['layoutWorkers'] = String(LayoutClient.liveWorkers);
  view.node.dataset['layoutLanes'] = String(client.workerCount);
  const labels = input.labels === null ? null : Int32Array.from(input.labels as ArrayLike<number>);
  client.setData(
    results.map((r) => r.features),
    labels
  );
  view.setLayerFeatures(results.map((r) => r.features));
  // Whatever is selected is measured layer by layer in the worker, beside the layouts.
  const tracked = new SelectionMetricsTracker(
    client,
    names,
    results[0]?.features.rows ?? 0,
    (state) => {
      view.setSelectionMetrics(state);
      input.onSelectionMetrics?.(state);
    }
  );
  selection = tracked;
  view.setSelectionMetrics(null);
  const unselect = view.onSelectionChange((samples) => tracked.select(samples));
  tracked.select(view.selectionBus.selection);
  let reuse = plan.known;
  let started = false;
  const start = (next: LayoutParameters): void => {
    // Layouts of other parameters are not what the reference layouts were made with.
    align = started ? {} : align;
    started = true;
    params = next;
    laidOut = 0;
    client.focus(view.focus);
    view.restartLayouts();
    view.setProgress({
      stage: 'layout',
      done: 0,
      total: names.length,
      message: `${label()}: starting`
    });
    client.layout(next, plan.metrics, reuse);
    // Only the first layout has the parameters those layouts were made with.
    reuse = {};
  };
  const unsubscribe = view.onLayoutChange((next) => {
    input.onLayoutChange?.(next);
    start(next);
  });
  // Work where the user looks: the focused layer and its neighbours are laid out first.
  const unfocus = view.onFocusChange((index) => client.focus(index));
  signal?.addEventListener(
    'abort',
    () => {
      unsubscribe();
      unfocus();
      unselect();
      tracked.dispose();
      client.dispose();
      firstDone(false);
    },
    { once: true }
  );
  // The figure of empty subplots is drawn before the worker starts, so no Plotly work overlaps it.
  void view.whenRendered().then(() => {
    if (!signal?.aborted) {
      start(params);
    }
  });
  return first;
}
