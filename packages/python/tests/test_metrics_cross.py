"""@layerviz/core's metrics against scikit-learn's (and CKA's formula) on the same arrays."""

import json
import subprocess

import numpy as np
import pytest
from crosslang import REPO, needs_node

sklearn = pytest.importorskip("sklearn")
from sklearn.manifold import trustworthiness  # noqa: E402
from sklearn.metrics import silhouette_score  # noqa: E402
from sklearn.model_selection import LeaveOneOut, cross_val_score  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402


def linear_cka(x, y):
    x = x - x.mean(0)
    y = y - y.mean(0)
    cross = np.linalg.norm(y.T @ x) ** 2
    return cross / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


@needs_node
def test_metrics_equal_scikit_learns(tmp_path):
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(3), 40)
    high = (rng.normal(0, 1, (120, 6)) + labels[:, None] * 1.5).astype(np.float32)
    # A lossy 2-D "layout": the first two features plus noise.
    low = (high[:, :2] + rng.normal(0, 0.8, (120, 2))).astype(np.float32)
    other = (high @ rng.normal(0, 1, (6, 4)) + rng.normal(0, 0.5, (120, 4))).astype(np.float32)
    high.tofile(tmp_path / "high.f32")
    low.tofile(tmp_path / "low.f32")
    other.tofile(tmp_path / "other.f32")
    labels.astype(np.int32).tofile(tmp_path / "labels.i32")
    meta = {"rows": 120, "high_cols": 6, "other_cols": 4, "k": 10}
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    result = subprocess.run(
        ["node", "test/cross/metrics.mjs", str(tmp_path)], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    got = json.loads((tmp_path / "metrics.json").read_text())

    knn = cross_val_score(KNeighborsClassifier(5), high, labels, cv=LeaveOneOut()).mean()
    want = {
        "knn_accuracy": knn,
        "silhouette": silhouette_score(high, labels),
        "trustworthiness": trustworthiness(high, low, n_neighbors=10),
        # Continuity is trustworthiness with the two spaces swapped.
        "continuity": trustworthiness(low, high, n_neighbors=10),
        "cka": linear_cka(high.astype(np.float64), other.astype(np.float64)),
    }
    for name, value in want.items():
        assert got[name] == pytest.approx(value, abs=1e-3), name
    # Not a trivial agreement: the layout is imperfect and the classes overlap a little.
    assert 0.5 < got["trustworthiness"] < 0.99
    assert 0.2 < got["silhouette"] < 0.9
