"""Inference speed on this machine: reading one drawing (from its strokes, as the page does, and from its pixels, as
an image file is read), one-image prediction against Keras' `model.predict`, one drawing from its strokes to its
prediction (the page's case), and batch throughput.

    DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.inference
"""

from __future__ import annotations

import time

import numpy as np

from digitpad.config import DEFAULT_STROKE_WIDTH
from digitpad.learning.data import load_pen_digits
from digitpad.models.classifier import DigitClassifier
from digitpad.reading.canvas import canvas_input, fabric_json
from digitpad.reading.preprocess import preprocess
from digitpad.reading.strokes import draw_strokes, fit_strokes

REPEATS = 200  # timed calls per single-image measurement
BATCH_IMAGES = 10_000


def timings_ms(call, repeats: int = REPEATS) -> np.ndarray:
    call()  # warm-up: tracing, allocation
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return np.array(times)


def describe(name: str, ms: np.ndarray) -> None:
    print(f"{name:<34} p50 {np.percentile(ms, 50):7.2f} ms   p95 {np.percentile(ms, 95):7.2f} ms")


def main() -> None:
    placed = [fit_strokes(d.strokes) for d in load_pen_digits()[:REPEATS]]
    canvases = [draw_strokes(strokes, DEFAULT_STROKE_WIDTH) for strokes in placed]
    drawings = [
        (fabric_json(strokes, DEFAULT_STROKE_WIDTH), canvas) for strokes, canvas in zip(placed, canvases, strict=True)
    ]
    classifier = DigitClassifier.load()

    index = iter(range(10**9))
    from_strokes = timings_ms(lambda: canvas_input(*drawings[next(index) % len(drawings)]))
    describe("read one drawing from its strokes", from_strokes)
    preprocessing = timings_ms(lambda: preprocess(canvases[next(index) % len(canvases)]))
    describe("preprocess one 280x280 canvas", preprocessing)

    model_input = preprocess(canvases[0])
    fast = timings_ms(lambda: classifier.predict(model_input))
    (model,) = classifier.models
    keras_predict = timings_ms(lambda: model.predict(model_input[None, :, :, None], verbose=0), repeats=50)
    describe("DigitClassifier.predict (1 image)", fast)
    describe("keras model.predict (1 image)", keras_predict)
    speed_up = np.median(keras_predict) / np.median(fast)
    print(f"{'speed-up over model.predict':<34} {speed_up:7.1f}x")
    page = timings_ms(lambda: classifier.predict(canvas_input(*drawings[next(index) % len(drawings)])))
    describe("one drawing, strokes to prediction", page)
    print(f"{'':<34} goal: p50 <= 5 ms: {'met' if np.median(page) <= 5 else 'NOT met'}")

    batch = np.repeat(np.array([preprocess(c) for c in canvases]), BATCH_IMAGES // len(canvases), axis=0)
    started = time.perf_counter()
    classifier.probabilities(batch)
    seconds = time.perf_counter() - started
    print(f"{'batch throughput':<34} {len(batch) / seconds:7.0f} images/s ({len(batch)} images in {seconds:.2f} s)")


if __name__ == "__main__":
    main()
