import { className, type MetaValue, type SampleDetails } from './coloring.js';

/** What the card shows about one sample. */
export interface CardInfo {
  /** The sample's row in the user's original data. */
  readonly id: number;
  readonly text?: string;
  /** Thumbnail pixels `(h, w, c)`, c = 1 or 3. */
  readonly image?: {
    readonly data: Uint8Array;
    readonly h: number;
    readonly w: number;
    readonly c: number;
  };
  /** The class as shown: its name when classes have names, else its id. */
  readonly label?: string;
  /** The predicted class, shown like `label`. */
  readonly prediction?: string;
  readonly confidence?: number;
  readonly meta: readonly [string, MetaValue][];
}

/**
 * Everything known about the sample at `position` (among the shown samples). Pure, so it is
 * tested without a browser.
 */
export function cardInfo(
  position: number,
  labels: ArrayLike<number> | null,
  sampleIds: ArrayLike<number> | null,
  details: SampleDetails
): CardInfo {
  const image = details.images;
  let thumbnail: CardInfo['image'];
  if (image && image.shape.length === 4) {
    const [, h = 0, w = 0, c = 1] = image.shape;
    const size = h * w * c;
    thumbnail = { data: image.data.subarray(position * size, (position + 1) * size), h, w, c };
  }
  const number = (values: ArrayLike<number> | null | undefined): number | undefined =>
    values ? values[position] : undefined;
  const named = (values: ArrayLike<number> | null | undefined): string | undefined => {
    const id = number(values);
    return id === undefined ? undefined : className(id, details.classNames);
  };
  return {
    id: Number(sampleIds?.[position] ?? position),
    text: details.texts?.[position],
    image: thumbnail,
    label: named(labels),
    prediction: named(details.predictions),
    confidence: number(details.confidence),
    meta: Object.entries(details.meta ?? {}).map(([name, column]) => [
      name,
      column[position] ?? null
    ])
  };
}

/** One line of text about a sample, e.g. `"sample 12 · label 1 · predicted 0: a fine film"`. */
export function sampleLine(info: CardInfo): string {
  const label = info.label === undefined ? '' : ` · label ${info.label}`;
  const predicted = info.prediction === undefined ? '' : ` · predicted ${info.prediction}`;
  return `sample ${info.id}${label}${predicted}${info.text ? `: ${info.text}` : ''}`;
}

/**
 * The panel beside the plots that shows the hovered sample: its image, its text, label,
 * prediction, confidence and metadata. Everything is set as text (never parsed as HTML), so a
 * sentence such as `<img src=x onerror=alert(1)>` is shown literally.
 */
export class SampleCard {
  readonly node: HTMLDivElement;

  constructor(private readonly document: Document) {
    this.node = document.createElement('div');
    this.node.className = 'lv-sample-card';
    this.node.setAttribute('aria-live', 'polite');
    this.show(null);
  }

  /** Show `info`, or a hint when nothing is hovered yet. */
  show(info: CardInfo | null): void {
    const doc = this.document;
    this.node.replaceChildren();
    if (info === null) {
      this.node.append(
        line(
          doc,
          'lv-card-hint',
          'Hover a point to see its sample. Shift+click a legend entry to select its class.'
        )
      );
      this.node.dataset['sample'] = '';
      return;
    }
    this.node.dataset['sample'] = String(info.id);
    this.node.append(line(doc, 'lv-card-title', `sample ${info.id}`));
    if (info.image) {
      this.node.append(thumbnail(doc, info.image));
    }
    if (info.text !== undefined) {
      this.node.append(line(doc, 'lv-card-text', info.text));
    }
    const facts: [string, string][] = [];
    if (info.label !== undefined) {
      facts.push(['label', String(info.label)]);
    }
    if (info.prediction !== undefined) {
      facts.push(['prediction', String(info.prediction)]);
    }
    if (info.confidence !== undefined) {
      facts.push(['confidence', info.confidence.toFixed(3)]);
    }
    for (const [name, value] of info.meta) {
      facts.push([name, value === null ? '—' : String(value)]);
    }
    const table = doc.createElement('div');
    table.className = 'lv-card-facts';
    for (const [name, value] of facts) {
      table.append(line(doc, 'lv-card-name', name), line(doc, 'lv-card-value', value));
    }
    this.node.append(table);
  }
}

function line(doc: Document, className: string, text: string): HTMLDivElement {
  const node = doc.createElement('div');
  node.className = className;
  node.textContent = text;
  return node;
}

/** The thumbnail drawn on a canvas, scaled up with crisp pixels. */
function thumbnail(doc: Document, image: NonNullable<CardInfo['image']>): HTMLCanvasElement {
  const canvas = doc.createElement('canvas');
  canvas.className = 'lv-card-image';
  canvas.width = image.w;
  canvas.height = image.h;
  const scale = Math.max(1, Math.floor(96 / Math.max(image.w, image.h)));
  canvas.style.width = `${image.w * scale}px`;
  canvas.style.height = `${image.h * scale}px`;
  const ctx = canvas.getContext('2d');
  if (ctx !== null) {
    const pixels = ctx.createImageData(image.w, image.h);
    for (let p = 0; p < image.w * image.h; p++) {
      for (let k = 0; k < 3; k++) {
        pixels.data[4 * p + k] = image.data[p * image.c + (image.c === 1 ? 0 : k)] ?? 0;
      }
      pixels.data[4 * p + 3] = 255;
    }
    ctx.putImageData(pixels, 0, 0);
  }
  return canvas;
}
