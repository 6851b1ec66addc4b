"""Saying "that is not a digit": how much a model input looks like any digit at all.

In: [B, 28, 28, 1] model inputs (see digitpad.reading.preprocess) and the digit model. Out: [B] scores, high for digits;
below the judge's threshold (its card's, copied to config) the input is not a digit.

How: the digit classifier reads anything as some digit, often surely (a "D" as 0 at 96%). A small CNN trained on
digits against drawings that are not digits (digitpad.learning.negatives: letters, symbols, shapes, scribbles) gives the
log-odds that an input is a digit; the digit model's energy (the log-sum-exp of its logits, low for what is unlike
anything it learnt) is added, weighted by ENERGY_WEIGHT. Both are approaches the field uses (an outlier class trained
on negatives; energy scores); together they flagged more non-digits at the same share of digits flagged than either
alone (config.NONDIGIT_MODEL_PATH's evidence).
"""

from __future__ import annotations

from pathlib import Path

from digitpad.config import (
    ENERGY_WEIGHT,
    MODEL_SIZE,
    NONDIGIT_MODEL_PATH,
    NONDIGIT_RETRAIN_COMMAND,
    NonDigitRecipe,
)
from digitpad.models.backend import keras, layers, tf
from digitpad.models.model import load_model


def build_nondigit_model(recipe: NonDigitRecipe) -> keras.Model:
    """A fresh, untrained judge: [B, 28, 28, 1] -> [B, 1] logit of "a digit"."""
    convolutions = []
    for filters in recipe.filters:
        convolutions += [layers.Conv2D(filters, 3, padding="same", activation="relu"), layers.MaxPooling2D()]
    return keras.Sequential(
        [
            keras.Input((MODEL_SIZE, MODEL_SIZE, 1)),
            *convolutions,
            layers.Flatten(),
            layers.Dropout(recipe.dropout),
            layers.Dense(recipe.dense, activation="relu"),
            layers.Dense(1),
        ],
        name="digitpad_nondigit",
    )


def load_nondigit_model(path: Path | str = NONDIGIT_MODEL_PATH) -> keras.Model:
    """The judge at `path`; raises digitpad.models.model.ModelError (with the command that trains it) if unusable."""
    return load_model(path, outputs=1, retrain_command=NONDIGIT_RETRAIN_COMMAND)


def digitness(judge: keras.Model, images: tf.Tensor, digit_logits: tf.Tensor) -> tf.Tensor:
    """[B, 28, 28, 1] images and the digit model's [B, 10] logits of them -> [B]: the judge's log-odds of a digit plus
    ENERGY_WEIGHT times the digit model's energy."""
    energy = tf.reduce_logsumexp(digit_logits, axis=1)
    return judge(images, training=False)[:, 0] + ENERGY_WEIGHT * energy
