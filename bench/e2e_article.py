"""The article's model on 2,000 sentences: prepare it, and time the seed's procedure on it.

Usage:
    python bench/e2e_article.py prepare DIR   # train the model, write DIR/article.keras, x.npy, y.npy
    python bench/e2e_article.py seed DIR [sklearn|opentsne]

``seed`` times what the article does for every layer (Embedding, Bidirectional LSTM, Dropout,
Dense): a truncated Keras model's predictions, flattened, brought to 50 dimensions with
scikit-learn's PCA when wider, then a 2-D t-SNE (scikit-learn's, as the article, or openTSNE's
with 2 threads). Imports, loading the model and data, and one warm-up run of every step on 100
samples stay outside the clock. The JSON line on stdout carries ``seconds`` (all four layers)
and ``per_layer``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = 2000
MAX_FEATURES, MAXLEN = 5000, 40


def prepare(folder: Path) -> None:
    """Train the article's BiLSTM on the sentiment sentences (as notebooks/ does) and save it."""
    import keras

    keras.utils.set_random_seed(0)
    texts, labels = [], []
    data = ROOT / "data" / "sentiment-labelled-sentences"
    for name in ["imdb_labelled.txt", "amazon_cells_labelled.txt", "yelp_labelled.txt"]:
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            sentence, _, label = line.strip().rpartition("\t")
            if sentence:
                texts.append(sentence.strip())
                labels.append(int(label))
    order = np.random.default_rng(0).permutation(len(texts))
    texts = np.array(texts)[order]
    labels = np.array(labels)[order]
    vectorize = keras.layers.TextVectorization(
        max_tokens=MAX_FEATURES, output_sequence_length=MAXLEN
    )
    vectorize.adapt(texts)
    x = np.asarray(vectorize(texts)).astype("int32")
    model = keras.Sequential(
        [
            keras.Input(shape=(MAXLEN,), dtype="int32"),
            keras.layers.Embedding(MAX_FEATURES, 128),
            keras.layers.Bidirectional(keras.layers.LSTM(64)),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    model.fit(x[SAMPLES:], labels[SAMPLES:], batch_size=32, epochs=4, verbose=0)
    folder.mkdir(parents=True, exist_ok=True)
    model.save(folder / "article.keras")
    np.save(folder / "x.npy", x[:SAMPLES])
    np.save(folder / "y.npy", labels[:SAMPLES])


def seed(folder: Path, tsne: str) -> None:
    """Time the seed's procedure on every layer; print one JSON line."""
    import keras
    from openTSNE import TSNE as OpenTSNE
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    model = keras.models.load_model(folder / "article.keras")
    x = np.load(folder / "x.npy")

    def layout(features: np.ndarray) -> np.ndarray:
        # A PCA initialisation needs two features; the one-unit output layer starts at random.
        init = "pca" if features.shape[1] > 1 else "random"
        if tsne == "opentsne":
            return np.asarray(
                OpenTSNE(n_jobs=2, random_state=0, initialization=init).fit(features)
            )
        return TSNE(n_components=2, init=init, random_state=0).fit_transform(features)

    def one_layer(layer: object, rows: np.ndarray) -> None:
        truncated = keras.Model(model.inputs, layer.output)
        out = truncated.predict(rows, batch_size=128, verbose=0).reshape(len(rows), -1)
        if out.shape[1] > 50:
            out = PCA(n_components=50, random_state=0).fit_transform(out)
        layout(out.astype("float32"))

    layers = [layer for layer in model.layers if type(layer).__name__ != "InputLayer"]
    for layer in layers:  # warm-up: graph tracing, BLAS and thread pools start here
        one_layer(layer, x[:100])
    per_layer = {}
    start = time.perf_counter()
    for layer in layers:
        t = time.perf_counter()
        one_layer(layer, x)
        per_layer[layer.name] = time.perf_counter() - t
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {"method": f"seed ({tsne})", "seconds": seconds, "per_layer": per_layer}
        )
    )


def main() -> None:
    """Run the command named on the command line."""
    command, folder = sys.argv[1], Path(sys.argv[2])
    if command == "prepare":
        prepare(folder)
    elif command == "seed":
        seed(folder, sys.argv[3] if len(sys.argv) > 3 else "sklearn")
    else:
        raise SystemExit(f"unknown command {command!r}; use prepare or seed")


if __name__ == "__main__":
    main()
