"""Which layers Keras 3 hands a padding mask, where TF.js would hand them a stale one.

Keras 3 records a layer's mask in the functional graph: a node whose call takes ``mask`` has
``"mask": <tensor>`` among its arguments where its input carries one and ``"mask": None`` where
not (after a Keras 3 op, ``x * 2`` or ``keras.ops.sin(x)``, which outputs no mask). TF.js's
predict instead hands every layer the last mask any earlier layer was given when its own inputs
have none (its executor keeps one ``kwargs`` for all nodes). A layer whose TF.js version reads
the mask then computes with a mask Keras does not give it: layerviz's own layers are told to
ignore it, TF.js's own are refused.
"""

from __future__ import annotations

from typing import Any

# Layers whose TF.js class (TF.js's own) reads the mask it is handed.
_TFJS_MASK_READERS = frozenset({"SimpleRNN", "GRU", "LSTM", "Bidirectional"})


def recorded_mask(layer: dict[str, Any]) -> bool:
    """Whether Keras may hand ``layer`` a padding mask: false where a node records none.

    Keras 3's nodes of layers whose call takes one tensor and ``mask`` say so (``"mask": None``
    among their arguments); other nodes (tf.keras 2's, or of layers taking a list) leave the
    masks to run time, as TF.js does.
    """
    for node in layer.get("inbound_nodes") or []:
        kwargs = (node.get("kwargs") or {}) if isinstance(node, dict) else {}
        if "mask" in kwargs and not has_tensor(kwargs["mask"]):
            return False
    return True


def has_tensor(value: Any) -> bool:
    """Whether a Keras 3 node argument holds a tensor (``__keras_tensor__``), nested or not."""
    if isinstance(value, (list, tuple)):
        return any(has_tensor(item) for item in value)
    return isinstance(value, dict) and value.get("class_name") == "__keras_tensor__"


def stale_mask_problems(layer: dict[str, Any], *, masked: bool) -> list[str]:
    """List the refusal of a TF.js mask-reading layer that Keras 3 hands no mask, if so.

    ``masked``: the model holds a padding mask somewhere.
    """
    if not masked or layer["class_name"] not in _TFJS_MASK_READERS or recorded_mask(layer):
        return []
    return [
        "Keras hands this layer no padding mask (a layer or Keras op before it dropped it), "
        "and TF.js would hand it an earlier layer's"
    ]
