"""A zoo of small architectures: each is converted, computed by @layerviz/core in Node and
compared with Keras layer by layer. A model the translation does not cover must fail with
the clear UnsupportedModelError instead (see test_convert.py)."""

import numpy as np
import pytest
import zoo_attention
import zoo_keras3
import zoo_layers2
import zoo_layers3
from crosslang import assert_layers_match, needs_node

pytestmark = needs_node


def randomize(model, seed):
    # Trained-like weights: Keras initializes biases and BN statistics to trivial values.
    # An adapted Normalization layer keeps its statistics: Keras computes with the values it
    # derived when adapting, not with later set_weights.
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if type(layer).__name__ == "Normalization":
            continue
        if hasattr(layer, "layers"):  # a nested model
            randomize(layer, seed + 1)
            continue
        weights = []
        for w in layer.weights:
            value = rng.normal(0, 0.4, w.shape).astype("float32")
            if "variance" in getattr(w, "path", w.name):
                value = np.abs(value) + 0.5
            weights.append(value)
        layer.set_weights(weights)
    return model


def dense_activations(k):
    acts = ["relu", "elu", "selu", "softplus", "softsign", "tanh", "sigmoid", "linear"]
    layers = [k.Input((6,))] + [k.layers.Dense(5, activation=a, name=f"d_{a}") for a in acts]
    return k.Sequential([*layers, k.layers.Activation("softmax", name="softmax")]), (32, 6)


def keras3_activation_names(k):
    acts = ["silu", "relu6", "gelu", "mish"]
    layers = [k.Input((6,))] + [k.layers.Dense(4, activation=a, name=f"d_{a}") for a in acts]
    return k.Sequential(layers), (16, 6)


def keras3_only_activations(k):
    # TF.js lacks these or (hard_sigmoid) computes a different function under the same name.
    acts = ["hard_sigmoid", "hard_silu", "leaky_relu", "exponential"]
    layers = [k.Input((6,))] + [k.layers.Dense(4, activation=a, name=f"d_{a}") for a in acts]
    return k.Sequential(layers), (16, 6)


def normalization(k):
    return k.Sequential(
        [
            k.Input((6,)),
            k.layers.Dense(8),
            k.layers.BatchNormalization(),
            k.layers.LayerNormalization(),
            k.layers.Dense(3),
        ]
    ), (16, 6)


def conv1d(k):
    return k.Sequential(
        [
            k.Input((12, 3)),
            k.layers.Conv1D(4, 3, padding="same", activation="relu"),
            k.layers.MaxPooling1D(2),
            k.layers.Conv1D(4, 3),
            k.layers.AveragePooling1D(2),
            k.layers.SpatialDropout1D(0.3),
            k.layers.GlobalMaxPooling1D(),
            k.layers.Dense(2),
        ]
    ), (10, 12, 3)


def conv2d(k):
    return k.Sequential(
        [
            k.Input((8, 8, 2)),
            k.layers.ZeroPadding2D(1),
            k.layers.Conv2D(4, 3, activation="relu"),
            k.layers.MaxPooling2D(2),
            k.layers.DepthwiseConv2D(3, padding="same"),
            k.layers.SeparableConv2D(5, 3, padding="same"),
            k.layers.AveragePooling2D(2),
            k.layers.Flatten(),
            k.layers.Dense(3),
        ]
    ), (6, 8, 8, 2)


def global_pool_2d(k):
    return k.Sequential(
        [
            k.Input((6, 6, 3)),
            k.layers.Conv2D(4, 2, strides=2),
            k.layers.GlobalAveragePooling2D(),
            k.layers.Dense(2),
        ]
    ), (6, 6, 6, 3)


def reshaping(k):
    return k.Sequential(
        [
            k.Input((12,)),
            k.layers.Rescaling(0.5, offset=1.0),
            k.layers.Reshape((3, 4)),
            k.layers.Permute((2, 1)),
            k.layers.Flatten(),
            k.layers.RepeatVector(2),
            k.layers.Flatten(),
            k.layers.Dense(2),
        ]
    ), (8, 12)


def recurrent(k):
    return k.Sequential(
        [
            k.Input((7, 3)),
            k.layers.SimpleRNN(4, return_sequences=True),
            k.layers.GRU(3, reset_after=False, return_sequences=True),
            k.layers.LSTM(3),
            k.layers.Dense(2),
        ]
    ), (9, 7, 3)


def bidirectional_modes(k):
    inputs = k.Input((6, 3))
    outs = []
    for mode in ["concat", "sum", "mul", "ave"]:
        seq = k.layers.Bidirectional(
            k.layers.LSTM(3, return_sequences=True), merge_mode=mode, name=f"bi_{mode}"
        )(inputs)
        outs.append(k.layers.GlobalMaxPooling1D(name=f"pool_{mode}")(seq))
    merged = k.layers.Concatenate(name="cat")(outs)
    return k.Model(inputs, k.layers.Dense(2, name="out")(merged)), (8, 6, 3)


def functional_merges(k):
    inputs = k.Input((5,), name="features")
    a = k.layers.Dense(4, activation="tanh", name="a")(inputs)
    b = k.layers.Dense(4, activation="relu", name="b")(inputs)
    added = k.layers.Add(name="add")([a, b])
    mult = k.layers.Multiply(name="mul")([a, b])
    avg = k.layers.Average(name="avg")([a, b, added])
    cat = k.layers.Concatenate(name="cat")([added, mult, avg])
    return k.Model(inputs, k.layers.Dense(2, name="out")(cat), name="branches"), (12, 5)


def masking(k):
    return k.Sequential(
        [
            k.Input((5, 3)),
            k.layers.Masking(0.0),
            k.layers.LSTM(4),
            k.layers.Dense(2),
        ]
    ), (10, 5, 3)


def text_cnn(k):
    return k.Sequential(
        [
            k.Input((10,), dtype="int32"),
            k.layers.Embedding(30, 6),
            k.layers.Conv1D(5, 3, strides=2, activation="relu"),
            k.layers.GlobalMaxPooling1D(),
            k.layers.Dense(2, activation="softmax"),
        ]
    ), (12, 10)


def dilated_conv(k):
    return k.Sequential(
        [
            k.Input((16, 2)),
            k.layers.Conv1D(4, 3, padding="same", activation="tanh"),
            k.layers.Conv1D(4, 3, padding="same", dilation_rate=2),
            k.layers.Conv1D(4, 2, padding="valid"),
            k.layers.Flatten(),
            k.layers.Dense(2),
        ]
    ), (8, 16, 2)


def deep_mlp(k):
    return k.Sequential(
        [
            k.Input((7,)),
            k.layers.Dense(12, use_bias=False),
            k.layers.BatchNormalization(),
            k.layers.Activation("relu"),
            k.layers.Dropout(0.3),
            k.layers.Dense(8, use_bias=False),
            k.layers.BatchNormalization(center=False, scale=False),
            k.layers.Activation("elu"),
            k.layers.Dense(3, activation="softmax"),
        ]
    ), (20, 7)


def sequence_flatten(k):
    return k.Sequential(
        [
            k.Input((5, 3)),
            k.layers.LSTM(4, return_sequences=True),
            k.layers.Flatten(),
            k.layers.Dense(2),
        ]
    ), (9, 5, 3)


def strided_conv2d(k):
    return k.Sequential(
        [
            k.Input((9, 9, 3)),
            k.layers.Conv2D(4, 3, strides=2, padding="same", activation="relu"),
            k.layers.Conv2D(6, 2, strides=1, padding="valid", use_bias=False),
            k.layers.GlobalMaxPooling2D(),
            k.layers.Dense(2),
        ]
    ), (5, 9, 9, 3)


def residual_conv(k):
    inputs = k.Input((8, 8, 4), name="image")
    h = k.layers.Conv2D(4, 3, padding="same", activation="relu", name="c1")(inputs)
    h = k.layers.Conv2D(4, 3, padding="same", name="c2")(h)
    h = k.layers.Add(name="skip")([inputs, h])
    h = k.layers.Activation("relu", name="act")(h)
    h = k.layers.GlobalAveragePooling2D(name="gap")(h)
    return k.Model(inputs, k.layers.Dense(3, name="out")(h), name="residual"), (4, 8, 8, 4)


def bidirectional_gru(k):
    return k.Sequential(
        [
            k.Input((6, 3)),
            k.layers.Bidirectional(k.layers.GRU(3, reset_after=False)),
            k.layers.Dense(2),
        ]
    ), (7, 6, 3)


def masked_recurrent_stack(k):
    return k.Sequential(
        [
            k.Input((9,), dtype="int32"),
            k.layers.Embedding(20, 5, mask_zero=True),
            k.layers.SimpleRNN(4, return_sequences=True),
            k.layers.LSTM(3),
            k.layers.Dense(2),
        ]
    ), (11, 9)


def gru_reset_after(k):
    # Keras's default GRU (reset_after=True) needs layerviz's own TF.js GRU; with and without
    # bias, inside Bidirectional, and with a non-default recurrent activation.
    return k.Sequential(
        [
            k.Input((7, 3)),
            k.layers.GRU(4, return_sequences=True, name="gru"),
            k.layers.GRU(3, use_bias=False, return_sequences=True, name="gru_nobias"),
            k.layers.Bidirectional(
                k.layers.GRU(2, recurrent_activation="hard_sigmoid"), name="bi_gru"
            ),
            k.layers.Dense(2),
        ]
    ), (9, 7, 3)


def masked_sequences(k):
    # Padding mask through Bidirectional(return_sequences=True) (Keras: zeros at padded steps)
    # into GlobalAveragePooling1D (Keras: the mean of the unmasked steps only).
    inputs = k.Input((8,), dtype="int32")
    h = k.layers.Embedding(20, 4, mask_zero=True, name="embed")(inputs)
    h = k.layers.Bidirectional(k.layers.GRU(3, return_sequences=True), name="bi_seq")(h)
    h = k.layers.Bidirectional(
        k.layers.LSTM(2, return_sequences=True), merge_mode="sum", name="bi_sum"
    )(h)
    h = k.layers.GlobalAveragePooling1D(name="avg")(h)
    return k.Model(inputs, k.layers.Dense(2, name="out")(h), name="masked_seq"), (10, 8)


def channels_first_average(k):
    return k.Sequential(
        [
            k.Input((5, 6)),
            k.layers.GlobalAveragePooling1D(data_format="channels_first", name="avg_cf"),
            k.layers.Dense(2),
        ]
    ), (6, 5, 6)


def nested_models(k):
    # A Sequential block and a functional sub-model used as layers of a functional model.
    block = k.Sequential(
        [
            k.Input((6,)),
            k.layers.Dense(5, activation="relu", name="inner_a"),
            k.layers.Dense(4, name="inner_b"),
        ],
        name="block",
    )
    sub_in = k.Input((4,))
    sub = k.Model(sub_in, k.layers.Dense(3, activation="tanh", name="sub_d")(sub_in), name="sub")
    inputs = k.Input((6,))
    out = k.layers.Dense(2, name="out")(sub(block(inputs)))
    return k.Model(inputs, out, name="nested"), (8, 6)


def multi_output(k):
    inputs = k.Input((5,))
    trunk = k.layers.Dense(6, activation="relu", name="trunk")(inputs)
    label = k.layers.Dense(3, activation="softmax", name="label")(trunk)
    score = k.layers.Dense(1, name="score")(k.layers.Concatenate(name="cat")([trunk, inputs]))
    return k.Model(inputs, [label, score], name="two_heads"), (9, 5)


def _slope_key(k):
    return "alpha" if k.__name__ == "tf_keras" else "negative_slope"


def activation_layers(k):
    return k.Sequential(
        [
            k.Input((4, 4, 3)),
            k.layers.Conv2D(4, 2, name="conv"),
            k.layers.ReLU(max_value=0.6, name="relu6ish"),
            k.layers.Conv2D(4, 2, name="conv2"),
            # Keras 3 calls the slope negative_slope, tf.keras 2 and TF.js alpha.
            k.layers.LeakyReLU(name="leaky", **{_slope_key(k): 0.1}),
            k.layers.PReLU(shared_axes=[1, 2], name="prelu"),
            k.layers.ELU(name="elu"),
            k.layers.Softmax(name="softmax"),
        ]
    ), (6, 4, 4, 3)


def adapted_normalization(k):
    # A Normalization layer adapted on data (EfficientNet starts with one), per channel.
    norm = k.layers.Normalization(axis=-1, name="norm")
    norm.adapt(np.random.default_rng(5).normal(3, 2, (64, 5, 5, 3)).astype("float32"))
    # ConvNeXt's: statistics given as arguments; and one that undoes a normalization.
    given = k.layers.Normalization(mean=[0.5, 1.0], variance=[4.0, 0.25], name="given")
    layers = [k.Input((5, 5, 3)), k.layers.Rescaling(0.5), norm, k.layers.Conv2D(2, 3), given]
    if k.__name__ != "tf_keras":  # tf.keras 2 has no invert
        layers.append(k.layers.Normalization(mean=1.5, variance=9.0, invert=True, name="undo"))
    return k.Sequential(layers), (6, 5, 5, 3)


def squeeze_excite(k):
    # MobileNetV3's block: global pooling with keepdims=True, gating the channels.
    inputs = k.Input((6, 6, 4))
    squeeze = k.layers.GlobalAveragePooling2D(keepdims=True, name="squeeze")(inputs)
    gate = k.layers.Conv2D(4, 1, activation="hard_sigmoid", name="gate")(squeeze)
    scaled = k.layers.Multiply(name="excite")([inputs, gate])
    peak = k.layers.GlobalMaxPooling2D(keepdims=True, name="peak")(scaled)
    return k.Model(inputs, k.layers.Flatten(name="flat")(peak), name="se"), (5, 6, 6, 4)


def tensor_arithmetic(k):
    # Keras 3 keeps `x + 3.0` and `x * (1 / 6)` as op layers (MobileNetV3's hard sigmoid).
    inputs = k.Input((5,))
    h = k.layers.Dense(4, name="d")(inputs)
    h = k.layers.ReLU(6.0, name="relu6")(h + 3.0) * (1.0 / 6.0)
    h = k.layers.Dense(3, name="d2")(2.0 - h)
    # Between two tensors, with broadcasting (ConvNeXt's residual is `x + y`).
    g = k.layers.Dense(1, name="gate")(inputs)
    h = (h + k.layers.Dense(3, name="d3")(inputs)) * g - h / g
    return k.Model(inputs, k.layers.Activation("tanh", name="out")(h / 4.0 - 1.0)), (7, 5)


ZOO = [
    dense_activations,
    keras3_activation_names,
    keras3_only_activations,
    normalization,
    conv1d,
    conv2d,
    global_pool_2d,
    reshaping,
    recurrent,
    bidirectional_modes,
    functional_merges,
    masking,
    text_cnn,
    dilated_conv,
    deep_mlp,
    sequence_flatten,
    strided_conv2d,
    residual_conv,
    bidirectional_gru,
    masked_recurrent_stack,
    gru_reset_after,
    masked_sequences,
    channels_first_average,
    nested_models,
    multi_output,
    activation_layers,
    adapted_normalization,
    squeeze_excite,
    tensor_arithmetic,
    *zoo_keras3.KERAS3_ZOO,
    *zoo_attention.ATTENTION_ZOO,
    *zoo_layers2.LAYERS2_ZOO,
    *zoo_layers3.LAYERS3_ZOO,
]

INTEGER_INPUTS = {
    text_cnn,
    masked_recurrent_stack,
    masked_sequences,
    *zoo_keras3.INTEGER_INPUTS,
    *zoo_attention.INTEGER_INPUTS,
    *zoo_layers2.INTEGER_INPUTS,
    *zoo_layers3.INTEGER_INPUTS,
}


@pytest.mark.parametrize("build", ZOO, ids=[b.__name__ for b in ZOO])
def test_zoo_model_matches_keras(build, keras, tmp_path):
    model, shape = build(keras)
    randomize(model, seed=len(model.layers))
    rng = np.random.default_rng(0)
    if build in INTEGER_INPUTS:
        x = rng.integers(1, 20, shape)
        x[::2, shape[1] // 2 :] = 0  # zero padding at the end of every other row
    else:
        x = rng.normal(0, 1, shape).astype("float32")
    if build is masking:
        x[::2, 3:] = 0.0  # padded steps, masked out
    assert_layers_match(keras, model, x, tmp_path)


def keras2_activations(k):
    # tf.keras 2's hard_sigmoid is TF.js's clip(0.2x + 0.5), not Keras 3's relu6(x + 3) / 6.
    acts = ["hard_sigmoid", "swish", "leaky_relu", "exponential", "gelu", "relu6", "mish"]
    layers = [k.Input((6,))] + [k.layers.Dense(5, activation=a, name=f"d_{a}") for a in acts]
    return k.Sequential(layers), (32, 6)


# tf.keras 2 models: the same architectures where tf_keras has the layers and activations.
TF_KERAS_ZOO = [
    build
    for build in ZOO
    # tf.keras 2 has no hard_silu and keeps tensor expressions as TFOpLambda layers.
    if build not in (keras3_activation_names, keras3_only_activations, tensor_arithmetic)
    and build not in zoo_keras3.KERAS3_ZOO
    and build not in zoo_layers2.KERAS3_ONLY
    and build not in zoo_layers3.KERAS3_ONLY
] + [keras2_activations, *zoo_keras3.TF_KERAS_ZOO, *zoo_layers3.TF_KERAS_ONLY]


@pytest.mark.parametrize("build", TF_KERAS_ZOO, ids=[b.__name__ for b in TF_KERAS_ZOO])
def test_tf_keras_zoo_model_matches(build, tf_keras, tmp_path):
    test_zoo_model_matches_keras(build, tf_keras, tmp_path)
