"""A Keras model whose layers Keras computes in the kernel (``compute="kernel"``, or a fallback).

Only each layer's pooled ``(N, D)`` activations are sent to the browser, which lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..input_checks import check_input_shape, check_layers
from ..kernel_compute import keras_activations, layer_info
from ..widget import LayerVizWidget
from ..widget_state import keras_layer_list, kernel_state, predictions
from .builder import ModelSource


class KerasKernelSource(ModelSource):
    """A single-input Keras model computed in the kernel."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def check(self, samples: Any) -> None:
        """Raise when ``samples`` do not fit the model's input."""
        check_input_shape(self.model, samples)

    def layer_names(self, layers: Sequence[str] | str | None) -> list[str]:
        """Return the layers to show: ``layers`` checked, or the model's default choice."""
        return check_layers(self.model, layers)

    def traits(
        self, samples: Any, keep: np.ndarray, notice: str, common: dict[str, Any]
    ) -> dict[str, Any]:
        """Return the traits of the ``keep`` rows, their layers computed by Keras here."""
        return self.kernel_traits(
            samples[keep], self.with_predictions(samples, keep, common), notice
        )

    def with_predictions(
        self, samples: Any, keep: np.ndarray, common: dict[str, Any]
    ) -> dict[str, Any]:
        """Return ``common`` plus the predicted class and confidence of the shown samples."""
        return {**common, **predictions(self.model, samples[keep])}

    def kernel_traits(self, shown: Any, common: dict[str, Any], notice: str) -> dict[str, Any]:
        """Return the traits of ``shown`` samples whose layers Keras computes here."""
        return kernel_state(self.model, shown, common["layers"], common, notice=notice)

    def finish(self, widget: LayerVizWidget, samples: Any, shared: dict[str, Any]) -> None:
        """List every layer in the view, and compute those the user adds to it."""
        widget.all_layers = keras_layer_list(self.model)

        def layer_traits(chosen: list[str], rows: Any) -> dict[str, Any]:
            # Layers the user added in the view's layer list (or set from Python).
            chosen = check_layers(self.model, chosen)
            shared["layers"] = chosen
            return self.added_layers(widget, samples, chosen, rows)

        widget._layer_traits = layer_traits

    def added_layers(
        self, widget: LayerVizWidget, samples: Any, chosen: list[str], rows: Any
    ) -> dict[str, Any]:
        """Return the traits of the layers ``chosen`` for the shown ``rows``: their activations."""
        return {
            "activations": keras_activations(self.model, samples[rows], chosen),
            "layer_info": layer_info(self.model, chosen),
            "layers": chosen,
        }
