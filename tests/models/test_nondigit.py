"""Saying "not a digit": the made-up non-digits (digitpad.learning.negatives), the bundled judge
(digitpad.models.nondigit) through the classifier, and its training path on a small slice."""

from __future__ import annotations

import json

import numpy as np

from digitpad.config import FINAL_WRITERS, NOT_A_DIGIT_BELOW, NUMBER_CANVAS, REPO_ROOT, NonDigitRecipe
from digitpad.learning.doodles import doodles
from digitpad.learning.negatives import FONTS, KINDS, LETTERS, not_digits, words
from digitpad.learning.nondigit_training import not_digit_inputs
from digitpad.models.classifier import Prediction
from digitpad.models.nondigit import load_nondigit_model
from digitpad.reading.canvas import stroke_input
from digitpad.reading.preprocess import preprocess_many
from digitpad.reading.strokes import render_canvas
from tests.drawings import smiley_canvas
from tests.in_process import train_model
from tests.learning.test_training import fingerprint


def test_non_digits_are_drawn_alike_from_one_seed_and_the_groups_share_no_font():
    first, again = not_digits("tuning", 3), not_digits("tuning", 3)
    assert [name for name, _ in first] == [name for name, _ in again]
    assert all(np.array_equal(a, b) for (_, a), (_, b) in zip(first, again, strict=True))
    assert len(first) == 3 * len(KINDS) and all(image.shape == (280, 280) and image.max() > 0 for _, image in first)
    assert not set(FONTS["tuning"]) & set(FONTS["final"])
    assert not set(LETTERS) & set("OoIlijSsZzbgqGBTty")  # letters people also write as digits are left out


def test_words_are_written_on_the_number_canvas_alike_from_one_seed_and_unlike_in_the_other_group():
    first, again, final = words("tuning", 5), words("tuning", 5), words("final", 5)
    assert [name for name, _ in first] == [name for name, _ in again] != [name for name, _ in final]
    assert all(np.array_equal(a, b) for (_, a), (_, b) in zip(first, again, strict=True))
    for name, image in first:
        assert 2 <= len(name.removeprefix("word ")) <= 5 and not any(c.isdigit() for c in name)
        columns = np.flatnonzero(image.max(axis=0))
        assert image.shape == NUMBER_CANVAS and abs(columns[0] + columns[-1] - NUMBER_CANVAS[1]) < 40  # centred


def test_the_bundled_judge_flags_non_digits_and_few_digits(classifier, mnist):
    """Floors well under the benchmark's figures (benchmarks/not_a_digit.py), on data it neither trained nor chose a
    threshold on: the final fonts' non-digits and MNIST's test digits."""
    flagged = ~classifier.is_digit(not_digit_inputs("final", 25))
    digits_flagged = ~classifier.is_digit(preprocess_many(mnist.x_test[:2000]))
    assert flagged.mean() >= 0.8
    assert digits_flagged.mean() <= 0.01


def test_the_bundled_judge_flags_doodles_drawn_on_the_page(classifier):
    """A floor under the benchmark's figure, on the final hands' doodles read by their strokes, as the page does: a
    hand-drawn A was read as a 4 (93% sure) and a heart as a 0 before the judge learnt doodles."""
    flagged = ~classifier.is_digit(np.array([stroke_input(strokes) for _, strokes in doodles("final", 100)]))
    assert flagged.mean() >= 0.85


def test_a_prediction_says_whether_it_is_a_digit():
    probabilities = np.full(10, 0.1, np.float32)
    image = np.zeros((28, 28), np.float32)
    assert Prediction(probabilities, image).verdict == "digit"  # not judged: a digit, as before the judge
    assert Prediction(probabilities, image, NOT_A_DIGIT_BELOW + 1).is_digit
    flagged = Prediction(probabilities, image, NOT_A_DIGIT_BELOW - 1)
    assert (flagged.is_digit, flagged.verdict) == (False, "not a digit")


def test_classify_flags_a_smiley_and_reads_a_digit(classifier, pen_digits):
    assert classifier.classify(smiley_canvas()).verdict == "not a digit"
    seven = next(d for d in pen_digits if d.label == 7)
    prediction = classifier.classify(render_canvas(seven.strokes))
    assert (prediction.verdict, prediction.digit) == ("digit", 7)


def test_training_path_writes_a_judge_and_a_card_with_its_threshold(mnist, pen_digits, tmp_path):
    before = fingerprint(REPO_ROOT / "models")
    result = train_model("--nondigit", "--limit", "200", "--epochs", "1", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    card = json.loads((tmp_path / "nondigit.card.json").read_text())
    assert f"threshold {card['threshold']}" in result.stdout and "--nondigit" in card["command"]
    assert card["validation_digits_flagged"] <= 0.01  # the threshold sits at the recipe's share of them
    assert set(card["data"]["validation_writers"]) == set(NonDigitRecipe.validation_writers)
    assert not set(card["data"]["training_writers"]) & set(FINAL_WRITERS)
    assert load_nondigit_model(tmp_path / "nondigit.keras").output_shape == (None, 1)
    assert fingerprint(REPO_ROOT / "models") == before  # the bundled judge is untouched


def test_the_judge_trains_alone(tmp_path):
    result = train_model("--nondigit", "--pieces", "--out", str(tmp_path))
    assert result.returncode == 2 and "--nondigit trains the judge alone" in result.stderr
