"""Run one Python reference method on one data set; print its timing as JSON.

Usage: python bench/python_methods.py METHOD DATA_PREFIX OUT_PREFIX [options as JSON]

METHOD is ``opentsne`` (openTSNE's defaults: Barnes-Hut below 10,000 points, FFT from there), ``opentsne-bh``,
``sklearn-tsne`` or ``sklearn-pca``. The layout (or PCA scores) goes to OUT_PREFIX.f32; the
JSON line on stdout carries ``seconds`` (the method alone, data already in memory) and, for PCA,
``explained_variance_ratio``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np


def load(prefix: str) -> np.ndarray:
    """Read DATA_PREFIX.f32 with the shape in DATA_PREFIX.json."""
    meta = json.loads(Path(f"{prefix}.json").read_text())
    return np.fromfile(f"{prefix}.f32", dtype=np.float32).reshape(
        meta["rows"], meta["cols"]
    )


def main() -> None:
    """Run the method named on the command line."""
    method, data, out = sys.argv[1:4]
    options = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
    x = load(data)
    rows = options.get("rows")
    if rows:
        x = x[:rows]
    iterations = options.get("iterations", 750)
    perplexity = options.get("perplexity", 30)
    result: dict = {}
    start = time.perf_counter()
    if method in ("opentsne", "opentsne-bh"):
        from openTSNE import TSNE

        extra = {"negative_gradient_method": "bh"} if method == "opentsne-bh" else {}
        y = TSNE(
            perplexity=perplexity,
            n_iter=iterations - 250,
            early_exaggeration_iter=250,
            n_jobs=options.get("jobs", 2),
            random_state=0,
            **extra,
        ).fit(x)
        y = np.asarray(y)
    elif method == "sklearn-tsne":
        from sklearn.manifold import TSNE

        y = TSNE(
            perplexity=perplexity, max_iter=iterations, init="pca", random_state=0
        ).fit_transform(x)
    elif method == "sklearn-pca":
        from sklearn.decomposition import PCA

        pca = PCA(
            options.get("components", 50), svd_solver="randomized", random_state=0
        )
        y = pca.fit_transform(x)
        result["explained_variance_ratio"] = pca.explained_variance_ratio_.tolist()
    else:
        raise SystemExit(f"unknown method {method!r}")
    result["seconds"] = time.perf_counter() - start
    np.ascontiguousarray(y, dtype=np.float32).tofile(f"{out}.f32")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
