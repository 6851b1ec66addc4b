"""Training the piece judge (digitpad.models.pieces) on numbers written with the pen-drawn digits.

In: a PieceRecipe and the pen-drawn digits. Out, beside the given model path: the judge and its model card (JSON),
written together at the end (digitpad.files.write_atomically), so an interrupted run leaves the previous ones.

Its examples: numbers written by one tuning writer each (digitpad.reading.strokes.number_strokes), cut into every piece
the reader would judge (digitpad.reading.segment.cut_tree), each labelled by the ink it holds. Each digit is also drawn
alone on the same canvas, so which digit drew which ink is known exactly. The card reports how well it judges the pieces
of numbers by the held-out writers, whom it never sees in training.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import cv2
import keras
import numpy as np

from digitpad.config import INK_THRESHOLD, PHOTO_DENOISE_SIGMA, PHOTO_WRITING_HEIGHT, PairRecipe, PieceRecipe
from digitpad.learning.data import PenDigit, sha256_of
from digitpad.learning.drawn import by_writer, split_writers
from digitpad.learning.training import write_with_card
from digitpad.models.pieces import build_piece_model, piece_input
from digitpad.reading.segment import Segment, cut_trees
from digitpad.reading.strokes import draw_strokes, number_strokes, stroke_ink

HELD_OUT_NUMBERS = 500  # numbers by the held-out writers whose pieces the card's accuracy is measured on


def written_numbers(
    digits: list[PenDigit], count: int, recipe: PieceRecipe, rng: np.random.Generator
) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
    """`count` numbers, each of one writer's digits written side by side with a random size, pen and gaps:
    (the canvas, [H, W, 4] uint8; each digit's ink alone on that canvas, [H, W] bool)."""
    digits_of = by_writer(digits)
    writers = sorted(digits_of)
    for _ in range(count):
        own = digits_of[writers[rng.integers(len(writers))]]
        length = int(rng.integers(recipe.digits_per_number[0], recipe.digits_per_number[1] + 1))
        chosen = [own[i] for i in rng.choice(len(own), size=length, replace=False)]
        height = float(rng.uniform(*recipe.heights))
        photographed = rng.random() < recipe.photographed  # seen as cleaning leaves a small photo's ink
        if photographed:  # in ballpoint or felt pen
            pen = max(2, round(height * rng.uniform(*recipe.photo_pens)))
        else:
            pen = int(rng.integers(recipe.stroke_widths[0], recipe.stroke_widths[1] + 1))
        gaps = list(rng.uniform(*recipe.gaps, size=length - 1) + pen / height)  # the ink reaches half a pen past
        strokes, shape = number_strokes([d.strokes for d in chosen], height, gaps, margin=pen)
        alone, first = [], 0
        for digit in chosen:
            alone.append(stroke_ink(strokes[first : first + len(digit.strokes)], pen, shape))
            first += len(digit.strokes)
        if photographed:
            yield as_photographed(alone, height, recipe, rng)
        else:
            yield draw_strokes(strokes, pen, shape), [ink > INK_THRESHOLD * 255 for ink in alone]


def as_photographed(
    inks: list[np.ndarray], height: float, recipe: PieceRecipe | PairRecipe, rng: np.random.Generator
) -> tuple[np.ndarray, list[np.ndarray]]:
    """A number's digits' inks ([H, W] uint8, 255 on 0, the digits `height` px tall) as digitpad.reading.photo cleans
    them out of a photo where they stand recipe.photo_heights px tall: shrunk, lens-blurred, enlarged till they stand
    PHOTO_WRITING_HEIGHT px, denoised, and cut at one level between recipe.photo_levels of the darkest ink, so thin
    strokes grow fat and loops fill. (the number's ink, [H', W'] uint8, 255 on 0; each digit's ink alone, [H', W']
    bool)."""
    shrink = rng.uniform(*recipe.photo_heights) / height
    lens = rng.uniform(*recipe.photo_blur)
    grow = PHOTO_WRITING_HEIGHT / (height * shrink)
    seen = []
    for ink in inks:
        small = cv2.resize(ink.astype(np.float32) / 255, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        large = cv2.resize(
            cv2.GaussianBlur(small, (0, 0), lens), None, fx=grow, fy=grow, interpolation=cv2.INTER_LINEAR
        )
        seen.append(cv2.GaussianBlur(large, (0, 0), PHOTO_DENOISE_SIGMA))
    number = np.maximum.reduce(seen)
    level = rng.uniform(*recipe.photo_levels) * max(float(number.max()), 1e-6)
    return np.where(number >= level, 255, 0).astype(np.uint8), [ink >= level for ink in seen]


def is_whole_digit(piece: Segment, digit_inks: list[np.ndarray], whole_share: float) -> bool:
    """Whether one digit drew at least `whole_share` of the piece's ink, and the piece holds that much of its ink."""
    x, y, width, height = piece.box
    ink = piece.ink > INK_THRESHOLD
    shared = np.array([np.sum(digit[y : y + height, x : x + width] & ink) for digit in digit_inks])
    most = int(np.argmax(shared))
    return bool(shared[most] >= whole_share * ink.sum() and shared[most] >= whole_share * digit_inks[most].sum())


def labelled_pieces(
    digits: list[PenDigit], count: int, recipe: PieceRecipe, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Every piece of `count` numbers written with `digits`: ([N, 32, 64] uint8 judge inputs, [N] uint8 labels,
    1 for one whole digit)."""
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for canvas, digit_inks in written_numbers(digits, count, recipe, rng):
        trees, line_height = cut_trees(canvas)
        for tree in trees:
            for piece in tree.pieces():
                images.append(np.round(piece_input(piece, line_height) * 255).astype(np.uint8))
                labels.append(is_whole_digit(piece, digit_inks, recipe.whole_share))
    return np.array(images), np.array(labels, np.uint8)


def as_input(images: np.ndarray) -> np.ndarray:
    """uint8 [N, 32, 64] -> float32 [N, 32, 64, 1] in 0..1."""
    return images[..., None].astype(np.float32) / 255


def train_pieces(
    recipe: PieceRecipe, pen_digits: list[PenDigit], pen_file: Path, model_path: Path, limit: int | None = None
) -> dict:
    """Train a judge by `recipe` on pieces of numbers written by the tuning writers (`limit` numbers instead of the
    recipe's, if given), and write it and its card beside `model_path`. Returns the card."""
    keras.utils.set_random_seed(recipe.seed)
    tuning, held_out = split_writers(pen_digits)
    x_train, y_train = labelled_pieces(tuning, limit or recipe.numbers, recipe, recipe.seed)
    x_held_out, y_held_out = labelled_pieces(held_out, min(limit or HELD_OUT_NUMBERS, HELD_OUT_NUMBERS), recipe, 0)

    model = build_piece_model(recipe)
    steps = recipe.epochs * -(-len(x_train) // recipe.batch_size)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps, warmup_target=recipe.peak_learning_rate, warmup_steps=steps // 10
    )
    model.compile(
        optimizer=keras.optimizers.Adam(schedule),
        loss=keras.losses.BinaryCrossentropy(from_logits=True),
        metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)],  # on logits: 0 is probability 0.5
    )
    started = time.perf_counter()
    model.fit(as_input(x_train), y_train, batch_size=recipe.batch_size, epochs=recipe.epochs, verbose=2)
    training_seconds = time.perf_counter() - started

    judged_whole = model.predict(as_input(x_held_out), batch_size=512, verbose=0)[:, 0] > 0
    whole = y_held_out == 1
    card = {
        "model_file": model_path.name,
        "held_out_accuracy": round(float(np.mean(judged_whole == whole)), 4),
        "held_out_whole_digits_judged_whole": round(float(np.mean(judged_whole[whole])), 4),
        "held_out_other_pieces_judged_not_whole": round(float(np.mean(~judged_whole[~whole])), 4),
        "held_out_pieces": len(y_held_out),
        "parameters": model.count_params(),
        "seed": recipe.seed,
        "recipe": asdict(recipe),
        "training_pieces": len(y_train),
        "training_whole_share": round(float(y_train.mean()), 4),
        "data": {
            "file": str(pen_file),
            "sha256": sha256_of(pen_file),
            "training_writers": sorted({d.writer for d in tuning}),
            "held_out_writers": sorted({d.writer for d in held_out}),
        },
    }
    return write_with_card(model, card, model_path, training_seconds)
