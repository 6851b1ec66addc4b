"""Which pen-drawn digits the page's tests and benchmark draw, chosen by a fixed rule rather than by how well they do.

In: the pen digits (the `pen_digits` fixture, or digitpad.data.load_pen_digits). Out: the first digit of each label
0-9 (or the first few of each) by the held-out writers, whose digits nothing was tuned on.
"""

from __future__ import annotations

from digitpad.config import NUM_CLASSES
from digitpad.data import PenDigit
from digitpad.drawn import split_writers


def first_of_each_label(digits: list[PenDigit], per_label: int = 1) -> list[PenDigit]:
    """The first `per_label` held-out digits of each label, in file order; ordered 0, 1, ..., 9, 0, 1, ..."""
    _, held_out = split_writers(digits)
    by_label = [[d for d in held_out if d.label == label][:per_label] for label in range(NUM_CLASSES)]
    return [by_label[label][round_] for round_ in range(per_label) for label in range(NUM_CLASSES)]
