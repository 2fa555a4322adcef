"""The TF.js layers-format artifacts of a Keras model, in memory or on disk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .topology import translate_model_config
from .weights import pack_weights, tfjs_weight_entries

WEIGHTS_FILE = "group1-shard1of1.bin"


@dataclass(frozen=True)
class TfjsArtifacts:
    """What ``tf.io.fromMemory`` needs to rebuild a model in TF.js.

    Attributes
    ----------
    model_topology : dict
        tf.keras-2-style model JSON (``class_name`` ``Sequential`` or ``Model``).
    weight_specs : list of dict
        ``{"name", "shape", "dtype"}`` for each weight, in the order of ``weight_data``.
    weight_data : bytes
        All weights as little-endian float32, concatenated.

    """

    model_topology: dict[str, Any]
    weight_specs: list[dict[str, Any]]
    weight_data: bytes

    def model_json(self) -> dict[str, Any]:
        """Return the standard TF.js ``model.json`` pointing at :data:`WEIGHTS_FILE`."""
        return {
            "format": "layers-model",
            "generatedBy": "layerviz",
            "convertedBy": "layerviz",
            "modelTopology": self.model_topology,
            "weightsManifest": [{"paths": [WEIGHTS_FILE], "weights": self.weight_specs}],
        }

    def save(self, directory: str | Path) -> Path:
        """Write ``model.json`` and the weights file into ``directory``; return the JSON's path."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / WEIGHTS_FILE).write_bytes(self.weight_data)
        path = directory / "model.json"
        path.write_text(json.dumps(self.model_json()))
        return path


def to_tfjs(model: Any) -> TfjsArtifacts:
    """Convert a built Keras 3 model into TF.js layers artifacts.

    Parameters
    ----------
    model : keras.Model
        A built Sequential or functional model (TensorFlow backend).

    Raises
    ------
    UnsupportedModelError
        If the model uses layers the translation does not cover; every offending layer is named.

    """
    config = json.loads(model.to_json())
    topology = translate_model_config(config)
    specs, data = pack_weights(tfjs_weight_entries(model))
    return TfjsArtifacts(model_topology=topology, weight_specs=specs, weight_data=data)
