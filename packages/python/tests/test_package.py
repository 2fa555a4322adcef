import json

from conftest import REPO

import layerviz
from layerviz import LayerVizWidget


def test_one_version_for_python_and_npm():
    npm = json.loads((REPO / "packages" / "jupyterlab" / "package.json").read_text())
    assert layerviz.__version__ == npm["version"]
    widget_version = LayerVizWidget.class_traits()["_model_module_version"].default_value
    assert widget_version == npm["version"]
    assert LayerVizWidget.class_traits()["_model_module"].default_value == npm["name"]


def test_labextension_paths_point_at_the_built_extension():
    (entry,) = layerviz._jupyter_labextension_paths()
    assert entry["dest"] == "@layerviz/jupyterlab"


def test_importing_layerviz_does_not_import_tensorflow():
    import subprocess
    import sys

    code = "import sys, layerviz; print('tensorflow' in sys.modules, 'keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_widget_state_is_saved_with_notebooks_by_default():
    # Installed as share/jupyter/lab/settings/overrides.d/layerviz.json: without it a saved
    # notebook would not keep the plots (JupyterLab's default is not to save widget state).
    import tomllib

    pyproject = tomllib.loads((REPO / "packages" / "python" / "pyproject.toml").read_text())
    shared = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    source = next(k for k, v in shared.items() if v.endswith("layerviz.json"))
    assert shared[source] == "share/jupyter/lab/settings/overrides.d/layerviz.json"
    settings = json.loads((REPO / "packages" / "python" / source).read_text())
    assert settings == {"@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": True}}
