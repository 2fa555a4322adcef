"""The ``%layerviz`` line magic: parse the line, look the names up, call :func:`layerviz.show`."""

from __future__ import annotations

from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from .api import show
from .errors import LayerVizError


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def _layer_list(text: str) -> list[str] | str:
    return "all" if text.strip() == "all" else _names(text)


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
    @argument(
        "--layers",
        type=_layer_list,
        default=None,
        help="comma-separated layer names to show, or all (default: every layer of a model of "
        "at most 16 layers, else 16 block outputs)",
    )
    @argument(
        "--max-points",
        type=int,
        default=2000,
        help="show at most this many samples, a seeded random subset beyond it (default 2000)",
    )
    @argument(
        "--backend",
        choices=["auto", "webgl", "cpu"],
        default="auto",
        help="TF.js backend in the browser (default auto: WebGL, else CPU)",
    )
    @argument(
        "--compute",
        choices=["auto", "browser", "kernel"],
        default="auto",
        help="where activations are computed: browser (TF.js), kernel (Keras or PyTorch), or auto "
        "(browser when the model converts to TF.js, else kernel; default)",
    )
    @argument(
        "--method",
        choices=["tsne", "umap", "pca"],
        default="tsne",
        help="layout of each layer (default tsne; the view can switch it)",
    )
    @argument("--dims", type=int, choices=[2, 3], default=2, help="2-D or 3-D layout (default 2)")
    @argument(
        "--perplexity", type=float, default=30.0, help="t-SNE perplexity, 2 to 100 (default 30)"
    )
    @argument(
        "--neighbors", type=int, default=15, help="UMAP neighbourhood size, 2 to 200 (default 15)"
    )
    @argument(
        "--min-dist", type=float, default=0.1, help="UMAP minimum distance, 0 to 1 (default 0.1)"
    )
    @argument("--seed", type=int, default=0, help="seed of the layouts (default 0)")
    @argument(
        "--iterations",
        type=int,
        default=None,
        help="t-SNE iterations (default 750) or UMAP epochs, 1 to 10000",
    )
    @argument(
        "--metrics",
        choices=["none", "fast", "all"],
        default="fast",
        help="separability numbers per layer: fast (k-NN, silhouette; default), all (plus "
        "linear probe, trustworthiness, continuity, CKA) or none",
    )
    @argument("--texts", default=None, help="name of a list with each sample's text (hover)")
    @argument(
        "--vocabulary",
        default=None,
        help="name of an index-to-token list (e.g. vectorize.get_vocabulary()) to decode x",
    )
    @argument("--images", default=None, help="name of an image batch to show on hover")
    @argument("--meta", default=None, help="name of a dict of arrays or DataFrame per sample")
    @argument(
        "--color-by",
        default="label",
        help="label (default), prediction, correct, confidence or meta:COLUMN",
    )
    @argument(
        "--save-model",
        action="store_true",
        help="keep the model and x in the saved notebook (default: only the layouts)",
    )
    @argument(
        "--names",
        type=_names,
        default=None,
        help="with a list of models (e.g. [untrained,model], no spaces): a comma-separated name "
        "per model",
    )
    @argument(
        "--max-batches",
        type=int,
        default=None,
        help="with data read in batches (tf.data, DataLoader, a generator): read at most this "
        "many; needed for data that repeats forever",
    )
    @argument(
        "--x-key",
        type=_names,
        default=None,
        help="with data yielding dicts of columns: the comma-separated column(s) holding the "
        "model's input(s) (default: those named like the model's inputs)",
    )
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
            return show(
                model,
                x,
                y,
                layers=args.layers,
                max_points=args.max_points,
                backend=args.backend,
                compute=args.compute,
                method=args.method,
                dims=args.dims,
                perplexity=args.perplexity,
                neighbors=args.neighbors,
                min_dist=args.min_dist,
                seed=args.seed,
                iterations=args.iterations,
                metrics=args.metrics,
                color_by=args.color_by,
                save_model=args.save_model,
                names=args.names,
                x_key=args.x_key,
                max_batches=args.max_batches,
                **details,
            )
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
