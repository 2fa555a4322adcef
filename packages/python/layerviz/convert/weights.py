"""Name and pack a Keras model's weights the way TF.js's ``loadWeights`` matches them."""

from __future__ import annotations

from typing import Any

import numpy as np

# Keras 3 variable names that TF.js knows by their tf.keras 2 name, per layer class.
_WEIGHT_RENAMES = {"DepthwiseConv2D": {"kernel": "depthwise_kernel"}}
# Layers whose weights Keras 3 leaves unnamed (`variable`, `variable_1`, … numbered across the
# process), named by position as tf.keras 2 and layerviz's TF.js layer name them.
_POSITIONAL_NAMES = {"LayerScale": ("gamma",)}
# Layers whose TF.js version holds its kernels with one more axis of extent 1: ConvLSTM1D is
# TF.js's ConvLSTM2D with (k, 1) kernels (custom_conv_lstm.ts); same values, same order.
_UNIT_AXIS_WEIGHTS = {"ConvLSTM1D": frozenset({"kernel", "recurrent_kernel"})}
# Layers whose weights belong to sublayers of the same variable name (MultiHeadAttention's
# query/kernel, key/kernel, ...): named `<layer>/<sublayer>/<var>`, as layerviz's TF.js layer.
_SUBLAYER_WEIGHTS = frozenset({"MultiHeadAttention"})


def tfjs_weight_entries(model: Any) -> list[tuple[str, np.ndarray]]:
    """Return ``(tfjs_name, float32 array)`` for every weight of ``model``, in layer order.

    TF.js matches weights by name, never by position (its ``model.weights`` lists trainable
    weights first, Keras lists them per layer), and expects ``<layer>/<var>``; a Bidirectional
    wrapper's weights are ``<bidir>/forward_<inner>/<var>`` and ``<bidir>/backward_<inner>/<var>``
    with ``<inner>`` the wrapped layer's tf.keras-2 name (Keras 3's ``forward_lstm`` → ``lstm``).
    A nested model's layers are named by themselves alone (TF.js drops the model's name), and
    tf.keras 2's full variable paths (``dense/kernel:0``) are cut to the variable (``kernel``).

    Raises
    ------
    ValueError
        If two weights would get the same name (TF.js would silently load only one).

    """
    entries = list(_layer_entries(model))
    names = [name for name, _ in entries]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"two weights share the TF.js name(s) {duplicates}; rename the layers")
    return entries


def _layer_entries(model: Any) -> Any:
    for layer in model.layers:
        if hasattr(layer, "layers"):  # a nested Sequential or functional model
            yield from _layer_entries(layer)
        elif layer.__class__.__name__ == "Bidirectional":
            inner = _strip_prefix(layer.forward_layer.name, "forward_")
            for direction, sub in (
                ("forward", layer.forward_layer),
                ("backward", layer.backward_layer),
            ):
                for weight in sub.weights:
                    name = f"{layer.name}/{direction}_{inner}/{_variable_name(weight)}"
                    yield name, _as_f32(weight)
        elif layer.__class__.__name__ in _SUBLAYER_WEIGHTS:
            for weight in layer.weights:
                yield f"{layer.name}/{_sublayer_variable_name(weight)}", _as_f32(weight)
        else:
            # TimeDistributed's weights are its wrapped layer's, named `<wrapper>/<var>` as
            # TF.js builds the wrapped layer in the wrapper's name scope.
            wrapped = layer.layer if layer.__class__.__name__ == "TimeDistributed" else layer
            renames = _WEIGHT_RENAMES.get(wrapped.__class__.__name__, {})
            unit_axis = _UNIT_AXIS_WEIGHTS.get(wrapped.__class__.__name__, frozenset())
            positional = _POSITIONAL_NAMES.get(wrapped.__class__.__name__)
            groups = getattr(wrapped, "groups", 1) if wrapped.__class__.__name__ == "Conv2D" else 1
            for index, weight in enumerate(layer.weights):
                name = positional[index] if positional else _variable_name(weight)
                value = _as_f32(weight)
                if name in unit_axis:
                    value = np.expand_dims(value, 1)
                if groups != 1 and name == "kernel":
                    # A Conv2D with one group per input channel is TF.js's DepthwiseConv2D
                    # (classes.py): kernel (h, w, 1, filters) → (h, w, channels, multiplier).
                    name = "depthwise_kernel"
                    value = value.reshape(*value.shape[:2], groups, -1)
                yield f"{layer.name}/{renames.get(name, name)}", value


def _variable_name(weight: Any) -> str:
    # Keras 3: "kernel"; tf.keras 2: "dense/kernel:0" or "bi/forward_lstm/lstm_cell/kernel:0".
    return weight.name.split("/")[-1].split(":")[0]


def _sublayer_variable_name(weight: Any) -> str:
    # Keras 3: path "mha/query/kernel"; tf.keras 2: name "mha/query/kernel:0".
    path = getattr(weight, "path", None) or weight.name
    return "/".join(path.split(":")[0].split("/")[-2:])


def pack_weights(entries: list[tuple[str, np.ndarray]]) -> tuple[list[dict[str, Any]], bytes]:
    """Concatenate weights into one little-endian float32 buffer plus TF.js ``weightSpecs``."""
    specs = [
        {"name": name, "shape": list(array.shape), "dtype": "float32"} for name, array in entries
    ]
    data = b"".join(np.ascontiguousarray(array, dtype="<f4").tobytes() for _, array in entries)
    return specs, data


def _as_f32(weight: Any) -> np.ndarray:
    # Mixed-precision models keep float16 variables; the browser computes in float32.
    return np.asarray(weight.numpy(), dtype=np.float32)


def _strip_prefix(name: str, prefix: str) -> str:
    return name[len(prefix) :] if name.startswith(prefix) else name
