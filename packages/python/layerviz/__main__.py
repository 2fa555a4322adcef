"""Command-line tools: ``python -m layerviz convert|check|html|report ...``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from .errors import LayerVizError
from .options import DEFAULT, OPTION


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 on success)."""
    from ._version import __version__

    parser = argparse.ArgumentParser(
        prog="python -m layerviz",
        description="layerviz tools for scripts and CI.",
    )
    parser.add_argument("--version", action="version", version=f"layerviz {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser(
        "convert",
        help="convert a saved Keras model to TF.js layers format",
        description="Write OUT_DIR/model.json and its weights, loadable with tf.loadLayersModel.",
    )
    convert.add_argument("model", help="a saved Keras model (.keras or .h5)")
    convert.add_argument(
        "out_dir", nargs="?", help="folder to write model.json and the weights into"
    )
    convert.add_argument(
        "-o", "--out", default=None, help="the same folder, spelt as the other commands spell it"
    )
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
    check = commands.add_parser(
        "check",
        help="compare every layer's activations, Keras vs TF.js, on samples from a .npy",
        description=(
            "Compute every layer of MODEL on X with Keras and with TF.js (the widget's own code, "
            "in Node), pooled as the widget pools them; print each layer's max |TF.js - Keras| "
            "divided by max(1, max |Keras|) and exit 1 if any is above the tolerance."
        ),
    )
    check.add_argument("model", help="a saved Keras model (.keras or .h5)")
    check.add_argument("x", help="samples as a .npy file, in the form the model takes")
    check.add_argument(
        "--tolerance", type=float, default=1e-4, help="largest scaled difference (default 1e-4)"
    )
    report = commands.add_parser(
        "report",
        help="write one offline, interactive HTML report of every layer of a model",
        description=(
            "Compute every layer's activations of MODEL on X (Keras, in this process) and write "
            "one HTML file with the layerviz view and every script inlined: all layers, linked "
            "hover and selection, metrics, export. It opens offline and lays the layers out "
            "when opened."
        ),
    )
    report.add_argument("model", help="a saved Keras model (.keras or .h5)")
    report.add_argument(
        "x",
        help="samples in the form the model takes: a .npy file, a .npz file with arrays x and y, "
        "or a folder of .npy/.npz shards (read shard by shard)",
    )
    report.add_argument(
        "y",
        nargs="?",
        help="labels: a .npy file (ids, names or one-hot rows), or a folder of label shards",
    )
    report.add_argument("-o", "--out", default="report.html", help="HTML file (report.html)")
    report.add_argument("--title", default=None, help="heading of the page")
    report.add_argument("--layers", default=None, help="comma-separated layer names (all)")
    report.add_argument(
        "--max-points",
        type=int,
        default=DEFAULT["max_points"],
        help=f"at most this many samples ({DEFAULT['max_points']})",
    )
    report.add_argument(
        "--method",
        default=DEFAULT["method"],
        choices=list(OPTION["method"].choices or ()),
        help=f"layout ({DEFAULT['method']})",
    )
    report.add_argument("--seed", type=int, default=0, help="seed of the sampling and layouts")
    report.add_argument(
        "--compute",
        default="kernel",
        choices=["kernel", "browser", "auto"],
        help="kernel: Keras computes now (smallest file); browser: TF.js in the page",
    )
    args = parser.parse_args(argv)
    if args.command == "report":
        return _report(args)
    if args.command == "html":
        return _html(args.notebook, args.out)
    if args.command == "check":
        return _check(args.model, args.x, args.tolerance)
    out_dir = args.out if args.out is not None else args.out_dir
    if out_dir is None or (args.out is not None and args.out_dir is not None):
        parser.error("convert takes one output folder: OUT_DIR or -o/--out OUT_DIR")
    return _convert(args.model, out_dir)


def _html(notebook: str, out: str | None) -> int:
    from .static_html import notebook_html

    try:
        path = notebook_html(notebook, out)
    except LayerVizError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


def _check(model_path: str, x_path: str, tolerance: float) -> int:
    from .array_files import read_array
    from .fidelity_check import check_model, format_checks

    model = _load_keras(model_path)
    if model is None:
        return 2
    try:
        checks = check_model(model, read_array(x_path, "the samples"))
    except LayerVizError as err:
        print(err, file=sys.stderr)
        return 2
    print(format_checks(checks, tolerance))
    failed = [c.name for c in checks if not c.difference <= tolerance]
    if failed:
        print(f"{len(failed)} layer(s) above {tolerance:g}: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _report(args: argparse.Namespace) -> int:
    from .array_files import load_data
    from .report import write_report

    model = _load_keras(args.model)
    if model is None:
        return 2
    try:
        x, y = load_data(args.x, args.y)
        path = write_report(
            model,
            x,
            y,
            args.out,
            title=args.title,
            compute=args.compute,
            layers=None if args.layers is None else args.layers.split(","),
            max_points=args.max_points,
            method=args.method,
            seed=args.seed,
        )
    except LayerVizError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


def _load_keras(model_path: str) -> Any:
    try:
        import keras
    except ImportError:
        print(
            "this command loads a Keras model, and Keras is not installed here: "
            'pip install "keras>=3" and a backend for it (e.g. pip install tensorflow)',
            file=sys.stderr,
        )
        return None
    try:
        return keras.saving.load_model(model_path, compile=False)
    except (OSError, ValueError) as err:
        print(f"cannot load {model_path!r} as a Keras model: {err}", file=sys.stderr)
        return None


def _convert(model_path: str, out_dir: str) -> int:
    from .convert import UnsupportedModelError, to_tfjs

    model = _load_keras(model_path)
    if model is None:
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
