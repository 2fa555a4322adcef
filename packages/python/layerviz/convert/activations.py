"""Keras activation names → the TF.js or @layerviz/core activation computing the same function.

Keras 3 names some activations TF.js knows under another name (same function); others TF.js
lacks or computes differently (its hard_sigmoid is clip(0.2x + 0.5), off by up to 0.057): those
go to the faithful versions @layerviz/core registers (``custom_activations.ts``). Mapping
hard_sigmoid by name would be silently wrong.
"""

from __future__ import annotations

#: Keras 3 activation → the name TF.js (with @layerviz/core's registrations) knows it by.
ACTIVATION_RENAMES = {
    "silu": "swish",
    "hard_sigmoid": "layerviz_hard_sigmoid",
    "hard_silu": "layerviz_hard_silu",
    "hard_swish": "layerviz_hard_silu",
    "leaky_relu": "layerviz_leaky_relu",
    "exponential": "layerviz_exponential",
    # Keras 3's other activations without parameters (custom_activations.ts).
    **{
        name: f"layerviz_{name}"
        for name in (
            "celu",
            "glu",
            "hard_shrink",
            "hard_tanh",
            "log_sigmoid",
            "soft_shrink",
            "sparse_plus",
            "sparse_sigmoid",
            "sparsemax",
            "squareplus",
            "tanh_shrink",
        )
    },
}
#: tf.keras 2 (`tf_keras`): its hard_sigmoid IS TF.js's clip(0.2x + 0.5), so it keeps its name;
#: its leaky_relu (slope 0.2) and exponential are Keras 3's.
KERAS2_ACTIVATION_RENAMES = {
    name: renamed for name, renamed in ACTIVATION_RENAMES.items() if name != "hard_sigmoid"
}
#: Activations TF.js 4.22 computes exactly as Keras does (after the renames above).
TFJS_ACTIVATIONS = frozenset(
    {"linear", "relu", "relu6", "elu", "selu", "sigmoid", "softmax", "softplus", "softsign"}
    | {"tanh", "swish", "mish", "gelu", "hard_sigmoid", "log_softmax"}
    | {name for name in ACTIVATION_RENAMES.values() if name.startswith("layerviz_")}
)
#: The config keys that name an activation.
ACTIVATION_KEYS = ("activation", "recurrent_activation")
