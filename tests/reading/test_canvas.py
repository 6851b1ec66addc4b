"""digitpad.reading.canvas: a drawing read from the canvas's stroke paths, and the pixels whenever the paths cannot be
read."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from digitpad.config import REDRAW_PEN, REDRAW_SIZE, REPAINT_THINNER
from digitpad.reading.canvas import (
    CURVE_STEPS,
    MAX_PATHS,
    MAX_POINTS,
    NotStrokes,
    a_tap,
    canvas_input,
    clipped,
    fabric_json,
    fabric_picture,
    fabric_strokes,
    fitted,
    path_points,
    pen_width,
    redraw,
    stroke_input,
)
from digitpad.reading.preprocess import preprocess, stroke_width
from digitpad.reading.strokes import draw_strokes, fit_strokes
from tests.drawings import first_of_each_label

# What Chromium's canvas sent for a stroke dragged through (100, 50), (120, 60), (140, 80) and (140, 200), and a tap at
# (60, 230), trimmed to the fields that place a stroke (the rest are colours and locks).
BROWSER_JSON = {
    "version": "7.4.0",
    "objects": [
        {
            "type": "Path",
            "originX": "center",
            "originY": "center",
            "left": 119.991,
            "top": 125,
            "width": 40.018,
            "height": 150.036,
            "strokeWidth": 18,
            "scaleX": 1,
            "scaleY": 1,
            "angle": 0,
            "flipX": False,
            "flipY": False,
            "skewX": 0,
            "skewY": 0,
            "path": [
                ["M", 99.982, 49.982],
                ["Q", 100, 50, 110, 55],
                ["Q", 120, 60, 130, 70],
                ["Q", 140, 80, 140, 140],
                ["L", 140, 200.018],
            ],
        },
        {
            "type": "Path",
            "originX": "center",
            "originY": "center",
            "left": 60,
            "top": 230,
            "width": 0.036,
            "height": 0,
            "strokeWidth": 18,
            "path": [["M", 59.982, 230], ["L", 60.018, 230]],
        },
    ],
    "background": "#000000",
}


def edited(change: dict) -> dict:
    """BROWSER_JSON with its first stroke's object changed as the toolbar's edit toggle changes it."""
    drawing = copy.deepcopy(BROWSER_JSON)
    drawing["objects"][0] |= change
    return drawing


def test_the_browsers_strokes_are_read_in_canvas_pixels():
    stroke, tap = fabric_strokes(BROWSER_JSON)
    assert np.allclose(stroke[0], (99.982, 49.982), atol=0.05) and np.allclose(stroke[-1], (140, 200.018), atol=0.05)
    assert np.allclose(stroke.min(axis=0), (99.982, 49.982), atol=0.05)
    assert np.allclose(tap, [(59.982, 230), (60.018, 230)], atol=0.05)


def test_a_curve_is_sampled_between_its_ends_towards_its_control_point():
    (stroke,) = fabric_strokes({"objects": [{"type": "Path", "path": [["M", 0, 0], ["Q", 10, 0, 10, 10]]}]})
    assert len(stroke) == 5 and np.allclose(stroke[[0, -1]], [(0, 0), (10, 10)])
    assert np.all(stroke[1:-1, 0] > stroke[1:-1, 1])  # bowed towards (10, 0), not the straight line x = y


def test_a_path_of_moves_lines_and_curves_is_the_bezier_formula_point_by_point():
    path = [
        ["M", 0, 0],
        ["Q", 10, 0, 10, 10],
        ["L", 20, 10],
        ["M", 30, 30],
        ["Q", 30, 40, 40, 40],
        ["Q", 50, 40, 50, 50],
    ]

    def curve(start, control, end) -> list:  # the reference: one point at a time
        start, control, end = np.array(start), np.array(control), np.array(end)
        steps = np.linspace(0, 1, CURVE_STEPS + 1)[1:]
        return [(1 - t) ** 2 * start + 2 * (1 - t) * t * control + t * t * end for t in steps]

    expected = [(0, 0), *curve((0, 0), (10, 0), (10, 10)), (20, 10), (30, 30), *curve((30, 30), (30, 40), (40, 40))]
    expected += curve((40, 40), (50, 40), (50, 50))  # a curve starts where the one before it ended
    assert np.allclose(path_points(path), expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"left": 169.991, "top": 100}, lambda p, c: p + (50, -25)),  # moved
        ({"scaleX": 2, "scaleY": 0.5}, lambda p, c: (p - c) * (2, 0.5) + c),  # stretched about its centre
        ({"angle": 90}, lambda p, c: (p - c) @ np.array([[0, 1], [-1, 0]]) + c),  # turned a quarter clockwise
        ({"flipX": True}, lambda p, c: (p - c) * (-1, 1) + c),
    ],
)
def test_a_stroke_edited_on_the_canvas_is_read_where_it_now_is(change, expected):
    (before, _), (after, _) = fabric_strokes(BROWSER_JSON), fabric_strokes(edited(change))
    centre = (before.min(axis=0) + before.max(axis=0)) / 2
    assert np.allclose(after, expected(before, centre), atol=0.05)


def test_what_the_canvas_would_send_reads_back_through_its_points():
    strokes = [np.array([[10.0, 10], [30, 12], [50, 40], [52, 90]]), np.array([[5.0, 60]])]
    read = fabric_strokes(fabric_json(strokes, 18))
    assert len(read) == 2 and np.allclose(read[0][[0, -1]], strokes[0][[0, -1]])
    assert np.allclose(read[1], [(5, 60), (5, 60)])  # a tap: one point, twice
    # the pencil's curves run through the midpoints of each two points
    assert min(np.abs(read[0] - (40, 26)).sum(axis=1)) < 1e-6


def test_a_digit_re_drawn_from_its_strokes_looks_the_same_whatever_the_pen_size_and_place(pen_digits):
    digit = first_of_each_label(pen_digits)[8]  # an 8: a thick pen on a small one fills its loops
    inputs = [
        canvas_input(fabric_json(fit_strokes(digit.strokes, height, centre), pen), None)
        for pen, height, centre in [(8, 0.9, (0.5, 0.5)), (30, 0.3, (0.2, 0.25)), (18, 0.6, (0.7, 0.6))]
    ]
    assert all(np.allclose(inputs[0], other, atol=0.02) for other in inputs[1:])
    thick_small = preprocess(draw_strokes(fit_strokes(digit.strokes, 0.3, (0.2, 0.25)), 30))
    assert np.abs(thick_small - inputs[0]).max() > 0.5  # while the pixels of that drawing differ


def test_the_re_drawn_pen_is_mnists_stroke_for_the_digits_size(pen_digits):
    ink = redraw([np.asarray(s) for s in first_of_each_label(pen_digits)[3].strokes]) / 255.0
    rows, columns = np.nonzero(ink > 0.5)
    assert max(np.ptp(rows), np.ptp(columns)) == pytest.approx(REDRAW_SIZE + REDRAW_PEN, abs=2)
    assert stroke_width(ink) == pytest.approx(REDRAW_PEN, rel=0.15)


def test_a_tap_is_a_dot_of_the_pen_not_a_blown_up_speck():
    ink = redraw([np.array([[60.0, 230.0], [60.01, 230.0]])])
    assert np.count_nonzero(ink > 127) < np.pi * (REDRAW_PEN / 2 + 1) ** 2
    assert stroke_input([np.array([[60.0, 230.0]])]) is not None


def test_strokes_are_read_as_their_re_drawn_picture_would_be(pen_digits):
    # the reference: the re-drawn ink as a picture of white ink on opaque black, read by preprocess as any image is
    for digit in first_of_each_label(pen_digits):
        strokes = fit_strokes(digit.strokes)
        ink = redraw(strokes)
        picture = np.dstack([ink, ink, ink, np.full_like(ink, 255)])
        assert np.allclose(stroke_input(strokes), preprocess(picture), atol=1e-5)


@pytest.mark.parametrize(
    "json_data",
    [
        None,
        "not json",
        {"objects": "none"},
        {"objects": [{"type": "Rect", "left": 10, "top": 10, "width": 50, "height": 50}]},
        {"objects": [{"type": "Path", "path": []}]},
        {"objects": [{"type": "Path", "path": [["L", 1, 2]]}]},
        {"objects": [{"type": "Path", "path": [["M", 1, "2"]]}]},
        {"objects": [{"type": "Path", "path": [["M", 1, float("nan")]]}]},
        {"objects": [{"type": "Path", "path": [["Z"]]}]},
        {"objects": [{"type": "Path", "path": [["M", 0, 0]], "scaleX": "big"}]},
        {"objects": [{"type": "Path", "path": [["M", 0, 0], *[["L", i, i] for i in range(MAX_POINTS)]]}]},
        # A visitor's script, sending what no canvas does: each raised, or NaNs read as an empty canvas
        {"objects": [{"type": "Path", "path": [["M", 0, 0], ["L", 9, 9]], "left": 5, "top": 5, "originX": [1]}]},
        {"objects": [{"type": "Path", "path": [["M", -1e308, -1e308], ["L", 1e308, 1e308]]}]},
        {"objects": [{"type": "Path", "path": [["M", 0, 0], ["L", 9, 9]], "scaleX": 1e300, "scaleY": 1e300}]},
        {"objects": [{"type": "Path", "path": [["M", i % 280, 9], ["L", i % 280, 9]]} for i in range(MAX_PATHS + 1)]},
    ],
)
def test_json_that_is_not_strokes_is_refused_and_the_pixels_are_read(json_data, pen_digits):
    with pytest.raises(NotStrokes):
        fabric_strokes(json_data)
    assert fabric_picture(json_data, (280, 280)) is None  # nor painted again
    assert fitted(json_data, (10, 10)) is json_data  # nor moved
    image = draw_strokes(fit_strokes(first_of_each_label(pen_digits)[5].strokes), 18)
    assert np.array_equal(canvas_input(json_data, image), preprocess(image))


def test_no_strokes_reads_the_pixels_and_nothing_at_all_is_blank(pen_digits):
    image = draw_strokes(fit_strokes(first_of_each_label(pen_digits)[5].strokes), 18)
    assert np.array_equal(canvas_input({"objects": []}, image), preprocess(image))
    assert canvas_input({"objects": []}, None) is None
    hidden = edited({"visible": False})
    hidden["objects"] = hidden["objects"][:1]
    assert fabric_strokes(hidden) == []


def test_the_picture_painted_again_from_the_strokes_is_the_drawing_each_stroke_at_its_own_width(pen_digits):
    four = fit_strokes(first_of_each_label(pen_digits)[4].strokes)  # two strokes
    json_data = fabric_json(four, 18)
    json_data["objects"][1]["strokeWidth"] = 30  # the second drawn with a wider pen
    painted = fabric_picture(json_data, (280, 280))
    thinner = REPAINT_THINNER  # OpenCV's line is wider than its thickness; the test below measures the width
    drawn = np.maximum(draw_strokes(four[:1], 18 - thinner), draw_strokes(four[1:], 30 - thinner))
    assert painted.shape == (280, 280, 4) and painted.dtype == np.uint8 and (painted[..., 3] == 255).all()
    inked, expected = painted[..., 0] > 127, drawn[..., 0] > 127
    assert (inked & expected).sum() / (inked | expected).sum() > 0.9  # curves through the points' midpoints
    assert fabric_picture({"objects": []}, (280, 280)) is None  # nothing drawn: no picture to paint


def test_a_stroke_wider_than_the_canvas_is_painted_over_all_of_it():
    wide = fabric_json([np.array([[100.0, 50.0], [120.0, 150.0]])], 1e6)  # OpenCV refused such a thickness
    assert (fabric_picture(wide, (280, 280))[:, :, 0] == 255).all()


@pytest.mark.parametrize("pen", [8, 18, 30])
def test_a_stroke_painted_again_is_as_wide_as_the_canvas_paints_it(pen):
    """Chromium's canvas paints a line exactly its lineWidth wide (a 12-digit number's picture painted again with
    OpenCV's own width had 9% more ink than the browser's, and was read with two digits fewer)."""
    painted = fabric_picture(fabric_json([np.array([[40.0, 100.3], [240.0, 100.3]])], pen), (200, 280))
    assert abs(painted[:, 140, 0].sum() / 255 - pen) < 0.5  # the ink across the line, in px


def test_a_drawing_fitted_to_a_lower_canvas_is_the_same_drawing_smaller_and_whole_inside_it(pen_digits):
    strokes = fit_strokes(first_of_each_label(pen_digits)[2].strokes, height_fraction=0.95)  # 233 px tall
    drawing = fabric_json(strokes, 20)
    assert fitted(drawing, (280, 280)) is drawing  # it fits already: as it was
    smaller = fitted(drawing, (200, 700))
    points, before = np.concatenate(fabric_strokes(smaller)), np.concatenate(fabric_strokes(drawing))
    scale = np.ptp(points[:, 1]) / np.ptp(before[:, 1])
    assert scale * (np.ptp(before[:, 1]) + 20) <= 200  # room for the pen, as narrower as the drawing is smaller
    assert points[:, 1].min() >= 10 * scale and points[:, 1].max() <= 200 - 10 * scale  # the pen's edge inside
    np.testing.assert_allclose(np.ptp(points, axis=0), np.ptp(before, axis=0) * scale, rtol=1e-6)  # not squashed
    assert [pen_width(obj) for obj in smaller["objects"]] == pytest.approx([20 * scale] * len(strokes), rel=1e-6)


def test_a_tap_or_a_dot_spans_under_the_tap_extent_and_a_digit_drawn_small_does_not(pen_digits):
    assert a_tap(fabric_strokes(BROWSER_JSON)[1:])  # Chromium's tap: two points 0.04 px apart
    assert a_tap([np.array([[50.0, 50.0], [55.0, 58.0]]), np.array([[52.0, 52.0]])])  # a dot drawn with a jitter
    assert not any(a_tap(fit_strokes(digit.strokes, height_fraction=0.15)) for digit in pen_digits[:500])  # 42 px tall


def test_strokes_are_cut_at_the_canvas_edges_and_one_that_leaves_and_comes_back_is_two():
    leaving = np.array([[270.0, 100.0], [300.0, 100.0], [600.0, 120.0]])
    returning = np.array([[10.0, 10.0], [-20.0, 10.0], [-20.0, 50.0], [10.0, 50.0], [20.0, 60.0]])
    pieces = clipped([leaving, returning, np.array([[5.0, 5.0]]), np.array([[-5.0, 5.0]])], (280, 280))
    assert [piece.tolist() for piece in pieces] == [
        [[270.0, 100.0], [280.0, 100.0]], [[10.0, 10.0], [0.0, 10.0]], [[0.0, 50.0], [10.0, 50.0], [20.0, 60.0]],
        [[5.0, 5.0]],
    ]  # fmt: skip
