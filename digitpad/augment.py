"""Geometric and stroke changes to 28x28 digits: random ones that make MNIST look drawn, for training, and the fixed
views the classifier averages over at test time.

In: a batch of 28x28x1 float32 images (ink 1, paper 0), and a seed or the views wanted. Out: the same batch changed.
Every warp (rotation, shear, zoom, shift) is one affine map applied in a single resampling, so an image is
interpolated once rather than once per effect. Stateless random ops keyed by the seed make a training run repeatable.
"""

from __future__ import annotations

import math

import tensorflow as tf

from digitpad.config import MODEL_SIZE, TrainingRecipe


def change_thickness(images: tf.Tensor, amount: tf.Tensor) -> tf.Tensor:
    """Thicken (amount > 0) or thin (amount < 0) each image's strokes by blending towards a 3x3 dilation or erosion.

    images: [B, H, W, 1]; amount: [B] in [-1, 1]. Returns [B, H, W, 1].
    """
    dilated = tf.nn.max_pool2d(images, ksize=3, strides=1, padding="SAME")
    eroded = -tf.nn.max_pool2d(-images, ksize=3, strides=1, padding="SAME")
    amount = amount[:, None, None, None]
    return images + tf.nn.relu(amount) * (dilated - images) + tf.nn.relu(-amount) * (eroded - images)


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


def random_transforms(batch: tf.Tensor, recipe: TrainingRecipe, seed: tf.Tensor) -> tf.Tensor:
    """One random affine transform per image, each parameter uniform within the recipe's range."""
    seeds = tf.random.experimental.stateless_split(seed, num=5)

    def uniform(i: int, half_range: float, shape: tuple[int, ...] = (batch,)) -> tf.Tensor:
        return tf.random.stateless_uniform(shape, seeds[i], -half_range, half_range)

    zoom = 1.0 + uniform(2, recipe.zoom, (2, batch))
    shift = uniform(3, recipe.shift_pixels, (2, batch))
    return affine_transforms(
        uniform(0, math.radians(recipe.rotation_degrees)),
        uniform(1, recipe.shear),
        zoom[0],
        zoom[1],
        shift[0],
        shift[1],
    )


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


def augment_batch(images: tf.Tensor, recipe: TrainingRecipe, seed: tf.Tensor) -> tf.Tensor:
    """Apply a random thickness change and affine warp to each image of a [B, 28, 28, 1] float32 batch."""
    batch = tf.shape(images)[0]
    thickness_seed, affine_seed = tf.unstack(tf.random.experimental.stateless_split(seed, num=2))
    amount = tf.random.stateless_uniform([batch], thickness_seed, -recipe.thickness, recipe.thickness)
    warped = warp(change_thickness(images, amount), random_transforms(batch, recipe, affine_seed))
    return tf.clip_by_value(warped, 0.0, 1.0)


def views(images: tf.Tensor, rotations_degrees: tuple[float, ...]) -> tf.Tensor:
    """Each image of [B, 28, 28, 1] turned clockwise by each angle about its centre: [len(rotations) * B, 28, 28, 1],
    all images at the first angle, then all at the second, and so on. A 0 angle returns the images unchanged."""
    batch = tf.shape(images)[0]
    angles = tf.repeat(tf.constant([math.radians(r) for r in rotations_degrees], tf.float32), batch)
    ones, zeros = tf.ones_like(angles), tf.zeros_like(angles)
    tiled = tf.tile(images, [len(rotations_degrees), 1, 1, 1])
    return warp(tiled, affine_transforms(angles, zeros, ones, ones, zeros, zeros))
