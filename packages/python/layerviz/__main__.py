"""Command-line tools: ``python -m layerviz convert MODEL OUT_DIR`` and ``... html NOTEBOOK``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .errors import LayerVizError


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 on success)."""
    parser = argparse.ArgumentParser(
        prog="python -m layerviz",
        description="layerviz tools for scripts and CI.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser(
        "convert",
        help="convert a saved Keras model to TF.js layers format",
        description="Write OUT_DIR/model.json and its weights, loadable with tf.loadLayersModel.",
    )
    convert.add_argument("model", help="a saved Keras model (.keras or .h5)")
    convert.add_argument("out_dir", help="folder to write model.json and the weights into")
    html = commands.add_parser(
        "html",
        help="write a saved notebook as one offline HTML file with its widgets live",
        description=(
            "Like `jupyter nbconvert --to html`, with the widget scripts inlined: the page shows "
            "the widget state saved in the notebook (layerviz's plots, linked) without a network "
            "or a kernel."
        ),
    )
    html.add_argument("notebook", help="a saved .ipynb with its widget state")
    html.add_argument("-o", "--out", default=None, help="HTML file (default: NOTEBOOK.html)")
    args = parser.parse_args(argv)
    if args.command == "html":
        return _html(args.notebook, args.out)
    return _convert(args.model, args.out_dir)


def _html(notebook: str, out: str | None) -> int:
    from .static_html import notebook_html

    try:
        path = notebook_html(notebook, out)
    except LayerVizError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


def _convert(model_path: str, out_dir: str) -> int:
    import keras

    from .convert import UnsupportedModelError, to_tfjs

    try:
        model = keras.saving.load_model(model_path, compile=False)
    except (OSError, ValueError) as err:
        print(f"cannot load {model_path!r} as a Keras model: {err}", file=sys.stderr)
        return 2
    try:
        path = to_tfjs(model).save(out_dir)
    except UnsupportedModelError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
