"""``widget.selection_metrics()``: the selection's separability per layer, as the view sends it."""

import builtins

import pytest

from layerviz.errors import LayerVizError
from layerviz.widget import LayerVizWidget

ROWS = [3, 5, 8, 13, 21]
MEASURED = {
    "rows": ROWS,
    "pending": False,
    "message": None,
    "layers": [
        {
            "layer": "embedding",
            "knn_purity": 0.3,
            "chance": 0.1,
            "probe_balanced_accuracy": 0.6,
            "n_selected": 5,
        },
        {
            "layer": "dense",
            "knn_purity": 0.9,
            "chance": 0.1,
            "probe_balanced_accuracy": 0.95,
            "n_selected": 5,
        },
    ],
}


def test_one_row_per_layer_as_a_dataframe():
    pd = pytest.importorskip("pandas")
    widget = LayerVizWidget(selection=ROWS, selection_separability=MEASURED)
    frame = widget.selection_metrics()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == [
        "layer",
        "knn_purity",
        "chance",
        "probe_balanced_accuracy",
        "n_selected",
    ]
    assert list(frame["layer"]) == ["embedding", "dense"]
    assert frame.loc[1, "knn_purity"] == 0.9
    assert frame.loc[0, "n_selected"] == 5


def test_a_list_of_dicts_without_pandas(monkeypatch):
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas here")
        return real_import(name, *args, **kwargs)

    widget = LayerVizWidget(selection=ROWS, selection_separability=MEASURED)
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    rows = widget.selection_metrics()
    assert rows[0] == {
        "layer": "embedding",
        "knn_purity": 0.3,
        "chance": 0.1,
        "probe_balanced_accuracy": 0.6,
        "n_selected": 5,
    }


def test_says_how_to_get_them_before_any_view_measured():
    with pytest.raises(LayerVizError, match=r"select points .* displayed view.*widget\.selection"):
        LayerVizWidget(selection=ROWS).selection_metrics()


def test_numbers_of_another_selection_are_not_returned():
    widget = LayerVizWidget(selection=[1, 2, 3, 4, 5, 6], selection_separability=MEASURED)
    with pytest.raises(LayerVizError, match="selection changed"):
        widget.selection_metrics()


def test_the_views_reason_for_a_small_selection():
    message = "Select at least 5 and not all points to see where the selection separates."
    trait = {"rows": [1, 2], "pending": False, "message": message, "layers": []}
    widget = LayerVizWidget(selection=[1, 2], selection_separability=trait)
    with pytest.raises(LayerVizError, match="at least 5 and not all"):
        widget.selection_metrics()


def test_still_measuring():
    trait = {**MEASURED, "pending": True, "layers": MEASURED["layers"][:1]}
    widget = LayerVizWidget(selection=ROWS, selection_separability=trait)
    with pytest.raises(LayerVizError, match=r"still measuring .*1 layers done"):
        widget.selection_metrics()


def test_the_numbers_are_synced_state():
    # Synced like the other view state, so a saved notebook keeps them.
    assert LayerVizWidget.class_traits()["selection_separability"].metadata.get("sync") is True
