"""Keras 3's op layers (``keras.ops`` and tensor expressions) → @layerviz/core's op layers.

A Keras 3 functional model keeps ``x + 3.0`` or ``keras.ops.sin(x)`` as a layer of module
``keras.src.ops.*``. layerviz translates arithmetic between two tensors or with a number to
``LayervizScalarOp`` and element-wise functions and reductions of one tensor to
``LayervizUnaryOp`` (``packages/core/src/custom_ops.ts``), and reshapes, transposes and joins
of tensors to ``LayervizShapeOp`` and ``LayervizJoinOp`` (tensor_ops.py); any other op is
refused by name.
The ops that only build a mask (``x != 0``) are dropped instead (topology.py): TF.js propagates
masks itself.
"""

from __future__ import annotations

from typing import Any

from .tensor_ops import (
    JOIN_OP_CLASS,
    SHAPE_OP_CLASS,
    concatenate_config,
    expand_dims_config,
    matmul_config,
    reduction_axes,
    reshape_config,
    squeeze_config,
    transpose_config,
)

OP_MODULE_PREFIX = "keras.src.ops"

# Keras 3 ops of two operands, kept as op layers: `x <op> number`, `number <op> x` (MobileNetV3's
# hard_sigmoid is `ReLU(6)(x + 3.0) * (1 / 6)`) and `x <op> y` (ConvNeXt's residual `x + y`).
_SCALAR_OPS = {
    "Add": "add",
    "Subtract": "subtract",
    "Multiply": "multiply",
    "Divide": "divide",
    "TrueDivide": "divide",
    "Power": "power",
    "Maximum": "maximum",
    "Minimum": "minimum",
}
# Keras 3 ops of one tensor with no parameter, computed element by element.
_ELEMENTWISE_OPS = {
    "Sin": "sin",
    "Cos": "cos",
    "Tan": "tan",
    "Tanh": "tanh",
    "Exp": "exp",
    "Expm1": "expm1",
    "Log": "log",
    "Log1p": "log1p",
    "Absolute": "absolute",
    "Square": "square",
    "Sqrt": "sqrt",
    "Rsqrt": "rsqrt",
    "Reciprocal": "reciprocal",
    "Negative": "negative",
    "Sign": "sign",
    "Sigmoid": "sigmoid",
    "Relu": "relu",
    "Floor": "floor",
    "Ceil": "ceil",
    "Erf": "erf",
}
# Keras 3 reductions of one tensor over `axis`, with `keepdims`.
_REDUCTIONS = {
    "Mean": "mean",
    "Sum": "sum",
    "Max": "max",
    "Min": "min",
    "Prod": "prod",
    "Logsumexp": "logsumexp",
    "Var": "var",
    "Std": "std",
}

#: The refusal of an op layer layerviz does not translate.
OP_REASON = (
    "this Keras op (keras.ops or a tensor expression) is not supported yet; +, -, *, /, power, "
    "maximum and minimum are, between two tensors or with a number, and element-wise functions "
    "(sin, exp, abs, square, sqrt, clip, ...) and reductions over non-batch axes (mean, sum, max, "
    "min, prod, var, std, logsumexp) of one tensor, and reshape, transpose, expand_dims, squeeze, "
    "concatenate and matmul that keep the batch axis first and apart"
)


def is_op_layer(layer: dict[str, Any]) -> bool:
    """Whether ``layer`` is a Keras 3 op (``keras.src.ops.*``) rather than a layer class."""
    return str(layer.get("module") or "").startswith(OP_MODULE_PREFIX)


def op_layer(layer: dict[str, Any]) -> dict[str, Any] | None:
    """Return the TF.js ``{"class_name", "config"}`` of a Keras 3 op layer, else None.

    Parameters
    ----------
    layer : dict
        An op layer of a Keras 3 functional model's JSON (:func:`is_op_layer`).

    Returns
    -------
    dict or None
        ``LayervizScalarOp``, ``LayervizUnaryOp``, ``LayervizShapeOp`` or ``LayervizJoinOp``
        with its config (named as the layer), or
        None where layerviz has no faithful translation (then :data:`OP_REASON` says why).

    """
    nodes = layer.get("inbound_nodes") or []
    if len(nodes) != 1 or not isinstance(nodes[0], dict):
        return None
    name = layer.get("name", layer.get("config", {}).get("name"))
    args = nodes[0].get("args", [])
    scalar = _scalar_op(layer["class_name"], args)
    if scalar is not None:
        return {"class_name": "LayervizScalarOp", "config": {"name": name, **scalar}}
    unary = _unary_op(layer["class_name"], layer.get("config", {}), args)
    if unary is not None:
        config = {"name": name, **unary, "keras_class": layer["class_name"]}
        return {"class_name": "LayervizUnaryOp", "config": config}
    for cls, make in ((SHAPE_OP_CLASS, _shape_op), (JOIN_OP_CLASS, _join_op)):
        moved = make(layer["class_name"], layer.get("config", {}), args)
        if moved is not None:
            config = {"name": name, **moved, "keras_class": layer["class_name"]}
            return {"class_name": cls, "config": config}
    return None


def _is_tensor(value: Any) -> bool:
    return isinstance(value, dict) and value.get("class_name") == "__keras_tensor__"


def _scalar_op(cls: str, args: list[Any]) -> dict[str, Any] | None:
    op = _SCALAR_OPS.get(cls)
    if op is None or len(args) != 2:
        return None
    numbers = [i for i, arg in enumerate(args) if isinstance(arg, (int, float))]
    tensors = sum(_is_tensor(arg) for arg in args)
    if len(numbers) + tensors != 2 or tensors == 0:
        return None
    if not numbers:
        return {"op": op, "constant": None, "constant_first": False}
    return {"op": op, "constant": float(args[numbers[0]]), "constant_first": numbers[0] == 0}


def _unary_op(cls: str, config: dict[str, Any], args: list[Any]) -> dict[str, Any] | None:
    if len(args) != 1 or not _is_tensor(args[0]):
        return None
    if cls in _ELEMENTWISE_OPS:
        return {"op": _ELEMENTWISE_OPS[cls]}
    if cls == "Clip":
        return {"op": "clip", "x_min": config.get("x_min"), "x_max": config.get("x_max")}
    if cls not in _REDUCTIONS or config.get("initial") is not None:
        return None
    # Reducing the batch axis (axis=None, 0 or -rank) mixes samples: not a layer's output.
    axes = reduction_axes(config.get("axis"), _rank(args[0]))
    if axes is None:
        return None
    return {"op": _REDUCTIONS[cls], "axis": axes, "keepdims": bool(config.get("keepdims"))}


def _rank(tensor: dict[str, Any]) -> int:
    return len(tensor["config"].get("shape") or [])


def _shape_op(cls: str, config: dict[str, Any], args: list[Any]) -> dict[str, Any] | None:
    if len(args) != 1 or not _is_tensor(args[0]):
        return None
    shape = args[0]["config"].get("shape")
    if cls == "Reshape":
        return reshape_config(config.get("newshape"), shape)
    if cls == "Transpose":
        return transpose_config(config.get("axes"))
    if cls == "ExpandDims":
        return expand_dims_config(config.get("axis"), _rank(args[0]))
    if cls == "Squeeze":
        return squeeze_config(config.get("axis"), _rank(args[0]))
    return None


def _join_op(cls: str, config: dict[str, Any], args: list[Any]) -> dict[str, Any] | None:
    if cls == "Concatenate" and len(args) == 1 and isinstance(args[0], (list, tuple)):
        tensors = list(args[0])
        if len(tensors) < 2 or not all(_is_tensor(t) for t in tensors):
            return None
        return concatenate_config(config.get("axis"), _rank(tensors[0]))
    if cls == "Matmul" and len(args) == 2 and all(_is_tensor(t) for t in args):
        return matmul_config([_rank(t) for t in args])
    return None
