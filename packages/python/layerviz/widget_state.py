"""Widget traits shared by every way of computing a model's layers."""

from __future__ import annotations

from typing import Any

from .kernel_compute import keras_activations, layer_info
from .samples import meta_columns, predictions_from_outputs, take, texts_for, thumbnails
from .widget import LayerVizWidget


def build_widget(build: Any, max_points: int) -> LayerVizWidget:
    """Return a widget of ``build(max_points)``; ``widget.max_points = n`` calls it again."""
    widget = LayerVizWidget(**build(max_points))
    widget._rebuild = build
    return widget


def sample_details(details: dict[str, Any], samples: Any, keep: Any) -> dict[str, Any]:
    """Texts, thumbnails and metadata of the shown samples (``keep`` rows of the user's x)."""
    n = samples.shape[0]
    texts = details["texts"]
    if texts is None and details["vocabulary"] is not None:
        shown = texts_for(None, details["vocabulary"], samples[keep], len(keep))
    else:
        shown = take(texts_for(texts, None, samples, n), keep)
    images = thumbnails(details["images"], samples, n)
    meta = meta_columns(details["meta"], n)
    return {
        "texts": shown,
        "images": None if images is None else images[keep],
        "meta": {name: take(column, keep) for name, column in meta.items()},
    }


def predictions(model: Any, samples: Any) -> dict[str, Any]:
    """Return the predicted class and its probability for each shown sample (Keras)."""
    outputs = model.predict(samples, batch_size=128, verbose=0)
    if isinstance(outputs, (list, tuple)):
        outputs = outputs[0]
    predictions, confidence = predictions_from_outputs(outputs)
    return {"predictions": predictions, "confidence": confidence}


def kernel_state(
    model: Any, samples: Any, names: list[str], common: dict[str, Any], *, notice: str
) -> dict[str, Any]:
    """Return the traits of a Keras model whose layers Keras computes here (kernel fallback)."""
    return {
        "compute": "kernel",
        "model_topology": {},
        "weight_specs": [],
        "weight_data": b"",
        "x": None,
        "fidelity_reference": None,
        "activations": keras_activations(model, samples, names),
        "layer_info": layer_info(model, names),
        "notice": notice,
        **common,
    }
