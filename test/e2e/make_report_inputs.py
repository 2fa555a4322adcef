"""Write a small trained Keras model of the digits and 2,000 samples for the report e2e test.

Usage: python make_report_inputs.py DIR  ->  DIR/model.keras, DIR/x.npy, DIR/y.npy (class names).
"""

import sys
from pathlib import Path

import keras
import numpy as np
from sklearn.datasets import load_digits

out = Path(sys.argv[1])
digits = load_digits()
x = (np.concatenate([digits.data, digits.data[:203]]) / 16).astype("float32")
y = np.concatenate([digits.target, digits.target[:203]])
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((64,)),
        keras.layers.Dense(128, activation="relu", name="hidden1"),
        keras.layers.Dense(64, activation="relu", name="hidden2"),
        keras.layers.Dense(32, activation="relu", name="hidden3"),
        keras.layers.Dense(10, activation="softmax", name="probs"),
    ],
    name="digits",
)
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(x, y, epochs=3, verbose=0)
model.save(out / "model.keras")
np.save(out / "x.npy", x)
np.save(out / "y.npy", np.array([f"digit {d}" for d in y]))
