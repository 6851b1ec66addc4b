"""Retrain digitpad's CNN. With no flags this reproduces the bundled model in models/.

python train_model.py                                  # the bundled recipe, MNIST from $DIGITPAD_MNIST or Keras
python train_model.py --limit 2000 --epochs 1 --out /tmp/try   # a quick smoke run
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from digitpad.config import MNIST_ENV, MODEL_PATH, STROKES_ENV, TrainingRecipe
from digitpad.data import DataError, env_path, load_mnist, load_pen_digits


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    recipe = TrainingRecipe()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help=f"MNIST npz with Keras' keys (default: ${MNIST_ENV}, else download)")
    parser.add_argument(
        "--strokes",
        type=Path,
        default=env_path(STROKES_ENV),
        help=f"pen-drawn digits (JSON) to train on too, tuning writers only (default: ${STROKES_ENV}, else none)",
    )
    parser.add_argument("--epochs", type=int, default=recipe.epochs)
    parser.add_argument("--batch-size", type=int, default=recipe.batch_size)
    parser.add_argument("--seed", type=int, default=recipe.seed)
    parser.add_argument("--out", type=Path, default=MODEL_PATH.parent, help="folder for the model, card and plots")
    parser.add_argument("--limit", type=int, help="train on only the first N training images (for tests)")
    args = parser.parse_args(argv)
    for name in ("epochs", "batch_size", "limit"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        mnist = load_mnist(args.data)
        pen_digits = load_pen_digits(args.strokes) if args.strokes else None
    except DataError as error:
        print(f"train_model.py: {error}", file=sys.stderr)
        return 2
    from digitpad.training import train  # TensorFlow loads only once the data is known to be good

    recipe = replace(TrainingRecipe(), epochs=args.epochs, batch_size=args.batch_size, seed=args.seed)
    try:
        card = train(recipe, mnist, args.out / MODEL_PATH.name, args.limit, pen_digits, args.strokes)
    except KeyboardInterrupt:  # the model and card are renamed into place last, so nothing there has changed
        print(f"train_model.py: interrupted; {args.out} was left as it was", file=sys.stderr)
        return 130  # the shell's status for a process ended by Ctrl-C
    print(f"test accuracy {card['test_accuracy']:.4f}; wrote {args.out / MODEL_PATH.name} and its card and plots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
