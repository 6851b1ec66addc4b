"""A page left open while its server process restarts (a room starts a dead one again) reads the next drawing: in
Chromium, against `python -m digitpad app`'s own server (digitpad.serving.preload), stopped and started on one port."""

from __future__ import annotations

import os
import signal
import time

from playwright.sync_api import expect

from digitpad.reading.strokes import fit_strokes
from digitpad.serving.room import free_port
from tests.browser import (
    METRIC,
    RESULT_TIMEOUT_MS,
    draw_on_fresh_canvas,
    main_column,
    mouse_stroke,
    open_canvas,
    streamlit_server,
)

PROMPT = "Draw in the black box"  # the page's, once its models have loaded
RECONNECT_S = 5  # the browser retries its connection about once a second


def test_a_page_idle_since_it_opened_reads_a_drawing_after_its_server_restarts(browser, ten_digits, tmp_path):
    # Before: the ink showed, the prompt stayed, for good: Streamlit dropped the canvas's fragment rerun ("The fragment
    # with id ... does not exist anymore"), the new process never having run the page for it (5 of 7 tries)
    port = free_port()
    page = browser.new_context(viewport={"width": 1100, "height": 800}).new_page()
    with streamlit_server("app.py", tmp_path / "first.log", preload=True, port=port) as first:
        open_canvas(page, first.url)  # opened, nothing drawn: its last run was the whole page's, finished
        expect(main_column(page).get_by_text(PROMPT)).to_be_visible(timeout=RESULT_TIMEOUT_MS)
        expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
        os.kill(first.pid, signal.SIGKILL)  # as the OOM killer would; the room starts it again
    with streamlit_server("app.py", tmp_path / "second.log", preload=True, port=port):
        time.sleep(RECONNECT_S)
        draw_on_fresh_canvas(page, fit_strokes(ten_digits[3].strokes), tries=2)  # once more if it still reconnected
        expect(page.locator(METRIC)).to_have_text("3", timeout=RESULT_TIMEOUT_MS)
    page.context.close()


def test_a_drawing_made_while_the_server_was_gone_is_read_once_it_is_back(browser, ten_digits, tmp_path):
    # Wi-Fi that drops, or a process restarted: strokes drawn meanwhile reached no server, and on reconnecting the
    # browser asked for no run; the ink stayed beside the prompt, unread, until another stroke (8 of 8 tries, a drop)
    port = free_port()
    page = browser.new_context(viewport={"width": 1100, "height": 800}).new_page()
    with streamlit_server("app.py", tmp_path / "first.log", preload=True, port=port) as first:
        canvas = open_canvas(page, first.url)
        expect(main_column(page).get_by_text(PROMPT)).to_be_visible(timeout=RESULT_TIMEOUT_MS)
        os.kill(first.pid, signal.SIGKILL)
    stroke = mouse_stroke(page, canvas)
    for points in fit_strokes(ten_digits[3].strokes):  # drawn at once: after ~3 s without a server the page is greyed
        stroke(points)
    with streamlit_server("app.py", tmp_path / "second.log", preload=True, port=port):
        expect(page.locator(METRIC)).to_have_text("3", timeout=RESULT_TIMEOUT_MS)  # no stroke after it is back
    page.context.close()
