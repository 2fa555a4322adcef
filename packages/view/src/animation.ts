import type { LayerPlot } from './figure.js';

/** How long moving the focus to another layer animates the points, in ms. */
export const FOCUS_ANIMATION_MS = 450;

/**
 * Whether the page asks for as little motion as possible (`prefers-reduced-motion: reduce`):
 * then the points jump to the new layer instead of gliding.
 */
export function prefersReducedMotion(document: Document): boolean {
  return document.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** A focus change in progress: the new focused layer's points glide from `from`. */
export interface FocusAnimation {
  /** Index of the layer that became focused. */
  readonly layer: number;
  /** The previously focused layer's layout, same size as the new one's. */
  readonly from: Float32Array;
  /**
   * `performance.now()` when its first frame was drawn, in ms; null until then, so that a page
   * busy when the focus changes still shows the whole glide instead of jumping to its end.
   */
  readonly start: number | null;
}

/**
 * The layers as drawn at time `now`: the animated layer's coordinates part-way (smoothstep)
 * between the old layout and its own. Pure, so it is tested without a browser.
 *
 * @returns the layers to draw and whether the animation is still running.
 */
export function animatedLayers(
  layers: readonly LayerPlot[],
  animation: FocusAnimation | null,
  focus: number,
  now: number
): { layers: readonly LayerPlot[]; animating: boolean } {
  const target = animation === null ? undefined : layers[animation.layer];
  const to = target?.coords;
  if (animation === null || to === null || to === undefined || animation.layer !== focus) {
    return { layers, animating: false };
  }
  const t =
    animation.start === null ? 0 : Math.min(1, (now - animation.start) / FOCUS_ANIMATION_MS);
  if (t >= 1) {
    return { layers, animating: false };
  }
  const eased = t * t * (3 - 2 * t);
  const coords = new Float32Array(to.length);
  for (let i = 0; i < to.length; i++) {
    coords[i] = (animation.from[i] ?? 0) * (1 - eased) + (to[i] ?? 0) * eased;
  }
  return {
    layers: layers.map((l, i) => (i === animation.layer ? { ...l, coords } : l)),
    animating: true
  };
}
