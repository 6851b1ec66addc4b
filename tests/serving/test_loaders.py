"""The page's loaders: Streamlit's reruns keep Keras' session, so a stroke does not rebuild the classifier's graph;
photos take turns."""

from __future__ import annotations

import os
import subprocess
import sys

import keras
from streamlit.testing.v1 import AppTest

from digitpad.config import REPO_ROOT
from digitpad.serving.room import tensorflow_threads


def test_reruns_of_a_page_leave_keras_session_and_so_tensorflows_kernel_cache_alone(monkeypatch):
    cleared = []
    monkeypatch.setattr(keras.backend, "clear_session", lambda *args, **kwargs: cleared.append(args))

    def page() -> None:
        import streamlit as st

        import digitpad.serving.loaders  # noqa: F401  as every page with a model: Keras out of Streamlit's cleaning

        st.write("a page that uses the models")

    app = AppTest.from_function(page, default_timeout=60)
    for _ in range(3):  # Streamlit cleans before every run, the first included
        app.run()
        assert not app.exception
    assert cleared == []  # without digitpad.serving.loaders.close_figures_only: one call a run


def test_photos_take_turns_process_wide_as_many_at_once_as_the_process_has_cores():
    from digitpad.config import PHOTO_READS_AT_ONCE
    from digitpad.serving.loaders import photo_turns

    turns = photo_turns()
    assert photo_turns() is turns  # one for every session of the process
    taken = [turns.acquire(blocking=False) for _ in range(PHOTO_READS_AT_ONCE + 1)]
    try:
        assert taken == [True] * PHOTO_READS_AT_ONCE + [False]  # the next visitor's photo waits its turn
    finally:
        for _ in range(PHOTO_READS_AT_ONCE):
            turns.release()


def test_a_rooms_process_reads_as_many_photos_at_once_as_its_share_of_the_cores():
    command = [sys.executable, "-c", "from digitpad.config import PHOTO_READS_AT_ONCE as n; print(n)"]
    shares = [tensorflow_threads(processes)["TF_NUM_INTRAOP_THREADS"] for processes in (1, 2)]
    read = [subprocess.run(command, cwd=REPO_ROOT, env={**os.environ, "TF_NUM_INTRAOP_THREADS": share},
                           capture_output=True, text=True, check=True).stdout.strip() for share in shares]  # fmt: skip
    assert read == shares
