"""Keras models with several inputs: x is a list (or dict) of arrays, computed in the kernel.

The browser path feeds one input tensor, so these models take the kernel fallback; the layouts,
metrics and view are the same.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import LayerVizError
from .input_checks import as_samples, check_shape


def has_several_inputs(model: Any) -> bool:
    """Tell whether a Keras model takes more than one input tensor."""
    return len(getattr(model, "inputs", None) or []) > 1


def input_names(model: Any) -> list[str]:
    """Return a Keras model's input names, in input order (``"tokens"``, not ``"tokens:0"``)."""
    return [tensor.name.split(":")[0] for tensor in model.inputs]


def as_input_list(model: Any, x: Any) -> list[np.ndarray]:
    """Return ``x`` as one array per model input, checked against each input's shape.

    Parameters
    ----------
    model : keras.Model
        A model with several inputs.
    x : list, tuple or dict of array-like
        One array per input, in the model's input order, or keyed by input name; each with the
        same number of samples on its first axis.

    Raises
    ------
    LayerVizError
        If ``x`` is not one array per input, the sample counts differ, or an array does not
        fit its input.

    """
    names = input_names(model)
    if isinstance(x, dict):
        missing = [name for name in names if name not in x]
        if missing:
            raise LayerVizError(
                f"x has no array for input(s) {', '.join(map(repr, missing))}; model "
                f"{model.name!r} takes {', '.join(names)}."
            )
        x = [x[name] for name in names]
    if not isinstance(x, (list, tuple)) or len(x) != len(names):
        got = f"{len(x)} arrays" if isinstance(x, (list, tuple)) else "one array"
        raise LayerVizError(
            f"model {model.name!r} has {len(names)} inputs ({', '.join(names)}) but x is {got}; "
            "pass a list with one array per input, or a dict keyed by input name."
        )
    arrays = [as_samples(part) for part in x]
    counts = {int(a.shape[0]) for a in arrays}
    if len(counts) > 1:
        raise LayerVizError(
            f"the arrays of x hold different numbers of samples ({sorted(counts)}); row i of "
            "each array belongs to sample i."
        )
    for array, tensor, name in zip(arrays, model.inputs, names, strict=True):
        try:
            check_shape(array, tuple(tensor.shape), name=model.name)
        except LayerVizError as err:
            raise LayerVizError(f"input {name!r}: {err}") from err
    return arrays


def finite_view(arrays: list[np.ndarray]) -> np.ndarray:
    """All inputs side by side, one row per sample, for choosing samples with finite values."""
    n = arrays[0].shape[0]
    return np.concatenate([a.reshape(n, -1).astype(np.float64) for a in arrays], axis=1)
