"""The ``%layerviz`` line magic: parse the line, look the names up, call :func:`layerviz.show`.

Its flags are made from :data:`layerviz.options.OPTIONS`, the table ``show()`` reads.
"""

from __future__ import annotations

from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from .api import show
from .errors import LayerVizError
from .options import OPTIONS


def _option_arguments(func: Any) -> Any:
    """Add a ``--flag`` for every option of :data:`~layerviz.options.OPTIONS` to ``func``."""
    # magic_arguments reads its decorators innermost first: add them last option first.
    for option in reversed(OPTIONS):
        flag = "--" + option.name.replace("_", "-")
        if isinstance(option.default, bool):
            func = argument(flag, action="store_true", help=option.magic_help())(func)
            continue
        kwargs: dict[str, Any] = {"default": option.default, "help": option.magic_help()}
        if option.parse is not None:
            kwargs["type"] = option.parse
        if option.choices is not None:
            kwargs["choices"] = list(option.choices)
        func = argument(flag, **kwargs)(func)
    return func


@magics_class
class LayerVizMagics(Magics):
    """IPython magics of layerviz."""

    @magic_arguments()
    @argument(
        "model",
        help="name of a trained Keras model (or PyTorch module) in the notebook, or the path or "
        "URL of a TF.js model.json",
    )
    @argument(
        "x",
        nargs="?",
        default=None,
        help="samples to show, in the form the model takes (e.g. x_test); left out for a "
        "layerviz.Recorder",
    )
    @argument("y", nargs="?", default=None, help="labels of the samples, for colors (optional)")
    @_option_arguments
    @line_magic
    def layerviz(self, line: str) -> Any:
        """Show every layer of MODEL on the samples X, colored by Y.

        Each layer's activations are laid out in 2-D (t-SNE by default, or UMAP or PCA) in the
        browser, each layer aligned with the previous one; a slider picks the layer shown large.

        X may also be data read in batches: a tf.data.Dataset, a keras.utils.PyDataset, a
        PyTorch DataLoader or Dataset, a Hugging Face dataset or a generator, yielding x or
        (x, y); its labels are used unless Y is given (Y may be a quoted column name).

        MODEL may be a layerviz.Recorder that followed training (without X and Y): every layer
        is shown at every recorded epoch, with an epoch slider.

        Example: %layerviz model x_test y_test --method umap --max-points 1000
        """
        args = parse_argstring(self.layerviz, line)
        model = self._resolve_model(args.model)
        x = None if args.x is None else self._resolve(args.x)
        y = None if args.y is None else self._resolve(args.y)
        details = {
            name: None if getattr(args, name) is None else self._resolve(getattr(args, name))
            for name in ("texts", "vocabulary", "images", "meta")
        }
        try:
            options = {option.name: getattr(args, option.name) for option in OPTIONS}
            return show(model, x, y, **{**options, **details})
        except LayerVizError as err:
            # A UsageError prints as one line, without a traceback through layerviz.
            raise UsageError(str(err)) from err

    def _resolve_model(self, expression: str) -> Any:
        # `%layerviz path/to/model.json x y`: a TF.js model file is not a Python expression.
        if expression.split("?")[0].endswith(".json") and expression not in self.shell.user_ns:
            return expression
        return self._resolve(expression)

    def _resolve(self, expression: str) -> Any:
        try:
            return self.shell.ev(expression)
        except NameError as err:
            raise UsageError(
                f"%layerviz: {err}; define it in the notebook first (see %layerviz?)."
            ) from err


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%layerviz`` (called by ``%load_ext layerviz``)."""
    ipython.register_magics(LayerVizMagics)


def unload_ipython_extension(ipython: Any) -> None:
    """Nothing to undo: IPython keeps registered magics until restart."""
