"""digitpad installed as a user installs it: into a fresh virtual environment that sees the test environment's packages
(no second download of TensorFlow), then run from another folder. `pip install -e .` runs the checkout itself; a
wheel (`pip install .`, or from a git address) carries the page and the models inside the package."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

from PIL import Image
from playwright.sync_api import expect

from digitpad.config import FEEDBACK_ENV, REPO_ROOT
from digitpad.learning.feedback import load_feedback
from digitpad.reading.strokes import fit_strokes, render_canvas
from digitpad.serving.widgets import with_article
from tests.browser import (
    METRIC,
    PREDICTION_SIGNATURE,
    draw_digit,
    main_column,
    mouse_stroke,
    open_canvas,
    streamlit_server,
)
from tests.drawings import first_of_each_label

COMMANDS = ("predict", "app", "train", "room", "export-feedback")


def installed(tmp_path: Path, *pip_arguments: str) -> Path:
    """A fresh virtual environment with digitpad installed by `pip install --no-deps PIP_ARGUMENTS`; its bin folder."""
    environment = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(environment)
    python = environment / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--no-deps", "--no-build-isolation", *pip_arguments]
    result = subprocess.run(install, cwd=tmp_path, env=user_environment(tmp_path), capture_output=True, text=True,
                            timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Successfully installed digitpad" in result.stdout, result.stdout[-2000:]  # not found already on the path
    assert sys.prefix != str(environment)  # the test environment itself is left as it was
    return environment / "bin"


def user_environment(home: Path) -> dict[str, str]:
    """This process's environment as a user's shell would have it: a home of its own, and no path into the checkout."""
    env = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", FEEDBACK_ENV)}
    return {**env, "HOME": str(home)}


def read_as_json(command: Path, image: Path, env: dict[str, str] | None = None) -> dict:
    """`digitpad predict --json IMAGE`, run from IMAGE's folder: its one reading."""
    result = subprocess.run([str(command), "predict", "--json", str(image)], cwd=image.parent, capture_output=True,
                            text=True, timeout=300, env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    (reading,) = json.loads(result.stdout)
    return reading


def test_pip_install_gives_a_digitpad_command_that_reads_a_file_from_anywhere(pen_digits, tmp_path):
    command = installed(tmp_path, "-e", str(REPO_ROOT)) / "digitpad"
    image = tmp_path / "seven.png"
    Image.fromarray(render_canvas(first_of_each_label(pen_digits)[7].strokes)).save(image)
    reading = read_as_json(command, image)
    assert (reading["digit"], reading["verdict"]) == (7, "digit")
    helped = subprocess.run([str(command), "--help"], capture_output=True, text=True, timeout=120)
    assert helped.stdout.startswith("usage: digitpad") and all(c in helped.stdout for c in COMMANDS)
    helps = {}
    for command_name in COMMANDS:  # each with its own --help, from another folder
        own = subprocess.run([str(command), command_name, "--help"], cwd=tmp_path, capture_output=True, text=True,
                             timeout=120)  # fmt: skip
        assert own.returncode == 0 and own.stdout.startswith(f"usage: digitpad {command_name}"), own.stderr[-2000:]
        helps[command_name] = own.stdout
    assert "\ndigitpad train --limit 2000" in helps["train"] and "train_model.py" not in helps["train"]  # examples
    for command_name in COMMANDS:  # each says what it does, not only its usage (app and room said nothing)
        described = helps[command_name].split("\n\n")[1]  # after the usage: a description, then the arguments
        assert not described.startswith(("positional arguments:", "options:")), helps[command_name]


def test_a_wheel_carries_the_page_and_its_models_and_saves_answers_in_the_users_home(pen_digits, browser, tmp_path):
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels)]
    built = subprocess.run([*build, str(REPO_ROOT)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = wheels.glob("digitpad-*.whl")
    command = installed(tmp_path, str(wheel)) / "digitpad"
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = user_environment(home)

    # The CLI reads with the wheel's own models, not the checkout's
    seven = first_of_each_label(pen_digits)[7]
    Image.fromarray(render_canvas(seven.strokes)).save(elsewhere / "seven.png")
    reading = read_as_json(command, elsewhere / "seven.png", env)
    assert (reading["digit"], reading["verdict"]) == (7, "digit")

    # The page: a drawing read, and the user's answer saved in their home, not in site-packages
    with streamlit_server("", elsewhere / "server.log", launcher=[str(command), "app"], env=env) as server:
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        draw_digit(page, mouse_stroke(page, open_canvas(page, server.url)), fit_strokes(seven.strokes),
                   PREDICTION_SIGNATURE)  # fmt: skip
        shown = int(page.locator(METRIC).inner_text())
        page.get_by_role("button", name=f"Yes, {with_article(str(shown))}").click()
        expect(main_column(page).get_by_text(f"Saved as {with_article(str(shown))}")).to_be_visible()
        page.get_by_role("link", name="Photo", exact=True).click()  # with the settings of .streamlit/config.toml
        expect(page.get_by_text(re.compile(r"\b10\s?MB per file"))).to_be_visible()
        page.close()
    assert load_feedback(home / ".digitpad" / "feedback" / "feedback.sqlite3").y.tolist() == [shown]
    where = [str(command.with_name("python")), "-c", "import digitpad; print(digitpad.__file__)"]
    found = subprocess.run(where, cwd=elsewhere, capture_output=True, text=True, env=env, timeout=120)
    package = Path(found.stdout.strip()).parent
    assert package.is_relative_to(tmp_path / "venv") and not (package / "bundle" / "feedback").exists()


def requirement_lines(path) -> list[str]:
    """A requirements file's requirements, comments and `-r` includes left out."""
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return sorted(line for line in lines if line and not line.startswith("-r"))


def test_the_package_declares_the_requirements_files_bounds():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    assert sorted(project["dependencies"]) == requirement_lines(REPO_ROOT / "requirements.txt")
    assert sorted(project["optional-dependencies"]["dev"]) == requirement_lines(REPO_ROOT / "requirements-dev.txt")
    assert project["scripts"] == {"digitpad": "digitpad.cli:main"}


def test_the_wheel_names_every_bundled_model_and_its_card():
    wheel = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]
    bundled = {source: target for source, target in wheel["force-include"].items() if source.startswith("models/")}
    models = [path for path in (REPO_ROOT / "models").iterdir() if not path.name.startswith(".")]
    kept = sorted(f"models/{path.name}" for path in models if path.name.endswith((".keras", ".card.json")))
    assert sorted(bundled) == kept
    assert all(target == f"digitpad/bundle/{source}" for source, target in wheel["force-include"].items())
