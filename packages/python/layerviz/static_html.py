"""A notebook as one offline HTML file with its widgets live: ``python -m layerviz html``."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import LayerVizError

#: The name the widget's AMD module is known by (the ``_model_module`` of its widgets).
MODULE_NAME = "@layerviz/jupyterlab"
_TEMPLATES = Path(__file__).parent / "templates"
_ANONYMOUS_DEFINE = 'define(["@jupyter-widgets/base"]'


def widget_assets() -> Path:
    """Return the folder holding the AMD widget bundle (``index.js``) and ``vendor/``.

    It is ``layerviz/nbextension`` in a source checkout after ``npm run build``, or
    ``share/jupyter/nbextensions/@layerviz/jupyterlab`` where the wheel installed it.

    Raises
    ------
    LayerVizError
        If neither holds the bundle.

    """
    from jupyter_core.paths import jupyter_path

    candidates = [Path(__file__).parent / "nbextension"]
    candidates += [Path(p) for p in jupyter_path("nbextensions", *MODULE_NAME.split("/"))]
    for folder in candidates:
        if (folder / "index.js").is_file() and (folder / "vendor" / "embed-amd.js").is_file():
            return folder
    raise LayerVizError(
        "the layerviz widget bundle (nbextensions/@layerviz/jupyterlab/index.js) is missing: "
        "reinstall layerviz, or in a source checkout run `npm run build`."
    )


def _inline(script: str) -> str:
    """Make ``script`` safe inside an inline ``<script>`` element (no early ``</script>``)."""
    return re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE)


def notebook_html(notebook: str | Path, out: str | Path | None = None) -> Path:
    """Write ``notebook`` as one HTML file whose widgets render offline, with no CDN.

    Like ``jupyter nbconvert --to html`` (JupyterLab's look), but RequireJS, the widgets' HTML
    manager and the layerviz widget are inlined, so the page shows the widget state saved in
    the notebook — layerviz's plots with their linking — without a network or a kernel.

    Parameters
    ----------
    notebook : str or Path
        A saved ``.ipynb``; its widget state must have been saved with it (JupyterLab with
        layerviz installed saves it by default).
    out : str or Path, optional
        The HTML file to write; default: the notebook's path with ``.html``.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    LayerVizError
        If the notebook cannot be read, nbconvert is missing, or the widget bundle is.

    """
    source = Path(notebook)
    target = Path(out) if out is not None else source.with_suffix(".html")
    try:
        import nbformat
        from nbconvert import HTMLExporter
    except ImportError as err:
        raise LayerVizError(
            "writing notebooks as HTML needs nbconvert: pip install nbconvert"
        ) from err
    try:
        nb = nbformat.read(source, as_version=4)
    except (OSError, ValueError) as err:
        raise LayerVizError(f"cannot read the notebook {source}: {err}") from err
    assets = widget_assets()
    widget = (assets / "index.js").read_text(encoding="utf-8")
    if _ANONYMOUS_DEFINE not in widget:
        raise LayerVizError(f"{assets / 'index.js'} is not layerviz's AMD bundle; rebuild it.")
    # Inline, RequireJS cannot name the module after its URL: it gets the widgets' module name.
    widget = widget.replace(
        _ANONYMOUS_DEFINE, f'define("{MODULE_NAME}", ["@jupyter-widgets/base"]', 1
    )
    scripts = {
        "require_js": _inline((assets / "vendor" / "require.js").read_text(encoding="utf-8")),
        "widget": _inline(widget),
        "embed_amd": _inline((assets / "vendor" / "embed-amd.js").read_text(encoding="utf-8")),
    }
    exporter = HTMLExporter(
        template_name="layerviz_html", extra_template_basedirs=[str(_TEMPLATES)]
    )
    body, _ = exporter.from_notebook_node(
        nb, resources={"layerviz_scripts": scripts, "metadata": {"name": source.stem}}
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target
