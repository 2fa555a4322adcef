import {
  DOMWidgetModel,
  DOMWidgetView,
  type ISerializers,
  unpack_models,
  type WidgetModel
} from '@jupyter-widgets/base';
import { ComparisonPanel } from '@layerviz/view';

import { ckaBetweenToJson } from './saved_view.js';
import { MODULE_NAME, MODULE_VERSION } from './version.js';
import { LayerVizWidgetView } from './widget.js';

/** Several layerviz widgets side by side; trait names match `layerviz/compare.py`. */
export class LayerVizComparisonModel extends DOMWidgetModel {
  defaults(): ReturnType<DOMWidgetModel['defaults']> {
    return {
      ...super.defaults(),
      _model_name: 'LayerVizComparisonModel',
      _model_module: MODULE_NAME,
      _model_module_version: MODULE_VERSION,
      _view_name: 'LayerVizComparisonView',
      _view_module: MODULE_NAME,
      _view_module_version: MODULE_VERSION,
      widgets: [],
      names: [],
      cka_between: {}
    };
  }

  static serializers: ISerializers = {
    ...DOMWidgetModel.serializers,
    widgets: { deserialize: unpack_models }
  };
}

/** Renders each model's widget in its own column, linked by a {@link ComparisonPanel}. */
export class LayerVizComparisonView extends DOMWidgetView {
  private panel: ComparisonPanel | null = null;
  private children: LayerVizWidgetView[] = [];

  render(): void {
    this.el.classList.add('layerviz-comparison');
    void this.renderChildren();
  }

  private async renderChildren(): Promise<void> {
    const models = this.model.get('widgets') as WidgetModel[];
    const names = this.model.get('names') as string[];
    const views = await Promise.all(models.map((m) => this.create_child_view(m)));
    this.children = views.filter((v): v is LayerVizWidgetView => v instanceof LayerVizWidgetView);
    const compared = this.children.flatMap((child, i) => {
      const view = child.layerViz;
      return view === null ? [] : [{ name: names[i] ?? `model ${i + 1}`, view, element: child.el }];
    });
    this.panel = new ComparisonPanel(this.el.ownerDocument, compared, (matrix) => {
      // Kept for Python (`comparison.cka`) and in the saved notebook.
      this.model.set('cka_between', ckaBetweenToJson(matrix));
      this.touch();
    });
    this.el.appendChild(this.panel.node);
  }

  remove(): void {
    this.panel?.dispose();
    this.children.forEach((child) => child.remove());
    this.children = [];
    super.remove();
  }
}
