"""widget.save(): what can be checked without a browser (the e2e test saves for real)."""

import numpy as np
import pytest

import layerviz
from layerviz import LayerVizError


@pytest.fixture
def widget(article_model, tokens):
    return layerviz.show(article_model, tokens, np.arange(len(tokens)) % 2, max_points=5)


def test_save_refuses_an_unknown_suffix_and_a_bad_scale(widget, tmp_path):
    with pytest.raises(LayerVizError, match=r"use a file name ending in .png, .svg, .html, .csv"):
        widget.save(tmp_path / "figure.jpg")
    with pytest.raises(LayerVizError, match="scale must be between 1 and 8, got 0.5"):
        widget.save(tmp_path / "figure.png", scale=0.5)


def test_save_outside_a_notebook_says_what_to_do(widget, tmp_path, ip):
    with pytest.raises(LayerVizError, match=r"needs a notebook.*Display the widget"):
        widget.save(tmp_path / "figure.png")
    assert not (tmp_path / "figure.png").exists()


def test_the_browser_answer_is_written_and_a_failure_reported(widget, tmp_path, monkeypatch):
    # What the browser sends back (see answerExport in jupyterlab/src/widget.ts), replayed.
    sent = []

    def browser(content, buffers=None):
        sent.append(content)
        reply = (
            {"type": "exported", "request": content["request"], "mime": "image/png"}
            if content["format"] == "png"
            else {"type": "export_failed", "request": content["request"], "message": "no plot"}
        )
        widget._handle_message(widget, reply, [memoryview(b"\x89PNG...")])

    monkeypatch.setattr(widget, "send", browser)
    monkeypatch.setattr("layerviz.export._kernel", lambda: None)
    monkeypatch.setattr("layerviz.export._wait", lambda w, request, timeout: w._exports[request])
    path = widget.save(tmp_path / "figure.png", scale=4)
    assert path.read_bytes() == b"\x89PNG..."
    assert sent[0]["format"] == "png" and sent[0]["scale"] == 4
    with pytest.raises(LayerVizError, match="could not export the figure: no plot"):
        widget.save(tmp_path / "figure.svg")
