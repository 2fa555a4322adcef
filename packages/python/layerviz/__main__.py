"""Command-line tools: ``python -m layerviz convert MODEL OUT_DIR``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .convert import UnsupportedModelError, to_tfjs


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
    args = parser.parse_args(argv)

    import keras

    try:
        model = keras.saving.load_model(args.model, compile=False)
    except (OSError, ValueError) as err:
        print(f"cannot load {args.model!r} as a Keras model: {err}", file=sys.stderr)
        return 2
    try:
        path = to_tfjs(model).save(args.out_dir)
    except UnsupportedModelError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
