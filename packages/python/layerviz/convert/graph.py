"""Reading a Keras model config's graph: its layers, their tensor references, which are used.

Shared by support.py (what can be translated) and topology.py (the translation); Keras 3 writes
a node as ``{"args", "kwargs"}`` with ``__keras_tensor__`` references, tf.keras 2 as
``[[layer, node, tensor, kwargs], ...]``.
"""

from __future__ import annotations

from typing import Any

from .ops import is_op_layer

MODEL_CLASSES = ("Sequential", "Functional", "Model")


def all_layers(model: dict[str, Any]) -> Any:
    """Yield every layer of a model config, descending into nested models."""
    for layer in model["config"]["layers"]:
        yield layer
        if layer["class_name"] in MODEL_CLASSES:
            yield from all_layers(layer)


def used_in_args(model: dict[str, Any]) -> set[str]:
    """Names of the layers whose outputs a layer other than a mask's op takes, or the outputs.

    Keras 3 builds masks with op layers (``not_equal``, and ``logical_or`` where a merge layer
    combines masks), which reach layers as the ``mask`` argument only: an op layer that only
    other such ops use is not used. Tensors given as other keyword arguments (an attention's
    ``key``) are used.
    """
    takes: dict[str, set[str]] = {}
    used: set[str] = set()
    for layer in all_layers(model):
        name = layer.get("name", layer.get("config", {}).get("name"))
        refs: set[str] = set()
        for node in layer.get("inbound_nodes") or []:
            if isinstance(node, dict):
                kwargs = {k: v for k, v in (node.get("kwargs") or {}).items() if k != "mask"}
                args = [node.get("args", []), list(kwargs.values())]
            else:
                args = node
            refs.update(str(ref[0]) for ref in tensor_refs(args))
        if is_op_layer(layer):
            takes[name] = refs
        else:
            used.update(refs)
        if layer["class_name"] in MODEL_CLASSES:
            used.update(
                str(ref[0]) for ref in nest_tensor_refs(layer["config"].get("output_layers", []))
            )
    outputs = model["config"].get("output_layers", [])
    used.update(str(ref[0]) for ref in nest_tensor_refs(outputs))
    # The ops a used op takes are used too.
    pending = [name for name in used if name in takes]
    while pending:
        for ref in takes.pop(pending.pop(), set()):
            if ref not in used:
                used.add(ref)
                pending.append(ref)
    return used


def tensor_refs(value: Any) -> list[list[Any]]:
    """List ``[layer, node, tensor, {}]`` for every Keras 3 tensor in ``value`` (nested)."""
    if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
        layer_name, node_index, tensor_index = value["config"]["keras_history"]
        return [[layer_name, node_index, tensor_index, {}]]
    if isinstance(value, (list, tuple)):
        return [ref for item in value for ref in tensor_refs(item)]
    return []


def nest_tensor_refs(refs: list[Any]) -> list[list[Any]]:
    """Return a model's input or output refs as a list of refs."""
    # Keras 3 writes a single input/output as ["name", 0, 0] instead of [["name", 0, 0]].
    if refs and isinstance(refs[0], str):
        return [refs]
    return refs
