/** The next cap when the user asks for more samples: twice as many, at most all of them. */
export function nextSampleCount(shown: number, total: number): number {
  return Math.min(total, Math.max(1, shown) * 2);
}

/**
 * "180 of 1,000 samples · Show 360": how many samples are shown when not all are, and a button
 * that asks for twice as many (or all). Hidden when every sample is shown.
 */
export class SamplingControl {
  readonly node: HTMLSpanElement;
  private readonly text: HTMLSpanElement;
  private readonly button: HTMLButtonElement;
  private next = 0;

  /** @param onShowMore - told the number of samples the user asked for. */
  constructor(document: Document, onShowMore: (count: number) => void) {
    this.node = document.createElement('span');
    this.node.className = 'lv-sampling';
    this.node.hidden = true;
    this.text = document.createElement('span');
    this.text.className = 'lv-sampling-text';
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'lv-show-more';
    this.button.addEventListener('click', () => {
      if (this.next > 0) {
        this.button.disabled = true;
        onShowMore(this.next);
      }
    });
    this.node.append(this.text, this.button);
  }

  /** Say that `shown` of `total` samples are shown; hidden when they are all. */
  set(shown: number, total: number): void {
    this.node.hidden = total <= shown;
    this.next = total > shown ? nextSampleCount(shown, total) : 0;
    this.text.textContent = `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} samples`;
    this.button.textContent =
      this.next === total ? 'Show all' : `Show ${this.next.toLocaleString('en-US')}`;
    this.button.disabled = false;
  }
}
