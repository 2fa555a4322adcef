"""Ops that move or join tensors → @layerviz/core's LayervizShapeOp and LayervizJoinOp.

Keras 3's ``keras.ops.reshape``, ``transpose``, ``expand_dims``, ``squeeze``, ``concatenate`` and
``matmul`` (ops.py) and tf.keras 2's ``tf.reshape``, ``tf.transpose``, ... (tf_ops.py) are
translated by the same rules: a layer shows each sample's output, so an op that would move, join
or reduce the batch axis (``reshape(x, (2, 12))``, ``transpose(x)``, ``concatenate(axis=0)``,
a matmul of matrices whose rows are samples) is refused. ``rank`` (the input's, batch included)
is None where the model's JSON does not record it (tf.keras 2); the TF.js layers
(``packages/core/src/custom_tensor_ops.ts``) then refuse a batch axis when the model loads.
"""

from __future__ import annotations

import math
from typing import Any

SHAPE_OP_CLASS = "LayervizShapeOp"
JOIN_OP_CLASS = "LayervizJoinOp"


def reshape_config(target: Any, shape: list[Any] | None) -> dict[str, Any] | None:
    """Config of a reshape to ``target`` (batch first: -1 or None), else None.

    ``shape``: the input's shape, batch included, where known; the sizes must then agree.
    """
    if not isinstance(target, (list, tuple)) or not target or target[0] not in (-1, None):
        return None
    rest = list(target[1:])
    if not all(isinstance(d, int) and d > 0 for d in rest):
        return None
    known = shape[1:] if shape else None
    if known and all(isinstance(d, int) for d in known) and math.prod(known) != math.prod(rest):
        return None
    return {"op": "reshape", "shape": rest}


def transpose_config(axes: Any) -> dict[str, Any] | None:
    """Config of a transpose by ``axes`` (batch included) that keeps the batch axis first."""
    if not isinstance(axes, (list, tuple)) or sorted(axes) != list(range(len(axes))):
        return None
    if axes[0] != 0:
        return None
    return {"op": "transpose", "axes": list(axes)}


def expand_dims_config(axis: Any, rank: int | None) -> dict[str, Any] | None:
    """Config of inserting an axis of extent 1 at ``axis`` (of the output) after the batch."""
    if not isinstance(axis, int):
        return None
    if axis < 0 and rank is not None:
        axis += rank + 1  # the output has one axis more
    if axis == 0 or axis < -1:  # the batch's place, or one that only the rank would tell
        return None
    return {"op": "expand_dims", "axes": [axis]}


def squeeze_config(axis: Any, rank: int | None) -> dict[str, Any] | None:
    """Config of removing the axes ``axis`` of extent 1; not all axes (the batch's might be 1)."""
    axes = _axes(axis)
    if axes is None or _has_batch(axes, rank):
        return None
    return {"op": "squeeze", "axes": axes}


def concatenate_config(axis: Any, rank: int | None) -> dict[str, Any] | None:
    """Config of joining tensors along ``axis``, which is not the batch axis."""
    if not isinstance(axis, int) or _has_batch([axis], rank):
        return None
    return {"op": "concatenate", "axis": axis}


def matmul_config(ranks: list[int | None]) -> dict[str, Any] | None:
    """Config of a batched matrix product; matrices of rank 2 would multiply across samples."""
    if len(ranks) != 2 or any(rank is not None and rank < 3 for rank in ranks):
        return None
    return {"op": "matmul"}


def reduction_axes(axis: Any, rank: int | None) -> list[int] | None:
    """Return a reduction's axes as a list; None where one is (or, with none, may be) the batch."""
    axes = _axes(axis)
    return None if axes is None or _has_batch(axes, rank) else axes


def _axes(axis: Any) -> list[int] | None:
    axes = list(axis) if isinstance(axis, (list, tuple)) else [axis]
    if not axes or not all(isinstance(a, int) and not isinstance(a, bool) for a in axes):
        return None
    return axes


def _has_batch(axes: list[int], rank: int | None) -> bool:
    if rank is None:
        return 0 in axes  # negative axes are checked by TF.js, which knows the rank
    return any(a % max(rank, 1) == 0 for a in axes)
