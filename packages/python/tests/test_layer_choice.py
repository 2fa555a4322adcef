"""Deep models show their block outputs by default; layers="all" shows every layer."""

import json
import subprocess

import numpy as np
import pytest
from crosslang import REPO, needs_node

import layerviz
from layerviz import LayerVizError
from layerviz.convert import to_tfjs
from layerviz.layer_choice import (
    DEFAULT_LAYER_COUNT,
    GraphLayer,
    block_of,
    bottlenecks,
    default_layers,
    keras_graph,
)


def chain(*names_and_classes):
    """A sequential graph of (name, class) pairs."""
    graph = []
    for name, cls in names_and_classes:
        graph.append(GraphLayer(name, cls, (graph[-1].name,) if graph else ()))
    return graph


@pytest.mark.parametrize(
    ("name", "block"),
    [
        ("block_13_expand_relu", "block_13"),
        ("conv2_block1_out", "conv2_block1"),
        ("block1a_project_bn", "block1a"),
        ("dense", "dense"),
        ("predictions", "predictions"),
    ],
)
def test_block_of_cuts_the_name_after_its_last_token_with_a_digit(name, block):
    assert block_of(name) == block


def test_a_layer_inside_a_residual_branch_is_not_a_bottleneck():
    graph = [
        GraphLayer("stem", "Conv2D", ()),
        GraphLayer("branch_conv", "Conv2D", ("stem",)),
        GraphLayer("branch_bn", "BatchNormalization", ("branch_conv",)),
        GraphLayer("add", "Add", ("stem", "branch_bn")),
        GraphLayer("head", "Dense", ("add",)),
    ]
    assert bottlenecks(graph) == [True, False, False, True, True]


def test_small_models_show_every_layer():
    graph = chain(*[(f"dense_{i}", "Dense") for i in range(DEFAULT_LAYER_COUNT)])
    assert default_layers(graph) == [layer.name for layer in graph]


def test_deep_models_show_block_ends_first_and_last_evenly_spread():
    graph = []
    for b in range(1, 21):  # 20 residual blocks of 4 layers and a skip connection
        before = graph[-1].name if graph else "input"
        graph += [
            GraphLayer(f"block_{b}_conv", "Conv2D", (before,)),
            GraphLayer(f"block_{b}_bn", "BatchNormalization", (f"block_{b}_conv",)),
            GraphLayer(f"block_{b}_add", "Add", (before, f"block_{b}_bn")),
            GraphLayer(f"block_{b}_relu", "ReLU", (f"block_{b}_add",)),
        ]
    graph.append(GraphLayer("predictions", "Dense", (graph[-1].name,)))
    chosen = default_layers(graph)
    assert len(chosen) == DEFAULT_LAYER_COUNT
    assert chosen[0] == "block_1_conv" and chosen[-1] == "predictions"
    inner = chosen[1:-1]
    assert all(name.endswith("_relu") for name in inner)  # the block ends, not its add
    blocks = [int(name.split("_")[1]) for name in inner]
    assert blocks == sorted(blocks)
    assert max(np.diff(blocks)) - min(np.diff(blocks)) <= 1  # evenly spread


def test_plain_deep_stacks_fill_with_non_minor_layers():
    layers = []
    for i in range(12):
        layers += [(f"dense{i}", "Dense"), (f"norm{i}", "BatchNormalization")]
    chosen = default_layers(chain(*layers))
    assert len(chosen) == DEFAULT_LAYER_COUNT
    # Normalisation layers come last: 11 inner Dense layers exist, all are taken first.
    assert sum(name.startswith("dense") for name in chosen) == 12


@pytest.fixture(scope="module")
def mobilenet(keras):
    return keras.applications.MobileNetV2(weights=None, input_shape=(32, 32, 3), classes=10)


def test_mobilenet_v2_shows_16_block_outputs(mobilenet):
    graph = keras_graph(mobilenet)
    assert len(graph) == 155
    chosen = default_layers(graph)
    assert len(chosen) == DEFAULT_LAYER_COUNT
    assert chosen[0] == "Conv1" and chosen[-1] == "predictions"
    through = dict(zip([layer.name for layer in graph], bottlenecks(graph), strict=True))
    assert all(through[name] for name in chosen)
    assert "block_2_add" in chosen and "block_13_expand_relu" not in chosen


def test_show_of_a_deep_model_lists_every_layer_and_shows_the_default(mobilenet):
    x = np.random.default_rng(0).random((8, 32, 32, 3), dtype=np.float32)
    widget = layerviz.show(mobilenet, x, max_points=8)
    assert widget.layers == default_layers(keras_graph(mobilenet))
    assert len(widget.all_layers) == 155
    first = widget.all_layers[0]
    assert first["name"] == "Conv1" and first["block"] == "Conv1"
    assert widget.all_layers[40]["output_shape"][0] is None
    every = layerviz.show(mobilenet, x, layers="all", max_points=8)
    assert len(every.layers) == 155


def test_adding_a_layer_from_the_view_computes_it(mobilenet):
    x = np.random.default_rng(0).random((8, 32, 32, 3), dtype=np.float32)
    widget = layerviz.show(mobilenet, x, max_points=8, compute="kernel")
    added = [*widget.layers, "block_13_expand_relu"]
    widget.layers = added
    assert "block_13_expand_relu" in widget.activations
    assert widget.activations["block_13_expand_relu"].shape[0] == 8
    assert [info["name"] for info in widget.layer_info] == widget.layers
    assert widget.layers.index("block_13_expand_relu") < widget.layers.index("predictions")


def test_adding_a_layer_in_the_browser_path_sends_its_fidelity_reference(article_model, tokens):
    widget = layerviz.show(article_model, tokens, layers=["dense"])
    assert list(widget.fidelity_reference) == ["dense"]
    widget.layers = ["embedding", "dense"]
    assert sorted(widget.fidelity_reference) == ["dense", "embedding"]


def test_layers_must_be_names_or_all(article_model, tokens):
    with pytest.raises(LayerVizError, match=r"layers must be a list of layer names or 'all'"):
        layerviz.show(article_model, tokens, layers="dense")
    assert len(layerviz.show(article_model, tokens, layers="all").layers) == 4


@needs_node
def test_core_chooses_the_same_layers_as_python(mobilenet, tmp_path):
    to_tfjs(mobilenet).save(tmp_path)
    script = REPO / "test" / "cross" / "default_layers.mjs"
    result = subprocess.run(
        ["node", str(script), str(tmp_path)], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    core = json.loads(result.stdout)
    graph = keras_graph(mobilenet)
    assert [(g["name"], g["className"], tuple(g["inbound"])) for g in core["graph"]] == [
        (g.name, g.class_name, g.inbound) for g in graph
    ]
    assert core["chosen"] == default_layers(graph)
