"""TensorFlow and Keras imported once, one thread at a time, without the lines TensorFlow writes to the terminal.

In: nothing. Out: `keras` and `tensorflow` imported and TensorFlow's devices found, so that later imports are free. The
models' modules take them from here (`from digitpad.models.backend import keras, layers, tf`), so that importing any of
them, as a Python user of the Reader does, imports TensorFlow quietly; importing this module alone imports nothing.

TensorFlow 2.21 writes up to nine lines straight to the process's stderr as it loads, whatever TF_CPP_MIN_LOG_LEVEL
says (tensorflow/tensorflow#100442): "oneDNN custom operations are on", "Could not find cuda drivers" and, on a
machine without a GPU, "E0000 ... failed call to cuInit: ... CUDA error". digitpad's stderr is for its own messages (a
file it could not read), so stderr goes to /dev/null while TensorFlow loads; `TF_CPP_MIN_LOG_LEVEL=0` keeps every line.
Anything else the process writes to stderr in those seconds is lost too: a server imports here once, in the background.

Two threads importing TensorFlow at once through different first modules (the server's background loading, a page's
Keras) meet in Python's import locks and one gets half-made modules: "KeyError: Registering two gradient with name
'ReduceDataset'", which stopped the server when a visitor's first stroke came as the models were loading: hence
the lock.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

_importing = threading.Lock()
_imported = False


@contextmanager
def stderr_to_devnull() -> Iterator[None]:
    """Point the process's stderr (file descriptor 2, where C++ libraries write) at /dev/null, then back."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def import_tensorflow() -> None:
    """Import TensorFlow and Keras quietly, once: call it before importing anything that imports them."""
    global _imported
    with _importing:
        if _imported:
            return
        quiet = os.environ.get("TF_CPP_MIN_LOG_LEVEL") != "0"
        with stderr_to_devnull() if quiet else nullcontext():
            import keras  # noqa: F401
            import tensorflow as tf

            tf.config.list_physical_devices()  # looks for a GPU now, while quiet: the cuInit line
        _imported = True


def __getattr__(name: str) -> object:
    """`tf`, `keras` and `layers` (keras.layers), imported quietly when first asked for."""
    if name not in ("tf", "keras", "layers"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import_tensorflow()
    import keras
    import tensorflow

    return {"tf": tensorflow, "keras": keras, "layers": keras.layers}[name]
