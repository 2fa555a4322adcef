"""Python's option table and widget traits equal TypeScript's constants and trait defaults.

``test/cross/options.mjs`` prints core's layout options and the widget model's defaults from the
builds (``npm run build``); these tests compare them with ``layerviz/options.py`` and
``layerviz/widget.py``, so a change on either side fails here until the other follows.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from crosslang import REPO

from layerviz.options import DEFAULT, OPTION, TSNE_ITERATIONS

SCRIPT = REPO / "test" / "cross" / "options.mjs"
BUILDS = [
    REPO / "packages" / "core" / "lib" / "options.js",
    REPO / "packages" / "jupyterlab" / "lib" / "traits.js",
]

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not all(path.exists() for path in BUILDS),
    reason="needs node and built @layerviz/core and @layerviz/jupyterlab (npm run build)",
)

#: Python's option names of core's numeric layout options (camelCase there).
NUMBER_NAMES = {
    "perplexity": "perplexity",
    "neighbors": "neighbors",
    "min_dist": "minDist",
    "seed": "seed",
    "iterations": "iterations",
}


@pytest.fixture(scope="module")
def typescript():
    version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout
    major, minor = (int(part) for part in version.strip().lstrip("v").split(".")[:2])
    flags = ["--experimental-detect-module"] if (major, minor) < (22, 7) else []
    result = subprocess.run(
        ["node", *flags, str(SCRIPT)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_the_layout_ranges_and_defaults_equal_cores(typescript):
    numbers = typescript["options"]["LAYOUT_NUMBERS"]
    assert set(numbers) == set(NUMBER_NAMES.values())
    for name, ts_name in NUMBER_NAMES.items():
        option = OPTION[name]
        python = {
            "min": option.low,
            "max": option.high,
            "default": option.default,
            "integer": option.integer,
        }
        assert python == numbers[ts_name], name
    assert typescript["options"]["TSNE_ITERATIONS"] == TSNE_ITERATIONS


def test_the_choices_and_defaults_equal_cores(typescript):
    ts = typescript["options"]
    assert list(OPTION["method"].choices) == ts["LAYOUT_METHODS"]
    assert list(OPTION["dims"].choices) == ts["LAYOUT_DIMS"]
    assert list(OPTION["metrics"].choices) == ts["METRICS_LEVELS"]
    assert DEFAULT["method"] == ts["DEFAULT_METHOD"]
    assert DEFAULT["dims"] == ts["DEFAULT_DIMS"]
    assert DEFAULT["metrics"] == ts["DEFAULT_METRICS_LEVEL"]
    assert DEFAULT["max_points"] == ts["DEFAULT_MAX_POINTS"]


def _synced_defaults():
    """Every synced trait of a recorder's widget (all of LayerVizWidget's, and the epochs)."""
    from ipywidgets import DOMWidget

    from layerviz.timeline_widget import TimelineWidget

    widget = TimelineWidget(None)
    inherited = set(DOMWidget().keys)
    state = widget.get_state()
    names = [name for name in widget.keys if name not in inherited]
    # An empty bytes trait travels as no buffer, which the model holds as null.
    return {name: None if state[name] == b"" else state[name] for name in names}


def test_the_widget_traits_equal_the_models_names_and_defaults(typescript):
    python = _synced_defaults()
    assert sorted(python) == sorted(typescript["traits"])
    for name, value in python.items():
        assert value == typescript["traits"][name], name


def test_the_layout_traits_are_the_widgets(typescript):
    from layerviz.options import layout_options

    assert sorted(typescript["layoutTraits"]) == sorted(layout_options())
