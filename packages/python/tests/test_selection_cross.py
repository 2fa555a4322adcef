"""@layerviz/core's k-NN purity of a selection against a NumPy reference on the same arrays."""

import json
import subprocess

import numpy as np
import pytest
from crosslang import REPO, needs_node


def knn_purity(data, selected, k):
    """Mean share of each selected point's k nearest other points that are selected."""
    data = data.astype(np.float64)
    distances = ((data[:, None, :] - data[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(distances, np.inf)
    shares = [
        selected[np.argsort(distances[i], kind="stable")[:k]].mean()
        for i in np.flatnonzero(selected)
    ]
    return float(np.mean(shares))


@needs_node
@pytest.mark.parametrize("shift", [0.0, 3.0])
def test_knn_purity_equals_numpys(tmp_path, shift):
    rng = np.random.default_rng(1)
    selected = (rng.random(150) < 0.2).astype(np.uint8)
    data = rng.normal(0, 1, (150, 7)).astype(np.float32)
    data[:, 0] += shift * selected
    data.tofile(tmp_path / "data.f32")
    selected.tofile(tmp_path / "selected.u8")
    (tmp_path / "meta.json").write_text(json.dumps({"rows": 150, "cols": 7, "k": 10}))
    result = subprocess.run(
        ["node", "test/cross/selection.mjs", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    got = json.loads((tmp_path / "selection.json").read_text())["knn_purity"]
    want = knn_purity(data, selected, 10)
    assert got == pytest.approx(want, abs=1e-9)
    # Not a trivial agreement: a random selection sits near its share, a shifted one above.
    share = selected.mean()
    assert (abs(want - share) < 0.1) if shift == 0 else (want > share + 0.2)
