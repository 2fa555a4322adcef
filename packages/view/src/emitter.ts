/** A listener of one event: it receives that event's value. */
export type Listener<T> = (value: T) => void;

/**
 * Typed listeners by event name: `Events` maps each name to the value its listeners receive, e.g.
 * `new Emitter<{ focus: number; layout: LayoutParameters }>()`. A listener added or removed while
 * an event is emitted follows `Set` iteration: one added is called, one removed is not.
 */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Call `listener` on every `event` until the returned function is called. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const added = listener as Listener<never>;
    set.add(added);
    return () => void set.delete(added);
  }

  /** Tell every listener of `event` its `value`, in the order they were added. */
  emit<E extends keyof Events>(event: E, value: Events[E]): void {
    const set = this.listeners.get(event) as Set<Listener<Events[E]>> | undefined;
    set?.forEach((listener) => listener(value));
  }

  /** Remove every listener of every event (e.g. when the emitter's owner is disposed). */
  clear(): void {
    this.listeners.clear();
  }
}
