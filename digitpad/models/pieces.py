"""Judging whether a piece of a number's ink is one whole digit: not two digits drawn touching, not part of one.

In: pieces cut out of a drawing (digitpad.reading.segment Segments) and the height of the number's line. Out: for each
piece, the log-probability that it is exactly one whole digit, from a small CNN (config.PIECES_MODEL_PATH) trained by
`python train_model.py --pieces` (digitpad.learning.piece_training).

Why a second model: the digit classifier was trained on single digits, so it reads anything as some digit, often
surely: two 4s drawn touching as one 4 (0.95), the left half of a 0 as a 1. It cannot say "this is not one digit".
The judge sees each piece at the scale of the whole line, so a piece's width and height against its neighbours'
count: a "44" is as tall as a 4 and twice as wide, the bar of a 5 is a third as tall.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from digitpad.config import (
    PIECE_FRAME,
    PIECE_LINE_HEIGHT,
    PIECES_MODEL_PATH,
    PIECES_RETRAIN_COMMAND,
    PieceRecipe,
)
from digitpad.models.backend import keras, layers, tf
from digitpad.models.model import load_model
from digitpad.reading.segment import Segment


def piece_input(piece: Segment, line_height: int) -> np.ndarray:
    """The judge's input for one piece: [32, 64] float32, ink 1, the piece scaled so that the line would stand
    PIECE_LINE_HEIGHT px tall, centred; a piece wider or taller than the frame is cropped to its middle."""
    scale = PIECE_LINE_HEIGHT / max(line_height, 1)
    height, width = piece.ink.shape
    size = max(round(width * scale), 1), max(round(height * scale), 1)
    scaled = cv2.resize(piece.ink.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    frame = np.zeros(PIECE_FRAME, np.float32)
    (frame_height, frame_width), (scaled_height, scaled_width) = PIECE_FRAME, scaled.shape
    kept_height, kept_width = min(scaled_height, frame_height), min(scaled_width, frame_width)
    top, left = (scaled_height - kept_height) // 2, (scaled_width - kept_width) // 2
    at_top, at_left = (frame_height - kept_height) // 2, (frame_width - kept_width) // 2
    frame[at_top : at_top + kept_height, at_left : at_left + kept_width] = scaled[
        top : top + kept_height, left : left + kept_width
    ]
    return frame


def build_piece_model(recipe: PieceRecipe) -> keras.Model:
    """A fresh, untrained judge: [B, 32, 64, 1] -> [B, 1] logit of "one whole digit"."""
    convolutions = []
    for filters in recipe.filters:
        convolutions += [layers.Conv2D(filters, 3, padding="same", activation="relu"), layers.MaxPooling2D()]
    return keras.Sequential(
        [
            keras.Input((*PIECE_FRAME, 1)),
            *convolutions,
            layers.Flatten(),
            layers.Dropout(recipe.dropout),
            layers.Dense(recipe.dense, activation="relu"),
            layers.Dense(1),
        ],
        name="digitpad_pieces",
    )


class PieceJudge:
    """The judge loaded once; `log_whole` scores many pieces in one call."""

    def __init__(self, model: keras.Model) -> None:
        self.model = model

        def forward(images: tf.Tensor) -> tf.Tensor:
            """[B, 32, 64, 1] -> [B]: log P(one whole digit)."""
            return tf.math.log_sigmoid(model(images, training=False)[:, 0])

        # One graph for every batch size, traced now rather than on the first number drawn.
        self._forward = tf.function(forward, input_signature=[tf.TensorSpec([None, *PIECE_FRAME, 1])])
        self._forward(tf.zeros([1, *PIECE_FRAME, 1]))

    @classmethod
    def load(cls, path: Path = PIECES_MODEL_PATH) -> PieceJudge:
        """Load the judge at `path` (default: the bundled one); raises digitpad.models.model.ModelError if unusable."""
        return cls(load_model(path, (*PIECE_FRAME, 1), 1, PIECES_RETRAIN_COMMAND))

    def log_whole(self, pieces: list[Segment], line_height: int) -> np.ndarray:
        """[N] float: for each piece, the log-probability that it is one whole digit."""
        if not pieces:
            return np.zeros(0, np.float32)
        inputs = np.array([piece_input(piece, line_height) for piece in pieces])[..., None]
        return self._forward(inputs).numpy()
