"""NearestMarked against the scan it replaces."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

from tui.engine.util import nearest
from tui.engine.util.nearest import NearestMarked


def test_doctests() -> None:
    assert doctest.testmod(nearest).failed == 0


@given(st.lists(st.booleans(), max_size=40), st.integers(min_value=-3, max_value=45))
def test_answers_what_a_scan_finds(marked: list[bool], i: int) -> None:
    index = NearestMarked(marked)
    before = [k for k in range(len(marked)) if marked[k] and k <= i]
    after = [k for k in range(len(marked)) if marked[k] and k >= i]
    assert index.at_or_before(i) == (before[-1] if before else None)
    assert index.at_or_after(i) == (after[0] if after else None)
