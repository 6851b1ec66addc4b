"""Training throughput of the bundled recipe on this machine (augmentation included), in images per second, and the
time a full default run of train_model.py should take from it: with $DIGITPAD_STROKES set, its epochs hold the tuning
writers' drawn digits too, as the default run's do.

    DIGITPAD_MNIST=../shared/mnist/mnist.npz DIGITPAD_STROKES=../shared/strokes/pendigits_train.json \
        python -m benchmarks.training
"""

from __future__ import annotations

import time

import keras

from digitpad.config import STROKES_ENV, TrainingRecipe
from digitpad.learning.data import env_path, load_mnist, load_pen_digits
from digitpad.learning.drawn import split_writers
from digitpad.learning.training import compile_for_training, training_batches
from digitpad.models.model import build_model

WARMUP_STEPS = 20
TIMED_STEPS = 100


class StepTimer(keras.callbacks.Callback):
    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if batch == WARMUP_STEPS - 1:
            self.started = time.perf_counter()
        if batch == WARMUP_STEPS + TIMED_STEPS - 1:
            self.seconds = time.perf_counter() - self.started


def main() -> None:
    recipe = TrainingRecipe()
    mnist = load_mnist()
    model = build_model(recipe)
    mnist_images = len(mnist.x_train) - recipe.validation_size
    drawn_images = len(split_writers(load_pen_digits())[0]) * recipe.drawn_variants if env_path(STROKES_ENV) else 0
    train_images = mnist_images + drawn_images
    steps_per_epoch = train_images // recipe.batch_size
    compile_for_training(model, recipe, steps_per_epoch)
    timer = StepTimer()
    model.fit(
        training_batches(mnist.x_train, mnist.y_train, recipe),
        steps_per_epoch=WARMUP_STEPS + TIMED_STEPS,
        epochs=1,
        verbose=0,
        callbacks=[timer],
    )
    per_second = TIMED_STEPS * recipe.batch_size / timer.seconds
    epoch_seconds = steps_per_epoch * recipe.batch_size / per_second
    print(f"parameters            {model.count_params():,}")
    print(f"training throughput   {per_second:,.0f} images/s (batch {recipe.batch_size}, augmentation on)")
    print(f"one epoch             {epoch_seconds:.0f} s for {train_images:,} images ({drawn_images:,} of them drawn)")
    print(f"default recipe        {recipe.epochs} epochs ~ {recipe.epochs * epoch_seconds / 60:.1f} min of training")


if __name__ == "__main__":
    main()
