"""Reading a whole number: the digits of a drawing (digitpad.reading.segment), each classified as a single digit would
be.

In: any image preprocess takes, a loaded DigitClassifier and a loaded PieceJudge. Out: a NumberReading: the number as
a string of digits (None when nothing is drawn), and each digit's prediction, 28x28 input and box in the image, left
to right.

How: every piece digitpad.reading.segment offers (each segment whole, and its cuts, and their cuts) is classified and
judged in one batch each. A piece scores log P(one whole digit) from the judge plus log P(its digit) from the
classifier, and each segment is read as the pieces that add up to the highest score: whole, or cut in two, each half
read the same way. So a cut wins when its halves, together, look more like whole digits read surely than the whole does.
Asked to cut, it reads every segment that can be cut as its best cut, never whole (digitpad.models.reader asks when a
photo's one piece of ink reads as no digit whole).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.config import MODEL_SIZE
from digitpad.models.classifier import DigitClassifier, Prediction
from digitpad.models.pieces import PieceJudge
from digitpad.reading.preprocess import preprocess_ink
from digitpad.reading.segment import Box, CutTree, Segment, cut_trees

Reading = tuple[float, list[tuple[Prediction, Box]]]  # a score, and the digits read with their boxes


@dataclass(frozen=True)
class NumberReading:
    predictions: list[Prediction]  # one per digit, left to right; each holds its 28x28 model input
    boxes: list[Box]  # where each digit is in the image: x, y, width, height
    segments: int  # separate pieces of ink the digits were read from, before any cut

    @property
    def span(self) -> tuple[int, int, int, int]:
        """The box around every digit read: left, top, right, bottom (all 0 for none)."""
        if not self.boxes:
            return 0, 0, 0, 0
        left, top = min(x for x, _, _, _ in self.boxes), min(y for _, y, _, _ in self.boxes)
        return left, top, max(x + w for x, _, w, _ in self.boxes), max(y + h for _, y, _, h in self.boxes)

    @property
    def aspect(self) -> float:
        """Width over height of the box around every digit read (0 for none)."""
        left, top, right, bottom = self.span
        return (right - left) / (bottom - top) if self.boxes else 0.0

    @property
    def number(self) -> str | None:
        return "".join(str(p.digit) for p in self.predictions) or None

    @property
    def model_inputs(self) -> np.ndarray:
        """[N, 28, 28]: each digit's model input, left to right."""
        if not self.predictions:
            return np.zeros((0, MODEL_SIZE, MODEL_SIZE), np.float32)
        return np.stack([p.model_input for p in self.predictions])


def shown(reading: NumberReading, judged: DigitClassifier) -> str | None:
    """The number the page shows for `reading`: None when it found no digit, or when `judged`'s "not a digit" judge
    finds its digits unlike digits (DigitClassifier.look_like_digits: a word written)."""
    return reading.number if reading.predictions and judged.look_like_digits(reading.model_inputs) else None


def read_number(
    classifier: DigitClassifier, judge: PieceJudge, image: np.ndarray | None, cut: bool = False
) -> NumberReading:
    """The number drawn in `image`; with `cut`, each segment that can be cut is read as its best cut, never whole.
    Raises digitpad.reading.preprocess.ImageError for an array that cannot be an image."""
    trees, line_height = cut_trees(image)
    pieces = [piece for tree in trees for piece in tree.pieces()]
    scores = score_pieces(classifier, judge, pieces, line_height)
    read = [digit for tree in trees for digit in best_reading(tree, scores, whole=not (cut and tree.cuts))[1]]
    return NumberReading([prediction for prediction, _ in read], [box for _, box in read], len(trees))


def score_pieces(
    classifier: DigitClassifier, judge: PieceJudge, pieces: list[Segment], line_height: int
) -> dict[int, tuple[Prediction, float]]:
    """{id of a piece: (its prediction, its score)} for every piece that is ink enough to be a digit. A piece reached
    by more than one cut (the middle one of three touching digits, cut off the left or the right first) is scored once:
    about a fifth of a 4-digit number's pieces."""
    keys = [(piece.box, piece.ink.tobytes()) for piece in pieces]
    distinct = dict(zip(keys, pieces, strict=True))
    model_inputs = {key: preprocess_ink(piece.ink) for key, piece in distinct.items()}
    readable = [key for key, model_input in model_inputs.items() if model_input is not None]
    predictions = classifier.predict_many(np.array([model_inputs[key] for key in readable]))
    log_whole = judge.log_whole([distinct[key] for key in readable], line_height)
    scored = {
        key: (prediction, float(whole + np.log(prediction.confidence)))
        for key, prediction, whole in zip(readable, predictions, log_whole, strict=True)
    }
    return {id(piece): scored[key] for piece, key in zip(pieces, keys, strict=True) if key in scored}


def best_reading(tree: CutTree, scores: dict[int, tuple[Prediction, float]], whole: bool = True) -> Reading:
    """The highest-scoring way to read the tree's segment: whole (unless not `whole`), or one of its cuts with each
    half read this way. No way at all (every piece too faint): score -inf, no digits."""
    readings: list[Reading] = []
    if whole and id(tree.segment) in scores:
        prediction, score = scores[id(tree.segment)]
        readings.append((score, [(prediction, tree.segment.box)]))
    for left, right in tree.cuts:
        (left_score, left_digits), (right_score, right_digits) = best_reading(left, scores), best_reading(right, scores)
        if left_digits and right_digits:
            readings.append((left_score + right_score, left_digits + right_digits))
    return max(readings, key=lambda reading: reading[0], default=(-np.inf, []))
