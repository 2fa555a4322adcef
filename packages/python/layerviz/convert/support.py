"""What the TF.js translation supports, and why a model or layer is refused.

topology.py translates only what passes these checks; every refusal names the layer, its class
and the reason, so the user knows why the widget computes in the kernel instead.
"""

from __future__ import annotations

from typing import Any

from .activations import ACTIVATION_KEYS, TFJS_ACTIVATIONS
from .attention import ATTENTION_CLASSES, attention_problems
from .classes import (
    LAYERVIZ_LAYERS,
    LAYERVIZ_SPATIAL_LAYERS,
    TFJS_SPATIAL_LAYERS,
    call_reasons,
    class_reasons,
    layer_reasons,
)
from .graph import all_layers
from .ops import OP_REASON, is_op_layer, op_layer
from .tf_ops import TFOP_CLASS, TFOP_REASON, tf_op_layer
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
        "ConvLSTM1D",
        "ConvLSTM2D",
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
    # 3-D, transposed, up-sampling, cropping and padding layers, normalizations, ConvNeXt's
    # LayerScale (classes.py)
    | TFJS_SPATIAL_LAYERS
    | LAYERVIZ_SPATIAL_LAYERS
    | LAYERVIZ_LAYERS
)


class UnsupportedModelError(ValueError):
    """The model holds layers or features the TF.js translation cannot express faithfully."""


def check_supported(
    config: dict[str, Any], renames: dict[str, str], used: set[str], *, masked: bool
) -> None:
    """Raise :class:`UnsupportedModelError` naming every layer the translation cannot express.

    Parameters
    ----------
    config : dict
        The Keras model's JSON (``json.loads(model.to_json())``).
    renames : dict
        The activation renames of its Keras version (activations.py).
    used : set of str
        The layers whose outputs are used (graph.py's ``used_in_args``).
    masked : bool
        Whether the model holds a padding mask somewhere (:func:`makes_mask`).

    """
    problems = [
        problem
        for layer in all_layers(config)
        for problem in _layer_problems(layer, renames, used, masked)
    ]
    if problems:
        raise UnsupportedModelError(
            "layerviz cannot convert this model to TF.js:\n  - " + "\n  - ".join(_grouped(problems))
        )


def makes_mask(layer: dict[str, Any]) -> bool:
    """Whether ``layer`` starts a padding mask (``Masking``, or ``mask_zero=True``)."""
    config = layer.get("config", {})
    return layer["class_name"] == "Masking" or bool(config.get("mask_zero"))


def check_connected(config: dict[str, Any]) -> None:
    """Refuse a translated model config where a layer reads a layer the model does not hold."""
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
    if cls == TFOP_CLASS:
        return [] if tf_op_layer(layer) is not None else [(name, cls, TFOP_REASON)]
    reasons = _reasons(cls, config, renames) + call_reasons(layer, masked=masked)
    reasons += layer_reasons(layer)
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
    for key in ACTIVATION_KEYS:
        activation = config.get(key)
        if not isinstance(activation, str):
            continue
        if renames.get(activation, activation) not in TFJS_ACTIVATIONS:
            problems.append(f"{key} {activation!r} does not exist in TF.js")
    return problems + class_reasons(cls, config)
