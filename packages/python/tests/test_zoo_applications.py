"""Keras's applications, taken as a user would (random weights: no download): one computed by
@layerviz/core in Node and compared with Keras layer by layer, ConvNeXt's LayerScale translated,
and the look-alikes and convolutions TF.js cannot compute refused with their reasons."""

import numpy as np
import pytest
from crosslang import assert_layers_match, needs_node


@needs_node
def test_a_keras_applications_model_converts_and_matches(keras, tmp_path):
    # A model nobody built for these tests, taken as a user would (random weights: no
    # download): op layers, keepdims pooling, hard_silu, ReLU(6), Rescaling, depthwise convs.
    model = keras.applications.MobileNetV3Small(
        weights=None, input_shape=(32, 32, 3), classes=4, include_preprocessing=True
    )
    x = np.random.default_rng(0).uniform(0, 255, (3, 32, 32, 3)).astype("float32")
    assert_layers_match(keras, model, x, tmp_path)


def test_a_keras_applications_model_with_layer_scales_converts(keras):
    # ConvNeXt's LayerScale is defined among Keras's applications, not its layers, and Keras 3
    # leaves its weight unnamed: it must become layerviz's class, its weight `gamma`.
    from layerviz.convert import to_tfjs

    model = keras.applications.ConvNeXtTiny(weights=None, input_shape=(32, 32, 3), classes=2)
    artifacts = to_tfjs(model)
    layers = artifacts.model_topology["config"]["layers"]
    scales = [layer for layer in layers if layer["class_name"] == "LayervizLayerScale"]
    assert len(scales) == 18
    names = {spec["name"] for spec in artifacts.weight_specs}
    assert {f"{layer['name']}/gamma" for layer in scales} <= names


def test_a_custom_class_named_as_a_keras_applications_layer_is_refused_clearly(keras):
    from layerviz.convert import UnsupportedModelError, to_tfjs

    class LayerScale(keras.layers.Layer):  # a model's own, which may compute anything
        def call(self, x):
            return x * 2.0

    inputs = keras.Input((4,))
    model = keras.Model(inputs, LayerScale(name="mine")(inputs))
    with pytest.raises(UnsupportedModelError) as info:
        to_tfjs(model)
    assert str(info.value).splitlines()[1:] == [
        "  - layer 'mine' (LayerScale): layerviz translates Keras's own LayerScale "
        "(applications.convnext), not another of that name (from 'test_zoo_applications')"
    ]


def test_grouped_and_dilated_depthwise_convolutions_are_refused_clearly(keras):
    # TF.js's DepthwiseConv2D ignores dilation; a Conv2D is translated to it only where each
    # group is one input channel.
    from layerviz.convert import UnsupportedModelError, to_tfjs

    images = keras.Input((8, 8, 4))
    h = keras.layers.Conv2D(4, 3, groups=2, name="pairs")(images)
    h = keras.layers.Conv2D(4, 2, groups=4, dilation_rate=2, name="dilated")(h)
    h = keras.layers.DepthwiseConv2D(2, dilation_rate=(1, 2), name="dw_dilated")(h)
    with pytest.raises(UnsupportedModelError) as info:
        to_tfjs(keras.Model(images, h))
    assert str(info.value).splitlines()[1:] == [
        "  - layer 'pairs' (Conv2D): groups=2 is translated for Conv2D (channels last) with one "
        "group per input channel only",
        "  - layer 'dilated' (Conv2D): dilation_rate ≠ 1 is ignored by TF.js's DepthwiseConv2D",
        "  - layer 'dw_dilated' (DepthwiseConv2D): dilation_rate ≠ 1 is ignored by TF.js's "
        "DepthwiseConv2D",
    ]
