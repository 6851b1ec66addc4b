"""Numbers written small in a form's fields: how many the reader reads exactly right, as `digitpad predict` reads a
file, by the kind of field.

In: $DIGITPAD_STROKES and the bundled models. Out, printed: for each kind of field (a printed box round the number, a
dotted line under it, bare paper) and for all, the numbers read exactly right with a 95% interval. Each photo is made up
(tests.photos.form_field_photo): a number of 2 digits (one in ten of 3) by one writer, written 10-15 px tall in a crop
of a phone photo, as on the answer-book covers of ../shared/real. The tuning writers by default (this measures choices);
--final for the final writers. With --long: numbers of LONG digits instead (phone numbers, ids), each length as
often.

    DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.fields [--count 300] [--seed 0]
    DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.fields --long --count 150 [--final]

With --singles: single digits instead, written 10-90 px tall (half under 16, tests.photos.HEIGHTS) in the same
fields (tests.photos.mnist_field_photo): MNIST training digits, which the classifier has seen, so that what it misreads
is mostly what cleaning the photo did to them.

    DIGITPAD_MNIST=../shared/mnist/mnist.npz python -m benchmarks.fields --singles [--count 1000] [--seed 0]
"""

from __future__ import annotations

import argparse

import numpy as np

from benchmarks.real import share_line
from digitpad.learning.data import load_mnist, load_pen_digits
from digitpad.learning.drawn import by_writer, split_writers
from digitpad.models.reader import Reader
from tests.photos import FIELDS, form_field_photo, mnist_field_photo

LONG = (5, 10)  # digits, fewest and most, of --long's numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=300, help="photos, of all kinds of field together")
    parser.add_argument("--seed", type=int, default=0, help="which random photos")
    parser.add_argument("--final", action="store_true", help="the final writers instead of the tuning ones")
    parser.add_argument("--singles", action="store_true", help="single MNIST training digits instead of numbers")
    parser.add_argument("--long", action="store_true", help=f"numbers of {LONG[0]}-{LONG[1]} digits instead of 2-3")
    args = parser.parse_args()
    reader, rng = Reader.load(), np.random.default_rng(args.seed)
    if args.singles:
        right = singles_read(reader, rng, args.count)
        print("MNIST training digits written singly in a form's field, 10-90 px tall (made up):")
    else:
        right = numbers_read(reader, rng, args.count, args.final, args.long)
        what = f"{LONG[0]}-{LONG[1]}-digit numbers" if args.long else "numbers"
        print(f"{'final' if args.final else 'tuning'} writers' {what} written small in a form's field (made up):")
    every = [outcome for outcomes in right.values() for outcome in outcomes]
    for name, outcomes in (*right.items(), ("all", every)):
        print(share_line(name, outcomes, width=5))


def numbers_read(
    reader: Reader, rng: np.random.Generator, count: int, final: bool, long: bool = False
) -> dict[str, list[bool]]:
    """For each kind of field, whether each made-up photo's number (of LONG digits if `long`) was read exactly
    right."""
    tuning, final_writers = split_writers(load_pen_digits())
    writers = by_writer(final_writers if final else tuning)
    right: dict[str, list[bool]] = {field: [] for field in FIELDS}
    for _ in range(count):
        own = writers[rng.choice(sorted(writers))]
        size = int(rng.integers(LONG[0], LONG[1] + 1)) if long else (3 if rng.random() < 0.1 else 2)
        digits = [own[i] for i in rng.choice(len(own), size=size, replace=False)]
        field = FIELDS[rng.integers(len(FIELDS))]
        photo = form_field_photo([digit.strokes for digit in digits], field, rng)
        right[field].append(reader.read(photo).number == "".join(str(digit.label) for digit in digits))
    return right


def singles_read(reader: Reader, rng: np.random.Generator, count: int) -> dict[str, list[bool]]:
    """For each kind of field, whether each made-up photo's single MNIST digit was read right."""
    mnist = load_mnist()
    right: dict[str, list[bool]] = {field: [] for field in FIELDS}
    for index in rng.choice(len(mnist.x_train), size=count, replace=False):
        photo, field = mnist_field_photo(mnist.x_train[index], rng)
        right[field].append(reader.read(photo).number == str(mnist.y_train[index]))
    return right


if __name__ == "__main__":
    main()
