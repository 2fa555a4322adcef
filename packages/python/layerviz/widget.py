"""The widget of one model: its synced traits and what the kernel does when they change.

:class:`LayerVizWidget` holds the traits the browser's ``LayerVizModel`` syncs (names and defaults
equal to ``packages/jupyterlab/src/traits.ts``; options from :mod:`layerviz.options`), checks
them, and rebuilds its samples or layers when ``max_points`` or ``layers`` change. Reading back
what the view measured and chose (``embedding()``, ``selected()``, ``metrics``, ``cka``,
``fidelity``, ``selection_metrics()``, ``save()``) it inherits from
:class:`layerviz.widget_results.WidgetResults`. Make it with :func:`layerviz.show`, which fills it
from a model source (:mod:`layerviz.sources`).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
from traitlets import (
    Bool,
    Bytes,
    Dict,
    Enum,
    Float,
    Instance,
    Int,
    List,
    Unicode,
    observe,
    validate,
)

from ._version import MODULE_NAME, MODULE_VERSION
from .arrays import (
    array_dict_from_json,
    array_dict_to_json,
    array_serialization,
    bytes_serialization,
)
from .errors import LayerVizError
from .options import DEFAULT, OPTION, check_max_points
from .widget_results import WidgetResults


#: The traits below take their defaults, choices and ranges from layerviz.options.OPTIONS.
def _choices(name: str) -> list[Any]:
    return list(OPTION[name].choices or ())


def _low(name: str) -> Any:
    return OPTION[name].low


def _high(name: str) -> Any:
    return OPTION[name].high


class LayerVizWidget(WidgetResults, widgets.DOMWidget):
    """One model's layers, computed and drawn in the browser.

    Create it with :func:`layerviz.show` rather than directly. Trait names match the
    TypeScript ``LayerVizModel`` in ``packages/jupyterlab/src/widget.ts``; what the view
    measured and chose is read back through the methods of :class:`WidgetResults`.
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
    #: Names of the layers to show, in model order. The view's layer list adds to it when the
    #: user picks a layer not shown; setting it from Python computes the layers it names.
    layers = List(Unicode()).tag(sync=True)
    #: Every layer of the model the view can show, in depth order: ``{"name", "class_name",
    #: "output_shape", "index", "block"}`` each (the view's layer list); empty when unknown.
    all_layers = List(Dict()).tag(sync=True)
    #: TF.js backend: ``"auto"`` (WebGL, else CPU), ``"webgl"`` or ``"cpu"``.
    backend = Unicode(DEFAULT["backend"]).tag(sync=True)
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
    #: another in the view. Setting it (or the options below) on a displayed widget lays the
    #: layers out again with them, as picking them in the view does.
    method = Enum(_choices("method"), default_value=DEFAULT["method"]).tag(sync=True)
    #: 2 or 3 layout dimensions.
    dims = Int(DEFAULT["dims"], min=2, max=3).tag(sync=True)
    #: t-SNE's perplexity, in [2, 100].
    perplexity = Float(DEFAULT["perplexity"], min=_low("perplexity"), max=_high("perplexity")).tag(
        sync=True
    )
    #: UMAP's neighbourhood size, in [2, 200].
    neighbors = Int(DEFAULT["neighbors"], min=_low("neighbors"), max=_high("neighbors")).tag(
        sync=True
    )
    #: UMAP's minimum distance, in [0, 1].
    min_dist = Float(DEFAULT["min_dist"], min=_low("min_dist"), max=_high("min_dist")).tag(
        sync=True
    )
    #: Seed of the layouts' random choices.
    seed = Int(DEFAULT["seed"], min=_low("seed"), max=_high("seed")).tag(sync=True)
    #: t-SNE iterations or UMAP epochs; None for the method's default.
    iterations = Int(
        DEFAULT["iterations"], allow_none=True, min=_low("iterations"), max=_high("iterations")
    ).tag(sync=True)

    #: Separability metrics computed per layer: ``"none"``, ``"fast"`` (k-NN accuracy and
    #: silhouette) or ``"all"`` (plus linear probe, trustworthiness, continuity, CKA).
    metrics_level = Enum(_choices("metrics"), default_value=DEFAULT["metrics"]).tag(sync=True)
    #: Rows of the original ``x`` of the samples selected in the view (lasso or box in any
    #: layer), ascending; set it to select samples from Python. Empty when nothing is selected.
    selection = List(Int()).tag(sync=True)
    #: Set by the view: how separable ``selection`` is in each layer (read it with
    #: :meth:`selection_metrics`); ``{}`` with nothing selected. A saved notebook keeps it.
    selection_separability = Dict().tag(sync=True)

    #: Predicted class (int32) of each shown sample, from the model's output layer; or None.
    predictions = Instance(np.ndarray, allow_none=True).tag(sync=True, **array_serialization)
    #: Probability of the predicted class (float32, in [0, 1]) of each shown sample; or None.
    confidence = Instance(np.ndarray, allow_none=True).tag(sync=True, **array_serialization)
    #: The text of each shown sample, shown on hover and searched by the search box; or None.
    texts = List(Unicode(), allow_none=True, default_value=None).tag(sync=True)
    #: Thumbnails ``(N, h, w, 1|3)`` uint8 of each shown sample, shown on hover; or None.
    images = Instance(np.ndarray, allow_none=True).tag(sync=True, **bytes_serialization)
    #: The name of each class id when ``y`` held names (strings), in id order; else None.
    label_names = List(Unicode(), allow_none=True, default_value=None).tag(sync=True)
    #: Per-sample metadata of the shown samples: column name -> one JSON value per sample.
    meta = Dict().tag(sync=True)
    #: What colors the points: ``"label"``, ``"prediction"``, ``"correct"``, ``"confidence"`` or
    #: ``"meta:<column>"``; the view's "Color by" menu changes it.
    color_by = Unicode(DEFAULT["color_by"]).tag(sync=True)
    #: At most this many samples are shown (stratified by label beyond it); set it (or use the
    #: view's "Show more") to show more or fewer: the kernel sends the new samples and the view
    #: lays them out again. Indices stay rows of the original ``x``.
    max_points = Int(DEFAULT["max_points"]).tag(sync=True)
    #: Samples in the user's ``x`` (before ``max_points`` and leaving out NaN rows).
    total_samples = Int(0).tag(sync=True)
    #: Name of the layer shown large (the slider's); "" before the view has drawn.
    focus = Unicode("").tag(sync=True)

    #: Set by the view: the final layout ``(N, dims)`` float32 of each laid-out layer, by name.
    #: A saved notebook keeps it (with ``saved_view``) to draw the plots again without a kernel.
    saved_layouts = Dict(allow_none=True, default_value=None).tag(
        sync=True, to_json=array_dict_to_json, from_json=array_dict_from_json
    )
    #: Set by the view: the laid-out layers (``name``, ``class_name``, ``output_shape``,
    #: ``index``), ``dims``, and the ``metrics`` and ``fidelity`` measured, as JSON.
    saved_view = Dict().tag(sync=True)
    #: Whether a saved notebook keeps the model's weights and ``x`` (or the kernel's
    #: activations) besides the layouts; by default it does not, to stay small.
    save_model = Bool(DEFAULT["save_model"]).tag(sync=True)

    @validate("color_by")
    def _check_color_by(self, proposal: Any) -> str:
        value = str(proposal["value"])
        choices = ["label", "prediction", "correct", "confidence"]
        choices += [f"meta:{name}" for name in self.meta or {}]
        if value not in choices:
            raise LayerVizError(f"color_by must be one of {', '.join(choices)}; got {value!r}.")
        return value

    @validate("max_points")
    def _check_max_points(self, proposal: Any) -> int:
        return check_max_points(proposal["value"])

    @observe("max_points")
    def _resample(self, change: Any) -> None:
        # Made by layerviz.show: send the samples for the new cap (the view starts again).
        if self._rebuild is None or change["old"] == change["new"]:
            return
        state = self._rebuild(change["new"])
        kept = {int(row) for row in state["sample_ids"]}
        with self.hold_sync():
            for name, value in state.items():
                if name != "max_points":
                    setattr(self, name, value)
            self.selection = [row for row in self.selection if row in kept]
            self.saved_layouts = None
            self.saved_view = {}
            self.selection_separability = {}

    @observe("layers")
    def _relayer(self, change: Any) -> None:
        # Made by layerviz.show: what the new layers need from the model (the kernel's
        # activations, or Keras's reference for the browser's fidelity check).
        # Only a change of which layers: the reply puts them back in model order.
        if self._layer_traits is None or set(change["old"]) == set(change["new"]):
            return
        state = self._layer_traits(list(change["new"]), self.sample_ids)
        with self.hold_sync():
            for name, value in state.items():
                setattr(self, name, value)

    def __init__(self, **kwargs: Any) -> None:
        #: Set by layerviz.show: ``max_points -> trait values``, to resample from the user's x.
        self._rebuild: Any = None
        #: Set by layerviz.show: ``(layer names, shown rows) -> trait values`` of those layers.
        self._layer_traits: Any = None
        #: Set by layerviz.show: the names of the traits ``_rebuild`` returns.
        self._built_traits: list[str] = []
        super().__init__(**kwargs)
