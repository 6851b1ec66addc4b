"""What the drawing and photo pages both show: a reading, and the question "was it right?".

In: Predictions and NumberReadings (digitpad.models), and the image the digits were read from. Out, on the page: the
digit with its confidence (or a plain "not sure" naming the two likeliest), the ten probabilities on a fixed 0-1 axis,
the 28x28 input the model saw and, if asked, why; a number digit by digit; "not a digit" with the prediction folded
under it; and a yes-or-what-was-it question whose answer is saved for retraining (digitpad.learning.feedback). And the
pages' settings kept through a visit to the other page (remembered). A feedback database that fails is said to the
visitor plainly, its reason (and path) written to the server's log.
"""

from __future__ import annotations

import logging
import secrets
import time
import unicodedata
from typing import TYPE_CHECKING

import cv2
import numpy as np
import streamlit as st

from digitpad.config import (
    AXIS_COLOUR,
    CHART_HEIGHT,
    FEEDBACK_PATH,
    NUM_CLASSES,
    NUMBER_PREVIEW_SIZE,
    OTHER_BAR_COLOUR,
    PREDICTED_BAR_COLOUR,
    PREVIEW_SIZE,
    TAKE_BACK_AFTER_S,
    UNSURE_BELOW,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from digitpad.models.classifier import Prediction
    from digitpad.models.number import NumberReading

HIGHLIGHT_RGB = tuple(int(PREDICTED_BAR_COLOUR[i : i + 2], 16) for i in (1, 3, 5))  # "#c2410c" -> (194, 65, 12)
NOT_A_DIGIT = "That doesn't look like a digit."
NOT_DIGITS = "Those don't look like digits."
STORE_TROUBLE = "the server cannot store answers just now (whoever runs it finds why in its log)"
_log = logging.getLogger(__name__)


def on_phone() -> bool:
    """Whether the visitor's browser is a phone's: a User-Agent holding "Mobi", as MDN advises to tell one (a tablet's
    and a laptop's do not)."""
    return "Mobi" in st.context.headers.get("User-Agent", "")


def remembered(name: str, default: object, then: Callable[[], None] | None = None) -> dict:
    """A widget's key and callback that keep its value under `name` in session state (first `default`), and call
    `then` once it changes: Streamlit forgets a widget's own value on a page that does not show it, such as a visit to
    the other page. The widget's key is the name with a "_"; pass these to the widget as keyword arguments (Streamlit's
    documented way)."""
    st.session_state[f"_{name}"] = st.session_state.setdefault(name, default)
    return {"key": f"_{name}", "on_change": keep_value, "args": (name, then)}


def keep_value(name: str, then: Callable[[], None] | None = None) -> None:
    st.session_state[name] = st.session_state[f"_{name}"]
    if then is not None:
        then()


def probability_chart(prediction: Prediction) -> dict:
    """The ten probabilities as bars on a fixed 0-1 axis (heights compare across strokes), the predicted one marked: a
    Vega-Lite spec written out. Built with Altair, the chart cost the server about 10 ms of CPU a stroke, most of it
    validating the spec against Vega-Lite's schema (py-spy --gil on one process under benchmarks.load's visitors).
    The bars sit in a layer: Streamlit turns a spec's top-level data into an Arrow table through pandas (7% of a
    room process's samples under 60 visitors, py-spy), which ten bars do not need."""
    bars = [
        {"digit": str(digit), "probability": round(float(p), 4), "predicted": digit == prediction.digit}
        for digit, p in enumerate(prediction.probabilities)
    ]
    return {
        "layer": [{"data": {"values": bars}, "mark": {"type": "bar"}}],
        "encoding": {
            "x": {"field": "digit", "type": "ordinal", "title": "Digit", "axis": {"labelAngle": 0}},
            "y": {
                "field": "probability",
                "type": "quantitative",
                "title": "Probability",
                "scale": {"domain": [0, 1]},
                "axis": {"format": "%"},
            },
            "color": {
                "field": "predicted",
                "type": "nominal",
                "scale": {"domain": [True, False], "range": [PREDICTED_BAR_COLOUR, OTHER_BAR_COLOUR]},
                "legend": None,
            },
            "tooltip": [
                {"field": "digit", "type": "ordinal"},
                {"field": "probability", "type": "quantitative", "format": ".1%"},
            ],
        },
        "height": CHART_HEIGHT,
        "config": {"axis": {"labelColor": AXIS_COLOUR, "titleColor": AXIS_COLOUR}},
    }


def chart_summary(prediction: Prediction) -> str:
    """The chart in words, for a screen reader: "Probabilities: 7 96%, 1 3%; every other digit under 1%"."""
    shown = [(digit, p) for digit, p in prediction.top(10) if p >= 0.01]
    rest = "; every other digit under 1%" if len(shown) < 10 else ""
    return "Probabilities: " + ", ".join(f"{digit} {p:.0%}" for digit, p in shown) + rest


def enlarged(model_input: np.ndarray, size: int = PREVIEW_SIZE) -> np.ndarray:
    """The [28, 28] model input as a `size`-square uint8 image, each pixel a sharp block (no smoothing)."""
    pixels = np.round(model_input * 255).astype(np.uint8)
    return cv2.resize(pixels, (size, size), interpolation=cv2.INTER_NEAREST)


def why_image(model_input: np.ndarray, heat: np.ndarray) -> np.ndarray:
    """The input in grey with what the answer rests on glowing in the highlight colour, enlarged like the preview."""
    grey = enlarged(model_input)[..., None].astype(np.float32) * 0.5
    glow = cv2.resize(heat, (PREVIEW_SIZE, PREVIEW_SIZE), interpolation=cv2.INTER_NEAREST)[..., None]
    return np.clip(grey + glow * np.array(HIGHLIGHT_RGB, np.float32), 0, 255).astype(np.uint8)


def show_prediction(prediction: Prediction, why: np.ndarray | None = None) -> None:
    """The digit and its confidence, a plain warning when unsure, the ten probabilities, the model's input, and, if
    given, the occlusion map of why it decided."""
    st.metric("Prediction", prediction.digit, f"{prediction.confidence:.0%} sure", delta_color="off", delta_arrow="off")
    if prediction.confidence < UNSURE_BELOW:
        (first, p_first), (second, p_second) = prediction.top(2)
        message = f"Not sure: it might be {first} ({p_first:.0%}) or {second} ({p_second:.0%})."
        st.warning(message, icon=":material/help:")
    st.vega_lite_chart(spec=probability_chart(prediction), alt=chart_summary(prediction))
    st.markdown("**What the model sees**")
    # PNG: Streamlit's default here, JPEG, would smear the pixel blocks' edges
    seen, reasons = st.columns(2) if why is not None else (st.container(), None)
    seen.image(
        enlarged(prediction.model_input), "28 × 28 pixels, enlarged", width=PREVIEW_SIZE, output_format="PNG",
        alt=f"The {prediction.digit} as the model sees it: 28 by 28 pixels",
    )  # fmt: skip
    if reasons is not None:
        caption = "Why: the parts whose blanking most lowers its belief"
        alt = f"The parts of the {prediction.digit} its reading rests on, lit up"
        reasons.image(why_image(prediction.model_input, why), caption, width=PREVIEW_SIZE, output_format="PNG", alt=alt)


def show_verdict(prediction: Prediction, why: np.ndarray | None = None) -> None:
    """The prediction, or, for what the "not a digit" judge flags, a plain message with the prediction folded under."""
    if prediction.is_digit:
        show_prediction(prediction, why)
        return
    st.warning(NOT_A_DIGIT, icon=":material/block:")
    with st.expander("What the model would say if it had to name a digit"):
        show_prediction(prediction, why)


def show_number_verdict(reading: NumberReading, like_digits: bool) -> None:
    """The number, or, when its digits do not look like digits to the "not a digit" judge (a word written), a plain
    message with the number folded under."""
    if like_digits:
        show_number(reading)
        return
    st.warning(NOT_DIGITS, icon=":material/block:")
    with st.expander("What the model would say if it had to name digits"):
        show_number(reading)


def show_number(reading: NumberReading) -> None:
    """The number, a plain warning naming any digit it is unsure of, and each digit's input with its confidence."""
    st.metric("Number", reading.number)
    unsure = [str(i + 1) for i, p in enumerate(reading.predictions) if p.confidence < UNSURE_BELOW]
    if unsure:
        st.warning(f"Not sure of digit {', '.join(unsure)} (counting from the left).", icon=":material/help:")
    row = st.container(horizontal=True)  # wraps, where columns would stack one digit a row on a phone
    for prediction in reading.predictions:
        caption = f"{prediction.digit}: {prediction.confidence:.0%} sure"
        preview = enlarged(prediction.model_input, NUMBER_PREVIEW_SIZE)
        alt = f"Digit {prediction.digit} as the model sees it"
        row.image(preview, caption=caption, width=NUMBER_PREVIEW_SIZE, output_format="PNG", alt=alt)


def save_answer(predictions: list[Prediction], canvas_png: bytes, answer: str, on_wall: bool) -> None:
    """Store each digit's input with the digit the user says it is (`answer`, a digit for each), and whether the room's
    wall may show `canvas_png`, the whole image the digits were read from (the canvas, or a photo's ink), and remember
    how that went for this drawing. One answer a drawing: the same answer again (a double-click whose clicks both
    arrived, as on a slow link) is saved once, and another replaces the one saved (a mistap, corrected at once)."""
    from digitpad.learning.feedback import BadExample, FeedbackStore, FeedbackStoreError

    drawing = drawing_id(canvas_png)
    answered, before, _ = st.session_state.get("answer") or (None, None, None)
    kept = (st.session_state.get("saved_rows") or []) if answered == drawing else []
    typed, answer = answer, western_digits(answer)
    if kept and before == answer:
        return
    problem, saved = None, []
    if not answer:
        problem = f"type digits only, left to right, not {typed!r}"
    elif len(answer) != len(predictions):  # the reader cut it wrong, or a digit was mistyped: either way, unmatched
        problem = (
            f"it read {len(predictions)} digits here, so an answer needs {len(predictions)}, not {answer!r} (if it "
            f"holds {len(answer)}, it was cut wrong, and each digit's answer cannot be matched to its picture)"
        )
    else:
        try:
            digits = [(p.model_input, int(d), p.digit) for p, d in zip(predictions, answer, strict=True)]
            # One answer a drawing, in place of kept's rows, and of one given to it before, asked again later too
            saved = FeedbackStore(FEEDBACK_PATH).answer(digits, canvas_png, on_wall, visit())
            kept = []
        except BadExample as error:
            problem = str(error)
        except (FeedbackStoreError, OSError) as error:
            problem = store_trouble("an answer could not be saved", error)
    st.session_state.answer = (drawing, answer, problem)
    st.session_state.saved_rows = saved + kept  # what take_back, or the next answer, removes
    st.session_state.saved_at = time.monotonic()


def visit() -> str:
    """This browser session's random name, saved with its answers: the room's wall shows each visit's latest drawing
    alone, so one visitor answering fast cannot fill it. No name or address."""
    return st.session_state.setdefault("visit", secrets.token_hex(8))


def western_digits(typed: str) -> str:
    """The digits a visitor typed, in any script ("٣٥٨" on an Arabic keyboard, "３５８" full-width), as 0-9 ("358");
    "" if any character is no digit."""
    digits = [unicodedata.decimal(character, None) for character in typed]
    return "".join(map(str, digits)) if digits and None not in digits else ""


def store_trouble(what: str, error: Exception) -> str:
    """What a visitor is told when the feedback database fails: that it did, not where it is or SQLite's words (the
    server's paths are not theirs to see); the reason goes to the server's log, for whoever runs it."""
    _log.warning("digitpad: %s: %s", what, error)
    return STORE_TROUBLE


def off_the_wall() -> None:
    """ "Show my drawings on the wall" switched off: what this visit let the wall show leaves it too, as the switch's
    words say (it stayed up). Switched back on, the wall shows what is answered from then on."""
    from digitpad.learning.feedback import FeedbackStore, FeedbackStoreError

    if st.session_state.get("on_wall", True) or not FEEDBACK_PATH.is_file():
        return
    try:
        FeedbackStore(FEEDBACK_PATH).hide(visit())
    except (FeedbackStoreError, OSError) as error:
        st.session_state.off_wall_problem = store_trouble("drawings could not be taken off the wall", error)


def take_back() -> None:
    """The "Take my answer back" button under a saved answer: remove the rows it saved, and ask again (a mistapped
    digit must not teach the next model). A database that cannot be changed is said under the answer, which stands.
    A click within TAKE_BACK_AFTER_S of the save is the second of a double-click on "Yes": the answer stands."""
    from digitpad.learning.feedback import FeedbackStore, FeedbackStoreError

    if time.monotonic() - st.session_state.get("saved_at", float("-inf")) < TAKE_BACK_AFTER_S:
        return
    drawing, *_ = st.session_state.get("answer") or (None,)
    try:  # a second click: nothing left to remove
        FeedbackStore(FEEDBACK_PATH).remove(st.session_state.get("saved_rows") or [], drawing)
    except (FeedbackStoreError, OSError) as error:
        st.session_state.take_back_problem = store_trouble("an answer could not be taken back", error)
        return
    st.session_state.answer = st.session_state.saved_rows = None


def save_correction(key: str, predictions: list[Prediction], canvas_png: bytes, on_wall: bool) -> None:
    """The "No, it was" widget's callback: save what the user picked or typed (the widget's value, under `key`)."""
    answer = st.session_state[key]
    if answer not in (None, ""):  # a selection or a text taken back: nothing to save
        save_answer(predictions, canvas_png, str(answer), on_wall)


def drawing_id(canvas_png: bytes) -> str:
    """A short name for one drawing: a new stroke makes a new one, and with it a fresh question."""
    from digitpad.learning.feedback import picture_name

    return picture_name(canvas_png)


def with_article(digits: str) -> str:
    """ "a 7", "an 8"; a number as it is ("42")."""
    return digits if len(digits) != 1 else f"{'an' if digits == '8' else 'a'} {digits}"


def ask_if_right(
    predictions: list[Prediction], canvas_png: bytes, made: str = "drawing", on_wall: bool = False
) -> None:
    """Ask "was it right?" of a digit or a number: a yes, or what it really was (a digit to pick, or a number to
    type). Either saves each digit's input with its digit for retraining (train_model.py --feedback), and `canvas_png`
    for the room's wall if `on_wall`; once saved, this drawing shows a thank-you instead. `made` names what the user
    gave: "drawing" or "photo"."""
    drawing, read = drawing_id(canvas_png), "".join(str(p.digit) for p in predictions)
    answered, answer, problem = st.session_state.get("answer") or (None, None, None)
    if answered == drawing and problem is None:
        st.success(
            f"Saved as {with_article(answer)}: thank you, the next model learns from it.", icon=":material/check:"
        )
        st.button("Take my answer back", icon=":material/undo:", on_click=take_back, help="Remove it, and answer again")
        if trouble := st.session_state.pop("take_back_problem", None):
            st.error(f"Your answer could not be taken back: {trouble}.", icon=":material/error:")
        return
    if answered == drawing:
        st.error(f"Your answer could not be saved: {problem}. Your {made} is still here.", icon=":material/error:")
    st.markdown("**Was it right?** Your answer teaches the next model.")
    yes, no = st.columns([2, 3], vertical_alignment="bottom")
    yes.button(
        f"Yes, {with_article(read)}",
        icon=":material/check:",
        on_click=save_answer,
        args=(predictions, canvas_png, read, on_wall),
    )
    key = f"correction-{drawing}"
    answer_with = (key, predictions, canvas_png, on_wall)  # the callback's arguments
    if len(predictions) == 1:
        others = [digit for digit in range(NUM_CLASSES) if digit != predictions[0].digit]
        # wrap: in a column, pills otherwise stay on one row and scroll, hiding 5-9 behind a scroll bar on a desktop
        no.pills("No, it was a", others, key=key, on_change=save_correction, args=answer_with, wrap=True)
    else:
        no.text_input(
            "No, it was",
            key=key,
            max_chars=len(predictions),
            on_change=save_correction,
            args=answer_with,
            placeholder=f"the {len(predictions)} digits, left to right",
        )
