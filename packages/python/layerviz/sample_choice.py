"""Which samples of ``x`` are shown, and the sentence that says so."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import LayerVizError
from .options import check_max_points

#: Rows named in a notice before "…".
_ROWS_NAMED = 5


@dataclass(frozen=True)
class Sampling:
    """The shown samples: rows of the user's ``x``, ascending, and what the view says about it."""

    #: Rows of ``x`` shown, ascending (int32).
    keep: np.ndarray
    #: Sentences for the view ("" when every sample is shown).
    notice: str


def finite_rows(x: np.ndarray) -> np.ndarray:
    """Return a bool mask of the samples of ``x`` whose values are all finite."""
    if not np.issubdtype(x.dtype, np.floating):
        return np.ones(x.shape[0], dtype=bool)
    return np.isfinite(x.reshape(x.shape[0], -1)).all(axis=1)


def class_quotas(counts: np.ndarray, count: int) -> np.ndarray:
    """Split ``count`` shown samples among classes of ``counts`` samples, each keeping its share.

    Shares are rounded by largest remainder; when ``count`` is at least the number of classes,
    every class gets one sample or more (taken from the largest quotas).

    Parameters
    ----------
    counts : ndarray of int, shape (C,)
        Samples of each class (each 1 or more).
    count : int
        Samples to show, at most ``counts.sum()``.

    Returns
    -------
    ndarray of int, shape (C,)
        Samples to show of each class, summing to ``count``, none above its class's count.

    """
    exact = count * counts / counts.sum()
    quota = np.floor(exact).astype(int)
    for c in np.argsort(-(exact - quota), kind="stable")[: count - quota.sum()]:
        quota[c] += 1
    # Every class is seen when there is room: take from the largest quotas.
    for c in np.flatnonzero(quota == 0):
        if count < len(counts):
            break
        quota[np.argmax(quota)] -= 1
        quota[c] = 1
    return quota


def stratified_rows(
    labels: np.ndarray, candidates: np.ndarray, count: int, rng: np.random.Generator
) -> np.ndarray:
    """Pick ``count`` of ``candidates`` so that each label keeps its share (at least one each).

    Shares are rounded by largest remainder (:func:`class_quotas`); within a label the rows are
    a seeded random choice.
    """
    classes, counts = np.unique(labels[candidates], return_counts=True)
    quota = class_quotas(counts, count)
    picked = [
        rng.choice(candidates[labels[candidates] == value], size=q, replace=False)
        for value, q in zip(classes, quota, strict=True)
        if q > 0
    ]
    return np.concatenate(picked)


def rows_named(rows: np.ndarray) -> str:
    """Name the first rows of ``rows`` for a notice: "3, 17, 40, …"."""
    named = ", ".join(str(r) for r in rows[:_ROWS_NAMED])
    return named + (", …" if len(rows) > _ROWS_NAMED else "")


def choose_samples(
    x: np.ndarray, labels: np.ndarray | None, max_points: int, seed: int = 0
) -> Sampling:
    """Choose the samples to show: those with finite values, at most ``max_points`` of them.

    Beyond ``max_points`` a seeded random subset is taken, stratified by label when there are
    labels, so that every class keeps its share.

    Raises
    ------
    LayerVizError
        If ``max_points`` is below 1 or no sample of ``x`` is finite.

    """
    max_points = check_max_points(max_points)
    finite = finite_rows(x)
    candidates = np.flatnonzero(finite)
    if candidates.size == 0:
        raise LayerVizError(
            "every sample of x holds NaN or infinite values; clean x first "
            "(e.g. np.nan_to_num(x) or drop those rows)."
        )
    sentences = []
    bad = np.flatnonzero(~finite)
    if bad.size:
        sentences.append(
            f"{bad.size:,} samples of x hold NaN or infinite values and are left out "
            f"(rows {rows_named(bad)})."
        )
    if candidates.size > max_points:
        rng = np.random.default_rng(seed)
        if labels is None:
            keep = rng.choice(candidates, size=max_points, replace=False)
            how = "a random subset"
        else:
            keep = stratified_rows(labels, candidates, max_points, rng)
            how = "stratified by label"
        sentences.append(
            f"Showing {max_points:,} of {candidates.size:,} samples, {how} "
            f"(seed {seed}); pass a larger max_points to see more."
        )
        candidates = np.sort(keep)
    if labels is not None and np.unique(labels[candidates]).size == 1:
        sentences.append(
            "Every sample shown has the same label, so the points have one color and the "
            "separability numbers (k-NN accuracy, silhouette), which compare classes, are left "
            "out; pass y with two classes or more to see them."
        )
    return Sampling(keep=candidates.astype(np.int32), notice=" ".join(sentences))
