"""MultiHeadAttention's translation: layerviz's TF.js layer, its nodes, weights and refusals.
test_zoo.py checks the outputs against Keras."""

from convert_helpers import refusal

from layerviz.convert import to_tfjs


def _layers(model):
    return {layer["name"]: layer for layer in to_tfjs(model).model_topology["config"]["layers"]}


def test_self_attention_becomes_the_layerviz_layer_with_its_call_arguments(k):
    tokens = k.Input((6,), dtype="int32")
    h = k.layers.Embedding(10, 4, mask_zero=True, name="embed")(tokens)
    mha = k.layers.MultiHeadAttention(2, 3, value_dim=5, output_shape=7, name="mha")
    out = mha(h, h, use_causal_mask=True)
    artifacts = to_tfjs(k.Model(tokens, out))
    layer = next(
        layer for layer in artifacts.model_topology["config"]["layers"] if layer["name"] == "mha"
    )
    assert layer["class_name"] == "LayervizMultiHeadAttention"
    assert layer["inbound_nodes"] == [[["embed", 0, 0, {}], ["embed", 0, 0, {}]]]
    assert layer["config"] == {
        "name": "mha",
        "trainable": True,
        "dtype": "float32",
        "num_heads": 2,
        "key_dim": 3,
        "value_dim": 5,
        "use_bias": True,
        "output_shape": [7],
        "use_causal_mask": True,
        "padding_mask": True,
        "zero_masked_rows": False,
    }
    names = [spec["name"] for spec in artifacts.weight_specs]
    assert names[1:] == [
        f"mha/{sub}/{var}"
        for sub in ("query", "key", "value", "attention_output")
        for var in ("kernel", "bias")
    ]


def test_a_key_other_than_the_value_is_a_third_input(k):
    inputs = k.Input((6, 4), name="series")
    query = k.layers.Dense(4, name="q")(inputs)
    key = k.layers.Dense(3, name="k")(inputs)
    out = k.layers.MultiHeadAttention(2, 2, name="mha")(query, inputs, key)
    mha = _layers(k.Model(inputs, out))["mha"]
    assert [ref[0] for ref in mha["inbound_nodes"][0]] == ["q", "series", "k"]


def test_keras3_attention_after_a_residual_sees_no_padding_mask(keras):
    # Keras 3's attention deletes its inputs' masks: the residual Add has none, nor what follows.
    tokens = keras.Input((6,), dtype="int32")
    h = keras.layers.Embedding(10, 4, mask_zero=True)(tokens)
    h = keras.layers.Add()([h, keras.layers.MultiHeadAttention(2, 2, name="first")(h, h)])
    h = keras.layers.LayerNormalization()(h)
    out = keras.layers.MultiHeadAttention(2, 2, dropout=0.2, name="second")(h, h)
    layers = _layers(keras.Model(tokens, out))
    assert layers["first"]["config"]["padding_mask"] is True
    assert layers["second"]["config"]["padding_mask"] is False
    assert layers["second"]["config"]["zero_masked_rows"] is True
    # Masked merges take layerviz's class (TF.js's gives a wrong mask); the mask ops are gone.
    add = next(layer for name, layer in layers.items() if name.startswith("add"))
    assert add["class_name"] == "LayervizAdd"
    assert add["config"]["mask_merge"] == "or"
    assert not any(name.startswith(("not_equal", "logical_or")) for name in layers)


def test_what_the_attention_layer_cannot_express_is_refused_with_the_reason(keras):
    tokens = keras.Input((6,), dtype="int32")
    h = keras.layers.Embedding(10, 4, mask_zero=True)(tokens)
    other = keras.layers.Dense(4)(h)
    cross = keras.layers.MultiHeadAttention(2, 2, name="cross")(h, other)
    gated = keras.layers.MultiHeadAttention(2, 2, use_gate=True, name="gated")(h, h)
    scores = keras.layers.MultiHeadAttention(2, 2, name="scores")(
        h, h, return_attention_scores=True
    )[0]
    volume = keras.layers.Reshape((2, 3, 4))(keras.layers.Dense(4)(h))
    axes = keras.layers.MultiHeadAttention(2, 2, attention_axes=(1, 2), name="axes")(volume, volume)
    model = keras.Model(tokens, [cross, gated, scores, keras.layers.Flatten()(axes)])
    message = refusal(model)
    assert "'cross' (MultiHeadAttention): cross-attention in a model with a padding mask" in message
    assert "'gated' (MultiHeadAttention): use_gate=True is not translated" in message
    assert "'scores' (MultiHeadAttention): return_attention_scores=True" in message
    assert "'axes' (MultiHeadAttention): attention is translated over the steps" in message


def test_an_attention_mask_input_is_refused(keras):
    tokens = keras.Input((5, 4))
    allowed = keras.Input((5, 5), dtype="bool")
    out = keras.layers.MultiHeadAttention(2, 2, name="mha")(tokens, tokens, attention_mask=allowed)
    message = refusal(keras.Model([tokens, allowed], out))
    assert "'mha' (MultiHeadAttention): an attention_mask input is not translated" in message
