import numpy as np
import pytest
from ipywidgets.widgets.widget import _remove_buffers

import layerviz
from layerviz import LayerVizError, LayerVizWidget


def test_show_returns_a_widget_with_everything_the_browser_needs(article_model, tokens):
    labels = np.arange(len(tokens)) % 2
    widget = layerviz.show(article_model, tokens, labels)
    assert isinstance(widget, LayerVizWidget)
    assert widget.layers == ["embedding", "bidirectional", "dropout", "dense"]
    assert widget.x.dtype == np.int32  # int64 travels as int32
    np.testing.assert_array_equal(widget.x, tokens)
    np.testing.assert_array_equal(widget.labels, labels)
    assert widget.model_topology["class_name"] == "Sequential"


def test_arrays_and_weights_travel_as_binary_buffers(article_model, tokens):
    widget = layerviz.show(article_model, tokens, np.zeros(len(tokens)))
    state, paths, buffers = _remove_buffers(widget.get_state())
    assert ["weight_data"] in paths
    assert ["x", "buffer"] in paths
    assert ["labels", "buffer"] in paths
    assert state["x"] == {"dtype": "int32", "shape": list(tokens.shape)}
    x_buffer = buffers[paths.index(["x", "buffer"])]
    assert bytes(x_buffer) == tokens.astype("<i4").tobytes()


def test_layers_can_be_chosen_and_keep_model_order(article_model, tokens):
    widget = layerviz.show(article_model, tokens, layers=["dense", "embedding"])
    assert widget.layers == ["embedding", "dense"]
    assert widget.labels is None


def test_max_points_keeps_a_seeded_sorted_subset(article_model, tokens):
    a = layerviz.show(article_model, tokens, max_points=10)
    b = layerviz.show(article_model, tokens, max_points=10)
    assert len(a.x) == 10
    np.testing.assert_array_equal(a.sample_ids, b.sample_ids)
    assert list(a.sample_ids) == sorted(a.sample_ids)
    np.testing.assert_array_equal(a.x, tokens[a.sample_ids])


def test_one_hot_and_string_labels_become_class_ids(article_model, tokens):
    one_hot = np.eye(3)[np.arange(len(tokens)) % 3]
    assert list(layerviz.show(article_model, tokens, one_hot).labels[:4]) == [0, 1, 2, 0]
    names = np.array(["neg", "pos"])[np.arange(len(tokens)) % 2]
    assert list(layerviz.show(article_model, tokens, names).labels[:3]) == [0, 1, 0]


def test_x_and_y_of_different_lengths(article_model, tokens):
    with pytest.raises(LayerVizError, match=r"x has 31 samples but y has 30 labels"):
        layerviz.show(article_model, tokens, np.zeros(30))


def test_x_that_does_not_fit_the_model_input(article_model, tokens):
    with pytest.raises(
        LayerVizError, match=r"x has shape \(31, 5\) but model .* expects \(N, 12\)"
    ):
        layerviz.show(article_model, tokens[:, :5])


def test_a_layer_that_does_not_exist(article_model, tokens):
    with pytest.raises(
        LayerVizError,
        match=r"no layer named 'lstm'; its layers are: embedding, bidirectional, dropout, dense",
    ):
        layerviz.show(article_model, tokens, layers=["lstm"])


@pytest.mark.parametrize("not_a_model", [np.zeros((3, 3)), "model", object()])
def test_something_that_is_not_a_keras_model(not_a_model, tokens):
    with pytest.raises(LayerVizError, match=r"layerviz needs a trained Keras model"):
        layerviz.show(not_a_model, tokens)


def test_non_numeric_x(article_model):
    with pytest.raises(LayerVizError, match="x must be numeric"):
        layerviz.show(article_model, np.array([["a"] * 12]))


def test_browser_widgets_carry_keras_reference_activations_for_the_fidelity_check(
    article_model, tokens
):
    from layerviz.kernel_compute import keras_activations
    from layerviz.sources.keras_browser import FIDELITY_PROBE_SIZE

    widget = layerviz.show(article_model, tokens)
    reference = widget.fidelity_reference
    assert set(reference) == set(widget.layers)
    probe = tokens[: min(FIDELITY_PROBE_SIZE, len(tokens))]
    expected = keras_activations(article_model, probe, widget.layers)
    for name in widget.layers:
        np.testing.assert_array_equal(reference[name], expected[name])
    assert widget.fidelity == {}  # filled in by the browser
