"""train_model.py on a slice of MNIST, run as a user runs it: a loadable model, a full card and the plots, written
only where asked; and a bad data file stops it before any training. The same for a fine-tune of the bundled model on
users' drawings (--feedback), whose card says what it started from and what it learnt from.

Most runs call the script's own main() in this process, with its command line and environment as a user's; a new
process would spend about 14 s importing TensorFlow. Ctrl-C and `python -m digitpad train` run in a process of their
own."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict, replace

import keras
import numpy as np
import pytest
from PIL import Image

from digitpad.config import (
    DRAWN_MODEL_PATH,
    FEEDBACK_MAX_REPEATS,
    FINAL_WRITERS,
    MNIST_ENV,
    MODEL_PATH,
    REPO_ROOT,
    STROKES_ENV,
    DrawnRecipe,
    FineTuneRecipe,
    TrainingRecipe,
)
from digitpad.learning.feedback import FeedbackStore
from digitpad.learning.retrain import parse_args
from digitpad.learning.training import Outputs, feedback_repeats, reproducing_command, split_validation
from digitpad.models.model import load_model
from tests.feedback_writer import BAD_DATABASES, png
from tests.in_process import train_model

CARD_FIELDS = {
    "test_accuracy",
    "per_class_accuracy",
    "confusion_matrix",
    "parameters",
    "epochs",
    "seed",
    "data",
    "training_seconds",
    "versions",
    "command",
    "validation_accuracy",
    "accuracy_interval",
    "test_accuracy_raw_arrays",
    "test_accuracy_raw_arrays_interval",
}


def as_json(value: object) -> object:
    """A value as the card holds it after a JSON round trip (tuples become lists)."""
    return json.loads(json.dumps(value))


def fingerprint(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def run_training(*args: str, env_data: str | None = None) -> subprocess.CompletedProcess:
    """`python train_model.py ARGS` in this process, with MNIST from the environment if given and no pen digits unless
    flagged."""
    return train_model(*args, env={MNIST_ENV: env_data, STROKES_ENV: None})


TEST_IMAGES = 1_000  # of MNIST's test set, in the runs below: each run measures its model in seconds, not minutes
DRAWN_LIMIT = 60  # the --limit of the runs with pen digits: it caps the drawings trained on and those measured


@pytest.fixture(scope="module")
def small_mnist(mnist, tmp_path_factory) -> str:
    """MNIST cut to what the runs below use, its first 2,000 training and TEST_IMAGES test images, in Keras' format."""
    path = tmp_path_factory.mktemp("data") / "mnist.npz"
    np.savez(path, x_train=mnist.x_train[:2000], y_train=mnist.y_train[:2000], x_test=mnist.x_test[:TEST_IMAGES],
             y_test=mnist.y_test[:TEST_IMAGES])  # fmt: skip
    return str(path)


@pytest.fixture(scope="module")
def smoke_run(small_mnist, tmp_path_factory):
    """One real run of train_model.py on the slice's 2,000 training images for 1 epoch."""
    out = tmp_path_factory.mktemp("trained")
    before = fingerprint(REPO_ROOT / "models")
    result = run_training("--limit", "2000", "--epochs", "1", "--out", str(out), env_data=small_mnist)
    return result, out, before


def test_smoke_run_writes_a_loadable_model_card_and_plots(smoke_run):
    result, out, _ = smoke_run
    assert result.returncode == 0, result.stderr[-2000:]
    outputs = Outputs.beside(out / "digitpad.keras")
    assert load_model(outputs.model).output_shape == (None, 10)
    for plot in (outputs.history_plot, outputs.confusion_plot, outputs.mistakes_plot):
        with Image.open(plot) as image:
            assert image.format == "PNG" and min(image.size) > 200
    card = json.loads(outputs.card.read_text())
    assert CARD_FIELDS <= card.keys()
    assert card["epochs"] == 1 and card["training_images"] == 1800 and card["validation_images"] == 200
    assert 0.5 < card["test_accuracy"] <= 1.0  # one epoch on 1,800 images already beats chance by far
    assert np.array(card["confusion_matrix"]).sum() == TEST_IMAGES
    assert card["data"]["sha256"] == hashlib.sha256(open(card["data"]["file"], "rb").read()).hexdigest()
    assert "--limit 2000" in card["command"]
    assert "s/step" in result.stdout  # Keras' progress, one line an epoch: stdout is a pipe, not a terminal,
    assert "\x1b[" not in result.stdout  # so no bar redrawn with terminal escapes (about 1.2 MB in a default run's log)
    # the recipe's nets, each trained, averaged into the one file
    nets = [layer.name for layer in load_model(outputs.model).layers if isinstance(layer, keras.Model)]
    assert card["nets"] == TrainingRecipe.nets == len(nets) == len(card["nets_validation_accuracy"]) == 2


def test_smoke_run_without_pen_digits_trains_on_mnist_alone(smoke_run):
    _, out, _ = smoke_run
    assert json.loads(Outputs.beside(out / "digitpad.keras").card.read_text())["drawn_digits"] is None


def test_pen_digits_of_the_tuning_writers_join_training_and_the_final_are_reported(small_mnist, pen_digits, tmp_path):
    strokes = os.environ[STROKES_ENV]
    result = run_training(
        "--limit", str(DRAWN_LIMIT), "--epochs", "1", "--out", str(tmp_path), "--strokes", strokes, env_data=small_mnist
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    card = json.loads(Outputs.beside(tmp_path / "digitpad.keras").card.read_text())
    drawn = card["drawn_digits"]
    assert drawn["training_images"] == DRAWN_LIMIT * card["recipe"]["drawn_variants"]
    mnist_trained = DRAWN_LIMIT - DRAWN_LIMIT // 10  # MNIST's first DRAWN_LIMIT less a tenth held for validation
    assert card["training_images"] == mnist_trained + drawn["training_images"]
    assert not set(drawn["training_writers"]) & set(FINAL_WRITERS)
    assert drawn["measured_on"] == "final writers" and set(drawn["measured_writers"]) <= set(FINAL_WRITERS)
    assert drawn["measured_digits"] == DRAWN_LIMIT
    for path in ("strokes", "pixels"):  # as the page reads a drawing, and as an image file is read
        measured = drawn[path]
        assert len(measured["by_condition"]) == 18
        assert measured["worst_condition"] <= measured["mean_over_conditions"] <= 1.0
        low, high = measured["mean_interval"]
        assert low <= measured["mean_over_conditions"] <= high


def test_a_tuning_run_is_measured_on_tuning_writers_left_out_never_on_the_final_ones(small_mnist, pen_digits, tmp_path):
    strokes = os.environ[STROKES_ENV]
    result = run_training(
        "--limit", str(DRAWN_LIMIT), "--epochs", "1", "--out", str(tmp_path), "--strokes", strokes,
        "--validation-writers", "tra-01", "tra-02", env_data=small_mnist,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    drawn = json.loads(Outputs.beside(tmp_path / "digitpad.keras").card.read_text())["drawn_digits"]
    assert drawn["measured_on"].startswith("validation writers") and drawn["measured_writers"] == ["tra-01", "tra-02"]
    assert not {"tra-01", "tra-02", *FINAL_WRITERS} & set(drawn["training_writers"])
    refused = run_training("--validation-writers", FINAL_WRITERS[0], "--strokes", strokes, "--out", str(tmp_path))
    assert refused.returncode == 2 and "must be tuning writers" in refused.stderr
    misspelt = run_training(
        "--validation-writers", "tra-1", "--strokes", strokes, "--out", str(tmp_path), env_data=small_mnist
    )
    assert misspelt.returncode == 2 and "no such writer" in misspelt.stderr and "tra-1" in misspelt.stderr


def test_drawn_trains_on_the_tuning_writers_drawings_alone_and_is_tested_on_mnist(small_mnist, pen_digits, tmp_path):
    strokes = os.environ[STROKES_ENV]
    before = fingerprint(REPO_ROOT / "models")
    result = run_training(
        "--drawn", "--limit", str(DRAWN_LIMIT), "--epochs", "1", "--out", str(tmp_path), "--strokes", strokes,
        env_data=small_mnist,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert load_model(tmp_path / DRAWN_MODEL_PATH.name).output_shape == (None, 10)
    card = json.loads(Outputs.beside(tmp_path / DRAWN_MODEL_PATH.name).card.read_text())
    assert card["recipe"] == as_json(asdict(replace(DrawnRecipe(), epochs=1)))
    drawings = DRAWN_LIMIT * DrawnRecipe.drawn_variants
    assert card["training_images"] == card["drawn_digits"]["training_images"] == drawings
    assert card["validation_images"] == DRAWN_LIMIT // 10  # MNIST validates and tests it
    assert np.array(card["confusion_matrix"]).sum() == TEST_IMAGES
    assert card["drawn_digits"]["measured_digits"] == DRAWN_LIMIT and "--drawn" in card["command"]
    assert fingerprint(REPO_ROOT / "models") == before


def test_drawn_without_pen_digits_stops_and_says_what_it_needs(tmp_path):
    result = run_training("--drawn", "--out", str(tmp_path))
    assert result.returncode == 2 and "--drawn needs the pen-drawn digits" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_smoke_run_leaves_the_bundled_model_untouched(smoke_run):
    _, _, before = smoke_run
    assert fingerprint(REPO_ROOT / "models") == before


def test_bad_data_file_stops_before_training(tmp_path):
    bad = tmp_path / "mnist.npz"
    bad.write_text("not numbers")
    result = run_training("--out", str(tmp_path / "out"), "--data", str(bad))
    assert result.returncode == 2
    reason = "not an npz file, or a damaged one (a zip of arrays, as Keras' mnist.npz is)"  # not numpy's "unpickle it"
    assert result.stderr.strip() == f"train_model.py: {bad}: {reason}"
    assert not (tmp_path / "out").exists()


def test_an_out_folder_that_cannot_be_written_stops_before_training(small_mnist, tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    result = run_training("--out", str(a_file / "models"), "--epochs", "1", env_data=small_mnist)
    assert result.returncode == 2 and f"--out {a_file / 'models'}: {a_file} is a file, not a folder" in result.stderr
    assert "Epoch" not in result.stdout  # said at once, not after the training it would have thrown away


def test_a_limit_smaller_than_a_batch_trains_one_batch_an_epoch(small_mnist, tmp_path):
    result = run_training("--limit", "100", "--epochs", "1", "--out", str(tmp_path), env_data=small_mnist)
    assert result.returncode == 0, result.stderr[-2000:]  # was: decay_steps=0, a traceback
    assert json.loads((tmp_path / "digitpad.card.json").read_text())["training_images"] <= 100


@pytest.mark.parametrize(
    ("argv", "typed"),
    [
        ([str(REPO_ROOT / "digitpad" / "__main__.py"), "train"], "python -m digitpad train"),  # its sys.argv[0]
        (["train_model.py"], "python train_model.py"),
        ([str(REPO_ROOT / "train_model.py")], f"python {REPO_ROOT / 'train_model.py'}"),
        (["/usr/local/bin/digitpad", "train"], "digitpad train"),  # the command pip installs
    ],
)
def test_the_cards_command_is_the_one_a_user_types_again(monkeypatch, argv, typed):
    monkeypatch.setattr(sys, "executable", "/usr/bin/python")
    monkeypatch.setattr(sys, "argv", [*argv, "--limit", "200", "--out", "/tmp/a run"])
    monkeypatch.setenv(MNIST_ENV, "/data/mnist.npz")
    monkeypatch.delenv(STROKES_ENV, raising=False)
    assert reproducing_command() == f"{MNIST_ENV}=/data/mnist.npz {typed} --limit 200 --out '/tmp/a run'"


def test_validation_split_is_disjoint_and_seeded():
    x, y = np.arange(100), np.arange(100) % 10
    x_train, y_train, x_val, y_val = split_validation(x, y, 20, seed=3)
    assert len(x_val) == 20 and len(x_train) == 80 and not set(x_val) & set(x_train)
    assert (y_train == x_train % 10).all()  # images keep their labels
    np.testing.assert_array_equal(split_validation(x, y, 20, seed=3)[2], x_val)


def test_ctrl_c_during_training_leaves_the_previous_model_and_card(smoke_run, mnist):
    """Interrupt a real run in the middle of its first epoch, over the smoke run's outputs, as a user presses Ctrl-C."""
    _, out, _ = smoke_run
    before = fingerprint(out)
    env = {key: value for key, value in os.environ.items() if key not in (MNIST_ENV, STROKES_ENV)}
    command = [sys.executable, "train_model.py", "--data", str(mnist.path), "--limit", "20000", "--out", str(out)]
    # As in a terminal: a shell running the tests as a background job hands them Ctrl-C ignored, and so every child
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        run = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env | {"PYTHONUNBUFFERED": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    for line in run.stdout:  # Keras announces each epoch before its first step
        if line.startswith(b"Epoch 1/"):
            break
    time.sleep(3)  # well into the epoch
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 130
    assert stderr.decode().strip().splitlines()[-1] == f"train_model.py: interrupted; {out} was left as it was"
    assert fingerprint(out) == before  # the model, its card and plots, and no temporary file beside them


def test_smoke_run_without_feedback_trains_fresh_weights_by_the_bundled_recipe(smoke_run):
    _, out, _ = smoke_run
    card = json.loads(Outputs.beside(out / "digitpad.keras").card.read_text())
    assert card["base_model"] is None and card["feedback"] is None
    assert card["recipe"] == as_json(asdict(replace(TrainingRecipe(), epochs=1)))


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def feedback_db(mnist, tmp_path_factory):
    """30 users' drawings (MNIST test digits stand in for them); the model had the first 5 wrong."""
    database = tmp_path_factory.mktemp("feedback") / "feedback.sqlite3"
    store = FeedbackStore(database)
    for i, (image, label) in enumerate(zip(mnist.x_test[:30], mnist.y_test[:30], strict=True)):
        store.add(image, png(image), int(label), predicted=int(label + 1) % 10 if i < 5 else int(label))
    return database


@pytest.fixture(scope="module")
def fine_tune_run(small_mnist, feedback_db, tmp_path_factory):
    """One real fine-tune of the bundled model on 2,000 MNIST images and the 30 drawings, for 1 epoch."""
    out = tmp_path_factory.mktemp("fine_tuned")
    before = fingerprint(REPO_ROOT / "models")
    result = run_training(
        *("--limit", "2000", "--epochs", "1", "--feedback", str(feedback_db), "--base", str(MODEL_PATH)),
        *("--out", str(out)),
        env_data=small_mnist,
    )
    return result, out, before


def test_fine_tune_starts_from_the_base_model_and_records_the_feedback_it_learnt_from(fine_tune_run, feedback_db):
    result, out, _ = fine_tune_run
    assert result.returncode == 0, result.stderr[-2000:]
    outputs = Outputs.beside(out / "digitpad.keras")
    assert load_model(outputs.model).output_shape == (None, 10)
    for plot in (outputs.history_plot, outputs.confusion_plot, outputs.mistakes_plot):
        assert plot.stat().st_size > 0
    card = json.loads(outputs.card.read_text())
    assert CARD_FIELDS <= card.keys()
    # 6 repeats: the 30 drawings become 180 images, a tenth of MNIST's 1,800 (200 of the 2,000 held for validation)
    assert card["feedback"] == {
        "file": str(feedback_db),
        "sha256": sha256(feedback_db),
        "drawings": 30,
        "visits": 30,  # saved with no visit: each its own
        "corrections": 5,
        "repeats": [6, 6],
        "left_out": 0,
        "training_images": 180,
    }
    assert card["training_images"] == 1800 + 180 and card["validation_images"] == 200
    assert card["base_model"] == {"file": str(MODEL_PATH), "sha256": sha256(MODEL_PATH)}
    assert card["recipe"] == as_json(asdict(replace(FineTuneRecipe(), epochs=1)))
    # From fresh weights one epoch on 1,800 images reaches far less (the smoke run); from the bundled model it keeps
    # nearly all of its 99.7%
    assert card["test_accuracy"] > 0.98
    assert "--feedback" in card["command"]


def test_one_visitor_answering_hundreds_of_drawings_counts_as_one_person_in_a_fine_tune(tmp_path):
    # One visitor's 300 wrong answers at a meetup were 300 of the 330 drawings: nine tenths of what a fine-tune learnt
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    for i in range(330):
        image = np.full((28, 28), i % 256, np.uint8)
        store.add(image, png(image), 1 if i < 300 else 7, 7, visit="mischief" if i < 300 else f"visitor-{i // 3}")
    examples = store.examples()
    repeats = feedback_repeats(55_000, examples.visit)
    mischief = examples.visit == "mischief"
    # Each visit at most an equal share, 5,500 / 11 = 500: the ten others' 3 drawings reach 150 each (50 times each)
    assert (repeats[mischief].sum(), repeats[~mischief].sum()) == (500, 10 * 3 * FEEDBACK_MAX_REPEATS)
    assert repeats.max() == FEEDBACK_MAX_REPEATS and not (repeats == 0).any()


@pytest.mark.parametrize("visits", [["me"] * 200, ["me"] * 200 + ["again"] * 2], ids=["one visit", "and a reload"])
def test_one_user_teaching_the_model_their_own_writing_gets_about_a_tenth_of_the_training_images(visits):
    # A reload makes another visit: with a median's cap, the 200 drawings' share fell to the reload's 2 drawings'
    repeats = feedback_repeats(55_000, np.array(visits))
    assert repeats[:200].sum() >= 5_500 / len(set(visits)) - 1 and (repeats > 0).all()


def test_fine_tune_leaves_the_bundled_model_untouched(fine_tune_run):
    _, _, before = fine_tune_run
    assert fingerprint(REPO_ROOT / "models") == before


@pytest.mark.parametrize(("make", "reason"), BAD_DATABASES.values(), ids=BAD_DATABASES.keys())
def test_a_bad_feedback_database_stops_before_training(mnist, tmp_path, make, reason):
    database = tmp_path / "feedback.sqlite3"
    make(database)
    result = run_training("--feedback", str(database), "--out", str(tmp_path / "out"), env_data=str(mnist.path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"train_model.py: {database}: {reason}"
    assert not (tmp_path / "out").exists()


def test_a_missing_base_model_stops_before_training(mnist, feedback_db, tmp_path):
    missing = tmp_path / "missing.keras"
    args = ("--feedback", str(feedback_db), "--base", str(missing), "--out", str(tmp_path / "out"))
    result = run_training(*args, env_data=str(mnist.path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith(f"train_model.py: Model file not found: {missing}.")
    assert "Epoch" not in result.stdout and not (tmp_path / "out").exists()


def test_digitpad_train_trains_a_classic_architecture_into_runs_not_models(small_mnist, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in (MNIST_ENV, STROKES_ENV)}
    before = fingerprint(REPO_ROOT / "models")
    command = [sys.executable, "-m", "digitpad", "train", "--arch", "mlp", "--data", small_mnist, "--limit", "2000",
               "--epochs", "1", "--out", str(tmp_path)]  # fmt: skip
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    card = json.loads((tmp_path / "mlp.card.json").read_text())
    assert card["recipe"]["architecture"] == "mlp" and card["parameters"] == 101_770
    assert any("Dense" in line for line in card["layers"]) and not any("Conv2D" in line for line in card["layers"])
    assert load_model(tmp_path / "mlp.keras").count_params() == 101_770
    assert fingerprint(REPO_ROOT / "models") == before
    assert parse_args(["--arch", "cnn3"]).out == REPO_ROOT / "runs" / "cnn3"  # by default, never where bundled ones go
    assert parse_args(["--strokes", "pen_digits.json"]).out == REPO_ROOT / "models"


def test_nets_are_for_a_fresh_classifier_and_at_least_one(capsys):
    for argv in (["--feedback", "--nets", "2"], ["--nets", "0"]):
        with pytest.raises(SystemExit):
            parse_args(argv)
        assert "--nets" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parse_args(["--pieces", "--nets", "1"])
    assert "the other models are one net each" in capsys.readouterr().err  # it spoke of --feedback, not given
