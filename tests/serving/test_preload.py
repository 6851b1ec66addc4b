"""digitpad.serving.preload: the models load in the background as the server starts, and a page that needs them
meanwhile waits for them rather than importing TensorFlow beside the background thread."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

from digitpad.config import REPO_ROOT
from digitpad.serving import preload

LOADED_BYTES = 500e6  # a server process with TensorFlow and the models loaded holds about 830 MB; one without, 150 MB

# A fresh process, as a server is: the background loads the page's models while, a moment later, a page's first
# stroke loads the classifier through the page's own loader. Without import_tensorflow's lock, 3 runs of 3 failed.
FIRST_STROKE_WHILE_LOADING = """
import threading, time
from digitpad.config import MODEL_PATH
from digitpad.serving import loaders, preload
preload.start(preload.page_models())
time.sleep(0.2)
found = []
page = threading.Thread(target=lambda: found.append(loaders.model_or_error(loaders.load_classifier, MODEL_PATH)))
page.start()
page.join()
print("classifier" if found and found[0] is not None else "none")
"""


def test_a_page_loading_the_model_as_the_background_imports_tensorflow_waits_for_it():
    command = [sys.executable, "-c", FIRST_STROKE_WHILE_LOADING]
    run = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["classifier"]


def test_the_wait_asks_where_streamlit_was_told_to_listen_in_either_flag_form():
    # `digitpad app --server.port=8765 --server.address=127.0.0.2` waited at 127.0.0.1:8501, so never loaded the models
    from streamlit.web import bootstrap

    try:
        told = (("127.0.0.2", "127.0.0.2"), ("0.0.0.0", "127.0.0.1"), ("::", "[::1]"), ("", "127.0.0.1"))
        for address, expected in told:
            bootstrap.load_config_options(flag_options={"server.port": 8765, "server.address": address})
            assert preload.server_address() == f"http://{expected}:8765"
    finally:
        bootstrap.load_config_options(flag_options={})


def test_a_server_started_with_flags_in_the_equals_form_loads_the_models_before_any_visitor_and_warns_of_nothing():
    # `--server.port=N`: the wait asked 127.0.0.1:8501, so nothing loaded before the first stroke (2.3-3.0 s, not
    # 0.7); read before Streamlit parsed its flags, the settings also made it warn "An update to the [server] ..."
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "digitpad", "app", f"--server.port={port}", "--server.address=127.0.0.1",
               "--server.headless=true"]  # fmt: skip
    server = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, memory = time.monotonic() + 120, 0
        while time.monotonic() < deadline and memory < LOADED_BYTES:  # no visitor: only the preload can load them
            status = Path(f"/proc/{server.pid}/status").read_text()
            memory = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) * 1024
            time.sleep(0.5)
        assert memory >= LOADED_BYTES, f"the models were not loaded: {memory / 1e6:.0f} MB"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "An update to the [server] config option section" not in output, output
