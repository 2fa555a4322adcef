import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[3]
VOCAB, MAXLEN = 60, 12


@pytest.fixture(scope="session")
def keras():
    import keras

    keras.utils.set_random_seed(0)
    return keras


@pytest.fixture(scope="session")
def tf_keras():
    """tf.keras 2 (the `tf_keras` package), for the models people still train with it."""
    tf_keras = pytest.importorskip("tf_keras")
    tf_keras.utils.set_random_seed(0)
    return tf_keras


@pytest.fixture(scope="session")
def article_model(keras):
    """The article's Sequential model, small: Embedding → Bidirectional(LSTM) → Dropout → Dense."""
    model = keras.Sequential(
        [
            keras.Input((MAXLEN,), dtype="int32"),
            # Explicit names: Keras's automatic ones depend on what the process built before.
            keras.layers.Embedding(VOCAB, 8, name="embedding"),
            keras.layers.Bidirectional(keras.layers.LSTM(5, name="lstm"), name="bidirectional"),
            keras.layers.Dropout(0.5, name="dropout"),
            keras.layers.Dense(1, activation="sigmoid", name="dense"),
        ],
        name="article",
    )
    # Non-trivial weights everywhere, as after training (Keras zero-initializes biases).
    rng = np.random.default_rng(1)
    model.set_weights([rng.normal(0, 0.5, w.shape).astype("float32") for w in model.get_weights()])
    return model


@pytest.fixture(scope="session")
def functional_model(keras):
    """A functional model with a padding mask (mask_zero) and a sequence-returning LSTM."""
    inputs = keras.Input((MAXLEN,), dtype="int32", name="tokens")
    h = keras.layers.Embedding(VOCAB, 6, mask_zero=True, name="embed")(inputs)
    h = keras.layers.LSTM(4, return_sequences=True, name="seq_lstm")(h)
    h = keras.layers.LSTM(3, name="last_lstm")(h)
    h = keras.layers.Dropout(0.2, name="drop")(h)
    outputs = keras.layers.Dense(2, activation="softmax", name="probs")(h)
    model = keras.Model(inputs, outputs, name="masked_functional")
    rng = np.random.default_rng(2)
    model.set_weights([rng.normal(0, 0.5, w.shape).astype("float32") for w in model.get_weights()])
    return model


@pytest.fixture(scope="session")
def tokens():
    """Token ids with zero padding at the end of most rows, as int64 (numpy's default)."""
    rng = np.random.default_rng(3)
    x = rng.integers(1, VOCAB, size=(31, MAXLEN))
    lengths = rng.integers(2, MAXLEN + 1, size=31)
    for row, length in enumerate(lengths):
        x[row, length:] = 0
    return x


@pytest.fixture(scope="session")
def ip():
    """The one test IPython shell of the session, with layerviz loaded.

    IPython's ``globalipapp.get_ipython`` returns the shell only on its first call, so every test
    module must share this fixture rather than call it.
    """
    import IPython
    from IPython.testing.globalipapp import start_ipython

    shell = start_ipython() or IPython.get_ipython()
    shell.run_line_magic("load_ext", "layerviz")
    return shell


@pytest.fixture(params=["keras", "tf_keras"])
def k(request):
    """Keras 3 and tf.keras 2 in turn (tf_keras tests skip where it is not installed)."""
    return request.getfixturevalue(request.param)
