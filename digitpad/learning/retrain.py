"""Retraining, from the command line: `digitpad train` and `python train_model.py` (the same flags).

In: the flags below and the data they name. Out: a model, its card and plots in --out; one line saying what it scored.
Retrain digitpad's CNN. With no flags this reproduces the bundled model in models/.
With --drawn, --pieces or --pairs it trains one of the number reader's other bundled models instead: a second digit
classifier that learns from drawings alone, the judge of which pieces of a number are whole digits, or the reader of a
photo's one piece of ink as one digit or two. A flag that trains otherwise than the bundled recipe (--limit, --epochs,
--nets, --batch-size, --seed, --validation-writers, --base) needs --out: a bundled model is never replaced unasked.

python train_model.py                                  # the bundled recipe, MNIST from $DIGITPAD_MNIST or Keras
python train_model.py --limit 2000 --epochs 1 --out /tmp/try   # a quick smoke run
python train_model.py --feedback                       # fine-tune models/ on MNIST plus the page's users' drawings
python train_model.py --feedback DB --base MODEL --out /tmp/tuned   # ... from another database and model
python train_model.py --drawn                          # the drawings-only classifier, from $DIGITPAD_STROKES
python train_model.py --pieces                         # the piece judge, from the pen digits in $DIGITPAD_STROKES
python train_model.py --pairs                          # the pair reader, from MNIST
python train_model.py --nondigit                       # the "not a digit" judge
python train_model.py --validation-writers tra-21 tra-24 --out /tmp/try   # a tuning run: measured on tuning writers
python train_model.py --arch cnn3                      # a classic net on the same data, for comparison: runs/cnn3/
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from digitpad.config import (
    ARCHITECTURES,
    DRAWN_MODEL_PATH,
    FEEDBACK_PATH,
    FINAL_WRITERS,
    MNIST_ENV,
    MODEL_PATH,
    NONDIGIT_MODEL_PATH,
    PAIRS_MODEL_PATH,
    PIECES_MODEL_PATH,
    STROKES_ENV,
    TRAINING_OUTPUT_ROOM,
    WRITE_ROOT,
    DrawnRecipe,
    FineTuneRecipe,
    NonDigitRecipe,
    PairRecipe,
    PieceRecipe,
    TrainingRecipe,
)
from digitpad.learning.data import DataError, env_path, load_mnist, load_pen_digits
from digitpad.learning.feedback import FeedbackStoreError, load_feedback
from digitpad.models.backend import import_tensorflow


def parse_args(argv: list[str] | None = None, prog: str = "train_model.py") -> argparse.Namespace:
    description = __doc__.split("\n", 3)[3]  # the usage, without the module's own first lines
    if prog != "train_model.py":  # the examples as this user runs them: `digitpad train` where pip installed it
        description = description.replace("python train_model.py", prog)
    parser = argparse.ArgumentParser(
        prog=prog, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, help=f"MNIST npz with Keras' keys (default: ${MNIST_ENV}, else download)")
    parser.add_argument(
        "--strokes",
        type=Path,
        default=env_path(STROKES_ENV),
        help=f"pen-drawn digits (JSON) to train on too, tuning writers only (default: ${STROKES_ENV}, else none)",
    )
    parser.add_argument(
        "--feedback",
        type=Path,
        nargs="?",
        const=FEEDBACK_PATH,
        help=f"fine-tune: start from --base and add the users' drawings in this feedback database (default: "
        f"{FEEDBACK_PATH}); the schedule is FineTuneRecipe's",
    )
    parser.add_argument(
        "--drawn",
        action="store_true",
        help=f"train number mode's second classifier ({DRAWN_MODEL_PATH.name}) on --strokes alone; MNIST only tests it",
    )
    parser.add_argument(
        "--pieces",
        action="store_true",
        help=f"train the piece judge ({PIECES_MODEL_PATH.name}) on numbers written with --strokes, not the digit model",
    )
    parser.add_argument(
        "--pairs",
        action="store_true",
        help=f"train the pair reader ({PAIRS_MODEL_PATH.name}) on MNIST's digits, one alone or two side by side",
    )
    parser.add_argument(
        "--nondigit",
        action="store_true",
        help=f'train the "not a digit" judge ({NONDIGIT_MODEL_PATH.name}) on MNIST and --strokes against made-up '
        "non-digits, scored with the bundled digit model (--base)",
    )
    parser.add_argument(
        "--validation-writers",
        nargs="+",
        default=(),
        metavar="WRITER",
        help="a tuning run: leave these tuning writers (tra-21 ...) out of training and report them instead of the "
        "final writers, so that choosing a recipe never looks at the final writers",
    )
    parser.add_argument("--base", type=Path, help=f"with --feedback: the model to start from (default: {MODEL_PATH})")
    parser.add_argument(
        "--epochs",
        type=int,
        help=f"default {TrainingRecipe.epochs}; with --feedback {FineTuneRecipe.epochs}; "
        f"with --drawn {DrawnRecipe.epochs}",
    )
    parser.add_argument(
        "--nets",
        type=int,
        help=f"nets trained alike and averaged into the one model (default {TrainingRecipe.nets}; 1 with --arch, "
        "--drawn or --feedback): one trains in half the time and reads a little worse",
    )
    parser.add_argument("--batch-size", type=int, default=TrainingRecipe.batch_size)
    parser.add_argument("--seed", type=int, default=TrainingRecipe.seed)
    parser.add_argument(
        "--arch",
        choices=ARCHITECTURES,
        default="digitpad",
        help="the net: ours (the bundled one), or a classic one trained the same way for comparison: mlp "
        "(Flatten-Dense(128)-Dense(10)), cnn3 (TensorFlow's 3-convolution tutorial CNN), cnn4 (4 convolutions, "
        "dropout, Dense(256)); see digitpad.models.model",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help=f"folder for the model, card and plots (default: {MODEL_PATH.parent}; with --arch, runs/ARCH, never "
        "bundled)",
    )
    parser.add_argument(
        "--limit",
        type=int,
        help="a quick run (for tests): MNIST's first N training images (a tenth held out to validate) and, with "
        f"--strokes, the first N pen-drawn digits, each drawn {TrainingRecipe.drawn_variants} ways (--limit 200: "
        f"about {200 - 20 + 200 * TrainingRecipe.drawn_variants:,} images); with --nondigit N of each source, with "
        "--pieces N numbers, with --pairs N pieces (needs --out)",
    )
    args = parser.parse_args(argv)
    args.prog = prog
    for name in ("epochs", "nets", "batch_size", "limit"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.arch != "digitpad" and (args.feedback or args.pieces or args.drawn or args.nondigit or args.pairs):
        parser.error(
            "--arch trains a classic digit classifier: --feedback, --pieces, --drawn, --nondigit and --pairs are not "
            "for it"
        )
    if args.pairs and (args.feedback or args.pieces or args.drawn or args.nondigit or args.validation_writers):
        parser.error(
            "--pairs trains the pair reader alone, on MNIST: --feedback, --pieces, --drawn, --nondigit and "
            "--validation-writers are for the other models"
        )
    if args.nets and args.feedback:
        parser.error("--nets is for a fresh digit classifier: --feedback fine-tunes the base model's nets as they are")
    if args.nets and (args.pieces or args.nondigit or args.pairs):
        parser.error("--nets is for the digit classifier: the other models are one net each")
    bundled = args.out is None and args.arch == "digitpad"  # the run would replace a bundled model
    args.out = args.out or (MODEL_PATH.parent if args.arch == "digitpad" else WRITE_ROOT / "runs" / args.arch)
    if (problem := unwritable(args.out)) is not None:  # found now, not after half an hour of training
        parser.error(f"--out {args.out}: {problem}")
    if args.base and not (args.feedback or args.nondigit):
        parser.error("--base is for fine-tuning: give --feedback too")
    if args.nondigit and (args.feedback or args.pieces or args.drawn or args.validation_writers):
        parser.error(
            "--nondigit trains the judge alone: --feedback, --pieces, --drawn and --validation-writers are for "
            "the other models"
        )
    if args.pieces and (args.feedback or args.data):
        parser.error("--pieces trains on --strokes alone: --feedback and --data are for the digit model")
    if args.drawn and (args.feedback or args.pieces):
        parser.error("--drawn trains on --strokes alone: --feedback and --pieces are for the other models")
    if set(args.validation_writers) & set(FINAL_WRITERS):
        parser.error(f"--validation-writers must be tuning writers, not the final ones ({', '.join(FINAL_WRITERS)})")
    if args.validation_writers and not args.strokes:
        parser.error(f"--validation-writers needs the pen-drawn digits: give --strokes or set ${STROKES_ENV}")
    for flag in ("drawn", "pieces", "nondigit"):
        if getattr(args, flag) and not args.strokes:
            parser.error(f"--{flag} needs the pen-drawn digits: give --strokes or set ${STROKES_ENV}")
    if bundled and (changes := recipe_changes(args)):
        bundled_model = args.out / model_name(args)
        parser.exit(2, f"{prog}: {', '.join(changes)}: not the bundled recipe; without --out this would replace "
                       f"{bundled_model} with a model trained otherwise. Give --out DIR (--out {args.out} to replace "
                       "it all the same)\n")  # fmt: skip
    return args


MODELS_BY_FLAG = {"drawn": DRAWN_MODEL_PATH, "pieces": PIECES_MODEL_PATH, "pairs": PAIRS_MODEL_PATH,
                  "nondigit": NONDIGIT_MODEL_PATH}  # fmt: skip  # the model each flag trains, by its bundled name


def recipe_changes(args: argparse.Namespace) -> list[str]:
    """The flags given that train otherwise than the recipe of the bundled model the run writes: --feedback (a
    fine-tune is not the recipe, and fine-tuned again it would learn the same answers twice), --limit, another
    --epochs, --nets, --batch-size or --seed than the recipe's, --validation-writers, a --base other than the bundled
    model, or the digit model without its pen-drawn digits (an MNIST-only model). --data and --strokes otherwise name
    the data the recipe trains on."""
    recipe = (FineTuneRecipe if args.feedback else DrawnRecipe if args.drawn else PieceRecipe if args.pieces
              else PairRecipe if args.pairs else NonDigitRecipe if args.nondigit else TrainingRecipe)()  # fmt: skip
    changed = {
        "--feedback": bool(args.feedback),
        "--limit": args.limit is not None,
        "--epochs": args.epochs not in (None, recipe.epochs),
        "--nets": args.nets not in (None, getattr(recipe, "nets", None)),
        "--batch-size": args.batch_size != recipe.batch_size,
        "--seed": args.seed != recipe.seed,
        "--validation-writers": bool(args.validation_writers),
        "--base": args.base is not None and args.base.resolve() != MODEL_PATH.resolve(),
        f"no --strokes (nor ${STROKES_ENV})": type(recipe) is TrainingRecipe and not args.strokes,
    }
    return [flag for flag, given in changed.items() if given]


def model_name(args: argparse.Namespace) -> str:
    """The file the run writes in --out: its model's bundled name, or with --arch ARCH.keras."""
    if args.arch != "digitpad":
        return f"{args.arch}.keras"
    chosen = [path for flag, path in MODELS_BY_FLAG.items() if getattr(args, flag)]
    return (chosen or [MODEL_PATH])[0].name


def unwritable(folder: Path) -> str | None:
    """Why the trained model could not be written into `folder`, or None. The folder itself is made only at the end
    (digitpad.files.write_atomically), so this tries a file in the nearest folder that already exists."""
    existing = next(path for path in (folder, *folder.parents) if path.exists())
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    try:
        with tempfile.NamedTemporaryFile(dir=existing):
            pass
    except OSError as error:
        return f"cannot write in {existing} ({error.strerror or error})"
    free = shutil.disk_usage(existing).free  # an empty file fits on a full disk
    if free < TRAINING_OUTPUT_ROOM:
        room = TRAINING_OUTPUT_ROOM // 2**20
        return f"only {free / 2**20:.1f} MB free in {existing}; a run needs {room} MB there: free some space first"
    return None


Recipe = TypeVar("Recipe", TrainingRecipe, PieceRecipe, NonDigitRecipe, PairRecipe)


def with_flags(recipe: Recipe, args: argparse.Namespace) -> Recipe:
    """`recipe` with the flags every model's training takes: --epochs (if given), --batch-size, --seed."""
    return replace(recipe, epochs=args.epochs or recipe.epochs, batch_size=args.batch_size, seed=args.seed)


def refuse(args: argparse.Namespace, reason: object) -> int:
    """Say why nothing was trained (bad data, an unusable base model), before any training: exit status 2."""
    print(f"{args.prog}: {reason}", file=sys.stderr)
    return 2


def interruptible(train: Callable[[], dict], args: argparse.Namespace) -> dict | None:
    """`train()`'s card, or None after saying that Ctrl-C left `out` as it was (a model and its card are renamed into
    place last)."""
    try:
        return train()
    except KeyboardInterrupt:
        print(f"{args.prog}: interrupted; {args.out} was left as it was", file=sys.stderr)
        return None


def train_piece_judge(args: argparse.Namespace) -> int:
    """train_model.py --pieces."""
    try:
        pen_digits = load_pen_digits(args.strokes)
    except DataError as error:
        return refuse(args, error)
    import_tensorflow()  # quietly, and only once the data is known to be good
    from digitpad.learning.piece_training import train_pieces

    recipe = with_flags(PieceRecipe(), args)
    card = interruptible(lambda: train_pieces(recipe, pen_digits, args.strokes, args.out / PIECES_MODEL_PATH.name,
                                              args.limit), args)  # fmt: skip
    if card is None:
        return 130
    print(
        f"held-out pieces judged right {card['held_out_accuracy']:.4f}; "
        f"wrote {args.out / PIECES_MODEL_PATH.name} and its card"
    )
    return 0


def train_pair_reader(args: argparse.Namespace) -> int:
    """train_model.py --pairs."""
    try:
        mnist = load_mnist(args.data)
    except DataError as error:
        return refuse(args, error)
    import_tensorflow()  # quietly, and only once the data is known to be good
    from digitpad.learning.pair_training import train_pairs

    recipe, path = with_flags(PairRecipe(), args), args.out / PAIRS_MODEL_PATH.name
    card = interruptible(lambda: train_pairs(recipe, mnist, path, args.limit), args)
    if card is None:
        return 130
    print(f"held-out pieces read right {card['held_out_pieces_read_right']:.4f} (made up); wrote {path} and its card")
    return 0


def train_nondigit_judge(args: argparse.Namespace) -> int:
    """train_model.py --nondigit."""
    try:
        mnist, pen_digits = load_mnist(args.data), load_pen_digits(args.strokes)
    except DataError as error:
        return refuse(args, error)
    import_tensorflow()  # quietly, and only once the data is known to be good
    from digitpad.learning.nondigit_training import train_nondigit
    from digitpad.models.model import ModelError, load_model

    try:
        digit_model = load_model(args.base or MODEL_PATH)
    except ModelError as error:
        return refuse(args, error)
    recipe = with_flags(NonDigitRecipe(), args)
    path = args.out / NONDIGIT_MODEL_PATH.name
    card = interruptible(lambda: train_nondigit(recipe, mnist, pen_digits, args.strokes, digit_model, path,
                                                args.limit), args)  # fmt: skip
    if card is None:
        return 130
    print(
        f"threshold {card['threshold']}: validation digits flagged {card['validation_digits_flagged']:.4f}, "
        f"non-digits flagged {card['validation_non_digits_flagged']:.4f}; wrote {path} and its card"
    )
    return 0


def main(argv: list[str] | None = None, prog: str = "train_model.py") -> int:
    args = parse_args(argv, prog)
    if args.pieces:
        return train_piece_judge(args)
    if args.nondigit:
        return train_nondigit_judge(args)
    if args.pairs:
        return train_pair_reader(args)
    try:
        mnist = load_mnist(args.data)
        pen_digits = load_pen_digits(args.strokes) if args.strokes else None
        feedback = load_feedback(args.feedback) if args.feedback else None
    except (DataError, FeedbackStoreError) as error:
        return refuse(args, error)
    unknown = sorted(set(args.validation_writers) - {d.writer for d in pen_digits or []})
    if unknown:  # a misspelt writer would leave a tuning run measuring nobody
        return refuse(args, f"no such writer in {args.strokes}: {', '.join(unknown)}")
    import_tensorflow()  # quietly, and only once the data is known to be good
    from digitpad.learning.training import train
    from digitpad.models.model import ModelError

    recipe = with_flags(FineTuneRecipe() if args.feedback else DrawnRecipe() if args.drawn else TrainingRecipe(), args)
    recipe = replace(recipe, architecture=args.arch, nets=args.nets or (recipe.nets if args.arch == "digitpad" else 1))
    base = (args.base or MODEL_PATH) if args.feedback else None
    model_path = args.out / model_name(args)
    try:
        card = interruptible(lambda: train(recipe, mnist, model_path, args.limit, pen_digits, args.strokes, base=base,
                                           feedback=feedback, feedback_file=args.feedback,
                                           validation_writers=tuple(args.validation_writers)), args)  # fmt: skip
    except ModelError as error:  # the base model: raised before any training, so nothing was written
        return refuse(args, error)
    if card is None:
        return 130  # the shell's status for a process ended by Ctrl-C
    print(f"test accuracy {card['test_accuracy']:.4f}; wrote {model_path} and its card and plots")
    return 0
