import type * as PlotlyApi from 'plotly.js';

import { PLOTLY_SOURCE } from './source.generated.js';

export { PLOTLY_SOURCE, PLOTLY_TRACES, PLOTLY_VERSION } from './source.generated.js';
export type { Data, Layout } from 'plotly.js';

/** The Plotly functions the view calls. */
export type Plotly = typeof PlotlyApi;

let loaded: Plotly | null = null;

/**
 * Plotly, evaluated from {@link PLOTLY_SOURCE} on first use. The view and the HTML export share
 * that one string, so a bundle carries Plotly's code once, not once as a module and again as the
 * text an exported page inlines. The figure's WebGL traces (regl) build their drawing code with
 * `Function` anyway, so a page that can show them can evaluate this too. Nothing runs at import:
 * modules that draw can be imported where there is no DOM (Node, tests).
 */
export function plotly(): Plotly {
  if (loaded === null) {
    // The script declares `var Plotly`: local to this function, so no global is set.
    loaded = new Function(`${PLOTLY_SOURCE}\nreturn Plotly;`)() as Plotly;
  }
  return loaded;
}
