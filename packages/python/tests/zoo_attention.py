"""Zoo architectures for issue 16's attention layers: small transformers built around
MultiHeadAttention (self-attention under a padding mask, causal, cross-attention between two
branches of one input). test_zoo.py runs them; each builder takes the Keras module (Keras 3, or
tf_keras) and returns ``(model, input shape)``.

The browser computes models with one input only, so cross-attention takes its query and its
context from two branches of the same input. There is no learned position embedding: adding
one to the tokens needs ``keras.ops.arange`` (an op layer) or a custom layer class, neither of
which TF.js can rebuild.
"""


def _encoder_block(k, h, attention, prefix):
    # The post-norm block of "Attention is all you need": attention, residual, norm, FFN,
    # residual, norm.
    h = k.layers.LayerNormalization(name=f"{prefix}_norm1")(
        k.layers.Add(name=f"{prefix}_res1")([h, attention])
    )
    ffn = k.layers.Dense(16, activation="relu", name=f"{prefix}_ffn1")(h)
    ffn = k.layers.Dense(h.shape[-1], name=f"{prefix}_ffn2")(ffn)
    return k.layers.LayerNormalization(name=f"{prefix}_norm2")(
        k.layers.Add(name=f"{prefix}_res2")([h, ffn])
    )


def text_transformer(k):
    # A small text classifier: padded tokens, self-attention under the Embedding's padding
    # mask (padded queries and keys masked), and a masked average of the sequence.
    tokens = k.Input((10,), dtype="int32", name="tokens")
    h = k.layers.Embedding(30, 8, mask_zero=True, name="embed")(tokens)
    attention = k.layers.MultiHeadAttention(2, 4, dropout=0.1, name="mha")(h, h)
    h = _encoder_block(k, h, attention, "block")
    h = k.layers.GlobalAveragePooling1D(name="avg")(h)
    out = k.layers.Dense(3, activation="softmax", name="out")(h)
    return k.Model(tokens, out, name="text_transformer"), (12, 10)


def causal_transformer(k):
    # A decoder block: the causal mask combined with the padding mask, value_dim ≠ key_dim,
    # no biases; then a second, unmasked attention with its own output width.
    tokens = k.Input((9,), dtype="int32", name="tokens")
    h = k.layers.Embedding(30, 6, mask_zero=True, name="embed")(tokens)
    attention = k.layers.MultiHeadAttention(3, 4, value_dim=2, use_bias=False, name="causal")(
        h, h, use_causal_mask=True
    )
    h = _encoder_block(k, h, attention, "block")
    wide = k.layers.MultiHeadAttention(2, 3, output_shape=5, name="wide")(
        h, h, use_causal_mask=True
    )
    h = k.layers.GlobalAveragePooling1D(name="avg")(wide)
    return k.Model(tokens, k.layers.Dense(2, name="out")(h), name="decoder"), (11, 9)


def cross_attention(k):
    # Queries from one branch, keys and values from another, shorter one (strided
    # convolution): query length 8, context length 4; then a key distinct from the value.
    inputs = k.Input((8, 5), name="series")
    query = k.layers.Dense(6, name="query_proj")(inputs)
    context = k.layers.Conv1D(4, 2, strides=2, activation="tanh", name="context")(inputs)
    keys = k.layers.Dense(3, name="keys")(context)
    attended = k.layers.MultiHeadAttention(2, 3, value_dim=4, name="cross")(query, context)
    keyed = k.layers.MultiHeadAttention(3, 2, output_shape=4, name="cross_key")(
        query, context, keys
    )
    h = _encoder_block(k, query, attended, "block")
    h = k.layers.Concatenate(name="cat")([h, keyed])
    h = k.layers.GlobalMaxPooling1D(name="pool")(h)
    return k.Model(inputs, k.layers.Dense(2, name="out")(h), name="cross"), (7, 8, 5)


ATTENTION_ZOO = [text_transformer, causal_transformer, cross_attention]
INTEGER_INPUTS = {text_transformer, causal_transformer}
