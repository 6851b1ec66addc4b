"""Drawing pen trajectories onto a canvas image, the way a person draws on the page.

In: a digit's strokes (pen positions in any coordinate box), a stroke width, how tall to draw it and where; or
several digits' strokes, written side by side as a number. Out: an [H, W, 4] uint8 RGBA image like the page's canvas
gives (280 x 280 for one digit): white, anti-aliased, round-capped ink on opaque black. Tests and benchmarks use it
to measure accuracy on drawn digits and numbers, not just on MNIST.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.config import CANVAS_SIZE, DEFAULT_STROKE_WIDTH

Stroke = list[tuple[float, float]]  # pen positions from pen-down to pen-up, x right and y down

SUBPIXEL_BITS = 4  # cv2 draws at 1/16 px precision
DEFAULT_HEIGHT = 0.6  # a digit drawn 60% of the canvas tall: what people do on a square pad
# A digit is never drawn wider than this fraction of the canvas, nor nearer its edge than half the rest.
FIT_ACROSS = 0.9


def fit_strokes(
    strokes: list[Stroke],
    height_fraction: float = DEFAULT_HEIGHT,
    centre: tuple[float, float] = (0.5, 0.5),
    canvas_size: int = CANVAS_SIZE,
) -> list[np.ndarray]:
    """Scale strokes so the digit is `height_fraction` of the canvas tall (narrower if it would not fit across) and
    move its bounding-box centre to `centre` (x, y as fractions of the canvas), or as near as the canvas allows with
    a margin. Returns [N, 2] float arrays in px."""
    points = np.concatenate([np.asarray(s, dtype=np.float64) for s in strokes])
    low, high = points.min(axis=0), points.max(axis=0)
    scale = min(
        height_fraction * canvas_size / max(high[1] - low[1], 1.0),
        FIT_ACROSS * canvas_size / max(high[0] - low[0], 1.0),
    )
    half_size = (high - low) * scale / 2
    margin = (1 - FIT_ACROSS) / 2 * canvas_size
    target = np.clip(np.asarray(centre) * canvas_size, half_size + margin, canvas_size - half_size - margin)
    middle = (low + high) / 2
    return [(np.asarray(s, dtype=np.float64) - middle) * scale + target for s in strokes]


def draw_strokes(
    strokes: list[np.ndarray], stroke_width: int, canvas_shape: tuple[int, int] = (CANVAS_SIZE, CANVAS_SIZE)
) -> np.ndarray:
    """Draw pixel-coordinate strokes as white ink on an opaque black RGBA canvas of (height, width) px."""
    ink = stroke_ink(strokes, stroke_width, canvas_shape)
    return np.dstack([ink, ink, ink, np.full_like(ink, 255)])


def stroke_ink(strokes: list[np.ndarray], stroke_width: int, canvas_shape: tuple[int, int]) -> np.ndarray:
    """The ink alone of draw_strokes' canvas: [height, width] uint8, 255 where the pen passed, 0 elsewhere."""
    ink = np.zeros(canvas_shape, dtype=np.uint8)
    for stroke in strokes:
        points = np.round(stroke * (1 << SUBPIXEL_BITS)).astype(np.int32).reshape(-1, 1, 2)
        if len(points) == 1:  # a tap: a round dot of the stroke's width
            cv2.circle(
                ink, tuple(points[0, 0]), stroke_width * (1 << SUBPIXEL_BITS) // 2, 255, -1, cv2.LINE_AA, SUBPIXEL_BITS
            )
        else:
            cv2.polylines(ink, [points], False, 255, stroke_width, cv2.LINE_AA, SUBPIXEL_BITS)
    return ink


def render_canvas(
    strokes: list[Stroke],
    stroke_width: int = DEFAULT_STROKE_WIDTH,
    height_fraction: float = DEFAULT_HEIGHT,
    centre: tuple[float, float] = (0.5, 0.5),
) -> np.ndarray:
    """A digit's strokes drawn on a page-sized canvas: [280, 280, 4] uint8, white ink on black."""
    return draw_strokes(fit_strokes(strokes, height_fraction, centre), stroke_width)


def number_strokes(
    digits: list[list[Stroke]], height: float, gaps: list[float], margin: float
) -> tuple[list[np.ndarray], tuple[int, int]]:
    """Several digits written side by side, as a person writes a number: each scaled to `height` px tall, the next
    one starting `gap * height` px after the last one's right edge (a negative gap overlaps it), all `margin` px in
    from the edges. Returns the strokes in px and the (height, width) of the canvas that holds them."""
    placed, left = [], margin
    for strokes, gap in zip(digits, [0.0, *gaps], strict=True):
        points = np.concatenate([np.asarray(s, dtype=np.float64) for s in strokes])
        low, high = points.min(axis=0), points.max(axis=0)
        scale = height / max(high[1] - low[1], 1.0)
        left += gap * height
        placed += [(np.asarray(s, dtype=np.float64) - low) * scale + (left, margin) for s in strokes]
        left += (high[0] - low[0]) * scale
    return placed, (round(height + 2 * margin), round(left + margin))
