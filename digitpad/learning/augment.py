"""Random geometric and stroke changes to 28x28 digits that make MNIST look drawn, for training.

In: a batch of 28x28x1 float32 images (ink 1, paper 0), and a seed. Out: the same batch changed. The warps are
digitpad.models.views' affine maps, one resampling per image. Stateless random ops keyed by the seed make a training
run repeatable.
"""

from __future__ import annotations

import math

import tensorflow as tf

from digitpad.config import TrainingRecipe
from digitpad.models.views import affine_transforms, warp


def change_thickness(images: tf.Tensor, amount: tf.Tensor) -> tf.Tensor:
    """Thicken (amount > 0) or thin (amount < 0) each image's strokes by blending towards a 3x3 dilation or erosion.

    images: [B, H, W, 1]; amount: [B] in [-1, 1]. Returns [B, H, W, 1].
    """
    dilated = tf.nn.max_pool2d(images, ksize=3, strides=1, padding="SAME")
    eroded = -tf.nn.max_pool2d(-images, ksize=3, strides=1, padding="SAME")
    amount = amount[:, None, None, None]
    return images + tf.nn.relu(amount) * (dilated - images) + tf.nn.relu(-amount) * (eroded - images)


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


def augment_batch(images: tf.Tensor, recipe: TrainingRecipe, seed: tf.Tensor) -> tf.Tensor:
    """Apply a random thickness change and affine warp to each image of a [B, 28, 28, 1] float32 batch."""
    batch = tf.shape(images)[0]
    thickness_seed, affine_seed = tf.unstack(tf.random.experimental.stateless_split(seed, num=2))
    amount = tf.random.stateless_uniform([batch], thickness_seed, -recipe.thickness, recipe.thickness)
    warped = warp(change_thickness(images, amount), random_transforms(batch, recipe, affine_seed))
    return tf.clip_by_value(warped, 0.0, 1.0)
