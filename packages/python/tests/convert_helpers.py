"""Helpers of the converter's tests."""

import json

import pytest

from layerviz.convert import UnsupportedModelError
from layerviz.convert.topology import translate_model_config


def refusal(model):
    """The message of the refusal that translating ``model``'s config raises."""
    with pytest.raises(UnsupportedModelError) as info:
        translate_model_config(json.loads(model.to_json()))
    return str(info.value)
