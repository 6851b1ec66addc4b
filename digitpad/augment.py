"""Training-time augmentation that makes MNIST digits look like digits people draw.

In: a batch of 28x28x1 float32 images (ink 1, paper 0) and a seed. Out: the same batch, each image with its own random
stroke thickness change and one affine warp (rotation, shear, zoom, shift) applied in a single resampling, so the
image is interpolated once rather than once per effect. Stateless random ops keyed by the seed make a run repeatable.
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


def affine_transforms(batch: int, recipe: TrainingRecipe, seed: tf.Tensor) -> tf.Tensor:
    """Random output-to-input transforms for `ImageProjectiveTransformV3`, one row of 8 numbers per image.

    The forward map is p_out = A (p_in - c) + c + t with A = rotation @ shear @ zoom about the image centre c;
    the op wants the inverse, p_in = A^-1 (p_out - c - t) + c.
    """
    seeds = tf.random.experimental.stateless_split(seed, num=5)

    def uniform(i: int, half_range: float, shape: tuple[int, ...] = (batch,)) -> tf.Tensor:
        return tf.random.stateless_uniform(shape, seeds[i], -half_range, half_range)

    angle = uniform(0, math.radians(recipe.rotation_degrees))
    shear = uniform(1, recipe.shear)
    zoom = 1.0 + uniform(2, recipe.zoom, (2, batch))
    shift = uniform(3, recipe.shift_pixels, (2, batch))

    cos, sin = tf.cos(angle), tf.sin(angle)
    # A = [[cos, -sin], [sin, cos]] @ [[1, shear], [0, 1]] @ [[zoom_x, 0], [0, zoom_y]]
    a = cos * zoom[0]
    b = (cos * shear - sin) * zoom[1]
    c = sin * zoom[0]
    d = (sin * shear + cos) * zoom[1]
    det = a * d - b * c
    inv_a, inv_b, inv_c, inv_d = d / det, -b / det, -c / det, a / det

    centre = (MODEL_SIZE - 1) / 2.0
    out_x, out_y = centre + shift[0], centre + shift[1]  # where the centre lands
    offset_x = centre - (inv_a * out_x + inv_b * out_y)
    offset_y = centre - (inv_c * out_x + inv_d * out_y)
    zeros = tf.zeros_like(angle)
    return tf.stack([inv_a, inv_b, offset_x, inv_c, inv_d, offset_y, zeros, zeros], axis=1)


def augment_batch(images: tf.Tensor, recipe: TrainingRecipe, seed: tf.Tensor) -> tf.Tensor:
    """Apply a random thickness change and affine warp to each image of a [B, 28, 28, 1] float32 batch."""
    batch = tf.shape(images)[0]
    thickness_seed, affine_seed = tf.unstack(tf.random.experimental.stateless_split(seed, num=2))
    amount = tf.random.stateless_uniform([batch], thickness_seed, -recipe.thickness, recipe.thickness)
    images = change_thickness(images, amount)
    warped = tf.raw_ops.ImageProjectiveTransformV3(
        images=images,
        transforms=affine_transforms(batch, recipe, affine_seed),
        output_shape=tf.constant([MODEL_SIZE, MODEL_SIZE]),
        fill_value=0.0,
        interpolation="BILINEAR",
        fill_mode="CONSTANT",
    )
    return tf.clip_by_value(warped, 0.0, 1.0)
