"""Keras 3 on other backends than TensorFlow: layerviz uses Keras's own API only.

Keras fixes its backend when it is first imported, so each backend runs in its own process.
Skipped, with the reason, where the backend's package is not installed.
"""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

SCRIPT = r"""
import json
import numpy as np
import keras
import layerviz

rng = np.random.default_rng(0)
model = keras.Sequential(
    [
        keras.Input((6,)),
        keras.layers.Dense(5, activation="relu", name="hidden"),
        keras.layers.Dense(3, activation="softmax", name="probs"),
    ]
)
model.set_weights([rng.normal(0, 0.5, w.shape).astype("float32") for w in model.get_weights()])
x = rng.normal(size=(40, 6)).astype("float32")
y = np.arange(40) % 3

kernel = layerviz.show(model, x, y, compute="kernel")
w1, b1 = model.get_layer("hidden").get_weights()
hidden = np.maximum(x @ w1 + b1, 0)[kernel.sample_ids]
browser = layerviz.show(model, x, y, compute="browser")
weights = b"".join(np.asarray(w, "float32").tobytes() for w in model.get_weights())
print(json.dumps({
    "backend": keras.backend.backend(),
    "kernel_error": float(np.abs(kernel.activations["hidden"] - hidden).max()),
    "browser": browser.compute,
    "weights_equal": bytes(browser.weight_data) == weights,
    "layers": [
        layer["config"]["name"]
        for layer in browser.model_topology["config"]["layers"]
    ],
}))
"""


@pytest.mark.parametrize("backend", ["torch", "jax"])
def test_keras_on_another_backend_is_shown_in_the_kernel_and_converted(backend):
    if importlib.util.find_spec(backend) is None:
        pytest.skip(f"{backend} is not installed here, so Keras cannot run on it")
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["backend"] == backend
    assert result["kernel_error"] < 1e-5
    assert result["browser"] == "browser" and result["weights_equal"]
    assert result["layers"][-2:] == ["hidden", "probs"]
