"""The layers x epochs grid of a recording: PCA thumbnails aligned across epochs."""

import numpy as np
import pytest

import layerviz
from layerviz import Recorder
from layerviz.epoch_grid import (
    GRID_POINTS,
    epoch_grid,
    grid_points,
    grid_rows,
    grid_to_json,
    pca_2d,
    procrustes_onto,
)


def rotation(angle, reflect=False):
    c, s = np.cos(angle), np.sin(angle)
    r = np.array([[c, -s], [s, c]])
    return r @ np.diag([1, -1]) if reflect else r


def test_pca_keeps_the_two_widest_directions_centred():
    rng = np.random.default_rng(0)
    x = rng.normal(0, 1, (200, 5)) * [10, 3, 0.1, 0.1, 0.1] + 7
    scores = pca_2d(x)
    assert scores.shape == (200, 2)
    np.testing.assert_allclose(scores.mean(axis=0), 0, atol=1e-9)
    # Variances in order, close to the two widest axes'.
    assert scores[:, 0].std() > scores[:, 1].std() > 2
    # One feature: the second column is 0; NaN counts as 0.
    assert np.all(pca_2d(np.array([[1.0], [2.0], [np.nan]]))[:, 1] == 0)


def test_pca_of_many_features_matches_the_exact_svd():
    # Above 64 samples and features pca_2d sketches the SVD; two clear directions come out as
    # the exact SVD gives them (up to sign).
    rng = np.random.default_rng(4)
    x = rng.normal(0, 1, (300, 2)) @ rng.normal(0, 4, (2, 200)) + rng.normal(0, 0.5, (300, 200))
    centred = x - x.mean(axis=0)
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    exact = u[:, :2] * s[:2]
    scores = pca_2d(x)
    np.testing.assert_allclose(np.abs(scores), np.abs(exact), atol=1e-6 * s[0])


@pytest.mark.parametrize("reflect", [False, True])
def test_a_rotated_or_reflected_copy_aligns_back(reflect):
    rng = np.random.default_rng(1)
    target = rng.normal(0, 1, (100, 2))
    target -= target.mean(axis=0)
    moved = target @ rotation(1.1, reflect)
    np.testing.assert_allclose(procrustes_onto(moved, target), target, atol=1e-6)


def test_grid_has_one_thumbnail_per_epoch_and_layer_aligned_on_the_last_epoch():
    rng = np.random.default_rng(2)
    last = [rng.normal(0, 1, (40, 6)), rng.normal(0, 1, (40, 3))]
    # An earlier epoch holding the same representations rotated in feature space: the same
    # picture, which alignment must give back whatever signs PCA picked.
    q, _ = np.linalg.qr(rng.normal(0, 1, (6, 6)))
    earlier = [last[0] @ q, -last[1]]
    rows = grid_rows(40, max_points=30)
    points = grid_points([earlier, last], rows)
    assert points.shape == (2, 2, 30, 2) and points.dtype == np.float32
    np.testing.assert_allclose(points[0], points[1], atol=1e-5)


def test_the_subsample_is_deterministic_stratified_and_the_same_for_every_cell():
    labels = np.repeat([0, 1, 2], [600, 300, 100])
    rows = grid_rows(1000, labels, seed=3)
    assert len(rows) == GRID_POINTS and rows.dtype == np.int32
    assert np.all(np.diff(rows) > 0)
    np.testing.assert_array_equal(rows, grid_rows(1000, labels, seed=3))
    assert np.bincount(labels[rows]).tolist() == [300, 150, 50]
    assert not np.array_equal(rows, grid_rows(1000, labels, seed=4))
    np.testing.assert_array_equal(grid_rows(7), np.arange(7))
    assert len(grid_rows(1000, None, max_points=10)) == 10


class FakeRecording:
    """What epoch_grid reads of a Recorder: its samples, epochs and states."""

    def __init__(self, states, labels):
        self._states = states
        self.epochs = list(states)
        self.shown = type("Shown", (), {"names": ["a", "b"], "labels": labels, "rows": labels})()

    def state(self, epoch):
        return type("Epoch", (), {"activations": self._states[epoch]})()


def test_the_trait_sends_its_arrays_as_binary_buffers():
    rng = np.random.default_rng(3)
    labels = np.repeat([0, 1], 30)
    states = {e: {"a": rng.normal(0, 1, (60, 4)), "b": rng.normal(0, 1, (60, 2))} for e in (0, 1)}
    grid = epoch_grid(FakeRecording(states, labels), max_points=20)
    assert grid["layers"] == ["a", "b"] and grid["epochs"] == [0, 1]
    assert grid["points"].shape == (2, 2, 20, 2)
    np.testing.assert_array_equal(grid["labels"], labels[grid["rows"]])
    wire = grid_to_json(grid)
    assert wire["layers"] == ["a", "b"]
    assert wire["points"]["dtype"] == "float32" and wire["points"]["shape"] == [2, 2, 20, 2]
    assert isinstance(wire["points"]["buffer"], memoryview)
    assert wire["labels"]["dtype"] == "int32" and wire["rows"]["shape"] == [20]
    assert grid_to_json(None) is None


def test_show_of_a_recorder_sends_the_grid(keras):
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 20)
    x = (rng.normal(0, 1, (len(y), 4)) + 2 * y[:, None]).astype("float32")
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(5, activation="relu", name="hidden"),
            keras.layers.Dense(3, activation="softmax", name="probs"),
        ]
    )
    model.compile("adam", "sparse_categorical_crossentropy")
    rec = Recorder(x, y)
    model.fit(x, y, epochs=2, batch_size=16, verbose=0, callbacks=[rec])
    grid = layerviz.show(rec, method="pca").grid
    assert grid["layers"] == ["hidden", "probs"] and grid["epochs"] == [0, 1, 2]
    assert grid["points"].shape == (3, 2, 60, 2)
    np.testing.assert_array_equal(grid["labels"], y[rec.shown.rows])
