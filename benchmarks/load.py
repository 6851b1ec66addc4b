"""A room full of people on one server: SESSIONS browsers draw the final writers' pen digits on one
`streamlit run app.py` at once for a minute, each its own Streamlit session, as at a meetup.

In: the pen digits ($DIGITPAD_STROKES) and the bundled model. Out, printed: errors (a stroke whose result never came,
or an error or exception shown on a page); cross-talk (a drawing whose shown digit differs from what a lone session was
shown for the very same drawing: another session's answer, or a lost update); per-stroke latency, mouse-up to the
result on screen, p50/p95 against the lone session; the server's CPU time per stroke, which says how many people one
server process can keep up with; and the server's memory (resident set) before, at the peak during
and after each of two rounds of sessions: memory that keeps growing from round to round would be a leak.
The browsers run on the same 2 cores as the server, so latency here is an upper bound for the server's share.

    DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.load [--sessions 10] [--seconds 60]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from digitpad.data import PenDigit, load_pen_digits
from digitpad.strokes import fit_strokes
from tests.browser import (
    METRIC,
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

DIGITS_PER_LABEL = 3  # 30 final writers' digits; session i starts at the i-th, so neighbours draw different ones
SETTLE_S = 10.0  # after the sessions close, before memory is read: Streamlit drops a session once its socket closes
MEMORY_SAMPLE_S = 0.5
VIEWPORT = {"width": 1100, "height": 800}
# Between one visitor opening the page and the next. All ten at the same instant means ten Chromiums starting on the
# server's own 2 cores: on 2026-11-22 that kept 10 of 20 page loads past Playwright's 30 s, the browsers' doing, not
# the server's (which went on answering strokes in 0.8 s p50).
ARRIVAL_S = 1.0
PAGE_FAILURE = "[data-testid='stException'], [data-testid='stAlertContentError']"


@dataclass
class Session:
    """What one browser session drew and saw."""

    shown: list[tuple[int, str]] = field(default_factory=list)  # (index of the digit drawn, the digit shown)
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run_session(url: str, digits: list[PenDigit], first: int, seconds: float | None, session: Session) -> None:
    """Draw digits[first], digits[first + 1], ... on a cleared canvas until `seconds` pass (or each once if None)."""
    with sync_playwright() as playwright:  # one Playwright per thread: its sync API is bound to the thread
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=VIEWPORT)
        try:
            stroke = mouse_stroke(page, open_canvas(page, url))
        except PlaywrightError as error:  # a visitor who never got a canvas: an error, not a silent absence
            session.errors.append(f"page load: {error.message.splitlines()[0]}")
            browser.close()
            return
        deadline = None if seconds is None else time.monotonic() + seconds
        for step in range(10**6):
            if (deadline is None and step == len(digits)) or (deadline is not None and time.monotonic() > deadline):
                break
            index = (first + step) % len(digits)
            try:
                page.locator(TOOLBAR_RESET).click()
                wait_for_signature(page, PREDICTION_SIGNATURE, "")
                strokes = fit_strokes(digits[index].strokes)
                session.latencies_ms += draw_digit(page, stroke, strokes, PREDICTION_SIGNATURE)
                session.shown.append((index, page.locator(METRIC).inner_text()))
                if page.locator(PAGE_FAILURE).count():
                    session.errors.append(f"digit {index}: the page shows an error")
            except PlaywrightError as error:
                session.errors.append(f"digit {index}: {error.message.splitlines()[0]}")
        browser.close()


def resident_mb(pid: int) -> float:
    """The process's resident memory in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    """The CPU time the process has used so far (user + system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime and stime, fields 14 and 15


def crowd(url: str, pid: int, digits: list[PenDigit], sessions: int, seconds: float) -> tuple[list[Session], float]:
    """`sessions` concurrent sessions for `seconds`; returns them and the server's peak memory (MB) meanwhile."""
    results = [Session() for _ in range(sessions)]
    threads = [
        threading.Thread(target=run_session, args=(url, digits, i * len(digits) // sessions, seconds, results[i]))
        for i in range(sessions)
    ]
    for thread in threads:
        thread.start()
        time.sleep(ARRIVAL_S)
    peak = 0.0
    while any(thread.is_alive() for thread in threads):
        peak = max(peak, resident_mb(pid))
        time.sleep(MEMORY_SAMPLE_S)
    return results, peak


def describe(name: str, ms: np.ndarray) -> str:
    p50, p95 = np.percentile(ms, [50, 95])
    return f"{name:<22} {len(ms):4d} strokes   p50 {p50:6.0f} ms   p95 {p95:6.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    digits = first_of_each_label(load_pen_digits(), DIGITS_PER_LABEL)

    with streamlit_server("app.py", Path(tempfile.mkdtemp(prefix="load-")) / "server.log") as (url, pid):
        started_mb = resident_mb(pid)
        lone = Session()
        run_session(url, digits, 0, None, lone)  # each digit once: the reference answers and latency
        reference = dict(lone.shown)
        memory = [f"server memory: {started_mb:.0f} MB at start, {resident_mb(pid):.0f} MB after one session"]
        rounds, server_cpu = [], []
        for round_ in (1, 2):
            cpu_before = cpu_seconds(pid)
            results, peak = crowd(url, pid, digits, args.sessions, args.seconds)
            server_cpu.append(cpu_seconds(pid) - cpu_before)
            time.sleep(SETTLE_S)
            memory.append(f"round {round_}: peak {peak:.0f} MB during, {resident_mb(pid):.0f} MB after they closed")
            rounds.append(results)

    print(f"{args.sessions} sessions x {args.seconds:.0f} s, two rounds, one server (2 cores, browsers too)\n")
    print(describe("lone session", np.array(lone.latencies_ms)))
    for round_, (results, cpu) in enumerate(zip(rounds, server_cpu, strict=True), 1):
        drawn = [shown for session in results for shown in session.shown]
        errors = [error for session in results for error in session.errors]
        crossed = [(index, digit) for index, digit in drawn if digit != reference.get(index)]
        ms = np.concatenate([session.latencies_ms for session in results])
        ratio = np.percentile(ms, [50, 95]) / np.percentile(lone.latencies_ms, [50, 95])
        print(describe(f"round {round_}: {args.sessions} at once", ms) + f"   ({ratio[0]:.1f}x / {ratio[1]:.1f}x)")
        counts = [len(session.shown) for session in results]
        print(
            f"  {len(drawn)} digits drawn ({min(counts)}-{max(counts)} a session); errors: {len(errors)}; "
            f"shown digit differs from the lone session's: {len(crossed)}"
        )
        print(f"  server CPU: {cpu:.0f} s in all, {1000 * cpu / len(ms):.0f} ms a stroke")
        for error in errors[:5]:
            print(f"  error: {error}")
    print("\n".join(memory))


if __name__ == "__main__":
    main()
