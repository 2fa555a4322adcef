import type { Progress } from '@layerviz/core';

/** What the view shows, as `data-state` on its root element (handy for tests and CSS). */
export type ViewState = 'empty' | 'computing' | 'ready' | 'error';

/**
 * The view's words about its work: a progress bar with a message, a notice (not an error, e.g.
 * how the layers were computed) and an error box. Text only, never HTML.
 */
export class ViewStatus {
  /** The progress bar and its message; hidden when nothing runs. */
  readonly progress: HTMLDivElement;
  /** The notice; `role="status"`. */
  readonly notice: HTMLDivElement;
  /** The error box; `role="alert"`. */
  readonly error: HTMLDivElement;
  private readonly bar: HTMLProgressElement;
  private readonly message: HTMLSpanElement;

  constructor(document: Document) {
    this.progress = document.createElement('div');
    this.progress.className = 'lv-progress';
    this.bar = document.createElement('progress');
    this.bar.className = 'lv-progress-bar';
    this.bar.max = 1;
    this.message = document.createElement('span');
    this.message.className = 'lv-progress-text';
    this.progress.append(this.bar, this.message);
    this.progress.hidden = true;
    this.notice = document.createElement('div');
    this.notice.className = 'lv-notice';
    this.notice.setAttribute('role', 'status');
    this.notice.hidden = true;
    this.error = document.createElement('div');
    this.error.className = 'lv-error';
    this.error.setAttribute('role', 'alert');
    this.error.hidden = true;
  }

  /** Show progress (the bar is `done / total`, in [0, 1]), or hide the bar with null. */
  setProgress(progress: Progress | null): void {
    this.progress.hidden = progress === null;
    if (progress !== null) {
      this.bar.value = progress.total > 0 ? progress.done / progress.total : 0;
      this.message.textContent = progress.message;
    }
  }

  /** Show a notice, or hide it with null or "". */
  setNotice(message: string | null): void {
    this.notice.hidden = !message;
    this.notice.textContent = message ?? '';
  }

  /** Add `message` as a line of the notice, keeping what it says already. */
  addNotice(message: string): void {
    this.setNotice(this.notice.hidden ? message : `${this.notice.textContent ?? ''}\n${message}`);
  }

  /** Show an error (and hide the progress bar). */
  showError(message: string): void {
    this.error.hidden = false;
    this.error.textContent = message;
    this.setProgress(null);
  }

  /** The view's state, given whether a complete figure is drawn. */
  state(drawnComplete: boolean): ViewState {
    if (!this.error.hidden) {
      return 'error';
    }
    if (drawnComplete) {
      return 'ready';
    }
    return this.progress.hidden ? 'empty' : 'computing';
  }
}
