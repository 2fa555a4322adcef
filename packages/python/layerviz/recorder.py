"""When does each layer learn? :class:`Recorder` keeps a model's layers while it trains.

It keeps the cheapest state that the view needs: each chosen layer's pooled ``(N, D)``
activations on a fixed, stratified sample of validation points, and the model's predictions on
them, before training and after every ``every``-th epoch. ``layerviz.show(rec)`` then shows every
layer at every recorded epoch (see :mod:`layerviz.timeline_widget`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .cka import cka_table, linear_cka_between
from .data_sources import is_source
from .errors import LayerVizError
from .input_checks import as_labels, as_samples, check_input_shape, check_layers, is_keras_model
from .kernel_compute import keras_activations, layer_info
from .multi_input import has_several_inputs
from .options import DEFAULT
from .sample_choice import choose_samples
from .sample_details import predictions_from_outputs
from .streaming import Request, read_data
from .torch_compute import is_torch_module, torch_forward, torch_layer_names
from .widget_state import predictions

#: Default memory budget of a recorder's states, in bytes (512 MiB).
DEFAULT_MAX_BYTES = 512 * 2**20


@dataclass(frozen=True)
class Epoch:
    """One recorded state of the model.

    Attributes
    ----------
    step : int
        Its label: 0 before training, else the epoch (or step) after which it was recorded.
    activations : dict of str to ndarray
        Each layer's pooled activations, ``(N, D)`` float32, on the recorder's samples.
    predictions, confidence : ndarray
        The predicted class (int32) and its probability (float32) of each sample.

    """

    step: int
    activations: dict[str, np.ndarray]
    predictions: np.ndarray
    confidence: np.ndarray

    @property
    def nbytes(self) -> int:
        """Bytes this state holds."""
        arrays = [*self.activations.values(), self.predictions, self.confidence]
        return int(sum(a.nbytes for a in arrays))


@dataclass(frozen=True)
class Shown:
    """The samples a recorder follows, chosen once, and what the view says about them."""

    samples: Any
    labels: np.ndarray | None
    y: Any
    rows: np.ndarray
    total: int
    notice: str
    names: list[str]
    infos: list[dict[str, Any]]


def _ignore(*_args: Any, **_kwargs: Any) -> None:
    """Do nothing: a Keras hook the recorder does not use (batch begin and end, test, predict)."""


class Recorder:
    """Keep a model's layers before training and after every ``every``-th epoch.

    Pass it to Keras's ``fit`` as a callback, or call :meth:`record` from any training loop
    (PyTorch, JAX, a custom Keras loop); then ``layerviz.show(rec)`` (or ``%layerviz rec``) shows
    every layer at every recorded epoch, with an epoch slider.

    Parameters
    ----------
    x : array_like, shape (N, ...), or data read in batches
        Validation samples in the form the model takes, or anything :func:`layerviz.show` reads
        in batches (a ``tf.data.Dataset``, a PyTorch ``DataLoader``, a generator, ...). It is read
        once, at the first record, keeping ``max_points`` samples.
    y : array_like or str, optional
        Their labels (ids, names or one-hot rows); with data read in batches, the labels it
        yields unless given, or the name of a column.
    max_points : int, default 2000
        Samples followed through training (1 or more): a seeded subset stratified by label, the
        same at every epoch.
    every : int, default 1
        Record after every ``every``-th epoch (1 or more), and always before training.
    layers : sequence of str or "all", optional
        The layers to record, named as for :func:`layerviz.show` (default: every layer of a model
        of at most 16, else 16 block outputs; a PyTorch module's children).
    max_bytes : int, default 512 MiB
        Memory the recorded states may take, in bytes (1 or more). A Keras ``fit`` that would
        exceed it stops before training starts; :meth:`record` raises before keeping a state that
        would, keeping the states recorded so far.
    seed : int, default 0
        Seed of the choice of samples.
    x_key, max_batches : optional
        As for :func:`layerviz.show`, with data read in batches.

    Examples
    --------
    >>> rec = layerviz.Recorder(x_val, y_val, max_points=2000)
    >>> model.fit(x_train, y_train, epochs=3, callbacks=[rec])
    >>> rec.epochs
    [0, 1, 2, 3]
    >>> layerviz.show(rec)

    """

    #: Keras may run the batch hooks asynchronously: the recorder uses none of them.
    async_safe = True

    def __init__(
        self,
        x: Any,
        y: Any = None,
        *,
        max_points: int = DEFAULT["max_points"],
        every: int = 1,
        layers: Any = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        seed: int = 0,
        x_key: Any = None,
        max_batches: int | None = None,
    ) -> None:
        for name, value in (("max_points", max_points), ("every", every), ("max_bytes", max_bytes)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
                raise LayerVizError(f"{name} must be a whole number, 1 or more; got {value!r}.")
        self._x, self._y = x, y
        self.max_points, self.every, self.max_bytes = int(max_points), int(every), int(max_bytes)
        self._layers, self._seed = layers, int(seed)
        self._request = Request(y=y, x_key=x_key, max_batches=max_batches, seed=int(seed))
        self._shown: Shown | None = None
        self._states: list[Epoch] = []
        #: Epochs already counted by earlier ``fit`` calls, so that a second fit goes on from them.
        self._offset = 0
        #: The model Keras trains (set by Keras through :meth:`set_model`).
        self.model: Any = None
        #: ``fit``'s parameters (``epochs``, ``steps``, ...), set by Keras.
        self.params: dict[str, Any] = {}

    @property
    def epochs(self) -> list[int]:
        """The labels of the recorded states, in order: 0 before training, then each epoch."""
        return [state.step for state in self._states]

    @property
    def layers(self) -> list[str]:
        """The recorded layers' names, in model order (empty before the first record)."""
        return [] if self._shown is None else list(self._shown.names)

    @property
    def nbytes(self) -> int:
        """Bytes the recorded states take (what ``max_bytes`` bounds)."""
        return sum(state.nbytes for state in self._states)

    def activations(self, epoch: int) -> dict[str, np.ndarray]:
        """Return each layer's pooled ``(N, D)`` activations recorded at ``epoch`` (a label)."""
        return dict(self.state(epoch).activations)

    def state(self, epoch: int) -> Epoch:
        """Return the state recorded at ``epoch`` (one of :attr:`epochs`)."""
        for state in self._states:
            if state.step == epoch:
                return state
        raise LayerVizError(f"no state was recorded at epoch {epoch!r}; recorded: {self.epochs}.")

    def cka(self, a: int | None = None, b: int | None = None) -> Any:
        """Linear CKA between every layer at epoch ``a`` and every layer at epoch ``b``.

        Which layers compute what they will compute after training, and since when: with ``a``
        before training and ``b`` the last epoch, a layer whose diagonal entry is near 1 has
        settled; Raghu et al. (2017) saw lower layers settle first.

        Parameters
        ----------
        a, b : int, optional
            Recorded epochs (labels in :attr:`epochs`); default the first and the last.

        Returns
        -------
        DataFrame or dict
            Rows ``"layer @ a"``, columns ``"layer @ b"``, each value in [0, 1], measured on the
            recorded (pooled) activations of the recorder's samples; a dict
            ``{"rows", "cols", "values"}`` without pandas.

        """
        names = list(self.shown.names)  # raises a clear error before the first record
        epochs = self.epochs
        a = epochs[0] if a is None else a
        b = epochs[-1] if b is None else b
        first, second = self.state(a).activations, self.state(b).activations
        values = linear_cka_between([first[n] for n in names], [second[n] for n in names])
        return cka_table(values, [f"{n} @ {a}" for n in names], [f"{n} @ {b}" for n in names])

    @property
    def shown(self) -> Shown:
        """The samples followed, chosen at the first record."""
        if self._shown is None:
            raise LayerVizError(
                "the recorder holds nothing yet: pass it to model.fit(..., callbacks=[rec]) or "
                "call rec.record(model, step) from the training loop first."
            )
        return self._shown

    def record(self, model: Any, step: int | None = None) -> None:
        """Record ``model``'s layers now, labelled ``step``.

        Call it from a training loop: ``rec.record(model, 0)`` before the first epoch (shown as
        "Before training"), then ``rec.record(model, epoch)`` after each.

        Parameters
        ----------
        model : keras.Model or torch.nn.Module
            The model being trained (the same one at every call).
        step : int, optional
            Label of this state, above the last one's; default the last one's plus 1 (0 at first).

        Raises
        ------
        LayerVizError
            If ``step`` does not follow the last label, the data does not fit the model, or
            keeping this state would take more than ``max_bytes`` (nothing is kept then; the
            states recorded before stay).

        """
        last = self._states[-1].step if self._states else None
        step = (0 if last is None else last + 1) if step is None else int(step)
        if last is not None and step <= last:
            raise LayerVizError(
                f"step {step} does not follow the last state recorded ({last}); label each "
                "record with a larger step."
            )
        shown = self._shown or self._choose(model)
        state = self._compute(model, shown, step)
        needed = self.nbytes + state.nbytes
        if needed > self.max_bytes:
            raise LayerVizError(
                f"recording step {step} would bring the recorder to {_mib(needed)}, over its "
                f"budget max_bytes={_mib(self.max_bytes)}; the {len(self._states)} states "
                f"recorded so far are kept. {_FIX}"
            )
        self._shown = shown
        self._states.append(state)

    # The Keras callback protocol (duck-typed, so that layerviz imports no Keras).

    def set_model(self, model: Any) -> None:
        """Keras: the model being trained."""
        self.model = model

    def set_params(self, params: dict[str, Any]) -> None:
        """Keras: the parameters of ``fit``."""
        self.params = dict(params or {})

    def on_train_begin(self, logs: Any = None) -> None:
        """Keras: record the model before training, if nothing is recorded yet.

        Raises :class:`LayerVizError` before any training when recording every planned epoch
        would exceed ``max_bytes``.
        """
        self._offset = self._states[-1].step if self._states else 0
        if not self._states:
            self.record(self.model, 0)
        planned = int(self.params.get("epochs") or 0) // self.every
        per_state = self._states[-1].nbytes
        needed = self.nbytes + planned * per_state
        if needed > self.max_bytes:
            raise LayerVizError(
                f"recording {planned} more epochs of {_mib(per_state)} each would bring the "
                f"recorder to {_mib(needed)}, over its budget max_bytes={_mib(self.max_bytes)}; "
                f"training did not start. {_FIX}"
            )

    def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
        """Keras: record after every ``every``-th epoch (``epoch`` counts from 0)."""
        if (epoch + 1) % self.every == 0:
            self.record(self.model, self._offset + epoch + 1)

    def __getattr__(self, name: str) -> Any:
        # Every other hook Keras (3 or tf.keras 2) may call: batch, test and predict events.
        if name.startswith("on_"):
            return _ignore
        if name.startswith("_implements_"):
            return lambda: False
        raise AttributeError(name)

    def _choose(self, model: Any) -> Shown:
        """Read the data once and choose the samples followed from now on."""
        from .stream_widget import _model_of

        if is_keras_model(model) and has_several_inputs(model):
            raise LayerVizError(
                "Recorder takes models with one input; pass a model whose input is one array."
            )
        if is_source(self._x):
            reader = read_data(self._x, _model_of(model), self._request, self.max_points)
            held = reader.held()
            samples, y, rows, total, notice = held.x, held.y, held.rows, held.total, held.notice
            labels = None if y is None else as_labels(y, len(rows))
        else:
            samples = as_samples(self._x)
            y = self._y
            labels = None if y is None else as_labels(y, samples.shape[0])
            sampling = choose_samples(samples, labels, self.max_points, seed=self._seed)
            rows, total, notice = sampling.keep, int(samples.shape[0]), sampling.notice
            samples = samples[rows]
            labels = None if labels is None else labels[rows]
            y = None if y is None else np.asarray(y)[rows]
        if is_torch_module(model) and not is_keras_model(model):
            names = torch_layer_names(model, self._layers)
            infos = torch_forward(model, samples[:1], names).layer_info
        else:
            check_input_shape(model, samples)
            names = check_layers(model, self._layers)
            infos = layer_info(model, names)
        return Shown(
            samples, labels, y, np.asarray(rows, dtype=np.int32), total, notice, names, infos
        )

    def _compute(self, model: Any, shown: Shown, step: int) -> Epoch:
        if is_torch_module(model) and not is_keras_model(model):
            result = torch_forward(model, shown.samples, shown.names)
            predicted, confidence = predictions_from_outputs(result.outputs)
            return Epoch(step, result.activations, predicted, confidence)
        activations = keras_activations(model, shown.samples, shown.names)
        outputs = predictions(model, shown.samples)
        return Epoch(step, activations, outputs["predictions"], outputs["confidence"])


_FIX = (
    "Record fewer points (max_points=), fewer layers (layers=), less often (a larger every=), or "
    "raise max_bytes=."
)


def _mib(count: int) -> str:
    return f"{count:,} bytes" if count < 2**20 else f"{count / 2**20:,.1f} MiB"
