"""A PyTorch module, its layers computed in the kernel through forward hooks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import LayerVizError
from ..sample_details import predictions_from_outputs
from ..torch_compute import torch_forward, torch_layer_names
from ..widget_state import kernel_traits
from .builder import ModelSource


class TorchSource(ModelSource):
    """A ``torch.nn.Module``; ``layers`` name submodules as ``named_modules()`` does.

    Raises
    ------
    LayerVizError
        With ``compute="browser"``: TF.js runs Keras models only.

    """

    def __init__(self, model: Any, compute: str) -> None:
        if compute == "browser":
            raise LayerVizError(
                "a PyTorch model cannot run in the browser (TF.js runs Keras models); use "
                "compute='kernel' or 'auto' (--compute kernel), which computes its layers here."
            )
        self.model = model

    def layer_names(self, layers: Sequence[str] | str | None) -> list[str]:
        """Return the submodules to show."""
        return torch_layer_names(self.model, layers)

    def traits(
        self, samples: Any, keep: np.ndarray, notice: str, common: dict[str, Any]
    ) -> dict[str, Any]:
        """Return the traits of the ``keep`` rows, their layers computed by one forward pass."""
        result = torch_forward(self.model, samples[keep], common["layers"])
        predictions, confidence = predictions_from_outputs(result.outputs)
        why = "PyTorch computed these layers in the kernel (forward hooks): TF.js runs Keras."
        return {
            **common,
            "predictions": predictions,
            "confidence": confidence,
            **kernel_traits(result.activations, result.layer_info, f"{why}\n{notice}".strip()),
        }
