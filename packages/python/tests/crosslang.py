"""Run a converted model through @layerviz/core in Node and Keras, layer by layer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from layerviz.arrays import wire_array
from layerviz.convert import to_tfjs
from layerviz.kernel_compute import layer_output

REPO = Path(__file__).resolve().parents[3]
SCRIPT = REPO / "test" / "cross" / "compute_layers.mjs"
CORE_BUILD = REPO / "packages" / "core" / "lib" / "index.js"

needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not CORE_BUILD.exists(),
    reason="needs node and a built @layerviz/core (npm run build)",
)


def run_core(model, x, directory: Path):
    """Convert ``model``, compute every layer with @layerviz/core in Node; return raw outputs."""
    to_tfjs(model).save(directory)
    wire = wire_array(x)
    wire.tofile(directory / "x.bin")
    meta = {"dtype": str(wire.dtype), "shape": list(x.shape)}
    (directory / "x.json").write_text(json.dumps(meta))
    result = subprocess.run(
        ["node", str(SCRIPT), str(directory)], cwd=REPO, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise AssertionError(f"@layerviz/core failed:\n{result.stderr[-3000:]}")
    manifest = json.loads((directory / "out" / "manifest.json").read_text())
    outputs = {}
    for layer in manifest["layers"]:
        data = np.fromfile(directory / "out" / f"{layer['name']}.f32", dtype="<f4")
        outputs[layer["name"]] = data.reshape(layer["rows"], layer["cols"])
    return manifest, outputs


def keras_outputs(keras, model, x):
    """Every non-input layer's output, flattened per sample, as Keras computes it."""
    layers = [layer for layer in model.layers if type(layer).__name__ != "InputLayer"]
    probe = keras.Model(model.inputs, [layer_output(layer) for layer in layers])
    values = probe.predict(x, verbose=0)
    if len(layers) == 1:
        values = [values]
    return {
        layer.name: np.asarray(v).reshape(len(x), -1)
        for layer, v in zip(layers, values, strict=True)
    }


def assert_layers_match(keras, model, x, directory: Path, atol: float = 1e-4):
    """Assert TF.js (through our conversion) and Keras agree on every layer within ``atol``,
    scaled by the layer's magnitude when it exceeds 1."""
    manifest, ours = run_core(model, x, directory)
    expected = keras_outputs(keras, model, x)
    # TF.js also lists Keras 3's op layers (`x + 3.0`), which model.layers leaves out.
    assert [name for name in ours if name in expected] == list(expected)
    for name, want in expected.items():
        scale = max(1.0, float(np.abs(want).max()))
        np.testing.assert_allclose(ours[name], want, atol=atol * scale, err_msg=f"layer {name}")
    assert manifest["leakedTensors"] == 0
    assert manifest["backend"] == os.environ.get("LAYERVIZ_BACKEND", "wasm")
