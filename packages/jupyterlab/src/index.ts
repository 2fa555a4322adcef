/**
 * @layerviz/jupyterlab: the layerviz Jupyter widget and its JupyterLab plugin.
 *
 * @packageDocumentation
 */
export { LayerVizComparisonModel, LayerVizComparisonView } from './comparison.js';
export {
  arrayDictFromJson,
  arrayDictSerializer,
  arrayDictToJson,
  arrayFromJson,
  arraySerializer,
  arrayToJson,
  bytesFromJson
} from './serializers.js';
export type { ArrayJson } from './serializers.js';
export {
  finiteValues,
  fromLayerInfo,
  hasSavedLayouts,
  savedLayers,
  savedState,
  toLayerInfo
} from './saved_view.js';
export type { SavableView, SavedState, SyncedLayerInfo, SyncedSavedView } from './saved_view.js';
export { layoutParameters, sampleDetails, viewInput } from './view_input.js';
export type { InputCallbacks, TraitReader } from './view_input.js';
export { MODULE_NAME, MODULE_VERSION } from './version.js';
export { KERNEL_GONE_NOTICE, LayerVizModel, LayerVizWidgetView } from './widget.js';
