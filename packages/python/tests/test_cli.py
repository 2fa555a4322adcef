import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from crosslang import needs_node


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "layerviz", *args], capture_output=True, text=True)


@needs_node
def test_convert_writes_a_model_tfjs_loads(article_model, tmp_path):
    saved = tmp_path / "article.keras"
    article_model.save(saved)
    result = run_cli("convert", str(saved), str(tmp_path / "tfjs"))
    assert result.returncode == 0, result.stderr
    assert f"wrote {tmp_path / 'tfjs' / 'model.json'}" in result.stdout
    model_json = json.loads((tmp_path / "tfjs" / "model.json").read_text())
    names = [w["name"] for w in model_json["weightsManifest"][0]["weights"]]
    assert names[0] == "embedding/embeddings"


def test_convert_names_unsupported_layers_and_fails(keras, tmp_path):
    model = keras.Sequential(
        [
            keras.Input((3, 2)),
            # Causal padding is translated channels-last only.
            keras.layers.Conv1D(2, 2, padding="causal", data_format="channels_first", name="g"),
        ]
    )
    saved = tmp_path / "causal.keras"
    model.save(saved)
    result = run_cli("convert", str(saved), str(tmp_path / "out"))
    assert result.returncode == 1
    assert "'g' (Conv1D): padding='causal'" in result.stderr


def test_convert_explains_a_file_that_is_not_a_model(tmp_path):
    bogus = tmp_path / "notes.keras"
    bogus.write_text("not a model")
    result = run_cli("convert", str(bogus), str(tmp_path / "out"))
    assert result.returncode == 2
    assert "cannot load" in result.stderr


@pytest.mark.parametrize("args", [[], ["convert"], ["convert", "m.keras", "a", "-o", "b"]])
def test_usage_errors(args):
    assert run_cli(*args).returncode == 2


def test_version():
    from layerviz import __version__

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"layerviz {__version__}"


def test_convert_takes_its_folder_as_o_too(tmp_path):
    bogus = tmp_path / "notes.keras"
    bogus.write_text("not a model")
    # Parsed as an output folder (not a usage error): it fails on the model, not the arguments.
    result = run_cli("convert", str(bogus), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "cannot load" in result.stderr


def test_a_command_needing_keras_says_what_to_install(monkeypatch, capsys):
    from layerviz.__main__ import main

    monkeypatch.setitem(sys.modules, "keras", None)  # import keras raises ImportError
    assert main(["convert", "m.keras", "out"]) == 2
    err = capsys.readouterr().err
    assert "Keras is not installed" in err
    assert 'pip install "keras>=3"' in err


def _notebook_with_widget_state(path):
    import nbformat

    state = {
        "version_major": 2,
        "version_minor": 0,
        "state": {
            "abc": {
                "model_name": "LayerVizModel",
                "model_module": "@layerviz/jupyterlab",
                "model_module_version": "0.1.0",
                "state": {"layers": ["dense"], "texts": ["</script><b>x</b>"]},
            }
        },
    }
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": state}
    view = {"version_major": 2, "version_minor": 0, "model_id": "abc"}
    cell = nbformat.v4.new_code_cell("w", execution_count=1)
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", {"application/vnd.jupyter.widget-view+json": view, "text/plain": "w"}
        )
    ]
    nb.cells = [cell]
    nbformat.write(nb, path)


def test_html_inlines_every_widget_script(tmp_path):
    _notebook_with_widget_state(tmp_path / "saved.ipynb")
    result = run_cli("html", str(tmp_path / "saved.ipynb"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "saved.html").read_text()
    assert f"wrote {tmp_path / 'saved.html'}" in result.stdout
    # RequireJS, the named layerviz module and the HTML manager are inline: no CDN, no src.
    assert 'define("@layerviz/jupyterlab", ["@jupyter-widgets/base"]' in page
    assert "RequireJS" in page
    assert "renderWidgets" in page
    assert "<script src=" not in page
    assert "application/vnd.jupyter.widget-state+json" in page


def test_html_explains_a_missing_notebook(tmp_path):
    result = run_cli("html", str(tmp_path / "nope.ipynb"), "-o", str(tmp_path / "x.html"))
    assert result.returncode == 2
    assert "cannot read the notebook" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_html_is_jupyter_nbconvert_with_the_layerviz_template(tmp_path):
    _notebook_with_widget_state(tmp_path / "saved.ipynb")
    assert run_cli("html", str(tmp_path / "saved.ipynb")).returncode == 0
    jupyter = Path(sys.executable).parent / "jupyter"
    result = subprocess.run(
        [
            str(jupyter),
            "nbconvert",
            "--to",
            "html",
            "--template",
            "layerviz",
            "--output",
            "plain",
            str(tmp_path / "saved.ipynb"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    # The same page, but for the random ids nbconvert gives output elements.
    uuid = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    plain = re.sub(uuid, "ID", (tmp_path / "plain.html").read_text())
    assert plain == re.sub(uuid, "ID", (tmp_path / "saved.html").read_text())


@needs_node
def test_node_cli_writes_each_layer_pooled_as_keras_computes_it(article_model, tokens, tmp_path):
    from layerviz.convert import to_tfjs
    from layerviz.kernel_compute import keras_activations

    model_json = to_tfjs(article_model).save(tmp_path / "model")
    np.save(tmp_path / "x.npy", tokens.astype(np.int64))
    script = Path(__file__).resolve().parents[2] / "core" / "bin" / "layerviz-activations.mjs"
    result = subprocess.run(
        [
            "node",
            str(script),
            str(model_json),
            str(tmp_path / "x.npy"),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    names = ["embedding", "bidirectional", "dropout", "dense"]
    want = keras_activations(article_model, tokens, names)
    for name in names:
        got = np.load(tmp_path / "out" / f"{name}.npy")
        assert got.dtype == np.float32
        assert got.shape == want[name].shape
        np.testing.assert_allclose(got, want[name], atol=1e-4)
    assert f"dense: {len(tokens)} x 1" in result.stdout


@needs_node
def test_node_cli_no_pool_keeps_each_layers_shape(article_model, tokens, tmp_path):
    from layerviz.convert import to_tfjs

    model_json = to_tfjs(article_model).save(tmp_path / "model")
    np.save(tmp_path / "x.npy", tokens[:5].astype(np.int64))
    script = Path(__file__).resolve().parents[2] / "core" / "bin" / "layerviz-activations.mjs"
    result = subprocess.run(
        [
            *["node", str(script), str(model_json), str(tmp_path / "x.npy")],
            *["-o", str(tmp_path / "o"), "--no-pool", "--layers", "embedding,bidirectional,dense"],
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for name in ["embedding", "bidirectional", "dense"]:
        want = article_model.get_layer(name).output.shape
        got = np.load(tmp_path / "o" / f"{name}.npy")
        assert got.shape == (5, *want[1:]), name
    embedded = article_model.get_layer("embedding")(tokens[:5]).numpy()
    np.testing.assert_allclose(np.load(tmp_path / "o" / "embedding.npy"), embedded, atol=1e-5)


@needs_node
def test_node_cli_version_and_short_out():
    script = Path(__file__).resolve().parents[2] / "core" / "bin" / "layerviz-activations.mjs"
    package = json.loads((script.parents[1] / "package.json").read_text())
    result = subprocess.run(["node", str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"layerviz-activations {package['version']}"
    usage = subprocess.run(["node", str(script), "-h"], capture_output=True, text=True)
    assert "-o/--out DIR" in usage.stdout


@needs_node
def test_check_prints_every_layer_and_passes_a_faithful_model(article_model, tokens, tmp_path):
    article_model.save(tmp_path / "m.keras")
    np.save(tmp_path / "x.npy", tokens)
    result = run_cli("check", str(tmp_path / "m.keras"), str(tmp_path / "x.npy"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("layer")
    assert [line.split()[0] for line in lines[1:]] == [
        "embedding",
        "bidirectional",
        "dropout",
        "dense",
    ]
    assert all(line.endswith("OK") for line in lines[1:])
    # An impossible tolerance fails, naming the layers.
    strict = run_cli(
        "check", str(tmp_path / "m.keras"), str(tmp_path / "x.npy"), "--tolerance", "-1"
    )
    assert strict.returncode == 1
    assert "4 layer(s) above -1: embedding, bidirectional, dropout, dense" in strict.stderr


def test_check_explains_unreadable_samples(article_model, tmp_path):
    article_model.save(tmp_path / "m.keras")
    (tmp_path / "x.npy").write_text("not numpy")
    result = run_cli("check", str(tmp_path / "m.keras"), str(tmp_path / "x.npy"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr


def test_check_finds_the_activations_command_without_a_global_install(monkeypatch, tmp_path):
    import layerviz
    from layerviz import fidelity_check as check

    monkeypatch.delenv("LAYERVIZ_ACTIVATIONS_CLI", raising=False)
    monkeypatch.setattr(check, "_CHECKOUT_CLI", tmp_path / "absent.mjs")
    found = {"node": "/usr/bin/node", "npx": "/usr/bin/npx"}
    monkeypatch.setattr(check.shutil, "which", found.get)
    # Neither a checkout nor a global install: npx fetches @layerviz/core of this version.
    assert check.activations_command() == [
        "/usr/bin/npx",
        "--yes",
        "--package",
        f"@layerviz/core@{layerviz.__version__}",
        "layerviz-activations",
    ]
    found["layerviz-activations"] = "/usr/local/bin/layerviz-activations"
    assert check.activations_command() == ["/usr/local/bin/layerviz-activations"]
    monkeypatch.setattr(check.shutil, "which", {}.get)
    with pytest.raises(layerviz.LayerVizError, match="install Node"):
        check.activations_command()
