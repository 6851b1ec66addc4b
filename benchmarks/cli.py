"""The command line on many files: 10,000 PNGs (MNIST's test digits, scaled up to canvas size) through
`python -m digitpad predict`, one process, timed end to end; plus its accuracy on them.

    DIGITPAD_MNIST=../shared/mnist/mnist.npz python -m benchmarks.cli
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from digitpad.config import REPO_ROOT
from digitpad.learning.data import load_mnist

FILES = 10_000
SIDE = 112  # px: each file is a 4x enlargement, so preprocessing has real work to do


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


if __name__ == "__main__":
    main()
