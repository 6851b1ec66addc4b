"""The CNN's file: saved without optimizer state, small, loaded safely, and refused with a fix when broken."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace

import h5py
import keras
import numpy as np
import pytest

from digitpad.config import DRAWN_MODEL_PATH, FINAL_WRITERS, MODEL_PATH, RETRAIN_COMMAND, TrainingRecipe
from digitpad.learning.training import card_beside
from digitpad.models import model as model_module
from digitpad.models.model import ModelError, averaged, build_model, layer_table, load_model, save_model

MAX_BUNDLED_BYTES = 5 * 1024 * 1024


@pytest.fixture(scope="module")
def trained_like_model():
    """A freshly built model, compiled and stepped once so it has optimizer state that must not be saved."""
    model = build_model(TrainingRecipe())
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.train_on_batch(np.zeros((2, 28, 28, 1), np.float32), np.array([0, 1]))
    return model


def test_saved_model_has_no_optimizer_state_and_round_trips(trained_like_model, tmp_path):
    path = tmp_path / "m.keras"
    save_model(trained_like_model, path)
    with zipfile.ZipFile(path) as archive:
        assert not json.loads(archive.read("config.json")).get("compile_config")
        with h5py.File(io.BytesIO(archive.read("model.weights.h5"))) as weights:
            assert "optimizer" not in weights
    loaded = load_model(path)
    images = np.random.default_rng(0).random((3, 28, 28, 1)).astype(np.float32)
    np.testing.assert_allclose(loaded(images), trained_like_model(images), atol=1e-5)
    assert [p.name for p in tmp_path.iterdir()] == ["m.keras"]  # no temporary file left behind


def test_averaged_nets_are_one_model_whose_logits_are_the_mean_of_theirs_and_round_trip(tmp_path):
    nets = [build_model(TrainingRecipe()) for _ in range(2)]
    for net in nets:  # as training leaves them: compiled, with optimizer state
        net.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        net.train_on_batch(np.zeros((2, 28, 28, 1), np.float32), np.array([0, 1]))
    images = np.random.default_rng(1).random((4, 28, 28, 1)).astype(np.float32)
    each = [np.asarray(net(images)) for net in nets]
    assert not np.allclose(each[0], each[1], atol=1e-3)  # two different nets, so the mean is not either
    model = averaged(nets)
    path = tmp_path / "two.keras"
    save_model(model, path)
    with zipfile.ZipFile(path) as archive:
        assert '"optimizer"' not in archive.read("config.json").decode()
        with h5py.File(io.BytesIO(archive.read("model.weights.h5"))) as weights:
            names: list[str] = []
            weights.visit(names.append)
            assert not [name for name in names if "optimizer" in name]
    np.testing.assert_allclose(load_model(path)(images), (each[0] + each[1]) / 2, atol=1e-5)
    table = "\n".join(layer_table(model))
    assert "digitpad_cnn_1" in table and "digitpad_cnn_2" in table and "conv2d" in table  # and the first net's layers


def test_one_net_is_not_wrapped():
    net = build_model(TrainingRecipe())
    assert averaged([net]) is net


@pytest.mark.parametrize("path", [MODEL_PATH, DRAWN_MODEL_PATH], ids=["digit model", "drawings-only model"])
def test_bundled_model_is_small_loads_and_has_a_card(path):
    assert path.stat().st_size < MAX_BUNDLED_BYTES
    assert load_model(path).output_shape == (None, 10)
    card = json.loads(card_beside(path).read_text())
    assert card["model_file"] == path.name and card["drawn_digits"]["measured_writers"] == sorted(FINAL_WRITERS)
    assert set(card["drawn_digits"]["training_writers"]).isdisjoint(FINAL_WRITERS)


def test_a_path_given_as_a_string_loads_the_same_model(trained_like_model, tmp_path):
    path = tmp_path / "m.keras"
    save_model(trained_like_model, path)
    images = np.random.default_rng(0).random((3, 28, 28, 1), dtype=np.float32)
    np.testing.assert_allclose(load_model(str(path)).predict(images, verbose=0), trained_like_model(images), atol=1e-6)


def test_missing_model_says_how_to_retrain(tmp_path):
    with pytest.raises(ModelError, match=r"not found.*python train_model\.py"):
        load_model(tmp_path / "absent.keras")


def test_a_missing_model_of_the_users_own_is_not_answered_with_the_retrain_that_writes_the_bundled_ones(
    tmp_path, monkeypatch
):
    # `--base /tmp/missing.keras` was told "Retrain it with `python train_model.py`": 18 minutes that replace the
    # bundled model, not the user's file
    with pytest.raises(ModelError) as own:
        load_model(tmp_path / "mine" / "missing.keras")
    assert str(own.value).endswith(
        f"Check the path, or train one with `{RETRAIN_COMMAND} --out {tmp_path / 'mine'}` and give the .keras file it "
        "writes there (named as the bundled one, not as this path)."
    )  # `--out` alone read as if it would write missing.keras
    monkeypatch.setattr(model_module, "BUNDLED_MODELS", tmp_path)  # a bundled model gone: its own recipe remakes it
    with pytest.raises(ModelError) as bundled:
        load_model(tmp_path / "digitpad.keras")
    assert str(bundled.value).endswith(f"Retrain it with `{RETRAIN_COMMAND}`.")


def test_truncated_model_is_refused(trained_like_model, tmp_path):
    path = tmp_path / "m.keras"
    save_model(trained_like_model, path)
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ModelError, match=r"could not be loaded.*python train_model\.py"):
        load_model(path)


def test_model_of_the_wrong_shape_is_refused(tmp_path):
    path = tmp_path / "other.keras"
    keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(5)]).save(path)
    with pytest.raises(ModelError, match=r"digitpad needs"):
        load_model(path)


def test_unsafe_lambda_layers_are_not_executed(tmp_path):
    path = tmp_path / "lambda.keras"
    model = keras.Sequential(
        [keras.Input((28, 28, 1)), keras.layers.Lambda(lambda x: x * 2), keras.layers.Flatten(), keras.layers.Dense(10)]
    )
    model.save(path)
    with pytest.raises(ModelError, match="could not be loaded"):
        load_model(path)  # safe mode refuses to deserialise the lambda's bytecode


@pytest.mark.parametrize(
    ("architecture", "parameters"),
    [("digitpad", 180_058), ("mlp", 101_770), ("cnn3", 93_322), ("cnn4", 870_634)],
)
def test_each_architecture_maps_a_digit_to_ten_logits_with_its_classic_size(architecture, parameters):
    model = build_model(replace(TrainingRecipe(), architecture=architecture))
    assert model.count_params() == parameters  # cnn3: TensorFlow's tutorial CNN, "about 93k"
    assert model(np.zeros((2, 28, 28, 1), np.float32)).shape == (2, 10)
    assert model.layers[-1].get_config()["activation"] == "linear"  # logits, as the classifier and the loss expect
