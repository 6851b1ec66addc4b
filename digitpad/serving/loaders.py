"""The page's models, loaded once per server process and shared by every session and page.

In: the models' paths (digitpad.config). Out: the digit classifier, number mode's pair of classifiers and piece judge,
the reader of uploads and the turns at reading a photo, each cached by Streamlit; or, where a model cannot be loaded,
None after an error on the page that says how to fix it. TensorFlow is imported only here, only once the canvas is up,
and never by two threads at once (digitpad.models.backend).
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import script_runner

from digitpad.config import (
    DRAWN_MODEL_PATH,
    MODEL_PATH,
    PHOTO_READS_AT_ONCE,
    PIECES_MODEL_PATH,
)
from digitpad.models import backend

if TYPE_CHECKING:
    from digitpad.models.classifier import DigitClassifier
    from digitpad.models.pieces import PieceJudge
    from digitpad.models.reader import Reader

    NumberReader = tuple[DigitClassifier, PieceJudge]  # read_number's models: both classifiers as one, and the judge

Model = TypeVar("Model")


def close_figures_only() -> None:
    """Streamlit's cleaning before every script run, less Keras': matplotlib's figures closed, Keras' session kept.

    Streamlit calls `keras.backend.clear_session()` before each run (script_runner._clean_problem_modules), which
    empties TensorFlow's kernel cache: each stroke's first prediction then rebuilt and re-optimised the classifier's
    graph, 60-85 ms of a stroke's 90-110 ms of server CPU (py-spy --native on a page under benchmarks.load's visitors).
    The page builds no models while it serves, so there is nothing of Keras' to clear.
    """
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


script_runner._clean_problem_modules = close_figures_only  # every page imports this module before it runs a model


@st.cache_resource(show_spinner=False)
def photo_turns() -> threading.BoundedSemaphore:
    """Turns at reading a photo, shared by every session of this process: PHOTO_READS_AT_ONCE at a time, the others
    waiting for a turn (digitpad.serving.photo_page)."""
    return threading.BoundedSemaphore(PHOTO_READS_AT_ONCE)


@st.cache_resource(show_spinner="Loading the model…")
def load_classifier(path: Path) -> DigitClassifier:
    """The model at `path`, loaded once per server process and shared by every session."""
    import pandas  # noqa: F401  the wall's and Streamlit's charts' library: after the canvas is up, before the freeze

    from digitpad.serving import preload

    backend.import_tensorflow()  # seconds, and never beside the background's import: only after the canvas is up
    from digitpad.models.classifier import DigitClassifier

    # Loaded as the server started, when started by digitpad.serving.preload (`python -m digitpad app`, or a room)
    classifier = preload.take(("classifier", path), lambda: DigitClassifier.load(path))

    # TensorFlow and Keras leave millions of objects that live as long as the server, and every full garbage collection
    # walks them (Streamlit ran one after every script run until .streamlit/config.toml turned it off). Freezing them
    # out of collection cut a stroke's server CPU from about 1 s to 70 ms on a busy 2-core machine, and its latency by
    # half (benchmarks/page_latency.py).
    gc.freeze()
    return classifier


@st.cache_resource(show_spinner="Loading the number reader…")
def load_number_reader(model: Path, drawn_model: Path, judge: Path) -> NumberReader:
    """Number mode's models, loaded once per server process, the first time a number is read: the digit model and
    the drawings-only one as one classifier (DigitClassifier.for_numbers), and the piece judge
    (digitpad.models.pieces)."""
    from digitpad.serving import preload

    backend.import_tensorflow()  # as in load_classifier
    from digitpad.models.classifier import DigitClassifier
    from digitpad.models.pieces import PieceJudge

    reader = preload.take(
        ("number reader", model, drawn_model, judge),
        lambda: (DigitClassifier.for_numbers(model, drawn_model), PieceJudge.load(judge)),
    )
    gc.freeze()  # as in load_classifier: Keras' new objects out of every rerun's garbage collection
    return reader


@st.cache_resource(show_spinner="Loading the reader…")
def load_reader(model: Path, drawn_model: Path, judge: Path, pairs: Path) -> Reader:
    """The reader of uploaded images (digitpad.models.reader), from the models already loaded for the canvas and the
    pair reader (digitpad.models.pairs)."""
    backend.import_tensorflow()  # as in load_classifier
    from digitpad.models.pairs import PairReader
    from digitpad.models.reader import Reader

    number_classifier, piece_judge = load_number_reader(model, drawn_model, judge)
    return Reader(load_classifier(model), number_classifier, piece_judge, PairReader.load(pairs))


def model_or_error(load: Callable[..., Model], *paths: Path) -> Model | None:
    """`load(*paths)`, or None after showing why a model could not be loaded."""
    backend.import_tensorflow()  # as in load_classifier
    from digitpad.models.model import ModelError

    try:
        return load(*paths)
    except ModelError as error:
        st.error(str(error), icon=":material/error:")
        return None


def number_reader_or_error() -> NumberReader | None:
    """Number mode's models (load_number_reader) from their configured paths, or None after showing why not."""
    return model_or_error(load_number_reader, MODEL_PATH, DRAWN_MODEL_PATH, PIECES_MODEL_PATH)
