"""Augmentation: each training effect does what it says, nothing happens when its range is zero, and the test-time
views are the rotations OpenCV makes."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest
import tensorflow as tf

from digitpad.augment import augment_batch, change_thickness, views
from digitpad.config import TrainingRecipe

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


def test_views_are_opencvs_clockwise_rotations_about_the_centre(bar):
    angles = (0.0, 8.0, -15.0)
    turned = views(tf.repeat(bar, 2, axis=0), angles).numpy()[..., 0]
    assert turned.shape == (len(angles) * 2, 28, 28)
    for index, angle in enumerate(angles):
        # OpenCV's positive angle turns counter-clockwise on screen (y down)
        matrix = cv2.getRotationMatrix2D((13.5, 13.5), -angle, 1.0)
        expected = cv2.warpAffine(bar.numpy()[0, :, :, 0], matrix, (28, 28), flags=cv2.INTER_LINEAR)
        for copy in (2 * index, 2 * index + 1):  # all images at the first angle, then all at the second...
            np.testing.assert_allclose(turned[copy], expected, atol=1e-5)
    np.testing.assert_array_equal(turned[0], bar.numpy()[0, :, :, 0])
