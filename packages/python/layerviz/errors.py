"""The error layerviz raises for input it cannot show."""


class LayerVizError(ValueError):
    """Bad input to :func:`layerviz.show` or ``%layerviz``.

    The message names the problem and how to fix it; the magic shows it without a traceback.
    """
