"""The bundled classifier: accurate on MNIST's test set and on digits drawn with a pen; its fast path, test-time views
included, agrees with Keras' predict on OpenCV's rotations."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from digitpad.config import TEST_TIME_ROTATIONS
from digitpad.preprocess import preprocess
from digitpad.strokes import render_canvas

MNIST_TEST_FLOOR = 0.996  # issue 2: the bundled model reaches 99.6% on MNIST's 10,000 test digits
# All 7,494 pen-drawn digits, rendered as canvas images at the page's default pen width (60% of the canvas tall,
# centred). Measured 97.1% for this recipe (run30, 2026-11-21); the floor is that less a margin for retraining noise.
DRAWN_DIGITS_FLOOR = 0.96


def test_mnist_test_accuracy(classifier, mnist):
    probabilities = classifier.probabilities(mnist.x_test.astype(np.float32) / 255.0)
    accuracy = np.mean(np.argmax(probabilities, axis=1) == mnist.y_test)
    assert accuracy >= MNIST_TEST_FLOOR


def test_drawn_digit_accuracy(classifier, pen_digits):
    inputs = np.array([preprocess(render_canvas(d.strokes)) for d in pen_digits])
    predicted = np.argmax(classifier.probabilities(inputs), axis=1)
    accuracy = np.mean(predicted == np.array([d.label for d in pen_digits]))
    assert accuracy >= DRAWN_DIGITS_FLOOR


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def test_fast_path_matches_keras_predict_averaged_over_opencv_rotations(classifier, mnist):
    images = mnist.x_test[:64].astype(np.float32) / 255.0
    log_probabilities = []
    for angle in TEST_TIME_ROTATIONS:
        matrix = cv2.getRotationMatrix2D((13.5, 13.5), -angle, 1.0)  # OpenCV turns counter-clockwise
        turned = np.array([cv2.warpAffine(image, matrix, (28, 28), flags=cv2.INTER_LINEAR) for image in images])
        log_probabilities.append(np.log(softmax(classifier.model.predict(turned[..., None], verbose=0))))
    expected = softmax(np.mean(log_probabilities, axis=0))
    np.testing.assert_allclose(classifier.probabilities(images), expected, atol=1e-4)


def test_single_and_batched_predictions_agree(classifier, mnist):
    images = mnist.x_test[:5].astype(np.float32) / 255.0
    batched = classifier.predict_many(images)
    for image, prediction in zip(images, batched, strict=True):
        single = classifier.predict(image)
        assert single.digit == prediction.digit
        np.testing.assert_allclose(single.probabilities, prediction.probabilities, atol=1e-6)
        assert single.probabilities.sum() == pytest.approx(1.0, abs=1e-5)


def test_prediction_reports_digit_confidence_and_runner_up(classifier, mnist):
    prediction = classifier.predict(mnist.x_test[0].astype(np.float32) / 255.0)
    assert prediction.digit == mnist.y_test[0]
    (first, p1), (second, p2) = prediction.top(2)
    assert first == prediction.digit and p1 == prediction.confidence and second != first and p2 <= p1


def test_classify_returns_none_for_a_blank_canvas(classifier):
    assert classifier.classify(np.zeros((280, 280, 4), np.uint8)) is None
    assert classifier.probabilities(np.zeros((0, 28, 28))).shape == (0, 10)
