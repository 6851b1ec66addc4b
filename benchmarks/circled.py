"""Real writing on paper with a ring drawn round it, as a teacher circles a mark or a form's answer: each real photo of
paper ($DIGITPAD_REAL) with a hand-drawn ring round its writing (tests.photos.circled), saved as PNG and read as
`digitpad predict` reads a file. Every such photo is made up on a real image.

In: the folder's manifest.csv and images, and the bundled models. Out, printed per kind: how many were read exactly
right with a 95% interval. The final group is measured once per reader you commit, and nothing chosen by it.

    DIGITPAD_REAL=../shared/real python -m benchmarks.circled [--group tuning]
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

from PIL import Image

from benchmarks.real import share_line
from digitpad.cli import read_files
from digitpad.learning.data import load_real
from digitpad.reading.images import read_image
from tests.photos import circled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--group", choices=("tuning", "final"), default="tuning")
    args = parser.parse_args()

    images = [i for i in load_real() if i.group == args.group and i.kind.startswith("photo")]
    print(f"{args.group} photos of paper with a ring drawn round their writing (made up on real images):")
    with tempfile.TemporaryDirectory() as folder:
        photos = {}
        for index, image in enumerate(images):
            path = Path(folder) / f"{index}.png"
            Image.fromarray(circled(read_image(image.path), seed=index)).save(path)
            photos[str(path)] = image
        answers, errors = read_files(list(photos), "auto")
        assert not errors, errors
    by_kind = defaultdict(list)
    for answer in answers:
        by_kind[photos[answer.path].kind].append(answer.answer == photos[answer.path].label)
    for kind, outcomes in sorted(by_kind.items()):
        print(share_line(kind, outcomes))


if __name__ == "__main__":
    main()
