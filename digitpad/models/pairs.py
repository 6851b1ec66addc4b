"""Reading one piece of a photo's ink whole: one digit, or two written touching or overlapping.

In: a piece's ink ([H, W] float, ink 1; a digitpad.reading.segment Segment's). Out: a Pair: the digit on the left, the
one on the right or none, and how sure it is of each; from a small CNN (config.PAIRS_MODEL_PATH) trained by `python
train_model.py --pairs` (digitpad.learning.pair_training).

Why a third model: the number reader reads a piece of ink as its best cut, and two small digits written overlapping
(a "50" whose 5 runs into its 0) leave no cut that parts them: every cut takes a piece of one digit with the other.
Read whole, side by side, they are as plain as to a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from digitpad.config import (
    INK_THRESHOLD,
    MODEL_SIZE,
    PAIR_FRAME,
    PAIR_INK,
    PAIRS_MODEL_PATH,
    PAIRS_RETRAIN_COMMAND,
    PairRecipe,
)
from digitpad.models.backend import keras, layers, tf
from digitpad.models.classifier import Prediction
from digitpad.models.model import load_model
from digitpad.models.number import NumberReading
from digitpad.reading.preprocess import crop_to_ink, preprocess_ink
from digitpad.reading.segment import Segment

NONE = 10  # the right-hand side's eleventh class: no second digit
PAIR_LOGITS = 21  # the left digit's 10, then the right one's 11


def pair_input(ink: np.ndarray) -> np.ndarray:
    """The pair reader's input: [28, 56] float32, the ink cropped to itself, scaled to fit PAIR_INK and centred."""
    frame = np.zeros(PAIR_FRAME, np.float32)
    if not (ink > INK_THRESHOLD).any():
        return frame
    ink = crop_to_ink(ink).astype(np.float32)
    height, width = ink.shape
    scale = min(PAIR_INK[0] / height, PAIR_INK[1] / width)
    size = max(round(width * scale), 1), max(round(height * scale), 1)
    scaled = cv2.resize(ink, size, interpolation=cv2.INTER_AREA)
    top, left = (PAIR_FRAME[0] - scaled.shape[0]) // 2, (PAIR_FRAME[1] - scaled.shape[1]) // 2
    frame[top : top + scaled.shape[0], left : left + scaled.shape[1]] = scaled
    return frame


def sides(logits: tf.Tensor | np.ndarray) -> tuple[tf.Tensor | np.ndarray, tf.Tensor | np.ndarray]:
    """[B, 21] logits -> the left digit's [B, 10] and the right one's (or none's) [B, 11]."""
    return logits[:, :NONE], logits[:, NONE:]


def build_pair_model(recipe: PairRecipe) -> keras.Model:
    """A fresh, untrained reader: [B, 28, 56, 1] -> [B, 21] logits: 10 of the digit on the left, then 11 of the one on
    the right or none."""
    first, second, third = recipe.filters
    image = keras.Input((*PAIR_FRAME, 1))
    x = layers.Conv2D(first, 3, padding="same", activation="relu")(image)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(second, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(second, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(third, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Dropout(recipe.dropout)(layers.Flatten()(x))
    x = layers.Dropout(recipe.dropout)(layers.Dense(recipe.dense, activation="relu")(x))
    return keras.Model(image, layers.Dense(PAIR_LOGITS)(x), name="digitpad_pairs")


@dataclass(frozen=True)
class Pair:
    """What the pair reader says about one piece of ink."""

    left: np.ndarray  # [10] probabilities of the digit on the left
    right: np.ndarray  # [11] probabilities of the digit on the right, the last: none

    @property
    def number(self) -> str:
        right = int(np.argmax(self.right))
        return str(int(np.argmax(self.left))) + ("" if right == NONE else str(right))

    @property
    def confidence(self) -> float:
        """How sure it is of both sides together."""
        return float(self.left.max() * self.right.max())

    def probability(self, number: str | None) -> float:
        """How likely it finds `number` (one or two digits); 0 for nothing or for more than two digits."""
        if not number or len(number) > 2:
            return 0.0
        return float(self.left[int(number[0])] * self.right[int(number[1]) if len(number) == 2 else NONE])

    def as_number(self, piece: Segment) -> NumberReading:
        """Its two digits as a number read from `piece`: each with half the piece as its box, and that half's ink as
        the 28x28 input shown and saved with an answer (each half of two digits overlapping holds some of both)."""
        x, y, width, height = piece.box
        middle = width // 2
        blank = np.zeros((MODEL_SIZE, MODEL_SIZE), np.float32)
        left, right = (
            blank if (ready := preprocess_ink(half)) is None else ready
            for half in (piece.ink[:, :middle], piece.ink[:, middle:])
        )
        return NumberReading(
            [Prediction(self.left, left), Prediction(self.right[:NONE] / self.right[:NONE].sum(), right)],
            [(x, y, middle, height), (x + middle, y, width - middle, height)],
            segments=1,
        )


class PairReader:
    """The pair reader loaded once."""

    def __init__(self, model: keras.Model) -> None:
        def forward(images: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
            left, right = sides(model(images, training=False))
            return tf.nn.softmax(left), tf.nn.softmax(right)

        # One graph, traced now rather than on the first photo read.
        self._forward = tf.function(forward, input_signature=[tf.TensorSpec([None, *PAIR_FRAME, 1])])
        self._forward(tf.zeros([1, *PAIR_FRAME, 1]))

    @classmethod
    def load(cls, path: Path = PAIRS_MODEL_PATH) -> PairReader:
        """Load the reader at `path` (default: the bundled one); raises digitpad.models.model.ModelError if
        unusable."""
        return cls(load_model(path, (*PAIR_FRAME, 1), PAIR_LOGITS, PAIRS_RETRAIN_COMMAND))

    def read(self, ink: np.ndarray) -> Pair:
        """The piece `ink` ([H, W] float, ink 1) read whole."""
        left, right = self._forward(pair_input(ink)[None, :, :, None])
        return Pair(left.numpy()[0], right.numpy()[0])
