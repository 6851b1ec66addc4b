"""Reading a whole number: the digits of a drawing (digitpad.segment), each classified as a single digit would be.

In: any image preprocess takes, and a loaded DigitClassifier. Out: a NumberReading: the number as a string of digits
(None when nothing is drawn), and each digit's prediction, 28x28 input and box in the image, left to right.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.classifier import DigitClassifier, Prediction
from digitpad.config import MAX_CUT_DEPTH, SURER_BY
from digitpad.preprocess import preprocess_ink
from digitpad.segment import Box, Segment, cut_candidates, segment_digits


@dataclass(frozen=True)
class NumberReading:
    predictions: list[Prediction]  # one per digit, left to right; each holds its 28x28 model input
    boxes: list[Box]  # where each digit is in the image: x, y, width, height

    @property
    def number(self) -> str | None:
        return "".join(str(p.digit) for p in self.predictions) or None


def read_number(classifier: DigitClassifier, image: np.ndarray | None) -> NumberReading:
    """The number drawn in `image`; raises digitpad.preprocess.ImageError for an array that cannot be an image."""
    segments = segment_digits(image)
    line_height = max((segment.box[3] for segment in segments), default=0)
    read = [digit for segment in segments for digit in read_segment(classifier, segment, line_height)]
    return NumberReading([prediction for prediction, _ in read], [box for _, box in read])


def read_segment(
    classifier: DigitClassifier, segment: Segment, line_height: int, depth: int = 0
) -> list[tuple[Prediction, Box]]:
    """The digits in one segment: itself as one digit, or, if some cut leaves halves that each read more surely
    than the whole (by SURER_BY), the digits of the two halves, each read the same way (MAX_CUT_DEPTH cuts deep)."""
    whole = classify_segment(classifier, segment)
    best = [] if whole is None else [(whole, segment.box)]
    for left, right in cut_candidates(segment, line_height) if depth < MAX_CUT_DEPTH else []:
        halves = read_segment(classifier, left, line_height, depth + 1)
        halves += read_segment(classifier, right, line_height, depth + 1)
        if len(halves) >= 2 and surest(halves) > (-1.0 if whole is None else whole.confidence + SURER_BY):
            best = max([best, halves], key=surest) if len(best) >= 2 else halves
    return best


def surest(digits: list[tuple[Prediction, Box]]) -> float:
    """How sure a reading is: its least sure digit's confidence."""
    return min(prediction.confidence for prediction, _ in digits)


def classify_segment(classifier: DigitClassifier, segment: Segment) -> Prediction | None:
    """The segment's prediction, None when it is too faint to be a digit."""
    model_input = preprocess_ink(segment.ink)
    return None if model_input is None else classifier.predict(model_input)
