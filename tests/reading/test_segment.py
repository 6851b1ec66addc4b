"""Cutting a drawing into digits: one segment per digit, left to right, a digit's strokes kept together."""

from __future__ import annotations

import numpy as np
import pytest

from digitpad.config import BENT_CUTS, MAX_CUT_DEPTH, STRAIGHT_CUTS, STROKE_SPLITS
from digitpad.reading.preprocess import ink_map
from digitpad.reading.segment import (
    Segment,
    bent_cuts,
    cut_candidates,
    cut_tree,
    digits_only,
    segment_digits,
    stroke_splits,
)
from digitpad.reading.strokes import render_canvas
from tests.drawings import first_of_each_label, number_canvas


@pytest.fixture(scope="module")
def ten(pen_digits):
    return first_of_each_label(pen_digits)


def test_digits_written_apart_give_one_segment_each_left_to_right(ten):
    canvas = number_canvas([ten[2], ten[0], ten[1], ten[9]])
    segments = segment_digits(canvas)
    assert len(segments) == 4
    lefts = [s.box[0] for s in segments]
    assert lefts == sorted(lefts)
    for segment in segments:  # each box holds its digit's ink and nothing else
        x, y, width, height = segment.box
        assert segment.ink.shape == (height, width)
        np.testing.assert_array_equal(segment.ink, ink_map(canvas)[y : y + height, x : x + width] * (segment.ink > 0))


def test_a_digit_of_several_strokes_is_one_segment(pen_digits):
    several = [d for d in pen_digits if len(d.strokes) > 1][:200]
    counts = [len(segment_digits(render_canvas(d.strokes))) for d in several]
    assert np.mean(np.array(counts) == 1) >= 0.97, np.bincount(counts)


def test_nothing_drawn_gives_no_segments():
    assert segment_digits(np.zeros((200, 700, 4), np.uint8)) == []
    assert segment_digits(None) == []


def test_a_speck_beside_a_digit_is_dropped(ten):
    canvas = render_canvas(ten[3].strokes)
    canvas[10:13, 10:13, :3] = 255  # a 3x3 speck in the corner
    assert len(segment_digits(canvas)) == 1


def test_a_tick_beside_a_digit_is_no_digit_of_the_number(ten):
    canvas = render_canvas(ten[1].strokes)
    height = segment_digits(canvas)[0].box[3]
    tick = canvas.copy()
    tick[150 : 150 + int(0.4 * height), 8:30] = 255  # a short white mark to the left, 0.4 of the digit's height
    assert [s.box for s in segment_digits(tick)] == [s.box for s in segment_digits(canvas)]
    np.testing.assert_array_equal(digits_only(tick), digits_only(canvas))
    assert digits_only(tick).sum() < ink_map(tick).sum()


def test_only_segments_wide_for_the_line_are_offered_cuts(ten):
    (narrow,) = segment_digits(render_canvas(ten[1].strokes))
    assert cut_candidates(narrow, narrow.box[3]) == []
    (touching,) = segment_digits(number_canvas([ten[1], ten[0]], gaps=[-0.05]))
    assert cut_candidates(touching, line_height=3 * touching.box[3]) == []  # narrow for a line three times as tall
    cuts = cut_candidates(touching, touching.box[3])
    assert 2 <= len(cuts) <= STRAIGHT_CUTS + BENT_CUTS  # one stroke: no stroke splits
    for left, right in cuts:  # the halves share out the segment's ink, each in its own box
        rebuilt = np.zeros_like(touching.ink)
        for half in (left, right):
            x, y, width, height = half.box
            assert half.ink.shape == (height, width) and half.ink.max() > 0
            rebuilt[
                y - touching.box[1] : y - touching.box[1] + height, x - touching.box[0] : x - touching.box[0] + width
            ] += half.ink
        np.testing.assert_array_equal(rebuilt, touching.ink)
        assert left.box[0] == touching.box[0] and right.box[0] + right.box[2] == touching.box[0] + touching.box[2]


def test_a_bent_cut_crosses_less_ink_than_any_straight_one():
    ink = np.zeros((30, 40), np.float32)
    ink[:16, 5:24] = 1.0  # one digit's ink at the top left...
    ink[14:, 16:35] = 1.0  # ...touching another's at the bottom right, so every middle column crosses 16 rows or more
    (path,) = bent_cuts(ink, 1)
    assert (np.abs(np.diff(path)) <= 1).all() and (10 <= path).all() and (path < 30).all()  # a path, in the middle
    emptiest_column = min(ink[:, column].sum() for column in range(10, 30))
    assert ink[np.arange(30), path].sum() <= emptiest_column / 2  # 8 px against 16


def test_a_sliver_is_never_cut():
    sliver = Segment((0, 0, 2, 3), np.ones((3, 2), np.float32))  # wide for its height, too narrow to halve
    assert cut_candidates(sliver, line_height=1) == []


def test_a_cut_leaving_a_half_much_shorter_than_the_line_is_not_offered():
    loop_on_a_stem = np.zeros((100, 100), np.float32)
    loop_on_a_stem[:30, :80] = 1.0  # wide and short at the top, like the loop of a 9...
    loop_on_a_stem[:, 80:95] = 1.0  # ...on a stem the line's full height
    assert cut_candidates(Segment((0, 0, 100, 100), loop_on_a_stem), line_height=100) == []
    two_tall = loop_on_a_stem.copy()
    two_tall[:, :40] = 1.0  # the left part as tall as the line: cuts are offered again
    assert cut_candidates(Segment((0, 0, 100, 100), two_tall), line_height=100)


def test_strokes_sharing_columns_are_parted_where_they_share_the_fewest():
    ink = np.zeros((100, 160), np.float32)
    ink[:, :40], ink[:10, 40:60] = 1.0, 1.0  # a stroke over columns 0-59, with a bar at the top...
    ink[20:80, 50:90] = 1.0  # ...a second under its bar (columns 50-89: 10 shared)...
    ink[:, 95:], ink[90:, 87:95] = 1.0, 1.0  # ...and a third with a foot under the second (87-159: 3 shared)
    segment = Segment((0, 0, 160, 100), ink)
    splits = stroke_splits(segment, STROKE_SPLITS)
    assert [left.box[2] for left, _ in splits] == [90, 60]  # the parting that shares the fewest columns first
    for left, right in splits:  # whole strokes on each side, each side cropped to its own
        assert left.box[0] == 0 and right.box[0] + right.box[2] == 160
        assert left.ink.sum() + right.ink.sum() == ink.sum()
    assert stroke_splits(Segment((0, 0, 40, 100), ink[:, :40]), STROKE_SPLITS) == []  # one stroke: nothing to part


def test_the_cut_tree_offers_every_cut_and_its_halves_cuts_down_to_the_depth_limit(ten):
    (three,) = segment_digits(number_canvas([ten[1], ten[0], ten[1]], gaps=[-0.05, -0.05]))
    tree = cut_tree(three, three.box[3])
    assert len(tree.cuts) == len(cut_candidates(three, three.box[3])) >= 2
    assert next(tree.pieces()) is three  # the whole first

    def depth(node) -> int:
        return max((1 + max(depth(left), depth(right)) for left, right in node.cuts), default=0)

    assert depth(tree) == MAX_CUT_DEPTH
