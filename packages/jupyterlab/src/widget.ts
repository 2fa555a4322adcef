import { DOMWidgetModel, DOMWidgetView, type ISerializers } from '@jupyter-widgets/base';
import type { NdArray } from '@layerviz/core';
import { LayerVizView, runLayerViz } from '@layerviz/view';

import { tfQueue } from './queue.js';
import { arraySerializer, bytesFromJson } from './serializers.js';
import { MODULE_NAME, MODULE_VERSION } from './version.js';

/**
 * The synced state of a layerviz widget; trait names match `layerviz/widget.py`.
 */
export class LayerVizModel extends DOMWidgetModel {
  defaults(): ReturnType<DOMWidgetModel['defaults']> {
    return {
      ...super.defaults(),
      _model_name: 'LayerVizModel',
      _model_module: MODULE_NAME,
      _model_module_version: MODULE_VERSION,
      _view_name: 'LayerVizWidgetView',
      _view_module: MODULE_NAME,
      _view_module_version: MODULE_VERSION,
      model_topology: {},
      weight_specs: [],
      weight_data: null,
      x: null,
      labels: null,
      sample_ids: null,
      layers: [],
      backend: 'auto'
    };
  }

  static serializers: ISerializers = {
    ...DOMWidgetModel.serializers,
    x: arraySerializer,
    labels: arraySerializer,
    sample_ids: arraySerializer
  };
}

/**
 * Renders a {@link LayerVizModel} with the {@link LayerVizView} of `@layerviz/view`.
 */
export class LayerVizWidgetView extends DOMWidgetView {
  private view: LayerVizView | null = null;
  private readonly abort = new AbortController();

  render(): void {
    this.el.classList.add('layerviz-widget');
    this.view = new LayerVizView(this.el.ownerDocument);
    this.el.appendChild(this.view.node);
    const view = this.view;
    const model = this.model;
    const x = model.get('x') as NdArray | null;
    if (x === null) {
      view.showError('layerviz received no samples (x is empty); call layerviz.show(model, x).');
      return;
    }
    const labels = model.get('labels') as NdArray | null;
    const sampleIds = model.get('sample_ids') as NdArray | null;
    const backend = model.get('backend') as string;
    void tfQueue.run(() =>
      runLayerViz(
        view,
        {
          artifacts: {
            modelTopology: model.get('model_topology') as object,
            weightSpecs: model.get('weight_specs'),
            weightData: bytesFromJson(model.get('weight_data'))
          },
          x,
          labels: labels?.data ?? null,
          sampleIds: sampleIds?.data ?? null,
          layers: model.get('layers') as string[],
          backend: backend === 'auto' ? undefined : backend
        },
        this.abort.signal
      )
    );
  }

  remove(): void {
    this.abort.abort();
    this.view?.dispose();
    this.view = null;
    super.remove();
  }
}
