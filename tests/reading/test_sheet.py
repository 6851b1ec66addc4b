"""A sheet lying on a desk (digitpad.reading.sheet): found where it lies on real photos of other things, askew or not;
never in a photo that is all paper, lit unevenly or not, made up or real."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from digitpad.reading.images import read_image
from digitpad.reading.sheet import sheet_alone, sheet_in
from digitpad.reading.strokes import render_canvas
from tests.drawings import first_of_each_label
from tests.photos import FIELDS, UNEVEN, form_field_photo, on_desk, paper_photo, tinted, where_on_desk, wooden_desk
from tests.scenes import scene_photos


def laid(paper: np.ndarray, desk: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(the paper laid on the desk by on_desk, a mask of where it lies)."""
    photo = on_desk(paper, desk, np.random.default_rng(seed))
    return photo, where_on_desk(paper, desk, seed)


@pytest.fixture(scope="module")
def seven(pen_digits) -> np.ndarray:
    return render_canvas(first_of_each_label(pen_digits)[7].strokes)


@pytest.fixture(scope="module")
def sheet(seven) -> np.ndarray:
    """A made-up photo of a 7 on lined paper, one side lit at 70% of the other, a shadow, specks (tests.photos)."""
    return paper_photo(seven, seed=3, conditions=replace(UNEVEN, dimmest=0.7, shadow=0.2), scale=1.0)


@pytest.mark.parametrize(
    ("desk", "seed"),
    [
        ("coffee", 1),  # a table
        ("flower", 1),  # a bed of flowers
        ("moon", 1),  # grey ground
        # Joined to a bright neighbour where no step in brightness parts them, found by its core (SHEET_NECKS):
        ("astronaut", 2),  # the white wall behind a woman
        ("china", 4),  # a pale sky
        ("ihc", 2),  # stained cells on white
    ],
)
def test_a_sheet_lying_on_a_real_photo_is_found_where_it_lies(sheet, desk, seed):
    scene = scene_photos("tuning").get(desk)
    assert scene is not None, f"{desk}'s package is not installed: pip install -r requirements-dev.txt"
    photo, where = laid(sheet, scene, seed=seed)
    found = sheet_in(photo)
    assert found is not None
    x, y, width, height = found.box
    inside = np.zeros_like(where)
    inside[y : y + height, x : x + width] = found.mask
    assert (inside & ~where).sum() < 0.02 * inside.sum()  # hardly any desk taken for the sheet
    assert (inside & where).sum() > 0.7 * where.sum()  # and most of the sheet (all but a strip along its edge)


@pytest.mark.parametrize("colour", ["yellow", "pink", "blue"])
def test_a_coloured_note_lying_on_a_wooden_desk_is_found_where_it_lies(sheet, colour):
    # Paper had to be grey or white: the yellow note was no sheet, and the desk's grain was read as writing
    photo, where = laid(tinted(sheet, colour), wooden_desk(), seed=1)
    found = sheet_in(photo)
    assert found is not None
    x, y, width, height = found.box
    inside = np.zeros_like(where)
    inside[y : y + height, x : x + width] = found.mask
    assert (inside & ~where).sum() < 0.02 * inside.sum() and (inside & where).sum() > 0.7 * where.sum()
    assert sheet_in(wooden_desk()) is None  # and the desk alone is none


def test_what_lies_round_a_sheet_askew_is_painted_paper(sheet):
    desk = np.zeros((600, 800, 3), np.uint8) + np.array([90, 60, 30], np.uint8)  # a dark wooden desk
    photo, where = laid(sheet, desk, seed=2)  # turned by 7 degrees
    found = sheet_in(photo)
    alone = sheet_alone(photo, found)
    x, y, width, height = found.box
    assert alone.shape == (height, width, 3)
    assert not (alone == desk[0, 0]).all(axis=2).any()  # no pixel of the desk is left in it


def as_a_phone_takes_it(photo: np.ndarray) -> np.ndarray:
    """A crop enlarged to 1,000 px long, as the phone took the paper: a smaller photo is never looked in for a sheet."""
    scale = 1000 / max(photo.shape[:2])
    return cv2.resize(photo, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)


def test_a_photo_that_is_all_paper_is_no_sheet_on_a_desk(seven, pen_digits):
    for seed in range(3):  # lit unevenly, one side at 40% of the other, a shadow: its dim side is not a desk
        assert sheet_in(paper_photo(seven, seed=seed, conditions=UNEVEN, scale=2.0)) is None, seed
    rng = np.random.default_rng(0)
    for field in FIELDS:  # a form's printed box round the writing is no sheet's edge
        field_photo = form_field_photo([d.strokes for d in pen_digits[:2]], field, rng)
        assert sheet_in(as_a_phone_takes_it(field_photo)) is None, field
    assert sheet_in(np.full((600, 800, 3), 200, np.uint8)) is None  # a blank frame
    assert sheet_in(np.zeros((1, 1), np.uint8)) is None


def test_real_photos_and_scans_of_paper_are_no_sheets_on_a_desk(real_images):
    tuning = [image for image in real_images.values() if image.group == "tuning" and image.medium != "drawing"]
    found = [i.path.name for i in tuning if sheet_in(as_a_phone_takes_it(read_image(i.path))) is not None]
    assert found == []


def test_a_sheet_is_found_in_any_kind_of_pixels_the_reader_takes():
    photo = np.full((700, 900, 3), 60, np.uint8)  # a dark desk
    photo[150:550, 200:700] = 230  # a sheet on it
    photo[300:400, 420:440] = 20  # a 1 on the sheet
    box = sheet_in(photo).box
    kinds = {
        "bool": photo > 128,
        "int64, 0-255 (numpy's default integers)": photo.astype(np.int64),
        "int32, 16 bits (Pillow's mode I)": photo.astype(np.int32) * 257,
        "float16": (photo / 255).astype(np.float16),
        "float64": photo / 255,
        "uint16": photo.astype(np.uint16) * 257,
        "RGBA": np.dstack([photo, np.full(photo.shape[:2], 255, np.uint8)]),
        "gray": photo[:, :, 0],
    }
    for kind, pixels in kinds.items():
        found = sheet_in(pixels)
        assert found is not None and found.box == box, kind
        assert sheet_alone(pixels, found).dtype == pixels.dtype, kind
