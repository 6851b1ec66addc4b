"""Photos of paper: final writers' digits and numbers written on lined paper and photographed under uneven light
(tests.photos), read through digitpad.reading.photo.clean_photo and digitpad.models.number.read_number, and read raw
without it.

In: $DIGITPAD_STROKES and the bundled model. Out, printed: for single digits and for numbers of 2-4 digits, the
share read exactly right with clean_photo and without it (the page's plain pipeline), and the time per photo to clean
it and to read its ink; then the time to read a 12-megapixel photo, one made black and white, and one taken in a dim
room (grainy, read twice: tests.photos.in_low_light, then enlarged). All these photos
are made up: for real ones, benchmarks/real.py.
Each photo's light, shadow, noise, blur, lines and specks are drawn at random from tests.photos.random_conditions.

    DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.photos [--count 200]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from benchmarks.numbers import random_number
from digitpad.config import DRAWN_HEIGHTS, DRAWN_STROKE_WIDTHS
from digitpad.learning.data import PenDigit, load_pen_digits
from digitpad.learning.drawn import by_writer, split_writers
from digitpad.models.classifier import DigitClassifier
from digitpad.models.number import read_number
from digitpad.models.pieces import PieceJudge
from digitpad.reading.photo import clean_photo
from digitpad.reading.strokes import render_canvas
from digitpad.stats import with_interval
from tests.photos import black_and_white, in_low_light, paper_photo, random_conditions

NUMBER_LENGTHS = (2, 3, 4)
# Photo px per drawing px: a single digit's photo is 590 to 1,370 px square, a number's up to about 2,700 px wide.
SCALES = (1.5, 3.5)


def random_digit(digits: list[PenDigit], rng: np.random.Generator) -> tuple[str, np.ndarray]:
    """One digit drawn with a random pen width and size: (its label, the canvas image)."""
    digit = digits[rng.integers(len(digits))]
    stroke_width = int(rng.integers(min(DRAWN_STROKE_WIDTHS), max(DRAWN_STROKE_WIDTHS) + 1))
    height = float(rng.uniform(min(DRAWN_HEIGHTS), max(DRAWN_HEIGHTS)))
    return str(digit.label), render_canvas(digit.strokes, stroke_width, height)


def measure(
    classifier: DigitClassifier, judge: PieceJudge, drawings: list[tuple[str, np.ndarray]], rng: np.random.Generator
) -> None:
    """Photograph each drawing and print how often it is read right with and without clean_photo, and the time."""
    cleaned, raw, cleaning, reading = [], [], [], []
    for _, drawing in drawings:
        photo = paper_photo(drawing, int(rng.integers(1 << 31)), random_conditions(rng), float(rng.uniform(*SCALES)))
        start = time.perf_counter()
        ink = clean_photo(photo)
        cleaned_at = time.perf_counter()
        cleaned.append(read_number(classifier, judge, ink).number)
        cleaning.append(cleaned_at - start)
        reading.append(time.perf_counter() - cleaned_at)
        raw.append(read_number(classifier, judge, photo).number)
    truths = [truth for truth, _ in drawings]
    for name, readings in (("with clean_photo", cleaned), ("raw, without it ", raw)):
        right = sum(read == truth for read, truth in zip(readings, truths, strict=True))
        print(f"  {name}: read right {with_interval(right, len(truths))} (made-up photos)")
    for name, seconds in (("clean_photo", cleaning), ("read_number on its ink", reading)):
        print(f"  {name}: {1000 * np.median(seconds):.0f} ms per photo (median; max {1000 * max(seconds):.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200, help="photos of single digits, and of numbers")
    args = parser.parse_args()
    _, final = split_writers(load_pen_digits())
    writers = by_writer(final)
    classifier, judge = DigitClassifier.for_numbers(), PieceJudge.load()
    rng = np.random.default_rng(0)

    print(f"final writers, {args.count} photos of single digits and {args.count} of numbers of 2-4 digits")
    print("single digits:")
    measure(classifier, judge, [random_digit(final, rng) for _ in range(args.count)], rng)
    print("numbers:")
    numbers = [random_number(writers, int(rng.choice(NUMBER_LENGTHS)), rng) for _ in range(args.count)]
    measure(classifier, judge, numbers, rng)
    twelve_megapixels(numbers[:10], rng)


def twelve_megapixels(drawings: list[tuple[str, np.ndarray]], rng: np.random.Generator) -> None:
    """The time `digitpad predict` takes to read a phone camera's 12-megapixel photo (4,000 x 3,000 px) of a number,
    from its pixels to the answer (digitpad.models.reader, as the CLI and the page's upload read it), and the same
    photo made black and white. Goal: under 1.5 s."""
    import cv2

    from digitpad.models.reader import Reader

    reader = Reader.load()
    reader.read(np.zeros((300, 400, 3), np.uint8) + 200)  # the first call's one-time costs are not a photo's
    photos, scans, dim = [], [], []
    for truth, drawing in drawings:
        seed = int(rng.integers(1 << 31))
        photo = paper_photo(drawing, seed, random_conditions(rng), 2.0)
        photos.append((truth, cv2.resize(photo, (4000, 3000), interpolation=cv2.INTER_LINEAR)))
        scans.append((truth, black_and_white(photos[-1][1])))  # one flat tone of paper, like a drawing's
        dim.append((truth, cv2.resize(in_low_light(photo, seed), (4000, 3000), interpolation=cv2.INTER_LINEAR)))
    kinds = (("photos", photos), ("photos made black and white", scans), ("photos taken in a dim room", dim))
    for name, images in kinds:
        seconds, right = [], 0
        for truth, image in images:
            start = time.perf_counter()
            right += reader.read(image).number == truth
            seconds.append(time.perf_counter() - start)
        print(f"12-megapixel {name} (4,000 x 3,000 px, made up), {len(images)} numbers: read right {right}")
        print(f"  read in {np.median(seconds):.2f} s per photo (median; max {max(seconds):.2f} s); goal under 1.5 s")


if __name__ == "__main__":
    main()
