"""What the tests and benchmarks draw: pen-drawn digits chosen by a fixed rule rather than by how well they do, and
the awkward drawings people make on purpose.

In: the pen digits (the `pen_digits` fixture, or digitpad.learning.data.load_pen_digits). Out: the first digit of each
label 0-9 (or the first few of each) by the final writers, whose digits no choice is made on; canvas images of a dot, a
line, a scribble and so on; numbers written side by side; a word; a drawing in a screenshot of a drawing app.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.config import CANVAS_SIZE, DEFAULT_STROKE_WIDTH, MIN_STROKE_WIDTH, NUM_CLASSES, NUMBER_CANVAS
from digitpad.learning.data import PenDigit
from digitpad.learning.drawn import split_writers
from digitpad.learning.negatives import text
from digitpad.reading.strokes import draw_strokes, fit_strokes, number_strokes

NUMBER_MARGIN = 20  # px between a number's ink and the canvas's edges
# "MAX" as drawn with the mouse on the number canvas in Chromium, its strokes' corners in px: read as "1148" (its M cut
# into two 1s), its pieces' mean score a digit's, two of the four pieces no digit's
MAX_STROKES = [
    np.array(corners, float)
    for corners in (
        [(100, 160), (120, 40), (160, 120), (200, 40), (220, 160)],
        [(300, 160), (350, 40), (400, 160)],
        [(320, 110), (380, 110)],
        [(480, 40), (580, 160)],
        [(580, 40), (480, 160)],
    )
]


def first_of_each_label(digits: list[PenDigit], per_label: int = 1) -> list[PenDigit]:
    """The first `per_label` final writers' digits of each label, in file order; ordered 0, 1, ..., 9, 0, 1, ..."""
    _, final = split_writers(digits)
    by_label = [[d for d in final if d.label == label][:per_label] for label in range(NUM_CLASSES)]
    return [by_label[label][round_] for round_ in range(per_label) for label in range(NUM_CLASSES)]


def awkward_drawings(digits: list[PenDigit]) -> dict[str, np.ndarray | None]:
    """What people draw on purpose at a meetup, as canvas images ([280, 280, 4] uint8), plus no image and no pixels."""
    rng = np.random.default_rng(5)
    scribble = [np.cumsum(rng.normal(0, 25, (40, 2)), axis=0) + CANVAS_SIZE / 2 for _ in range(3)]  # random walks
    tiny_two = fit_strokes(first_of_each_label(digits)[2].strokes, height_fraction=0.1, centre=(0.08, 0.9))
    return {
        "a single dot": draw_strokes([np.array([[140.0, 140.0]])], DEFAULT_STROKE_WIDTH),
        "a straight line": draw_strokes([np.array([[40.0, 200.0], [240.0, 80.0]])], DEFAULT_STROKE_WIDTH),
        "the canvas filled with ink": np.full((CANVAS_SIZE, CANVAS_SIZE, 4), 255, np.uint8),
        "a random scribble": draw_strokes([np.clip(s, 0, CANVAS_SIZE) for s in scribble], DEFAULT_STROKE_WIDTH),
        "a tiny 2 in a corner": draw_strokes(tiny_two, MIN_STROKE_WIDTH // 2),
        "no image": None,
        "no pixels": np.zeros((0, 0, 4), np.uint8),
    }


def number_layout(digits: list[PenDigit], gaps: list[float] | None = None) -> tuple[list[np.ndarray], tuple[int, int]]:
    """The digits' strokes written side by side, as tall as the page's number canvas allows, each gap (in digit
    heights, ink to ink; negative overlaps) after a digit, 0.2 each by default: (strokes in px, (height, width))."""
    height = NUMBER_CANVAS[0] - 2 * NUMBER_MARGIN
    gaps = [0.2] * (len(digits) - 1) if gaps is None else gaps
    gaps = [gap + DEFAULT_STROKE_WIDTH / height for gap in gaps]  # the ink reaches half a pen past each path
    return number_strokes([d.strokes for d in digits], height, gaps, NUMBER_MARGIN)


def number_canvas(digits: list[PenDigit], gaps: list[float] | None = None) -> np.ndarray:
    """The digits written as number_layout places them, drawn with the page's default pen."""
    strokes, shape = number_layout(digits, gaps)
    return draw_strokes(strokes, DEFAULT_STROKE_WIDTH, shape)


def pair_strokes(digits: list[PenDigit], fill: bool = False) -> list[np.ndarray]:
    """Two (or more) digits written side by side, centred on the page's square one-digit canvas: strokes in px. 100 px
    tall, or with `fill` 85% of the square tall and across, narrowed to fit: taller than number mode's canvas."""
    tall = 0.85 * CANVAS_SIZE if fill else 100.0
    strokes, (height, width) = number_strokes([d.strokes for d in digits], tall, [0.3] * (len(digits) - 1), 0.0)
    narrowed = min(1.0, tall / width) if fill else 1.0
    return [(stroke - (width / 2, height / 2)) * (narrowed, 1.0) + CANVAS_SIZE / 2 for stroke in strokes]


def word_canvas(word: str, shape: tuple[int, int] = NUMBER_CANVAS, font: int = cv2.FONT_HERSHEY_SIMPLEX) -> np.ndarray:
    """`word` written across a canvas of `shape` (the page's number canvas) with its default pen, white on black, as a
    visitor writes their name there: letters, no digits."""
    return text(word, font, DEFAULT_STROKE_WIDTH, 0.6 * shape[0], shape)


def smiley_canvas() -> np.ndarray:
    """A smiley drawn with the page's default pen on its one-digit canvas: not a digit."""
    ink = np.zeros((CANVAS_SIZE, CANVAS_SIZE), np.uint8)
    cv2.circle(ink, (140, 140), 90, 255, DEFAULT_STROKE_WIDTH)
    for x in (105, 175):
        cv2.circle(ink, (x, 115), 10, 255, -1)
    cv2.ellipse(ink, (140, 150), (45, 35), 0, 20, 160, 255, DEFAULT_STROKE_WIDTH)
    return np.dstack([ink, ink, ink, np.full_like(ink, 255)])


def in_an_app(canvas: np.ndarray) -> np.ndarray:
    """A phone's screenshot of a drawing app with `canvas` (white ink on black, as draw_strokes gives it) drawn in it,
    dark on the app's white: [2340, 1080, 3] uint8 RGB, with a status bar's time, the app's blue title bar, and a
    palette of five coloured dots under the drawing."""
    screen = np.full((2340, 1080, 3), 250, np.uint8)
    screen[:70] = 244
    cv2.putText(screen, "9:41", (40, 50), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (20, 20, 20), 2, cv2.LINE_AA)
    screen[70:200] = (66, 103, 192)
    cv2.putText(screen, "Sketch", (50, 155), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (255, 255, 255), 3, cv2.LINE_AA)
    screen[2100:] = (238, 238, 242)
    for i, colour in enumerate([(25, 25, 25), (230, 55, 55), (50, 130, 230), (50, 180, 80), (240, 200, 50)]):
        cv2.circle(screen, (140 + 200 * i, 2220), 45, colour, -1, cv2.LINE_AA)
    gray = canvas[:, :, :3].max(axis=2) if canvas.ndim == 3 else canvas
    scale = min(600 / gray.shape[1], 600 / gray.shape[0])  # a 18 px pen on the canvas: 15 px on the screen
    ink = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)[..., None] / 255
    top, left = 1150 - ink.shape[0] // 2, (1080 - ink.shape[1]) // 2
    part = screen[top : top + ink.shape[0], left : left + ink.shape[1]]
    screen[top : top + ink.shape[0], left : left + ink.shape[1]] = np.round(part * (1 - ink) + 25 * ink)
    return screen
