"""Which layers a deep model shows by default: its block outputs, evenly spread over depth.

Image models have 100-500 layers, most of them normalisation, activations, padding and the
branches of residual blocks; the representation worth looking at is what leaves each block.
The same rules live in ``@layerviz/core`` (``defaultLayers``); a cross-language test holds the
two equal on real models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Models with more layers than this show only their block outputs unless ``layers=`` is given.
DEFAULT_LAYER_COUNT = 16

#: Layers whose output joins branches: what leaves a residual or dense block.
MERGE_CLASSES = frozenset(
    {"Add", "Concatenate", "Multiply", "Average", "Maximum", "Minimum", "Subtract"}
)
#: Layers that change little and are rarely what a user wants to see on their own.
MINOR_CLASSES = frozenset(
    {
        "BatchNormalization",
        "LayerNormalization",
        "GroupNormalization",
        "Dropout",
        "SpatialDropout1D",
        "SpatialDropout2D",
        "SpatialDropout3D",
        "GaussianNoise",
        "GaussianDropout",
        "ZeroPadding1D",
        "ZeroPadding2D",
        "ZeroPadding3D",
        "Reshape",
        "Rescaling",
        "Normalization",
    }
)

_TOKEN_WITH_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class GraphLayer:
    """One layer of a model's graph, in depth (topological) order."""

    #: The layer's unique name.
    name: str
    #: Its class, e.g. ``"Add"``.
    class_name: str
    #: Names of the layers whose outputs it takes (empty for the first layers).
    inbound: tuple[str, ...]


def block_of(name: str) -> str:
    """Return the block a layer's name puts it in: the name up to its last token with a digit.

    ``block_13_expand_relu`` -> ``block_13``, ``conv2_block1_out`` -> ``conv2_block1``,
    ``block1a_project_bn`` -> ``block1a``; a name without digits is its own block.
    """
    tokens = name.split("_")
    last = max((i for i, t in enumerate(tokens) if _TOKEN_WITH_DIGIT.search(t)), default=-1)
    return name if last < 0 else "_".join(tokens[: last + 1])


def bottlenecks(graph: Sequence[GraphLayer]) -> list[bool]:
    """Whether each layer's output is all that later layers read from the layers before it.

    Every path from the input to the output passes through such a layer, so its output is a
    representation of the whole sample; a layer inside one branch of a block is not one.
    """
    position = {layer.name: i for i, layer in enumerate(graph)}
    last_use = list(range(len(graph)))
    for i, layer in enumerate(graph):
        for parent in layer.inbound:
            j = position.get(parent)
            if j is not None:
                last_use[j] = max(last_use[j], i)
    result = []
    # Outputs still waiting to be read after layer i: those produced at or before i whose last
    # reader comes after i. A bottleneck leaves only its own.
    furthest_before = -1  # the furthest last reader among layers before i
    for i in range(len(graph)):
        result.append(furthest_before <= i)
        furthest_before = max(furthest_before, last_use[i])
    return result


def _block_positions(graph: Sequence[GraphLayer]) -> tuple[list[bool], list[bool]]:
    """Return, per layer, whether it ends a named block of 2+ layers and whether one follows."""
    blocks = [block_of(layer.name) for layer in graph]
    ends, inside = [], []
    for i, block in enumerate(blocks):
        continues = i + 1 < len(blocks) and blocks[i + 1] == block
        ends.append(i > 0 and blocks[i - 1] == block and not continues)
        inside.append(continues)
    return ends, inside


def _spread(candidates: Sequence[int], count: int) -> list[int]:
    """``count`` of ``candidates`` (ascending) evenly spread, the first and last included."""
    if count >= len(candidates):
        return list(candidates)
    if count <= 0:
        return []
    if count == 1:
        return [candidates[-1]]
    step = (len(candidates) - 1) / (count - 1)
    return [candidates[round(k * step)] for k in range(count)]


def default_layers(graph: Sequence[GraphLayer], limit: int = DEFAULT_LAYER_COUNT) -> list[str]:
    """Return the names of the layers to show by default, in depth order.

    Every layer when there are at most ``limit``; else the first and the last layer and, evenly
    spread between them, the block outputs: layers all paths pass through (see
    :func:`bottlenecks`) that end a named block (see :func:`block_of`), or merge branches or
    pool outside one.
    When there are fewer block outputs than room, other such layers fill it (normalisation,
    dropout and padding last).

    Parameters
    ----------
    graph : sequence of GraphLayer
        The model's layers but its inputs, in depth order.
    limit : int, default 16
        How many layers at most, 2 or more.

    """
    n = len(graph)
    if n <= limit:
        return [layer.name for layer in graph]
    through = bottlenecks(graph)
    ends, inside = _block_positions(graph)
    inner = range(1, n - 1)
    tiers: list[list[int]] = [[], [], []]
    for i in inner:
        if not through[i]:
            continue
        cls = graph[i].class_name
        # A merge or pooling inside a named block (a squeeze-and-excite scale, ResNet's add
        # before its activation) is not where the block ends.
        joins = cls in MERGE_CLASSES or "Pooling" in cls
        if ends[i] or (joins and not inside[i]):
            tiers[0].append(i)
        elif cls not in MINOR_CLASSES:
            tiers[1].append(i)
        else:
            tiers[2].append(i)
    chosen: set[int] = {0, n - 1}
    for tier in tiers:
        room = limit - len(chosen)
        chosen.update(_spread(tier, room))
    return [graph[i].name for i in sorted(chosen)]


def keras_graph(model: Any) -> list[GraphLayer]:
    """Return the layers of a Keras model but its inputs, with the layers each one reads."""
    graph = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        graph.append(GraphLayer(layer.name, type(layer).__name__, _inbound_names(layer)))
    return graph


def _inbound_names(layer: Any) -> tuple[str, ...]:
    """Names of the layers feeding ``layer`` at its first call (Keras 3 and tf.keras 2)."""
    nodes = getattr(layer, "_inbound_nodes", None) or []
    if not nodes:
        return ()
    node = nodes[0]
    if hasattr(node, "inbound_layers"):  # tf.keras 2
        inbound = node.inbound_layers
        if not isinstance(inbound, (list, tuple)):
            inbound = [inbound]
        return tuple(parent.name for parent in inbound)
    return tuple(parent.operation.name for parent in node.parent_nodes)  # Keras 3
