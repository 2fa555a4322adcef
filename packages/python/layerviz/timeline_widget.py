"""``layerviz.show(rec)``: every layer at every epoch a :class:`~layerviz.recorder.Recorder` kept.

Data flow: the widget is a kernel-computed :class:`LayerVizWidget` (``compute == "kernel"``)
whose ``activations``, ``predictions`` and ``confidence`` are those of one recorded epoch, the
``epoch`` trait. The view's epoch slider sets ``epoch``; the kernel answers with that epoch's
traits, and the view lays them out, each layer aligned with its layout at the epoch shown before
(see ``packages/view/src/epochs.ts``). Only one epoch's activations travel at a time, so the
page holds ``max_points`` x layers whatever the number of epochs. The ``grid`` trait, sent once,
adds a small PCA thumbnail of every layer at every epoch (see :mod:`layerviz.epoch_grid`); the
view draws them as a layers x epochs grid, and clicking one sets ``epoch`` and the focus.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from traitlets import Dict, Int, List, observe, validate

from .cka import linear_cka_gram
from .epoch_grid import epoch_grid, grid_rows, grid_to_json
from .errors import LayerVizError
from .recorder import Recorder
from .widget import LayerVizWidget
from .widget_state import kernel_traits, sample_details, shared_traits, shown_traits


class TimelineWidget(LayerVizWidget):
    """A recorder's layers at every recorded epoch; made by ``layerviz.show(rec)``."""

    #: Labels of the recorded states, in order: 0 before training, then each epoch.
    epochs = List(Int()).tag(sync=True)
    #: The epoch shown (one of ``epochs``); the view's epoch slider sets it, and setting it from
    #: Python moves the slider. A saved notebook keeps it.
    epoch = Int(0).tag(sync=True)
    #: The small-multiples grid under the view: a 2-D PCA thumbnail of every layer at every
    #: epoch, each layer's aligned across epochs (see :func:`layerviz.epoch_grid.epoch_grid`).
    #: Sent once; a saved notebook leaves it out unless ``save_model`` (its view shows one epoch).
    grid = Dict(allow_none=True, default_value=None).tag(sync=True, to_json=grid_to_json)
    #: The CKA between every layer at the epoch shown (rows) and every layer after training
    #: (columns; before training when the last epoch is shown), drawn under the grid: see
    #: :func:`epoch_cka`. Sent with each epoch.
    epoch_cka = Dict().tag(sync=True)

    def __init__(self, recorder: Recorder, **kwargs: Any) -> None:
        self._recorder = recorder
        super().__init__(**kwargs)

    @validate("epoch")
    def _check_epoch(self, proposal: Any) -> int:
        value = int(proposal["value"])
        if self.epochs and value not in self.epochs:
            raise LayerVizError(
                f"no state was recorded at epoch {value}; choose one of {self.epochs}."
            )
        return value

    @observe("epoch")
    def _show_epoch(self, change: Any) -> None:
        # The view (or Python) picked another epoch: send that epoch's activations.
        if change["old"] == change["new"] or not self.epochs:
            return
        with self.hold_sync():
            for name, value in epoch_traits(self._recorder, change["new"]).items():
                setattr(self, name, value)


def epoch_traits(recorder: Recorder, epoch: int) -> dict[str, Any]:
    """Return the traits that change with the epoch shown: activations, predictions, CKA."""
    state = recorder.state(epoch)
    return {
        "activations": state.activations,
        "predictions": state.predictions,
        "confidence": state.confidence,
        "epoch_cka": epoch_cka(recorder, epoch),
    }


def epoch_cka(recorder: Recorder, epoch: int) -> dict[str, Any]:
    """Return the CKA heatmap drawn under a recorder's view for ``epoch``.

    Every layer at ``epoch`` (rows) against every layer after training (columns; before training
    when ``epoch`` is the last).

    Measured by the kernel form on the grid's samples (at most :data:`GRID_POINTS`, stratified by
    label, the same at every epoch), so that layers of thousands of features take a fraction of
    a second; ``rec.cka(a, b)`` gives the exact value on every recorded sample.

    Returns
    -------
    dict
        ``{"rows", "cols", "values" (rows x cols, row by row), "title"}``; ``{}`` with fewer than
        two recorded epochs.

    """
    epochs = recorder.epochs
    if len(epochs) < 2:
        return {}
    other = epochs[0] if epoch == epochs[-1] else epochs[-1]
    names = recorder.layers
    labels = recorder.shown.labels
    count = len(recorder.shown.rows)
    keep = grid_rows(count, None if labels is None else np.asarray(labels))
    first, second = recorder.state(epoch).activations, recorder.state(other).activations
    values = linear_cka_gram([first[n][keep] for n in names], [second[n][keep] for n in names])
    return {
        "rows": list(names),
        "cols": list(names),
        "values": np.round(values, 6).tolist(),
        "title": f"CKA: {_epoch_name(epoch)} (rows) \u00d7 {_epoch_name(other)} (columns)",
    }


def _epoch_name(epoch: int) -> str:
    return "before training" if epoch == 0 else f"epoch {epoch}"


def timeline_widget(
    recorder: Recorder, layout: dict[str, Any], backend: str = "auto"
) -> TimelineWidget:
    """Build the widget of ``recorder`` showing its last epoch, laid out with ``layout``."""
    shown = recorder.shown
    epochs = recorder.epochs
    n = len(shown.rows)
    shared = shared_traits(shown.y, shown.names, backend, n, layout)
    details = {"texts": None, "vocabulary": None, "images": None, "meta": None}
    keep = np.arange(n)
    notice = (
        f"Recorded {_recorded(epochs)}, on {n:,} samples; move the epoch slider to see when "
        "each layer learns."
    )
    state = {
        **shown_traits(shared, shown.labels, keep, n),
        **sample_details(details, shown.samples, keep),
        **kernel_traits({}, shown.infos, f"{notice}\n{shown.notice}".strip()),
        **epoch_traits(recorder, epochs[-1]),
        # Rows of the user's data, as for any widget; "Show more" has no more to show.
        "sample_ids": shown.rows,
        "epochs": epochs,
        "epoch": epochs[-1],
        "grid": epoch_grid(recorder),
    }
    return TimelineWidget(recorder, **state)


def _recorded(epochs: list[int]) -> str:
    after = [e for e in epochs if e != 0]
    parts = ["before training"] if 0 in epochs else []
    if after:
        parts.append(f"after epoch {after[0]}" if len(after) == 1 else f"after {len(after)} epochs")
    return " and ".join(parts)
