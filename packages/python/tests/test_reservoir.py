from collections import Counter

import numpy as np

from layerviz.reservoir import CLASS_RESERVE, HELD_FACTOR, Reservoir
from layerviz.sample_choice import class_quotas


def feed(reservoir, labels, batch=50, order=None):
    order = np.arange(len(labels)) if order is None else order
    for start in range(0, len(order), batch):
        rows = order[start : start + batch]
        reservoir.add(rows, labels[rows], [rows * 10])


def test_each_class_keeps_its_share_of_the_whole_stream():
    labels = np.array([0] * 9000 + [1] * 900 + [2] * 90 + [3] * 10)
    reservoir = Reservoir(200, seed=1)
    feed(reservoir, labels)
    drawn = reservoir.draw()
    assert drawn.total == 10_000
    assert np.all(np.diff(drawn.rows) > 0)
    # Columns stay with their rows.
    assert np.array_equal(drawn.columns[0], drawn.rows * 10)
    shares = Counter(labels[drawn.rows].tolist())
    expected = class_quotas(np.array([9000, 900, 90, 10]), 200)
    assert [shares[c] for c in range(4)] == expected.tolist()


def test_a_rare_class_at_the_end_of_a_sorted_stream_is_not_lost():
    # The stream is sorted by class, so the rare class comes last, after the reservoir is full.
    labels = np.array([0] * 5000 + [1] * 3)
    reservoir = Reservoir(100, seed=0)
    feed(reservoir, labels)
    shown = Counter(labels[reservoir.draw().rows].tolist())
    assert shown == {0: 99, 1: 1}


def test_the_sample_does_not_depend_on_the_order_of_the_stream():
    # Keys follow the order read, so the same seed on another order gives other rows; but the
    # rows chosen are a uniform sample either way: averaged over seeds, every position is as
    # likely, early or late.
    labels = np.zeros(2000, dtype=int)
    hits = np.zeros(2000)
    for seed in range(40):
        reservoir = Reservoir(100, seed=seed)
        feed(reservoir, labels)
        hits[reservoir.draw().rows] += 1
    first, last = hits[:1000].sum(), hits[1000:].sum()
    assert abs(first - last) / (first + last) < 0.06


def test_same_seed_same_rows_other_seed_others():
    labels = np.arange(3000) % 7
    draws = []
    for seed in (5, 5, 6):
        reservoir = Reservoir(150, seed=seed)
        feed(reservoir, labels, batch=64)
        draws.append(reservoir.draw().rows)
    assert np.array_equal(draws[0], draws[1])
    assert not np.array_equal(draws[0], draws[2])


def test_memory_is_bounded_by_max_points():
    labels = np.arange(100_000) % 10
    reservoir = Reservoir(500, seed=0)
    most = 0
    for start in range(0, 100_000, 1000):
        rows = np.arange(start, start + 1000)
        reservoir.add(rows, labels[rows], [np.zeros((1000, 8), np.float32)])
        held = len(reservoir._rows) + reservoir._pending_size
        most = max(most, held)
    # What the reservoir keeps plus what waits to be merged.
    assert most <= (HELD_FACTOR + CLASS_RESERVE + 1) * 500 + 1000


def test_fewer_drawn_are_a_smaller_stratified_sample():
    labels = np.array([0] * 800 + [1] * 200)
    reservoir = Reservoir(100, seed=2)
    feed(reservoir, labels)
    drawn = reservoir.draw(20)
    assert Counter(labels[drawn.rows].tolist()) == {0: 16, 1: 4}


def test_without_classes_a_uniform_subset_of_at_most_max_points():
    reservoir = Reservoir(10, seed=0)
    reservoir.add(np.arange(25), None, [np.arange(25)])
    drawn = reservoir.draw()
    assert len(drawn.rows) == 10 and drawn.counts == Counter()
    small = Reservoir(10, seed=0)
    small.add(np.arange(4), None, [np.arange(4)])
    assert small.draw().rows.tolist() == [0, 1, 2, 3]


def test_class_quotas_round_by_largest_remainder_and_keep_every_class():
    assert class_quotas(np.array([900, 90, 10]), 100).tolist() == [90, 9, 1]
    assert class_quotas(np.array([995, 5]), 50).tolist() == [49, 1]
    assert class_quotas(np.array([1, 1, 1]), 2).sum() == 2
