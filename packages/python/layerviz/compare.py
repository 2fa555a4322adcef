"""Several models side by side on the same samples: :class:`LayerVizComparison`."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
from traitlets import Dict, Instance, List, Unicode

from ._version import MODULE_NAME, MODULE_VERSION
from .cka import cka_table
from .widget import LayerVizWidget


class LayerVizComparison(widgets.DOMWidget):
    """Two or more models' layers side by side, on the same samples, with one layer slider.

    Made by ``layerviz.show([model_a, model_b], x, y, names=[...])``. Each model is an ordinary
    :class:`LayerVizWidget` (``comparison.widgets``); the view lines them up, moves their focus
    together and draws every model's depth curves in one chart.
    """

    _model_name = Unicode("LayerVizComparisonModel").tag(sync=True)
    _model_module = Unicode(MODULE_NAME).tag(sync=True)
    _model_module_version = Unicode(MODULE_VERSION).tag(sync=True)
    _view_name = Unicode("LayerVizComparisonView").tag(sync=True)
    _view_module = Unicode(MODULE_NAME).tag(sync=True)
    _view_module_version = Unicode(MODULE_VERSION).tag(sync=True)

    #: One widget per model, in the order given.
    widgets = List(Instance(LayerVizWidget)).tag(sync=True, **widgets.widget_serialization)
    #: A short name per model, shown above its plots and in the depth chart's legend.
    names = List(Unicode()).tag(sync=True)
    #: The browser's linear CKA between the first model's layers (rows) and the second's
    #: (columns): ``{"rows": [...], "cols": [...], "values": [[...], ...]}``, ``{}`` until
    #: measured. Kept in the saved notebook; read it as :attr:`cka`.
    cka_between = Dict().tag(sync=True)

    @property
    def cka(self) -> Any:
        """Linear CKA between every layer of the first model and every layer of the second.

        Measured by the displayed view on the samples both models show (each layer's features,
        at most 50 principal components), after both models' layers are computed; which layers of
        the two models hold the same representation up to rotation and scale (1) or unrelated
        ones (near 0).

        Returns
        -------
        DataFrame or dict
            Rows: the first model's layers; columns: the second's; each value in [0, 1]. A dict
            ``{"rows", "cols", "values"}`` without pandas; empty before the view measured it.

        """
        measured = self.cka_between or {}
        if not measured.get("rows"):
            return cka_table(np.zeros((0, 0)), [], [])
        values = np.array(
            [[np.nan if v is None else v for v in row] for row in measured["values"]], dtype=float
        )
        return cka_table(values, measured["rows"], measured["cols"])

    @property
    def metrics(self) -> Any:
        """Every model's metrics: a DataFrame indexed by (model, layer) when pandas is installed.

        Without pandas, a dict ``{model name: {layer: {metric: value}}}``.
        """
        per_model = {name: w.metrics for name, w in zip(self.names, self.widgets, strict=True)}
        try:
            import pandas as pd
        except ImportError:
            return per_model
        measured = {name: frame for name, frame in per_model.items() if len(frame)}
        if not measured:
            return pd.DataFrame()
        return pd.concat(list(measured.values()), keys=list(measured), names=["model", "layer"])
