"""Training the piece judge: pieces labelled by the ink they hold, and `train_model.py --pieces` on a few numbers, run
as a user runs it: a loadable judge and a full card, written only where asked."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict, replace

import numpy as np
import pytest

from digitpad.config import PHOTO_WRITING_HEIGHT, PIECE_FRAME, REPO_ROOT, STROKES_ENV, PieceRecipe
from digitpad.learning.data import env_path, sha256_of
from digitpad.learning.drawn import split_writers
from digitpad.learning.piece_training import is_whole_digit, labelled_pieces, written_numbers
from digitpad.learning.training import card_beside
from digitpad.models.pieces import PieceJudge
from digitpad.reading.segment import Segment, piece, segment_digits
from tests.in_process import train_model
from tests.learning.test_training import as_json, fingerprint


def test_pieces_are_labelled_whole_only_when_they_hold_one_digit_and_all_of_it(pen_digits):
    tuning, _ = split_writers(pen_digits)
    recipe = replace(PieceRecipe(), gaps=(0.3, 0.4), photographed=0.0)  # digits apart: one segment each
    checked = 0
    for canvas, digit_inks in written_numbers(tuning, 20, recipe, np.random.default_rng(0)):
        segments = segment_digits(canvas)
        if len(segments) != len(digit_inks):  # a digit whose strokes stand apart: not this test's case
            continue
        checked += 1
        for segment in segments:
            assert is_whole_digit(segment, digit_inks, recipe.whole_share)
            left = np.arange(segment.box[2])[None, :] < segment.box[2] // 2
            assert not is_whole_digit(piece(segment, np.where(left, segment.ink, 0)), digit_inks, recipe.whole_share)
        left_edge, right_edge = segments[0].box[0], segments[1].box[0] + segments[1].box[2]
        top, bottom = min(s.box[1] for s in segments[:2]), max(s.box[1] + s.box[3] for s in segments[:2])
        pair = Segment(
            (left_edge, top, right_edge - left_edge, bottom - top), np.zeros((bottom - top, right_edge - left_edge))
        )
        for s in segments[:2]:  # the first two digits' ink as one piece
            pair.ink[
                s.box[1] - top : s.box[1] - top + s.box[3], s.box[0] - left_edge : s.box[0] - left_edge + s.box[2]
            ] += s.ink
        assert not is_whole_digit(pair, digit_inks, recipe.whole_share)
    assert checked >= 10


def test_photographed_numbers_look_cleaned_out_of_small_writing_and_their_digits_make_them_up(pen_digits):
    tuning, _ = split_writers(pen_digits)
    recipe = replace(PieceRecipe(), photographed=1.0)
    for canvas, digit_inks in written_numbers(tuning, 10, recipe, np.random.default_rng(1)):
        assert canvas.ndim == 2 and set(np.unique(canvas)) == {0, 255}  # a photo's cleaned ink, not a drawing's canvas
        np.testing.assert_array_equal(np.logical_or.reduce(digit_inks), canvas > 0)  # every bit of ink is a digit's
        rows = np.flatnonzero((canvas > 0).any(axis=1))
        assert PHOTO_WRITING_HEIGHT <= rows[-1] - rows[0] + 1 <= 1.5 * PHOTO_WRITING_HEIGHT  # enlarged as photo.py does
    drawn = written_numbers(tuning, 10, replace(recipe, photographed=0.0), np.random.default_rng(1))
    assert all(canvas.ndim == 3 for canvas, _ in drawn)


def test_labelled_pieces_hold_both_kinds_and_are_seeded(pen_digits):
    tuning, _ = split_writers(pen_digits)
    images, labels = labelled_pieces(tuning, 10, PieceRecipe(), seed=3)
    assert images.shape[1:] == PIECE_FRAME and images.dtype == np.uint8 and len(images) == len(labels)
    assert 0 < labels.mean() < 1
    again, _ = labelled_pieces(tuning, 10, PieceRecipe(), seed=3)
    np.testing.assert_array_equal(images, again)


def run_piece_training(*args: str, strokes: str | None) -> subprocess.CompletedProcess:
    """`python train_model.py --pieces ARGS` in this process, with the pen digits from the environment if given."""
    return train_model("--pieces", *args, env={STROKES_ENV: strokes})


@pytest.fixture(scope="module")
def piece_run(pen_digits, tmp_path_factory):
    """One real run of train_model.py --pieces on 20 numbers for 1 epoch."""
    out = tmp_path_factory.mktemp("pieces")
    before = fingerprint(REPO_ROOT / "models")
    strokes = os.environ[STROKES_ENV]
    return run_piece_training("--limit", "20", "--epochs", "1", "--out", str(out), strokes=strokes), out, before


def test_piece_run_writes_a_loadable_judge_and_its_card(piece_run):
    result, out, before = piece_run
    assert result.returncode == 0, result.stderr[-2000:]
    judge = PieceJudge.load(out / "pieces.keras")
    assert judge.model.output_shape == (None, 1)
    card = json.loads(card_beside(out / "pieces.keras").read_text())
    assert card["recipe"] == as_json(asdict(replace(PieceRecipe(), epochs=1)))
    assert card["data"]["sha256"] == sha256_of(env_path(STROKES_ENV))
    assert card["seed"] == PieceRecipe.seed and card["training_pieces"] > 100 and "--pieces" in card["command"]
    assert 0 <= card["held_out_accuracy"] <= 1 and card["held_out_pieces"] > 100
    assert fingerprint(REPO_ROOT / "models") == before  # the bundled judge is untouched


def test_piece_run_without_pen_digits_stops_and_says_what_it_needs(tmp_path):
    result = run_piece_training("--out", str(tmp_path), strokes=None)
    assert result.returncode == 2 and "--pieces needs the pen-drawn digits" in result.stderr
    assert list(tmp_path.iterdir()) == []
