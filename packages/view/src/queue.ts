/**
 * Runs async tasks one at a time, in order. TF.js backends are global per page, so two widgets
 * computing at once would switch the backend under each other's feet.
 */
export class TaskQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Run `task` after every task queued before it has settled; resolves with its result. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The one queue for all layerviz widgets of the page. */
export const tfQueue = new TaskQueue();
