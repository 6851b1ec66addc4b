"""The drawing page: one digit, or a number, drawn with a mouse, pen or finger.

In: strokes on the canvas (280x280, or wide in number mode) and the sidebar's mode, pen width and toggles. A digit is
read from its strokes' paths, re-drawn at the pen width the model was trained for (digitpad.reading.canvas); a number
from the canvas's picture (digitpad.models.number). Out: the reading (digitpad.serving.widgets) after every stroke,
rerunning only the canvas's fragment; for several digits drawn on the one-digit canvas, the number they read and a
button that carries the drawing to number mode.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import streamlit as st
from PIL import Image
from streamlit_drawable_canvas import CanvasResult, st_canvas

from digitpad.config import (
    CANVAS_PICTURE_SCALE,
    CANVAS_SIZE,
    DEFAULT_STROKE_WIDTH,
    INK_COLOUR,
    MAX_STROKE_WIDTH,
    MIN_STROKE_WIDTH,
    MODEL_PATH,
    NUMBER_CANVAS,
    NUMBER_CANVAS_PHONE,
    PAPER_COLOUR,
    RESULT_GAP,
    RESULT_WIDTH,
    SIDE_BY_SIDE_GAP,
    SURE_OF_ONE,
)
from digitpad.reading.canvas import a_tap, clipped, drawing_input, drawn_strokes, fabric_picture, fitted
from digitpad.reading.images import ImageReadError, decode
from digitpad.reading.preprocess import ImageError
from digitpad.serving.column import column_width
from digitpad.serving.loaders import load_classifier, model_or_error, number_reader_or_error
from digitpad.serving.mends import clear_key
from digitpad.serving.reconnect import rerun_on_reconnect
from digitpad.serving.widgets import (
    NOT_A_DIGIT,
    NOT_DIGITS,
    ask_if_right,
    off_the_wall,
    on_phone,
    remembered,
    show_number_verdict,
    show_verdict,
)

if TYPE_CHECKING:
    from digitpad.models.classifier import DigitClassifier, Prediction

MODES = ("One digit", "A number")
MODE_PARAM = "mode"  # the address's ?mode=number
OFF_WALL_PARAM = "wall_off"  # the address's ?wall_off: "Show my drawings on the wall" switched off
PROMPT = "Draw in the black box to see what the model reads."
PHOTO_PAGE = Path(__file__).with_name("photo_page.py")  # the page app.py's navigation runs from this folder
# The sidebar's settings, with their defaults, kept through a visit to the Photo page (widgets.remembered)
SETTINGS = {"draw_mode": MODES[0], "pen": DEFAULT_STROKE_WIDTH, "why": False, "on_wall": True}
# Under "Show my drawings on the wall", saying its state in words: in a high-contrast mode the switch shows none
ON_WALL_HELP = {
    True: "On: a drawing you confirm or correct may appear on the presenter's screen, with no name or address, ever.",
    False: "Off: your drawings stay off the presenter's screen, those already shown too.",
}


def canvas_key(number: bool) -> str:
    """The canvas's widget key, one per mode. Clear moves it on, which mounts a fresh, empty canvas, where the
    browser cannot clear the canvas in place (mends.clear_key)."""
    return f"{mode_name(number)}-canvas-{st.session_state.setdefault('canvas_round', 0)}"


def mode_name(number: bool) -> str:
    return "number" if number else "digit"


def kept_drawings() -> dict[str, dict]:
    """Each mode's last drawing (Fabric JSON, as the canvas sends it), by mode_name."""
    return st.session_state.setdefault("kept_drawings", {})


def kept_pictures() -> dict[str, bytes]:
    """The picture the browser painted of each mode's kept drawing (PNG bytes), by mode_name: a canvas mounted with
    the drawing again sends its strokes only, and the same drawing must be read the same (with_picture)."""
    return st.session_state.setdefault("kept_pictures", {})


def clear_canvas(number: bool) -> None:
    st.session_state.canvas_round += 1
    kept_drawings().pop(mode_name(number), None)
    kept_pictures().pop(mode_name(number), None)


def starting_drawing(key: str, number: bool) -> dict | None:
    """The drawing the canvas under `key` mounts with: what this mode's canvas held when the user last left it (for
    the Photo page or the other mode: Streamlit forgets a widget it did not draw), or one carried to number mode; None
    after Clear. The same while the canvas stays mounted, as a changed initial_drawing redraws it."""
    starts, mode = st.session_state.setdefault("canvas_starts", {}), mode_name(number)
    if key not in st.session_state:  # not mounted, or nothing drawn on it since it was
        starts[mode] = kept_drawings().get(mode)
    return starts[mode]


def keep_drawing(canvas: CanvasResult, number: bool) -> None:
    """Remember what this mode's canvas holds, and its picture, for starting_drawing and with_picture."""
    if canvas.json_data is None:  # a canvas just mounted, which has sent nothing yet
        return
    kept_drawings()[mode_name(number)] = canvas.json_data
    try:
        kept_pictures()[mode_name(number)] = picture(canvas) or b""
    except ImageReadError:  # no picture: drawn_or_error says so
        kept_pictures().pop(mode_name(number), None)


def drawn_image(canvas: CanvasResult, shape: tuple[int, int]) -> np.ndarray | None:
    """The pixels of the canvas of `shape` (height, width) as [H, W, 4] uint8 RGBA (opaque: white ink on black); None
    before the first stroke.

    The browser sends a PNG data URL; it is decoded with digitpad.reading.images' checks, which raise ImageReadError for
    anything that is not a sound PNG, or one larger than CANVAS_PICTURE_SCALE times the canvas (the canvas never sends
    one, but a visitor's script could: a 9000 x 9000 px picture took 1.2 GB a visitor to decode, all at once).
    """
    png = picture(canvas)
    if not png:  # None or b"": nothing drawn yet
        return None
    largest = (shape[1] * CANVAS_PICTURE_SCALE, shape[0] * CANVAS_PICTURE_SCALE)
    return decode(io.BytesIO(png), formats=("PNG",), largest=largest)


def picture(canvas: CanvasResult) -> bytes | None:
    """The canvas's picture, the PNG file's bytes undecoded; None or b"" before the first stroke. ImageReadError for
    data that is not base64 at all."""
    try:
        return canvas.image_bytes
    except ValueError as error:
        raise ImageReadError(f"the canvas's data is not an image ({error})") from None


def with_picture(canvas: CanvasResult, number: bool, shape: tuple[int, int]) -> CanvasResult:
    """The canvas as the page reads it. A canvas mounted with a drawing on it (one kept, or carried to number mode)
    sends the drawing's strokes but not their picture until the next stroke, which a number and the pixels' fallback
    both need: the picture the browser painted of a kept drawing, else one painted again from the
    strokes (canvas.fabric_picture, close to the browser's but not the same pixels)."""
    try:
        if canvas.json_data is None or picture(canvas):
            return canvas
    except ImageReadError:  # a picture that is no image: drawn_or_error says so
        return canvas
    png = kept_pictures().get(mode_name(number))
    if not png or not same_strokes(canvas.json_data, kept_drawings().get(mode_name(number))):
        painted = fabric_picture(canvas.json_data, shape)
        if painted is None:
            return canvas
        png = as_png(painted)
    return CanvasResult(canvas.json_data, "data:image/png;base64," + base64.b64encode(png).decode(), True)


def as_png(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return buffer.getvalue()


def same_strokes(json_data: dict, other: dict | None) -> bool:
    """Whether two of the canvas's drawings hold the same strokes (to a hundredth of a px: Fabric rounds them)."""
    strokes, others = drawn_strokes(json_data), drawn_strokes(other)
    return (
        bool(strokes)
        and len(strokes) == len(others)
        and all(a.shape == b.shape and np.allclose(a, b, atol=0.01) for a, b in zip(strokes, others, strict=True))
    )


def switch_to_number_mode(drawing: dict | None) -> None:
    """The "Read it as a number" button: number mode, starting from this drawing. The button is in the canvas's
    fragment, whose reruns leave the sidebar's mode as it was: the fragment asks for a whole rerun (drawing_pad)."""
    st.session_state.draw_mode = MODES[1]
    kept_drawings()[mode_name(True)] = fitted(drawing, canvas_shape(True))  # lower than the square: feet kept
    kept_pictures().pop(mode_name(True), None)  # painted again at the number canvas's size
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


def offer_number(
    canvas: CanvasResult, prediction: Prediction, classifier: DigitClassifier, shape: tuple[int, int]
) -> None:
    """Several digits drawn on the one-digit canvas: the number the number reader finds, and a button to number mode
    keeping the drawing. Only asked when the classifier is not sure the drawing is one digit (config.SURE_OF_ONE):
    only then is the canvas's picture decoded."""
    if prediction.is_digit and prediction.confidence >= SURE_OF_ONE:
        return
    try:
        image = drawn_image(canvas, shape)
    except ImageReadError:  # no picture to read a number from: the digit's reading stands alone
        return
    if image is None or not side_by_side(image):
        return
    reader = number_reader_or_error()
    if reader is None:
        return
    from digitpad.models.number import read_number, shown  # imports TensorFlow: as late as load_classifier

    reading = read_number(*reader, image)
    if len(reading.predictions) > 1 and shown(reading, classifier):  # not a word written
        st.info(f"This looks like a number: **{reading.number}**.", icon=":material/pin:")
        drawing = canvas.json_data
        st.button("Read it as a number", icon=":material/pin:", on_click=switch_to_number_mode, args=(drawing,))


def drawn_or_error(canvas: CanvasResult, shape: tuple[int, int]) -> np.ndarray | None:
    """The canvas's image, or None after showing a prompt (nothing drawn) or why the drawing could not be read."""
    try:
        image = drawn_image(canvas, shape)
    except ImageReadError as error:
        st.error(f"This drawing could not be read: {error}. Clear it and draw again.", icon=":material/error:")
        return None
    if image is None:
        st.info(PROMPT, icon=":material/draw:")
    return image


def show_result(
    canvas: CanvasResult, classifier: DigitClassifier, number: bool, why: bool, shape: tuple[int, int]
) -> str | None:
    """What the model reads on the canvas (a digit, or a number), a prompt when it is empty, or why it could not be
    read; with `why`, which parts of a digit drove the answer. A digit is read from its strokes; the canvas's picture is
    decoded (about a tenth of a stroke's server time) only for a number, or when the strokes cannot be read. Returns
    the reading in a few words ("**7**, 95% sure", "not a digit"), None when there is none."""
    strokes = [] if number else clipped(drawn_strokes(canvas.json_data), shape)  # what the canvas shows
    if strokes and a_tap(strokes):  # a dot, blown up to the digits' size, read "0, 81% sure"
        st.warning(NOT_A_DIGIT, icon=":material/block:")
        return "not a digit"
    image = None if strokes else drawn_or_error(canvas, shape)
    if image is None and not strokes:
        return None
    from digitpad.models.explain import occlusion_map  # these import TensorFlow: as late as load_classifier
    from digitpad.models.number import read_number, shown

    reader = number_reader_or_error() if number else None
    if number and reader is None:
        return None
    try:
        reading = read_number(*reader, image) if number else None
        model_input = None if number else drawing_input(strokes, image)  # its strokes, else its pixels
    except ImageError as error:
        st.error(f"This drawing could not be read: {error}. Clear it and draw again.", icon=":material/error:")
        return None
    if reading is not None and reading.number is not None:
        like_digits = shown(reading, classifier) is not None  # not a word written
        show_number_verdict(reading, like_digits)
        if like_digits:
            ask_to_save(reading.predictions, canvas, shape)
        return f"**{reading.number}**" if like_digits else "no digits"
    if model_input is not None:
        prediction = classifier.predict(model_input)
        offer_number(canvas, prediction, classifier, shape)
        show_verdict(prediction, occlusion_map(classifier, model_input) if why else None)
        if prediction.is_digit:
            ask_to_save([prediction], canvas, shape)
        return f"**{prediction.digit}**, {prediction.confidence:.0%} sure" if prediction.is_digit else "not a digit"
    if number and (canvas.json_data or {}).get("objects"):  # ink in which no digit was found: not "draw something"
        st.warning(NOT_DIGITS, icon=":material/block:")
        return "no digits"
    st.info(PROMPT, icon=":material/draw:")
    return None


def ask_to_save(predictions: list[Prediction], canvas: CanvasResult, shape: tuple[int, int]) -> None:
    """Ask whether the reading was right (ask_if_right), keeping with the answer the strokes painted again here: the
    room's wall, on the projector, shows them. The picture the browser sends can be made anything by a visitor's
    script; where the strokes cannot be read, it is kept with the answer, off the wall."""
    setting = st.session_state.get("on_wall", SETTINGS["on_wall"])
    painted = fabric_picture(canvas.json_data, shape)
    if painted is not None:  # white on black: one channel holds it all, in a PNG half the size
        ask_if_right(predictions, as_png(painted[:, :, 0]), on_wall=setting)
        return
    try:
        png = picture(canvas)
    except ImageReadError:
        return
    if png:
        ask_if_right(predictions, png, on_wall=False)


def canvas_shape(number: bool, column: int | None = None) -> tuple[int, int]:
    """The canvas's height and width: the one-digit square, or number mode's wide canvas, narrower on a phone and no
    wider than the page's `column` where the browser said how wide it is (a canvas wider is cut off)."""
    if not number:
        return CANVAS_SIZE, CANVAS_SIZE
    height, width = NUMBER_CANVAS_PHONE if on_phone() else NUMBER_CANVAS
    return height, min(width, column or width)


def side_by_side_fits(column: int | None) -> bool:
    """Whether the one-digit canvas and its reading fit side by side: not on a phone, nor in a narrow or zoomed
    window's `column`; the reading then goes under the canvas, and a brief line beside Clear says it."""
    return not on_phone() and (column is None or column >= CANVAS_SIZE + RESULT_GAP + RESULT_WIDTH)


@st.fragment
def drawing_pad(stroke_width: int, number: bool, why: bool, column: int | None = None) -> None:
    """The canvas and everything computed from it: a stroke reruns only this, not the whole page. A number's canvas
    is wide, so its result goes below it rather than beside; `column` is the page's width where the browser said."""
    if st.session_state.pop("whole_rerun", False):
        st.rerun(scope="app")
    height, width = canvas_shape(number, column)
    if number:
        pad, result = st.container(), st.container()
    else:  # side by side where both fit whole, else the result under the canvas (a phone, a narrow window)
        row = st.container(horizontal=True, gap=RESULT_GAP)
        pad, result = row.container(width=CANVAS_SIZE), row.container(width=RESULT_WIDTH)
    key = canvas_key(number)
    start = starting_drawing(key, number)
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
            initial_drawing=start,
            key=key,
        )
        canvas = with_picture(canvas, number, (height, width))
        keep_drawing(canvas, number)
        # Where the result goes under the canvas it is a screen below: what it reads, in a few words, by the pen.
        # Elsewhere Clear stands alone: a container in its place took the one-digit result's place in the element
        # tree, and its old contents stayed on screen after "Read it as a number" (1 of 4 runs of test_browser.py)
        narrow = not side_by_side_fits(column)
        under = st.container(horizontal=True, vertical_alignment="center") if narrow else st
        restored = bool(start and start.get("objects"))  # clear_key: the bin would go back to it
        clear = clear_key(mode_name(number), restored)
        under.button("Clear", icon=":material/ink_eraser:", on_click=clear_canvas, args=(number,), key=clear)
        brief = under.empty() if narrow else None
    with result:
        classifier = model_or_error(load_classifier, MODEL_PATH)  # after the canvas: usable while the model loads
        read = None if classifier is None else show_result(canvas, classifier, number, why, (height, width))
    if brief is not None and read is not None:
        brief.markdown(f"Reads {read} :material/arrow_downward:")


def settings_in_address() -> None:
    """Number mode (?mode=number) and the wall switched off (?wall_off), taken from the address as a session starts
    and written back into it on whichever page the visitor is on: a page link drops the query, and a reload of the
    Photo page, or the new session a restarted room process gives, turned the wall back on. Run by app.py each run."""
    state = st.session_state
    number = st.query_params.get(MODE_PARAM) == mode_name(True)
    state.setdefault("draw_mode", MODES[1] if number else SETTINGS["draw_mode"])
    state.setdefault("on_wall", SETTINGS["on_wall"] and OFF_WALL_PARAM not in st.query_params)
    kept = {
        MODE_PARAM: mode_name(True) if state.draw_mode == MODES[1] else None,
        OFF_WALL_PARAM: None if state.on_wall else "",
    }
    now = st.query_params.to_dict()
    address = {name: value for name, value in now.items() if name not in kept}
    address |= {name: value for name, value in kept.items() if value is not None}
    if address != now:  # each change is a step in the browser's history: only a change
        st.query_params.from_dict(address)


def draw_page() -> None:
    """The canvas, with its settings in the sidebar. Number mode and the wall's switch are in the address too
    (settings_in_address): a reload, or a phone that reopens the tab, comes back to them."""
    mode = st.sidebar.radio(
        "Draw",
        MODES,
        help="One digit 0-9, or several side by side: a year, an extension",
        **remembered("draw_mode", SETTINGS["draw_mode"]),
    )
    number = mode == MODES[1]
    what = "a number, digits side by side," if number else "one digit, 0 to 9,"
    if on_phone():  # two lines, not three, above the canvas; number mode's switch is folded away in the menu
        st.write(f"Draw {what} in the black box." + ("" if number else " A number? It is in the menu (»)."))
    else:
        st.write(f"Draw {what} in the black box: the prediction updates after every stroke.")
    # On a phone the pages' links fold into the closed sidebar: this is how a visitor there finds the camera
    photo = "Take a photo" if on_phone() else "Take or upload a photo of them"  # whole on a 320 px screen
    # With the address's settings: opened in a new tab, it kept the wall on for a visitor who had switched it off
    photo_link = {"icon": ":material/photo_camera:", "query_params": st.query_params.to_dict()}
    st.page_link(PHOTO_PAGE, label=f"Digits on paper? {photo}", **photo_link)
    column = column_width(max(NUMBER_CANVAS[1], CANVAS_SIZE + RESULT_GAP + RESULT_WIDTH))  # room for the toolbar too
    pen_help = "One digit is read from its strokes, whatever their width; a number from its picture"
    widths = MIN_STROKE_WIDTH, MAX_STROKE_WIDTH
    stroke_width = st.sidebar.slider("Pen width (px)", *widths, help=pen_help, **remembered("pen", SETTINGS["pen"]))
    why_help = "Light up the parts of a digit its answer rests on"
    why = st.sidebar.toggle("Show why", disabled=number, help=why_help, **remembered("why", SETTINGS["why"]))
    # Kept in the address too: a reload, or the new session a restarted room process gives, must not show it again
    wall_switch = remembered("on_wall", SETTINGS["on_wall"], then=off_the_wall)
    on_wall = st.sidebar.toggle("Show my drawings on the wall", **wall_switch)
    st.sidebar.caption(ON_WALL_HELP[on_wall])  # in sight: it was a help tooltip, which screen readers do not read
    if trouble := st.session_state.pop("off_wall_problem", None):
        st.sidebar.warning(f"Your drawings already shown could not be taken off the wall: {trouble}.")
    drawing_pad(stroke_width, number, why, column)
    rerun_on_reconnect()  # a drawing drawn while the Wi-Fi dropped is read when it is back


if __name__ == "__main__":  # run by Streamlit as a page of app.py's navigation
    draw_page()
