"""digitpad.serving.widgets: one answer a drawing, however its clicks arrive."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import streamlit as st

from digitpad.learning.feedback import FeedbackStore, Wall, load_feedback
from digitpad.models.classifier import Prediction
from digitpad.serving import widgets


@pytest.fixture
def database(monkeypatch, tmp_path):
    """The answers' database, and a clean session (Streamlit's bare-mode one: no page runs here)."""
    monkeypatch.setattr(widgets, "FEEDBACK_PATH", tmp_path / "feedback.sqlite3")
    st.session_state.clear()
    yield tmp_path / "feedback.sqlite3"
    st.session_state.clear()


def png(shade: int) -> bytes:
    """A drawing's picture; each shade a different drawing."""
    return cv2.imencode(".png", np.full((8, 8), shade, np.uint8))[1].tobytes()


DRAWING, ANOTHER = png(0), png(1)


def a_seven() -> list[Prediction]:
    ink = np.zeros((28, 28), np.float32)
    ink[6:22, 12:16] = 1.0
    return [Prediction(np.eye(10, dtype=np.float32)[7], ink)]


def test_the_same_answer_arriving_twice_is_saved_once(database):
    # A double-click on "Yes" over a slow link: both clicks reached the server before the page showed it saved, and
    # two identical rows were saved (5 of 11 tries); "Take my answer back" then removed only one
    widgets.save_answer(a_seven(), DRAWING, "7", on_wall=False)
    widgets.save_answer(a_seven(), DRAWING, "7", on_wall=False)
    assert load_feedback(database).y.tolist() == [7]


def test_another_answer_for_the_same_drawing_replaces_the_one_saved(database):
    # "1" tapped by mistake, then "8" at once: both were saved, the mistapped 1 for good
    widgets.save_answer(a_seven(), DRAWING, "1", on_wall=False)
    widgets.save_answer(a_seven(), DRAWING, "8", on_wall=False)
    assert load_feedback(database).y.tolist() == [8]
    widgets.save_answer(a_seven(), ANOTHER, "8", on_wall=False)  # a new drawing's answer is its own
    assert load_feedback(database).y.tolist() == [8, 8]


def test_an_answer_that_cannot_be_saved_leaves_the_one_saved_to_be_replaced(database):
    widgets.save_answer(a_seven(), DRAWING, "1", on_wall=False)
    widgets.save_answer(a_seven(), DRAWING, "12", on_wall=False)  # two digits for one: refused, said on the page
    assert st.session_state.answer[2] is not None and load_feedback(database).y.tolist() == [1]
    widgets.save_answer(a_seven(), DRAWING, "4", on_wall=False)
    assert load_feedback(database).y.tolist() == [4]


def test_taking_back_at_once_is_a_double_clicks_second_click_and_later_removes_the_answer(database, monkeypatch):
    widgets.save_answer(a_seven(), DRAWING, "7", on_wall=False)
    widgets.take_back()
    assert load_feedback(database).y.tolist() == [7]
    monkeypatch.setattr(widgets.time, "monotonic", lambda: st.session_state.saved_at + widgets.TAKE_BACK_AFTER_S)
    widgets.take_back()
    assert FeedbackStore(database).count() == 0 and st.session_state.answer is None


@pytest.mark.parametrize(("typed", "saved"), [("٣", 3), ("３", 3), ("۷", 7), ("3", 3)])
def test_a_digit_typed_in_another_script_is_saved_as_that_digit(database, typed, saved):
    # An Arabic keyboard types "٣٥٨" for 358: "type digits only, not '٣٥٨'", said to someone who had
    widgets.save_answer(a_seven(), DRAWING, typed, on_wall=False)
    assert st.session_state.answer[2] is None and load_feedback(database).y.tolist() == [saved]


@pytest.mark.parametrize("typed", ["x", "3x", "½", "²", ""])
def test_what_is_not_a_digit_in_any_script_is_refused_and_named(database, typed):
    widgets.save_answer(a_seven(), DRAWING, typed, on_wall=False)
    assert repr(typed) in st.session_state.answer[2] and FeedbackStore(database).count() == 0


def test_a_drawing_answered_again_later_keeps_only_its_last_answer(database):
    # A 7 confirmed, another drawing, then the same strokes back (undo, or the Photo page and back) and confirmed
    # again: the wall showed a 7 as "77"
    widgets.save_answer(a_seven(), DRAWING, "7", on_wall=True)
    widgets.save_answer(a_seven(), ANOTHER, "1", on_wall=True)
    widgets.save_answer(a_seven(), DRAWING, "7", on_wall=True)
    assert sorted(load_feedback(database).y.tolist()) == [1, 7]
    assert [drawing.said for drawing in Wall.read(database, 8).latest] == ["7"]  # the visit's latest
