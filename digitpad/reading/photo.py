"""Photos of paper: a phone photo or scan of digits written in ink, cleaned into the ink image the digit reader takes.

In: a grayscale, RGB or RGBA photo of any size and numeric dtype, ink of any colour on lighter paper (or light on
dark), lit unevenly, with shadows, specks, ruled, dotted and box lines. Out: an [H, W] uint8 image, white ink (255) on
black (0), PHOTO_MIN_WORKING_SIZE to PHOTO_WORKING_SIZE px on its longer side; all black when nothing is written. It
is also what the page shows as "what it cut out"; digitpad.models.number.read_number reads it as it reads the page's
canvas.

How: a pixel's brightness is its darkest colour channel, so red and blue ink are as dark as black. The paper's
brightness is estimated everywhere by erasing the ink (a closing wider than any stroke), and each pixel's ink is how
much darker it is than its own paper, so a shadow or a dim side of the sheet is paper, not ink. Long faint straight runs
(ruled lines, the margin) are subtracted as far as they are dark, so ink crossing a faint line keeps its stroke. What is
clearly darker than its paper is ink (clearly: beside the darkest ink, when that is a pencil's grey or small writing the
lens blurred, and above the paper's grain), and so are fainter pixels touching it (a thin stroke's ends). Lines dark
enough to be ink (a box's, drawn whole or cut by the crop, dotted lines) go next, then what a faint line left beside the
digits where it ran darker than what was taken, specks, scraps cut off at the crop's edge, blobs far thicker than a pen
stroke (what a photo of a face or a landscape leaves), and bands with no paper round them (the edge of a dark region:
the closing lifts the paper along it). A page turned askew (its longest line says by how much) has all of this done
turned level, and its ink turned back. Writing still small at the working size (a form's field cut wide from a small
photo) is cleaned again, enlarged till its digits stand PHOTO_WRITING_HEIGHT tall.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.config import (
    FLAT_LINE_EDGE,
    FLAT_LINE_THIN,
    FORM_BOX_WIDTH,
    FORM_BOXES,
    FORM_LINE_THIN,
    MIN_SEGMENT_HEIGHT,
    PHOTO_BLOB,
    PHOTO_BOX_LONE,
    PHOTO_BOX_MOSTLY,
    PHOTO_BOX_ON_RUNS,
    PHOTO_BOX_OVER,
    PHOTO_BOX_SPAN,
    PHOTO_BOX_SPECK,
    PHOTO_BOX_THIN,
    PHOTO_BOX_TOUCHING,
    PHOTO_DENOISE_SIGMA,
    PHOTO_DOT_FILL,
    PHOTO_DOT_GAP,
    PHOTO_DOTS,
    PHOTO_DOTS_GAP,
    PHOTO_EDGE_BAND,
    PHOTO_EDGE_LINE_SPAN,
    PHOTO_FAINTEST,
    PHOTO_FRAME_BEND,
    PHOTO_FRAME_JOIN,
    PHOTO_FRAME_MIN,
    PHOTO_FRAME_SIDE,
    PHOTO_FRAME_THICK,
    PHOTO_INK_GROWTH,
    PHOTO_INK_LINE_SPAN,
    PHOTO_INK_TYPICAL,
    PHOTO_LINE_CONTRAST,
    PHOTO_LINE_LEVEL,
    PHOTO_LINE_RUN,
    PHOTO_LINE_SPAN,
    PHOTO_LINE_TILT,
    PHOTO_MAX_TILT,
    PHOTO_MIN_CONTRAST,
    PHOTO_MIN_TILT,
    PHOTO_MIN_WORKING_SIZE,
    PHOTO_NOISE_FLOOR,
    PHOTO_PAPER_WINDOW,
    PHOTO_POLARITY_SIZE,
    PHOTO_POLARITY_WINDOW,
    PHOTO_RESIDUE_LONG,
    PHOTO_SCRAP,
    PHOTO_SCRAP_HEIGHT,
    PHOTO_SCRAP_THIN,
    PHOTO_SLIVER_REACH,
    PHOTO_SLIVER_SHARE,
    PHOTO_SMALL_INK_GROWTH,
    PHOTO_SPECK_AREA,
    PHOTO_STROKE_ELONGATION,
    PHOTO_SURROUND,
    PHOTO_SURROUND_REACH,
    PHOTO_TILT_GAIN,
    PHOTO_TILT_LINE,
    PHOTO_TILT_LINE_WIDTH,
    PHOTO_TILT_SIZE,
    PHOTO_WORKING_SIZE,
    PHOTO_WRITING_HEIGHT,
    SPECK_FRACTION,
)
from digitpad.reading.preprocess import as_unit_float, checked_pixels, resize_longer_side


def clean_photo(image: np.ndarray) -> np.ndarray:
    """A photo of writing on paper -> its ink alone, [H, W] uint8, 255 on 0 (see the module's docstring); raises
    digitpad.reading.preprocess.ImageError for an array that cannot be an image."""
    ink = ink_of(working_gray(image))
    height = writing_height(ink) if max(ink.shape) < PHOTO_WORKING_SIZE else 0  # a large photo is cleaned once
    if 0 < height < PHOTO_WRITING_HEIGHT:  # small writing: again, larger, its blurred edges grown less
        longer = min(PHOTO_WORKING_SIZE, round(max(ink.shape) * PHOTO_WRITING_HEIGHT / height))
        ink = ink_of(working_gray(image, longer), PHOTO_SMALL_INK_GROWTH)
    return ink


def writing_height(ink: np.ndarray) -> float:
    """The writing's height in `ink` (px): the median of its pieces at least MIN_SEGMENT_HEIGHT of the tallest (the
    pieces digitpad.reading.segment keeps as digits); 0 for none."""
    _, _, stats, _ = cv2.connectedComponentsWithStats((ink > 0).astype(np.uint8), connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    return float(np.median(heights[heights >= MIN_SEGMENT_HEIGHT * heights.max()])) if heights.size else 0.0


def ink_of(gray: np.ndarray, growth: float = PHOTO_INK_GROWTH) -> np.ndarray:
    """[H, W] float32 brightness (working_gray) -> its ink, [H, W] uint8, 255 on 0: the module docstring's steps, faint
    ink grown down to `growth` of the clear ink's level (ink_mask)."""
    paper = paper_brightness(gray)
    contrast, noise = ink_contrast(gray, paper)
    tilt = page_tilt(ink_mask(contrast, noise, growth))
    if tilt:  # lines are found and taken away along the page, turned level, and the ink turned back
        gray = turned(gray, tilt, repeat_edges=True)
        paper = paper_brightness(gray)
        contrast, noise = ink_contrast(gray, paper)
    across = lines_across(contrast)
    lines = np.maximum(across, lines_across(contrast.T).T)  # the ruled lines across and down the sheet
    marked = ink_mask(contrast - lines, noise, growth)
    ruled = lines > PHOTO_LINE_CONTRAST
    ink = without_line_residue(without_ink_lines(marked, ruled), marked, across > PHOTO_LINE_CONTRAST)
    ink = without_blobs(without_edge_scraps(without_specks(ink)))
    ink = np.where(on_paper(ink, marked | ruled, gray, paper), 255, 0).astype(np.uint8)
    return turned(ink, -tilt, nearest=True) if tilt else ink


def working_gray(image: np.ndarray, longer: int | None = None) -> np.ndarray:
    """The photo as [H, W] float32 brightness in 0..1 (its darkest channel), brought to `longer` px on its longer side
    (default: PHOTO_MIN_WORKING_SIZE to PHOTO_WORKING_SIZE px), denoised, and turned over if need be so the ink is
    darker than the paper."""
    gray = checked_pixels(image)
    if gray.ndim == 3:  # a photo file's bytes before they are floats, four times as many to go through
        gray = darkest_channel(gray if gray.dtype == np.uint8 else as_unit_float(gray))
    gray = as_unit_float(gray)
    if longer:
        gray = resize_longer_side(gray, longer)
    elif max(gray.shape) > PHOTO_WORKING_SIZE:
        gray = resize_longer_side(gray, PHOTO_WORKING_SIZE)
    elif max(gray.shape) < PHOTO_MIN_WORKING_SIZE:
        gray = resize_longer_side(gray, PHOTO_MIN_WORKING_SIZE)
    gray = cv2.GaussianBlur(gray, (0, 0), PHOTO_DENOISE_SIGMA)
    return gray if ink_is_dark(gray) else 1.0 - gray


def darkest_channel(pixels: np.ndarray) -> np.ndarray:
    """[H, W, 3 or 4] -> [H, W]: each pixel's darkest colour channel (an alpha says nothing about the paper)."""
    red, green, blue = cv2.split(pixels)[:3]
    return cv2.min(cv2.min(red, green), blue)  # numpy's min over the last axis takes 20-30 times as long


def ink_is_dark(gray: np.ndarray) -> bool:
    """Whether the ink is darker than the paper. The paper is the most common tone (as in ink_map), but of each part
    of the sheet, not of all of it, which light may leave half dim: a median over PHOTO_POLARITY_WINDOW, on a
    thumbnail PHOTO_POLARITY_SIZE px long for speed. The ink is what stands out from it, more on one side than on the
    other."""
    thumbnail = resize_longer_side(gray, PHOTO_POLARITY_SIZE)
    window = 2 * round(PHOTO_POLARITY_WINDOW * PHOTO_POLARITY_SIZE / 2) + 1  # medianBlur takes odd sizes
    paper = cv2.medianBlur(np.round(thumbnail * 255).astype(np.uint8), window).astype(np.float32) / 255
    return float(np.clip(paper - thumbnail, 0, None).sum()) > float(np.clip(thumbnail - paper, 0, None).sum())


def page_tilt(mask: np.ndarray) -> float:
    """Degrees the page is turned by (counter-clockwise), up to PHOTO_MAX_TILT: the turn that brings the ink's longest
    straight line (a box's, a dotted line's) level or upright, on a thumbnail PHOTO_TILT_SIZE px long. 0 when no line
    crosses PHOTO_TILT_LINE of the thumbnail so turned, when turning gains it less than PHOTO_TILT_GAIN, when what
    crosses is wider than PHOTO_TILT_LINE_WIDTH (no line), or when the turn is under PHOTO_MIN_TILT (lines are found
    at that tilt as they are)."""
    scale = min(1.0, PHOTO_TILT_SIZE / max(mask.shape))
    thumbnail = cv2.resize(mask.astype(np.uint8), None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
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


def paper_brightness(gray: np.ndarray) -> np.ndarray:
    """[H, W] brightness of the bare paper under each pixel: a closing wider than any stroke lifts the ink to the
    paper around it, and a blur as wide smooths the closing's flat steps."""
    window = max(3, round(PHOTO_PAPER_WINDOW * max(gray.shape)))
    closed = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (window, window)))
    return cv2.blur(closed, (window, window))


def ink_contrast(gray: np.ndarray, paper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """([H, W] float32: how much darker each pixel is than its paper (paper_brightness), as a fraction of the paper's
    brightness (0 for paper, 1 for black ink), whatever the light falling on that part of the sheet; [H, W] float32:
    the sensor noise's spread in the same terms, larger where the paper is dimmer)."""
    paper = np.maximum(paper, 1e-3)  # an all-black photo has no paper to divide by
    return np.clip(1.0 - gray / paper, 0.0, 1.0), sensor_noise(gray) / paper


def sensor_noise(gray: np.ndarray) -> float:
    """The spread of the pixel-to-pixel ripple a 3x3 blur takes away (a robust standard deviation): noise, since
    most of a photo is bare paper and only a stroke's edges ripple so."""
    ripple = (gray - cv2.blur(gray, (3, 3)))[::2, ::2]
    return 1.4826 * float(np.median(np.abs(ripple - np.median(ripple))))


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


def ink_mask(contrast: np.ndarray, noise: np.ndarray | float, growth: float = PHOTO_INK_GROWTH) -> np.ndarray:
    """[H, W] bool: the ink, given the contrast and its noise (ink_contrast). Clearly ink is above Otsu's split between
    paper and ink and above a floor: PHOTO_MIN_CONTRAST, or less where the darkest ink is faint (a pencil's, small
    writing the lens blurred), down to PHOTO_FAINTEST of it, but never within PHOTO_NOISE_FLOOR times the noise, so
    blank paper's grain is never ink. Fainter pixels down to `growth` of that, or of PHOTO_INK_TYPICAL of the
    clear ink's median if more, are ink too where they touch clear ink: a stroke's faint ends, not the writing on the
    back of the page showing through."""
    levels = np.round(np.clip(contrast, 0, 1) * 255).astype(np.uint8)  # a line taken away may leave a hair under 0
    otsu, _ = cv2.threshold(levels, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    darkest = float(contrast.max(initial=0))
    floor = np.minimum(PHOTO_MIN_CONTRAST, np.maximum(PHOTO_FAINTEST * darkest, PHOTO_NOISE_FLOOR * noise))
    threshold = np.maximum(otsu / 255, floor)
    clear = contrast > threshold
    typical = float(np.median(contrast[clear])) if clear.any() else 0.0  # how dark the pen writes
    faint_level = growth * np.maximum(threshold, PHOTO_INK_TYPICAL * typical)
    _, faint = cv2.connectedComponents((contrast > faint_level).astype(np.uint8), connectivity=8)
    touching = np.unique(faint[clear])
    return np.isin(faint, touching[touching > 0])


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
    runs = cv2.morphologyEx(runs, cv2.MORPH_OPEN, np.ones((1, max(3, round(span * width))), np.uint8))
    return cv2.dilate(runs, np.ones((3, 1), np.uint8))


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
    heights, through = np.bincount(line_runs.ravel()), np.unique(line_runs[across])
    thick = int(np.median(heights[through[through > 0]]))
    band = cv2.dilate(across.astype(np.uint8), np.ones((2 * thick + 1, 1), np.uint8)) > 0
    runs = column_runs(ink)
    beyond = np.bincount(runs[ink & ~band], minlength=runs.max() + 1) > 0  # runs reaching out of the band
    residue = ink & ~beyond[runs]
    _, labels, stats, _ = cv2.connectedComponentsWithStats((ink & ~residue).astype(np.uint8), connectivity=8)
    area = stats[1:, cv2.CC_STAT_AREA]
    digits = np.isin(labels, np.flatnonzero(area >= PHOTO_BOX_SPECK * area.max(initial=0)) + 1)
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
    or PHOTO_BOX_OVER times the digits' width) to another (from_line_to_line)."""
    across = straight_runs(mask, PHOTO_BOX_SPAN) & ~found
    down = straight_runs(mask.T, PHOTO_BOX_SPAN).T & ~found
    width, height, area, digit = digit_components(mask & ~found, across | down)
    if not digit.any():
        return np.zeros_like(mask)
    wide, tall = float(np.median(width[digit])), float(np.median(height[digit]))
    rows, columns = mask.shape
    if PHOTO_BOX_OVER * wide < PHOTO_BOX_SPAN * columns:  # a box round writing small in its crop spans less of it
        across = straight_runs(mask, PHOTO_BOX_OVER * wide / columns) & ~found
    if PHOTO_BOX_OVER * tall < PHOTO_BOX_SPAN * rows:
        down = straight_runs(mask.T, PHOTO_BOX_OVER * tall / rows).T & ~found
    all_ink = area[digit].sum()
    lines = dotted_runs(mask & ~found, PHOTO_BOX_OVER * wide / columns, PHOTO_DOTS_GAP * tall / columns)
    runs = [  # and the box's lines, across and down
        long_runs(across, cv2.CC_STAT_WIDTH, wide, width[digit].max(), all_ink),
        long_runs(down, cv2.CC_STAT_HEIGHT, tall, height[digit].max(), all_ink),
    ]
    for (labels, long, lone), (_, other, _) in zip(runs, runs[::-1], strict=True):
        meets = cv2.dilate((found | other).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        meets[[0, -1], :] = meets[:, [0, -1]] = True
        met = np.unique(labels[meets & long])
        lines |= np.isin(labels, met[met > 0]) | lone
    sides = straight_runs(mask.T, tall / rows).T & ~found & ~lines  # a tight box's, as tall as its digits
    return lines | from_line_to_line(sides, found | runs[0][1])


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
    """The widths, heights and areas of the mask's components, and which of them measure the digits: those neither
    thin (PHOTO_BOX_THIN), nor mostly on the straight `runs` (PHOTO_BOX_MOSTLY), nor small (PHOTO_BOX_SPECK). A digit
    written touching a box's line is one component with it: the largest, PHOTO_BOX_TOUCHING times the smallest digit's
    width or height, with PHOTO_BOX_ON_RUNS of its ink on the runs and another digit inside its box. Then the digits
    are measured without the runs."""
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
    return width, height, area, digit


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
    return labels, np.isin(labels, np.flatnonzero(long) + 1), np.isin(labels, np.flatnonzero(lone) + 1)


def without_specks(mask: np.ndarray) -> np.ndarray:
    """The mask without its small components: under SPECK_FRACTION of the largest one, or under PHOTO_SPECK_AREA of the
    image unless long for their thickness (PHOTO_STROKE_ELONGATION): a sheet holding only specks comes out empty, and a
    digit written small on a big page keeps its strokes."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    stroke = areas >= PHOTO_STROKE_ELONGATION * np.maximum(thickness(mask, labels, count), 1) ** 2  # a line, not a dot
    kept = (areas >= SPECK_FRACTION * areas.max(initial=0)) & ((areas >= PHOTO_SPECK_AREA * mask.size) | stroke)
    return np.isin(labels, np.flatnonzero(kept) + 1)


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
    return np.isin(labels, np.flatnonzero(~scrap) + 1)


def without_blobs(mask: np.ndarray) -> np.ndarray:
    """The mask without blobs: components whose stroke, along its length (mean_width), is wider than PHOTO_BLOB of
    their own height (an eye, a dark stretch of ground, a shadow's edge) are not pen strokes."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count <= 1:
        return mask
    blob = mean_width(mask, labels, count) > PHOTO_BLOB * stats[1:, cv2.CC_STAT_HEIGHT]
    return np.isin(labels, np.flatnonzero(~blob) + 1)


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
    return np.isin(labels, np.flatnonzero(kept) + 1)
