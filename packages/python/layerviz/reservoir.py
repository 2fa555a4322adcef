"""Choosing the shown samples while reading a stream: a seeded, stratified bottom-k reservoir.

Every sample read gets a uniform random key (from the seed). The samples with the smallest keys
of a class are a uniform random subset of that class, whatever the order they come in, so the
reservoir keeps, in bounded memory, the samples of smallest key overall (twice ``max_points``)
and the few smallest of each class (so that rare classes are not lost). At the end, when the
classes' sizes are known, each class shows its share (:func:`~layerviz.sample_choice.class_quotas`)
of its smallest keys: a stratified random sample, exactly as if the whole stream had been held.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .sample_choice import class_quotas

#: Smallest keys kept per class besides the overall smallest, for classes too rare to be
#: among those (a class's quota is rarely more than this when it has so few there).
CLASS_RESERVE = 4
#: Samples held overall, as a multiple of ``max_points``: the quota of a class of average
#: size is then about half of what it holds, so shortfalls are vanishingly rare.
HELD_FACTOR = 2


@dataclass(frozen=True)
class Drawn:
    """The samples chosen by :meth:`Reservoir.draw`.

    Attributes
    ----------
    rows : ndarray of int64, shape (k,)
        Positions of the chosen samples in the stream (0 is its first sample), ascending.
    columns : list of ndarray
        The chosen samples' values of each column given to :meth:`Reservoir.add`, in ``rows``
        order.
    total : int
        Samples read (given to :meth:`Reservoir.add`).
    counts : Counter
        Samples read per class (empty without classes).

    """

    rows: np.ndarray
    columns: list[np.ndarray]
    total: int
    counts: Counter


class Reservoir:
    """Hold a stratified random sample of at most ``max_points`` of the samples added.

    Memory stays below ``(HELD_FACTOR + CLASS_RESERVE) * max_points`` samples, whatever is
    added: the overall ``HELD_FACTOR * max_points`` smallest keys and the ``CLASS_RESERVE``
    smallest of each class (of the first ``max_points`` classes seen).

    Parameters
    ----------
    max_points : int
        Samples to show at most (1 or more).
    seed : int
        Seed of the keys: the same seed and stream give the same samples.

    """

    def __init__(self, max_points: int, seed: int) -> None:
        self.max_points = max_points
        self._rng = np.random.default_rng(seed)
        self._held = HELD_FACTOR * max_points
        self._keys = np.empty(0)
        self._rows = np.empty(0, dtype=np.int64)
        self._classes: np.ndarray | None = None
        self._columns: list[np.ndarray] | None = None
        self._pending: list[tuple[np.ndarray, np.ndarray, np.ndarray | None, list[np.ndarray]]] = []
        self._pending_size = 0
        self._counts: Counter = Counter()
        self._total = 0

    @property
    def total(self) -> int:
        """Samples added so far."""
        return self._total

    def add(self, rows: np.ndarray, classes: np.ndarray | None, columns: Sequence[np.ndarray]):
        """Offer a batch of samples.

        Parameters
        ----------
        rows : ndarray of int, shape (B,)
            Each sample's position in the stream.
        classes : ndarray, shape (B,), optional
            Each sample's class (any sortable values), to stratify by; None when unlabelled.
            Give it for every batch or for none.
        columns : sequence of ndarray, each (B, ...)
            The samples' values to keep (inputs, labels, texts, ...); the same columns, with
            the same trailing shapes, in every batch.

        """
        size = len(rows)
        if size == 0:
            return
        keys = self._rng.random(size)
        self._total += size
        if classes is not None:
            self._counts.update(classes.tolist())
        self._pending.append((keys, np.asarray(rows, np.int64), classes, list(columns)))
        self._pending_size += size
        if self._pending_size >= self._held + self.max_points:
            self._compact()

    def draw(self, count: int | None = None) -> Drawn:
        """Return the chosen samples: each class its share of the stream, by smallest keys.

        Parameters
        ----------
        count : int, optional
            Samples to choose, at most ``max_points`` (the default); fewer give a smaller
            stratified sample of the same stream.

        """
        count = self.max_points if count is None else min(count, self.max_points)
        self._compact()
        keys, rows, classes = self._keys, self._rows, self._classes
        columns = self._columns or []
        if classes is None or not self._counts:
            chosen = np.argsort(keys, kind="stable")[:count]
        else:
            chosen = self._stratified(keys, classes, count)
        chosen = chosen[np.argsort(rows[chosen], kind="stable")]
        return Drawn(
            rows=rows[chosen],
            columns=[column[chosen] for column in columns],
            total=self._total,
            counts=Counter(self._counts),
        )

    def _stratified(self, keys: np.ndarray, classes: np.ndarray, count: int) -> np.ndarray:
        names = sorted(self._counts)
        counts = np.array([self._counts[name] for name in names])
        count = min(count, int(counts.sum()))
        quota = class_quotas(counts, count)
        order = np.lexsort((keys, classes))
        chosen, spare = [], []
        for name, want in zip(names, quota, strict=True):
            mine = order[classes[order] == name]
            chosen.append(mine[:want])
            spare.append(mine[want:])
        picked = np.concatenate(chosen)
        short = count - len(picked)
        if short > 0:
            # A class held fewer than its share (vanishingly rare): fill from the smallest others.
            rest = np.concatenate(spare)
            picked = np.concatenate([picked, rest[np.argsort(keys[rest], kind="stable")[:short]]])
        return picked

    def _compact(self) -> None:
        if not self._pending:
            return
        keys = np.concatenate([self._keys, *(p[0] for p in self._pending)])
        rows = np.concatenate([self._rows, *(p[1] for p in self._pending)])
        labelled = self._pending[0][2] is not None
        classes = None
        if labelled:
            parts = [] if self._classes is None else [self._classes]
            classes = np.concatenate([*parts, *(p[2] for p in self._pending)])
        width = len(self._pending[0][3])
        columns = [
            np.concatenate(
                ([] if self._columns is None else [self._columns[i]])
                + [p[3][i] for p in self._pending]
            )
            for i in range(width)
        ]
        self._pending, self._pending_size = [], 0
        keep = self._kept(keys, classes)
        self._keys, self._rows = keys[keep], rows[keep]
        self._classes = None if classes is None else classes[keep]
        self._columns = [column[keep] for column in columns]

    def _kept(self, keys: np.ndarray, classes: np.ndarray | None) -> np.ndarray:
        """Return the samples to hold: the overall smallest keys and each class's few."""
        held = self._held if classes is not None else self.max_points
        keep = np.zeros(len(keys), dtype=bool)
        if len(keys) <= held:
            keep[:] = True
        else:
            keep[np.argpartition(keys, held - 1)[:held]] = True
        if classes is not None and len(self._counts) <= self.max_points:
            order = np.lexsort((keys, classes))
            sorted_classes = classes[order]
            starts = np.r_[True, sorted_classes[1:] != sorted_classes[:-1]]
            first = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
            rank = np.arange(len(order)) - first
            keep[order[rank < CLASS_RESERVE]] = True
        return np.flatnonzero(keep)
