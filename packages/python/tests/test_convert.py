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
                {"class_name": "Conv3D", "config": {"name": "vol"}},
                {"class_name": "MyLayer", "config": {"name": "custom"}},
            ],
        },
    }
    with pytest.raises(UnsupportedModelError) as info:
        translate_model_config(config)
    message = str(info.value)
    assert "'vol' (Conv3D)" in message
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


@pytest.mark.parametrize("activation", ["log_sigmoid", "tanh_shrink", "hard_tanh"])
def test_activations_missing_in_tfjs_are_refused(keras, activation):
    message = _refusal(keras, keras.layers.Dense(3, activation=activation, name="d"))
    assert f"activation {activation!r} does not exist in TF.js" in message


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


def test_causal_padding_and_non_default_activation_layers_are_refused(keras):
    message = _refusal(
        keras,
        keras.layers.Conv1D(3, 2, padding="causal", name="tcn"),
        keras.layers.ReLU(threshold=0.5, name="thresh"),
        keras.layers.ELU(alpha=0.5, name="elu"),
        shape=(6, 2),
    )
    assert "layer 'tcn' (Conv1D): padding='causal' is not applied by TF.js" in message
    assert "layer 'thresh' (ReLU): negative_slope and threshold are not supported" in message
    assert "layer 'elu' (ELU): alpha=0.5 is not supported by TF.js's ELU" in message


def test_many_layers_with_one_problem_are_one_line(keras):
    layers = [keras.layers.UnitNormalization(name=f"unit{i}") for i in range(6)]
    message = _refusal(keras, *layers, shape=(3,))
    assert message.count("\n") == 1
    assert (
        "6 layers 'unit0', 'unit1', 'unit2', 'unit3' and 2 more (UnitNormalization): "
        "class UnitNormalization is not supported yet"
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
        [keras.Input((4,)), keras.layers.Dense(2, activation="log_sigmoid", name="gate")]
    )
    with pytest.raises(layerviz.LayerVizError, match="'gate' \\(Dense\\)"):
        layerviz.show(model, np.zeros((3, 4)), compute="browser")


def test_causal_padding_is_refused(keras):
    message = _refusal(
        keras, keras.layers.Conv1D(2, 3, padding="causal", name="causal"), shape=(8, 2)
    )
    assert "'causal' (Conv1D): padding='causal' is not applied by TF.js" in message


def test_an_op_other_than_arithmetic_is_refused_by_name(keras):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(1, name="out")(keras.ops.sin(inputs)))
    with pytest.raises(UnsupportedModelError) as info:
        to_tfjs(model)
    assert "(Sin): this Keras op (keras.ops or a tensor expression) is not supported" in str(
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
