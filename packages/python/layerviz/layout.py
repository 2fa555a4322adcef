"""The layout options shared by :func:`layerviz.show` and ``%layerviz``, checked up front."""

from __future__ import annotations

import math
from typing import Any

from .errors import LayerVizError

METHOD_CHOICES = ("tsne", "umap", "pca")
METRICS_CHOICES = ("none", "fast", "all")

#: Documented ranges; the browser's reducers enforce the same ones.
PERPLEXITY_RANGE = (2.0, 100.0)
NEIGHBORS_RANGE = (2, 200)
MIN_DIST_RANGE = (0.0, 1.0)
ITERATIONS_RANGE = (1, 10_000)


def layout_options(
    method: str = "tsne",
    dims: int = 2,
    perplexity: float = 30.0,
    neighbors: int = 15,
    min_dist: float = 0.1,
    seed: int = 0,
    iterations: int | None = None,
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
    seed : int >= 0
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
    if method not in METHOD_CHOICES:
        raise LayerVizError(f"method must be one of {', '.join(METHOD_CHOICES)}; got {method!r}.")
    if dims not in (2, 3) or isinstance(dims, bool):
        raise LayerVizError(f"dims must be 2 or 3; got {dims!r}.")
    _check_number("perplexity", perplexity, *PERPLEXITY_RANGE)
    _check_number("neighbors", neighbors, *NEIGHBORS_RANGE, integer=True)
    _check_number("min_dist", min_dist, *MIN_DIST_RANGE)
    _check_number("seed", seed, 0, 2**31 - 1, integer=True)
    if iterations is not None:
        _check_number("iterations", iterations, *ITERATIONS_RANGE, integer=True)
    return {
        "method": method,
        "dims": int(dims),
        "perplexity": float(perplexity),
        "neighbors": int(neighbors),
        "min_dist": float(min_dist),
        "seed": int(seed),
        "iterations": None if iterations is None else int(iterations),
    }


def _check_number(name: str, value: Any, low: float, high: float, *, integer: bool = False) -> None:
    kind = "an integer" if integer else "a number"
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ok and integer:
        ok = float(value).is_integer()
    if not ok or not math.isfinite(value) or not low <= value <= high:
        raise LayerVizError(f"{name} must be {kind} in [{low:g}, {high:g}]; got {value!r}.")


def metrics_level(level: str) -> str:
    """Check the ``metrics`` option: ``"none"``, ``"fast"`` or ``"all"``."""
    if level not in METRICS_CHOICES:
        raise LayerVizError(f"metrics must be one of {', '.join(METRICS_CHOICES)}; got {level!r}.")
    return level
