"""Arrays on the wire: ``{"buffer", "dtype", "shape"}`` with the buffer sent as binary."""

from __future__ import annotations

from typing import Any

import numpy as np

_INT32 = np.iinfo(np.int32)


def wire_array(values: Any) -> np.ndarray:
    """Return ``values`` as a C-contiguous array in a dtype the browser reads.

    float64 and float16 become float32, int64 (and other ints) become int32 — TF.js has no
    int64 — and bool becomes uint8.

    Raises
    ------
    ValueError
        If an integer array holds values outside int32's range.

    """
    array = np.asarray(values)
    if array.dtype == np.bool_:
        return np.ascontiguousarray(array, dtype=np.uint8)
    if np.issubdtype(array.dtype, np.integer):
        if array.size and (array.min() < _INT32.min or array.max() > _INT32.max):
            raise ValueError("integer values outside the int32 range cannot be sent to TF.js")
        return np.ascontiguousarray(array, dtype=np.int32)
    if np.issubdtype(array.dtype, np.floating):
        return np.ascontiguousarray(array, dtype=np.float32)
    raise ValueError(f"arrays of dtype {array.dtype} cannot be sent; use numbers")


def array_to_json(value: np.ndarray | None, widget: Any = None) -> dict[str, Any] | None:
    """Serialize an array for a widget trait; ipywidgets sends the memoryview as a buffer."""
    if value is None:
        return None
    array = wire_array(value)
    dtype = "uint8" if array.dtype == np.uint8 else str(array.dtype)
    return {"buffer": memoryview(array.reshape(-1)), "dtype": dtype, "shape": list(array.shape)}


def array_from_json(value: dict[str, Any] | None, widget: Any = None) -> np.ndarray | None:
    """Deserialize ``{"buffer", "dtype", "shape"}`` back into a numpy array."""
    if value is None:
        return None
    return np.frombuffer(value["buffer"], dtype=value["dtype"]).reshape(value["shape"])


def array_dict_to_json(
    value: dict[str, np.ndarray] | None, widget: Any = None
) -> dict[str, Any] | None:
    """Serialize a dict of arrays (activations per layer), each as its own binary buffer."""
    if value is None:
        return None
    return {key: array_to_json(array) for key, array in value.items()}


def array_dict_from_json(
    value: dict[str, Any] | None, widget: Any = None
) -> dict[str, np.ndarray] | None:
    """Deserialize a dict of ``{"buffer", "dtype", "shape"}`` (layouts per layer)."""
    if value is None:
        return None
    return {key: array_from_json(array) for key, array in value.items()}


def bytes_to_json(value: np.ndarray | None, widget: Any = None) -> dict[str, Any] | None:
    """Serialize a uint8 array (image thumbnails) as is: one byte per value on the wire."""
    if value is None:
        return None
    array = np.ascontiguousarray(value, dtype=np.uint8)
    return {"buffer": memoryview(array.reshape(-1)), "dtype": "uint8", "shape": list(array.shape)}


#: ``traitlets`` serializers for array traits.
array_serialization = {"to_json": array_to_json, "from_json": array_from_json}
#: ``traitlets`` serializers for uint8 array traits.
bytes_serialization = {"to_json": bytes_to_json, "from_json": array_from_json}
