"""``widget.save(path)``: have the browser render the figure to a file, and wait for it."""

from __future__ import annotations

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

#: How often the kernel looks for the file, in seconds.
POLL_INTERVAL = 0.1


def save_figure(widget: Any, path: str | Path, *, scale: float, timeout: float) -> Path:
    """Ask ``widget``'s view for the figure in the format of ``path``'s suffix; wait for the file.

    The kernel cannot receive the bytes over the widget's comm while the calling cell runs (it
    handles no comm message before the cell ends), so the browser writes the file through the
    Jupyter server's contents API and the kernel waits until it appears. The file must therefore
    lie inside the server's root directory, on the kernel's machine.
    """
    target = Path(path).expanduser().resolve()
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise LayerVizError(
            f"cannot save {target.name!r}: use a file name ending in {', '.join(FORMATS)}."
        )
    if not 1 <= scale <= 8:
        raise LayerVizError(f"scale must be between 1 and 8, got {scale}.")
    _require_kernel()
    failure = target.with_name(target.name + ".error.txt")
    for stale in (target, failure):
        stale.unlink(missing_ok=True)
    widget.send(
        {
            "type": "export",
            "path": target.as_posix(),
            "home": Path.home().as_posix(),
            "format": fmt,
            "scale": scale,
        }
    )
    deadline = time.monotonic() + timeout
    while not target.exists():
        if failure.exists():
            message = failure.read_text(encoding="utf-8", errors="replace")
            failure.unlink(missing_ok=True)
            raise LayerVizError(f"the browser could not export the figure: {message}")
        if time.monotonic() > deadline:
            raise LayerVizError(
                f"no front end wrote {target.name} within {timeout:g} s. Display the widget (make "
                "it a cell's value) and wait until its plots are drawn; the file must lie inside "
                "the Jupyter server's root directory, on the kernel's machine."
            )
        time.sleep(POLL_INTERVAL)
    return target


def _require_kernel() -> None:
    from IPython import get_ipython

    if getattr(get_ipython(), "kernel", None) is None:
        raise LayerVizError(
            "widget.save() needs a notebook: the browser draws the figure. Display the widget in "
            "Jupyter first (make it a cell's value), then call save in a later cell."
        )
