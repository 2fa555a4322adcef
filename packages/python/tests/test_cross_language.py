"""Keras computes every layer; @layerviz/core computes the same layers from our conversion, in
Node with TF.js's CPU backend; they must agree within 1e-4."""

import pytest
from crosslang import assert_layers_match, needs_node

pytestmark = needs_node


@pytest.mark.parametrize("fixture", ["article_model", "functional_model"])
def test_every_layer_matches_keras(fixture, request, keras, tokens, tmp_path):
    model = request.getfixturevalue(fixture)
    assert_layers_match(keras, model, tokens, tmp_path)
