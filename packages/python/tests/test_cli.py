import json
import subprocess
import sys

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
    model = keras.Sequential([keras.Input((3, 2)), keras.layers.GRU(2, name="g")])
    saved = tmp_path / "gru.keras"
    model.save(saved)
    result = run_cli("convert", str(saved), str(tmp_path / "out"))
    assert result.returncode == 1
    assert "'g' (GRU): reset_after=True" in result.stderr


def test_convert_explains_a_file_that_is_not_a_model(tmp_path):
    bogus = tmp_path / "notes.keras"
    bogus.write_text("not a model")
    result = run_cli("convert", str(bogus), str(tmp_path / "out"))
    assert result.returncode == 2
    assert "cannot load" in result.stderr


@pytest.mark.parametrize("args", [[], ["convert"]])
def test_usage_errors(args):
    assert run_cli(*args).returncode == 2
