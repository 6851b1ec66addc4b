"""digitpad.serving.preload: the models load in the background as the server starts, and a page that needs them
meanwhile waits for them rather than importing TensorFlow beside the background thread."""

from __future__ import annotations

import subprocess
import sys

from digitpad.config import REPO_ROOT
from digitpad.serving import preload

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
