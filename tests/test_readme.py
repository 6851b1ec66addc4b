"""The README's Python example, run as a user copies it: in a folder of their own, on their own picture."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from PIL import Image

from digitpad.config import REPO_ROOT
from tests.drawings import first_of_each_label, number_canvas


def test_the_readmes_python_example_reads_a_number_as_it_says(pen_digits, tmp_path):
    (example,) = re.findall(r"```python\n(.*?)```", (REPO_ROOT / "README.md").read_text(), re.DOTALL)
    ten = first_of_each_label(pen_digits)
    drawing = number_canvas([ten[4], ten[2]], [0.3])  # a drawn 42, saved under the example's file name
    Image.fromarray(drawing).convert("RGB").save(tmp_path / "note.jpg", quality=95)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}  # installed, as the README's set-up leaves it
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)  # as a user has it
    result = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, env=env,
                            timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    number, verdict, boxes = result.stdout.split(" ", 2)
    assert (number, verdict) == ("42", "number") and boxes.startswith("[(")
    assert result.stderr == ""  # TensorFlow's ten lines as it loads, "E0000 ... failed call to cuInit" among them: none
