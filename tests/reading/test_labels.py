"""Pieces of ink picked by their labels (digitpad.reading.labels), checked against numpy's np.isin and np.unique."""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.reading.labels import labels_touching, pieces_kept, pieces_touching


def specks(seed: int) -> tuple[int, np.ndarray]:
    """A mask of random specks, numbered as cv2.connectedComponents numbers them: (how many labels, the labels)."""
    mask = (np.random.default_rng(seed).random((60, 80)) < 0.3).astype(np.uint8)
    return cv2.connectedComponents(mask, connectivity=8)


def test_the_pieces_kept_are_those_np_isin_picks_and_no_others():
    for seed in range(20):
        count, labels = specks(seed)
        kept = np.random.default_rng(seed + 100).random(count - 1) < 0.5
        picked = pieces_kept(labels, kept)
        assert np.array_equal(picked, np.isin(labels, np.flatnonzero(kept) + 1))
        assert picked.any() and not picked[labels == 0].any()


def test_the_pieces_touching_a_region_are_those_np_unique_finds_under_it():
    for seed in range(20):
        _, labels = specks(seed)
        where = np.zeros(labels.shape, bool)
        where[20:30, 10:50] = True  # a band, on paper and on specks
        under = np.unique(labels[where])
        picked = pieces_touching(labels, where)
        assert np.array_equal(picked, np.isin(labels, under[under > 0]))
        assert np.array_equal(np.flatnonzero(labels_touching(labels, where)), under[under > 0])
        assert picked.any() and not picked[labels == 0].any()
    assert not pieces_touching(np.zeros((5, 5), np.int32), np.ones((5, 5), bool)).any()  # no pieces at all
