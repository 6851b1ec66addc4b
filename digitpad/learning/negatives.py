"""Drawings that are not digits: letters, symbols, shapes and scribbles, as a person would draw them on the canvas.

In: a group ("tuning" or "final": disjoint fonts and random seeds) and a count. Out: (what each is, its drawing): [280,
280] uint8 images, white ink on black, as the page's canvas draws a pen; or words on the number canvas. All made up:
letters and symbols come from OpenCV's Hershey fonts, which are drawn as pen strokes (polylines) and so take any pen
width, slanted, sheared and placed as a hand would; shapes and scribbles are random smooth strokes.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.config import CANVAS_SIZE, NUMBER_CANVAS

# Letters that are not also a way of writing a digit: O/o (0), I/l/i/j/T/t/y (1, 7, 4), S/s (5), Z/z (2), b/G (6),
# B (8), g/q (9) are left out.
LETTERS = "ACDEFHJKLMNPRUVWXYacdefhkmnpruvwx"
SYMBOLS = "#@&%?!$*+=<>{}[]~"
FONTS = {
    "tuning": (
        cv2.FONT_HERSHEY_SIMPLEX,
        cv2.FONT_HERSHEY_DUPLEX,
        cv2.FONT_HERSHEY_TRIPLEX,
        cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
    ),
    "final": (
        cv2.FONT_HERSHEY_COMPLEX,
        cv2.FONT_HERSHEY_PLAIN,
        cv2.FONT_HERSHEY_SCRIPT_COMPLEX,
        cv2.FONT_HERSHEY_COMPLEX_SMALL,
    ),
}
SEEDS = {"tuning": 1, "final": 2}
KINDS = ("letter", "symbol", "shape", "scribble")


def hand(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The drawing turned, sheared and scaled a little, as a hand varies it, and placed anywhere it fits."""
    ys, xs = np.nonzero(image)
    if len(xs) == 0:
        return image
    centre = ((xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2)
    turn = cv2.getRotationMatrix2D(centre, float(rng.uniform(-12, 12)), float(rng.uniform(0.8, 1.1)))
    turn[0, 1] += float(rng.uniform(-0.2, 0.2))
    moved = cv2.warpAffine(image, turn, (CANVAS_SIZE, CANVAS_SIZE))
    ys, xs = np.nonzero(moved)
    if len(xs) == 0:
        return image
    dx = rng.uniform(-xs.min(), CANVAS_SIZE - 1 - xs.max()) if xs.max() - xs.min() < CANVAS_SIZE - 1 else 0
    dy = rng.uniform(-ys.min(), CANVAS_SIZE - 1 - ys.max()) if ys.max() - ys.min() < CANVAS_SIZE - 1 else 0
    return cv2.warpAffine(moved, np.float32([[1, 0, dx], [0, 1, dy]]), (CANVAS_SIZE, CANVAS_SIZE))


def text(
    characters: str, font: int, pen: int, height: float, shape: tuple[int, int] = (CANVAS_SIZE, CANVAS_SIZE)
) -> np.ndarray:
    """`characters` in a Hershey font drawn with a `pen` px pen, about `height` px tall (at most nine tenths of the
    canvas wide), centred on a canvas of `shape` (the one-digit canvas)."""
    (width, tall), _ = cv2.getTextSize(characters, font, 1.0, 1)
    scale = min(height / max(tall, 1), 0.9 * shape[1] / max(width, 1))
    (width, tall), _ = cv2.getTextSize(characters, font, scale, pen)
    image = np.zeros(shape, np.uint8)
    origin = ((shape[1] - width) // 2, (shape[0] + tall) // 2)
    cv2.putText(image, characters, origin, font, scale, 255, pen, cv2.LINE_AA)
    return image


def smooth_stroke(rng: np.random.Generator, points: int, size: float) -> np.ndarray:
    """A smooth random pen path of `points` points, about `size` px across: a pen whose direction wanders."""
    heading = np.cumsum(rng.normal(0, 0.15, points)) + rng.uniform(0, 2 * np.pi)
    smooth = np.cumsum(np.stack([np.cos(heading), np.sin(heading)], axis=1), axis=0)
    smooth -= smooth.min(axis=0)
    smooth *= size / max(float(np.ptp(smooth, axis=0).max()), 1e-6)
    return smooth + (CANVAS_SIZE - size) / 2


def shape(name: str, pen: int, size: float) -> np.ndarray:
    """One of SHAPES drawn with a `pen` px pen, about `size` px across, centred on the canvas."""
    image = np.zeros((CANVAS_SIZE, CANVAS_SIZE), np.uint8)
    c, r = CANVAS_SIZE / 2, size / 2
    angle = np.linspace(0, 2 * np.pi, 60, endpoint=False)
    outlines = {
        "triangle": [(c, c - r), (c + r, c + r), (c - r, c + r)],
        "square": [(c - r, c - r), (c + r, c - r), (c + r, c + r), (c - r, c + r)],
        "star": [
            (
                c + r * (1 if k % 2 == 0 else 0.45) * np.sin(k * np.pi / 5),
                c - r * (1 if k % 2 == 0 else 0.45) * np.cos(k * np.pi / 5),
            )
            for k in range(10)
        ],
        "heart": [
            (
                c + r * 16 * np.sin(t) ** 3 / 17,
                c - r * (13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t)) / 17,
            )
            for t in angle
        ],
    }
    if name in outlines:
        cv2.polylines(image, [np.int32(outlines[name])], True, 255, pen, cv2.LINE_AA)
    elif name == "smiley":
        cv2.circle(image, (int(c), int(c)), int(r), 255, pen, cv2.LINE_AA)
        for eye in (-0.35, 0.35):
            cv2.circle(image, (int(c + eye * r), int(c - 0.3 * r)), max(2, pen // 2), 255, -1, cv2.LINE_AA)
        cv2.ellipse(image, (int(c), int(c + 0.1 * r)), (int(0.5 * r), int(0.4 * r)), 0, 20, 160, 255, pen, cv2.LINE_AA)
    elif name == "cross":
        for sign in (-1, 1):
            cv2.line(image, (int(c - r), int(c - sign * r)), (int(c + r), int(c + sign * r)), 255, pen, cv2.LINE_AA)
    elif name == "spiral":
        t = np.linspace(0, 5 * np.pi, 120)
        cv2.polylines(
            image,
            [np.int32(np.stack([c + r * t / t.max() * np.cos(t), c + r * t / t.max() * np.sin(t)], 1))],
            False,
            255,
            pen,
            cv2.LINE_AA,
        )
    return image


SHAPES = ("triangle", "square", "star", "heart", "smiley", "cross", "spiral")


def not_digits(group: str, count: int, seed: int | None = None) -> list[tuple[str, np.ndarray]]:
    """`count` drawings of each kind (KINDS) in `group`'s fonts, from `seed` (default: the group's): [("letter A",
    image), ...]."""
    rng = np.random.default_rng(SEEDS[group] if seed is None else seed)
    fonts = FONTS[group]
    drawings = []
    for kind in KINDS:
        for _ in range(count):
            pen = int(rng.integers(8, 31))
            height = float(rng.uniform(0.3, 0.9) * CANVAS_SIZE)
            if kind in ("letter", "symbol"):
                character = str(rng.choice(list(LETTERS if kind == "letter" else SYMBOLS)))
                font = int(rng.choice(fonts)) | (cv2.FONT_ITALIC if rng.random() < 0.3 else 0)
                name, image = f"{kind} {character}", text(character, font, pen, height)
            elif kind == "shape":
                name = str(rng.choice(SHAPES))
                image = shape(name, pen, height)
            else:
                image = np.zeros((CANVAS_SIZE, CANVAS_SIZE), np.uint8)
                for _ in range(int(rng.integers(1, 4))):
                    path = smooth_stroke(rng, int(rng.integers(30, 120)), height)
                    cv2.polylines(image, [np.int32(path)], False, 255, pen, cv2.LINE_AA)
                name = "scribble"
            drawings.append((name, hand(image, rng)))
    return drawings


def words(group: str, count: int, seed: int | None = None) -> list[tuple[str, np.ndarray]]:
    """`count` words of 2-5 letters or symbols in `group`'s fonts, written across the page's number canvas as a
    visitor writes a name there, from `seed` (default: the group's): [("word KeX", image), ...]."""
    rng = np.random.default_rng((SEEDS[group] if seed is None else seed) + 1000)  # not the single characters' draws
    drawn = []
    for _ in range(count):
        characters = "".join(rng.choice(list(LETTERS if rng.random() < 0.8 else SYMBOLS), int(rng.integers(2, 6))))
        font = int(rng.choice(FONTS[group])) | (cv2.FONT_ITALIC if rng.random() < 0.3 else 0)
        pen, height = int(rng.integers(4, 11)), float(rng.uniform(0.4, 0.7) * NUMBER_CANVAS[0])
        drawn.append((f"word {characters}", text(characters, font, pen, height, NUMBER_CANVAS)))
    return drawn
