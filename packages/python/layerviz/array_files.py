"""Samples and labels from files, for the command line: ``.npy``, ``.npz`` and folders of shards.

A folder of ``.npy`` (or ``.npz``) shards is read as data in batches, one shard at a time and
memory-mapped, so a report of a few thousand samples never loads the whole set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from .errors import LayerVizError


class Shards:
    """The ``.npy`` or ``.npz`` files of a folder, in natural name order, as batches.

    Each ``.npy`` shard is a batch of samples; each ``.npz`` shard holds ``x`` and, optionally,
    ``y``. ``labels``, a second folder of ``.npy`` shards, gives the labels shard by shard.
    """

    def __init__(self, folder: Path, labels: Path | None = None) -> None:
        #: What it is, for messages.
        self.kind = f"the shards in {folder}"
        self.files = _shard_files(folder)
        self.labels = None if labels is None else _shard_files(labels)
        if self.labels is not None and len(self.labels) != len(self.files):
            raise LayerVizError(
                f"{folder} holds {len(self.files)} shards but {labels} {len(self.labels)}; give "
                "one label shard per sample shard (matched in name order)."
            )

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Any]:
        for i, path in enumerate(self.files):
            x, y = _read_pair(path)
            if self.labels is not None:
                y = read_array(self.labels[i], "the labels")
            yield x if y is None else (x, y)


def load_data(x_path: str | Path, y_path: str | Path | None) -> tuple[Any, Any]:
    """Read the command line's samples and labels.

    Parameters
    ----------
    x_path : str or Path
        A ``.npy`` file; a ``.npz`` file with arrays ``x`` and (optionally) ``y``; or a folder
        of ``.npy``/``.npz`` shards (read in batches).
    y_path : str or Path, optional
        Labels: a ``.npy`` file (one per sample), or, with a folder of shards, a folder of as
        many ``.npy`` label shards.

    Returns
    -------
    x, y
        Arrays, or a :class:`Shards` and None (its batches carry the labels).

    Raises
    ------
    LayerVizError
        Naming the file that cannot be read and why.

    """
    x_file = Path(x_path)
    y_file = None if y_path is None else Path(y_path)
    if x_file.is_dir():
        if y_file is not None and not y_file.is_dir():
            raise LayerVizError(
                f"{x_path} is a folder of shards, so the labels must be one too (or come in "
                f".npz shards as y); {y_path} is not a folder."
            )
        return Shards(x_file, y_file), None
    x, y = _read_pair(x_file)
    if y_file is not None:
        y = read_array(y_file, "the labels")
    return x, y


def _read_pair(path: Path) -> tuple[np.ndarray, np.ndarray | None]:
    if path.suffix != ".npz":
        return read_array(path, "the samples"), None
    try:
        with np.load(path, allow_pickle=False) as arrays:
            if "x" not in arrays:
                raise LayerVizError(
                    f"{path} holds {', '.join(arrays.files)} but no array named x; save it with "
                    "np.savez(path, x=samples, y=labels)."
                )
            return arrays["x"], arrays["y"] if "y" in arrays else None
    except (OSError, ValueError) as err:
        raise LayerVizError(f"cannot read the samples from {path}: {err}") from err


def read_array(path: str | Path, what: str) -> np.ndarray:
    """Read a ``.npy`` file (memory-mapped), naming ``what`` it is when that fails."""
    try:
        return np.load(path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError) as err:
        raise LayerVizError(f"cannot read {what} from {path}: {err}") from err


def _shard_files(folder: Path) -> list[Path]:
    files = [p for p in folder.iterdir() if p.suffix in (".npy", ".npz")]
    if not files:
        raise LayerVizError(f"{folder} holds no .npy or .npz shards.")
    return sorted(files, key=_natural)


def _natural(path: Path) -> list[Any]:
    # shard_2 before shard_10.
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]
