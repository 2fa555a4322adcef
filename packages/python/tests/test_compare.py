import numpy as np
import pytest
from ipywidgets.widgets.widget import _remove_buffers

import layerviz
from layerviz import LayerVizComparison, LayerVizError


@pytest.fixture(scope="module")
def untrained(article_model):
    import keras

    return keras.models.clone_model(article_model)


def test_a_list_of_models_gives_a_comparison_on_the_same_samples(untrained, article_model, tokens):
    labels = np.arange(len(tokens)) % 2
    both = layerviz.show(
        [untrained, article_model], tokens, labels, names=["untrained", "trained"], max_points=10
    )
    assert isinstance(both, LayerVizComparison)
    assert both.names == ["untrained", "trained"]
    a, b = both.widgets
    np.testing.assert_array_equal(a.sample_ids, b.sample_ids)
    np.testing.assert_array_equal(a.x, b.x)
    assert a.layers == b.layers
    # The children travel as widget references; their weights as binary buffers of their own.
    state, _, _ = _remove_buffers(both.get_state())
    assert state["widgets"] == [f"IPY_MODEL_{a.model_id}", f"IPY_MODEL_{b.model_id}"]


def test_options_apply_to_every_model(untrained, article_model, tokens):
    both = layerviz.show([untrained, article_model], tokens, method="pca", metrics="all")
    assert [w.method for w in both.widgets] == ["pca", "pca"]
    assert [w.metrics_level for w in both.widgets] == ["all", "all"]
    assert both.names == ["model 1", "model 2"]


@pytest.mark.parametrize(
    ("models", "names", "message"),
    [
        (1, None, "a comparison needs at least two models, got 1"),
        (2, ["a"], "2 models but 1 names"),
        (2, ["a", "a"], "model names must differ"),
    ],
)
def test_bad_comparisons_are_explained(article_model, tokens, models, names, message):
    with pytest.raises(LayerVizError, match=message):
        layerviz.show([article_model] * models, tokens, names=names)


def test_names_without_a_list_is_an_error(article_model, tokens):
    with pytest.raises(LayerVizError, match="names is for a list of models"):
        layerviz.show(article_model, tokens, names=["a"])


def test_an_error_names_the_model_it_is_about(article_model, tokens):
    with pytest.raises(LayerVizError, match=r"^broken: layerviz needs a trained Keras model"):
        layerviz.show([article_model, object()], tokens, names=["fine", "broken"])


def test_comparison_metrics_stack_the_models(untrained, article_model, tokens):
    pd = pytest.importorskip("pandas")
    both = layerviz.show([untrained, article_model], tokens, names=["untrained", "trained"])
    assert len(both.metrics) == 0
    for widget, value in zip(both.widgets, [0.5, 0.8], strict=True):
        widget._handle_message(
            widget, {"type": "metrics_measured", "values": {"dense": {"knnAccuracy": value}}}, []
        )
    frame = both.metrics
    assert isinstance(frame, pd.DataFrame)
    assert frame.loc[("trained", "dense"), "knn_accuracy"] == 0.8
    assert frame.loc[("untrained", "dense"), "knn_accuracy"] == 0.5


def test_comparison_cka_reads_what_the_view_measured(untrained, article_model, tokens):
    both = layerviz.show(
        [untrained, article_model], tokens, np.arange(len(tokens)) % 2, max_points=10
    )
    assert both.cka.empty  # nothing measured yet
    both.cka_between = {
        "rows": ["embedding", "dense"],
        "cols": ["embedding", "lstm", "dense"],
        "values": [[0.9, 0.2, None], [0.1, 0.3, 0.7]],
    }
    table = both.cka
    assert list(table.index) == ["embedding", "dense"]
    assert list(table.columns) == ["embedding", "lstm", "dense"]
    assert table.loc["dense", "dense"] == 0.7
    assert np.isnan(table.loc["embedding", "dense"])
