"""The page (app.py and its pages, digitpad/serving) under Streamlit's AppTest: no browser, drawings injected as the
canvas sends them.

The canvas component keeps the browser's last drawing in session state under its key, as
{"drawing": {"raw": <Fabric JSON>, "data": <PNG data URL>}}; setting that and rerunning is exactly what a stroke does.
"""

from __future__ import annotations

import base64
import io
import json
import re
import sqlite3
import tomllib

import cv2
import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from digitpad import config
from digitpad.config import (
    AXIS_COLOUR,
    CANVAS_SIZE,
    DEFAULT_STROKE_WIDTH,
    LISTEN_ENV,
    MAX_STROKE_WIDTH,
    MIN_STROKE_WIDTH,
    NUMBER_CANVAS,
    OTHER_BAR_COLOUR,
    PREDICTED_BAR_COLOUR,
    REPO_ROOT,
    RETRAIN_COMMAND,
    SHOWN_HEIGHT,
    SHOWN_SMALLEST,
    SHOWN_WIDTH,
)
from digitpad.learning.feedback import FeedbackStore, Wall, load_feedback
from digitpad.reading.canvas import fabric_json, fabric_picture, fabric_strokes
from digitpad.reading.images import read_image
from digitpad.reading.strokes import draw_strokes, fit_strokes, render_canvas
from digitpad.serving import loaders, network, widgets
from digitpad.serving.photo_page import NO_CAMERA, NO_DIGITS_IN_INK, on_screen, opaque, with_boxes
from tests import bad_files
from tests.broken_models import BREAKAGES, write_broken_model
from tests.drawings import (
    MAX_STROKES,
    awkward_drawings,
    first_of_each_label,
    number_canvas,
    number_layout,
    pair_strokes,
    word_canvas,
)
from tests.photos import black_and_white, paper_photo
from tests.scenes import scene_photos

APP = str(REPO_ROOT / "app.py")
RUN_TIMEOUT_S = 60  # the first run imports TensorFlow and loads the model
# "#": two uprights crossed by two bars. No digit looks like it, so the model splits its belief.
HASH_SCRIBBLE = [[(100, 60), (100, 220)], [(180, 60), (180, 220)], [(60, 110), (220, 110)], [(60, 170), (220, 170)]]
BLANK = np.zeros((CANVAS_SIZE, CANVAS_SIZE, 4), np.uint8)  # what the canvas sends after its toolbar's reset:
BLANK[..., 3] = 255  # opaque black
PHOTO_PROMPT_START = "Upload a photo"
# A phone photo of an answer book's "50" (tuning source), which a scanner app's black and white makes one flat tone:
# read as a drawing, its box's lines make it no digit
BLACK_AND_WHITE_FIFTY = "don_sabu_numbers/abdul_50_77_40.png"


def png_bytes(image: np.ndarray) -> bytes:
    png = io.BytesIO()
    Image.fromarray(image).save(png, format="PNG")
    return png.getvalue()


def data_url(image: np.ndarray) -> str:
    """An RGBA canvas image as the PNG data URL the browser's canvas sends."""
    return "data:image/png;base64," + base64.b64encode(png_bytes(image)).decode()


def configure(monkeypatch: pytest.MonkeyPatch, name: str, value: object) -> None:
    """Set a digitpad.config constant for the page: in config, which each page script imports afresh on every run, and
    in the shared serving modules, which bound it when first imported."""
    monkeypatch.setattr(config, name, value)
    for module in (loaders, widgets):
        if hasattr(module, name):
            monkeypatch.setattr(module, name, value)


def canvases(at: AppTest) -> list:
    """The page's drawing canvases (st_canvas's components; not serving.column's probe of the page's width)."""
    return [component for component in at.get("bidi_component") if "canvas" in component.key]


def draw(at: AppTest, url: str, raw: object = None) -> AppTest:
    """Put a drawing on the page's canvas, as the browser does after a stroke, and rerun: its picture as a PNG data
    URL, and its Fabric JSON (`raw`; by default no strokes, so the page reads the picture)."""
    (canvas,) = canvases(at)
    at.session_state[canvas.key] = {"drawing": {"raw": {"objects": []} if raw is None else raw, "data": url}}
    return at.run()


def draw_digit(at: AppTest, digit, stroke_width: int = DEFAULT_STROKE_WIDTH, height: float = 0.6) -> AppTest:
    """Draw a pen digit as the browser sends a drawing: its strokes' paths, and its picture."""
    placed = fit_strokes(digit.strokes, height)
    return draw(at, data_url(draw_strokes(placed, stroke_width)), fabric_json(placed, stroke_width))


def shows_no_prediction(at: AppTest) -> bool:
    return not at.metric and not at.get("vega_lite_chart") and not at.image and not at.warning


@pytest.fixture
def page() -> AppTest:
    return AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()


@pytest.fixture(scope="module")
def digit(pen_digits):
    """A real pen-drawn digit from a final writer: the first 0."""
    return first_of_each_label(pen_digits)[0]


def test_an_empty_canvas_shows_a_prompt_and_no_prediction(page):
    assert not page.exception and not page.error
    assert "Draw in the black box" in page.info[0].value
    assert shows_no_prediction(page)


def test_the_pen_width_slider_starts_at_the_default(page):
    (slider,) = page.sidebar.slider
    assert (slider.value, slider.min, slider.max) == (DEFAULT_STROKE_WIDTH, MIN_STROKE_WIDTH, MAX_STROKE_WIDTH)


def test_a_drawn_digit_is_read_with_its_chart_and_preview(page, digit):
    draw_digit(page, digit)
    assert not page.exception and not page.error and not page.info
    (metric,) = page.metric
    assert metric.value == str(digit.label)
    assert metric.delta.endswith("% sure")
    (chart,) = page.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    bars = spec["layer"][0]["data"]["values"]  # the ten bars travel in the spec: no Arrow table is made for them
    assert [bar["predicted"] for bar in bars].index(True) == digit.label and not chart.proto.HasField("data")
    encoding = spec["encoding"]
    assert encoding["y"]["scale"]["domain"] == [0, 1]  # a fixed axis, not one that rescales to the tallest bar
    assert encoding["color"]["scale"]["range"][0] == PREDICTED_BAR_COLOUR
    (preview,) = page.image
    assert preview.value[0].endswith(".png")
    # In words for a screen reader, which found an unnamed image and a chart named by its axes' labels
    assert chart.proto.alt.startswith(f"Probabilities: {digit.label} ") and "%" in chart.proto.alt
    assert preview.proto.imgs[0].alt == f"The {digit.label} as the model sees it: 28 by 28 pixels"


def wcag_contrast(colour: str, background: str) -> float:
    """WCAG 2's contrast ratio of two "#rrggbb" colours."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(colour), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_pages_colours_are_legible_by_wcag_aa():
    # The slider's orange value on the sidebar's grey was 3.3:1, the chart's other bars 1.7:1 and its labels 3.7:1
    theme = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    assert theme["primaryColor"] == PREDICTED_BAR_COLOUR
    assert wcag_contrast(PREDICTED_BAR_COLOUR, theme["secondaryBackgroundColor"]) >= 4.5  # text: a slider's value
    assert wcag_contrast(AXIS_COLOUR, theme["backgroundColor"]) >= 4.5  # the chart's small labels
    assert wcag_contrast(OTHER_BAR_COLOUR, theme["backgroundColor"]) >= 3  # a graphic: an unsure runner-up's bar


def test_a_drawing_is_read_from_its_strokes_whatever_the_pen(page, pen_digits):
    eight = first_of_each_label(pen_digits)[8]  # a thick pen on a small 8 fills its loops: in pixels, not in strokes
    readings = []
    for stroke_width, height in ((MIN_STROKE_WIDTH, 0.9), (MAX_STROKE_WIDTH, 0.3)):
        draw_digit(page, eight, stroke_width, height)
        readings.append((page.metric[0].value, page.metric[0].delta))
    assert readings[0] == readings[1] and readings[0][0] == "8"


def test_strokes_that_cannot_be_read_fall_back_to_the_pixels(page, digit):
    unreadable = ["not json", {"objects": [{"type": "Rect"}]}, {"objects": [{"type": "Path", "path": [["Z"]]}]}]
    for raw in unreadable:
        draw(page, data_url(render_canvas(digit.strokes)), raw)
        assert not page.exception and not page.error, raw
        assert page.metric[0].value == str(digit.label), raw


def test_a_digit_read_by_its_strokes_is_saved_with_them_painted_whatever_picture_the_browser_sent(
    monkeypatch, tmp_path, digit
):
    database = tmp_path / "feedback.sqlite3"
    configure(monkeypatch, "FEEDBACK_PATH", database)
    page = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    placed = fit_strokes(digit.strokes)
    damaged = png_bytes(draw_strokes(placed, DEFAULT_STROKE_WIDTH))[:-40]  # a PNG file cut short
    draw(page, "data:image/png;base64," + base64.b64encode(damaged).decode(), fabric_json(placed, DEFAULT_STROKE_WIDTH))
    assert not page.exception and not page.error
    assert page.metric[0].value == str(digit.label)
    [yes] = [button for button in page.button if button.label.startswith("Yes")]
    yes.click().run()
    assert "Saved as" in page.success[0].value
    # A visitor's script can make the picture anything: this noise, or worse, for the wall on the projector
    noise = np.random.default_rng(0).integers(0, 256, (1400, 1400, 4), np.uint8)
    draw(page, data_url(noise), fabric_json(placed, MAX_STROKE_WIDTH))
    [yes] = [button for button in page.button if button.label.startswith("Yes")]
    yes.click().run()
    with sqlite3.connect(database) as connection:  # the wall shows a visit's latest drawing: both are kept
        kept = connection.execute("SELECT canvas_png FROM examples ORDER BY id").fetchall()
    shown = [np.asarray(Image.open(io.BytesIO(png))) for (png,) in kept]
    for picture, width in zip(shown, (DEFAULT_STROKE_WIDTH, MAX_STROKE_WIDTH), strict=True):
        assert picture.shape == (CANVAS_SIZE, CANVAS_SIZE)  # the strokes painted again, as the canvas paints them
        assert np.mean((picture > 127) == (draw_strokes(placed, width)[..., 0] > 127)) > 0.97


def test_a_tap_is_not_a_digit_and_is_not_asked_about(page, pen_digits):
    # A finger's tap, or a dot of the pen, was blown up to a digit's size and read "0, 81% sure": "Was it right?"
    tap = [np.array([[60.0, 230.0], [60.5, 230.0]])]
    draw(page, data_url(draw_strokes(tap, DEFAULT_STROKE_WIDTH)), fabric_json(tap, DEFAULT_STROKE_WIDTH))
    assert [warning.value for warning in page.warning] == ["That doesn't look like a digit."]
    assert not page.metric and not page.button[1:] and not page.pills  # Clear alone
    small = fit_strokes(first_of_each_label(pen_digits)[1].strokes, height_fraction=0.15)  # a 1, 42 px tall
    draw(page, data_url(draw_strokes(small, DEFAULT_STROKE_WIDTH)), fabric_json(small, DEFAULT_STROKE_WIDTH))
    assert not page.warning and page.metric[0].value == "1"


def test_a_stroke_carried_off_the_canvas_is_read_as_far_as_the_canvas_shows_it(page, pen_digits):
    # A trackpad's stroke that overshoots the edge is still recorded: a 7 with a tick carried on to x = 600 read
    # "That doesn't look like a digit." with the same pixels on screen as the tick stopped at the edge (7, 96%)
    seven = fit_strokes(first_of_each_label(pen_digits)[7].strokes)
    readings = []
    for end in (CANVAS_SIZE, 600.0):
        strokes = [*seven, np.array([[270.0, 140.0], [end, 140.0]])]
        draw(page, data_url(draw_strokes(strokes, DEFAULT_STROKE_WIDTH)), fabric_json(strokes, DEFAULT_STROKE_WIDTH))
        readings.append([(m.value, m.delta) for m in page.metric] + [w.value for w in page.warning])
    assert readings[0] == readings[1] and readings[0][0][0] == "7"


def test_a_hash_is_not_a_digit_and_what_the_model_would_say_is_folded_under(page):
    draw(page, data_url(render_canvas(HASH_SCRIBBLE)))
    assert not page.exception
    verdict, unsure = page.warning
    assert verdict.value == "That doesn't look like a digit."
    (folded,) = page.expander
    assert folded.label.startswith("What the model would say") and folded.metric
    assert not page.pills  # no "was it right?" for what is not a digit
    found = re.fullmatch(r"Not sure: it might be (\d) \((\d+)%\) or (\d) \((\d+)%\)\.", unsure.value)
    assert found, unsure.value
    first, p_first, second, p_second = found.groups()
    assert first != second and int(p_first) >= int(p_second)
    assert page.metric[0].value == first


def test_two_digits_on_the_one_digit_canvas_are_offered_as_a_number_and_carried_to_number_mode(page, pen_digits):
    ten = first_of_each_label(pen_digits)
    strokes = pair_strokes([ten[4], ten[2]])
    draw(page, data_url(draw_strokes(strokes, DEFAULT_STROKE_WIDTH)), fabric_json(strokes, DEFAULT_STROKE_WIDTH))
    assert not page.exception and "This looks like a number: **42**" in page.info[0].value
    (switch,) = [button for button in page.button if button.label == "Read it as a number"]
    switch.click().run()
    assert page.sidebar.radio[0].value == "A number"
    carried = page.session_state["kept_drawings"]["number"]
    assert len(carried["objects"]) == len(strokes)  # the drawing goes to the number canvas as it was drawn


def test_two_digits_the_square_tall_are_carried_to_number_mode_whole_and_read_the_same(page, pen_digits):
    ten = first_of_each_label(pen_digits)
    strokes = pair_strokes([ten[4], ten[2]], fill=True)  # taller than number mode's canvas
    draw(page, data_url(draw_strokes(strokes, DEFAULT_STROKE_WIDTH)), fabric_json(strokes, DEFAULT_STROKE_WIDTH))
    assert "This looks like a number: **42**" in page.info[0].value
    (switch,) = [button for button in page.button if button.label == "Read it as a number"]
    switch.click().run()
    carried = page.session_state["kept_drawings"]["number"]
    points = np.concatenate(fabric_strokes(carried))
    assert points.min() > 0 and (points.max(axis=0) < NUMBER_CANVAS[::-1]).all()  # its feet were cut off: a 2's base
    draw(page, data_url(fabric_picture(carried, NUMBER_CANVAS)), carried)  # what the browser sends back, mounted
    assert page.metric[0].value == "42"


def test_clear_removes_the_prediction_and_the_drawing(page, digit):
    draw(page, data_url(render_canvas(digit.strokes)))
    assert page.metric
    (drawn_on,) = canvases(page)
    page.button[0].click().run()
    assert "Draw in the black box" in page.info[0].value
    assert shows_no_prediction(page)
    (fresh,) = canvases(page)
    assert fresh.key != drawn_on.key  # a new canvas, mounted empty in the browser
    assert page.session_state[fresh.key]["drawing"]["data"] is None


def test_the_toolbar_reset_leaves_only_the_prompt(page, digit):
    draw(page, data_url(render_canvas(digit.strokes)))
    draw(page, data_url(BLANK))
    assert "Draw in the black box" in page.info[0].value
    assert shows_no_prediction(page)


def test_awkward_drawings_get_a_prediction_or_the_prompt_never_an_error(page, pen_digits):
    drawable = {name: image for name, image in awkward_drawings(pen_digits).items() if image is not None and image.size}
    drawings = {name: data_url(image) for name, image in drawable.items()}
    drawings["empty image data"] = "data:image/png;base64,"
    drawings["a 16-bit grey PNG of another size"] = data_url(np.full((50, 30), 40_000, np.uint16))
    for name, url in drawings.items():
        draw(page, url)
        assert not page.exception and not page.error, name
        blank = name in ("the canvas filled with ink", "empty image data", "a 16-bit grey PNG of another size")
        assert (len(page.metric), len(page.info)) == ((0, 1) if blank else (1, 0)), name


def test_an_unreadable_drawing_is_explained_not_a_traceback(page):
    draw(page, "data:image/png;base64," + base64.b64encode(b"not a png").decode())
    assert not page.exception
    assert "could not be read" in page.error[0].value
    assert shows_no_prediction(page)


@pytest.mark.parametrize("picture", ["9000 x 9000 px", "a JPEG"])
def test_a_picture_no_canvas_sends_is_refused_before_it_is_decoded(page, picture):
    # A visitor's script sent a 9000 x 9000 px PNG (130 kB) as the canvas's picture: 1.2 GB of the server's memory
    huge, jpeg = io.BytesIO(), io.BytesIO()
    Image.new("1", (9000, 9000)).save(huge, format="PNG")
    Image.new("RGB", (CANVAS_SIZE, CANVAS_SIZE)).save(jpeg, format="JPEG")
    sent = (huge if picture.endswith("px") else jpeg).getvalue()
    draw(page, "data:image/png;base64," + base64.b64encode(sent).decode())
    assert not page.exception
    why = "9000 x 9000 px, larger than 2240 x 2240 px" if picture.endswith("px") else "not an image, or not a PNG file"
    assert f"could not be read: {why}" in page.error[0].value
    assert shows_no_prediction(page)


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_missing_or_broken_model_is_an_error_with_the_retrain_command(monkeypatch, tmp_path, breakage):
    model_path = tmp_path / "digitpad.keras"
    write_broken_model(breakage, model_path)
    configure(monkeypatch, "MODEL_PATH", model_path)
    page = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    assert not page.exception
    (error,) = page.error
    assert str(model_path) in error.value and RETRAIN_COMMAND in error.value
    assert canvases(page)  # the canvas is still there


def test_number_mode_says_ink_with_no_digit_in_it_is_not_digits_rather_than_asking_for_a_drawing(page, pen_digits):
    # A canvas scribbled white all over showed "Draw in the black box to see what the model reads." under the ink
    page.sidebar.radio[0].set_value("A number").run()
    placed = fit_strokes(pen_digits[0].strokes, 0.6)
    draw(page, data_url(np.full((*NUMBER_CANVAS, 3), 255, np.uint8)), fabric_json(placed, MAX_STROKE_WIDTH))
    assert not page.exception and not page.metric and not page.info
    assert page.warning[0].value == widgets.NOT_DIGITS


def test_number_mode_reads_a_number_with_each_digits_input(page, pen_digits):
    page.sidebar.radio[0].set_value("A number").run()
    assert "Draw in the black box" in page.info[0].value and not page.metric
    ten = first_of_each_label(pen_digits)
    draw(page, data_url(number_canvas([ten[2], ten[0], ten[2], ten[6]])))
    assert not page.exception and not page.error
    (metric,) = page.metric
    assert (metric.label, metric.value) == ("Number", "2026")
    assert [image.proto.imgs[0].caption.split(":")[0] for image in page.image] == ["2", "0", "2", "6"]


def test_a_column_the_browser_says_is_narrow_narrows_the_number_canvas_and_brings_the_reading_by_clear(page, digit):
    # serving.column's probe: a window zoomed to 200% or narrowed, whose 700 px number canvas was cut off

    def briefs() -> list[str]:
        return [markdown.value for markdown in page.markdown if markdown.value.startswith("Reads ")]

    draw_digit(page, digit)
    assert page.metric and not briefs()  # side by side: the reading is beside the canvas
    page.session_state["column_width"] = {"width": 608}  # what the browser reports
    page.run()
    assert briefs() == [f"Reads **{page.metric[0].value}**, {page.metric[0].delta} :material/arrow_downward:"]
    page.sidebar.radio[0].set_value("A number").run()
    (canvas,) = canvases(page)
    assert json.loads(canvas.proto.json)["canvasWidth"] == 608


def test_number_mode_is_in_the_address_so_a_reload_comes_back_to_it(page):
    page.sidebar.radio[0].set_value("A number").run()
    assert page.query_params["mode"] in ("number", ["number"])  # AppTest gives a list where the browser has one
    reloaded = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)  # a new session at the same address
    reloaded.query_params["mode"] = "number"
    reloaded.run()
    assert reloaded.sidebar.radio[0].value == "A number" and "a number" in reloaded.markdown[0].value
    reloaded.sidebar.radio[0].set_value("One digit").run()
    assert "mode" not in reloaded.query_params


def test_a_number_left_and_come_back_to_is_read_from_the_picture_the_browser_painted(page, pen_digits):
    page.sidebar.radio[0].set_value("A number").run()
    strokes, shape = number_layout([first_of_each_label(pen_digits)[i] for i in (3, 1, 4, 1)])
    draw(page, data_url(draw_strokes(strokes, DEFAULT_STROKE_WIDTH, shape)), fabric_json(strokes, DEFAULT_STROKE_WIDTH))
    read = page.metric[0].value, [image.value for image in page.image]  # each digit's input, named by its pixels
    assert read[0] == "3141"
    page.sidebar.radio[0].set_value("One digit").run()
    page.sidebar.radio[0].set_value("A number").run()
    (canvas,) = canvases(page)  # mounted with the drawing again, it sends the strokes and no picture
    page.session_state[canvas.key] = {"drawing": {"raw": fabric_json(strokes, DEFAULT_STROKE_WIDTH), "data": None}}
    page.run()
    assert not page.exception and (page.metric[0].value, [image.value for image in page.image]) == read


@pytest.mark.parametrize("how", ["typed", "drawn with the mouse"])
def test_a_word_in_number_mode_is_no_number_and_what_it_would_read_is_folded_under(page, how):
    page.sidebar.radio[0].set_value("A number").run()
    typed = word_canvas("MAX")
    draw(page, data_url(typed if how == "typed" else draw_strokes(MAX_STROKES, DEFAULT_STROKE_WIDTH, typed.shape)))
    assert not page.exception and page.warning[0].value == "Those don't look like digits."
    (folded,) = page.expander
    assert folded.label.startswith("What the model would say") and folded.metric[0].label == "Number"
    assert not page.pills and not page.text_input  # no "was it right?" for what is no number


def test_a_word_on_the_one_digit_canvas_is_not_offered_as_a_number(page):
    draw(page, data_url(word_canvas("MAX", (CANVAS_SIZE, CANVAS_SIZE))))
    assert not page.exception and page.warning[0].value == "That doesn't look like a digit."
    assert not [info for info in page.info if "looks like a number" in info.value]
    assert not [button for button in page.button if button.label == "Read it as a number"]


@pytest.mark.parametrize(
    ("setting", "flag"), [("PIECES_MODEL_PATH", "--pieces"), ("DRAWN_MODEL_PATH", "--drawn")], ids=["judge", "drawn"]
)
def test_a_missing_number_model_is_an_error_in_number_mode_only(
    monkeypatch, tmp_path, pen_digits, digit, setting, flag
):
    missing = tmp_path / "absent.keras"
    configure(monkeypatch, setting, missing)
    page = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    draw(page, data_url(render_canvas(digit.strokes)))
    assert not page.error and page.metric[0].value == "0"  # one digit needs neither
    page.sidebar.radio[0].set_value("A number").run()
    ten = first_of_each_label(pen_digits)
    draw(page, data_url(number_canvas([ten[2], ten[0]])))
    assert not page.exception and not page.metric
    (error,) = page.error
    assert str(missing) in error.value and f"{RETRAIN_COMMAND} {flag}" in error.value


def test_show_why_adds_the_occlusion_map_beside_the_input(page, digit):
    page.sidebar.toggle[0].set_value(True).run()
    draw(page, data_url(render_canvas(digit.strokes)))
    assert not page.exception and not page.error
    captions = [image.proto.imgs[0].caption for image in page.image]
    assert len(captions) == 2 and captions[1].startswith("Why")


def test_confirming_or_correcting_saves_the_drawing_with_its_digit(monkeypatch, tmp_path, digit):
    database = tmp_path / "feedback.sqlite3"
    configure(monkeypatch, "FEEDBACK_PATH", database)
    page = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    draw(page, data_url(render_canvas(digit.strokes)))
    predicted = int(page.metric[0].value)
    assert not database.exists()  # nothing is stored until the user answers
    (yes,) = [button for button in page.button if button.label.startswith("Yes")]
    yes.click().run()
    assert "Saved as a" in page.success[0].value  # the question is answered...
    assert [button.label for button in page.button[1:]] == ["Take my answer back"]
    assert load_feedback(database).y.tolist() == [predicted]
    page.button[1].click().run()  # a double-click on Yes, its second click on the button that took Yes's place...
    assert "Saved as a" in page.success[0].value and FeedbackStore(database).count() == 1  # ...took the answer back
    monkeypatch.setattr(widgets, "TAKE_BACK_AFTER_S", 0.0)
    page.button[1].click().run()  # taken back: a mistap must not teach the next model
    assert not page.success and FeedbackStore(database).count() == 0
    (yes,) = [button for button in page.button if button.label.startswith("Yes")]  # asked again
    yes.click().run()
    draw(page, data_url(render_canvas(digit.strokes, stroke_width=MAX_STROKE_WIDTH)))  # a new drawing asks again
    wrong = (predicted + 1) % 10
    page.pills[0].set_value(wrong).run()
    assert not page.exception and f"Saved as {'an' if wrong == 8 else 'a'} {wrong}" in page.success[0].value
    examples = load_feedback(database)
    assert examples.y.tolist() == [predicted, wrong] and examples.predicted.tolist() == [predicted, predicted]
    assert examples.x.shape == (2, 28, 28) and examples.x.max() == 255  # the model's inputs, as it saw them


def test_the_answer_is_spoken_of_in_english():
    # "Yes, a 8" and "Saved as a 8", seen on a phone at a meetup
    assert [widgets.with_article(answer) for answer in ("8", "7", "0", "42", "8015")] == [
        "an 8", "a 7", "a 0", "42", "8015",
    ]  # fmt: skip


def test_an_answer_that_cannot_be_saved_says_so_and_keeps_the_drawing(monkeypatch, tmp_path, digit, caplog):
    not_a_database = tmp_path / "feedback.sqlite3"
    not_a_database.write_text("a shopping list, not a database")
    configure(monkeypatch, "FEEDBACK_PATH", not_a_database)
    page = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    draw(page, data_url(render_canvas(digit.strokes)))
    page.pills[0].set_value(4).run()
    assert not page.exception
    (error,) = page.error
    assert "could not be saved" in error.value and widgets.STORE_TROUBLE in error.value
    assert str(tmp_path) not in error.value  # the server's paths are not the visitor's to see: they were
    assert f"{not_a_database}: not a SQLite database" in caplog.text  # but are in the server's log
    assert page.metric and page.pills  # the prediction and the question are still there, to try again


def photo_page() -> AppTest:
    page = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    return page.switch_page("digitpad/serving/photo_page.py").run()


def test_a_file_uploaded_after_a_camera_photo_is_the_one_read(pen_digits):
    # The camera's photo won whenever there was one: the 42 uploaded after it showed the camera's 57
    ten = first_of_each_label(pen_digits)
    page = photo_page()
    page.toggle[0].set_value(True).run()
    taken = cv2.imencode(".jpg", paper_photo(number_canvas([ten[5], ten[7]]), seed=3))[1].tobytes()
    page.camera_input[0].set_value(("camera.jpg", taken, "image/jpeg")).run()
    assert page.metric[0].value == "57"
    upload(page, "note.png", png_bytes(paper_photo(number_canvas([ten[4], ten[2]]), seed=4)))
    assert page.metric[0].value == "42" and page.image[0].proto.imgs[0].caption == "Your photo: note.png"


def test_a_transparent_upload_is_shown_with_its_ink_in_sight():
    # Shown by its colour channels, black ink on a transparent sheet was a black square, white ink a white one
    alpha = np.zeros((40, 40), np.uint8)
    alpha[10:30, 18:22] = 255  # a 1
    for ink, sheet in ((0, 255), (255, 0)):
        shown = opaque(np.dstack([np.full((40, 40, 3), ink, np.uint8), alpha]))
        assert shown.shape == (40, 40, 3)
        assert shown[20, 20].tolist() == [ink] * 3 and shown[0, 0].tolist() == [sheet] * 3


def test_a_tall_strip_is_shown_no_taller_than_a_screen_and_a_wide_one_no_wider_than_the_page():
    # A 200 x 4,000 px upload made the Photo page 3,400 px long
    assert on_screen(np.zeros((4000, 200, 3), np.uint8)).shape == (SHOWN_HEIGHT, 40, 3)
    assert on_screen(np.zeros((300, 4000), np.uint8)).shape == (round(300 * SHOWN_WIDTH / 4000), SHOWN_WIDTH)
    assert on_screen(np.zeros((500, 700), np.uint8)).shape == (500, 700)  # a picture that fits is shown as it is


def test_a_small_picture_is_shown_enlarged_sharp_with_a_box_that_leaves_its_digit_in_sight():
    digit = np.full((20, 20), 255, np.uint8)
    digit[3:17, 9:11] = 0  # a 1, dark on white, 20 px tall
    shown = with_boxes(digit, [(6, 2, 8, 16)])
    times = SHOWN_SMALLEST // 20
    assert shown.shape == (20 * times, 20 * times, 3)
    assert (shown[10 * times, 10 * times] == 0).all()  # the 1's middle: a sharp block of ink, not under the box
    inside = shown[3 * times : 17 * times, 7 * times : 13 * times]  # the box's inside
    assert (np.unique(inside.reshape(-1, 3), axis=0) == [[0, 0, 0], [255, 255, 255]]).all()  # two tones, no blur
    assert on_screen(digit).shape == (20 * times, 20 * times)


def test_a_file_that_cannot_be_read_gets_advice_for_its_trouble_and_its_name_as_it_is(tmp_path):
    page = photo_page()
    whole = png_bytes(np.random.default_rng(0).integers(0, 255, (60, 60), np.uint8))
    upload(page, "my *best* [v2](x).png", whole[: len(whole) // 2])  # a PNG cut short
    (error,) = page.error
    assert error.value.startswith("my \\*best\\* \\[v2\\](x).png could not be read: damaged")  # as named
    # A link to www.example.com.png; "a&b.png"; Chromium's %22 for a quote mark; bold undone by a leading space
    upload(page, " www.example.com a&amp;b %22q%22.png", whole[:-40])
    (error,) = page.error
    assert error.value.startswith('www\u2060.example.com a\\&amp;b "q".png could not be read')
    upload(page, "scan%0A%0A    page 2.png", whole[:-40])  # two line breaks: a paragraph, then a code block
    (error,) = page.error
    assert error.value.startswith("scan page 2.png could not be read")
    assert error.value.endswith("Try uploading it again, or another photo.")  # was "Try a PNG or JPEG photo." always


def test_the_camera_switch_is_still_on_after_a_visit_to_the_draw_page():
    page = photo_page()
    assert not page.camera_input  # off until the visitor asks: it asks the browser for the camera
    page.toggle[0].set_value(True).run()
    assert page.camera_input
    page.switch_page("digitpad/serving/draw_page.py").run()
    assert not page.exception and page.sidebar.radio  # the Draw page, its settings in the sidebar
    page.switch_page("digitpad/serving/photo_page.py").run()
    assert page.toggle[0].value and page.camera_input


def test_where_the_browser_refuses_the_camera_the_page_says_upload_takes_the_photo(monkeypatch):
    # At a room's http://192.168.1.23 the switch showed the browser's "allow access", which no setting could give
    monkeypatch.setattr(network, "camera_allowed", lambda opened: False)
    page = photo_page()
    assert not page.toggle and not page.camera_input
    assert page.caption[0].value == NO_CAMERA and page.get("file_uploader")


def upload(page: AppTest, name: str, content: bytes) -> AppTest:
    return page.file_uploader[0].upload(name, content, "image/png").run()


def test_the_photo_page_reads_a_photographed_number(pen_digits):
    ten = first_of_each_label(pen_digits)
    photo = paper_photo(number_canvas([ten[7], ten[3], ten[5]]), seed=3)
    page = photo_page()
    assert PHOTO_PROMPT_START in page.info[0].value and not page.metric
    upload(page, "note.png", png_bytes(photo))
    assert not page.exception and not page.error
    (metric,) = page.metric
    assert (metric.label, metric.value) == ("Number", "735")
    captions = [image.proto.imgs[0].caption for image in page.image]
    assert captions[:2] == ["Your photo: note.png", captions[1]] and captions[1].startswith("What it cut out")
    assert len(captions) == 2 + 3  # and each digit's 28x28 input


def test_a_photographed_number_confirmed_is_saved_with_the_ink_it_was_read_from(monkeypatch, tmp_path, pen_digits):
    database = tmp_path / "feedback.sqlite3"
    configure(monkeypatch, "FEEDBACK_PATH", database)
    ten = first_of_each_label(pen_digits)
    photo = paper_photo(number_canvas([ten[7], ten[3], ten[5]]), seed=3)
    page = upload(photo_page(), "note.png", png_bytes(photo))
    (yes,) = [button for button in page.button if button.label.startswith("Yes")]
    assert yes.label == "Yes, 735" and not database.exists()
    yes.click().run()
    assert not page.exception and "Saved as 735" in page.success[0].value
    examples = load_feedback(database)
    assert examples.y.tolist() == [7, 3, 5] and examples.x.shape == (3, 28, 28)
    with sqlite3.connect(database) as connection:
        (stored,) = {png for (png,) in connection.execute("SELECT canvas_png FROM examples")}
    ink = np.array(Image.open(io.BytesIO(stored)))
    assert ink.ndim == 2 and ink.max() == 255  # one grey ink map
    assert ink.mean() < 64  # white ink on black: the photo cleaned, not the photo itself (dark ink on light paper)
    assert Wall.read(database, 8).latest == []  # a photo may hold a name: never on the projector


def test_a_photographed_number_corrected_with_too_few_digits_speaks_of_the_photo(monkeypatch, tmp_path, pen_digits):
    configure(monkeypatch, "FEEDBACK_PATH", tmp_path / "feedback.sqlite3")
    ten = first_of_each_label(pen_digits)
    page = upload(photo_page(), "note.png", png_bytes(paper_photo(number_canvas([ten[7], ten[3], ten[5]]), seed=3)))
    assert page.text_input[0].placeholder == "the 3 digits, left to right"
    page.text_input[0].input("73").run()
    (error,) = page.error
    assert "it read 3 digits here, so an answer needs 3, not '73' (if it holds 2, it was cut wrong" in error.value
    assert "photo is still here" in error.value and "drew" not in error.value


def test_each_awkward_file_uploaded_is_read_or_named_with_the_reason(pen_digits, tmp_path):
    seven = first_of_each_label(pen_digits)[7]
    for path, outcome in bad_files.write_corpus(tmp_path, render_canvas(seven.strokes)[:, :, 0]).items():
        page = upload(photo_page(), path.name, path.read_bytes())
        assert not page.exception, path.name
        if outcome in (bad_files.DIGIT, bad_files.BLANK):
            assert not page.error and (page.metric or "No digits found" in page.info[0].value), path.name
        else:
            (error,) = page.error
            shown = re.sub(r"\\(.)", r"\1", error.value)  # as Markdown shows it: the name escaped, not interpreted
            assert path.name in shown and outcome in shown, path.name


def test_a_photo_of_blank_paper_finds_no_digits():
    page = upload(photo_page(), "blank.png", png_bytes(paper_photo(np.zeros((200, 400), np.uint8), seed=5)))
    assert not page.exception and not page.error and not page.metric
    assert "No digits found" in page.info[0].value


def test_a_real_photo_of_no_digits_says_what_it_cut_out_is_no_digits():
    photo = scene_photos("tuning")["camera"]  # a man with a camera: read as "44" before the judge looked
    page = upload(photo_page(), "camera.png", png_bytes(photo))
    assert not page.exception and not page.error and not page.metric
    assert page.info[0].value == NO_DIGITS_IN_INK and len(page.image) == 2  # the photo and what it cut out


def test_the_visitor_says_what_the_image_is_when_it_was_taken_for_the_other(real_images):
    image = real_images[BLACK_AND_WHITE_FIFTY]
    assert image.group == "tuning"  # tests choose things; final sources only measure
    page = upload(photo_page(), "fifty.png", png_bytes(black_and_white(read_image(image.path))))
    assert page.radio[0].value == "What it looks like"
    assert page.image[0].proto.imgs[0].caption == "Your photo: fifty.png"
    page.radio[0].set_value("A drawing").run()
    captions = [shown.proto.imgs[0].caption for shown in page.image]
    assert captions[0] == "Your drawing: fifty.png"
    assert not any(caption.startswith("What it cut out") for caption in captions)
    assert not page.exception and "50" not in [metric.value for metric in page.metric]  # box lines and all
    page.radio[0].set_value("A photo or scan of paper").run()
    assert not page.exception and page.image[0].proto.imgs[0].caption == "Your photo: fifty.png"
    (metric,) = page.metric
    assert (metric.label, metric.value) == ("Number", "50")
    page.radio[0].set_value("A drawing").run()
    upload(page, "another.png", png_bytes(read_image(image.path)))  # the next picture is read as it looks
    assert page.radio[0].value == "What it looks like"
    assert page.image[0].proto.imgs[0].caption == "Your photo: another.png"


def test_a_number_is_corrected_digit_by_digit_and_a_wrong_length_is_refused(monkeypatch, tmp_path, pen_digits):
    ten = first_of_each_label(pen_digits)
    database = tmp_path / "feedback.sqlite3"
    configure(monkeypatch, "FEEDBACK_PATH", database)
    page = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    page.sidebar.radio[0].set_value("A number").run()
    draw(page, data_url(number_canvas([ten[2], ten[0], ten[2], ten[6]])))
    page.text_input[0].input("12").run()  # two digits for a four-digit drawing
    assert not page.exception and "an answer needs 4, not '12'" in page.error[0].value and not database.exists()
    page.text_input[0].input("2027").run()
    assert "Saved as 2027" in page.success[0].value
    examples = load_feedback(database)
    assert examples.y.tolist() == [2, 0, 2, 7] and examples.predicted.tolist() == [2, 0, 2, 6]


def test_the_wall_on_a_computer_with_no_network_says_phones_cannot_reach_it(monkeypatch):
    monkeypatch.setattr(network, "network_address", lambda: None)
    wall = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    wall.query_params["wall"] = ""
    wall.run()
    assert "phones cannot reach it" in wall.warning[0].value


def test_the_wall_of_a_server_listening_on_loopback_alone_keeps_its_address_and_says_so(monkeypatch):
    # `digitpad app --server.address 127.0.0.1`: the QR code named the network's address, where nothing listened
    monkeypatch.setattr(network, "network_address", lambda: "192.0.2.7")
    monkeypatch.setenv(LISTEN_ENV, "127.0.0.1")
    wall = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    wall.query_params["wall"] = ""
    wall.run()
    assert wall.title[0].value == "Draw a digit with us: http://localhost:8501/"
    assert "listens on 127.0.0.1 only: phones cannot reach it" in wall.warning[0].value


def test_the_wall_shows_the_address_and_the_drawings_other_sessions_saved_unless_they_opted_out(
    monkeypatch, tmp_path, pen_digits
):
    database = tmp_path / "feedback.sqlite3"
    configure(monkeypatch, "FEEDBACK_PATH", database)
    ten = first_of_each_label(pen_digits)
    visitor = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()  # one visitor confirms a 3...
    draw_digit(visitor, ten[3])
    [yes] = [button for button in visitor.button if button.label.startswith("Yes")]
    yes.click().run()
    shy = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()  # ...another, opted out, corrects a 5
    shy.sidebar.toggle[1].set_value(False).run()
    assert shy.sidebar.toggle[1].label == "Show my drawings on the wall"
    # The switch's state in words too: a high-contrast mode (Windows' forced colours) draws no switch at all
    assert [c.value for c in visitor.sidebar.caption if "presenter's screen" in c.value][0].startswith("On: ")
    assert [c.value for c in shy.sidebar.caption if "presenter's screen" in c.value][0].startswith("Off: ")
    assert "wall_off" in shy.query_params  # draw_page.OFF_WALL_PARAM: a reload or a restarted process keeps it off
    [photo_link] = [element for element in shy.main if element.type == "page_link"]
    assert photo_link.proto.query_string == "wall_off="  # and a new tab opened from "Digits on paper?"
    again = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    again.query_params["wall_off"] = ""
    assert again.run().sidebar.toggle[1].value is False  # the new session that reload opens: it was switched back on
    draw_digit(shy, ten[5])
    shy.pills[0].set_value(8).run()

    monkeypatch.setattr(network, "network_address", lambda: "192.0.2.7")
    wall = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    wall.query_params["wall"] = ""
    wall.run()
    assert not wall.exception and not wall.error and not wall.warning
    assert [(m.label, m.value) for m in wall.metric] == [("Confirmed right", "1"), ("Corrected", "1")]
    captions = [image.proto.imgs[0].caption for image in wall.image]
    assert captions == ["Scan to draw with us", "read 3"]  # the QR code, and only the drawing its user let show
    assert wall.title[0].value.endswith(" http://192.0.2.7:8501/")  # opened at localhost: phones get the network's
    (matrix,) = wall.dataframe
    assert matrix.value.loc["drawn 3", "read 3"] == 1 and matrix.value.loc["drawn 8", "read 5"] == 1
    visitor.sidebar.toggle[1].set_value(False).run()  # "Off: ... those already shown too": the 3 stayed up
    assert [image.proto.imgs[0].caption for image in wall.run().image] == ["Scan to draw with us"]
    assert [(m.label, m.value) for m in wall.metric] == [("Confirmed right", "1"), ("Corrected", "1")]


def test_the_presenter_removes_a_drawing_from_the_wall_and_a_visitor_cannot(monkeypatch, tmp_path, pen_digits):
    # A rude drawing read as an 8 went up on the projector, and no one could take it down
    database = tmp_path / "feedback.sqlite3"
    configure(monkeypatch, "FEEDBACK_PATH", database)
    store = FeedbackStore(database)
    for said, read in ((1, 1), (8, 8)):
        store.add(np.zeros((28, 28), np.uint8), png_bytes(np.full((28, 28), said, np.uint8)), said, read)
    number = png_bytes(np.full((28, 56), 9, np.uint8))
    for _ in range(28):  # a 28-digit number took seven lines under its drawing
        store.add(np.zeros((28, 28), np.uint8), number, 0, 1)

    def wall(key: str | None = None) -> AppTest:
        page = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
        page.query_params["wall"] = key or ""
        return page.run()

    monkeypatch.setattr(network, "on_this_machine", lambda ip_address: True)
    here = wall()  # opened on the serving machine, with no key set: the presenter's
    captions = ["read 11111…, was 00000…", "read 8", "read 1"]
    assert [image.proto.imgs[0].caption for image in here.image[1:]] == captions
    removes = [button for button in here.button if button.label == "Remove"]
    assert len(removes) == 3
    removes[1].click().run()  # the 8
    assert [image.proto.imgs[0].caption for image in here.image[1:]] == [captions[0], captions[2]]
    assert [(m.label, m.value) for m in here.metric] == [("Confirmed right", "1"), ("Corrected", "1")]  # drawings
    assert FeedbackStore(database).count() == 29  # gone from the next model's lessons too
    monkeypatch.setenv(config.WALL_KEY_ENV, "s3cret")  # as `digitpad room` serves it: every browser comes via nginx
    assert not [button for button in wall().button if button.label == "Remove"]  # any visitor may open ?wall
    assert not [button for button in wall("guess").button if button.label == "Remove"]
    assert len([button for button in wall("s3cret").button if button.label == "Remove"]) == 2
    assert not wall("é").exception  # hmac's str compare raised on any character outside ASCII
    monkeypatch.setenv(config.WALL_KEY_ENV, "clé")  # a key of the operator's choosing
    assert len([button for button in wall("clé").button if button.label == "Remove"]) == 2


def test_number_mode_and_the_wall_switched_off_stay_through_the_photo_page_and_its_reload():
    # Streamlit's page links drop the query: a reload of the Photo page turned the wall back on, and the visitor's next
    # confirmed drawing went up on the room's screen; number mode went back to one digit
    page = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    page.sidebar.radio[0].set_value("A number").run()
    page.sidebar.toggle[1].set_value(False).run()
    page.query_params.clear()  # the Photo link's address: /photo, with no query
    page.switch_page("digitpad/serving/photo_page.py").run()
    assert {name: page.query_params[name] for name in ("mode", "wall_off")} == {"mode": "number", "wall_off": ""}
    reloaded = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)  # the reload: a new session, on the Photo page
    reloaded.query_params.update({"mode": "number", "wall_off": ""})
    reloaded.switch_page("digitpad/serving/photo_page.py").run()
    reloaded.query_params.clear()  # and the Draw link, whose address has no query either
    reloaded.switch_page("digitpad/serving/draw_page.py").run()
    assert reloaded.sidebar.radio[0].value == "A number" and reloaded.sidebar.toggle[1].value is False


def test_an_error_the_page_did_not_catch_shows_visitors_no_traceback_or_path():
    # A room process restarted onto code half edited showed visitors "ImportError: ... (/work/main/digitpad/...)"
    settings = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["client"]["showErrorDetails"] == "none"  # Streamlit's generic message; the details on the console
