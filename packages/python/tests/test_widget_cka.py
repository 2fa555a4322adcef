"""``widget.cka`` and the intrinsic dimension in ``widget.metrics``, as the browser sends them."""

import builtins
import math

import pytest

from layerviz.widget import LayerVizWidget

MATRIX = {
    "layers": ["embedding", "lstm", "dense"],
    "values": [[1, 0.8, 0.3], [0.8, 1, 0.5], [0.3, 0.5, 1]],
}


def _send(widget, content):
    widget._handle_message(widget, content, [])


def test_cka_is_a_layers_by_layers_dataframe():
    pd = pytest.importorskip("pandas")
    widget = LayerVizWidget()
    assert len(widget.cka) == 0
    _send(widget, {"type": "cka_measured", **MATRIX})
    frame = widget.cka
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.index) == list(frame.columns) == ["embedding", "lstm", "dense"]
    assert frame.loc["lstm", "dense"] == 0.5
    assert frame.loc["dense", "embedding"] == 0.3


def test_cka_is_a_dict_without_pandas(monkeypatch):
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas here")
        return real_import(name, *args, **kwargs)

    widget = LayerVizWidget()
    _send(widget, {"type": "cka_measured", "layers": ["a", "b"], "values": [[1, None], [None, 1]]})
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    table = widget.cka
    assert table["a"]["a"] == 1.0
    assert math.isnan(table["a"]["b"])


def test_cka_comes_from_the_saved_view_in_a_reopened_notebook():
    widget = LayerVizWidget(saved_view={"layers": [], "dims": 2, "metrics": {}, "cka": MATRIX})
    cka = widget.cka
    assert (
        cka["lstm"]["embedding"] if isinstance(cka, dict) else cka.loc["lstm", "embedding"]
    ) == 0.8


def test_intrinsic_dimension_is_a_metrics_column():
    pd = pytest.importorskip("pandas")
    widget = LayerVizWidget()
    _send(
        widget,
        {
            "type": "metrics_measured",
            "values": {"a": {"knnAccuracy": 0.9, "intrinsicDim": 7.25}, "b": {"intrinsicDim": 3.5}},
        },
    )
    frame = widget.metrics
    assert isinstance(frame, pd.DataFrame)
    assert frame.loc["a", "intrinsic_dim"] == 7.25
    assert frame.loc["b", "intrinsic_dim"] == 3.5
