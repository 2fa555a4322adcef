"""A notebook as one offline HTML file with its widgets live: ``python -m layerviz html``."""

from __future__ import annotations

from pathlib import Path

from .errors import LayerVizError

#: The nbconvert template (installed in share/jupyter/nbconvert/templates/layerviz) that inlines
#: the widget scripts.
TEMPLATE = "layerviz"
#: Where the widget's AMD bundle is installed, under a share/jupyter directory.
BUNDLE = ("nbextensions", "@layerviz", "jupyterlab")


def widget_assets() -> Path:
    """Return the installed folder holding the AMD widget bundle (``index.js``) and ``vendor/``.

    Raises
    ------
    LayerVizError
        If no share/jupyter directory holds the bundle or the template.

    """
    from jupyter_core.paths import jupyter_path

    for root in jupyter_path():
        folder = Path(root, *BUNDLE)
        template = Path(root, "nbconvert", "templates", TEMPLATE, "index.html.j2")
        if (folder / "index.js").is_file() and template.is_file():
            return folder
    raise LayerVizError(
        "the layerviz widget bundle (share/jupyter/nbextensions/@layerviz/jupyterlab) or its "
        "nbconvert template is not installed: reinstall layerviz, or in a source checkout run "
        "`bash scripts/setup.sh`."
    )


def notebook_html(notebook: str | Path, out: str | Path | None = None) -> Path:
    """Write ``notebook`` as one HTML file whose widgets render offline, with no CDN.

    The same as ``jupyter nbconvert --to html --template layerviz``: JupyterLab's look, with
    RequireJS, the widgets' HTML manager and the layerviz widget inlined, so the page shows the
    widget state saved in the notebook — layerviz's plots with their linking — without a
    network or a kernel.

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
        If the notebook cannot be read, or nbconvert, the template or the bundle is missing.

    """
    source = Path(notebook)
    target = Path(out) if out is not None else source.with_suffix(".html")
    try:
        import nbformat
        from nbconvert import HTMLExporter
    except ImportError as err:
        raise LayerVizError(
            "writing notebooks as HTML needs nbconvert: "
            "pip install 'jupyter-layerviz[html]' (or nbconvert)"
        ) from err
    try:
        nb = nbformat.read(source, as_version=4)
    except (OSError, ValueError) as err:
        raise LayerVizError(f"cannot read the notebook {source}: {err}") from err
    widget_assets()
    body, _ = HTMLExporter(template_name=TEMPLATE).from_notebook_node(
        nb, resources={"metadata": {"name": source.stem}}
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target
