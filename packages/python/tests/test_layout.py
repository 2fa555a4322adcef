import pytest

import layerviz
from layerviz import LayerVizError
from layerviz.magic import LayerVizMagics
from layerviz.options import layout_options


def test_defaults_are_the_articles_tsne():
    assert layout_options() == {
        "method": "tsne",
        "dims": 2,
        "perplexity": 30.0,
        "neighbors": 15,
        "min_dist": 0.1,
        "seed": 0,
        "iterations": None,
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "mds"}, "method must be one of tsne, umap, pca; got 'mds'"),
        ({"dims": 4}, "dims must be 2 or 3; got 4"),
        ({"perplexity": 1}, r"perplexity must be a number in \[2, 100\]; got 1"),
        ({"perplexity": float("nan")}, "perplexity must be a number"),
        ({"neighbors": 2.5}, r"neighbors must be an integer in \[2, 200\]; got 2.5"),
        ({"min_dist": 2}, r"min_dist must be a number in \[0, 1\]; got 2"),
        ({"seed": -1}, "seed must be an integer"),
        ({"iterations": 0}, r"iterations must be an integer in \[1, 10000\]; got 0"),
        ({"perplexity": "30"}, "perplexity must be a number"),
    ],
)
def test_bad_options_are_named_with_their_range(kwargs, message):
    with pytest.raises(LayerVizError, match=message):
        layout_options(**kwargs)


def test_show_puts_the_layout_on_the_widget(article_model, tokens):
    widget = layerviz.show(
        article_model, tokens, method="umap", dims=3, neighbors=7, min_dist=0.3, seed=5
    )
    assert (widget.method, widget.dims, widget.neighbors, widget.min_dist, widget.seed) == (
        "umap",
        3,
        7,
        0.3,
        5,
    )
    assert widget.iterations is None


def test_show_checks_the_layout_before_converting(article_model, tokens):
    with pytest.raises(LayerVizError, match="perplexity"):
        layerviz.show(article_model, tokens, perplexity=500)


def test_magic_takes_the_layout_options(ip, article_model, tokens):
    ip.user_ns.update(model=article_model, x_test=tokens)
    widget = ip.run_line_magic(
        "layerviz", "model x_test --method pca --dims 3 --seed 2 --iterations 100"
    )
    assert (widget.method, widget.dims, widget.seed, widget.iterations) == ("pca", 3, 2, 100)
    doc = LayerVizMagics.layerviz.__doc__
    assert "--method" in doc and "--perplexity" in doc


def test_metrics_option_is_checked_and_synced(article_model, tokens):
    widget = layerviz.show(article_model, tokens, metrics="all")
    assert widget.metrics_level == "all"
    assert layerviz.show(article_model, tokens).metrics_level == "fast"
    with pytest.raises(LayerVizError, match="metrics must be one of none, fast, all; got 'most'"):
        layerviz.show(article_model, tokens, metrics="most")


def _measured(widget):
    widget._handle_message(
        widget,
        {
            "type": "metrics_measured",
            "values": {
                "dense": {"knnAccuracy": 0.9, "silhouette": 0.4},
                "embedding": {"knnAccuracy": 0.6, "silhouette": 0.1, "ckaNext": 0.5},
            },
        },
        [],
    )


def test_widget_metrics_is_a_dataframe_in_layer_order(article_model, tokens):
    pd = pytest.importorskip("pandas")
    widget = layerviz.show(article_model, tokens, layers=["embedding", "dense"])
    assert len(widget.metrics) == 0
    _measured(widget)
    frame = widget.metrics
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.index) == ["embedding", "dense"]
    assert frame.loc["dense", "knn_accuracy"] == 0.9
    assert frame.loc["embedding", "cka_next"] == 0.5
    assert pd.isna(frame.loc["dense", "cka_next"])


def test_widget_metrics_is_a_dict_without_pandas(article_model, tokens, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas here")
        return real_import(name, *args, **kwargs)

    widget = layerviz.show(article_model, tokens)
    _measured(widget)
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    assert widget.metrics == {
        "dense": {"knn_accuracy": 0.9, "silhouette": 0.4},
        "embedding": {"knn_accuracy": 0.6, "silhouette": 0.1, "cka_next": 0.5},
    }
