"""Pen-drawn digits as the model sees them: drawn on the page's canvas, then read the way the page reads a drawing (its
strokes, re-drawn: digitpad.reading.canvas) or the way an image file is read (its pixels, preprocessed).

In: PenDigits (digitpad.learning.data), how to draw them and which path. Out: [N, 28, 28] model inputs, for measuring
accuracy over a grid of drawing conditions (pen width x digit size x place) or, drawn under random conditions, for
training.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from digitpad.config import DRAWN_CENTRES, DRAWN_HEIGHTS, DRAWN_STROKE_WIDTHS, FINAL_WRITERS
from digitpad.learning.data import PenDigit
from digitpad.reading.canvas import canvas_input, fabric_json
from digitpad.reading.preprocess import preprocess
from digitpad.reading.strokes import Stroke, draw_strokes, fit_strokes

Probabilities = Callable[[np.ndarray], np.ndarray]  # [N, 28, 28] model inputs -> [N, 10] probabilities


@dataclass(frozen=True)
class Condition:
    """How a digit is drawn: pen width in canvas px, height as a fraction of the canvas, and where."""

    stroke_width: int
    height_fraction: float
    place: str  # a key of DRAWN_CENTRES

    def __str__(self) -> str:
        return f"pen {self.stroke_width:>2} px, {self.height_fraction:.0%} tall, {self.place}"


CONDITIONS = [Condition(*c) for c in itertools.product(DRAWN_STROKE_WIDTHS, DRAWN_HEIGHTS, DRAWN_CENTRES)]


PATHS = ("strokes", "pixels")  # how a drawing reaches the model: the page reads strokes, an image file is pixels


def split_writers(digits: list[PenDigit]) -> tuple[list[PenDigit], list[PenDigit]]:
    """(tuning writers' digits, final writers' digits)."""
    final = [d for d in digits if d.writer in FINAL_WRITERS]
    return [d for d in digits if d.writer not in FINAL_WRITERS], final


def by_writer(digits: list[PenDigit]) -> dict[str, list[PenDigit]]:
    """{writer: their digits, in file order}."""
    writers: dict[str, list[PenDigit]] = {}
    for digit in digits:
        writers.setdefault(digit.writer, []).append(digit)
    return writers


def labels(digits: list[PenDigit]) -> np.ndarray:
    return np.array([d.label for d in digits])


Drawing = tuple[list[Stroke], int, float, tuple[float, float]]  # strokes, pen width, height fraction, centre


def draw_and_read(drawing: Drawing, path: str = "pixels") -> np.ndarray:
    """One digit drawn on the canvas as asked, then read by `path` (one of PATHS): [28, 28] float32."""
    strokes, stroke_width, height_fraction, centre = drawing
    placed = fit_strokes(strokes, height_fraction, centre)
    if path == "strokes":
        return canvas_input(fabric_json(placed, stroke_width), None)
    return preprocess(draw_strokes(placed, stroke_width))


def model_inputs(drawings: list[Drawing], path: str | Sequence[str] = "pixels") -> np.ndarray:
    """Many drawings, drawn and read by `path` (one for all, or one each): [N, 28, 28] float32, in order.

    One thread per core: OpenCV's drawing and resizing release the GIL, so two threads draw 3,000 digits 1.8x as fast
    as one (8.2 s -> 4.5 s on the 2-core machine), the same images in the same order."""
    paths = [path] * len(drawings) if isinstance(path, str) else path
    with ThreadPoolExecutor(os.cpu_count()) as pool:
        return np.array(list(pool.map(draw_and_read, drawings, paths, chunksize=64)))


def correct_by_condition(
    probabilities: Probabilities,
    digits: list[PenDigit],
    path: str = "pixels",
    conditions: Sequence[Condition] = CONDITIONS,
) -> dict[Condition, np.ndarray]:
    """For each condition (by default the whole grid), whether each digit drawn that way and read by `path` is
    classified right: {condition: [N] bool}."""
    drawings = [
        (d.strokes, c.stroke_width, c.height_fraction, DRAWN_CENTRES[c.place]) for c in conditions for d in digits
    ]
    predicted = np.argmax(probabilities(model_inputs(drawings, path)), axis=1).reshape(len(conditions), len(digits))
    return {condition: row == labels(digits) for condition, row in zip(conditions, predicted, strict=True)}


def random_model_inputs(
    digits: list[PenDigit], per_digit: int, seed: int, by_strokes: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Each digit drawn `per_digit` times with a random pen width, size and place within the grid's ranges, and read
    by its strokes (a random `by_strokes` share of them) or its pixels: ([N * per_digit, 28, 28] uint8 images, ink
    high, as MNIST's; [N * per_digit] labels)."""
    rng = np.random.default_rng(seed)
    drawings = [
        (
            digit.strokes,
            int(rng.integers(min(DRAWN_STROKE_WIDTHS), max(DRAWN_STROKE_WIDTHS) + 1)),
            float(rng.uniform(min(DRAWN_HEIGHTS), max(DRAWN_HEIGHTS))),
            tuple(rng.uniform(0.1, 0.9, size=2)),
        )
        for digit in digits
        for _ in range(per_digit)
    ]
    paths = np.where(rng.random(len(drawings)) < by_strokes, "strokes", "pixels")
    images = np.round(model_inputs(drawings, list(paths)) * 255).astype(np.uint8)
    return images, np.repeat(labels(digits), per_digit).astype(np.uint8)
