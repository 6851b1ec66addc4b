"""Cutting a drawing of several digits side by side (a year, a phone extension) into one image per digit.

In: any image preprocess takes (canvas, photo or scan, either polarity). Out: the digits found, left to right, each as
its box in the image and an ink map holding only that digit's ink, ready for preprocess. No digits: an empty list.

How: the ink's connected components are the strokes. Specks are dropped, and components stacked over one another (the
bar of a 5, the two strokes of a 4) are merged into one digit. Two digits drawn touching are one component: for a
segment wide enough to be two, cut_candidates offers cuts at its emptiest columns, and the reader (digitpad.number)
keeps a cut only when the classifier is surer of both halves than of the whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitpad.config import CUTS_TRIED, INK_THRESHOLD, MERGE_OVERLAP, MIN_CUT_WIDTH, SPECK_FRACTION, TOUCHING_ASPECT
from digitpad.preprocess import ink_map, is_blank

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


def cut(segment: Segment, column: int) -> tuple[Segment, Segment]:
    """A segment cut in two at `column` (counted from its left edge), each half trimmed to its ink's rows."""
    halves = []
    for left, right in ((0, column), (column, segment.box[2])):
        piece = segment.ink[:, left:right]
        rows = np.flatnonzero(piece.max(axis=1) > INK_THRESHOLD)
        top, bottom = (rows[0], rows[-1] + 1) if len(rows) else (0, piece.shape[0])
        x, y = segment.box[0] + left, segment.box[1] + int(top)
        halves.append(Segment((x, y, right - left, int(bottom - top)), piece[top:bottom]))
    return halves[0], halves[1]


def cut_candidates(segment: Segment, line_height: int) -> list[tuple[Segment, Segment]]:
    """Where a segment might be two digits drawn touching: cuts at its emptiest columns, for the reader to judge.

    Only a segment wider than a narrow digit pair could be (TOUCHING_ASPECT times the height of the number's line:
    not its own, which for a piece already cut off can be small enough to make any sliver look wide) is considered;
    the cuts are the CUTS_TRIED columns with the least ink in the middle half of its width, each a digit's stroke
    apart.
    """
    width = segment.box[2]
    if width < max(TOUCHING_ASPECT * line_height, MIN_CUT_WIDTH):
        return []
    columns = segment.ink.sum(axis=0)
    middle = range(width // 4, 3 * width // 4)
    chosen: list[int] = []
    for column in sorted(middle, key=lambda c: columns[c]):
        if all(abs(column - other) > width // 8 for other in chosen):
            chosen.append(column)
        if len(chosen) == CUTS_TRIED:
            break
    return [cut(segment, column) for column in chosen]


def segment_digits(image: np.ndarray | None) -> list[Segment]:
    """The digits of a drawing, left to right (see the module's docstring); [] when there is no ink."""
    if image is None or image.size == 0:
        return []
    ink = ink_map(image)
    if is_blank(ink):
        return []
    labels, groups = strokes(ink > INK_THRESHOLD)
    segments = []
    for group in merge_stacked(groups):
        own_ink = np.where(np.isin(labels, group.labels), ink, 0.0).astype(np.float32)
        box = (group.left, group.top, group.width, group.height)
        segments.append(Segment(box, own_ink[group.top : group.bottom, group.left : group.right]))
    return segments
