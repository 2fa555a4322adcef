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
  /** The listener added last, whatever its event. */
  listener: (() => void) | null = null;
  readonly listeners = new Map<string, ((event?: unknown) => void)[]>();
  title = '';
  append(...nodes: unknown[]): void {
    this.children.push(...nodes);
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  addEventListener(type: string, listener: (event?: unknown) => void): void {
    this.listener = listener as () => void;
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** Call the listeners of `type` with `event`. */
  fire(type: string, event?: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) {
      listener(event);
    }
  }
  contains(node: unknown): boolean {
    return (
      node === this ||
      this.children.some((child) => child instanceof FakeElement && child.contains(node))
    );
  }
  focus(): void {
    this.focused = true;
  }
  focused = false;
}

/** A document whose `createElement` makes {@link FakeElement}s. */
export function fakeDocument(): Document {
  return { createElement: () => new FakeElement() } as unknown as Document;
}
