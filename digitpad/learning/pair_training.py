"""Training the pair reader (digitpad.models.pairs) on MNIST's digits, one alone or two side by side.

In: a PairRecipe and MNIST. Out, beside the given model path: the reader and its model card (JSON), written together at
the end (digitpad.files.write_atomically), so an interrupted run leaves the previous ones.

Its examples: MNIST training digits, the classifier's validation split held out, each scaled a little on its own and
set down touching, overlapping or apart, then seen as cleaning leaves a photo's ink (piece_training.as_photographed).
The card reports how many pieces made the same way of the held-out digits it reads exactly right (made up).
"""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path

import cv2
import keras
import numpy as np
import tensorflow as tf

from digitpad.config import INK_THRESHOLD, PAIR_FRAME, PairRecipe
from digitpad.learning.data import Mnist
from digitpad.learning.piece_training import as_photographed
from digitpad.learning.training import split_validation, write_with_card
from digitpad.models.pairs import NONE, build_pair_model, pair_input, sides

DIGIT_HEIGHT = 40  # px: the digits' height as they are set down, before they are photographed
HELD_OUT_PIECES = 3_000  # pieces of the held-out digits whose reading the card reports
MNIST_INK = 40  # of 255: an MNIST pixel darker than this is the digit's, not its faint anti-aliased edge


def side_by_side(digits: list[np.ndarray], recipe: PairRecipe, rng: np.random.Generator) -> np.ndarray:
    """MNIST digits ([28, 28] uint8) cropped to their ink, each scaled to stand about DIGIT_HEIGHT px tall, set down
    left to right `recipe.gaps` apart at random heights, sometimes thickened: [H, W] float32, ink 1."""
    parts = []
    for digit in digits:
        drawn = digit > MNIST_INK
        rows, columns = np.flatnonzero(drawn.any(axis=1)), np.flatnonzero(drawn.any(axis=0))
        ink = digit[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1].astype(np.float32) / 255
        scale = DIGIT_HEIGHT * rng.uniform(0.8, 1.05) / ink.shape[0]
        size = max(round(ink.shape[1] * scale * rng.uniform(0.85, 1.15)), 1), max(round(ink.shape[0] * scale), 1)
        parts.append(cv2.resize(ink, size, interpolation=cv2.INTER_LINEAR))
    lefts, x = [], 0
    for index, part in enumerate(parts):
        if index:
            x = max(x + round(rng.uniform(*recipe.gaps) * DIGIT_HEIGHT), 0)
        lefts.append(x)
        x += part.shape[1]
    margin = 5
    canvas = np.zeros((round(1.4 * DIGIT_HEIGHT) + 2 * margin, x + 2 * margin + 10), np.float32)
    for left, part in zip(lefts, parts, strict=True):
        top = margin + int(rng.integers(0, canvas.shape[0] - 2 * margin - part.shape[0] + 1))
        spot = canvas[top : top + part.shape[0], margin + left : margin + left + part.shape[1]]
        np.maximum(spot, part, out=spot)
    if rng.random() < 0.5:  # a fatter pen
        width = int(rng.integers(1, recipe.thicken + 1))
        canvas = cv2.dilate(canvas, np.ones((width, width), np.uint8))
    return canvas


def made_pieces(
    images: np.ndarray, labels: np.ndarray, count: int, recipe: PairRecipe, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """`count` pieces of one digit or two: ([N, 28, 56] uint8 inputs, [N, 2] uint8 labels: left, right or NONE)."""
    inputs, targets = np.zeros((count, *PAIR_FRAME), np.uint8), np.zeros((count, 2), np.uint8)
    for index in range(count):
        chosen = rng.integers(len(images), size=1 if rng.random() < recipe.alone else 2)
        ink = side_by_side([images[i] for i in chosen], recipe, rng)
        rows = np.flatnonzero(ink.max(axis=1) > INK_THRESHOLD)
        seen, _ = as_photographed([np.round(ink * 255)], rows[-1] - rows[0] + 1, recipe, rng)
        inputs[index] = np.round(pair_input(seen / 255) * 255)
        targets[index] = labels[chosen[0]], labels[chosen[1]] if len(chosen) == 2 else NONE
    return inputs, targets


def pair_loss(targets: tf.Tensor, logits: tf.Tensor) -> tf.Tensor:
    """Cross-entropy of the left digit plus that of the right one (or none): targets [B, 2], logits [B, 21]."""
    targets, (left, right) = tf.cast(targets, tf.int32), sides(logits)
    return tf.nn.sparse_softmax_cross_entropy_with_logits(targets[:, 0], left) + (
        tf.nn.sparse_softmax_cross_entropy_with_logits(targets[:, 1], right)
    )


def train_pairs(recipe: PairRecipe, mnist: Mnist, model_path: Path, limit: int | None = None) -> dict:
    """Train a pair reader by `recipe` (on `limit` pieces instead of the recipe's, if given), and write it and its
    card beside `model_path`. Returns the card."""
    keras.utils.set_random_seed(recipe.seed)
    x_train, y_train, x_held_out, y_held_out = split_validation(
        mnist.x_train, mnist.y_train, recipe.validation_size, recipe.seed
    )
    rng = np.random.default_rng(recipe.seed)
    x, y = made_pieces(x_train, y_train, limit or recipe.examples, recipe, rng)
    x_check, y_check = made_pieces(x_held_out, y_held_out, min(limit or HELD_OUT_PIECES, HELD_OUT_PIECES), recipe, rng)

    model = build_pair_model(recipe)
    steps = recipe.epochs * -(-len(x) // recipe.batch_size)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps, warmup_target=recipe.peak_learning_rate, warmup_steps=steps // 10
    )
    model.compile(optimizer=keras.optimizers.Adam(schedule), loss=pair_loss)
    started = time.perf_counter()
    model.fit(x[..., None] / 255.0, y, batch_size=recipe.batch_size, epochs=recipe.epochs, verbose=2)
    training_seconds = time.perf_counter() - started

    logits = model.predict(x_check[..., None] / 255.0, batch_size=512, verbose=0)
    read = np.stack([side.argmax(axis=1) for side in sides(logits)], axis=1)
    right = np.all(read == y_check, axis=1)
    alone = y_check[:, 1] == NONE
    card = {
        "model_file": model_path.name,
        "held_out_pieces_read_right": round(float(right.mean()), 4),  # made up of held-out digits, as trained
        "held_out_single_digits_read_right": round(float(right[alone].mean()), 4),
        "held_out_pairs_read_right": round(float(right[~alone].mean()), 4),
        "held_out_pieces": len(y_check),
        "parameters": model.count_params(),
        "seed": recipe.seed,
        "recipe": asdict(recipe),
        "training_pieces": len(y),
        "data": {"file": str(mnist.path), "sha256": mnist.sha256, "held_out": "the classifier's validation split"},
    }
    return write_with_card(model, card, model_path, training_seconds)
