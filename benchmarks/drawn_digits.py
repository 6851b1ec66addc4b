"""Accuracy on digits people draw: the pen-drawn digits of $DIGITPAD_STROKES rendered on the page's canvas across a
grid of pen widths, digit sizes and places (digitpad.drawn.CONDITIONS), fed through exactly the page's preprocessing
and model. Reports the held-out writers (digitpad.config.HELD_OUT_WRITERS, never tuned on) per condition, per writer,
their mean over conditions and the worst condition; the tuning writers beside them; and MNIST's test accuracy.

    DIGITPAD_MNIST=../shared/mnist/mnist.npz DIGITPAD_STROKES=../shared/strokes/pendigits_train.json \\
        python -m benchmarks.drawn_digits [--model PATH]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from digitpad.classifier import DigitClassifier
from digitpad.config import HELD_OUT_WRITERS, MODEL_PATH
from digitpad.data import load_mnist, load_pen_digits
from digitpad.drawn import CONDITIONS, correct_by_condition, split_writers

GOALS = {"held-out mean": 0.990, "held-out worst": 0.980, "MNIST test": 0.996}  # issue 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    classifier = DigitClassifier.load(args.model)
    tuning, held_out = split_writers(load_pen_digits())
    mnist = load_mnist()

    held = correct_by_condition(classifier.probabilities, held_out)
    tuned = correct_by_condition(classifier.probabilities, tuning)
    print(f"model {args.model}\n")
    print(f"{'condition':<34} held-out ({len(held_out)})  tuning ({len(tuning)})")
    for condition in CONDITIONS:
        print(f"{condition!s:<34} {held[condition].mean():>15.4f}  {tuned[condition].mean():>13.4f}")

    writers = np.array([d.writer for d in held_out])
    each_digit = np.mean(list(held.values()), axis=0)  # each digit's accuracy over the conditions
    print("\nheld-out writers, mean over conditions:")
    for row in range(0, len(HELD_OUT_WRITERS), 5):
        print("  " + "   ".join(f"{w} {each_digit[writers == w].mean():.4f}" for w in HELD_OUT_WRITERS[row : row + 5]))

    scores = {
        "held-out mean": np.mean([c.mean() for c in held.values()]),
        "held-out worst": min(c.mean() for c in held.values()),
        "MNIST test": np.mean(np.argmax(classifier.probabilities(mnist.x_test / np.float32(255)), 1) == mnist.y_test),
    }
    print(
        f"\ntuning writers: mean {np.mean([c.mean() for c in tuned.values()]):.4f}, "
        f"worst {min(c.mean() for c in tuned.values()):.4f}"
    )
    for name, score in scores.items():
        print(f"{name:<15} {score:.4f}   goal >= {GOALS[name]:.3f}   {'met' if score >= GOALS[name] else 'NOT met'}")


if __name__ == "__main__":
    main()
