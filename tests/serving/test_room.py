"""`python -m digitpad room`: two Streamlit processes behind nginx, run as a presenter runs them, and driven through
nginx's one port by headless Chromium: sessions read their own digits, a process killed mid-room is started again and
every session goes on, nothing saved is lost, and Ctrl-C stops everything."""

from __future__ import annotations

import gzip
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from digitpad.config import FEEDBACK_ENV, LISTEN_ENV, REPO_ROOT, WALL_KEY_ENV
from digitpad.learning.feedback import load_feedback
from digitpad.reading.strokes import fit_strokes
from digitpad.serving import network
from digitpad.serving.room import SKIP_DEAD_S, answering, cannot_listen, free_port, join_address, nginx_config
from digitpad.serving.widgets import with_article
from tests.browser import METRIC, RESULT_TIMEOUT_MS, draw_on_fresh_canvas, main_column, open_canvas
from tests.drawings import number_canvas
from tests.photos import paper_photo

ROOM_START_TIMEOUT_S = 180  # two processes importing TensorFlow at once on a busy 2-core machine


class RunningRoom(NamedTuple):
    url: str
    launcher: subprocess.Popen
    log: Path


def children(parent: int) -> list[int]:
    """The PIDs of `parent`'s Streamlit processes (python -m digitpad.serving.preload), read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == parent and b"digitpad.serving.preload" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def port_of(pid: int) -> int:
    """The port a room's Streamlit process serves on, from its command line."""
    arguments = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    return int(arguments[arguments.index("--server.port") + 1])


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie, dead but not yet reaped by whoever adopted it, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition, timeout_s: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout_s} s; the launcher said:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def feedback_database(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("room-feedback") / "feedback.sqlite3"


@pytest.fixture(scope="module")
def room(tmp_path_factory, feedback_database) -> Iterator[RunningRoom]:
    port, log = free_port(), tmp_path_factory.mktemp("room") / "room.log"
    command = [sys.executable, "-u", "-m", "digitpad", "room", "--processes", "2", "--port", str(port)]
    command += ["--address", "127.0.0.1"]
    env = {**os.environ, FEEDBACK_ENV: str(feedback_database)}
    with log.open("w") as output:
        launcher = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: "room ready" in log.read_text() or launcher.poll() is not None, ROOM_START_TIMEOUT_S,
                 "the room did not start", log)  # fmt: skip
        assert launcher.poll() is None, log.read_text()
        yield RunningRoom(f"http://127.0.0.1:{port}", launcher, log)
    finally:
        launcher.send_signal(signal.SIGINT)
        launcher.wait(timeout=30)


def draw_and_confirm(page: Page, digit, tries: int = 1) -> int:
    """Draw a digit on a fresh canvas, check it is read right, and confirm it (saving a row); returns the tries taken.
    A visitor whose process died draws on a page that is reconnecting: what they drew meanwhile has no result, and
    the reconnected page, a new session, shows a fresh canvas to draw on again."""
    attempt = draw_on_fresh_canvas(page, fit_strokes(digit.strokes), tries)
    expect(page.locator(METRIC)).to_have_text(str(digit.label), timeout=RESULT_TIMEOUT_MS)
    page.get_by_role("button", name=f"Yes, {with_article(str(digit.label))}").click()
    saved = main_column(page).get_by_text(f"Saved as {with_article(str(digit.label))}")
    expect(saved).to_be_visible(timeout=RESULT_TIMEOUT_MS)
    page.get_by_role("button", name="Clear").click()
    return attempt


def test_nginx_accepts_the_rooms_config(tmp_path):
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config("127.0.0.1:8500", ["127.0.0.1:8601", "127.0.0.1:8602"], tmp_path))
    checked = subprocess.run(["nginx", "-t", "-c", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    text = config.read_text()
    assert text.count("server 127.0.0.1:86") == 6 and "@@" not in text  # the room's upstream, its own, a backup


class OwnPort(http.server.BaseHTTPRequestHandler):
    """A stand-in for one of the room's processes: answers every request with its own port (and, in X-Host, the Host
    it was asked for)."""

    def do_GET(self) -> None:
        body = str(self.server.server_port).encode()
        self.send_response(200)
        self.send_header("X-Host", self.headers["Host"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def start_standin(port: int = 0) -> http.server.ThreadingHTTPServer:
    """An OwnPort stand-in serving on `port` (0: a free one) in a thread of its own."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), OwnPort)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_process_behind_nginx_is_asked_for_the_address_the_visitor_opened_port_included(tmp_path):
    # The wall shows the address it was opened at (the Host header): with nginx's $host, which drops the port, the QR
    # code of a room on port 8500 said http://192.168.1.5/, which no phone could join
    standin = start_standin()
    listen = f"127.0.0.1:{free_port()}"
    (tmp_path / "nginx.conf").write_text(nginx_config(listen, [f"127.0.0.1:{standin.server_port}"], tmp_path))
    nginx = subprocess.Popen(["nginx", "-c", str(tmp_path / "nginx.conf")], stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: (tmp_path / "nginx.pid").exists(), 10, "nginx did not start", tmp_path / "error.log")
        opened = f"localhost:{listen.rsplit(':', 1)[1]}"
        request = urllib.request.Request(f"http://{listen}/?wall", headers={"Host": opened})
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.headers["X-Host"] == opened
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        standin.shutdown()


def test_the_balancer_splits_new_visitors_evenly_and_keeps_each_on_its_process(tmp_path):
    standins = [start_standin(), start_standin()]
    ports = [standin.server_port for standin in standins]
    listen = f"127.0.0.1:{free_port()}"
    (tmp_path / "nginx.conf").write_text(nginx_config(listen, [f"127.0.0.1:{port}" for port in ports], tmp_path))
    nginx = subprocess.Popen(["nginx", "-c", str(tmp_path / "nginx.conf")], stderr=subprocess.DEVNULL)

    def visit(route: str | None = None) -> tuple[int, str]:
        """(the port that answered, the route cookie it was given)"""
        headers = {"Cookie": f"digitpad_route={route}"} if route else {}
        with urllib.request.urlopen(urllib.request.Request(f"http://{listen}/", headers=headers), timeout=10) as reply:
            return int(reply.read()), reply.headers["Set-Cookie"].split(";")[0].removeprefix("digitpad_route=")

    try:
        wait_for(lambda: (tmp_path / "nginx.pid").exists(), 10, "nginx did not start", tmp_path / "error.log")
        first = [visit() for _ in range(40)]  # 40 visitors arrive: half on each (a random hash: one room in eight)
        assert [port for port, _ in first].count(ports[0]) == 20
        assert all(visit(route) == (port, route) for port, route in first)  # each stays with its process
        assert visit("a route from another room")[0] in ports

        standins[0].shutdown()  # the first process dies: its visitors move to the other
        standins[0].server_close()
        moved = [visit(route) for port, route in first if port == ports[0]]
        assert {port for port, _ in moved} == {ports[1]}
        standins[0] = start_standin(ports[0])  # started again
        time.sleep(SKIP_DEAD_S + 0.5)  # nginx tries it again
        assert all(visit(route)[0] == ports[1] for _, route in moved)  # they stay where their session now is
        assert {visit()[0] for _ in range(2)} == set(ports)  # and new visitors reach both again
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        for standin in standins:
            standin.shutdown()


def environment(pid: int) -> dict[str, str]:
    return dict(line.split("=", 1) for line in Path(f"/proc/{pid}/environ").read_text().split("\0") if line)


def test_the_room_says_where_visitors_and_the_projectors_wall_join(room, monkeypatch):
    port = int(room.url.rsplit(":", 1)[1])
    lines = room.log.read_text().splitlines()  # listening on 127.0.0.1 only: this machine alone joins
    assert any(line.startswith(f"room ready: http://localhost:{port}/ (2 processes") for line in lines), lines
    wall = f"the wall, for the projector (a QR code to join, the room's drawings): http://localhost:{port}/?wall="
    [key] = [line.removeprefix(wall) for line in lines if line.startswith(wall)]
    for pid in children(room.launcher.pid):  # the presenter's key, with which the wall removes a drawing: no visitor's
        assert len(key) >= 8 and environment(pid)[WALL_KEY_ENV] == key
    monkeypatch.setattr(network, "network_address", lambda: "192.0.2.7")  # on every address: the network's
    assert [join_address(address, 8500) for address in ("0.0.0.0", "::", "127.0.0.1", "192.168.1.5", "fd00::5")] == [
        "http://192.0.2.7:8500/", "http://192.0.2.7:8500/", "http://localhost:8500/", "http://192.168.1.5:8500/",
        "http://[fd00::5]:8500/",
    ]  # fmt: skip


def test_the_room_sends_the_pages_scripts_compressed(room):
    # Streamlit sends them uncompressed: 3.2 MB a phone, over one Wi-Fi for the whole room (24 s on a slow link)
    with urllib.request.urlopen(room.url, timeout=10) as reply:
        script = re.search(r'src="\./(static/js/[^"]+\.js)"', reply.read().decode()).group(1)
    request = urllib.request.Request(f"{room.url}/{script}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.headers["Content-Encoding"] == "gzip"
        sent = reply.read()
    assert len(gzip.decompress(sent)) > 2 * len(sent)


def test_each_process_sizes_tensorflows_threads_to_its_share_of_the_cores(room):
    share = str(max(1, (os.cpu_count() or 1) // 2))  # the room has two processes
    processes = children(room.launcher.pid)
    assert len(processes) == 2
    for pid in processes:
        environ = environment(pid)
        assert (environ["TF_NUM_INTRAOP_THREADS"], environ["TF_NUM_INTEROP_THREADS"]) == (share, share)
        assert environ[LISTEN_ENV] == "127.0.0.1"  # the wall's QR code: where nginx listens, not a network address


def test_sessions_through_the_balancer_read_their_own_digits_and_survive_a_killed_process(
    room, browser, ten_digits, feedback_database, tmp_path
):
    pages = [browser.new_context().new_page() for _ in range(4)]  # four visitors, each with its own cookies
    for page in pages:
        open_canvas(page, room.url)
    for page, label in zip(pages, (3, 5, 7, 9), strict=True):
        draw_and_confirm(page, ten_digits[label])
    assert len(load_feedback(feedback_database).y) == 4
    processes = children(room.launcher.pid)
    assert len(processes) == 2

    os.kill(processes[0], signal.SIGKILL)  # one process dies mid-room
    wait_for(lambda: "starting it again" in room.log.read_text(), 30, "the launcher did not restart it", room.log)
    wait_for(lambda: len(children(room.launcher.pid)) == 2, 30, "no second process", room.log)
    labels = (2, 4, 6, 8)
    tries = [draw_and_confirm(page, ten_digits[label], tries=3) for page, label in zip(pages, labels, strict=True)]
    for page in pages:  # every visitor goes on, with no error shown
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert tries.count(1) >= 1  # the surviving process's visitors never noticed
    saved = load_feedback(feedback_database).y.tolist()
    assert sorted(saved) == [2, 3, 4, 5, 6, 7, 8, 9]  # nothing saved before the kill was lost

    # Once the killed process is back, the visitors it lost stay where their session now is: an upload that went
    # back to it failed with "AxiosError: Request failed with status code 400" (route by a hash of the cookie).
    ports = [port_of(pid) for pid in children(room.launcher.pid)]
    wait_for(lambda: all(answering(port) for port in ports), 120, "the restarted process did not answer", room.log)
    time.sleep(SKIP_DEAD_S + 1)  # nginx tries the restarted process again
    photo = tmp_path / "year.jpg"
    Image.fromarray(paper_photo(number_canvas([ten_digits[i] for i in (2, 0, 2, 6)]), seed=1)).save(photo)
    for page in pages:
        page.get_by_role("link", name="Photo", exact=True).click()
        page.locator("input[type='file']").set_input_files(photo)
        expect(page.locator(METRIC)).to_have_text("2026", timeout=RESULT_TIMEOUT_MS)


def test_a_port_held_or_an_address_not_this_machines_is_refused_at_once_leaving_no_folder(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # where the room's folder of logs would be made
    with socket.socket() as other:  # someone else's server, already on the port
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        command = [sys.executable, "-m", "digitpad", "room", "--processes", "1", "--port", str(port)]
        run = subprocess.run([*command, "--address", "127.0.0.1"], cwd=REPO_ROOT, capture_output=True, text=True,
                             env=env)  # fmt: skip
    # Before: "room ready", then "nginx stopped" with no reason, once nginx had given up binding
    assert run.returncode == 2 and "room ready" not in run.stdout
    assert run.stderr.strip() == f"digitpad room: cannot listen on 127.0.0.1:{port}: Address already in use"
    command[-1] = str(free_port())
    elsewhere = subprocess.run([*command, "--address", "192.0.2.7"], cwd=REPO_ROOT, capture_output=True, text=True,
                               env=env)  # fmt: skip  # TEST-NET-1: documentation's, no machine's own
    assert elsewhere.returncode == 2 and elsewhere.stderr.strip() == (
        f"digitpad room: cannot listen on 192.0.2.7:{command[-1]}: Cannot assign requested address"
    )
    assert list(tmp_path.iterdir()) == []  # was: an empty digitpad-room-* folder left by each


def one_process_room(tmp_path: Path) -> tuple[int, Path, subprocess.Popen]:
    """`digitpad room` with one process on a free port of 127.0.0.1, started and ready: (port, its log, launcher)."""
    port, log = free_port(), tmp_path / "room.log"
    command = [sys.executable, "-u", "-m", "digitpad", "room", "--processes", "1", "--port", str(port)]
    with log.open("w") as output:
        launcher = subprocess.Popen(command + ["--address", "127.0.0.1"], cwd=REPO_ROOT, stdout=output, stderr=output)
    wait_for(lambda: "room ready" in log.read_text(), ROOM_START_TIMEOUT_S, "the room did not start", log)
    return port, log, launcher


def test_a_room_killed_outright_takes_nginx_and_its_processes_with_it(tmp_path):
    """SIGKILL (the OOM killer) runs no cleanup: before, nginx and the processes ran on and held the port, and the
    next `room` said "Address already in use"."""
    port, log, launcher = one_process_room(tmp_path)
    servers = children(launcher.pid)
    run_dir = re.search(r"logs in (\S+)\)", log.read_text()).group(1)
    launcher.kill()
    launcher.wait(timeout=10)

    def stopped() -> bool:
        nginx = subprocess.run(["pgrep", "-f", f"nginx -c {run_dir}"], capture_output=True).returncode == 0
        return not nginx and not any(alive(pid) for pid in servers)

    try:
        wait_for(stopped, 30, "nginx and the room's processes did not stop", log)
        assert servers and cannot_listen(f"127.0.0.1:{port}") is None  # the port is free for the next room
    finally:  # what a failure leaves running is stopped here, and the logs nothing was left to remove
        subprocess.run(["pkill", "-f", f"nginx -c {run_dir}"], check=False)
        for pid in filter(alive, servers):
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(run_dir, ignore_errors=True)


@pytest.mark.parametrize("presses", [1, 2], ids=["once", "twice"])
def test_ctrl_c_stops_nginx_and_every_process_and_leaves_no_folder(tmp_path, presses):
    port, log, launcher = one_process_room(tmp_path)
    assert f"http://localhost:{port}/ (1 process; logs in " in log.read_text()  # not "1 processes"
    servers = children(launcher.pid)
    if presses == 2:  # a process slow to stop (here: frozen), and the operator presses again: the folder was left
        for pid in servers:
            os.kill(pid, signal.SIGSTOP)
    try:
        for _ in range(presses):
            launcher.send_signal(signal.SIGINT)
            time.sleep(0.3)
        assert launcher.wait(timeout=30 if presses == 1 else 5) == 0  # twice: at once, not after 10 s
    finally:
        for pid in filter(alive, servers):
            os.kill(pid, signal.SIGKILL)
    assert servers and not any(Path(f"/proc/{pid}").exists() for pid in servers)
    run_dir = re.search(r"logs in (\S+)\)", log.read_text()).group(1)
    nginx_left = subprocess.run(["pgrep", "-f", f"nginx -c {run_dir}"], capture_output=True, text=True)
    assert nginx_left.returncode == 1, nginx_left.stdout  # this room's nginx is not left running
    assert not Path(run_dir).exists()  # nor its logs and buffers: only a room that failed keeps them
