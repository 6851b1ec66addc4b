"""Ready at once: a server process loads the models as it starts, in the background, not when its first visitor draws.

In: `python -m digitpad.serving.preload APP [streamlit flags]` (what `python -m digitpad app` and `room` run). Out:
Streamlit serving APP (a page that outlived another process reading in this one: digitpad.serving.reconnect), while
one thread, once the server answers, imports TensorFlow and loads the models. The page's
loaders (app.py's cached load_classifier and load_number_reader) `take` what this thread loads, waiting for it if it is
still loading, or load it themselves when nothing was started (a plain `streamlit run app.py`, or other model paths).

Why: Streamlit runs no code of ours until a visitor's session starts, and importing TensorFlow and loading the models
takes seconds (about 11 s on the 2-core machine, most of it importing). Started with the process, that time has passed
before the first visitor arrives; the canvas never waits for it either way, as the page loads the models after drawing
the canvas.
"""

from __future__ import annotations

import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Loaded = TypeVar("Loaded")
AFTER_SERVER_UP_S = 2.0  # the loading waits this long after the server first answers: a first visitor's page, asked
# for at once, is drawn before TensorFlow's import takes the CPU (start to canvas: 5.4 s loading at once, bare 2.1 s)

_loaders: dict[Hashable, Callable[[], object]] = {}
_loading: dict[Hashable, Future] = {}
_lock = threading.Lock()
_pool = ThreadPoolExecutor(1, thread_name_prefix="digitpad-preload")


def _future(key: Hashable) -> Future:
    """The one loading of `key`, started by whoever asks first: the background thread or a page."""
    with _lock:
        if key not in _loading:
            _loading[key] = _pool.submit(_loaders[key])
        return _loading[key]


def start(loaders: dict[Hashable, Callable[[], object]], after: Callable[[], None] = lambda: None) -> None:
    """Load each of `loaders` in the background, one after another, once `after()` returns."""
    _loaders.update(loaders)

    def background() -> None:
        after()
        for key in loaders:
            _future(key)

    threading.Thread(target=background, name="digitpad-preload-start", daemon=True).start()


def take(key: Hashable, load: Callable[[], Loaded]) -> Loaded:
    """What is loading under `key` (waiting for it, starting it if the background has not yet; its error, if it failed,
    is raised here), else `load()`."""
    return _future(key).result() if key in _loaders else load()


def server_address() -> str:
    """Where this process's Streamlit answers, by its own parsed settings (flags in either form, `--server.port=N` or
    `--server.port N`, environment variables, config.toml): http://HOST:PORT, HOST 127.0.0.1 when it listens on every
    address."""
    from streamlit import config

    host = config.get_option("server.address") or "127.0.0.1"
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://{f'[{host}]' if ':' in host else host}:{config.get_option('server.port')}"


def server_up() -> None:
    """A wait: until Streamlit answers where it listens, then AFTER_SERVER_UP_S more. Its settings are read once
    Streamlit has parsed them with its flags, after this thread starts: read before, they lacked the flags, and
    Streamlit warned "An update to the [server] config option section was detected" at every start."""
    from streamlit import config

    parsed = threading.Event()
    config.on_config_parsed(parsed.set)  # at once if already parsed
    parsed.wait()
    address = server_address()
    while True:
        try:
            with urllib.request.urlopen(f"{address}/_stcore/health", timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    time.sleep(AFTER_SERVER_UP_S)


def page_models() -> dict[Hashable, Callable[[], object]]:
    """The models app.py loads, under the keys its loaders take them by."""
    from digitpad.config import DRAWN_MODEL_PATH, MODEL_PATH, PIECES_MODEL_PATH
    from digitpad.models.backend import import_tensorflow

    def classifier():
        import_tensorflow()
        from digitpad.models.classifier import DigitClassifier

        return DigitClassifier.load(MODEL_PATH)

    def number_reader():
        import_tensorflow()
        from digitpad.models.classifier import DigitClassifier
        from digitpad.models.pieces import PieceJudge

        return DigitClassifier.for_numbers(MODEL_PATH, DRAWN_MODEL_PATH), PieceJudge.load(PIECES_MODEL_PATH)

    return {
        ("classifier", MODEL_PATH): classifier,
        ("number reader", MODEL_PATH, DRAWN_MODEL_PATH, PIECES_MODEL_PATH): number_reader,
    }


def main(argv: list[str]) -> int:
    from streamlit.web import cli

    from digitpad.serving import reconnect

    reconnect.install()  # before any browser reconnects to this process
    start(page_models(), after=server_up)
    sys.argv = ["streamlit", "run", *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
