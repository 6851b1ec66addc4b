"""Turning 28x28 digits by exact affine maps: the fixed views the classifier averages over at test time, and the one
resampling that digitpad.learning.augment's random warps go through too.

In: a batch of 28x28x1 float32 images (ink 1, paper 0), and the angles or transforms wanted. Out: the batch turned.
Every warp (rotation, shear, zoom, shift) is one affine map applied in a single resampling, so an image is
interpolated once rather than once per effect.
"""

from __future__ import annotations

import math

from digitpad.config import MODEL_SIZE
from digitpad.models.backend import tf


def affine_transforms(
    angle: tf.Tensor, shear: tf.Tensor, zoom_x: tf.Tensor, zoom_y: tf.Tensor, shift_x: tf.Tensor, shift_y: tf.Tensor
) -> tf.Tensor:
    """Output-to-input transforms for `ImageProjectiveTransformV3`, one row of 8 numbers per image.

    Each argument is [B] float32: angle in radians, x-shear factor, zoom factors, shift in pixels. The forward map is
    p_out = A (p_in - c) + c + t with A = rotation @ shear @ zoom about the image centre c; the op wants the inverse,
    p_in = A^-1 (p_out - c - t) + c.
    """
    cos, sin = tf.cos(angle), tf.sin(angle)
    # A = [[cos, -sin], [sin, cos]] @ [[1, shear], [0, 1]] @ [[zoom_x, 0], [0, zoom_y]]
    a = cos * zoom_x
    b = (cos * shear - sin) * zoom_y
    c = sin * zoom_x
    d = (sin * shear + cos) * zoom_y
    det = a * d - b * c
    inv_a, inv_b, inv_c, inv_d = d / det, -b / det, -c / det, a / det

    centre = (MODEL_SIZE - 1) / 2.0
    out_x, out_y = centre + shift_x, centre + shift_y  # where the centre lands
    offset_x = centre - (inv_a * out_x + inv_b * out_y)
    offset_y = centre - (inv_c * out_x + inv_d * out_y)
    zeros = tf.zeros_like(angle)
    return tf.stack([inv_a, inv_b, offset_x, inv_c, inv_d, offset_y, zeros, zeros], axis=1)


def warp(images: tf.Tensor, transforms: tf.Tensor) -> tf.Tensor:
    """Resample each image of [B, 28, 28, 1] through its row of `transforms` (bilinear; paper fills what comes in)."""
    return tf.raw_ops.ImageProjectiveTransformV3(
        images=images,
        transforms=transforms,
        output_shape=tf.constant([MODEL_SIZE, MODEL_SIZE]),
        fill_value=0.0,
        interpolation="BILINEAR",
        fill_mode="CONSTANT",
    )


def views(images: tf.Tensor, rotations_degrees: tuple[float, ...]) -> tf.Tensor:
    """Each image of [B, 28, 28, 1] turned clockwise by each angle about its centre: [len(rotations) * B, 28, 28, 1],
    all images at the first angle, then all at the second, and so on. A 0 angle returns the images unchanged."""
    batch = tf.shape(images)[0]
    angles = tf.repeat(tf.constant([math.radians(r) for r in rotations_degrees], tf.float32), batch)
    ones, zeros = tf.ones_like(angles), tf.zeros_like(angles)
    tiled = tf.tile(images, [len(rotations_degrees), 1, 1, 1])
    return warp(tiled, affine_transforms(angles, zeros, ones, ones, zeros, zeros))
