"""What is not writing (digitpad.reading.not_writing): blobs, scraps, rings and pens lying by the writing go; a small
digit's blot, a pen stroke at the crop's edge and a 1 stay."""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.reading.not_writing import without_blobs, without_edge_scraps, without_pens, without_rings


def test_a_blot_where_a_small_digits_strokes_meet_is_no_blob_but_a_dark_disc_is():
    four = np.zeros((60, 60), bool)
    four[10:50, 30:34] = True  # a 4's stem, 4 px wide
    four[30:34, 12:44] = True  # its bar
    cv2.circle(four.view(np.uint8), (32, 32), 10, 1, -1)  # a blot where they cross, as wide as half the digit is tall
    assert without_blobs(four).sum() == four.sum()
    eye = np.zeros((60, 60), bool)
    cv2.circle(eye.view(np.uint8), (30, 30), 15, 1, -1)
    assert not without_blobs(eye).any()


def test_a_box_lines_thin_remnant_at_the_edge_is_no_stroke_but_a_pen_stroke_there_is():
    mask = np.zeros((80, 90), bool)
    mask[20:60, 30:42] = True  # a digit's stroke, 12 px thick
    mask[0:60, 87:90] = True  # what is left of a box line along the right edge, 3 px: as tall as the digit
    assert not without_edge_scraps(mask)[:, 87:].any()
    mask[:, 87:] = False
    mask[5:75, 78:90] = True  # a 1 written with the same pen, cut by the edge
    np.testing.assert_array_equal(without_edge_scraps(mask), mask)


def test_a_ring_round_writing_goes_and_a_digits_own_loops_stay():
    mask = np.zeros((220, 400), np.uint8)
    cv2.ellipse(mask, (150, 110), (110, 80), 0, 0, 360, 1, 3)  # a circle round a teacher's mark
    cv2.line(mask, (150, 60), (150, 160), 1, 3)  # the mark: a 1
    cv2.circle(mask, (330, 40), 12, 1, 3)  # a loop holding nothing: a digit's own, as a 0's
    cv2.ellipse(mask, (340, 150), (25, 22), 0, 0, 360, 1, 3)  # a loop holding a speck a tenth of its height
    mask[148:152, 338:342] = 1
    kept = without_rings(mask.astype(bool))
    assert not kept[30, 150] and not kept[110, 40]  # the ring's top and left
    assert kept[110, 150] and kept[28, 330] and kept[128, 340] and kept[150, 340]


def test_a_pen_lying_by_the_writing_goes_and_a_1_beside_other_digits_stays():
    mask = np.zeros((1000, 1000), np.uint8)
    cv2.line(mask, (300, 300), (300, 450), 1, 14)  # an 18 written with a 14 px stroke: its 1...
    cv2.ellipse(mask, (400, 330), (40, 32), 0, 0, 360, 1, 14)  # ...and its 8
    cv2.ellipse(mask, (400, 410), (45, 38), 0, 0, 360, 1, 14)
    writing = mask.astype(bool)
    cv2.line(mask, (560, 60), (640, 680), 1, 30)  # a pen beside it, four times as tall: taken for the tallest digit
    np.testing.assert_array_equal(without_pens(mask.astype(bool)), writing)
    cut_short = writing.copy()  # a pen the frame cuts off, as long as a digit, but 2.5 times as thick as its strokes
    cut_short[860:1000, 560:596] = True
    np.testing.assert_array_equal(without_pens(cut_short), writing)
    assert without_pens(writing).sum() == writing.sum()  # the 1 as thick as the 8, and as tall
    one = np.zeros((1000, 1000), bool)
    one[100:900, 480:520] = True  # a lone 1, the whole frame tall: the writing itself
    assert without_pens(one).sum() == one.sum()
