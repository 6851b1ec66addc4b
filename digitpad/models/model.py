"""The CNN: its architecture, and saving and loading it safely.

In: a recipe (for building) or a path (for loading). Out: a Keras model mapping [B, 28, 28, 1] float32 images (ink 1,
paper 0) to [B, 10] logits; softmax them for probabilities.

Why this shape: BatchNormalization, after every convolution or in the 14x14 stage, read no more of MNIST's validation
digits (20 wrong of 5,000 against 18; docs/accuracy.md), so the net has none; pooling after the first convolution
keeps the costly 28x28 stage to one layer. Five 3x3 convolutions see the whole 28x28 digit by the last layer. Their
channels are the recipe's (TrainingRecipe.filters, with the evidence for them).
"""

from __future__ import annotations

from pathlib import Path

from digitpad.config import (
    ARCHITECTURES,
    BUNDLED_MODELS,
    MODEL_SIZE,
    NUM_CLASSES,
    RETRAIN_COMMAND,
    TrainingRecipe,
)
from digitpad.files import Writer, write_atomically
from digitpad.models.backend import keras, layers


class ModelError(Exception):
    """The model file is missing, unreadable, or not a digit classifier. The message says how to fix it."""


def build_model(recipe: TrainingRecipe) -> keras.Model:
    """A fresh, untrained CNN: [B, 28, 28, 1] -> [B, 10] logits; the recipe's classic architecture if it names one."""
    if recipe.architecture != "digitpad":
        return CLASSIC_ARCHITECTURES[recipe.architecture]()

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


def mlp() -> keras.Model:
    """The first net of most tutorials: Flatten -> Dense(128) -> Dense(10). 101,770 parameters."""
    return keras.Sequential(
        [
            keras.Input((MODEL_SIZE, MODEL_SIZE, 1)),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(NUM_CLASSES),
        ],
        name="mlp",
    )


def cnn3() -> keras.Model:
    """TensorFlow's CNN tutorial: three 3x3 convolutions (32, 64, 64), pooling after the first two, Dense(64). 93,322
    parameters."""
    return keras.Sequential(
        [
            keras.Input((MODEL_SIZE, MODEL_SIZE, 1)),
            layers.Conv2D(32, 3, activation="relu"),  # 26x26
            layers.MaxPooling2D(),
            layers.Conv2D(64, 3, activation="relu"),  # 11x11
            layers.MaxPooling2D(),
            layers.Conv2D(64, 3, activation="relu"),  # 3x3
            layers.Flatten(),
            layers.Dense(64, activation="relu"),
            layers.Dense(NUM_CLASSES),
        ],
        name="cnn3",
    )


def cnn4() -> keras.Model:
    """The Kaggle-style CNN: two blocks of two 3x3 convolutions (32, 64) with pooling and dropout, a Dense(256) head
    with dropout. 870,634 parameters."""
    return keras.Sequential(
        [
            keras.Input((MODEL_SIZE, MODEL_SIZE, 1)),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.Dropout(0.25),
            layers.Conv2D(64, 3, padding="same", activation="relu"),
            layers.Conv2D(64, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.Dropout(0.25),
            layers.Flatten(),
            layers.Dense(256, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(NUM_CLASSES),
        ],
        name="cnn4",
    )


# Each outputs logits like ours (the classic versions end in a softmax; the loss takes logits instead, the same thing).
CLASSIC_ARCHITECTURES = {"mlp": mlp, "cnn3": cnn3, "cnn4": cnn4}
assert ("digitpad", *CLASSIC_ARCHITECTURES) == ARCHITECTURES, "config.ARCHITECTURES names these"


def averaged(nets: list[keras.Model]) -> keras.Model:
    """Several nets trained alike as one model whose logits are the mean of theirs (an ensemble: one file to save,
    load and call); one net is returned as it is."""
    if len(nets) == 1:
        return nets[0]
    for number, net in enumerate(nets, start=1):
        net.name = f"{net.name}_{number}"  # a model's layers need distinct names
    images = keras.Input((MODEL_SIZE, MODEL_SIZE, 1))
    return keras.Model(images, layers.Average()([net(images) for net in nets]), name="digitpad_ensemble")


def layer_table(model: keras.Model) -> list[str]:
    """Keras' summary of `model` as lines of plain text, for its card; of an ensemble, its own and its first net's."""
    lines: list[str] = []
    nets = [layer for layer in model.layers if isinstance(layer, keras.Model)]
    for shown in [model, *nets[:1]]:
        shown.summary(line_length=80, print_fn=lambda line, **_: lines.extend(s.rstrip() for s in line.splitlines()))
    return [line for line in lines if line.strip()]


def model_writer(model: keras.Model) -> Writer:
    """Writes the model's architecture and weights only, no optimizer state.

    Keras 3 always writes a compiled model's optimizer, so an uncompiled copy with the same weights is saved instead.
    """
    bare = type(model).from_config(uncompiled(model.get_config()))  # clone_model would keep the compile state
    bare.set_weights(model.get_weights())
    return lambda path: bare.save(path)


def uncompiled(config: object) -> object:
    """A model's config without the compile state its nets carry (an ensemble's nets were each compiled to train)."""
    if isinstance(config, dict):
        return {key: uncompiled(value) for key, value in config.items() if key != "compile_config"}
    if isinstance(config, list):
        return [uncompiled(value) for value in config]
    return config


def save_model(model: keras.Model, path: Path) -> None:
    """Save the model without optimizer state, atomically."""
    write_atomically({path: model_writer(model)})


def load_model(
    path: Path | str,
    input_shape: tuple[int, ...] = (MODEL_SIZE, MODEL_SIZE, 1),
    outputs: int = NUM_CLASSES,
    retrain_command: str = RETRAIN_COMMAND,
) -> keras.Model:
    """Load a model mapping [B, *input_shape] -> [B, outputs] (by default the digit classifier) with Keras' safe mode
    on and without compiling; raise ModelError with a fix if unusable."""
    path = Path(path)
    fix = (  # the retrain command writes the bundled models: for a file of the user's own, a folder of its own
        f"Retrain it with `{retrain_command}`."
        if path.resolve().parent == BUNDLED_MODELS.resolve()
        else f"Check the path, or train one with `{retrain_command} --out {path.parent}` and give the .keras file it "
        "writes there (named as the bundled one, not as this path)."
    )
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
