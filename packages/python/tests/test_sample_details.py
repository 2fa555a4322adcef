"""Per-sample details: predictions, texts, thumbnails, metadata, and the widget's Python API."""

import numpy as np
import pytest

import layerviz
from layerviz import LayerVizError
from layerviz.sample_details import meta_columns, predictions_from_outputs, texts_for, thumbnails


def test_predictions_from_a_sigmoid_unit_softmax_rows_and_logits():
    predicted, confidence = predictions_from_outputs(np.array([[0.9], [0.2], [0.5]]))
    assert predicted.tolist() == [1, 0, 0]
    np.testing.assert_allclose(confidence, [0.9, 0.8, 0.5])
    predicted, confidence = predictions_from_outputs(np.array([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1]]))
    assert predicted.tolist() == [1, 0]
    np.testing.assert_allclose(confidence, [0.7, 0.6])
    # Logits: softmax first (1 vs 0 logits -> e / (e + 1)).
    predicted, confidence = predictions_from_outputs(np.array([[1.0, 0.0], [-2.0, 3.0]]))
    assert predicted.tolist() == [0, 1]
    np.testing.assert_allclose(confidence[0], np.e / (np.e + 1), rtol=1e-6)


def test_texts_are_taken_as_given_or_decoded_from_token_ids():
    tokens = np.array([[2, 3, 0, 0], [4, 9, 2, 0]])
    assert texts_for(["a", "b"], None, tokens, 2) == ["a", "b"]
    vocabulary = ["", "[UNK]", "good", "film", "bad"]
    assert texts_for(None, vocabulary, tokens, 2) == ["good film", "bad [UNK] good"]
    word_index = {"good": 2, "film": 3, "bad": 4}
    assert texts_for(None, word_index, tokens, 2)[0] == "good film"
    with pytest.raises(LayerVizError, match="x has 2 samples but texts has 3"):
        texts_for(["a", "b", "c"], None, tokens, 2)
    with pytest.raises(LayerVizError, match="pass texts= instead"):
        texts_for(None, vocabulary, tokens.astype(float), 2)


def test_thumbnails_of_image_batches_only():
    digits = np.random.default_rng(0).random((5, 28, 28))
    small = thumbnails(None, digits, 5)
    assert small.dtype == np.uint8 and small.shape == (5, 28, 28, 1)
    assert small.max() > 200  # values in [0, 1] are scaled to [0, 255]
    large = thumbnails(np.zeros((2, 200, 100, 3)), np.zeros((2, 4)), 2)
    assert large.shape == (2, 40, 20, 3)  # every 5th pixel: the longest side fits in 48
    # Token sequences and tables are not images.
    assert thumbnails(None, np.zeros((5, 40), dtype=np.int32), 5) is None
    assert thumbnails(None, np.zeros((5, 40, 128)), 5) is None
    with pytest.raises(LayerVizError, match=r"images must be \(N, H, W\)"):
        thumbnails(np.zeros((5, 3)), np.zeros((5, 3)), 5)


def test_meta_columns_are_json_values_one_per_sample():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"source": ["imdb", "yelp"], "length": [3, 7], "score": [0.5, np.nan]})
    assert meta_columns(frame, 2) == {
        "source": ["imdb", "yelp"],
        "length": [3, 7],
        "score": [0.5, None],
    }
    assert meta_columns({"flag": np.array([True, False])}, 2) == {"flag": [True, False]}
    with pytest.raises(LayerVizError, match=r"meta\['x'\] has 3 values"):
        meta_columns({"x": [1, 2, 3]}, 2)
    with pytest.raises(LayerVizError, match="dict of per-sample arrays"):
        meta_columns([1, 2], 2)


def test_show_sends_predictions_texts_and_meta_of_the_shown_samples(article_model, tokens):
    labels = np.arange(len(tokens)) % 2
    texts = [f"sentence {i}" for i in range(len(tokens))]
    meta = {"row": np.arange(len(tokens)), "parity": ["even", "odd"] * 15 + ["even"]}
    widget = layerviz.show(
        article_model, tokens, labels, max_points=10, texts=texts, meta=meta, color_by="correct"
    )
    keep = widget.sample_ids
    assert widget.texts == [texts[i] for i in keep]
    assert widget.meta["row"] == [int(i) for i in keep]
    assert widget.color_by == "correct"
    probabilities = article_model.predict(tokens[keep], verbose=0)[:, 0]
    np.testing.assert_array_equal(widget.predictions, (probabilities > 0.5).astype(int))
    np.testing.assert_allclose(
        widget.confidence, np.maximum(probabilities, 1 - probabilities), rtol=1e-5
    )
    assert widget.images is None


def test_color_by_must_name_something_known(article_model, tokens):
    widget = layerviz.show(article_model, tokens, meta={"source": ["a"] * len(tokens)})
    widget.color_by = "meta:source"
    with pytest.raises(LayerVizError, match="color_by must be one of label, prediction"):
        widget.color_by = "meta:nothing"


def test_layer_embedding_and_selected_round_trip(article_model, tokens):
    pd = pytest.importorskip("pandas")
    labels = np.arange(len(tokens)) % 2
    widget = layerviz.show(
        article_model, tokens, labels, texts=[f"t{i}" for i in range(len(tokens))]
    )
    assert widget.layer == "embedding"
    widget.layer = "dense"
    assert widget.focus == "dense"
    with pytest.raises(LayerVizError, match="no layer 'nope' is shown; choose one of embedding"):
        widget.layer = "nope"
    with pytest.raises(LayerVizError, match="has not been laid out yet"):
        widget.embedding()
    # The view sets saved_layouts: float32 bytes per layer (see jupyterlab/src/saved_view.ts).
    coords = np.arange(2 * len(tokens), dtype=np.float32).reshape(-1, 2)
    wire = {"buffer": memoryview(coords.tobytes()), "dtype": "float32", "shape": [len(tokens), 2]}
    widget.set_state({"saved_layouts": {"dense": wire}})
    np.testing.assert_array_equal(widget.embedding(), coords)
    np.testing.assert_array_equal(widget.embedding("dense"), coords)
    widget.selection = [3, 1]
    table = widget.selected()
    assert isinstance(table, pd.DataFrame)
    assert list(table.index) == [3, 1]
    assert list(table.columns) == ["text", "label", "prediction", "confidence"]
    assert table.loc[3, "text"] == "t3"
    assert table.loc[1, "label"] == 1
    widget.selection = []
    assert len(widget.selected()) == 0


def test_saved_layouts_travel_as_float32_buffers():
    from layerviz.arrays import array_dict_from_json, array_dict_to_json

    layouts = {"dense": np.arange(6, dtype=np.float32).reshape(3, 2)}
    wire = array_dict_to_json(layouts)
    assert wire["dense"]["shape"] == [3, 2]
    back = array_dict_from_json(wire)
    np.testing.assert_array_equal(back["dense"], layouts["dense"])
    assert array_dict_from_json(None) is None
