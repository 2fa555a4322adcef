"""Write digits.json: scikit-learn's copy of the UCI handwritten digits (8x8, 0-16), for the examples.

Run from the repository root: ``.venv/bin/python examples/data/export_digits.py``.
"""

import json
from pathlib import Path

from sklearn.datasets import load_digits

digits = load_digits()
out = Path(__file__).with_name("digits.json")
out.write_text(
    json.dumps(
        {
            "shape": [int(n) for n in digits.images.shape],
            "pixels": [int(v) for v in digits.images.reshape(-1)],
            "labels": [int(v) for v in digits.target],
        },
        separators=(",", ":"),
    )
)
print(f"{out}: {len(digits.target)} digits")
