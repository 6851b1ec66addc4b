"""What cleaning a photo drops that is not writing: specks, scraps cut off at the crop's edge, blobs far thicker than
a pen's stroke, rings drawn round writing, a pen lying on the page, and bands with no paper round them.

In: [H, W] bool ink (digitpad.reading.photo's, its lines already taken away), and for on_paper the photo's brightness
and its paper's. Out: the same mask with those components removed. Each is judged by its size beside the largest, its
stroke's width (the distance from its ink to the nearest paper) against its height, and what surrounds it: round a pen
stroke is paper; round the rim a large dark region leaves (a face, the ground under a sky) is the region.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.config import (
    MIN_SEGMENT_HEIGHT,
    PHOTO_BLOB,
    PHOTO_PEN_BAR,
    PHOTO_PEN_LONG,
    PHOTO_PEN_STRAIGHT,
    PHOTO_PEN_THICK,
    PHOTO_PEN_WRITING,
    PHOTO_RING_CONTENT,
    PHOTO_SCRAP,
    PHOTO_SCRAP_HEIGHT,
    PHOTO_SCRAP_THIN,
    PHOTO_SPECK_AREA,
    PHOTO_STROKE_ELONGATION,
    PHOTO_SURROUND,
    PHOTO_SURROUND_REACH,
    SPECK_FRACTION,
)
from digitpad.reading.labels import pieces_kept


def without_specks(mask: np.ndarray) -> np.ndarray:
    """The mask without its small components: under SPECK_FRACTION of the largest one, or under PHOTO_SPECK_AREA of the
    image unless long for their thickness (PHOTO_STROKE_ELONGATION): a sheet holding only specks comes out empty, and a
    digit written small on a big page keeps its strokes."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    stroke = areas >= PHOTO_STROKE_ELONGATION * np.maximum(thickness(mask, labels, count), 1) ** 2  # a line, not a dot
    kept = (areas >= SPECK_FRACTION * areas.max(initial=0)) & ((areas >= PHOTO_SPECK_AREA * mask.size) | stroke)
    return pieces_kept(labels, kept)


def without_edge_scraps(mask: np.ndarray) -> np.ndarray:
    """The mask without the scraps cut off at the crop's edge: components touching it that are small and short beside
    the largest and the tallest (PHOTO_SCRAP, PHOTO_SCRAP_HEIGHT), or thinner than the pen that wrote the largest
    (PHOTO_SCRAP_THIN): what is left of a box line, not a stroke."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    x, y, width, height, area = stats[1:].T
    touches = (x == 0) | (y == 0) | (x + width >= mask.shape[1]) | (y + height >= mask.shape[0])
    scrap = touches & (area < PHOTO_SCRAP * area.max(initial=0)) & (height < PHOTO_SCRAP_HEIGHT * height.max(initial=0))
    if count > 2:  # a line's thin remnant beside the digits
        thick = thickness(mask, labels, count)
        scrap |= touches & (area < area.max()) & (thick < PHOTO_SCRAP_THIN * thick[np.argmax(area)])
    return pieces_kept(labels, ~scrap)


def without_blobs(mask: np.ndarray) -> np.ndarray:
    """The mask without blobs: components whose stroke, along its length (mean_width), is wider than PHOTO_BLOB of
    their own height (an eye, a dark stretch of ground, a shadow's edge) are not pen strokes."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count <= 1:
        return mask
    blob = mean_width(mask, labels, count) > PHOTO_BLOB * stats[1:, cv2.CC_STAT_HEIGHT]
    return pieces_kept(labels, ~blob)


def without_rings(mask: np.ndarray) -> np.ndarray:
    """The mask without rings drawn round writing: a component whose inside (what paper it closes off from the rest)
    holds other ink at least PHOTO_RING_CONTENT of its own height, as a circle round a teacher's mark or a form's answer
    does. A digit's loop holds none: the ring, read as a 0 beside the digit or in place of it, is not writing."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    tallest, rings = stats[1:, cv2.CC_STAT_HEIGHT].max(initial=0), []
    for label in range(1, count):
        left, top, width, height = stats[label, :4]
        if height < MIN_SEGMENT_HEIGHT * tallest:
            continue  # too short to close off a digit
        own = np.pad(labels[top : top + height, left : left + width] == label, 1).astype(np.uint8)
        outside = own.copy()
        cv2.floodFill(outside, None, (0, 0), 1)  # the paper round it, reached from its box's corner
        inside = (outside == 0)[1:-1, 1:-1]
        rows = np.flatnonzero((inside & mask[top : top + height, left : left + width]).any(axis=1))
        if rows.size and rows[-1] + 1 - rows[0] >= PHOTO_RING_CONTENT * height:
            rings.append(label)
    return mask & ~np.isin(labels, rings) if rings else mask


def without_pens(mask: np.ndarray) -> np.ndarray:
    """The mask without a pen, a pencil or a ruler lying on the page beside the writing: a component nearly straight
    (filling PHOTO_PEN_STRAIGHT of the smallest rectangle round it at any angle, or more), PHOTO_PEN_LONG times as long
    as the largest other piece of ink, itself PHOTO_PEN_WRITING of the frame long or more; or straight (filling
    PHOTO_PEN_BAR of it) and PHOTO_PEN_THICK times as thick as the rest of the ink, as a pen the frame cuts short is.
    Taken for the tallest digit, a pen made the digits scraps: "18" read as a 1. A 1 is as thick as the digits beside
    it, and about as tall."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count <= 2:  # a lone piece of ink is the writing
        return mask
    widths, areas = mean_width(mask, labels, count), stats[1:, cv2.CC_STAT_AREA]
    extents = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    pens = []
    for label in range(1, count):
        left, top, width, height = stats[label, :4]
        others = np.arange(count - 1) != label - 1
        largest = extents[others].max()
        writing = largest >= PHOTO_PEN_WRITING * max(mask.shape)
        may_be_long = (
            writing and np.hypot(width, height) >= PHOTO_PEN_LONG * largest
        )  # no piece outruns its box's diagonal
        thick = widths[label - 1] >= PHOTO_PEN_THICK * weighted_median(widths[others], areas[others])
        if not (may_be_long or thick):  # a digit, as most pieces are: no rectangle to fit
            continue
        own = (labels[top : top + height, left : left + width] == label).astype(np.uint8)
        _, sides, _ = cv2.minAreaRect(cv2.findNonZero(own))
        length, fill = max(sides), areas[label - 1] / max(1.0, max(sides) * max(1.0, min(sides)))
        long = may_be_long and length >= PHOTO_PEN_LONG * largest
        if (long and fill >= PHOTO_PEN_STRAIGHT) or (thick and fill >= PHOTO_PEN_BAR):
            pens.append(label)
    return mask & ~np.isin(labels, pens) if pens else mask


def weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The median of `values`, each counted `weights` times."""
    order = np.argsort(values)
    halfway = np.searchsorted(np.cumsum(weights[order]), weights.sum() / 2)
    return float(values[order][halfway])


def thickness(mask: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    """[count - 1] float32: the thickness of each component labelled 1..count - 1 in `labels`, twice its largest
    distance to the paper."""
    distance = distance_to_paper(mask)
    thickest = np.zeros(count, np.float32)
    np.maximum.at(thickest, labels[mask], 2 * distance[mask])  # the ink's pixels only: the paper's distance is 0
    return thickest[1:]


def mean_width(mask: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    """[count - 1] float64: each component's stroke width along its length, four times its pixels' mean distance to
    the paper (a band w wide has a mean of w / 4): a blot where strokes meet, or the loop of a small blurred 2 closed
    up, widens it far less than it does thickness."""
    component = labels[mask]  # each ink pixel's label
    sums = np.bincount(component, weights=distance_to_paper(mask)[mask], minlength=count)[1:]
    return 4 * sums / np.maximum(np.bincount(component, minlength=count)[1:], 1)


def distance_to_paper(mask: np.ndarray) -> np.ndarray:
    """[H, W] float32: each ink pixel's distance to the nearest paper, beyond the image's edge included."""
    return cv2.distanceTransform(np.pad(mask, 1).astype(np.uint8), cv2.DIST_L2, 3)[1:-1, 1:-1]


def on_paper(mask: np.ndarray, marked: np.ndarray, gray: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """The mask without what is not ink on paper (`paper`: paper_brightness): components more than PHOTO_SURROUND of
    whose surroundings, out to PHOTO_SURROUND_REACH of their stroke's width (mean_width) and other than ink and ruled
    lines (`marked`), are darker than halfway from the component's ink to its paper. Round a pen stroke is its paper;
    round the band that the edge of a dark region leaves (the ground under the sky, a cup beside the sheet: the closing
    lifts the paper there) is the dark region."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count <= 1:
        return mask
    widths = mean_width(mask, labels, count)
    kept = np.ones(count - 1, bool)
    for label in range(1, count):
        x, y, width, height, _ = stats[label]
        reach = max(2, round(PHOTO_SURROUND_REACH * widths[label - 1]))
        box = np.s_[max(0, y - reach) : y + height + reach, max(0, x - reach) : x + width + reach]
        own = labels[box] == label
        disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
        round_it = (cv2.dilate(own.astype(np.uint8), disc) > 0) & ~marked[box]
        if round_it.any():
            halfway = (float(np.median(paper[box][own])) + float(np.median(gray[box][own]))) / 2
            kept[label - 1] = (gray[box][round_it] < halfway).mean() <= PHOTO_SURROUND
    return pieces_kept(labels, kept)
