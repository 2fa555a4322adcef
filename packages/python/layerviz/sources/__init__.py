"""Where a model's layers come from, one module per kind of model, and the builder they share.

Each source reads ``x`` in the form its model takes, checks it, names the layers to show and
returns, for the samples chosen, every trait of the widget; :func:`~.builder.source_widget` runs
what they share (labels, the choice of samples, the traits every widget has).

=====================  =================================================================
``keras_browser``      a Keras model TF.js runs in the browser (falls back to the kernel)
``keras_kernel``       a Keras model whose layers Keras computes in the kernel
``tfjs_file``          a TF.js ``model.json``, computed in the browser
``torch_module``       a PyTorch module, computed in the kernel through forward hooks
``several_inputs``     a Keras model with several inputs, computed in the kernel
=====================  =================================================================
"""

from __future__ import annotations

from typing import Any

from ..input_checks import ensure_keras_model, is_keras_model
from ..multi_input import has_several_inputs
from ..tfjs_model import is_tfjs_model_reference
from ..torch_compute import is_torch_module
from .builder import ModelSource, source_widget
from .keras_browser import KerasBrowserSource
from .keras_kernel import KerasKernelSource
from .several_inputs import SeveralInputsSource
from .tfjs_file import TfjsFileSource
from .torch_module import TorchSource

__all__ = ["ModelSource", "model_source", "source_widget"]


def model_source(model: Any, compute: str) -> ModelSource:
    """Return the source of ``model``'s layers for ``compute`` (``"auto"``, ``"browser"``, ...).

    Raises
    ------
    LayerVizError
        When ``model`` is none of the kinds layerviz shows, or cannot be computed where
        ``compute`` says.

    """
    if is_tfjs_model_reference(model):
        return TfjsFileSource(model, compute)
    if is_torch_module(model) and not is_keras_model(model):
        return TorchSource(model, compute)
    ensure_keras_model(model)
    if has_several_inputs(model):
        return SeveralInputsSource(model, compute)
    if compute == "kernel":
        return KerasKernelSource(model)
    return KerasBrowserSource(model, compute)
