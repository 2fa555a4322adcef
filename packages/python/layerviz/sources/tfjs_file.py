"""A TF.js layers ``model.json`` (a path or URL), computed in the browser only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..arrays import wire_array
from ..errors import LayerVizError
from ..input_checks import check_shape, choose_layers
from ..tfjs_model import load_tfjs_artifacts, topology_graph, topology_input_shape
from .builder import ModelSource


class TfjsFileSource(ModelSource):
    """A TF.js model read from its ``model.json`` and weight files.

    Raises
    ------
    LayerVizError
        With ``compute="kernel"`` (no framework here runs it), or when the files cannot be read.

    """

    def __init__(self, reference: Any, compute: str) -> None:
        if compute == "kernel":
            raise LayerVizError(
                "a TF.js model.json can only be computed in the browser; use compute='auto'."
            )
        self.reference = reference
        self.artifacts = load_tfjs_artifacts(reference)

    def check(self, samples: Any) -> None:
        """Raise when ``samples`` do not fit the input the topology declares (if any)."""
        expected = topology_input_shape(self.artifacts.model_topology)
        if expected is not None:
            check_shape(samples, expected, name=str(self.reference))

    def layer_names(self, layers: Sequence[str] | str | None) -> list[str]:
        """Return the layers to show, from the topology's graph."""
        graph = topology_graph(self.artifacts.model_topology)
        return choose_layers(graph, layers, model_name=str(self.reference))

    def traits(
        self, samples: Any, keep: np.ndarray, notice: str, common: dict[str, Any]
    ) -> dict[str, Any]:
        """Return the traits of the ``keep`` rows: the model's files and the samples."""
        artifacts = self.artifacts
        return {
            "model_topology": artifacts.model_topology,
            "weight_specs": artifacts.weight_specs,
            "weight_data": artifacts.weight_data,
            "x": wire_array(samples[keep]),
            **common,
            "compute": "browser",
            "notice": notice,
        }
