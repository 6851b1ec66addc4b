"""Photos of paper: a phone photo or scan of digits written in ink, cleaned into the ink image the digit reader takes.

In: a grayscale, RGB or RGBA photo of any size and numeric dtype, dark ink on light paper (or light on dark), lit
unevenly, with shadows, specks, ruled lines and a margin line. Out: an [H, W] uint8 image, white ink (255) on black
(0), at most PHOTO_WORKING_SIZE px on its longer side; all black when nothing is written. It is also what the page
shows as "what it cut out"; digitpad.number.read_number reads it as it reads the page's canvas.

How: the paper's brightness is estimated everywhere by erasing the ink (a closing wider than any stroke), and each
pixel's ink is how much darker it is than its own paper, so a shadow or a dim side of the sheet is paper, not ink.
Long straight runs (ruled lines, the margin) are subtracted as far as they are dark, so ink crossing a faint line
keeps its stroke. What is clearly darker than its paper is ink; small components of it are specks and dropped.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.config import (
    PHOTO_DENOISE_SIGMA,
    PHOTO_LINE_CONTRAST,
    PHOTO_LINE_LEVEL,
    PHOTO_LINE_RUN,
    PHOTO_LINE_SPAN,
    PHOTO_LINE_TILT,
    PHOTO_MIN_CONTRAST,
    PHOTO_PAPER_WINDOW,
    PHOTO_POLARITY_SIZE,
    PHOTO_POLARITY_WINDOW,
    PHOTO_SPECK_AREA,
    PHOTO_WORKING_SIZE,
    SPECK_FRACTION,
)
from digitpad.preprocess import resize_longer_side, unit_pixels


def clean_photo(image: np.ndarray) -> np.ndarray:
    """A photo of writing on paper -> its ink alone, [H, W] uint8, 255 on 0 (see the module's docstring); raises
    digitpad.preprocess.ImageError for an array that cannot be an image."""
    contrast = ink_contrast(working_gray(image))
    contrast = contrast - ruled_lines(contrast)
    return np.where(without_specks(contrast > ink_threshold(contrast)), 255, 0).astype(np.uint8)


def working_gray(image: np.ndarray) -> np.ndarray:
    """The photo as [H, W] float32 brightness in 0..1, shrunk to PHOTO_WORKING_SIZE, denoised, and turned over if
    need be so the ink is darker than the paper."""
    gray = unit_pixels(image)
    if gray.ndim == 3:  # a photo's alpha, if any, says nothing about its paper
        gray = cv2.cvtColor(np.ascontiguousarray(gray[:, :, :3]), cv2.COLOR_RGB2GRAY)
    if max(gray.shape) > PHOTO_WORKING_SIZE:
        gray = resize_longer_side(gray, PHOTO_WORKING_SIZE)
    gray = cv2.GaussianBlur(gray, (0, 0), PHOTO_DENOISE_SIGMA)
    return gray if ink_is_dark(gray) else 1.0 - gray


def ink_is_dark(gray: np.ndarray) -> bool:
    """Whether the ink is darker than the paper. The paper is the most common tone (as in ink_map), but of each part
    of the sheet, not of all of it, which light may leave half dim: a median over PHOTO_POLARITY_WINDOW, on a
    thumbnail PHOTO_POLARITY_SIZE px long for speed. The ink is what stands out from it, more on one side than on the
    other."""
    thumbnail = resize_longer_side(gray, PHOTO_POLARITY_SIZE)
    window = 2 * round(PHOTO_POLARITY_WINDOW * PHOTO_POLARITY_SIZE / 2) + 1  # medianBlur takes odd sizes
    paper = cv2.medianBlur(np.round(thumbnail * 255).astype(np.uint8), window).astype(np.float32) / 255
    return float(np.clip(paper - thumbnail, 0, None).sum()) > float(np.clip(thumbnail - paper, 0, None).sum())


def paper_brightness(gray: np.ndarray) -> np.ndarray:
    """[H, W] brightness of the bare paper under each pixel: a closing wider than any stroke lifts the ink to the
    paper around it, and a blur as wide smooths the closing's flat steps."""
    window = max(3, round(PHOTO_PAPER_WINDOW * max(gray.shape)))
    closed = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (window, window)))
    return cv2.blur(closed, (window, window))


def ink_contrast(gray: np.ndarray) -> np.ndarray:
    """[H, W] float32: how much darker each pixel is than its paper, as a fraction of the paper's brightness (0 for
    paper, 1 for black ink), whatever the light falling on that part of the sheet."""
    paper = np.maximum(paper_brightness(gray), 1e-3)  # an all-black photo has no paper to divide by
    return np.clip(1.0 - gray / paper, 0.0, 1.0)


def ruled_lines(contrast: np.ndarray) -> np.ndarray:
    """[H, W] float32: the contrast of the ruled lines and margin lines, the straight runs that cross the sheet."""
    return np.maximum(lines_across(contrast), lines_across(contrast.T).T)


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
    edges = np.flatnonzero(np.diff(np.concatenate([[0], crossing.astype(np.int8), [0]])))
    for top, bottom in zip(edges[::2], edges[1::2], strict=True):
        level = np.percentile(runs[top:bottom].max(axis=0), PHOTO_LINE_LEVEL)  # strokes lie along it in some columns
        lines[top:bottom] = np.minimum(runs[top:bottom], level)
    return lines


def ink_threshold(contrast: np.ndarray) -> float:
    """The contrast above which a pixel is ink: Otsu's split between paper and ink, but never below
    PHOTO_MIN_CONTRAST, so blank paper's noise is never ink."""
    otsu, _ = cv2.threshold(np.round(contrast * 255).astype(np.uint8), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return max(otsu / 255, PHOTO_MIN_CONTRAST)


def without_specks(mask: np.ndarray) -> np.ndarray:
    """The mask without its small components: under SPECK_FRACTION of the largest one, or PHOTO_SPECK_AREA of the
    image (so a sheet holding only specks comes out empty)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    smallest = max(SPECK_FRACTION * areas.max(initial=0), PHOTO_SPECK_AREA * mask.size)
    return np.isin(labels, np.flatnonzero(areas >= smallest) + 1)
