"""How sure a measured share is: the 95% interval printed beside every accuracy.

In: successes out of trials. Out: the Wilson score interval, and the share written with it.
"""

from __future__ import annotations

import numpy as np


def wilson_interval(successes: float, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a share: 1,500 numbers read 97% right give 96.0-97.8%, 300 give 94.4-98.4%."""
    share, spread = successes / trials, z * z / trials
    centre = (share + spread / 2) / (1 + spread)
    half = z * np.sqrt(share * (1 - share) / trials + spread / (4 * trials)) / (1 + spread)
    return max(0.0, float(centre - half)), min(1.0, float(centre + half))  # 0 of 60 is not "-0.0%"


def with_interval(successes: float, trials: int) -> str:
    """'98.40% (97.6-98.9%)': the share and its 95% interval, for printing."""
    low, high = wilson_interval(successes, trials)
    return f"{successes / trials:.2%} ({low:.1%}-{high:.1%})"


def grid_share(correct: list[np.ndarray]) -> tuple[float, int]:
    """Each digit drawn once per condition of a grid: (digits right, averaged over the conditions; digits). The mean's
    interval counts each digit once, not once per condition, as one writer's digit drawn 18 ways is one piece of
    evidence, not 18: read by its strokes it is the same drawing every time."""
    return float(np.mean(correct, axis=0).sum()), len(correct[0])
