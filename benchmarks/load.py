"""A room under load: SESSIONS visitors draw the final writers' pen digits at a person's pace through `digitpad room`
(nginx in front of PROCESSES Streamlit processes), against the same room with one process.

In: the pen digits ($DIGITPAD_STROKES), the bundled models, nginx. Out, printed for 1 process and for PROCESSES: strokes
served a second and their latency (the stroke sent to its result back) p50/p95; errors (a stroke whose result never
came, or an error on the page); cross-talk (a digit shown differently from what a lone visitor was shown for the very
same drawing); the servers' CPU per stroke; each process's memory after each of two rounds. In the last round of
PROCESSES, one process is killed halfway: its visitors reconnect (a new session, as the page does) and draw on; the
others should see nothing, and no saved answer may be lost (each visitor confirms every digit; the rows are counted).
Then the room's capacity: the strokes a second it serves at a p95 of 1 s or less, found by adding visitors at the same
pace (10 to 600, in steps of 10 up to 100, for 20 s each, all arriving within 5 s, in a fresh room) until the p95
passes 1 s; its ratio, PROCESSES processes against 1.
The last line: `room: SESSIONS sessions, PROCESSES processes, errors E, cross-talk C, p95 P ms`.

The clients speak Streamlit's websocket protocol as the page's JavaScript does (benchmarks/visitor.py), so that 30
visitors cost a few ms of client CPU a stroke rather than a browser's: each takes the route cookie from nginx, opens
/_stcore/stream, and after every stroke sends the canvas's real payload (its strokes' Fabric paths and the picture as
a PNG data URL, made before the run) as a rerun of the canvas's fragment. Each draws a digit's strokes 0.3-0.7 s apart,
looks at the result for 2-3 s, confirms it, clears, and draws the next: about one stroke every 1.5 s. Pages in a real
browser, the same path, are tested by tests/serving/test_room.py.

    DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.load --sessions 30 --processes 2
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from benchmarks.visitor import Closed, Drawing, Visitor
from digitpad.config import FEEDBACK_ENV
from digitpad.learning.data import load_pen_digits
from digitpad.learning.drawn import split_writers
from digitpad.learning.feedback import FeedbackStore
from digitpad.serving.room import Room, free_port
from digitpad.serving.widgets import with_article
from tests.drawings import first_of_each_label

DIGITS_PER_LABEL = 3  # 30 final writers' digits; visitor i starts at the i-th, so neighbours draw different ones
ARRIVAL_S = 0.3  # between one visitor opening the page and the next
BETWEEN_STROKES_S = (0.3, 0.7)
LOOK_S = (2.0, 3.0)  # at a result, before confirming and clearing
P95_GOAL_MS = 1500
TIMEOUT_S = 30  # a stroke whose result has not come by then is an error
CAPACITY_P95_MS = 1000
# how many visitors draw at once in each step, the steps one after another in one room
CAPACITY_STEPS = (10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 120, 140, 160, 180, 200, 225, 250, 275, 300, 350, 400, 450,
                  500, 600)  # fmt: skip
CAPACITY_STEP_S = 20.0
CAPACITY_ARRIVALS_S = 5.0  # a step's visitors all arrive within this (at ARRIVAL_S apart, 90 would take 27 s: the
# step would end before the room had them all, and the visitors' pace, not the room, would cap what it served)


@dataclass
class Outcome:
    """What one visitor saw over a round."""

    shown: list[tuple[int, str]] = field(default_factory=list)  # (index of the digit drawn, the digit shown)
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    confirmed: int = 0
    reconnects: int = 0


async def visit(url: str, drawings: list[Drawing], first: int, until: float, outcome: Outcome,
                rng: np.random.Generator, confirm: bool, once: bool = False) -> None:  # fmt: skip
    """One visitor drawing digits from `first` on until `until`; `once`: each digit once, at no pace (the lone
    visitor whose answers are the reference). A closed connection (a killed process) is reopened, as the page
    reconnects, and the digit drawn again."""
    visitor = Visitor(url)
    index, opened = first, False
    while time.monotonic() < until and not (once and index == first + len(drawings)):
        drawing = drawings[index % len(drawings)]
        try:
            if not opened:
                await visitor.open(TIMEOUT_S)
                opened = True
            for state in drawing.states:
                shown = await visitor.stroke(state, TIMEOUT_S)
                outcome.latencies_ms.append(1000 * shown.seconds)
                outcome.errors += [f"digit {index}: {error}" for error in shown.errors]
                await asyncio.sleep(0 if once else rng.uniform(*BETWEEN_STROKES_S))
            if shown.metric is None:  # no result at all (a process still loading its models, say): an error
                outcome.errors.append(f"digit {index}: no prediction shown ({'; '.join(shown.texts)[:80]})")
            else:
                outcome.shown.append((index % len(drawings), shown.metric))
            await asyncio.sleep(0 if once else rng.uniform(*LOOK_S))
            yes = shown.buttons.get(f"Yes, {with_article(shown.metric)}")
            if confirm and yes:
                saved = await visitor.click(yes, drawing.states[-1], TIMEOUT_S)
                if any(text.startswith(f"Saved as {with_article(shown.metric)}") for text in saved.texts):
                    outcome.confirmed += 1  # the page said it was saved: it must be in the database
                else:
                    outcome.errors.append(f"digit {index}: not saved ({saved.errors})")
            await visitor.click(visitor.clear_id, drawing.states[-1], TIMEOUT_S)
        except Closed as error:
            outcome.errors.append(f"digit {index}: connection closed ({error})")
            outcome.reconnects += 1
            opened = False
            continue
        except (TimeoutError, OSError) as error:
            outcome.errors.append(f"digit {index}: {type(error).__name__} {error}")
        index += 1
    await visitor.close()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def crowd(url: str, drawings: list[Drawing], sessions: int, seconds: float,
                kill: Room | None = None, arrival_s: float = ARRIVAL_S) -> list[Outcome]:  # fmt: skip
    """`sessions` visitors for `seconds`, arriving `arrival_s` apart; with `kill`, one of its processes is killed
    halfway."""
    until = time.monotonic() + seconds
    visitors = [Outcome() for _ in range(sessions)]
    tasks = []
    for i, visitor in enumerate(visitors):
        rng = np.random.default_rng(i)
        tasks.append(asyncio.create_task(visit(url, drawings, i, until, visitor, rng, confirm=kill is not None)))
        await asyncio.sleep(arrival_s)
    if kill is not None:
        await asyncio.sleep(max(0.0, until - seconds / 2 - time.monotonic()))
        os.kill(next(iter(kill.servers.values())).pid, signal.SIGKILL)
    await asyncio.gather(*tasks)
    return visitors


def report(name: str, visitors: list[Outcome], reference: dict[int, str], seconds: float, cpu: float,
           client_cpu: float) -> dict:  # fmt: skip
    ms = np.concatenate([v.latencies_ms for v in visitors]) if any(v.latencies_ms for v in visitors) else np.zeros(1)
    errors = [e for v in visitors for e in v.errors]
    wrong = crossed(visitors, reference)
    p50, p95 = np.percentile(ms, [50, 95])
    per_s = len(ms) / seconds
    visitors_ms = 1000 * client_cpu / max(len(ms), 1)
    servers = "" if np.isnan(cpu) else f"servers {1000 * cpu / max(len(ms), 1):.0f} ms, "  # nan: not measured
    print(
        f"  {name}: {len(ms)} strokes, {per_s:.1f} a second; p50 {p50:.0f} ms, p95 {p95:.0f} ms; errors "  # fmt: skip
        f"{len(errors)}; cross-talk {wrong}; CPU a stroke: {servers}the visitors {visitors_ms:.0f} ms"
    )
    for error in errors[:3]:
        print(f"    error: {error}")
    for visitor in visitors:
        for index, digit in visitor.shown:
            if digit != reference.get(index) and wrong:
                print(f"    shown {digit} for digit {index} (a lone visitor: {reference.get(index)}); this visitor "
                      f"reconnected {visitor.reconnects} times")  # fmt: skip
    return {"per_s": per_s, "p95": p95, "errors": len(errors), "crossed": wrong}


def crossed(visitors: list[Outcome], reference: dict[int, str]) -> int:
    """Digits shown differently from what a lone visitor was shown for the very same drawing."""
    return sum(digit != reference.get(index) for visitor in visitors for index, digit in visitor.shown)


@dataclass(frozen=True)
class Capacity:
    per_s: float  # strokes served a second at a p95 of CAPACITY_P95_MS or less
    reached: bool  # False: every step stayed under it, so the room can take more than per_s

    def __str__(self) -> str:
        return f"{self.per_s:.1f}" if self.reached else f"at least {self.per_s:.1f}"


async def capacity(url: str, drawings: list[Drawing], reference: dict[int, str]) -> Capacity:
    """Strokes served a second at a p95 of CAPACITY_P95_MS or less: more and more visitors at the same pace
    (CAPACITY_STEPS), for CAPACITY_STEP_S each, until the p95 passes it. The pace alone decides the load at SESSIONS
    visitors, which may leave a process idle; this is what a room of that many processes can take."""
    best, reached = 0.0, False
    for load in CAPACITY_STEPS:
        client_cpu = time.process_time()
        arrival_s = min(ARRIVAL_S, CAPACITY_ARRIVALS_S / load)
        visitors = await crowd(url, drawings, load, CAPACITY_STEP_S, arrival_s=arrival_s)
        client_cpu = time.process_time() - client_cpu
        served = report(f"{load} visitors", visitors, reference, CAPACITY_STEP_S, float("nan"), client_cpu)
        if served["p95"] > CAPACITY_P95_MS or served["errors"]:
            reached = True
            break
        best = max(best, served["per_s"])
    found = Capacity(best, reached)
    unreached = "" if reached else f" (every step, up to {CAPACITY_STEPS[-1]} visitors, stayed under it)"
    print(f"    served at a p95 of {CAPACITY_P95_MS} ms or less: {found} strokes a second{unreached}")
    return found


async def run_room(processes: int, sessions: int, seconds: float, drawings: list[Drawing], feedback: Path) -> dict:
    os.environ[FEEDBACK_ENV] = str(feedback)  # the room's processes copy the environment as they start
    room = Room(processes, f"127.0.0.1:{free_port()}")
    url = f"http://{room.listen}"
    try:
        room.start()
        threading.Thread(target=room.keep_running, daemon=True).start()  # restarts a killed process, as `room` does
        lone = Outcome()  # the reference answers, and a warm-up
        until = time.monotonic() + 600
        await visit(url, drawings, 0, until, lone, np.random.default_rng(0), False, once=True)
        reference = dict(lone.shown)
        print(f"{processes} process(es), {sessions} visitors x {seconds:.0f} s, two rounds:")
        results = []
        for round_ in (1, 2):
            kill = room if round_ == 2 and processes > 1 else None
            rows_before = FeedbackStore(feedback).count()
            pids = [s.pid for s in room.servers.values()]
            cpu_before = sum(cpu_seconds(pid) for pid in pids)
            client_cpu = time.process_time()
            visitors = await crowd(url, drawings, sessions, seconds, kill)
            client_cpu = time.process_time() - client_cpu
            alive = all(Path(f"/proc/{pid}").exists() for pid in pids)
            cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before if alive else float("nan")
            label = f"round {round_}" + (", one process killed halfway" if kill else "")
            results.append(report(label, visitors, reference, seconds, cpu, client_cpu))
            memory = ", ".join(f"{resident_mb(s.pid):.0f} MB" for s in room.servers.values())
            print(f"    memory per process after it: {memory}")
            if kill:
                saved = FeedbackStore(feedback).count() - rows_before
                confirmed = sum(v.confirmed for v in visitors)
                print(
                    f"    answers the page said were saved {confirmed}; rows in the database {saved}: lost "
                    f"{max(0, confirmed - saved)} (errors here are the killed process's visitors' strokes)"
                )
                stayed = [v for v in visitors if not v.reconnects]  # the other processes' visitors
                print(f"    processes started again by the launcher: {room.restarts}; visitors who reconnected: "
                      f"{len(visitors) - len(stayed)}; the others saw errors {sum(len(v.errors) for v in stayed)}, "
                      f"cross-talk {crossed(stayed, reference)}")  # fmt: skip
        return results[0]
    finally:
        room.stop()


async def room_capacity(processes: int, drawings: list[Drawing], feedback: Path) -> Capacity:
    """capacity() of a fresh room: a process that has served the two rounds serves a little slower (see main)."""
    os.environ[FEEDBACK_ENV] = str(feedback)
    room = Room(processes, f"127.0.0.1:{free_port()}")
    url = f"http://{room.listen}"
    try:
        room.start()
        lone = Outcome()
        await visit(url, drawings, 0, time.monotonic() + 600, lone, np.random.default_rng(0), False, once=True)
        print(f"{processes} process(es), capacity (a fresh room):")
        return await capacity(url, drawings, dict(lone.shown))
    finally:
        room.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--capacity-only", action="store_true", help="skip the two rounds: the capacities alone")
    args = parser.parse_args()
    _, final = split_writers(load_pen_digits())
    drawn = [Drawing.of(digit) for digit in first_of_each_label(final, DIGITS_PER_LABEL)]  # payloads made beforehand
    folder = Path(tempfile.mkdtemp(prefix="load-"))
    one, many = {}, {}
    if not args.capacity_only:
        one = asyncio.run(run_room(1, args.sessions, args.seconds, drawn, folder / "one.sqlite3"))
        many = asyncio.run(run_room(args.processes, args.sessions, args.seconds, drawn, folder / "many.sqlite3"))
    one["capacity"] = asyncio.run(room_capacity(1, drawn, folder / "one-capacity.sqlite3"))
    many["capacity"] = asyncio.run(room_capacity(args.processes, drawn, folder / "many-capacity.sqlite3"))
    ratio = many["capacity"].per_s / max(one["capacity"].per_s, 1e-9)
    bound = ""  # a room that took every step can take more than it shows: the ratio is then a bound
    if many["capacity"].reached != one["capacity"].reached:
        bound = "at least " if one["capacity"].reached else "at most "
    print(f"strokes a second served at a p95 of {CAPACITY_P95_MS} ms or less, {args.processes} processes against 1: "
          f"{many['capacity']} / {one['capacity']} = {bound}{ratio:.2f}x (goal >= 1.7x)")  # fmt: skip
    if args.capacity_only:
        return
    goal = f"{args.sessions} sessions, {args.processes} processes, 0 errors, 0 cross-talk, p95 <= {P95_GOAL_MS} ms"
    print(f"goal: {goal}")
    print(f"room: {args.sessions} sessions, {args.processes} processes, errors {many['errors']}, "
          f"cross-talk {many['crossed']}, p95 {many['p95']:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
