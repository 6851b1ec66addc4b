"""Photos of paper: made-up photos of final writers' digits on lined, unevenly lit paper (tests.photos), cleaned by
digitpad.reading.photo and read by digitpad.models.number as the page reads them."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from digitpad.config import FORM_BOXES, PHOTO_MIN_WORKING_SIZE, PHOTO_WORKING_SIZE, PHOTO_WRITING_HEIGHT
from digitpad.models.number import read_number
from digitpad.reading.photo import (
    box_lines,
    boxes_in_a_row,
    clean_photo,
    dots_in_a_row,
    frames,
    ink_mask,
    line_at_edge,
    page_tilt,
    turned,
    without_blobs,
    without_edge_scraps,
    without_line_residue,
    without_slivers,
    writing_height,
)
from digitpad.reading.preprocess import ImageError
from digitpad.reading.segment import segment_digits
from digitpad.reading.strokes import render_canvas
from tests.drawings import first_of_each_label, number_canvas
from tests.photos import (
    DARK_LINES,
    MARGIN,
    UNEVEN,
    Conditions,
    field_photo,
    form_field_photo,
    paper_photo,
    rule_rows,
    written_digit,
    written_one,
)

YEAR = "2026"


@pytest.fixture(scope="module")
def ten(pen_digits):
    return first_of_each_label(pen_digits)


@pytest.fixture(scope="module")
def year_drawing(ten) -> np.ndarray:
    return number_canvas([ten[int(digit)] for digit in YEAR])


def blank_margin(cleaned: np.ndarray) -> np.ndarray:
    """The cleaned photo's band of blank paper round the drawing (see tests.photos.paper_photo), as a bool mask."""
    margin = round(MARGIN / (1 + 2 * MARGIN) * cleaned.shape[0])
    mask = np.ones(cleaned.shape, bool)
    mask[margin:-margin, margin:-margin] = False
    return mask


def shared_ink(a: np.ndarray, b: np.ndarray) -> float:
    """How much two cleaned images' ink coincides: intersection over union, 1 for the same ink."""
    return np.count_nonzero((a > 0) & (b > 0)) / max(np.count_nonzero((a > 0) | (b > 0)), 1)


def test_blank_paper_gives_no_ink_and_no_number(number_classifier, judge):
    for seed, conditions in enumerate([UNEVEN, UNEVEN, DARK_LINES, DARK_LINES]):  # dim side, shadow, lines, specks
        cleaned = clean_photo(paper_photo(np.zeros((280, 280, 4), np.uint8), seed, conditions))
        assert cleaned.max() == 0, seed
        assert read_number(number_classifier, judge, cleaned).number is None


def test_ruled_lines_are_removed_where_no_digit_is_and_kept_where_one_is(number_classifier, judge, year_drawing):
    photo = paper_photo(year_drawing, seed=1, conditions=DARK_LINES)  # as dark as faint ink: no threshold helps
    cleaned = clean_photo(photo)
    scale = cleaned.shape[0] / photo.shape[0]
    outside = blank_margin(cleaned)
    rows = rule_rows(photo.shape[0], DARK_LINES)
    assert len(rows) >= 3
    for row in rows:
        line = slice(round(row * scale) - 1, round((row + DARK_LINES.rule_width) * scale) + 2)
        assert not cleaned[line][outside[line]].any(), row
    assert read_number(number_classifier, judge, cleaned).number == YEAR  # the strokes across lines are kept


def test_specks_are_removed(ten):
    drawing = render_canvas(ten[8].strokes)
    photo = paper_photo(drawing, seed=2, conditions=Conditions(specks=60, rule_spacing=0))
    cleaned = clean_photo(photo)
    outside = blank_margin(cleaned)
    assert (photo.min(axis=2)[outside] < 40).sum() > 50  # the specks are there to be removed
    assert not cleaned[outside].any()
    assert cleaned[~outside].any()


def test_held_out_digits_photographed_are_read(number_classifier, judge, ten):
    for digit in ten:
        photo = paper_photo(render_canvas(digit.strokes), seed=digit.label)
        assert read_number(number_classifier, judge, clean_photo(photo)).number == str(digit.label)


def test_a_photographed_number_is_read_and_is_not_without_cleaning(number_classifier, judge, year_drawing):
    photo = paper_photo(year_drawing, seed=4)
    assert read_number(number_classifier, judge, clean_photo(photo)).number == YEAR
    # The plain pipeline takes one paper tone for the whole sheet: its dim side is ink, the digits there one blob.
    assert len(segment_digits(photo)) != len(YEAR)


def test_light_ink_on_dark_paper_is_read(number_classifier, judge, year_drawing):
    photo = paper_photo(year_drawing, seed=7)
    cleaned = clean_photo(255 - photo)
    assert read_number(number_classifier, judge, cleaned).number == YEAR
    assert shared_ink(cleaned, clean_photo(photo)) > 0.95


def test_any_layout_and_dtype_gives_the_same_ink(year_drawing):
    photo = paper_photo(year_drawing, seed=5)
    gray = photo.mean(axis=2)
    expected = clean_photo(photo)
    assert expected.dtype == np.uint8 and set(np.unique(expected)) == {0, 255}
    rgba = np.dstack([photo, np.full(photo.shape[:2], 255, np.uint8)])
    for image in (rgba, photo.astype(np.float32) / 255, (photo.astype(np.uint16) * 257)):
        np.testing.assert_array_equal(clean_photo(image), expected)
    assert shared_ink(clean_photo(gray), expected) > 0.95  # a plain mean weighs the colours a little differently


def test_large_photos_are_shrunk_and_small_ones_kept(ten):
    drawing = render_canvas(ten[4].strokes)
    assert max(clean_photo(paper_photo(drawing, seed=6, scale=6.0)).shape) == PHOTO_WORKING_SIZE
    small = paper_photo(drawing, seed=6, scale=1.0)
    assert clean_photo(small).shape == small.shape[:2]


def test_writing_small_in_a_small_crop_is_cleaned_again_enlarged_till_its_digits_stand_tall(year_drawing):
    photo = paper_photo(year_drawing, seed=6, scale=0.13)  # digits about 12 px tall...
    small = np.empty((3 * photo.shape[0], 2 * photo.shape[1], 3), np.uint8)  # ...in a crop 3 times as tall
    small[:] = np.median(photo[[0, -1]].reshape(-1, 3), axis=0)
    small[photo.shape[0] : 2 * photo.shape[0], photo.shape[1] // 2 : photo.shape[1] // 2 + photo.shape[1]] = photo
    ink = clean_photo(small)
    assert max(ink.shape) > PHOTO_MIN_WORKING_SIZE
    assert writing_height(ink) == pytest.approx(PHOTO_WRITING_HEIGHT, rel=0.25)
    tall = paper_photo(year_drawing, seed=6, scale=1.0)  # tall enough at its own size: cleaned once
    assert clean_photo(tall).shape == tall.shape[:2]


def test_a_number_written_small_on_a_big_page_keeps_its_strokes(number_classifier, judge, year_drawing):
    # The year across 15% of a 12-megapixel photo's width: shrunk to the working size, each digit covers less than the
    # PHOTO_SPECK_AREA share of the frame a speck may; before PHOTO_STROKE_ELONGATION all four were lost as specks.
    height, width = year_drawing.shape[:2]
    page = np.zeros((round(0.75 * width / 0.15), round(width / 0.15), 4), np.uint8)
    page[..., 3] = 255  # the page's opaque black canvas, the year in its middle
    top, left = (page.shape[0] - height) // 2, (page.shape[1] - width) // 2
    page[top : top + height, left : left + width] = year_drawing
    photo = cv2.resize(paper_photo(page, seed=1, scale=1.0), (4000, 3000), interpolation=cv2.INTER_LINEAR)
    assert read_number(number_classifier, judge, clean_photo(photo)).number == "2026"


def test_ink_is_found_when_taking_the_lines_away_leaves_a_little_below_zero():
    # A ruled line's darkness subtracted from a pixel barely darker than it leaves a contrast just under 0, which once
    # wrapped round to 255 as a byte: Otsu then split ink from those few pixels, and the digits were no ink at all.
    contrast = np.zeros((60, 90), np.float32)
    contrast[10:50, 20:26] = 0.4  # a faint stroke
    expected = ink_mask(contrast, noise=0.0)
    contrast[:8] = -0.008  # a band along a line
    np.testing.assert_array_equal(ink_mask(contrast, noise=0.0), expected)
    assert expected[10:50, 20:26].all()


def test_a_strokes_faint_ends_are_ink_and_fainter_writing_touching_it_from_the_back_is_not():
    contrast = np.zeros((60, 90), np.float32)
    contrast[10:50, 20:26] = 0.8  # a dark stroke
    contrast[50:56, 20:26] = 0.2  # its faint end
    contrast[30:33, 26:80] = 0.12  # a stroke on the back of the page, showing through, touching it
    ink = ink_mask(contrast, noise=0.0)
    assert ink[10:56, 20:26].all()
    assert not ink[30:33, 30:80].any()


def test_a_faint_stroke_is_ink_when_it_is_the_darkest_there_is_and_stands_clear_of_the_papers_noise():
    contrast = np.zeros((60, 90), np.float32)
    contrast[10:50, 20:24] = 0.15  # a pencil's stroke, or a small digit's the lens blurred: under PHOTO_MIN_CONTRAST
    assert ink_mask(contrast, noise=0.001)[10:50, 20:24].all()
    assert not ink_mask(contrast, noise=0.01).any()  # on paper this grainy, so faint a mark may be grain


def test_a_blot_where_a_small_digits_strokes_meet_is_no_blob_but_a_dark_disc_is():
    four = np.zeros((60, 60), bool)
    four[10:50, 30:34] = True  # a 4's stem, 4 px wide
    four[30:34, 12:44] = True  # its bar
    cv2.circle(four.view(np.uint8), (32, 32), 10, 1, -1)  # a blot where they cross, as wide as half the digit is tall
    assert without_blobs(four).sum() == four.sum()
    eye = np.zeros((60, 60), bool)
    cv2.circle(eye.view(np.uint8), (30, 30), 15, 1, -1)
    assert not without_blobs(eye).any()


@pytest.mark.parametrize("index", [93, 286])
def test_a_small_6_whose_loop_filled_in_is_a_digit_not_a_blob(number_classifier, judge, mnist, index):
    # written 12 px tall, its loop closed into one blot: its stroke, 0.45-0.5 of its height wide, was taken for a blob
    assert mnist.y_train[index] == 6
    rng = np.random.default_rng(2)
    photo = field_photo(written_digit(mnist.x_train[index], rng), "bare", rng, tall=(12, 13))
    assert read_number(number_classifier, judge, clean_photo(photo)).number == "6"


def test_the_edge_of_a_dark_region_is_no_ink_and_a_digit_beside_it_keeps_its_strokes(number_classifier, judge, ten):
    photo = paper_photo(render_canvas(ten[3].strokes), seed=3, conditions=Conditions(rule_spacing=0, specks=0))
    height, width = photo.shape[:2]
    paper = photo[:, -5:].mean()
    beside = np.random.default_rng(3).normal(paper, 4, (height, width // 2, 3))  # more of the sheet, on the right
    y, x = np.mgrid[:height, : width // 2]
    beside[(x - width // 2) ** 2 + (y - height // 2) ** 2 < (0.4 * height) ** 2] *= 0.35  # a cup on it, seen from above
    photo_with_cup = np.hstack([photo, np.clip(beside, 0, 255).astype(np.uint8)])
    cleaned = clean_photo(photo_with_cup)
    sheet_edge = round(width * cleaned.shape[1] / photo_with_cup.shape[1])
    assert not cleaned[:, sheet_edge:].any()  # the closing's band round the cup's rim is the cup's, not ink
    assert read_number(number_classifier, judge, cleaned).number == "3"
    alone = cv2.resize(clean_photo(photo), (sheet_edge, cleaned.shape[0]), interpolation=cv2.INTER_NEAREST)
    assert shared_ink(cleaned[:, :sheet_edge], alone) > 0.8


def test_a_box_lines_thin_remnant_at_the_edge_is_no_stroke_but_a_pen_stroke_there_is():
    mask = np.zeros((80, 90), bool)
    mask[20:60, 30:42] = True  # a digit's stroke, 12 px thick
    mask[0:60, 87:90] = True  # what is left of a box line along the right edge, 3 px: as tall as the digit
    assert not without_edge_scraps(mask)[:, 87:].any()
    mask[:, 87:] = False
    mask[5:75, 78:90] = True  # a 1 written with the same pen, cut by the edge
    np.testing.assert_array_equal(without_edge_scraps(mask), mask)


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


@pytest.mark.parametrize("seed", [16, 28])
def test_a_dotted_line_left_beside_a_7_is_no_2s_foot(number_classifier, judge, ten, seed):
    # the line ran darker than the level taken away beside the 7: "47" was read as "42"
    photo = form_field_photo([ten[4].strokes, ten[7].strokes], "dots", np.random.default_rng(seed))
    assert read_number(number_classifier, judge, clean_photo(photo)).number == "47"


@pytest.mark.parametrize("seed", [2, 11, 20])
def test_a_boxs_sides_do_not_join_the_digits_tops_into_a_line_across_it(number_classifier, judge, ten, seed):
    # the sides and the 3's and 2's tops, one run across the box: taken as a line, "302" was read "372", "377", "07"
    photo = form_field_photo([ten[3].strokes, ten[0].strokes, ten[2].strokes], "box", np.random.default_rng(seed))
    assert read_number(number_classifier, judge, clean_photo(photo)).number == "302"


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


@pytest.mark.parametrize(
    "bad",
    [np.zeros((0, 0, 3), np.uint8), np.zeros((8, 8, 2)), np.zeros((2, 8, 8, 3)), np.array([["ink"]]), [[0, 255]]],
    ids=["no pixels", "two channels", "a batch", "strings", "a list"],
)
def test_arrays_that_cannot_be_photos_raise(bad):
    with pytest.raises(ImageError):
        clean_photo(bad)


@pytest.mark.parametrize("seed", [0, 4, 7])
def test_a_thin_1_in_a_box_drawn_whole_keeps_only_its_stroke(seed):
    # the box is nine tenths of the ink: once it was all kept, and the 1 read as "0", "03" or nothing
    photo = field_photo(written_one(), "box", np.random.default_rng(seed), tall=(40, 40))
    rows, columns = np.nonzero(clean_photo(photo))
    assert len(rows) and np.ptp(columns) < 0.3 * np.ptp(rows)  # a stroke, far narrower than tall: no box
