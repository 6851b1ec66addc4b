"""Real photos of paper laid on real photos of other things, as a sheet on a desk is photographed whole: how many are
read right, as `digitpad predict` reads a file, and on how many the sheet was found.

In: $DIGITPAD_REAL, $DIGITPAD_STROKES, the sample photos tests.scenes reads, and the bundled models. Out, printed: for
single digits and numbers, how many were read exactly right with a 95% interval, and how many sheets
digitpad.reading.sheet found. Each photo is made up: a sheet turned up to 10 degrees, covering 25-60% of the width of a
real photo of no digits (the tuning or the final group of tests.scenes) at a random place. The sheets are first the
real photos of paper (the tuning sources by default; --final: the final sources; made up on real images), the same
coloured as notes are (tests.photos.tinted: yellow, pink, blue or green), then made-up sheets (tests.photos.paper_photo,
lit unevenly) of the tuning (or final) writers' digits and numbers.

    DIGITPAD_REAL=../shared/real DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.sheets
        [--final] [--seed 0] [--count 60]
"""

from __future__ import annotations

import argparse

import numpy as np

from benchmarks.numbers import random_number
from benchmarks.photos import NUMBER_LENGTHS, random_digit
from benchmarks.real import share_line
from digitpad.cli import read_images
from digitpad.config import REAL_FINAL_SOURCES
from digitpad.learning.data import load_pen_digits, load_real
from digitpad.learning.drawn import by_writer, split_writers
from digitpad.models.reader import Reader
from digitpad.reading.sheet import sheet_in
from tests.photos import NOTE_COLOURS, on_desk, paper_photo, random_conditions, tinted
from tests.scenes import scene_photos


def read_on_desks(
    reader: Reader, papers: list[tuple[str, str, np.ndarray]], desks: list[np.ndarray], rng: np.random.Generator
) -> tuple[dict[str, list[bool]], int]:
    """Each (kind, label, paper photo) laid on a random desk and read: ({kind: read right?}, sheets found)."""
    right: dict[str, list[bool]] = {}
    found = 0
    for kind, label, paper in papers:
        laid = on_desk(paper, desks[rng.integers(len(desks))], rng)
        found += sheet_in(laid) is not None
        right.setdefault(kind, []).append(reader.read(laid).number == label)
    return right, found


def report(title: str, right: dict[str, list[bool]], found: int) -> None:
    print(title)
    for kind, outcomes in right.items():
        print(share_line(kind, outcomes, width=13))
    print(f"  sheets found  {found:>4}/{sum(len(outcomes) for outcomes in right.values())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--final", action="store_true", help="the final sources, writers and scenes")
    parser.add_argument("--seed", type=int, default=0, help="which scene, place, size and turn for each photo")
    parser.add_argument("--count", type=int, default=60, help="made-up sheets of single digits, and of numbers")
    args = parser.parse_args()
    group, reader, rng = "final" if args.final else "tuning", Reader.load(), np.random.default_rng(args.seed)
    desks = list(scene_photos(group).values())
    photos = [i for i in load_real() if i.medium == "photo" and (i.source in REAL_FINAL_SOURCES) == args.final]
    pixels, _ = read_images([str(photo.path) for photo in photos])
    real = [(photo.kind, photo.label, pixels[str(photo.path)]) for photo in photos]
    title = f"real {group} photos of paper laid on real {group} photos of other things (made up on real images):"
    report(title, *read_on_desks(reader, real, desks, rng))
    colours = [str(rng.choice(list(NOTE_COLOURS))) for _ in real]
    notes = [(kind, label, tinted(paper, colour)) for (kind, label, paper), colour in zip(real, colours, strict=True)]
    report(
        "the same on coloured paper, laid on them (made up on real images):", *read_on_desks(reader, notes, desks, rng)
    )
    tuning, final = split_writers(load_pen_digits())
    writers = final if args.final else tuning
    drawings = [("single", *random_digit(writers, rng)) for _ in range(args.count)]
    by_writers = by_writer(writers)
    drawings += [
        ("number", *random_number(by_writers, int(rng.choice(NUMBER_LENGTHS)), rng)) for _ in range(args.count)
    ]
    sheets = [(kind, label, paper_photo(drawing, int(rng.integers(1 << 31)), random_conditions(rng), 1.0))
              for kind, label, drawing in drawings]  # fmt: skip
    report(
        f"{group} writers' digits on made-up sheets laid on them (made up):", *read_on_desks(reader, sheets, desks, rng)
    )


if __name__ == "__main__":
    main()
