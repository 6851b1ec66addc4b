"""Dark ink or light ink: how photo.ink_is_dark judges photos of paper, and by what margin.

In: $DIGITPAD_REAL's photos and scans of paper (all dark ink); made up on them: the same laid small on a page with a
glare spot by the writing (a flash, a lamp: brighter than the paper, wider than a stroke), the same with a glossy pen
lying under the writing (a thin bright highlight along it), and the same turned light on dark (chalk on a board, a
white pen on black paper); made-up blank sheets in uneven light (benchmarks.no_digits). Out, printed per set: how many
are judged to hold light ink, the range of how far its thin strokes' brightest pixels stand out and of how many times
their darkest (photo.ink_stand_out), the largest average (PHOTO_LIGHT_INK_* lie between), and the range of the paper's
brightness (PHOTO_LIGHT_INK_PAPER lies between).

    DIGITPAD_REAL=../shared/real python -m benchmarks.polarity [--group tuning]
"""

from __future__ import annotations

import argparse

import cv2
import numpy as np

from benchmarks.no_digits import blank_sheet
from digitpad.learning.data import load_real
from digitpad.reading.images import read_image
from digitpad.reading.photo import ink_is_dark, ink_stand_out, working_brightness
from tests.photos import small_on_page, with_a_pen

BLANK_SHEETS = 40
PAGE = (750, 1000)  # rows, columns: a 12 MP photo at the working size
GLARE = 37  # px radius: 150 px in a 12 MP photo


def colours(photo: np.ndarray) -> np.ndarray:
    """A photo's colour channels (or its one grey), without an alpha."""
    return photo[..., :3] if photo.ndim == 3 else photo


def with_glare(photo: np.ndarray, seed: int) -> np.ndarray:
    """`photo` laid a fifth of a page's height tall (narrower if wide), a soft white disc by it."""
    height = min(PAGE[0] // 5, round(0.8 * PAGE[1] * photo.shape[0] / photo.shape[1]))
    page = small_on_page(photo, height, frame=PAGE, seed=seed)
    disc = np.zeros(PAGE, np.uint8)
    cv2.circle(disc, (130 + 40 * (seed % 3), 120), GLARE, 255, -1)
    light = cv2.GaussianBlur(disc, (0, 0), GLARE / 4).astype(np.float32)[..., None] / 255
    return np.clip(page * (1 - light) + 255 * light, 0, 255).astype(np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--group", choices=("tuning", "final"), default="tuning")
    args = parser.parse_args()

    paper = [read_image(i.path) for i in load_real() if i.group == args.group and i.kind.startswith(("photo", "scan"))]
    sets = {
        f"{args.group} photos and scans, dark ink": (paper, True),
        "the same with a glare spot (made up)": ([with_glare(p, n) for n, p in enumerate(paper)], True),
        "the same with a glossy pen by it (made up)": ([with_a_pen(p, n, 0.9) for n, p in enumerate(paper)], True),
        "the same turned light on dark (made up)": ([255 - colours(photo) for photo in paper], False),
        "blank sheets (made up)": ([blank_sheet(seed) for seed in range(BLANK_SHEETS)], True),
    }
    for name, (photos, dark) in sets.items():
        grays = [working_brightness(photo) for photo in photos]
        sides = np.array([ink_stand_out(gray) for gray in grays])
        times = sides[:, 1] / np.maximum(sides[:, 2], 1e-4)
        judged_light = sum(not ink_is_dark(gray) for gray in grays)
        should = 0 if dark else len(photos)
        print(f"  {name:<42} {judged_light:>3}/{len(photos):<3} judged light ink (should be {should}); thin strokes"
              f" {sides[:, 1].min():.3f} to {sides[:, 1].max():.3f}, {times.min():.2f} to {times.max():.2f} times"
              f" the dark side's; on average {sides[:, 0].max():.4f} at most; paper {sides[:, 3].min():.2f} to"
              f" {sides[:, 3].max():.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
