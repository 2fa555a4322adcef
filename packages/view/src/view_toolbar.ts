import type { LayoutParameters } from '@layerviz/core/reduce';

import { LayoutControls } from './layout_controls.js';
import { element } from './dom.js';
import { EpochControl } from './epoch_control.js';
import { ExploreControls, type ExploreHandlers } from './explore.js';
import { type ExportHandlers, exportToolbar } from './export/toolbar.js';
import { SamplingControl } from './sampling_control.js';
import { LayerSlider } from './slider.js';
import { ViewStatus } from './status.js';

/** What the toolbar's controls ask of the view. */
export interface ToolbarHandlers extends ExploreHandlers, ExportHandlers {
  /** The layer slider moved to `index`. */
  readonly onFocus: (index: number) => void;
  /** The user asked to see `count` samples. */
  readonly onShowMore: (count: number) => void;
  /** The user picked another layout. */
  readonly onLayout: (params: LayoutParameters) => void;
  /** Whether the epoch slider may move now (the view shows a finished figure). */
  readonly epochReady: () => boolean;
}

/**
 * The view's toolbar, its controls grouped: the layer (slider, epochs), colour and search, the
 * layout, export, and status (samples shown, progress, TF.js backend). The status's notice and
 * error box are placed by the view, under the toolbar.
 */
export class ViewToolbar {
  readonly node: HTMLDivElement;
  readonly slider: LayerSlider;
  /** The epoch slider, shown for a model recorded while it trained (see `epochs.ts`). */
  readonly epochs: EpochControl;
  readonly explore: ExploreControls;
  readonly layout: LayoutControls;
  readonly sampling: SamplingControl;
  readonly status: ViewStatus;
  readonly backend: HTMLSpanElement;

  constructor(document: Document, handlers: ToolbarHandlers) {
    this.node = element(document, 'div', 'lv-controls');
    this.slider = new LayerSlider(document, handlers.onFocus);
    this.epochs = new EpochControl(document, handlers.epochReady);
    this.explore = new ExploreControls(document, handlers);
    this.layout = new LayoutControls(document, handlers.onLayout);
    this.sampling = new SamplingControl(document, handlers.onShowMore);
    this.status = new ViewStatus(document);
    this.backend = element(document, 'span', 'lv-backend');
    this.backend.hidden = true;
    const exports = exportToolbar(document, handlers);
    this.node.append(
      toolbarGroup(document, 'layer', 'layer', this.slider.node, this.epochs.node),
      toolbarGroup(document, 'explore', 'colour and search', this.explore.node),
      toolbarGroup(document, 'layout', 'layout', this.layout.node),
      toolbarGroup(document, 'export', 'export', exports),
      toolbarGroup(
        document,
        'status',
        'status',
        this.sampling.node,
        this.status.progress,
        this.backend
      )
    );
    // Keys on the view's own controls (arrows on the slider) must not reach a host page's
    // shortcuts: a notebook would move its cell selection instead of the slider.
    this.node.addEventListener('keydown', (event) => event.stopPropagation());
  }

  /** Stop the timers and listeners of the epoch slider and the search box. */
  dispose(): void {
    this.epochs.dispose();
    this.explore.dispose();
  }
}

/**
 * One group of the view's toolbar: controls that belong together (the layer, colouring and
 * search, the layout, export, status) and wrap onto the next row as one.
 *
 * @param name - the group's class suffix (`lv-group-<name>`).
 * @param label - what a screen reader calls the group.
 */
export function toolbarGroup(
  document: Document,
  name: string,
  label: string,
  ...nodes: Node[]
): HTMLDivElement {
  const group = document.createElement('div');
  group.className = `lv-group lv-group-${name}`;
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', label);
  group.append(...nodes);
  return group;
}
