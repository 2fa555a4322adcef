""":func:`layerviz.show` of data read in batches: read once, show the chosen samples.

The samples chosen while reading are shown like arrays; the widget's sample ids, total and
notice then speak of the data (row i is the data's i-th sample), and ``widget.max_points`` (the
view's "Show more") draws again from what was read, or reads the data again for more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .compare import LayerVizComparison
from .errors import LayerVizError
from .input_checks import check_shape, ensure_keras_model, is_keras_model
from .multi_input import input_names
from .streaming import Held, Model, Reader, Request, read_data
from .tfjs_model import is_tfjs_model_reference, load_tfjs_artifacts, topology_input_shape
from .torch_compute import is_torch_module
from .widget import LayerVizWidget

#: ``show(model, x, y, texts=..., images=..., meta=..., max_points=...)`` on arrays.
ShowArrays = Callable[..., Any]


def show_source(
    show: ShowArrays, model: Any, data: Any, request: Request, max_points: int
) -> LayerVizWidget | LayerVizComparison:
    """Read ``data`` for ``model`` (or a list of models) and show the samples chosen.

    Parameters
    ----------
    show : callable
        :func:`layerviz.show` with every other option bound: takes ``(model, x, y)`` and the
        keywords ``texts``, ``images``, ``meta`` and ``max_points``.
    model : model or list of models
        As for :func:`layerviz.show`; a list is read once for all.
    data : any source (see :func:`layerviz.data_sources.is_source`)
        The user's data.
    request : Request
        Labels, columns and limits the user gave.
    max_points : int
        Samples to show at most.

    """
    models = list(model) if isinstance(model, (list, tuple)) else [model]
    reader = read_data(data, _model_of(models[0]), request, max_points)
    held = reader.held()
    widget = show(model, held.x, held.y, **_details(held), max_points=max_points)
    children = widget.widgets if isinstance(widget, LayerVizComparison) else [widget]
    for child, one in zip(children, models, strict=True):
        _adopt(child, held, _Reread(show, one, data, request, reader))
    return widget


class _Reread:
    """A widget's samples for another ``max_points``: drawn again, or read again for more."""

    def __init__(
        self, show: ShowArrays, model: Any, data: Any, request: Request, reader: Reader
    ) -> None:
        self.show, self.model, self.data, self.request, self.reader = (
            show,
            model,
            data,
            request,
            reader,
        )

    def __call__(self, points: int) -> tuple[LayerVizWidget, Held]:
        reader = self.reader
        final = False
        if points > reader.reservoir.max_points:
            if reader.source.rereadable:
                reader = read_data(self.data, _model_of(self.model), self.request, points)
                self.reader = reader
            else:
                final = True
        held = reader.held(points, final=final)
        widget = self.show(self.model, held.x, held.y, **_details(held), max_points=points)
        return widget, held


def _adopt(widget: LayerVizWidget, held: Held, reread: _Reread) -> None:
    """Make ``widget``'s samples speak of the data, and its rebuilds read from it."""
    rows = held.rows
    inner_layers = widget._layer_traits

    with widget.hold_trait_notifications():
        for name, value in _about_data(widget, held).items():
            setattr(widget, name, value)

    def layer_traits(chosen: list[str], ids: Any) -> dict[str, Any]:
        # The view's ids are rows of the data; the inner widget's, positions in what was held.
        return inner_layers(chosen, np.searchsorted(rows, np.asarray(ids)))

    def rebuild(points: int) -> dict[str, Any]:
        nonlocal rows, inner_layers
        fresh, fresh_held = reread(points)
        rows, inner_layers = fresh_held.rows, fresh._layer_traits
        state = {name: getattr(fresh, name) for name in fresh._built_traits}
        state.update(_about_data(fresh, fresh_held))
        fresh.close()
        return state

    widget._layer_traits = layer_traits
    widget._rebuild = rebuild


def _about_data(widget: LayerVizWidget, held: Held) -> dict[str, Any]:
    return {
        "sample_ids": held.rows[np.asarray(widget.sample_ids)].astype(np.int32),
        "total_samples": held.total,
        "notice": f"{widget.notice}\n{held.notice}".strip(),
    }


def _details(held: Held) -> dict[str, Any]:
    return {"texts": held.texts, "images": held.images, "meta": held.meta}


def _model_of(model: Any) -> Model:
    """Return the inputs that data for ``model`` must give, and the check of its first batch."""
    if is_tfjs_model_reference(model):
        expected = topology_input_shape(load_tfjs_artifacts(model).model_topology)
        if expected is None:
            return Model(["input"])
        return Model(["input"], len(expected), _checker([expected], ["input"], str(model)))
    if is_torch_module(model) and not is_keras_model(model):
        return Model(["input"])
    ensure_keras_model(model)
    names = input_names(model)
    shapes = [tuple(tensor.shape) for tensor in model.inputs]
    return Model(names, len(shapes[0]), _checker(shapes, names, model.name))


def _checker(
    shapes: Sequence[Sequence[int | None]], names: list[str], model_name: str
) -> Callable[[list[np.ndarray]], None]:
    def check(inputs: list[np.ndarray]) -> None:
        for part, shape, name in zip(inputs, shapes, names, strict=True):
            try:
                check_shape(part, shape, name=model_name)
            except LayerVizError as err:
                where = f"input {name!r} of " if len(names) > 1 else ""
                raise LayerVizError(
                    f"the first batch of the data does not fit {where}the model: {err} If the "
                    "data yields samples rather than batches, or other columns, map it to "
                    "(x, y) batches first (e.g. dataset.map(...).batch(32))."
                ) from err

    return check
