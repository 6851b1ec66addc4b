"""digitpad.learning.drawn: pen digits drawn on the canvas and read by either path, for measuring and for training."""

from __future__ import annotations

import numpy as np

from digitpad.config import FINAL_WRITERS
from digitpad.learning.drawn import random_model_inputs, split_writers
from tests.drawings import first_of_each_label


def test_the_final_writers_are_split_off_and_the_rest_tune(pen_digits):
    tuning, final = split_writers(pen_digits)
    assert {d.writer for d in final} == set(FINAL_WRITERS) and not {d.writer for d in tuning} & set(FINAL_WRITERS)
    assert len(tuning) + len(final) == len(pen_digits)


def test_training_drawings_read_by_strokes_do_not_depend_on_the_pen(pen_digits):
    digits = first_of_each_label(pen_digits)
    by_strokes, _ = random_model_inputs(digits, 4, seed=1, by_strokes=1.0)
    by_pixels, _ = random_model_inputs(digits, 4, seed=1, by_strokes=0.0)
    spread = {  # how much the four drawings of one digit (random pens, sizes and places) differ from each other
        name: np.mean([np.abs(images[i * 4 : i * 4 + 4].astype(float) - images[i * 4]).max() for i in range(10)])
        for name, images in (("strokes", by_strokes), ("pixels", by_pixels))
    }
    assert spread["strokes"] < 20 < spread["pixels"], spread  # of 255
