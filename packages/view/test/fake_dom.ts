/** The few DOM calls the view's small parts make, recorded (tests run without a DOM). */
export class FakeElement {
  className = '';
  type = '';
  min = '';
  max = '';
  step = '';
  value = '';
  disabled = false;
  textContent = '';
  hidden = false;
  readonly dataset: Record<string, string> = {};
  readonly children: unknown[] = [];
  readonly attributes = new Map<string, string>();
  listener: (() => void) | null = null;
  append(...nodes: unknown[]): void {
    this.children.push(...nodes);
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  addEventListener(_type: string, listener: () => void): void {
    this.listener = listener;
  }
}

/** A document whose `createElement` makes {@link FakeElement}s. */
export function fakeDocument(): Document {
  return { createElement: () => new FakeElement() } as unknown as Document;
}
