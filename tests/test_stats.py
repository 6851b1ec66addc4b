"""The 95% interval (digitpad.stats) against SciPy's Wilson interval, and never outside 0-100%."""

from __future__ import annotations

import pytest
from scipy.stats import binomtest

from digitpad.stats import wilson_interval, with_interval


@pytest.mark.parametrize(("successes", "trials"), [(0, 60), (1, 60), (46, 60), (1455, 1500), (60, 60), (5, 7)])
def test_the_interval_is_scipys_wilson_interval(successes, trials):
    reference = binomtest(successes, trials).proportion_ci(confidence_level=0.95, method="wilson")
    assert wilson_interval(successes, trials) == pytest.approx((reference.low, reference.high), abs=1e-4)


def test_none_right_or_all_right_prints_no_share_outside_0_to_100():
    assert with_interval(0, 60) == "0.00% (0.0%-6.0%)"
    assert with_interval(60, 60) == "100.00% (94.0%-100.0%)"
