"""The small-multiples grid of a recording: one 2-D thumbnail per layer and epoch.

The browser holds one epoch's activations at a time (see :mod:`layerviz.timeline_widget`), so the
kernel draws the grid's thumbnails: for every (layer, epoch) the first two principal components
of the layer's pooled activations on a fixed subset of the recorded samples, rotated (or
reflected) onto the same layer's thumbnail at the last epoch by orthogonal Procrustes. A row of
the grid then moves only as much as the layer's representation does, not as PCA's arbitrary
signs and axis order would. They travel once, as the ``grid`` trait.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .arrays import array_to_json
from .sample_choice import stratified_rows

#: Points in each thumbnail at most: enough to show each class's shape at thumbnail size, few
#: enough that a grid of 16 layers x 11 epochs stays under 1.5 MB on the wire (4 kB a cell).
GRID_POINTS = 500


def grid_rows(
    count: int, labels: np.ndarray | None = None, max_points: int = GRID_POINTS, seed: int = 0
) -> np.ndarray:
    """Choose the samples drawn in every thumbnail, the same for every layer and epoch.

    Parameters
    ----------
    count : int
        Samples recorded (0 or more).
    labels : ndarray of int, shape (count,), optional
        Their labels; the subset keeps each label's share (at least one each when there is room).
    max_points : int, default :data:`GRID_POINTS`
        Samples to keep at most (1 or more).
    seed : int, default 0
        Seed of the choice: the same arguments give the same rows.

    Returns
    -------
    ndarray of int32, shape (min(count, max_points),)
        Positions among the recorded samples, ascending.

    """
    if count <= max_points:
        return np.arange(count, dtype=np.int32)
    rng = np.random.default_rng(seed)
    candidates = np.arange(count)
    if labels is None:
        picked = rng.choice(candidates, size=max_points, replace=False)
    else:
        picked = stratified_rows(np.asarray(labels), candidates, max_points, rng)
    return np.sort(picked).astype(np.int32)


def pca_2d(features: np.ndarray) -> np.ndarray:
    """Return the scores of ``features`` on its first two principal components.

    Exact (one SVD) when the samples or the features are few; otherwise a seeded randomized SVD
    with power iterations (Halko et al. 2011), as exact as a thumbnail needs: a full SVD of 500
    samples x 4,096 features takes seconds, and a grid holds hundreds of cells. Its random start
    lies in sample space, so features rotated by any orthogonal matrix give the same scores.

    Parameters
    ----------
    features : ndarray, shape (n, D)
        One row per sample; NaN and infinite values count as 0 (a diverged layer still draws).

    Returns
    -------
    ndarray of float64, shape (n, 2)
        Centred coordinates, in the features' units; the second column is 0 when ``D`` is 1.

    """
    x = np.nan_to_num(np.asarray(features, dtype=np.float64).reshape(len(features), -1))
    x = x - x.mean(axis=0)
    scores = np.zeros((x.shape[0], 2))
    if x.size == 0:
        return scores
    if min(x.shape) <= _EXACT_BELOW:
        u, s, _ = np.linalg.svd(x, full_matrices=False)
    else:
        basis = np.random.default_rng(0).normal(size=(x.shape[0], _SKETCH))
        for _ in range(_POWER_ITERATIONS):
            basis, _r = np.linalg.qr(x @ (x.T @ basis))
        u, s, _ = np.linalg.svd(basis.T @ x, full_matrices=False)
        u = basis @ u
    k = min(2, s.size)
    scores[:, :k] = u[:, :k] * s[:k]
    return scores


#: Below this many samples or features, :func:`pca_2d` takes the exact SVD (milliseconds).
_EXACT_BELOW = 64
#: Directions the randomized SVD follows: 2 wanted plus 8 more, whose error on the top two
#: shrinks like (s_11 / s_2) ** (2 * _POWER_ITERATIONS + 1).
_SKETCH = 10
_POWER_ITERATIONS = 6


def procrustes_onto(points: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Rotate or reflect ``points`` to lie as close as possible to ``target``.

    The orthogonal Procrustes solution: the orthogonal ``R`` minimising
    ``||points @ R - target||`` (Frobenius), without scaling or translation, so distances
    between points are kept exactly.

    Parameters
    ----------
    points, target : ndarray, shape (n, 2)
        The same samples in the same order, both centred.

    Returns
    -------
    ndarray of float64, shape (n, 2)
        ``points @ R``.

    """
    u, _, vt = np.linalg.svd(points.T @ target)
    return points @ (u @ vt)


def grid_points(states: Sequence[Sequence[np.ndarray]], rows: np.ndarray) -> np.ndarray:
    """Return the aligned thumbnails of every layer at every epoch.

    Parameters
    ----------
    states : sequence of E sequences of L ndarrays, each shape (N, D_l)
        ``states[e][l]``: layer ``l``'s pooled activations at the ``e``-th recorded epoch.
    rows : ndarray of int, shape (n,)
        The samples drawn (see :func:`grid_rows`).

    Returns
    -------
    ndarray of float32, shape (E, L, n, 2)
        The PCA of each cell, each layer's cells rotated onto its last epoch's cell.

    """
    epochs, layers = len(states), len(states[0]) if states else 0
    out = np.zeros((epochs, layers, len(rows), 2), dtype=np.float32)
    for layer in range(layers):
        last = pca_2d(states[-1][layer][rows])
        out[-1, layer] = last
        for epoch in range(epochs - 1):
            out[epoch, layer] = procrustes_onto(pca_2d(states[epoch][layer][rows]), last)
    return out


def epoch_grid(recorder: Any, max_points: int = GRID_POINTS, seed: int = 0) -> dict[str, Any]:
    """Return a recording's grid of thumbnails, as the ``grid`` trait holds it.

    Parameters
    ----------
    recorder : layerviz.Recorder
        A recorder holding one state or more.
    max_points, seed : optional
        As for :func:`grid_rows`.

    Returns
    -------
    dict
        ``layers`` (names, in model order), ``epochs`` (labels, 0 before training),
        ``points`` (float32, ``(E, L, n, 2)``, see :func:`grid_points`), ``rows`` (int32, the
        drawn samples' positions among the recorded ones) and ``labels`` (int32 of ``n``, or
        None without labels).

    """
    shown = recorder.shown
    layers, epochs = list(shown.names), list(recorder.epochs)
    labels = shown.labels
    rows = grid_rows(len(shown.rows), labels, max_points, seed)
    states = [[recorder.state(e).activations[name] for name in layers] for e in epochs]
    return {
        "layers": layers,
        "epochs": epochs,
        "points": grid_points(states, rows),
        "rows": rows,
        "labels": None if labels is None else np.asarray(labels)[rows].astype(np.int32),
    }


def grid_to_json(value: dict[str, Any] | None, widget: Any = None) -> dict[str, Any] | None:
    """Serialize the ``grid`` trait: its arrays as binary buffers, the rest as JSON."""
    if value is None:
        return None
    return {
        key: array_to_json(item) if isinstance(item, np.ndarray) else item
        for key, item in value.items()
    }
