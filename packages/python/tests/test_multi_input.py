"""Keras models with several inputs: x as a list or dict of arrays, layers computed by Keras."""

import numpy as np
import pytest

import layerviz
from layerviz import LayerVizError


@pytest.fixture(scope="module")
def two_inputs(keras):
    numbers = keras.Input((3,), name="numbers")
    tokens = keras.Input((4,), dtype="int32", name="tokens")
    embedded = keras.layers.GlobalAveragePooling1D(name="avg")(
        keras.layers.Embedding(10, 2, name="embed")(tokens)
    )
    joined = keras.layers.Concatenate(name="join")([numbers, embedded])
    hidden = keras.layers.Dense(4, activation="relu", name="hidden")(joined)
    out = keras.layers.Dense(2, activation="softmax", name="out")(hidden)
    return keras.Model([numbers, tokens], [out, hidden], name="two_inputs")


@pytest.fixture(scope="module")
def inputs():
    rng = np.random.default_rng(0)
    return rng.normal(0, 1, (12, 3)), rng.integers(0, 10, (12, 4))


def test_a_list_per_input_is_computed_by_keras_in_the_kernel(keras, two_inputs, inputs):
    y = np.arange(12) % 2
    widget = layerviz.show(two_inputs, list(inputs), y, layers=["join", "hidden"])
    assert widget.compute == "kernel"
    assert "the browser takes models with one input" in widget.notice
    probe = keras.Model(two_inputs.inputs, two_inputs.get_layer("hidden").output)
    keep = widget.sample_ids
    expected = probe.predict([inputs[0][keep], inputs[1][keep]], verbose=0)
    np.testing.assert_allclose(widget.activations["hidden"], expected, rtol=1e-5)
    assert widget.activations["join"].shape == (12, 5)
    # The first output's classes are the predictions.
    assert widget.predictions.shape == (12,)


def test_a_dict_keyed_by_input_name_works_too(two_inputs, inputs):
    numbers, tokens = inputs
    widget = layerviz.show(two_inputs, {"tokens": tokens, "numbers": numbers}, layers=["out"])
    as_list = layerviz.show(two_inputs, [numbers, tokens], layers=["out"])
    np.testing.assert_array_equal(widget.activations["out"], as_list.activations["out"])


@pytest.mark.parametrize(
    ("make_x", "message"),
    [
        (lambda a, b: a, r"has 2 inputs \(numbers, tokens\) but x is one array"),
        (lambda a, b: {"numbers": a}, r"no array for input\(s\) 'tokens'"),
        (lambda a, b: [a, b[:5]], r"different numbers of samples \(\[5, 12\]\)"),
        (
            lambda a, b: [a[:, :2], b],
            r"input 'numbers': x has shape \(12, 2\) but model 'two_inputs' expects \(N, 3\)",
        ),
    ],
)
def test_x_that_does_not_fit_the_inputs_is_explained(two_inputs, inputs, make_x, message):
    with pytest.raises(LayerVizError, match=message):
        layerviz.show(two_inputs, make_x(*inputs))


def test_browser_compute_is_refused_with_the_fix(two_inputs, inputs):
    with pytest.raises(LayerVizError, match="several inputs runs in the kernel only"):
        layerviz.show(two_inputs, list(inputs), compute="browser")
