"""Shared fixtures: the data sets (MNIST, pen-drawn digits), the bundled classifier, number mode's pair of
classifiers and the piece judge, each loaded once.

A data file that is not configured skips the tests that need it on a developer's machine, and fails them in CI
(where .ci/run sets DIGITPAD_REQUIRE_DATA=1), so a missing file can never pass as green.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digitpad.config import MNIST_ENV, REAL_ENV, REQUIRE_DATA_ENV, STROKES_ENV
from digitpad.learning.data import Mnist, PenDigit, RealImage, env_path, load_mnist, load_pen_digits, load_real


def data_file(variable: str, inside: str = "") -> Path:
    """The file named by an environment variable (or the folder holding `inside`), or skip (fail, in CI) when it is
    unset or missing."""
    path = env_path(variable)
    if path is None or not (path / inside).is_file():
        reason = f"${variable} does not name a data file (got {path})"
        if os.environ.get(REQUIRE_DATA_ENV) == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def mnist() -> Mnist:
    return load_mnist(data_file(MNIST_ENV))


@pytest.fixture(scope="session")
def pen_digits() -> list[PenDigit]:
    return load_pen_digits(data_file(STROKES_ENV))


@pytest.fixture(scope="session")
def real_images() -> dict[str, RealImage]:
    """The real photos, scans and drawings of ../shared/real, by their path inside it."""
    folder = data_file(REAL_ENV, inside="manifest.csv")
    return {str(image.path.relative_to(folder)): image for image in load_real(folder)}


@pytest.fixture(scope="session")
def classifier():
    from digitpad.models.classifier import DigitClassifier

    return DigitClassifier.load()


@pytest.fixture(scope="session")
def number_classifier():
    from digitpad.models.classifier import DigitClassifier

    return DigitClassifier.for_numbers()


@pytest.fixture(scope="session")
def judge():
    from digitpad.models.pieces import PieceJudge

    return PieceJudge.load()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's), for the tests that drive the page in a real browser."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def ten_digits(pen_digits):
    """A final writer's digit of each class, 0-9."""
    from tests.drawings import first_of_each_label

    return first_of_each_label(pen_digits)
