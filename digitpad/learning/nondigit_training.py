"""Training the "not a digit" judge (digitpad.models.nondigit) and choosing its threshold.

In: a NonDigitRecipe, MNIST, the pen-drawn digits and the bundled digit model (whose energy the score adds). Out,
beside the given model path: the judge and its model card (JSON), written together at the end, so an interrupted run
leaves the previous ones. The card holds the threshold: the score below which the recipe's `flag_share` of the
validation digits fall (validation writers' drawings and the digit model's 5,000 MNIST validation digits, none
trained on), and the share of validation non-digits (another seed's) it flags. The final group (config.FINAL_WRITERS,
the final fonts) is measured by benchmarks/not_a_digit.py, never here.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from digitpad.config import NonDigitRecipe, TrainingRecipe
from digitpad.learning.data import Mnist, PenDigit, sha256_of
from digitpad.learning.doodles import doodles
from digitpad.learning.drawn import random_model_inputs, split_writers
from digitpad.learning.negatives import not_digits
from digitpad.learning.training import split_validation, write_with_card
from digitpad.models.nondigit import build_nondigit_model, digitness
from digitpad.reading.canvas import stroke_input
from digitpad.reading.preprocess import preprocess_many


def not_digit_inputs(group: str, per_kind: int, seed: int | None = None) -> np.ndarray:
    """[N, 28, 28] float32 model inputs of drawings that are not digits: `per_kind` of each of negatives' kinds, read
    as pixels, and as many doodles (digitpad.learning.doodles), read by their strokes as the page reads a drawing."""
    drawn = preprocess_many(np.array([image for _, image in not_digits(group, per_kind, seed)]))
    doodled = [stroke_input(strokes) for _, strokes in doodles(group, per_kind, None if seed is None else seed + 2000)]
    return np.concatenate([drawn, np.array(doodled)]).astype(np.float32)


def as_input(images: np.ndarray) -> np.ndarray:
    """[N, 28, 28] uint8 (ink 255) or float -> float32 [N, 28, 28, 1] in 0..1."""
    images = np.asarray(images)
    return (images / 255 if images.dtype == np.uint8 else images).astype(np.float32)[..., None]


def scores(judge: keras.Model, digit_model: keras.Model, images: np.ndarray) -> np.ndarray:
    """[N] digitness of [N, 28, 28, 1] inputs, in batches."""
    batches = [tf.constant(images[i : i + 512]) for i in range(0, len(images), 512)]
    return np.concatenate([digitness(judge, batch, digit_model(batch, training=False)).numpy() for batch in batches])


def train_nondigit(
    recipe: NonDigitRecipe,
    mnist: Mnist,
    pen_digits: list[PenDigit],
    pen_file: Path,
    digit_model: keras.Model,
    model_path: Path,
    limit: int | None = None,
) -> dict:
    """Train a judge by `recipe` (on `limit` images of each source instead, if given), choose its threshold, and
    write it and its card beside `model_path`. Returns the card."""
    keras.utils.set_random_seed(recipe.seed)
    tuning, _ = split_writers(pen_digits)
    trained = [d for d in tuning if d.writer not in recipe.validation_writers]
    validating = [d for d in tuning if d.writer in recipe.validation_writers]
    count = limit or recipe.negatives_per_kind
    drawn, _ = random_model_inputs(trained[: limit or len(trained)], recipe.drawn_variants, recipe.seed)
    # MNIST's validation digits as the bundled digit model's recipe holds them out (its energy is honest only there),
    # all read as a user's file is, through preprocessing
    digit_recipe = TrainingRecipe()
    mnist_trained, _, mnist_validation, _ = split_validation(
        mnist.x_train, mnist.y_train, digit_recipe.validation_size, digit_recipe.seed
    )
    mnist_trained = preprocess_many(mnist_trained[: limit or recipe.mnist_digits])
    mnist_validation = preprocess_many(mnist_validation[:limit])
    digits = np.concatenate([as_input(mnist_trained), as_input(drawn)])
    others = as_input(not_digit_inputs("tuning", count))
    x = np.concatenate([digits, others])
    y = np.concatenate([np.ones(len(digits)), np.zeros(len(others))]).astype(np.float32)
    weights = {0: len(digits) / len(others), 1: 1.0}  # each side counts the same

    model = build_nondigit_model(recipe)
    model.compile(keras.optimizers.Adam(recipe.learning_rate), keras.losses.BinaryCrossentropy(from_logits=True))
    started = time.perf_counter()
    model.fit(x, y, batch_size=recipe.batch_size, epochs=recipe.epochs, shuffle=True, class_weight=weights, verbose=2)
    training_seconds = time.perf_counter() - started

    drawn_validation, _ = random_model_inputs(validating[: limit or len(validating)], 1, recipe.seed + 1)
    validation_digits = np.concatenate([as_input(drawn_validation), as_input(mnist_validation)])
    validation_others = as_input(not_digit_inputs("tuning", min(count, 150), recipe.validation_seed))
    digit_scores = scores(model, digit_model, validation_digits)
    threshold = float(np.quantile(digit_scores, recipe.flag_share))
    flagged = scores(model, digit_model, validation_others) < threshold
    card = {
        "model_file": model_path.name,
        "threshold": round(threshold, 3),
        "validation_digits_flagged": round(float(np.mean(digit_scores < threshold)), 4),
        "validation_non_digits_flagged": round(float(np.mean(flagged)), 4),
        "validation_digits": len(digit_scores),
        "validation_non_digits": len(flagged),
        "parameters": model.count_params(),
        "seed": recipe.seed,
        "recipe": asdict(recipe),
        "training_digits": len(digits),
        "training_non_digits": len(others),
        "data": {
            "mnist": str(mnist.path),
            "mnist_sha256": mnist.sha256,
            "strokes": str(pen_file),
            "strokes_sha256": sha256_of(pen_file),
            "training_writers": sorted({d.writer for d in trained}),
            "validation_writers": sorted({d.writer for d in validating}),
            "non_digits": "made up: digitpad.learning.negatives, tuning fonts; digitpad.learning.doodles, tuning hands",
        },
    }
    return write_with_card(model, card, model_path, training_seconds)
