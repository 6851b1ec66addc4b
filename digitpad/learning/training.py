"""Training the CNN on MNIST with drawing-like augmentation, and writing what the run produced.

In: a TrainingRecipe, MNIST, and optionally pen-drawn digits; for a fine-tune, also a model to start from and users'
drawings from the page's feedback database (repeated so they count). Out, in the output folder: the model, its model
card (JSON) and PNG plots, each written to a temporary file and all renamed into place together at the end, so an
interrupted or failed run leaves the previous model, card and plots as they were.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shlex
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from digitpad.config import (
    FEEDBACK_MAX_REPEATS,
    FEEDBACK_SHARE,
    MNIST_ENV,
    NUM_CLASSES,
    PREDICT_BATCH,
    STROKES_ENV,
    TrainingRecipe,
)
from digitpad.files import write_atomically
from digitpad.learning import plots
from digitpad.learning.augment import augment_batch
from digitpad.learning.data import Mnist, PenDigit, sha256_of
from digitpad.learning.drawn import PATHS, correct_by_condition, random_model_inputs, split_writers
from digitpad.learning.feedback import Examples
from digitpad.models.classifier import DigitClassifier
from digitpad.models.model import averaged, build_model, layer_table, load_model, model_writer
from digitpad.reading.preprocess import preprocess_many
from digitpad.stats import grid_share, wilson_interval

CARD_SUFFIX = ".card.json"


def card_beside(model_path: Path) -> Path:
    """Where a model's card goes: digitpad.keras -> digitpad.card.json."""
    return model_path.with_name(model_path.stem + CARD_SUFFIX)


@dataclass(frozen=True)
class Outputs:
    """The files one training run writes into its output folder."""

    model: Path
    card: Path
    history_plot: Path
    confusion_plot: Path
    mistakes_plot: Path

    @classmethod
    def beside(cls, model_path: Path) -> Outputs:
        stem = model_path.with_suffix("")
        return cls(
            model=model_path,
            card=card_beside(model_path),
            history_plot=stem.with_name(stem.name + ".history.png"),
            confusion_plot=stem.with_name(stem.name + ".confusion.png"),
            mistakes_plot=stem.with_name(stem.name + ".mistakes.png"),
        )


def as_model_input(images: np.ndarray | tf.Tensor) -> tf.Tensor:
    """uint8 [B, 28, 28] (ink high) -> float32 [B, 28, 28, 1] in 0..1, the model's input."""
    return tf.cast(images, tf.float32)[..., None] / 255.0


def split_validation(x: np.ndarray, y: np.ndarray, size: int, seed: int) -> tuple[np.ndarray, ...]:
    """Hold out `size` random training images for validation: (x_train, y_train, x_val, y_val)."""
    order = np.random.default_rng(seed).permutation(len(x))
    held, kept = order[:size], order[size:]
    return x[kept], y[kept], x[held], y[held]


def training_batches(x: np.ndarray, y: np.ndarray, recipe: TrainingRecipe) -> tf.data.Dataset:
    """An endless stream of shuffled, augmented (images, one-hot labels) batches; batch i is augmented with seed i."""
    batches = (
        tf.data.Dataset.from_tensor_slices((x, y))
        .shuffle(len(x), seed=recipe.seed, reshuffle_each_iteration=True)
        .repeat()
        .batch(recipe.batch_size, drop_remainder=True)
        .enumerate()
    )

    def augment(index: tf.Tensor, batch: tuple[tf.Tensor, tf.Tensor]) -> tuple[tf.Tensor, tf.Tensor]:
        images, labels = batch
        seed = tf.stack([tf.constant(recipe.seed, tf.int64), index])
        return augment_batch(as_model_input(images), recipe, seed), tf.one_hot(labels, NUM_CLASSES)

    return batches.map(augment, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)


def compile_for_training(model: keras.Model, recipe: TrainingRecipe, steps_per_epoch: int) -> None:
    total_steps = recipe.epochs * steps_per_epoch
    warmup_steps = int(min(recipe.warmup_epochs * steps_per_epoch, total_steps / 5))  # short runs warm up less
    schedule = keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=recipe.peak_learning_rate / 20,
        warmup_target=recipe.peak_learning_rate,
        warmup_steps=warmup_steps,
        decay_steps=total_steps - warmup_steps,
    )
    model.compile(
        optimizer=keras.optimizers.Adam(schedule),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=recipe.label_smoothing),
        metrics=["accuracy"],
    )


def strategy() -> tf.distribute.Strategy:
    """Mirror the model across GPUs when there are several; otherwise the default (one device) strategy."""
    gpus = tf.config.list_logical_devices("GPU")
    return tf.distribute.MirroredStrategy() if len(gpus) > 1 else tf.distribute.get_strategy()


def versions() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
    }


def through_preprocessing(images: np.ndarray) -> np.ndarray:
    """uint8 [N, 28, 28] MNIST images -> the same, fed through digitpad.reading.preprocess as a user's image file is."""
    return np.round(preprocess_many(images) * 255).astype(np.uint8)


def interval(right: float, total: int) -> list[float]:
    return [round(bound, 4) for bound in wilson_interval(right, total)]


def evaluate(classifier: DigitClassifier, images: np.ndarray, labels: np.ndarray) -> dict:
    """Accuracy with its 95% interval, per-class accuracy and confusion matrix (rows: true digit, columns: predicted)
    on uint8 images, fed through preprocessing and classified as the page and the CLI classify a user's image."""
    predicted = np.argmax(classifier.probabilities(preprocess_many(images)), axis=1)
    confusion = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=int)
    np.add.at(confusion, (labels, predicted), 1)
    per_class = confusion.diagonal() / np.maximum(confusion.sum(axis=1), 1)
    return {
        "accuracy": float(np.mean(predicted == labels)),
        "accuracy_interval": interval(int(np.sum(predicted == labels)), len(labels)),
        "per_class_accuracy": [round(float(a), 4) for a in per_class],
        "confusion_matrix": confusion.tolist(),
        "predicted": predicted,
    }


def reproducing_command() -> str:
    """This run's command line as a user types it again, preceded by the data variables it read from the environment:
    `digitpad train ...`, `python -m digitpad train ...` (whose sys.argv[0] is digitpad/__main__.py, a file that runs
    only with the checkout on PYTHONPATH) or `python train_model.py ...`, with the flags as given."""
    variables = [f"{name}={os.environ[name]}" for name in (MNIST_ENV, STROKES_ENV) if os.environ.get(name)]
    program, python = Path(sys.argv[0]), Path(sys.executable).name
    if program.name == "digitpad":
        command = ["digitpad"]
    elif program.name == "__main__.py" and program.parent.name == "digitpad":
        command = [python, "-m", "digitpad"]
    else:
        command = [python, sys.argv[0]]
    return shlex.join([*variables, *command, *sys.argv[1:]])


def write_with_card(model: keras.Model, card: dict, model_path: Path, training_seconds: float) -> dict:
    """Write a judge or classifier and its card beside it, together (an interrupted run leaves the old ones), the card
    completed with the training time, the versions and the command that reproduces it. Returns the card."""
    card |= {"training_seconds": round(training_seconds, 1), "versions": versions(), "command": reproducing_command()}
    write_atomically(
        {model_path: model_writer(model), card_beside(model_path): lambda p: p.write_text(card_json(card))}
    )
    return card


def card_json(card: dict) -> str:
    """The card as indented JSON, with each list of numbers (a confusion-matrix row, say) kept on one line."""
    text = json.dumps(card, indent=2)
    return re.sub(r"\[\s+([-\d.,\s]+?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text) + "\n"


def drawn_digits_report(classifier: DigitClassifier, measured: list[PenDigit]) -> dict:
    """Accuracy on the measured writers' drawn digits over the condition grid, read by their strokes (as the page
    reads a drawing) and by their pixels (as an image file is read), each with its 95% interval, for the card."""
    report: dict = {"measured_writers": sorted({d.writer for d in measured}), "measured_digits": len(measured)}
    for path in PATHS:
        correct = correct_by_condition(classifier.probabilities, measured, path)
        worst = min(correct.values(), key=np.mean)
        right, digits = grid_share(list(correct.values()))
        report[path] = {
            "mean_over_conditions": round(right / digits, 4),
            "mean_interval": interval(right, digits),
            "worst_condition": round(float(worst.mean()), 4),
            "worst_interval": interval(int(worst.sum()), worst.size),
            "by_condition": {str(condition): round(float(c.mean()), 4) for condition, c in correct.items()},
        }
    return report


def feedback_repeats(other_images: int, visits: np.ndarray) -> np.ndarray:
    """How many times each user's drawing (saved by `visits`, one name a drawing) is trained on per epoch. Together
    they number about FEEDBACK_SHARE of the other training images, each visit at most an equal share of those (one
    visitor answering hundreds of drawings, wrongly, at a meetup counts as one person), each drawing at most
    FEEDBACK_MAX_REPEATS times. A visit with more drawings than its share has its first drawings trained on once, the
    rest left out."""
    _, visit_of, drawings = np.unique(visits, return_inverse=True, return_counts=True)
    share = FEEDBACK_SHARE * other_images / len(drawings)
    images = np.maximum(1, np.rint(np.minimum(share, drawings * FEEDBACK_MAX_REPEATS))).astype(int)  # per visit
    order = np.argsort(visit_of, kind="stable")  # each drawing's place among its visit's: the first get the rest
    nth = np.empty(len(visit_of), int)
    nth[order] = np.arange(len(order)) - (np.cumsum(drawings) - drawings)[visit_of[order]]
    each, rest = np.divmod(images[visit_of], drawings[visit_of])
    return each + (nth < rest)


def train(
    recipe: TrainingRecipe,
    mnist: Mnist,
    model_path: Path,
    limit: int | None = None,
    pen_digits: list[PenDigit] | None = None,
    pen_file: Path | None = None,
    *,
    validation_writers: tuple[str, ...] = (),
    base: Path | None = None,
    feedback: Examples | None = None,
    feedback_file: Path | None = None,
) -> dict:
    """Train a model by `recipe` on MNIST (its first `limit` training images if given), plus random drawings of the
    tuning writers' pen digits if given, and write it, its card and its plots beside `model_path`. Returns the card.
    The model is the recipe's `nets` nets, trained alike from seeds seed, seed + 1, ... and averaged into one.
    The final writers' digits are never trained on; the card reports accuracy on them, or, in a tuning run, on the
    `validation_writers`, tuning writers left out of training, so that a recipe is chosen without the final writers.
    A recipe that does not train on MNIST (DrawnRecipe) trains on the drawings alone, and MNIST only validates and
    tests it.

    A fine-tune: start from the model at `base` instead of fresh weights (ModelError, before the data is prepared, if
    it is unusable), and add users' `feedback` drawings read from `feedback_file`, repeated (see feedback_repeats)."""
    outputs = Outputs.beside(model_path)  # write_atomically makes the folder, at the end
    if base:
        load_model(base)  # an unusable base model stops the run now, not after the data is prepared

    x, y = mnist.x_train[:limit], mnist.y_train[:limit]
    validation_size = min(recipe.validation_size, len(x) // 10)
    x_train, y_train, x_val_as_given, y_val = split_validation(x, y, validation_size, recipe.seed)
    x_val = through_preprocessing(x_val_as_given) if recipe.mnist_preprocessed else x_val_as_given
    if recipe.mnist_preprocessed:
        x_train = through_preprocessing(x_train)
    if not recipe.trains_on_mnist:
        x_train, y_train = x_train[:0], y_train[:0]
    drawn = {}
    if pen_digits:
        tuning, measured = split_writers(pen_digits)  # measured: the final writers...
        if validation_writers:  # ...or, in a tuning run, tuning writers left out of training
            measured = [d for d in tuning if d.writer in validation_writers]
            tuning = [d for d in tuning if d.writer not in validation_writers]
        x_drawn, y_drawn = random_model_inputs(
            tuning[:limit], recipe.drawn_variants, recipe.seed, recipe.drawn_by_strokes
        )
        x_train, y_train = np.concatenate([x_train, x_drawn]), np.concatenate([y_train, y_drawn])
        drawn = {
            "measured_on": "validation writers (a tuning run)" if validation_writers else "final writers",
            "file": str(pen_file),
            "sha256": sha256_of(pen_file),
            "training_writers": sorted({d.writer for d in tuning}),
            "training_images": len(x_drawn),
        }
    collected = {}
    if feedback is not None:
        repeats = feedback_repeats(len(x_train), feedback.visit)
        x_train = np.concatenate([x_train, np.repeat(feedback.x, repeats, axis=0)])
        y_train = np.concatenate([y_train, np.repeat(feedback.y, repeats)])
        collected = {
            "file": str(feedback_file),
            "sha256": sha256_of(feedback_file),
            "drawings": len(feedback.y),
            "visits": len(set(feedback.visit)),
            "corrections": int(np.sum(feedback.y != feedback.predicted)),  # the model had these wrong
            "repeats": [int(repeats.min()), int(repeats.max())],  # a drawing's, fewest and most
            "left_out": int(np.sum(repeats == 0)),  # a visit's drawings beyond its share
            "training_images": int(repeats.sum()),
        }
    steps_per_epoch = max(1, len(x_train) // recipe.batch_size)  # --limit 100: one batch, not a schedule of 0 steps

    def fit(net_recipe: TrainingRecipe, start: Path | None) -> tuple[keras.Model, dict[str, list[float]]]:
        """One net trained on the images above: fresh (seeded by its recipe), or from the model at `start`."""
        keras.utils.set_random_seed(net_recipe.seed)
        with strategy().scope():
            net = build_model(net_recipe) if start is None else load_model(start)
            compile_for_training(net, net_recipe, steps_per_epoch)
        history = net.fit(
            training_batches(x_train, y_train, net_recipe),
            steps_per_epoch=steps_per_epoch,
            epochs=net_recipe.epochs,
            shuffle=False,  # training_batches shuffles; Keras ignores (and warns about) its own shuffle for a dataset
            validation_data=(as_model_input(x_val), tf.one_hot(y_val, NUM_CLASSES)),
            validation_batch_size=PREDICT_BATCH,
            verbose=1 if sys.stdout.isatty() else 2,  # a live bar in a terminal; in a log file, one line an epoch
        )
        return net, history.history

    started = time.perf_counter()
    # A fine-tune trains its one base model; a fresh model is the recipe's nets, the same data seen in another order.
    seeds = [recipe.seed] if base else [recipe.seed + net for net in range(recipe.nets)]
    nets, histories = zip(*[fit(replace(recipe, seed=seed), base) for seed in seeds], strict=True)
    model = averaged(list(nets))
    training_seconds = time.perf_counter() - started
    base_model = {"file": str(base), "sha256": sha256_of(base)} if base else None  # the file loaded above

    classifier = DigitClassifier(model)
    validation = evaluate(classifier, x_val_as_given, y_val)  # through preprocessing, as the test set below
    if pen_digits and measured:
        drawn |= drawn_digits_report(classifier, measured[:limit])
    test = evaluate(classifier, mnist.x_test, mnist.y_test)
    predicted = test.pop("predicted")
    raw = np.argmax(classifier.probabilities(mnist.x_test / np.float32(255)), axis=1) == mnist.y_test
    card = {
        "model_file": model_path.name,
        # MNIST's test set as a user's files are read (preprocessing included), and as the raw arrays
        "test_accuracy": round(test["accuracy"], 4),
        "test_accuracy_raw_arrays": round(float(raw.mean()), 4),
        "test_accuracy_raw_arrays_interval": interval(int(raw.sum()), raw.size),
        # the held-out MNIST images as the product reads them (all nets, test-time views); each net's on its own
        "validation_accuracy": round(validation["accuracy"], 4),
        "nets_validation_accuracy": [round(float(h["val_accuracy"][-1]), 4) for h in histories],
        **{k: v for k, v in test.items() if k != "accuracy"},
        "parameters": model.count_params(),
        "layers": layer_table(model),
        "epochs": recipe.epochs,
        "seed": recipe.seed,
        "nets": len(nets),
        "recipe": asdict(recipe),
        "training_images": len(x_train),  # MNIST's, plus the drawn ones and users' repeated drawings if any
        "validation_images": len(x_val),
        "data": {"file": str(mnist.path), "sha256": mnist.sha256},
        "drawn_digits": drawn or None,
        "base_model": base_model,  # None: trained from fresh weights
        "feedback": collected or None,
        "training_seconds": round(training_seconds, 1),
        "training_images_per_second": round(len(x_train) * recipe.epochs * len(nets) / training_seconds, 1),
        "versions": versions(),
        "command": reproducing_command(),
    }

    # All five files are renamed into place together: until then the previous run's stay as they were.
    write_atomically(
        {
            outputs.history_plot: lambda path: plots.history(list(histories), path),
            outputs.confusion_plot: lambda path: plots.confusion(np.array(card["confusion_matrix"]), path),
            outputs.mistakes_plot: lambda path: plots.mistakes(mnist.x_test, mnist.y_test, predicted, path),
            outputs.model: model_writer(model),
            outputs.card: lambda path: path.write_text(card_json(card)),
        }
    )
    return card
