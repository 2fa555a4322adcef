"""Every option of :func:`layerviz.show`, in one table, and the checks of their values.

``show()``'s signature and checks, :class:`~layerviz.widget.LayerVizWidget`'s traits and the
``%layerviz`` magic's flags all read :data:`OPTIONS`; the layout ranges equal the browser's
(``packages/core/src/options.ts``), which ``tests/test_options_cross.py`` holds equal.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import LayerVizError


def names_list(text: str) -> list[str]:
    """Split a comma-separated flag value of the magic: ``"a, b"`` -> ``["a", "b"]``."""
    return [name.strip() for name in text.split(",") if name.strip()]


def layer_list(text: str) -> list[str] | str:
    """``--layers``: comma-separated names, or ``"all"``."""
    return "all" if text.strip() == "all" else names_list(text)


@dataclass(frozen=True)
class Option:
    """One keyword option of :func:`layerviz.show`.

    Attributes
    ----------
    name : str
        The keyword (``--name-with-dashes`` in the magic).
    default : object
        Its default, in ``show()``, the magic and (where it is a trait) the widget.
    help : str
        One line for the magic's help; the range and default are added to it.
    choices : tuple, optional
        The values it takes, when it is one of a few.
    low, high : float, optional
        Its closed range, when it is a number.
    integer : bool
        Whether a number must be whole.
    parse : callable, optional
        How the magic turns the flag's text into the value (default ``str``).

    """

    name: str
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    low: float | None = None
    high: float | None = None
    integer: bool = False
    parse: Callable[[str], Any] | None = None

    @property
    def range(self) -> tuple[float, float]:
        """``(low, high)``; only for numbers."""
        assert self.low is not None and self.high is not None, self.name
        return (self.low, self.high)

    def check(self, value: Any) -> Any:
        """Return ``value`` if it is one of ``choices`` or in ``[low, high]``, else raise.

        Raises
        ------
        LayerVizError
            Naming the option, its choices or range, and the value given.

        """
        if self.choices is not None:
            if value not in self.choices:
                listed = ", ".join(str(c) for c in self.choices)
                raise LayerVizError(f"{self.name} must be one of {listed}; got {value!r}.")
            return value
        low, high = self.range
        kind = "an integer" if self.integer else "a number"
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and self.integer:
            ok = float(value).is_integer()
        if not ok or not math.isfinite(value) or not low <= value <= high:
            raise LayerVizError(
                f"{self.name} must be {kind} in [{low:g}, {high:g}]; got {value!r}."
            )
        return value

    def magic_help(self) -> str:
        """Return the magic's help line: ``help``, the range and the default."""
        text = self.help
        if self.low is not None and self.high is not None:
            text += f", {_text(self.low)} to {_text(self.high)}"
        if isinstance(self.default, float):
            text += f" (default {self.default:g})"
        elif self.default is not None and not isinstance(self.default, bool):
            text += f" (default {self.default})"
        return text


def _text(number: float) -> str:
    """``2.0`` -> ``"2"``, ``2147483647`` -> ``"2147483647"``: a bound as people write it."""
    return str(number) if isinstance(number, int) else f"{number:g}"


#: t-SNE's iterations when ``iterations`` is None.
TSNE_ITERATIONS = 750


#: Every keyword option of ``show()``, in its signature's order.
OPTIONS: tuple[Option, ...] = (
    Option(
        "layers",
        None,
        "comma-separated layer names to show, or all (default: every layer of a model of "
        "at most 16 layers, else 16 block outputs)",
        parse=layer_list,
    ),
    Option(
        "max_points",
        2000,
        "show at most this many samples, a seeded random subset beyond it",
        low=1,
        integer=True,
        parse=int,
    ),
    Option(
        "backend",
        "auto",
        "TF.js backend in the browser (auto: WebGL, else CPU)",
        choices=("auto", "webgl", "cpu"),
    ),
    Option(
        "compute",
        "auto",
        "where activations are computed: browser (TF.js), kernel (Keras or PyTorch), or auto "
        "(browser when the model converts to TF.js, else kernel)",
        choices=("auto", "browser", "kernel"),
    ),
    Option(
        "method",
        "tsne",
        "layout of each layer (the view can switch it)",
        choices=("tsne", "umap", "pca"),
    ),
    Option("dims", 2, "2-D or 3-D layout", choices=(2, 3), parse=int),
    Option("perplexity", 30.0, "t-SNE perplexity", low=2.0, high=100.0, parse=float),
    Option("neighbors", 15, "UMAP neighbourhood size", low=2, high=200, integer=True, parse=int),
    Option("min_dist", 0.1, "UMAP minimum distance", low=0.0, high=1.0, parse=float),
    Option("seed", 0, "seed of the layouts", low=0, high=2**31 - 1, integer=True, parse=int),
    Option(
        "iterations",
        None,
        f"t-SNE iterations (default {TSNE_ITERATIONS}) or UMAP epochs",
        low=1,
        high=10_000,
        integer=True,
        parse=int,
    ),
    Option(
        "metrics",
        "fast",
        "separability numbers per layer: fast (k-NN, silhouette), all (plus linear probe, "
        "trustworthiness, continuity, CKA) or none",
        choices=("none", "fast", "all"),
    ),
    Option("texts", None, "name of a list with each sample's text (hover)"),
    Option(
        "vocabulary",
        None,
        "name of an index-to-token list (e.g. vectorize.get_vocabulary()) to decode x",
    ),
    Option("images", None, "name of an image batch to show on hover"),
    Option("meta", None, "name of a dict of arrays or DataFrame per sample"),
    Option("color_by", "label", "label, prediction, correct, confidence or meta:COLUMN"),
    Option(
        "save_model",
        False,
        "keep the model and x in the saved notebook (default: only the layouts)",
    ),
    Option(
        "names",
        None,
        "with a list of models (e.g. [untrained,model], no spaces): a comma-separated name per "
        "model",
        parse=names_list,
    ),
    Option(
        "x_key",
        None,
        "with data yielding dicts of columns: the comma-separated column(s) holding the model's "
        "input(s) (default: those named like the model's inputs)",
        parse=names_list,
    ),
    Option(
        "max_batches",
        None,
        "with data read in batches (tf.data, DataLoader, a generator): read at most this many; "
        "needed for data that repeats forever",
        parse=int,
    ),
)

#: The options by name.
OPTION: dict[str, Option] = {option.name: option for option in OPTIONS}
#: Each option's default, by name.
DEFAULT: dict[str, Any] = {option.name: option.default for option in OPTIONS}


def layout_options(
    method: str = DEFAULT["method"],
    dims: int = DEFAULT["dims"],
    perplexity: float = DEFAULT["perplexity"],
    neighbors: int = DEFAULT["neighbors"],
    min_dist: float = DEFAULT["min_dist"],
    seed: int = DEFAULT["seed"],
    iterations: int | None = DEFAULT["iterations"],
) -> dict[str, Any]:
    """Check the layout options and return them as widget trait values.

    Parameters
    ----------
    method : {"tsne", "umap", "pca"}
        How each layer is laid out.
    dims : {2, 3}
        Dimensions of the layout.
    perplexity : float in [2, 100]
        t-SNE's effective number of neighbours.
    neighbors : int in [2, 200]
        UMAP's neighbourhood size.
    min_dist : float in [0, 1]
        UMAP's minimum distance between packed points.
    seed : int in [0, 2**31 - 1]
        Seed of every random choice, for reproducible layouts.
    iterations : int in [1, 10000], optional
        t-SNE iterations (default 750) or UMAP epochs (default: umap-js's choice).

    Returns
    -------
    dict
        ``method``, ``dims``, ``perplexity``, ``neighbors``, ``min_dist``, ``seed``,
        ``iterations`` as the widget's traits take them.

    Raises
    ------
    LayerVizError
        Naming the option, its range and the value given.

    """
    OPTION["method"].check(method)
    if dims not in (2, 3) or isinstance(dims, bool):
        raise LayerVizError(f"dims must be 2 or 3; got {dims!r}.")
    for name, value in (
        ("perplexity", perplexity),
        ("neighbors", neighbors),
        ("min_dist", min_dist),
        ("seed", seed),
    ):
        OPTION[name].check(value)
    if iterations is not None:
        OPTION["iterations"].check(iterations)
    return {
        "method": method,
        "dims": int(dims),
        "perplexity": float(perplexity),
        "neighbors": int(neighbors),
        "min_dist": float(min_dist),
        "seed": int(seed),
        "iterations": None if iterations is None else int(iterations),
    }


def metrics_level(level: str) -> str:
    """Check the ``metrics`` option: ``"none"``, ``"fast"`` or ``"all"``."""
    return OPTION["metrics"].check(level)


def check_max_points(value: Any) -> int:
    """Return ``max_points`` as an int, or raise when it is below 1.

    The one check of ``max_points``: sampling (``show()``) and the widget's trait call it.

    Raises
    ------
    LayerVizError
        When ``value`` is below 1.

    """
    value = int(value)
    if value < 1:
        raise LayerVizError(f"max_points must be 1 or more, got {value}.")
    return value
