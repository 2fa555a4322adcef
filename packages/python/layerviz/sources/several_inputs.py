"""A Keras model with several inputs: ``x`` is one array per input, computed in the kernel.

The browser feeds one input tensor, so these models take the kernel; the layouts, metrics and
view are the same. Texts, images and metadata are not shown for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import LayerVizError
from ..input_checks import check_layers
from ..multi_input import as_input_list, finite_view
from ..widget_state import kernel_state, predictions
from .builder import ModelSource


class SeveralInputsSource(ModelSource):
    """A Keras model taking several input tensors.

    Raises
    ------
    LayerVizError
        With ``compute="browser"``.

    """

    shows_details = False

    def __init__(self, model: Any, compute: str) -> None:
        if compute == "browser":
            raise LayerVizError(
                "a model with several inputs runs in the kernel only; use compute='kernel' or "
                "'auto' (--compute kernel)."
            )
        self.model = model

    def samples(self, x: Any) -> list[np.ndarray]:
        """Return one array per input, each checked against its input's shape."""
        return as_input_list(self.model, x)

    def rows(self, samples: list[np.ndarray]) -> np.ndarray:
        """Return every input's values of a sample side by side, one row per sample."""
        return finite_view(samples)

    def layer_names(self, layers: Sequence[str] | str | None) -> list[str]:
        """Return the layers to show: ``layers`` checked, or the model's default choice."""
        return check_layers(self.model, layers)

    def traits(
        self, samples: Any, keep: np.ndarray, notice: str, common: dict[str, Any]
    ) -> dict[str, Any]:
        """Return the traits of the ``keep`` rows, their layers computed by Keras here."""
        shown = [a[keep] for a in samples]
        common = {**common, **predictions(self.model, shown)}
        why = "Keras computed these layers in the kernel: the browser takes models with one input."
        return kernel_state(
            self.model, shown, common["layers"], common, notice=f"{why}\n{notice}".strip()
        )
