"""The kernel fallback: compute layer activations with Keras itself, pooled as the browser does.

Used for models the TF.js translation cannot express; the browser then only projects and draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .input_checks import keras_package


def layer_info(model: Any, names: Sequence[str]) -> list[dict[str, Any]]:
    """Describe the named layers as the view titles them: name, class, output shape, index."""
    infos = []
    for index, layer in enumerate(model.layers):
        if layer.name in names:
            shape = layer_output(layer).shape
            infos.append(
                {
                    "name": layer.name,
                    "class_name": type(layer).__name__,
                    "output_shape": [None if d is None else int(d) for d in shape],
                    "index": index,
                }
            )
    return infos


def keras_activations(
    model: Any, x: np.ndarray, names: Sequence[str], batch_size: int = 128
) -> dict[str, np.ndarray]:
    """Return each named layer's output on ``x``, pooled to ``(N, D)`` float32.

    One forward pass through a multi-output model sharing the trained layers. Outputs with
    more than one feature axis are averaged over all but the last, excluding padded steps
    (``x == 0``) of sequence outputs when the model starts with an Embedding with
    ``mask_zero`` — exactly what ``poolOutput`` in @layerviz/core does in the browser.
    """
    keras = keras_package(model)
    layers = [model.get_layer(name) for name in names]
    probe = keras.Model(model.inputs, [layer_output(layer) for layer in layers])
    outputs = probe.predict(x, batch_size=batch_size, verbose=0)
    if len(layers) == 1:
        outputs = [outputs]
    mask = _sequence_mask(model, x)
    return {
        layer.name: pool(np.asarray(out), mask) for layer, out in zip(layers, outputs, strict=True)
    }


def layer_output(layer: Any) -> Any:
    """Return the symbolic output of ``layer`` in the model that calls it.

    A nested model's ``output`` is its own graph's (Keras 3 and tf.keras 2 alike), not that of
    its call in the outer model, which is its last inbound node. Of several outputs (an RNN's
    ``return_state``), the first, as @layerviz/core's ``layerOutput``.
    """
    nodes = getattr(layer, "_inbound_nodes", None)
    if hasattr(layer, "layers") and nodes:
        outputs = nodes[-1].output_tensors
        return outputs[0] if isinstance(outputs, (list, tuple)) and len(outputs) == 1 else outputs
    output = layer.output
    return output[0] if isinstance(output, (list, tuple)) else output


def pool(output: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Average ``(N, ..., C)`` over its middle axes; ``mask`` (N, T) weights sequence steps."""
    output = output.astype(np.float32)
    if output.ndim == 1:
        return output.reshape(-1, 1)
    if output.ndim == 2:
        return output
    n, channels = output.shape[0], output.shape[-1]
    steps = output.reshape(n, -1, channels)
    if mask is not None and output.ndim == 3 and mask.shape[1] == steps.shape[1]:
        weights = mask.astype(np.float32)
    else:
        weights = np.ones(steps.shape[:2], dtype=np.float32)
    total = (steps * weights[:, :, None]).sum(axis=1)
    return (total / np.maximum(weights.sum(axis=1, keepdims=True), 1.0)).astype(np.float32)


def _sequence_mask(model: Any, x: Any) -> np.ndarray | None:
    if not isinstance(x, np.ndarray) or x.ndim != 2:
        return None
    if any(getattr(layer, "mask_zero", False) for layer in model.layers):
        return x != 0
    return None
