"""Inference speed on this machine: preprocessing per image, one-image prediction (the page's case) against Keras'
`model.predict`, and batch throughput.

    DIGITPAD_STROKES=../shared/strokes/pendigits_train.json python -m benchmarks.inference
"""

from __future__ import annotations

import time

import numpy as np

from digitpad.classifier import DigitClassifier
from digitpad.data import load_pen_digits
from digitpad.preprocess import preprocess
from digitpad.strokes import render_canvas

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
    canvases = [render_canvas(d.strokes) for d in load_pen_digits()[:REPEATS]]
    classifier = DigitClassifier.load()

    index = iter(range(10**9))
    preprocessing = timings_ms(lambda: preprocess(canvases[next(index) % len(canvases)]))
    describe("preprocess one 280x280 canvas", preprocessing)

    model_input = preprocess(canvases[0])
    fast = timings_ms(lambda: classifier.predict(model_input))
    (model,) = classifier.models
    keras_predict = timings_ms(lambda: model.predict(model_input[None, :, :, None], verbose=0), repeats=50)
    describe("DigitClassifier.predict (1 image)", fast)
    describe("keras model.predict (1 image)", keras_predict)
    speed_up = np.median(keras_predict) / np.median(fast)
    print(f"{'speed-up over model.predict':<34} {speed_up:7.1f}x  (goal: predict p50 <= 5 ms)")

    batch = np.repeat(np.array([preprocess(c) for c in canvases]), BATCH_IMAGES // len(canvases), axis=0)
    started = time.perf_counter()
    classifier.probabilities(batch)
    seconds = time.perf_counter() - started
    print(f"{'batch throughput':<34} {len(batch) / seconds:7.0f} images/s ({len(batch)} images in {seconds:.2f} s)")


if __name__ == "__main__":
    main()
