/** A rectangle in Plotly paper coordinates, each interval within [0, 1]. */
export interface Domain {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** Share of the figure's width the focused layer takes when there are other layers. */
export const FOCUS_WIDTH = 0.6;
/** The same with more than 8 thumbnails, whose three columns need room for their titles. */
export const CROWDED_FOCUS_WIDTH = 0.5;
const GAP = 0.04;
const TITLE_SPACE = 0.07;

/** At most this many thumbnails are drawn beside the focused layer (the layer list has all). */
export const MAX_THUMBNAILS = 15;

/**
 * The layers drawn as thumbnails: every other layer when they fit, else the `max` nearest to the
 * focus in depth order (a window that moves with the focus), ascending.
 */
export function thumbnailLayers(count: number, focus: number, max = MAX_THUMBNAILS): number[] {
  const others = Array.from({ length: count }, (_, i) => i).filter((i) => i !== focus);
  if (others.length <= max) {
    return others;
  }
  const start = Math.max(0, Math.min(others.length - max, focus - Math.floor(max / 2)));
  return others.slice(start, start + max);
}

/**
 * Place `count` subplots: the focused one large on the left, the others as thumbnails in a grid
 * on the right; past {@link MAX_THUMBNAILS}, only those {@link thumbnailLayers} picks (the
 * others are undefined: not drawn). Moving the focus only moves domains.
 *
 * @param count - number of layers, 1 or more.
 * @param focus - index of the focused layer, `0 <= focus < count`.
 */
export function subplotDomains(count: number, focus: number): (Domain | undefined)[] {
  if (count <= 1) {
    return [{ x: [0, 1], y: [0, 1 - TITLE_SPACE] }];
  }
  const drawn = new Set(thumbnailLayers(count, focus));
  const others = drawn.size;
  const columns = others <= 3 ? 1 : others <= 8 ? 2 : 3;
  const rows = Math.ceil(others / columns);
  const focusWidth = others > 8 ? CROWDED_FOCUS_WIDTH : FOCUS_WIDTH;
  const left = focusWidth + GAP;
  const cellW = (1 - left - GAP * (columns - 1)) / columns;
  const cellH = (1 - GAP * (rows - 1)) / rows;
  const domains: (Domain | undefined)[] = [];
  let slot = 0;
  for (let i = 0; i < count; i++) {
    if (i === focus) {
      domains.push({ x: [0, focusWidth], y: [0, 1 - TITLE_SPACE] });
      continue;
    }
    if (!drawn.has(i)) {
      domains.push(undefined);
      continue;
    }
    const row = Math.floor(slot / columns);
    const col = slot % columns;
    const x0 = left + col * (cellW + GAP);
    const top = 1 - row * (cellH + GAP);
    domains.push({ x: [x0, x0 + cellW], y: [Math.max(0, top - cellH), top - TITLE_SPACE] });
    slot++;
  }
  return domains;
}
