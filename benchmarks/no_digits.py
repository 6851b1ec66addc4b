"""Photos that hold no digits: how many the reader says "No digits found" of, as `digitpad predict` reads a file.

In: the bundled models. Out, printed per kind, each share with its 95% interval: how many say "No digits found", how
many "not a digit", and how many are read as digits, of
- real photos of no digits (tests.scenes: people, a cat, a cup, a landscape, textures, science; the tuning group, or
  with --final the final one), as shipped and cropped at random (made up on real images);
- made-up photos of no digits (tests.photos.scene_photo: hills under a sky, dark ellipses on a light ground, smooth
  clouds) and made-up blank sheets (tests.photos.paper_photo of nothing, with lines, specks, shadows and noise; every
  third one 12 megapixels).

    python -m benchmarks.no_digits [--count 10] [--final]
"""

from __future__ import annotations

import argparse

import cv2
import numpy as np

from digitpad.models.reader import Reader
from digitpad.stats import with_interval
from tests.photos import SCENES, paper_photo, random_conditions, scene_photo
from tests.scenes import crops, scene_photos

TWELVE_MEGAPIXELS = (4000, 3000)  # width, height
CROP_SEEDS = {"tuning": 30, "final": 31}


def blank_sheet(seed: int) -> np.ndarray:
    """A made-up photo of a blank sheet; every third one enlarged to 12 megapixels."""
    rng = np.random.default_rng(1000 + seed)
    photo = paper_photo(np.zeros((280, 280), np.uint8), seed, random_conditions(rng))
    return cv2.resize(photo, TWELVE_MEGAPIXELS, interpolation=cv2.INTER_LINEAR) if seed % 3 == 2 else photo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--count", type=int, default=10, help="made-up photos of each kind of scene (blank sheets: twice as many)"
    )
    parser.add_argument("--final", action="store_true", help="the final group of real photos instead of the tuning one")
    args = parser.parse_args()
    reader = Reader.load()
    group = "final" if args.final else "tuning"
    real = scene_photos(group)
    rng = np.random.default_rng(CROP_SEEDS[group])
    names = ", ".join(real) or "none: pip install -r requirements-dev.txt"
    print(f"real photos of no digits, {group} group ({names}); those cropped are made up on them")
    cropped = [crop for photo in real.values() for crop in crops(photo, rng)]  # made up on real images
    report(reader, {"as shipped": list(real.values()), "cropped": cropped})
    kinds = {kind: [scene_photo(kind, seed) for seed in range(args.count)] for kind in SCENES}
    kinds["blank sheets"] = [blank_sheet(seed) for seed in range(2 * args.count)]
    print("made-up photos of no digits")
    report(reader, kinds)


def report(reader: Reader, kinds: dict[str, list[np.ndarray]]) -> None:
    """For each kind of photo, how many say "No digits found", how many "not a digit", how many are read as digits."""
    for kind, photos in kinds.items():
        verdicts = [reader.read(photo).verdict for photo in photos]
        none, flagged = verdicts.count("no digits"), verdicts.count("not a digit")
        print(
            f"  {kind:<13} No digits found {with_interval(none, len(photos))}, not a digit {flagged}, "
            f"read as digits {len(photos) - none - flagged} of {len(photos)}"
        )


if __name__ == "__main__":
    main()
