"""What is not writing (digitpad.reading.not_writing): blobs and scraps go, a small digit's blot and a pen stroke at
the crop's edge stay."""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.reading.not_writing import without_blobs, without_edge_scraps


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
