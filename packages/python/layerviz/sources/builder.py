"""The prologue every model source shares: read ``x`` and ``y``, choose the samples, build."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..input_checks import as_labels, as_samples
from ..sample_choice import choose_samples
from ..widget import LayerVizWidget
from ..widget_state import build_widget, sample_details, shared_traits, shown_traits


class ModelSource:
    """One way of computing a model's layers; subclasses give its layers and its traits.

    The defaults read ``x`` as one array that fits nothing in particular; a subclass checks it
    against its model.
    """

    #: Whether the view shows each sample's text, image and metadata (``texts=`` etc.).
    shows_details = True

    def samples(self, x: Any) -> Any:
        """Return ``x`` as the model takes it (one array, or one per input)."""
        return as_samples(x)

    def rows(self, samples: Any) -> np.ndarray:
        """Return one row per sample, to choose the samples with finite values from."""
        return samples

    def check(self, samples: Any) -> None:
        """Raise a :class:`~layerviz.LayerVizError` when ``samples`` do not fit the model."""

    def layer_names(self, layers: Sequence[str] | str | None) -> list[str]:
        """Return the names of the layers to show (``layers`` as :func:`layerviz.show` takes)."""
        raise NotImplementedError

    def traits(
        self, samples: Any, keep: np.ndarray, notice: str, common: dict[str, Any]
    ) -> dict[str, Any]:
        """Return every trait of the widget showing the ``keep`` rows of ``samples``.

        Parameters
        ----------
        samples : ndarray or list of ndarray
            From :meth:`samples`.
        keep : ndarray of int
            The rows shown, ascending.
        notice : str
            Says which samples are shown when not all are ("" when all are).
        common : dict
            The traits every source's widget has (layers, labels, layout, sample details).

        """
        raise NotImplementedError

    def finish(self, widget: LayerVizWidget, samples: Any, shared: dict[str, Any]) -> None:
        """Give the built widget what only this source knows (e.g. its layer list)."""


def source_widget(
    source: ModelSource,
    x: Any,
    y: Any,
    *,
    layers: Sequence[str] | str | None,
    max_points: int,
    backend: str,
    layout: dict[str, Any],
    details: dict[str, Any],
) -> LayerVizWidget:
    """Return the widget of ``source``'s model on ``x``; ``widget.max_points = n`` rebuilds it.

    Parameters
    ----------
    source : ModelSource
        Where the layers come from.
    x, y, layers, max_points, backend
        As :func:`layerviz.show` takes them.
    layout : dict
        The checked layout traits (method, ..., ``metrics_level``, ``color_by``, ``save_model``).
    details : dict
        ``texts``, ``vocabulary``, ``images`` and ``meta`` as ``show()`` takes them.

    """
    samples = source.samples(x)
    rows = source.rows(samples)
    n = int(rows.shape[0])
    labels = None if y is None else as_labels(y, n)
    source.check(samples)
    names = source.layer_names(layers)
    shared = shared_traits(y, names, backend, n, layout)

    def build(points: int) -> dict[str, Any]:
        sampling = choose_samples(rows, labels, points, seed=shared["seed"])
        keep = sampling.keep
        common = shown_traits(shared, labels, keep, points)
        if source.shows_details:
            common.update(sample_details(details, samples, keep))
        return source.traits(samples, keep, sampling.notice, common)

    widget = build_widget(build, max_points)
    source.finish(widget, samples, shared)
    return widget
