"""Data the way users hold it: tf.data, PyDataset, DataLoader, generators, Hugging Face datasets.

Each sample's features encode its position in the data (row i holds i, i + 0.5, ...), so a test
can tell which samples were kept and that their labels and texts came along with them.
"""

import tracemalloc

import numpy as np
import pytest

import layerviz
from layerviz import LayerVizError
from layerviz.streaming import Model, Request, read_data

N, FEATURES, CLASSES = 600, 4, 3


@pytest.fixture(scope="module")
def data():
    rows = np.arange(N, dtype=np.float32)[:, None]
    x = rows + np.arange(FEATURES, dtype=np.float32) / 2
    y = (np.arange(N) * 7) % CLASSES
    return x, y


@pytest.fixture(scope="module")
def dense(keras):
    inputs = keras.Input((FEATURES,), name="features")
    hidden = keras.layers.Dense(5, activation="relu", name="hidden")(inputs)
    outputs = keras.layers.Dense(CLASSES, activation="softmax", name="probs")(hidden)
    return keras.Model(inputs, outputs, name="dense_stream")


@pytest.fixture(scope="module")
def tf():
    import tensorflow as tf

    return tf


def kept_rows(widget):
    return np.asarray(widget.sample_ids)


def assert_rows_match(widget, x, y, shown):
    rows = kept_rows(widget)
    assert len(rows) == shown
    assert np.all(np.diff(rows) > 0)
    assert widget.total_samples == len(x)
    np.testing.assert_array_equal(widget.labels, y[rows])
    if widget.x is not None:  # the browser computes: x is sent
        np.testing.assert_array_equal(widget.x, x[rows])


def batches(x, y, size=50):
    for start in range(0, len(x), size):
        yield x[start : start + size], y[start : start + size]


def test_a_batched_tf_dataset_is_read_once_and_sampled_by_label(dense, data, tf):
    x, y = data
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)
    widget = layerviz.show(dense, dataset, max_points=90)
    assert_rows_match(widget, x, y, 90)
    assert np.bincount(widget.labels).tolist() == [30, 30, 30]
    assert "Showing 90 of 600 samples of a tf.data.Dataset, stratified by label (seed 0)" in (
        widget.notice
    )


def test_an_unbatched_tf_dataset_yields_samples(dense, data, tf):
    x, y = data
    widget = layerviz.show(dense, tf.data.Dataset.from_tensor_slices((x, y)), max_points=60)
    assert_rows_match(widget, x, y, 60)


def test_a_tf_dataset_that_repeats_forever_needs_max_batches(dense, data, tf):
    x, y = data
    forever = tf.data.Dataset.from_tensor_slices((x, y)).batch(100).repeat()
    with pytest.raises(LayerVizError, match=r"repeats forever .* pass max_batches="):
        layerviz.show(dense, forever)
    widget = layerviz.show(dense, forever, max_batches=3, max_points=30)
    assert widget.total_samples == 300
    assert "Read the first 3 batches of a tf.data.Dataset (max_batches=3)." in widget.notice
    assert kept_rows(widget).max() < 300


def test_a_keras_py_dataset(keras, dense, data):
    x, y = data

    class Batches(keras.utils.PyDataset):
        def __len__(self):
            return 6

        def __getitem__(self, index):
            part = slice(index * 100, (index + 1) * 100)
            return x[part], y[part]

    widget = layerviz.show(dense, Batches(), max_points=75)
    assert_rows_match(widget, x, y, 75)
    assert "samples of a keras.utils.PyDataset" in widget.notice


def test_a_generator_and_labels_given_apart(dense, data):
    x, y = data
    names = np.array(["cat", "dog", "owl"])[y]
    widget = layerviz.show(dense, (b for b, _ in batches(x, y)), names, max_points=30)
    assert_rows_match(widget, x, y, 30)
    assert widget.label_names == ["cat", "dog", "owl"]
    assert "of a generator" in widget.notice


def test_texts_meta_and_images_given_per_sample_follow_the_chosen_rows(dense, data):
    x, y = data
    texts = [f"sample {i}" for i in range(N)]
    meta = {"row": np.arange(N)}
    widget = layerviz.show(dense, batches(x, y), texts=texts, meta=meta, max_points=20)
    rows = kept_rows(widget)
    assert widget.texts == [f"sample {i}" for i in rows]
    assert widget.meta["row"] == rows.tolist()


def test_dict_elements_name_their_columns(dense, data, tf):
    x, y = data
    texts = np.array([f"text {i}" for i in range(N)])
    columns = tf.data.Dataset.from_tensor_slices({"pixels": x, "label": y, "caption": texts})
    with pytest.raises(LayerVizError, match=r"x_key='...'"):
        layerviz.show(dense, columns.batch(40))
    widget = layerviz.show(
        dense, columns.batch(40), "label", x_key="pixels", texts="caption", max_points=25
    )
    rows = kept_rows(widget)
    assert_rows_match(widget, x, y, 25)
    # tf.data yields strings as bytes: shown as text.
    assert widget.texts == [f"text {i}" for i in rows]
    # Columns named like the model's input need no x_key.
    named = tf.data.Dataset.from_tensor_slices({"features": x, "label": y}).batch(40)
    assert len(layerviz.show(dense, named, "label", max_points=10).sample_ids) == 10


def test_show_more_draws_again_or_reads_again(dense, data, tf):
    x, y = data
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(64)
    widget = layerviz.show(dense, dataset, max_points=60)
    first = set(kept_rows(widget).tolist())
    widget.max_points = 30
    assert_rows_match(widget, x, y, 30)
    assert "Showing 30 of 600 samples" in widget.notice
    widget.max_points = 200  # more than was kept: the dataset is read again
    assert_rows_match(widget, x, y, 200)
    assert first <= set(kept_rows(widget).tolist())  # the same keys: a superset

    once = layerviz.show(dense, batches(x, y), max_points=40)
    once.max_points = 100
    assert len(once.sample_ids) == 40
    assert "a generator can be read only once: call layerviz.show again" in once.notice


def test_layers_added_later_are_computed_on_the_chosen_rows(dense, data):
    x, y = data
    widget = layerviz.show(dense, batches(x, y), layers=["probs"], compute="kernel", max_points=20)
    widget.layers = ["hidden", "probs"]
    rows = kept_rows(widget)
    import keras

    hidden = keras.Model(dense.inputs, dense.get_layer("hidden").output)
    np.testing.assert_allclose(
        widget.activations["hidden"], hidden.predict(x[rows], verbose=0), rtol=1e-5
    )


def test_a_comparison_reads_the_data_once(dense, data, keras):
    x, y = data
    other = keras.models.clone_model(dense)
    comparison = layerviz.show([dense, other], batches(x, y), max_points=30)
    ids = [kept_rows(w).tolist() for w in comparison.widgets]
    assert ids[0] == ids[1] and len(ids[0]) == 30


def test_nan_samples_are_left_out_and_named(dense, data):
    x, y = data
    x = x.copy()
    x[[3, 250]] = np.nan
    widget = layerviz.show(dense, batches(x, y), max_points=1000)
    assert widget.total_samples == N - 2
    assert 3 not in kept_rows(widget) and 250 not in kept_rows(widget)
    assert (
        "2 samples of a generator hold NaN or infinite values and are left out (samples "
        "3, 250)." in widget.notice
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda x, y: iter([]), r"a generator yielded no samples"),
        (
            lambda x, y: iter([(x[:10], y[:10]), (x[:10, :3], y[:10])]),
            r"batch 2 of .* samples of shape \(N, 3\) but the batches before it \(N, 4\)",
        ),
        (
            lambda x, y: iter([(x[:10], y[:10]), x[10:20]]),
            r"batch 2 of .* has no labels but the batches before it do",
        ),
        (
            lambda x, y: iter([(x[:10, :2], y[:10])]),
            r"the first batch of the data does not fit the model: x has shape \(10, 2\)",
        ),
        (
            lambda x, y: iter([(x[:10], y[:10], y[:10], y[:10])]),
            r"yields tuples of 4 parts; layerviz reads x, \(x, y\) or \(x, y, sample_weight\)",
        ),
        (
            lambda x, y: iter([(x[:10], y[:9])]),
            r"parts with different numbers of samples",
        ),
    ],
)
def test_bad_data_says_what_is_wrong_and_how_to_fix_it(dense, data, make, message):
    x, y = data
    with pytest.raises(LayerVizError, match=message):
        layerviz.show(dense, make(x, y))


def test_options_for_batches_are_refused_with_arrays(dense, data):
    x, y = data
    with pytest.raises(LayerVizError, match="x_key and max_batches are for data read in batches"):
        layerviz.show(dense, x, y, max_batches=2)
    with pytest.raises(LayerVizError, match="max_batches must be a whole number, 1 or more"):
        layerviz.show(dense, batches(x, y), max_batches=0)


def test_a_long_generator_of_200000_samples_is_read_in_bounded_memory():
    rows = 200_000
    features = 32

    def generator():
        rng = np.random.default_rng(0)
        for _ in range(0, rows, 500):
            yield rng.normal(size=(500, features)).astype(np.float32), np.arange(500) % 10

    request = Request(seed=0)
    tracemalloc.start()
    reader = read_data(generator(), Model(["x"], 2), request, max_points=1000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    held = reader.held()
    assert held.total == rows and len(held.rows) == 1000
    whole = rows * features * 4  # 25.6 MB as one array
    # The reservoir holds a few thousand samples of 128 bytes: well under a tenth of the data.
    assert peak < whole / 10, f"peak {peak / 1e6:.1f} MB while reading {whole / 1e6:.1f} MB"


def test_a_pytorch_data_loader_and_dataset(dense, data):
    torch = pytest.importorskip("torch")
    from torch.utils.data import DataLoader, TensorDataset

    x, y = data
    dataset = TensorDataset(torch.from_numpy(x), torch.from_numpy(y))
    loader = DataLoader(dataset, batch_size=64, shuffle=False)
    assert_rows_match(layerviz.show(dense, loader, max_points=45), x, y, 45)
    # A map-style Dataset yields one sample at a time.
    widget = layerviz.show(dense, dataset, max_points=45)
    assert_rows_match(widget, x, y, 45)
    assert "of a PyTorch Dataset" in widget.notice


def test_a_pytorch_model_with_a_data_loader(data):
    torch = pytest.importorskip("torch")
    from torch.utils.data import DataLoader, TensorDataset

    x, y = data
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(FEATURES, 5), torch.nn.ReLU())
    loader = DataLoader(TensorDataset(torch.from_numpy(x), torch.from_numpy(y)), batch_size=32)
    widget = layerviz.show(model, loader, max_points=40)
    rows = kept_rows(widget)
    with torch.no_grad():
        want = model[0](torch.from_numpy(x[rows])).numpy()
    np.testing.assert_allclose(widget.activations["0"], want, rtol=1e-5)


def test_a_hugging_face_dataset_with_named_columns(dense, data):
    datasets = pytest.importorskip("datasets", reason="Hugging Face datasets is not installed")
    x, y = data
    table = datasets.Dataset.from_dict(
        {"pixels": x.tolist(), "label": y.tolist(), "text": [f"t{i}" for i in range(N)]}
    )
    widget = layerviz.show(dense, table, "label", x_key="pixels", texts="text", max_points=33)
    rows = kept_rows(widget)
    assert_rows_match(widget, x, y, 33)
    assert widget.texts == [f"t{i}" for i in rows]
    assert "of a Hugging Face dataset" in widget.notice


def test_the_magic_reads_a_dataset(ip, dense, data, tf):
    x, y = data
    ip.user_ns.update(model=dense, ds=tf.data.Dataset.from_tensor_slices((x, y)).batch(50))
    widget = ip.run_line_magic("layerviz", "model ds --max-batches 4 --max-points 20")
    assert widget.total_samples == 200 and len(widget.sample_ids) == 20
