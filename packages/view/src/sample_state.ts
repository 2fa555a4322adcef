import {
  type ColorBy,
  colorChoices,
  type Coloring,
  coloring,
  sampleColors,
  type SampleDetails
} from './coloring.js';
import { searchSamples } from './explore.js';
import { type CardInfo, cardInfo, sampleLine } from './sample_card.js';

/**
 * What is known about the shown samples (labels, original rows, predictions, texts, thumbnails,
 * metadata) and what colors them now. The figure, the preview, the hover card, the search box
 * and the exports all read it from here; colorings are computed once per choice, not per frame.
 */
export class SampleState {
  private labelValues: ArrayLike<number> | null = null;
  private ids: ArrayLike<number> | null = null;
  private detailValues: SampleDetails = {};
  private colorByValue: ColorBy = 'label';
  private cached: { key: string; value: Coloring; perSample: string[] | null } | null = null;

  /** A class id per sample, or null. */
  get labels(): ArrayLike<number> | null {
    return this.labelValues;
  }

  /** Each sample's row in the user's original data, or null for 0..N-1. */
  get sampleIds(): ArrayLike<number> | null {
    return this.ids;
  }

  /** Predictions, texts, thumbnails and metadata. */
  get details(): SampleDetails {
    return this.detailValues;
  }

  /** What colors the points (see {@link ColorBy}). */
  get colorBy(): ColorBy {
    return this.colorByValue;
  }

  /** Set the labels and original rows of the samples. */
  setSamples(labels: ArrayLike<number> | null, sampleIds: ArrayLike<number> | null): void {
    this.labelValues = labels;
    this.ids = sampleIds;
    this.cached = null;
  }

  /** Set what else is known about each sample. */
  setDetails(details: SampleDetails): void {
    this.detailValues = details;
    this.cached = null;
  }

  /** Color by `colorBy`; returns false when it already did. */
  setColorBy(colorBy: ColorBy): boolean {
    if (colorBy === this.colorByValue) {
      return false;
    }
    this.colorByValue = colorBy;
    return true;
  }

  /** The "Color by" choices these samples offer. */
  colorChoices(): { value: ColorBy; text: string }[] {
    return colorChoices(this.labelValues, this.detailValues);
  }

  /** True when the samples have texts or metadata to search. */
  get searchable(): boolean {
    return (
      (this.detailValues.texts?.length ?? 0) > 0 ||
      Object.keys(this.detailValues.meta ?? {}).length > 0
    );
  }

  /** The coloring of `n` samples, computed once per choice. */
  coloring(n: number): Coloring {
    const key = `${this.colorByValue}|${n}`;
    if (this.cached?.key !== key) {
      const value = coloring(this.colorByValue, n, this.labelValues, this.detailValues);
      this.cached = { key, value, perSample: null };
    }
    return this.cached.value;
  }

  /** Each of `n` samples' CSS color (for the canvas preview), computed once per coloring. */
  colors(n: number): string[] {
    const value = this.coloring(n);
    const cached = this.cached;
    if (cached === null) {
      return sampleColors(value, n);
    }
    cached.perSample ??= sampleColors(value, n);
    return cached.perSample;
  }

  /** Positions of the samples matching `query` among `n`; null for an empty query. */
  search(query: string, n: number): number[] | null {
    return searchSamples(query, n, this.detailValues);
  }

  /** What the hover card shows for the sample at `position`. */
  card(position: number): CardInfo {
    return cardInfo(position, this.labelValues, this.ids, this.detailValues);
  }

  /** One line of plain text per sample (the standalone HTML export's hover text). */
  lines(n: number): string[] {
    return Array.from({ length: n }, (_, s) => sampleLine(this.card(s)));
  }
}
