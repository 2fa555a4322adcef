"""Widgets of models the browser cannot run: PyTorch modules, Keras models with several inputs.

Their layers are computed in the kernel; the layouts and the view are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import LayerVizError
from .multi_input import as_input_list, finite_view
from .samples import predictions_from_outputs
from .sampling import choose_samples
from .torch_compute import torch_forward, torch_layer_names
from .validation import as_labels, as_samples, check_layers
from .widget import LayerVizWidget
from .widget_state import (
    build_widget,
    kernel_state,
    kernel_traits,
    predictions,
    sample_details,
    shared_traits,
    shown_traits,
)


def torch_widget(
    model: Any,
    x: Any,
    y: Any,
    layers: Sequence[str] | str | None,
    max_points: int,
    backend: str,
    compute: str,
    layout: dict[str, Any],
    details: dict[str, Any],
) -> LayerVizWidget:
    """Build a PyTorch model's widget: its layers computed in the kernel through forward hooks."""
    if compute == "browser":
        raise LayerVizError(
            "a PyTorch model cannot run in the browser (TF.js runs Keras models); use "
            "compute='kernel' or 'auto' (--compute kernel), which computes its layers here."
        )
    samples = as_samples(x)
    labels = None if y is None else as_labels(y, samples.shape[0])
    names = torch_layer_names(model, layers)
    shared = shared_traits(y, names, backend, int(samples.shape[0]), layout)

    def build(points: int) -> dict[str, Any]:
        sampling = choose_samples(samples, labels, points, seed=shared["seed"])
        keep = sampling.keep
        result = torch_forward(model, samples[keep], names)
        predictions, confidence = predictions_from_outputs(result.outputs)
        notice = "PyTorch computed these layers in the kernel (forward hooks): TF.js runs Keras."
        notice = f"{notice}\n{sampling.notice}".strip()
        return {
            **shown_traits(shared, labels, keep, points),
            **sample_details(details, samples, keep),
            "predictions": predictions,
            "confidence": confidence,
            **kernel_traits(result.activations, result.layer_info, notice),
        }

    return build_widget(build, max_points)


def multi_input_widget(
    model: Any,
    x: Any,
    y: Any,
    layers: Sequence[str] | str | None,
    max_points: int,
    backend: str,
    compute: str,
    layout: dict[str, Any],
) -> LayerVizWidget:
    """Build the widget of a Keras model with several inputs, computed in the kernel."""
    if compute == "browser":
        raise LayerVizError(
            "a model with several inputs runs in the kernel only; use compute='kernel' or "
            "'auto' (--compute kernel)."
        )
    arrays = as_input_list(model, x)
    n = int(arrays[0].shape[0])
    labels = None if y is None else as_labels(y, n)
    names = check_layers(model, layers)
    shared = shared_traits(y, names, backend, n, layout)

    def build(points: int) -> dict[str, Any]:
        sampling = choose_samples(finite_view(arrays), labels, points, seed=shared["seed"])
        keep = sampling.keep
        shown = [a[keep] for a in arrays]
        common = {**shown_traits(shared, labels, keep, points), **predictions(model, shown)}
        notice = (
            "Keras computed these layers in the kernel: the browser takes models with one input."
        )
        return kernel_state(
            model, shown, names, common, notice=f"{notice}\n{sampling.notice}".strip()
        )

    return build_widget(build, max_points)
