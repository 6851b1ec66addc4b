"""Loading and checking the data digitpad learns from and is measured on.

In: a path (or the environment variable naming one). Out: MNIST as uint8 arrays with their file's sha256, the
pen-drawn digits as stroke lists, or the real photos, scans and drawings as manifest rows with their group. A file
that is missing or malformed raises DataError naming the file and the fault, before any training starts.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.config import (
    MNIST_DOWNLOAD,
    MNIST_DOWNLOAD_SHA256,
    MNIST_ENV,
    MODEL_SIZE,
    NUM_CLASSES,
    REAL_ENV,
    REAL_FINAL_SCAN_ROW,
    REAL_FINAL_SOURCES,
    REAL_SPLIT_SCANS,
    STROKES_ENV,
)
from digitpad.reading.strokes import Stroke

MNIST_KEYS = ("x_train", "y_train", "x_test", "y_test")


class DataError(Exception):
    """A data file is missing or not in the expected format. The message names the file and the fault."""


@dataclass(frozen=True)
class Mnist:
    x_train: np.ndarray  # [N, 28, 28] uint8, ink high
    y_train: np.ndarray  # [N] uint8 in 0..9
    x_test: np.ndarray
    y_test: np.ndarray
    path: Path
    sha256: str


@dataclass(frozen=True)
class PenDigit:
    label: int
    writer: str
    strokes: list[Stroke]


@dataclass(frozen=True)
class RealImage:
    """One row of ../shared/real/manifest.csv."""

    path: Path  # the image file itself
    kind: str  # photo_single, scan_single, drawing_single, photo_number or scan_number
    label: str  # the digits written, as a string: leading zeros count
    source: str  # the folder it sits in: one repository's set of images

    @property
    def medium(self) -> str:
        return self.kind.split("_")[0]

    @property
    def is_number(self) -> bool:
        return self.kind.endswith("_number")

    @property
    def group(self) -> str:
        """ "final" (no choice is made on it) or "tuning"; see config.REAL_FINAL_SOURCES."""
        if self.source == REAL_SPLIT_SCANS:
            return "final" if int(self.path.stem.split("_r")[1][:2]) >= REAL_FINAL_SCAN_ROW else "tuning"
        return "final" if self.source in REAL_FINAL_SOURCES else "tuning"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def env_path(variable: str) -> Path | None:
    value = os.environ.get(variable, "").strip()
    return Path(value) if value else None


def load_mnist(path: Path | None = None) -> Mnist:
    """MNIST from `path`, else from $DIGITPAD_MNIST, else Keras' normal download (cached in ~/.keras/datasets)."""
    path = path or env_path(MNIST_ENV)
    if path is None:
        from digitpad.models.backend import keras  # only needed for the download; imported quietly

        try:
            path = Path(keras.utils.get_file("mnist.npz", MNIST_DOWNLOAD, file_hash=MNIST_DOWNLOAD_SHA256))
        except Exception as error:  # Keras raises a bare Exception for a failed fetch, ValueError for a bad hash
            raise DataError(
                f"MNIST could not be downloaded from {MNIST_DOWNLOAD} ({str(error).splitlines()[0][:160]}): give an "
                f"MNIST npz with --data or ${MNIST_ENV}"
            ) from None
    if not path.is_file():
        raise DataError(f"{path}: no such file (give an MNIST npz with --data or ${MNIST_ENV})")
    if not zipfile.is_zipfile(path):  # else numpy's own words would suggest unpickling it
        raise DataError(f"{path}: not an npz file, or a damaged one (a zip of arrays, as Keras' mnist.npz is)")
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [key for key in MNIST_KEYS if key not in npz.files]
            if missing:
                raise DataError(f"{path}: not an MNIST npz, missing keys {missing} (expected {list(MNIST_KEYS)})")
            arrays = {key: npz[key] for key in MNIST_KEYS}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise DataError(f"{path}: not a readable npz file ({error})") from error
    for split in ("train", "test"):
        images, labels = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if images.ndim != 3 or images.shape[1:] != (MODEL_SIZE, MODEL_SIZE) or len(images) == 0:
            raise DataError(f"{path}: x_{split} has shape {images.shape}, expected (N, {MODEL_SIZE}, {MODEL_SIZE})")
        if labels.shape != (len(images),):
            raise DataError(f"{path}: y_{split} has shape {labels.shape}, expected ({len(images)},)")
        if not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0 or labels.max() >= NUM_CLASSES:
            raise DataError(f"{path}: y_{split} must hold integer labels 0-{NUM_CLASSES - 1}")
    return Mnist(
        **{key: value.astype(np.uint8) for key, value in arrays.items()},
        path=path,
        sha256=sha256_of(path),
    )


def load_pen_digits(path: Path | None = None) -> list[PenDigit]:
    """The pen-drawn digits from `path` or $DIGITPAD_STROKES: a JSON list of {label, writer, strokes}."""
    path = path or env_path(STROKES_ENV)
    if path is None or not path.is_file():
        raise DataError(f"{path}: no such file (set ${STROKES_ENV} to pendigits_train.json)")
    try:
        records = json.loads(path.read_text())
        return [
            PenDigit(int(r["label"]), str(r["writer"]), [[(float(x), float(y)) for x, y in s] for s in r["strokes"]])
            for r in records
        ]
    except (ValueError, KeyError, TypeError) as error:
        raise DataError(f"{path}: not a pen-digit JSON list ({error})") from error


def load_real(folder: Path | None = None) -> list[RealImage]:
    """The real images listed in `folder`/manifest.csv, `folder` defaulting to $DIGITPAD_REAL."""
    folder = folder or env_path(REAL_ENV)
    manifest = folder / "manifest.csv" if folder else None
    if manifest is None or not manifest.is_file():
        raise DataError(f"{manifest}: no such file (set ${REAL_ENV} to the folder holding manifest.csv)")
    try:
        with manifest.open(newline="") as file:
            rows = list(csv.DictReader(file))
        images = [RealImage(folder / r["path"], r["kind"], r["label"], r["path"].split("/")[0]) for r in rows]
    except (csv.Error, KeyError, AttributeError) as error:
        raise DataError(f"{manifest}: not a manifest with path, kind and label columns ({error})") from error
    if not images or not all(i.label.isdigit() for i in images):
        raise DataError(f"{manifest}: no images, or a label that is not digits")
    return images
