"""layerviz: see how a trained neural network groups your data at every layer, in the notebook.

Use it as an IPython extension::

    %load_ext layerviz
    %layerviz model x_test y_test

or from Python with :func:`show`. TensorFlow and Keras are imported only when needed.
"""

from ._version import __version__
from .api import show
from .compare import LayerVizComparison
from .errors import LayerVizError
from .magic import load_ipython_extension, unload_ipython_extension
from .recorder import Recorder
from .widget import LayerVizWidget

__all__ = [
    "LayerVizComparison",
    "LayerVizError",
    "LayerVizWidget",
    "Recorder",
    "__version__",
    "load_ipython_extension",
    "show",
    "unload_ipython_extension",
]


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    """Tell JupyterLab where the prebuilt extension lives (used by ``labextension develop``)."""
    return [{"src": "labextension", "dest": "@layerviz/jupyterlab"}]
