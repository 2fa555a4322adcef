"""Train a small Keras model of the digits with a layerviz.Recorder and write its report.

Usage: python make_recorder_report.py DIR  ->  DIR/recorder.html (300 samples, 3 layers,
before training and after each of 3 epochs).
"""

import sys
from pathlib import Path

import keras
import layerviz
from layerviz.report import write_report
from sklearn.datasets import load_digits

out = Path(sys.argv[1])
digits = load_digits()
x = (digits.data / 16).astype("float32")
y = digits.target
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((64,)),
        keras.layers.Dense(32, activation="relu", name="hidden1"),
        keras.layers.Dense(16, activation="relu", name="hidden2"),
        keras.layers.Dense(10, activation="softmax", name="probs"),
    ],
    name="digits",
)
model.compile("adam", "sparse_categorical_crossentropy")
rec = layerviz.Recorder(x, y, max_points=300)
model.fit(x, y, epochs=3, verbose=0, callbacks=[rec])
write_report(
    rec, out=out / "recorder.html", title="Digits, epoch by epoch", method="pca"
)
