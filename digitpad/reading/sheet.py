"""A sheet of paper lying on something else: a note on a desk, a page held up against a wall, photographed whole.

In: a photo as digitpad.reading.photo takes it (grayscale, RGB or RGBA, any numeric dtype). Out: the sheet's box in the
photo's pixels (x, y, width, height) and a mask of it, or None when the paper fills the frame or no sheet stands out.
A photo under SHEET_MIN_PHOTO px long is a crop of the writing, never looked in.
The reader (digitpad.models.reader) cleans and reads the sheet alone: what lies round it (a desk's grain, a face, a
cup) is not writing, and the sheet's own pixels are all the resolution the writing has.

How: on a thumbnail SHEET_THUMBNAIL px long, a closing per colour channel erases the ink, and the photo is parted into
even regions along every step in brightness steeper than SHEET_STEP per px: a sheet's edge is such a step, and light
falling off across a sheet, or a shadow's soft edge, is not. Of the SHEET_CANDIDATES largest regions (holes filled: its
writing), the first that looks like a sheet is one: the smallest rectangle round it at any angle (a sheet lying askew)
covers a share of the frame in SHEET_SHARE, and it fills SHEET_FILL of that rectangle; it reaches two sides of the
frame at most; it is grey or white, not coloured (SHEET_SATURATION), near the photo's brightest (SHEET_BRIGHT), and
brighter or darker than the rest (a white table's) by SHEET_CONTRAST. When none is, the first that is all this but
coloured is one: a yellow sticky note on a wooden desk, whose grain was taken for writing. A region that is no
rectangle is tried again without what hangs on it by necks narrower than SHEET_NECKS (a sheet joined to a bright stone
or a white wall where no step parts them). The sheet is then that rectangle, SHEET_INSET px in from its edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitpad.config import (
    SHEET_BRIGHT,
    SHEET_CANDIDATES,
    SHEET_CONTRAST,
    SHEET_FILL,
    SHEET_INSET,
    SHEET_MIN_PHOTO,
    SHEET_NECKS,
    SHEET_SATURATION,
    SHEET_SHARE,
    SHEET_STEP,
    SHEET_THUMBNAIL,
)
from digitpad.reading.preprocess import as_rgb, as_unit_float, checked_pixels

Box = tuple[int, int, int, int]  # x, y, width, height in the photo's pixels


@dataclass(frozen=True)
class Sheet:
    box: Box  # the sheet's bounding box in the photo's pixels
    mask: np.ndarray  # [height, width] bool over the box: the sheet's own pixels (a sheet lying askew leaves corners)


def sheet_in(image: np.ndarray) -> Sheet | None:
    """The sheet of paper `image` shows lying on something else (see the module's docstring), or None."""
    pixels = checked_pixels(image)
    height, width = pixels.shape[:2]
    if max(height, width) < SHEET_MIN_PHOTO:  # a crop of the writing, not a photo of a desk
        return None
    scale = SHEET_THUMBNAIL / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    step = max(1, max(height, width) // (4 * SHEET_THUMBNAIL))  # a 12 MP photo's every 3rd px: 41 ms, not 66
    sample = np.ascontiguousarray(pixels[::step, ::step])
    if sample.dtype == np.uint8:
        thumbnail = as_unit_float(cv2.resize(sample, size, interpolation=cv2.INTER_AREA))
    else:  # OpenCV resizes no bool, int64 or float16: any dtype the reader takes, as floats in 0..1
        thumbnail = np.clip(cv2.resize(as_unit_float(sample), size, interpolation=cv2.INTER_AREA), 0.0, 1.0)
    found = paper_region(as_rgb(thumbnail))
    if found is None:
        return None
    x, y, w, h = cv2.boundingRect(found.astype(np.uint8))
    box = (round(x / scale), round(y / scale), round(w / scale), round(h / scale))
    box = (box[0], box[1], min(box[2], width - box[0]), min(box[3], height - box[1]))
    mask = cv2.resize(found.astype(np.uint8), (width, height), interpolation=cv2.INTER_NEAREST)
    return Sheet(box, mask[box[1] : box[1] + box[3], box[0] : box[0] + box[2]].astype(bool))


def sheet_alone(image: np.ndarray, sheet: Sheet) -> np.ndarray:
    """The photo cut to the sheet's box, what lies round the sheet in it (a sheet askew leaves corners of the desk)
    painted the sheet's own median colour."""
    x, y, width, height = sheet.box
    crop = checked_pixels(image)[y : y + height, x : x + width]
    step = max(1, round(max(crop.shape[:2]) / SHEET_THUMBNAIL))  # the median of a thumbnail's worth of its pixels
    paper = np.median(crop[::step, ::step][sheet.mask[::step, ::step]], axis=0).astype(crop.dtype)
    mask = sheet.mask if crop.ndim == 2 else sheet.mask[:, :, None]
    return np.where(mask, crop, paper)


def paper_region(colour: np.ndarray) -> np.ndarray | None:
    """[H, W, 3] float32 thumbnail -> [H, W] bool: the sheet's pixels, or None for no sheet."""
    window = max(3, round(0.04 * max(colour.shape[:2])))  # wider than a stroke of writing on the thumbnail
    closed = cv2.morphologyEx(colour, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (window, window)))
    brightness, brightest = closed.min(axis=2), closed.max(axis=2)  # darkest channel: coloured surfaces are dark
    saturation = (brightest - brightness) / np.maximum(brightest, 1e-3)
    smooth = cv2.GaussianBlur(brightness, (0, 0), 1.0)
    across, down = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3)
    even = (np.hypot(across, down) / 8 < SHEET_STEP).astype(np.uint8)  # 8: Sobel's weights, to a step per px
    even = cv2.morphologyEx(even, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))  # a thin bridge to the desk is cut
    _, labels, stats, _ = cv2.connectedComponentsWithStats(even, connectivity=4)
    candidates = 1 + np.argsort(stats[1:, cv2.CC_STAT_AREA])[::-1][:SHEET_CANDIDATES]
    rectangles = [found for found in (rectangle_of(labels == label) for label in candidates) if found is not None]
    for coloured in (False, True):  # white or grey paper first; else a sticky note's yellow, a pink index card
        for region, sheet in rectangles:
            if looks_like_paper(region, brightness, saturation, coloured):
                return sheet
    return None


def rectangle_of(whole: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """[H, W] bool region of the thumbnail -> (the region, or its core without what hangs on it by ever wider necks,
    that is a rectangle of a sheet's size, reaching two sides of the frame at most; [H, W] bool: that rectangle, the
    sheet if it is paper), or None."""
    whole = whole.astype(np.uint8)
    for neck in (0, *SHEET_NECKS):
        region = filled(core(whole, neck) if neck else whole)
        if not region.any():
            return None
        centre, (side, other), angle = cv2.minAreaRect(cv2.findNonZero(region.astype(np.uint8)))
        share = side * other / region.size
        if not SHEET_SHARE[0] <= share <= SHEET_SHARE[1] or region.sum() < SHEET_FILL * side * other:
            continue
        if sum(bool(edge.any()) for edge in (region[0], region[-1], region[:, 0], region[:, -1])) >= 3:
            continue  # cut by three sides of the frame: a strip of the page round a form's box, not a sheet
        # The sheet is that rectangle (ink written up to its edge, which no closing erases, is the sheet's), less a
        # strip along its edge, so that no scrap of the desk beside it is taken for writing
        inset = (max(1.0, side - 2 * SHEET_INSET), max(1.0, other - 2 * SHEET_INSET))
        corners = np.round(cv2.boxPoints((centre, inset, angle))).astype(np.int32)
        return region, cv2.fillConvexPoly(np.zeros(region.shape, np.uint8), corners, 1).astype(bool)
    return None


def looks_like_paper(region: np.ndarray, brightness: np.ndarray, saturation: np.ndarray, coloured: bool) -> bool:
    """Whether the thumbnail's `region` is grey or white (or any colour, if `coloured`), near the photo's brightest,
    and apart from the rest of it in brightness (brighter, or darker: a sheet on a white table)."""
    paper, rest = float(np.median(brightness[region])), float(np.median(brightness[~region]))
    bright = SHEET_BRIGHT * float(np.percentile(brightness, 95))
    plain = coloured or np.median(saturation[region]) < SHEET_SATURATION
    return plain and paper >= bright and abs(paper - rest) >= SHEET_CONTRAST


def core(region: np.ndarray, neck: int) -> np.ndarray:
    """[H, W] uint8 region -> its largest piece once what hangs on it by a neck narrower than `neck` px is cut off
    (an opening): a sheet joined to a bright stone or a white wall beside it, where no step in brightness parts them."""
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (neck, neck))
    count, pieces, stats, _ = cv2.connectedComponentsWithStats(cv2.erode(region, disc), connectivity=4)
    if count < 2:
        return np.zeros_like(region)
    largest = (pieces == 1 + np.argmax(stats[1:, cv2.CC_STAT_AREA])).astype(np.uint8)
    return cv2.dilate(largest, disc) & region


def filled(region: np.ndarray) -> np.ndarray:
    """[H, W] uint8 region -> [H, W] bool, its holes (the writing on a sheet) filled."""
    outline, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return cv2.drawContours(np.zeros(region.shape, np.uint8), outline, -1, 1, -1).astype(bool)
