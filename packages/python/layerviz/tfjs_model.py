"""TF.js-native models: a ``model.json`` (path or http(s) URL) with its weight files."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np

from .convert import TfjsArtifacts
from .errors import LayerVizError
from .layer_choice import GraphLayer


def is_tfjs_model_reference(model: Any) -> bool:
    """Whether ``model`` names a TF.js ``model.json`` (a path or URL ending in ``.json``)."""
    return isinstance(model, (str, Path)) and str(model).split("?")[0].endswith(".json")


def load_tfjs_artifacts(reference: str | Path) -> TfjsArtifacts:
    """Read a TF.js layers-format ``model.json`` and every weight shard it lists.

    Parameters
    ----------
    reference : str or Path
        A file path or an ``http(s)://`` URL of ``model.json``; shards are resolved next to it.

    Raises
    ------
    LayerVizError
        If the file cannot be read, is not a layers model, or a shard is missing or short.

    """
    text = _read(str(reference)).decode("utf-8")
    try:
        model_json = json.loads(text)
    except json.JSONDecodeError as err:
        raise LayerVizError(f"{reference} is not JSON: {err}.") from err
    topology = model_json.get("modelTopology")
    if not isinstance(topology, dict) or "class_name" not in topology:
        raise LayerVizError(
            f"{reference} is not a TF.js layers model (no modelTopology); graph models from "
            "tf.saved_model conversions have no layers to show."
        )
    specs: list[dict[str, Any]] = []
    chunks: list[bytes] = []
    for group in model_json.get("weightsManifest", []):
        specs.extend(group["weights"])
        chunks.extend(_read(_sibling(str(reference), path)) for path in group["paths"])
    data = b"".join(chunks)
    needed = sum(_spec_bytes(spec) for spec in specs)
    if len(data) != needed:
        raise LayerVizError(
            f"the weight files of {reference} hold {len(data)} bytes but its manifest needs "
            f"{needed}; copy every shard listed in weightsManifest next to model.json."
        )
    return TfjsArtifacts(model_topology=topology, weight_specs=specs, weight_data=data)


def topology_layers(topology: dict[str, Any]) -> list[tuple[str, str]]:
    """List ``(name, class)`` of every layer in a TF.js topology, in order."""
    config = topology["config"]
    layers = config["layers"] if isinstance(config, dict) else config
    return [(layer["config"]["name"], layer["class_name"]) for layer in layers]


def topology_graph(topology: dict[str, Any]) -> list[GraphLayer]:
    """Return a TF.js topology's layers but its inputs, with the layers each one reads.

    A Sequential model's layers each read the one before; a functional one's, their first call's.
    """
    config = topology["config"]
    layers = config["layers"] if isinstance(config, dict) else config
    graph: list[GraphLayer] = []
    for layer in layers:
        if layer["class_name"] == "InputLayer":
            continue
        nodes = layer.get("inbound_nodes")
        if nodes is None:
            inbound = (graph[-1].name,) if graph else ()
        else:
            first = nodes[0] if nodes else []
            inbound = tuple(str(entry[0]) for entry in first if isinstance(entry, list) and entry)
        graph.append(GraphLayer(layer["config"]["name"], layer["class_name"], inbound))
    return graph


def topology_input_shape(topology: dict[str, Any]) -> list[int | None] | None:
    """Return the batch input shape the first layer declares, or None."""
    config = topology["config"]
    layers = config["layers"] if isinstance(config, dict) else config
    for layer in layers:
        layer_config = layer["config"]
        for key in ("batch_input_shape", "batchInputShape", "batch_shape"):
            if key in layer_config:
                return list(layer_config[key])
    return None


def _read(location: str) -> bytes:
    try:
        if urllib.parse.urlparse(location).scheme in ("http", "https"):
            with urllib.request.urlopen(location, timeout=60) as response:
                return response.read()
        return Path(location).read_bytes()
    except OSError as err:
        raise LayerVizError(f"cannot read {location}: {err}.") from err


def _sibling(reference: str, name: str) -> str:
    if urllib.parse.urlparse(reference).scheme in ("http", "https"):
        return urllib.parse.urljoin(reference, name)
    return str(Path(reference).parent / name)


def _spec_bytes(spec: dict[str, Any]) -> int:
    count = int(np.prod(spec["shape"], dtype=np.int64))
    quantization = spec.get("quantization")
    if quantization:
        return count * np.dtype(quantization["dtype"]).itemsize
    return count * (1 if spec.get("dtype") == "bool" else 4)
