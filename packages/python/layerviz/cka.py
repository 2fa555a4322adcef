"""Linear CKA between layers (Kornblith et al. 2019), in NumPy, for the kernel's own states.

The browser measures CKA between a model's layers itself (``@layerviz/core``'s
``linearCkaMatrix``); a :class:`~layerviz.Recorder` holds every recorded epoch in the kernel, so
the CKA between two of its epochs is measured here, in the same exact feature-space form as
``@layerviz/core``'s ``linearCkaBetween`` (checked against each other and against the kernel form on
Gram matrices by the tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def _check_same_samples(rows: Sequence[np.ndarray], cols: Sequence[np.ndarray]) -> None:
    counts = {len(x) for x in [*rows, *cols]}
    if len(counts) > 1:
        raise ValueError(f"the layers hold different numbers of samples: {sorted(counts)}")


def _centred(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
    return x - x.mean(axis=0)


def linear_cka_between(rows: Sequence[np.ndarray], cols: Sequence[np.ndarray]) -> np.ndarray:
    """Linear CKA of every layer in ``rows`` with every layer in ``cols``, on the same samples.

    Parameters
    ----------
    rows, cols : sequences of array_like, each of shape (N, ...)
        Layers' activations on the same N samples (flattened per sample). N must agree.

    Returns
    -------
    ndarray of float64, shape (len(rows), len(cols))
        ``‖Bᵀ A‖²_F / (‖Aᵀ A‖_F ‖Bᵀ B‖_F)`` on column-centred A and B, each in [0, 1]; 0 where a
        layer is constant (CKA undefined). O(N D_a D_b) time per pair, never an N x N matrix.

    Raises
    ------
    ValueError
        When the layers' sample counts differ.

    """
    _check_same_samples(rows, cols)
    a = [_centred(x) for x in rows]
    b = [_centred(x) for x in cols]
    a_norms = [np.linalg.norm(x.T @ x) for x in a]
    b_norms = [np.linalg.norm(y.T @ y) for y in b]
    out = np.zeros((len(a), len(b)))
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            denominator = a_norms[i] * b_norms[j]
            if denominator > 0:
                out[i, j] = np.sum((y.T @ x) ** 2) / denominator
    return out


def linear_cka_gram(rows: Sequence[np.ndarray], cols: Sequence[np.ndarray]) -> np.ndarray:
    """:func:`linear_cka_between` by the kernel form, on centred N x N Gram matrices.

    The same values (Kornblith et al. 2019's definition), in O(N² D) per layer instead of
    O(N D_a D_b) per pair: the faster form when layers are wider than the samples are many
    (a few hundred samples of layers with thousands of features). Memory: one N x N matrix per
    layer.

    Parameters
    ----------
    rows, cols : sequences of array_like, each of shape (N, ...)
        Layers' activations on the same N samples.

    Returns
    -------
    ndarray of float64, shape (len(rows), len(cols))
        Each in [0, 1]; 0 where a layer is constant.

    Raises
    ------
    ValueError
        When the layers' sample counts differ.

    """
    _check_same_samples(rows, cols)

    def gram(x: np.ndarray) -> tuple[np.ndarray, float]:
        centred = _centred(x)
        k = centred @ centred.T
        return k, float(np.linalg.norm(k))

    a = [gram(x) for x in rows]
    b = [gram(y) for y in cols]
    out = np.zeros((len(a), len(b)))
    for i, (ka, na) in enumerate(a):
        for j, (kb, nb) in enumerate(b):
            if na > 0 and nb > 0:
                out[i, j] = float(np.sum(ka * kb)) / (na * nb)
    return out


def cka_table(values: np.ndarray, rows: Sequence[str], cols: Sequence[str]) -> Any:
    """Return ``values`` as a table with row names ``rows`` and column names ``cols``.

    A DataFrame when pandas is installed, else ``{"rows": [...], "cols": [...], "values":
    [[...], ...]}``.
    """
    try:
        import pandas as pd
    except ImportError:
        return {"rows": list(rows), "cols": list(cols), "values": np.asarray(values).tolist()}
    return pd.DataFrame(np.asarray(values), index=list(rows), columns=list(cols))
