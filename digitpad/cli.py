"""The command line: `python -m digitpad predict [--json] IMAGE...`.

In: image paths. Out, on stdout: one line per image, `PATH<TAB>DIGIT<TAB>CONFIDENCE` (`-` for a blank image), or with
--json one JSON list of {path, digit, confidence, probabilities}. A file that cannot be read gets one line on stderr
naming it and the reason; the others are still classified, and the exit status is then 1. The model loads once and
all images are classified in batches.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.config import MODEL_PATH
from digitpad.images import ImageReadError, read_image
from digitpad.preprocess import ImageError, preprocess

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


def model_inputs(paths: list[str]) -> tuple[dict[str, np.ndarray | None], list[str]]:
    """Read and preprocess each file: ({path: 28x28 input or None if blank}, [error lines for unreadable files])."""
    inputs: dict[str, np.ndarray | None] = {}
    errors = []
    for path in paths:
        try:
            inputs[path] = preprocess(read_image(Path(path)))
        except (ImageReadError, ImageError) as error:
            errors.append(f"{path}: {error}")
    return inputs, errors


def predict(paths: list[str], as_json: bool, model_path: Path) -> int:
    from digitpad.classifier import DigitClassifier  # TensorFlow loads only when there is work for it
    from digitpad.model import ModelError

    try:
        classifier = DigitClassifier.load(model_path)
    except ModelError as error:
        print(f"digitpad: {error}", file=sys.stderr)
        return EXIT_NO_MODEL

    inputs, errors = model_inputs(paths)
    for line in errors:
        print(line, file=sys.stderr)
    drawn = [path for path, x in inputs.items() if x is not None]
    probabilities = dict(zip(drawn, classifier.probabilities(np.array([inputs[p] for p in drawn])), strict=True))
    results = [Result(path, probabilities.get(path)) for path in inputs]

    if as_json:
        print(json.dumps([r.as_json() for r in results], indent=1))
    else:
        print("\n".join(r.as_line() for r in results))
    return EXIT_BAD_FILE if errors else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m digitpad", description="Recognise handwritten digits.")
    commands = parser.add_subparsers(dest="command", required=True)
    predict_parser = commands.add_parser("predict", help="classify image files of single digits")
    predict_parser.add_argument("images", nargs="+", metavar="IMAGE", help="PNG, JPEG, BMP, GIF or WebP files")
    predict_parser.add_argument("--json", action="store_true", help="print one JSON list instead of lines")
    predict_parser.add_argument("--model", type=Path, default=MODEL_PATH, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    return predict(args.images, args.json, args.model)
