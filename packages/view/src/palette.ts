import { schemeTableau10 } from 'd3-scale-chromatic';

/**
 * Color of the `index`-th class: Tableau 10, a categorical scheme designed to stay
 * distinguishable for common color-vision deficiencies; it repeats past 10 classes.
 */
export function classColor(index: number): string {
  return schemeTableau10[index % schemeTableau10.length] ?? '#4e79a7';
}

/** Color of every point when there are no labels. */
export const UNLABELED_COLOR = '#4e79a7';
