"""The classic architectures people start from against ours, each trained by the bundled recipe
(`python train_model.py --arch NAME`, into runs/NAME/) and measured on the same data.

In: the bundled model's card and the classic models' cards and files (runs/ARCH/ARCH.keras), $DIGITPAD_REAL. Out,
printed as one markdown table (docs/accuracy.md): for each model, its parameters, file size and training time here;
MNIST's test set as raw arrays and through the product's path, and the final writers' drawn digits by strokes and by
pixels, from its card (measured by training, once); and the final sources of ../shared/real, read here through
digitpad.models.reader with that model in the classifier's place. So that only the net differs, every model reads the
real images alone: without the "not a digit" judge (its threshold is set on our model's scores) and without number
mode's second classifier; the product's own figures are in the README.

    DIGITPAD_REAL=../shared/real python -m benchmarks.architectures [--runs runs]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from digitpad.cli import FileResult, read_images
from digitpad.config import ARCHITECTURES, MODEL_PATH, REPO_ROOT
from digitpad.learning.data import load_real
from digitpad.models.classifier import DigitClassifier
from digitpad.models.model import load_model
from digitpad.models.pairs import PairReader
from digitpad.models.pieces import PieceJudge
from digitpad.models.reader import Reader
from digitpad.stats import with_interval


def percent(share: float, interval: list[float]) -> str:
    """A card's share and interval printed as digitpad.stats.with_interval prints them."""
    low, high = interval
    return f"{share:.2%} ({low:.1%}-{high:.1%})"


def from_card(card: dict) -> list[str]:
    """MNIST raw and through the product's path, the final writers by strokes and by pixels: the card's figures."""
    drawn = card["drawn_digits"]
    assert drawn and drawn["measured_on"] == "final writers", "trained without the final writers measured"
    return [
        percent(card["test_accuracy_raw_arrays"], card["test_accuracy_raw_arrays_interval"]),
        percent(card["test_accuracy"], card["accuracy_interval"]),
        *(percent(drawn[path]["mean_over_conditions"], drawn[path]["mean_interval"]) for path in ("strokes", "pixels")),
    ]


def real_figures(model_path: Path, judge: PieceJudge) -> list[str]:
    """The final sources of ../shared/real: single digits (photos, scans, drawings) and numbers, read exactly right."""
    classifier = DigitClassifier(load_model(model_path))
    reader = Reader(classifier, classifier, judge, PairReader.load())
    final = [image for image in load_real() if image.group == "final"]
    pixels, errors = read_images([str(image.path) for image in final])
    assert not errors, errors
    right = {str(i.path): FileResult(str(i.path), reader.read(pixels[str(i.path)])).answer == i.label for i in final}
    cells = []
    for numbers in (False, True):
        outcomes = [right[str(i.path)] for i in final if i.is_number == numbers]
        cells.append(f"{with_interval(sum(outcomes), len(outcomes))}, {len(outcomes)}")
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=Path, default=REPO_ROOT / "runs", help="where --arch runs wrote their models")
    args = parser.parse_args()

    judge = PieceJudge.load()
    print("| model | parameters | file | training here | MNIST raw | MNIST, product's path | final writers, strokes "
          "| final writers, pixels | real singles, final | real numbers, final |")  # fmt: skip
    print("| --- " * 10 + "|")
    for architecture in ARCHITECTURES:
        model_path = MODEL_PATH if architecture == "digitpad" else args.runs / architecture / f"{architecture}.keras"
        if not model_path.is_file():
            print(f"| {architecture} | not trained: `python train_model.py --arch {architecture}` |")
            continue
        card = json.loads(model_path.with_suffix(".card.json").read_text())
        size = f"{model_path.stat().st_size / 1e6:.2f} MB"
        minutes = f"{card['training_seconds'] / 60:.1f} min"
        cells = [f"{card['parameters']:,}", size, minutes, *from_card(card), *real_figures(model_path, judge)]
        print(f"| {architecture} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
