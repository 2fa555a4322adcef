import type { ColorBy, SampleDetails } from './coloring.js';

/** How long the play button shows each layer, in ms. */
export const PLAY_STEP_MS = 1500;

/**
 * Positions of the samples whose text or metadata contains `query` (case-insensitive); null for
 * an empty query (nothing filtered). Pure, so it is tested without a browser.
 */
export function searchSamples(query: string, n: number, details: SampleDetails): number[] | null {
  const needle = query.trim().toLowerCase();
  if (needle === '') {
    return null;
  }
  const columns = Object.values(details.meta ?? {});
  const matches: number[] = [];
  for (let s = 0; s < n; s++) {
    const text = details.texts?.[s];
    if (
      (text !== undefined && text.toLowerCase().includes(needle)) ||
      columns.some((c) =>
        String(c[s] ?? '')
          .toLowerCase()
          .includes(needle)
      )
    ) {
      matches.push(s);
    }
  }
  return matches;
}

/** The callbacks of {@link ExploreControls}. */
export interface ExploreHandlers {
  readonly onColorBy: (colorBy: ColorBy) => void;
  readonly onSearch: (query: string) => void;
  readonly onPlay: (playing: boolean) => void;
}

/**
 * The exploring controls of a view: "Color by", a search box and a play button that steps
 * through the layers.
 */
export class ExploreControls {
  readonly node: HTMLDivElement;
  private readonly colorBy: HTMLSelectElement;
  private readonly search: HTMLInputElement;
  private readonly play: HTMLButtonElement;
  private readonly count: HTMLSpanElement;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private playing = false;

  constructor(document: Document, handlers: ExploreHandlers) {
    this.node = document.createElement('div');
    this.node.className = 'lv-explore';
    const colorLabel = document.createElement('label');
    colorLabel.className = 'lv-field-color-by';
    colorLabel.append('Color by ');
    this.colorBy = document.createElement('select');
    this.colorBy.className = 'lv-color-by';
    this.colorBy.addEventListener('change', () => handlers.onColorBy(this.colorBy.value));
    colorLabel.append(this.colorBy);
    this.search = document.createElement('input');
    this.search.type = 'search';
    this.search.className = 'lv-search';
    this.search.placeholder = 'Search samples';
    this.search.setAttribute('aria-label', 'search samples by text');
    this.search.hidden = true;
    // Typing runs the search once the user pauses: every keystroke would select anew.
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => handlers.onSearch(this.search.value), 250);
    });
    this.count = document.createElement('span');
    this.count.className = 'lv-search-count';
    this.play = document.createElement('button');
    this.play.type = 'button';
    this.play.className = 'lv-play';
    this.play.addEventListener('click', () => {
      this.setPlaying(!this.playing);
      handlers.onPlay(this.playing);
    });
    this.setPlaying(false);
    this.node.append(this.play, colorLabel, this.search, this.count);
  }

  /** Offer `choices` in the "Color by" menu, with `current` chosen. */
  setColorChoices(choices: readonly { value: ColorBy; text: string }[], current: ColorBy): void {
    const document = this.node.ownerDocument;
    this.colorBy.replaceChildren(
      ...choices.map(({ value, text }) => {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = text;
        return option;
      })
    );
    this.colorBy.value = current;
    this.colorBy.disabled = choices.length < 2;
  }

  /** Show the search box (only when samples have text or metadata to search). */
  setSearchable(searchable: boolean): void {
    this.search.hidden = !searchable;
  }

  /** Say how many samples the search matched (null: no search). */
  setMatches(count: number | null): void {
    this.count.textContent = count === null ? '' : `${count.toLocaleString('en-US')} match`;
  }

  /** Show the play button as playing or paused. */
  setPlaying(playing: boolean): void {
    this.playing = playing;
    this.play.textContent = playing ? '⏸ Pause' : '▶ Play';
    this.play.setAttribute('aria-pressed', String(playing));
  }

  /** Stop pending work (the search timer). */
  dispose(): void {
    clearTimeout(this.searchTimer);
  }
}

/** What a {@link LayerPlayer} steps through. */
export interface PlayTarget {
  /** Number of layers. */
  readonly count: () => number;
  /** The focused layer's index. */
  readonly current: () => number;
  /** Focus layer `index`. */
  readonly show: (index: number) => void;
  /** Told when playing starts or stops (also when it reaches the last layer). */
  readonly onPlaying: (playing: boolean) => void;
}

/**
 * The play button's clock: from the first layer (when at the last) to the last, one layer every
 * {@link PLAY_STEP_MS}, until paused.
 */
export class LayerPlayer {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly target: PlayTarget) {}

  /** Start or pause. */
  play(playing: boolean): void {
    clearInterval(this.timer);
    this.target.onPlaying(playing);
    if (!playing) {
      return;
    }
    const last = (): boolean => this.target.current() >= this.target.count() - 1;
    if (last()) {
      this.target.show(0);
    }
    this.timer = setInterval(() => {
      if (last()) {
        this.play(false);
        return;
      }
      this.target.show(this.target.current() + 1);
    }, PLAY_STEP_MS);
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
