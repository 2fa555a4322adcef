"""widget.save(): what can be checked without a browser (the e2e test saves for real)."""

import numpy as np
import pytest

import layerviz
from layerviz import LayerVizError, export


@pytest.fixture
def widget(article_model, tokens):
    return layerviz.show(article_model, tokens, np.arange(len(tokens)) % 2, max_points=5)


def test_save_refuses_an_unknown_suffix_and_a_bad_scale(widget, tmp_path):
    with pytest.raises(LayerVizError, match=r"use a file name ending in .png, .svg, .html, .csv"):
        widget.save(tmp_path / "figure.jpg")
    with pytest.raises(LayerVizError, match=r"scale must be between 1 and 8, got 0\.5"):
        widget.save(tmp_path / "figure.png", scale=0.5)


def test_save_outside_a_notebook_says_what_to_do(widget, tmp_path, ip):
    with pytest.raises(LayerVizError, match=r"needs a notebook.*Display the widget"):
        widget.save(tmp_path / "figure.png")
    assert not (tmp_path / "figure.png").exists()


@pytest.fixture
def browser(widget, monkeypatch):
    """Stand in for the front end: what answerExport in jupyterlab/src/widget.ts writes."""
    requests = []

    def reply(content, buffers=None):
        requests.append(content)
        target = content["path"]
        if content["format"] == "png":
            with open(target, "wb") as f:
                f.write(b"\x89PNG...")
        elif content["format"] == "svg":
            with open(target + ".error.txt", "w") as f:
                f.write("nothing is drawn yet")

    monkeypatch.setattr(widget, "send", reply)
    monkeypatch.setattr(export, "_require_kernel", lambda: None)
    monkeypatch.setattr(export, "POLL_INTERVAL", 0.01)
    return requests


def test_the_file_the_browser_writes_is_returned_and_stale_ones_never(widget, browser, tmp_path):
    (tmp_path / "figure.png").write_bytes(b"old")
    path = widget.save(tmp_path / "figure.png", scale=4)
    assert path == (tmp_path / "figure.png").resolve()
    assert path.read_bytes() == b"\x89PNG..."
    assert browser[0]["format"] == "png" and browser[0]["scale"] == 4
    assert browser[0]["path"] == path.as_posix()


def test_a_failure_in_the_browser_is_reported(widget, browser, tmp_path):
    with pytest.raises(LayerVizError, match="could not export the figure: nothing is drawn yet"):
        widget.save(tmp_path / "figure.svg")
    assert not (tmp_path / "figure.svg.error.txt").exists()


def test_no_answer_times_out_with_what_to_do(widget, browser, tmp_path):
    with pytest.raises(LayerVizError, match=r"no front end wrote figure.html within 0.2 s"):
        widget.save(tmp_path / "figure.html", timeout=0.2)
