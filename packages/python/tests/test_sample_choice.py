import numpy as np
import pytest

import layerviz
from layerviz import LayerVizError
from layerviz.sample_choice import choose_samples, finite_rows, stratified_rows


def test_every_sample_is_shown_up_to_max_points():
    sampling = choose_samples(np.zeros((5, 2), np.float32), None, max_points=5)
    assert sampling.keep.tolist() == [0, 1, 2, 3, 4]
    assert sampling.notice == ""


def test_beyond_max_points_each_class_keeps_its_share():
    labels = np.array([0] * 900 + [1] * 90 + [2] * 10)
    x = np.zeros((1000, 3), np.float32)
    sampling = choose_samples(x, labels, max_points=100, seed=3)
    assert len(sampling.keep) == 100
    assert np.all(np.diff(sampling.keep) > 0)
    assert np.bincount(labels[sampling.keep]).tolist() == [90, 9, 1]
    assert sampling.notice == (
        "Showing 100 of 1,000 samples, stratified by label (seed 3); "
        "pass a larger max_points to see more."
    )
    # The same seed, the same samples; another seed, others.
    assert np.array_equal(choose_samples(x, labels, 100, seed=3).keep, sampling.keep)
    assert not np.array_equal(choose_samples(x, labels, 100, seed=4).keep, sampling.keep)


def test_a_rare_class_is_not_lost():
    labels = np.array([0] * 995 + [1] * 5)
    picked = stratified_rows(labels, np.arange(1000), 50, np.random.default_rng(0))
    assert sorted(np.bincount(labels[picked]).tolist()) == [1, 49]
    assert len(np.unique(picked)) == 50


def test_without_labels_a_random_subset_is_said():
    sampling = choose_samples(np.zeros((30, 1), np.float32), None, max_points=10)
    assert len(sampling.keep) == 10
    assert "a random subset" in sampling.notice


def test_samples_with_nan_or_inf_are_left_out_and_named():
    x = np.ones((10, 2, 2), np.float32)
    x[3, 0, 1] = np.nan
    x[7, 1, 1] = np.inf
    assert finite_rows(x).tolist() == [True] * 3 + [False] + [True] * 3 + [False] + [True] * 2
    sampling = choose_samples(x, None, max_points=100)
    assert 3 not in sampling.keep and 7 not in sampling.keep
    assert len(sampling.keep) == 8
    assert sampling.notice == (
        "2 samples of x hold NaN or infinite values and are left out (rows 3, 7)."
    )
    with pytest.raises(LayerVizError, match="every sample of x holds NaN"):
        choose_samples(np.full((3, 2), np.nan), None, max_points=10)
    with pytest.raises(LayerVizError, match="max_points must be 1 or more, got 0"):
        choose_samples(x, None, max_points=0)


def test_a_single_class_is_shown_in_one_color_and_said(article_model, tokens):
    sampling = choose_samples(np.zeros((6, 2), np.float32), np.zeros(6, int), max_points=10)
    assert sampling.notice.startswith("Every sample shown has the same label")
    assert "pass y with two classes or more" in sampling.notice
    # Sampled down to one class out of two is said too; two classes are not.
    two = np.array([0] * 9 + [1])
    assert choose_samples(np.zeros((10, 1)), two, max_points=10).notice == ""
    widget = layerviz.show(article_model, tokens, np.full(len(tokens), 4), compute="browser")
    assert widget.labels.tolist() == [4] * len(tokens)
    assert "Every sample shown has the same label" in widget.notice


def test_show_samples_stratified_and_says_so(article_model, tokens):
    labels = np.arange(len(tokens)) % 3
    widget = layerviz.show(article_model, tokens, labels, max_points=9, compute="browser")
    assert len(widget.sample_ids) == 9
    assert np.bincount(widget.labels).tolist() == [3, 3, 3]
    assert widget.labels.tolist() == labels[widget.sample_ids].tolist()
    assert widget.notice.startswith(f"Showing 9 of {len(tokens)} samples, stratified by label")


def test_string_labels_keep_their_names(article_model, tokens):
    pytest.importorskip("pandas")
    y = np.array(["positive", "negative"])[np.arange(len(tokens)) % 2]
    widget = layerviz.show(article_model, tokens, y, compute="browser")
    assert widget.label_names == ["negative", "positive"]
    assert widget.labels[:2].tolist() == [1, 0]
    widget.selection = [0, 1]
    assert widget.selected()["label"].tolist() == ["positive", "negative"]
    assert layerviz.show(article_model, tokens, np.arange(len(tokens)) % 2).label_names is None


def test_a_model_too_large_for_the_browser_is_computed_in_the_kernel(
    article_model, tokens, monkeypatch
):
    from layerviz.sources import keras_browser

    monkeypatch.setattr(keras_browser, "BROWSER_BYTES_LIMIT", 1000)
    with pytest.raises(LayerVizError, match=r"more than layerviz sends to a browser page"):
        layerviz.show(article_model, tokens, compute="browser")
    widget = layerviz.show(article_model, tokens)
    assert widget.compute == "kernel"
    assert "so Keras computed these layers in the kernel" in widget.notice


def test_a_model_with_nothing_but_inputs_is_refused():
    from layerviz.input_checks import choose_layers

    with pytest.raises(LayerVizError, match="has no layers to show besides its inputs"):
        choose_layers([], None, model_name="m")


def test_empty_x_and_several_inputs_are_refused(keras, article_model):
    with pytest.raises(LayerVizError, match=r"x must hold at least one sample .* shape \(0, 20\)"):
        layerviz.show(article_model, np.zeros((0, 20), np.int32))
    a, b = keras.Input((3,)), keras.Input((3,))
    two = keras.Model([a, b], keras.layers.Add()([a, b]), name="two")
    with pytest.raises(LayerVizError, match=r"model 'two' has 2 inputs .* but x is one array"):
        layerviz.show(two, np.zeros((4, 3), np.float32))


def test_raising_max_points_sends_more_samples(article_model, tokens):
    labels = np.arange(len(tokens)) % 3
    widget = layerviz.show(article_model, tokens, labels, max_points=9, compute="browser")
    assert widget.total_samples == len(tokens)
    widget.selection = [int(widget.sample_ids[0]), int(widget.sample_ids[1])]
    first = widget.sample_ids.tolist()
    widget.max_points = 18
    assert len(widget.sample_ids) == len(widget.x) == len(widget.labels) == 18
    assert widget.labels.tolist() == labels[widget.sample_ids].tolist()
    assert len(widget.predictions) == len(widget.texts or widget.sample_ids) == 18
    assert widget.notice.startswith(f"Showing 18 of {len(tokens)} samples")
    assert set(widget.selection) <= set(widget.sample_ids.tolist())
    assert widget.sample_ids.tolist() != first
    widget.max_points = 1000
    assert len(widget.sample_ids) == len(tokens)
    assert widget.notice == ""
    with pytest.raises(LayerVizError, match="max_points must be 1 or more, got 0"):
        widget.max_points = 0


def test_raising_max_points_in_the_kernel_recomputes_activations(article_model, tokens):
    widget = layerviz.show(article_model, tokens, max_points=5, compute="kernel")
    assert widget.activations["dense"].shape == (5, 1)
    widget.max_points = 12
    assert widget.activations["dense"].shape == (12, 1)
    assert widget.compute == "kernel"
