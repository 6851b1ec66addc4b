"""Loading MNIST and the pen-drawn digits: good files load, bad files fail early with a message naming the fault."""

from __future__ import annotations

import hashlib
import inspect

import keras
import numpy as np
import pytest
from keras.src.datasets import mnist as keras_mnist

from digitpad.config import MNIST_ENV
from digitpad.learning.data import DataError, load_mnist, load_pen_digits


def write_npz(path, **arrays):
    np.savez(path, **arrays)
    return path


def write_text(path, text):
    path.write_text(text)
    return path


def cut_short(path):
    """The file's first half: a download that stopped."""
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def tiny_mnist(**overrides):
    arrays = {
        "x_train": np.zeros((6, 28, 28), np.uint8),
        "y_train": np.arange(6, dtype=np.uint8),
        "x_test": np.zeros((3, 28, 28), np.uint8),
        "y_test": np.arange(3, dtype=np.uint8),
    }
    return {**arrays, **overrides}


def test_without_a_path_mnist_is_downloaded_as_keras_does_a_cached_copy_cut_short_again(monkeypatch, tmp_path):
    asked = {}

    def get_file(fname, origin, file_hash=None, **_):  # Keras' downloader, offline: what it was asked for
        asked.update(fname=fname, origin=origin, file_hash=file_hash)
        return str(write_npz(tmp_path / fname, **tiny_mnist()))

    monkeypatch.delenv(MNIST_ENV, raising=False)
    monkeypatch.setattr(keras.utils, "get_file", get_file)
    assert len(load_mnist().y_test) == 3
    keras_own = inspect.getsource(keras_mnist.load_data)  # the trusted reference: Keras' own loader
    assert asked["fname"] == "mnist.npz" and asked["origin"].endswith("/mnist.npz")
    assert asked["file_hash"] and f'"{asked["file_hash"]}"' in keras_own  # checked as Keras checks it


def test_offline_with_no_path_the_failed_download_is_one_clear_error(monkeypatch):
    # `digitpad train` with neither --data nor $DIGITPAD_MNIST, offline: two chained tracebacks, 83 lines
    def get_file(fname, origin, **_):  # Keras' own words when the fetch fails
        raise Exception(f"URL fetch failure on {origin}: None -- [Errno -2] Name or service not known")

    monkeypatch.delenv(MNIST_ENV, raising=False)
    monkeypatch.setattr(keras.utils, "get_file", get_file)
    with pytest.raises(
        DataError, match=rf"^MNIST could not be downloaded from .*: give an MNIST npz with --data or \${MNIST_ENV}$"
    ):
        load_mnist()


def test_a_well_formed_file_loads_with_its_checksum(tmp_path):
    path = write_npz(tmp_path / "ok.npz", **tiny_mnist())
    mnist = load_mnist(path)
    assert mnist.x_train.shape == (6, 28, 28) and mnist.y_test.tolist() == [0, 1, 2]
    assert mnist.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_real_mnist_has_its_documented_shape(mnist):
    assert mnist.x_train.shape == (60_000, 28, 28) and mnist.x_test.shape == (10_000, 28, 28)
    assert np.bincount(mnist.y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "no such file"),
        (lambda p: write_text(p, "hello"), "not an npz file"),
        (lambda p: cut_short(write_npz(p, **tiny_mnist())), "not an npz file, or a damaged one"),
        (lambda p: write_npz(p, x_train=np.zeros(1)), "missing keys"),
        (lambda p: write_npz(p, **tiny_mnist(x_train=np.zeros((6, 32, 32), np.uint8))), "x_train has shape"),
        (lambda p: write_npz(p, **tiny_mnist(y_test=np.arange(4, dtype=np.uint8))), "y_test has shape"),
        (lambda p: write_npz(p, **tiny_mnist(y_train=np.arange(6, dtype=np.uint8) + 5)), "labels 0-9"),
        (lambda p: write_npz(p, **tiny_mnist(y_train=np.linspace(0, 1, 6))), "labels 0-9"),
    ],
    ids=["missing", "not an npz", "a download cut short", "wrong keys", "wrong image shape", "label count"]
    + ["label out of range", "floats"],
)
def test_bad_mnist_files_are_refused_with_the_reason(tmp_path, make, message):
    path = make(tmp_path / "data.npz")
    with pytest.raises(DataError, match=message) as error:
        load_mnist(path)
    assert str(path) in str(error.value)


def test_pen_digits_load_as_labelled_strokes(pen_digits):
    assert len(pen_digits) == 7494
    assert {d.label for d in pen_digits} == set(range(10))
    assert len({d.writer for d in pen_digits}) == 30
    assert all(len(s) >= 1 and len(s[0]) == 2 for d in pen_digits[:100] for s in d.strokes)


def test_a_bad_pen_digit_file_is_refused(tmp_path):
    path = tmp_path / "strokes.json"
    path.write_text('[{"label": 1}]')
    with pytest.raises(DataError, match="not a pen-digit JSON"):
        load_pen_digits(path)
