"""PyTorch models in the kernel fallback: forward hooks, pooled as the browser pools Keras layers.

torch is optional (`pip install torch==2.13.0`, the CPU build); these tests are skipped without it.
"""

import numpy as np
import pytest

import layerviz
from layerviz import LayerVizError

torch = pytest.importorskip("torch")
nn = torch.nn


@pytest.fixture(scope="module")
def mlp():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 3))


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 20)
    return rng.normal(0, 1, (len(y), 4)) + y[:, None], y  # float64, as numpy makes it


def test_every_child_is_computed_by_its_own_forward(mlp, points):
    x, y = points
    widget = layerviz.show(mlp, x, y)
    assert widget.compute == "kernel"
    assert widget.layers == ["0", "1", "2"]
    assert "PyTorch computed these layers in the kernel" in widget.notice
    with torch.no_grad():
        hidden = mlp[0](torch.from_numpy(x).float())
        expected = {"0": hidden, "1": torch.relu(hidden), "2": mlp(torch.from_numpy(x).float())}
    keep = widget.sample_ids
    for name, want in expected.items():
        np.testing.assert_allclose(widget.activations[name], want.numpy()[keep], rtol=1e-6)
    assert [info["class_name"] for info in widget.layer_info] == ["Linear", "ReLU", "Linear"]
    assert widget.layer_info[0]["output_shape"] == [None, 6]
    np.testing.assert_array_equal(widget.predictions, expected["2"].numpy()[keep].argmax(axis=1))
    assert mlp.training  # the user's mode is restored


def test_conv_outputs_are_averaged_over_space_per_channel():
    torch.manual_seed(1)
    model = nn.Sequential(
        nn.Conv2d(2, 5, 3, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(5 * 6 * 6, 2)
    )
    x = np.random.default_rng(1).normal(0, 1, (8, 2, 6, 6)).astype("float32")
    widget = layerviz.show(model, x, layers=["0", "3"])
    with torch.no_grad():
        conv = model[0](torch.from_numpy(x)).numpy()
    # torch is channels-first: (N, C, H, W) is pooled to (N, C), as Keras's (N, H, W, C) is.
    np.testing.assert_allclose(widget.activations["0"], conv.mean(axis=(2, 3)), rtol=1e-5)
    assert widget.layer_info[0]["output_shape"] == [None, 5, 6, 6]


def test_lstm_keeps_its_per_step_output_and_nested_names_work():
    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = nn.Embedding(10, 4)
            self.encoder = nn.Sequential(nn.LSTM(4, 3, batch_first=True))
            self.head = nn.Linear(3, 2)

        def forward(self, tokens):
            steps, _ = self.encoder(self.embed(tokens))
            return self.head(steps[:, -1])

    torch.manual_seed(2)
    model = Tagger()
    x = np.random.default_rng(2).integers(0, 10, (7, 5))  # int64 token ids
    widget = layerviz.show(model, x, layers=["embed", "encoder.0", "head"])
    with torch.no_grad():
        steps, _ = model.encoder(model.embed(torch.from_numpy(x)))
    np.testing.assert_allclose(
        widget.activations["encoder.0"], steps.numpy().mean(axis=1), rtol=1e-5
    )
    assert widget.layer_info[1]["class_name"] == "LSTM"


def test_browser_compute_is_refused_with_the_fix(mlp, points):
    with pytest.raises(LayerVizError, match=r"PyTorch model cannot run in the browser.*kernel"):
        layerviz.show(mlp, points[0], compute="browser")


def test_unknown_submodule_names_the_children(mlp, points):
    with pytest.raises(LayerVizError, match=r"no submodule 'features'.*children are: 0, 1, 2"):
        layerviz.show(mlp, points[0], layers=["features"])


def test_a_failing_forward_says_what_x_was(mlp):
    with pytest.raises(LayerVizError, match=r"failed on x \(shape \(5, 3\).*forward\(\) takes"):
        layerviz.show(mlp, np.ones((5, 3)))


def test_a_submodule_forward_never_calls_is_named():
    class Skips(nn.Module):
        def __init__(self):
            super().__init__()
            self.used = nn.Linear(2, 2)
            self.unused = nn.Linear(2, 2)

        def forward(self, x):
            return self.used(x)

    with pytest.raises(LayerVizError, match="'unused' was not called"):
        layerviz.show(Skips(), np.ones((4, 2)))
