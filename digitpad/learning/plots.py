"""PNG plots of a training run: learning curves, the confusion matrix, and the misclassified test digits.

In: the numbers a run produced. Out: PNG files. Matplotlib draws them off-screen (Agg backend).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen before pyplot loads)
import numpy as np  # noqa: E402

MISTAKES_SHOWN = 60  # at most this many misclassified digits in the grid


def _save(figure: plt.Figure, path: Path) -> None:
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def history(nets: list[dict[str, list[float]]], path: Path) -> None:
    """Accuracy and loss per epoch, training and validation side by side, for each net of the model."""
    figure, axes = plt.subplots(1, 2, figsize=(10, 4))
    for axis, name in zip(axes, ("accuracy", "loss"), strict=True):
        for number, metrics in enumerate(nets, start=1):
            epochs = np.arange(1, len(metrics[name]) + 1)
            which = f" (net {number})" if len(nets) > 1 else ""
            axis.plot(epochs, metrics[name], marker="o", label=f"training{which}")
            axis.plot(epochs, metrics[f"val_{name}"], marker="o", label=f"validation{which}")
        axis.set(xlabel="epoch", ylabel=name, title=name)
        axis.grid(alpha=0.3)
        axis.legend()
    _save(figure, path)


def confusion(matrix: np.ndarray, path: Path) -> None:
    """The test confusion matrix, counts written in each cell (rows: true digit, columns: predicted)."""
    figure, axis = plt.subplots(figsize=(6.5, 6))
    axis.imshow(np.log1p(matrix), cmap="Blues")
    for (true, predicted), count in np.ndenumerate(matrix):
        if count:
            colour = "white" if true == predicted else "black"
            axis.text(predicted, true, str(count), ha="center", va="center", fontsize=8, color=colour)
    axis.set(xlabel="predicted", ylabel="true", title="MNIST test confusion matrix", xticks=range(10), yticks=range(10))
    _save(figure, path)


def mistakes(images: np.ndarray, labels: np.ndarray, predicted: np.ndarray, path: Path) -> None:
    """A grid of misclassified test digits, each titled `true -> predicted`."""
    wrong = np.flatnonzero(labels != predicted)[:MISTAKES_SHOWN]
    columns = 10
    rows = max(1, -(-len(wrong) // columns))
    figure, axes = plt.subplots(rows, columns, figsize=(columns * 1.1, rows * 1.3), squeeze=False)
    for axis in axes.flat:
        axis.axis("off")
    for axis, index in zip(axes.flat, wrong, strict=False):
        axis.imshow(images[index], cmap="gray")
        axis.set_title(f"{labels[index]} -> {predicted[index]}", fontsize=9)
    figure.suptitle(f"{np.sum(labels != predicted)} misclassified test digits (first {len(wrong)})")
    _save(figure, path)
