"""Per-layer features of two trained models, for warm_start.mjs.

Usage: python packages/core/test/perf/layer_features.py OUT_DIR

Writes OUT_DIR/<model>/<index>_<layer>.f32 (float32, (N, ≤50) row-major: the layer's output
flattened and brought to 50 dimensions by scikit-learn's PCA when wider, as layerviz does),
OUT_DIR/<model>/labels.i32 and OUT_DIR/<model>/layers.json. Models: ``digits`` (an MLP of four
hidden ReLU layers trained on scikit-learn's 1,797 digits), ``cnn`` (a small CNN on the same
digits as 8 x 8 images) and ``article`` (the article's
Embedding -> BiLSTM -> Dropout -> Dense on 2,000 shipped sentences, via bench/e2e_article.py).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def write(folder: Path, model, x: np.ndarray, y: np.ndarray) -> None:
    import keras
    from sklearn.decomposition import PCA

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for index, layer in enumerate(model.layers):
        out = keras.Model(model.inputs, layer.output).predict(x, verbose=0)
        out = out.reshape(len(x), -1).astype(np.float32)
        if out.shape[1] > 50:
            out = PCA(50, random_state=0).fit_transform(out).astype(np.float32)
        name = f"{index}_{layer.name}"
        out.tofile(folder / f"{name}.f32")
        names.append({"name": name, "cols": int(out.shape[1])})
    np.asarray(y, dtype=np.int32).tofile(folder / "labels.i32")
    (folder / "layers.json").write_text(json.dumps({"rows": len(x), "layers": names}))


def digits(out: Path) -> None:
    import keras
    from sklearn.datasets import load_digits

    keras.utils.set_random_seed(0)
    x, y = load_digits(return_X_y=True)
    x = (x / 16).astype(np.float32)
    model = keras.Sequential(
        [keras.Input((64,))]
        + [keras.layers.Dense(n, activation="relu") for n in (256, 128, 64, 32)]
        + [keras.layers.Dense(10, activation="softmax")]
    )
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(x, y, epochs=20, batch_size=32, verbose=0)
    write(out / "digits", model, x, y)


def cnn(out: Path) -> None:
    import keras
    from sklearn.datasets import load_digits

    keras.utils.set_random_seed(0)
    x, y = load_digits(return_X_y=True)
    x = (x / 16).astype(np.float32).reshape(-1, 8, 8, 1)
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
            keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(64, 3, activation="relu", padding="same"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(x, y, epochs=20, batch_size=32, verbose=0)
    write(out / "cnn", model, x, y)


def article(out: Path) -> None:
    import keras

    sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "bench"))
    import e2e_article

    folder = out / "article-model"
    if not (folder / "article.keras").exists():
        e2e_article.prepare(folder)
    model = keras.models.load_model(folder / "article.keras")
    write(out / "article", model, np.load(folder / "x.npy"), np.load(folder / "y.npy"))


if __name__ == "__main__":
    target = Path(sys.argv[1])
    digits(target)
    cnn(target)
    article(target)
