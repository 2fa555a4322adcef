"""Write the benchmark's data sets as raw float32 + JSON (read by bench/run.mjs).

- ``digits``: scikit-learn's 8x8 digits, 1,797 x 64, labels 0-9 (ships with scikit-learn).
- ``activations``: the 64-unit ``hidden`` Dense layer of a small CNN trained on the digits,
  evaluated on 20,000 images made from the digits by shifting each by up to one pixel and adding
  mild noise (labels 0-9). Real activations of a real trained model, at sizes digits alone lacks.
- ``pca-D``: 10,000 x D synthetic matrices (D = 128, 1,024, 8,192) with a decaying spectrum
  (rank-100 signal with singular values ~ 1/i, plus noise), for the PCA section.

Usage: python bench/prepare_data.py OUT_DIR
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

N_ACTIVATIONS = 20_000
PCA_ROWS = 10_000
PCA_WIDTHS = (128, 1024, 8192)


def save(out: Path, name: str, x: np.ndarray, labels: np.ndarray | None) -> None:
    """Write ``name.f32`` (row-major float32), ``name.labels.i32`` and ``name.json``."""
    x = np.ascontiguousarray(x, dtype=np.float32)
    x.tofile(out / f"{name}.f32")
    meta = {
        "rows": int(x.shape[0]),
        "cols": int(x.shape[1]),
        "labels": labels is not None,
    }
    if labels is not None:
        np.ascontiguousarray(labels, dtype=np.int32).tofile(out / f"{name}.labels.i32")
    (out / f"{name}.json").write_text(json.dumps(meta))


def augmented_digits(images: np.ndarray, labels: np.ndarray, n: int, seed: int):
    """Shift random digits by -1..1 pixels in each direction and add noise."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(images), n)
    out = np.empty((n, 8, 8), dtype=np.float32)
    for row, i in enumerate(pick):
        dy, dx = rng.integers(-1, 2, 2)
        out[row] = np.roll(np.roll(images[i], dy, axis=0), dx, axis=1)
    out += rng.normal(0, 0.5, out.shape).astype(np.float32)
    return out / 16.0, labels[pick]


def activations(
    images: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Train the small CNN and return its hidden layer's activations on augmented digits."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras

    keras.utils.set_random_seed(0)
    x_train, y_train = augmented_digits(images, labels, 10_000, seed=1)
    inputs = keras.Input((8, 8, 1))
    h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Flatten()(h)
    hidden = keras.layers.Dense(64, activation="relu", name="hidden")(h)
    outputs = keras.layers.Dense(10, activation="softmax")(hidden)
    model = keras.Model(inputs, outputs)
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train[..., None], y_train, epochs=5, batch_size=128, verbose=0)
    x, y = augmented_digits(images, labels, N_ACTIVATIONS, seed=2)
    probe = keras.Model(inputs, hidden)
    return probe.predict(x[..., None], batch_size=1024, verbose=0), y


def main() -> None:
    """Write every data set into the directory given on the command line."""
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    from sklearn.datasets import load_digits

    digits = load_digits()
    save(out, "digits", digits.data, digits.target)
    acts, y = activations(digits.images, digits.target)
    # A fixed shuffle, so N = 1k, 5k, ... are nested random subsets of the 20,000.
    order = np.random.default_rng(3).permutation(len(acts))
    save(out, "activations", acts[order], y[order])
    rng = np.random.default_rng(4)
    for width in PCA_WIDTHS:
        u = rng.standard_normal((PCA_ROWS, 100)).astype(np.float32)
        v = rng.standard_normal((100, width)).astype(np.float32)
        x = (u / np.arange(1, 101, dtype=np.float32)) @ v
        x += rng.normal(0, 0.05, x.shape).astype(np.float32)
        save(out, f"pca-{width}", x, None)
    print(f"data written to {out}")


if __name__ == "__main__":
    main()
