"""`digitpad train`'s flags, checked before any data is read: a run that trains otherwise than a bundled model's recipe
never replaces it unless --out says where to write; the bundled recipe, and any run given --out, still does as asked.
No training here: the refusals come before it (digitpad.learning.training is tested in test_training.py)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest

from digitpad.config import MODEL_PATH, REPO_ROOT, STROKES_ENV, TrainingRecipe
from digitpad.learning import retrain
from digitpad.learning.data import DataError
from digitpad.learning.retrain import parse_args
from tests.in_process import train_model

STROKES = ["--strokes", "pen_digits.json"]  # named, not read: the flags are checked before the data

OFF_RECIPE = {  # flags that train otherwise than a bundled model's recipe: the flags the refusal names
    "--limit 200": ["--limit", "200"],
    "--epochs 1": ["--epochs", "1"],
    "--nets 1": ["--nets", "1"],
    "--seed 2": ["--seed", "2"],
    "--batch-size 64": ["--batch-size", "64"],
    "--validation-writers tra-21": ["--validation-writers", "tra-21", *STROKES],
    "--feedback": ["--feedback", *STROKES],  # a fine-tune, fine-tuned again in place, learns the same answers twice
    "--feedback --epochs 1": ["--feedback", "--epochs", "1"],
    "--feedback --base other.keras": ["--feedback", "--base", "other.keras"],
    "--drawn --limit 60": ["--drawn", "--limit", "60", *STROKES],
    "--pieces --limit 20": ["--pieces", "--limit", "20", *STROKES],
    "--pairs --epochs 1": ["--pairs", "--epochs", "1"],
    "--nondigit --limit 200 --epochs 1": ["--nondigit", "--limit", "200", "--epochs", "1", *STROKES],
}


@pytest.mark.parametrize("argv", OFF_RECIPE.values(), ids=OFF_RECIPE.keys())
def test_a_run_off_the_bundled_recipe_without_out_is_refused_naming_its_flags(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        parse_args(argv)
    (line,) = capsys.readouterr().err.splitlines()
    assert stop.value.code == 2 and line.startswith("train_model.py: ")
    named = [flag for flag in ("--feedback", "--limit", "--epochs", "--nets", "--seed", "--batch-size",
                               "--validation-writers", "--base") if flag in argv]  # fmt: skip
    assert line.split(": ")[1].removesuffix(f", no --strokes (nor ${STROKES_ENV})") == ", ".join(named)
    assert f"would replace {MODEL_PATH.parent}/" in line and "Give --out DIR" in line


def test_the_refusal_comes_before_the_data_is_read_and_names_the_model_it_would_replace(monkeypatch):
    def read(path):
        raise DataError("the data was read")

    monkeypatch.setattr(retrain, "load_mnist", read)  # were it reached, the run would say so, not start training
    result = train_model("--limit", "200", "--epochs", "1", *STROKES)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"train_model.py: --limit, --epochs: not the bundled recipe; without --out this would replace {MODEL_PATH} "
        f"with a model trained otherwise. Give --out DIR (--out {MODEL_PATH.parent} to replace it all the same)"
    ]
    pieces = train_model("--pieces", "--epochs", "1", *STROKES)
    assert f"would replace {MODEL_PATH.parent / 'pieces.keras'} " in pieces.stderr


def test_the_bundled_recipe_or_an_out_folder_still_trains_where_it_did(tmp_path):
    assert parse_args(STROKES).out == MODEL_PATH.parent  # the README's own command, with its data
    assert parse_args(["--pieces", *STROKES]).out == MODEL_PATH.parent
    assert parse_args(["--epochs", str(TrainingRecipe.epochs), "--seed", str(TrainingRecipe.seed), *STROKES]).out == (
        MODEL_PATH.parent
    )  # the recipe's own values, spelt out
    assert parse_args(["--limit", "200", "--out", str(tmp_path)]).out == tmp_path
    assert parse_args(["--limit", "200", "--out", str(MODEL_PATH.parent)]).limit == 200  # replaced, as asked
    assert parse_args(["--arch", "mlp", "--limit", "200"]).out.name == "mlp"  # runs/mlp: never a bundled model


def test_the_bundled_recipe_without_its_pen_drawn_digits_needs_out(monkeypatch, capsys, tmp_path):
    # `python train_model.py` with $DIGITPAD_STROKES unset trained an MNIST-only model over the bundled one
    monkeypatch.delenv(STROKES_ENV, raising=False)
    with pytest.raises(SystemExit) as stop:
        parse_args([])
    assert stop.value.code == 2
    assert capsys.readouterr().err.startswith(f"train_model.py: no --strokes (nor ${STROKES_ENV}): not the bundled")
    assert parse_args(["--out", str(tmp_path)]).strokes is None  # an MNIST-only model, where it was asked for


def test_limit_says_it_caps_the_pen_drawn_digits_too(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"the first N pen-drawn digits, each drawn {TrainingRecipe.drawn_variants} ways" in help_text


def test_ctrl_c_while_train_model_py_starts_ends_it_quietly(tmp_path):
    # Stopped while it imported TensorFlow, `python train_model.py` printed a KeyboardInterrupt traceback
    command = [sys.executable, "train_model.py", "--limit", "200", "--epochs", "1", "--out", str(tmp_path / "out")]
    run = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    time.sleep(0.5)  # importing: TensorFlow takes seconds
    run.send_signal(signal.SIGINT)
    _, errors = run.communicate(timeout=120)
    assert run.returncode == 130 and "Traceback" not in errors, errors
    assert not (tmp_path / "out").exists()


def test_an_out_folder_on_a_full_disk_is_refused_before_training(tmp_path, monkeypatch, capsys):
    # An empty file still fits on a full disk: the run trained 43 s (half an hour for the bundled recipe), then failed
    full = shutil.disk_usage(tmp_path)._replace(free=300 * 2**10)
    monkeypatch.setattr(retrain.shutil, "disk_usage", lambda path: full)
    with pytest.raises(SystemExit):
        parse_args(["--out", str(tmp_path / "run")])
    said = capsys.readouterr().err
    assert f"--out {tmp_path / 'run'}: only 0.3 MB free in {tmp_path}; a run needs 10 MB there" in said
