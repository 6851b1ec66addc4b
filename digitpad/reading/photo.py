"""Photos of paper: a phone photo or scan of digits written in ink, cleaned into the ink image the digit reader takes.

In: a grayscale, RGB or RGBA photo of any size and numeric dtype, ink of any colour on lighter paper (or light on
dark), lit unevenly, with shadows, specks, ruled, dotted and box lines. Out: an [H, W] uint8 image, white ink (255) on
black (0), PHOTO_MIN_WORKING_SIZE to PHOTO_WORKING_SIZE px on its longer side; all black when nothing is written. It
is also what the page shows as "what it cut out"; digitpad.models.number.read_number reads it as it reads the page's
canvas. And paper_darkness: how much darker than its paper the photo's median pixel is, which says whether it is a
photo of paper at all; and dim_room_undone: a photo taken in a dim room without its sensor's grain and lamp's cast.

How: a pixel's brightness is its darkest colour channel, so red and blue ink are as dark as black. The paper's
brightness is estimated everywhere by erasing the ink (a closing wider than any stroke, smoothed but for a shadow's hard
edge), and each pixel's ink is how much darker it is than its own paper, so a shadow or a dim side of the sheet is
paper, not ink. Long faint straight runs (ruled lines, the margin) are subtracted as far as they are dark, so ink
crossing a faint line keeps its stroke. What is clearly darker than its paper is ink (clearly: beside the darkest ink,
when that is a pencil's grey or small writing the lens blurred, and above the paper's grain), and so are fainter pixels
touching it (a thin stroke's ends). Lines dark enough to be ink (a box's, drawn whole or cut by the crop, dotted lines)
go next (when a box's are darker than the writing, the ink is found again without them setting how dark ink is: a red
mark in a black box lost its fainter digits), then what a faint line left beside the digits where it ran darker than
what was taken (digitpad.reading.paper_lines); then specks, scraps cut off at the crop's edge, blobs far thicker than a
pen stroke (what a photo of a face or a landscape leaves), a pen lying on the page, and bands with no paper round them
(the edge of a dark region: the closing lifts the paper along it; digitpad.reading.not_writing). A page turned askew
(its longest line says by how much) has all of this done turned level, and its ink turned back. Writing still small at
the working size (a form's field cut wide from a small photo) is cleaned again, enlarged till its digits stand
PHOTO_WRITING_HEIGHT tall.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from digitpad.config import (
    MIN_SEGMENT_HEIGHT,
    PHOTO_CAST,
    PHOTO_CLOSER_AT_LEAST,
    PHOTO_DENOISE_SIGMA,
    PHOTO_FAINTEST,
    PHOTO_GRAIN,
    PHOTO_GRAIN_STRENGTH,
    PHOTO_INK_AT_LEAST,
    PHOTO_INK_GROWTH,
    PHOTO_INK_TYPICAL,
    PHOTO_LIGHT_INK_MIN,
    PHOTO_LIGHT_INK_PAPER,
    PHOTO_LIGHT_INK_PEAK,
    PHOTO_LIGHT_INK_RATIO,
    PHOTO_LINE_CONTRAST,
    PHOTO_MIN_CONTRAST,
    PHOTO_MIN_WORKING_SIZE,
    PHOTO_NOISE_FLOOR,
    PHOTO_PAPER_THUMBNAIL,
    PHOTO_PAPER_WINDOW,
    PHOTO_POLARITY_SIZE,
    PHOTO_POLARITY_TAIL,
    PHOTO_POLARITY_THIN,
    PHOTO_POLARITY_WINDOW,
    PHOTO_SHADOW_DEPTH,
    PHOTO_SHADOW_STEP,
    PHOTO_SMALL_INK_GROWTH,
    PHOTO_WORKING_SIZE,
    PHOTO_WRITING_HEIGHT,
)
from digitpad.reading.labels import pieces_touching
from digitpad.reading.not_writing import (
    on_paper,
    without_blobs,
    without_edge_scraps,
    without_pens,
    without_rings,
    without_specks,
)
from digitpad.reading.paper_lines import lines_across, page_tilt, turned, without_ink_lines, without_line_residue
from digitpad.reading.preprocess import as_unit_float, checked_pixels, resize_by, resize_longer_side


def clean_photo(image: np.ndarray) -> np.ndarray:
    """A photo of writing on paper -> its ink alone, [H, W] uint8, 255 on 0 (see the module's docstring); raises
    digitpad.reading.preprocess.ImageError for an array that cannot be an image."""
    ink = ink_of(working_gray(image))
    height = writing_height(ink) if max(ink.shape) < PHOTO_WORKING_SIZE else 0  # a large photo is cleaned once
    if 0 < height < PHOTO_WRITING_HEIGHT:  # small writing: again, larger, its blurred edges grown less
        longer = min(PHOTO_WORKING_SIZE, round(max(ink.shape) * PHOTO_WRITING_HEIGHT / height))
        ink = ink_of(working_gray(image, longer), PHOTO_SMALL_INK_GROWTH)
    return ink


def writing_window(image: np.ndarray, ink: np.ndarray) -> tuple[int, int, int, int] | None:
    """The part of a large photo its small writing is in, to be read alone: (top, left, bottom, right) in its px, the
    frame's shape, which shrunk to the working size has the writing's digits PHOTO_WRITING_HEIGHT tall, or as tall as
    the photo's own pixels and a digit's room round the writing allow. `ink` is the photo's, clean_photo's; writing
    it lost (strokes that shrinking averaged away) is looked for in thin_kept's. None for a photo at most
    PHOTO_WORKING_SIZE px long, with no writing, or whose writing would not stand PHOTO_CLOSER_AT_LEAST times taller.
    A 42 written 120 px tall in a 12-megapixel photo stood 30 px tall shrunk, too little ink to be read."""
    frame = np.array(checked_pixels(image).shape[:2], np.float64)  # rows, columns
    if max(frame) <= PHOTO_WORKING_SIZE:
        return None
    if not ink.any():
        ink = ink_of(working_gray(thin_kept(image)))
    pieces = writing_pieces(ink).astype(np.float64) * max(frame) / max(ink.shape)  # in the photo's px
    if not len(pieces):
        return None
    left, top, width, height = pieces[:, :4].T
    tall = float(np.median(height))
    low, high = np.array([top.min(), left.min()]), np.array([(top + height).max(), (left + width).max()])
    room = high - low + 2 * tall  # the writing, a digit's room round it
    # The window's longer side: its digits PHOTO_WRITING_HEIGHT tall at the working size, never enlarged, room kept
    longer = max(PHOTO_WORKING_SIZE * tall / PHOTO_WRITING_HEIGHT, PHOTO_WORKING_SIZE, *(room * max(frame) / frame))
    if longer * PHOTO_CLOSER_AT_LEAST > max(frame):
        return None
    window = np.round(frame * longer / max(frame))
    start = np.clip(np.round((low + high - window) / 2), 0, frame - window)
    end = start + window
    return int(start[0]), int(start[1]), int(end[0]), int(end[1])


def paper_darkness(image: np.ndarray) -> float:
    """How much darker than its own paper (ink_contrast's terms) a photo's median pixel is: about 0 for a photo of
    writing, which is mostly bare paper, more for a face, a cat or a landscape, whose dark regions are not thin
    strokes. Measured with its shorter side PHOTO_PAPER_THUMBNAIL px, where sensor noise (which the paper's closing
    would lift to its peaks) is averaged away; raises ImageError as clean_photo does."""
    pixels = checked_pixels(image)
    shorter, longer = min(pixels.shape[:2]), max(pixels.shape[:2])
    step = max(1, shorter // (4 * PHOTO_PAPER_THUMBNAIL))  # a 12 MP photo's every 5th px: 20 to each thumbnail px
    sample = np.ascontiguousarray(pixels[::step, ::step])
    gray = working_gray(sample, min(PHOTO_WORKING_SIZE, round(longer * PHOTO_PAPER_THUMBNAIL / shorter)))
    contrast, _ = ink_contrast(gray, paper_brightness(gray))
    return float(np.median(contrast))


def writing_height(ink: np.ndarray) -> float:
    """The writing's height in `ink` (px): the median of its writing_pieces'; 0 for none."""
    pieces = writing_pieces(ink)
    return float(np.median(pieces[:, cv2.CC_STAT_HEIGHT])) if len(pieces) else 0.0


def writing_pieces(ink: np.ndarray) -> np.ndarray:
    """[N, 5] cv2 statistics (left, top, width, height, area) of the pieces of `ink` at least MIN_SEGMENT_HEIGHT of the
    tallest: those digitpad.reading.segment keeps as digits."""
    _, _, stats, _ = cv2.connectedComponentsWithStats((ink > 0).astype(np.uint8), connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    return stats[1:][heights >= MIN_SEGMENT_HEIGHT * heights.max(initial=0)]


def thin_kept(image: np.ndarray) -> np.ndarray:
    """[H, W] float32 brightness of a photo larger than the working size, shrunk to it keeping the ink: each pixel
    first the darkest (the lightest, where the ink is light) of the photo's pixels it stands for, so a thin stroke,
    which shrinking averages into the paper, is left a pixel wide."""
    pixels = checked_pixels(image)
    gray = as_unit_float(darkest_channel(pixels) if pixels.ndim == 3 else pixels)
    block = np.ones((round(max(gray.shape) / PHOTO_WORKING_SIZE),) * 2, np.uint8)
    dark = ink_is_dark(gray)  # on its own thumbnail
    return resize_longer_side((cv2.erode if dark else cv2.dilate)(gray, block), PHOTO_WORKING_SIZE)


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
    unlined = without_ink_lines(marked, ruled)
    taken = marked & ~unlined
    if taken.any() and unlined.any() and np.median(contrast[taken]) > np.median(contrast[unlined]):
        # A box's lines darker than the writing set how dark ink is: again, judged by the writing alone
        box = cv2.dilate(taken.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        marked = ink_mask(contrast - lines, noise, growth, unjudged=box)
        unlined = without_ink_lines(marked, ruled)
    ink = without_line_residue(unlined, marked, across > PHOTO_LINE_CONTRAST)
    ink = without_pens(without_rings(without_blobs(without_edge_scraps(without_specks(ink)))))
    ink = np.where(on_paper(ink, marked | ruled, gray, paper), 255, 0).astype(np.uint8)
    return turned(ink, -tilt, nearest=True) if tilt else ink


def working_gray(image: np.ndarray, longer: int | None = None) -> np.ndarray:
    """The photo's working_brightness, turned over if need be so the ink is darker than the paper."""
    gray = working_brightness(image, longer)
    return gray if ink_is_dark(gray) else 1.0 - gray


def working_brightness(image: np.ndarray, longer: int | None = None) -> np.ndarray:
    """The photo as [H, W] float32 brightness in 0..1 (its darkest channel), brought to `longer` px on its longer side
    (default: PHOTO_MIN_WORKING_SIZE to PHOTO_WORKING_SIZE px), denoised."""
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
    return cv2.GaussianBlur(gray, (0, 0), PHOTO_DENOISE_SIGMA)


class Undone(NamedTuple):
    """A photo taken in a dim room, without its grain and its lamp's cast (dim_room_undone)."""

    brightness: np.ndarray  # [H, W] uint8, the photo's size
    grainy: bool  # its grain was taken away, not only a lamp's cast


def dim_room_undone(image: np.ndarray) -> Undone | None:
    """A photo as a dim room leaves it, with much grain (sensor_noise over PHOTO_GRAIN of its median brightness) or
    a lamp's strong colour cast (its paper's dimmest colour under PHOTO_CAST of its brightest) -> its brightness with
    both taken away: each colour scaled so its paper (median) is as bright as the brightest's, as the blue a darkest
    channel reads is dimmed by a lamp; then, if grainy, non-local means PHOTO_GRAIN_STRENGTH times as strong as the
    grain, which keep a stroke's edges, at the working size at most. None for any other photo."""
    pixels = checked_pixels(image)
    height, width = pixels.shape[:2]
    if max(height, width) > PHOTO_WORKING_SIZE:  # shrunk first: averaging takes some grain away, and it is quicker
        pixels = resize_by(
            pixels if pixels.dtype == np.uint8 else as_unit_float(pixels),
            PHOTO_WORKING_SIZE / max(height, width),
            cv2.INTER_AREA,
        )
    gray, cast = as_unit_float(pixels), False
    if gray.ndim == 3:
        colours = gray[:, :, :3]
        paper = np.median(colours[::4, ::4].reshape(-1, 3), axis=0)
        cast = bool(paper.min() < PHOTO_CAST * paper.max())
        gray = darkest_channel(colours * (paper.max() / np.maximum(paper, 1e-3)).astype(np.float32))
    gray = np.clip(gray, 0.0, 1.0)
    noise, tones = sensor_noise(gray), np.round(gray * 255).astype(np.uint8)
    grainy = noise > PHOTO_GRAIN * max(float(np.median(gray)), 1e-3)
    if grainy:
        tones = cv2.fastNlMeansDenoising(tones, None, h=PHOTO_GRAIN_STRENGTH * noise * 255)
    elif not cast:
        return None
    if tones.shape != (height, width):
        tones = cv2.resize(tones, (width, height), interpolation=cv2.INTER_LINEAR)
    return Undone(tones, grainy)


def darkest_channel(pixels: np.ndarray) -> np.ndarray:
    """[H, W, 3 or 4] -> [H, W]: each pixel's darkest colour channel (an alpha says nothing about the paper)."""
    red, green, blue = cv2.split(pixels)[:3]
    return cv2.min(cv2.min(red, green), blue)  # numpy's min over the last axis takes 20-30 times as long


def ink_is_dark(gray: np.ndarray) -> bool:
    """Whether the ink is darker than the paper. The paper is the most common tone (as in ink_map), but of each part
    of the sheet, not of all of it, which light may leave half dim: a median over PHOTO_POLARITY_WINDOW, on a
    thumbnail PHOTO_POLARITY_SIZE px long for speed. The ink is what stands out from it: light when it stands out more
    on the light side by PHOTO_LIGHT_INK_MIN at least on average (thick strokes), or when the thin strokes' brightest
    pixels do by PHOTO_LIGHT_INK_PEAK, PHOTO_LIGHT_INK_RATIO times their darkest (chalk on a board: so little of the
    photo that on average it stood out 0.004), on paper no brighter than PHOTO_LIGHT_INK_PAPER (a board, black paper:
    light ink needs room above it). Else dark, as most ink is: a blank sheet's light ripples were taken for light ink,
    a glare spot, wider than a thin stroke, for chalk, and so was the highlight along a glossy pen on white paper."""
    mean, light, dark, paper = ink_stand_out(gray)
    chalk = light >= PHOTO_LIGHT_INK_PEAK and light >= PHOTO_LIGHT_INK_RATIO * dark and paper <= PHOTO_LIGHT_INK_PAPER
    return not (mean >= PHOTO_LIGHT_INK_MIN or chalk)


def ink_stand_out(gray: np.ndarray) -> tuple[float, float, float, float]:
    """How far a photo ([H, W] brightness) stands out from its paper in ink_is_dark's terms: (its light side over its
    dark side on average; its thin strokes' brightest PHOTO_POLARITY_TAIL, and their darkest: what a top-hat
    PHOTO_POLARITY_THIN px wide leaves of the thumbnail, above and below it; the paper's median brightness)."""
    thumbnail = resize_longer_side(gray, PHOTO_POLARITY_SIZE)
    window = 2 * round(PHOTO_POLARITY_WINDOW * PHOTO_POLARITY_SIZE / 2) + 1  # medianBlur takes odd sizes
    paper = cv2.medianBlur(np.round(thumbnail * 255).astype(np.uint8), window).astype(np.float32) / 255
    thin = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (PHOTO_POLARITY_THIN, PHOTO_POLARITY_THIN))
    light, dark = (cv2.morphologyEx(thumbnail, how, thin) for how in (cv2.MORPH_TOPHAT, cv2.MORPH_BLACKHAT))
    tails = np.percentile([light, dark], 100 - PHOTO_POLARITY_TAIL, axis=(1, 2))
    return float((thumbnail - paper).mean()), float(tails[0]), float(tails[1]), float(np.median(paper))


def paper_brightness(gray: np.ndarray) -> np.ndarray:
    """[H, W] brightness of the bare paper under each pixel: a closing wider than any stroke lifts the ink to the
    paper around it, and a blur as wide smooths the closing's flat steps, but not a shadow's hard edge, which the
    closing keeps (shadow_edges). The blur alone lifted the shadowed paper along the edge and dimmed the lit: a 7
    written in a phone's shadow beside its edge was taken for the edge of a dark region."""
    window = max(3, round(PHOTO_PAPER_WINDOW * max(gray.shape)))
    closed = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (window, window)))
    blurred = cv2.blur(closed, (window, window))
    edge = shadow_edges(closed, blurred, window)
    return blurred if edge is None else edge * closed + (1.0 - edge) * blurred


def shadow_edges(closed: np.ndarray, blurred: np.ndarray, window: int) -> np.ndarray | None:
    """[H, W] float32, 0 to 1 (None where all are 0): how far each pixel is by a shadow's hard edge, where the paper's
    blur is apart from its closing by PHOTO_SHADOW_STEP of the paper (from none at the first to wholly at the second),
    and the paper's dim side, over the window, is PHOTO_SHADOW_DEPTH of its lit side or more (wholly from 0.05 more),
    as a shadow on paper leaves it: a dark coat against the sky, or a black ground round a lit disc, is darker, and
    there the blur's lifted band is left for on_paper to take away."""
    low, high = PHOTO_SHADOW_STEP
    apart = np.abs(blurred - closed) / np.maximum(closed, 1e-3)
    if apart.max(initial=0.0) <= low:  # no hard edge: most photos
        return None
    # The depth over the window changes no faster than the window: measured a quarter the size, 1 ms and not 18
    size, side = (max(1, closed.shape[1] // 4), max(1, closed.shape[0] // 4)), (window + 3) // 4
    coarse, quarter = cv2.resize(closed, size, interpolation=cv2.INTER_AREA), np.ones((side, side), np.uint8)
    depth = cv2.erode(coarse, quarter) / np.maximum(cv2.dilate(coarse, quarter), 1e-3)
    depth = cv2.resize(depth, closed.shape[::-1], interpolation=cv2.INTER_LINEAR)
    return np.clip((apart - low) / (high - low), 0.0, 1.0) * np.clip((depth - PHOTO_SHADOW_DEPTH) / 0.05, 0.0, 1.0)


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


def ink_mask(
    contrast: np.ndarray,
    noise: np.ndarray | float,
    growth: float = PHOTO_INK_GROWTH,
    unjudged: np.ndarray | None = None,
) -> np.ndarray:
    """[H, W] bool: the ink, given the contrast and its noise (ink_contrast). Clearly ink is above Otsu's split between
    paper and ink and above a floor: PHOTO_MIN_CONTRAST, or less where the darkest ink is faint (a pencil's, small
    writing the lens blurred), down to PHOTO_FAINTEST of it, but never within PHOTO_NOISE_FLOOR times the noise, so
    blank paper's grain is never ink, nor under PHOTO_INK_AT_LEAST, so neither is a smooth sheet's uneven light.
    Fainter pixels down to `growth` of that, or of PHOTO_INK_TYPICAL of the clear ink's median if more, are ink too
    where they touch clear ink: a stroke's faint ends, not the writing on the back of the page showing through. The
    pixels `unjudged` ([H, W] bool: a box's lines darker than the writing) count in none of these levels."""
    judged = contrast if unjudged is None else contrast[~unjudged]
    levels = np.round(np.clip(judged, 0, 1) * 255).astype(np.uint8)  # a line taken away may leave a hair under 0
    otsu, _ = cv2.threshold(levels.reshape(1, -1), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    darkest = float(judged.max(initial=0))
    faint = np.maximum(PHOTO_FAINTEST * darkest, PHOTO_NOISE_FLOOR * noise)
    floor = np.clip(faint, PHOTO_INK_AT_LEAST, PHOTO_MIN_CONTRAST)  # AT_LEAST: a smooth blank sheet has no grain
    threshold = np.maximum(otsu / 255, floor)
    clear = contrast > threshold
    writing = clear if unjudged is None else clear & ~unjudged
    typical = float(np.median(contrast[writing])) if writing.any() else 0.0  # how dark the pen writes
    faint_level = growth * np.maximum(threshold, PHOTO_INK_TYPICAL * typical)
    _, faint = cv2.connectedComponents((contrast > faint_level).astype(np.uint8), connectivity=8)
    return pieces_touching(faint, clear)
