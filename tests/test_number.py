"""Reading whole numbers with the bundled model: digits apart, touching, and nothing drawn."""

from __future__ import annotations

import numpy as np
import pytest

from digitpad import number
from digitpad.config import BENT_CUTS, STRAIGHT_CUTS
from digitpad.drawn import split_writers
from digitpad.number import read_number
from digitpad.segment import segment_digits
from digitpad.strokes import render_canvas
from tests.drawings import first_of_each_label, number_canvas


@pytest.fixture(scope="module")
def ten(pen_digits):
    return first_of_each_label(pen_digits)


def test_a_year_is_read_digit_by_digit(classifier, ten):
    reading = read_number(classifier, number_canvas([ten[2], ten[0], ten[2], ten[6]]))
    assert reading.number == "2026"
    assert len(reading.boxes) == 4 and all(0 < p.confidence <= 1 for p in reading.predictions)
    assert [p.model_input.shape for p in reading.predictions] == [(28, 28)] * 4


def test_most_pairs_of_digits_drawn_touching_are_cut_apart(classifier, pen_digits):
    # Pairs of held-out writers' digits overlapping by 5% of their height, those whose ink touches (one segment): the
    # bundled model reads 120 of 131 right (91.6%; 116 with straight cuts alone).
    _, held_out = split_writers(pen_digits)
    rng = np.random.default_rng(0)
    touching = right = 0
    for _ in range(300):
        first, second = (held_out[i] for i in rng.choice(len(held_out), size=2, replace=False))
        canvas = number_canvas([first, second], gaps=[-0.05])
        if len(segment_digits(canvas)) == 1:
            touching += 1
            right += read_number(classifier, canvas).number == f"{first.label}{second.label}"
    assert touching >= 100 and right / touching >= 0.85, (right, touching)


def test_nothing_drawn_reads_as_no_number(classifier):
    reading = read_number(classifier, None)
    assert reading.number is None and reading.predictions == [] and reading.boxes == []


def test_reading_one_digit_classifies_a_bounded_number_of_pieces(classifier, ten, monkeypatch):
    pieces = []
    classify = number.classify_segment

    def counting(classifier, segment):
        pieces.append(1)
        return classify(classifier, segment)

    monkeypatch.setattr(number, "classify_segment", counting)
    for digit in ten:
        pieces.clear()
        read_number(classifier, render_canvas(digit.strokes))
        cuts = STRAIGHT_CUTS + BENT_CUTS
        assert sum(pieces) <= 1 + 2 * cuts + 4 * cuts**2, digit.label  # the whole, then two levels of cuts in two
