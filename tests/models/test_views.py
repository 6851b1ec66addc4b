"""The test-time views are the rotations OpenCV makes."""

from __future__ import annotations

import cv2
import numpy as np
import tensorflow as tf

from digitpad.models.views import views


def test_views_are_opencvs_clockwise_rotations_about_the_centre():
    bar = np.zeros((1, 28, 28, 1), np.float32)
    bar[0, 6:22, 13:15] = 1.0  # a vertical bar 2 px wide
    bar = tf.constant(bar)
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
