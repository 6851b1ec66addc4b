"""The CNN: its architecture, and saving and loading it safely.

In: a recipe (for building) or a path (for loading). Out: a Keras model mapping [B, 28, 28, 1] float32 images (ink 1,
paper 0) to [B, 10] logits; softmax them for probabilities.

Why this shape: on this project's 2-core CPU, BatchNormalization made training 2.5x slower for the same convolutions
(52 s vs 22 s per epoch, measured), so the net has none; pooling after the first convolution keeps the costly
28x28 stage to one layer. Five 3x3 convolutions see the whole 28x28 digit by the last layer. Their channels are the
recipe's (TrainingRecipe.filters, with the evidence for them).
"""

from __future__ import annotations

from pathlib import Path

import keras
from keras import layers

from digitpad.config import MODEL_SIZE, NUM_CLASSES, RETRAIN_COMMAND, TrainingRecipe
from digitpad.files import Writer, write_atomically


class ModelError(Exception):
    """The model file is missing, unreadable, or not a digit classifier. The message says how to fix it."""


def build_model(recipe: TrainingRecipe) -> keras.Model:
    """A fresh, untrained CNN: [B, 28, 28, 1] -> [B, 10] logits."""

    def conv(filters: int, padding: str = "same") -> layers.Layer:
        return layers.Conv2D(filters, 3, padding=padding, activation="relu", kernel_initializer="he_uniform")

    first, second, third, fourth, fifth = recipe.filters
    return keras.Sequential(
        [
            keras.Input((MODEL_SIZE, MODEL_SIZE, 1)),
            conv(first),  # 28x28
            layers.MaxPooling2D(),
            conv(second),  # 14x14
            conv(third),
            layers.MaxPooling2D(),
            conv(fourth),  # 7x7
            conv(fifth, padding="valid"),  # 5x5
            layers.Flatten(),
            layers.Dropout(recipe.dropout),
            layers.Dense(NUM_CLASSES),
        ],
        name="digitpad_cnn",
    )


def model_writer(model: keras.Model) -> Writer:
    """Writes the model's architecture and weights only, no optimizer state.

    Keras 3 always writes a compiled model's optimizer, so an uncompiled copy with the same weights is saved instead.
    """
    bare = type(model).from_config(model.get_config())  # get_config has no compile state; clone_model keeps it
    bare.set_weights(model.get_weights())
    return lambda path: bare.save(path)


def save_model(model: keras.Model, path: Path) -> None:
    """Save the model without optimizer state, atomically."""
    write_atomically({path: model_writer(model)})


def load_model(
    path: Path,
    input_shape: tuple[int, ...] = (MODEL_SIZE, MODEL_SIZE, 1),
    outputs: int = NUM_CLASSES,
    retrain_command: str = RETRAIN_COMMAND,
) -> keras.Model:
    """Load a model mapping [B, *input_shape] -> [B, outputs] (by default the digit classifier) with Keras' safe mode
    on and without compiling; raise ModelError with a fix if unusable."""
    fix = f"Retrain it with `{retrain_command}`."
    if not path.is_file():
        raise ModelError(f"Model file not found: {path}. {fix}")
    try:
        model = keras.saving.load_model(path, compile=False, safe_mode=True)
    except Exception as error:  # Keras raises many types for a damaged archive; all mean the same to a user
        raise ModelError(f"Model file {path} could not be loaded ({type(error).__name__}: {error}). {fix}") from error
    expected_in, expected_out = (None, *input_shape), (None, outputs)
    if tuple(model.input_shape) != expected_in or tuple(model.output_shape) != expected_out:
        raise ModelError(
            f"Model file {path} maps {model.input_shape} -> {model.output_shape}, "
            f"but digitpad needs {expected_in} -> {expected_out}. {fix}"
        )
    return model
