import json
import os

import numpy as np
import pytest
from crosslang import needs_node, run_core
from ipywidgets.widgets.widget import _remove_buffers

import layerviz
from layerviz import LayerVizError
from layerviz.kernel_compute import keras_activations, pool


def test_pool_means_over_unmasked_steps_only():
    out = np.array([[[1, 2], [3, 4], [100, 100]]], dtype=np.float32)
    mask = np.array([[True, True, False]])
    np.testing.assert_array_equal(pool(out, mask), [[2, 3]])
    np.testing.assert_allclose(pool(out), [[104 / 3, 106 / 3]], rtol=1e-6)
    np.testing.assert_array_equal(pool(np.ones((2, 2, 2, 3))), np.ones((2, 3)))


@needs_node
@pytest.mark.parametrize("fixture", ["article_model", "functional_model"])
def test_kernel_activations_equal_the_browser_path(fixture, request, tokens, tmp_path):
    model = request.getfixturevalue(fixture)
    names = [layer.name for layer in model.layers if type(layer).__name__ != "InputLayer"]
    ours = keras_activations(model, tokens, names)
    os.environ["LAYERVIZ_POOLING"] = "mean"
    try:
        _, browser = run_core(model, tokens, tmp_path)
    finally:
        del os.environ["LAYERVIZ_POOLING"]
    assert list(browser) == names
    for name in names:
        np.testing.assert_allclose(ours[name], browser[name], atol=1e-4, err_msg=name)


def test_show_with_kernel_compute_sends_pooled_activations(article_model, tokens):
    widget = layerviz.show(article_model, tokens, compute="kernel")
    assert widget.compute == "kernel"
    assert widget.x is None
    assert [info["name"] for info in widget.layer_info] == widget.layers
    assert widget.layer_info[0]["output_shape"] == [None, 12, 8]
    assert widget.activations["bidirectional"].shape == (len(tokens), 10)
    state, paths, buffers = _remove_buffers(widget.get_state())
    assert ["activations", "embedding", "buffer"] in paths
    assert state["activations"]["embedding"] == {"dtype": "float32", "shape": [31, 8]}
    embedding = buffers[paths.index(["activations", "embedding", "buffer"])]
    assert bytes(embedding) == widget.activations["embedding"].astype("<f4").tobytes()
    json.dumps(state)  # nothing but metadata is left in the JSON part


@pytest.fixture(scope="module")
def unconvertible(keras):
    return keras.Sequential(
        [
            keras.Input((3, 4)),
            # Causal padding is translated channels-last only.
            keras.layers.Conv1D(3, 2, padding="causal", data_format="channels_first", name="gate"),
            keras.layers.Flatten(name="flat"),
            keras.layers.Dense(2, name="out"),
        ]
    )


def test_auto_falls_back_to_the_kernel_with_a_notice(unconvertible):
    x = np.linspace(-1, 1, 60).reshape(5, 3, 4)
    widget = layerviz.show(unconvertible, x)
    assert widget.compute == "kernel"
    assert "'gate' (Conv1D): padding='causal'" in widget.notice
    assert "Keras computed these layers in the kernel" in widget.notice
    expected = unconvertible.predict(x, verbose=0)
    np.testing.assert_allclose(widget.activations["out"], expected, rtol=1e-6)


def test_browser_compute_refuses_with_the_fix(unconvertible):
    with pytest.raises(LayerVizError, match=r"(?s)'gate' \(Conv1D\).*--compute kernel"):
        layerviz.show(unconvertible, np.ones((5, 3, 4)), compute="browser")


def test_unknown_compute_choice(article_model, tokens):
    with pytest.raises(LayerVizError, match="compute must be one of auto, browser, kernel"):
        layerviz.show(article_model, tokens, compute="gpu")


def test_tf_keras_models_run_in_the_browser_and_fall_back_with_tf_keras(tf_keras):
    gru = tf_keras.Sequential(
        [tf_keras.Input((3, 4)), tf_keras.layers.GRU(3, return_sequences=True, name="gru")]
    )
    x = np.linspace(-1, 1, 60).reshape(5, 3, 4).astype("float32")
    browser = layerviz.show(gru, x)
    assert browser.compute == "browser"
    # The fidelity reference is tf.keras 2's own output (pooled over the steps).
    expected = gru.predict(x, verbose=0).mean(axis=1)
    np.testing.assert_allclose(browser.fidelity_reference["gru"], expected, rtol=1e-5)
    causal = tf_keras.Sequential(
        [
            tf_keras.Input((3, 4)),
            tf_keras.layers.Conv1D(
                2, 2, padding="causal", data_format="channels_first", name="causal"
            ),
        ]
    )
    kernel = layerviz.show(causal, x)
    assert kernel.compute == "kernel"
    assert "'causal' (Conv1D): padding='causal'" in kernel.notice
    expected = causal.predict(x, verbose=0).mean(axis=1)
    np.testing.assert_allclose(kernel.activations["causal"], expected, rtol=1e-5)
