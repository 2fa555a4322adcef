"""Keras's attention layers → @layerviz/core's LayervizMultiHeadAttention, LayervizAttention.

TF.js has no attention layer; layerviz's (MultiHeadAttention; Attention and AdditiveAttention,
both LayervizAttention: ``packages/core/src/custom_attention.ts`` and
``custom_dense_attention.ts``) take their inputs as ``[query, value, key?]`` and read what Keras
passes as call arguments from their config: TF.js's predict hands a layer neither a node's call
arguments nor any mask but its first input's, so ``use_causal_mask`` moves into the config and
cross-attention under a padding mask is refused.
"""

from __future__ import annotations

from typing import Any

#: Keras's Attention and AdditiveAttention: no projections, scores from the inputs themselves.
DENSE_ATTENTION_CLASSES = frozenset({"Attention", "AdditiveAttention"})
ATTENTION_CLASSES = frozenset({"MultiHeadAttention"}) | DENSE_ATTENTION_CLASSES

# The call arguments of MultiHeadAttention that name tensors, in positional order.
_TENSOR_ARGS = ("query", "value", "key")


def attention_call(node: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split one inbound node of an attention layer into tensor refs and other arguments.

    Parameters
    ----------
    node : dict or list
        Keras 3's ``{"args", "kwargs"}`` (MultiHeadAttention's tensors as arguments, the other
        layers' as one list) or tf.keras 2's ``[[layer, node, tensor, kwargs], ...]``.

    Returns
    -------
    tuple of dict
        ``{"query", "value", "key"?, "attention_mask"?: [layer, node, tensor, {}]}`` and the
        other call arguments (``use_causal_mask``, ``return_attention_scores``, ...).

    """
    tensors: dict[str, Any] = {}
    if isinstance(node, dict):
        args = node.get("args", [])
        if args and isinstance(args[0], (list, tuple)):
            args = args[0]  # Attention and AdditiveAttention take one list [query, value, key?]
        for name, arg in zip(_TENSOR_ARGS, args, strict=False):
            tensors[name] = _keras3_ref(arg)
        kwargs = dict(node.get("kwargs") or {})
        for name in (*_TENSOR_ARGS, "attention_mask"):
            if _keras3_ref(kwargs.get(name)) is not None:
                tensors[name] = _keras3_ref(kwargs.pop(name))
    else:
        first = node[0]
        # tf.keras 2 writes a list input (Attention's) as one ref per tensor.
        for name, ref in zip(_TENSOR_ARGS, node, strict=False):
            tensors[name] = [*ref[:3], {}]
        kwargs = dict(first[3] if len(first) > 3 and first[3] else {})
        for name in (*_TENSOR_ARGS, "attention_mask"):
            if isinstance(kwargs.get(name), list):
                tensors[name] = [*kwargs.pop(name)[:3], {}]
    tensors = {name: ref for name, ref in tensors.items() if ref is not None}
    if tensors.get("key") is not None and tensors["key"][:3] == tensors.get("value", [])[:3]:
        del tensors["key"]  # key defaults to value
    return tensors, kwargs


def _keras3_ref(value: Any) -> list[Any] | None:
    if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
        return [*value["config"]["keras_history"], {}]
    return None


def attention_problems(layer: dict[str, Any], *, masked: bool) -> list[str]:
    """List what keeps an attention layer from a faithful translation.

    ``masked``: the model holds a padding mask somewhere.
    """
    config = layer.get("config", {})
    problems = []
    axes = config.get("attention_axes")
    if axes not in (None, 1, [1], (1,)) or _query_rank(layer) not in (None, 3):
        problems.append(
            "attention is translated over the steps of (batch, steps, features) inputs only "
            "(Keras's default attention_axes)"
        )
    if config.get("use_gate"):
        problems.append("use_gate=True is not translated")
    if config.get("sliding_window") is not None:
        problems.append("sliding_window is not translated")
    if config.get("score_mode", "dot") not in ("dot", "concat"):
        problems.append(f"score_mode={config['score_mode']!r} is not translated")
    calls = [attention_call(node) for node in layer.get("inbound_nodes") or []]
    if any("attention_mask" in tensors for tensors, _ in calls):
        problems.append(
            "an attention_mask input is not translated (the padding mask of an Embedding with "
            "mask_zero=True and use_causal_mask=True are)"
        )
    if any(kwargs.get("return_attention_scores") for _, kwargs in calls):
        problems.append("return_attention_scores=True is not translated")
    if len({bool(kwargs.get("use_causal_mask")) for _, kwargs in calls}) > 1:
        problems.append("the layer is called both with and without use_causal_mask")
    if masked and any(_is_cross(tensors) for tensors, _ in calls):
        problems.append(
            "cross-attention in a model with a padding mask is not translated: TF.js passes a "
            "layer its first input's mask only, and the value's may differ"
        )
    return problems


def _is_cross(tensors: dict[str, Any]) -> bool:
    query = tensors["query"][:3]
    return any(tensors[name][:3] != query for name in ("value", "key") if name in tensors)


def _query_rank(layer: dict[str, Any]) -> int | None:
    # Keras 3 keeps the build shapes in the layer's build_config, tf.keras 2 in its config.
    build = layer.get("build_config") or {}
    shapes = build.get("shapes_dict") or {}
    shape = shapes.get("query_shape", layer.get("config", {}).get("query_shape"))
    if layer["class_name"] in DENSE_ATTENTION_CLASSES:
        shape = (build.get("input_shape") or [None])[0]  # [query, value, key?]
    return len(shape) if isinstance(shape, (list, tuple)) else None


def attention_layer(
    layer: dict[str, Any], config: dict[str, Any], *, keras2: bool, padding_mask: bool
) -> dict[str, Any]:
    """Return the config of layerviz's TF.js class for a Keras attention layer.

    ``config`` is the layer's config as topology.py cleaned it; ``layer`` the raw layer, whose
    nodes carry ``use_causal_mask``; ``padding_mask``: whether Keras hands the layer the
    padding masks of its inputs when it runs (:func:`keras3_masks_seen`).
    """
    calls = [attention_call(node) for node in layer.get("inbound_nodes") or []]
    causal = any(bool(kwargs.get("use_causal_mask")) for _, kwargs in calls)
    if layer["class_name"] in DENSE_ATTENTION_CLASSES:
        additive = layer["class_name"] == "AdditiveAttention"
        return {
            "name": config["name"],
            "trainable": config.get("trainable", True),
            "dtype": config.get("dtype", "float32"),
            "score_mode": "additive" if additive else config.get("score_mode", "dot"),
            # AdditiveAttention's use_scale defaults to True, Attention's to False.
            "use_scale": bool(config.get("use_scale", additive)),
            "use_causal_mask": causal,
            "padding_mask": padding_mask,
            "keras_class": layer["class_name"],
        }
    output_shape = config.get("output_shape")
    if isinstance(output_shape, int):  # tf.keras 2 writes an int for one axis
        output_shape = [output_shape]
    return {
        "name": config["name"],
        "trainable": config.get("trainable", True),
        "dtype": config.get("dtype", "float32"),
        "num_heads": config["num_heads"],
        "key_dim": config["key_dim"],
        "value_dim": config.get("value_dim") or config["key_dim"],
        "use_bias": config.get("use_bias", True),
        "output_shape": list(output_shape) if output_shape else None,
        "use_causal_mask": causal,
        "padding_mask": padding_mask,
        # Keras 3 with dropout takes its Softmax layer, which zeroes the probabilities of a
        # query whose keys are all masked (a padded step); without dropout, its backend's
        # dot-product attention averages every value uniformly there, as tf.keras 2 does.
        "zero_masked_rows": not keras2 and bool(config.get("dropout")),
    }


def attention_nodes(layer: dict[str, Any]) -> list[list[list[Any]]]:
    """TF.js inbound nodes of an attention layer: ``[query, value, key?]`` each."""
    nodes = []
    for node in layer.get("inbound_nodes") or []:
        tensors, _ = attention_call(node)
        nodes.append([tensors[name] for name in _TENSOR_ARGS if name in tensors])
    return nodes


# Keras 3 merges masks with OR, and only when every input has one (base_merge.py).
_MERGES = frozenset({"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"})


def keras3_masks_seen(layers: list[dict[str, Any]]) -> dict[str, bool]:
    """Say, per attention layer, whether Keras 3 hands it its padding masks at run time.

    Keras 3's MultiHeadAttention deletes the masks of its input tensors when called (its
    ``call``: ``set_keras_mask(query, None)``), so a layer that takes one of those tensors
    afterwards sees no mask: the residual ``Add([x, attention(x, x)])`` of a transformer has no
    mask, and neither has anything after it, up to a next attention layer. Layers given their
    mask as a recorded call argument (pooling, recurrent layers) keep it. Keras 3's ops
    (``x * 2``, ``keras.ops.sin``) output no mask. TF.js propagates masks statically; this walks
    the layers in Keras's order and marks the tensors whose mask Keras has lost by then.
    """
    lost: dict[str, bool] = {}
    seen: dict[str, bool] = {}
    for layer in layers:
        cls = layer["class_name"]
        name = layer.get("name", layer.get("config", {}).get("name"))
        for index, node in enumerate(layer.get("inbound_nodes") or []):
            if not isinstance(node, dict):
                continue
            out = f"{name}:{index}"
            if cls in ATTENTION_CLASSES:
                tensors, _ = attention_call(node)
                keys = [_key(ref) for ref in tensors.values()]
                query = _key(tensors["query"])
                seen[name] = not lost.get(query, False)
                lost[out] = lost.get(query, False)
                if cls not in DENSE_ATTENTION_CLASSES:  # those keep their inputs' masks
                    lost.update(dict.fromkeys(keys, True))
                continue
            refs = [_key(ref[:3]) for ref in _node_refs(node)]
            if str(layer.get("module") or "").startswith("keras.src.ops"):
                lost[out] = True
            elif cls in ("Embedding", "Masking") or not refs:
                lost[out] = False
            elif cls in _MERGES or cls == "Concatenate":
                lost[out] = any(lost.get(ref, False) for ref in refs)
            else:
                lost[out] = lost.get(refs[0], False)
    return seen


def _node_refs(node: dict[str, Any]) -> list[list[Any]]:
    refs: list[list[Any]] = []

    def walk(value: Any) -> None:
        ref = _keras3_ref(value)
        if ref is not None:
            refs.append(ref)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(node.get("args", []))
    return refs


def _key(ref: list[Any]) -> str:
    layer, node, _tensor = ref[:3]
    return f"{layer}:{node}"
