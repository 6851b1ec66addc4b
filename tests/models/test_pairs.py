"""The pair reader: its input, what its probabilities say, and the bundled model and card."""

from __future__ import annotations

import json
from dataclasses import asdict

import numpy as np
import pytest

from digitpad.config import MODEL_SIZE, PAIR_FRAME, PAIR_INK, PAIRS_MODEL_PATH, PairRecipe
from digitpad.learning.training import card_beside
from digitpad.models.model import ModelError
from digitpad.models.pairs import NONE, Pair, PairReader, pair_input
from digitpad.reading.preprocess import preprocess_ink
from digitpad.reading.segment import Segment


def test_the_input_is_the_ink_cropped_scaled_to_fit_and_centred():
    ink = np.zeros((50, 100))
    ink[10:20, 30:70] = 1  # 10 x 40: its width fits PAIR_INK's 52 first
    frame = pair_input(ink)
    rows, columns = np.flatnonzero(frame.max(axis=1) > 0.5), np.flatnonzero(frame.max(axis=0) > 0.5)
    assert frame.shape == PAIR_FRAME and len(columns) == PAIR_INK[1] and len(rows) == 13
    assert abs((rows[0] + rows[-1]) / 2 - (PAIR_FRAME[0] - 1) / 2) <= 1
    assert abs((columns[0] + columns[-1]) / 2 - (PAIR_FRAME[1] - 1) / 2) <= 1
    assert not pair_input(np.zeros((5, 5))).any()


def sure(digit: int, classes: int) -> np.ndarray:
    probabilities = np.full(classes, 0.01 / (classes - 1), np.float32)
    probabilities[digit] = 0.99
    return probabilities


def test_a_pair_reads_as_its_likeliest_digits_and_weighs_any_reading():
    fifty = Pair(sure(5, 10), sure(0, 11))
    assert fifty.number == "50" and fifty.confidence == pytest.approx(0.99**2)
    assert fifty.probability("50") == pytest.approx(0.99**2) and fifty.probability("53") < 0.001
    assert fifty.probability(None) == fifty.probability("503") == 0.0
    five = Pair(sure(5, 10), sure(NONE, 11))
    assert five.number == "5" and five.probability("5") == pytest.approx(0.99**2)


def test_a_pairs_two_digits_each_take_half_its_box_and_that_halfs_ink_as_input():
    ink = np.zeros((30, 41), np.float32)
    ink[5:25, 3:12] = 1  # ink in the left half only
    digits = Pair(sure(5, 10), sure(0, 11)).as_number(Segment((100, 20, 41, 30), ink))
    assert digits.number == "50" and digits.segments == 1
    assert digits.boxes == [(100, 20, 20, 30), (120, 20, 21, 30)]
    left, right = (prediction.model_input for prediction in digits.predictions)
    np.testing.assert_array_equal(left, preprocess_ink(ink[:, :20]))  # as a single digit's ink is made ready
    assert right.shape == (MODEL_SIZE, MODEL_SIZE) and not right.any()  # a blank half: a blank input
    assert digits.predictions[1].probabilities.sum() == pytest.approx(1.0)


def test_the_bundled_reader_is_small_and_has_a_card():
    assert PAIRS_MODEL_PATH.stat().st_size < 5_000_000
    card = json.loads(card_beside(PAIRS_MODEL_PATH).read_text())
    assert card["model_file"] == PAIRS_MODEL_PATH.name and card["held_out_pieces_read_right"] >= 0.93
    assert card["recipe"] == json.loads(json.dumps(asdict(PairRecipe())))  # `train_model.py --pairs` made it


def test_a_missing_reader_says_how_to_train_it(tmp_path):
    with pytest.raises(ModelError, match="train_model.py --pairs"):
        PairReader.load(tmp_path / "absent.keras")
