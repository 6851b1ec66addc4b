"""Saying "not a digit": how many drawings that are not digits are flagged, and how many real digits are wrongly.

In: $DIGITPAD_STROKES, $DIGITPAD_MNIST, $DIGITPAD_REAL (optional) and the bundled models. Out, printed, each share with
its 95% interval:
- made-up drawings that are not digits (digitpad.learning.negatives' final group: fonts and a seed no choice was made
  on; letters, symbols, shapes, scribbles), read as the page reads a drawing's pixels: the share flagged, per kind;
- made-up doodles (digitpad.learning.doodles' final hands: letters and pictures, 3 x --count), read by their strokes as
  the page reads a drawing: the share flagged;
- two final writers' digits side by side on the one-digit canvas: the share the page offers as the right number;
- made-up words of 2-5 letters or symbols (the same final fonts) on the number canvas: the share the page's number mode
  shows as no number (digitpad.models.classifier's look_like_digits);
- real digits: the final writers' digits over the whole drawing grid by both paths, MNIST's test set through the
  product's path, and ../shared/real's final single digits as `digitpad predict` reads them: the share flagged, and
  the share read right and not flagged (the page's accuracy with the verdict) against read right.

    python -m benchmarks.not_a_digit [--count 100]
"""

from __future__ import annotations

import argparse
from collections import defaultdict

import numpy as np

from digitpad.config import CANVAS_SIZE, NOT_A_DIGIT_BELOW
from digitpad.learning.data import DataError, load_mnist, load_pen_digits, load_real
from digitpad.learning.doodles import doodles
from digitpad.learning.drawn import CONDITIONS, PATHS, labels, model_inputs, split_writers
from digitpad.learning.negatives import not_digits, words
from digitpad.models.classifier import DigitClassifier
from digitpad.models.number import read_number, shown
from digitpad.models.pieces import PieceJudge
from digitpad.models.reader import Reader
from digitpad.reading.canvas import stroke_input
from digitpad.reading.images import read_image
from digitpad.reading.preprocess import preprocess_many
from digitpad.reading.strokes import draw_strokes, number_strokes
from digitpad.stats import with_interval

GOALS = {"non-digits flagged": 0.90, "real digits flagged": 0.005}  # issue 15: at least / at most


def line(name: str, hits: int, count: int) -> str:
    return f"  {name:<44} {hits:>5}/{count:<5} {with_interval(hits, count)}"


def pairs_on_the_digit_canvas(reader: Reader, digits: list, count: int, rng: np.random.Generator) -> tuple[int, int]:
    """Two digits of one writer side by side, drawn on the 280 px one-digit canvas: (read as that number, count)."""
    writers = defaultdict(list)
    for digit in digits:
        writers[digit.writer].append(digit)
    right = 0
    for _ in range(count):
        own = writers[rng.choice(sorted(writers))]
        pair = [own[i] for i in rng.choice(len(own), 2, replace=False)]
        gap = float(rng.uniform(0.15, 0.4))
        strokes, (height, width) = number_strokes([d.strokes for d in pair], 100.0, [gap], margin=0.0)
        offset = np.array([(CANVAS_SIZE - width) / 2, (CANVAS_SIZE - height) / 2])
        canvas = draw_strokes([stroke + offset for stroke in strokes], int(rng.integers(10, 25)))
        right += reader.read(canvas, kind="drawing").number == "".join(str(d.label) for d in pair)
    return right, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100, help="non-digits of each kind, and pairs of digits")
    args = parser.parse_args()
    reader = Reader.load()
    classifier: DigitClassifier = reader.classifier
    rng = np.random.default_rng(0)
    print(f"threshold {NOT_A_DIGIT_BELOW} (config.NOT_A_DIGIT_BELOW, chosen on tuning data: models/nondigit.card.json)")

    others = not_digits("final", args.count)
    flagged = ~classifier.is_digit(preprocess_many(np.array([image for _, image in others])))
    kinds = np.array([name.split()[0] if name.startswith(("letter", "symbol")) else name for name, _ in others])
    print("\nnot digits (made up: digitpad.learning.negatives, final fonts and seed), read by their pixels:")
    print(line("all", int(flagged.sum()), len(flagged)) + f"   goal >= {GOALS['non-digits flagged']:.0%}")
    for kind in sorted(set(kinds)):
        print(line(kind, int(flagged[kinds == kind].sum()), int((kinds == kind).sum())))

    print("\ndoodles (made up: digitpad.learning.doodles, final hands), read by their strokes as the page reads them:")
    drawn = doodles("final", 3 * args.count)
    flagged = ~classifier.is_digit(np.array([stroke_input(strokes) for _, strokes in drawn]))
    letters = np.array([name.startswith("letter") for name, _ in drawn])
    for name, chosen in (("all", letters | ~letters), ("letters", letters), ("pictures", ~letters)):
        print(line(name, int(flagged[chosen].sum()), int(chosen.sum())))

    print("\nwords on the number canvas (made up: negatives.words, final fonts), read as number mode reads them:")
    classifier_for_numbers, judge = DigitClassifier.for_numbers(), PieceJudge.load()
    no_number = 0
    for _, image in words("final", args.count):
        reading = read_number(classifier_for_numbers, judge, image)
        no_number += shown(reading, classifier) is None
    print(line("shown as no number", no_number, args.count))

    _, final = split_writers(load_pen_digits())
    print("\nnumbers on the one-digit canvas:")
    print(
        line(
            "two final writers' digits, read as that number", *pairs_on_the_digit_canvas(reader, final, args.count, rng)
        )
    )

    print("\nreal digits wrongly flagged (and read right without / with the verdict):")
    truth = labels(final)
    drawings = [(d.strokes, c.stroke_width, c.height_fraction, (0.5, 0.5) if c.place == "centred" else (0.2, 0.25))
                for c in CONDITIONS for d in final]  # fmt: skip
    sets = {f"final writers, whole grid, {path}": (model_inputs(drawings, path), np.tile(truth, len(CONDITIONS)))
            for path in PATHS}  # fmt: skip
    mnist = load_mnist()
    sets["MNIST test, product's path"] = (preprocess_many(mnist.x_test), mnist.y_test)
    for name, (inputs, answers) in sets.items():
        is_digit = classifier.is_digit(inputs)
        right = np.argmax(classifier.probabilities(inputs), axis=1) == answers
        print(
            line(name, int((~is_digit).sum()), len(is_digit))
            + f"   right {right.mean():.2%} -> {(right & is_digit).mean():.2%}"
        )
    try:
        real = [image for image in load_real() if image.group == "final" and not image.is_number]
    except DataError:
        real = []
    if real:
        readings = [reader.read(read_image(image.path)) for image in real]
        flagged_real = sum(r.verdict == "not a digit" for r in readings)
        right = sum(r.number == image.label for r, image in zip(readings, real, strict=True))
        print(
            line("../shared/real final single digits, as predict reads", flagged_real, len(real))
            + f"   right {right / len(real):.2%}"
        )
    print(f"   goal: at most {GOALS['real digits flagged']:.1%} of real digits flagged")


if __name__ == "__main__":
    main()
