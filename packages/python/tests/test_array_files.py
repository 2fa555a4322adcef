import numpy as np
import pytest

from layerviz import LayerVizError
from layerviz.array_files import Shards, load_data


def test_npy_and_npz_files(tmp_path):
    x, y = np.arange(12.0).reshape(6, 2), np.arange(6) % 2
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", y)
    loaded_x, loaded_y = load_data(tmp_path / "x.npy", tmp_path / "y.npy")
    np.testing.assert_array_equal(loaded_x, x)
    np.testing.assert_array_equal(loaded_y, y)
    np.savez(tmp_path / "both.npz", x=x, y=y)
    loaded_x, loaded_y = load_data(tmp_path / "both.npz", None)
    np.testing.assert_array_equal(loaded_y, y)
    np.savez(tmp_path / "unnamed.npz", x)
    with pytest.raises(LayerVizError, match="holds arr_0 but no array named x"):
        load_data(tmp_path / "unnamed.npz", None)


def test_a_folder_of_shards_is_read_in_natural_order_with_its_label_shards(tmp_path):
    samples, labels = tmp_path / "x", tmp_path / "y"
    samples.mkdir()
    labels.mkdir()
    for i in (2, 10, 1):
        np.save(samples / f"shard_{i}.npy", np.full((3, 2), i, np.float32))
        np.save(labels / f"labels_{i}.npy", np.full(3, i))
    data, y = load_data(samples, labels)
    assert isinstance(data, Shards) and y is None and len(data) == 3
    parts = list(data)
    assert [int(batch[0][0, 0]) for batch in parts] == [1, 2, 10]
    assert [int(batch[1][0]) for batch in parts] == [1, 2, 10]


def test_shard_errors_name_the_fix(tmp_path):
    samples = tmp_path / "x"
    samples.mkdir()
    with pytest.raises(LayerVizError, match=r"holds no \.npy or \.npz shards"):
        load_data(samples, None)
    np.save(samples / "a.npy", np.zeros((2, 2)))
    np.save(tmp_path / "y.npy", np.zeros(2))
    with pytest.raises(LayerVizError, match="the labels must be one too"):
        load_data(samples, tmp_path / "y.npy")
    labels = tmp_path / "labels"
    labels.mkdir()
    np.save(labels / "a.npy", np.zeros(2))
    np.save(labels / "b.npy", np.zeros(2))
    with pytest.raises(LayerVizError, match=r"holds 1 shards but .* 2"):
        load_data(samples, labels)
