"""The public Python API: :func:`show`.

It checks the options and hands the model to its source (:mod:`layerviz.sources`: Keras in the
browser or the kernel, a TF.js file, a PyTorch module, several inputs), or to the comparison, the
recorder's timeline or the reader of data in batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .compare import LayerVizComparison
from .data_sources import is_source
from .errors import LayerVizError
from .options import DEFAULT, OPTION, layout_options, metrics_level
from .recorder import Recorder
from .sources import model_source, source_widget
from .stream_widget import show_source
from .streaming import Request
from .timeline_widget import timeline_widget
from .widget import LayerVizWidget


def show(
    model: Any,
    x: Any = None,
    y: Any = None,
    *,
    names: Sequence[str] | None = None,
    layers: Sequence[str] | str | None = None,
    max_points: int = DEFAULT["max_points"],
    backend: str = DEFAULT["backend"],
    compute: str = DEFAULT["compute"],
    method: str = DEFAULT["method"],
    dims: int = DEFAULT["dims"],
    perplexity: float = DEFAULT["perplexity"],
    neighbors: int = DEFAULT["neighbors"],
    min_dist: float = DEFAULT["min_dist"],
    seed: int = DEFAULT["seed"],
    iterations: int | None = DEFAULT["iterations"],
    metrics: str = DEFAULT["metrics"],
    texts: Sequence[str] | None = None,
    vocabulary: Any = None,
    images: Any = None,
    meta: Any = None,
    color_by: str = DEFAULT["color_by"],
    save_model: bool = DEFAULT["save_model"],
    x_key: str | Sequence[str] | None = None,
    max_batches: int | None = None,
) -> LayerVizWidget:
    """Show every layer of ``model`` on the samples ``x``, colored by ``y``.

    By default the model is converted to TF.js and sent with ``x`` to the browser, which computes
    all layers' activations in one forward pass, brings each layer to at most 50 dimensions with
    PCA, lays it out with t-SNE (or UMAP or PCA) in a Web Worker, each layer starting from and
    rotated onto the previous one's layout, and draws one subplot per layer as the layouts form.
    A model TF.js cannot rebuild faithfully is computed by Keras in the kernel
    instead, with a notice saying why.

    Parameters
    ----------
    model : keras.Model or torch.nn.Module or str or Path or Recorder, or a list of them
        A trained Keras 3 or tf.keras 2 model (several inputs are computed in the kernel), a
        PyTorch module (computed in the kernel through forward hooks; ``layers`` then names
        submodules as ``named_modules()`` does), or the path or http(s) URL of a TF.js layers
        ``model.json`` (computed in the browser; its weight files must lie next to it). A list
        of models shows them side by side on the same samples (e.g. an untrained copy next to
        the trained model), with one layer slider and one depth chart. Or a
        :class:`~layerviz.Recorder` that followed a model's training, without ``x`` and ``y``:
        every layer is shown at every recorded epoch, with an epoch slider.
    x : array_like, shape (N, ...), or a list or dict of them, or data read in batches
        Samples in the form the model takes (token ids, pixels, features); for a model with
        several inputs one array per input, in order or keyed by input name. Or data as it is
        held after training: a ``tf.data.Dataset``, a ``keras.utils.PyDataset``, a PyTorch
        ``DataLoader`` or ``Dataset``, a Hugging Face ``datasets.Dataset``, a generator or any
        iterable of batches. Its elements are ``x``, ``(x, y)`` or ``(x, y, sample_weight)``
        (as Keras's ``fit`` takes them; ``x`` a tuple or dict for several inputs) or dicts of
        columns (see ``x_key``); batches or single samples. It is read once, with a progress
        bar, choosing the ``max_points`` shown samples while reading, so memory does not grow
        with the data. Sample ids (``widget.selection``) are then positions in the data.
        Required, except with a ``Recorder``, which holds its own samples.
    y : array_like, shape (N,) or (N, 1) or (N, C), or str, optional
        Class of each sample (ids, names, or one-hot rows) used for colors. With data read in
        batches, the labels the data yields are used unless ``y`` is given; ``y`` may then
        also name a column of the data's dict elements (e.g. ``y="label"``).
    names : sequence of str, optional
        With a list of models: a short name per model (default "model 1", "model 2", ...).
    layers : sequence of str or "all", optional
        Names of the layers to show, or ``"all"`` for every layer but inputs. By default every
        layer of a model of at most 16; a deeper model shows 16: its first and last layers and
        its block outputs (merges, pooling, the last layer of each named block) evenly spread
        over depth. The view's layer list adds any other layer.
    max_points : int, default 2000
        At most this many samples (1 or more) are shown; beyond it a subset is, chosen with
        ``seed`` and stratified by label (each class keeps its share), and the view says so.
        Samples holding NaN or infinite values are left out, with a note naming their rows.
    backend : {"auto", "webgl", "cpu"}, default "auto"
        TF.js backend in the browser.
    compute : {"auto", "browser", "kernel"}, default "auto"
        Where the activations are computed: ``"browser"`` with TF.js (fails with the list of
        unsupported layers if the model cannot be converted), ``"kernel"`` with Keras (only the
        pooled ``(N, D)`` activations are sent), or ``"auto"``: the browser when the model
        converts, else the kernel.
    method : {"tsne", "umap", "pca"}, default "tsne"
        How each layer is laid out; the view can switch it later.
    dims : {2, 3}, default 2
        Dimensions of the layout (3-D shows the focused layer in a rotatable scene).
    perplexity : float, default 30
        t-SNE's effective number of neighbours, in [2, 100].
    neighbors : int, default 15
        UMAP's neighbourhood size, in [2, 200].
    min_dist : float, default 0.1
        UMAP's minimum distance, in [0, 1].
    seed : int, default 0
        Seed of the layouts' random choices: the same seed gives the same picture.
    iterations : int, optional
        t-SNE iterations (default 750; a third of them for a layer that continues from its
        neighbour's layout) or UMAP epochs (default 500 up to 2,500 points, 400 up to 5,000, 300
        up to 7,500, else 200), in [1, 10000].
    metrics : {"none", "fast", "all"}, default "fast"
        Separability numbers per layer, shown in the titles and a depth chart and readable as
        ``widget.metrics``: ``"fast"`` is k-NN accuracy and silhouette of the classes; ``"all"``
        adds a linear probe, trustworthiness and continuity of the layout, and CKA between
        consecutive layers.
    texts : sequence of str, optional
        The text of each sample of ``x``, shown when hovering a point and searched by the
        view's search box (always as plain text, never as HTML).
    vocabulary : sequence of str or mapping or TextVectorization, optional
        Instead of ``texts``, for token-id inputs: index → token (e.g.
        ``vectorize.get_vocabulary()``) or token → index (``word_index``); each sample's text is
        decoded from ``x`` with it (0 is padding and left out).
    images : array_like, shape (N, H, W) or (N, H, W, 1|3|4), optional
        An image per sample, shown as a thumbnail on hover; by default ``x`` itself when it is
        an image batch.
    meta : dict of array_like or pandas.DataFrame, optional
        Per-sample metadata (one value per sample of ``x`` in each column): shown on hover,
        searchable, returned by ``widget.selected()`` and available under "Color by".
    color_by : str, default "label"
        What colors the points: ``"label"``, ``"prediction"`` (the model's predicted class),
        ``"correct"`` (prediction == label), ``"confidence"`` (probability of the predicted
        class, a continuous scale) or ``"meta:<column>"``.
    x_key : str or sequence of str, optional
        With data whose elements are dicts of columns (tfds, Hugging Face): the column(s)
        holding the model's input(s), in input order. By default the columns named like the
        model's inputs. ``texts`` and ``images`` may likewise name columns.
    max_batches : int, optional
        With data read in batches: read at most this many (1 or more). Needed for data that
        repeats forever (``.repeat()``); a generator with no length is stopped with an error
        after 1,000,000 samples without it.
    save_model : bool, default False
        Whether a saved notebook keeps the model's weights and ``x`` (or the kernel's
        activations), so that the view can lay the layers out anew after the notebook is reopened
        without its kernel. By default it keeps only the layouts, labels, sample details and
        selection: enough to show the plots as they were, and small.

    Returns
    -------
    LayerVizWidget or LayerVizComparison
        Display it (it is the cell's value) to see the plots; a list of models gives a
        :class:`~layerviz.compare.LayerVizComparison`.

    Raises
    ------
    LayerVizError
        If the model is not a Keras model or PyTorch module, x and y differ in length, x does
        not fit the model, a layer does not exist, or (with ``compute="browser"``) the model
        cannot be converted; the message says how to fix it.

    """
    if isinstance(model, Recorder):
        return _recorder_widget(
            model,
            x,
            y,
            backend,
            color_by,
            metrics,
            layout_options(method, dims, perplexity, neighbors, min_dist, seed, iterations),
        )
    if x is None:
        raise LayerVizError("show(model, x, y): pass the samples x to show the model on.")
    if is_source(x):
        layout_options(method, dims, perplexity, neighbors, min_dist, seed, iterations)
        request = Request(y, texts, images, meta, x_key, max_batches, seed)

        def show_arrays(one: Any, xs: Any, ys: Any, **shown: Any) -> Any:
            return show(
                one,
                xs,
                ys,
                **shown,
                names=names,
                layers=layers,
                backend=backend,
                compute=compute,
                method=method,
                dims=dims,
                perplexity=perplexity,
                neighbors=neighbors,
                min_dist=min_dist,
                seed=seed,
                iterations=iterations,
                metrics=metrics,
                vocabulary=vocabulary,
                color_by=color_by,
                save_model=save_model,
            )

        return show_source(show_arrays, model, x, request, max_points)
    if x_key is not None or max_batches is not None:
        raise LayerVizError(
            "x_key and max_batches are for data read in batches (tf.data, a DataLoader, a "
            f"generator, ...); x is {type(x).__name__}, shown whole. Leave them out."
        )
    if isinstance(model, (list, tuple)):
        return _comparison(
            model,
            x,
            y,
            names=names,
            options={
                "layers": layers,
                "max_points": max_points,
                "backend": backend,
                "compute": compute,
                "method": method,
                "dims": dims,
                "perplexity": perplexity,
                "neighbors": neighbors,
                "min_dist": min_dist,
                "seed": seed,
                "iterations": iterations,
                "metrics": metrics,
                "texts": texts,
                "vocabulary": vocabulary,
                "images": images,
                "meta": meta,
                "color_by": color_by,
                "save_model": save_model,
            },
        )
    if names is not None:
        raise LayerVizError("names is for a list of models; pass show([model_a, model_b], ...).")
    OPTION["compute"].check(compute)
    layout = layout_options(method, dims, perplexity, neighbors, min_dist, seed, iterations)
    layout["metrics_level"] = metrics_level(metrics)
    details = {"texts": texts, "vocabulary": vocabulary, "images": images, "meta": meta}
    layout["color_by"] = color_by
    layout["save_model"] = bool(save_model)
    return source_widget(
        model_source(model, compute),
        x,
        y,
        layers=layers,
        max_points=max_points,
        backend=backend,
        layout=layout,
        details=details,
    )


def _recorder_widget(
    recorder: Recorder, x: Any, y: Any, backend: str, color_by: str, metrics: str, layout: dict
) -> LayerVizWidget:
    if x is not None or y is not None:
        raise LayerVizError(
            "a Recorder holds its own samples: call show(rec) without x and y (pass them to "
            "layerviz.Recorder(x, y))."
        )
    layout = {**layout, "metrics_level": metrics_level(metrics), "color_by": color_by}
    return timeline_widget(recorder, layout, backend)


def _comparison(
    models: Sequence[Any],
    x: Any,
    y: Any,
    *,
    names: Sequence[str] | None,
    options: dict[str, Any],
) -> LayerVizComparison:
    if len(models) < 2:
        raise LayerVizError(
            f"a comparison needs at least two models, got {len(models)}; pass one model alone."
        )
    if names is None:
        names = [f"model {i + 1}" for i in range(len(models))]
    names = [str(name) for name in names]
    if len(names) != len(models):
        raise LayerVizError(f"{len(models)} models but {len(names)} names; give one name each.")
    if len(set(names)) != len(names):
        raise LayerVizError(f"model names must differ; got {names}.")
    children = []
    for name, model in zip(names, models, strict=True):
        try:
            children.append(show(model, x, y, **options))
        except LayerVizError as err:
            raise LayerVizError(f"{name}: {err}") from err
    return LayerVizComparison(widgets=children, names=names)
