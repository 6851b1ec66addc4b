"""Accuracy on digits people draw: the pen-drawn digits of $DIGITPAD_STROKES drawn on the page's canvas across a grid
of pen widths, digit sizes and places (digitpad.learning.drawn.CONDITIONS) and read both ways a drawing reaches the
model: by its strokes, as the page reads it (digitpad.reading.canvas), and by its pixels, as an image file is read.
Reports the final writers (digitpad.config.FINAL_WRITERS: no choice is made on them) per condition and per writer, their
mean over conditions and the worst condition, each with its 95% interval; and MNIST's test set both as raw arrays and
through the product's path (preprocessing, as `digitpad predict` reads a PNG of it). --tuning adds the tuning writers.

    DIGITPAD_MNIST=../shared/mnist/mnist.npz DIGITPAD_STROKES=../shared/strokes/pendigits_train.json \\
        python -m benchmarks.drawn_digits [--model PATH] [--tuning]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from digitpad.config import FINAL_WRITERS, MODEL_PATH
from digitpad.learning.data import load_mnist, load_pen_digits
from digitpad.learning.drawn import CONDITIONS, PATHS, correct_by_condition, split_writers
from digitpad.models.classifier import DigitClassifier
from digitpad.reading.preprocess import preprocess_many
from digitpad.stats import grid_share, with_interval

GOALS = {"mean": 0.993, "worst": 0.988, "MNIST, product's path": 0.997}  # issue 13


def summary(correct: dict) -> dict[str, tuple[float, int]]:
    """{"mean": (right, digits) over the grid (see grid_share), "worst": (right, digits) in its worst condition}."""
    worst = min(correct.values(), key=np.mean)
    return {"mean": grid_share(list(correct.values())), "worst": (int(worst.sum()), worst.size)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--tuning", action="store_true", help="also measure the tuning writers (slower)")
    args = parser.parse_args()
    classifier = DigitClassifier.load(args.model)
    tuning, final = split_writers(load_pen_digits())
    groups = {"final": final, **({"tuning": tuning} if args.tuning else {})}
    correct = {
        (group, path): correct_by_condition(classifier.probabilities, digits, path)
        for group, digits in groups.items()
        for path in PATHS
    }

    print(f"model {args.model}; final writers {', '.join(FINAL_WRITERS)} ({len(final)} digits)\n")
    print(f"{'condition':<34}" + "".join(f"{group + ', ' + path:>18}" for group, path in correct))
    for condition in CONDITIONS:
        print(f"{condition!s:<34}" + "".join(f"{c[condition].mean():>18.4f}" for c in correct.values()))

    writers = np.array([d.writer for d in final])
    print("\nfinal writers, mean over conditions:")
    for path in PATHS:
        each_digit = np.mean(list(correct["final", path].values()), axis=0)
        print(f"  {path:<8}" + "   ".join(f"{w} {each_digit[writers == w].mean():.4f}" for w in FINAL_WRITERS))

    mnist = load_mnist()
    raw = np.argmax(classifier.probabilities(mnist.x_test / np.float32(255)), 1) == mnist.y_test
    product = np.argmax(classifier.probabilities(preprocess_many(mnist.x_test)), 1) == mnist.y_test
    print()
    for (group, path), by_condition in correct.items():
        for name, (right, drawn) in summary(by_condition).items():
            goal = GOALS[name] if group == "final" else None
            verdict = "" if goal is None else f"   goal >= {goal:.1%}: {'met' if right / drawn >= goal else 'NOT met'}"
            print(f"{group} writers, {path}, {name:<5} {with_interval(right, drawn)}{verdict}")
    print(f"MNIST test, raw arrays      {with_interval(int(raw.sum()), raw.size)}")
    goal = GOALS["MNIST, product's path"]
    verdict = "met" if product.mean() >= goal else "NOT met"
    print(f"MNIST test, product's path  {with_interval(int(product.sum()), product.size)}", end="")
    print(f"   goal >= {goal:.1%}: {verdict}")


if __name__ == "__main__":
    main()
