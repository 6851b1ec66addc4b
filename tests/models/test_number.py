"""Reading whole numbers with the bundled models: digits apart, touching, and nothing drawn."""

from __future__ import annotations

import numpy as np
import pytest

from digitpad.config import BENT_CUTS, STRAIGHT_CUTS, STROKE_SPLITS
from digitpad.learning.drawn import split_writers
from digitpad.models.number import read_number, shown
from digitpad.reading.segment import segment_digits
from digitpad.reading.strokes import render_canvas
from tests.drawings import first_of_each_label, number_canvas, word_canvas


@pytest.fixture(scope="module")
def ten(pen_digits):
    return first_of_each_label(pen_digits)


def test_a_year_is_read_digit_by_digit(number_classifier, judge, ten):
    canvas = number_canvas([ten[2], ten[0], ten[2], ten[6]])
    reading = read_number(number_classifier, judge, canvas)
    assert reading.number == "2026"
    assert len(reading.boxes) == 4 and all(0 < p.confidence <= 1 for p in reading.predictions)
    assert [p.model_input.shape for p in reading.predictions] == [(28, 28)] * 4
    assert reading.segments == 4  # four separate pieces of ink
    rows, columns = np.nonzero(canvas[:, :, 0])  # the ink drawn: white on black
    assert reading.aspect == pytest.approx(np.ptp(columns) / np.ptp(rows), rel=0.05) and reading.aspect > 2


def test_most_pairs_of_digits_drawn_touching_are_cut_apart(number_classifier, judge, pen_digits):
    # Pairs of final writers' digits overlapping by 5% of their height, those whose ink touches (one segment): the
    # bundled models read 126 of 131 right (96.2%); with the digit model alone, 125. Before the piece judge: 120
    # (91.6%); with straight cuts only, 116.
    _, final = split_writers(pen_digits)
    rng = np.random.default_rng(0)
    touching = right = 0
    for _ in range(300):
        first, second = (final[i] for i in rng.choice(len(final), size=2, replace=False))
        canvas = number_canvas([first, second], gaps=[-0.05])
        if len(segment_digits(canvas)) == 1:
            touching += 1
            reading = read_number(number_classifier, judge, canvas)
            right += reading.number == f"{first.label}{second.label}"
            assert reading.segments == 1  # cut, not apart
    assert touching >= 100 and right / touching >= 0.9, (right, touching)


def test_asked_to_cut_it_reads_a_wide_digit_as_two_but_a_narrow_one_whole(number_classifier, judge, ten):
    """digitpad.models.reader asks so when a photo's one piece of ink is no digit whole: two digits touching."""
    wide, narrow = number_canvas([ten[2]]), number_canvas([ten[1]])
    assert read_number(number_classifier, judge, wide).number == "2"
    assert len(read_number(number_classifier, judge, wide, cut=True).predictions) == 2
    assert read_number(number_classifier, judge, narrow, cut=True).number == "1"


def test_nothing_drawn_reads_as_no_number(number_classifier, judge):
    reading = read_number(number_classifier, judge, None)
    assert reading.number is None and reading.predictions == [] and reading.boxes == []


def test_the_page_shows_a_number_but_not_a_word_nor_nothing(classifier, number_classifier, judge, ten):
    year = read_number(number_classifier, judge, number_canvas([ten[2], ten[0], ten[2], ten[6]]))
    word = read_number(number_classifier, judge, word_canvas("CAKE"))
    nothing = read_number(number_classifier, judge, np.zeros((200, 700), np.uint8))
    assert shown(year, classifier) == "2026"
    assert word.number and shown(word, classifier) is None  # read letter by letter, but not shown as a number
    assert shown(nothing, classifier) is None


def test_reading_one_digit_classifies_a_bounded_number_of_pieces(number_classifier, judge, ten, monkeypatch):
    classified = []
    predict_many = number_classifier.predict_many

    def counting(model_inputs: np.ndarray) -> list:
        classified.append(len(model_inputs))
        return predict_many(model_inputs)

    monkeypatch.setattr(number_classifier, "predict_many", counting)
    cuts = STRAIGHT_CUTS + BENT_CUTS + STROKE_SPLITS
    for digit in ten:
        classified.clear()
        assert read_number(number_classifier, judge, render_canvas(digit.strokes)).number == str(digit.label)
        assert len(classified) == 1  # one batch
        assert 1 <= classified[0] <= 1 + 2 * cuts + 4 * cuts**2, digit.label  # the whole, then two levels of cuts
