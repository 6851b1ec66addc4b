"""Reading image files: every supported format the right way up; anything else refused with a one-line reason; and
the awkward-file corpus (tests/bad_files.py) each read or refused as it must be."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitpad.reading.images import ImageReadError, image_files, read_image
from digitpad.reading.preprocess import preprocess
from digitpad.reading.strokes import render_canvas
from tests.bad_files import BLANK, DIGIT, write_corpus
from tests.drawings import first_of_each_label

ONE = np.zeros((40, 30), np.uint8)
ONE[5:35, 12:18] = 255  # a white "1" on black


@pytest.mark.parametrize("extension", ["png", "jpg", "bmp", "gif", "webp", "tiff", "heic"])
def test_supported_formats_read_back(tmp_path, extension):
    path = tmp_path / f"digit.{extension}"
    Image.fromarray(ONE).save(path)
    pixels = read_image(path)
    assert pixels.shape[:2] == ONE.shape
    gray = pixels if pixels.ndim == 2 else pixels[:, :, 0]  # palette formats come back as RGB
    assert np.abs(gray.astype(int) - ONE).mean() < 3  # lossy formats stay close


def test_a_missing_file_is_named_as_missing(tmp_path):
    with pytest.raises(ImageReadError, match="no such file"):
        read_image(tmp_path / "digit.png")


def test_a_folder_stands_for_the_images_in_it_and_its_subfolders_by_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("scans/b.png", "scans/a/2.jpg", "scans/a/1/x.TIF", "scans/a.png", "scans/notes.txt", "scans/w.jfif"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_bytes(b"x")
    Path("scans/a/1/up").symlink_to(Path("scans").resolve())  # a loop, were links to folders followed
    Path("nothing/here").mkdir(parents=True)
    # w.jfif: a JPEG as Windows browsers save it, passed over before
    assert image_files(["scans/", "lone.png", "nothing"]) == [
        "scans/a.png",
        "scans/a/1/x.TIF",
        "scans/a/2.jpg",
        "scans/b.png",
        "scans/w.jfif",
        "lone.png",
        "nothing",
    ]  # fmt: skip
    with pytest.raises(ImageReadError, match="^a folder with no PNG, .* files in it or its subfolders$"):
        read_image(Path("nothing"))


@pytest.fixture(scope="module")
def corpus(pen_digits, tmp_path_factory) -> dict:
    seven = first_of_each_label(pen_digits)[7]
    return write_corpus(tmp_path_factory.mktemp("corpus"), render_canvas(seven.strokes)[:, :, 0])


def test_every_awkward_file_is_read_or_refused_with_its_reason(corpus):
    for path, outcome in corpus.items():
        if outcome in (DIGIT, BLANK):
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)  # numpy's, printed on the command line
                model_input = preprocess(read_image(path))
            assert (model_input is None) == (outcome == BLANK), path.name
        else:
            with pytest.raises(ImageReadError, match=re.escape(outcome)):
                read_image(path)


CORPUS_DIGITS = ("animated.gif", "two_pages.tiff", "rotated_by_exif.jpg", "rotated_by_exif.heic", "cmyk.jpg")
CORPUS_DIGITS += ("ink_only_in_alpha.png", "sixteen_bit.png", "sixteen_bit_scan.tiff", "eight_bit_in_int32.tiff")
CORPUS_DIGITS += ("eight_bit_in_sixteen.png", "float_with_gaps.tiff")


def test_a_first_frame_or_page_is_read_and_exif_turns_photos_upright(corpus, pen_digits):
    seven = preprocess(render_canvas(first_of_each_label(pen_digits)[7].strokes))
    for name in CORPUS_DIGITS:
        (path,) = [p for p in corpus if p.name == name]
        assert np.corrcoef(preprocess(read_image(path)).ravel(), seven.ravel())[0, 1] > 0.97, name
