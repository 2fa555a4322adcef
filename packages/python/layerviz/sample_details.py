"""What the view shows about each sample besides its position: predictions, text, images, meta."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .errors import LayerVizError

#: Longest side of the thumbnails sent for hover, in pixels; larger images are subsampled.
THUMBNAIL_SIZE = 48


def predictions_from_outputs(outputs: Any) -> tuple[np.ndarray, np.ndarray]:
    """Predicted class and its probability for each row of a classifier's outputs.

    Parameters
    ----------
    outputs : array_like, shape (N,) or (N, 1) or (N, C)
        The model's output layer. One column is read as P(class 1) (a sigmoid unit), several as
        class probabilities (softmax). Values outside [0, 1] are taken as logits and passed
        through a sigmoid or softmax first.

    Returns
    -------
    predictions : ndarray of int32, shape (N,)
        Class id: 0 or 1 for one column, else the argmax.
    confidence : ndarray of float32, shape (N,)
        Probability of the predicted class, in [0, 1] (at least 0.5 for one column).

    """
    values = np.asarray(outputs, dtype=np.float64)
    if values.ndim == 1:
        values = values[:, None]
    values = values.reshape(values.shape[0], -1)
    logits = values.size > 0 and (values.min() < 0 or values.max() > 1)
    if values.shape[1] == 1:
        p = 1 / (1 + np.exp(-values[:, 0])) if logits else values[:, 0]
        predicted = (p > 0.5).astype(np.int32)
        return predicted, np.where(predicted == 1, p, 1 - p).astype(np.float32)
    if logits:
        shifted = np.exp(values - values.max(axis=1, keepdims=True))
        values = shifted / shifted.sum(axis=1, keepdims=True)
    predicted = values.argmax(axis=1).astype(np.int32)
    return predicted, values[np.arange(len(values)), predicted].astype(np.float32)


def texts_for(texts: Any, vocabulary: Any, samples: np.ndarray, n: int) -> list[str] | None:
    """One string per sample: ``texts`` as given, or token ids of ``samples`` decoded.

    Parameters
    ----------
    texts : sequence of str, optional
        The raw text of each sample, as the user wants it shown.
    vocabulary : sequence of str or mapping, optional
        Index → token (``TextVectorization.get_vocabulary()``, a tokenizer's ``index_word``)
        or token → index (``word_index``); 0 is padding and is left out.
    samples : ndarray
        The model's input, used when decoding with ``vocabulary``.
    n : int
        Number of samples.

    """
    if texts is not None:
        values = [str(t) for t in np.asarray(texts, dtype=object).reshape(-1)]
        if len(values) != n:
            raise LayerVizError(
                f"x has {n} samples but texts has {len(values)}; pass one text per sample."
            )
        return values
    if vocabulary is None:
        return None
    if not np.issubdtype(samples.dtype, np.integer):
        raise LayerVizError(
            "vocabulary decodes token ids, but x is not integer; pass texts= instead."
        )
    words = _index_to_word(vocabulary)
    return [
        " ".join(words.get(int(t), "[UNK]") for t in row.reshape(-1) if int(t) != 0)
        for row in samples
    ]


def _index_to_word(vocabulary: Any) -> dict[int, str]:
    if hasattr(vocabulary, "get_vocabulary"):
        vocabulary = vocabulary.get_vocabulary()
    if isinstance(vocabulary, Mapping):
        items = list(vocabulary.items())
        if items and isinstance(items[0][0], str):
            return {int(i): str(w) for w, i in items}
        return {int(i): str(w) for i, w in items}
    return {i: str(w) for i, w in enumerate(vocabulary)}


def thumbnails(images: Any, samples: np.ndarray, n: int) -> np.ndarray | None:
    """Small uint8 images ``(N, h, w, c)`` (c = 1 or 3) for hover, or None.

    ``images`` when given (any of ``(N, H, W)``, ``(N, H, W, 1|3|4)``, values in [0, 1] or
    [0, 255], others rescaled); otherwise ``samples`` when they are an image batch:
    ``(N, H, W, 1|3|4)`` or square ``(N, H, H)``.
    """
    explicit = images is not None
    array = np.asarray(images if explicit else samples)
    # Unasked, only what is surely an image batch: (N, H, W, C) or square (N, H, H).
    if not explicit and not (
        array.ndim == 4 or (array.ndim == 3 and array.shape[1] == array.shape[2])
    ):
        return None
    if array.ndim == 3:
        array = array[..., None]
    if array.ndim != 4 or array.shape[-1] not in (1, 3, 4) or min(array.shape[1:3]) < 4:
        if explicit:
            raise LayerVizError(
                f"images must be (N, H, W) or (N, H, W, 1|3|4), got shape {array.shape}."
            )
        return None
    if len(array) != n:
        raise LayerVizError(f"x has {n} samples but images has {len(array)}; pass one each.")
    if not np.issubdtype(array.dtype, np.number):
        raise LayerVizError(f"images must be numeric, got dtype {array.dtype}.")
    array = array[..., :3]
    step = max(1, math.ceil(max(array.shape[1:3]) / THUMBNAIL_SIZE))
    array = array[:, ::step, ::step].astype(np.float32)
    low, high = float(np.nanmin(array)), float(np.nanmax(array))
    if high <= 1.0 and low >= 0.0:
        array = array * 255
    elif low < 0 or high > 255:
        array = (array - low) / max(high - low, 1e-12) * 255
    return np.ascontiguousarray(np.nan_to_num(array).round().clip(0, 255).astype(np.uint8))


def meta_columns(meta: Any, n: int) -> dict[str, list[Any]]:
    """Per-sample metadata as JSON-ready columns: numbers, strings, booleans or None.

    Parameters
    ----------
    meta : mapping of str to sequence, or pandas.DataFrame
        One value per sample in each column.
    n : int
        Number of samples.

    """
    if meta is None:
        return {}
    if hasattr(meta, "to_dict") and hasattr(meta, "columns"):
        meta = {str(c): meta[c].to_numpy() for c in meta.columns}
    if not isinstance(meta, Mapping):
        raise LayerVizError(
            "meta must be a dict of per-sample arrays or a pandas DataFrame, "
            f"got {type(meta).__name__}."
        )
    columns: dict[str, list[Any]] = {}
    for name, values in meta.items():
        column = list(np.asarray(values, dtype=object).reshape(-1))
        if len(column) != n:
            raise LayerVizError(
                f"x has {n} samples but meta[{name!r}] has {len(column)} values; "
                "pass one value per sample."
            )
        columns[str(name)] = [_json_value(v) for v in column]
    return columns


def _json_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(float(value)) else float(value)
    return str(value)


def take(column: Sequence[Any] | None, rows: np.ndarray) -> list[Any] | None:
    """Return the values of ``column`` at ``rows`` (None stays None)."""
    return None if column is None else [column[int(r)] for r in rows]
