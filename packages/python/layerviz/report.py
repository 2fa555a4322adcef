"""One self-contained, offline, interactive HTML report of every layer of a model.

``python -m layerviz report MODEL X Y --out report.html`` and :func:`write_report`: the same view
as in the notebook (all layers, linked hover and selection, slider, metrics, layout controls and
export) in one HTML file with every script inlined, so it opens without a network, a kernel or a
server — to send by e-mail or attach to a CI run.
"""

from __future__ import annotations

import datetime
import html
import json
from pathlib import Path
from typing import Any

import numpy as np

from .errors import LayerVizError

#: Each layer's activations are stored with at most this many dimensions (their principal
#: components): the view reduces every layer to this many before laying it out anyway, and it
#: keeps the file small.
REPORT_FEATURES = 50


def write_report(
    model: Any,
    x: Any = None,
    y: Any = None,
    out: str | Path = "report.html",
    *,
    title: str | None = None,
    compute: str = "kernel",
    **options: Any,
) -> Path:
    """Write an offline, interactive HTML report of every layer of ``model`` on ``x``.

    The activations are computed now (by Keras by default, ``compute="kernel"``) and stored in
    the file with at most 50 principal components per layer; the page lays each layer out when
    it opens (t-SNE of 2,000 points takes a few seconds per layer, with a progress bar) and then
    works like the notebook's view. Opening it needs no network.

    Parameters
    ----------
    model, x, y
        As for :func:`layerviz.show`; or a :class:`~layerviz.Recorder` (without ``x`` and ``y``),
        whose every recorded epoch goes into the page, with its epoch slider.
    out : str or Path, default "report.html"
        The file to write (its folder is created).
    title : str, optional
        The heading of the page; default "layerviz: <model name>".
    compute : {"kernel", "browser", "auto"}, default "kernel"
        Where the activations are computed: ``"kernel"`` (Keras, now; the smallest file),
        ``"browser"`` (the model's weights and ``x`` go into the file and TF.js computes the
        layers when it opens) or ``"auto"``.
    **options
        Any other keyword of :func:`layerviz.show` (``layers``, ``max_points``, ``method``,
        ``texts``, ...).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    LayerVizError
        As :func:`layerviz.show` does, or when the report page script is not installed.

    """
    from .api import show
    from .recorder import Recorder

    if isinstance(model, Recorder):
        if x is not None or y is not None:
            raise LayerVizError(
                "a Recorder holds its own samples: call write_report(rec, out=...) without x and "
                "y (pass them to layerviz.Recorder(x, y))."
            )
        widget = show(model, **options)
        epochs = _recorded_epochs(widget)
        name = getattr(model.model, "name", None) or "recorded training"
    else:
        widget = show(model, x, y, compute=compute, save_model=True, **options)
        _reduce_activations(widget)
        epochs = None
        name = getattr(model, "name", None) or Path(str(model)).stem
    page = report_html(widget, title or f"layerviz: {name}", epochs)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    widget.close()
    return target


def _reduce_activations(widget: Any) -> None:
    """Keep at most :data:`REPORT_FEATURES` principal components of each kernel-computed layer.

    The view reduces every layer to as many before laying it out anyway; the file stays small.
    """
    if widget.compute == "kernel" and widget.activations is not None:
        widget.activations = {
            name: principal_components(values, REPORT_FEATURES)
            for name, values in widget.activations.items()
        }


#: The traits that change with a recorder widget's epoch (see ``timeline_widget.epoch_traits``).
EPOCH_TRAITS = ("activations", "predictions", "confidence", "epoch_cka")


def _recorded_epochs(widget: Any) -> list[dict[str, Any]]:
    """Every recorded epoch's own traits, saved as ``ipywidgets.embed`` saves a state.

    Returns one ``{"epoch", "state", "buffers"}`` per epoch; the widget is left on its last epoch
    with its activations reduced. The page swaps them in when its epoch slider moves.
    """
    from ipywidgets.embed import embed_data

    saved = []
    for epoch in widget.epochs:
        widget.epoch = epoch
        _reduce_activations(widget)
        data = embed_data(views=[widget], drop_defaults=False)
        state = data["manager_state"]["state"][widget.model_id]
        saved.append(
            {
                "epoch": epoch,
                "state": {k: v for k, v in state["state"].items() if k in EPOCH_TRAITS},
                "buffers": [b for b in state.get("buffers", []) if b["path"][0] in EPOCH_TRAITS],
            }
        )
    return saved


def principal_components(values: np.ndarray, count: int) -> np.ndarray:
    """Return ``values`` ``(N, D)`` projected on its first ``count`` principal components.

    Distances between samples change only by what the left-out components held; a layer with
    ``D <= count`` is returned as float32, unchanged.
    """
    values = np.asarray(values, dtype=np.float32)
    if values.ndim != 2 or values.shape[1] <= count:
        return values
    centered = values - values.mean(axis=0, keepdims=True)
    u, s, _ = np.linalg.svd(centered.astype(np.float64), full_matrices=False)
    return (u[:, :count] * s[:count]).astype(np.float32)


def report_html(widget: Any, title: str, epochs: list[dict[str, Any]] | None = None) -> str:
    """Return the report page of ``widget``: a heading, a summary line and the view, offline.

    The page carries the widget's state (binary traits base64-encoded, as ``ipywidgets.embed``
    writes them), a recorder's every epoch (``epochs``, from :func:`_recorded_epochs`) and one
    script with the view, TF.js, Plotly and the layout worker (``layerviz/report_page/report.js``,
    built from packages/jupyterlab/src/report).
    """
    from ipywidgets.embed import embed_data

    script, css = _page_assets()
    data = embed_data(views=[widget], drop_defaults=False)
    saved = data["manager_state"]["state"][widget.model_id]
    state = {"state": saved["state"], "buffers": saved.get("buffers", [])}
    return REPORT_PAGE.format(
        title=html.escape(title),
        summary=html.escape(_summary(widget)),
        css=css,
        state=_script_json(state),
        epochs=_script_json(epochs or []),
        script=script,
    )


def _script_json(value: Any) -> str:
    """``value`` as JSON inside a ``<script>``: "</" and "<!--" must not end or comment it."""
    return json.dumps(value).replace("</", "<\\/").replace("<!--", "<\\u0021--")


#: The report page; the view's own stylesheet follows the page's.
REPORT_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="layerviz">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1200px;
  padding: 0 1rem; color: #222; }}
h1 {{ font-size: 1.5rem; margin-bottom: 0.2rem; }}
.layerviz-summary {{ color: #555; margin-top: 0; }}
</style>
<style>
{css}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="layerviz-summary">{summary}</p>
<div id="layerviz"></div>
<script type="application/json" id="layerviz-state">{state}</script>
<script type="application/json" id="layerviz-epochs">{epochs}</script>
<script>{script}</script>
</body>
</html>
"""


def _page_assets() -> tuple[str, str]:
    folder = Path(__file__).with_name("report_page")
    try:
        script = (folder / "report.js").read_text(encoding="utf-8")
        css = (folder / "view.css").read_text(encoding="utf-8")
    except OSError as err:
        raise LayerVizError(
            "the report page script (layerviz/report_page/report.js) is missing: reinstall "
            "layerviz, or in a source checkout run `bash scripts/setup.sh`."
        ) from err
    return script, css


def _summary(widget: Any) -> str:
    shown = len(widget.sample_ids) if widget.sample_ids is not None else 0
    total = widget.total_samples or shown
    layers = widget.layers or [info["name"] for info in widget.layer_info]
    where = "Keras" if widget.compute == "kernel" else "TF.js in this page"
    date = datetime.date.today().isoformat()
    samples = f"{shown:,} of {total:,} samples" if total > shown else f"{shown:,} samples"
    layer_list = ", ".join(layers) if layers else "every layer"
    epochs = list(getattr(widget, "epochs", None) or [])
    recorded = f"; recorded before training and after {max(epochs)} epochs" if epochs else ""
    return (
        f"{samples}; layers: {layer_list}{recorded}; activations computed by {where}; "
        f"written {date}."
    )
