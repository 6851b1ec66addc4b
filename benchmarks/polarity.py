"""Dark ink or light ink: how photo.ink_is_dark judges photos of paper, and by what margin.

In: $DIGITPAD_REAL's photos and scans of paper (all dark ink), the same turned light on dark (made up on real images:
chalk on a board, a white pen on black paper) and made-up blank sheets in uneven light (benchmarks.no_digits). Out,
printed per set: how many are judged to hold light ink, how far its most outstanding pixels stand out on the light side
(photo.ink_stand_out), and how many times more than on the dark: PHOTO_LIGHT_INK_PEAK and _RATIO lie between the kinds.

    DIGITPAD_REAL=../shared/real python -m benchmarks.polarity [--group tuning]
"""

from __future__ import annotations

import argparse

import numpy as np

from benchmarks.no_digits import blank_sheet
from digitpad.learning.data import load_real
from digitpad.reading.images import read_image
from digitpad.reading.photo import ink_is_dark, ink_stand_out, working_brightness

BLANK_SHEETS = 40


def colours(photo: np.ndarray) -> np.ndarray:
    """A photo's colour channels (or its one grey), without an alpha."""
    return photo[..., :3] if photo.ndim == 3 else photo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--group", choices=("tuning", "final"), default="tuning")
    args = parser.parse_args()

    paper = [read_image(i.path) for i in load_real() if i.group == args.group and i.kind.startswith(("photo", "scan"))]
    sets = {
        f"{args.group} photos and scans, dark ink": (paper, True),
        "the same turned light on dark (made up)": ([255 - colours(photo) for photo in paper], False),
        "blank sheets (made up)": ([blank_sheet(seed) for seed in range(BLANK_SHEETS)], True),
    }
    for name, (photos, dark) in sets.items():
        grays = [working_brightness(photo) for photo in photos]
        sides = np.array([ink_stand_out(gray) for gray in grays])
        times = sides[:, 0] / np.maximum(sides[:, 1], 1e-4)
        judged_light = sum(not ink_is_dark(gray) for gray in grays)
        should = 0 if dark else len(photos)
        print(f"  {name:<42} {judged_light:>3}/{len(photos):<3} judged light ink (should be {should});"
              f" light side {sides[:, 0].min():.3f} to {sides[:, 0].max():.3f},"
              f" {times.min():.2f} to {times.max():.2f} times the dark side's")  # fmt: skip


if __name__ == "__main__":
    main()
