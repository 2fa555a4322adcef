"""``python -m layerviz check MODEL X.npy``: Keras vs TF.js, layer by layer, outside a notebook."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ._version import __version__
from .arrays import wire_array
from .errors import LayerVizError

#: Above this scaled difference a layer fails the check (the widget warns past 1e-3).
DEFAULT_TOLERANCE = 1e-4
#: Where @layerviz/core's command lies in a source checkout.
_CHECKOUT_CLI = Path(__file__).resolve().parents[2] / "core" / "bin" / "layerviz-activations.mjs"


@dataclass(frozen=True)
class LayerCheck:
    """One layer's comparison."""

    name: str
    class_name: str
    #: max |TF.js - Keras| / max(1, max |Keras|) over every sample and feature.
    difference: float


def activations_command() -> list[str]:
    """Return the command that runs @layerviz/core's ``layerviz-activations`` with Node.

    ``LAYERVIZ_ACTIVATIONS_CLI`` (a path to the script) wins; then the script of a source
    checkout; then ``layerviz-activations`` on PATH (``npm install -g @layerviz/core``); then
    npm's ``npx``, which fetches @layerviz/core of this version on first use: no global install.

    Raises
    ------
    LayerVizError
        When Node or the command cannot be found.

    """
    node = shutil.which("node")
    script = os.environ.get("LAYERVIZ_ACTIVATIONS_CLI") or (
        str(_CHECKOUT_CLI) if _CHECKOUT_CLI.is_file() else None
    )
    if node is not None and script is not None:
        return [node, script]
    installed = shutil.which("layerviz-activations")
    if installed is not None:
        return [installed]
    npx = shutil.which("npx")
    if node is not None and npx is not None:
        package = f"@layerviz/core@{__version__}"
        return [npx, "--yes", "--package", package, "layerviz-activations"]
    raise LayerVizError(
        "python -m layerviz check runs @layerviz/core's layerviz-activations with Node: install "
        "Node (with npm, whose npx fetches it), or set LAYERVIZ_ACTIVATIONS_CLI to its "
        "bin/layerviz-activations.mjs."
    )


def check_model(model: Any, x: np.ndarray) -> list[LayerCheck]:
    """Compute every layer of ``model`` on ``x`` with Keras and with TF.js in Node; compare.

    Both sides pool the layers' outputs as the widget does, so the numbers are the widget's
    fidelity numbers on all of ``x``.

    Raises
    ------
    LayerVizError
        If the model cannot be converted, or the Node side fails.

    """
    from .convert import UnsupportedModelError, to_tfjs
    from .input_checks import check_input_shape, check_layers
    from .kernel_compute import keras_activations

    check_input_shape(model, x)
    names = check_layers(model, "all")
    try:
        artifacts = to_tfjs(model)
    except UnsupportedModelError as err:
        raise LayerVizError(str(err)) from err
    with tempfile.TemporaryDirectory(prefix="layerviz-check-") as tmp:
        folder = Path(tmp)
        model_json = artifacts.save(folder / "model")
        np.save(folder / "x.npy", wire_array(x))
        result = subprocess.run(
            [
                *activations_command(),
                str(model_json),
                str(folder / "x.npy"),
                "--out",
                str(folder / "out"),
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise LayerVizError(f"layerviz-activations failed:\n{result.stderr.strip()}")
        ours = {name: np.load(folder / "out" / f"{name}.npy") for name in names}
    reference = keras_activations(model, x, names)
    classes = {layer.name: type(layer).__name__ for layer in model.layers}
    checks = []
    for name in names:
        want, got = reference[name], ours[name]
        if want.shape != got.shape:
            difference = float("inf")
        else:
            difference = float(np.max(np.abs(got - want)) / max(1.0, float(np.max(np.abs(want)))))
        checks.append(LayerCheck(name, classes[name], difference))
    return checks


def format_checks(checks: list[LayerCheck], tolerance: float) -> str:
    """Return the table ``check`` prints: one row per layer, its difference, OK or FAIL."""
    width = max(len("layer"), *(len(c.name) for c in checks))
    kind = max(len("class"), *(len(c.class_name) for c in checks))
    lines = [f"{'layer':<{width}}  {'class':<{kind}}  max |TF.js - Keras| (scaled)"]
    for c in checks:
        status = "OK" if c.difference <= tolerance else "FAIL"
        lines.append(f"{c.name:<{width}}  {c.class_name:<{kind}}  {c.difference:.2e}  {status}")
    return "\n".join(lines)
