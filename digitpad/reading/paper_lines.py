"""Lines on the paper: ruled, dotted and box lines, a form's field, and the page's tilt, found in a photo's ink.

In: what digitpad.reading.photo has made of a photo: [H, W] float32 contrast (each pixel's darkness against its own
paper) or [H, W] bool ink. Out: the faint ruled lines' contrast to take away (lines_across); the ink without lines
dark enough to be ink (without_ink_lines, without_line_residue); the page's tilt in degrees (page_tilt, and turned to
level it); and what the reader asks of a flat image: whether it holds a form's row of boxes (boxes_in_a_row) or a
line the crop cut off at its edge (line_at_edge).

How: a line is a straight run of ink across much of the crop (an opening along it keeps such runs), a dotted line one
once its gaps are closed and its dots counted, a box's lines straight sides along three or four sides of a piece of
ink. Each must be long beside the digits, so a 1's stem or a 7's bar stays ink.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.config import (
    FLAT_BAR_EDGE,
    FLAT_BAR_SPAN,
    FLAT_BAR_THICK,
    FLAT_LINE_EDGE,
    FLAT_LINE_THIN,
    FORM_BOX_WIDTH,
    FORM_BOXES,
    FORM_LINE_THIN,
    PHOTO_BOX_LONE,
    PHOTO_BOX_MOSTLY,
    PHOTO_BOX_ON_RUNS,
    PHOTO_BOX_OVER,
    PHOTO_BOX_SPAN,
    PHOTO_BOX_SPECK,
    PHOTO_BOX_THIN,
    PHOTO_BOX_TOUCHING,
    PHOTO_DOT_FILL,
    PHOTO_DOT_GAP,
    PHOTO_DOTS,
    PHOTO_DOTS_GAP,
    PHOTO_EDGE_BAND,
    PHOTO_EDGE_LINE_SPAN,
    PHOTO_FRAME_BEND,
    PHOTO_FRAME_JOIN,
    PHOTO_FRAME_MIN,
    PHOTO_FRAME_SIDE,
    PHOTO_FRAME_THICK,
    PHOTO_INK_LINE_SPAN,
    PHOTO_LINE_CONTRAST,
    PHOTO_LINE_LEVEL,
    PHOTO_LINE_RUN,
    PHOTO_LINE_SPAN,
    PHOTO_LINE_TILT,
    PHOTO_MAX_TILT,
    PHOTO_MIN_TILT,
    PHOTO_RESIDUE_LONG,
    PHOTO_SIDES_ALIKE,
    PHOTO_SLIVER_REACH,
    PHOTO_SLIVER_SHARE,
    PHOTO_TILT_GAIN,
    PHOTO_TILT_LINE,
    PHOTO_TILT_LINE_WIDTH,
    PHOTO_TILT_SIZE,
)
from digitpad.reading.labels import labels_touching, pieces_kept, pieces_touching
from digitpad.reading.preprocess import resize_by


def page_tilt(mask: np.ndarray) -> float:
    """Degrees the page is turned by (counter-clockwise), up to PHOTO_MAX_TILT: the turn that brings the ink's longest
    straight line (a box's, a dotted line's) level or upright, on a thumbnail PHOTO_TILT_SIZE px long. 0 when no line
    crosses PHOTO_TILT_LINE of the thumbnail so turned, when turning gains it less than PHOTO_TILT_GAIN, when what
    crosses is wider than PHOTO_TILT_LINE_WIDTH (no line), or when the turn is under PHOTO_MIN_TILT (lines are found
    at that tilt as they are)."""
    scale = min(1.0, PHOTO_TILT_SIZE / max(mask.shape))
    thumbnail = resize_by(mask.astype(np.uint8), scale, cv2.INTER_NEAREST)
    angles = np.arange(-PHOTO_MAX_TILT, PHOTO_MAX_TILT + 0.25, 0.5)
    views = [turned(thumbnail, angle, nearest=True) for angle in angles]
    scores = [longest_line(view) for view in views]
    best = int(np.argmax(scores))
    level = scores[best] >= PHOTO_TILT_LINE and scores[best] >= PHOTO_TILT_GAIN * longest_line(thumbnail)
    level &= line_width(views[best]) <= PHOTO_TILT_LINE_WIDTH
    return float(angles[best]) if level and abs(angles[best]) >= PHOTO_MIN_TILT else 0.0


def longest_line(mask: np.ndarray) -> float:
    """The largest share of a row (or a column) of `mask` that is ink, with the rows (columns) either side."""
    rows = cv2.dilate(mask, np.ones((3, 1), np.uint8)).mean(axis=1).max(initial=0)
    columns = cv2.dilate(mask, np.ones((1, 3), np.uint8)).mean(axis=0).max(initial=0)
    return float(max(rows, columns))


def turned(image: np.ndarray, degrees: float, nearest: bool = False, repeat_edges: bool = False) -> np.ndarray:
    """`image` turned counter-clockwise about its centre by `degrees`, its size kept; 0 comes in at the corners, or
    the nearest edge is repeated there (`repeat_edges`: for a photo); pixels interpolated, or the nearest taken
    (`nearest`: for masks)."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    interpolation = cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR
    border = cv2.BORDER_REPLICATE if repeat_edges else cv2.BORDER_CONSTANT
    return cv2.warpAffine(image, matrix, (width, height), flags=interpolation, borderMode=border, borderValue=0)


def line_width(mask: np.ndarray) -> float:
    """The width of the fullest row's (or column's) band, as a share of the side: the rows round it at least half as
    full. A line's is a few pixels; a dark region's edge (hills against the sky) or a tight crop's stroke is wider."""
    widths = []
    for profile in (mask.mean(axis=1), mask.mean(axis=0)):
        best = int(np.argmax(profile))
        gaps = np.flatnonzero(profile < 0.5 * profile[best])  # the band runs between the gaps either side of it
        low, high = gaps[gaps < best].max(initial=-1) + 1, gaps[gaps > best].min(initial=len(profile))
        widths.append((profile[best], (high - low) / len(profile)))
    return max(widths)[1]


def lines_across(contrast: np.ndarray) -> np.ndarray:
    """[H, W] float32: the contrast of horizontal lines crossing at least PHOTO_LINE_SPAN of the image's width.

    An opening with a short horizontal line (PHOTO_LINE_RUN of the width) keeps the straight horizontal runs, of
    lines and of thick strokes; a band of rows where such runs cross the sheet holds a line. Only the line's own
    darkness (a low percentile over its band's columns) is taken away there, so a stroke across or along it keeps
    the rest.
    """
    width = contrast.shape[1]
    runs = cv2.morphologyEx(contrast, cv2.MORPH_OPEN, np.ones((1, max(3, round(PHOTO_LINE_RUN * width))), np.uint8))
    in_run = runs > PHOTO_LINE_CONTRAST
    # A line tilted by up to PHOTO_LINE_TILT (rise over width) crosses all of a band of rows that high around it.
    band = max(1, round(PHOTO_LINE_TILT * width))
    crossing = cv2.dilate(in_run.astype(np.uint8), np.ones((band, 1), np.uint8)).mean(axis=1) >= PHOTO_LINE_SPAN
    lines = np.zeros_like(contrast)
    for top, bottom in stretches(crossing):
        level = np.percentile(runs[top:bottom].max(axis=0), PHOTO_LINE_LEVEL)  # strokes lie along it in some columns
        lines[top:bottom] = np.minimum(runs[top:bottom], level)
    return lines


def stretches(flags: np.ndarray) -> list[tuple[int, int]]:
    """The (start, end) of each run of True in a row of flags, end exclusive."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def straight_runs(mask: np.ndarray, span: float, gap: float = 0.0) -> np.ndarray:
    """[H, W] bool: the pixels of `mask` on horizontal runs across `span` of its width, tilted by up to
    PHOTO_LINE_TILT, with gaps up to `gap` of its width closed first (a dotted line's)."""
    return (run_bands(mask, span, gap) > 0) & mask


def run_bands(mask: np.ndarray, span: float, gap: float = 0.0) -> np.ndarray:
    """[H, W] uint8, 1 in the bands of rows that hold straight_runs' runs (`mask`'s ink there, and its gaps), else 0."""
    width = mask.shape[1]
    runs = mask.astype(np.uint8)
    if gap:
        runs = cv2.morphologyEx(runs, cv2.MORPH_CLOSE, np.ones((1, max(3, round(gap * width))), np.uint8))
    runs = cv2.dilate(runs, np.ones((max(1, round(PHOTO_LINE_TILT * span * width)), 1), np.uint8))
    runs = opened_along_rows(runs, max(3, round(span * width)))
    return cv2.dilate(runs, np.ones((3, 1), np.uint8))


def opened_along_rows(mask: np.ndarray, length: int) -> np.ndarray:
    """What cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, length), np.uint8)) makes of an [H, W] uint8 mask of
    0 and 1, exactly, its rule at the frame's edge included: found from the runs of the rows holding enough ink to keep
    one, so an opening across most of a 1,000 px photo takes 0.1 ms, not OpenCV's 10, whose time grows with the
    length."""
    height, width = mask.shape
    half = length // 2  # OpenCV's anchor
    opened = np.zeros_like(mask)
    # A run kept is `length` - `half` long at least, or else the whole row
    rows = np.flatnonzero(cv2.reduce(mask, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel() >= min(length - half, width))
    if len(rows) * 500 > height * length:  # so many rows that OpenCV is quicker
        return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    if not len(rows):
        return opened
    edges = np.diff(mask[rows].view(np.int8), axis=1, prepend=np.int8(0), append=np.int8(0))  # [rows, W + 1]
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    row, start, end = starts // (width + 1), starts % (width + 1), ends % (width + 1)  # each run [start, end)
    # The erosion keeps the pixels whose window of `length` lies in the run, or in it and beyond the frame's edge
    low = np.where(start == 0, 0, start + half)
    high = np.where(end == width, width - 1, end - length + half)
    kept = low <= high
    # The dilation grows each run of them back by the window, `length` - 1 - `half` left and `half` right
    first = row[kept] * (width + 1) + np.maximum(0, low[kept] - (length - 1 - half))
    after = row[kept] * (width + 1) + np.minimum(width - 1, high[kept] + half) + 1
    cells = edges.size
    painted = np.bincount(first, minlength=cells) - np.bincount(after, minlength=cells)  # +1 where one starts, -1 after
    opened[rows] = np.cumsum(painted.reshape(edges.shape), axis=1)[:, :width] > 0
    return opened


def boxes_in_a_row(mask: np.ndarray) -> bool:
    """Whether `mask` ([H, W] bool ink) holds a row of FORM_BOXES or more boxes, as a form's field holds one digit to a
    box: two lines across PHOTO_LINE_SPAN of its width, and FORM_BOXES + 1 lines down that span of the height between
    them, each at least FORM_BOX_WIDTH of that height from the next. Every line is under FORM_LINE_THIN of the row's
    height thick: a thick stroke's two edges are no box. The mask is levelled first, as a page is (page_tilt)."""
    columns = np.flatnonzero(mask.any(axis=0))
    if len(columns) == 0 or columns[-1] - columns[0] < PHOTO_LINE_SPAN * mask.shape[1]:
        return False  # no line across: most drawings, told so without turning them
    mask = turned(mask.astype(np.uint8), page_tilt(mask), nearest=True)
    across = stretches(run_bands(mask, PHOTO_LINE_SPAN).any(axis=1))
    if len(across) < 2:
        return False
    thin = FORM_LINE_THIN * (across[-1][1] - across[0][0])
    if max(line_thickness(mask[start:end]) for start, end in across) > thin:
        return False
    between = mask[across[0][1] : across[-1][0]].T  # the rows between the top line and the bottom one, on their side
    down = [start for start, end in stretches(run_bands(between, PHOTO_LINE_SPAN).any(axis=1))
            if line_thickness(between[start:end]) <= thin]  # fmt: skip
    return np.count_nonzero(np.diff(down) >= FORM_BOX_WIDTH * between.shape[1]) >= FORM_BOXES


def line_thickness(band: np.ndarray) -> float:
    """How thick a line along a band of rows is: its ink per column that has any."""
    return float(band.sum()) / max(1, int(np.count_nonzero(band.any(axis=0))))


def line_at_edge(mask: np.ndarray) -> bool:
    """Whether `mask` ([H, W] bool ink) holds a line across PHOTO_LINE_SPAN of its width (or height), under
    FLAT_LINE_THIN of the other side thick, that runs to within FLAT_LINE_EDGE of the frame's edge: a form's ruled or
    box line, cut off where the photo was cropped. The mask is levelled first, as a page is (page_tilt)."""
    mask = turned(mask.astype(np.uint8), page_tilt(mask), nearest=True)
    for view in (mask, mask.T):
        side, length = view.shape
        for start, end in stretches(run_bands(view, PHOTO_LINE_SPAN).any(axis=1)):
            band = view[start:end]
            ends = np.flatnonzero(band.any(axis=0))[[0, -1]]  # the band's ink, the line's and any stroke's across it
            at_edge = ends[0] <= FLAT_LINE_EDGE * length or ends[1] + 1 >= (1 - FLAT_LINE_EDGE) * length
            if at_edge and line_thickness(band) <= FLAT_LINE_THIN * side:
                return True
    return False


def bar_at_edge(mask: np.ndarray) -> bool:
    """Whether `mask` ([H, W] bool ink) holds a bar FLAT_BAR_THICK of its height (or width) thick or more, of rows (or
    columns) of ink across FLAT_BAR_SPAN of it, within FLAT_BAR_EDGE of the frame's edge: an app's title bar or
    toolbar, round a drawing in a screenshot of the app (a line drawn under a digit is thinner)."""
    for view in (mask, mask.T):
        across = view.mean(axis=1) >= FLAT_BAR_SPAN
        edge, thick = max(1, round(FLAT_BAR_EDGE * len(across))), FLAT_BAR_THICK * len(across)
        if across[:edge].sum() >= thick or across[-edge:].sum() >= thick:
            return True
    return False


def dotted_runs(mask: np.ndarray, span: float, gap: float) -> np.ndarray:
    """[H, W] bool: the pixels of `mask` on a dotted line: a run across `span` of its width once gaps of `gap` of it
    are closed (run_bands), whose ink, column by column, rises into PHOTO_DOTS or more dots, each within twice the gap
    of the one before. A dot is where the run's ink is over half as thick as in the thickest quarter of its columns:
    dots touching each other narrow between them; a pen's stroke along a line is as thick all along, and digits stand
    a digit apart."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(run_bands(mask, span, gap), connectivity=8)
    dotted = np.zeros_like(mask)
    for label in range(1, count):
        x, y, width, height = stats[label, :4]
        box = np.s_[y : y + height, x : x + width]
        on_it = mask[box] & (labels[box] == label)
        thickness = on_it.sum(axis=0)
        dots = np.flatnonzero(np.diff((thickness > 0.5 * np.percentile(thickness, 75)).astype(np.int8), prepend=0) > 0)
        if np.count_nonzero(np.diff(dots) <= 2 * gap * mask.shape[1]) >= PHOTO_DOTS - 1:
            dotted[box] |= on_it
    return dotted


def without_ink_lines(mask: np.ndarray, ruled: np.ndarray) -> np.ndarray:
    """The ink without lines dark enough to be ink: a box drawn whole round the writing (frames; `ruled`, the ruled
    lines already taken from the mask, may be one of its sides), then, in the ink left, straight (or dotted) runs
    across PHOTO_INK_LINE_SPAN of the crop and box lines along its edges (a whole box's sides, left in, would join
    the digits' tops into one run across it), and a box's lines round small writing (box_lines). A mask that would
    lose nine tenths of its ink is all line, or a digit taken for one (a tightly cropped 1): it is kept, unless a
    whole box was among the lines found (a thin 1, or nothing, in its box: what is left is right)."""
    framed = frames(mask | ruled) & mask
    unframed = mask & ~framed
    lines = framed | straight_runs(unframed, PHOTO_INK_LINE_SPAN, gap=PHOTO_DOT_GAP)
    for along in (unframed, unframed.T):  # rows, then columns
        edge = straight_runs(along, PHOTO_EDGE_LINE_SPAN)
        band = max(1, round(PHOTO_EDGE_BAND * edge.shape[0]))
        edge[band : edge.shape[0] - band] = False
        lines |= edge if along is unframed else edge.T
    lines |= box_lines(mask, lines)
    rest = without_slivers(mask & ~lines, lines)
    return rest if rest.sum() > 0.1 * mask.sum() or framed.any() else mask


def without_line_residue(ink: np.ndarray, marked: np.ndarray, across: np.ndarray) -> np.ndarray:
    """The ink without what a ruled line across it (`across`: lines_across' pixels) left beside the digits, where it
    ran darker or thicker than what lines_across took away: runs down a column lying wholly within the line's thickness
    of it (the median height of `marked`'s runs through it), in stretches of columns that hold no digit (no component
    of the rest at PHOTO_BOX_SPECK of the largest's area) PHOTO_RESIDUE_LONG times that thickness long or more. A
    stroke crossing the line runs beyond it; a digit's stroke along it (a 2's foot) lies under its digit or is short.
    """
    if not across.any():
        return ink
    line_runs = column_runs(marked | across)
    heights, through = np.bincount(line_runs.ravel()), labels_touching(line_runs, across)  # np.unique took 16 ms
    thick = int(np.median(heights[through]))
    band = cv2.dilate(across.astype(np.uint8), np.ones((2 * thick + 1, 1), np.uint8)) > 0
    runs = column_runs(ink)
    beyond = np.bincount(runs[ink & ~band], minlength=runs.max() + 1) > 0  # runs reaching out of the band
    residue = ink & ~beyond[runs]
    _, labels, stats, _ = cv2.connectedComponentsWithStats((ink & ~residue).astype(np.uint8), connectivity=8)
    area = stats[1:, cv2.CC_STAT_AREA]
    digits = pieces_kept(labels, area >= PHOTO_BOX_SPECK * area.max(initial=0))
    alone = residue.any(axis=0) & ~digits.any(axis=0)  # columns holding residue and no digit
    for start, end in stretches(alone):
        alone[start:end] = end - start >= PHOTO_RESIDUE_LONG * thick
    return ink & ~(residue & alone)


def column_runs(mask: np.ndarray) -> np.ndarray:
    """[H, W] int: the runs of `mask` down its columns, numbered from 1 column by column (0 for no ink)."""
    down = mask.T  # a column as a row, so that numbering goes down each column in turn
    starts = down & ~np.pad(down, ((0, 0), (1, 0)))[:, :-1]
    return (np.cumsum(starts.ravel()).reshape(down.shape) * down).T


def frames(mask: np.ndarray) -> np.ndarray:
    """[H, W] bool: the lines of boxes drawn round the writing: pieces of ink (pieces within PHOTO_FRAME_JOIN px of
    each other counted as one: a side the photo blurred apart) with a straight line along three or all four sides of
    their bounding box (side_line). A fourth side may be missing, cut off by the crop; lines the caller adds to `mask`
    (the ruled lines) count as sides. A digit written touching the box is part of its piece; only the lines are
    taken."""
    joined = cv2.dilate(mask.astype(np.uint8), np.ones((PHOTO_FRAME_JOIN, PHOTO_FRAME_JOIN), np.uint8))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    lines = np.zeros_like(mask)
    big = (stats[1:, cv2.CC_STAT_WIDTH] >= PHOTO_FRAME_MIN) & (stats[1:, cv2.CC_STAT_HEIGHT] >= PHOTO_FRAME_MIN)
    for label in np.flatnonzero(big) + 1:
        x, y, width, height = stats[label, :4]
        own = (labels[y : y + height, x : x + width] == label) & mask[y : y + height, x : x + width]
        views = (own, own[::-1], own.T, own.T[::-1])  # its top, bottom, left and right sides, each seen as a top
        sides = [side_line(view) for view in views]
        if sum(side is not None for side in sides) >= 3:
            top, bottom, left, right = (
                np.zeros_like(view) if side is None else side for view, side in zip(views, sides, strict=True)
            )
            lines[y : y + height, x : x + width] |= top | bottom[::-1] | left.T | right[::-1].T
    return lines


def side_line(own: np.ndarray) -> np.ndarray | None:
    """[H, W] bool: the ink of the straight line along the top of `own` (a piece of ink in its bounding box), or None
    when there is none: the first ink down PHOTO_FRAME_SIDE of the columns lies within PHOTO_FRAME_BEND of the
    width of one straight line, within PHOTO_FRAME_THICK of the height from the top, and the ink running down from it
    there is under PHOTO_FRAME_THICK of the box's size. The line's band is taken, not a stroke written across it."""
    height, width = own.shape
    rows = np.arange(height)[:, None]
    first = np.where(own.any(axis=0), own.argmax(axis=0), height)
    half = width // 2
    left, right = float(np.median(first[:half])), float(np.median(first[half:]))  # at each half's middle
    guess = left + (right - left) * (np.arange(width) - half / 2) / (width / 2)
    near = np.abs(first - guess) <= max(2.0, PHOTO_FRAME_BEND * width)
    if near.mean() < PHOTO_FRAME_SIDE or max(left, right) > PHOTO_FRAME_THICK * height:
        return None
    slope, level = np.polyfit(np.flatnonzero(near), first[near], 1)  # the line's top edge, column by column
    edge = slope * np.arange(width) + level
    paper = ~own & (rows >= first)  # below each column's first ink
    run = np.where(paper.any(axis=0), paper.argmax(axis=0), height) - first  # the ink running down from it
    thick = float(np.median(run[near]))
    if thick > PHOTO_FRAME_THICK * min(height, width):
        return None
    return own & (rows >= edge - 1) & (rows <= edge + thick)


def without_slivers(rest: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """`rest` without the slivers left of the `lines` taken from it: components with PHOTO_SLIVER_SHARE of their ink
    within PHOTO_SLIVER_REACH px of a line's (the edge of a tilted line, which straight runs take all but)."""
    reach = 2 * PHOTO_SLIVER_REACH + 1
    near = cv2.dilate(lines.astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0
    count, labels = cv2.connectedComponents(rest.astype(np.uint8), connectivity=8)
    sliver = np.bincount(labels[near & rest], minlength=count) >= PHOTO_SLIVER_SHARE * np.bincount(labels.ravel())
    sliver[0] = False  # the paper
    return rest & ~sliver[labels]


def box_lines(mask: np.ndarray, found: np.ndarray) -> np.ndarray:
    """[H, W] bool: the lines of a box drawn round writing small in the crop, beyond the `found` lines that cross it:
    straight runs across PHOTO_BOX_SPAN of the crop's side, PHOTO_BOX_OVER times as long as the digits are wide (runs
    across) or tall (runs down), that meet the crop's edge, a line found or each other (a box's corner). The digits'
    size is the median of the components that measure it (digit_components: not a 1, a line or a speck; a digit
    touching a line measured apart from it). A run PHOTO_BOX_LONE times as long as the largest digit is a line meeting
    nothing too (a box's side, its other lines faint or cut off), unless it has more ink than the digits together (a 1
    beside a tick, the tick taken for the digits' size). And a dotted line under the digits, too short to cross the
    crop (dotted_runs: PHOTO_BOX_OVER times the digits' width, its gaps closed up to PHOTO_DOTS_GAP of their height).
    And the sides of a box tight round its digits: runs down as long as the digits are tall, from a line across (found,
    or PHOTO_BOX_OVER times the digits' width) to another (from_line_to_line). And two long runs down with a digit
    between them (flanking_sides)."""
    across = straight_runs(mask, PHOTO_BOX_SPAN) & ~found
    down = straight_runs(mask.T, PHOTO_BOX_SPAN).T & ~found
    width, height, area, digit, middles = digit_components(mask & ~found, across | down)
    if not digit.any():
        return np.zeros_like(mask)
    wide, tall = float(np.median(width[digit])), float(np.median(height[digit]))
    rows, columns = mask.shape
    if PHOTO_BOX_OVER * wide < PHOTO_BOX_SPAN * columns:  # a box round writing small in its crop spans less of it
        across = straight_runs(mask, PHOTO_BOX_OVER * wide / columns) & ~found
    long_down = straight_runs(mask.T, min(1.0, PHOTO_BOX_OVER * tall / rows)).T  # runs down as long as a box's side
    if PHOTO_BOX_OVER * tall < PHOTO_BOX_SPAN * rows:
        down = long_down & ~found
    all_ink = area[digit].sum()
    lines = dotted_runs(mask & ~found, PHOTO_BOX_OVER * wide / columns, PHOTO_DOTS_GAP * tall / columns)
    runs = [  # and the box's lines, across and down
        long_runs(across, cv2.CC_STAT_WIDTH, wide, width[digit].max(), all_ink),
        long_runs(down, cv2.CC_STAT_HEIGHT, tall, height[digit].max(), all_ink),
    ]
    for (labels, long, lone), (_, other, _) in zip(runs, runs[::-1], strict=True):
        meets = cv2.dilate((found | other).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        meets[[0, -1], :] = meets[:, [0, -1]] = True
        lines |= pieces_touching(labels, meets & long) | lone
    sides = straight_runs(mask.T, tall / rows).T & ~found & ~lines  # a tight box's, as tall as its digits
    lines |= from_line_to_line(sides, found | runs[0][1])
    return lines | flanking_sides(long_down, middles[digit])


def flanking_sides(runs: np.ndarray, digits: np.ndarray) -> np.ndarray:
    """[H, W] bool: two of the `runs` down ([H, W] bool: box_lines', PHOTO_BOX_OVER times as long as the digits are
    tall, lines crossing them included) alongside each other for PHOTO_SIDES_ALIKE of the longer's length, with a
    digit between them (`digits`: [N, 2], the middles of those digit_components measures the digits by): a box's
    sides, its top and bottom lines faint, cut off, or a table's, run on past them. Each is taken whole, through any
    line crossing it."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs.astype(np.uint8), connectivity=8)
    if count < 3:  # fewer than two runs
        return np.zeros_like(runs)
    left, top, width, height = stats[1:, :4].T
    x, y = digits.T
    sides = np.zeros(count - 1, bool)
    for i, j in zip(*np.nonzero(left[None, :] > (left + width)[:, None]), strict=True):  # run j right of run i
        low, high = max(top[i], top[j]), min(top[i] + height[i], top[j] + height[j])
        if high - low < PHOTO_SIDES_ALIKE * max(height[i], height[j]):
            continue
        if ((x > left[i] + width[i]) & (x < left[j]) & (y > low) & (y < high)).any():
            sides[[i, j]] = True
    return pieces_kept(labels, sides)


def from_line_to_line(down: np.ndarray, across: np.ndarray) -> np.ndarray:
    """[H, W] bool: the runs `down` whose ends (their first and last 3 rows) both meet a line `across`: a box's sides
    between its top and bottom lines. Not the crop's edge: a stroke of the writing above, cut off there, stands on its
    line too."""
    meets = cv2.dilate(across.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(down.astype(np.uint8), connectivity=8)
    top = stats[labels, cv2.CC_STAT_TOP]
    row = np.arange(down.shape[0])[:, None] - top  # each pixel's row down from its run's top
    at_top = np.bincount(labels[down & meets & (row < 3)], minlength=count) > 0
    at_bottom = np.bincount(labels[down & meets & (row >= stats[labels, cv2.CC_STAT_HEIGHT] - 3)], minlength=count) > 0
    side = at_top & at_bottom
    side[0] = False  # the paper
    return side[labels]


def digit_components(mask: np.ndarray, runs: np.ndarray) -> tuple[np.ndarray, ...]:
    """The widths, heights and areas of the mask's components, which of them measure the digits, and their boxes'
    middles ([N, 2], x and y). Those that measure the digits are neither thin (PHOTO_BOX_THIN), nor mostly on the
    straight `runs` (PHOTO_BOX_MOSTLY), nor small (PHOTO_BOX_SPECK). A digit written touching a box's line is one
    component with it: the largest, PHOTO_BOX_TOUCHING times the smallest digit's width or height, with
    PHOTO_BOX_ON_RUNS of its ink on the runs and another digit inside its box. Then the digits are measured without
    the runs."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    left, top, width, height, area = stats[1:].T
    x, y = left + width / 2, top + height / 2  # centres
    on_runs = np.bincount(labels[runs], minlength=count)[1:]
    digit = np.minimum(width, height) >= PHOTO_BOX_THIN * np.maximum(width, height)
    digit &= (on_runs < PHOTO_BOX_MOSTLY * area) & (area >= PHOTO_BOX_SPECK * area.max(initial=0))
    digit &= ~dots_in_a_row(y, width, height, area)
    if digit.sum() >= 2:
        i = np.flatnonzero(digit)[np.argmax(np.maximum(width, height)[digit])]  # the largest
        over = max(width[i] / width[digit].min(), height[i] / height[digit].min())
        inside = digit & (x > left[i]) & (x < left[i] + width[i]) & (y > top[i]) & (y < top[i] + height[i])
        if over >= PHOTO_BOX_TOUCHING and on_runs[i] >= PHOTO_BOX_ON_RUNS * area[i] and inside.sum() >= 2:
            return digit_components(mask & ~runs, runs)
    return width, height, area, digit, np.stack([x, y], axis=1)


def dots_in_a_row(middle: np.ndarray, width: np.ndarray, height: np.ndarray, area: np.ndarray) -> np.ndarray:
    """[N] bool: which of N components (their middle rows, widths, heights, areas) are the dots of a dotted line: round,
    filled (PHOTO_DOT_FILL of their box), 3 px or more, and among PHOTO_DOTS or more such of about their height
    (within a factor of two) whose middles lie within their height of its row. Dots too far apart to touch are small
    beside the digits but not specks: no measure of the digits either."""
    dot = np.minimum(width, height) >= np.maximum(0.5 * np.maximum(width, height), 3)
    dot &= area >= PHOTO_DOT_FILL * width * height
    i = np.flatnonzero(dot)  # a few dozen; the noise's specks are smaller
    alike = np.abs(middle[i, None] - middle[None, i]) <= height[i, None]
    alike &= (height[None, i] <= 2 * height[i, None]) & (2 * height[None, i] >= height[i, None])
    dot[i] = alike.sum(axis=1) >= PHOTO_DOTS
    return dot


def long_runs(runs: np.ndarray, side: int, digits: float, largest: int, all_ink: int) -> tuple[np.ndarray, ...]:
    """(the runs' component labels; [H, W] bool: those PHOTO_BOX_OVER times `digits` long or more along `side`;
    [H, W] bool: those PHOTO_BOX_LONE times the `largest` digit's length with less ink than `all_ink`, the digits')."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(runs.astype(np.uint8), connectivity=8)
    length, ink = stats[1:, side], stats[1:, cv2.CC_STAT_AREA]
    long, lone = length >= PHOTO_BOX_OVER * digits, (length >= PHOTO_BOX_LONE * largest) & (ink < all_ink)
    return labels, pieces_kept(labels, long), pieces_kept(labels, lone)
