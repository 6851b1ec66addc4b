"""The command line on many files: 10,000 PNGs (MNIST's test digits, scaled up to canvas size) through
`python -m digitpad predict`, one process, timed end to end; plus its accuracy on them. Then a folder of phone photos:
PHOTOS 12-megapixel JPEGs of 3-digit numbers (made up: MNIST test digits written on paper by tests.photos, enlarged to
4,000 x 3,000 px), with the seconds to predict's first line and to its last, and its peak memory (Linux's VmHWM).

    DIGITPAD_MNIST=../shared/mnist/mnist.npz python -m benchmarks.cli
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from digitpad.config import REPO_ROOT
from digitpad.learning.data import load_mnist
from tests.photos import UNEVEN, paper_photo

FILES = 10_000
SIDE = 112  # px: each file is a 4x enlargement, so preprocessing has real work to do
PHOTOS = 40  # a phone's folder: 40 x 36 MB of pixels once decoded


def main() -> None:
    mnist = load_mnist()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, image in enumerate(mnist.x_test[:FILES]):
            path = Path(folder) / f"{index:05d}.png"
            Image.fromarray(255 - image).resize((SIDE, SIDE), Image.Resampling.BILINEAR).save(path)
            paths.append(str(path))
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "digitpad", "predict", *paths], cwd=REPO_ROOT, capture_output=True, text=True
        )
        seconds = time.perf_counter() - started
    digits = [line.split("\t")[1] for line in result.stdout.splitlines()]
    correct = np.mean([d == str(label) for d, label in zip(digits, mnist.y_test[:FILES], strict=True)])
    print(f"python -m digitpad predict on {FILES:,} PNG files: {seconds:.1f} s ({FILES / seconds:,.0f} files/s)")
    print(f"exit status {result.returncode}; accuracy on them {correct:.4f} (dark ink on white, {SIDE}x{SIDE} px)")
    folder_of_photos(mnist.x_test[-3 * PHOTOS :], mnist.y_test[-3 * PHOTOS :])


def folder_of_photos(digits: np.ndarray, labels: np.ndarray) -> None:
    """PHOTOS photos of three digits each, through predict: when its first and last lines come, and its peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        paths, truths = [], []
        for index in range(PHOTOS):
            drawing = cv2.resize(np.hstack(digits[3 * index : 3 * index + 3]), None, fx=4, fy=4)  # 112 px tall
            photo = cv2.resize(paper_photo(drawing, index, UNEVEN), (4000, 3000), interpolation=cv2.INTER_LINEAR)
            paths.append(str(Path(folder) / f"IMG_{index:04d}.jpg"))
            Image.fromarray(photo).save(paths[-1], quality=90)
            truths.append("".join(str(label) for label in labels[3 * index : 3 * index + 3]))
        command = [sys.executable, "-m", "digitpad", "predict", *paths]
        started, lines, peak = time.perf_counter(), [], "?"
        with subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        ) as run:
            for line in run.stdout:
                lines.append((time.perf_counter() - started, line))
                status = Path(f"/proc/{run.pid}/status").read_text()  # after each file: the peak so far
                peak = next(row.split()[1] for row in status.splitlines() if row.startswith("VmHWM"))
    right = sum(line.split("\t")[1] == truth for (_, line), truth in zip(lines, truths, strict=True))
    print(f"python -m digitpad predict on a folder of {PHOTOS} 12-megapixel photos (made up; read right {right}):")
    print(
        f"  first line after {lines[0][0]:.1f} s, last after {lines[-1][0]:.1f} s; peak memory {int(peak) / 1e6:.2f} GB"
    )


if __name__ == "__main__":
    main()
