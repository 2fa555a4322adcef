"""What the browser measured and chose, read back in the kernel: the widget's results half.

:class:`WidgetResults` is a mixin of :class:`layerviz.widget.LayerVizWidget` (which holds the
synced traits). It keeps what the view sends as custom messages (``metrics_measured``,
``cka_measured``, ``fidelity_measured``) and reads it back, with what the synced traits hold, as
``metrics``, ``cka``, ``fidelity``, ``layer``, ``embedding()``, ``selected()`` and
``selection_metrics()``; ``save()`` asks the view to render the figure to a file
(:mod:`layerviz.export`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from .errors import LayerVizError
from .export import save_figure
from .selection_metrics import selection_metrics_table


class WidgetResults:
    """The read-back half of :class:`~layerviz.widget.LayerVizWidget`.

    A mixin, not a widget: it reads the traits ``LayerVizWidget`` declares (``layers``,
    ``selection``, ``saved_layouts`` ...) and listens to its custom messages.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fidelity: dict[str, float] = {}
        self._metrics: dict[str, dict[str, float]] = {}
        #: The browser's last CKA matrix: ``{"layers": [...], "values": [[...], ...]}``.
        self._cka: dict[str, Any] = {}
        self.on_msg(self._handle_message)

    def save(self, path: str | Path, *, scale: float = 2, timeout: float = 60) -> Path:
        """Write the figure to ``path``, in the format its suffix names.

        ``.png`` (the view as shown, ``scale`` pixels per screen pixel), ``.svg`` (one vector
        shape per point), ``.html`` (interactive, works offline, selections linked across
        layers) or ``.csv`` (every layer's layout, labels and metrics). The browser renders the
        file and writes it through the Jupyter server, so the widget must be displayed and
        ``path`` must lie inside the server's root directory; the call waits until it is there.

        Parameters
        ----------
        path : str or Path
            Where to write; its suffix chooses the format.
        scale : float, default 2
            PNG only: pixels per screen pixel, in [1, 8].
        timeout : float, default 60
            Seconds to wait for the browser.

        Returns
        -------
        Path
            The file written.

        Raises
        ------
        LayerVizError
            For an unknown suffix, outside a notebook, when no displayed view answers within
            ``timeout`` seconds, or when the browser reports a failure.

        """
        return save_figure(self, path, scale=scale, timeout=timeout)

    @property
    def layer(self) -> str:
        """The layer shown large; set it to a layer's name to move the slider there."""
        return self.focus or (self.layers[0] if self.layers else "")

    @layer.setter
    def layer(self, name: str) -> None:
        if name not in (self.layers or []):
            raise LayerVizError(
                f"no layer {name!r} is shown; choose one of {', '.join(self.layers or [])}."
            )
        self.focus = name

    def embedding(self, layer: str | None = None) -> np.ndarray:
        """Return the layout of ``layer`` (default: the focused one) as the view shows it.

        Returns
        -------
        ndarray of float32, shape (N, 2) or (N, 3)
            Row i is the i-th shown sample (original row ``sample_ids[i]``).

        Raises
        ------
        LayerVizError
            If the layer is not shown or the browser has not laid it out yet.

        """
        name = self.layer if layer is None else layer
        layouts = self.saved_layouts or {}
        if name not in (self.layers or []) and name not in layouts:
            raise LayerVizError(
                f"no layer {name!r} is shown; choose one of {', '.join(self.layers or [])}."
            )
        if name not in layouts:
            raise LayerVizError(
                f"layer {name!r} has not been laid out yet: display the widget and wait until "
                "its plots are drawn."
            )
        return np.array(layouts[name], dtype=np.float32)

    def selected(self) -> Any:
        """Return the selected samples with what is known about them.

        Returns
        -------
        pandas.DataFrame or list of dict
            One row per selected sample, indexed by its row in the original ``x``, with the
            columns ``text`` (when texts are known), every ``meta`` column, ``label``,
            ``prediction`` and ``confidence`` (when known). A list of dicts (with ``index``)
            when pandas is not installed.

        """
        position = {int(row): i for i, row in enumerate(self._sample_ids())}
        rows = [row for row in self.selection if row in position]
        records = []
        for row in rows:
            i = position[row]
            record: dict[str, Any] = {"index": row}
            if self.texts is not None:
                record["text"] = self.texts[i]
            for name, column in (self.meta or {}).items():
                record[name] = column[i]
            for name, values in (
                ("label", self.labels),
                ("prediction", self.predictions),
                ("confidence", self.confidence),
            ):
                if values is not None:
                    record[name] = self._class_name(name, values[i].item())
            records.append(record)
        try:
            import pandas as pd
        except ImportError:
            return records
        return pd.DataFrame.from_records(records, columns=_columns(records)).set_index("index")

    def selection_metrics(self) -> Any:
        """Return how separable the selection is from the other samples in each layer.

        Measured by the displayed view on each layer's features (not its 2-D layout) whenever
        the selection changes (a lasso or box, a search, or ``widget.selection = [...]``).

        Returns
        -------
        pandas.DataFrame or list of dict
            One row per layer in model order: ``layer``, ``knn_purity`` (mean share of each
            selected point's 10 nearest neighbours that are selected, in [0, 1]), ``chance``
            (the selected share, what a random selection scores), ``probe_balanced_accuracy``
            (a logistic regression selection vs. rest, held-out balanced accuracy in [0, 1],
            chance 0.5) and ``n_selected``. A list of dicts when pandas is not installed.

        Raises
        ------
        LayerVizError
            When no displayed view has measured this selection yet (select points in a
            displayed view, or set ``widget.selection``), while it is measuring, or when fewer
            than 5 points or all but fewer than 5 are selected.

        """
        return selection_metrics_table(self.selection_separability, list(self.selection))

    def _class_name(self, column: str, value: Any) -> Any:
        """Return a label or prediction id as the user named the classes (else unchanged)."""
        names = self.label_names
        if column in ("label", "prediction") and names and 0 <= value < len(names):
            return names[value]
        return value

    def _sample_ids(self) -> np.ndarray:
        if self.sample_ids is not None:
            return self.sample_ids
        count = next((len(v) for v in (self.labels, self.predictions, self.x) if v is not None), 0)
        return np.arange(count)

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
        ``continuity``, ``cka_next``, ``intrinsic_dim``) when pandas is installed, else a dict
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

    @property
    def cka(self) -> Any:
        """Linear CKA between every pair of shown layers, as the browser measured it.

        Linear centred kernel alignment (Kornblith et al. 2019) of the layers' features, in
        [0, 1]: 1 when two layers hold the same representation up to a rotation and a scale,
        near 0 when unrelated; the diagonal is 1. A pandas DataFrame (layers x layers, in model
        order) when pandas is installed, else a dict ``{layer: {layer: value}}``. Empty until
        measured (after the other metrics; not with ``metrics="none"``); a saved notebook keeps
        it.
        """
        source = self._cka or (self.saved_view or {}).get("cka") or {}
        layers = list(source.get("layers", []))
        rows = source.get("values", [])
        table = {
            row_layer: {
                col_layer: float("nan") if value is None else float(value)
                for col_layer, value in zip(layers, row, strict=True)
            }
            for row_layer, row in zip(layers, rows, strict=True)
        }
        try:
            import pandas as pd
        except ImportError:
            return table
        return pd.DataFrame(
            [[table[r][c] for c in layers] for r in layers], index=layers, columns=layers
        )

    def _handle_message(self, _widget: Any, content: dict[str, Any], buffers: Any) -> None:
        if content.get("type") == "cka_measured":
            self._cka = {"layers": content.get("layers", []), "values": content.get("values", [])}
            return
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


def _columns(records: list[dict[str, Any]]) -> list[str]:
    """Column order of :meth:`WidgetResults.selected`, also when nothing is selected."""
    if records:
        return list(records[0])
    return ["index"]


def _snake(name: str) -> str:
    """``knnAccuracy`` -> ``knn_accuracy``: metric names as Python spells them."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)
