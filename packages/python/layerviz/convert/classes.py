"""Which TF.js class computes each Keras layer, with the config it reads.

TF.js's own class where it computes what Keras does, else the faithful one that
@layerviz/core registers (``packages/core/src/custom_*.ts``; class names without underscores,
since TF.js camelCases string values). Each rule answers a measured difference, checked layer
by layer against Keras by the zoo tests.
"""

from __future__ import annotations

from typing import Any

from .masks import has_tensor, recorded_mask, stale_mask_problems

# Layers TF.js computes as Keras does when given Keras's config (after topology.py's cleaning).
# Not Conv3DTranspose: TF.js's WASM backend computes it wrongly (off by the layer's own scale
# in the zoo; its CPU backend is right).
TFJS_SPATIAL_LAYERS = frozenset(
    {
        "Conv3D",
        "Conv2DTranspose",
        "MaxPooling3D",
        "AveragePooling3D",
        "Cropping2D",
    }
)
# Layers only @layerviz/core computes, for every config the checks below let through.
LAYERVIZ_SPATIAL_LAYERS = frozenset(
    {
        "Conv1DTranspose",
        "UpSampling1D",
        "UpSampling2D",
        "UpSampling3D",
        "Cropping1D",
        "Cropping3D",
        "ZeroPadding1D",
        "ZeroPadding3D",
        "GlobalAveragePooling3D",
        "GlobalMaxPooling3D",
    }
)
# Other layers only @layerviz/core computes (custom_normalization.ts, custom_layer_scale.ts,
# custom_dense_attention.ts).
LAYERVIZ_LAYERS = frozenset({"GroupNormalization", "UnitNormalization", "LayerScale"})
_LAYERVIZ_CLASSES = {
    "GroupNormalization": "LayervizGroupNormalization",
    "UnitNormalization": "LayervizUnitNormalization",
    "LayerScale": "LayervizLayerScale",
    "MultiHeadAttention": "LayervizMultiHeadAttention",
    "Attention": "LayervizAttention",
    "AdditiveAttention": "LayervizAttention",
}
_RECURRENT = frozenset({"SimpleRNN", "GRU", "LSTM"})
# Layers whose call takes initial states.
_STATE_TAKERS = _RECURRENT | {"Bidirectional", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"}
# Element-wise merge layers: TF.js's give a masked input a wrong mask (custom_merge.ts).
MASKED_MERGES = frozenset({"Add", "Multiply", "Average", "Maximum", "Minimum"})
# Layers of Keras's applications rather than keras.layers, by the module that defines them (Keras
# 3's or tf_keras's): a model's own class of the same name may compute something else.
_APPLICATION_LAYERS = {"LayerScale": "applications.convnext"}
# Activations that change the shape: Keras 3's glu halves the last axis. Only the classes
# below have a layerviz version that says so in its output shape (custom_glu.ts).
_GLU_CLASSES = {"Dense": "LayervizGluDense", "Activation": "LayervizGluActivation"}


def class_reasons(cls: str, config: dict[str, Any]) -> list[str]:
    """List what keeps a layer of a supported class from a faithful translation."""
    problems = []
    if config.get("activation") == "glu" and cls not in _GLU_CLASSES:
        problems.append(
            "activation 'glu' halves the last axis; layerviz translates it on Dense and "
            "Activation layers only"
        )
    if config.get("padding") == "causal" and config.get("data_format") == "channels_first":
        problems.append("padding='causal' is translated for channels_last only")
    if cls in ("Conv1DTranspose", "Conv2DTranspose"):
        if any(rate != 1 for rate in _as_list(config.get("dilation_rate", 1))):
            problems.append("dilation_rate ≠ 1 has no TF.js transposed convolution")
        if config.get("data_format") == "channels_first":
            problems.append("data_format='channels_first' is not translated for this class")
    depthwise = cls == "DepthwiseConv2D" or (cls == "Conv2D" and _groups(cls, config) != 1)
    if depthwise and any(rate != 1 for rate in _as_list(config.get("dilation_rate", 1))):
        # TF.js 4.22's DepthwiseConv2D drops its dilation ("TODO: Add support for dilation").
        problems.append("dilation_rate ≠ 1 is ignored by TF.js's DepthwiseConv2D")
    if cls.startswith("ConvLSTM") and config.get("data_format") == "channels_first":
        problems.append("data_format='channels_first' is not translated for this class")
    if cls == "Conv2DTranspose" and config.get("output_padding") is not None:
        problems.append("output_padding is not supported by TF.js's Conv2DTranspose")
    if cls.startswith("UpSampling") and config.get("interpolation", "nearest") not in (
        "nearest",
        "bilinear",
    ):
        problems.append(f"interpolation={config['interpolation']!r} is not translated")
    return problems


def layer_reasons(layer: dict[str, Any]) -> list[str]:
    """List what keeps a layer from a faithful translation beyond its config's arguments.

    Where its class was defined (a Keras-applications class), and a grouped convolution's
    input channels (from Keras's ``build_config``).
    """
    cls = layer["class_name"]
    config = layer.get("config", {})
    problems = []
    module = layer.get("module") or ""
    if cls in _APPLICATION_LAYERS and not module.endswith("." + _APPLICATION_LAYERS[cls]):
        where = f" (from {module!r})" if module else ""
        origin = _APPLICATION_LAYERS[cls]
        problems.append(
            f"layerviz translates Keras's own {cls} ({origin}), not another of that name{where}"
        )
    groups = _groups(cls, config)
    if groups != 1 and not (cls == "Conv2D" and _channels(layer) == groups):
        problems.append(
            f"groups={groups} is translated for Conv2D (channels last) with one group per input "
            "channel only"
        )
    return problems


def _groups(cls: str, config: dict[str, Any]) -> int:
    """Return a convolution's ``groups`` (1 when ungrouped; GroupNormalization's are not)."""
    return (config.get("groups") or 1) if cls.startswith("Conv") else 1


def _channels(layer: dict[str, Any]) -> int | None:
    """Return the channels of a channels-last layer's input as Keras built it, or ``None``."""
    if layer["config"].get("data_format") == "channels_first":
        return None
    shape = (layer.get("build_config") or {}).get("input_shape")
    return shape[-1] if isinstance(shape, list) and shape else None


def call_reasons(layer: dict[str, Any], *, masked: bool) -> list[str]:
    """List what a layer's calls (its inbound nodes) ask that the translation cannot express.

    ``masked``: the model holds a padding mask somewhere.
    """
    problems = stale_mask_problems(layer, masked=masked)
    if layer["class_name"] not in _RECURRENT and given_states(layer):
        return [*problems, "an initial_state is translated for SimpleRNN, LSTM and GRU only"]
    return problems


def given_states(layer: dict[str, Any]) -> bool:
    """Whether a call of ``layer`` (a recurrent layer, Bidirectional, ConvLSTM) is handed states.

    Keras 3 passes them as the ``initial_state`` call argument, tf.keras 2 as input tensors
    after the sequence; topology.py hands them to TF.js as the latter.
    """
    if layer["class_name"] not in _STATE_TAKERS:
        return False
    for node in layer.get("inbound_nodes") or []:
        kwargs = (node.get("kwargs") or {}) if isinstance(node, dict) else {}
        if kwargs.get("initial_state") is not None or (isinstance(node, list) and len(node) > 1):
            return True
    return False


def tfjs_class(cls: str, config: dict[str, Any], *, masked: bool, states: bool = False) -> str:
    """Name the class TF.js builds for a Keras layer whose ``config`` topology.py cleaned.

    ``masked``: the model holds a padding mask somewhere; ``states``: a call of the layer is
    handed initial states (:func:`given_states`).
    """
    if config.get("activation") == "layerviz_glu" and cls in _GLU_CLASSES:
        return _GLU_CLASSES[cls]
    if cls in _LAYERVIZ_CLASSES:
        return _LAYERVIZ_CLASSES[cls]  # TF.js has no such layer
    if cls in MASKED_MERGES and masked:
        # TF.js 4.22's merge layers output the first mask with a leading axis of 1.
        return "Layerviz" + cls
    if cls == "GRU" and config.get("reset_after", True):
        # TF.js's GRUCell refuses reset_after=True, Keras's default.
        return "LayervizResetAfterGRU"
    if cls in _RECURRENT and states:
        # TF.js's would write the states into call arguments later layers read
        # (custom_recurrent.ts).
        return "LayervizInitialState" + cls
    if cls == "GlobalAveragePooling1D" or (cls.startswith("Global") and config.get("keepdims")):
        # TF.js averages padded steps too, and ignores keepdims and a 1-D data_format.
        return "LayervizGlobalPooling"
    if cls.startswith("Global") and cls.endswith("3D"):
        return "LayervizGlobalPooling"  # TF.js has no 3-D global pooling
    if cls == "GlobalMaxPooling1D" and config.get("data_format") == "channels_first":
        return "LayervizGlobalPooling"
    if cls == "Normalization":
        return "LayervizNormalization"
    if cls == "Bidirectional" and masked and config["layer"]["config"].get("return_sequences"):
        # Keras outputs zeros at padded steps; TF.js repeats the last output there.
        return "LayervizBidirectional"
    if cls == "ReLU" and (config.get("negative_slope") or config.get("threshold")):
        return "LayervizReLU"
    if cls == "ELU" and config.get("alpha", 1.0) != 1.0:
        return "LayervizELU"  # TF.js's refuses any other alpha
    if cls == "Conv2D" and _groups(cls, config) != 1:
        # TF.js's Conv2D has no groups; one group per input channel (layer_reasons) is a
        # depthwise convolution, ConvNeXt's.
        return "DepthwiseConv2D"
    if cls == "Conv1D" and config.get("padding") == "causal":
        return "LayervizCausalConv1D"  # TF.js's throws "not implemented" when called
    if cls == "Conv1DTranspose":
        return "LayervizConv1DTranspose"
    if cls == "ConvLSTM1D":
        return "LayervizConvLSTM1D"  # TF.js's ConvLSTM2D over a unit axis (custom_conv_lstm.ts)
    if cls.startswith("UpSampling"):
        # TF.js's UpSampling2D resizes bilinearly without Keras's half-pixel centres, and its
        # nearest resize floors `i * (1 / factor)`, which WebGL's float32 rounds below the
        # integer for some factors (25: 0.04 is stored as 0.0399999991); Keras repeats.
        return "LayervizUpSampling"
    if cls.startswith(("Cropping", "ZeroPadding")) and not cls.endswith("2D"):
        return "Layerviz" + cls[: -len("1D")]
    return cls


def layerviz_config(layer: dict[str, Any], tfjs: str, config: dict[str, Any]) -> dict[str, Any]:
    """Return the config that @layerviz/core's class ``tfjs`` reads for the Keras ``layer``.

    ``config`` is the layer's config as topology.py cleaned it.
    """
    cls = layer["class_name"]
    if cls in _RECURRENT and given_states(layer):
        return {**config, "padding_mask": _states_masked(layer)}
    if tfjs == "LayervizGlobalPooling":
        pooling = "max" if "Max" in cls else "avg"
        # TF.js hands it a stale mask where Keras 3 hands it none (masks.py).
        return {
            **config,
            "pooling": pooling,
            "keras_class": cls,
            "padding_mask": recorded_mask(layer),
        }
    if cls == "Conv2D" and tfjs == "DepthwiseConv2D":
        # Each group's `filters / groups` outputs are its channel's depthwise outputs, in order.
        depthwise = {**config, "depth_multiplier": config["filters"] // config["groups"]}
        depthwise["depthwise_initializer"] = depthwise.pop("kernel_initializer")
        for key in ("filters", "groups"):
            depthwise.pop(key)
        return depthwise
    if tfjs == "LayervizReLU":
        return {**config, "negative_slope": config.get("negative_slope") or 0.0}
    if tfjs in ("LayervizUpSampling", "LayervizCropping", "LayervizZeroPadding"):
        rank = int(cls[-2])
        spatial = {
            "name": config["name"],
            "data_format": config.get("data_format") or "channels_last",
            "keras_class": cls,
        }
        if tfjs == "LayervizUpSampling":
            size = _as_list(config.get("size", 2))
            interpolation = config.get("interpolation", "nearest")
            size = size * rank if len(size) == 1 else size
            return {**spatial, "size": size, "interpolation": interpolation}
        key = "cropping" if tfjs == "LayervizCropping" else "padding"
        return {**spatial, key: _pairs(config.get(key, 1), rank)}
    return config


def _states_masked(layer: dict[str, Any]) -> bool:
    """Whether Keras hands a recurrent layer given initial states its sequence's padding mask.

    Keras 3 fills a call's ``mask`` only where the call takes one tensor, so not with
    ``initial_state``, unless given explicitly (then among the node's arguments); tf.keras 2
    hands the sequence's.
    """
    for node in layer.get("inbound_nodes") or []:
        if isinstance(node, dict) and not has_tensor((node.get("kwargs") or {}).get("mask")):
            return False
    return True


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _pairs(value: Any, rank: int) -> list[list[int]]:
    """Turn Keras's cropping or padding into ``[[before, after], ...]`` per spatial axis.

    Keras writes ``n``, ``(a, b)`` in 1-D, or per axis ``n`` or ``(a, b)`` beyond.
    """
    if isinstance(value, int):
        return [[value, value]] * rank
    if rank == 1:
        return [list(value)]
    return [[v, v] if isinstance(v, int) else list(v) for v in value]
