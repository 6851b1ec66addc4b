"""The page's loaders: Streamlit's reruns keep Keras' session, so a stroke does not rebuild the classifier's graph."""

from __future__ import annotations

import keras
from streamlit.testing.v1 import AppTest


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
