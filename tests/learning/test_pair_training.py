"""Training the pair reader: pieces of one digit or two, labelled by what they hold, and `train_model.py --pairs` on a
few pieces, run as a user runs it: a loadable reader and a full card, written only where asked."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

import numpy as np

from digitpad.config import MNIST_ENV, PAIR_FRAME, REPO_ROOT, PairRecipe
from digitpad.learning.data import env_path, sha256_of
from digitpad.learning.pair_training import DIGIT_HEIGHT, made_pieces, side_by_side
from digitpad.learning.training import card_beside
from digitpad.models.pairs import NONE, PairReader
from digitpad.reading.segment import segment_digits
from tests.in_process import train_model
from tests.learning.test_training import as_json, fingerprint


def test_digits_set_apart_stand_apart_and_overlapping_ones_make_one_piece(mnist):
    ones_and_sevens = [mnist.x_train[np.flatnonzero(mnist.y_train == digit)[0]] for digit in (1, 7)]
    apart = side_by_side(ones_and_sevens, replace(PairRecipe(), gaps=(0.3, 0.3), thicken=1), np.random.default_rng(0))
    assert len(segment_digits(apart)) == 2
    over = side_by_side(ones_and_sevens, replace(PairRecipe(), gaps=(-0.3, -0.3), thicken=1), np.random.default_rng(0))
    assert len(segment_digits(over)) == 1 and over.shape[1] < apart.shape[1]
    rows = np.flatnonzero(over.max(axis=1) > 0.5)
    assert 0.75 * DIGIT_HEIGHT <= rows[-1] - rows[0] + 1 <= 1.4 * DIGIT_HEIGHT


def test_pieces_are_labelled_by_the_digits_they_hold_and_are_seeded(mnist):
    images, labels = mnist.x_train[:200], mnist.y_train[:200]
    inputs, targets = made_pieces(images, labels, 40, replace(PairRecipe(), alone=1.0), np.random.default_rng(3))
    assert inputs.shape == (40, *PAIR_FRAME) and inputs.dtype == np.uint8 and (targets[:, 1] == NONE).all()
    assert set(np.unique(inputs)) > {0, 255} and set(targets[:, 0]) <= set(labels)
    _, pairs = made_pieces(images, labels, 40, replace(PairRecipe(), alone=0.0), np.random.default_rng(3))
    assert (pairs < NONE).all()
    again, _ = made_pieces(images, labels, 40, replace(PairRecipe(), alone=1.0), np.random.default_rng(3))
    np.testing.assert_array_equal(inputs, again)


def test_pair_run_writes_a_loadable_reader_and_its_card(mnist, tmp_path):
    before = fingerprint(REPO_ROOT / "models")
    result = train_model("--pairs", "--limit", "64", "--epochs", "1", "--out", tmp_path)  # MNIST from the environment
    assert result.returncode == 0, result.stderr[-2000:]
    reader = PairReader.load(tmp_path / "pairs.keras")
    assert len(reader.read(np.ones((20, 30))).number) in (1, 2)
    card = json.loads(card_beside(tmp_path / "pairs.keras").read_text())
    assert card["recipe"] == as_json(asdict(replace(PairRecipe(), epochs=1)))
    assert card["data"]["sha256"] == sha256_of(env_path(MNIST_ENV)) and card["training_pieces"] == 64
    assert 0 <= card["held_out_pieces_read_right"] <= 1 and "--pairs" in card["command"]
    assert fingerprint(REPO_ROOT / "models") == before  # the bundled reader is untouched


def test_pairs_refuses_flags_for_other_models():
    result = train_model("--pairs", "--pieces")
    assert result.returncode == 2 and "--pairs trains the pair reader alone" in result.stderr
