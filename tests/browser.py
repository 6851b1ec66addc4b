"""Driving a Streamlit page in headless Debian Chromium, for the browser tests and the page-latency benchmark.

In: a Streamlit script to serve, pen strokes in canvas pixels, and a JavaScript "signature" of what the page shows.
Out: a running server (stopped by its PID on exit), a browser page, and strokes replayed with the mouse or a finger,
each waited for until the page shows its result, with the time that took as the page measured it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import numpy as np
from playwright.sync_api import Browser, CDPSession, Locator, Page, Playwright, expect
from playwright.sync_api import Error as PlaywrightError

from digitpad.config import REPO_ROOT
from digitpad.serving.room import free_port

CHROMIUM = "/usr/bin/chromium"  # Debian's build; Playwright's own download is never used
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 60.0  # a cold start imports Streamlit on a busy 2-core machine
RESULT_TIMEOUT_MS = 30_000  # a stroke's result can wait for the model's first load on a fresh server
CANVAS = "canvas.upper-canvas"  # Fabric's event-catching layer; Playwright's CSS locators pierce the shadow root
PAPER = "canvas.dc-canvas.lower-canvas"  # the layer the drawing and its background colour are painted on
TOOLBAR_RESET = "button[aria-label='Reset canvas & history']"  # the canvas toolbar's bin
METRIC = "[data-testid='stMetricValue']"  # the page's "Prediction": the digit it read
IPHONE = (  # Safari on an iPhone: a phone's User-Agent holds "Mobi"
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Mobile/15E148 Safari/604.1"
)
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": IPHONE,
}

# Page signatures: what changes on screen when a stroke's result arrives. The page's preview image has a URL made from
# a hash of its pixels, so every stroke that adds ink changes it ('' while there is no prediction); the bare page
# echoes its ink count.
PREDICTION_SIGNATURE = "() => document.querySelector('[data-testid=\"stImage\"] img')?.src ?? ''"
# Number mode's result is several elements, each sent as the script reaches it, and may be folded away (no digits):
# the page's runs that have ended instead ('' while one runs), counted from the signature's first call
RUNS_SIGNATURE = """() => { const app = document.querySelector('[data-testid="stApp"]');
    if (window.__runs === undefined) { window.__runs = 0; new MutationObserver(() => {
        if (app.dataset.testScriptState === 'notRunning') window.__runs++; }).observe(app, {attributes: true}); }
    return app.dataset.testScriptState === 'notRunning' ? String(window.__runs) : ''; }"""
NO_RESULT = """() => !document.querySelector("[data-testid='stMetricValue']")
    && document.querySelector("[data-testid='stApp']")?.dataset.testScriptState === 'notRunning'"""
INK_COUNT_SIGNATURE = (
    "() => [...document.querySelectorAll('[data-testid=\"stMarkdown\"]')]"
    ".map(e => e.innerText).find(t => t.startsWith('Ink pixels')) ?? ''"
)
# A canvas is ready to draw on once mounted, laid out (its layers stacked) and its paper painted; arg: [upper, PAPER]
CANVAS_READY = """([upper, paperSelector]) => {
    const root = upper.getRootNode();
    const layers = root.querySelector('.dc-background-canvas'), paper = root.querySelector(paperSelector);
    if (!upper.isConnected || !layers || !paper) return false;  // mounting, or replaced by a rerun: not yet
    const stacked = layers.getBoundingClientRect().top === upper.getBoundingClientRect().top;
    return stacked && paper.getContext('2d').getImageData(0, 0, 1, 1).data[3] === 255;
}"""
# How many of the canvas's paper pixels are ink (bright on the black paper); arg: the upper canvas
INK_PIXELS = """upper => { const paper = upper.getRootNode().querySelector('canvas.dc-canvas.lower-canvas');
    const data = paper.getContext('2d').getImageData(0, 0, paper.width, paper.height).data;
    let ink = 0; for (let i = 0; i < data.length; i += 4) if (data[i] > 128) ink++; return ink; }"""
# Records when the last stroke ended (mouse button or finger lifted), on the page's own clock.
STROKE_END_LISTENER = """() => {
    const mark = () => { window.__strokeEnd = performance.now(); };
    window.addEventListener('mouseup', mark, true);
    window.addEventListener('touchend', mark, true);
}"""

Stroke = Callable[[np.ndarray], None]  # draws one stroke given its points in canvas pixels


def main_column(page: Page) -> Locator:
    """What the page shows in its main column: its results' words are there once, not twice as with the unseen copy a
    screen reader is given (digitpad.serving.mends.SAID_JS), which page.get_by_text would find too."""
    return page.get_by_test_id("stMain")


def wait_until_answering(url: str, server: subprocess.Popen, log: Path) -> None:
    """Poll Streamlit's health endpoint until it answers; fail with the server's log if it dies or never does."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"streamlit did not answer within {SERVER_START_TIMEOUT_S} s:\n{log.read_text()}")


class Server(NamedTuple):
    url: str
    pid: int


@contextmanager
def streamlit_server(
    script: str,
    log: Path,
    preload: bool = False,
    launcher: list[str] | None = None,
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> Iterator[Server]:
    """Serve `script` (relative to the repo root) on a free local port (or `port`); yields its URL and PID, then stops
    it. With `preload`, as `python -m digitpad app` serves it: the models loading as the server starts
    (digitpad.serving.preload). A `launcher` (an installed `digitpad app`, say) serves the page instead of `script`,
    from a folder of its own, with `env` as its whole environment."""
    port = port or free_port()
    runner = ["digitpad.serving.preload"] if preload else ["streamlit", "run"]
    command = launcher or [sys.executable, "-m", *runner, script]
    command = [*command, "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"]
    with log.open("w") as output:
        server = subprocess.Popen(
            command,
            cwd=log.parent if launcher else REPO_ROOT,
            env=env or os.environ.copy(),
            stdout=output,
            stderr=output,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_answering(url, server, log)
        yield Server(url, server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_for_fresh_canvas(page: Page) -> Locator:
    """Wait until there is one canvas and it is ready to draw on; returns it.

    A canvas that has just mounted (on page load, and after Clear swaps in a new one) is not ready at once: until its
    shadow root's stylesheet applies, its layers stack vertically, so the drawing layer sits 288 px below where it
    settles and a stroke aimed at it misses; and the initial drawing it loads asynchronously wipes any stroke drawn
    before the load ends. The load ends by painting the paper colour, so the paper layer turning opaque marks it (both
    our pages draw on opaque black).
    """
    canvas = page.locator(CANVAS)
    expect(canvas).to_have_count(1, timeout=RESULT_TIMEOUT_MS)
    page.wait_for_function(CANVAS_READY, arg=[canvas.element_handle(), PAPER], timeout=RESULT_TIMEOUT_MS)
    return canvas


def open_canvas(page: Page, url: str) -> Locator:
    """Load the page, wait for its canvas to be ready, and start recording stroke ends."""
    page.goto(url)
    canvas = wait_for_fresh_canvas(page)
    page.evaluate(STROKE_END_LISTENER)
    return canvas


def mouse_stroke(page: Page, canvas: Locator) -> Stroke:
    """A Stroke that drags the mouse along the points with the button down, as a person drawing at a desk."""

    def stroke(points: np.ndarray) -> None:
        if canvas.count() == 1:  # a click on a button below may have scrolled it away: a person scrolls back to draw
            canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        if box is None:  # the canvas left the page (it is reconnecting to the room): an error as a click would raise
            raise PlaywrightError("the canvas is no longer on the page")
        page.mouse.move(points[0, 0] + box["x"], points[0, 1] + box["y"])
        page.mouse.down()
        for x, y in points[1:]:
            page.mouse.move(x + box["x"], y + box["y"])
        page.mouse.up()

    return stroke


def touch_stroke(cdp: CDPSession, canvas: Locator) -> Stroke:
    """A Stroke that drags one finger along the points with raw touch events, as on a phone."""

    def stroke(points: np.ndarray) -> None:
        box = canvas.bounding_box()
        touches = [[{"x": float(x + box["x"]), "y": float(y + box["y"])}] for x, y in points]
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": touches[0]})
        for touch in touches[1:]:
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": touch})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    return stroke


def signature(page: Page, signature_js: str) -> str:
    return page.evaluate(signature_js)


def wait_for_signature(page: Page, signature_js: str, value: str) -> None:
    """Wait until the page's signature is `value` (say, the empty result after clearing)."""
    page.wait_for_function(f"value => ({signature_js})() === value", arg=value, timeout=RESULT_TIMEOUT_MS)


def wait_for_result(page: Page, signature_js: str, before: str) -> float:
    """Wait until the page shows a new, non-empty signature; returns the ms since the last stroke ended."""
    # Resolves to a number once the signature has changed; false keeps Playwright polling, once per frame.
    changed = f"""before => {{
        const now = ({signature_js})();
        return now !== '' && now !== before && performance.now() - window.__strokeEnd;
    }}"""
    return float(page.wait_for_function(changed, arg=before, polling="raf", timeout=RESULT_TIMEOUT_MS).json_value())


def draw_digit(page: Page, stroke: Stroke, strokes: list[np.ndarray], signature_js: str) -> list[float]:
    """Draw a digit stroke by stroke, after each waiting for the page's result; returns each stroke's latency in ms."""
    latencies = []
    for points in strokes:
        before = signature(page, signature_js)
        stroke(points)
        latencies.append(wait_for_result(page, signature_js, before))
    return latencies


def draw_on_fresh_canvas(page: Page, strokes: list[np.ndarray], tries: int = 1) -> int:
    """Draw with the mouse on the page's canvas once it is ready, waiting for each stroke's result; returns the tries
    taken. A page reconnecting to its server loses what is drawn meanwhile, as a person's would be: it is drawn again
    on the canvas the page then shows, up to `tries` times."""
    for attempt in range(1, tries + 1):
        try:
            canvas = wait_for_fresh_canvas(page)
            draw_digit(page, mouse_stroke(page, canvas), strokes, PREDICTION_SIGNATURE)
            return attempt
        except PlaywrightError:
            if attempt == tries:
                raise
    return tries
