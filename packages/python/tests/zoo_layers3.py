"""Zoo architectures for issue 16's third tranche: Keras 3's ops that move or join tensors,
tf.keras 2's TFOpLambda layers, ConvLSTM, recurrent layers whose states a later layer uses, and
ConvNeXt's LayerScale and grouped Conv2D. test_zoo.py runs them; each builder takes the Keras
module and returns ``(model, input shape)``."""


def keras3_tensor_ops(k):
    # keras.ops between tensors as op layers: reshape (batch -1), transpose keeping the batch
    # first, expand_dims/squeeze, concatenate along features and steps, batched matmul
    # (self-attention scores by hand).
    ops = k.ops
    inputs = k.Input((4, 6))
    h = k.layers.Dense(6, name="pre")(inputs)
    flat = ops.reshape(h, (-1, 24))
    grid = ops.reshape(flat, (-1, 3, 8))
    swapped = ops.transpose(grid, (0, 2, 1))
    scores = ops.matmul(h, ops.transpose(h, (0, 2, 1)))
    mixed = ops.matmul(ops.tanh(scores), h)
    joined = ops.concatenate([h, mixed, inputs], axis=-1)
    steps = ops.concatenate([joined, joined * 2.0], axis=1)
    column = ops.squeeze(ops.expand_dims(steps, 2), axis=2)
    last = ops.expand_dims(ops.mean(column, axis=-1), -1)
    pooled = k.layers.Flatten(name="flat")(swapped)
    out = k.layers.Dense(2, name="out")(k.layers.Concatenate(name="cat")([pooled, flat]))
    tail = k.layers.Flatten(name="tail")(last)
    return k.Model(inputs, [out, tail], name="tensor_ops"), (7, 4, 6)


def tf_keras_op_lambdas(k):
    # tf.keras 2 keeps TensorFlow functions on symbolic tensors as TFOpLambda layers.
    import tensorflow as tf

    inputs = k.Input((4, 6))
    h = k.layers.Dense(6, name="pre")(inputs)
    positive = tf.math.abs(h) + 0.1
    parts = [
        tf.math.sin(h),
        tf.math.cos(h),
        tf.math.tanh(h),
        tf.math.exp(h * 0.5),
        tf.math.log(positive),
        tf.math.sqrt(positive),
        tf.math.rsqrt(positive),
        tf.math.square(h),
        tf.math.sigmoid(h),
        tf.nn.relu(h),
        tf.nn.relu6(h * 4.0),
        tf.nn.elu(h),
        tf.nn.selu(h),
        tf.nn.softplus(h),
        tf.nn.softsign(h),
        tf.nn.silu(h),
        -h,
        3.0 - h,
        h / 2.0,
        h**2,
        h * positive,
        tf.math.maximum(h, 0.2),
        tf.math.minimum(h, tf.math.sin(h)),
        tf.clip_by_value(h, -0.5, 0.7),
        tf.reduce_mean(h, axis=-1, keepdims=True) + h,
        tf.math.reduce_std(h, axis=-1, keepdims=True) * h,
    ]
    seq = tf.concat(parts, axis=-1)
    pooled = [
        tf.reduce_mean(seq, axis=1),
        tf.reduce_max(seq, axis=1),
        tf.reduce_min(seq, axis=[1]),
        tf.reduce_sum(seq, axis=1),
        tf.math.reduce_variance(seq, axis=1),
        tf.reduce_prod(tf.math.tanh(seq), axis=1),
        tf.reduce_logsumexp(seq, axis=1),
    ]
    flat = tf.concat(pooled, axis=1)
    grid = tf.transpose(tf.reshape(h, (-1, 3, 8)), perm=[0, 2, 1])
    scores = tf.linalg.matmul(h, tf.transpose(h, perm=[0, 2, 1]))
    column = tf.squeeze(tf.expand_dims(scores, axis=1), axis=1)
    out = k.layers.Dense(2, name="out")(flat)
    side = k.layers.Flatten(name="side")(k.layers.Concatenate(name="cat")([grid, grid]))
    return k.Model(inputs, [out, side, k.layers.Flatten(name="col")(column)]), (7, 4, 6)


def conv_lstm(k):
    # ConvLSTM2D returning the sequence (same padding, strides) into one returning the last
    # step (valid padding, recurrent activation other than the default).
    frames = k.Input((4, 6, 6, 2), name="frames")
    h = k.layers.ConvLSTM2D(3, 3, padding="same", return_sequences=True, name="clstm_seq")(frames)
    h = k.layers.ConvLSTM2D(
        2, 2, strides=2, recurrent_activation="hard_sigmoid", name="clstm_last"
    )(h)
    return k.Model(frames, k.layers.Flatten(name="flat")(h), name="conv_lstm"), (5, 4, 6, 6, 2)


def conv_lstm_1d(k):
    # ConvLSTM1D (TF.js's ConvLSTM2D over a unit axis) both ways, with dilation and strides.
    series = k.Input((5, 9, 2), name="series")
    h = k.layers.ConvLSTM1D(
        3, 3, padding="same", dilation_rate=2, return_sequences=True, name="clstm1_seq"
    )(series)
    h = k.layers.ConvLSTM1D(2, 2, strides=2, name="clstm1_last")(h)
    return k.Model(series, k.layers.Flatten(name="flat")(h), name="conv_lstm_1d"), (6, 5, 9, 2)


def recurrent_states(k):
    # Each recurrent class returning its states (sequence and last output) into a later
    # layer's initial_state, states concatenated into a Dense, and recurrent layers after the
    # ones handed states (which must start from zeros); one handed states runs go_backwards.
    inputs = k.Input((6, 3), name="seq_in")
    seq, h = k.layers.SimpleRNN(4, return_sequences=True, return_state=True, name="rnn")(inputs)
    _, h2, c2 = k.layers.LSTM(4, return_state=True, name="lstm_enc")(seq)
    dec = k.layers.LSTM(4, return_sequences=True, name="lstm_dec")(inputs, initial_state=[h2, c2])
    gru, g = k.layers.GRU(4, return_sequences=True, return_state=True, name="gru")(
        dec, initial_state=h
    )
    g1 = k.layers.GRU(4, reset_after=False, name="gru_v1")(gru, initial_state=[g])
    s = k.layers.SimpleRNN(4, go_backwards=True, name="rnn_dec")(seq, initial_state=[g1])
    after = k.layers.LSTM(3, name="after")(gru)
    cat = k.layers.Concatenate(name="cat")([h, c2, g1, s, after])
    return k.Model(inputs, k.layers.Dense(2, name="out")(cat), name="states"), (7, 6, 3)


def masked_encoder_decoder(k):
    # A seq2seq encoder-decoder over padded tokens: TF.js's predict shares one call-arguments
    # object between layers once a mask exists, where TF.js's own RNNs leave their states.
    tokens = k.Input((8,), dtype="int32", name="tokens")
    embedded = k.layers.Embedding(20, 4, mask_zero=True, name="embed")(tokens)
    _, h, c = k.layers.LSTM(5, return_state=True, name="encoder")(embedded)
    dec = k.layers.LSTM(5, return_sequences=True, name="decoder")(embedded, initial_state=[h, c])
    dec2, g = k.layers.GRU(5, return_sequences=True, return_state=True, name="decoder2")(
        dec, initial_state=[h]
    )
    after = k.layers.LSTM(3, name="after")(dec2)
    cat = k.layers.Concatenate(name="cat")([after, g])
    return k.Model(tokens, k.layers.Dense(2, name="out")(cat), name="seq2seq"), (10, 8)


def bidirectional_states(k):
    # Bidirectional returning its forward and backward states, used by a Dense.
    inputs = k.Input((6, 3), name="seq_in")
    out, fh, fc, bh, bc = k.layers.Bidirectional(k.layers.LSTM(3, return_state=True), name="bi")(
        inputs
    )
    cat = k.layers.Concatenate(name="cat")([out, fh, fc, bh, bc])
    return k.Model(inputs, k.layers.Dense(2, name="out")(cat), name="bi_states"), (7, 6, 3)


def masked_sequence_states(k):
    # Under a padding mask, layers returning sequence and states: TF.js hands the states the
    # sequence's mask, Keras none; Concatenate and Dense must not care.
    tokens = k.Input((8,), dtype="int32", name="tokens")
    embedded = k.layers.Embedding(20, 4, mask_zero=True, name="embed")(tokens)
    seq, h, c = k.layers.LSTM(3, return_sequences=True, return_state=True, name="lstm")(embedded)
    bi_seq, fh, _, _, bc = k.layers.Bidirectional(
        k.layers.LSTM(2, return_sequences=True, return_state=True), name="bi"
    )(seq)
    pooled = k.layers.GlobalAveragePooling1D(name="avg")(bi_seq)
    cat = k.layers.Concatenate(name="cat")([pooled, h, c, fh, bc, k.layers.Dense(3, name="d")(h)])
    return k.Model(tokens, k.layers.Dense(2, name="out")(cat), name="masked_states"), (10, 8)


def layer_scale(k):
    # ConvNeXt's block: its depthwise conv (a Conv2D with one group per channel),
    # LayerNormalization, an inverted bottleneck scaled by Keras's LayerScale (defined among its
    # applications, imported from there as ConvNeXt does) and a residual Add; another LayerScale
    # on a sequence, its gamma broadcast over the steps.
    from importlib import import_module

    layer_scale_class = import_module(f"{k.__name__}.src.applications.convnext").LayerScale
    images = k.Input((8, 8, 3), name="images")
    x = k.layers.Conv2D(4, 2, strides=2, name="stem")(images)
    h = k.layers.Conv2D(4, 3, padding="same", groups=4, name="dw")(x)
    h = k.layers.LayerNormalization(epsilon=1e-6, name="ln")(h)
    h = k.layers.Dense(8, activation="gelu", name="expand")(h)
    h = k.layers.Dense(4, name="project")(h)
    h = layer_scale_class(1e-6, 4, name="scale")(h)
    x = k.layers.Add(name="residual")([x, h])
    seq = layer_scale_class(0.5, 4, name="seq_scale")(k.layers.Reshape((16, 4), name="seq")(x))
    pooled = k.layers.GlobalAveragePooling1D(name="avg")(seq)
    model = k.Model(images, k.layers.Dense(2, name="out")(pooled), name="layer_scale")
    return model, (6, 8, 8, 3)


def grouped_conv2d(k):
    # Conv2D with one group per input channel (TF.js's DepthwiseConv2D): several outputs per
    # group (their order), strides, valid padding, no bias, an activation.
    images = k.Input((9, 9, 3), name="images")
    h = k.layers.Conv2D(6, 3, padding="same", groups=3, activation="relu", name="g_x2")(images)
    h = k.layers.Conv2D(6, 3, strides=2, groups=6, use_bias=False, name="g_stride")(h)
    h = k.layers.Conv2D(12, 2, groups=6, name="g_x2_valid")(h)
    return k.Model(images, k.layers.Flatten(name="flat")(h), name="grouped"), (5, 9, 9, 3)


LAYERS3_ZOO = [
    keras3_tensor_ops,
    conv_lstm,
    conv_lstm_1d,
    recurrent_states,
    masked_encoder_decoder,
    bidirectional_states,
    masked_sequence_states,
    layer_scale,
    grouped_conv2d,
]
KERAS3_ONLY = {keras3_tensor_ops}
TF_KERAS_ONLY = [tf_keras_op_lambdas]
INTEGER_INPUTS = {masked_encoder_decoder, masked_sequence_states}
