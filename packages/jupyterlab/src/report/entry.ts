// The page script of `python -m layerviz report`: reads the widget state the report carries and
// shows it with the same view, input conversion and layout worker as the notebook widget, with
// no ipywidgets, kernel or network. A recorder's report carries every recorded epoch too, and its
// epoch slider swaps them in as the kernel would.
import { type LayerVizInput, LayerVizView, runLayerViz } from '@layerviz/view';

import { EpochTimeline } from '../timeline.js';
import { type TraitReader, viewInput } from '../view_input.js';
import { provideWasmBinary } from '../wasm_backend.js';
import { type SavedEpoch, SavedEpochs } from './epochs.js';
import { savedStateReader, type SavedWidgetState } from './state.js';

declare global {
  interface Window {
    /** The report's view, for people debugging a report and for the browser tests. */
    layervizReport?: { view: LayerVizView; shown: Promise<boolean> };
  }
}

/** The view's input from `reader`, with no one to tell what the view does. */
function reportInput(reader: TraitReader): LayerVizInput {
  const ignore = (): void => undefined;
  const input = viewInput(reader, {
    onLayoutChange: ignore,
    onMetrics: ignore,
    onLayout: ignore,
    onFidelity: ignore
  });
  // A report has no model or kernel to compute a layer it does not hold: the layer list
  // shows the others without offering them.
  return { ...input, canAddLayers: false };
}

/** Show a recorder's epochs: run the view on the epoch chosen, again at each move. */
function showEpochs(view: LayerVizView, saved: SavedWidgetState, epochs: SavedEpoch[]): void {
  let controller = new AbortController();
  const run = (again: boolean): Promise<boolean> => {
    controller.abort();
    controller = new AbortController();
    const prepared = timeline.prepare(view, reportInput(model));
    const shown = runLayerViz(view, prepared.input, {
      signal: controller.signal,
      keepLayouts: again,
      ...prepared.options
    });
    window.layervizReport = { view, shown };
    return shown;
  };
  const model = new SavedEpochs(saved, epochs, () => void run(true));
  const timeline = new EpochTimeline(model);
  view.epochs.onChange((index) => timeline.choose(view, index));
  void run(false);
}

function start(): void {
  const script = document.getElementById('layerviz-state');
  const host = document.getElementById('layerviz');
  if (script === null || host === null) {
    return;
  }
  provideWasmBinary();
  const view = new LayerVizView(document);
  host.append(view.node);
  try {
    const saved = JSON.parse(script.textContent ?? '') as SavedWidgetState;
    const reader = savedStateReader(saved);
    view.setNotice((reader.get('notice') as string | null) || null);
    const epochs = JSON.parse(
      document.getElementById('layerviz-epochs')?.textContent || '[]'
    ) as SavedEpoch[];
    if (epochs.length > 0) {
      showEpochs(view, saved, epochs);
    } else {
      window.layervizReport = { view, shown: runLayerViz(view, reportInput(reader)) };
    }
  } catch (err) {
    view.showError(err instanceof Error ? err.message : String(err));
    window.layervizReport = { view, shown: Promise.resolve(false) };
  }
}

start();
