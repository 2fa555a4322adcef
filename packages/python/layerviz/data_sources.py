"""Data the way users hold it, read as numpy batches: tf.data, PyDataset, DataLoader, iterables.

Arrays (and lists or dicts of arrays, for models with several inputs) are not sources: they are
shown as they are. Everything else that yields samples is: a ``tf.data.Dataset``, a
``keras.utils.PyDataset``, a PyTorch ``DataLoader`` or ``Dataset``, a Hugging Face
``datasets.Dataset``, a generator, or any other iterable of batches. Nothing here imports
TensorFlow, PyTorch or ``datasets``: each is recognised by its class.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Rows per batch when reading a Hugging Face dataset.
HF_BATCH = 256


@dataclass(frozen=True)
class Source:
    """A user's data opened for reading.

    Attributes
    ----------
    kind : str
        What it is, for messages ("a tf.data.Dataset", "a generator", ...).
    elements : Iterator
        Its elements, as the user's object yields them.
    length : int or None
        Elements it yields, when known; ``math.inf`` for a dataset that repeats forever.
    samples : bool or None
        True when each element is one sample, False when a batch, None when the first
        element's shape must tell.
    rereadable : bool
        Whether :func:`open_source` can read it again from the start (not a generator).

    """

    kind: str
    elements: Iterator[Any]
    length: float | None
    samples: bool | None
    rereadable: bool


def is_source(x: Any) -> bool:
    """Tell whether ``x`` is data to read in batches rather than an array (or arrays) of samples.

    Arrays, tensors (anything with ``__array__``), lists, tuples, dicts and strings are not.
    """
    if isinstance(x, (np.ndarray, list, tuple, Mapping, str, bytes)) or hasattr(x, "__array__"):
        return False
    if _class_named(x, "torch", "Tensor"):
        return False
    return (
        _class_named(x, "keras", "PyDataset")
        or _class_named(x, "torch", "Dataset")
        or hasattr(x, "__iter__")
    )


def open_source(data: Any) -> Source:
    """Open ``data`` (see :func:`is_source`) to read its elements from the start."""
    if _is_tf_dataset(data):
        return _tf_source(data)
    if _class_named(data, "keras", "PyDataset"):
        batches = data.num_batches
        indices = itertools.count() if batches is None else range(batches)
        return Source(
            "a keras.utils.PyDataset",
            (data[i] for i in indices),
            math.inf if batches is None else batches,
            samples=False,
            rereadable=True,
        )
    if _class_named(data, "torch", "DataLoader"):
        one_by_one = data.batch_size is None and data.batch_sampler is None
        return Source(
            "a PyTorch DataLoader", iter(data), _length(data), samples=one_by_one, rereadable=True
        )
    if _class_named(data, "torch", "Dataset"):
        if hasattr(data, "__getitem__") and hasattr(data, "__len__"):
            elements: Iterator[Any] = (data[i] for i in range(len(data)))
        else:
            elements = iter(data)
        return Source("a PyTorch Dataset", elements, _length(data), samples=True, rereadable=True)
    if _class_named(data, "datasets", "Dataset") and hasattr(data, "with_format"):
        rows = _length(data)
        return Source(
            "a Hugging Face dataset",
            iter(data.with_format("numpy").iter(batch_size=HF_BATCH)),
            None if rows is None else math.ceil(rows / HF_BATCH),
            samples=False,
            rereadable=True,
        )
    once = iter(data) is data
    # An iterable may say what it is (e.g. the command line's folder of shards).
    kind = getattr(data, "kind", None) or (
        "a generator" if once else f"an iterable ({type(data).__name__})"
    )
    return Source(kind, iter(data), _length(data), samples=None, rereadable=not once)


def to_numpy(value: Any) -> Any:
    """Return ``value`` with every tensor in it (TF, PyTorch, lists of numbers) as numpy.

    Dicts, tuples and lists of tensors keep their structure; bytes become str.
    """
    if isinstance(value, Mapping):
        return {str(k): to_numpy(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(to_numpy(v) for v in value)
    if isinstance(value, np.ndarray):
        return _decoded(value)
    if hasattr(value, "detach"):  # a torch.Tensor
        return value.detach().cpu().numpy()
    if hasattr(value, "numpy") and callable(value.numpy):  # a TF eager tensor
        return _decoded(np.asarray(value.numpy()))
    if isinstance(value, list) and value and all(_is_part(v) for v in value):
        # What PyTorch's default collate makes of a tuple: a list of tensors.
        return [to_numpy(v) for v in value]
    return _decoded(np.asarray(value))


def _is_part(value: Any) -> bool:
    return isinstance(value, (Mapping, tuple)) or hasattr(value, "shape")


def _decoded(array: np.ndarray) -> np.ndarray:
    # tf.data yields strings as bytes; shown as text they must be str.
    if array.dtype.kind == "S" or (array.dtype == object and array.size and _is_bytes(array)):
        return np.vectorize(lambda b: b.decode("utf-8", "replace"), otypes=[str])(array)
    return array


def _is_bytes(array: np.ndarray) -> bool:
    return isinstance(array.reshape(-1)[0], bytes)


def _tf_source(data: Any) -> Source:
    cardinality = int(data.cardinality())
    # tf.data.INFINITE_CARDINALITY is -1, UNKNOWN_CARDINALITY -2.
    length = math.inf if cardinality == -1 else None if cardinality < 0 else cardinality
    return Source(
        "a tf.data.Dataset", data.as_numpy_iterator(), length, samples=None, rereadable=True
    )


def _is_tf_dataset(data: Any) -> bool:
    return _class_named(data, "tensorflow", "DatasetV2") and hasattr(data, "as_numpy_iterator")


def _class_named(value: Any, package: str, name: str) -> bool:
    """Whether ``value``'s class or a base of it is ``name`` from the package ``package``."""
    return any(
        cls.__name__ == name and (cls.__module__ or "").split(".")[0] == package
        for cls in type(value).__mro__
    )


def _length(data: Any) -> int | None:
    try:
        return len(data)
    except TypeError:  # no __len__, or a length that is not known (IterableDataset)
        return None
