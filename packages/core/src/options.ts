/**
 * Every layout option's default and range, in one place: the reducers check against it, the
 * view's controls show it, the cache key fills unset fields from it, and the widget's traits start
 * from it. Python's `layerviz/options.py` holds the same numbers; a test holds the two equal. No
 * imports, so it is free of TF.js and of the DOM.
 *
 * @packageDocumentation
 */

/** The layout methods, in the order the Python table lists them. */
export const LAYOUT_METHODS = ['tsne', 'umap', 'pca'] as const;

/** How a layer's samples are laid out in 2-D or 3-D. */
export type LayoutMethod = (typeof LAYOUT_METHODS)[number];

/** Layout dimensions. */
export const LAYOUT_DIMS = [2, 3] as const;

/** A closed range and the default of a numeric layout option. */
export interface NumberOption {
  /** Smallest allowed value. */
  readonly min: number;
  /** Largest allowed value. */
  readonly max: number;
  /** Used when the option is unset; null when the method chooses (see its documentation). */
  readonly default: number | null;
  /** Whether the value must be whole. */
  readonly integer: boolean;
}

/** The numeric layout options, by their TypeScript (camelCase) names. */
export const LAYOUT_NUMBERS = {
  /** t-SNE's effective number of neighbours. */
  perplexity: { min: 2, max: 100, default: 30, integer: false },
  /** UMAP's neighbourhood size. */
  neighbors: { min: 2, max: 200, default: 15, integer: true },
  /** UMAP's minimum distance between packed points. */
  minDist: { min: 0, max: 1, default: 0.1, integer: false },
  /** Seed of every random choice (a 31-bit integer). */
  seed: { min: 0, max: 2 ** 31 - 1, default: 0, integer: true },
  /**
   * t-SNE iterations or UMAP epochs; unset means {@link TSNE_ITERATIONS} for t-SNE and umap-js's
   * choice for UMAP.
   */
  iterations: { min: 1, max: 10000, default: null, integer: true }
} as const satisfies Record<string, NumberOption>;

/** t-SNE's iterations when `iterations` is unset. */
export const TSNE_ITERATIONS = 750;

/** The method and dimensions layerviz starts with: the article's t-SNE, in 2-D. */
export const DEFAULT_METHOD: LayoutMethod = 'tsne';

/** Dimensions layerviz starts with. */
export const DEFAULT_DIMS: 2 | 3 = 2;

/** Separability metrics measured per layer, from none to all. */
export const METRICS_LEVELS = ['none', 'fast', 'all'] as const;

/** Metrics measured when none are asked for. */
export const DEFAULT_METRICS_LEVEL: (typeof METRICS_LEVELS)[number] = 'fast';

/** At most this many samples are shown by default (at least 1). */
export const DEFAULT_MAX_POINTS = 2000;
