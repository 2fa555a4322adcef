"""The synced widget: traits only. The documented entry point is :func:`layerviz.show`."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
from traitlets import Bytes, Dict, Enum, Float, Instance, Int, List, Unicode

from ._version import MODULE_NAME, MODULE_VERSION
from .arrays import array_dict_to_json, array_serialization


class LayerVizWidget(widgets.DOMWidget):
    """One model's layers, computed and drawn in the browser.

    Create it with :func:`layerviz.show` rather than directly. Trait names match the
    TypeScript ``LayerVizModel`` in ``packages/jupyterlab/src/widget.ts``.
    """

    _model_name = Unicode("LayerVizModel").tag(sync=True)
    _model_module = Unicode(MODULE_NAME).tag(sync=True)
    _model_module_version = Unicode(MODULE_VERSION).tag(sync=True)
    _view_name = Unicode("LayerVizWidgetView").tag(sync=True)
    _view_module = Unicode(MODULE_NAME).tag(sync=True)
    _view_module_version = Unicode(MODULE_VERSION).tag(sync=True)

    #: tf.keras-2-style model topology for TF.js (JSON object; no weights).
    model_topology = Dict().tag(sync=True)
    #: ``{"name", "shape", "dtype"}`` of each weight, in the order of ``weight_data``.
    weight_specs = List(Dict()).tag(sync=True)
    #: All weights as little-endian float32, one binary buffer.
    weight_data = Bytes(b"").tag(sync=True)
    #: The samples fed to the model, ``(N, ...)``, int32 or float32.
    x = Instance(np.ndarray, allow_none=True).tag(sync=True, **array_serialization)
    #: Class id (int32) of each sample, or None.
    labels = Instance(np.ndarray, allow_none=True).tag(sync=True, **array_serialization)
    #: Row of each shown sample in the user's original ``x`` (int32).
    sample_ids = Instance(np.ndarray, allow_none=True).tag(sync=True, **array_serialization)
    #: Names of the layers to show, in model order.
    layers = List(Unicode()).tag(sync=True)
    #: TF.js backend: ``"auto"`` (WebGL, else CPU), ``"webgl"`` or ``"cpu"``.
    backend = Unicode("auto").tag(sync=True)
    #: Where the activations are computed: ``"browser"`` (TF.js) or ``"kernel"`` (Keras).
    compute = Unicode("browser").tag(sync=True)
    #: With ``compute == "kernel"``: pooled ``(N, D)`` float32 activations per layer name.
    activations = Dict(allow_none=True, default_value=None).tag(
        sync=True, to_json=array_dict_to_json
    )
    #: With ``compute == "kernel"``: ``{"name", "class_name", "output_shape", "index"}`` per layer.
    layer_info = List(Dict()).tag(sync=True)
    #: A sentence shown above the plots (e.g. why the kernel computed the layers); "" for none.
    notice = Unicode("").tag(sync=True)
    #: With ``compute == "browser"`` from Keras: Keras's pooled activations of the first samples
    #: (the probe batch) per layer, which the browser compares with its own.
    fidelity_reference = Dict(allow_none=True, default_value=None).tag(
        sync=True, to_json=array_dict_to_json
    )

    #: Layout of each layer: ``"tsne"``, ``"umap"`` or ``"pca"``; changes when the user picks
    #: another in the view, and setting it re-lays the layers out.
    method = Enum(["tsne", "umap", "pca"], default_value="tsne").tag(sync=True)
    #: 2 or 3 layout dimensions.
    dims = Int(2, min=2, max=3).tag(sync=True)
    #: t-SNE's perplexity, in [2, 100].
    perplexity = Float(30.0, min=2.0, max=100.0).tag(sync=True)
    #: UMAP's neighbourhood size, in [2, 200].
    neighbors = Int(15, min=2, max=200).tag(sync=True)
    #: UMAP's minimum distance, in [0, 1].
    min_dist = Float(0.1, min=0.0, max=1.0).tag(sync=True)
    #: Seed of the layouts' random choices.
    seed = Int(0, min=0).tag(sync=True)
    #: t-SNE iterations or UMAP epochs; None for the method's default.
    iterations = Int(None, allow_none=True, min=1, max=10_000).tag(sync=True)

    #: Separability metrics computed per layer: ``"none"``, ``"fast"`` (k-NN accuracy and
    #: silhouette) or ``"all"`` (plus linear probe, trustworthiness, continuity, CKA).
    metrics_level = Enum(["none", "fast", "all"], default_value="fast").tag(sync=True)
    #: Rows of the original ``x`` of the samples selected in the view (lasso or box in any
    #: layer), ascending; set it to select samples from Python. Empty when nothing is selected.
    selection = List(Int()).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fidelity: dict[str, float] = {}
        self._metrics: dict[str, dict[str, float]] = {}
        self.on_msg(self._handle_message)

    @property
    def fidelity(self) -> dict[str, float]:
        """Per layer: max |TF.js - Keras| on the probe batch, divided by max(1, max |Keras|).

        Filled in once the browser has computed the layers (empty before, and for models
        computed in the kernel); values above 1e-3 are shown as warnings next to the plots,
        ``inf`` means the shapes disagreed.
        """
        return dict(self._fidelity)

    @property
    def metrics(self) -> Any:
        """Per layer: its separability numbers, as the browser measured them.

        A pandas DataFrame (one row per layer in model order, one column per metric:
        ``knn_accuracy``, ``silhouette``, ``probe_accuracy``, ``trustworthiness``,
        ``continuity``, ``cka_next``) when pandas is installed, else a dict
        ``{layer: {metric: value}}``. Empty until the browser has measured them; which metrics
        appear depends on ``metrics_level``.
        """
        table = {layer: dict(values) for layer, values in self._metrics.items()}
        try:
            import pandas as pd
        except ImportError:
            return table
        order = [name for name in self.layers or [] if name in table] or list(table)
        frame = pd.DataFrame.from_dict(table, orient="index")
        return frame.reindex(order) if len(frame) else frame

    def _handle_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if content.get("type") == "metrics_measured":
            self._metrics = {
                layer: {_snake(name): float(value) for name, value in values.items()}
                for layer, values in content.get("values", {}).items()
            }
            return
        if content.get("type") == "fidelity_measured":
            values = content.get("values", {})
            self._fidelity = {
                name: float("inf") if value is None else float(value)
                for name, value in values.items()
            }


def _snake(name: str) -> str:
    """``knnAccuracy`` -> ``knn_accuracy``: metric names as Python spells them."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)
