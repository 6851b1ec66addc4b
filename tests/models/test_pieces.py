"""The piece judge: its input keeps a piece's size against the line, and the bundled judge tells held-out writers'
whole digits from pairs drawn touching and from halves of one digit."""

from __future__ import annotations

import json
from dataclasses import asdict

import numpy as np
import pytest

from digitpad.config import PIECE_FRAME, PIECE_LINE_HEIGHT, PIECES_MODEL_PATH, PieceRecipe
from digitpad.learning.drawn import split_writers
from digitpad.learning.training import card_beside
from digitpad.models.model import ModelError
from digitpad.models.pieces import PieceJudge, piece_input
from digitpad.reading.segment import Segment, line_height_of, piece, segment_digits
from tests.drawings import number_canvas


def ink_box(image: np.ndarray) -> tuple[int, int]:
    """(height, width) of the ink in an image."""
    rows, columns = np.flatnonzero(image.max(axis=1) > 0.5), np.flatnonzero(image.max(axis=0) > 0.5)
    return rows[-1] - rows[0] + 1, columns[-1] - columns[0] + 1


def test_a_piece_is_scaled_by_the_line_not_by_itself_and_centred():
    line_height = 120
    for height, width in ((120, 60), (60, 60), (120, 240)):
        image = piece_input(Segment((0, 0, width, height), np.ones((height, width), np.float32)), line_height)
        assert image.shape == PIECE_FRAME and image.dtype == np.float32
        expected = (round(height * PIECE_LINE_HEIGHT / line_height), round(width * PIECE_LINE_HEIGHT / line_height))
        assert ink_box(image) == expected  # a half-height piece stays half as tall as a whole one
        rows, columns = np.nonzero(image > 0.5)
        assert (
            abs(rows.mean() - (PIECE_FRAME[0] - 1) / 2) <= 0.5 and abs(columns.mean() - (PIECE_FRAME[1] - 1) / 2) <= 0.5
        )


def test_a_piece_wider_than_the_frame_is_cropped_to_its_middle():
    ink = np.zeros((100, 1000), np.float32)
    ink[:, 480:520] = 1.0  # a bar in the middle of a very wide piece
    image = piece_input(Segment((0, 0, 1000, 100), ink), line_height=100)
    assert image.shape == PIECE_FRAME
    assert ink_box(image) == (PIECE_LINE_HEIGHT, round(40 * PIECE_LINE_HEIGHT / 100))


@pytest.fixture(scope="module")
def held_out_pieces(pen_digits):
    """Held-out writers' digits as pieces of numbers: (whole digits, two digits touching, halves of one digit), each
    with its line height."""
    _, held_out = split_writers(pen_digits)
    rng = np.random.default_rng(1)
    whole, touching, halves = [], [], []
    for first, second in (rng.choice(len(held_out), size=2, replace=False) for _ in range(300)):
        pair = [held_out[first], held_out[second]]
        apart = segment_digits(number_canvas(pair, gaps=[0.3]))
        height = line_height_of(apart)
        whole += [(s, height) for s in apart]
        together = segment_digits(number_canvas(pair, gaps=[-0.05]))
        if len(together) == 1:
            touching.append((together[0], height))
        digit = apart[0]
        middle = digit.box[2] // 2
        for keep in (np.arange(digit.box[2]) < middle, np.arange(digit.box[2]) >= middle):
            halves.append((piece(digit, np.where(keep[None, :], digit.ink, 0)), height))
    return whole, touching, halves


def share_judged_whole(judge: PieceJudge, pieces: list[tuple[Segment, int]]) -> float:
    return float(np.mean([judge.log_whole([p], height)[0] > np.log(0.5) for p, height in pieces]))


def test_the_bundled_judge_tells_whole_digits_from_pairs_and_halves(judge, held_out_pieces):
    # Bundled judge: 96.0% of 600 whole digits judged whole, none of 146 touching pairs, 2.3% of 600 halves.
    whole, touching, halves = held_out_pieces
    assert len(whole) == 600 and len(touching) >= 100 and len(halves) == 600
    assert share_judged_whole(judge, whole) >= 0.93
    assert share_judged_whole(judge, touching) <= 0.03
    assert share_judged_whole(judge, halves) <= 0.06


def test_the_judge_scores_many_pieces_at_once_as_one_at_a_time(judge, held_out_pieces):
    whole, _, _ = held_out_pieces
    pieces = [p for p, _ in whole[:20]]
    together = judge.log_whole(pieces, whole[0][1])
    one_by_one = np.concatenate([judge.log_whole([p], whole[0][1]) for p in pieces])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)
    assert (together <= 0).all() and judge.log_whole([], 100).shape == (0,)


def test_the_bundled_judge_is_small_and_has_a_card():
    assert PIECES_MODEL_PATH.stat().st_size < 5_000_000
    card = json.loads(card_beside(PIECES_MODEL_PATH).read_text())
    # Half its held-out pieces come from photographed numbers, harder than drawn ones: the judge before that, 93.2%
    assert card["model_file"] == PIECES_MODEL_PATH.name and card["held_out_accuracy"] >= 0.93
    assert card["recipe"] == json.loads(json.dumps(asdict(PieceRecipe())))  # `train_model.py --pieces` made it
    assert set(card["data"]["training_writers"]).isdisjoint(card["data"]["held_out_writers"])


def test_a_missing_judge_says_how_to_train_it(tmp_path):
    with pytest.raises(ModelError, match="train_model.py --pieces"):
        PieceJudge.load(tmp_path / "absent.keras")
