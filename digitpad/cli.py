"""The command line: `python -m digitpad predict [--json] [--number | --photo] IMAGE...`, and
`export-feedback DB OUT.npz`.

In: image paths. Out, on stdout: one line per image, `PATH<TAB>DIGIT<TAB>CONFIDENCE` (`-` for a blank image), or with
--json one JSON list of {path, digit, confidence, probabilities}. With --number each image is read as a number of
several digits: `PATH<TAB>NUMBER` (`-` when there are none), or {path, number, digits: [{digit, confidence, box}]},
box being [x, y, width, height] in the image's pixels. With --photo each image is a photo of digits on paper, cleaned
as the page's Photo tab cleans it (digitpad.photo) and then read as a number. A file that cannot be read gets one line
on stderr naming it and the reason; the others are still classified, and the exit status is then 1. The model loads
once, and single digits are classified in batches.

export-feedback: in, the page's feedback database (digitpad.feedback); out, an npz of the drawings users confirmed or
corrected, with MNIST's layout: `x` uint8 [N, 28, 28] (ink high), `y` uint8 [N] (the users' digits) and `predicted`
uint8 [N] (the model's), and one line on stdout saying how many. A missing, broken or empty database gets one line on
stderr and exit status 1, and no file is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from digitpad.config import MODEL_PATH
from digitpad.files import write_atomically
from digitpad.images import ImageReadError, read_image
from digitpad.preprocess import preprocess

if TYPE_CHECKING:
    from digitpad.classifier import DigitClassifier
    from digitpad.feedback import Examples
    from digitpad.number import NumberReading
    from digitpad.pieces import PieceJudge

EXIT_OK, EXIT_BAD_FILE, EXIT_NO_MODEL = 0, 1, 2


@dataclass(frozen=True)
class Result:
    """One file's outcome: probabilities when a digit was found, None when the image is blank."""

    path: str
    probabilities: np.ndarray | None

    @property
    def digit(self) -> int | None:
        return None if self.probabilities is None else int(np.argmax(self.probabilities))

    @property
    def confidence(self) -> float | None:
        return None if self.probabilities is None else float(self.probabilities.max())

    def as_line(self) -> str:
        if self.probabilities is None:
            return f"{self.path}\t-\t-"
        return f"{self.path}\t{self.digit}\t{self.confidence:.4f}"

    def as_json(self) -> dict:
        probabilities = None if self.probabilities is None else [round(float(p), 6) for p in self.probabilities]
        confidence = None if self.confidence is None else round(self.confidence, 6)
        return {"path": self.path, "digit": self.digit, "confidence": confidence, "probabilities": probabilities}


@dataclass(frozen=True)
class NumberResult:
    """One file's number as read (its `number` is None for an image with no digits)."""

    path: str
    reading: NumberReading

    def as_line(self) -> str:
        return f"{self.path}\t{self.reading.number or '-'}"

    def as_json(self) -> dict:
        digits = [
            {"digit": p.digit, "confidence": round(p.confidence, 6), "box": list(box)}
            for p, box in zip(self.reading.predictions, self.reading.boxes, strict=True)
        ]
        return {"path": self.path, "number": self.reading.number, "digits": digits}


def read_images(paths: list[str]) -> tuple[dict[str, np.ndarray], list[str]]:
    """Read each file: ({path: pixels}, [error lines for unreadable files])."""
    images, errors = {}, []
    for path in paths:
        try:
            images[path] = read_image(Path(path))
        except ImageReadError as error:
            errors.append(f"{path}: {error}")
    return images, errors


def digit_results(classifier: DigitClassifier, images: dict[str, np.ndarray]) -> list[Result]:
    """One digit per image, all classified in batches."""
    inputs = {path: preprocess(image) for path, image in images.items()}
    drawn = [path for path, x in inputs.items() if x is not None]
    probabilities = dict(zip(drawn, classifier.probabilities(np.array([inputs[p] for p in drawn])), strict=True))
    return [Result(path, probabilities.get(path)) for path in inputs]


def photo_reading(classifier: DigitClassifier, judge: PieceJudge, photo: np.ndarray) -> NumberReading:
    """A photo of digits on paper read as the page's Photo tab reads it, with the boxes in the photo's own pixels
    (clean_photo shrinks a large photo first)."""
    from digitpad.number import read_number
    from digitpad.photo import clean_photo

    ink = clean_photo(photo)
    reading = read_number(classifier, judge, ink)
    scale = max(photo.shape[:2]) / max(ink.shape)
    return replace(reading, boxes=[tuple(round(side * scale) for side in box) for box in reading.boxes])


def predict(paths: list[str], as_json: bool, model_path: Path, number: bool = False, photo: bool = False) -> int:
    from digitpad.classifier import DigitClassifier  # TensorFlow loads only when there is work for it
    from digitpad.model import ModelError
    from digitpad.number import read_number
    from digitpad.pieces import PieceJudge

    number = number or photo

    try:
        classifier = DigitClassifier.for_numbers(model_path) if number else DigitClassifier.load(model_path)
        judge = PieceJudge.load() if number else None
    except ModelError as error:
        print(f"digitpad: {error}", file=sys.stderr)
        return EXIT_NO_MODEL

    images, errors = read_images(paths)
    for line in errors:
        print(line, file=sys.stderr)
    if number:
        read = partial(photo_reading if photo else read_number, classifier, judge)
        results = [NumberResult(path, read(image)) for path, image in images.items()]
    else:
        results = digit_results(classifier, images)

    if as_json:
        print(json.dumps([r.as_json() for r in results], indent=1))
    else:
        print("\n".join(r.as_line() for r in results))
    return EXIT_BAD_FILE if errors else EXIT_OK


def write_npz(examples: Examples, path: Path) -> None:
    with path.open("wb") as file:  # a file object, so numpy does not append .npz to the temporary name
        np.savez_compressed(file, x=examples.x, y=examples.y, predicted=examples.predicted)


def export_feedback(database: Path, out: Path) -> int:
    from digitpad.feedback import FeedbackStoreError, load_feedback

    try:
        examples = load_feedback(database)
    except FeedbackStoreError as error:
        print(f"digitpad: {error}", file=sys.stderr)
        return EXIT_BAD_FILE
    try:
        write_atomically({out: lambda path: write_npz(examples, path)})
    except OSError as error:
        print(f"digitpad: {out}: cannot write it ({error})", file=sys.stderr)
        return EXIT_BAD_FILE
    print(f"exported {len(examples.y)} drawings from {database} to {out}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m digitpad", description="Recognise handwritten digits.")
    commands = parser.add_subparsers(dest="command", required=True)
    predict_parser = commands.add_parser("predict", help="classify image files of single digits")
    predict_parser.add_argument("images", nargs="+", metavar="IMAGE", help="PNG, JPEG, BMP, GIF or WebP files")
    predict_parser.add_argument("--json", action="store_true", help="print one JSON list instead of lines")
    kind = predict_parser.add_mutually_exclusive_group()
    kind.add_argument("--number", action="store_true", help="read each image as a number of several digits")
    kind.add_argument(
        "--photo",
        action="store_true",
        help="each image is a photo of digits on paper: clean it, then read it as a number",
    )
    predict_parser.add_argument("--model", type=Path, default=MODEL_PATH, help=argparse.SUPPRESS)
    export_parser = commands.add_parser("export-feedback", help="write the drawings users confirmed to an npz file")
    export_parser.add_argument("database", type=Path, metavar="DB", help="the page's feedback database (SQLite)")
    export_parser.add_argument("out", type=Path, metavar="OUT.npz", help="where to write x, y and predicted")
    args = parser.parse_args(argv)
    if args.command == "export-feedback":
        return export_feedback(args.database, args.out)
    return predict(args.images, args.json, args.model, args.number, args.photo)
