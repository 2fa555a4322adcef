"""Translate a Keras 3 model config into the tf.keras-2-style JSON that TF.js 4.x reads.

Each rule below answers one measured difference between the two formats; nothing else is
changed, so an unknown key passes through untouched and TF.js decides. What can be translated at
all, and why not, is support.py's.
"""

from __future__ import annotations

from typing import Any

from .activations import ACTIVATION_KEYS, ACTIVATION_RENAMES, KERAS2_ACTIVATION_RENAMES
from .attention import (
    ATTENTION_CLASSES,
    attention_layer,
    attention_nodes,
    keras3_masks_seen,
)
from .classes import MASKED_MERGES, given_states, layerviz_config, tfjs_class
from .graph import MODEL_CLASSES, all_layers, nest_tensor_refs, tensor_refs, used_in_args
from .ops import is_op_layer, op_layer
from .support import check_connected, check_supported, makes_mask
from .tf_ops import TFOP_CLASS, tf_op_layer

_INITIALIZER_KEYS = ("initializer",)
_DROPPED_KEYS = ("regularizer", "constraint")
# Keras 3's and tf.keras 2's (`Policy`, e.g. mixed_float16) dtype policies.
_DTYPE_POLICIES = ("DTypePolicy", "DTypePolicyMap", "FloatDTypePolicy", "Policy")


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
        If a layer class is not in support.py's ``SUPPORTED_LAYERS`` or would compute something
        else in TF.js; the message names every offending layer, nested models' layers included.

    """
    keras2 = str(config.get("keras_version", "3")).startswith("2.")
    renames = KERAS2_ACTIVATION_RENAMES if keras2 else ACTIVATION_RENAMES
    layers = list(all_layers(config))
    masked = any(makes_mask(layer) for layer in layers)
    check_supported(config, renames, used_in_args(config), masked=masked)
    translator = _Translator(renames, masked=masked, keras2=keras2)
    translator.masks_seen = {} if keras2 else keras3_masks_seen(layers)
    return {
        **translator.model(config),
        "keras_version": "tfjs-layers 4.22.0",
        "backend": "tensor_flow.js",
    }


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
        used = used_in_args(model)
        # Ops that only build a mask are dropped: TF.js propagates masks itself.
        kept = [
            layer
            for layer in inner["layers"]
            if not is_op_layer(layer) or layer.get("name", layer["config"].get("name")) in used
        ]
        config = {
            "name": inner["name"],
            "layers": [self.layer(layer, functional=True) for layer in kept],
            "input_layers": nest_tensor_refs(inner["input_layers"]),
            "output_layers": nest_tensor_refs(inner["output_layers"]),
        }
        nested = {
            layer["name"] for layer in config["layers"] if layer["class_name"] in MODEL_CLASSES
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
        check_connected(config)
        return {"class_name": "Model", "config": config}

    def layer(self, layer: dict[str, Any], *, functional: bool) -> dict[str, Any]:
        """Translate one layer; ``functional`` adds its name and inbound nodes."""
        cls = layer["class_name"]
        op = op_layer(layer) if is_op_layer(layer) else None
        nodes: list[Any] | None = None  # Keras's own, translated below
        if cls == TFOP_CLASS:
            op, nodes = tf_op_layer(layer) or (None, None)
        if op is not None:
            out, config = op, op["config"]
        elif cls in MODEL_CLASSES:
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
            tfjs = tfjs_class(cls, config, masked=self.masked, states=given_states(layer))
            config = layerviz_config(layer, tfjs, config)
            if cls in ATTENTION_CLASSES:
                seen = self.masks_seen.get(config["name"], True)
                config = attention_layer(layer, config, keras2=self.keras2, padding_mask=seen)
            if tfjs != cls and cls in MASKED_MERGES:
                config["mask_merge"] = "and" if self.keras2 else "or"
            out = {"class_name": tfjs, "config": config}
        if functional:
            out["name"] = layer.get("name", config["name"])
            if nodes is None:
                nodes = (
                    attention_nodes(layer)
                    if cls in ATTENTION_CLASSES
                    else [_translate_node(node) for node in layer.get("inbound_nodes", [])]
                )
            out["inbound_nodes"] = nodes
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
                if key in ACTIVATION_KEYS and isinstance(item, str):
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
        refs.extend(tensor_refs(arg))
    # A recurrent layer's initial states are its inputs after the sequence in TF.js, as in
    # tf.keras 2. `mask` kwargs are rebuilt by TF.js from the layers' computeMask; other kwargs
    # (`training`) do not apply at inference.
    refs.extend(tensor_refs((node.get("kwargs") or {}).get("initial_state")))
    return refs


def _after_own_node(ref: list[Any], nested: set[str]) -> list[Any]:
    if ref[0] not in nested:
        return ref
    return [ref[0], ref[1] + 1, *ref[2:]]
