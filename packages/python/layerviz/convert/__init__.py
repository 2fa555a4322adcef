"""Keras 3 (TensorFlow backend) to TF.js layers-format conversion, in plain Python + numpy.

The official ``tensorflowjs`` converter pins old TensorFlow and breaks on Keras 3, so layerviz
translates the model itself: :func:`to_tfjs` returns the topology JSON and one float32 weight
buffer that ``tf.loadLayersModel(tf.io.fromMemory(...))`` in TF.js 4.x reads.
"""

from .artifacts import TfjsArtifacts, to_tfjs
from .support import UnsupportedModelError

__all__ = ["TfjsArtifacts", "UnsupportedModelError", "to_tfjs"]
