import json

import numpy as np
import pytest

from layerviz.convert import UnsupportedModelError, to_tfjs
from layerviz.convert.topology import translate_model_config


def test_input_layer_batch_shape_becomes_batch_input_shape(article_model):
    layers = to_tfjs(article_model).model_topology["config"]["layers"]
    assert layers[0]["class_name"] == "InputLayer"
    assert layers[0]["config"]["batch_input_shape"] == [None, 12]
    assert "batch_shape" not in layers[0]["config"]


def test_keras3_wrappers_and_dtype_policies_are_stripped(article_model):
    text = json.dumps(to_tfjs(article_model).model_topology)
    assert "DTypePolicy" not in text
    assert '"module"' not in text
    assert "registered_name" not in text


def test_bidirectional_inner_layer_gets_its_tf_keras_2_name(article_model):
    layers = to_tfjs(article_model).model_topology["config"]["layers"]
    bidir = next(layer for layer in layers if layer["class_name"] == "Bidirectional")
    assert bidir["config"]["layer"]["config"]["name"] == "lstm"
    assert "backward_layer" not in bidir["config"]


def test_weights_are_named_as_tfjs_matches_them(article_model):
    artifacts = to_tfjs(article_model)
    names = [spec["name"] for spec in artifacts.weight_specs]
    assert names == [
        "embedding/embeddings",
        "bidirectional/forward_lstm/kernel",
        "bidirectional/forward_lstm/recurrent_kernel",
        "bidirectional/forward_lstm/bias",
        "bidirectional/backward_lstm/kernel",
        "bidirectional/backward_lstm/recurrent_kernel",
        "bidirectional/backward_lstm/bias",
        "dense/kernel",
        "dense/bias",
    ]
    total = sum(int(np.prod(spec["shape"])) for spec in artifacts.weight_specs)
    assert len(artifacts.weight_data) == 4 * total


def test_weight_bytes_hold_the_model_weights_in_order(article_model):
    artifacts = to_tfjs(article_model)
    flat = np.frombuffer(artifacts.weight_data, dtype="<f4")
    embeddings = article_model.layers[0].get_weights()[0]
    np.testing.assert_array_equal(flat[: embeddings.size], embeddings.ravel())


def test_functional_nodes_are_translated_and_mask_ops_dropped(functional_model):
    topology = to_tfjs(functional_model).model_topology
    assert topology["class_name"] == "Model"
    config = topology["config"]
    names = [layer["name"] for layer in config["layers"]]
    assert not any(name.startswith("not_equal") for name in names)
    lstm = next(layer for layer in config["layers"] if layer["name"] == "seq_lstm")
    assert lstm["inbound_nodes"] == [[["embed", 0, 0, {}]]]
    assert config["input_layers"] == [["tokens", 0, 0]]
    assert config["output_layers"] == [["probs", 0, 0]]


def test_unsupported_layers_are_all_named():
    config = {
        "class_name": "Sequential",
        "config": {
            "name": "m",
            "layers": [
                {"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [None, 3]}},
                {"class_name": "ConvLSTM3D", "config": {"name": "vol"}},
                {"class_name": "MyLayer", "config": {"name": "custom"}},
            ],
        },
    }
    with pytest.raises(UnsupportedModelError) as info:
        translate_model_config(config)
    message = str(info.value)
    assert "'vol' (ConvLSTM3D)" in message
    assert "'custom' (MyLayer)" in message


def test_saved_artifacts_are_a_standard_model_json(article_model, tmp_path):
    path = to_tfjs(article_model).save(tmp_path)
    model_json = json.loads(path.read_text())
    assert model_json["format"] == "layers-model"
    manifest = model_json["weightsManifest"][0]
    assert (tmp_path / manifest["paths"][0]).stat().st_size == 4 * sum(
        int(np.prod(w["shape"])) for w in manifest["weights"]
    )


def _refusal(keras, *layers, shape=(4,), dtype="float32"):
    model = keras.Sequential([keras.Input(shape, dtype=dtype), *layers])
    with pytest.raises(UnsupportedModelError) as info:
        to_tfjs(model)
    return str(info.value)


def test_keras3_hard_sigmoid_goes_to_layerviz_version_not_tfjs_namesake(keras):
    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(3, activation="hard_sigmoid", name="gate")]
    )
    dense = to_tfjs(model).model_topology["config"]["layers"][1]
    assert dense["config"]["activation"] == "layerviz_hard_sigmoid"


@pytest.mark.parametrize(
    "activation",
    [
        "celu",
        "hard_shrink",
        "hard_tanh",
        "log_sigmoid",
        "soft_shrink",
        "sparse_plus",
        "sparse_sigmoid",
        "sparsemax",
        "squareplus",
        "tanh_shrink",
        "glu",
    ],
)
def test_keras3_activations_tfjs_lacks_go_to_layerviz_versions(keras, activation):
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(4, activation=activation, name="d"),
            keras.layers.Activation(activation, name="a"),
        ]
    )
    layers = to_tfjs(model).model_topology["config"]["layers"]
    assert [layer["config"]["activation"] for layer in layers[1:]] == [f"layerviz_{activation}"] * 2


def test_log_softmax_is_tfjs_own(keras):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="log_softmax")])
    dense = to_tfjs(model).model_topology["config"]["layers"][1]
    assert dense["config"]["activation"] == "log_softmax"  # TF.js's logSoftmax, the same


def _classes(model):
    """TF.js class name of each layer (and of a Bidirectional's wrapped layer) after translation."""
    classes = {}
    for layer in to_tfjs(model).model_topology["config"]["layers"]:
        config = layer["config"]
        classes[config["name"]] = layer["class_name"]
        if "layer" in config:
            classes[config["name"] + "/layer"] = config["layer"]["class_name"]
    return classes


def test_gru_reset_after_goes_to_the_layerviz_gru_also_inside_bidirectional(keras):
    model = keras.Sequential(
        [
            keras.Input((5, 2)),
            keras.layers.GRU(3, return_sequences=True, name="plain"),
            keras.layers.GRU(3, reset_after=False, return_sequences=True, name="old"),
            keras.layers.Bidirectional(keras.layers.GRU(2, name="gru"), name="bi"),
        ]
    )
    classes = _classes(model)
    # TF.js's own GRU refuses reset_after=True (Keras's default) and would not load.
    assert classes["plain"] == "LayervizResetAfterGRU"
    assert classes["old"] == "GRU"
    assert classes["bi/layer"] == "LayervizResetAfterGRU"
    assert classes["bi"] == "Bidirectional"


def test_masked_average_pooling_and_masked_bidirectional_sequences_use_layerviz_layers(keras):
    model = keras.Sequential(
        [
            keras.Input((6,), dtype="int32"),
            keras.layers.Embedding(10, 4, mask_zero=True),
            keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True), name="bi"),
            keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True), name="bi2"),
            keras.layers.GlobalAveragePooling1D(name="avg"),
        ]
    )
    classes = _classes(model)
    # TF.js repeats the last output at padded steps where Keras outputs zeros, and averages
    # padded steps in; both would be silently wrong under TF.js's namesakes.
    assert classes["bi"] == classes["bi2"] == "LayervizBidirectional"
    assert classes["bi/layer"] == "LSTM"
    assert classes["avg"] == "LayervizGlobalPooling"


def test_unmasked_bidirectional_keeps_the_tfjs_class(keras):
    model = keras.Sequential(
        [
            keras.Input((6, 2)),
            keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True), name="bi"),
        ]
    )
    assert _classes(model)["bi"] == "Bidirectional"


def test_causal_padding_and_parametrized_activation_layers_use_layerviz_layers(keras):
    model = keras.Sequential(
        [
            keras.Input((6, 2)),
            keras.layers.Conv1D(3, 2, padding="causal", name="tcn"),
            keras.layers.Conv1D(3, 2, padding="same", name="same"),
            keras.layers.ReLU(threshold=0.5, name="thresh"),
            keras.layers.ReLU(max_value=6.0, name="relu6"),
            keras.layers.ELU(alpha=0.5, name="elu_half"),
            keras.layers.ELU(name="elu"),
            keras.layers.LeakyReLU(negative_slope=0.1, name="leaky"),
        ]
    )
    classes = {name: cls for name, cls in _classes(model).items() if cls != "InputLayer"}
    assert classes == {
        "tcn": "LayervizCausalConv1D",
        "same": "Conv1D",
        "thresh": "LayervizReLU",
        "relu6": "ReLU",
        "elu_half": "LayervizELU",
        "elu": "ELU",
        "leaky": "LeakyReLU",
    }


def test_spatial_layers_get_one_pair_or_factor_per_axis(keras):
    model = keras.Sequential(
        [
            keras.Input((6, 6, 6, 2)),
            keras.layers.ZeroPadding3D(1, name="pad"),
            keras.layers.Cropping3D(((1, 0), 2, (0, 1)), name="crop"),
            keras.layers.UpSampling3D(2, name="up"),
            keras.layers.GlobalAveragePooling3D(name="gap"),
            keras.layers.Reshape((2, 1), name="seq"),
            keras.layers.UpSampling1D(3, name="up1"),
            keras.layers.Cropping1D((1, 2), name="crop1"),
        ]
    )
    layers = {
        layer["config"]["name"]: layer
        for layer in to_tfjs(model).model_topology["config"]["layers"]
    }
    assert layers["pad"]["config"]["padding"] == [[1, 1]] * 3
    assert layers["crop"]["config"]["cropping"] == [[1, 0], [2, 2], [0, 1]]
    assert layers["up"]["config"]["size"] == [2, 2, 2]
    assert layers["up1"]["config"]["size"] == [3]
    assert layers["crop1"]["config"]["cropping"] == [[1, 2]]
    assert layers["crop1"]["config"]["keras_class"] == "Cropping1D"
    assert [layers[n]["class_name"] for n in ("pad", "crop", "up", "gap")] == [
        "LayervizZeroPadding",
        "LayervizCropping",
        "LayervizUpSampling",
        "LayervizGlobalPooling",
    ]


def test_what_tfjs_computes_differently_is_refused_with_the_reason(keras):
    message = _refusal(
        keras,
        keras.layers.Conv1D(4, 1, activation="glu", name="gated_conv"),
        keras.layers.Conv1D(2, 2, padding="causal", data_format="channels_first", name="cf"),
        keras.layers.Reshape((2, 4, 1)),
        keras.layers.UpSampling2D(2, interpolation="bicubic", name="bicubic"),
        keras.layers.Conv2DTranspose(2, 2, strides=2, output_padding=1, name="outpad"),
        keras.layers.Conv2DTranspose(2, 2, dilation_rate=2, name="dilated"),
        shape=(4, 2),
    )
    assert "'gated_conv' (Conv1D): activation 'glu' halves the last axis" in message
    assert "'cf' (Conv1D): padding='causal' is translated for channels_last only" in message
    assert "'bicubic' (UpSampling2D): interpolation='bicubic' is not translated" in message
    assert "'outpad' (Conv2DTranspose): output_padding is not supported" in message
    assert "'dilated' (Conv2DTranspose): dilation_rate ≠ 1 has no TF.js" in message


def test_conv3d_transpose_is_refused(keras):
    # TF.js's WASM backend computes it wrongly (its CPU backend is right).
    message = _refusal(keras, keras.layers.Conv3DTranspose(2, 2, name="t3"), shape=(3, 3, 3, 1))
    assert "'t3' (Conv3DTranspose): class Conv3DTranspose is not supported yet" in message


def test_many_layers_with_one_problem_are_one_line(keras):
    layers = [keras.layers.GaussianNoise(0.1, name=f"noise{i}") for i in range(6)]
    message = _refusal(keras, *layers, shape=(3,))
    assert message.count("\n") == 1
    assert (
        "6 layers 'noise0', 'noise1', 'noise2', 'noise3' and 2 more (GaussianNoise): "
        "class GaussianNoise is not supported yet"
    ) in message


def test_unmasked_average_pooling_also_goes_to_the_layerviz_layer(keras):
    # TF.js's ignores data_format too; ours averages every step when no mask arrives.
    model = keras.Sequential(
        [keras.Input((6, 2)), keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)]
    )
    assert to_tfjs(model).model_topology["config"]["layers"][1]["class_name"] == (
        "LayervizGlobalPooling"
    )


def test_show_reports_refusals_as_layerviz_errors(keras):
    import layerviz

    model = keras.Sequential(
        [keras.Input((4, 2)), keras.layers.Conv1D(2, 1, activation="glu", name="gate")]
    )
    with pytest.raises(layerviz.LayerVizError, match="'gate' \\(Conv1D\\)"):
        layerviz.show(model, np.zeros((3, 4, 2)), compute="browser")


def test_an_op_layerviz_does_not_translate_is_refused_by_name(keras):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(1, name="out")(keras.ops.cumsum(inputs, 1)))
    with pytest.raises(UnsupportedModelError) as info:
        to_tfjs(model)
    assert "(Cumsum): this Keras op (keras.ops or a tensor expression) is not supported" in str(
        info.value
    )


def test_arithmetic_with_a_number_becomes_a_scalar_op(keras):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(1, name="out")(2.0 - inputs))
    layers = to_tfjs(model).model_topology["config"]["layers"]
    op = next(layer for layer in layers if layer["class_name"] == "LayervizScalarOp")
    assert op["config"] | {"name": None} == {
        "name": None,
        "op": "subtract",
        "constant": 2.0,
        "constant_first": True,
    }
    assert layers[-1]["inbound_nodes"] == [[[op["name"], 0, 0, {}]]]


def test_an_input_from_a_layer_that_was_not_translated_is_refused():
    # TF.js would loop forever looking for the missing layer.
    from layerviz.convert.topology import translate_model_config

    config = {
        "class_name": "Functional",
        "config": {
            "name": "m",
            "layers": [
                {
                    "class_name": "InputLayer",
                    "name": "x",
                    "config": {"name": "x", "batch_input_shape": [None, 2]},
                    "inbound_nodes": [],
                },
                {
                    "class_name": "Dense",
                    "name": "d",
                    "config": {"name": "d", "units": 1},
                    "inbound_nodes": [[["ghost", 0, 0, {}]]],
                },
            ],
            "input_layers": [["x", 0, 0]],
            "output_layers": [["d", 0, 0]],
        },
    }
    with pytest.raises(UnsupportedModelError, match="'d' takes its input from 'ghost'"):
        translate_model_config(config)
