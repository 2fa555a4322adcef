"""What keeps Keras's wrapper layers (Bidirectional, TimeDistributed) from a faithful translation.

topology.py translates the wrapped layer as it would at top level (TF.js rebuilds it from its
config inside TF.js's own wrapper) and checks it by the same rules; the rules below are the
wrappers' own.
"""

from __future__ import annotations

from typing import Any

from .attention import ATTENTION_CLASSES

WRAPPER_CLASSES = frozenset({"Bidirectional", "TimeDistributed"})

_MODEL_CLASSES = frozenset({"Sequential", "Functional", "Model"})
# Layers whose TF.js version reads the padding mask it is handed: inside TimeDistributed, TF.js
# hands them the whole (batch, steps) mask with each step's input, Keras the step's own slice.
_MASK_READERS = frozenset(
    {"SimpleRNN", "GRU", "LSTM", "Bidirectional", "Embedding", "Masking"}
    | {"GlobalAveragePooling1D", "GlobalMaxPooling1D"}
)


def wrapper_problems(cls: str, config: dict[str, Any], *, masked: bool) -> list[str]:
    """List what keeps a wrapper layer ``cls`` with Keras's ``config`` from a translation.

    ``masked``: the model holds a padding mask somewhere. The wrapped layer's own problems are
    support.py's to list.
    """
    if cls != "TimeDistributed":
        return []
    inner = config["layer"]["class_name"]
    if inner in _MODEL_CLASSES | WRAPPER_CLASSES | ATTENTION_CLASSES:
        return [f"TimeDistributed around a {inner} is not translated"]
    if masked and inner in _MASK_READERS:
        return [
            f"TimeDistributed around a {inner} in a model with a padding mask is not translated: "
            "TF.js hands the wrapped layer the mask of every step"
        ]
    return []
