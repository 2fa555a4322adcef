import { interpolateViridis } from 'd3-scale-chromatic';

import { classColor, UNLABELED_COLOR } from './palette.js';

/** A value of per-sample metadata, as JSON carries it. */
export type MetaValue = string | number | boolean | null;

/** What is known about each shown sample besides its label; every array has one entry per sample. */
export interface SampleDetails {
  /** Predicted class id (from the model's output layer). */
  readonly predictions?: ArrayLike<number> | null;
  /** Probability of the predicted class, in [0, 1]. */
  readonly confidence?: ArrayLike<number> | null;
  /** The sample's text, shown as plain text on hover and searched by the search box. */
  readonly texts?: readonly string[] | null;
  /** Thumbnails `(N, h, w, c)` with c = 1 (grey) or 3 (RGB), row-major. */
  readonly images?: { readonly data: Uint8Array; readonly shape: readonly number[] } | null;
  /** Metadata columns by name. */
  readonly meta?: Readonly<Record<string, readonly MetaValue[]>> | null;
  /** The name of each class id (labels given as strings), shown instead of the id. */
  readonly classNames?: readonly string[] | null;
}

/** How class `id` is shown: its name when the classes have names, else `"<prefix><id>"`. */
export function className(
  id: number,
  classNames: readonly string[] | null | undefined,
  prefix = ''
): string {
  return classNames?.[id] ?? `${prefix}${id}`;
}

/**
 * What colors the points: the true `label`, the predicted class (`prediction`), whether the
 * prediction is right (`correct`), the prediction's `confidence`, or a metadata column
 * (`meta:<column>`).
 */
export type ColorBy = string;

/** The points split into colored groups (categories), one legend entry each. */
export interface ColorGroups {
  readonly kind: 'groups';
  readonly title: string;
  readonly groups: readonly { name: string; color: string; members: number[] }[];
}

/** One continuous value per sample on a color scale; NaN where unknown. */
export interface ColorScale {
  readonly kind: 'scale';
  readonly title: string;
  readonly values: Float64Array;
  readonly min: number;
  readonly max: number;
  /** Plotly's `[position in [0, 1], color]` stops. */
  readonly colorscale: [number, string][];
}

export type Coloring = ColorGroups | ColorScale;

/** Colors of `correct` (blue) and `wrong` (orange): distinguishable with common color blindness. */
const CORRECT_COLORS = { correct: '#4e79a7', wrong: '#f28e2b' } as const;

/** Viridis (perceptually uniform, colorblind-safe) as Plotly stops. */
export const VIRIDIS: [number, string][] = Array.from({ length: 11 }, (_, i) => [
  i / 10,
  interpolateViridis(i / 10)
]);

/** The choices of the "Color by" menu that the data supports, with their menu text. */
export function colorChoices(
  labels: ArrayLike<number> | null,
  details: SampleDetails
): { value: ColorBy; text: string }[] {
  const choices: { value: ColorBy; text: string }[] = [{ value: 'label', text: 'label' }];
  if (details.predictions) {
    choices.push({ value: 'prediction', text: 'prediction' });
    if (labels) {
      choices.push({ value: 'correct', text: 'correct / wrong' });
    }
  }
  if (details.confidence) {
    choices.push({ value: 'confidence', text: 'confidence' });
  }
  for (const name of Object.keys(details.meta ?? {})) {
    choices.push({ value: `meta:${name}`, text: name });
  }
  return choices;
}

/**
 * Split `n` samples into colored groups or put them on a scale, by `colorBy`. Asking for what the
 * data lacks (predictions without a model output, an unknown column) falls back to the labels.
 * Pure, so it is tested without a browser.
 */
export function coloring(
  colorBy: ColorBy,
  n: number,
  labels: ArrayLike<number> | null,
  details: SampleDetails
): Coloring {
  const { predictions, confidence, classNames } = details;
  // Ids read "label 3" / "predicted 3"; names read "cat" / "predicted cat".
  const classOf = (idPrefix: string, namePrefix: string) => (value: MetaValue) =>
    typeof value === 'number' && classNames?.[value] !== undefined
      ? `${namePrefix}${classNames[value]}`
      : `${idPrefix}${String(value)}`;
  if (colorBy === 'prediction' && predictions) {
    return categories(
      'prediction',
      n,
      (s) => predictions[s] ?? null,
      classOf('predicted ', 'predicted ')
    );
  }
  if (colorBy === 'correct' && predictions && labels) {
    const right: number[] = [];
    const wrong: number[] = [];
    for (let s = 0; s < n; s++) {
      (predictions[s] === labels[s] ? right : wrong).push(s);
    }
    const groups = [
      { name: 'correct', color: CORRECT_COLORS.correct, members: right },
      { name: 'wrong', color: CORRECT_COLORS.wrong, members: wrong }
    ];
    return { kind: 'groups', title: 'correct', groups };
  }
  if (colorBy === 'confidence' && confidence) {
    return scale(
      'confidence',
      Float64Array.from({ length: n }, (_, s) => confidence[s] ?? NaN)
    );
  }
  const column = colorBy.startsWith('meta:') ? details.meta?.[colorBy.slice(5)] : undefined;
  if (column !== undefined) {
    const title = colorBy.slice(5);
    if (isContinuous(column)) {
      return scale(
        title,
        Float64Array.from({ length: n }, (_, s) => toNumber(column[s]))
      );
    }
    return categories(title, n, (s) => column[s] ?? null, String);
  }
  if (labels === null) {
    return {
      kind: 'groups',
      title: 'samples',
      groups: [{ name: 'samples', color: UNLABELED_COLOR, members: range(n) }]
    };
  }
  return categories('label', n, (s) => labels[s] ?? null, classOf('label ', ''));
}

/** The color each sample is drawn in under `c` (for the canvas preview). */
export function sampleColors(c: Coloring, n: number): string[] {
  const colors = new Array<string>(n).fill(UNLABELED_COLOR);
  if (c.kind === 'groups') {
    c.groups.forEach((g) => g.members.forEach((s) => (colors[s] = g.color)));
    return colors;
  }
  const span = c.max - c.min || 1;
  for (let s = 0; s < n; s++) {
    const v = c.values[s] ?? NaN;
    // Ten steps of the scale: few distinct colors keep the preview's drawing cheap.
    colors[s] = Number.isNaN(v)
      ? UNLABELED_COLOR
      : interpolateViridis(Math.round(((v - c.min) / span) * 10) / 10);
  }
  return colors;
}

function categories(
  title: string,
  n: number,
  valueOf: (s: number) => MetaValue,
  nameOf: (value: MetaValue) => string
): ColorGroups {
  const byValue = new Map<string, { value: MetaValue; members: number[] }>();
  for (let s = 0; s < n; s++) {
    const value = valueOf(s);
    const key = value === null ? '\u0000missing' : String(value);
    let entry = byValue.get(key);
    if (entry === undefined) {
      entry = { value, members: [] };
      byValue.set(key, entry);
    }
    entry.members.push(s);
  }
  const entries = [...byValue.values()].sort((a, b) => compareValues(a.value, b.value));
  let colorIndex = 0;
  return {
    kind: 'groups',
    title,
    groups: entries.map(({ value, members }) => ({
      name: value === null ? 'missing' : nameOf(value),
      color: value === null ? '#bab0ac' : classColor(colorIndex++),
      members
    }))
  };
}

function scale(title: string, values: Float64Array): ColorScale {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isNaN(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  if (min > max) {
    [min, max] = [0, 1];
  }
  return { kind: 'scale', title, values, min, max, colorscale: VIRIDIS };
}

/** Numbers with more distinct values than a legend can hold, or any fractional value. */
function isContinuous(column: readonly MetaValue[]): boolean {
  const numbers = column.filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0 || numbers.length < column.filter((v) => v !== null).length) {
    return false;
  }
  return numbers.some((v) => !Number.isInteger(v)) || new Set(numbers).size > 12;
}

function toNumber(value: MetaValue | undefined): number {
  return typeof value === 'number' ? value : NaN;
}

/** Missing last; numbers by value; the rest as text. */
function compareValues(a: MetaValue, b: MetaValue): number {
  if (a === null || b === null) {
    return a === null ? (b === null ? 0 : 1) : -1;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(a).localeCompare(String(b));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
