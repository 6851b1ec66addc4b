"""Doodles: what visitors draw for fun on the one-digit canvas (a letter of their name, a heart, a house), as strokes.

In: a group ("tuning" or "final": the same pictures drawn by other random hands) and a count. Out: (what each is, its
strokes in the one-digit canvas's px), to be read as the page reads a drawing: by its strokes. All made up: each
picture is a few pen paths in a unit box (block capitals that are no way of writing a digit, and simple pictures),
drawn as a hand draws them: a point every few px with a wobble, squashed or stretched, turned, sheared, each stroke
either way round, any size and anywhere on the canvas. digitpad.learning.negatives draws letters from fonts instead.
"""

from __future__ import annotations

import numpy as np

from digitpad.config import CANVAS_SIZE

SEEDS = {"tuning": 2001, "final": 2002}  # not negatives' seeds: other hands
EDGE = 10  # px kept clear round a doodle
POINT_EVERY = 4  # px between the points of a stroke, as a mouse or a finger sends them


def arc(centre: tuple[float, float], radius: tuple[float, float], start: float, end: float, points: int = 24) -> list:
    t = np.linspace(start, end, points)
    return list(zip(centre[0] + radius[0] * np.cos(t), centre[1] + radius[1] * np.sin(t), strict=True))


# Pen paths in a unit box (x right, y down), a list of points a stroke; a one-point stroke is a tap
LETTERS = {
    "A": [[(0, 1), (0.5, 0), (1, 1)], [(0.22, 0.6), (0.78, 0.6)]],
    "C": [[(0.95, 0.15), (0.6, 0), (0.2, 0.1), (0, 0.5), (0.2, 0.9), (0.6, 1), (0.95, 0.85)]],
    "D": [[(0, 0), (0, 1)], [(0, 0), (0.6, 0.05), (1, 0.5), (0.6, 0.95), (0, 1)]],
    "E": [[(1, 0), (0, 0), (0, 1), (1, 1)], [(0, 0.5), (0.8, 0.5)]],
    "F": [[(1, 0), (0, 0), (0, 1)], [(0, 0.5), (0.8, 0.5)]],
    "H": [[(0, 0), (0, 1)], [(1, 0), (1, 1)], [(0, 0.5), (1, 0.5)]],
    "K": [[(0, 0), (0, 1)], [(1, 0), (0, 0.55), (1, 1)]],
    "M": [[(0, 1), (0, 0), (0.5, 0.6), (1, 0), (1, 1)]],
    "N": [[(0, 1), (0, 0), (1, 1), (1, 0)]],
    "P": [[(0, 1), (0, 0), (0.8, 0.05), (1, 0.25), (0.8, 0.45), (0, 0.5)]],
    "R": [[(0, 1), (0, 0), (0.8, 0.05), (1, 0.25), (0.8, 0.45), (0, 0.5), (1, 1)]],
    "U": [[(0, 0), (0, 0.7), (0.2, 0.95), (0.5, 1), (0.8, 0.95), (1, 0.7), (1, 0)]],
    "V": [[(0, 0), (0.5, 1), (1, 0)]],
    "W": [[(0, 0), (0.25, 1), (0.5, 0.3), (0.75, 1), (1, 0)]],
    "X": [[(0, 0), (1, 1)], [(1, 0), (0, 1)]],
    "Y": [[(0, 0), (0.5, 0.5), (1, 0)], [(0.5, 0.5), (0.5, 1)]],
}
TAU = 2 * np.pi
TIPS = [(0.5 + 0.5 * np.sin(k * TAU / 5), 0.55 - 0.5 * np.cos(k * TAU / 5)) for k in range(5)]
EIGHT = np.linspace(0, TAU, 40)
BUMPS = [
    point for x in (0.2, 0.5, 0.8) for point in arc((x, 0.55 - 0.15 * np.sin(np.pi * x)), (0.18, 0.18), np.pi, TAU, 10)
]
PICTURES = {
    "heart": [[(0.5, 1), (0, 0.4), (0.05, 0.1), (0.28, 0), (0.5, 0.2), (0.72, 0), (0.95, 0.1), (1, 0.4), (0.5, 1)]],
    "round heart": [[(0.5, 1), *arc((0.27, 0.28), (0.25, 0.25), 0.8 * np.pi, 2 * np.pi), (0.5, 0.3),
                     *arc((0.73, 0.28), (0.25, 0.25), np.pi, 2.2 * np.pi), (0.5, 1)]],
    "star": [[TIPS[k] for k in (0, 2, 4, 1, 3, 0)]],
    "arrow": [[(0, 0.5), (1, 0.5)], [(0.7, 0.2), (1, 0.5), (0.7, 0.8)]],
    "smiley": [arc((0.5, 0.5), (0.5, 0.5), 0, TAU, 32), [(0.33, 0.35)], [(0.67, 0.35)],
               arc((0.5, 0.55), (0.28, 0.22), 0.15 * np.pi, 0.85 * np.pi, 12)],
    "house": [[(0.1, 0.45), (0.1, 1), (0.9, 1), (0.9, 0.45), (0.1, 0.45)], [(0, 0.5), (0.5, 0), (1, 0.5)]],
    "sun": [arc((0.5, 0.5), (0.22, 0.22), 0, TAU),
            *[[(0.5 + 0.3 * np.cos(a), 0.5 + 0.3 * np.sin(a)), (0.5 + 0.5 * np.cos(a), 0.5 + 0.5 * np.sin(a))]
              for a in np.linspace(0, TAU, 8, endpoint=False)]],
    "hash": [[(0.35, 0), (0.3, 1)], [(0.7, 0), (0.65, 1)], [(0, 0.33), (1, 0.33)], [(0, 0.67), (1, 0.67)]],
    "plus": [[(0.5, 0), (0.5, 1)], [(0, 0.5), (1, 0.5)]],
    "tick": [[(0, 0.55), (0.35, 1), (1, 0)]],
    "lightning": [[(0.6, 0), (0.2, 0.55), (0.7, 0.45), (0.35, 1)]],
    "stick figure": [arc((0.5, 0.12), (0.12, 0.12), 0, TAU), [(0.5, 0.24), (0.5, 0.65)], [(0.15, 0.4), (0.85, 0.4)],
                     [(0.2, 1), (0.5, 0.65), (0.8, 1)]],
    "tally": [*[[(x, 0), (x, 1)] for x in (0, 0.33, 0.67, 1)], [(-0.1, 0.8), (1.1, 0.2)]],
    "infinity": [list(zip(0.5 + 0.5 * np.cos(EIGHT), 0.5 + 0.35 * np.sin(2 * EIGHT), strict=True))],
    "cloud": [[*BUMPS, (0.98, 0.7), (0.02, 0.7), BUMPS[0]]],
}  # fmt: skip
DOODLES = {**{f"letter {letter}": paths for letter, paths in LETTERS.items()}, **PICTURES}


def by_hand(paths: list[list], size: float, rng: np.random.Generator) -> list[np.ndarray]:
    """Unit-box pen paths -> strokes in canvas px, about `size` px across, as a hand draws them."""
    aspect, turn = rng.uniform(0.65, 1.5), np.radians(rng.uniform(-15, 15))
    rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    matrix = rotation @ np.array([[aspect, rng.uniform(-0.2, 0.2)], [0, 1 / aspect]])
    strokes = []
    for path in paths:
        points = np.asarray(path, np.float64)[:: 1 if rng.random() < 0.5 else -1]
        if len(points) > 1:  # a point every few px along the path, wobbling as a hand does, ending where it should
            along = np.r_[0, np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))]
            steps = np.linspace(0, along[-1], max(2, int(along[-1] * size / POINT_EVERY)))
            points = np.stack([np.interp(steps, along, points[:, i]) for i in (0, 1)], axis=1)
            wobble = np.cumsum(rng.normal(0, 0.004, points.shape), axis=0)
            points += wobble - np.linspace(0, 1, len(points))[:, None] * wobble[-1]
        strokes.append((points - 0.5) @ matrix.T * size)
    low, high = np.concatenate(strokes).min(axis=0), np.concatenate(strokes).max(axis=0)
    scale = min(1.0, (CANVAS_SIZE - 2 * EDGE) / max(float((high - low).max()), 1e-6))  # never off the canvas
    corner = [rng.uniform(EDGE, max(EDGE, CANVAS_SIZE - EDGE - extent)) for extent in (high - low) * scale]
    return [(stroke - low) * scale + corner for stroke in strokes]


def doodles(group: str, count: int, seed: int | None = None) -> list[tuple[str, list[np.ndarray]]]:
    """`count` doodles, each picture as likely, drawn by `group`'s hands (or `seed`'s): [("letter A", strokes), ...]."""
    rng = np.random.default_rng(SEEDS[group] if seed is None else seed)
    names = list(DOODLES)
    drawn = []
    for _ in range(count):
        name = names[int(rng.integers(len(names)))]
        drawn.append((name, by_hand(DOODLES[name], float(rng.uniform(0.3, 0.9) * CANVAS_SIZE), rng)))
    return drawn
