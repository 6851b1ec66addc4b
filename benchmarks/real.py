"""Real photos, scans and drawings from other apps ($DIGITPAD_REAL, ../shared/real), read as a user's file is.

In: the folder's manifest.csv and images, and the bundled models. Out, printed: for each group (tuning, final), kind
and source, how many were read exactly right with a 95% interval, and every misreading of the tuning group. Each image
goes through `digitpad predict`'s own code (digitpad.cli.read_files), in the mode the CLI uses without flags unless
--mode says otherwise. The final group's sources are named in config.REAL_FINAL_SOURCES: measure it once per model or
reader you commit, and choose nothing by it (`--group tuning` leaves it out).

    DIGITPAD_REAL=../shared/real python -m benchmarks.real [--group tuning] [--mode photo]
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

from digitpad.cli import MODES, read_files
from digitpad.learning.data import RealImage, load_real
from digitpad.reading.images import read_image
from digitpad.stats import with_interval


def share_line(name: str, outcomes: list[bool], width: int = 34) -> str:
    """'  name   right/all   share (interval)': one printed line of a benchmark's table, `name` `width` wide."""
    return f"  {name:<{width}} {sum(outcomes):>4}/{len(outcomes):<4} {with_interval(sum(outcomes), len(outcomes))}"


def read_made_up(images: list[RealImage], make: Callable[[np.ndarray, int], np.ndarray]) -> dict[str, list[bool]]:
    """Each real image changed by `make` (its pixels as read_image gives them, and its index as the seed), saved as PNG
    and read as `digitpad predict` reads a file: per kind, whether each was read exactly right."""
    by_kind = defaultdict(list)
    with tempfile.TemporaryDirectory() as folder:
        photos = {}
        for index, image in enumerate(images):
            path = Path(folder) / f"{index}.png"
            Image.fromarray(make(read_image(image.path), index)).save(path)
            photos[str(path)] = image
        answers, errors = read_files(list(photos), "auto")
        assert not errors, errors
    for answer in answers:
        by_kind[photos[answer.path].kind].append(answer.answer == photos[answer.path].label)
    return by_kind


def report(images: list[RealImage], answers: dict[str, str | None], show_misreadings: bool) -> None:
    """Per kind and per source: the share read exactly right."""
    by_kind, by_source = defaultdict(list), defaultdict(list)
    for image in images:
        right = answers.get(str(image.path)) == image.label
        by_kind[image.kind].append(right)
        by_source[f"{image.source} ({image.kind})"].append(right)
    for name, outcomes in sorted(by_kind.items()):
        print(share_line(name, outcomes))
    singles = [o for kind, outcomes in by_kind.items() if kind.endswith("_single") for o in outcomes]
    paper_singles = [o for kind in ("photo_single", "scan_single") for o in by_kind.get(kind, [])]
    print(share_line("single digits, photos and scans", paper_singles))
    print(share_line("single digits, all", singles))
    print("  by source:")
    for name, outcomes in sorted(by_source.items()):
        print(share_line(name, outcomes))
    if show_misreadings:
        wrong = [(i.path.relative_to(i.path.parents[1]), i.label, answers.get(str(i.path))) for i in images]
        print("  misread:", ", ".join(f"{path} {label}->{read}" for path, label, read in wrong if label != read))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--group", choices=("tuning", "final", "all"), default="all")
    parser.add_argument("--mode", choices=MODES, default=None, help="the CLI's flag to read with (default: none)")
    args = parser.parse_args()

    images = [i for i in load_real() if args.group in ("all", i.group)]
    mode = args.mode or "auto"
    results, errors = read_files([str(i.path) for i in images], mode)
    assert not errors, errors
    answers = {r.path: r.answer for r in results}
    print(f"real images read as `digitpad predict{' --' + args.mode if args.mode else ''}` reads them:")
    for group in ("tuning", "final"):
        chosen = [i for i in images if i.group == group]
        if chosen:
            print(f"{group} sources ({len(chosen)} images):")
            report(chosen, answers, show_misreadings=group == "tuning")


if __name__ == "__main__":
    main()
