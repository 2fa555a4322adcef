"""layerviz.Recorder: a model's layers before training and after each epoch, and show(rec)."""

import numpy as np
import pytest

import layerviz
from layerviz import LayerVizError, Recorder
from layerviz.timeline_widget import TimelineWidget


@pytest.fixture(scope="module")
def blobs():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 40)
    x = (rng.normal(0, 1, (len(y), 4)) + 2 * y[:, None]).astype("float32")
    return x, y


def tiny_model(keras):
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(6, activation="relu", name="hidden"),
            keras.layers.Dense(3, activation="softmax", name="probs"),
        ]
    )
    model.compile("adam", "sparse_categorical_crossentropy")
    return model


@pytest.fixture(scope="module")
def trained(keras, blobs):
    """A 3-epoch fit recorded with every layer on 60 stratified validation samples."""
    x, y = blobs
    model = tiny_model(keras)
    rec = Recorder(x, y, max_points=60)
    model.fit(x, y, epochs=3, batch_size=16, verbose=0, callbacks=[rec])
    return model, rec


def test_a_fit_records_before_training_and_every_epoch(trained, blobs):
    model, rec = trained
    assert rec.epochs == [0, 1, 2, 3]
    assert rec.layers == ["hidden", "probs"]
    before, after = rec.activations(0), rec.activations(3)
    assert before["hidden"].shape == (60, 6) and before["hidden"].dtype == np.float32
    assert not np.allclose(before["hidden"], after["hidden"])
    # The last state is the trained model's, on the samples chosen (stratified: 20 per class).
    x, y = blobs
    rows = rec.shown.rows
    assert np.bincount(y[rows]).tolist() == [20, 20, 20]
    hidden = model.get_layer("hidden")
    np.testing.assert_allclose(after["hidden"], hidden(x[rows]).numpy(), rtol=1e-5, atol=1e-6)
    assert rec.nbytes == sum(rec.state(e).nbytes for e in rec.epochs)


def test_cka_between_two_epochs_is_measured_on_the_recorded_activations(trained):
    _, rec = trained
    table = rec.cka()  # before training (rows) vs the last epoch (columns)
    assert list(table.index) == ["hidden @ 0", "probs @ 0"]
    assert list(table.columns) == ["hidden @ 3", "probs @ 3"]
    values = table.to_numpy()
    assert ((values >= 0) & (values <= 1 + 1e-12)).all()
    # The same epoch against itself: 1 on the diagonal, symmetric.
    same = rec.cka(3, 3).to_numpy()
    np.testing.assert_allclose(np.diag(same), 1.0, atol=1e-12)
    np.testing.assert_allclose(same, same.T, atol=1e-12)
    # Entry by entry, the Gram-matrix form of linear CKA (Kornblith et al. 2019).
    first, last = rec.activations(0), rec.activations(3)
    n = len(rec.shown.rows)
    h = np.eye(n) - 1.0 / n
    for i, a in enumerate(["hidden", "probs"]):
        for j, b in enumerate(["hidden", "probs"]):
            ka = h @ (first[a].astype(float) @ first[a].T.astype(float)) @ h
            kb = h @ (last[b].astype(float) @ last[b].T.astype(float)) @ h
            want = np.sum(ka * kb) / (np.linalg.norm(ka) * np.linalg.norm(kb))
            assert values[i, j] == pytest.approx(want, rel=1e-9)
    with pytest.raises(LayerVizError, match=r"no state was recorded at epoch 7"):
        rec.cka(0, 7)
    with pytest.raises(LayerVizError, match=r"holds nothing yet"):
        Recorder(np.zeros((4, 4))).cka()


def test_the_timeline_sends_the_cka_of_the_epoch_shown_against_another(trained):
    from layerviz.cka import linear_cka_between, linear_cka_gram

    _, rec = trained
    w = layerviz.show(rec)
    # The last epoch is shown first: it is compared with the state before training.
    assert w.epoch_cka["title"] == "CKA: epoch 3 (rows) \u00d7 before training (columns)"
    assert w.epoch_cka["rows"] == w.epoch_cka["cols"] == ["hidden", "probs"]
    first, last = rec.activations(3), rec.activations(0)
    want = linear_cka_between([first["hidden"], first["probs"]], [last["hidden"], last["probs"]])
    # 60 samples: the grid's subset is every sample, so the values are the exact ones.
    np.testing.assert_allclose(w.epoch_cka["values"], want, atol=1e-6)
    w.epoch = 1
    assert w.epoch_cka["title"] == "CKA: epoch 1 (rows) \u00d7 epoch 3 (columns)"
    # The kernel form equals the feature form (both exact).
    rng = np.random.default_rng(0)
    a = [rng.normal(size=(30, 50)), rng.normal(size=(30, 3))]
    b = [a[0] @ rng.normal(size=(50, 20)), rng.normal(size=(30, 7))]
    np.testing.assert_allclose(linear_cka_gram(a, b), linear_cka_between(a, b), atol=1e-12)
    for cka in (linear_cka_gram, linear_cka_between):
        with pytest.raises(ValueError, match=r"different numbers of samples: \[29, 30\]"):
            cka(a, [b[0][:29]])


def test_every_records_every_nth_epoch_and_a_second_fit_goes_on(keras, blobs):
    x, y = blobs
    model = tiny_model(keras)
    rec = Recorder(x, y, max_points=30, every=2, layers=["probs"])
    model.fit(x, y, epochs=4, verbose=0, callbacks=[rec])
    assert rec.epochs == [0, 2, 4]
    model.fit(x, y, epochs=2, verbose=0, callbacks=[rec])
    assert rec.epochs == [0, 2, 4, 6]
    assert rec.layers == ["probs"]


def test_the_memory_budget_stops_a_fit_before_training(keras, blobs):
    x, y = blobs
    model = tiny_model(keras)
    weights = [w.copy() for w in model.get_weights()]
    rec = Recorder(x, y, max_points=60, max_bytes=4000)  # one state takes 2,640 bytes
    with pytest.raises(LayerVizError, match=r"max_bytes=.*training did not start.*max_points="):
        model.fit(x, y, epochs=3, verbose=0, callbacks=[rec])
    assert rec.epochs == [0]
    assert all(np.array_equal(a, b) for a, b in zip(weights, model.get_weights(), strict=True))


def test_record_keeps_what_it_has_when_the_budget_is_exceeded(keras, blobs):
    x, y = blobs
    model = tiny_model(keras)
    rec = Recorder(x, y, max_points=60, max_bytes=6000)
    rec.record(model)
    rec.record(model)
    with pytest.raises(LayerVizError, match="the 2 states recorded so far are kept"):
        rec.record(model)
    assert rec.epochs == [0, 1]
    with pytest.raises(LayerVizError, match="does not follow"):
        rec.record(model, 1)


def test_bad_options_and_an_empty_recorder_are_refused(keras, blobs):
    x, y = blobs
    for options in ({"every": 0}, {"max_points": 0}, {"max_bytes": -1}, {"every": 1.5}):
        with pytest.raises(LayerVizError, match="1 or more"):
            Recorder(x, y, **options)
    with pytest.raises(LayerVizError, match="holds nothing yet"):
        layerviz.show(Recorder(x, y))
    with pytest.raises(LayerVizError, match="no state was recorded at epoch 9"):
        Recorder(x, y).state(9)


def test_data_read_in_batches_is_sampled_as_show_samples_it(keras, blobs):
    x, y = blobs

    def batches():
        for start in range(0, len(x), 32):
            yield x[start : start + 32], y[start : start + 32]

    model = tiny_model(keras)
    rec = Recorder(batches(), max_points=30)
    rec.record(model, 0)
    assert rec.shown.total == len(x)
    assert len(rec.shown.rows) == 30
    assert np.bincount(y[rec.shown.rows]).tolist() == [10, 10, 10]


def test_show_builds_a_widget_with_the_epoch_traits(trained):
    _, rec = trained
    widget = layerviz.show(rec, method="pca")
    assert isinstance(widget, TimelineWidget)
    assert widget.compute == "kernel" and widget.method == "pca"
    assert widget.epochs == [0, 1, 2, 3] and widget.epoch == 3
    assert widget.layers == ["hidden", "probs"]
    assert [info["name"] for info in widget.layer_info] == ["hidden", "probs"]
    np.testing.assert_array_equal(widget.activations["hidden"], rec.activations(3)["hidden"])
    np.testing.assert_array_equal(widget.sample_ids, rec.shown.rows)
    assert "before training and after 3 epochs" in widget.notice
    # Both traits are synced, so a saved notebook keeps the epoch shown.
    assert widget.trait_metadata("epoch", "sync") and widget.trait_metadata("epochs", "sync")
    # The view (or Python) picks another epoch: the kernel sends that epoch's state.
    widget.epoch = 0
    np.testing.assert_array_equal(widget.activations["hidden"], rec.activations(0)["hidden"])
    np.testing.assert_array_equal(widget.predictions, rec.state(0).predictions)
    with pytest.raises(LayerVizError, match="choose one of"):
        widget.epoch = 7
    with pytest.raises(LayerVizError, match="without x and y"):
        layerviz.show(rec, rec.shown.samples)


def test_the_magic_shows_a_recorder(trained):
    from IPython.testing.globalipapp import get_ipython

    _, rec = trained
    ip = get_ipython()
    ip.user_ns["rec"] = rec
    ip.run_line_magic("load_ext", "layerviz")
    widget = ip.run_line_magic("layerviz", "rec --method pca")
    assert isinstance(widget, TimelineWidget) and widget.epochs == [0, 1, 2, 3]


def test_a_pytorch_loop_records_with_record():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(2), 30)
    x = (rng.normal(0, 1, (len(y), 4)) + 2 * y[:, None]).astype("float32")
    net = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.ReLU(), torch.nn.Linear(5, 2))
    optimizer = torch.optim.SGD(net.parameters(), lr=0.5)
    rec = Recorder(x, y, max_points=40)
    rec.record(net, 0)
    for epoch in range(1, 3):
        net.train()
        loss = torch.nn.functional.cross_entropy(net(torch.from_numpy(x)), torch.from_numpy(y))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        rec.record(net, epoch)
    assert rec.epochs == [0, 1, 2]
    assert rec.layers == ["0", "1", "2"]
    assert net.training  # the recorder restores the mode it found
    assert not np.allclose(rec.activations(0)["0"], rec.activations(2)["0"])
    widget = layerviz.show(rec)
    assert widget.epochs == [0, 1, 2] and widget.activations["2"].shape == (40, 2)


def test_tf_keras_2_takes_the_recorder_as_a_callback(tf_keras, blobs):
    x, y = blobs
    model = tiny_model(tf_keras)
    rec = Recorder(x, y, max_points=30)
    model.fit(x, y, epochs=2, verbose=0, callbacks=[rec])
    assert rec.epochs == [0, 1, 2]
    assert not np.allclose(rec.activations(0)["hidden"], rec.activations(2)["hidden"])
