"""The translation of issue 16's third tranche: Keras 3's reshape, transpose, expand_dims,
squeeze, concatenate and matmul op layers, tf.keras 2's TFOpLambda layers, ConvLSTM1D/2D, and
what stays refused. test_zoo.py (zoo_layers3.py) checks the outputs against Keras."""

import numpy as np
from convert_helpers import refusal

import layerviz
from layerviz.convert import to_tfjs


def _layers(model):
    layers = to_tfjs(model).model_topology["config"]["layers"]
    return {layer["name"]: layer for layer in layers}


def test_keras3_tensor_ops_become_shape_and_join_op_layers(keras):
    ops = keras.ops
    a, b = keras.Input((4, 6), name="a"), keras.Input((6, 3), name="b")
    outputs = [
        ops.reshape(a, (-1, 3, 8)),
        ops.transpose(a, (0, 2, 1)),
        ops.concatenate([a, a], axis=1),
        ops.matmul(a, b),
    ]
    layers = _layers(keras.Model([a, b], outputs))
    configs = {
        layer["config"]["keras_class"]: (layer["class_name"], layer["config"])
        for layer in layers.values()
        if "keras_class" in layer["config"]
    }
    assert configs["Reshape"][0] == "LayervizShapeOp"
    assert configs["Reshape"][1]["shape"] == [3, 8]
    assert configs["Transpose"][1]["axes"] == [0, 2, 1]
    assert configs["Concatenate"][0] == "LayervizJoinOp"
    assert configs["Concatenate"][1]["axis"] == 1
    assert configs["Matmul"][1]["op"] == "matmul"
    matmul = next(layer for layer in layers.values() if layer["class_name"] == "LayervizJoinOp")
    assert [ref[0] for ref in matmul["inbound_nodes"][0]] in (["a", "a"], ["a", "b"])


def test_keras3_tensor_ops_that_move_or_mix_samples_are_refused(keras):
    ops = keras.ops
    inputs = keras.Input((4, 6))
    flat = keras.layers.Flatten()(inputs)
    for out, cls in (
        (ops.transpose(inputs), "Transpose"),  # the batch axis moves last
        (ops.concatenate([inputs, inputs], axis=0), "Concatenate"),
        (ops.matmul(flat, ops.transpose(flat)), "Matmul"),  # rows are samples
        (ops.reshape(inputs, (-1, 5)), "Reshape"),  # 24 values per sample are not 5
    ):
        message = refusal(keras.Model(inputs, keras.layers.Flatten(name="f")(out)))
        assert f"({cls}): this Keras op" in message


def test_tf_op_lambda_layers_take_their_tensors_as_inputs(tf_keras):
    import tensorflow as tf

    x, y = tf_keras.Input((4, 6), name="x"), tf_keras.Input((6, 3), name="y")
    layers = _layers(
        tf_keras.Model([x, y], [3.0 - x, tf.linalg.matmul(x, y), tf.concat([x, x], axis=-1), x * 2])
    )
    minus = layers["tf.math.subtract"]
    assert minus["class_name"] == "LayervizScalarOp"
    assert minus["config"] | {"name": None} == {
        "name": None,
        "op": "subtract",
        "constant": 3.0,
        "constant_first": True,
        "keras_class": "TFOpLambda",
    }
    assert minus["inbound_nodes"] == [[["x", 0, 0, {}]]]
    assert layers["tf.linalg.matmul"]["inbound_nodes"] == [[["x", 0, 0, {}], ["y", 0, 0, {}]]]
    assert layers["tf.concat"]["config"]["axis"] == -1
    assert layers["tf.math.multiply"]["config"]["constant"] == 2


def test_tf_functions_layerviz_does_not_translate_are_refused_by_name(tf_keras):
    import tensorflow as tf

    inputs = tf_keras.Input((4, 6))
    for out in (
        tf.nn.gelu(inputs, approximate=True),  # an argument the translation would ignore
        tf.reduce_mean(inputs),  # the whole batch
        tf.math.cumsum(inputs, axis=1),
        tf.transpose(inputs),
    ):
        message = refusal(tf_keras.Model(inputs, out))
        assert "(TFOpLambda): this TensorFlow function is not translated" in message


def test_a_model_with_an_untranslated_tf_function_falls_back_to_the_kernel(tf_keras):
    import tensorflow as tf

    inputs = tf_keras.Input((4, 3))
    h = tf_keras.layers.Dense(2, name="d")(tf.math.cumsum(inputs, axis=1))
    model = tf_keras.Model(inputs, tf_keras.layers.Flatten(name="out")(h))
    x = np.linspace(-1, 1, 60).reshape(5, 4, 3).astype("float32")
    widget = layerviz.show(model, x)
    assert widget.compute == "kernel"
    assert "(TFOpLambda): this TensorFlow function is not translated" in widget.notice
    np.testing.assert_allclose(widget.activations["out"], model.predict(x, verbose=0), rtol=1e-6)


def test_conv_lstm_1d_is_conv_lstm_2d_over_a_unit_axis_and_channels_first_is_refused(k):
    inputs = k.Input((4, 7, 2))
    model = k.Model(inputs, k.layers.ConvLSTM1D(3, 2, name="clstm")(inputs))
    artifacts = to_tfjs(model)
    assert _layers(model)["clstm"]["class_name"] == "LayervizConvLSTM1D"
    shapes = {spec["name"]: spec["shape"] for spec in artifacts.weight_specs}
    assert shapes["clstm/kernel"] == [2, 1, 2, 12]
    assert shapes["clstm/recurrent_kernel"] == [2, 1, 3, 12]
    frames = k.Input((4, 2, 5, 5))
    first = k.layers.ConvLSTM2D(2, 2, data_format="channels_first", name="cf")(frames)
    message = refusal(k.Model(frames, first))
    assert "'cf' (ConvLSTM2D): data_format='channels_first' is not translated" in message


def test_the_kernel_shows_a_layer_returning_states_by_its_first_output(k):
    from layerviz.kernel_compute import keras_activations, layer_info

    inputs = k.Input((5, 2))
    seq, h, c = k.layers.LSTM(3, return_sequences=True, return_state=True, name="enc")(inputs)
    out = k.layers.LSTM(3, name="dec")(seq, initial_state=[h, c])
    model = k.Model(inputs, out)
    [info] = layer_info(model, ["enc"])
    assert info["output_shape"] == [None, 5, 3]
    x = np.linspace(-1, 1, 40).reshape(4, 5, 2).astype("float32")
    sequence = k.Model(inputs, seq).predict(x, verbose=0)
    # Pooled over steps, as the browser pools the sequence.
    acts = keras_activations(model, x, ["enc", "dec"])
    np.testing.assert_allclose(acts["enc"], sequence.mean(axis=1), rtol=1e-5)
    assert acts["dec"].shape == (4, 3)
