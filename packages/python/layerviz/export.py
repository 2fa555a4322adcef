"""``widget.save(path)``: ask the browser for the figure as a file and wait for the bytes."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

from .errors import LayerVizError

#: File suffixes :meth:`LayerVizWidget.save` writes, and what each holds.
FORMATS = {
    ".png": "png",  # the figure as the view shows it, at `scale` pixels per screen pixel
    ".svg": "svg",  # vector shapes, one per point
    ".html": "html",  # interactive, offline, selections linked across layers
    ".csv": "csv",  # every layer's layout, labels and metrics
}

_requests = itertools.count(1)


def save_figure(widget: Any, path: str | Path, *, scale: float, timeout: float) -> Path:
    """Ask ``widget``'s view for the figure in the format of ``path``'s suffix and write it.

    Blocks (while still handling the kernel's widget messages) until the browser answers.
    """
    target = Path(path)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise LayerVizError(
            f"cannot save {target.name!r}: use a file name ending in {', '.join(FORMATS)}."
        )
    if not 1 <= scale <= 8:
        raise LayerVizError(f"scale must be between 1 and 8, got {scale}.")
    _kernel()
    request = next(_requests)
    widget._exports[request] = None
    widget.send({"type": "export", "request": request, "format": fmt, "scale": scale})
    answer = _wait(widget, request, timeout)
    status, payload = answer
    if status == "error":
        raise LayerVizError(f"the browser could not export the figure: {payload}")
    target.write_bytes(payload)
    return target


def _kernel() -> Any:
    from IPython import get_ipython

    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    if kernel is None:
        raise LayerVizError(
            "widget.save() needs a notebook: the browser draws the figure. Display the widget in "
            "Jupyter first (make it a cell's value), then call save in a later cell."
        )
    return kernel


def _wait(widget: Any, request: int, timeout: float) -> tuple[str, Any]:
    from jupyter_ui_poll import ui_events

    deadline = time.monotonic() + timeout
    try:
        with ui_events() as poll:
            while widget._exports.get(request) is None:
                if time.monotonic() > deadline:
                    raise LayerVizError(
                        f"no front end answered within {timeout:g} s: display the widget (make "
                        "it a cell's value), wait until its plots are drawn, then save again."
                    )
                poll(20)
                time.sleep(0.02)
        return widget._exports[request]
    finally:
        widget._exports.pop(request, None)
