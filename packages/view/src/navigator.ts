import type { LayerMetrics } from '@layerviz/core/service';

/** One layer of the model as the layer list shows it. */
export interface NavigatorLayer {
  /** The layer's unique name. */
  readonly name: string;
  /** Its class, e.g. `"Conv2D"`. */
  readonly className: string;
  /** Output shape with `null` for the batch axis. */
  readonly outputShape: readonly (number | null)[];
  /** The block its name puts it in (e.g. `"block_13"`); layers of one block are grouped. */
  readonly block?: string;
}

/** What the layer list tells its owner. */
export interface NavigatorCallbacks {
  /** The user picked a shown layer: show it large. */
  readonly onFocus: (name: string) => void;
  /** The user picked a layer not shown: compute and show it. */
  readonly onAdd: (name: string) => void;
}

/** Past this many layers in the model (or shown), the view offers its layer list. */
export const NAVIGATOR_MIN_LAYERS = 9;

/**
 * `"Showing 16 of 155 layers: block outputs; choose others in the layer list."`, or "" when
 * every layer is shown.
 */
export function layersSummary(shown: number, total: number): string {
  if (total <= shown) {
    return '';
  }
  return (
    `Showing ${shown} of ${total} layers: block outputs; choose others in the layer list ` +
    `(or layers="all").`
  );
}

/** The layers whose name or class contains every word of `query` (any case), in order. */
export function filterLayers(
  layers: readonly NavigatorLayer[],
  query: string
): readonly NavigatorLayer[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return layers;
  }
  return layers.filter((layer) => {
    const text = `${layer.name} ${layer.className}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/**
 * The layer list beside the plots: every layer of the model in depth order, grouped by block,
 * searchable by name or class, each with its shape and (once measured) its k-NN accuracy as a
 * small bar. Clicking a shown layer focuses it; clicking another asks for it to be computed.
 * Arrow keys move through the list, Enter picks.
 */
export class LayerNavigator {
  /** The list with its search box; append it beside the plots. */
  readonly node: HTMLDivElement;
  private readonly summary: HTMLDivElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private layers: readonly NavigatorLayer[] = [];
  private shown = new Set<string>();
  private pending = new Set<string>();
  private focus = '';
  private active = '';
  private canAdd = false;
  private metrics: Readonly<Record<string, LayerMetrics>> = {};

  constructor(
    private readonly document: Document,
    private readonly callbacks: NavigatorCallbacks
  ) {
    this.node = document.createElement('div');
    this.node.className = 'lv-navigator';
    this.node.hidden = true;
    this.summary = document.createElement('div');
    this.summary.className = 'lv-nav-summary';
    this.search = document.createElement('input');
    this.search.type = 'search';
    this.search.className = 'lv-nav-search';
    this.search.placeholder = 'Find a layer (name or class)';
    this.search.setAttribute('aria-label', 'find a layer');
    this.search.addEventListener('input', () => this.draw());
    this.list = document.createElement('ul');
    this.list.className = 'lv-nav-list';
    this.list.tabIndex = 0;
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-label', 'layers of the model');
    this.list.addEventListener('click', (event) => {
      const item = (event.target as HTMLElement).closest<HTMLElement>('[data-layer]');
      if (item?.dataset['layer'] !== undefined) {
        this.pick(item.dataset['layer']);
      }
    });
    this.node.addEventListener('keydown', (event) => this.onKey(event));
    this.node.append(this.summary, this.search, this.list);
  }

  /**
   * List `all` layers (in depth order), `shown` of which have plots; with `canAdd` the others
   * can be picked to compute them (false where nothing can compute them, e.g. a saved view).
   */
  setLayers(all: readonly NavigatorLayer[], shown: readonly string[], canAdd: boolean): void {
    this.layers = all;
    this.shown = new Set(shown);
    this.pending = new Set([...this.pending].filter((name) => !this.shown.has(name)));
    this.canAdd = canAdd;
    this.node.hidden = Math.max(all.length, shown.length) < NAVIGATOR_MIN_LAYERS;
    this.summary.textContent = layersSummary(shown.length, all.length);
    this.draw();
  }

  /** Mark `name` as the layer shown large. */
  setFocus(name: string): void {
    this.focus = name;
    this.active = name;
    this.draw();
    this.scrollTo(name);
  }

  /** Show each layer's k-NN accuracy as a bar. */
  setMetrics(metrics: Readonly<Record<string, LayerMetrics>>): void {
    this.metrics = metrics;
    this.draw();
  }

  /** The names the list shows now (after the search), in order: for tests and the host page. */
  get visibleNames(): string[] {
    return filterLayers(this.layers, this.search.value).map((l) => l.name);
  }

  private pick(name: string): void {
    this.active = name;
    if (this.shown.has(name)) {
      this.callbacks.onFocus(name);
    } else if (this.canAdd && !this.pending.has(name)) {
      this.pending.add(name);
      this.callbacks.onAdd(name);
    }
    this.draw();
  }

  private onKey(event: KeyboardEvent): void {
    // Keys here must not reach a host page's shortcuts (a notebook moves its cells on arrows).
    event.stopPropagation();
    const names = this.visibleNames;
    if (names.length === 0) {
      return;
    }
    const at = names.indexOf(this.active);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = at < 0 ? 0 : Math.max(0, Math.min(names.length - 1, at + step));
      this.active = names[next] ?? '';
      this.draw();
      this.scrollTo(this.active);
      if (event.target === this.search) {
        this.list.focus();
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.pick(at < 0 ? (names[0] ?? '') : this.active);
    }
  }

  private scrollTo(name: string): void {
    const item = this.list.querySelector<HTMLElement>(`[data-layer="${CSS.escape(name)}"]`);
    item?.scrollIntoView?.({ block: 'nearest' });
  }

  private draw(): void {
    const doc = this.document;
    const items: HTMLElement[] = [];
    const visible = filterLayers(this.layers, this.search.value);
    const blockSizes = new Map<string, number>();
    for (const layer of this.layers) {
      if (layer.block !== undefined) {
        blockSizes.set(layer.block, (blockSizes.get(layer.block) ?? 0) + 1);
      }
    }
    let lastBlock: string | undefined;
    visible.forEach((layer, i) => {
      const block = layer.block;
      if (block !== undefined && block !== lastBlock && (blockSizes.get(block) ?? 0) > 1) {
        const header = doc.createElement('li');
        header.className = 'lv-nav-block';
        header.setAttribute('role', 'presentation');
        header.textContent = block;
        items.push(header);
      }
      lastBlock = block;
      items.push(this.item(layer, `lv-nav-${i}`));
    });
    this.list.replaceChildren(...items);
    const active = this.list.querySelector<HTMLElement>('.lv-nav-active');
    if (active !== null) {
      this.list.setAttribute('aria-activedescendant', active.id);
    } else {
      this.list.removeAttribute('aria-activedescendant');
    }
  }

  private item(layer: NavigatorLayer, id: string): HTMLLIElement {
    const doc = this.document;
    const li = doc.createElement('li');
    li.id = id;
    li.dataset['layer'] = layer.name;
    li.setAttribute('role', 'option');
    const shown = this.shown.has(layer.name);
    const pending = this.pending.has(layer.name);
    li.className = [
      'lv-nav-item',
      shown ? 'lv-nav-shown' : 'lv-nav-hidden',
      layer.name === this.focus ? 'lv-nav-focus' : '',
      layer.name === this.active ? 'lv-nav-active' : '',
      !shown && !this.canAdd ? 'lv-nav-disabled' : ''
    ]
      .filter(Boolean)
      .join(' ');
    li.setAttribute('aria-selected', String(layer.name === this.focus));
    const shape = layer.outputShape.map((d) => (d === null ? 'N' : String(d))).join(', ');
    const name = doc.createElement('span');
    name.className = 'lv-nav-name';
    name.textContent = layer.name;
    const detail = doc.createElement('span');
    detail.className = 'lv-nav-detail';
    detail.textContent = `${layer.className} (${shape})`;
    const state = shown
      ? ''
      : pending
        ? ' — computing…'
        : this.canAdd
          ? ' — not shown: click to add'
          : ' — not shown';
    li.title = `${layer.name} · ${layer.className} · (${shape})${state}`;
    const bar = doc.createElement('span');
    bar.className = 'lv-nav-bar';
    const knn = this.metrics[layer.name]?.knnAccuracy;
    if (knn !== undefined && Number.isFinite(knn)) {
      const fill = doc.createElement('span');
      fill.className = 'lv-nav-bar-fill';
      fill.style.width = `${Math.round(Math.max(0, Math.min(1, knn)) * 100)}%`;
      bar.append(fill);
      bar.title = `k-NN accuracy ${(knn * 100).toFixed(1)}%`;
    }
    const mark = doc.createElement('span');
    mark.className = 'lv-nav-mark';
    mark.textContent = shown ? '' : pending ? '…' : this.canAdd ? '+' : '';
    li.append(mark, name, detail, bar);
    return li;
  }
}
