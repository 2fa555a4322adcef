/** Keys that move to the previous and next layer anywhere in the view (named in tooltips). */
export const LAYER_KEYS = { previous: '[', next: ']' } as const;

/**
 * The layer step a key press asks for: -1 for {@link LAYER_KEYS}.previous, +1 for next, 0 for
 * any other key, or for keys typed into a text field or with a modifier held. Pure, so it is
 * tested without a browser.
 */
export function layerKeyStep(
  key: string,
  target: { tagName?: string } | null,
  modified: boolean
): number {
  const tag = target?.tagName?.toUpperCase();
  if (modified || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
    return 0;
  }
  return key === LAYER_KEYS.previous ? -1 : key === LAYER_KEYS.next ? 1 : 0;
}

/**
 * The layer slider: picks the layer shown large, and names it ("2/5: dense (Dense) [None, 16]"),
 * between a previous and a next button. Disabled while fewer than two layers are shown.
 */
export class LayerSlider {
  /** The buttons, slider and caption; append it to the controls. */
  readonly node: HTMLDivElement;
  private readonly input: HTMLInputElement;
  private readonly caption: HTMLSpanElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;

  /** @param onInput - told the index the user moved to (slider, buttons or {@link step}). */
  constructor(
    document: Document,
    private readonly onInput: (index: number) => void
  ) {
    // A group, not a label: a label would pass clicks on its caption to the first button.
    this.node = document.createElement('div');
    this.node.className = 'lv-slider';
    this.node.setAttribute('role', 'group');
    this.node.setAttribute('aria-label', 'layer');
    this.input = document.createElement('input');
    this.input.className = 'lv-slider-input';
    this.input.type = 'range';
    this.input.min = '0';
    this.input.max = '0';
    this.input.step = '1';
    this.input.value = '0';
    this.input.disabled = true;
    this.input.setAttribute('aria-label', 'focused layer');
    this.input.addEventListener('input', () => onInput(Number(this.input.value)));
    this.caption = document.createElement('span');
    this.caption.className = 'lv-slider-label';
    this.previous = stepButton(document, 'lv-prev', '‹', `Previous layer (${LAYER_KEYS.previous})`);
    this.next = stepButton(document, 'lv-next', '›', `Next layer (${LAYER_KEYS.next})`);
    this.previous.addEventListener('click', () => this.step(-1));
    this.next.addEventListener('click', () => this.step(1));
    this.node.append(this.previous, this.input, this.next, this.caption);
  }

  /** Offer `count` layers (indices 0 to count - 1). */
  setCount(count: number): void {
    this.input.max = String(Math.max(0, count - 1));
    this.input.disabled = count < 2;
    this.previous.disabled = count < 2;
    this.next.disabled = count < 2;
  }

  /** Move to `index` (without telling `onInput`) and caption it `"index+1/count: title"`. */
  show(index: number, count: number, title: string | null): void {
    this.input.value = String(index);
    this.caption.textContent = title === null ? '' : `${index + 1}/${count}: ${title}`;
  }

  /** Move `delta` layers from the current one, within the layers shown (no wrapping). */
  step(delta: number): void {
    const last = Number(this.input.max);
    const index = Math.max(0, Math.min(last, Number(this.input.value) + delta));
    if (!this.input.disabled && index !== Number(this.input.value)) {
      this.onInput(index);
    }
  }
}

function stepButton(
  document: Document,
  className: string,
  glyph: string,
  title: string
): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `lv-button lv-icon-button ${className}`;
  button.textContent = glyph;
  button.title = title;
  button.setAttribute('aria-label', title);
  button.disabled = true;
  return button;
}
