"""Keras computes every layer; @layerviz/core computes the same layers from our conversion, in
Node with TF.js's CPU backend; they must agree within 1e-4."""

import json
import shutil
import subprocess

import numpy as np
import pytest
from conftest import REPO

from layerviz.arrays import wire_array
from layerviz.convert import to_tfjs

SCRIPT = REPO / "test" / "cross" / "compute_layers.mjs"
CORE_BUILD = REPO / "packages" / "core" / "lib" / "index.js"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not CORE_BUILD.exists(),
    reason="needs node and a built @layerviz/core (npm run build)",
)


def run_core(model, x, tmp_path):
    to_tfjs(model).save(tmp_path)
    wire = wire_array(x)
    wire.tofile(tmp_path / "x.bin")
    (tmp_path / "x.json").write_text(json.dumps({"dtype": str(wire.dtype), "shape": list(x.shape)}))
    subprocess.run(["node", str(SCRIPT), str(tmp_path)], check=True, cwd=REPO, capture_output=True)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    outputs = {}
    for layer in manifest["layers"]:
        data = np.fromfile(tmp_path / "out" / f"{layer['name']}.f32", dtype="<f4")
        outputs[layer["name"]] = data.reshape(layer["rows"], layer["cols"])
    return manifest, outputs


def keras_outputs(keras, model, x):
    layers = [layer for layer in model.layers if type(layer).__name__ != "InputLayer"]
    probe = keras.Model(model.inputs, [layer.output for layer in layers])
    values = probe.predict(x, verbose=0)
    return {
        layer.name: np.asarray(v).reshape(len(x), -1)
        for layer, v in zip(layers, values, strict=True)
    }


@pytest.mark.parametrize("fixture", ["article_model", "functional_model"])
def test_every_layer_matches_keras(fixture, request, keras, tokens, tmp_path):
    model = request.getfixturevalue(fixture)
    manifest, ours = run_core(model, tokens, tmp_path)
    expected = keras_outputs(keras, model, tokens)
    assert list(ours) == list(expected)
    for name, want in expected.items():
        np.testing.assert_allclose(ours[name], want, atol=1e-4, err_msg=f"layer {name}")
    assert manifest["leakedTensors"] == 0
