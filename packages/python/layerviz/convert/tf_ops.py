"""tf.keras 2's ``TFOpLambda`` layers (``tf.math.sin(x)``, ``x + 1.0``, ``tf.reshape``) → TF.js.

A tf.keras 2 functional model keeps each TensorFlow function called on a symbolic tensor as a
``TFOpLambda`` layer naming the function (``"math.sin"``, ``"__operators__.add"``); its one node
holds the first argument as the input ref (``_CONSTANT_VALUE`` for a number) and the others as
keyword arguments, where a tensor is a ``[layer, node, tensor]`` ref. layerviz translates the
element-wise functions, arithmetic, reductions, clipping, reshapes, transposes, concatenations
and matrix products to the same @layerviz/core op layers as Keras 3's ops (ops.py,
tensor_ops.py); anything else, or a translated function with an argument it does not read
(``tf.nn.gelu(x, approximate=True)``), is refused by name.
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

TFOP_CLASS = "TFOpLambda"

#: The refusal of a TFOpLambda layer layerviz does not translate.
TFOP_REASON = (
    "this TensorFlow function is not translated; tf.math/tf.nn element-wise functions, "
    "+, -, *, /, pow, maximum, minimum, clip_by_value, tf.reduce_* over non-batch axes, "
    "tf.reshape, tf.transpose, tf.expand_dims, tf.squeeze, tf.concat and tf.linalg.matmul are"
)

_SCALAR = {
    "__operators__.add": "add",
    "math.add": "add",
    "math.subtract": "subtract",
    "math.multiply": "multiply",
    "math.truediv": "divide",
    "math.divide": "divide",
    "math.pow": "power",
    "math.maximum": "maximum",
    "math.minimum": "minimum",
}
# TensorFlow's element-wise functions of one tensor, by @layerviz/core's names (custom_ops.ts).
_MATH_FUNCTIONS = (
    "sin cos tan tanh exp expm1 log log1p square sqrt rsqrt reciprocal negative sign sigmoid "
    "floor ceil erf softplus softsign"
).split()
_NN_FUNCTIONS = "relu relu6 elu selu sigmoid tanh softplus softsign silu".split()
_ELEMENTWISE = {
    **{f"math.{name}": name for name in _MATH_FUNCTIONS},
    **{f"nn.{name}": name for name in _NN_FUNCTIONS},
    "math.abs": "absolute",
    "nn.swish": "silu",
}
_REDUCTIONS = {
    f"math.reduce_{name}": op
    for name, op in (
        ("mean", "mean"),
        ("sum", "sum"),
        ("max", "max"),
        ("min", "min"),
        ("prod", "prod"),
        ("logsumexp", "logsumexp"),
        ("variance", "var"),
        ("std", "std"),
    )
}
# Keyword arguments a translation may ignore where they hold these values (`name` names the
# TensorFlow op, whatever its value).
_IGNORED = {"conjugate": False, "squeeze_dims": None}
_MATMUL_FLAGS = ("transpose_a", "transpose_b", "adjoint_a", "adjoint_b", "a_is_sparse")


def tf_op_layer(layer: dict[str, Any]) -> tuple[dict[str, Any], list[Any]] | None:
    """Return the TF.js ``{"class_name", "config"}`` of a TFOpLambda layer and its nodes.

    Parameters
    ----------
    layer : dict
        A ``TFOpLambda`` layer of a tf.keras 2 functional model's JSON.

    Returns
    -------
    tuple or None
        The op layer (named as the layer) and its inbound nodes with one ref per input tensor,
        in the order the op takes them; None where layerviz has no faithful translation (then
        :data:`TFOP_REASON` says why).

    """
    nodes = layer.get("inbound_nodes") or []
    if len(nodes) != 1 or not nodes[0]:
        return None
    name = layer["config"]["name"]
    function = str(layer["config"].get("function"))
    # A function of one tensor has that tensor's ref as its node; tf.concat a list of refs.
    node = [nodes[0]] if isinstance(nodes[0][0], str) else nodes[0]
    given = dict(node[0][3]) if len(node[0]) > 3 and node[0][3] else {}
    kwargs = {k: v for k, v in given.items() if k != "name" and _IGNORED.get(k, object()) != v}
    if function == "concat":
        refs = [_ref(item) for item in node]
        config = concatenate_config(kwargs.pop("axis", None), None)
        return _done(JOIN_OP_CLASS, name, config, refs, kwargs, minimum=2)
    if len(node) != 1:
        return None
    first = node[0]
    x = None if first[0] == "_CONSTANT_VALUE" else _ref(first)
    if function in _SCALAR:
        return _scalar(name, function, first, x, kwargs)
    if x is None:
        return None
    if function == "linalg.matmul" or function == "matmul":
        b = kwargs.pop("b", None)
        if not _is_ref(b) or any(kwargs.pop(flag, False) for flag in _MATMUL_FLAGS):
            return None
        return _done(JOIN_OP_CLASS, name, matmul_config([None, None]), [x, _ref(b)], kwargs)
    config = _unary(function, kwargs)
    if config is not None:
        return _done("LayervizUnaryOp", name, config, [x], kwargs)
    return _done(SHAPE_OP_CLASS, name, _shape(function, kwargs), [x], kwargs)


def _scalar(
    name: str, function: str, first: list[Any], x: list[Any] | None, kwargs: dict[str, Any]
) -> tuple[dict[str, Any], list[Any]] | None:
    y = kwargs.pop("y", None)
    if x is None:  # `3.0 - x`: the number first, the tensor as y
        if not _is_ref(y) or not _is_number(first[2]):
            return None
        config = {"op": _SCALAR[function], "constant": float(first[2]), "constant_first": True}
        return _done("LayervizScalarOp", name, config, [_ref(y)], kwargs)
    if _is_ref(y):
        config = {"op": _SCALAR[function], "constant": None, "constant_first": False}
        return _done("LayervizScalarOp", name, config, [x, _ref(y)], kwargs)
    if not _is_number(y):
        return None
    config = {"op": _SCALAR[function], "constant": y, "constant_first": False}
    return _done("LayervizScalarOp", name, config, [x], kwargs)


def _unary(function: str, kwargs: dict[str, Any]) -> dict[str, Any] | None:
    if function in _ELEMENTWISE:
        return {"op": _ELEMENTWISE[function]}
    if function == "clip_by_value":
        low, high = kwargs.pop("clip_value_min", None), kwargs.pop("clip_value_max", None)
        if not (_is_number(low) and _is_number(high)):
            return None
        return {"op": "clip", "x_min": float(low), "x_max": float(high)}
    if function not in _REDUCTIONS:
        return None
    axes = reduction_axes(kwargs.pop("axis", None), None)
    keepdims = bool(kwargs.pop("keepdims", False))
    return (
        None if axes is None else {"op": _REDUCTIONS[function], "axis": axes, "keepdims": keepdims}
    )


def _shape(function: str, kwargs: dict[str, Any]) -> dict[str, Any] | None:
    if function == "reshape":
        return reshape_config(kwargs.pop("shape", None), None)
    if function in ("transpose", "compat.v1.transpose"):
        return transpose_config(kwargs.pop("perm", None))
    if function == "expand_dims":
        return expand_dims_config(kwargs.pop("axis", None), None)
    if function in ("squeeze", "compat.v1.squeeze"):
        return squeeze_config(kwargs.pop("axis", None), None)
    return None


def _done(
    cls: str,
    name: str,
    config: dict[str, Any] | None,
    refs: list[list[Any] | None],
    rest: dict[str, Any],
    minimum: int = 1,
) -> tuple[dict[str, Any], list[Any]] | None:
    # An argument left over is one the translation would ignore: refuse rather than guess.
    if config is None or rest or len(refs) < minimum or any(ref is None for ref in refs):
        return None
    # Titled by the Keras class users see in model.summary(), as Keras 3's ops are.
    out = {"class_name": cls, "config": {"name": name, **config, "keras_class": TFOP_CLASS}}
    return out, [refs]


def _is_ref(value: Any) -> bool:
    return isinstance(value, list) and len(value) >= 3 and isinstance(value[0], str)


def _ref(value: Any) -> list[Any] | None:
    return [*value[:3], {}] if _is_ref(value) and value[0] != "_CONSTANT_VALUE" else None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
