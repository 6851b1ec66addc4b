"""Doodles drawn as strokes (digitpad.learning.doodles): alike from one seed, other hands in the other group, on the
canvas, a hand's points apart, and no letter that people also write as a digit."""

from __future__ import annotations

import numpy as np

from digitpad.config import CANVAS_SIZE
from digitpad.learning.doodles import DOODLES, EDGE, POINT_EVERY, doodles


def test_doodles_are_drawn_alike_from_one_seed_and_by_other_hands_in_the_other_group():
    first, again, final = doodles("tuning", 20), doodles("tuning", 20), doodles("final", 20)
    assert [name for name, _ in first] == [name for name, _ in again]
    strokes = [(a, b) for (_, x), (_, y) in zip(first, again, strict=True) for a, b in zip(x, y, strict=True)]
    assert all(np.array_equal(a, b) for a, b in strokes)
    assert [name for name, _ in first] != [name for name, _ in final]
    assert {name for name, _ in doodles("tuning", 400)} == set(DOODLES)  # every picture drawn


def test_a_doodle_lies_on_the_canvas_with_a_hands_points():
    for name, strokes in doodles("tuning", 200):
        points = np.concatenate(strokes)
        assert points.min() >= EDGE - 1e-6 and points.max() <= CANVAS_SIZE - EDGE + 1e-6, name
        steps = [np.linalg.norm(np.diff(stroke, axis=0), axis=1) for stroke in strokes if len(stroke) > 1]
        assert max(step.max() for step in steps) < 3 * POINT_EVERY, name  # a wobble apart, never a jump


def test_no_doodle_is_a_letter_people_also_write_as_a_digit():
    letters = {name.removeprefix("letter ") for name in DOODLES if name.startswith("letter ")}
    assert letters and not letters & set("OIlSZBGTgqb")
