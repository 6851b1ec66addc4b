"""`python -m digitpad predict` and `export-feedback`, run as a user runs them: on real files, through the command's
own `main()`. `predict` runs in this process (a new one spends about 14 s importing TensorFlow) except where an
environment variable must choose its models; `export-feedback`, which needs no TensorFlow, runs in a subprocess."""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitpad import cli
from digitpad.config import DEFAULT_STROKE_WIDTH, FEEDBACK_ENV, REPO_ROOT, RETRAIN_COMMAND
from digitpad.learning.feedback import FeedbackStore
from digitpad.reading.strokes import draw_strokes, render_canvas
from tests.bad_files import BLANK, DIGIT, write_corpus
from tests.broken_models import BREAKAGES, write_broken_model
from tests.drawings import first_of_each_label, number_canvas, pair_strokes, smiley_canvas, word_canvas
from tests.feedback_writer import BAD_DATABASES, example, png
from tests.in_process import digitpad
from tests.photos import paper_photo


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m digitpad predict ARGS` in this process."""
    return digitpad("predict", *args)


def run_cli_process(*args: str, env: dict[str, str | None]) -> subprocess.CompletedProcess:
    """`python -m digitpad predict ARGS` in a new process with `env` added to the environment (None: taken out)."""
    command = [sys.executable, "-m", "digitpad", "predict", *map(str, args)]
    environment = {name: value for name, value in {**os.environ, **env}.items() if value is not None}
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, env=environment)


@pytest.fixture(scope="module")
def digit_files(pen_digits, tmp_path_factory):
    """Real drawn digits as files: a PNG canvas (white on black), a JPEG of dark ink on paper, a WebP; and a blank."""
    folder = tmp_path_factory.mktemp("digits")
    three, seven, zero = (next(d for d in pen_digits if d.label == label) for label in (3, 7, 0))
    Image.fromarray(render_canvas(three.strokes)).save(folder / "three.png")
    Image.fromarray(255 - render_canvas(seven.strokes)[:, :, 0]).save(folder / "seven_on_paper.jpg")
    Image.fromarray(render_canvas(zero.strokes)[:, :, :3]).resize((64, 64)).save(folder / "zero_small.webp")
    Image.fromarray(np.zeros((280, 280), np.uint8)).save(folder / "blank.png")
    return folder


def test_plain_output_is_one_tab_separated_line_per_image(digit_files):
    files = [digit_files / name for name in ("three.png", "seven_on_paper.jpg", "zero_small.webp", "blank.png")]
    result = run_cli(*files)
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == [str(f) for f in files]
    assert [row[1] for row in rows] == ["3", "7", "0", "-"]
    assert rows[3][2] == "blank"  # said in words, as "no digits found" and "not a digit" are
    for _, _, confidence in rows[:3]:
        assert len(confidence.split(".")[1]) == 4 and 0.5 < float(confidence) <= 1.0


def test_json_output(digit_files):
    result = run_cli("--json", digit_files / "three.png", digit_files / "blank.png")
    assert result.returncode == 0, result.stderr
    three, blank = json.loads(result.stdout)
    assert three["path"].endswith("three.png") and three["digit"] == 3
    assert len(three["probabilities"]) == 10 and sum(three["probabilities"]) == pytest.approx(1, abs=1e-4)
    assert three["confidence"] == max(three["probabilities"])
    assert blank["digit"] is None and blank["confidence"] is None


JSON_FIELDS = ["path", "kind", "verdict", "digit", "confidence", "probabilities", "number", "digits"]


@pytest.mark.parametrize("flag", [None, "--digit", "--number", "--photo"])
def test_json_has_the_same_fields_in_every_mode_and_a_numbers_confidence_is_its_lines(flag, pen_digits, tmp_path):
    # --digit printed no kind, number or digits; --number and --photo no verdict: a blank and a word looked alike
    ten = first_of_each_label(pen_digits)
    files = [tmp_path / name for name in ("seven.png", "year.png", "blank.png", "smiley.png")]
    Image.fromarray(render_canvas(ten[7].strokes)).save(files[0])
    Image.fromarray(number_canvas([ten[1], ten[9], ten[8], ten[4]])).save(files[1])
    Image.fromarray(np.zeros((200, 700), np.uint8)).save(files[2])
    Image.fromarray(smiley_canvas()).save(files[3])
    flags = [flag] if flag else []
    answers = json.loads(run_cli(*flags, "--json", *files).stdout)
    lines = [line.split("\t") for line in run_cli(*flags, *files).stdout.splitlines()]
    assert [list(answer) for answer in answers] == [JSON_FIELDS] * len(files)
    for answer, (_, read, confidence) in zip(answers, lines, strict=True):
        assert answer["number"] == (None if read == "-" else read)  # the line's answer
        if read == "-":
            assert answer["verdict"] == confidence.replace("no digits found", "no digits")  # the line's why not
        else:
            assert f"{answer['confidence']:.4f}" == confidence
            assert [box["digit"] for box in answer["digits"]] == [int(d) for d in read]
            assert all(len(box["box"]) == 4 for box in answer["digits"])
    assert answers[2]["verdict"] in ("blank", "no digits") and answers[2]["digits"] == []


def test_a_single_digits_box_in_json_says_what_the_answer_says():
    # A real photo's 3 read 0.911 sure at the top of its JSON and 0.608 in its one box: two readers, two answers
    from digitpad.models.classifier import Prediction
    from digitpad.models.number import NumberReading
    from digitpad.models.reader import Reading

    sure_three, unsure_five = np.full(10, 0.01, np.float32), np.full(10, 0.05, np.float32)
    sure_three[3], unsure_five[5] = 0.91, 0.55
    found = NumberReading([Prediction(unsure_five, np.zeros((28, 28)))], [(4, 5, 20, 30)], 1)
    reading = Reading("photo", found, Prediction(sure_three, np.zeros((28, 28))))
    printed = cli.FileResult("three.jpg", reading).as_json()
    assert (printed["digit"], printed["digits"]) == (3, [{"digit": 3, "confidence": 0.91, "box": [4, 5, 20, 30]}])


@pytest.mark.parametrize("flags", [[], ["--json"], ["--photo"]], ids=["lines", "json", "photo"])
def test_a_files_answer_is_printed_before_the_next_is_opened_once_a_batch_holds_enough_pixels(
    digit_files, monkeypatch, flags
):
    monkeypatch.setattr(cli, "PREDICT_PIXELS", 64 * 64)  # each of these files as large, to predict, as a phone's photo
    answers_printed = []  # as each file is opened: a folder of photos shows answers at once, and is never held whole
    read_image = cli.read_image

    def opening(path):
        printed = sys.stdout.getvalue()  # the run's own stdout (tests.in_process)
        answers_printed.append(printed.count('"path"') if "--json" in flags else printed.count("\n"))
        return read_image(path)

    monkeypatch.setattr(cli, "read_image", opening)
    files = [digit_files / name for name in ("three.png", "seven_on_paper.jpg", "zero_small.webp")]
    result = run_cli(*flags, *files)
    assert result.returncode == 0 and answers_printed == [0, 1, 2]
    if "--json" in flags:
        assert [answer["path"] for answer in json.loads(result.stdout)] == [str(f) for f in files]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_printed_piece_by_piece_is_json_dumps_of_the_whole_list(count):
    answers = [
        {"path": f"{i}.png", "number": None, "digits": [{"digit": i, "box": [i, 2, 3, 4]}]} for i in range(count)
    ]
    assert "".join(cli.json_list(iter(answers))) == json.dumps(answers, indent=1)


def test_bad_files_are_named_on_stderr_and_the_rest_still_classified(digit_files, tmp_path):
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("shopping list: eggs")
    missing = tmp_path / "missing.png"
    result = run_cli(not_an_image, digit_files / "three.png", missing)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{digit_files / 'three.png'}\t3\t" + result.stdout.split("\t")[2].strip()]
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(tmp_path))]  # not TensorFlow's logs
    assert errors == [
        f"{not_an_image}: not an image, or not a PNG, JPEG, BMP, GIF, WebP, TIFF or HEIC file",
        f"{missing}: no such file",
    ]


def test_stderr_names_the_files_that_could_not_be_read_and_holds_nothing_of_tensorflows(digit_files, tmp_path):
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("shopping list: eggs")
    # As a user runs it: a new process, TensorFlow's logging left as it comes (its start-up lines ignore the variable)
    result = run_cli_process(not_an_image, digit_files / "three.png", env={"TF_CPP_MIN_LOG_LEVEL": None})
    assert result.returncode == 1 and result.stdout.startswith(f"{digit_files / 'three.png'}\t3\t")
    assert result.stderr.splitlines() == [
        f"{not_an_image}: not an image, or not a PNG, JPEG, BMP, GIF, WebP, TIFF or HEIC file"
    ]


def test_a_folder_is_read_as_its_image_files_and_its_subfolders_by_path_and_one_without_any_is_named(
    digit_files, tmp_path
):
    folder = tmp_path / "photos"
    (folder / "older" / "2019").mkdir(parents=True)
    for name in ("b.PNG", "a.jpg", "older/c.png", "older/2019/d.png"):
        (folder / name).write_bytes((digit_files / "three.png").read_bytes())  # a PNG named .jpg is still read
    (folder / "notes.txt").write_text("not an image: left out")
    empty = tmp_path / "empty"
    (empty / "nothing here").mkdir(parents=True)  # an image only a subfolder's subfolder held would be read
    result = run_cli(folder, empty)
    assert [line.split("\t")[:2] for line in result.stdout.splitlines()] == [
        [str(folder / "a.jpg"), "3"],
        [str(folder / "b.PNG"), "3"],
        [str(folder / "older" / "2019" / "d.png"), "3"],
        [str(folder / "older" / "c.png"), "3"],
    ]
    assert result.returncode == 1
    assert f"{empty}: a folder with no PNG, JPEG, BMP, GIF, WebP, TIFF or HEIC files in it or its subfolders" in (
        result.stderr.splitlines()
    )


def test_nothing_to_read_is_said_before_the_models_load_and_standard_input_is_one_image(tmp_path, monkeypatch):
    loaded = []
    monkeypatch.setattr(cli, "predict", lambda *args, **kwargs: loaded.append(args) or 0)  # loads them, then reads
    missing, empty = tmp_path / "missing.png", tmp_path / "empty.png"
    empty.touch()
    address = "https://example.org/7.png"
    for flags in ([], ["--json"]):
        result = run_cli(*flags, missing, address, empty)
        assert result.returncode == 1 and loaded == []
        assert [line.split(": ", 1)[0] for line in result.stderr.splitlines()] == [str(missing), address, str(empty)]
        assert result.stdout == ("[]\n" if flags else "")  # as when every file is opened and none can be read
    twice = run_cli("-", missing, "-")
    assert twice.returncode == 2 and loaded == []
    assert twice.stderr.splitlines()[-1].endswith("error: - (standard input) is given 2 times: it holds one image")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "seven.png").write_bytes(b"opened only once the models are loaded")
    assert run_cli(missing, tmp_path / "photos").returncode == 0 and len(loaded) == 1  # one may be read: all are tried


@pytest.mark.parametrize("flags", [[], ["--digit"], ["--number"]], ids=["auto", "digit", "number"])
def test_a_tab_newline_or_backslash_in_a_files_name_is_escaped_in_its_line_and_kept_in_json(
    digit_files, tmp_path, flags
):
    odd = tmp_path / "three\tof\nthem\\\r.png"
    odd.write_bytes((digit_files / "three.png").read_bytes())
    missing = tmp_path / "gone\t.png"
    result = run_cli(*flags, odd, missing)
    (line,) = result.stdout.splitlines()
    path, number, confidence = line.split("\t")
    assert path == f"{tmp_path}/three\\tof\\nthem\\\\\\r.png" and number == "3" and 0.5 < float(confidence) <= 1
    assert result.stderr.splitlines()[-1] == f"{tmp_path}/gone\\t.png: no such file"
    (reading,) = json.loads(run_cli(*flags, "--json", odd).stdout)
    assert reading["path"] == str(odd)


def test_a_name_the_terminal_cannot_write_is_written_escaped_not_a_traceback(digit_files, tmp_path):
    # A latin-1 name (an old zip's) under a UTF-8 locale, or any accent under an ASCII terminal: UnicodeEncodeError,
    # and the files after it went unread
    latin1, accented = (tmp_path / os.fsdecode(b"caf\xe9.png"), tmp_path / "caf\u00e9.png")
    for odd in (latin1, accented):
        odd.write_bytes((digit_files / "three.png").read_bytes())
    result = run_cli_process(latin1, accented, digit_files / "three.png", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = [line.split("\t")[:2] for line in result.stdout.splitlines()]
    assert lines == [
        [f"{tmp_path}/caf\\udce9.png", "3"],
        [f"{tmp_path}/caf\\xe9.png", "3"],
        [str(digit_files / "three.png"), "3"],
    ]


def test_version_is_the_checkouts_own_else_the_installed_packages(monkeypatch, tmp_path):
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    result = digitpad("--version")
    assert result.returncode == 0 and result.stdout == f"python -m digitpad {pyproject['project']['version']}\n"
    monkeypatch.setattr(cli, "REPO_ROOT", tmp_path)  # no pyproject.toml here: installed from a wheel, say
    monkeypatch.setattr(cli.importlib.metadata, "version", lambda name: {"digitpad": "7.8.9"}[name])
    assert cli.version() == "7.8.9"

    def not_installed(name):
        raise cli.importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(cli.importlib.metadata, "version", not_installed)
    assert cli.version() == "unknown"


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_missing_or_broken_model_is_one_clear_error_with_the_retrain_command(digit_files, tmp_path, breakage):
    model_path = tmp_path / "digitpad.keras"
    write_broken_model(breakage, model_path)
    result = run_cli("--model", model_path, digit_files / "three.png")
    assert result.returncode == 2 and not result.stdout
    (message,) = [line for line in result.stderr.splitlines() if line.startswith("digitpad: ")]
    assert str(model_path) in message and RETRAIN_COMMAND in message
    assert "Traceback" not in result.stderr


def test_each_awkward_file_gets_a_prediction_or_one_line_naming_it(pen_digits, tmp_path):
    seven = first_of_each_label(pen_digits)[7]
    corpus = write_corpus(tmp_path, render_canvas(seven.strokes)[:, :, 0])
    result = run_cli(*corpus)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "Warning" not in result.stderr
    read = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    refusals = dict(line.split(": ", 1) for line in result.stderr.splitlines() if line.startswith(str(tmp_path)))
    for path, outcome in corpus.items():
        if outcome == DIGIT:
            assert read[str(path)].split("\t")[0] == str(seven.label), path.name
        elif outcome == BLANK:
            assert read[str(path)] == "-\tblank", path.name
        else:
            assert outcome in refusals[str(path)] and str(path) not in read, path.name
    assert len(read) + len(refusals) == len(corpus)  # one line for each file, on one stream or the other


def test_number_mode_reads_each_image_as_a_number(pen_digits, tmp_path):
    ten = first_of_each_label(pen_digits)
    year, blank, word = tmp_path / "year.png", tmp_path / "blank.png", tmp_path / "name.png"
    Image.fromarray(number_canvas([ten[1], ten[9], ten[8], ten[4]])).save(year)
    Image.fromarray(np.zeros((200, 700), np.uint8)).save(blank)
    Image.fromarray(word_canvas("MAX")).save(word)  # a word: no number, though each letter reads as some digit
    plain = run_cli("--number", year, blank, word)
    assert plain.returncode == 0, plain.stderr
    as_json = run_cli("--number", "--json", year)
    (reading,) = json.loads(as_json.stdout)
    lowest = min(d["confidence"] for d in reading["digits"])  # a number's confidence, as without a flag
    assert plain.stdout.splitlines() == [f"{year}\t1984\t{lowest:.4f}", f"{blank}\t-\tblank", f"{word}\t-\tnot a digit"]
    assert reading["path"] == str(year) and reading["number"] == "1984"
    assert [d["digit"] for d in reading["digits"]] == [1, 9, 8, 4]
    lefts = [d["box"][0] for d in reading["digits"]]
    assert lefts == sorted(lefts) and all(len(d["box"]) == 4 and 0 < d["confidence"] <= 1 for d in reading["digits"])


def test_photo_mode_cleans_a_photo_of_paper_then_reads_it_as_a_number(pen_digits, tmp_path):
    ten = first_of_each_label(pen_digits)
    photo = paper_photo(number_canvas([ten[1], ten[9], ten[8], ten[4]]), seed=1)  # 560 x 1238 px, lined, unevenly lit
    path = tmp_path / "year.jpg"
    Image.fromarray(photo).save(path)
    (reading,) = json.loads(run_cli("--photo", "--json", path).stdout)
    assert reading["number"] == "1984"
    blank = tmp_path / "blank_sheet.jpg"
    Image.fromarray(paper_photo(np.zeros((200, 700), np.uint8), seed=1)).save(blank)
    lowest = min(d["confidence"] for d in reading["digits"])
    assert run_cli("--photo", path, blank).stdout.splitlines() == [
        f"{path}\t1984\t{lowest:.4f}",
        f"{blank}\t-\tno digits found",
    ]
    boxes = [d["box"] for d in reading["digits"]]  # in the photo's pixels, not the cleaned copy's (1,000 px long)
    assert max(x + width for x, _, width, _ in boxes) > 1000 and all(x + w <= photo.shape[1] for x, _, w, _ in boxes)
    assert run_cli("--photo", "--number", path).returncode == 2  # one or the other


NUMBER_MODELS = {  # the environment variable naming each model only number mode needs: its retrain flag
    "DIGITPAD_PIECES_MODEL": "--pieces",
    "DIGITPAD_DRAWN_MODEL": "--drawn",
    "DIGITPAD_PAIRS_MODEL": "--pairs",
}


@pytest.mark.parametrize(("variable", "flag"), NUMBER_MODELS.items())
def test_number_mode_without_one_of_its_models_says_how_to_train_it(digit_files, tmp_path, variable, flag):
    result = run_cli_process("--number", digit_files / "three.png", env={variable: str(tmp_path / "absent.keras")})
    assert result.returncode == 2 and result.stdout == ""
    assert str(tmp_path / "absent.keras") in result.stderr and f"{RETRAIN_COMMAND} {flag}" in result.stderr


def test_one_digit_needs_none_of_the_number_models(digit_files, tmp_path):
    missing = {variable: str(tmp_path / "absent.keras") for variable in NUMBER_MODELS}
    one_digit = run_cli_process("--digit", digit_files / "three.png", env=missing)
    assert one_digit.returncode == 0 and one_digit.stdout.split("\t")[1] == "3"


def test_an_image_piped_to_standard_input_is_read_as_dash_and_a_web_address_says_how_to_pipe_it(pen_digits, tmp_path):
    drawing = tmp_path / "eight.png"
    Image.fromarray(render_canvas(first_of_each_label(pen_digits)[8].strokes)).save(drawing)
    command = [sys.executable, "-m", "digitpad", "predict", "-", str(drawing)]
    read, nothing = (
        subprocess.run(command, cwd=REPO_ROOT, input=piped, capture_output=True, timeout=120)
        for piped in (drawing.read_bytes(), b"")
    )
    assert [line.split("\t")[:2] for line in read.stdout.decode().splitlines()] == [["-", "8"], [str(drawing), "8"]]
    assert nothing.returncode == 1 and nothing.stderr.decode().splitlines() == ["-: nothing came on standard input"]
    address = "https://example.org/7.png"  # not fetched: said what to do instead, the other file still read
    web = subprocess.run([*command[:-2], address, str(drawing)], cwd=REPO_ROOT, capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert web.stderr.splitlines() == [
        f"{address}: a web address, not a file: download it, or pipe it (curl -s ADDRESS | digitpad predict -)"
    ]
    assert web.returncode == 1 and web.stdout.split("\t")[:2] == [str(drawing), "8"]
    assert [line.split("\t")[:2] for line in nothing.stdout.decode().splitlines()] == [[str(drawing), "8"]]


def test_a_file_whose_name_begins_with_a_dash_is_told_how_to_give_it(digit_files, tmp_path, monkeypatch):
    (tmp_path / "-3.png").write_bytes((digit_files / "three.png").read_bytes())
    monkeypatch.chdir(tmp_path)  # given as a shell in its folder gives it: -3.png
    taken_for_a_flag, after_dashes = run_cli("-3.png"), run_cli("--", "-3.png")
    assert taken_for_a_flag.returncode == 2  # argparse said "the following arguments are required: IMAGE"
    assert taken_for_a_flag.stderr.splitlines()[-1].endswith("-3.png is taken for a flag: give the file as ./-3.png")
    assert after_dashes.returncode == 0 and after_dashes.stdout.split("\t")[:2] == ["-3.png", "3"]


@pytest.mark.parametrize("stop", ["reader stops reading", "Ctrl-C"])
def test_a_long_run_stopped_midway_ends_quietly_with_the_shells_status(pen_digits, tmp_path, stop):
    folder = tmp_path / "drawings"
    folder.mkdir()
    Image.fromarray(render_canvas(first_of_each_label(pen_digits)[3].strokes)).save(folder / "0000.png")
    for i in range(1, 400):  # far more than one batch: the run is still reading when it is stopped
        (folder / f"{i:04d}.png").hardlink_to(folder / "0000.png")
    command = [sys.executable, "-m", "digitpad", "predict", str(folder)]
    # Ctrl-C as in a terminal: a test run started in the background (CI) hands its children SIGINT ignored
    terminal = lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)  # noqa: E731
    run = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=terminal)  # fmt: skip
    first = run.stdout.readline()  # the first batch is read
    if stop == "Ctrl-C":
        run.send_signal(signal.SIGINT)
    else:  # `digitpad predict drawings/ | head -1`
        run.stdout.close()
    run.wait(timeout=120)
    assert first == f"{folder / '0000.png'}\t3\t" + first.split("\t")[2]
    assert run.stderr.read() == ""  # no traceback after what was printed
    assert run.returncode == {"Ctrl-C": 130, "reader stops reading": 141}[stop]
    run.stderr.close()


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="Linux's always-full device")
def test_output_to_a_full_disk_or_a_closed_one_is_one_line_not_a_traceback_or_nothing(pen_digits, tmp_path):
    drawing = tmp_path / "3.png"
    Image.fromarray(render_canvas(first_of_each_label(pen_digits)[3].strokes)).save(drawing)
    with open("/dev/full", "w") as full:  # `digitpad predict photos/ > answers.tsv` on a disk with no room left
        run = subprocess.run([sys.executable, "-m", "digitpad", "predict", str(drawing)], cwd=REPO_ROOT, stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=120)  # fmt: skip
    assert (run.returncode, run.stderr) == (1, "digitpad: cannot write the output: No space left on device\n")
    closed = subprocess.run(  # started with standard output closed (`>&-`): the answers went nowhere, status 0
        ["bash", "-c", f"{shlex.quote(sys.executable)} -m digitpad predict {shlex.quote(str(drawing))} >&-"],
        cwd=REPO_ROOT, stderr=subprocess.PIPE,
        text=True, timeout=120,
    )  # fmt: skip
    assert (closed.returncode, closed.stderr) == (
        1,
        "digitpad: standard output is closed: nowhere to write the answers\n",
    )


def run_export(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "digitpad", "export-feedback", *map(str, args)]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)


def test_export_feedback_writes_the_drawings_as_an_mnist_like_npz(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    images = [example((0, 0, i)) for i in range(12)]
    for i, image in enumerate(images):
        store.add(image, png(image), label=i % 10, predicted=(i * 3) % 10)
    out = tmp_path / "exported" / "feedback.npz"
    result = run_export(store.path, out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"exported 12 drawings from {store.path} to {out}\n"
    with np.load(out, allow_pickle=False) as npz:
        assert sorted(npz.files) == ["predicted", "x", "y"]
        x, y, predicted = npz["x"], npz["y"], npz["predicted"]
    assert x.dtype == y.dtype == predicted.dtype == np.uint8
    np.testing.assert_array_equal(x, images)
    assert y.tolist() == [i % 10 for i in range(12)] and predicted.tolist() == [(i * 3) % 10 for i in range(12)]
    assert [p.name for p in out.parent.iterdir()] == ["feedback.npz"]  # no temporary file left beside it


def test_export_feedback_with_no_database_named_exports_the_pages_own(tmp_path):
    store = FeedbackStore(tmp_path / "pages_own.sqlite3")
    store.add(example((0, 0, 0)), png(example((0, 0, 0))), label=6, predicted=5)
    out = tmp_path / "answers.npz"
    command = [sys.executable, "-m", "digitpad", "export-feedback", str(out)]
    env = {**os.environ, FEEDBACK_ENV: str(store.path)}  # where the page saves, as config.FEEDBACK_PATH reads it
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0 and result.stdout == f"exported 1 drawing from {store.path} to {out}\n"
    with np.load(out) as npz:
        assert npz["y"].tolist() == [6] and npz["predicted"].tolist() == [5]


@pytest.mark.parametrize(("make", "reason"), BAD_DATABASES.values(), ids=BAD_DATABASES.keys())
def test_export_feedback_refuses_a_missing_broken_or_empty_database_in_one_line(tmp_path, make, reason):
    database, out = tmp_path / "feedback.sqlite3", tmp_path / "out.npz"
    make(database)
    result = run_export(database, out)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [f"digitpad: {database}: {reason}"]
    assert not out.exists()


def test_export_feedback_to_a_folder_or_where_nothing_can_be_written_says_which_in_one_line(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add(example((0, 0, 0)), png(example((0, 0, 0))), label=3, predicted=3)
    folder = tmp_path / "answers"
    folder.mkdir()
    result = run_export(store.path, folder)
    assert result.returncode == 1 and result.stderr.splitlines() == [
        f"digitpad: {folder}: a folder: name the file to write in it, such as {folder / 'feedback.npz'}"
    ]
    assert list(folder.iterdir()) == []
    result = run_export(store.path, "/proc/answers.npz")  # no file can be made in /proc, even by root
    (line,) = result.stderr.splitlines()
    assert result.returncode == 1 and line.startswith("digitpad: /proc/answers.npz: cannot write it (")
    assert ".answers-" not in line  # the reason alone, not the temporary file's name


def database_of_one(path) -> FeedbackStore:
    store = FeedbackStore(path)
    store.add(example((0, 0, 0)), png(example((0, 0, 0))), label=3, predicted=3)
    return store


def link_to_database(database: Path) -> str:
    (database.parent / "link.npz").symlink_to(database)
    return str(database.parent / "link.npz")


def pipe(database: Path) -> str:
    os.mkfifo(database.parent / "pipe")
    return str(database.parent / "pipe")


def unix_socket(database: Path) -> str:
    """A socket file: not a regular file, as a device is (a device such as /dev/full is not risked here: as root, a
    regression would replace it for the whole machine)."""
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(database.parent / "socket"))
    return str(database.parent / "socket")


def notes(database: Path) -> str:
    """A file mistyped for OUT: replaced by the npz before."""
    (database.parent / "notes.txt").write_text("my precious notes\n")
    return str(database.parent / "notes.txt")


NOT_TO_WRITE = {  # OUT as typed, made beside the database being read: the reason it is refused
    "the database itself": (str, "the database being read: name the npz to write after it"),
    "the database through a symlink": (link_to_database, "the database being read"),
    "another SQLite database": (lambda db: str(database_of_one(db.parent / "other.sqlite3").path), "a SQLite database"),
    "a pipe": (pipe, "not a regular file"),
    "a socket": (unix_socket, "not a regular file"),
    "standard output": (lambda db: "-", "standard output is not written to"),
    "a folder to be": (lambda db: f"{db.parent / 'answers'}/", "a folder: name the file to write in it"),
    "notes": (notes, "a file that is not an npz, which would be replaced: name a new file, or an npz to replace"),
    "no name": (lambda db: "", "no file named: name the npz to write, such as feedback.npz"),
}


@pytest.mark.parametrize(("make", "reason"), NOT_TO_WRITE.values(), ids=NOT_TO_WRITE.keys())
def test_export_feedback_refuses_to_write_over_a_database_a_pipe_or_standard_output(tmp_path, make, reason):
    database = database_of_one(tmp_path / "feedback.sqlite3").path
    out = make(database)
    before = {path.name: path.read_bytes() if path.is_file() else None for path in tmp_path.iterdir()}  # not the pipe
    result = digitpad("export-feedback", database, out)
    assert result.returncode == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"digitpad: {out or repr(out)}: {reason}")
    after = {path.name: path.read_bytes() if path.is_file() else None for path in tmp_path.iterdir()}
    assert after == before  # nothing written, and no file or folder made


def test_export_feedback_of_one_database_named_alone_does_not_write_over_it(tmp_path):
    database = database_of_one(tmp_path / "feedback.sqlite3").path
    before = database.read_bytes()
    command = [sys.executable, "-m", "digitpad", "export-feedback", str(database)]  # DB meant, taken as OUT
    env = {**os.environ, FEEDBACK_ENV: str(database)}  # the page's own database, as the default reads it
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1 and result.stderr.splitlines() == [
        f"digitpad: {database}: the database being read: name the npz to write after it (export-feedback DB OUT.npz)"
    ]
    assert database.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["feedback.sqlite3"]


def test_export_feedback_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    database = database_of_one(tmp_path / "feedback.sqlite3").path
    (tmp_path / "kept").mkdir()
    target, link = tmp_path / "kept" / "answers.npz", tmp_path / "answers.npz"
    np.savez(target, y=np.array([9]))  # last week's
    link.symlink_to(target)
    result = digitpad("export-feedback", database, link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    with np.load(target) as npz:
        assert npz["y"].tolist() == [3]
    assert [p.name for p in target.parent.iterdir()] == ["answers.npz"]  # no temporary file left beside it


def test_what_is_not_a_digit_is_said_so_and_two_digits_are_read_as_a_number(pen_digits, tmp_path):
    ten = first_of_each_label(pen_digits)
    smiley, pair = tmp_path / "smiley.png", tmp_path / "pair.png"
    Image.fromarray(smiley_canvas()).save(smiley)
    Image.fromarray(draw_strokes(pair_strokes([ten[4], ten[2]]), DEFAULT_STROKE_WIDTH)).save(pair)
    text = run_cli(smiley, pair)
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0] == f"{smiley}\t-\tnot a digit"
    assert text.stdout.splitlines()[1].split("\t")[:2] == [str(pair), "42"]
    face, number = json.loads(run_cli("--json", smiley, pair).stdout)
    assert (face["digit"], face["verdict"], face["number"]) == (None, "not a digit", None)
    assert (number["verdict"], number["number"], number["digit"]) == ("number", "42", None)
    (alone,) = json.loads(run_cli("--digit", "--json", smiley).stdout)
    assert (alone["digit"], alone["verdict"]) == (None, "not a digit") and len(alone["probabilities"]) == 10
