"""Run one Python reference method on one data set; print its timing as JSON.

Usage: python bench/python_methods.py METHOD DATA_PREFIX OUT_PREFIX [options as JSON]

METHOD is ``opentsne`` (openTSNE's defaults: Barnes-Hut below 10,000 points, FFT from there),
``opentsne-bh``, ``sklearn-tsne`` or ``sklearn-pca``. The layout (or PCA scores) goes to
OUT_PREFIX.f32; the JSON line on stdout carries ``seconds`` and, for PCA,
``explained_variance_ratio``.

``seconds`` is the fit alone. Everything else happens before the clock starts, in this process:
the imports, reading the data, and one warm-up run of the same method with the same settings on
the first ``WARMUP_ROWS`` rows (which loads the compiled extensions and starts the BLAS/OpenMP
thread pools and openTSNE's threads). The warm-up's result is thrown away.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

# Imported here, before any clock starts (they take seconds on a small machine).
from openTSNE import TSNE as OpenTSNE
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE as SklearnTSNE

WARMUP_ROWS = 200


def load(prefix: str) -> np.ndarray:
    """Read DATA_PREFIX.f32 with the shape in DATA_PREFIX.json."""
    meta = json.loads(Path(f"{prefix}.json").read_text())
    return np.fromfile(f"{prefix}.f32", dtype=np.float32).reshape(
        meta["rows"], meta["cols"]
    )


def method_runner(
    method: str, options: dict, rows: int
) -> Callable[[np.ndarray, bool], tuple[np.ndarray, dict[str, Any]]]:
    """Return ``run(x, warmup)`` for METHOD; ``rows`` is the size of the timed run.

    openTSNE picks its neighbour search (exact below 1,000 points, Annoy from there) and its
    gradient (Barnes-Hut below 10,000 points, FFT from there) from the number of points; the
    warm-up on ``WARMUP_ROWS`` rows is told the ones the timed run will pick, so that it loads
    and warms the same code.
    """
    iterations = options.get("iterations", 750)
    perplexity = options.get("perplexity", 30)
    if method in ("opentsne", "opentsne-bh"):
        bh = method == "opentsne-bh"
        timed_extra = {"negative_gradient_method": "bh"} if bh else {}
        warm_extra = {
            "negative_gradient_method": "bh" if bh or rows < 10_000 else "fft",
            "neighbors": "exact" if rows < 1000 else "annoy",
        }

        def run(x: np.ndarray, warmup: bool) -> tuple[np.ndarray, dict[str, Any]]:
            y = OpenTSNE(
                perplexity=perplexity,
                n_iter=iterations - 250,
                early_exaggeration_iter=250,
                n_jobs=options.get("jobs", 2),
                random_state=0,
                **(warm_extra if warmup else timed_extra),
            ).fit(x)
            return np.asarray(y), {}

    elif method == "sklearn-tsne":

        def run(x: np.ndarray, warmup: bool) -> tuple[np.ndarray, dict[str, Any]]:
            y = SklearnTSNE(
                perplexity=perplexity, max_iter=iterations, init="pca", random_state=0
            ).fit_transform(x)
            return y, {}

    elif method == "sklearn-pca":

        def run(x: np.ndarray, warmup: bool) -> tuple[np.ndarray, dict[str, Any]]:
            pca = PCA(
                options.get("components", 50), svd_solver="randomized", random_state=0
            )
            y = pca.fit_transform(x)
            return y, {
                "explained_variance_ratio": pca.explained_variance_ratio_.tolist()
            }

    else:
        raise SystemExit(f"unknown method {method!r}")
    return run


def main() -> None:
    """Run the method named on the command line: a warm-up, then the timed run."""
    method, data, out = sys.argv[1:4]
    options = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
    x = load(data)
    rows = options.get("rows")
    if rows:
        x = x[:rows]
    x = np.ascontiguousarray(x)
    run = method_runner(method, options, len(x))
    run(np.ascontiguousarray(x[:WARMUP_ROWS]), True)
    start = time.perf_counter()
    y, result = run(x, False)
    result["seconds"] = time.perf_counter() - start
    result["warmup_rows"] = min(WARMUP_ROWS, len(x))
    np.ascontiguousarray(y, dtype=np.float32).tofile(f"{out}.f32")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
