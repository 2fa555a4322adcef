"""@layerviz/core's TwoNN intrinsic dimension and CKA matrix against NumPy/SciPy references."""

import json
import subprocess

import numpy as np
import pytest
from crosslang import REPO, needs_node

from layerviz.cka import linear_cka_between

spatial = pytest.importorskip("scipy.spatial")


def two_nn(x: np.ndarray, fraction: float = 0.9) -> float:
    """TwoNN (Facco et al. 2017) as Ansuini et al. 2019's code fits it.

    Parameters
    ----------
    x : (N, D) array
    fraction : share of the smallest ratios mu = r2 / r1 kept for the fit, in (0, 1].

    Returns
    -------
    float
        The least-squares slope through the origin of -log(1 - i/N) against log mu_(i),
        after leaving out points with r1 = 0 or r1 = r2.
    """
    distances, _ = spatial.cKDTree(x).query(x, k=3)
    r1, r2 = distances[:, 1], distances[:, 2]
    good = (r1 > 0) & (r2 > r1)
    mu = np.sort(r2[good] / r1[good])
    n = len(mu)
    kept = min(int(np.floor(n * fraction)), n - 2)
    log_mu = np.log(mu[:kept])
    y = -np.log(1 - np.arange(1, kept + 1) / n)
    return float(log_mu @ y / (log_mu @ log_mu))


def cka_matrix(layers: list[np.ndarray]) -> np.ndarray:
    """Linear CKA of every pair, by its kernel form on n x n Gram matrices (Kornblith et al.)."""
    n = len(layers[0])
    h = np.eye(n) - 1.0 / n
    grams = [h @ (x @ x.T) @ h for x in layers]
    out = np.empty((len(layers), len(layers)))
    for i, a in enumerate(grams):
        for j, b in enumerate(grams):
            out[i, j] = np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b))
    return out


def run_core(tmp_path, layers: dict[str, np.ndarray], between=None) -> dict:
    rows = len(next(iter(layers.values())))
    meta = {"rows": rows, "layers": [{"name": k, "cols": v.shape[1]} for k, v in layers.items()]}
    if between is not None:
        meta["between"] = between
    for name, x in layers.items():
        np.ascontiguousarray(x, dtype="<f4").tofile(tmp_path / f"{name}.f32")
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    result = subprocess.run(
        ["node", "test/cross/intrinsic_cka.mjs", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads((tmp_path / "result.json").read_text())


def network_layers(rows: int = 800) -> dict[str, np.ndarray]:
    """A small random ReLU network's layers on data with a 5-D latent structure, in float32."""
    return network_layers_seed(0, rows)


def network_layers_seed(weights_seed: int, rows: int = 800) -> dict[str, np.ndarray]:
    """:func:`network_layers` on the same data with the weights drawn from ``weights_seed``."""
    rng = np.random.default_rng(0)
    latent = rng.normal(size=(rows, 5))
    x = np.tanh(latent @ rng.normal(size=(5, 30))) + 0.01 * rng.normal(size=(rows, 30))
    layers = {"input": x}
    rng = rng if weights_seed == 0 else np.random.default_rng(weights_seed)
    for i, width in enumerate([40, 20, 8]):
        x = np.maximum(0, x @ rng.normal(size=(x.shape[1], width)) / np.sqrt(x.shape[1]))
        layers[f"dense_{i}"] = x
    return {name: v.astype(np.float32) for name, v in layers.items()}


@needs_node
def test_intrinsic_dim_and_cka_equal_the_references(tmp_path):
    layers = network_layers()
    got = run_core(tmp_path, layers)
    as64 = {name: x.astype(np.float64) for name, x in layers.items()}
    for name, x in as64.items():
        want = two_nn(x)
        assert got["intrinsic_dim"][name] == pytest.approx(want, rel=1e-4), name
    want = cka_matrix(list(as64.values()))
    np.testing.assert_allclose(np.array(got["cka"]), want, rtol=1e-4, atol=1e-6)
    # Not a trivial agreement: the layers differ, from one another and in dimension.
    assert want[0, -1] < 0.95
    assert len({round(d, 1) for d in got["intrinsic_dim"].values()}) > 1


@needs_node
def test_cka_between_two_sets_equals_numpys(tmp_path):
    """Two models on the same samples (or one model at two epochs): core and the kernel's
    NumPy feature-space form both equal the Gram-matrix reference."""
    first = network_layers()
    second = {f"{k}_b": v for k, v in network_layers_seed(7).items()}
    names = [list(first), list(second)[1:]]
    got = run_core(tmp_path, {**first, **second}, between=names)
    want = cka_matrix([*(first[n] for n in names[0]), *(second[n] for n in names[1])])
    want = want[: len(names[0]), len(names[0]) :]
    np.testing.assert_allclose(np.array(got["cka_between"]), want, rtol=1e-4, atol=1e-6)
    ours = linear_cka_between([first[n] for n in names[0]], [second[n] for n in names[1]])
    np.testing.assert_allclose(ours, want, rtol=1e-6, atol=1e-9)
    # Not a trivial agreement: a rectangle of different values, the inputs alike (same data).
    assert want.shape == (4, 3)
    assert want.max() - want.min() > 0.2


@needs_node
def test_intrinsic_dim_of_a_3d_subspace_in_50d(tmp_path):
    rng = np.random.default_rng(1)
    points = rng.normal(size=(2000, 3)) @ rng.normal(size=(3, 50))
    got = run_core(tmp_path, {"flat": points.astype(np.float32)})
    assert got["intrinsic_dim"]["flat"] == pytest.approx(3, abs=0.2)
    assert got["intrinsic_dim"]["flat"] == pytest.approx(two_nn(points), rel=1e-4)
