"""The kernel fallback for PyTorch ``nn.Module``s: layer outputs through forward hooks.

TF.js cannot run a PyTorch model, so its chosen layers are computed in the kernel, pooled to
``(N, D)`` as the browser pools Keras layers, and the browser only projects and draws.
torch is optional: nothing here imports it unless the model is a ``torch.nn.Module``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import LayerVizError
from .kernel_compute import pool

# Modules whose 3-D outputs are (N, channels, length), as torch's 1-D convolutions lay them out;
# other 3-D outputs are taken as (N, steps, features) sequences (batch_first RNNs, embeddings).
_CHANNELS_FIRST_1D = ("Conv1d", "ConvTranspose1d", "MaxPool1d", "AvgPool1d", "BatchNorm1d")


def is_torch_module(model: Any) -> bool:
    """Tell whether ``model`` is a ``torch.nn.Module`` (False when torch is not imported)."""
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(model, torch.nn.Module)


def torch_layer_names(model: Any, names: Sequence[str] | str | None) -> list[str]:
    """Return the submodules to show: ``names`` (dotted, e.g. ``"features.3"``) or the children.

    ``"all"`` also means the children.

    Raises
    ------
    LayerVizError
        If a name is not a submodule (the message lists the model's children), or the model
        has no submodules to show.

    """
    modules = [name for name, _ in model.named_modules() if name]
    if not modules:
        raise LayerVizError(
            f"the PyTorch model {type(model).__name__} has no submodules to show; layerviz "
            "shows the outputs of its layers (its children, or names passed as layers=)."
        )
    if not names or names == "all":
        return [name for name, _ in model.named_children()]
    unknown = [name for name in names if name not in modules]
    if unknown:
        children = ", ".join(name for name, _ in model.named_children())
        raise LayerVizError(
            f"the PyTorch model has no submodule {', '.join(map(repr, unknown))}; name them as "
            f"model.named_modules() does (e.g. 'features.3'); its children are: {children}."
        )
    return [name for name in modules if name in set(names)]


@dataclass(frozen=True)
class TorchResult:
    """What one hooked pass over the samples gives.

    Attributes
    ----------
    activations : dict of str to ndarray
        Each chosen module's output, pooled to ``(N, D)`` float32.
    outputs : ndarray
        The model's own output (its first tensor), ``(N, ...)`` float32, for predictions.
    layer_info : list of dict
        ``{"name", "class_name", "output_shape", "index"}`` per module, as the view titles them.

    """

    activations: dict[str, np.ndarray]
    outputs: np.ndarray
    layer_info: list[dict[str, Any]]


def torch_forward(
    model: Any, x: np.ndarray, names: Sequence[str], batch_size: int = 128
) -> TorchResult:
    """Run ``model`` on ``x`` in eval mode without gradients, recording the named modules.

    A module called several times in one forward pass (shared) keeps its last call. The model's
    train/eval mode is restored afterwards.

    Raises
    ------
    LayerVizError
        If the forward pass fails on ``x`` or a named module is not called by it.

    """
    import torch

    modules = dict(model.named_modules())
    order = {name: index for index, name in enumerate(modules)}
    current: dict[str, np.ndarray] = {}
    kinds: dict[str, str] = {}

    def hook(name: str) -> Any:
        def record(module: Any, _inputs: Any, output: Any) -> None:
            current[name] = _first_tensor(output).detach().float().cpu().numpy()
            kinds[name] = type(module).__name__

        return record

    handles = [modules[name].register_forward_hook(hook(name)) for name in names]
    pooled: dict[str, list[np.ndarray]] = {name: [] for name in names}
    shapes: dict[str, list[int | None]] = {}
    outputs = []
    parameter = next(model.parameters(), None)
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for start in range(0, len(x), batch_size):
                batch = _to_torch(torch, x[start : start + batch_size], parameter)
                current.clear()
                try:
                    out = model(batch)
                except Exception as err:  # any error of the user's forward()
                    raise LayerVizError(
                        f"the PyTorch model failed on x (shape {x.shape}, dtype {x.dtype}): "
                        f"{type(err).__name__}: {err}. Pass x as the model's forward() takes it "
                        "(one sample per row of the first axis)."
                    ) from err
                outputs.append(_first_tensor(out).detach().float().cpu().numpy())
                for name in names:
                    if name not in current:
                        raise LayerVizError(
                            f"submodule {name!r} was not called by the model's forward(); "
                            "choose layers that compute the output."
                        )
                    array = current[name]
                    shapes[name] = [None, *array.shape[1:]]
                    pooled[name].append(pool(_channels_last(array, kinds[name])))
    finally:
        for handle in handles:
            handle.remove()
        model.train(was_training)
    info = [
        {
            "name": name,
            "class_name": kinds[name],
            "output_shape": shapes[name],
            "index": order[name],
        }
        for name in names
    ]
    return TorchResult(
        activations={name: np.concatenate(parts) for name, parts in pooled.items()},
        outputs=np.concatenate(outputs),
        layer_info=info,
    )


def _to_torch(torch: Any, batch: np.ndarray, parameter: Any) -> Any:
    tensor = torch.from_numpy(np.ascontiguousarray(batch))
    if tensor.is_floating_point() and parameter is not None and parameter.is_floating_point():
        tensor = tensor.to(parameter.dtype)  # numpy's float64 → the model's float32
    if parameter is not None:
        tensor = tensor.to(parameter.device)
    return tensor


def _first_tensor(output: Any) -> Any:
    # nn.LSTM returns (output, (h, c)); keep the per-step output, as Keras shows it.
    while isinstance(output, (tuple, list)):
        output = output[0]
    if isinstance(output, dict):
        output = next(iter(output.values()))
    return output


def _channels_last(array: np.ndarray, kind: str) -> np.ndarray:
    """Move torch's channel axis (1) last where it is one: images, volumes, 1-D convolutions."""
    if array.ndim >= 4 or (array.ndim == 3 and kind in _CHANNELS_FIRST_1D):
        return np.moveaxis(array, 1, -1)
    return array
