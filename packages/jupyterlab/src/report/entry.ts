// The page script of `python -m layerviz report`: reads the widget state the report carries and
// shows it with the same view, input conversion and layout worker as the notebook widget, with
// no ipywidgets, kernel or network.
import { LayerVizView, runLayerViz } from '@layerviz/view';

import { viewInput } from '../view_input.js';
import { provideWasmBinary } from '../wasm_backend.js';
import { savedStateReader, type SavedWidgetState } from './state.js';

declare global {
  interface Window {
    /** The report's view, for people debugging a report and for the browser tests. */
    layervizReport?: { view: LayerVizView; shown: Promise<boolean> };
  }
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
  let shown: Promise<boolean>;
  try {
    const reader = savedStateReader(JSON.parse(script.textContent ?? '') as SavedWidgetState);
    view.setNotice((reader.get('notice') as string | null) || null);
    const ignore = (): void => undefined;
    const input = viewInput(reader, {
      onLayoutChange: ignore,
      onMetrics: ignore,
      onLayout: ignore,
      onFidelity: ignore
    });
    // A report has no model or kernel to compute a layer it does not hold: the layer list
    // shows the others without offering them.
    shown = runLayerViz(view, { ...input, canAddLayers: false });
  } catch (err) {
    view.showError(err instanceof Error ? err.message : String(err));
    shown = Promise.resolve(false);
  }
  window.layervizReport = { view, shown };
}

start();
