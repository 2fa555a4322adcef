"""Checks that turn bad input into a :class:`LayerVizError` naming the problem and the fix."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import LayerVizError
from .layer_choice import GraphLayer, default_layers, keras_graph


def is_keras_model(model: Any) -> bool:
    """Tell whether ``model`` is a Keras 3 or tf.keras 2 (``tf_keras``) model.

    Imports the model's own Keras package only, and only when the model comes from it. On
    Keras's PyTorch backend a Keras model is also a ``torch.nn.Module``: ask this first.
    """
    package = (type(model).__module__ or "").split(".")[0]
    if package not in ("keras", "tf_keras"):
        return False
    return isinstance(model, importlib.import_module(package).Model)


def ensure_keras_model(model: Any) -> None:
    """Raise unless ``model`` is a Keras 3 or tf.keras 2 (``tf_keras``) model."""
    if is_keras_model(model):
        return
    kind = f"{type(model).__module__}.{type(model).__qualname__}"
    raise LayerVizError(
        f"layerviz needs a trained Keras model (keras.Model) or a PyTorch torch.nn.Module, got "
        f"{kind}. Pass the model object itself, e.g. `%layerviz model x_test y_test` or "
        "`layerviz.show(model, x_test, y_test)`."
    )


def keras_package(model: Any) -> Any:
    """Return the Keras package ``model`` comes from: ``keras`` (3) or ``tf_keras`` (2)."""
    package = (type(model).__module__ or "").split(".")[0]
    return importlib.import_module("tf_keras" if package == "tf_keras" else "keras")


def as_samples(x: Any) -> np.ndarray:
    """Return ``x`` as a numpy array with at least one sample on axis 0."""
    array = np.asarray(x)
    if array.ndim == 0 or array.shape[0] == 0:
        raise LayerVizError(
            f"x must hold at least one sample on its first axis, got shape {array.shape}."
        )
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
        raise LayerVizError(
            f"x must be numeric (what the model takes as input), got dtype {array.dtype}; "
            "tokenize text or decode images first."
        )
    return array


def as_labels(y: Any, n: int) -> np.ndarray:
    """Return class ids (int32, shape ``(n,)``) for ``y``.

    Accepts one label per sample, a column ``(n, 1)``, or one-hot rows ``(n, C)`` (argmax).
    Non-integer labels (strings, floats) become ids of their sorted unique values.
    """
    labels = np.asarray(y)
    if labels.ndim == 0 or labels.shape[0] != n:
        got = "a scalar" if labels.ndim == 0 else f"{labels.shape[0]} labels"
        raise LayerVizError(
            f"x has {n} samples but y has {got}; pass one label per sample of x "
            "(y[i] belongs to x[i]), or leave y out."
        )
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    elif labels.ndim == 2:
        labels = labels.argmax(axis=1)
    elif labels.ndim != 1:
        raise LayerVizError(
            f"y must be one label per sample, a column or one-hot rows; got shape {labels.shape}."
        )
    if np.issubdtype(labels.dtype, np.integer) or labels.dtype == np.bool_:
        return labels.astype(np.int32)
    if np.issubdtype(labels.dtype, np.floating) and np.all(labels == np.round(labels)):
        return labels.astype(np.int32)
    _, ids = np.unique(labels, return_inverse=True)
    return ids.astype(np.int32)


def label_names(y: Any) -> list[str] | None:
    """Return the class names of ``y`` in id order when it holds names (see :func:`as_labels`).

    None for integer ids, integral floats and one-hot rows, whose ids are their own names.
    """
    labels = np.asarray(y)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.ndim != 1:
        return None
    if np.issubdtype(labels.dtype, np.integer) or labels.dtype == np.bool_:
        return None
    if np.issubdtype(labels.dtype, np.floating) and np.all(labels == np.round(labels)):
        return None
    return [str(value) for value in np.unique(labels)]


def check_input_shape(model: Any, x: np.ndarray) -> None:
    """Raise if ``x`` does not fit the model's (single) input shape."""
    expected = model.input_shape
    if isinstance(expected, list):
        raise LayerVizError(
            f"model {model.name!r} has {len(expected)} inputs; "
            "layerviz shows models with one input."
        )
    check_shape(x, tuple(expected), name=model.name)


def check_shape(x: np.ndarray, expected: Sequence[int | None], *, name: str) -> None:
    """Raise unless ``x`` fits the batch shape ``expected`` (None matches any extent)."""
    fits = len(expected) == x.ndim and all(
        want is None or want == got for want, got in zip(expected[1:], x.shape[1:], strict=True)
    )
    if not fits:
        want = "(N, " + ", ".join("any" if d is None else str(d) for d in expected[1:]) + ")"
        raise LayerVizError(
            f"x has shape {x.shape} but model {name!r} expects {want}; preprocess x the "
            "way the training data was (e.g. pad sequences to the same length, reshape images)."
        )


def check_layers(model: Any, names: Sequence[str] | str | None) -> list[str]:
    """Return the layer names to show: ``names`` checked, all, or the default set.

    ``"all"`` is every layer but inputs; ``None`` every layer of a model of at most 16, the block
    outputs of a deeper one (see :func:`layerviz.layer_choice.default_layers`).
    """
    graph = keras_graph(model)
    return choose_layers(graph, names, model_name=model.name)


def choose_layers(
    graph: Sequence[GraphLayer], names: Sequence[str] | str | None, *, model_name: str
) -> list[str]:
    """Return ``names`` in model order after checking each exists, or all, or the default set.

    ``"all"`` is every layer of ``graph``; ``None`` the default set (see
    :func:`layerviz.layer_choice.default_layers`).
    """
    available = [layer.name for layer in graph]
    if not available:
        raise LayerVizError(
            f"model {model_name!r} has no layers to show besides its inputs; pass a model "
            "with at least one layer."
        )
    if isinstance(names, str):
        if names != "all":
            raise LayerVizError(
                f"layers must be a list of layer names or 'all', got {names!r}; e.g. "
                f"layers=[{available[-1]!r}]."
            )
        return list(available)
    if not names:
        return default_layers(graph)
    unknown = [name for name in names if name not in available]
    if unknown:
        raise LayerVizError(
            f"model {model_name!r} has no layer named {', '.join(map(repr, unknown))}; "
            f"its layers are: {', '.join(available)}."
        )
    return [name for name in available if name in set(names)]
