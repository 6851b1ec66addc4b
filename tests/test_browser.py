"""The drawing page end to end: `streamlit run app.py` served locally, real pen trajectories drawn in headless Chromium.

Draws one held-out digit of each class with the mouse and reads the prediction off the page, clears with the Clear
button and with the canvas toolbar, draws with a finger on a phone-sized screen, and saves docs/screenshot.png.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from digitpad.config import REPO_ROOT
from digitpad.strokes import fit_strokes
from tests.browser import (
    METRIC,
    PHONE,
    PREDICTION_SIGNATURE,
    TOOLBAR_RESET,
    draw_digit,
    launch_chromium,
    mouse_stroke,
    open_canvas,
    streamlit_server,
    touch_stroke,
    wait_for_fresh_canvas,
)
from tests.drawings import first_of_each_label

MIN_CORRECT = 9  # of the ten digits drawn, one per class
PROMPT = "Draw in the black box"
ONE_DIGIT = re.compile(r"^[0-9]$")
SCREENSHOT = REPO_ROOT / "docs" / "screenshot.png"
DESKTOP = {"viewport": {"width": 1100, "height": 800}}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    with streamlit_server("app.py", tmp_path_factory.mktemp("streamlit") / "server.log") as server:
        yield server.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def desktop(browser) -> Iterator[Page]:
    context = browser.new_context(**DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def ten_digits(pen_digits):
    return first_of_each_label(pen_digits)


def expect_no_prediction(page: Page) -> None:
    expect(page.get_by_text(PROMPT)).to_be_visible()
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


def test_the_canvas_toolbar_reset_removes_the_prediction(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[7].strokes), PREDICTION_SIGNATURE)
    expect(page.locator(METRIC)).to_have_count(1)
    page.locator(TOOLBAR_RESET).click()
    expect_no_prediction(page)


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
    context.close()


def test_screenshot_for_the_readme(app_url, desktop, ten_digits):
    page = desktop
    canvas = open_canvas(page, app_url)
    draw_digit(page, mouse_stroke(page, canvas), fit_strokes(ten_digits[3].strokes), PREDICTION_SIGNATURE)
    expect(page.locator(METRIC)).to_have_text(ONE_DIGIT)
    page.mouse.move(DESKTOP["viewport"]["width"] - 10, 10)  # hover nothing: the canvas toolbar hides
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert SCREENSHOT.stat().st_size < 200_000
