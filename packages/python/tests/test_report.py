import json
import re

import numpy as np
import pytest
from test_cli import run_cli

import layerviz
from layerviz import LayerVizError
from layerviz.report import principal_components, write_report


def test_principal_components_keep_distances_of_low_rank_data():
    rng = np.random.default_rng(0)
    values = (rng.normal(size=(200, 3)) @ rng.normal(size=(3, 80))).astype(np.float32)
    reduced = principal_components(values, 50)
    assert reduced.shape == (200, 50) and reduced.dtype == np.float32

    def distances(a):
        return np.linalg.norm(a[:, None, :] - a[None, :, :], axis=-1)

    np.testing.assert_allclose(distances(reduced), distances(values), rtol=1e-3, atol=1e-3)
    narrow = values[:, :10]
    np.testing.assert_array_equal(principal_components(narrow, 50), narrow)


def _report_state(text):
    match = re.search(r'<script type="application/json" id="layerviz-state">(.*?)</script>', text)
    assert match is not None
    return json.loads(match.group(1))


def test_report_carries_the_kernel_activations_reduced_and_escapes_the_page(
    article_model, tokens, tmp_path, monkeypatch
):
    monkeypatch.setattr("layerviz.report.REPORT_FEATURES", 6)
    x, y = tokens, np.arange(len(tokens)) % 2
    texts = ["</script><script>alert(1)</script>"] + [f"s{i}" for i in range(1, len(x))]
    path = write_report(
        article_model, x, y, tmp_path / "r" / "report.html", title="<b>Mine</b>", texts=texts
    )
    text = path.read_text()
    assert "<title>&lt;b&gt;Mine&lt;/b&gt;</title>" in text
    assert "</script><script>alert(1)" not in text
    state = _report_state(text)
    traits = state["state"]
    assert traits["compute"] == "kernel" and traits["method"] == "tsne"
    assert traits["texts"][0] == texts[0]
    widths = {name: a["shape"][1] for name, a in traits["activations"].items()}
    assert widths == {"embedding": 6, "bidirectional": 6, "dropout": 6, "dense": 1}
    paths = {tuple(b["path"]) for b in state["buffers"]}
    assert ("activations", "dense", "buffer") in paths
    assert ("labels", "buffer") in paths


def test_report_command_and_its_errors(article_model, tokens, tmp_path):
    x, y = tokens, np.arange(len(tokens)) % 2
    article_model.save(tmp_path / "m.keras")
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", y)
    out = tmp_path / "report.html"
    result = run_cli(
        "report",
        *(str(tmp_path / f) for f in ("m.keras", "x.npy", "y.npy")),
        "--out",
        str(out),
        "--layers",
        "bidirectional,dense",
        "--method",
        "pca",
    )
    assert result.returncode == 0, result.stderr
    assert re.match(r"wrote .*report\.html \([\d.]+ MB\)", result.stdout)
    traits = _report_state(out.read_text())["state"]
    assert traits["layers"] == ["bidirectional", "dense"] and traits["method"] == "pca"
    bad_layer = run_cli(
        "report",
        str(tmp_path / "m.keras"),
        str(tmp_path / "x.npy"),
        "--layers",
        "nope",
        "--out",
        str(tmp_path / "bad.html"),
    )
    assert bad_layer.returncode == 2 and "nope" in bad_layer.stderr
    (tmp_path / "bad.npy").write_text("not numpy")
    unreadable = run_cli("report", str(tmp_path / "m.keras"), str(tmp_path / "bad.npy"))
    assert unreadable.returncode == 2
    assert "cannot read the samples from" in unreadable.stderr


def test_report_in_browser_mode_carries_the_model(article_model, tokens, tmp_path):
    x, y = tokens, np.arange(len(tokens)) % 2
    path = write_report(article_model, x[:20], y[:20], tmp_path / "b.html", compute="browser")
    traits = _report_state(path.read_text())["state"]
    assert traits["compute"] == "browser" and traits["model_topology"]


def test_report_command_reads_a_folder_of_shards(article_model, tokens, tmp_path):
    x, y = tokens, np.arange(len(tokens)) % 2
    article_model.save(tmp_path / "m.keras")
    shards = tmp_path / "shards"
    shards.mkdir()
    for i, start in enumerate(range(0, len(x), 8)):
        np.savez(shards / f"part_{i}.npz", x=x[start : start + 8], y=y[start : start + 8])
    out = tmp_path / "sharded.html"
    result = run_cli(
        "report", str(tmp_path / "m.keras"), str(shards), "--max-points", "12", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    traits = _report_state(out.read_text())["state"]
    assert traits["total_samples"] == len(x) and traits["sample_ids"]["shape"] == [12]
    assert f"Showing 12 of 31 samples of the shards in {shards}" in traits["notice"]
    assert traits["labels"] is not None


def test_a_recorder_report_carries_every_recorded_epoch(keras, tmp_path, monkeypatch):
    monkeypatch.setattr("layerviz.report.REPORT_FEATURES", 3)
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(2), 30)
    x = (rng.normal(0, 1, (60, 4)) + 2 * y[:, None]).astype("float32")
    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(5, activation="relu", name="hidden")],
        name="tiny",
    )
    model.compile("adam", "mse")
    rec = layerviz.Recorder(x, y)
    model.fit(x, rng.normal(size=(60, 5)), epochs=2, verbose=0, callbacks=[rec])
    path = write_report(rec, out=tmp_path / "rec.html")
    text = path.read_text()
    assert "<title>layerviz: tiny</title>" in text
    assert "recorded before training and after 2 epochs" in text
    traits = _report_state(text)["state"]
    assert traits["epochs"] == [0, 1, 2] and traits["epoch"] == 2
    match = re.search(r'<script type="application/json" id="layerviz-epochs">(.*?)</script>', text)
    epochs = json.loads(match.group(1))
    assert [e["epoch"] for e in epochs] == [0, 1, 2]
    for saved in epochs:
        assert sorted(saved["state"]) == ["activations", "confidence", "epoch_cka", "predictions"]
        # At most REPORT_FEATURES principal components per layer, as in any report.
        assert saved["state"]["activations"]["hidden"]["shape"] == [60, 3]
        assert {tuple(b["path"]) for b in saved["buffers"]} >= {("activations", "hidden", "buffer")}
    # Each epoch's own activations, not one copied three times.
    datas = [next(b["data"] for b in e["buffers"] if b["path"][0] == "activations") for e in epochs]
    assert len(set(datas)) == 3
    with pytest.raises(LayerVizError, match="holds its own samples"):
        write_report(rec, x, y, out=tmp_path / "no.html")
