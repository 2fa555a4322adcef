"""Zoo architectures for the layers and activations of issue 16's first tranche: Keras 3's
parameterless activations, ReLU/ELU/LeakyReLU with any parameters, causal convolutions,
up-sampling, cropping and padding in 1-D to 3-D, volumes and transposed convolutions.
test_zoo.py runs them; each builder takes the Keras module (Keras 3, or tf_keras where it has
the layers) and returns ``(model, input shape)``."""

# Keras 3's activations that take no parameter (or only defaulted ones) beyond the 16 the
# first zoo entries cover; `threshold` needs two and cannot be named as a string.
MORE_ACTIVATIONS = [
    "celu",
    "hard_shrink",
    "hard_tanh",
    "log_sigmoid",
    "log_softmax",
    "soft_shrink",
    "sparse_plus",
    "sparse_sigmoid",
    "sparsemax",
    "squareplus",
    "tanh_shrink",
]


def keras3_more_dense_activations(k):
    # Dense(activation=...) on the features and on a sequence (rank 3: the axis-wise ones act
    # on the last axis). glu halves the last axis, but Keras 3.15 declares the unhalved shape,
    # so a layer with weights after it fails in Keras itself: glu layers are model outputs.
    inputs = k.Input((6,))
    outs = [k.layers.Dense(5, activation=a, name=f"d_{a}")(inputs) for a in MORE_ACTIVATIONS]
    seq = k.layers.Reshape((3, 2), name="seq")(inputs)
    for act in ("sparsemax", "log_softmax"):
        outs.append(k.layers.Flatten()(k.layers.Dense(4, activation=act, name=f"seq_{act}")(seq)))
    merged = k.layers.Concatenate(name="cat")(outs)
    gated = k.layers.Dense(6, activation="glu", name="d_glu")(inputs)
    gated_seq = k.layers.Dense(4, activation="glu", name="seq_glu")(seq)
    outputs = [k.layers.Dense(2, name="out")(merged), gated, gated_seq]
    return k.Model(inputs, outputs), (24, 6)


def keras3_more_activation_layers(k):
    # The same activations as Activation layers, each on one shared pre-activation.
    inputs = k.Input((6,))
    pre = k.layers.Dense(8, name="pre")(inputs)
    outs = [k.layers.Activation(a, name=f"act_{a}")(pre) for a in MORE_ACTIVATIONS]
    merged = k.layers.Concatenate(name="cat")(outs)
    gated = k.layers.Activation("glu", name="act_glu")(pre)
    return k.Model(inputs, [k.layers.Dense(2, name="out")(merged), gated]), (24, 6)


def _slope(k, value):
    return {"alpha" if k.__name__ == "tf_keras" else "negative_slope": value}


def relu_elu_leaky_parameters(k):
    # Keras's ReLU with every parameter combination, ELU with alpha ≠ 1, LeakyReLU with slopes
    # 0, 0.01 and above 1, each on one shared pre-activation.
    inputs = k.Input((6,))
    pre = k.layers.Dense(10, name="pre")(inputs)
    layers = [
        k.layers.ReLU(negative_slope=0.1, name="relu_slope"),
        k.layers.ReLU(threshold=0.4, name="relu_threshold"),
        k.layers.ReLU(max_value=0.8, negative_slope=0.2, name="relu_max_slope"),
        k.layers.ReLU(max_value=6.0, threshold=0.3, name="relu6_threshold"),
        k.layers.ReLU(max_value=1.2, negative_slope=0.3, threshold=0.5, name="relu_all"),
        k.layers.ELU(alpha=0.5, name="elu_half"),
        k.layers.ELU(alpha=2.0, name="elu_two"),
        k.layers.LeakyReLU(name="leaky_zero", **_slope(k, 0.0)),
        k.layers.LeakyReLU(name="leaky_small", **_slope(k, 0.01)),
        k.layers.LeakyReLU(name="leaky_steep", **_slope(k, 1.5)),
    ]
    merged = k.layers.Concatenate(name="cat")([layer(pre) for layer in layers])
    return k.Model(inputs, k.layers.Dense(2, name="out")(merged)), (24, 6)


def masked_activation_layers(k):
    # Activation layers between an Embedding's padding mask and a masked average: Keras
    # passes the mask through them, layerviz's ReLU and ELU too.
    return k.Sequential(
        [
            k.Input((8,), dtype="int32"),
            k.layers.Embedding(20, 4, mask_zero=True, name="embed"),
            k.layers.LeakyReLU(name="leaky", **_slope(k, 0.2)),
            k.layers.ELU(alpha=0.7, name="elu"),
            k.layers.ReLU(negative_slope=0.1, threshold=0.2, name="relu"),
            k.layers.GlobalAveragePooling1D(name="avg"),
            k.layers.Dense(2, name="out"),
        ]
    ), (10, 8)


def tcn(k):
    # A temporal convolutional network: causal convolutions with growing dilation, residual
    # connections through a 1x1 convolution, and a strided causal one.
    inputs = k.Input((16, 3))
    h = k.layers.Conv1D(4, 2, padding="causal", activation="relu", name="c1")(inputs)
    for rate in (2, 4):
        branch = k.layers.Conv1D(
            4, 3, padding="causal", dilation_rate=rate, activation="relu", name=f"dil{rate}"
        )(h)
        h = k.layers.Add(name=f"res{rate}")([h, branch])
    skip = k.layers.Conv1D(4, 1, name="skip")(inputs)
    h = k.layers.Add(name="res_in")([h, skip])
    h = k.layers.Conv1D(5, 3, strides=2, padding="causal", name="strided")(h)
    h = k.layers.GlobalAveragePooling1D(name="avg")(h)
    return k.Model(inputs, k.layers.Dense(2, name="out")(h), name="tcn"), (6, 16, 3)


def unet_like(k):
    # A small U-Net: down with pooling, up with UpSampling2D (nearest and bilinear), the skip
    # cropped with Cropping2D to the decoder's size and concatenated.
    inputs = k.Input((8, 8, 2))
    enc = k.layers.Conv2D(4, 3, padding="same", activation="relu", name="enc")(inputs)
    down = k.layers.MaxPooling2D(2, name="down")(enc)
    mid = k.layers.Conv2D(6, 3, padding="same", activation="relu", name="mid")(down)
    up = k.layers.UpSampling2D(2, name="up")(mid)
    up = k.layers.Conv2D(4, 2, name="up_conv")(up)  # 7x7
    skip = k.layers.Cropping2D(((0, 1), (1, 0)), name="crop")(enc)
    h = k.layers.Concatenate(name="cat")([up, skip])
    h = k.layers.Conv2D(3, 3, padding="same", name="dec")(h)
    smooth = k.layers.UpSampling2D((2, 3), interpolation="bilinear", name="up_bilinear")(h)
    smooth = k.layers.Cropping2D(2, name="crop_sym")(smooth)
    h = k.layers.GlobalAveragePooling2D(name="gap")(smooth)
    return k.Model(inputs, k.layers.Dense(2, name="out")(h), name="unet"), (5, 8, 8, 2)


def reshaping_1d(k):
    # Up-sampling, cropping and zero padding along the steps of a sequence.
    return k.Sequential(
        [
            k.Input((6, 3)),
            k.layers.ZeroPadding1D((1, 2), name="pad"),
            k.layers.Conv1D(4, 2, name="conv"),
            k.layers.UpSampling1D(3, name="up"),
            k.layers.Cropping1D((2, 1), name="crop"),
            k.layers.ZeroPadding1D(1, name="pad_sym"),
            k.layers.Flatten(name="flat"),
            k.layers.Dense(2, name="out"),
        ]
    ), (7, 6, 3)


def volumes_3d(k):
    # A 3-D CNN: padding, convolution, pooling, up-sampling and cropping of volumes.
    return k.Sequential(
        [
            k.Input((4, 5, 6, 2)),
            k.layers.ZeroPadding3D(((1, 0), (0, 1), (1, 1)), name="pad"),
            k.layers.Conv3D(3, 2, activation="relu", name="conv"),
            k.layers.MaxPooling3D(2, name="max"),
            k.layers.UpSampling3D((2, 1, 2), name="up"),
            k.layers.Cropping3D(((1, 0), (0, 0), (1, 1)), name="crop"),
            k.layers.Conv3D(4, (1, 2, 2), padding="same", name="conv_same"),
            k.layers.AveragePooling3D((1, 2, 2), padding="same", name="avg"),
            k.layers.ZeroPadding3D(1, name="pad_sym"),
            k.layers.GlobalMaxPooling3D(name="gmax"),
            k.layers.Dense(2, name="out"),
        ]
    ), (3, 4, 5, 6, 2)


def global_pooling_3d(k):
    inputs = k.Input((3, 4, 4, 2))
    h = k.layers.Conv3D(3, 2, padding="same", name="conv")(inputs)
    avg = k.layers.GlobalAveragePooling3D(name="gavg")(h)
    peak = k.layers.GlobalMaxPooling3D(name="gmax")(h)
    merged = k.layers.Concatenate(name="cat")([avg, peak])
    return k.Model(inputs, k.layers.Dense(2, name="out")(merged)), (4, 3, 4, 4, 2)


def transposed_convs_2d(k):
    # A decoder: 2-D transposed convolutions, strided, 'same' and 'valid'.
    return k.Sequential(
        [
            k.Input((4, 4, 3)),
            k.layers.Conv2DTranspose(4, 3, strides=2, padding="same", name="t_same"),
            k.layers.Conv2DTranspose(2, 2, activation="tanh", name="t_valid"),
            k.layers.Conv2DTranspose(2, 3, strides=(2, 1), use_bias=False, name="t_rect"),
            k.layers.GlobalAveragePooling2D(name="gap"),
            k.layers.Dense(2, name="out"),
        ]
    ), (3, 4, 4, 3)


def transposed_convs_1d(k):
    # Keras's own Conv1DTranspose (TF.js has none), with output_padding too.
    return k.Sequential(
        [
            k.Input((5, 2)),
            k.layers.Conv1DTranspose(3, 3, strides=2, padding="same", name="t_same"),
            k.layers.Conv1DTranspose(2, 4, strides=3, name="t_valid"),
            k.layers.Conv1DTranspose(2, 2, use_bias=False, activation="relu", name="t_nobias"),
            k.layers.Conv1DTranspose(
                2, 3, strides=2, padding="same", output_padding=1, name="t_outpad_same"
            ),
            k.layers.Conv1DTranspose(2, 2, strides=3, output_padding=2, name="t_outpad_valid"),
            k.layers.Flatten(name="flat"),
            k.layers.Dense(2, name="out"),
        ]
    ), (4, 5, 2)


KERAS3_ZOO = [
    keras3_more_dense_activations,
    keras3_more_activation_layers,
    relu_elu_leaky_parameters,
    masked_activation_layers,
    tcn,
    unet_like,
    reshaping_1d,
    volumes_3d,
    global_pooling_3d,
    transposed_convs_2d,
    transposed_convs_1d,
]
# tf.keras 2 has none of the activations above; it has the layers.
TF_KERAS_ZOO = [b for b in KERAS3_ZOO if not b.__name__.startswith("keras3_")]
INTEGER_INPUTS = {masked_activation_layers}
