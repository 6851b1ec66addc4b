"""Rendering pen trajectories onto a canvas: size, place and pen width as asked."""

from __future__ import annotations

import numpy as np
import pytest

from digitpad.config import CANVAS_SIZE
from digitpad.reading.strokes import render_canvas

VERTICAL_BAR = [[(10.0, 0.0), (10.0, 100.0)]]


def ink_extent(canvas: np.ndarray) -> tuple[int, int, int, int]:
    rows, columns = np.nonzero(canvas[:, :, 0] > 127)
    return rows.min(), rows.max(), columns.min(), columns.max()


def test_canvas_is_opaque_white_ink_on_black():
    canvas = render_canvas(VERTICAL_BAR, stroke_width=10)
    assert canvas.shape == (CANVAS_SIZE, CANVAS_SIZE, 4) and canvas.dtype == np.uint8
    assert (canvas[:, :, 3] == 255).all() and canvas[0, 0, :3].tolist() == [0, 0, 0]
    assert canvas[:, :, 0].max() == 255


@pytest.mark.parametrize("height", [0.3, 0.6, 0.9])
def test_digit_is_drawn_at_the_asked_height_with_round_caps(height):
    top, bottom, _, _ = ink_extent(render_canvas(VERTICAL_BAR, stroke_width=10, height_fraction=height))
    assert bottom - top == pytest.approx(height * CANVAS_SIZE + 10, abs=2)  # + half a pen width at each end


def test_digit_is_drawn_where_asked_with_the_pen_width():
    top, bottom, left, right = ink_extent(
        render_canvas(VERTICAL_BAR, stroke_width=12, height_fraction=0.3, centre=(0.25, 0.75))
    )
    assert (left + right) / 2 == pytest.approx(0.25 * CANVAS_SIZE, abs=1)
    assert (top + bottom) / 2 == pytest.approx(0.75 * CANVAS_SIZE, abs=1)
    assert right - left == pytest.approx(12, abs=1.5)


def test_a_tap_draws_a_dot():
    top, bottom, left, right = ink_extent(render_canvas([[(5.0, 5.0)]], stroke_width=20))
    assert bottom - top == pytest.approx(20, abs=2) and right - left == pytest.approx(20, abs=2)
