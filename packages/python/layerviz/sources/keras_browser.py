"""A Keras model converted to TF.js and computed in the browser (``compute="auto"/"browser"``).

The model's weights and the shown samples are sent to the page, with Keras's own activations of
the first samples to check TF.js against (fidelity). A model TF.js cannot rebuild faithfully, or
too large to send, is computed by Keras in the kernel instead (``"auto"``) or refused
(``"browser"``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..arrays import wire_array
from ..convert import UnsupportedModelError, to_tfjs
from ..errors import LayerVizError
from ..kernel_compute import keras_activations
from ..widget import LayerVizWidget
from .keras_kernel import KerasKernelSource

#: At most this many bytes of weights and samples are sent to one page for TF.js (256 MiB);
#: past it the kernel computes the layers (``compute="auto"``) or show() refuses (``"browser"``).
BROWSER_BYTES_LIMIT = 256 * 2**20

#: Samples on which Keras's own outputs are sent along, to check TF.js against (fidelity).
FIDELITY_PROBE_SIZE = 32


class KerasBrowserSource(KerasKernelSource):
    """A single-input Keras model computed by TF.js in the browser, else by Keras here."""

    def __init__(self, model: Any, compute: str) -> None:
        super().__init__(model)
        #: ``"browser"`` refuses what ``"auto"`` computes in the kernel instead.
        self.compute = compute

    def traits(
        self, samples: Any, keep: np.ndarray, notice: str, common: dict[str, Any]
    ) -> dict[str, Any]:
        """Return the traits of the ``keep`` rows: the model and samples for TF.js.

        Raises
        ------
        LayerVizError
            With ``compute="browser"``, when the model does not convert or is too large.

        """
        common = self.with_predictions(samples, keep, common)
        try:
            artifacts = to_tfjs(self.model)
        except UnsupportedModelError as err:
            if self.compute == "browser":
                raise LayerVizError(f"{err}\nUse compute='kernel' (--compute kernel).") from err
            why = f"{err}\nSo Keras computed these layers in the kernel instead of TF.js."
            return self.kernel_traits(samples[keep], common, f"{why}\n{notice}".strip())
        try:
            shown = wire_array(samples[keep])
        except ValueError as err:
            raise LayerVizError(f"x cannot be sent to the browser: {err}.") from err
        too_large = _too_large_for_browser(len(artifacts.weight_data), shown.nbytes)
        if too_large:
            if self.compute == "browser":
                raise LayerVizError(
                    f"{too_large}; use compute='kernel' (--compute kernel), which sends only "
                    "each layer's pooled activations, or a smaller max_points."
                )
            why = f"{too_large}, so Keras computed these layers in the kernel instead of TF.js."
            return self.kernel_traits(samples[keep], common, f"{why}\n{notice}".strip())
        probe = samples[keep[:FIDELITY_PROBE_SIZE]]
        return {
            "model_topology": artifacts.model_topology,
            "weight_specs": artifacts.weight_specs,
            "weight_data": artifacts.weight_data,
            "x": shown,
            "compute": "browser",
            "activations": None,
            "layer_info": [],
            "fidelity_reference": keras_activations(self.model, probe, common["layers"]),
            "notice": notice,
            **common,
        }

    def added_layers(
        self, widget: LayerVizWidget, samples: Any, chosen: list[str], rows: Any
    ) -> dict[str, Any]:
        """Return what added layers need: Keras's reference for TF.js, or (kernel) activations."""
        if widget.compute == "kernel":
            return super().added_layers(widget, samples, chosen, rows)
        probe = samples[rows[:FIDELITY_PROBE_SIZE]]
        return {
            "fidelity_reference": keras_activations(self.model, probe, chosen),
            "layers": chosen,
        }


def _too_large_for_browser(weight_bytes: int, sample_bytes: int) -> str:
    """Say why the model and samples are too large to send to the browser; "" when they fit."""
    total = weight_bytes + sample_bytes
    if total <= BROWSER_BYTES_LIMIT:
        return ""
    mib = 2**20
    return (
        f"the model's weights ({weight_bytes / mib:,.0f} MiB) and x ({sample_bytes / mib:,.0f} "
        f"MiB) are more than layerviz sends to a browser page ({BROWSER_BYTES_LIMIT / mib:,.0f} "
        "MiB)"
    )
