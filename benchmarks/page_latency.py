"""How soon after a stroke digitpad's page shows its new prediction, against a bare page with the same canvas; and how
soon the page comes up.

In: final writers' pen digits ($DIGITPAD_STROKES) and the model (digitpad.config.MODEL_PATH, $DIGITPAD_MODEL).
Out, printed: per-stroke latency, from mouse-up to the stroke's result on screen as the page's own clock measures it,
p50 and p95 for app.py and for benchmarks/bare_canvas_app.py, and their ratios (goal: 1.25x at p50, 1.35x at p95);
then the time from `streamlit run app.py` to the canvas being ready to draw on, and to the first prediction shown (a
digit drawn as soon as the canvas is ready). One Streamlit server and one headless Chromium run at a time.

    DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.page_latency
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
from playwright.sync_api import Browser, sync_playwright

from digitpad.data import PenDigit, load_pen_digits
from digitpad.strokes import fit_strokes
from tests.browser import (
    INK_COUNT_SIGNATURE,
    PREDICTION_SIGNATURE,
    TOOLBAR_RESET,
    draw_digit,
    launch_chromium,
    mouse_stroke,
    open_canvas,
    streamlit_server,
    wait_for_signature,
)
from tests.drawings import first_of_each_label

DIGITS_PER_LABEL = 3  # 30 final writers' digits, about 38 strokes, on each page
WARM_UP_DIGITS = 2  # drawn first on each page and not timed: first renders of the chart, image and fonts
RATIO_GOALS = {50: 1.25, 95: 1.35}  # issue 13: app.py against the bare canvas page, at p50 and p95
VIEWPORT = {"width": 1100, "height": 800}


def stroke_latencies(browser: Browser, url: str, signature_js: str, cleared: str, digits: list[PenDigit]) -> np.ndarray:
    """Draw each digit on a cleared canvas; the ms from each stroke's mouse-up to its result, bar the warm-up's."""
    page = browser.new_page(viewport=VIEWPORT)
    stroke = mouse_stroke(page, open_canvas(page, url))
    latencies = []
    for index, digit in enumerate(digits):
        page.locator(TOOLBAR_RESET).click()  # both pages have the canvas's toolbar; only app.py has a Clear button
        wait_for_signature(page, signature_js, cleared)
        timings = draw_digit(page, stroke, fit_strokes(digit.strokes), signature_js)
        if index >= WARM_UP_DIGITS:
            latencies += timings
    page.close()
    return np.array(latencies)


def describe(name: str, ms: np.ndarray) -> None:
    p50, p95 = np.percentile(ms, [50, 95])
    print(f"{name:<13} {len(ms):3d} strokes   p50 {p50:6.0f} ms   p95 {p95:6.0f} ms   mean {ms.mean():6.0f} ms")


def main() -> None:
    digits = first_of_each_label(load_pen_digits(), DIGITS_PER_LABEL)
    logs = Path(tempfile.mkdtemp(prefix="page_latency-"))
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        started = time.perf_counter()
        with streamlit_server("app.py", logs / "app.log") as (url, _):
            page = browser.new_page(viewport=VIEWPORT)
            canvas = open_canvas(page, url)
            canvas_ready_s = time.perf_counter() - started
            strokes = fit_strokes(digits[0].strokes)
            draw_digit(page, mouse_stroke(page, canvas), strokes, PREDICTION_SIGNATURE)
            first_prediction_s = time.perf_counter() - started
            page.close()
            page_ms = stroke_latencies(browser, url, PREDICTION_SIGNATURE, "", digits)
        with streamlit_server("benchmarks/bare_canvas_app.py", logs / "bare.log") as (url, _):
            bare_ms = stroke_latencies(browser, url, INK_COUNT_SIGNATURE, "Ink pixels: 0", digits)
        browser.close()

    print("Mouse-up to the stroke's result on screen (includes the canvas's own 200 ms send delay):")
    describe("app.py", page_ms)
    describe("bare canvas", bare_ms)
    ratios = {q: np.percentile(page_ms, q) / np.percentile(bare_ms, q) for q in RATIO_GOALS}
    verdict = "met" if all(ratios[q] <= goal for q, goal in RATIO_GOALS.items()) else "NOT met"
    goals = ", ".join(f"p{q} <= {goal}x" for q, goal in RATIO_GOALS.items())
    print(f"{'ratio':<13} p50 {ratios[50]:.2f}x   p95 {ratios[95]:.2f}x   (goal: {goals}: {verdict})")
    print(f"`streamlit run app.py` to the canvas ready to draw on: {canvas_ready_s:5.1f} s")
    print(f"... to the first prediction shown ({len(strokes)}-stroke digit drawn at once): {first_prediction_s:5.1f} s")


if __name__ == "__main__":
    main()
