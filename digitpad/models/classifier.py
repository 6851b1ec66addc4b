"""The loaded model as a fast digit classifier, and what it says about one image.

In: preprocessed [28, 28] float32 inputs (see digitpad.reading.preprocess), or raw images via `classify`. Out:
Predictions: the digit, its probability, all ten probabilities, and, with the "not a digit" judge loaded (as `load`
does), whether it looks like a digit at all (digitpad.models.nondigit).

Accuracy: each image is also seen rotated a little either way (config.TEST_TIME_ROTATIONS), and the model's
log-probabilities are averaged over the views: a slant the model would misread in one view is outvoted by the others.
The bundled model is itself two nets whose logits it averages (digitpad.models.model.averaged). A classifier of several
models (number mode's: the bundled one and the drawings-only one, see `for_numbers`) averages their log-probabilities
too, as it does the views': a digit wins when both find it likely. The choice is the plain product's, but the
confidence stays as calibrated as one model's: held-out writers' drawn digits below 80% sure were 73% of the pair's
mistakes and 1.6% of its right answers; with the product, nearly every digit showed as 100% sure (53% and 0.5%).

Speed: Keras' `model.predict` builds a data pipeline on every call (about 42 ms for one image on a 2-core CPU).
Here the views and the model's forward pass are traced once into a TensorFlow graph for any batch size, so one image
costs about a millisecond or two; see benchmarks/inference.py. The traced graph stays ready only while TensorFlow's
kernel cache is kept: a Keras `clear_session()` empties it, and the next call rebuilds the graph (60-85 ms; the page
keeps Streamlit from clearing it, digitpad.serving.loaders.close_figures_only).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from digitpad.config import (
    DRAWN_MODEL_PATH,
    DRAWN_RETRAIN_COMMAND,
    MODEL_PATH,
    MODEL_SIZE,
    NONDIGIT_MODEL_PATH,
    NOT_A_DIGIT_BELOW,
    NUM_CLASSES,
    PREDICT_BATCH,
    TEST_TIME_ROTATIONS,
)
from digitpad.models.backend import tf
from digitpad.models.model import load_model
from digitpad.models.nondigit import digitness, load_nondigit_model
from digitpad.models.views import views
from digitpad.reading.preprocess import preprocess


@dataclass(frozen=True)
class Prediction:
    """What the model says about one digit."""

    probabilities: np.ndarray  # [10] float32, summing to 1
    model_input: np.ndarray  # the [28, 28] image the model saw
    digitness: float | None = None  # how much it looks like any digit (digitpad.models.nondigit); None: not judged

    @property
    def is_digit(self) -> bool:
        """False when the "not a digit" judge scores it under config.NOT_A_DIGIT_BELOW."""
        return self.digitness is None or self.digitness >= NOT_A_DIGIT_BELOW

    @property
    def verdict(self) -> str:
        """ "digit" or "not a digit"."""
        return "digit" if self.is_digit else "not a digit"

    @cached_property  # asked for by every widget that shows a reading, some once per bar or button
    def digit(self) -> int:
        return int(np.argmax(self.probabilities))

    @property
    def confidence(self) -> float:
        return float(self.probabilities[self.digit])

    def top(self, k: int) -> list[tuple[int, float]]:
        """The k most likely digits with their probabilities, most likely first."""
        order = np.argsort(self.probabilities)[::-1][:k]
        return [(int(d), float(self.probabilities[d])) for d in order]


def opinion(logits: tf.Tensor) -> tf.Tensor:
    """[V * B, 10]: a model's logits of V test-time views of B images -> [B, 10]: its log-probabilities, mean over
    views."""
    log_probabilities = tf.nn.log_softmax(logits)
    return tf.reduce_mean(tf.reshape(log_probabilities, [len(TEST_TIME_ROTATIONS), -1, NUM_CLASSES]), axis=0)


class DigitClassifier:
    """One or more digit models loaded once, and optionally the "not a digit" judge (digitpad.models.nondigit), which
    then scores every input; call `predict` per drawing and `predict_many` for batches."""

    def __init__(self, *models: tf.keras.Model, judge: tf.keras.Model | None = None) -> None:
        self.models, self.judge = models, judge

        def forward(images: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
            """[B, 28, 28, 1] -> ([B, 10]: softmax of the models' opinions, averaged; [B]: digitness, +inf unjudged)."""
            seen = views(images, TEST_TIME_ROTATIONS)
            logits = [model(seen, training=False) for model in models]
            probabilities = tf.nn.softmax(tf.reduce_mean([opinion(each) for each in logits], axis=0))
            if judge is None:
                return probabilities, tf.fill(tf.shape(images)[:1], np.inf)
            # the first view is the images unturned (TEST_TIME_ROTATIONS[0] is 0): the judge reuses its logits
            return probabilities, digitness(judge, images, logits[0][: tf.shape(images)[0]])

        # One graph for every batch size: traced now, not on the user's first stroke, then reused.
        self._forward = tf.function(forward, input_signature=[tf.TensorSpec([None, MODEL_SIZE, MODEL_SIZE, 1])])
        self._forward(tf.zeros([1, MODEL_SIZE, MODEL_SIZE, 1]))

    @classmethod
    def load(
        cls, path: Path | str = MODEL_PATH, judge_path: Path | str | None = NONDIGIT_MODEL_PATH
    ) -> DigitClassifier:
        """Load the model at `path` (default: the bundled one) and the "not a digit" judge at `judge_path` (None:
        none); raises digitpad.models.model.ModelError if one is unusable."""
        return cls(load_model(path), judge=load_nondigit_model(judge_path) if judge_path else None)

    @classmethod
    def for_numbers(cls, path: Path = MODEL_PATH, drawn_path: Path = DRAWN_MODEL_PATH) -> DigitClassifier:
        """Number mode's classifier: the digit model at `path` and the drawings-only one at `drawn_path`, their
        opinions averaged; raises digitpad.models.model.ModelError if either is unusable."""
        return cls(load_model(path), load_model(drawn_path, retrain_command=DRAWN_RETRAIN_COMMAND))

    def scored(self, model_inputs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """[N, 28, 28] preprocessed images -> ([N, 10] probabilities, [N] digitness: +inf without a judge), in
        batches of PREDICT_BATCH."""
        images = np.asarray(model_inputs, dtype=np.float32).reshape(-1, MODEL_SIZE, MODEL_SIZE, 1)
        if len(images) == 0:
            return np.zeros((0, NUM_CLASSES), dtype=np.float32), np.zeros(0, dtype=np.float32)
        batches = [self._forward(images[i : i + PREDICT_BATCH]) for i in range(0, len(images), PREDICT_BATCH)]
        return np.concatenate([p.numpy() for p, _ in batches]), np.concatenate([d.numpy() for _, d in batches])

    def probabilities(self, model_inputs: np.ndarray) -> np.ndarray:
        """[N, 28, 28] preprocessed images -> [N, 10] probabilities."""
        return self.scored(model_inputs)[0]

    def is_digit(self, model_inputs: np.ndarray) -> np.ndarray:
        """[N, 28, 28] preprocessed images -> [N] bool: False for those the judge says are not digits."""
        return self.scored(model_inputs)[1] >= NOT_A_DIGIT_BELOW

    def look_like_digits(self, model_inputs: np.ndarray) -> bool:
        """[N, 28, 28] a number's digits, preprocessed -> whether the "not a digit" judge scores them, on average, at
        NOT_A_DIGIT_BELOW or more, and no two of them under it (True without a judge): a word of letters, or a face's
        shapes, scores under it; a word with letters that read as fair digits ("MAX" as 1148) may lift the mean over
        it, but leaves two of them under it."""
        scores = self.scored(model_inputs)[1]
        return float(np.mean(scores)) >= NOT_A_DIGIT_BELOW and int(np.sum(scores < NOT_A_DIGIT_BELOW)) < 2

    def predict(self, model_input: np.ndarray) -> Prediction:
        """One preprocessed [28, 28] image -> its Prediction."""
        return self.predict_many(model_input[None])[0]

    def predict_many(self, model_inputs: np.ndarray) -> list[Prediction]:
        """[N, 28, 28] preprocessed images -> N Predictions, computed in batches."""
        probabilities, scores = self.scored(model_inputs)
        return [
            Prediction(p, x, None if self.judge is None else float(d))
            for p, x, d in zip(probabilities, model_inputs, scores, strict=True)
        ]

    def classify(self, image: np.ndarray | None) -> Prediction | None:
        """Any image of one digit -> its Prediction, or None when there is no digit (see preprocess); raises
        digitpad.reading.preprocess.ImageError for an array that cannot be an image."""
        model_input = preprocess(image)
        return None if model_input is None else self.predict(model_input)
