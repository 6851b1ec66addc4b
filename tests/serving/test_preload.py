"""digitpad.serving.preload: the models load in the background as the server starts, and a page that needs them
meanwhile waits for them rather than importing TensorFlow beside the background thread."""

from __future__ import annotations

import subprocess
import sys

from digitpad.config import REPO_ROOT

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
