import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IJupyterWidgetRegistry } from '@jupyter-widgets/base';

import { LayerVizComparisonModel, LayerVizComparisonView } from './comparison.js';
import { MODULE_NAME, MODULE_VERSION } from './version.js';
import { LayerVizModel, LayerVizWidgetView } from './widget.js';

/** Registers the layerviz widget with JupyterLab's widget manager. */
const plugin: JupyterFrontEndPlugin<void> = {
  id: '@layerviz/jupyterlab:plugin',
  description: 'The layerviz widget: every layer of a neural network, projected and linked.',
  requires: [IJupyterWidgetRegistry],
  autoStart: true,
  activate: (_app: JupyterFrontEnd, registry: IJupyterWidgetRegistry): void => {
    registry.registerWidget({
      name: MODULE_NAME,
      version: MODULE_VERSION,
      exports: {
        LayerVizModel,
        LayerVizWidgetView,
        LayerVizComparisonModel,
        LayerVizComparisonView
      }
    });
  }
};

export default plugin;
