"""Model files that are not a usable digit classifier, as a user might end up with: for the page's and CLI's tests.

In: which breakage, and where to write it. Out: the file (or no file, for "missing").
"""

from __future__ import annotations

from pathlib import Path

import keras

from digitpad.config import MODEL_PATH

BREAKAGES = ("missing", "truncated", "not a model", "wrong shape")


def write_broken_model(breakage: str, path: Path) -> None:
    if breakage == "truncated":  # a copy interrupted half way
        path.write_bytes(MODEL_PATH.read_bytes()[: MODEL_PATH.stat().st_size // 2])
    elif breakage == "not a model":
        path.write_bytes(b"not a keras archive")
    elif breakage == "wrong shape":  # a sound Keras file, but for 32x32 colour images and 5 classes
        model = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(5)])
        model.save(path)
