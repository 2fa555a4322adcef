"""``widget.selection_metrics()``: how separable the selection is in each layer.

The browser measures it (in the layout worker, on each layer's features) whenever the
selection changes, and syncs the numbers to the ``selection_separability`` trait; this module
only reads them.
"""

from __future__ import annotations

from typing import Any

from .errors import LayerVizError

#: The columns of :func:`selection_metrics_table`, in order.
COLUMNS = ["layer", "knn_purity", "chance", "probe_balanced_accuracy", "n_selected"]

NOTHING_MEASURED = (
    "no selection metrics yet: select points (lasso, box or search) in a displayed view, or "
    "set widget.selection = [rows] while the widget is displayed; the browser then measures, "
    "layer by layer, how separable the selection is."
)


def selection_metrics_table(trait: dict[str, Any], selection: list[int]) -> Any:
    """Return the per-layer separability of ``selection`` that the browser measured.

    Parameters
    ----------
    trait : dict
        The widget's ``selection_separability`` trait: ``{"rows", "pending", "message",
        "layers"}`` (see ``packages/jupyterlab/src/selection_metrics.ts``), or ``{}``.
    selection : list of int
        The widget's ``selection`` (rows of the original ``x``): the numbers must be of it.

    Returns
    -------
    pandas.DataFrame or list of dict
        One row per layer in model order, with the columns ``layer``, ``knn_purity`` (mean
        share of each selected point's 10 nearest neighbours that are selected, in [0, 1]),
        ``chance`` (the purity of a random selection: the selected share, in (0, 1)),
        ``probe_balanced_accuracy`` (a logistic regression selection vs. rest on a held-out
        30%, in [0, 1], chance 0.5) and ``n_selected``. A list of dicts without pandas.

    Raises
    ------
    LayerVizError
        When nothing was measured for this selection (no displayed view, nothing selected, or
        the selection changed since), while the browser is still measuring, or when the
        selection is too small or holds every point.

    """
    if not trait or not trait.get("rows"):
        raise LayerVizError(NOTHING_MEASURED)
    if sorted(int(r) for r in trait["rows"]) != sorted(int(r) for r in selection):
        raise LayerVizError(
            "the selection changed since its metrics were measured: wait a moment for the "
            "displayed view to measure the new one (or, with no view displayed, display the "
            "widget)."
        )
    if trait.get("message"):
        raise LayerVizError(str(trait["message"]))
    layers = list(trait.get("layers") or [])
    if trait.get("pending"):
        raise LayerVizError(
            f"the browser is still measuring the selection ({len(layers)} layers done); "
            "try again in a moment."
        )
    records = [
        {
            "layer": str(row["layer"]),
            "knn_purity": float(row["knn_purity"]),
            "chance": float(row["chance"]),
            "probe_balanced_accuracy": float(row["probe_balanced_accuracy"]),
            "n_selected": int(row["n_selected"]),
        }
        for row in layers
    ]
    try:
        import pandas as pd
    except ImportError:
        return records
    return pd.DataFrame.from_records(records, columns=COLUMNS)
