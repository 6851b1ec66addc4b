"""Augmentation: each training effect does what it says, and nothing happens when its range is zero."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import tensorflow as tf

from digitpad.config import TrainingRecipe
from digitpad.learning.augment import augment_batch, change_thickness

NO_AUGMENTATION = replace(TrainingRecipe(), rotation_degrees=0, shear=0, zoom=0, shift_pixels=0, thickness=0)
SEED = tf.constant([1, 2], tf.int64)


@pytest.fixture
def bar() -> tf.Tensor:
    image = np.zeros((1, 28, 28, 1), np.float32)
    image[0, 6:22, 13:15] = 1.0  # a vertical bar 2 px wide
    return tf.constant(image)


def test_zero_ranges_leave_images_unchanged(bar):
    np.testing.assert_allclose(augment_batch(bar, NO_AUGMENTATION, SEED), bar, atol=1e-6)


def test_thickness_grows_and_shrinks_ink(bar):
    ink = float(tf.reduce_sum(bar))
    assert float(tf.reduce_sum(change_thickness(bar, tf.constant([1.0])))) > 1.5 * ink
    assert float(tf.reduce_sum(change_thickness(bar, tf.constant([-1.0])))) < 0.5 * ink


def test_shift_moves_the_ink(bar):
    shifted = augment_batch(bar, replace(NO_AUGMENTATION, shift_pixels=3.0), SEED)[0, :, :, 0].numpy()
    columns = np.nonzero(shifted.sum(axis=0) > 0.5)[0]
    assert not np.array_equal(columns, [13, 14]) and abs(columns.mean() - 13.5) <= 3


def test_same_seed_same_augmentation_other_seed_other(bar):
    batch = tf.repeat(bar, 4, axis=0)
    first = augment_batch(batch, TrainingRecipe(), SEED)
    np.testing.assert_array_equal(first, augment_batch(batch, TrainingRecipe(), SEED))
    assert not np.allclose(first, augment_batch(batch, TrainingRecipe(), SEED + 1))
    assert not np.allclose(first[0], first[1])  # each image of a batch gets its own draw
