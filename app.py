"""digitpad's page: draw a digit with a mouse, pen or finger, or show it a photo, and see what the model reads.

In the Draw tab: strokes on a 280x280 canvas, and the pen width from the sidebar; a digit is read from its strokes'
paths, re-drawn at the pen width the model was trained for (digitpad.canvas). Out: the predicted digit with its
confidence (or a plain "not sure" with the two likeliest digits), all ten probabilities on a fixed 0-1 axis, the 28x28
image the model saw, and a "was it right?" that saves the drawing with its true digit for retraining. In number mode
(sidebar) the canvas is wide: the number, each digit's input and confidence, and the same question. In the Photo
tab: an uploaded image or a camera photo, read as `digitpad predict` reads a file (digitpad.reader): a drawing or a
photo of paper, one digit or several; out, the image with each digit boxed, what was cut out of a photo, the digit or
number read, and the same question.
Run it with `streamlit run app.py`; the model comes from digitpad.config.MODEL_PATH ($DIGITPAD_MODEL), the number
reader's drawings-only classifier and piece judge from DRAWN_MODEL_PATH ($DIGITPAD_DRAWN_MODEL) and PIECES_MODEL_PATH
($DIGITPAD_PIECES_MODEL), users' answers go to FEEDBACK_PATH ($DIGITPAD_FEEDBACK).
"""

from __future__ import annotations

import gc
import hashlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import cv2
import numpy as np
import streamlit as st
from streamlit_drawable_canvas import CanvasResult, st_canvas

from digitpad.canvas import canvas_input
from digitpad.config import (
    CANVAS_SIZE,
    CHART_HEIGHT,
    DEFAULT_STROKE_WIDTH,
    DRAWN_MODEL_PATH,
    FEEDBACK_PATH,
    INK_COLOUR,
    MAX_STROKE_WIDTH,
    MIN_STROKE_WIDTH,
    MODEL_PATH,
    NUM_CLASSES,
    NUMBER_CANVAS,
    OTHER_BAR_COLOUR,
    PAPER_COLOUR,
    PIECES_MODEL_PATH,
    PREDICTED_BAR_COLOUR,
    PREVIEW_SIZE,
    SIDE_BY_SIDE_GAP,
    SURE_OF_ONE,
    UNSURE_BELOW,
)
from digitpad.images import SUPPORTED_EXTENSIONS, ImageReadError, decode, read_upload
from digitpad.preprocess import ImageError

if TYPE_CHECKING:
    import altair as alt

    from digitpad.classifier import DigitClassifier, Prediction
    from digitpad.number import NumberReading
    from digitpad.pieces import PieceJudge
    from digitpad.reader import Reader

    NumberReader = tuple[DigitClassifier, PieceJudge]  # read_number's models: both classifiers as one, and the judge

TABS = ("Draw", "Photo")
HIGHLIGHT_RGB = tuple(int(PREDICTED_BAR_COLOUR[i : i + 2], 16) for i in (1, 3, 5))  # "#e8590c" -> (232, 89, 12)
MODES = ("One digit", "A number")
PROMPT = "Draw in the black box to see what the model reads."
NOT_A_DIGIT = "That doesn't look like a digit."
ON_WALL_HELP = "A drawing you confirm or correct may appear on the presenter's screen: no name or address, ever"
WALL_REFRESH_S = 3  # the wall reads the room's answers again this often
WALL_DRAWINGS = 8  # the latest drawings it shows
PHOTO_PROMPT = "Upload a photo or scan of digits written on paper, or a drawing, or take a photo with the camera."
Model = TypeVar("Model")


@st.cache_resource(show_spinner="Loading the model…")
def load_classifier(path: Path) -> DigitClassifier:
    """The model at `path`, loaded once per server process and shared by every session."""
    import altair  # noqa: F401  the chart's libraries, imported after the canvas is up but before the freeze below
    import pandas  # noqa: F401

    from digitpad import preload
    from digitpad.classifier import DigitClassifier  # imports TensorFlow (seconds): only after the canvas is up

    # Loaded as the server started, when started by digitpad.preload (`python -m digitpad app`, or a room)
    classifier = preload.take(("classifier", path), lambda: DigitClassifier.load(path))

    # TensorFlow and Keras leave millions of objects that live as long as the server, and Streamlit runs a full garbage
    # collection after every script run (two once Keras is loaded). Freezing them out of collection cut a stroke's
    # server CPU from about 1 s to 70 ms on a busy 2-core machine, and its latency by half (benchmarks/page_latency.py).
    gc.freeze()
    return classifier


@st.cache_resource(show_spinner="Loading the number reader…")
def load_number_reader(model: Path, drawn_model: Path, judge: Path) -> NumberReader:
    """Number mode's models, loaded once per server process, the first time a number is read: the digit model and
    the drawings-only one as one classifier (DigitClassifier.for_numbers), and the piece judge (digitpad.pieces)."""
    from digitpad import preload
    from digitpad.classifier import DigitClassifier  # imports TensorFlow: as late as load_classifier
    from digitpad.pieces import PieceJudge

    reader = preload.take(
        ("number reader", model, drawn_model, judge),
        lambda: (DigitClassifier.for_numbers(model, drawn_model), PieceJudge.load(judge)),
    )
    gc.freeze()  # as in load_classifier: Keras' new objects out of every rerun's garbage collection
    return reader


@st.cache_resource(show_spinner="Loading the reader…")
def load_reader(model: Path, drawn_model: Path, judge: Path) -> Reader:
    """The reader of uploaded images (digitpad.reader), from the models already loaded for the canvas."""
    from digitpad.reader import Reader  # imports TensorFlow: as late as load_classifier

    number_classifier, piece_judge = load_number_reader(model, drawn_model, judge)
    return Reader(load_classifier(model), number_classifier, piece_judge)


def model_or_error(load: Callable[..., Model], *paths: Path) -> Model | None:
    """`load(*paths)`, or None after showing why a model could not be loaded."""
    from digitpad.model import ModelError  # imports Keras: as late as load_classifier

    try:
        return load(*paths)
    except ModelError as error:
        st.error(str(error), icon=":material/error:")
        return None


def number_reader_or_error() -> NumberReader | None:
    """Number mode's models (load_number_reader) from their configured paths, or None after showing why not."""
    return model_or_error(load_number_reader, MODEL_PATH, DRAWN_MODEL_PATH, PIECES_MODEL_PATH)


def canvas_key(number: bool) -> str:
    """The canvas's widget key, one per mode; the Clear button moves it on, which mounts a fresh, empty canvas."""
    return f"{'number' if number else 'digit'}-canvas-{st.session_state.setdefault('canvas_round', 0)}"


def clear_canvas() -> None:
    st.session_state.canvas_round += 1
    st.session_state.pop("carried_drawing", None)


def drawn_image(canvas: CanvasResult) -> np.ndarray | None:
    """The canvas's pixels as [280, 280, 4] uint8 RGBA (opaque: white ink on black), or None before the first stroke.

    The browser sends a PNG data URL; it is decoded with digitpad.images' checks, which raise ImageReadError for
    anything that is not a sound PNG (the canvas never sends one, but a hand-made request could).
    """
    try:
        png = canvas.image_bytes
    except ValueError as error:  # not base64 at all
        raise ImageReadError(f"the canvas's data is not an image ({error})") from None
    return decode(io.BytesIO(png)) if png else None  # None or b"": nothing drawn yet


def probability_chart(prediction: Prediction) -> alt.Chart:
    """The ten probabilities as bars on a fixed 0-1 axis (heights compare across strokes), the predicted one marked."""
    import altair as alt  # with pandas, half a second: imported once there is a chart to draw, not before the canvas
    import pandas as pd

    bars = pd.DataFrame(
        {
            "digit": [str(digit) for digit in range(len(prediction.probabilities))],
            "probability": prediction.probabilities.astype(float),
            "predicted": np.arange(len(prediction.probabilities)) == prediction.digit,
        }
    )
    return (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            x=alt.X("digit:O", title="Digit", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("probability:Q", title="Probability", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
            color=alt.Color(
                "predicted:N",
                scale=alt.Scale(domain=[True, False], range=[PREDICTED_BAR_COLOUR, OTHER_BAR_COLOUR]),
                legend=None,
            ),
            tooltip=["digit:O", alt.Tooltip("probability:Q", format=".1%")],
        )
        .properties(height=CHART_HEIGHT)
    )


def enlarged(model_input: np.ndarray) -> np.ndarray:
    """The [28, 28] model input as a PREVIEW_SIZE-square uint8 image, each pixel a sharp block (no smoothing)."""
    pixels = np.round(model_input * 255).astype(np.uint8)
    return cv2.resize(pixels, (PREVIEW_SIZE, PREVIEW_SIZE), interpolation=cv2.INTER_NEAREST)


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
    st.altair_chart(probability_chart(prediction))
    st.markdown("**What the model sees**")
    # PNG: Streamlit's default here, JPEG, would smear the pixel blocks' edges
    seen, reasons = st.columns(2) if why is not None else (st.container(), None)
    seen.image(enlarged(prediction.model_input), "28 × 28 pixels, enlarged", width=PREVIEW_SIZE, output_format="PNG")
    if reasons is not None:
        caption = "Why: the parts whose blanking most lowers its belief"
        reasons.image(why_image(prediction.model_input, why), caption, width=PREVIEW_SIZE, output_format="PNG")


def show_verdict(prediction: Prediction, why: np.ndarray | None = None) -> None:
    """The prediction, or, for what the "not a digit" judge flags, a plain message with the prediction folded under."""
    if prediction.is_digit:
        show_prediction(prediction, why)
        return
    st.warning(NOT_A_DIGIT, icon=":material/block:")
    with st.expander("What the model would say if it had to name a digit"):
        show_prediction(prediction, why)


def switch_to_number_mode(drawing: dict | None) -> None:
    """The "Read it as a number" button: number mode, starting from this drawing. The button is in the canvas's
    fragment, whose reruns leave the sidebar's mode as it was: the fragment asks for a whole rerun (drawing_pad)."""
    st.session_state.draw_mode = MODES[1]
    st.session_state.carried_drawing = drawing
    st.session_state.whole_rerun = True


def side_by_side(image: np.ndarray) -> bool:
    """Whether the drawing's ink has an empty band of columns inside it, SIDE_BY_SIDE_GAP px wide or more: two digits
    drawn side by side do; one digit, or most of one while it is being drawn, does not (and need not be read by the
    number reader after every stroke)."""
    columns = (image[:, :, 0] if image.ndim == 3 else image).max(axis=0) > 0
    inked = np.flatnonzero(columns)
    if len(inked) == 0:
        return False
    return bool(np.diff(inked).max(initial=1) > SIDE_BY_SIDE_GAP)


def offer_number(image: np.ndarray, prediction: Prediction, drawing: dict | None) -> None:
    """Several digits drawn on the one-digit canvas: the number the number reader finds, and a button to number mode
    keeping the drawing. Only asked when the classifier is not sure the drawing is one digit (config.SURE_OF_ONE)."""
    if prediction.is_digit and prediction.confidence >= SURE_OF_ONE or not side_by_side(image):
        return
    reader = number_reader_or_error()
    if reader is None:
        return
    from digitpad.number import read_number  # imports TensorFlow: as late as load_classifier

    reading = read_number(*reader, image)
    if len(reading.predictions) > 1:
        st.info(f"This looks like a number: **{reading.number}**.", icon=":material/pin:")
        st.button("Read it as a number", icon=":material/pin:", on_click=switch_to_number_mode, args=(drawing,))


def show_number(reading: NumberReading) -> None:
    """The number, a plain warning naming any digit it is unsure of, and each digit's input with its confidence."""
    st.metric("Number", reading.number)
    unsure = [str(i + 1) for i, p in enumerate(reading.predictions) if p.confidence < UNSURE_BELOW]
    if unsure:
        st.warning(f"Not sure of digit {', '.join(unsure)} (counting from the left).", icon=":material/help:")
    for column, prediction in zip(st.columns(len(reading.predictions)), reading.predictions, strict=True):
        caption = f"{prediction.digit}: {prediction.confidence:.0%} sure"
        column.image(enlarged(prediction.model_input), caption=caption, output_format="PNG")


def save_answer(predictions: list[Prediction], canvas_png: bytes, answer: str) -> None:
    """Store each digit's input with the digit the user says it is (`answer`, a digit for each), and remember how that
    went for this drawing. `canvas_png` is the whole image the digits were read from: the canvas, or a photo's ink."""
    from digitpad.feedback import BadExample, FeedbackStore, FeedbackStoreError

    problem = None
    if not (answer.isascii() and answer.isdigit() and len(answer) == len(predictions)):
        problem = f"type the {len(predictions)} digits you drew, not {answer!r}"
    else:
        try:
            store = FeedbackStore(FEEDBACK_PATH)
            for prediction, digit in zip(predictions, answer, strict=True):
                on_wall = st.session_state.get("on_wall", True)
                store.add(prediction.model_input, canvas_png, int(digit), prediction.digit, on_wall)
        except (FeedbackStoreError, BadExample, OSError) as error:
            problem = str(error)
    st.session_state.answer = (drawing_id(canvas_png), answer, problem)


def save_correction(key: str, predictions: list[Prediction], canvas_png: bytes) -> None:
    """The "No, it was" widget's callback: save what the user picked or typed (the widget's value, under `key`)."""
    answer = st.session_state[key]
    if answer not in (None, ""):  # a selection or a text taken back: nothing to save
        save_answer(predictions, canvas_png, str(answer))


def drawing_id(canvas_png: bytes) -> str:
    """A short name for one drawing: a new stroke makes a new one, and with it a fresh question."""
    return hashlib.sha256(canvas_png).hexdigest()[:16]


def ask_if_right(predictions: list[Prediction], canvas_png: bytes) -> None:
    """Ask "was it right?" of a digit or a number: a yes, or what it really was (a digit to pick, or a number to
    type). Either saves each digit's input with its digit for retraining (train_model.py --feedback); once saved,
    this drawing shows a thank-you instead."""
    drawing, read = drawing_id(canvas_png), "".join(str(p.digit) for p in predictions)
    article = "a " if len(predictions) == 1 else ""
    answered, answer, problem = st.session_state.get("answer", (None, None, None))
    if answered == drawing and problem is None:
        st.success(f"Saved as {article}{answer}: thank you, the next model learns from it.", icon=":material/check:")
        return
    if answered == drawing:
        st.error(f"Your answer could not be saved: {problem}. What you drew is still here.", icon=":material/error:")
    st.markdown("**Was it right?** Your answer teaches the next model.")
    yes, no = st.columns([2, 3], vertical_alignment="bottom")
    yes.button(
        f"Yes, {article}{read}", icon=":material/check:", on_click=save_answer, args=(predictions, canvas_png, read)
    )
    key = f"correction-{drawing}"
    answer_with = (key, predictions, canvas_png)  # the callback's arguments
    if len(predictions) == 1:
        others = [digit for digit in range(NUM_CLASSES) if digit != predictions[0].digit]
        no.pills("No, it was a", others, key=key, on_change=save_correction, args=answer_with)
    else:
        no.text_input(
            "No, it was",
            key=key,
            max_chars=len(predictions),
            on_change=save_correction,
            args=answer_with,
            placeholder=f"the {len(predictions)} digits you drew",
        )


def drawn_or_error(canvas: CanvasResult) -> np.ndarray | None:
    """The canvas's image, or None after showing a prompt (nothing drawn) or why the drawing could not be read."""
    try:
        image = drawn_image(canvas)
    except ImageReadError as error:
        st.error(f"This drawing could not be read: {error}. Clear it and draw again.", icon=":material/error:")
        return None
    if image is None:
        st.info(PROMPT, icon=":material/draw:")
    return image


def show_result(canvas: CanvasResult, classifier: DigitClassifier, number: bool, why: bool) -> None:
    """What the model reads on the canvas (a digit, or a number), a prompt when it is empty, or why it could not be
    read; with `why`, which parts of a digit drove the answer."""
    image = drawn_or_error(canvas)
    if image is None:
        return
    from digitpad.explain import occlusion_map  # these import TensorFlow: as late as load_classifier
    from digitpad.number import read_number

    reader = number_reader_or_error() if number else None
    if number and reader is None:
        return
    try:
        reading = read_number(*reader, image) if number else None
        model_input = None if number else canvas_input(canvas.json_data, image)  # its strokes, else its pixels
    except ImageError as error:
        st.error(f"This drawing could not be read: {error}. Clear it and draw again.", icon=":material/error:")
        return
    if reading is not None and reading.number is not None:
        show_number(reading)
        ask_if_right(reading.predictions, canvas.image_bytes)
    elif model_input is not None:
        prediction = classifier.predict(model_input)
        offer_number(image, prediction, canvas.json_data)
        show_verdict(prediction, occlusion_map(classifier, model_input) if why else None)
        if prediction.is_digit:
            ask_if_right([prediction], canvas.image_bytes)
    else:
        st.info(PROMPT, icon=":material/draw:")


@st.fragment
def drawing_pad(stroke_width: int, number: bool, why: bool) -> None:
    """The canvas and everything computed from it: a stroke reruns only this, not the whole page. A number's canvas
    is wide, so its result goes below it rather than beside."""
    if st.session_state.pop("whole_rerun", False):
        st.rerun(scope="app")
    height, width = NUMBER_CANVAS if number else (CANVAS_SIZE, CANVAS_SIZE)
    pad, result = (st.container(), st.container()) if number else st.columns(2, gap="medium")
    with pad:
        canvas = st_canvas(
            stroke_width=stroke_width,
            stroke_color=INK_COLOUR,
            background_color=PAPER_COLOUR,
            update_streamlit=True,
            height=height,
            width=width,
            drawing_mode="freedraw",
            return_image_data=True,
            initial_drawing=st.session_state.get("carried_drawing") if number else None,
            key=canvas_key(number),
        )
        st.button("Clear", icon=":material/ink_eraser:", on_click=clear_canvas)
    with result:
        classifier = model_or_error(load_classifier, MODEL_PATH)  # after the canvas: usable while the model loads
        if classifier is not None:
            show_result(canvas, classifier, number, why)


def with_boxes(image: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    """The image in colour, with a box in the highlight colour around each digit read."""
    pixels = image if image.dtype == np.uint8 else cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX, cv2.CV_8U)
    picture = cv2.cvtColor(pixels, cv2.COLOR_GRAY2RGB) if pixels.ndim == 2 else pixels[:, :, :3].copy()
    thickness = max(2, max(picture.shape[:2]) // 300)
    for x, y, width, height in (map(int, box) for box in boxes):
        cv2.rectangle(picture, (x, y), (x + width - 1, y + height - 1), HIGHLIGHT_RGB, thickness)
    return picture


def photo_page() -> None:
    """An image file or a camera photo, read by digitpad.reader as the CLI reads a file: a drawing or a photo of
    paper, one digit or several. Shows the image with the digits boxed, what was cut out of a photo, and the reading."""
    upload = st.file_uploader("A photo or scan of digits on paper, or a drawing", type=list(SUPPORTED_EXTENSIONS))
    # The camera asks the browser for permission: only once the visitor turns it on
    camera = st.camera_input("Take a photo of digits on paper") if st.toggle("Use the camera") else None
    picture = camera or upload
    if picture is None:
        st.info(PHOTO_PROMPT, icon=":material/photo_camera:")
        return
    try:
        image = read_upload(picture.getvalue())
    except ImageReadError as error:
        st.error(f"{picture.name} could not be read: {error}. Try a PNG or JPEG photo.", icon=":material/error:")
        return
    reader = model_or_error(load_reader, MODEL_PATH, DRAWN_MODEL_PATH, PIECES_MODEL_PATH)
    if reader is None:
        return
    try:
        reading = reader.read(image)
    except ImageError as error:
        st.error(f"{picture.name} could not be read: {error}.", icon=":material/error:")
        return
    shown, cut_out = st.columns(2)
    shown.image(with_boxes(image, reading.digits.boxes), caption=f"Your {reading.kind}")
    if reading.ink is not None:
        cut_out.image(reading.ink, caption="What it cut out: ink, with the paper, lines and specks gone")
    if reading.single is not None:
        show_verdict(reading.single)
    elif reading.number is not None:
        show_number(reading.digits)
    else:
        st.info("No digits found: write larger and darker, and fill the frame.", icon=":material/search_off:")
        return
    if reading.verdict == "not a digit":
        return
    # Saved with each digit: what the digits were read from (a photo's cleaned ink, tens of kB as PNG, not the photo,
    # which may be megabytes and show more than the digits; a drawing as it came)
    predictions = [reading.single] if reading.single else reading.digits.predictions
    ask_if_right(predictions, cv2.imencode(".png", reading.ink if reading.ink is not None else image)[1].tobytes())


def join_address() -> str:
    """The address a visitor opens: the one the wall itself was opened at, less its query."""
    return f"http://{st.context.headers.get('Host', 'localhost:8501')}/"


def qr_png(text: str) -> bytes:
    import segno  # only the wall needs it

    png = io.BytesIO()
    segno.make(text, error="m").save(png, kind="png", scale=12, border=2)
    return png.getvalue()


@st.fragment(run_every=WALL_REFRESH_S)
def wall_live() -> None:
    """The room's latest drawings (of those whose users let the wall show them) and every answer's tally, read afresh
    from the shared feedback database every WALL_REFRESH_S, without reloading the page."""
    from digitpad.feedback import FeedbackStoreError, Wall

    try:
        wall = Wall.read(FEEDBACK_PATH, WALL_DRAWINGS)
    except FeedbackStoreError as error:
        st.error(f"The room's answers cannot be read: {error}", icon=":material/error:")
        return
    right, corrected = st.columns(2)
    right.metric("Confirmed right", wall.right)
    corrected.metric("Corrected", wall.corrected)
    if not wall.latest:
        st.info("No drawings yet: the first confirmed or corrected drawing appears here.", icon=":material/draw:")
        return
    for column, (label, read, png) in zip(st.columns(len(wall.latest)), wall.latest, strict=True):
        column.image(png, caption=f"read {read}" + ("" if label == read else f", was {label}"))
    import pandas as pd  # as late as the chart's

    digits = range(NUM_CLASSES)
    st.markdown("**The room's confusion matrix**")
    st.dataframe(pd.DataFrame(wall.confusion, [f"drawn {d}" for d in digits], [f"read {d}" for d in digits]))


def wall_page() -> None:
    """The presenter's screen (`?wall`): the address to join, as a QR code and as text, and the room live."""
    address = join_address()
    code, live = st.columns([1, 3], gap="large")
    code.image(qr_png(address), caption="Scan to draw with us")
    code.markdown(f"### {address}")
    with live:
        wall_live()


def draw_page() -> None:
    """The canvas, with its settings in the sidebar."""
    mode = st.sidebar.radio(
        "Draw", MODES, key="draw_mode", help="One digit 0-9, or several side by side: a year, an extension"
    )
    number = mode == MODES[1]
    what = "a number, digits side by side," if number else "one digit, 0 to 9,"
    st.write(f"Draw {what} in the black box: the prediction updates after every stroke.")
    st.space("small")  # room for the canvas's toolbar, which appears above it on hover
    pen_help = "One digit is read from its strokes, whatever their width; a number from its picture"
    stroke_width = st.sidebar.slider(
        "Pen width (px)", MIN_STROKE_WIDTH, MAX_STROKE_WIDTH, DEFAULT_STROKE_WIDTH, help=pen_help
    )
    why = st.sidebar.toggle("Show why", disabled=number, help="Light up the parts of a digit its answer rests on")
    st.sidebar.toggle("Show my drawings on the wall", value=True, key="on_wall", help=ON_WALL_HELP)
    drawing_pad(stroke_width, number, why)


def main() -> None:
    wall = "wall" in st.query_params
    st.set_page_config(page_title="digitpad", page_icon=":material/draw:", layout="wide" if wall else "centered")
    st.title("digitpad")
    if wall:
        wall_page()
        return
    # on_change="rerun": only the open tab runs, so the canvas tab never pays for the photo tab and vice versa
    draw, photo = st.tabs(TABS, key="tab", on_change="rerun")
    if draw.open:
        with draw:
            draw_page()
    if photo.open:
        with photo:
            photo_page()


main()
