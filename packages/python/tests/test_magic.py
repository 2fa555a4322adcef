import numpy as np
import pytest
from IPython.core.error import UsageError

from layerviz import LayerVizWidget
from layerviz.magic import LayerVizMagics


def test_magic_resolves_names_and_returns_the_widget(ip, article_model, tokens):
    ip.user_ns.update(model=article_model, x_test=tokens, y_test=np.arange(len(tokens)) % 2)
    widget = ip.run_line_magic(
        "layerviz", "model x_test y_test --layers embedding,dense --max-points 7"
    )
    assert isinstance(widget, LayerVizWidget)
    assert widget.layers == ["embedding", "dense"]
    assert len(widget.x) == 7


def test_magic_accepts_expressions(ip, article_model, tokens):
    ip.user_ns.update(model=article_model, x_test=tokens)
    widget = ip.run_line_magic("layerviz", "model x_test[:5]")
    assert len(widget.x) == 5


def test_unknown_name_is_a_usage_error(ip):
    with pytest.raises(UsageError, match="name 'nope' is not defined"):
        ip.run_line_magic("layerviz", "nope x")


def test_bad_input_is_a_one_line_usage_error(ip, article_model, tokens):
    ip.user_ns.update(model=article_model, x_test=tokens, y_short=np.zeros(3))
    with pytest.raises(UsageError, match="x has 31 samples but y has 3 labels"):
        ip.run_line_magic("layerviz", "model x_test y_short")


def test_help_documents_every_option():
    doc = LayerVizMagics.layerviz.__doc__
    for text in ["--layers", "--max-points", "--backend", "MODEL", "Example"]:
        assert text in doc


def test_save_model_keeps_the_inputs_in_saved_notebooks(ip, article_model, tokens):
    ip.user_ns.update(model=article_model, x_test=tokens)
    assert ip.run_line_magic("layerviz", "model x_test").save_model is False
    assert ip.run_line_magic("layerviz", "model x_test --save-model").save_model is True


def test_every_option_of_show_is_a_flag_of_the_magic_with_the_same_default():
    import inspect

    import layerviz

    parser = LayerVizMagics.layerviz.parser
    flags = {action.dest: action.default for action in parser._actions if action.dest != "help"}
    params = inspect.signature(layerviz.show).parameters
    assert set(flags) == set(params)
    for name, param in params.items():
        if param.default is not inspect.Parameter.empty:
            assert flags[name] == param.default, name


def test_a_comparison_from_the_magic_takes_names(ip, article_model, tokens):
    import layerviz

    ip.user_ns.update(a=article_model, b=article_model, x_test=tokens)
    comparison = ip.run_line_magic("layerviz", "[a,b] x_test --names first,second --max-points 5")
    assert isinstance(comparison, layerviz.LayerVizComparison)
    assert comparison.names == ["first", "second"]
