"""Translate a Keras 3 model config into the tf.keras-2-style JSON that TF.js 4.x reads.

Each rule below answers one measured difference between the two formats; nothing else is
changed, so an unknown key passes through untouched and TF.js decides.
"""

from __future__ import annotations

from typing import Any

from .attention import (
    ATTENTION_CLASSES,
    attention_layer,
    attention_nodes,
    attention_problems,
    keras3_masks_seen,
)
from .classes import (
    LAYERVIZ_LAYERS,
    LAYERVIZ_SPATIAL_LAYERS,
    MASKED_MERGES,
    TFJS_SPATIAL_LAYERS,
    call_reasons,
    class_reasons,
    layerviz_config,
    tfjs_class,
)
from .ops import OP_REASON, is_op_layer, op_layer
from .wrappers import WRAPPER_CLASSES, wrapper_problems

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
        "Normalization",
        # activation layers
        "ReLU",
        "LeakyReLU",
        "PReLU",
        "ELU",
        "Softmax",
        # normalization
        "BatchNormalization",
        "LayerNormalization",
        # recurrent
        "SimpleRNN",
        "GRU",
        "LSTM",
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
        # attention (attention.py), wrappers (wrappers.py)
        *ATTENTION_CLASSES,
        *WRAPPER_CLASSES,
        # containers
        "Sequential",
        "Functional",
        "Model",
    }
    # 3-D, transposed, up-sampling, cropping and padding layers, normalizations (classes.py)
    | TFJS_SPATIAL_LAYERS
    | LAYERVIZ_SPATIAL_LAYERS
    | LAYERVIZ_LAYERS
)

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
    # Keras 3's other activations without parameters (custom_activations.ts).
    **{
        name: f"layerviz_{name}"
        for name in (
            "celu",
            "glu",
            "hard_shrink",
            "hard_tanh",
            "log_sigmoid",
            "soft_shrink",
            "sparse_plus",
            "sparse_sigmoid",
            "sparsemax",
            "squareplus",
            "tanh_shrink",
        )
    },
}
# tf.keras 2 (`tf_keras`): its hard_sigmoid IS TF.js's clip(0.2x + 0.5), so it keeps its name;
# its leaky_relu (slope 0.2) and exponential are Keras 3's.
_KERAS2_ACTIVATION_RENAMES = {
    name: renamed for name, renamed in _ACTIVATION_RENAMES.items() if name != "hard_sigmoid"
}
# Activations TF.js 4.22 computes exactly as Keras does (after the renames above).
TFJS_ACTIVATIONS = frozenset(
    {"linear", "relu", "relu6", "elu", "selu", "sigmoid", "softmax", "softplus", "softsign"}
    | {"tanh", "swish", "mish", "gelu", "hard_sigmoid", "log_softmax"}
    | {name for name in _ACTIVATION_RENAMES.values() if name.startswith("layerviz_")}
)

_ACTIVATION_KEYS = ("activation", "recurrent_activation")
_DROPPED_KEYS = ("regularizer", "constraint")
_MODEL_CLASSES = ("Sequential", "Functional", "Model")
# Keras 3's and tf.keras 2's (`Policy`, e.g. mixed_float16) dtype policies.
_DTYPE_POLICIES = ("DTypePolicy", "DTypePolicyMap", "FloatDTypePolicy", "Policy")


class UnsupportedModelError(ValueError):
    """The model holds layers or features the TF.js translation cannot express faithfully."""


def translate_model_config(config: dict[str, Any]) -> dict[str, Any]:
    """Return the TF.js ``modelTopology`` for a Keras 3 or tf.keras 2 model's JSON.

    Parameters
    ----------
    config : dict
        ``json.loads(model.to_json())``: a dict with ``class_name`` ``Sequential``,
        ``Functional`` or ``Model``, its ``config`` and ``keras_version`` (``"3.x"`` for Keras 3,
        ``"2.x"`` for ``tf_keras``; Keras 3 is assumed when absent).

    Returns
    -------
    dict
        ``{"class_name", "config", "keras_version", "backend"}`` in tf.keras 2 form.

    Raises
    ------
    UnsupportedModelError
        If a layer class is not in :data:`SUPPORTED_LAYERS` or would compute something else in
        TF.js; the message names every offending layer, nested models' layers included.

    """
    keras2 = str(config.get("keras_version", "3")).startswith("2.")
    renames = _KERAS2_ACTIVATION_RENAMES if keras2 else _ACTIVATION_RENAMES
    layers = list(_all_layers(config))
    used = _used_in_args(config)
    masked = any(_makes_mask(layer) for layer in layers)
    problems = [p for layer in layers for p in _layer_problems(layer, renames, used, masked)]
    if problems:
        raise UnsupportedModelError(
            "layerviz cannot convert this model to TF.js:\n  - " + "\n  - ".join(_grouped(problems))
        )
    translator = _Translator(renames, masked=masked, keras2=keras2)
    translator.masks_seen = {} if keras2 else keras3_masks_seen(layers)
    return {
        **translator.model(config),
        "keras_version": "tfjs-layers 4.22.0",
        "backend": "tensor_flow.js",
    }


def _all_layers(model: dict[str, Any]) -> Any:
    """Yield every layer of a model config, descending into nested models."""
    for layer in model["config"]["layers"]:
        yield layer
        if layer["class_name"] in _MODEL_CLASSES:
            yield from _all_layers(layer)


def _grouped(problems: list[tuple[str, str, str]]) -> list[str]:
    """One line per (class, reason): ``layer 'a' (ReLU): …``, ``layers 'a', 'b' … (ReLU): …``."""
    names: dict[tuple[str, str], list[str]] = {}
    for name, cls, reason in problems:
        names.setdefault((cls, reason), []).append(name)
    lines = []
    for (cls, reason), group in names.items():
        if len(group) == 1:
            lines.append(f"layer {group[0]!r} ({cls}): {reason}")
            continue
        shown = ", ".join(map(repr, group[:4]))
        more = f" and {len(group) - 4} more" if len(group) > 4 else ""
        lines.append(f"{len(group)} layers {shown}{more} ({cls}): {reason}")
    return lines


def _layer_problems(
    layer: dict[str, Any], renames: dict[str, str], used: set[str], masked: bool
) -> list[tuple[str, str, str]]:
    """List what keeps one layer from a faithful TF.js translation: (name, class, reason)."""
    config = layer.get("config", {})
    name = config.get("name", layer.get("name", "?"))
    cls = layer["class_name"]
    if is_op_layer(layer):
        # A mask's op (dropped), or one layerviz translates.
        return [] if name not in used or op_layer(layer) is not None else [(name, cls, OP_REASON)]
    reasons = _reasons(cls, config, renames) + call_reasons(layer, masked=masked)
    if cls in ATTENTION_CLASSES:
        reasons += attention_problems(layer, masked=masked)
    if cls in WRAPPER_CLASSES:
        reasons += wrapper_problems(cls, config, masked=masked)
        inner = _layer_problems(config["layer"], renames, used, masked)
        for inner_name, inner_cls, reason in inner:
            reasons.append(f"wrapped layer {inner_name!r} ({inner_cls}): {reason}")
    return [(name, cls, reason) for reason in reasons]


def _reasons(cls: str, config: dict[str, Any], renames: dict[str, str]) -> list[str]:
    if cls not in SUPPORTED_LAYERS:
        return [f"class {cls} is not supported yet"]
    problems = []
    for key in _ACTIVATION_KEYS:
        activation = config.get(key)
        if not isinstance(activation, str):
            continue
        if renames.get(activation, activation) not in TFJS_ACTIVATIONS:
            problems.append(f"{key} {activation!r} does not exist in TF.js")
    return problems + class_reasons(cls, config)


def _makes_mask(layer: dict[str, Any]) -> bool:
    config = layer.get("config", {})
    return layer["class_name"] == "Masking" or bool(config.get("mask_zero"))


def _used_in_args(model: dict[str, Any]) -> set[str]:
    """Names of the layers whose outputs a layer other than a mask's op takes, or the outputs.

    Keras 3 builds masks with op layers (``not_equal``, and ``logical_or`` where a merge layer
    combines masks), which reach layers as the ``mask`` argument only: an op layer that only
    other such ops use is not used. Tensors given as other keyword arguments (an attention's
    ``key``) are used.
    """
    takes: dict[str, set[str]] = {}
    used: set[str] = set()
    for layer in _all_layers(model):
        name = layer.get("name", layer.get("config", {}).get("name"))
        refs: set[str] = set()
        for node in layer.get("inbound_nodes") or []:
            if isinstance(node, dict):
                kwargs = {k: v for k, v in (node.get("kwargs") or {}).items() if k != "mask"}
                args = [node.get("args", []), list(kwargs.values())]
            else:
                args = node
            refs.update(str(ref[0]) for ref in _tensor_refs(args))
        if is_op_layer(layer):
            takes[name] = refs
        else:
            used.update(refs)
        if layer["class_name"] in _MODEL_CLASSES:
            used.update(
                str(ref[0]) for ref in _nest_tensor_refs(layer["config"].get("output_layers", []))
            )
    outputs = model["config"].get("output_layers", [])
    used.update(str(ref[0]) for ref in _nest_tensor_refs(outputs))
    # The ops a used op takes are used too.
    pending = [name for name in used if name in takes]
    while pending:
        for ref in takes.pop(pending.pop(), set()):
            if ref not in used:
                used.add(ref)
                pending.append(ref)
    return used


def _check_connected(config: dict[str, Any]) -> None:
    # TF.js loops forever on an input from a layer that is not in the model: refuse instead.
    known = {layer["name"] for layer in config["layers"]}
    for layer in config["layers"]:
        for node in layer["inbound_nodes"]:
            for ref in node:
                if ref[0] not in known:
                    raise UnsupportedModelError(
                        f"layerviz cannot convert this model to TF.js: layer {layer['name']!r} "
                        f"takes its input from {ref[0]!r}, which has no TF.js translation"
                    )


class _Translator:
    """Keras layer and model configs → tf.keras 2 form, with one activation table."""

    def __init__(self, renames: dict[str, str], *, masked: bool, keras2: bool) -> None:
        self.renames = renames
        self.keras2 = keras2
        # A padding mask somewhere in the model: Bidirectional sequences need layerviz's class.
        self.masked = masked
        # Per attention layer, whether Keras hands it its padding masks (attention.py).
        self.masks_seen: dict[str, bool] = {}

    def model(self, model: dict[str, Any]) -> dict[str, Any]:
        """Translate ``{"class_name", "config"}`` of a (possibly nested) model."""
        inner = model["config"]
        if model["class_name"] == "Sequential":
            layers = [self.layer(layer, functional=False) for layer in inner["layers"]]
            return {"class_name": "Sequential", "config": {"name": inner["name"], "layers": layers}}
        used = _used_in_args(model)
        # Ops that only build a mask are dropped: TF.js propagates masks itself.
        kept = [
            layer
            for layer in inner["layers"]
            if not is_op_layer(layer) or layer.get("name", layer["config"].get("name")) in used
        ]
        config = {
            "name": inner["name"],
            "layers": [self.layer(layer, functional=True) for layer in kept],
            "input_layers": _nest_tensor_refs(inner["input_layers"]),
            "output_layers": _nest_tensor_refs(inner["output_layers"]),
        }
        nested = {
            layer["name"] for layer in config["layers"] if layer["class_name"] in _MODEL_CLASSES
        }
        if nested and not self.keras2:
            # A model built from its own Input has a node of its own in TF.js (and tf.keras 2)
            # before the calls of the outer model; Keras 3 counts only those calls.
            for layer in config["layers"]:
                layer["inbound_nodes"] = [
                    [_after_own_node(ref, nested) for ref in node]
                    for node in layer["inbound_nodes"]
                ]
            config["output_layers"] = [_after_own_node(r, nested) for r in config["output_layers"]]
        _check_connected(config)
        return {"class_name": "Model", "config": config}

    def layer(self, layer: dict[str, Any], *, functional: bool) -> dict[str, Any]:
        """Translate one layer; ``functional`` adds its name and inbound nodes."""
        cls = layer["class_name"]
        op = op_layer(layer) if is_op_layer(layer) else None
        if op is not None:
            out, config = op, op["config"]
        elif cls in _MODEL_CLASSES:
            out = self.model(layer)
            config = out["config"]
        else:
            config = self.clean(layer["config"])
            if cls == "InputLayer":
                # TF.js reads `batch_input_shape`; Keras 3 writes `batch_shape`.
                shape = config.pop("batch_shape", config.get("batch_input_shape"))
                config["batch_input_shape"] = shape
                config.pop("optional", None)
                config.pop("ragged", None)
            if cls == "Bidirectional":
                self._bidirectional(config)
            if cls == "TimeDistributed":  # the wrapped layer as it would be at top level
                config["layer"] = self.layer(layer["config"]["layer"], functional=False)
            if cls == "LeakyReLU" and "negative_slope" in config:
                config["alpha"] = config.pop("negative_slope")  # TF.js's name
            if cls == "ReLU" and not (config.get("negative_slope") or config.get("threshold")):
                # TF.js's ReLU, which has neither.
                config.pop("negative_slope", None)
                config.pop("threshold", None)
            if cls.startswith("SeparableConv"):
                # tf.keras 2 also writes the unused kernel_initializer, which TF.js refuses here.
                config.pop("kernel_initializer", None)
            tfjs = tfjs_class(cls, config, masked=self.masked)
            config = layerviz_config(layer, tfjs, config)
            if cls in ATTENTION_CLASSES:
                seen = self.masks_seen.get(config["name"], True)
                config = attention_layer(layer, config, keras2=self.keras2, padding_mask=seen)
            if tfjs != cls and cls in MASKED_MERGES:
                config["mask_merge"] = "and" if self.keras2 else "or"
            out = {"class_name": tfjs, "config": config}
        if functional:
            out["name"] = layer.get("name", config["name"])
            out["inbound_nodes"] = (
                attention_nodes(layer)
                if cls in ATTENTION_CLASSES
                else [_translate_node(node) for node in layer.get("inbound_nodes", [])]
            )
        return out

    def _bidirectional(self, config: dict[str, Any]) -> None:
        # Keras 3 names the wrapped layer `forward_<name>` and also serializes `backward_layer`;
        # TF.js prefixes `forward_`/`backward_` itself and builds the backward copy from `layer`.
        inner = config["layer"]
        inner_name = inner["config"]["name"]
        if inner_name.startswith("forward_"):
            inner["config"]["name"] = inner_name[len("forward_") :]
        config.pop("backward_layer", None)
        inner["class_name"] = tfjs_class(inner["class_name"], inner["config"], masked=self.masked)

    def clean(self, value: Any) -> Any:
        """Strip Keras serialization wrappers recursively.

        - ``{"module", "class_name", "config", "registered_name"}`` → ``{"class_name", "config"}``;
        - a dtype policy becomes its compute dtype, ``float32`` for mixed precision (weights
          travel as float32);
        - initializers become ``Zeros``: the trained weights replace them, and TF.js's Orthogonal
          initializer alone costs seconds for wide recurrent layers;
        - regularizers and constraints only act in training and are dropped;
        - activations get TF.js's or layerviz's name for the same function (``silu`` → ``swish``).
        """
        if isinstance(value, dict):
            if value.get("class_name") in _DTYPE_POLICIES:
                return "float32"
            if "class_name" in value and "config" in value:
                return {"class_name": value["class_name"], "config": self.clean(value["config"])}
            cleaned: dict[str, Any] = {}
            for key, item in value.items():
                if key in ("build_config", "quantization_config", "registered_name", "module"):
                    continue
                if key.endswith(_DROPPED_KEYS):
                    continue
                if key in _ACTIVATION_KEYS and isinstance(item, str):
                    cleaned[key] = self.renames.get(item, item)
                    continue
                if key.endswith(_INITIALIZER_KEYS) and isinstance(item, dict):
                    cleaned[key] = {"class_name": "Zeros", "config": {}}
                    continue
                cleaned[key] = self.clean(item)
            return cleaned
        if isinstance(value, list):
            return [self.clean(item) for item in value]
        return value


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


def _after_own_node(ref: list[Any], nested: set[str]) -> list[Any]:
    if ref[0] not in nested:
        return ref
    return [ref[0], ref[1] + 1, *ref[2:]]


def _nest_tensor_refs(refs: list[Any]) -> list[list[Any]]:
    # Keras 3 writes a single input/output as ["name", 0, 0] instead of [["name", 0, 0]].
    if refs and isinstance(refs[0], str):
        return [refs]
    return refs
