"""The drawing page end to end: `streamlit run app.py` served locally, real pen trajectories drawn in headless Chromium.

Draws one final writer's digit of each class with the mouse and reads the prediction off the page, draws a small 8 with
the thickest and the thinnest pen and checks the model saw the same, clears with the Clear button and with the canvas
toolbar, draws with a finger on a phone-sized screen, confirms a prediction, draws a number whose digits touch in
number mode, uploads a photo of a number on paper, and saves docs/screenshot.png.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, Locator, Page, expect

from digitpad.config import (
    CANVAS_SIZE,
    FEEDBACK_ENV,
    MAX_STROKE_WIDTH,
    MIN_STROKE_WIDTH,
    NUMBER_CANVAS,
    NUMBER_CANVAS_PHONE,
    REPO_ROOT,
)
from digitpad.learning.feedback import load_feedback
from digitpad.models.number import read_number
from digitpad.reading.preprocess import preprocess
from digitpad.reading.segment import segment_digits
from digitpad.reading.strokes import draw_strokes, fit_strokes, number_strokes
from digitpad.serving.widgets import with_article
from tests.browser import (
    CANVAS,
    INK_PIXELS,
    METRIC,
    PAPER,
    PHONE,
    PREDICTION_SIGNATURE,
    RESULT_TIMEOUT_MS,
    TOOLBAR_RESET,
    draw_digit,
    main_column,
    mouse_stroke,
    open_canvas,
    signature,
    streamlit_server,
    touch_stroke,
    wait_for_fresh_canvas,
    wait_for_signature,
)
from tests.drawings import number_canvas, number_layout, pair_strokes
from tests.feedback_writer import png
from tests.photos import paper_photo

MIN_CORRECT = 9  # of the ten digits drawn, one per class
PROMPT = "Draw in the black box"
ONE_DIGIT = re.compile(r"^[0-9]$")
SCREENSHOT = REPO_ROOT / "docs" / "screenshot.png"
DESKTOP = {"viewport": {"width": 1100, "height": 800}}
# The class of what the user sees at a point, inside the canvas component's shadow root too
AT_POINT = """([x, y]) => { let seen = document.elementFromPoint(x, y);
    while (seen?.shadowRoot) { const inner = seen.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === seen) break; seen = inner; }
    return seen?.className ?? ''; }"""
# Whether an element is what the user sees at its own centre (not clipped away by a row that scrolls, nor covered)
IN_VIEW = """e => { const r = e.getBoundingClientRect();
    return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"""


@pytest.fixture(scope="module")
def feedback_database(tmp_path_factory) -> Path:
    """Where the test server saves users' answers: never the repository's own database."""
    return tmp_path_factory.mktemp("feedback") / "feedback.sqlite3"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, feedback_database) -> Iterator[str]:
    os.environ[FEEDBACK_ENV] = str(feedback_database)  # the server copies the environment as it starts
    try:
        with streamlit_server("app.py", tmp_path_factory.mktemp("streamlit") / "server.log") as server:
            yield server.url
    finally:
        del os.environ[FEEDBACK_ENV]


@pytest.fixture
def desktop(browser) -> Iterator[Page]:
    context = browser.new_context(**DESKTOP)
    yield context.new_page()
    context.close()


def expect_no_prediction(page: Page) -> None:
    # On a fresh server the prompt comes once the model has loaded: 5 s was too short on a slow day (2026-11-23)
    expect(main_column(page).get_by_text(PROMPT)).to_be_visible(timeout=RESULT_TIMEOUT_MS)
    expect(page.locator(METRIC)).to_have_count(0)
    expect(page.locator("[data-testid='stImage']")).to_have_count(0)


def test_drawn_digits_are_read_and_clear_removes_the_prediction(app_url, desktop, ten_digits):
    page = desktop
    stroke = mouse_stroke(page, open_canvas(page, app_url))  # the locator finds each fresh canvas after a Clear
    expect_no_prediction(page)
    read = []
    for digit in ten_digits:
        draw_digit(page, stroke, fit_strokes(digit.strokes), PREDICTION_SIGNATURE)
        read.append(int(page.locator(METRIC).inner_text()))
        page.get_by_role("button", name="Clear").click()
        expect_no_prediction(page)
        wait_for_fresh_canvas(page)
    labels = [d.label for d in ten_digits]
    correct = sum(r == label for r, label in zip(read, labels, strict=True))
    assert correct >= MIN_CORRECT, f"read {read} for {labels}"


def test_the_model_sees_the_same_input_whatever_the_pen(app_url, desktop, ten_digits):
    page = desktop
    open_canvas(page, app_url)
    eight = fit_strokes(ten_digits[8].strokes, height_fraction=0.3)  # in pixels a thick pen fills its loops
    seen = []
    for key in ("End", "Home"):  # the sidebar's pen width to its widest, then its thinnest
        page.get_by_role("slider").press(key)
        width = MAX_STROKE_WIDTH if key == "End" else MIN_STROKE_WIDTH
        expect(page.get_by_role("slider")).to_have_value(str(width))
        draw_digit(page, mouse_stroke(page, wait_for_fresh_canvas(page)), eight, PREDICTION_SIGNATURE)
        expect(page.locator(METRIC)).to_have_text("8")
        preview = page.request.get(page.evaluate(PREDICTION_SIGNATURE)).body()  # "What the model sees", 5x
        seen.append(np.asarray(Image.open(io.BytesIO(preview)).convert("L"), dtype=np.float32) / 255)
        page.get_by_role("button", name="Clear").click()
        expect_no_prediction(page)
    # Read from the pictures instead, the two drawings' inputs differ by 0.09 a pixel on average (0.00008 as read)
    thick, thin = (preprocess(draw_strokes(eight, width)) for width in (MAX_STROKE_WIDTH, MIN_STROKE_WIDTH))
    assert np.abs(seen[0] - seen[1]).mean() < np.abs(thick - thin).mean() / 10


def test_a_drawing_and_the_settings_outlast_a_visit_to_the_photo_page_or_the_other_mode(app_url, desktop, ten_digits):
    page = desktop
    elsewhere = []  # a room may be offline, and a visitor's address is theirs: the pages ask only their server
    local = (app_url, "data:", f"blob:{app_url}")  # blob: serving.column's inline script, made in the page
    page.on("request", lambda request: request.url.startswith(local) or elsewhere.append(request.url))
    canvas = open_canvas(page, app_url)
    page.get_by_role("slider").press("End")  # the pen at its widest
    expect(page.get_by_role("slider")).to_have_value(str(MAX_STROKE_WIDTH))
    page.get_by_text("Show why").click()
    expect(page.get_by_role("switch", name="Show why")).to_be_checked()
    four = fit_strokes(ten_digits[4].strokes)  # two strokes: one drawn before the visit, one after
    draw_digit(page, mouse_stroke(page, canvas), four[:1], PREDICTION_SIGNATURE)
    half = signature(page, PREDICTION_SIGNATURE)
    page.get_by_role("link", name="Photo", exact=True).click()
    expect(page.locator("input[type='file']")).to_have_count(1)
    page.get_by_role("link", name="Draw", exact=True).click()
    wait_for_signature(page, PREDICTION_SIGNATURE, half)  # the first stroke is back, and read as it was
    expect(page.get_by_role("slider")).to_have_value(str(MAX_STROKE_WIDTH))
    expect(page.get_by_role("switch", name="Show why")).to_be_checked()
    draw_digit(page, mouse_stroke(page, wait_for_fresh_canvas(page)), four[1:], PREDICTION_SIGNATURE)
    expect(page.locator(METRIC)).to_have_text("4")  # the second stroke joined the first: not a bare canvas's "1"
    whole = signature(page, PREDICTION_SIGNATURE)
    for mode in ("A number", "One digit"):  # and the other mode's canvas, and back
        page.get_by_text(mode, exact=True).click()
    wait_for_signature(page, PREDICTION_SIGNATURE, whole)
    page.get_by_role("button", name="Yes, a 4").click()  # saved with the picture the browser painted, kept with it
    expect(main_column(page).get_by_text("Saved as a 4")).to_be_visible()
    assert elsewhere == []


def test_two_digits_on_the_one_digit_canvas_carried_to_number_mode_are_read_there_at_once(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    tall = pair_strokes([ten_digits[4], ten_digits[2]], fill=True)  # taller than number mode's canvas: fitted to it
    draw_digit(page, mouse_stroke(page, canvas), tall, PREDICTION_SIGNATURE)
    page.get_by_role("button", name="Read it as a number").click()
    expect(page.locator(METRIC)).to_have_text("42", timeout=RESULT_TIMEOUT_MS)  # was the prompt, until another stroke


def test_the_canvas_toolbar_reset_removes_the_prediction(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[7].strokes), PREDICTION_SIGNATURE)
    expect(page.locator(METRIC)).to_have_count(1)
    canvas.hover()  # the toolbar shows, and takes a click, once the pointer is over the canvas
    page.locator(TOOLBAR_RESET).click()
    expect_no_prediction(page)


def test_what_the_page_reads_is_said_to_a_screen_reader_as_it_comes(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    said = page.locator("#digitpad-said")  # one region, there from the start: a new one is not announced
    expect(said).to_have_attribute("role", "status")
    expect(said).to_have_text(re.compile(f"^{PROMPT}"), timeout=RESULT_TIMEOUT_MS)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[7].strokes), PREDICTION_SIGNATURE)
    digit, sure = page.locator(METRIC).inner_text(), page.get_by_test_id("stMetricDelta").inner_text()
    expect(said).to_have_text(re.compile(f"^Prediction {digit} {sure}"))  # the metric's words, each stroke's anew
    page.get_by_role("button", name="Clear").click()
    expect(said).to_have_text(re.compile(f"^{PROMPT}"))
    assert said.evaluate("e => e.getBoundingClientRect().width * e.getBoundingClientRect().height") <= 1  # unseen


def test_ctrl_z_undoes_a_stroke_and_ctrl_shift_z_redoes_it(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    stroke = mouse_stroke(page, canvas)
    draw_digit(page, stroke, fit_strokes(ten_digits[7].strokes), PREDICTION_SIGNATURE)
    seven, seven_ink = signature(page, PREDICTION_SIGNATURE), canvas.evaluate(INK_PIXELS)
    underline = np.array([[0.1, 0.95], [0.9, 0.95]]) * CANVAS_SIZE  # a slip across the bottom
    draw_digit(page, stroke, [underline], PREDICTION_SIGNATURE)
    slipped, slipped_ink = signature(page, PREDICTION_SIGNATURE), canvas.evaluate(INK_PIXELS)
    assert slipped_ink > seven_ink
    for keys, shown, ink in (("Control+z", seven, seven_ink), ("Control+Shift+z", slipped, slipped_ink)):
        page.keyboard.press(keys)  # the toolbar, shown only on hover, is never touched
        wait_for_signature(page, PREDICTION_SIGNATURE, shown)  # the page read the canvas as it was
        assert canvas.evaluate(INK_PIXELS) == ink


def test_clear_empties_the_canvas_in_place_and_a_stroke_drawn_at_once_after_it_is_kept(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    stroke = mouse_stroke(page, canvas)
    draw_digit(page, stroke, fit_strokes(ten_digits[7].strokes), PREDICTION_SIGNATURE)
    page.get_by_role("button", name="Clear").click()
    # Clear mounted a new canvas a round trip later (0.8 s on a slow Wi-Fi): it wiped what a quick hand drew meanwhile
    for points in fit_strokes(ten_digits[4].strokes):
        stroke(points)
    expect(page.locator(METRIC)).to_have_text("4", timeout=RESULT_TIMEOUT_MS)
    page.wait_for_timeout(1000)  # a new canvas would have come by now
    assert canvas.evaluate(INK_PIXELS) > 0
    expect(page.locator(METRIC)).to_have_text("4")


def test_the_canvas_toolbar_reset_empties_a_canvas_brought_back_from_the_photo_page(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[7].strokes), PREDICTION_SIGNATURE)
    page.get_by_role("link", name="Photo", exact=True).click()
    expect(page.locator("input[type='file']")).to_have_count(1)
    page.get_by_role("link", name="Draw", exact=True).click()
    expect(page.locator(METRIC)).to_have_text("7", timeout=RESULT_TIMEOUT_MS)  # the 7 came back with the canvas
    canvas = wait_for_fresh_canvas(page)
    canvas.hover()
    page.locator(TOOLBAR_RESET).click()  # it went back to the drawing the canvas was mounted with: the same 7
    expect_no_prediction(page)
    assert wait_for_fresh_canvas(page).evaluate(INK_PIXELS) == 0


def test_a_pen_that_comes_down_at_once_at_the_canvas_top_right_draws_there(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[7].strokes), PREDICTION_SIGNATURE)
    ink, box = canvas.evaluate(INK_PIXELS), canvas.bounding_box()
    page.mouse.move(box["x"] - 40, box["y"] + 140)  # off the canvas
    # A pen came over the top right and down at once: the toolbar, sliding up off the canvas for 0.2 s, took it
    page.mouse.move(box["x"] + box["width"] - 12, box["y"] + 8)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 40, box["y"] + 40)
    page.mouse.up()
    page.wait_for_timeout(500)
    assert canvas.evaluate(INK_PIXELS) > ink


def test_a_finger_draws_on_a_phone_and_the_layout_stacks(app_url, browser, ten_digits):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    canvas = open_canvas(page, app_url)
    stroke = touch_stroke(context.new_cdp_session(page), canvas)
    draw_digit(page, stroke, fit_strokes(ten_digits[4].strokes), PREDICTION_SIGNATURE)
    metric = page.locator(METRIC)
    expect(metric).to_have_text(ONE_DIGIT)
    canvas_box, metric_box = canvas.bounding_box(), metric.bounding_box()
    assert metric_box["y"] >= canvas_box["y"] + canvas_box["height"]  # the result is below the canvas, not beside it
    assert canvas_box["x"] + canvas_box["width"] <= PHONE["viewport"]["width"]  # the whole canvas is on screen
    # The result is a screen below: what was read is said under the canvas too, beside Clear, where the finger is
    brief = main_column(page).get_by_text(re.compile(r"^Reads 4, \d+% sure"))
    expect(brief).to_be_visible()
    assert brief.bounding_box()["y"] < canvas_box["y"] + canvas_box["height"] + 80
    expect(page.get_by_text("A number? It is in the menu (»).", exact=False)).to_be_visible()
    # A finger's tap at the canvas's top right landed on the toolbar, unseen there: on its bin, it wiped the drawing
    ink = canvas.evaluate(INK_PIXELS)
    page.touchscreen.tap(canvas_box["x"] + canvas_box["width"] - 16, canvas_box["y"] + 8)
    assert canvas.evaluate(INK_PIXELS) >= ink > 0
    # "No, it was a" digits a finger can tell apart: they were 33 x 32 px, 4 px apart
    digits = page.get_by_test_id("stButtonGroup").get_by_role("radio")
    expect(digits).to_have_count(9)
    assert all(min(box["width"], box["height"]) >= 44 for box in map(Locator.bounding_box, digits.all())), digits
    context.close()


def test_the_toolbar_shown_sits_wholly_above_the_canvas(app_url, desktop):
    page = desktop
    canvas = open_canvas(page, app_url)
    canvas.hover()  # it covered the canvas's top 4 px: a stroke begun there went to the toolbar
    toolbar = page.locator(".dc-toolbar")
    expect(toolbar).to_have_css("opacity", "1")
    assert toolbar.bounding_box()["y"] + toolbar.bounding_box()["height"] <= canvas.bounding_box()["y"] + 0.5


def test_the_text_is_as_large_as_the_visitors_browser_is_set_to(app_url, browser):
    page = browser.new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24, "fixed": 20}})  # a visitor with weak eyes
    open_canvas(page, app_url)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "24px"  # Streamlit's 16 px, before
    page.close()


def test_in_a_high_contrast_mode_the_wall_switch_shows_whether_it_is_on(app_url, browser):
    context = browser.new_context(forced_colors="active")  # Windows' high contrast
    page = context.new_page()
    open_canvas(page, app_url)
    switch = page.locator("[data-testid='stCheckbox']").filter(has_text="Show my drawings on the wall")
    track = switch.locator("label > div:not([data-testid])")

    def drawn() -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(track.screenshot())).convert("L"), dtype=float)

    on = drawn()
    assert on.std() > 20  # Streamlit paints it with backgrounds the mode removes: it was one flat colour
    page.get_by_text("Show my drawings on the wall").click()
    expect(page.get_by_text(re.compile("^Off: your drawings stay off the presenter's screen"))).to_be_visible()
    assert np.abs(drawn() - on).mean() > 20  # and off looks other than on
    context.close()


def test_a_wheel_during_a_stroke_does_not_scroll_the_page_under_it(app_url, browser, ten_digits):
    page = browser.new_page(viewport={"width": 1280, "height": 560})  # a laptop's: the page scrolls
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[7].strokes), PREDICTION_SIGNATURE)
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 60, box["y"] + 250)
    page.mouse.down()
    page.mouse.move(box["x"] + 140, box["y"] + 250, steps=5)
    page.mouse.wheel(0, 120)  # a trackpad's two fingers: the page scrolled, and the stroke's rest landed lower
    page.wait_for_timeout(500)
    page.mouse.move(box["x"] + 220, box["y"] + 250, steps=5)
    page.mouse.up()
    assert canvas.bounding_box()["y"] == box["y"]
    page.mouse.wheel(0, 120)  # with no stroke down, it scrolls
    page.wait_for_function(
        "([upper, y]) => upper.getBoundingClientRect().y < y", arg=[canvas.element_handle(), box["y"]]
    )
    page.close()


def touches(context: BrowserContext, page: Page, canvas: Locator):
    """A function that sends a touch event with points given in canvas px, each (x, y, finger)."""
    cdp, box = context.new_cdp_session(page), canvas.bounding_box()

    def touch(kind: str, *points: tuple[float, float, int]) -> None:
        placed = [{"x": float(box["x"] + x), "y": float(box["y"] + y), "id": finger} for x, y, finger in points]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": placed})

    return touch


def test_a_thumb_resting_on_the_glass_does_not_stop_a_finger_drawing(app_url, browser, ten_digits):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    canvas = open_canvas(page, app_url)
    touch, thumb = touches(context, page, canvas), (200.0, canvas.bounding_box()["height"] + 60, 9)  # under the canvas
    # The canvas ended a finger's stroke only once every touch on the screen had lifted, and took no other finger: with
    # the thumb of the hand holding the phone on the glass, nothing was read, and the 4's second stroke not drawn
    touch("touchStart", thumb)
    for finger, stroke in enumerate(fit_strokes(ten_digits[4].strokes)):
        touch("touchStart", thumb, (*stroke[0], finger))
        for x, y in stroke[1:]:
            touch("touchMove", thumb, (x, y, finger))
        touch("touchEnd", (*stroke[-1], finger))  # the finger lifts; the thumb stays
    expect(page.locator(METRIC)).to_have_text("4", timeout=RESULT_TIMEOUT_MS)
    touch("touchEnd", thumb)
    context.close()


# A stylus whose browser sends touches too (an iPad's Pencil): each pointer event, then its touch at the same place
STYLUS = """([upper, strokes]) => {
    const box = upper.getBoundingClientRect();
    strokes.forEach((stroke, id) => {
        const at = ([x, y]) => ({ clientX: box.left + x, clientY: box.top + y });
        const touch = point => new Touch({ identifier: id, target: upper, ...at(point) });
        const send = (event) => upper.dispatchEvent(event);
        const options = { bubbles: true, composed: true, cancelable: true };
        const pen = (kind, point) => send(new PointerEvent(kind, { ...options, pointerType: "pen", pointerId: id + 2,
            isPrimary: true, ...at(point) }));
        const fingers = (kind, point, down) => send(new TouchEvent(kind, { ...options, changedTouches: [touch(point)],
            touches: down ? [touch(point)] : [], targetTouches: down ? [touch(point)] : [] }));
        pen("pointerdown", stroke[0]);
        fingers("touchstart", stroke[0], true);
        for (const point of stroke.slice(1)) { pen("pointermove", point); fingers("touchmove", point, true); }
        pen("pointerup", stroke.at(-1));
        fingers("touchend", stroke.at(-1), false);
    });
}"""


def test_a_stylus_that_sends_touches_too_draws(app_url, browser, ten_digits):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    canvas = open_canvas(page, app_url)
    # Its own touch came while the pen was down, and was taken for a palm: nothing drawn
    four = [stroke.tolist() for stroke in fit_strokes(ten_digits[4].strokes)]
    page.evaluate(STYLUS, [canvas.element_handle(), four])
    expect(page.locator(METRIC)).to_have_text("4", timeout=RESULT_TIMEOUT_MS)
    context.close()


def test_a_palm_that_lands_while_a_pen_draws_leaves_its_stroke_whole(app_url, browser, ten_digits):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    canvas = open_canvas(page, app_url)
    touch, box, cdp = touches(context, page, canvas), canvas.bounding_box(), context.new_cdp_session(page)

    def pen(kind: str, x: float, y: float) -> None:
        event = {"type": kind, "x": box["x"] + x, "y": box["y"] + y, "button": "left", "pointerType": "pen"}
        cdp.send("Input.dispatchMouseEvent", {**event, "clickCount": 1} if kind != "mouseMoved" else event)

    # A pen's stroke restarted where the palm landed: the 4 lost its first half, "not a digit"
    for stroke in fit_strokes(ten_digits[4].strokes):
        pen("mousePressed", *stroke[0])
        for i, (x, y) in enumerate(stroke[1:]):
            if i == len(stroke) // 2:
                touch("touchStart", (250.0, 265.0, 7))  # the palm, at the canvas's foot
            pen("mouseMoved", x, y)
        pen("mouseReleased", *stroke[-1])
        touch("touchEnd", (250.0, 265.0, 7))
    expect(page.locator(METRIC)).to_have_text("4", timeout=RESULT_TIMEOUT_MS)
    context.close()


def test_a_phone_gets_a_number_canvas_as_wide_as_its_screen_and_a_number_written_there_is_read(
    app_url, browser, ten_digits
):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_canvas(page, app_url)
    page.get_by_test_id("stExpandSidebarButton").tap()  # the mode is in the sidebar, closed on a phone
    page.get_by_text("A number", exact=True).tap()
    expect(page.locator(CANVAS)).to_have_css("width", f"{NUMBER_CANVAS_PHONE[1]}px", timeout=RESULT_TIMEOUT_MS)
    canvas = wait_for_fresh_canvas(page)
    expect_no_prediction(page)  # the page has run in number mode: the prompt is back
    page.get_by_test_id("stSidebarCollapseButton").locator("button").tap()
    box = canvas.bounding_box()
    assert box["x"] + box["width"] <= PHONE["viewport"]["width"]  # the whole canvas is on screen, not cut off
    left = [box["x"] + 5, box["y"] + box["height"] / 2]  # the sidebar slides away to the left: uncovered last
    page.wait_for_function(f"p => String(({AT_POINT})(p)).includes('upper-canvas')", arg=left)
    strokes, (_, width) = number_layout([ten_digits[i] for i in (3, 5, 8)])
    fit = 0.9 * NUMBER_CANVAS_PHONE[1] / width  # written smaller, as a finger on a narrow canvas writes
    stroke = touch_stroke(context.new_cdp_session(page), canvas)
    for points in strokes:
        stroke(points * fit + (0, (1 - fit) * NUMBER_CANVAS_PHONE[0] / 2))
    expect(page.locator(METRIC)).to_have_text("358", timeout=RESULT_TIMEOUT_MS)
    context.close()


def test_a_phone_turned_sideways_opens_with_the_sidebar_folded_away_and_the_canvas_mostly_in_sight(app_url, browser):
    # At 844 x 390 Streamlit opened the sidebar over a third of the screen, its close button shown only on hover
    context = browser.new_context(**{**PHONE, "viewport": {"width": 844, "height": 390}})
    page = context.new_page()
    canvas = open_canvas(page, app_url)
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_visible()  # the » to open it
    in_sight = 390 - canvas.bounding_box()["y"]  # the canvas began 322 px down: 68 px of its 280 in sight
    assert in_sight >= 0.75 * CANVAS_SIZE
    context.close()


def test_a_phone_visitor_finds_the_photo_page_with_the_sidebar_closed(app_url, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_canvas(page, app_url)
    expect(page.get_by_role("link", name="Photo", exact=True)).not_to_be_in_viewport()  # the navigation is folded away
    to_photo = page.get_by_role("link", name="Digits on paper? Take a photo")  # whole: a longer one was cut at 320 px
    expect(to_photo).to_be_in_viewport()
    to_photo.tap()
    expect(page.locator("input[type='file']")).to_have_count(1)  # the Photo page's upload, and its camera switch
    expect(page.get_by_text("Use the camera")).to_be_visible()
    context.close()
    small = browser.new_context(**{**PHONE, "viewport": {"width": 320, "height": 568}})  # an iPhone SE's screen
    page = small.new_page()
    open_canvas(page, app_url)
    label = page.get_by_role("link", name=re.compile("^Digits on paper")).locator("p")
    assert label.evaluate("p => p.scrollWidth <= p.clientWidth")  # not cut short with an ellipsis
    small.close()


def test_a_narrow_window_shows_the_whole_canvas_with_the_reading_under_it(app_url, browser, ten_digits):
    context = browser.new_context(viewport={"width": 800, "height": 900})  # half a laptop's screen, sidebar open
    page = context.new_page()
    canvas = open_canvas(page, app_url)
    box = canvas.bounding_box()
    right_edge = [box["x"] + box["width"] - 3, box["y"] + box["height"] / 2]  # was clipped: the canvas 62 px short
    assert "upper-canvas" in page.evaluate(AT_POINT, right_edge)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[0].strokes), PREDICTION_SIGNATURE)
    assert page.locator(METRIC).bounding_box()["y"] > box["y"] + box["height"]  # the reading, whole, below
    context.close()


def test_a_window_zoomed_to_200_percent_fits_the_number_canvas_and_says_the_reading_by_clear(
    app_url, browser, ten_digits
):
    # A 1280 x 720 window at 200%: 640 x 360 CSS px. The number canvas stayed 700 px wide, its right 92 px scrolled out
    # of its box, and the one-digit reading went under the canvas, off screen, with nothing said where the pen is
    context = browser.new_context(viewport={"width": 640, "height": 360}, device_scale_factor=2)
    page = context.new_page()
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[4].strokes), PREDICTION_SIGNATURE)
    expect(main_column(page).get_by_text(re.compile(r"^Reads 4, \d+% sure"))).to_be_visible()
    open_canvas(page, f"{app_url}/?mode=number")
    column = page.get_by_test_id("stMainBlockContainer").evaluate(
        "e => { const s = getComputedStyle(e); "
        "return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"
    )  # the page's column, less its padding
    assert column < NUMBER_CANVAS[1]
    # As wide as the column, once the browser has said how wide that is
    expect(page.locator(CANVAS)).to_have_css("width", f"{column:g}px", timeout=RESULT_TIMEOUT_MS)
    canvas = wait_for_fresh_canvas(page)
    width = canvas.bounding_box()["width"]
    strokes, (_, drawn) = number_layout([ten_digits[i] for i in (3, 5, 8)])
    fit = 0.9 * width / drawn
    stroke = mouse_stroke(page, canvas)
    for points in strokes:
        stroke(points * fit + (0, (1 - fit) * NUMBER_CANVAS[0] / 2))
    expect(page.locator(METRIC)).to_have_text("358", timeout=RESULT_TIMEOUT_MS)
    context.close()


def test_a_confirmed_prediction_is_saved_for_retraining(app_url, desktop, ten_digits, feedback_database):
    page = desktop
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[6].strokes), PREDICTION_SIGNATURE)
    shown = int(page.locator(METRIC).inner_text())
    page.get_by_role("button", name=f"Yes, {with_article(str(shown))}").click()
    expect(main_column(page).get_by_text(f"Saved as {with_article(str(shown))}")).to_be_visible()
    assert load_feedback(feedback_database).y.tolist()[-1] == shown


def test_a_wrong_prediction_is_corrected_with_any_other_digit_in_view(app_url, desktop, ten_digits, feedback_database):
    page = desktop
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[3].strokes), PREDICTION_SIGNATURE)
    shown = int(page.locator(METRIC).inner_text())
    others = page.get_by_test_id("stButtonGroup").get_by_role("radio")  # the "No, it was a" pills
    expect(others).to_have_count(9)
    page.get_by_test_id("stButtonGroup").scroll_into_view_if_needed()  # below the fold on a laptop's screen
    # Each digit is where the user sees it: no pill hidden off the side of a row that scrolls
    for option in others.all():
        assert option.evaluate(IN_VIEW), f"{option.inner_text()} is hidden"
    last = max(digit for digit in range(10) if digit != shown)
    others.get_by_text(str(last), exact=True).click()
    expect(main_column(page).get_by_text(f"Saved as {with_article(str(last))}")).to_be_visible()
    assert load_feedback(feedback_database).y.tolist()[-1] == last


def test_the_wall_fits_a_projectors_1280_by_720_screen_address_unbroken(app_url, desktop, browser, ten_digits):
    # At 1280 x 720 the confusion matrix ran 230 px past the screen's foot and the address broke inside its port
    canvas = open_canvas(desktop, app_url)
    draw_digit(desktop, mouse_stroke(desktop, canvas), fit_strokes(ten_digits[3].strokes), PREDICTION_SIGNATURE)
    desktop.get_by_role("button", name=re.compile(r"^Yes, ")).click()
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    wall = context.new_page()
    wall.goto(f"{app_url}/?wall")
    matrix = wall.locator("[data-testid='stDataFrame']")
    expect(matrix).to_be_visible(timeout=RESULT_TIMEOUT_MS)
    assert matrix.bounding_box()["y"] + matrix.bounding_box()["height"] <= 720
    address = wall.locator("h1 a")  # the title's address, a link
    assert (
        address.evaluate(
            "a => { const r = document.createRange(); r.selectNodeContents(a); return r.getClientRects().length; }"
        )
        == 1
    )  # on one line
    typed = context.new_page()  # the wall's page name, as a presenter types it: "Page not found" over the Draw page
    typed.goto(f"{app_url}/wall")
    expect(typed.locator("h1")).to_contain_text("Draw a digit with us", timeout=RESULT_TIMEOUT_MS)
    expect(typed.get_by_role("dialog")).to_have_count(0)
    context.close()


def test_a_number_drawn_with_its_digits_touching_is_read(app_url, desktop, ten_digits, classifier, judge):
    digits, gaps = [ten_digits[i] for i in (7, 4, 4, 3)], [0.25, -0.05, 0.25]  # the two 4s touching
    strokes, (_, width) = number_layout(digits, gaps)
    assert width <= NUMBER_CANVAS[1] and len(segment_digits(number_canvas(digits, gaps))) == 3
    assert read_number(classifier, judge, number_canvas(digits, gaps)).number == "7443"  # before the judge: "743"
    page = desktop
    open_canvas(page, app_url)
    page.get_by_text("A number", exact=True).click()
    expect(page.locator(CANVAS)).to_have_css("width", f"{NUMBER_CANVAS[1]}px", timeout=RESULT_TIMEOUT_MS)  # swapped in
    stroke = mouse_stroke(page, wait_for_fresh_canvas(page))
    for points in strokes:
        stroke(points)
    expect(page.locator(METRIC)).to_have_text("7443", timeout=RESULT_TIMEOUT_MS)
    expect(page.locator("[data-testid='stImage']")).to_have_count(4)  # each digit's 28x28 input


def test_a_smiley_is_not_a_digit_and_two_digits_go_to_number_mode_as_drawn(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    stroke = mouse_stroke(page, canvas)
    circle = np.linspace(0, 2 * np.pi, 40)
    for points in (  # a face, two eyes, a smile
        np.stack([140 + 90 * np.cos(circle), 140 + 90 * np.sin(circle)], axis=1),
        np.array([[105.0, 112.0], [105.0, 120.0]]),
        np.array([[175.0, 112.0], [175.0, 120.0]]),
        np.stack([140 + 45 * np.cos(circle[3:18]), 150 + 35 * np.sin(circle[3:18])], axis=1),
    ):
        stroke(points)
    expect(main_column(page).get_by_text("That doesn't look like a digit.")).to_be_visible(timeout=RESULT_TIMEOUT_MS)

    page.get_by_role("button", name="Clear").click()
    expect_no_prediction(page)
    stroke = mouse_stroke(page, wait_for_fresh_canvas(page))
    for points in pair_strokes([ten_digits[4], ten_digits[2]]):
        stroke(points)
    expect(main_column(page).get_by_text("This looks like a number: 42")).to_be_visible(timeout=RESULT_TIMEOUT_MS)
    page.get_by_role("button", name="Read it as a number").click()
    expect(page.locator(CANVAS)).to_have_css("width", f"{NUMBER_CANVAS[1]}px", timeout=RESULT_TIMEOUT_MS)
    stroke = mouse_stroke(page, wait_for_fresh_canvas(page))
    carried = """([upper, paper]) => {  // the number canvas has painted the drawing it was handed: ink on its paper
        const layer = upper.getRootNode().querySelector(paper);
        const pixels = layer.getContext('2d').getImageData(0, 0, layer.width, layer.height).data;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i] > 128) return true;
        return false;
    }"""
    page.wait_for_function(carried, arg=[page.locator(CANVAS).element_handle(), PAPER], timeout=RESULT_TIMEOUT_MS)
    seven, _ = number_strokes([ten_digits[7].strokes], 100.0, [], 0.0)
    for points in seven:  # a 7 to the right, as a user adds to the number...
        stroke(points + (480.0, 50.0))
    expect(page.locator(METRIC)).to_have_text(re.compile(r"^42"), timeout=RESULT_TIMEOUT_MS)  # ...the 42 is still there


def test_a_photo_of_a_number_on_paper_is_read_and_still_there_after_a_visit_to_the_draw_page(
    app_url, desktop, ten_digits, tmp_path
):
    page = desktop
    page.goto(app_url)
    page.get_by_role("link", name="Photo", exact=True).click()
    photo = tmp_path / "year.jpg"
    Image.fromarray(paper_photo(number_canvas([ten_digits[i] for i in (2, 0, 2, 6)]), seed=1)).save(photo)
    page.locator("input[type='file']").set_input_files(photo)
    expect(page.locator(METRIC)).to_have_text("2026", timeout=RESULT_TIMEOUT_MS)
    expect(main_column(page).get_by_text("What it cut out")).to_be_visible()
    paper = page.get_by_role("radio", name="A photo or scan of paper")
    paper.check(force=True)  # "Read it as": said by the visitor, and kept with the photo
    expect(paper).to_be_checked()
    expect(page.locator(METRIC)).to_have_text("2026", timeout=RESULT_TIMEOUT_MS)
    page.get_by_role("link", name="Draw", exact=True).click()
    wait_for_fresh_canvas(page)
    page.get_by_role("link", name="Photo", exact=True).click()  # Streamlit's uploader forgets; the page does not
    expect(main_column(page).get_by_text("year.jpg, as you left it")).to_be_visible()
    expect(page.locator(METRIC)).to_have_text("2026", timeout=RESULT_TIMEOUT_MS)
    expect(page.get_by_role("radio", name="A photo or scan of paper")).to_be_checked()
    page.get_by_role("button", name="Remove it").click()
    expect(main_column(page).get_by_text("Upload a photo or scan")).to_be_visible()
    expect(page.locator(METRIC)).to_have_count(0)
    page.locator("input[type='file']").set_input_files(photo)  # and taken away with the uploader's own x: gone too
    expect(page.locator(METRIC)).to_have_text("2026", timeout=RESULT_TIMEOUT_MS)
    page.get_by_role("button", name="Remove year.jpg").click()
    expect(main_column(page).get_by_text("Upload a photo or scan")).to_be_visible()
    page.get_by_role("link", name="Draw", exact=True).click()
    wait_for_fresh_canvas(page)
    page.get_by_role("link", name="Photo", exact=True).click()
    expect(main_column(page).get_by_text("Upload a photo or scan")).to_be_visible()


# A file dropped or an image pasted on the page, as the browser hands it over: a DataTransfer holding the file
HANDED_OVER = """(target, [event, name, bytes]) => {
    const given = new DataTransfer();
    given.items.add(new File([new Uint8Array(bytes)], name, { type: "image/png" }));
    const events = event === "drop" ? ["dragenter", "dragover", "drop"] : ["paste"];
    for (const type of events) {
        const init = { bubbles: true, cancelable: true, composed: true };
        target.dispatchEvent(type === "paste" ? new ClipboardEvent(type, { ...init, clipboardData: given })
            : new DragEvent(type, { ...init, dataTransfer: given }));
    }
}"""


# A link dragged from another page onto the canvas: whether the page kept the browser from following it
LINK_DROPPED = """target => {
    const given = new DataTransfer();
    given.setData("text/uri-list", "https://example.com/seven.png");
    const init = { bubbles: true, cancelable: true, composed: true, dataTransfer: given };
    return !target.dispatchEvent(new DragEvent("drop", init));
}"""


def test_a_picture_dropped_on_the_canvas_or_pasted_anywhere_is_read_on_the_photo_page(app_url, desktop, ten_digits):
    # Nothing on the Draw page took a drop: the browser opened the file in the tab, and the drawing was lost
    page = desktop
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[7].strokes), PREDICTION_SIGNATURE)
    drawn = signature(page, PREDICTION_SIGNATURE)
    three, four = (list(png(draw_strokes(fit_strokes(ten_digits[d].strokes), 20))) for d in (3, 4))
    canvas.evaluate(HANDED_OVER, ["drop", "three.png", three])
    expect(page.locator(METRIC)).to_have_text("3", timeout=RESULT_TIMEOUT_MS)  # on the Photo page
    expect(main_column(page).get_by_text("Your drawing: three.png")).to_be_visible()
    page.locator("h1").evaluate(HANDED_OVER, ["paste", "image.png", four])  # the uploader has no focus
    expect(main_column(page).get_by_text("Your drawing: image.png")).to_be_visible(timeout=RESULT_TIMEOUT_MS)
    expect(page.locator(METRIC)).to_have_text("4")
    page.get_by_role("link", name="Draw", exact=True).click()
    wait_for_signature(page, PREDICTION_SIGNATURE, drawn)  # the 7 as it was left
    kept = wait_for_fresh_canvas(page).evaluate(LINK_DROPPED)  # a link, no file: not followed away from the drawing
    assert kept, "the browser was left to open the dropped link in the tab"


def test_why_the_uploader_refused_a_file_is_in_sight(app_url, desktop):
    # Streamlit keeps the reason for screen readers alone (a 1 px box): a visitor saw a red "!" by the file's name
    page = desktop
    page.goto(f"{app_url}/photo")
    page.locator("input[type='file']").set_input_files(
        {"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}
    )
    reason = page.locator("[data-testid='stFileChip'] [role='alert']")
    expect(reason).to_have_text("Error: application/pdf files are not allowed.")
    box = reason.bounding_box()
    assert box["width"] > 200 and box["height"] > 10, box


def test_screenshot_for_the_readme(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[3].strokes), PREDICTION_SIGNATURE)
    expect(page.locator(METRIC)).to_have_text(ONE_DIGIT)
    page.mouse.move(DESKTOP["viewport"]["width"] - 10, 10)  # hover nothing: the canvas toolbar hides
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert SCREENSHOT.stat().st_size < 200_000
