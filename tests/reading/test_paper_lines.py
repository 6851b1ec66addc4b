"""Lines on the paper (digitpad.reading.paper_lines): box, ruled and dotted lines found and taken from a photo's ink,
a form's row of boxes and a line the crop cut, and a page's tilt; the digits beside them are kept."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from digitpad.config import FORM_BOXES
from digitpad.reading.paper_lines import (
    box_lines,
    boxes_in_a_row,
    dots_in_a_row,
    frames,
    line_at_edge,
    opened_along_rows,
    page_tilt,
    turned,
    without_line_residue,
    without_slivers,
)
from digitpad.reading.strokes import render_canvas
from tests.drawings import first_of_each_label


def two_0s(mask: np.ndarray, left: int, middle: int) -> None:
    """Draw two 0s, 28 px tall, side by side into `mask`: the first centred at (left, middle), the next 35 px on."""
    for x in (left, left + 35):
        cv2.ellipse(mask, (x, middle), (9, 13), 0, 0, 360, 1, 2)


def test_a_box_round_small_digits_is_a_line_and_a_1_as_tall_as_the_digits_is_not():
    mask = np.zeros((120, 200), np.uint8)
    cv2.rectangle(mask, (40, 20), (160, 100), 1, 2)  # a box three times the digits' height, inside the crop
    two_0s(mask, 80, 60)
    lines = box_lines(mask > 0, np.zeros(mask.shape, bool))
    assert lines[20:22, 50:150].all() and lines[30:90, 40:42].all() and lines[30:90, 159:161].all()
    assert not lines[45:76, 68:128].any()  # the digits
    wide = np.zeros((360, 600), np.uint8)  # the same box and digits in a crop three times as large
    wide[120:240, 200:400] = mask
    lines = box_lines(wide > 0, np.zeros(wide.shape, bool))
    assert lines[140:142, 250:350].all() and lines[150:210, 240:242].all()
    assert not lines[165:196, 268:328].any()
    tight = np.zeros((60, 80), np.uint8)
    cv2.ellipse(tight, (50, 30), (15, 27), 0, 0, 360, 1, 3)  # a 0 filling a tight crop's height
    tight[0:58, 15:18] = 1  # a 1 as tall, cut by the crop's top edge
    assert not box_lines(tight > 0, np.zeros(tight.shape, bool)).any()


def test_a_box_side_standing_alone_is_a_line_but_a_1_beside_a_tick_or_a_9_with_a_long_stem_is_not():
    mask = np.zeros((120, 300), np.uint8)
    mask[20:90, 60:63] = mask[20:90, 200:203] = 1  # a box's two sides, 2.5 times the digits' height, meeting nothing
    two_0s(mask, 110, 55)
    lines = box_lines(mask > 0, np.zeros(mask.shape, bool))
    assert lines[25:85, 60:63].all() and lines[25:85, 200:203].all()
    assert not lines[40:71, 98:158].any()  # the digits
    tick = np.zeros((120, 300), np.uint8)
    tick[10:110, 150:160] = 1  # a 1 written with a broad pen, three times as tall as...
    cv2.polylines(tick, [np.array([(100, 60), (112, 75), (135, 40)])], False, 1, 3)  # ...the examiner's tick beside it
    assert not box_lines(tick > 0, np.zeros(tick.shape, bool))[:, 150:160].any()
    stem = np.zeros((160, 300), np.uint8)
    two_0s(stem, 80, 40)
    cv2.ellipse(stem, (170, 40), (20, 13), 0, 0, 360, 1, 2)  # a 9's wide loop...
    stem[40:150, 188:191] = 1  # ...and its straight stem, four times the 0s' height
    assert not box_lines(stem > 0, np.zeros(stem.shape, bool))[60:150, 188:191].any()


def test_a_boxs_two_sides_with_more_ink_than_the_digit_between_are_lines_but_two_tall_1s_beside_it_are_not():
    mask = np.zeros((160, 300), np.uint8)
    mask[30:130, 60:65] = mask[25:135, 240:245] = 1  # a table cell's sides, thick, its top and bottom lines faint
    cv2.ellipse(mask, (150, 80), (9, 13), 0, 0, 360, 1, 2)  # a 0, 28 px tall, between them
    lines = box_lines(mask > 0, np.zeros(mask.shape, bool))
    assert lines[35:125, 60:65].all() and lines[30:130, 240:245].all()
    assert not lines[60:100, 130:170].any()  # the digit
    ones = np.zeros((160, 300), np.uint8)
    ones[30:130, 60:65] = ones[30:130, 100:105] = 1  # two 1s written tall with a broad pen...
    cv2.ellipse(ones, (150, 80), (9, 13), 0, 0, 360, 1, 2)  # ...beside a small 0, not round it
    assert not box_lines(ones > 0, np.zeros(ones.shape, bool))[30:130, 60:105].any()


def test_a_box_whose_side_a_digit_touches_is_a_line():
    mask = np.zeros((120, 300), np.uint8)
    mask[18:92, 59:61] = mask[18:92, 164:166] = mask[19:21, 55:170] = 1  # a box's sides and top, under 0.4 of the width
    two_0s(mask, 71, 60)  # the first 0 touches the left side: one component, as large as the box
    lines = box_lines(mask > 0, np.zeros(mask.shape, bool))
    assert lines[19:21, 70:160].all() and lines[30:90, 59:61].all() and lines[30:90, 164:166].all()
    assert not lines[45:76, 63:116].any()  # the digits


def test_a_tight_boxs_sides_are_lines_but_a_1_standing_on_its_bottom_line_is_not():
    tight = np.zeros((80, 200), np.uint8)
    cv2.rectangle(tight, (50, 14), (150, 52), 1, 2)  # a box 1.4 times as tall as its digits: its sides are short
    two_0s(tight, 82, 33)
    lines = box_lines(tight > 0, np.zeros(tight.shape, bool))
    assert lines[20:48, 50:52].all() and lines[20:48, 149:151].all()  # the sides, run from the top line to the bottom
    assert not lines[19:48, 71:128].any()
    one = np.zeros((80, 200), np.uint8)
    cv2.rectangle(one, (50, 8), (150, 52), 1, 2)
    two_0s(one, 82, 33)
    one[20:52, 130:132] = 1  # a 1 as tall as the 0s, standing on the bottom line, short of the top one
    assert not box_lines(one > 0, np.zeros(one.shape, bool))[22:48, 130:132].any()
    cut, found = np.zeros((80, 200), np.uint8), np.zeros((80, 200), bool)
    cut[40:42] = found[40:42] = True  # a line across the crop, found...
    cut[0:40, 60:62] = 1  # ...a stem of the writing above standing on it, cut off by the crop's top edge
    two_0s(cut, 100, 60)
    assert not box_lines(cut > 0, found)[0:40, 60:62].any()


def test_a_box_drawn_whole_is_a_line_leaning_touched_or_open_but_no_digit_is(pen_digits):
    corners = np.array([(37, 100), (40, 20), (200, 26), (197, 106)])  # a box leaning by 2 degrees, from bottom left
    for closed in (True, False):  # whole, and open at the bottom (cut off by the crop, or taken as a ruled line)
        box = cv2.polylines(np.zeros((120, 240), np.uint8), [corners], closed, 1, 3) > 0
        digits = np.zeros((120, 240), np.uint8)
        two_0s(digits, 153, 62)  # the second 0 touches the box's right side: one component with it
        lines = frames(box | (digits > 0))
        assert lines[box].mean() > 0.95, closed
        assert not lines[48:77, 142:187].any(), closed  # the digits, but where the second touches the side
    for digit in first_of_each_label(pen_digits, per_label=5):  # a 0 is round; a 4's or a 7's straight lines few
        assert not frames(render_canvas(digit.strokes)[..., :3].max(axis=2) > 0).any(), digit.label


def test_a_lines_slivers_are_no_strokes_but_a_digit_crossing_the_line_is():
    rest = np.zeros((100, 100), bool)
    lines = np.zeros((100, 100), bool)
    lines[10:90, 20:24] = True  # a box's side, taken
    rest[10:35, 24] = rest[65:90, 24] = True  # the edges of it the straight runs missed, as the line leans
    rest[45:55, 10:20] = rest[45:55, 24:40] = True  # a stroke across the line: a piece either side of it
    kept = without_slivers(rest, lines)
    assert not kept[10:35].any() and not kept[65:90].any()
    np.testing.assert_array_equal(kept[35:65], rest[35:65])


def test_what_a_ruled_line_leaves_beside_the_digits_is_no_stroke_but_a_2s_foot_along_it_is():
    across = np.zeros((100, 300), bool)
    across[80:82] = True  # the line's core, which lines_across took away
    marked = across.copy()
    marked[77:84] = True  # the line as ink: darker, and thicker, than what was taken
    ink = np.zeros((100, 300), np.uint8)
    cv2.circle(ink, (60, 55), 15, 1, 3)  # a 0 above the line
    cv2.polylines(ink, [np.array([(100, 50), (115, 42), (130, 50), (100, 79), (140, 79)])], False, 1, 3)  # a 2 on it
    ink[40:95, 199:202] = 1  # a 1 crossing it
    ink[77:80, 202:] = 1  # what the line left beside the 1, out to the crop's edge
    kept = without_line_residue(ink > 0, marked | (ink > 0), across)
    assert not kept[:, 205:].any()
    np.testing.assert_array_equal(kept[:, :202], ink[:, :202] > 0)  # the 0, the 2's foot and the 1 are kept


def test_a_dotted_line_under_small_digits_is_a_line_but_digits_on_one_baseline_are_not():
    mask = np.zeros((120, 300), np.uint8)
    for x in range(60, 200, 6):  # a dotted line under half the crop's width: too short for PHOTO_INK_LINE_SPAN
        cv2.circle(mask, (x, 76), 2, 1, -1)
    two_0s(mask, 90, 60)  # standing on it, touching its dots
    lines = box_lines(mask > 0, np.zeros(mask.shape, bool))
    assert lines[73:80, 56:204].sum() > 0.9 * mask[73:80, 56:204].sum()
    assert not lines[46:71, 79:136].any()  # the 0s above it
    twos = np.zeros((120, 300), np.uint8)
    for x in (90, 125, 160):  # three 2s whose bottom strokes lie along one line
        cv2.polylines(twos, [np.array([(x - 9, 52), (x, 46), (x + 9, 52), (x - 9, 74), (x + 10, 74)])], False, 1, 2)
    assert not box_lines(twos > 0, np.zeros(twos.shape, bool)).any()


def test_dots_too_far_apart_to_touch_are_no_measure_of_the_digits_but_a_row_of_small_0s_is():
    mask = np.zeros((120, 300), np.uint8)
    for x in range(30, 270, 11):  # a dotted line under the digits, its round dots 2 px apart: they do not touch
        cv2.circle(mask, (x, 82), 4, 1, -1)
    cv2.ellipse(mask, (120, 60), (9, 13), 0, 0, 360, 1, 2)  # a 0...
    cv2.polylines(mask, [np.array([(150, 46), (140, 66), (162, 66)])], False, 1, 2)  # ...and a 4: its slant and bar...
    mask[52:75, 156:158] = 1  # ...and its stem
    lines = box_lines(mask > 0, np.zeros(mask.shape, bool))
    assert not lines[44:76, 108:166].any()  # measured by the dots, the 4's bar and stem were a box's corner
    assert lines[78:87].sum() > 0.9 * mask[78:87].sum()  # the dotted line is one
    zeros = np.zeros((60, 400), np.uint8)
    for x in range(20, 380, 30):  # twelve small 0s in a row, written with a broad pen: round, not filled
        cv2.ellipse(zeros, (x, 30), (7, 9), 0, 0, 360, 1, 4)
    assert not dots_in_a_row(*row_measures(zeros)).any()


def row_measures(mask: np.ndarray) -> tuple[np.ndarray, ...]:
    """The middle rows, widths, heights and areas of `mask`'s components (dots_in_a_row's arguments)."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    _, top, width, height, area = stats[1:].T
    return top + height / 2, width, height, area


@pytest.mark.parametrize("boxes", [1, 2, 6])
def test_a_row_of_boxes_is_a_forms_field_and_one_box_is_not(boxes):
    mask = np.zeros((100, 20 + 70 * boxes), np.uint8)  # boxes 70 px wide, 60 tall, 3 px lines, a 10 px margin
    for side in range(10, 11 + 70 * boxes, 70):
        cv2.line(mask, (side, 20), (side, 80), 1, 3)
    for top in (20, 80):
        cv2.line(mask, (10, top), (10 + 70 * boxes, top), 1, 3)
    assert boxes_in_a_row(mask > 0) == (boxes >= FORM_BOXES)
    assert boxes_in_a_row(turned(mask, 4, nearest=True) > 0) == (boxes >= FORM_BOXES)  # a page fed in askew
    thick = cv2.dilate(mask, np.ones((31, 31), np.uint8))  # a pen's strokes, not a form's lines
    assert not boxes_in_a_row(thick > 0)


def test_a_line_the_crop_cut_is_a_forms_line_and_one_inside_the_frame_or_thick_is_not():
    crop = np.zeros((100, 200), np.uint8)
    crop[40:80, 90:100] = 1  # a 1...
    cut = crop.copy()
    cut[10:12, 30:200] = 1  # ...under a ruled line that runs off the crop's right edge
    inside = crop.copy()
    inside[10:12, 20:180] = 1  # ...under a line as long, within the frame: a drawn bar
    thick = crop.copy()
    thick[5:15, 30:200] = 1  # ...under a bar a tenth of the crop tall: a stroke
    assert line_at_edge(cut > 0) and line_at_edge(cut.T > 0) and line_at_edge(turned(cut, 5, nearest=True) > 0)
    assert not line_at_edge(inside > 0) and not line_at_edge(thick > 0) and not line_at_edge(crop > 0)


@pytest.mark.parametrize("angle", [-10, -4, 3, 10])
def test_a_page_turned_is_found_by_its_lines_and_a_level_one_is_left_alone(angle):
    box = np.zeros((200, 300), np.uint8)
    box[20:23, 20:280] = box[177:180, 20:280] = box[20:180, 20:23] = box[20:180, 277:280] = 1  # a box's lines
    box[70:130, 140:150] = 1  # a 1 in it
    assert page_tilt(box) == 0.0
    assert abs(page_tilt(turned(box, angle, nearest=True)) + angle) <= 0.5  # the turn that levels it again
    short = np.zeros((200, 300), np.uint8)
    short[100:103, 100:200] = 1  # a stroke across a third of the crop: no page's line
    assert page_tilt(turned(short, angle, nearest=True)) == 0.0


def test_an_opening_along_rows_is_opencvs_its_frame_edges_and_even_lengths_included():
    rng = np.random.default_rng(0)
    for _ in range(500):
        mask = (rng.random(tuple(rng.integers(1, 40, 2))) < rng.uniform(0.3, 0.97)).astype(np.uint8)
        length = int(rng.integers(1, 90))  # shorter and longer than the rows; odd and even (OpenCV's anchor)
        expected = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
        assert np.array_equal(opened_along_rows(mask, length), expected), (mask.shape, length)
    sheet = (rng.random((300, 400)) < 0.05).astype(np.uint8)  # specks, and a ruled line: few rows to look at
    sheet[100:103, 20:390] = 1
    expected = cv2.morphologyEx(sheet, cv2.MORPH_OPEN, np.ones((1, 281), np.uint8))
    assert expected[100:103, 20:390].all() and np.array_equal(opened_along_rows(sheet, 281), expected)
