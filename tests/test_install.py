"""`pip install -e .` gives a `digitpad` command: installed into a fresh virtual environment that sees the test
environment's packages (no second download of TensorFlow), then run on a real drawn digit from another folder."""

from __future__ import annotations

import json
import subprocess
import sys
import venv

import pytest
from PIL import Image

from digitpad.config import REPO_ROOT
from digitpad.reading.strokes import render_canvas
from tests.drawings import first_of_each_label


def test_pip_install_gives_a_digitpad_command_that_reads_a_file_from_anywhere(pen_digits, tmp_path):
    environment = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(environment)
    python = environment / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "-e", str(REPO_ROOT)]
    installed = subprocess.run(install, capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-2000:]

    seven = first_of_each_label(pen_digits)[7]
    image = tmp_path / "seven.png"
    Image.fromarray(render_canvas(seven.strokes)).save(image)
    command = environment / "bin" / "digitpad"
    result = subprocess.run([str(command), "predict", "--json", str(image)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    (reading,) = json.loads(result.stdout)
    assert (reading["digit"], reading["verdict"]) == (7, "digit")
    helped = subprocess.run([str(command), "--help"], capture_output=True, text=True, timeout=120)
    commands = ("predict", "app", "train", "room", "export-feedback")
    assert helped.stdout.startswith("usage: digitpad") and all(c in helped.stdout for c in commands)
    for command_name in commands:  # each with its own --help, from another folder
        own = subprocess.run([str(command), command_name, "--help"], cwd=tmp_path, capture_output=True, text=True,
                             timeout=120)  # fmt: skip
        assert own.returncode == 0 and own.stdout.startswith(f"usage: digitpad {command_name}"), own.stderr[-2000:]
    assert sys.prefix != str(environment)  # the test environment itself was left as it was


def requirement_lines(path) -> list[str]:
    """A requirements file's requirements, comments and `-r` includes left out."""
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return sorted(line for line in lines if line and not line.startswith("-r"))


def test_the_package_declares_the_requirements_files_bounds():
    tomllib = pytest.importorskip("tomllib")  # the standard library's from Python 3.11
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    assert sorted(project["dependencies"]) == requirement_lines(REPO_ROOT / "requirements.txt")
    assert sorted(project["optional-dependencies"]["dev"]) == requirement_lines(REPO_ROOT / "requirements-dev.txt")
    assert project["scripts"] == {"digitpad": "digitpad.cli:main"}
