/**
 * The layer slider: picks the layer shown large, and names it ("2/5: dense (Dense) [None, 16]").
 * Disabled while fewer than two layers are shown.
 */
export class LayerSlider {
  /** The slider with its caption; append it to the controls. */
  readonly node: HTMLLabelElement;
  private readonly input: HTMLInputElement;
  private readonly caption: HTMLSpanElement;

  /** @param onInput - told the index the user moved the slider to. */
  constructor(document: Document, onInput: (index: number) => void) {
    this.node = document.createElement('label');
    this.node.className = 'lv-slider';
    this.node.append('Layer ');
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
    this.node.append(this.input, this.caption);
  }

  /** Offer `count` layers (indices 0 to count - 1). */
  setCount(count: number): void {
    this.input.max = String(Math.max(0, count - 1));
    this.input.disabled = count < 2;
  }

  /** Move to `index` (without telling `onInput`) and caption it `"index+1/count: title"`. */
  show(index: number, count: number, title: string | null): void {
    this.input.value = String(index);
    this.caption.textContent = title === null ? '' : `${index + 1}/${count}: ${title}`;
  }
}
