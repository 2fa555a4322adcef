"""One element of a user's data (a batch or a sample) split into inputs, labels and fields.

Elements follow Keras's convention for ``fit``: ``x``, ``(x, y)`` or ``(x, y, sample_weight)``,
where ``x`` is an array, or a tuple or dict of arrays for a model with several inputs; or a dict
of columns (tfds, Hugging Face), whose inputs are named by the model's input names or ``x_key``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .data_sources import to_numpy
from .errors import LayerVizError


@dataclass(frozen=True)
class Keys:
    """Where things are in dict elements (columns); None when not asked for.

    Attributes
    ----------
    x : list of str or None
        Columns holding the model's inputs, in input order (``x_key``).
    y, texts, images : str or None
        Columns holding the labels, each sample's text, each sample's image.

    """

    x: list[str] | None = None
    y: str | None = None
    texts: str | None = None
    images: str | None = None


@dataclass(frozen=True)
class Element:
    """The parts of one element, as numpy arrays with the samples on axis 0.

    Attributes
    ----------
    inputs : list of ndarray
        One array per model input, in input order.
    y : ndarray or None
        Labels, when the element carries them.
    fields : dict of str to ndarray
        The columns asked for by name (texts, images).

    """

    inputs: list[np.ndarray]
    y: np.ndarray | None
    fields: dict[str, np.ndarray]

    def with_sample_axis(self) -> Element:
        """Return the element of one sample as a batch of one."""
        return Element(
            [part[None] for part in self.inputs],
            None if self.y is None else np.asarray(self.y)[None],
            {name: np.asarray(value)[None] for name, value in self.fields.items()},
        )


def split_element(element: Any, input_names: Sequence[str], keys: Keys, kind: str) -> Element:
    """Split ``element`` into the model's inputs, its labels and the named fields.

    Parameters
    ----------
    element : any
        What the user's data yields (tensors are converted to numpy).
    input_names : sequence of str
        The model's input names, in order (one name for a model with one input).
    keys : Keys
        Columns named by the user, for dict elements.
    kind : str
        What the data is, for messages.

    Raises
    ------
    LayerVizError
        If a named column is missing, the inputs cannot be found in a dict element, or a tuple
        element does not follow ``(x, y[, sample_weight])``.

    """
    element = to_numpy(element)
    fields: dict[str, np.ndarray] = {}
    if isinstance(element, Mapping):
        x, y = _from_columns(element, input_names, keys, kind)
        for name in (keys.texts, keys.images):
            if name is not None:
                fields[name] = _column(element, name, kind)
    else:
        for name in (keys.y, keys.texts, keys.images):
            if name is not None:
                raise LayerVizError(
                    f"{name!r} names a column, but {kind} yields {_described(element)}, not "
                    "dicts of columns; pass the values themselves (one per sample), or leave "
                    "it out."
                )
        x, y = _from_fit_element(element, kind)
    return Element(_inputs(x, input_names, kind), y, fields)


def _from_fit_element(element: Any, kind: str) -> tuple[Any, np.ndarray | None]:
    if _is_group(element):
        if not 1 <= len(element) <= 3:
            raise LayerVizError(
                f"{kind} yields tuples of {len(element)} parts; layerviz reads x, (x, y) or "
                "(x, y, sample_weight), as Keras's fit does. Map the data to one of those "
                "(e.g. dataset.map(lambda *t: (t[0], t[1])))."
            )
        y = element[1] if len(element) > 1 else None
        return element[0], None if y is None else np.asarray(y)
    return element, None


def _from_columns(
    element: Mapping[str, Any], input_names: Sequence[str], keys: Keys, kind: str
) -> tuple[Any, np.ndarray | None]:
    if keys.x is not None:
        x: Any = [_column(element, name, kind) for name in keys.x]
    elif all(name in element for name in input_names):
        x = [element[name] for name in input_names]
    else:
        raise LayerVizError(
            f"{kind} yields dicts with keys {', '.join(map(repr, element))}, and the model's "
            f"input{'s' if len(input_names) > 1 else ''} "
            f"{', '.join(map(repr, input_names))} {'are' if len(input_names) > 1 else 'is'} "
            "not among them; say which key holds the model's input with x_key='...' (and the "
            "labels with y='...')."
        )
    y = None if keys.y is None else np.asarray(_column(element, keys.y, kind))
    return x, y


def _column(element: Mapping[str, Any], name: str, kind: str) -> Any:
    if name not in element:
        raise LayerVizError(
            f"{kind} has no column {name!r}; its elements have {', '.join(map(repr, element))}."
        )
    return element[name]


def _inputs(x: Any, input_names: Sequence[str], kind: str) -> list[np.ndarray]:
    if isinstance(x, Mapping):
        missing = [name for name in input_names if name not in x]
        if missing:
            raise LayerVizError(
                f"the inputs {kind} yields are keyed {', '.join(map(repr, x))} but the model "
                f"takes {', '.join(map(repr, input_names))}; key them by the model's input names."
            )
        parts = [x[name] for name in input_names]
    elif _is_group(x):
        parts = list(x)
    else:
        parts = [x]
    if len(parts) != len(input_names):
        raise LayerVizError(
            f"the model takes {len(input_names)} input(s) ({', '.join(input_names)}) but {kind} "
            f"yields x as {len(parts)} array(s); yield (x, y) with x one array per input (a "
            "tuple, or a dict keyed by input name)."
        )
    return [np.asarray(part) for part in parts]


def _is_group(value: Any) -> bool:
    """Tell whether ``value`` is a tuple or a list of arrays (as PyTorch collates tuples)."""
    if isinstance(value, tuple):
        return True
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, (np.ndarray, Mapping, tuple)) for v in value)
    )


def _described(element: Any) -> str:
    if _is_group(element):
        return f"tuples of {len(element)}"
    return "arrays"
