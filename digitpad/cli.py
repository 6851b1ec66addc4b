"""The command line: `python -m digitpad predict [--json] [--digit | --number | --photo] IMAGE...`,
`train [FLAGS]` (digitpad.learning.retrain), `export-feedback [DB] OUT.npz`, `app [STREAMLIT FLAGS]` (the page,
digitpad.serving.preload), `room` (digitpad.serving.room) and `--version`.

In: image paths, folders of images and their subfolders (digitpad.reading.images.image_files), or - (once) for an image
on standard input. Out, on stdout: one line per image. Without a flag each image is read by digitpad.models.reader,
which tells a drawing from a photo of paper and one digit from several: `PATH<TAB>DIGIT<TAB>CONFIDENCE` for one digit,
`PATH<TAB>NUMBER<TAB>LOWEST CONFIDENCE` for several, `PATH<TAB>-<TAB>blank` for a blank drawing, `PATH<TAB>-<TAB>no
digits found` for a photo without any and `PATH<TAB>-<TAB>not a digit`; PATH with its backslashes, tabs, newlines and
carriage returns escaped (escaped). With --json, one JSON list of {path, kind (drawing or photo), verdict (digit,
number, not a digit, blank or no digits), digit, confidence (a number's: its least sure digit's), probabilities (null
unless read as one digit), number, digits: [{digit, confidence, box}]}, box being [x, y, width, height] in the image's
pixels: the same fields whatever the flags. The flags say what the images are instead: --digit, a drawing of one
digit; --number, a drawing of a number; --photo, a photo of digits on paper, cleaned as digitpad.reading.photo cleans
it; each prints lines as without a flag. A file that cannot be read gets one line on stderr naming it and the
reason; the others are still read, and the exit status is then 1; when none can be (missing files, say), that is said
before the models load. They load once; files are decoded a batch at a time (PREDICT_FILES, or fewer holding
PREDICT_PIXELS: a 12-megapixel photo alone) and each batch's lines printed as soon as it is read.

export-feedback: in, a feedback database (digitpad.learning.feedback; default: the page's own, FEEDBACK_PATH); out, an
npz of the drawings users confirmed or corrected, with MNIST's layout: `x` uint8 [N, 28, 28] (ink high), `y` uint8 [N]
(the users' digits) and `predicted` uint8 [N] (the model's), and one line on stdout saying how many; through a
symlink, its target is written. A missing, broken or empty database, or an OUT that is -, a folder, the database
itself, another SQLite database or not a regular file (unwritable_out), gets one line on stderr and exit status 1, and
no file is written.
"""

from __future__ import annotations

import argparse
import errno
import importlib.metadata
import json
import os
import sys
import textwrap
import tomllib
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from digitpad.config import (
    FEEDBACK_PATH,
    INSTALLED,
    MODEL_PATH,
    PREDICT_FILES,
    PREDICT_PIXELS,
    PRODUCT_ROOT,
    REPO_ROOT,
)
from digitpad.files import write_atomically
from digitpad.reading.images import (
    SUPPORTED_NAMES,
    ImageReadError,
    check_file,
    image_files,
    read_image,
    read_upload,
)
from digitpad.reading.preprocess import ink_box, ink_map, preprocess_ink

if TYPE_CHECKING:
    from digitpad.learning.feedback import Examples
    from digitpad.models.classifier import DigitClassifier, Prediction
    from digitpad.models.reader import Reading

EXIT_OK, EXIT_BAD_FILE, EXIT_NO_MODEL = 0, 1, 2
EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 130, 141  # 128 + SIGINT, 128 + SIGPIPE: what a shell reports for either
STDIN = "-"  # the IMAGE read from standard input (`curl ... | digitpad predict -`); a file named - is ./-
STDIN_COMMAND = f"digitpad predict {STDIN}"
SQLITE_HEADER = b"SQLite format 3\0"  # the first 16 bytes of every SQLite database file (sqlite.org/fileformat.html)


TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def escaped(path: str) -> str:
    """A path as a line prints it: a backslash, tab, newline or carriage return in a file's name written \\\\, \\t, \\n
    or \\r, so that every line is one file's, and its first tab ends the path."""
    return path.translate(TSV_ESCAPES)


def answer_json(
    path: str, kind: str, verdict: str, number: str | None, digits: list[dict], single: Prediction | None = None
) -> dict:
    """One file's JSON, the same fields in every mode: the digit and its probabilities when the image was read as one
    (null otherwise), the number with each digit's box, and the confidence: the digit's, or the least sure digit's of
    a number (as the line says)."""
    confidence = None if single is None else round(single.confidence, 6)
    if single is not None and len(digits) == 1:  # one digit: its box says what the answer above says
        digits[0].update(digit=single.digit if verdict == "digit" else None, confidence=confidence)
    elif verdict == "number":
        confidence = min(digit["confidence"] for digit in digits)
    return {"path": path, "kind": kind, "verdict": verdict,
            "digit": single.digit if single is not None and verdict == "digit" else None, "confidence": confidence,
            "probabilities": None if single is None else [round(float(p), 6) for p in single.probabilities],
            "number": number, "digits": digits}  # fmt: skip


@dataclass(frozen=True)
class Result:
    """One file read as one drawn digit (--digit): its prediction, None when the image is blank, and the box of its
    ink, [x, y, width, height] in the image's pixels."""

    path: str
    prediction: Prediction | None
    box: tuple[int, int, int, int] | None = None

    @property
    def answer(self) -> str | None:
        """What was read, as a string of digits; None for nothing, or what is not a digit."""
        return str(self.prediction.digit) if self.prediction and self.prediction.is_digit else None

    def as_line(self) -> str:
        if self.prediction is None:
            return f"{escaped(self.path)}\t-\tblank"
        if not self.prediction.is_digit:
            return f"{escaped(self.path)}\t-\tnot a digit"
        return f"{escaped(self.path)}\t{self.prediction.digit}\t{self.prediction.confidence:.4f}"

    def as_json(self) -> dict:
        if self.prediction is None:
            return answer_json(self.path, "drawing", "blank", None, [])
        digits = [{"digit": None, "confidence": None, "box": list(self.box)}]
        return answer_json(self.path, "drawing", self.prediction.verdict, self.answer, digits, self.prediction)


@dataclass(frozen=True)
class FileResult:
    """One file read by digitpad.models.reader: a digit, a number, or nothing."""

    path: str
    reading: Reading

    @property
    def answer(self) -> str | None:
        return self.reading.number

    def as_line(self) -> str:
        """The digit or number with its (lowest) confidence, or - and why none."""
        reading, path = self.reading, escaped(self.path)
        if reading.verdict == "digit":
            return f"{path}\t{reading.single.digit}\t{reading.single.confidence:.4f}"
        if reading.verdict == "number":
            return f"{path}\t{reading.number}\t{min(p.confidence for p in reading.digits.predictions):.4f}"
        return f"{path}\t-\t{ {'no digits': 'no digits found'}.get(reading.verdict, reading.verdict) }"

    def as_json(self) -> dict:
        found = self.reading.digits
        digits = [
            {"digit": p.digit, "confidence": round(float(p.confidence), 6), "box": list(map(int, box))}
            for p, box in zip(found.predictions, found.boxes, strict=True)
        ]
        reading = self.reading
        return answer_json(self.path, reading.kind, reading.verdict, reading.number, digits, reading.single)


def read_images(paths: list[str]) -> tuple[dict[str, np.ndarray], list[str]]:
    """Every file decoded and kept (for benchmarks): ({path: pixels}, [error lines for unreadable files])."""
    images, errors = {}, []
    for batch in decoded(paths):
        for path, image in batch:
            if isinstance(image, str):
                errors.append(image)
            else:
                images[path] = image
    return images, errors


def digit_results(classifier: DigitClassifier, batch: list[tuple[str, np.ndarray | str]]) -> Iterator[Result | str]:
    """One digit per image, a batch's digits classified at once: each file's Result, or its error line, in order."""
    inks = {path: ink_map(image) for path, image in batch if not isinstance(image, str)}
    inputs = {path: preprocess_ink(ink) for path, ink in inks.items()}
    drawn = [path for path, x in inputs.items() if x is not None]
    predictions = dict(zip(drawn, classifier.predict_many(np.array([inputs[p] for p in drawn])), strict=True))
    for path, image in batch:
        if isinstance(image, str):
            yield image
        else:
            yield Result(path, predictions.get(path), ink_box(inks[path]) if path in predictions else None)


MODES = ("auto", "digit", "number", "photo")  # auto: no flag; the others: --digit, --number, --photo


Answer = Result | FileResult  # what one file read gives, in each mode


def read_stdin() -> np.ndarray:
    """The image piped to standard input; ImageReadError when none comes, or when it is a terminal (nothing to wait
    for)."""
    if sys.stdin is None or sys.stdin.isatty():
        raise ImageReadError(f"standard input is the terminal: pipe an image to it (... | {STDIN_COMMAND})")
    content = sys.stdin.buffer.read()
    if not content:
        raise ImageReadError("nothing came on standard input")
    return read_upload(content)


def refuse_web_address(path: str) -> None:
    """ImageReadError, with what to do, for a web address given as a file."""
    if path.startswith(("http://", "https://")):
        raise ImageReadError(f"a web address, not a file: download it, or pipe it (curl -s ADDRESS | {STDIN_COMMAND})")


def check_path(path: str) -> None:
    """ImageReadError, with what to do, for what cannot be read and is known so without opening it: a web address, or
    a missing file, a folder, an empty file (check_file). Standard input passes."""
    refuse_web_address(path)
    if path != STDIN:
        check_file(Path(path))


def read_path(path: str) -> np.ndarray:
    """The image at `path` (STDIN: standard input's); ImageReadError, with what to do, for a web address."""
    if path == STDIN:
        return read_stdin()
    refuse_web_address(path)
    return read_image(Path(path))  # which checks the file as check_path does


def error_line(path: str, error: ImageReadError) -> str:
    """The one line on stderr for a file that cannot be read: its path (escaped, as lines print it) and why."""
    return f"{escaped(path)}: {error}"


def none_readable(paths: list[str]) -> list[str] | None:
    """Each path's error line when not one of them can be read, known without opening them (check_path), so that the
    models are not loaded for nothing; None when any may be."""
    lines = []
    for path in paths:
        try:
            check_path(path)
            return None
        except ImageReadError as error:
            lines.append(error_line(path, error))
    return lines


def decoded(paths: list[str]) -> Iterator[list[tuple[str, np.ndarray | str]]]:
    """The files decoded in batches of PREDICT_FILES, a batch ending early once it holds PREDICT_PIXELS: each path
    with its pixels, or with its error line when it cannot be read."""
    batch, pixels = [], 0
    for path in paths:
        try:
            image = read_path(path)
            pixels += image.shape[0] * image.shape[1]
        except ImageReadError as error:
            image = error_line(path, error)
        batch.append((path, image))
        if len(batch) == PREDICT_FILES or pixels >= PREDICT_PIXELS:
            yield batch
            batch, pixels = [], 0
    if batch:
        yield batch


def outcomes(paths: list[str], mode: str, model_path: Path = MODEL_PATH) -> Iterator[Answer | str]:
    """Each file read in `mode` (see MODES), in order, batch by batch as it is read (decoded): its answer, or the
    error line of a file that cannot be read. Raises digitpad.models.model.ModelError, before the first, when a
    model cannot be loaded."""
    from digitpad.models.classifier import DigitClassifier  # TensorFlow loads only when there is work for it
    from digitpad.models.reader import Reader

    if mode == "digit":
        classifier = DigitClassifier.load(model_path)
        for batch in decoded(paths):
            yield from digit_results(classifier, batch)
        return
    reader = Reader.load(model_path)
    kind = "photo" if mode == "photo" else "drawing"
    for batch in decoded(paths):
        for path, image in batch:
            if isinstance(image, str):
                yield image
            elif mode == "auto":
                yield FileResult(path, reader.read(image))
            else:
                yield FileResult(path, reader.read(image, kind, several=True))


def read_files(paths: list[str], mode: str, model_path: Path = MODEL_PATH) -> tuple[list[Answer], list[str]]:
    """Every file read in `mode`, all kept (for benchmarks.real): (answers, error lines for the unreadable files)."""
    answers, errors = [], []
    for outcome in outcomes(paths, mode, model_path):
        (errors if isinstance(outcome, str) else answers).append(outcome)
    return answers, errors


def json_list(items: Iterable[dict]) -> Iterator[str]:
    """json.dumps(list(items), indent=1), in pieces as the items come."""
    before = "[\n"
    for item in items:
        yield before + textwrap.indent(json.dumps(item, indent=1), " ")
        before = ",\n"
    yield "[]" if before == "[\n" else "\n]"


def predict(paths: list[str], as_json: bool, model_path: Path, mode: str = "auto") -> int:
    """Print each file's answer as soon as it is read: a folder of photos shows its first at once, and is never held
    in memory whole. Error lines go to stderr as they come."""
    from digitpad.models.backend import import_tensorflow

    import_tensorflow()  # stderr is for the files that cannot be read, not for TensorFlow's start-up lines
    from digitpad.models.model import ModelError

    unreadable = 0

    def answers() -> Iterator[Answer]:
        nonlocal unreadable
        for outcome in outcomes(paths, mode, model_path):
            if isinstance(outcome, str):
                unreadable += 1
                print(outcome, file=sys.stderr, flush=True)
            else:
                yield outcome

    texts = json_list(a.as_json() for a in answers()) if as_json else (f"{a.as_line()}\n" for a in answers())
    try:
        for text in texts:
            print(text, end="", flush=True)
    except ModelError as error:  # raised before the first file is read, so nothing was printed
        print(f"digitpad: {error}", file=sys.stderr)
        return EXIT_NO_MODEL
    if as_json:
        print()
    return EXIT_BAD_FILE if unreadable else EXIT_OK


def write_npz(examples: Examples, path: Path) -> None:
    with path.open("wb") as file:  # a file object, so numpy does not append .npz to the temporary name
        np.savez_compressed(file, x=examples.x, y=examples.y, predicted=examples.predicted)


def is_sqlite(path: Path) -> bool:
    """Whether the file at `path` is a SQLite database, by its first bytes (False when it cannot be opened)."""
    try:
        with path.open("rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def is_npz(path: Path) -> bool:
    """Whether the file at `path` is an npz (numpy's zip of .npy arrays), or empty: one export-feedback may replace."""
    try:
        if path.stat().st_size == 0:
            return True
        with zipfile.ZipFile(path) as archive:
            return all(name.endswith(".npy") for name in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


def unwritable_out(database: Path, out: str) -> str | None:
    """Why export-feedback must not write OUT (as typed), or None: no name, - (standard output), a folder, the
    database being read (`export-feedback DB`, DB taken as OUT), another SQLite database, what is not a regular file
    (/dev/full, a pipe), or a file that is not an npz (notes mistyped for OUT were replaced). A symlink stands for its
    target."""
    if not out:
        return "no file named: name the npz to write, such as feedback.npz"
    if out == STDIN:
        return "standard output is not written to (an npz is binary): name a file, such as feedback.npz"
    target = Path(out).resolve()
    if out.endswith("/") or target.is_dir():
        return f"a folder: name the file to write in it, such as {Path(out) / 'feedback.npz'}"
    if target == database.resolve() or (target.exists() and database.exists() and target.samefile(database)):
        return "the database being read: name the npz to write after it (export-feedback DB OUT.npz)"
    if target.exists() and not target.is_file():
        return "not a regular file (a device, a pipe or a socket): name a file to write"
    if is_sqlite(target):
        return "a SQLite database, not an npz: to export it, name it and then the npz (export-feedback DB OUT.npz)"
    if target.exists() and not is_npz(target):
        return "a file that is not an npz, which would be replaced: name a new file, or an npz to replace"
    return None


def export_feedback(database: Path, out: str) -> int:
    from digitpad.learning.feedback import FeedbackStoreError, load_feedback

    problem = unwritable_out(database, out)  # found before the database is opened
    if problem is None:
        try:
            examples = load_feedback(database)
        except FeedbackStoreError as error:
            print(f"digitpad: {error}", file=sys.stderr)
            return EXIT_BAD_FILE
        try:  # to a symlink's target, the link left as it is
            write_atomically({Path(out).resolve(): lambda path: write_npz(examples, path)})
        except OSError as error:  # its reason alone: the error names the temporary file, not OUT
            problem = f"cannot write it ({error.strerror})"
    if problem is not None:
        print(f"digitpad: {out or repr(out)}: {problem}", file=sys.stderr)
        return EXIT_BAD_FILE
    count = len(examples.y)
    print(f"exported {count} drawing{'' if count == 1 else 's'} from {database} to {out}")
    return EXIT_OK


def version() -> str:
    """This digitpad's version: a checkout's own pyproject.toml's (pip may have installed an older one), else the
    installed package's, else "unknown"."""
    pyproject = REPO_ROOT / "pyproject.toml"
    if not INSTALLED and pyproject.is_file():
        return tomllib.loads(pyproject.read_text())["project"]["version"]
    try:
        return importlib.metadata.version("digitpad")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    """The command line (`command`), run quietly."""
    return quietly(lambda: command(argv))


def quietly(run: Callable[[], int]) -> int:
    """Run a command (this one, or train_model.py's) and return its status. Ctrl-C, or a reader that stops reading
    early (`digitpad predict photos/ | head`), ends it quietly with the shell's usual status: what was printed stands,
    and no traceback follows it; a full disk gets one line on stderr and status 1. What cannot be written as the
    terminal's encoding is written escaped (`caf\\xe9.png`): a file name that is not UTF-8 (an old zip's latin-1), or
    any accent under an ASCII terminal, raised UnicodeEncodeError, after the work was done."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # not a test's capture
            stream.reconfigure(errors="backslashreplace")
    if sys.stdout is None:  # started with it closed (`>&-`): every answer went nowhere, and the status said 0
        print("digitpad: standard output is closed: nowhere to write the answers", file=sys.stderr)
        return EXIT_BAD_FILE
    try:
        return run()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # else Python's flush at exit fails again
        return EXIT_PIPE_CLOSED
    except OSError as error:  # a full disk (`predict photos/ > answers.tsv`): one line, not a traceback
        if error.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"digitpad: cannot write the output: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_FILE


def flag_like_file(args: list[str], parser: argparse.ArgumentParser) -> str | None:
    """The first argument that names a file but begins with - (`predict -1.png`), which argparse reads as an unknown
    flag and then says IMAGE is missing; None when there is none (arguments after `--` are files already)."""
    for arg in args[: args.index("--") if "--" in args else None]:
        if arg.startswith("-") and arg != STDIN and arg not in parser._option_string_actions and Path(arg).exists():
            return arg
    return None


def command(argv: list[str] | None = None) -> int:
    prog = "digitpad" if Path(sys.argv[0]).name == "digitpad" else "python -m digitpad"  # the installed command
    parser = argparse.ArgumentParser(prog=prog, description="Recognise handwritten digits.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    predict_parser = commands.add_parser(
        "predict",
        help="read image files: drawings or photos of paper, one digit or several",
        description="Read each image: whether it is a drawing or a photo of paper, and whether it holds one digit or "
        "several, is decided from the image unless a flag says. Prints one line per image, in every mode: "
        "PATH<TAB>DIGIT or NUMBER<TAB>CONFIDENCE (a number's: its least sure digit's), or PATH<TAB>-<TAB>WHY NOT "
        "(blank, no digits found, not a digit). In PATH a backslash, tab, newline or carriage return is written "
        "\\\\, \\t, \\n or \\r; --json prints paths as they are.",
    )
    predict_parser.add_argument(
        "images",
        nargs="+",
        metavar="IMAGE",
        help=f"{SUPPORTED_NAMES} files, folders of them (their subfolders too), or {STDIN} (once) for one image on "
        "standard input; a name that begins with - as ./-1.png",
    )
    predict_parser.add_argument("--json", action="store_true", help="print one JSON list instead of lines")
    kind = predict_parser.add_mutually_exclusive_group()
    kind.add_argument("--digit", action="store_true", help="each image is a drawing of one digit")
    kind.add_argument("--number", action="store_true", help="each image is a drawing of a number of several digits")
    kind.add_argument(
        "--photo",
        action="store_true",
        help="each image is a photo of digits on paper: clean it, then read it as a number",
    )
    predict_parser.add_argument("--model", type=Path, default=MODEL_PATH, help=argparse.SUPPRESS)
    app_parser = commands.add_parser(
        "app", help="serve the page (Streamlit), the models loading as it starts; Streamlit's flags pass through",
        description="Serve the page with Streamlit, the models loading as the server starts, and print its address. "
        "Every FLAG is Streamlit's own, as `streamlit run --help` lists them: --server.port 8502 to serve on another "
        "port, --server.address 0.0.0.0 for other machines to reach it.",
    )  # fmt: skip
    app_parser.add_argument("streamlit_flags", nargs="*", metavar="FLAG", help="Streamlit's, e.g. --server.port 8501")
    room_parser = commands.add_parser(
        "room", help="serve the page to a room: several processes behind nginx on one port, until Ctrl-C",
        description="Serve the page to a room of phones and laptops, until Ctrl-C: Streamlit processes, each loading "
        "the models, behind nginx (installed apart: apt-get install nginx) on one port. Prints the address visitors "
        "open and the wall's, for the projector: a QR code to join and the room's drawings.",
    )  # fmt: skip
    room_parser.add_argument(
        "--processes", type=int, default=os.cpu_count() or 1, help="Streamlit processes (default: one per core)"
    )
    room_parser.add_argument("--port", type=int, default=8500, help="the room's port (default: 8500)")
    room_parser.add_argument(
        "--address", default="0.0.0.0", help="where to listen (default: every address, so phones on the Wi-Fi reach it)"
    )
    commands.add_parser(
        "train",
        help="retrain a model (what `python train_model.py` does): `digitpad train --help` for its flags",
        add_help=False,
    )
    export_parser = commands.add_parser(
        "export-feedback", help="write the drawings users confirmed to an npz file",
        description="Write the drawings the page's users confirmed or corrected to an npz file in MNIST's layout: x "
        "(uint8, N x 28 x 28, ink high), y (the users' digits) and predicted (the model's). `digitpad train "
        "--feedback DB` fine-tunes on the same database directly.",
    )  # fmt: skip
    export_parser.add_argument(
        "database", type=Path, nargs="?", default=FEEDBACK_PATH, metavar="DB",
        help=f"a feedback database (SQLite; default: the page's own, {FEEDBACK_PATH})",
    )  # fmt: skip
    export_parser.add_argument(
        "out", metavar="OUT.npz",
        help="where to write x, y and predicted: a new file, or an npz to replace (through a symlink, its target); "
        "never a folder, a SQLite database, a device or - (an npz is binary: name a file)",
    )  # fmt: skip
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["app"] and not {"-h", "--help"} & set(argv):  # Streamlit's flags are Streamlit's to check
        from digitpad.serving.preload import main as serve_app

        return serve_app([str(PRODUCT_ROOT / "app.py"), *argv[1:]])
    if argv[:1] == ["train"]:  # its flags are digitpad.learning.retrain's, and its own --help lists them
        from digitpad.learning.retrain import main as retrain

        return retrain(argv[1:], prog=f"{prog} train")
    if argv[:1] == ["predict"] and (flag_like := flag_like_file(argv[1:], predict_parser)):
        predict_parser.error(f"{flag_like} is taken for a flag: give the file as ./{flag_like}")
    args = parser.parse_args(argv)
    if args.command == "export-feedback":
        return export_feedback(args.database, args.out)
    if args.command == "room":
        if args.processes < 1:
            parser.error("--processes must be at least 1")
        if not 1 <= args.port <= 65535:
            parser.error("--port must be 1 to 65535")
        from digitpad.serving.room import serve

        return serve(args.processes, args.port, args.address)
    if args.images.count(STDIN) > 1:
        predict_parser.error(f"{STDIN} (standard input) is given {args.images.count(STDIN)} times: it holds one image")
    paths = image_files(args.images)
    if (errors := none_readable(paths)) is not None:  # said at once, not after the seconds the models take to load
        print("\n".join(errors), file=sys.stderr)
        if args.json:
            print("[]")  # as when every file is opened and none can be read
        return EXIT_BAD_FILE
    mode = next((m for m in MODES[1:] if getattr(args, m)), "auto")
    return predict(paths, args.json, args.model, mode)
