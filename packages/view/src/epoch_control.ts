import { Emitter } from './emitter.js';
import { epochCaption, EpochPlayer } from './epochs.js';

/**
 * The epoch slider beside the layer slider, for a model recorded while it trained: a play
 * button, a range input over the recorded states and their caption ("Epoch 2 of 3" or "Before
 * training"). Hidden until {@link set} gives it two states or more.
 */
export class EpochControl {
  /** The button, slider and caption; append it next to the layer slider. */
  readonly node: HTMLDivElement;
  private readonly input: HTMLInputElement;
  private readonly caption: HTMLSpanElement;
  private readonly play: HTMLButtonElement;
  private readonly player: EpochPlayer;
  private labels: readonly number[] = [];
  private enabled = true;
  private readonly events = new Emitter<{ change: number }>();

  /** @param ready - whether the epoch shown is laid out: play waits for it before moving on. */
  constructor(document: Document, ready: () => boolean) {
    this.node = document.createElement('div');
    this.node.className = 'lv-epochs';
    this.node.setAttribute('role', 'group');
    this.node.setAttribute('aria-label', 'training epoch');
    this.node.hidden = true;
    this.play = document.createElement('button');
    this.play.type = 'button';
    this.play.className = 'lv-button lv-epoch-play';
    this.input = document.createElement('input');
    this.input.className = 'lv-epoch-input';
    this.input.type = 'range';
    this.input.min = '0';
    this.input.step = '1';
    this.input.setAttribute('aria-label', 'training epoch shown');
    this.input.addEventListener('input', () => this.choose(Number(this.input.value)));
    this.caption = document.createElement('span');
    this.caption.className = 'lv-epoch-label';
    this.player = new EpochPlayer({
      count: () => this.labels.length,
      current: () => Number(this.input.value),
      ready,
      show: (index) => this.choose(index),
      onPlaying: (playing) => this.showPlaying(playing)
    });
    this.play.addEventListener('click', () => this.player.play(!this.player.playing));
    this.showPlaying(false);
    this.node.append(this.play, this.input, this.caption);
  }

  /** Offer the states labelled `labels` (0 before training, then epochs), `index` shown. */
  set(labels: readonly number[], index: number): void {
    this.labels = [...labels];
    this.input.max = String(Math.max(0, labels.length - 1));
    this.node.hidden = labels.length < 2;
    this.setEnabled(this.enabled);
    this.show(index);
  }

  /** Show the state at `index` (without telling the host). */
  show(index: number): void {
    this.input.value = String(index);
    this.caption.textContent = epochCaption(this.labels, index);
    this.node.dataset['epoch'] = String(this.labels[index] ?? '');
  }

  /** Allow or forbid moving (a saved view has only the epoch it was saved at). */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    const off = !enabled || this.labels.length < 2;
    this.input.disabled = off;
    this.play.disabled = off;
    if (off) {
      this.player.play(false);
    }
  }

  /**
   * Be told the index of the state the user moved to (slider or play); returns a function that
   * unsubscribes.
   */
  onChange(listener: (index: number) => void): () => void {
    return this.events.on('change', listener);
  }

  /** The index of the state shown. */
  get index(): number {
    return Number(this.input.value);
  }

  dispose(): void {
    this.events.clear();
    this.player.dispose();
  }

  private choose(index: number): void {
    this.show(index);
    this.events.emit('change', index);
  }

  private showPlaying(playing: boolean): void {
    this.play.textContent = playing ? '⏸' : '▶';
    const title = playing ? 'Pause the epochs' : 'Play the epochs';
    this.play.title = title;
    this.play.setAttribute('aria-label', title);
    this.play.setAttribute('aria-pressed', String(playing));
    this.node.dataset['playing'] = String(playing);
  }
}
