import functools
import http.server
import json
import subprocess
import threading

import numpy as np
import pytest
from crosslang import REPO, needs_node

import layerviz
from layerviz import LayerVizError
from layerviz.convert import TfjsArtifacts

pytestmark = needs_node


@pytest.fixture(scope="module")
def native_dir(tmp_path_factory):
    """A model saved by TF.js itself, weights in two shards."""
    directory = tmp_path_factory.mktemp("native")
    script = REPO / "test" / "cross" / "save_tfjs_model.mjs"
    subprocess.run(["node", str(script), str(directory)], check=True, cwd=REPO, capture_output=True)
    return directory


def test_show_takes_a_tfjs_model_json(native_dir):
    x = np.random.default_rng(0).normal(size=(20, 5))
    widget = layerviz.show(str(native_dir / "model.json"), x, np.arange(20) % 3)
    assert widget.compute == "browser"
    assert widget.layers == ["hidden", "probs"]
    shards = (native_dir / "shard1.bin").read_bytes() + (native_dir / "shard2.bin").read_bytes()
    assert widget.weight_data == shards
    assert [spec["name"] for spec in widget.weight_specs][:2] == ["hidden/kernel", "hidden/bias"]


def test_the_shipped_artifacts_compute_in_core(native_dir, tmp_path):
    x = np.random.default_rng(1).normal(size=(9, 5)).astype("float32")
    widget = layerviz.show(native_dir / "model.json", x)
    TfjsArtifacts(widget.model_topology, widget.weight_specs, widget.weight_data).save(tmp_path)
    x.tofile(tmp_path / "x.bin")
    (tmp_path / "x.json").write_text(json.dumps({"dtype": "float32", "shape": [9, 5]}))
    script = REPO / "test" / "cross" / "compute_layers.mjs"
    subprocess.run(["node", str(script), str(tmp_path)], check=True, cwd=REPO, capture_output=True)
    probs = np.fromfile(tmp_path / "out" / "probs.f32", dtype="<f4").reshape(9, 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1, atol=1e-5)


def test_a_tfjs_model_over_http(native_dir):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(native_dir))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/model.json"
        widget = layerviz.show(url, np.zeros((3, 5)))
        assert widget.layers == ["hidden", "probs"]
    finally:
        server.shutdown()


def test_magic_takes_a_model_json_path(native_dir):
    from IPython.testing.globalipapp import get_ipython

    ip = get_ipython()
    ip.run_line_magic("load_ext", "layerviz")
    ip.user_ns["x_native"] = np.zeros((4, 5))
    widget = ip.run_line_magic("layerviz", f"{native_dir / 'model.json'} x_native")
    assert widget.layers == ["hidden", "probs"]


def test_bad_tfjs_inputs_are_explained(native_dir, tmp_path):
    with pytest.raises(LayerVizError, match=r"expects \(N, 5\)"):
        layerviz.show(native_dir / "model.json", np.zeros((3, 4)))
    with pytest.raises(LayerVizError, match="no layer named 'nope'"):
        layerviz.show(native_dir / "model.json", np.zeros((3, 5)), layers=["nope"])
    with pytest.raises(LayerVizError, match="cannot read"):
        layerviz.show(tmp_path / "missing.json", np.zeros((3, 5)))
    with pytest.raises(LayerVizError, match="only be computed in the browser"):
        layerviz.show(native_dir / "model.json", np.zeros((3, 5)), compute="kernel")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "model.json").write_text((native_dir / "model.json").read_text())
    (broken / "shard1.bin").write_bytes((native_dir / "shard1.bin").read_bytes())
    with pytest.raises(LayerVizError, match=r"cannot read .*shard2\.bin"):
        layerviz.show(broken / "model.json", np.zeros((3, 5)))
