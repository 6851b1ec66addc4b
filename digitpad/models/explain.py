"""Why the model decided: which parts of the 28x28 input its answer rests on, by occlusion.

In: a loaded DigitClassifier and one model input ([28, 28] float32). Out: a [28, 28] float32 map in 0..1: for each
pixel, how much the predicted digit's probability drops, on average, when a small square of the input around it is
blanked out (1: the biggest drop seen). Blanking paper changes nothing, so the map lights up the strokes that matter;
and it goes through the classifier exactly as a drawing does, test-time views included.
"""

from __future__ import annotations

import numpy as np

from digitpad.config import MODEL_SIZE, OCCLUSION_PATCH, OCCLUSION_STRIDE
from digitpad.models.classifier import DigitClassifier


def occlusion_map(classifier: DigitClassifier, model_input: np.ndarray) -> np.ndarray:
    """[28, 28] in 0..1: how much blanking each part of the input lowers the predicted digit's probability."""
    corners = range(0, MODEL_SIZE - OCCLUSION_PATCH + 1, OCCLUSION_STRIDE)
    every_patch = [(row, column) for row in corners for column in corners]
    # Blanking a patch of paper leaves the input as it was (a drop of 0): only patches with ink under them are
    # classified, which also keeps the batch's float noise out of the map.
    patches = [(r, c) for r, c in every_patch if model_input[r : r + OCCLUSION_PATCH, c : c + OCCLUSION_PATCH].any()]
    occluded = np.repeat(model_input[None], len(patches), axis=0)
    for image, (row, column) in zip(occluded, patches, strict=True):
        image[row : row + OCCLUSION_PATCH, column : column + OCCLUSION_PATCH] = 0.0
    probabilities = classifier.probabilities(np.concatenate([model_input[None], occluded]))
    digit = int(np.argmax(probabilities[0]))
    drops = np.clip(probabilities[0, digit] - probabilities[1:, digit], 0.0, None)
    total, covered = np.zeros((MODEL_SIZE, MODEL_SIZE)), np.zeros((MODEL_SIZE, MODEL_SIZE))
    for drop, (row, column) in zip(drops, patches, strict=True):
        total[row : row + OCCLUSION_PATCH, column : column + OCCLUSION_PATCH] += drop
    for row, column in every_patch:
        covered[row : row + OCCLUSION_PATCH, column : column + OCCLUSION_PATCH] += 1
    heat = total / np.maximum(covered, 1)
    return (heat / heat.max() if heat.max() > 0 else heat).astype(np.float32)
