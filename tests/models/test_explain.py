"""Occlusion maps: in 0..1, dark where blanking changes nothing (paper), bright on the strokes the answer rests on."""

from __future__ import annotations

import cv2
import numpy as np

from digitpad.config import OCCLUSION_PATCH
from digitpad.models.explain import occlusion_map
from digitpad.reading.preprocess import preprocess
from digitpad.reading.strokes import render_canvas
from tests.drawings import first_of_each_label


def test_the_map_lights_only_what_lies_near_ink(classifier, pen_digits):
    for digit in first_of_each_label(pen_digits)[:4]:
        model_input = preprocess(render_canvas(digit.strokes))
        heat = occlusion_map(classifier, model_input)
        assert heat.shape == (28, 28) and heat.dtype == np.float32
        assert heat.min() >= 0 and heat.max() == 1.0
        # a pixel no patch covering it has ink under: blanking those patches changes nothing
        kernel = np.ones((2 * OCCLUSION_PATCH - 1, 2 * OCCLUSION_PATCH - 1), np.uint8)
        near_ink = cv2.dilate((model_input > 0).astype(np.uint8), kernel) > 0
        assert np.all(heat[~near_ink] == 0), digit.label


def test_blanking_the_brightest_part_costs_more_than_the_faintest_inked_part(classifier, pen_digits):
    seven = preprocess(render_canvas(first_of_each_label(pen_digits)[7].strokes))
    heat = occlusion_map(classifier, seven)
    inked = seven > 0.5
    brightest = np.unravel_index(np.argmax(np.where(inked, heat, -1.0)), heat.shape)
    faintest = np.unravel_index(np.argmin(np.where(inked, heat, 2.0)), heat.shape)

    def blanked_at(point) -> float:
        image = seven.copy()
        row, column = point
        image[max(row - 3, 0) : row + 3, max(column - 3, 0) : column + 3] = 0
        return float(classifier.probabilities(image[None])[0, 7])

    assert blanked_at(brightest) < blanked_at(faintest)
