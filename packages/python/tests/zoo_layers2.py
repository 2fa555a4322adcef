"""Zoo architectures for issue 16's second tranche: Attention and AdditiveAttention,
GroupNormalization and UnitNormalization, TimeDistributed, recurrent layers with
go_backwards, and Keras 3's element-wise ops and reductions. test_zoo.py runs them; each
builder takes the Keras module (Keras 3, or tf_keras where it has the layers) and returns
``(model, input shape)``."""


def luong_attention(k):
    # Attention (dot, scaled; concat) and AdditiveAttention (scaled or not), self- and
    # cross-attention between two branches of one input, a key distinct from the value, causal.
    inputs = k.Input((8, 5), name="series")
    query = k.layers.Dense(4, name="query_proj")(inputs)
    context = k.layers.Conv1D(4, 2, strides=2, activation="tanh", name="context")(inputs)
    keys = k.layers.Dense(4, name="keys")(context)
    dot = k.layers.Attention(name="dot")([query, query])
    scaled = k.layers.Attention(use_scale=True, name="scaled")([query, context, keys])
    concat = k.layers.Attention(use_scale=True, score_mode="concat", name="concat")(
        [query, context]
    )
    concat_plain = k.layers.Attention(score_mode="concat", name="concat_plain")([query, query])
    additive = k.layers.AdditiveAttention(name="additive")([query, context, keys])
    additive_plain = k.layers.AdditiveAttention(use_scale=False, name="additive_plain")(
        [query, query]
    )
    causal = k.layers.Attention(use_scale=True, name="causal")([query, query], use_causal_mask=True)
    causal_add = k.layers.AdditiveAttention(name="causal_add")([query, query], use_causal_mask=True)
    branches = [dot, scaled, concat, concat_plain, additive, additive_plain, causal, causal_add]
    h = k.layers.Concatenate(name="cat")(branches)
    h = k.layers.GlobalAveragePooling1D(name="avg")(h)
    return k.Model(inputs, k.layers.Dense(2, name="out")(h), name="luong"), (7, 8, 5)


def masked_luong_attention(k):
    # Self-attention under an Embedding's padding mask: padded keys are left out, padded query
    # steps output zeros; causal too; then a masked average.
    tokens = k.Input((9,), dtype="int32", name="tokens")
    h = k.layers.Embedding(30, 6, mask_zero=True, name="embed")(tokens)
    dot = k.layers.Attention(use_scale=True, name="dot")([h, h])
    additive = k.layers.AdditiveAttention(name="additive")([dot, dot], use_causal_mask=True)
    concat = k.layers.Attention(score_mode="concat", name="concat")([additive, additive])
    h = k.layers.GlobalAveragePooling1D(name="avg")(concat)
    return k.Model(tokens, k.layers.Dense(2, name="out")(h), name="masked_luong"), (10, 9)


def group_unit_normalization(k):
    # GroupNormalization on images (groups of 2 channels, one group, a group per channel, no
    # beta/gamma) and sequences; UnitNormalization over the channels and over two axes.
    inputs = k.Input((5, 5, 6))
    h = k.layers.Conv2D(8, 2, name="conv")(inputs)
    h = k.layers.GroupNormalization(4, name="gn4")(h)
    h = k.layers.GroupNormalization(1, epsilon=0.1, name="gn1")(h)
    h = k.layers.GroupNormalization(8, center=False, scale=False, name="gn8")(h)
    h = k.layers.UnitNormalization(name="unit")(h)
    h = k.layers.UnitNormalization(axis=[1, 2], name="unit_spatial")(h)
    seq = k.layers.Reshape((16, 8), name="seq")(h)
    seq = k.layers.GroupNormalization(2, scale=False, name="gn_seq")(seq)
    h = k.layers.GlobalMaxPooling1D(name="pool")(seq)
    return k.Model(inputs, k.layers.Dense(2, name="out")(h), name="norms"), (6, 5, 5, 6)


def time_distributed(k):
    # A video-like model: a small CNN per frame (Conv2D, DepthwiseConv2D, GroupNormalization,
    # pooling, Flatten, Dense) through TimeDistributed, then an LSTM over the frames.
    frames = k.Input((4, 6, 6, 2), name="frames")
    h = k.layers.TimeDistributed(k.layers.Conv2D(4, 3, activation="relu"), name="td_conv")(frames)
    h = k.layers.TimeDistributed(k.layers.DepthwiseConv2D(2, padding="same"), name="td_dw")(h)
    h = k.layers.TimeDistributed(k.layers.BatchNormalization(), name="td_bn")(h)
    h = k.layers.TimeDistributed(k.layers.MaxPooling2D(2), name="td_pool")(h)
    h = k.layers.TimeDistributed(k.layers.Flatten(), name="td_flat")(h)
    h = k.layers.TimeDistributed(k.layers.Dense(5, activation="selu"), name="td_dense")(h)
    h = k.layers.LSTM(3, return_sequences=True, name="lstm")(h)
    h = k.layers.TimeDistributed(k.layers.Dense(2), name="td_out")(h)
    return k.Model(frames, k.layers.Flatten(name="flat")(h), name="video"), (5, 4, 6, 6, 2)


def time_distributed_translated_layers(k):
    # Wrapped layers that need layerviz's own TF.js classes at top level: a causal Conv1D, an
    # ELU with alpha ≠ 1, a global average pooling, a GRU with reset_after=True.
    inputs = k.Input((3, 8, 2))
    h = k.layers.TimeDistributed(
        k.layers.Conv1D(4, 3, padding="causal", dilation_rate=2), name="td_causal"
    )(inputs)
    h = k.layers.TimeDistributed(k.layers.ELU(alpha=0.5), name="td_elu")(h)
    pooled = k.layers.TimeDistributed(k.layers.GlobalAveragePooling1D(), name="td_avg")(h)
    steps = k.layers.TimeDistributed(k.layers.GRU(3), name="td_gru")(h)
    h = k.layers.Concatenate(name="cat")([pooled, steps])
    return k.Model(inputs, k.layers.Flatten(name="flat")(h)), (6, 3, 8, 2)


def masked_time_distributed(k):
    # Sequence tagging: TimeDistributed(Dense) under an Embedding's padding mask, which passes
    # the mask on to a masked average.
    return k.Sequential(
        [
            k.Input((8,), dtype="int32"),
            k.layers.Embedding(20, 4, mask_zero=True, name="embed"),
            k.layers.LSTM(5, return_sequences=True, name="lstm"),
            k.layers.TimeDistributed(k.layers.Dense(3, activation="tanh"), name="tag"),
            k.layers.GlobalAveragePooling1D(name="avg"),
            k.layers.Dense(2, name="out"),
        ]
    ), (10, 8)


def recurrent_backwards(k):
    # go_backwards=True: Keras reads the steps last to first and returns the sequence in that
    # (reversed) order, as TF.js does; also under a padding mask.
    tokens = k.Input((9,), dtype="int32")
    h = k.layers.Embedding(20, 4, mask_zero=True, name="embed")(tokens)
    h = k.layers.SimpleRNN(4, return_sequences=True, go_backwards=True, name="rnn_back")(h)
    h = k.layers.GRU(3, return_sequences=True, go_backwards=True, name="gru_back")(h)
    h = k.layers.GRU(
        3, reset_after=False, return_sequences=True, go_backwards=True, name="gru_v1_back"
    )(h)
    seq = k.layers.LSTM(3, return_sequences=True, go_backwards=True, name="lstm_back_seq")(h)
    last = k.layers.LSTM(3, go_backwards=True, name="lstm_back")(seq)
    avg = k.layers.GlobalAveragePooling1D(name="avg")(seq)
    h = k.layers.Concatenate(name="cat")([last, avg])
    return k.Model(tokens, k.layers.Dense(2, name="out")(h), name="backwards"), (11, 9)


def keras3_ops(k):
    # keras.ops as op layers: element-wise functions, reductions over the features with and
    # without keepdims, and over two axes, power/maximum/minimum with numbers and tensors.
    ops = k.ops
    inputs = k.Input((4, 6))
    h = k.layers.Dense(6, name="pre")(inputs)
    positive = ops.abs(h) + 0.1
    parts = [
        ops.sin(h),
        ops.cos(h),
        ops.tan(ops.clip(h, -1.0, 1.0)),
        ops.tanh(h),
        ops.expm1(h),
        ops.floor(h * 3.0),
        ops.ceil(h * 3.0),
        ops.exp(h * 0.5),
        ops.log(positive),
        ops.log1p(positive),
        ops.square(h),
        ops.sqrt(positive),
        ops.rsqrt(positive),
        ops.reciprocal(positive),
        ops.negative(h),
        ops.sign(h),
        ops.sigmoid(h),
        ops.relu(h),
        ops.erf(h),
        ops.clip(h, -0.5, 0.7),
        ops.power(positive, 1.5),
        ops.maximum(h, 0.2),
        ops.minimum(h, ops.sin(h)),
        ops.mean(h, axis=-1, keepdims=True) + h,
        ops.std(h, axis=-1, keepdims=True) * h,
        ops.logsumexp(h, axis=-1, keepdims=True) - h,
    ]
    seq = k.layers.Concatenate(name="cat")(parts)
    pooled = [
        ops.mean(seq, axis=1),
        ops.max(seq, axis=1),
        ops.min(seq, axis=-2),
        ops.sum(seq, axis=(1,)),
        ops.var(seq, axis=1),
        ops.prod(ops.tanh(seq), axis=1),
    ]
    flat = k.layers.Concatenate(name="pooled")(pooled)
    total = ops.sum(h, axis=[1, 2], keepdims=False)
    out = k.layers.Dense(2, name="out")(flat)
    return k.Model(inputs, [out, k.layers.Reshape((1,), name="total")(total)]), (7, 4, 6)


def masked_keras3_ops(k):
    # Keras 3's ops drop a padding mask: an average after one includes the padded steps
    # (TF.js hands it the embedding's mask all the same), attention after one sees every step.
    tokens = k.Input((8,), dtype="int32")
    embedded = k.layers.Embedding(20, 4, mask_zero=True, name="embed")(tokens)
    masked = k.layers.GlobalAveragePooling1D(name="masked_avg")(embedded)
    scaled = k.layers.GlobalAveragePooling1D(name="scaled_avg")(embedded * 2.0)
    h = k.ops.sin(embedded)
    unmasked = k.layers.GlobalAveragePooling1D(name="avg")(h)
    attended = k.layers.Attention(name="attention")([h, h])
    attended = k.layers.GlobalMaxPooling1D(name="max")(attended)
    h = k.layers.Concatenate(name="cat")([masked, scaled, unmasked, attended])
    return k.Model(tokens, k.layers.Dense(2, name="out")(h)), (10, 8)


LAYERS2_ZOO = [
    luong_attention,
    masked_luong_attention,
    group_unit_normalization,
    time_distributed,
    time_distributed_translated_layers,
    masked_time_distributed,
    recurrent_backwards,
    keras3_ops,
    masked_keras3_ops,
]
# tf.keras 2 has these layers; it keeps keras.ops-like expressions as TFOpLambda layers.
TF_KERAS_ZOO = [b for b in LAYERS2_ZOO if b not in (keras3_ops, masked_keras3_ops)]
KERAS3_ONLY = {keras3_ops, masked_keras3_ops}
INTEGER_INPUTS = {
    masked_luong_attention,
    masked_time_distributed,
    recurrent_backwards,
    masked_keras3_ops,
}
