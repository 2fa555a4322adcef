"""The translation of issue 16's second tranche: Attention and AdditiveAttention, Group- and
UnitNormalization, TimeDistributed, Keras 3's ops, recurrent states, and what stays refused
(initial states of Bidirectional and ConvLSTM, masks Keras drops). test_zoo.py checks the
outputs against Keras."""

from convert_helpers import refusal

from layerviz.convert import to_tfjs
from layerviz.convert.masks import recorded_mask
from layerviz.convert.ops import op_layer
from layerviz.convert.wrappers import wrapper_problems


def _layers(model):
    layers = to_tfjs(model).model_topology["config"]["layers"]
    return {layer["config"]["name"]: layer for layer in layers}


def test_attention_layers_become_the_layerviz_layer_with_their_call_arguments(k):
    tokens = k.Input((6,), dtype="int32")
    h = k.layers.Embedding(10, 4, mask_zero=True, name="embed")(tokens)
    dot = k.layers.Attention(use_scale=True, score_mode="concat", name="dot")(
        [h, h], use_causal_mask=True
    )
    additive = k.layers.AdditiveAttention(name="additive")([dot, dot, dot])
    artifacts = to_tfjs(k.Model(tokens, additive))
    layers = {layer["name"]: layer for layer in artifacts.model_topology["config"]["layers"]}
    assert layers["dot"]["class_name"] == "LayervizAttention"
    assert layers["dot"]["inbound_nodes"] == [[["embed", 0, 0, {}], ["embed", 0, 0, {}]]]
    assert layers["dot"]["config"] == {
        "name": "dot",
        "trainable": True,
        "dtype": "float32",
        "score_mode": "concat",
        "use_scale": True,
        "use_causal_mask": True,
        "padding_mask": True,
        "keras_class": "Attention",
    }
    # The key is the value: one input less.
    assert layers["additive"]["inbound_nodes"] == [[["dot", 0, 0, {}], ["dot", 0, 0, {}]]]
    assert layers["additive"]["config"]["score_mode"] == "additive"
    assert layers["additive"]["config"]["use_scale"] is True  # AdditiveAttention's default
    names = [spec["name"] for spec in artifacts.weight_specs]
    assert names[1:] == ["dot/scale", "dot/concat_score_weight", "additive/scale"]


def test_attention_refusals_name_the_layer_and_the_reason(keras):
    tokens = keras.Input((6,), dtype="int32")
    h = keras.layers.Embedding(10, 4, mask_zero=True)(tokens)
    other = keras.layers.Dense(4)(h)
    cross = keras.layers.Attention(name="cross")([h, other])
    scores = keras.layers.AdditiveAttention(name="scores")([h, h], return_attention_scores=True)
    message = refusal(keras.Model(tokens, [cross, scores[0]]))
    assert "'cross' (Attention): cross-attention in a model with a padding mask" in message
    assert "'scores' (AdditiveAttention): return_attention_scores=True" in message


def test_normalizations_get_layerviz_classes_with_keras_config(k):
    model = k.Sequential(
        [
            k.Input((4, 6)),
            k.layers.GroupNormalization(3, epsilon=0.01, name="gn"),
            k.layers.UnitNormalization(axis=[1, 2], name="unit"),
        ]
    )
    layers = _layers(model)
    assert layers["gn"]["class_name"] == "LayervizGroupNormalization"
    assert {"groups": 3, "axis": -1, "epsilon": 0.01, "center": True}.items() <= layers["gn"][
        "config"
    ].items()
    assert layers["unit"]["class_name"] == "LayervizUnitNormalization"
    assert layers["unit"]["config"]["axis"] == [1, 2]


def test_time_distributed_translates_its_layer_as_at_top_level(k):
    model = k.Sequential(
        [
            k.Input((3, 8, 8, 2)),
            k.layers.TimeDistributed(k.layers.DepthwiseConv2D(3), name="td_dw"),
            k.layers.TimeDistributed(k.layers.Reshape((36, 2)), name="td_seq"),
            k.layers.TimeDistributed(k.layers.Conv1D(2, 3, padding="causal"), name="td_causal"),
            k.layers.TimeDistributed(k.layers.Dense(2, activation="silu"), name="td_dense"),
        ]
    )
    artifacts = to_tfjs(model)
    layers = {
        layer["config"]["name"]: layer for layer in artifacts.model_topology["config"]["layers"]
    }
    inner = layers["td_causal"]["config"]["layer"]
    assert layers["td_causal"]["class_name"] == "TimeDistributed"
    assert inner["class_name"] == "LayervizCausalConv1D"
    assert layers["td_dense"]["config"]["layer"]["config"]["activation"] == "swish"
    names = [spec["name"] for spec in artifacts.weight_specs]
    # The wrapped layer's weights under the wrapper's name; DepthwiseConv2D's TF.js name.
    assert names[:2] == ["td_dw/depthwise_kernel", "td_dw/bias"]


def test_time_distributed_refusals(keras):
    assert wrapper_problems("Bidirectional", {}, masked=True) == []
    inner = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)], name="inner")
    steps = keras.Input((3, 4))
    nested = keras.layers.TimeDistributed(inner, name="nested")(steps)
    message = refusal(keras.Model(steps, nested))
    assert "'nested' (TimeDistributed): TimeDistributed around a Sequential is not" in message
    # Under a padding mask, TF.js hands the wrapped layer the mask of all steps.
    lstm = {"layer": {"class_name": "LSTM", "config": {}}}
    assert wrapper_problems("TimeDistributed", lstm, masked=False) == []
    assert wrapper_problems("TimeDistributed", lstm, masked=True) == [
        "TimeDistributed around a LSTM in a model with a padding mask is not translated: TF.js "
        "hands the wrapped layer the mask of every step"
    ]
    # The wrapped layer's own problems are named through the wrapper.
    model = keras.Sequential(
        [
            keras.Input((2, 4, 3)),
            keras.layers.TimeDistributed(
                keras.layers.Conv1D(2, 1, activation="glu", name="gate"), name="td"
            ),
        ]
    )
    assert "'td' (TimeDistributed): wrapped layer 'gate' (Conv1D): activation 'glu'" in refusal(
        model
    )


def test_keras3_ops_become_layerviz_op_layers(keras):
    inputs = keras.Input((3, 4))
    h = keras.ops.mean(keras.ops.sqrt(keras.ops.abs(inputs)), axis=-1, keepdims=True)
    out = keras.layers.Flatten(name="flat")(keras.ops.maximum(h, 0.5))
    layers = list(_layers(keras.Model(inputs, out)).values())
    ops = [(layer["class_name"], layer["config"]) for layer in layers[1:-1]]
    assert [(cls, {k: v for k, v in config.items() if k != "name"}) for cls, config in ops] == [
        ("LayervizUnaryOp", {"op": "absolute", "keras_class": "Absolute"}),
        ("LayervizUnaryOp", {"op": "sqrt", "keras_class": "Sqrt"}),
        (
            "LayervizUnaryOp",
            {"op": "mean", "axis": [-1], "keepdims": True, "keras_class": "Mean"},
        ),
        (
            "LayervizScalarOp",
            {"op": "maximum", "constant": 0.5, "constant_first": False},
        ),
    ]


def test_ops_over_the_batch_or_with_parameters_layerviz_lacks_are_refused(keras):
    x = {"class_name": "__keras_tensor__", "config": {"shape": [None, 3], "keras_history": []}}

    def op(cls, **config):
        node = {"args": [x], "kwargs": {}}
        return op_layer({"class_name": cls, "config": config, "inbound_nodes": [node]})

    assert op("Mean", axis=None, keepdims=False) is None  # the whole batch
    assert op("Sum", axis=0, keepdims=False) is None
    assert op("Max", axis=-1, keepdims=False, initial=1.0) is None
    assert op("Cumsum", axis=1) is None
    assert op("Max", axis=-1, keepdims=False, initial=None)["config"]["op"] == "max"
    inputs = keras.Input((3,))
    over_batch = keras.ops.mean(inputs, axis=0, keepdims=True)
    model = keras.Model(inputs, keras.layers.Dense(1, name="out")(over_batch))
    assert "(Mean): this Keras op" in refusal(model)


def test_states_become_inputs_of_the_layerviz_rnn_they_are_handed_to(k):
    inputs = k.Input((5, 2))
    seq, h, c = k.layers.LSTM(3, return_sequences=True, return_state=True, name="enc")(inputs)
    out = k.layers.LSTM(3, name="dec")(seq, initial_state=[h, c])
    layers = _layers(k.Model(inputs, out))
    assert layers["enc"]["class_name"] == "LSTM"
    assert layers["dec"]["class_name"] == "LayervizInitialStateLSTM"
    refs = [["enc", 0, 0, {}], ["enc", 0, 1, {}], ["enc", 0, 2, {}]]
    assert [ref[:3] for ref in layers["dec"]["inbound_nodes"][0]] == [r[:3] for r in refs]
    # Keras 3 hands a layer called with initial_state no mask (two tensor arguments).
    assert layers["dec"]["config"]["padding_mask"] is (k.__name__ == "tf_keras")


def test_initial_states_of_bidirectional_and_conv_lstm_are_refused(k):
    inputs = k.Input((5, 2))
    _, h, c = k.layers.LSTM(3, return_state=True, name="enc")(inputs)
    bi = k.layers.Bidirectional(k.layers.LSTM(3), name="bi")(inputs, initial_state=[h, c, h, c])
    message = refusal(k.Model(inputs, bi))
    assert "'bi' (Bidirectional): an initial_state is translated for SimpleRNN" in message
    frames = k.Input((3, 4, 4, 1))
    _, fh, fc = k.layers.ConvLSTM2D(2, 3, padding="same", return_state=True, name="c1")(frames)
    c2 = k.layers.ConvLSTM2D(2, 3, padding="same", name="c2")(frames, initial_state=[fh, fc])
    assert "'c2' (ConvLSTM2D): an initial_state" in refusal(k.Model(frames, c2))


def test_layers_keras3_hands_no_mask_after_an_op_ignore_or_refuse_the_stale_one(keras):
    tokens = keras.Input((6,), dtype="int32")
    h = keras.layers.Embedding(10, 4, mask_zero=True, name="embed")(tokens)
    masked = keras.layers.GlobalAveragePooling1D(name="masked")(h)
    unmasked = keras.layers.GlobalAveragePooling1D(name="unmasked")(h * 2.0)
    layers = _layers(keras.Model(tokens, [masked, unmasked]))
    assert layers["masked"]["config"]["padding_mask"] is True
    assert layers["unmasked"]["config"]["padding_mask"] is False
    recurrent = keras.layers.LSTM(2, name="lstm")(keras.ops.sin(h))
    message = refusal(keras.Model(tokens, recurrent))
    assert "'lstm' (LSTM): Keras hands this layer no padding mask" in message


def test_recorded_mask_reads_keras3_nodes_and_trusts_tf_keras_ones():
    tensor = {"class_name": "__keras_tensor__", "config": {"keras_history": ["m", 0, 0]}}
    assert recorded_mask({"inbound_nodes": [{"args": [], "kwargs": {"mask": tensor}}]})
    assert not recorded_mask({"inbound_nodes": [{"args": [], "kwargs": {"mask": None}}]})
    assert recorded_mask({"inbound_nodes": [{"args": [], "kwargs": {}}]})
    assert recorded_mask({"inbound_nodes": [[["x", 0, 0, {}]]]})
