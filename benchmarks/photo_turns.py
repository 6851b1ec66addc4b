"""A room's visitors sending 12-megapixel photos to one server process at once: when each is answered, and how much the
process grows, with the Photo page's turns (config.PHOTO_READS_AT_ONCE at a time) and with none.

In: $DIGITPAD_STROKES and the bundled models. Out, printed: for VISITORS photos sent together, each way, the seconds
after which each was answered and the process's peak memory over one warm read. The photo is made up: a tuning
writer's number on lined paper (tests.photos.paper_photo) enlarged to 4,000 x 3,000 px and saved as a JPEG, as a phone
sends it. Each visitor's photo is decoded and read as the Photo page does (digitpad.serving.photo_page). Each way
runs in a process of its own, so that one's peak is not the other's.

    DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.photo_turns [--visitors 8]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import cv2
import numpy as np

from benchmarks.numbers import random_number
from digitpad.config import PHOTO_READS_AT_ONCE, REPO_ROOT
from digitpad.learning.data import load_pen_digits
from digitpad.learning.drawn import by_writer, split_writers
from tests.photos import paper_photo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visitors", type=int, default=8, help="photos sent at the same moment")
    parser.add_argument("--turns", type=int, help=argparse.SUPPRESS)  # one way, in a process of its own
    parser.add_argument("--photo", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.turns is not None:
        return one_way(args.photo, args.visitors, args.turns)
    with tempfile.TemporaryDirectory() as folder:
        photo = Path(folder) / "photo.jpg"
        cv2.imwrite(str(photo), cv2.cvtColor(twelve_megapixel_photo(), cv2.COLOR_RGB2BGR))
        print(f"{args.visitors} visitors send a 12-megapixel photo (made up) to one process at the same moment:")
        for turns in (PHOTO_READS_AT_ONCE, 0):
            command = [sys.executable, "-m", "benchmarks.photo_turns", "--visitors", str(args.visitors)]
            command += ["--turns", str(turns), "--photo", str(photo)]
            subprocess.run(command, cwd=REPO_ROOT, check=True)


def twelve_megapixel_photo() -> np.ndarray:
    """A tuning writer's 4-digit number photographed on lined paper, enlarged to 4,000 x 3,000 px: RGB uint8."""
    rng = np.random.default_rng(0)
    tuning, _ = split_writers(load_pen_digits())
    _, drawing = random_number(by_writer(tuning), 4, rng)
    return cv2.resize(paper_photo(drawing, 0), (4000, 3000), interpolation=cv2.INTER_LINEAR)


def one_way(photo: Path, visitors: int, turns: int) -> None:
    """Print when each of `visitors` threads reading `photo` at once was answered, `turns` at a time (0: all at once),
    and the process's peak memory over one warm read."""
    from digitpad.models.reader import Reader
    from digitpad.reading.images import read_upload
    from digitpad.serving.photo_page import on_screen, with_boxes

    data, reader = photo.read_bytes(), Reader.load()
    reader.read(read_upload(data))  # one warm read: the models' first-call costs are no visitor's
    warm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB on Linux
    gate = threading.BoundedSemaphore(turns if turns else visitors)
    answered = []

    def visitor() -> None:
        with gate:  # the page's photo_turns()
            image = read_upload(data)
            on_screen(with_boxes(image, reader.read(image).digits.boxes))
        answered.append(time.perf_counter() - start)

    start = time.perf_counter()
    threads = [threading.Thread(target=visitor) for _ in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    way = f"{turns} at a time" if turns else "all at once"
    times = ", ".join(f"{seconds:.1f}" for seconds in sorted(answered))
    print(f"  {way:12s} answered after {times} s; the process grew {peak - warm:,.0f} MB over one read")


if __name__ == "__main__":
    main()
