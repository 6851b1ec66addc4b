"""Cutting a drawing of several digits side by side (a year, a phone extension) into one image per digit.

In: any image preprocess takes (canvas, photo or scan, either polarity). Out: the digits found, left to right, each as
its box in the image and an ink map holding only that digit's ink, ready for preprocess. No digits: an empty list.

How: the ink's connected components are the strokes. Specks are dropped, and components stacked over one another (the
bar of a 5, the two strokes of a 4) are merged into one digit; one far shorter than the tallest (a tick, a dot, a
scrap of the line above) is no digit. Two digits drawn touching are one component, and two drawn overlapping may be
merged as one: for a segment wide enough to be two, cut_candidates offers cuts along its emptiest columns and its
emptiest bent paths, and its strokes parted left from right; cut_tree offers the same for each half, and so on. The
reader (digitpad.models.number) judges which pieces are whole digits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from digitpad.config import (
    BENT_CUTS,
    CUT_MARGIN,
    INK_THRESHOLD,
    MAX_CUT_DEPTH,
    MERGE_OVERLAP,
    MIN_CUT_WIDTH,
    MIN_HALF_HEIGHT,
    MIN_SEGMENT_HEIGHT,
    SPECK_FRACTION,
    STRAIGHT_CUTS,
    STROKE_SPLITS,
    TOUCHING_ASPECT,
)
from digitpad.reading.preprocess import ink_map, is_blank

Box = tuple[int, int, int, int]  # x, y, width, height in image pixels


@dataclass(frozen=True)
class Segment:
    """One digit cut out of a drawing: where it is, and its ink alone (other digits' ink removed)."""

    box: Box
    ink: np.ndarray  # [height, width] float32, ink 1, paper 0


@dataclass
class Group:
    """Components believed to be one digit: their labels, and the columns and rows they span (end exclusive)."""

    labels: list[int]
    left: int
    right: int
    top: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def overlap(self, other: Group) -> float:
        """How much the two overlap left to right, as a fraction of the narrower one's width."""
        shared = min(self.right, other.right) - max(self.left, other.left)
        return max(shared, 0) / max(min(self.width, other.width), 1)

    def absorb(self, other: Group) -> None:
        self.labels += other.labels
        self.left, self.right = min(self.left, other.left), max(self.right, other.right)
        self.top, self.bottom = min(self.top, other.top), max(self.bottom, other.bottom)


def strokes(mask: np.ndarray) -> tuple[np.ndarray, list[Group]]:
    """The mask's connected components, specks dropped: (label image, one Group per component)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    if len(areas) == 0:
        return labels, []
    kept = [i + 1 for i in np.flatnonzero(areas >= SPECK_FRACTION * areas.max())]
    groups = []
    for label in kept:
        x, y, width, height = stats[label, :4]
        groups.append(Group([label], int(x), int(x + width), int(y), int(y + height)))
    return labels, groups


def merge_stacked(groups: list[Group]) -> list[Group]:
    """Merge groups that mostly share their columns (strokes of one digit), left to right."""
    merged: list[Group] = []
    for group in sorted(groups, key=lambda g: g.left):
        best = max(merged, key=group.overlap, default=None)
        if best is not None and group.overlap(best) >= MERGE_OVERLAP:
            best.absorb(group)
        else:
            merged.append(group)
    return sorted(merged, key=lambda g: g.left)


def spread(columns: np.ndarray | list[int], count: int, apart: int) -> list[int]:
    """The first `count` of `columns` (best first) that lie more than `apart` columns from each one taken before."""
    taken: list[int] = []
    for column in columns:
        if all(abs(column - other) > apart for other in taken):
            taken.append(int(column))
        if len(taken) == count:
            break
    return taken


def cut_zone(width: int) -> range:
    """The columns a cut may pass through: all but CUT_MARGIN of the width at either side."""
    return range(round(CUT_MARGIN * width), round((1 - CUT_MARGIN) * width))


def straight_cuts(ink: np.ndarray, count: int) -> list[np.ndarray]:
    """Up to `count` columns in the cut zone of `ink`'s width holding the least ink, a digit's stroke apart, each
    as a path (the same column in every row: [rows] int)."""
    height, width = ink.shape
    columns = ink.sum(axis=0)
    emptiest = sorted(cut_zone(width), key=lambda c: columns[c])
    return [np.full(height, column) for column in spread(emptiest, count, width // 8)]


def bent_cuts(ink: np.ndarray, count: int) -> list[np.ndarray]:
    """Up to `count` paths from the top row of `ink` to its bottom, through the cut zone of its width, each
    stepping at most one column from row to row, that cross the least ink (seam carving, by dynamic programming),
    ending a digit's stroke apart. Each path is the column it takes in each row: [rows] int.

    Two digits drawn touching seldom meet along a straight column: one leans into the other, or their boxes overlap.
    A path that bends round the ink can part them where a straight cut slices a piece off each."""
    height, width = ink.shape
    zone = cut_zone(width)
    crossed = ink[:, zone.start : zone.stop].astype(np.float64)  # least ink crossed to reach each pixel from the top
    for row in range(1, height):
        above = crossed[row - 1]
        cheapest = above.copy()  # the cheapest of the three pixels above each one (two at the edges)
        np.minimum(cheapest[1:], above[:-1], out=cheapest[1:])
        np.minimum(cheapest[:-1], above[1:], out=cheapest[:-1])
        crossed[row] += cheapest
    paths = []
    for end in spread(np.argsort(crossed[-1], kind="stable"), count, width // 8):
        path = [end]
        for row in range(height - 2, -1, -1):  # back up the cheapest way it came
            start = max(path[-1] - 1, 0)
            path.append(start + int(np.argmin(crossed[row, start : path[-1] + 2])))
        paths.append(zone.start + np.array(path[::-1]))
    return paths


def piece(segment: Segment, ink: np.ndarray) -> Segment:
    """The piece of a segment holding `ink` (its ink, some of it removed: a cut's half, or one digit's strokes of a
    whole drawing), cropped to what is left."""
    rows, columns = np.flatnonzero(ink.max(axis=1) > 0), np.flatnonzero(ink.max(axis=0) > 0)
    top, bottom = (int(rows[0]), int(rows[-1]) + 1) if len(rows) else (0, ink.shape[0])
    start, end = (int(columns[0]), int(columns[-1]) + 1) if len(columns) else (0, ink.shape[1])
    box = (segment.box[0] + start, segment.box[1] + top, end - start, bottom - top)
    return Segment(box, ink[top:bottom, start:end])


def stroke_splits(segment: Segment, count: int) -> list[tuple[Segment, Segment]]:
    """Up to `count` ways to part a segment's strokes (its ink's components, specks dropped) into those on the left
    and those on the right, ordered by their middles: at the gaps where the two sides share the fewest columns."""
    labels, groups = strokes(segment.ink > INK_THRESHOLD)
    groups.sort(key=lambda g: g.left + g.right)
    splits = []  # (columns the two sides share, the left side's strokes, the right side's)
    for k in range(1, len(groups)):
        shared = max(g.right for g in groups[:k]) - min(g.left for g in groups[k:])
        splits.append((shared, [g.labels for g in groups[:k]], [g.labels for g in groups[k:]]))
    splits.sort(key=lambda split: split[0])

    def side(strokes_on_it: list[list[int]]) -> Segment:
        return piece(segment, np.where(np.isin(labels, np.concatenate(strokes_on_it)), segment.ink, 0))

    return [(side(left), side(right)) for _, left, right in splits[:count]]


def cut_candidates(segment: Segment, line_height: int) -> list[tuple[Segment, Segment]]:
    """Where a segment might be two digits drawn touching or overlapping: cuts for the reader to judge, each into the
    ink on either side of a path from top to bottom, or into its strokes on the left and on the right, each half
    cropped to its ink.

    Only a segment wider than a narrow digit pair could be (TOUCHING_ASPECT times the height of the number's line:
    not its own, which for a piece already cut off can be small enough to make any sliver look wide) is cut: along
    its STRAIGHT_CUTS emptiest columns, its BENT_CUTS emptiest bent paths and its STROKE_SPLITS best partings of its
    strokes. A cut leaving a half shorter than MIN_HALF_HEIGHT of the line (the loop of a 9 cut off its stem) is not
    offered: the digits of a number stand about as tall as each other.
    """
    width = segment.box[2]
    if width < max(TOUCHING_ASPECT * line_height, MIN_CUT_WIDTH):
        return []
    paths = straight_cuts(segment.ink, STRAIGHT_CUTS) + bent_cuts(segment.ink, BENT_CUTS)
    halves = stroke_splits(segment, STROKE_SPLITS)
    for path in {tuple(path): path for path in paths}.values():  # a bent path may run straight
        on_left = np.arange(width)[None, :] < path[:, None]
        halves.append(
            (piece(segment, np.where(on_left, segment.ink, 0)), piece(segment, np.where(on_left, 0, segment.ink)))
        )
    return [(left, right) for left, right in halves if min(left.box[3], right.box[3]) >= MIN_HALF_HEIGHT * line_height]


@dataclass(frozen=True)
class CutTree:
    """A segment and every cut offered for it (cut_candidates), each half with the cuts offered for it in turn."""

    segment: Segment
    cuts: list[tuple[CutTree, CutTree]]

    def pieces(self) -> Iterator[Segment]:
        """Every piece in the tree, the whole segment first."""
        yield self.segment
        for left, right in self.cuts:
            yield from left.pieces()
            yield from right.pieces()


def cut_tree(segment: Segment, line_height: int, depth: int = 0) -> CutTree:
    """The segment with its cuts, their halves' cuts and so on, MAX_CUT_DEPTH cuts deep (two levels: a run of up to
    four touching digits)."""
    cuts = cut_candidates(segment, line_height) if depth < MAX_CUT_DEPTH else []
    return CutTree(
        segment,
        [(cut_tree(left, line_height, depth + 1), cut_tree(right, line_height, depth + 1)) for left, right in cuts],
    )


def segment_digits(image: np.ndarray | None) -> list[Segment]:
    """The digits of a drawing, left to right (see the module's docstring); [] when there is no ink."""
    if image is None or image.size == 0:
        return []
    ink = ink_map(image)
    if is_blank(ink):
        return []
    labels, groups = strokes(ink > INK_THRESHOLD)
    whole = Segment((0, 0, ink.shape[1], ink.shape[0]), ink)
    return [piece(whole, np.where(np.isin(labels, group.labels), ink, 0.0)) for group in digit_groups(groups)]


def digit_groups(groups: list[Group]) -> list[Group]:
    """The strokes merged into digits (merge_stacked), left to right, without those shorter than MIN_SEGMENT_HEIGHT of
    the tallest: a tick beside a mark, a scrap of the line above, a dot are not digits of the number."""
    digits = merge_stacked(groups)
    tallest = max((group.height for group in digits), default=0)
    return [group for group in digits if group.height >= MIN_SEGMENT_HEIGHT * tallest]


def digits_only(image: np.ndarray) -> np.ndarray:
    """[H, W] ink map (see ink_map) of `image` holding only the ink segment_digits keeps as digits."""
    ink = np.zeros(image.shape[:2], np.float32)
    for segment in segment_digits(image):
        x, y, width, height = segment.box
        ink[y : y + height, x : x + width] = np.maximum(ink[y : y + height, x : x + width], segment.ink)
    return ink


def line_height_of(segments: list[Segment]) -> int:
    """The height of the number's line: its tallest segment's (0 for none). Cuts are offered, and pieces judged, at
    this scale."""
    return max((segment.box[3] for segment in segments), default=0)


def cut_trees(image: np.ndarray | None) -> tuple[list[CutTree], int]:
    """Every piece the number reader weighs in a drawing: a cut tree per segment, left to right, and the line's
    height."""
    segments = segment_digits(image)
    height = line_height_of(segments)
    return [cut_tree(segment, height) for segment in segments], height
