"""Read a user's data (tf.data, PyDataset, DataLoader, iterables) in one pass, in bounded memory.

The samples to show are chosen while reading (:class:`~layerviz.reservoir.Reservoir`: seeded,
stratified by label), so memory grows with ``max_points``, never with the data; a progress bar
shows the reading in the notebook.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from .data_sources import Source, open_source
from .elements import Element, Keys, split_element
from .errors import LayerVizError
from .reservoir import Reservoir
from .sample_choice import rows_named

#: A source of unknown length that yields more samples than this without ending, and without
#: ``max_batches``, is taken to repeat forever.
UNKNOWN_LENGTH_LIMIT = 1_000_000
#: Elements that are single samples are stacked into batches of this many before sampling.
SAMPLE_CHUNK = 256


@dataclass(frozen=True)
class Model:
    """What reading needs to know of the model(s) the data is for.

    Attributes
    ----------
    input_names : list of str
        The model's input names, in order (one for a model with one input).
    input_rank : int or None
        Dimensions of the first input with the batch axis (e.g. 4 for images), when known:
        elements one dimension smaller are single samples.
    check : callable, optional
        Called with the first batch's inputs; raises :class:`LayerVizError` if they do not fit.

    """

    input_names: list[str]
    input_rank: int | None = None
    check: Callable[[list[np.ndarray]], None] | None = None


@dataclass(frozen=True)
class Held:
    """The samples chosen from the data, as arrays, and what the view says about them.

    Attributes
    ----------
    x : ndarray, or list of ndarray (several inputs)
        The chosen samples' inputs.
    y : ndarray or None
        Their labels, as the data (or the user's ``y``) gave them.
    texts, images : ndarray or None
        Their texts and images, from the data's columns or the user's per-sample arrays.
    meta : dict or DataFrame or None
        The user's per-sample metadata, at the chosen rows.
    rows : ndarray of int64
        Position of each chosen sample in the data (0 is its first sample), ascending.
    total : int
        Samples read whose values are finite: those the chosen ones were drawn from.
    notice : str
        Sentences for the view: how many were shown of how many, what was left out.

    """

    x: Any
    y: np.ndarray | None
    texts: np.ndarray | None
    images: np.ndarray | None
    meta: Any
    rows: np.ndarray
    total: int
    notice: str


@dataclass(frozen=True)
class Request:
    """How to read: the user's options of :func:`layerviz.show` that concern the data."""

    y: Any = None
    texts: Any = None
    images: Any = None
    meta: Any = None
    x_key: str | Sequence[str] | None = None
    max_batches: int | None = None
    seed: int = 0

    def keys(self) -> Keys:
        """Columns named by the user (strings among ``x_key``, ``y``, ``texts``, ``images``)."""
        x_key = [self.x_key] if isinstance(self.x_key, str) else self.x_key
        return Keys(
            x=None if x_key is None else [str(k) for k in x_key],
            y=self.y if isinstance(self.y, str) else None,
            texts=self.texts if isinstance(self.texts, str) else None,
            images=self.images if isinstance(self.images, str) else None,
        )


def read_data(data: Any, model: Model, request: Request, max_points: int) -> Reader:
    """Read ``data`` once and keep a stratified random ``max_points`` of its samples.

    The reader returned gives them (:meth:`Reader.held`), or fewer of them, without reading
    again.

    Parameters
    ----------
    data : any source (see :func:`layerviz.data_sources.is_source`)
        The user's data.
    model : Model
        The inputs the data must fit.
    request : Request
        Labels, columns and limits given by the user.
    max_points : int
        Samples to keep at most (1 or more).

    Raises
    ------
    LayerVizError
        For empty data, data that may never end without ``max_batches``, batches whose shapes
        change, labels in some batches only, or inputs that do not fit the model.

    """
    _check_max_batches(request.max_batches)
    source = open_source(data)
    if source.length == math.inf and request.max_batches is None:
        raise LayerVizError(
            f"{source.kind} repeats forever (e.g. .repeat() without a count); pass max_batches= "
            "(--max-batches) to read only its first batches."
        )
    reader = Reader(source, model, request, max_points)
    reader.read()
    return reader


class Reader:
    """One pass over a source: checks each batch and offers it to the reservoir.

    Made by :func:`read_data`; :meth:`held` gives the samples chosen.
    """

    def __init__(self, source: Source, model: Model, request: Request, max_points: int) -> None:
        self.source, self.model, self.request = source, model, request
        self.keys = request.keys()
        self.given_y = None if request.y is None or self.keys.y else np.asarray(request.y)
        self.reservoir = Reservoir(max_points, request.seed)
        self.read_rows = 0
        self.batches = 0
        self.bad: list[np.ndarray] = []
        self.bad_count = 0
        self.shapes: list[tuple[int, ...]] | None = None
        self.labelled: bool | None = None
        self.stopped = False

    def read(self) -> None:
        """Read the source to its end (or ``max_batches``), offering each batch."""
        limit = self.request.max_batches
        length = self.source.length
        total = None if length is None else min(length, limit or length)
        with _progress(total, self.source.kind) as bar:
            for element, consumed in self._batches():
                self._add(element)
                bar.update(consumed)
                if limit is not None and self.batches >= limit:
                    self.stopped = True
                    break
                if length is None and limit is None and self.read_rows > UNKNOWN_LENGTH_LIMIT:
                    raise LayerVizError(
                        f"{self.source.kind} has no length and yielded more than "
                        f"{UNKNOWN_LENGTH_LIMIT:,} samples without ending: it may repeat "
                        "forever. Pass max_batches= (--max-batches) to read its first batches."
                    )

    def _batches(self) -> Iterator[tuple[Element, int]]:
        """Yield the source's elements as batches, each with the elements it took.

        Elements that are single samples are stacked into chunks of ``SAMPLE_CHUNK``.
        """
        elements = (self._split(e) for e in self.source.elements)
        first = next(elements, None)
        if first is None:
            return
        if not self._one_sample(first):
            yield first, 1
            for element in elements:
                yield element, 1
            return
        chunk = [first]
        for element in elements:
            chunk.append(element)
            if len(chunk) == SAMPLE_CHUNK:
                yield _stacked(chunk, self.source.kind), len(chunk)
                chunk = []
        if chunk:
            yield _stacked(chunk, self.source.kind), len(chunk)

    def _split(self, element: Any) -> Element:
        return split_element(element, self.model.input_names, self.keys, self.source.kind)

    def _one_sample(self, element: Element) -> bool:
        if self.source.samples is not None:
            return self.source.samples
        rank = self.model.input_rank
        first = element.inputs[0]
        return first.ndim == 0 or (rank is not None and first.ndim == rank - 1)

    def _add(self, element: Element) -> None:
        size = self._check(element)
        self.batches += 1
        rows = np.arange(self.read_rows, self.read_rows + size)
        self.read_rows += size
        y = element.y
        if self.given_y is not None:
            if rows[-1] >= len(self.given_y):
                raise LayerVizError(
                    f"y has {len(self.given_y):,} labels but {self.source.kind} has more samples; "
                    "pass one label per sample, or leave y out to take the labels from the data."
                )
            y = self.given_y[rows]
        finite = _finite(element.inputs)
        if not finite.all():
            self.bad_count += int((~finite).sum())
            if sum(len(b) for b in self.bad) < 10:
                self.bad.append(rows[~finite])
        columns = [part[finite] for part in element.inputs]
        if element.y is not None and self.given_y is None:
            columns.append(np.asarray(element.y)[finite])
        columns += [np.asarray(element.fields[k])[finite] for k in sorted(element.fields)]
        classes = None if y is None else _classes(np.asarray(y))[finite]
        self.reservoir.add(rows[finite], classes, columns)

    def _check(self, element: Element) -> int:
        kind = self.source.kind
        size = len(element.inputs[0])
        parts = [*element.inputs, *element.fields.values()]
        if element.y is not None:
            parts.append(element.y)
        if any(np.ndim(part) == 0 or len(part) != size for part in parts):
            raise LayerVizError(
                f"batch {self.batches + 1} of {kind} holds parts with different numbers of "
                f"samples ({[len(np.atleast_1d(p)) for p in parts]}); each part of a batch must "
                "hold one row per sample."
            )
        labelled = element.y is not None
        if self.labelled is None:
            self.labelled = labelled
            if self.model.check is not None:
                self.model.check(element.inputs)
        elif labelled != self.labelled:
            which = "has" if labelled else "has no"
            raise LayerVizError(
                f"batch {self.batches + 1} of {kind} {which} labels but the batches before it "
                f"{'do not' if labelled else 'do'}; yield (x, y) in every batch, or x alone in "
                "every batch and pass y=."
            )
        shapes = [part.shape[1:] for part in element.inputs]
        if self.shapes is None:
            self.shapes = shapes
        elif shapes != self.shapes:
            raise LayerVizError(
                f"batch {self.batches + 1} of {kind} holds samples of shape "
                f"{_shapes(shapes)} but the batches before it {_shapes(self.shapes)}; give every "
                "batch the same sample shape (e.g. pad sequences to one length, or resize images)."
            )
        return size

    def held(self, count: int | None = None, *, final: bool = False) -> Held:
        """Return the chosen samples (``count`` of them at most, ``max_points`` by default).

        ``final``: the data cannot be read again for more, and the notice says so.
        """
        kind = self.source.kind
        if self.read_rows == 0:
            raise LayerVizError(
                f"{kind} yielded no samples; pass data holding at least one sample (a generator "
                "can be read only once: make a new one)."
            )
        if self.reservoir.total == 0:
            raise LayerVizError(
                f"every sample of {kind} holds NaN or infinite values; clean the data first "
                "(e.g. map np.nan_to_num over it)."
            )
        drawn = self.reservoir.draw(count)
        columns = list(drawn.columns)
        n_inputs = len(self.model.input_names)
        inputs, columns = columns[:n_inputs], columns[n_inputs:]
        y = columns.pop(0) if self.labelled and self.given_y is None else None
        if self.given_y is not None:
            y = self.given_y[drawn.rows]
        named = sorted({k for k in (self.keys.texts, self.keys.images) if k})
        fields = dict(zip(named, columns, strict=True))
        return Held(
            x=inputs[0] if n_inputs == 1 else inputs,
            y=y,
            texts=self._per_sample(self.request.texts, self.keys.texts, fields, drawn.rows),
            images=self._per_sample(self.request.images, self.keys.images, fields, drawn.rows),
            meta=_meta_at(self.request.meta, drawn.rows, self.read_rows),
            rows=drawn.rows,
            total=drawn.total,
            notice=self._notice(len(drawn.rows), drawn.total, bool(drawn.counts), final),
        )

    def _per_sample(self, given: Any, key: str | None, fields: dict, rows: np.ndarray) -> Any:
        if key is not None:
            return fields[key]
        if given is None:
            return None
        values = np.asarray(given)
        if len(values) < self.read_rows:
            raise LayerVizError(
                f"{self.source.kind} has {self.read_rows:,} samples but texts/images hold "
                f"{len(values):,}; pass one per sample, or name a column of the data."
            )
        return values[rows]

    def _notice(self, shown: int, total: int, stratified: bool, final: bool) -> str:
        kind = self.source.kind
        sentences = []
        if self.stopped:
            sentences.append(
                f"Read the first {self.batches:,} batches of {kind} "
                f"(max_batches={self.request.max_batches})."
            )
        if self.bad_count:
            bad = np.concatenate(self.bad)
            sentences.append(
                f"{self.bad_count:,} samples of {kind} hold NaN or infinite values and are left "
                f"out (samples {rows_named(bad)})."
            )
        if shown < total:
            how = "stratified by label" if stratified else "a random subset"
            more = (
                f"{kind} can be read only once: call layerviz.show again with a larger "
                "max_points to see more."
                if final
                else "pass a larger max_points to see more."
            )
            sentences.append(
                f"Showing {shown:,} of {total:,} samples of {kind}, {how} "
                f"(seed {self.request.seed}); {more}"
            )
        return " ".join(sentences)


def _check_max_batches(max_batches: int | None) -> None:
    if max_batches is not None and (not isinstance(max_batches, int) or max_batches < 1):
        raise LayerVizError(f"max_batches must be a whole number, 1 or more; got {max_batches!r}.")


def _stacked(chunk: list[Element], kind: str) -> Element:
    try:
        return Element(
            [np.stack([e.inputs[i] for e in chunk]) for i in range(len(chunk[0].inputs))],
            None if chunk[0].y is None else np.stack([np.asarray(e.y) for e in chunk]),
            {k: np.stack([e.fields[k] for e in chunk]) for k in chunk[0].fields},
        )
    except (ValueError, TypeError) as err:
        raise LayerVizError(
            f"the samples of {kind} do not all have the same shape ({err}); give every sample "
            "the same shape (e.g. pad sequences to one length), and labels to all or none."
        ) from err


def _finite(inputs: list[np.ndarray]) -> np.ndarray:
    size = len(inputs[0])
    finite = np.ones(size, dtype=bool)
    for part in inputs:
        if np.issubdtype(part.dtype, np.floating):
            finite &= np.isfinite(part.reshape(size, -1)).all(axis=1)
    return finite


def _classes(y: np.ndarray) -> np.ndarray:
    """Each sample's class, to stratify by: the label, or the argmax of one-hot rows."""
    if y.ndim == 2 and y.shape[1] == 1:
        return y[:, 0]
    if y.ndim == 2:
        return y.argmax(axis=1)
    if y.ndim != 1:
        raise LayerVizError(
            f"labels must be one per sample, a column or one-hot rows; got batches of shape "
            f"{y.shape}."
        )
    return y


def _meta_at(meta: Any, rows: np.ndarray, read: int) -> Any:
    if meta is None:
        return None
    if hasattr(meta, "iloc"):
        if len(meta) < read:
            raise LayerVizError(f"meta has {len(meta):,} rows but the data {read:,} samples.")
        return meta.iloc[rows].reset_index(drop=True)
    if not isinstance(meta, dict):
        return meta  # meta_columns says what it must be
    out = {}
    for name, values in meta.items():
        column = np.asarray(values, dtype=object)
        if len(column) < read:
            raise LayerVizError(
                f"meta[{name!r}] has {len(column):,} values but the data {read:,} samples; "
                "pass one value per sample."
            )
        out[name] = column[rows]
    return out


def _shapes(shapes: list[tuple[int, ...]]) -> str:
    return ", ".join("(N, " + ", ".join(map(str, s)) + ")" for s in shapes)


def _progress(total: float | None, kind: str) -> Any:
    """Return a progress bar: tqdm's notebook bar in Jupyter, a text bar elsewhere."""
    return tqdm(
        total=None if total is None else int(total),
        desc=f"layerviz: reading {kind}",
        unit=" batches",
        leave=False,
    )
