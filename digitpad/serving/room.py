"""Serving a room: several Streamlit processes of the page behind nginx, on one port, kept running until Ctrl-C.

In: how many processes (default: one per core), the room's port and address. Out: the room at http://ADDRESS:PORT.
Each process is `python -m digitpad.serving.preload app.py` (models loaded as it starts) on a free port of 127.0.0.1;
nginx (Debian's package) listens for everyone, with deploy/nginx.conf: websocket upgrades passed through, each browser
kept on one process by a cookie. A process that dies is started again on its port, and its visitors' pages reconnect
(Streamlit's own reconnect) to a live process, which gives them a new session. All processes share one feedback
database (digitpad.learning.feedback: SQLite in WAL mode), and one cookie secret, so a page's upload token holds on any
of them. Ctrl-C or SIGTERM stops nginx and every process; a room killed outright takes them with it (dies_with).
"""

from __future__ import annotations

import ctypes
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from digitpad.config import LISTEN_ENV, PRODUCT_ROOT, WALL_KEY_ENV
from digitpad.serving import network

NGINX_TEMPLATE = PRODUCT_ROOT / "deploy" / "nginx.conf"
CHECK_EVERY_S = 0.5  # how often the launcher looks for a process that died
READY_TIMEOUT_S = 120  # a process that is not answering by then has failed to start
SKIP_DEAD_S = 2  # nginx skips a process that refused a connection (it died) for this long, then tries it again


class RoomError(Exception):
    """The room cannot start: nginx is missing or refuses its config, or a process does not come up."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(listen: str, addresses: list[str], run_dir: Path) -> str:
    """deploy/nginx.conf for a room listening on `listen` ("ADDRESS:PORT") in front of processes at `addresses`
    ("HOST:PORT" each): the room's upstream over all of them, and for each an upstream of its own, a route and a way
    back from the address that answered to the route."""
    skip = f"max_fails=1 fail_timeout={SKIP_DEAD_S}s"
    pinned, routes, served = [], [], []
    for route, address in enumerate(addresses, 1):
        backups = "".join(f" server {other} backup;" for other in addresses if other != address)
        pinned.append(f"    upstream digitpad_{route} {{ server {address} {skip};{backups} }}")
        routes.append(f"        {route} digitpad_{route};")
        served.append(f'        "~(^|\\s){re.escape(address)}$" {route};')
    return (
        NGINX_TEMPLATE.read_text()
        .replace("@@SERVERS@@", "\n".join(f"        server {address} {skip};" for address in addresses))
        .replace("@@PINNED@@", "\n".join(pinned))
        .replace("@@ROUTES@@", "\n".join(routes))
        .replace("@@SERVED@@", "\n".join(served))
        .replace("@@LISTEN@@", listen)
        .replace("@@RUN@@", str(run_dir))
    )


def answering(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def cannot_listen(listen: str) -> str | None:
    """Why nginx could not listen at "ADDRESS:PORT" (another server on the port, a port under 1024 without root, an
    address this machine does not have), or None: tried with a socket of our own, as nginx binds (SO_REUSEADDR)."""
    address, port = listen.rsplit(":", 1)
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, int(port)))
        except OSError as error:
            return f"cannot listen on {listen}: {error.strerror or error}"
    return None


def tensorflow_threads(processes: int) -> dict[str, str]:
    """Environment for one of `processes` processes: TensorFlow's thread pools sized to its share of the cores, so
    the processes do not crowd each other's cores with idle threads that spin waiting for work."""
    share = str(max(1, (os.cpu_count() or 1) // processes))
    return {"TF_NUM_INTRAOP_THREADS": share, "TF_NUM_INTEROP_THREADS": share}


@dataclass
class Room:
    """A running room: its processes by port, nginx, and where their logs go."""

    processes: int
    listen: str  # "ADDRESS:PORT"
    run_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="digitpad-room-")))
    cookie_secret: str = field(default_factory=lambda: secrets.token_hex(16))
    wall_key: str = field(default_factory=lambda: os.environ.get(WALL_KEY_ENV) or secrets.token_urlsafe(6))
    servers: dict[int, subprocess.Popen] = field(default_factory=dict)
    nginx: subprocess.Popen | None = None
    restarts: int = 0
    stopping: bool = False

    def start_server(self, port: int) -> subprocess.Popen:
        command = [
            sys.executable, "-m", "digitpad.serving.preload", str(PRODUCT_ROOT / "app.py"),
            "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",  # nothing is edited in a room; watching cost ~6 ms of CPU a stroke
        ]  # fmt: skip
        env = {**tensorflow_threads(self.processes), **os.environ}  # the user's own settings win
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = self.cookie_secret  # not allowed as a flag
        env[LISTEN_ENV] = self.listen.rsplit(":", 1)[0].strip("[]")  # where visitors come in: nginx, not 127.0.0.1
        env[WALL_KEY_ENV] = self.wall_key  # every visitor comes through nginx: only the key tells the presenter
        log = (self.run_dir / f"streamlit-{port}.log").open("ab")
        return subprocess.Popen(
            command, cwd=PRODUCT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=dies_with(os.getpid()),
        )  # fmt: skip

    def start(self) -> None:
        """Start the processes and nginx; return once every process answers. Raises RoomError."""
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise RoomError("nginx is not installed: apt-get install nginx")
        if (problem := cannot_listen(self.listen)) is not None:  # before any process starts
            raise RoomError(problem)
        self.run_dir.chmod(0o755)  # nginx's workers run as nobody: they buffer into these
        for temporary in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run_dir / temporary).mkdir(mode=0o777, exist_ok=True)
            (self.run_dir / temporary).chmod(0o777)
        for port in (free_port() for _ in range(self.processes)):
            self.servers[port] = self.start_server(port)
        config = self.run_dir / "nginx.conf"
        config.write_text(nginx_config(self.listen, [f"127.0.0.1:{port}" for port in self.servers], self.run_dir))
        checked = subprocess.run([nginx, "-t", "-q", "-c", str(config)], capture_output=True, text=True)
        if checked.returncode != 0:
            raise RoomError(f"nginx refused {config}: {checked.stderr.strip()}")
        self.nginx = subprocess.Popen(
            [nginx, "-c", str(config)],
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=dies_with(os.getpid()),
        )
        deadline = time.monotonic() + READY_TIMEOUT_S
        host, room_port = self.listen.rsplit(":", 1)
        room = (int(room_port), "127.0.0.1" if host == "0.0.0.0" else host)  # a visitor's way in, through nginx
        while not (all(answering(port) for port in self.servers) and answering(*room)):
            if self.nginx.poll() is not None:
                log = self.run_dir / "error.log"
                last = log.read_text().strip().splitlines()[-1:] if log.exists() else []
                raise RoomError(f"nginx stopped as it started: {''.join(last) or 'no reason in its log'}")
            for port, server in self.servers.items():
                if server.poll() is not None:
                    raise RoomError(f"the process on port {port} stopped as it started; see {self.run_dir}")
            if time.monotonic() > deadline:
                raise RoomError(f"a process did not start in {READY_TIMEOUT_S} s; see the logs in {self.run_dir}")
            time.sleep(CHECK_EVERY_S)

    def keep_running(self) -> None:
        """Start again each process that died; return if nginx itself stops."""
        while self.nginx is not None and self.nginx.poll() is None and not self.stopping:
            for port, server in list(self.servers.items()):
                if server.poll() is not None and not self.stopping:
                    print(f"room: the process on port {port} stopped (exit {server.returncode}); starting it again")
                    self.servers[port] = self.start_server(port)
                    self.restarts += 1
            time.sleep(CHECK_EVERY_S)

    def stop(self, keep_logs: bool = False) -> None:
        """Stop nginx and every process: SIGTERM, then SIGKILL for any still running after 10 s, or at once on a
        second Ctrl-C (which left the folder behind). Then remove the room's folder of logs and nginx's buffers,
        unless `keep_logs` (a room that failed: its message points there)."""
        self.stopping = True
        running = [p for p in [self.nginx, *self.servers.values()] if p is not None and p.poll() is None]
        for process in running:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            for process in running:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        except KeyboardInterrupt:
            for process in running:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        if not keep_logs:
            shutil.rmtree(self.run_dir, ignore_errors=True)


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when the thread that started it ends


def dies_with(parent: int):
    """A Popen preexec_fn: the child gets SIGTERM when the room's process dies, even by SIGKILL (the OOM killer),
    so that no process of a dead room holds its port (the next `room` then said "Address already in use"). Linux's
    prctl; elsewhere nothing. The room starts every child from its main thread, which lives as long as it does."""

    def in_child() -> None:
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no prctl: not Linux
            return
        if os.getppid() != parent:  # the room died before prctl: nothing will send the signal
            os.kill(os.getpid(), signal.SIGTERM)

    return in_child


def join_address(address: str, port: int) -> str:
    """The address visitors open: this machine's on its network when the room listens on every address (0.0.0.0),
    localhost when it listens on loopback alone, else the one it listens on."""
    if network.this_machine_only(address):
        return f"http://localhost:{port}/"
    host = f"[{address}]" if ":" in address else address  # an IPv6 address, bracketed as in a URL
    return f"http://{network.reachable(f'{host}:{port}')}/"


def serve(processes: int, port: int, address: str) -> int:
    """`python -m digitpad room`: run a room until Ctrl-C or SIGTERM. Returns the exit status."""
    room, status = Room(processes, f"{address}:{port}"), 1
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background, which ignores it
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        room.start()
        joined = join_address(address, port)
        noun = "process" if processes == 1 else "processes"
        print(f"room ready: {joined} ({processes} {noun}; logs in {room.run_dir}). Ctrl-C stops it.")
        print(f"the wall, for the projector (a QR code to join, the room's drawings): {joined}?wall={room.wall_key}")
        room.keep_running()
        print(f"room: nginx stopped; stopping the processes (logs kept in {room.run_dir})", file=sys.stderr)
    except RoomError as error:
        print(f"digitpad room: {error}", file=sys.stderr)
        status = 2
    except KeyboardInterrupt:
        print("room: stopping")
        status = 0
    finally:
        room.stop(keep_logs=status != 0 and bool(room.servers))  # a room that started no process has no logs
    return status
