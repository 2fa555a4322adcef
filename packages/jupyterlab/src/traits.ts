import {
  DEFAULT_DIMS,
  DEFAULT_MAX_POINTS,
  DEFAULT_METHOD,
  DEFAULT_METRICS_LEVEL,
  LAYOUT_NUMBERS,
  layoutKey,
  type LayoutMethod,
  type LayoutParameters
} from '@layerviz/core/reduce';

/**
 * The synced traits of a layerviz widget and their defaults, as `layerviz/widget.py` (and its
 * recorder subclass, `timeline_widget.py`) declares them; a Python test holds the two equal. The
 * layout traits start from core's option defaults. Free of the DOM and of Jupyter, so Node can
 * read it.
 */
export const TRAIT_DEFAULTS = {
  model_topology: {},
  weight_specs: [],
  weight_data: null,
  x: null,
  labels: null,
  sample_ids: null,
  layers: [],
  all_layers: [],
  backend: 'auto',
  compute: 'browser',
  activations: null,
  layer_info: [],
  notice: '',
  fidelity_reference: null,
  method: DEFAULT_METHOD,
  dims: DEFAULT_DIMS,
  perplexity: LAYOUT_NUMBERS.perplexity.default,
  neighbors: LAYOUT_NUMBERS.neighbors.default,
  min_dist: LAYOUT_NUMBERS.minDist.default,
  seed: LAYOUT_NUMBERS.seed.default,
  iterations: LAYOUT_NUMBERS.iterations.default,
  metrics_level: DEFAULT_METRICS_LEVEL,
  selection: [],
  selection_separability: {},
  predictions: null,
  confidence: null,
  texts: null,
  images: null,
  meta: {},
  color_by: 'label',
  label_names: null,
  focus: '',
  max_points: DEFAULT_MAX_POINTS,
  total_samples: 0,
  saved_layouts: null,
  saved_view: {},
  save_model: false,
  epochs: [],
  epoch: 0,
  grid: null,
  epoch_cka: {}
};

/** The traits that hold the layout's method and parameters. */
export const LAYOUT_TRAITS: readonly string[] = [
  'method',
  'dims',
  'perplexity',
  'neighbors',
  'min_dist',
  'seed',
  'iterations'
];

/** Where the synced traits are read from (a widget model). */
export interface TraitReader {
  get(name: string): unknown;
}

/** The layout traits as the view's parameters; an unset `iterations` (null) is left out. */
export function layoutParameters(model: TraitReader): LayoutParameters {
  const iterations = model.get('iterations') as number | null;
  return {
    method: model.get('method') as LayoutMethod,
    dims: model.get('dims') === 3 ? 3 : 2,
    perplexity: model.get('perplexity') as number,
    neighbors: model.get('neighbors') as number,
    minDist: model.get('min_dist') as number,
    seed: model.get('seed') as number,
    ...(iterations === null ? {} : { iterations })
  };
}

/** The view's parameters as the layout traits, unset fields at their defaults. */
export function layoutTraits(params: LayoutParameters): Record<string, unknown> {
  return {
    method: params.method,
    dims: params.dims,
    perplexity: params.perplexity ?? LAYOUT_NUMBERS.perplexity.default,
    neighbors: params.neighbors ?? LAYOUT_NUMBERS.neighbors.default,
    min_dist: params.minDist ?? LAYOUT_NUMBERS.minDist.default,
    seed: params.seed ?? LAYOUT_NUMBERS.seed.default
  };
}

/**
 * What a view should do when traits named `changed` were set from Python: `'relayout'` with the
 * traits' parameters when they lay the layers out differently from `shown` (the view's), `'show'`
 * when only fields the method ignores changed (the controls show them), else null.
 */
export function layoutChangeFromKernel(
  changed: readonly string[],
  model: TraitReader,
  shown: LayoutParameters
): { action: 'relayout' | 'show'; params: LayoutParameters } | null {
  if (!changed.some((name) => LAYOUT_TRAITS.includes(name))) {
    return null;
  }
  const params = layoutParameters(model);
  return { action: layoutKey(params) === layoutKey(shown) ? 'show' : 'relayout', params };
}
