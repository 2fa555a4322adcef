"""Widget traits shared by every way of computing a model's layers."""

from __future__ import annotations

from typing import Any

from .input_checks import label_names
from .kernel_compute import keras_activations, layer_info
from .layer_choice import block_of, keras_graph
from .sample_details import meta_columns, predictions_from_outputs, take, texts_for, thumbnails
from .widget import LayerVizWidget


def shared_traits(
    y: Any, names: list[str], backend: str, total: int, layout: dict[str, Any]
) -> dict[str, Any]:
    """Traits that do not depend on which samples are shown."""
    return {
        "label_names": None if y is None else label_names(y),
        "layers": names,
        "backend": backend,
        "total_samples": total,
        **layout,
    }


def shown_traits(shared: dict[str, Any], labels: Any, keep: Any, points: int) -> dict[str, Any]:
    """``shared`` plus the traits of the ``keep`` rows shown (at most ``points``)."""
    return {
        **shared,
        "labels": None if labels is None else labels[keep],
        "sample_ids": keep,
        "max_points": points,
    }


def keras_layer_list(model: Any) -> list[dict[str, Any]]:
    """Every layer of a Keras model but its inputs, as the ``all_layers`` trait lists them."""
    names = [layer.name for layer in keras_graph(model)]
    return [{**info, "block": block_of(info["name"])} for info in layer_info(model, names)]


def kernel_traits(
    activations: dict[str, Any], infos: list[dict[str, Any]], notice: str
) -> dict[str, Any]:
    """Traits of layers computed in the kernel: no model or x for the browser, their activations."""
    return {
        "compute": "kernel",
        "model_topology": {},
        "weight_specs": [],
        "weight_data": b"",
        "x": None,
        "fidelity_reference": None,
        "activations": activations,
        "layer_info": infos,
        "notice": notice,
    }


def build_widget(build: Any, max_points: int) -> LayerVizWidget:
    """Return a widget of ``build(max_points)``; ``widget.max_points = n`` calls it again."""
    state = build(max_points)
    widget = LayerVizWidget(**state)
    widget._rebuild = build
    widget._built_traits = list(state)
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
    infos = layer_info(model, names)
    return {**kernel_traits(keras_activations(model, samples, names), infos, notice), **common}
