"""The one version of layerviz, and the npm module the widget's front end lives in.

The version is written once, in ``packages/jupyterlab/package.json``; the wheel's version is
derived from it at build time and the built labextension carries a copy.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

#: The distribution's name on PyPI (the module is ``layerviz``).
DISTRIBUTION = "jupyter-layerviz"
_LABEXTENSION_PACKAGE = Path(__file__).parent / "labextension" / "package.json"


def _frontend_package() -> tuple[str, str]:
    if _LABEXTENSION_PACKAGE.exists():
        data = json.loads(_LABEXTENSION_PACKAGE.read_text())
        return data["name"], data["version"]
    return "@layerviz/jupyterlab", metadata.version(DISTRIBUTION)


try:
    __version__ = metadata.version(DISTRIBUTION)
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = _frontend_package()[1]

#: The npm package with the widget's model and view (``_model_module``).
MODULE_NAME, MODULE_VERSION = _frontend_package()
