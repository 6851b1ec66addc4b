"""Turning any image of one handwritten digit into the 28x28 input the model expects, the way MNIST's digits were made.

In: a grayscale [H, W], RGB [H, W, 3] or RGBA [H, W, 4] array of any size and numeric dtype, or a Pillow image, in
either polarity (the canvas: white ink on black; paper: dark ink on light). Out: a [28, 28] float32 array, ink 1 and
paper 0, or None when there is no digit (no image, no pixels, no ink, or too little to be one).

MNIST's procedure: crop to the ink's bounding box, scale so the longer side is 20 px keeping the aspect ratio
(area interpolation, which anti-aliases), and place the result in 28x28 with the ink's centre of mass at the centre.
One step is added before scaling: strokes are thinned or thickened into MNIST's range of widths for the digit's
size, so a fat finger on a small digit or a fine pen on a large one looks like the pen MNIST's writers used.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
from PIL import Image

from digitpad.config import (
    CANVAS_SIZE,
    DIGIT_BOX,
    INK_THRESHOLD,
    MIN_INK_FRACTION,
    MIN_INK_PIXELS,
    MNIST_STROKE_WIDTHS,
    MODEL_SIZE,
)
from digitpad.reading.images import to_array, white_value

MIN_CONTRAST = 0.15  # ink must differ from the paper by at least this much (0..1) to count; below it: blank
# ink_map: as little as this stands out on the side the paper's brightness says, the ink is the other. Tuning scans
# dimmed to 35-55%, JPEG (made up): 0.019 at most; thin strokes on grey inside a white margin (made up, a review): 0.031
OTHER_SIDE = 0.025
OPAQUE = 0.99  # an RGBA image whose alpha is everywhere above this is treated as RGB
FLOAT_UNIT_TOP = 2.0  # a float image no brighter than this is 0..1 (1.02: noise over white), not a black 0..255 one
TRANSPARENT_SHEET = 0.5  # a drawing on a transparent sheet: at least this share of it see-through (alpha < 0.5)


class ImageError(ValueError):
    """The array cannot be an image: wrong number of dimensions or channels, an unusable dtype, or no pixels."""


def as_unit_float(image: np.ndarray) -> np.ndarray:
    """Any numeric or boolean array -> float32 in 0..1. Integers are read by their values, as a file's are (8 bits
    whatever the dtype, unless a value needs 16: images.white_value), except a mask of 0s and 1s; floats are 0..1,
    or 0..255 when a value is above FLOAT_UNIT_TOP. NaN is 0, an infinity the end of the range it points to."""
    if image.dtype == bool:
        return image.astype(np.float32)
    if np.issubdtype(image.dtype, np.integer):
        is_mask = image.size and image.min() >= 0 and image.max() <= 1  # (image > 0).astype(int): no near-black image
        return np.clip(image.astype(np.float32) / (1.0 if is_mask else white_value(image)), 0.0, 1.0)
    if np.issubdtype(image.dtype, np.floating):
        image = image.astype(np.float32)
        finite = image[np.isfinite(image)]
        top = 255.0 if finite.size and finite.max() > FLOAT_UNIT_TOP else 1.0
        return np.clip(np.nan_to_num(image, nan=0.0, posinf=top, neginf=0.0) / top, 0.0, 1.0)
    raise ImageError(f"cannot read pixels of dtype {image.dtype}")


def unit_pixels(image: np.ndarray) -> np.ndarray:
    """A grayscale, RGB or RGBA image -> its pixels as float32 in 0..1, [H, W] or [H, W, 3 or 4]; raises ImageError
    as checked_pixels does."""
    return as_unit_float(checked_pixels(image))


def checked_pixels(image: np.ndarray) -> np.ndarray:
    """A grayscale, RGB or RGBA image's array as it is, [H, W] or [H, W, 3 or 4] (a single channel's axis dropped);
    raises ImageError for anything that cannot be one (not an array, no pixels, the wrong number of dimensions or
    channels)."""
    if isinstance(image, Image.Image):  # as a file's picture is read: palette, 16-bit and CMYK modes included
        try:
            image = to_array(image)  # an opened file's pixels are decoded only now
        except (OSError, ValueError, SyntaxError, EOFError) as error:
            raise ImageError(f"damaged or truncated image ({error})") from None
    if not isinstance(image, np.ndarray):
        raise ImageError(f"expected an image array or a Pillow image, got {type(image).__name__}")
    if image.size == 0:
        raise ImageError("the image has no pixels")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise ImageError(f"expected a grayscale, RGB or RGBA image, got an array of shape {image.shape}")
    return flattened(image)


def flattened(image: np.ndarray) -> np.ndarray:
    """An RGBA picture with see-through margins or corners (a window's screenshot and its shadow, a rounded-corner
    export) -> uint8 RGB, those parts filled with its paper's tone: its alpha is a frame, not the drawing. A drawing
    on a transparent sheet (TRANSPARENT_SHEET), whose alpha is the drawing, and any other image stay as they are."""
    if image.ndim != 3 or image.shape[2] != 4:
        return image
    pixels = image if image.dtype == np.uint8 else np.round(as_unit_float(image) * 255).astype(np.uint8)
    alpha = pixels[:, :, 3]
    if alpha.min() >= OPAQUE * 255:
        return image
    see_through = alpha < 128  # a shadow's faint dark too
    if see_through.mean() >= TRANSPARENT_SHEET:
        return image
    colour = pixels[:, :, :3]
    paper = np.round(np.median(colour[::8, ::8][~see_through[::8, ::8]], axis=0)).astype(np.uint16)  # its main tone
    solid = np.where(see_through, 0, alpha)[:, :, None].astype(np.uint16)  # 255: as it is; an edge's: over the paper
    return ((colour * solid + paper * (255 - solid) + 127) // 255).astype(np.uint8)


def as_rgb(pixels: np.ndarray) -> np.ndarray:
    """[H, W] or [H, W, 3 or 4] pixels -> [H, W, 3]: grey repeated in each channel, an alpha channel dropped (a view of
    `pixels` where it can be)."""
    return np.repeat(pixels[:, :, None], 3, axis=2) if pixels.ndim == 2 else pixels[:, :, :3]


def ink_map(image: np.ndarray) -> np.ndarray:
    """[H, W(, C)] image -> [H, W] float32 ink intensity, 1 for the darkest-against-the-paper ink, 0 for paper.

    Transparency carries the drawing when there is any (the canvas draws opaque strokes on a transparent sheet);
    otherwise the paper is the most common tone, and ink is whatever stands out from it: darker on paper over half
    bright, lighter on paper under, unless nearly nothing does (under OTHER_SIDE as much as stands out the other way):
    dark ink on a scan the light left dim (its paper at 0.4) is still dark, white ink on a light grey canvas light. By
    which side stands out more, a thin dark stroke on a grey canvas inside a white margin was taken for the margin.
    """
    pixels = unit_pixels(image)
    if pixels.ndim == 3 and pixels.shape[2] == 4:
        alpha = pixels[:, :, 3]
        if alpha.min() < OPAQUE:
            return alpha
        pixels = pixels[:, :, :3]
    gray = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY) if pixels.ndim == 3 else pixels
    paper = float(np.median(gray))
    darker, lighter = np.clip(paper - gray, 0.0, None), np.clip(gray - paper, 0.0, None)
    dark = paper > 0.5
    if (darker if dark else lighter).sum() < OTHER_SIDE * (lighter if dark else darker).sum():
        dark = not dark
    return darker / max(paper, 1e-3) if dark else lighter / max(1.0 - paper, 1e-3)


def centre_of_mass(ink: np.ndarray) -> tuple[float, float]:
    """(row, column) of the intensity-weighted centre of a non-empty 2-D ink map, in pixel-index coordinates."""
    # Not cv2.moments: it reads an N x 2 array as N contour points, so a digit 2 px wide (a thin "1") had no mass
    total = float(ink.sum())
    rows, columns = ink.sum(axis=1), ink.sum(axis=0)
    return float(rows @ np.arange(len(rows))) / total, float(columns @ np.arange(len(columns))) / total


def is_blank(ink: np.ndarray) -> bool:
    """True when the ink map holds too little ink, or too faint, to be a digit."""
    ink_pixels = int(np.count_nonzero(ink > INK_THRESHOLD))
    return float(ink.max()) < MIN_CONTRAST or ink_pixels < max(MIN_INK_PIXELS, MIN_INK_FRACTION * ink.size)


def ink_box(ink: np.ndarray) -> tuple[int, int, int, int]:
    """The bounding box of a non-blank ink map's ink pixels (above INK_THRESHOLD): (x, y, width, height)."""
    rows, columns = np.nonzero(ink > INK_THRESHOLD)
    x, y = int(columns.min()), int(rows.min())
    return x, y, int(columns.max()) + 1 - x, int(rows.max()) + 1 - y


def crop_to_ink(ink: np.ndarray) -> np.ndarray:
    """The ink map cut down to the bounding box of its ink pixels (ink_box)."""
    x, y, width, height = ink_box(ink)
    return ink[y : y + height, x : x + width]


def stroke_width(ink: np.ndarray) -> float:
    """The mean width of the strokes in px: 2 x area / perimeter of the binarised ink (exact for long strokes)."""
    mask = (ink > 0.5).astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    perimeter = sum(cv2.arcLength(contour, True) for contour in contours)
    return 2.0 * float(mask.sum()) / max(perimeter, 1.0)


def normalise_stroke_width(digit: np.ndarray) -> np.ndarray:
    """Erode or dilate a cropped digit so its strokes are as wide, relative to its size, as MNIST's (within its
    10th-90th percentile); re-cropped.

    A disc of odd diameter d changes a stroke's width by d - 1. If thinning would erase the digit (a dot, say),
    the digit is returned as it was. A digit larger than the canvas (a photo, a high-DPI screen) is first shrunk to
    canvas size, which keeps the discs, and so the time, small.
    """
    if max(digit.shape) > CANVAS_SIZE:
        digit = resize_longer_side(digit, CANVAS_SIZE)
        if not np.any(digit > INK_THRESHOLD):  # a hairline on a big image fades when shrunk: no strokes to measure
            return digit
    width, size = stroke_width(digit), max(digit.shape)
    target_ratio = np.clip(width / size, *np.divide(MNIST_STROKE_WIDTHS, DIGIT_BOX))  # stroke width / digit size
    # Eroding (dilating) by c px also shrinks (grows) the digit by c: solve width -/+ c = ratio * (size -/+ c).
    change = abs(width - target_ratio * size) / (1 - target_ratio)
    diameter = 2 * round(change / 2) + 1
    if diameter == 1:
        return digit
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (diameter, diameter))
    if width < target_ratio * size:
        return crop_to_ink(cv2.dilate(np.pad(digit, diameter), disc))
    thinned = cv2.erode(digit, disc)
    return crop_to_ink(thinned) if np.count_nonzero(thinned > INK_THRESHOLD) >= MIN_INK_PIXELS else digit


def resize_longer_side(digit: np.ndarray, length: int) -> np.ndarray:
    """Scale an image so its longer side is `length` px, keeping the aspect ratio."""
    height, width = digit.shape
    scale = length / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))  # cv2 wants (width, height)
    # Area interpolation averages the source pixels under each target pixel: MNIST's anti-aliasing when shrinking.
    return cv2.resize(digit, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)


def resize_by(image: np.ndarray, scale: float, interpolation: int) -> np.ndarray:
    """Scale an image by `scale` on both sides, as cv2.resize(fx=scale, fy=scale) does; a side that would round to
    0 px (an image 3,000 px long and 1 px wide, shrunk) keeps 1 px, where cv2 would raise."""
    height, width = image.shape[:2]
    if round(width * scale) >= 1 and round(height * scale) >= 1:
        return cv2.resize(image, None, fx=scale, fy=scale, interpolation=interpolation)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))  # cv2 wants (width, height)
    return cv2.resize(image, size, interpolation=interpolation)


def scale_to_digit_box(digit: np.ndarray) -> np.ndarray:
    """Scale a cropped digit so its longer side is DIGIT_BOX px, keeping the aspect ratio."""
    return resize_longer_side(digit, DIGIT_BOX)


def place_by_centre_of_mass(digit: np.ndarray) -> np.ndarray:
    """Paste a digit (at most 20x20) into a 28x28 field so its centre of mass lands on the field's centre.

    The shift is sub-pixel (bilinear): with whole-pixel shifts the same digit drawn at two sizes could land a pixel
    apart, which for 2 px strokes dropped their images' correlation to 0.78; sub-pixel shifts kept it above 0.96.
    The shift is clamped so no ink falls off the field for a digit whose mass sits far to one side.
    """
    centre = (MODEL_SIZE - 1) / 2
    mass_row, mass_column = centre_of_mass(digit)
    height, width = digit.shape
    down = min(max(centre - mass_row, 0.0), MODEL_SIZE - height)
    right = min(max(centre - mass_column, 0.0), MODEL_SIZE - width)
    shift = np.float32([[1, 0, right], [0, 1, down]])
    return cv2.warpAffine(digit, shift, (MODEL_SIZE, MODEL_SIZE), flags=cv2.INTER_LINEAR, borderValue=0.0)


def preprocess(image: np.ndarray | None) -> np.ndarray | None:
    """Any image of one digit -> the model's [28, 28] float32 input (ink 1, paper 0), or None if it is blank: no
    image, no pixels, or too little ink. Raises ImageError for an array that cannot be an image."""
    if image is None or (isinstance(image, np.ndarray) and image.size == 0):
        return None
    return preprocess_ink(ink_map(image))


def preprocess_ink(ink: np.ndarray) -> np.ndarray | None:
    """An ink map (see ink_map: ink 1, paper 0) of one digit -> the model's [28, 28] input, or None if it is blank."""
    if is_blank(ink):
        return None
    digit = scale_to_digit_box(normalise_stroke_width(crop_to_ink(ink)))
    return np.clip(place_by_centre_of_mass(digit), 0.0, 1.0)


def preprocess_many(images: np.ndarray) -> np.ndarray:
    """[N, H, W(, C)] images -> [N, 28, 28] float32 model inputs, as `preprocess` makes each (a blank one: all paper);
    one thread per core, as OpenCV releases the GIL. MNIST's test set through this is what `digitpad predict` sees of
    those digits saved as PNG files."""
    with ThreadPoolExecutor(os.cpu_count()) as pool:
        inputs = pool.map(preprocess, images, chunksize=256)
        return np.array([np.zeros((MODEL_SIZE, MODEL_SIZE), np.float32) if x is None else x for x in inputs])
