"""Translate a Keras 3 model config into the tf.keras-2-style JSON that TF.js 4.x reads.

Each rule below answers one measured difference between the two formats; nothing else is
changed, so an unknown key passes through untouched and TF.js decides.
"""

from __future__ import annotations

from typing import Any

#: Layer classes this translation has been verified for, layer by layer, against Keras's outputs.
SUPPORTED_LAYERS = frozenset(
    {
        # core
        "InputLayer",
        "Dense",
        "Activation",
        "Dropout",
        "SpatialDropout1D",
        "Embedding",
        "Masking",
        "Rescaling",
        # normalization
        "BatchNormalization",
        "LayerNormalization",
        # recurrent
        "SimpleRNN",
        "GRU",
        "LSTM",
        "Bidirectional",
        # convolution and pooling
        "Conv1D",
        "Conv2D",
        "DepthwiseConv2D",
        "SeparableConv2D",
        "MaxPooling1D",
        "MaxPooling2D",
        "AveragePooling1D",
        "AveragePooling2D",
        "GlobalMaxPooling1D",
        "GlobalMaxPooling2D",
        "GlobalAveragePooling1D",
        "GlobalAveragePooling2D",
        # reshaping
        "Flatten",
        "Reshape",
        "Permute",
        "RepeatVector",
        "ZeroPadding2D",
        # merging
        "Add",
        "Concatenate",
        "Multiply",
        "Average",
        # containers
        "Sequential",
        "Functional",
        "Model",
    }
)

# Keras 3 writes the symbolic ops that build a mask (`x != 0`) into the functional graph as
# layers from keras.src.ops; TF.js propagates masks itself, so these nodes are dropped.
_OP_MODULE_PREFIX = "keras.src.ops"

_INITIALIZER_KEYS = ("initializer",)

# Keras 3 names TF.js knows under another name (same function), and Keras 3 activations that
# TF.js lacks or computes differently (its hard_sigmoid is clip(0.2x + 0.5), off by up to
# 0.057): those go to the faithful versions @layerviz/core registers (custom_activations.ts).
# Mapping hard_sigmoid by name would be silently wrong.
_ACTIVATION_RENAMES = {
    "silu": "swish",
    "hard_sigmoid": "layerviz_hard_sigmoid",
    "hard_silu": "layerviz_hard_silu",
    "hard_swish": "layerviz_hard_silu",
    "leaky_relu": "layerviz_leaky_relu",
    "exponential": "layerviz_exponential",
}
# Activations TF.js 4.22 computes exactly as Keras 3 does (after _ACTIVATION_RENAMES).
TFJS_ACTIVATIONS = frozenset(
    {"linear", "relu", "relu6", "elu", "selu", "sigmoid", "softmax", "softplus", "softsign"}
    | {"tanh", "swish", "mish", "gelu"}
    | {name for name in _ACTIVATION_RENAMES.values() if name.startswith("layerviz_")}
)

_ACTIVATION_KEYS = ("activation", "recurrent_activation")
_DROPPED_KEYS = ("regularizer", "constraint")


class UnsupportedModelError(ValueError):
    """The model holds layers or features the TF.js translation cannot express faithfully."""


def translate_model_config(config: dict[str, Any]) -> dict[str, Any]:
    """Return the TF.js ``modelTopology`` for a Keras 3 ``model.get_config()``-style dict.

    Parameters
    ----------
    config : dict
        ``json.loads(model.to_json())``: a dict with ``class_name`` ``Sequential`` or
        ``Functional`` and its ``config``.

    Returns
    -------
    dict
        ``{"class_name", "config", "keras_version", "backend"}`` in tf.keras 2 form.

    Raises
    ------
    UnsupportedModelError
        If a layer class is not in :data:`SUPPORTED_LAYERS`; the message names every offending
        layer.

    """
    class_name = config["class_name"]
    inner = config["config"]
    _check_supported(inner["layers"])
    masked = any(_makes_mask(layer) for layer in inner["layers"])
    if class_name == "Sequential":
        translated = {
            "name": inner["name"],
            "layers": [
                _translate_layer(layer, functional=False, masked=masked)
                for layer in inner["layers"]
            ],
        }
    else:
        kept = [layer for layer in inner["layers"] if not _is_op_layer(layer)]
        translated = {
            "name": inner["name"],
            "layers": [_translate_layer(layer, functional=True, masked=masked) for layer in kept],
            "input_layers": _nest_tensor_refs(inner["input_layers"]),
            "output_layers": _nest_tensor_refs(inner["output_layers"]),
        }
        class_name = "Model"
    return {
        "class_name": class_name,
        "config": translated,
        "keras_version": "tfjs-layers 4.22.0",
        "backend": "tensor_flow.js",
    }


def _check_supported(layers: list[dict[str, Any]]) -> None:
    problems = []
    for layer in layers:
        if _is_op_layer(layer):
            continue
        problems.extend(_layer_problems(layer))
    if problems:
        raise UnsupportedModelError(
            "layerviz cannot convert this model to TF.js:\n  - " + "\n  - ".join(problems)
        )


def _layer_problems(layer: dict[str, Any]) -> list[str]:
    """List what keeps one layer from a faithful TF.js translation, one sentence each."""
    config = layer.get("config", {})
    name = config.get("name", layer.get("name", "?"))
    cls = layer["class_name"]
    where = f"layer {name!r} ({cls})"
    if cls not in SUPPORTED_LAYERS:
        return [f"{where}: class {cls} is not supported yet"]
    problems = []
    for key in ("activation", "recurrent_activation"):
        activation = config.get(key)
        if not isinstance(activation, str):
            continue
        if _ACTIVATION_RENAMES.get(activation, activation) not in TFJS_ACTIVATIONS:
            problems.append(f"{where}: {key} {activation!r} does not exist in TF.js")
    if config.get("padding") == "causal":
        problems.append(f"{where}: padding='causal' is not applied by TF.js (it pads as 'valid')")
    if cls.startswith("Global") and config.get("keepdims"):
        problems.append(f"{where}: keepdims=True is ignored by TF.js (it drops the pooled axes)")
    if cls == "GlobalMaxPooling1D" and config.get("data_format") == "channels_first":
        problems.append(f"{where}: data_format='channels_first' is ignored by TF.js here")
    if cls == "Bidirectional":
        inner = config["layer"]
        problems.extend(f"{where}: wrapped {problem}" for problem in _layer_problems(inner))
    return problems


def _makes_mask(layer: dict[str, Any]) -> bool:
    config = layer.get("config", {})
    return layer["class_name"] == "Masking" or bool(config.get("mask_zero"))


def _is_op_layer(layer: dict[str, Any]) -> bool:
    return str(layer.get("module") or "").startswith(_OP_MODULE_PREFIX)


def _custom_class(cls: str, config: dict[str, Any], *, masked: bool) -> str:
    """Name the class TF.js builds for a Keras layer.

    TF.js's own where it computes what Keras does, else the faithful one that @layerviz/core
    registers (custom_layers.ts).
    """
    if cls == "GRU" and config.get("reset_after", True):
        # TF.js's GRUCell refuses reset_after=True, Keras's default.
        return "LayervizResetAfterGRU"
    if cls == "GlobalAveragePooling1D":
        # TF.js averages padded steps too and ignores data_format.
        return "LayervizGlobalAveragePooling1D"
    if cls == "Bidirectional" and masked and config["layer"]["config"].get("return_sequences"):
        # Keras outputs zeros at padded steps; TF.js repeats the last output there.
        return "LayervizBidirectional"
    return cls


def _translate_layer(layer: dict[str, Any], *, functional: bool, masked: bool) -> dict[str, Any]:
    cls = layer["class_name"]
    config = _clean(layer["config"])
    if cls == "InputLayer":
        # TF.js reads `batch_input_shape`; Keras 3 writes `batch_shape`.
        config["batch_input_shape"] = config.pop("batch_shape", config.get("batch_input_shape"))
        config.pop("optional", None)
        config.pop("ragged", None)
    if cls == "Bidirectional":
        config = _translate_bidirectional(config, masked=masked)
    out: dict[str, Any] = {
        "class_name": _custom_class(cls, config, masked=masked),
        "config": config,
    }
    if functional:
        out["name"] = layer.get("name", config["name"])
        out["inbound_nodes"] = [_translate_node(node) for node in layer.get("inbound_nodes", [])]
    return out


def _translate_bidirectional(config: dict[str, Any], *, masked: bool) -> dict[str, Any]:
    # Keras 3 names the wrapped layer `forward_<name>` and also serializes `backward_layer`;
    # TF.js prefixes `forward_`/`backward_` itself and builds the backward copy from `layer`.
    inner = config["layer"]
    inner_name = inner["config"]["name"]
    if inner_name.startswith("forward_"):
        inner["config"]["name"] = inner_name[len("forward_") :]
    config.pop("backward_layer", None)
    inner["class_name"] = _custom_class(inner["class_name"], inner["config"], masked=masked)
    return config


def _translate_node(node: Any) -> list[list[Any]]:
    """Keras 3 ``{"args", "kwargs"}`` nodes → tf.keras 2 ``[[layer, node, tensor, {}], ...]``."""
    if isinstance(node, list):  # already tf.keras 2 form
        return node
    refs: list[list[Any]] = []
    for arg in node.get("args", []):
        refs.extend(_tensor_refs(arg))
    # `mask` kwargs are rebuilt by TF.js from the layers' computeMask; other kwargs
    # (`training`) do not apply at inference.
    return refs


def _tensor_refs(value: Any) -> list[list[Any]]:
    if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
        layer_name, node_index, tensor_index = value["config"]["keras_history"]
        return [[layer_name, node_index, tensor_index, {}]]
    if isinstance(value, (list, tuple)):
        return [ref for item in value for ref in _tensor_refs(item)]
    return []


def _nest_tensor_refs(refs: list[Any]) -> list[list[Any]]:
    # Keras 3 writes a single input/output as ["name", 0, 0] instead of [["name", 0, 0]].
    if refs and isinstance(refs[0], str):
        return [refs]
    return refs


def _clean(value: Any) -> Any:
    """Strip Keras 3 serialization wrappers recursively.

    - ``{"module", "class_name", "config", "registered_name"}`` → ``{"class_name", "config"}``;
    - a ``DTypePolicy`` becomes its compute dtype, ``float32`` for mixed precision (weights
      travel as float32);
    - initializers become ``Zeros``: the trained weights replace them, and TF.js's Orthogonal
      initializer alone costs seconds for wide recurrent layers;
    - regularizers and constraints only act in training and are dropped;
    - activations Keras 3 saves under a new name get TF.js's name (``silu`` → ``swish``).
    """
    if isinstance(value, dict):
        if value.get("class_name") in ("DTypePolicy", "DTypePolicyMap", "FloatDTypePolicy"):
            return "float32"
        if "class_name" in value and "config" in value:
            return {"class_name": value["class_name"], "config": _clean(value["config"])}
        cleaned: dict[str, Any] = {}
        for key, item in value.items():
            if key in ("build_config", "quantization_config", "registered_name", "module"):
                continue
            if key.endswith(_DROPPED_KEYS):
                continue
            if key in _ACTIVATION_KEYS and isinstance(item, str):
                cleaned[key] = _ACTIVATION_RENAMES.get(item, item)
                continue
            if key.endswith(_INITIALIZER_KEYS) and isinstance(item, dict):
                cleaned[key] = {"class_name": "Zeros", "config": {}}
                continue
            cleaned[key] = _clean(item)
        return cleaned
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value
