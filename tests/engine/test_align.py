"""The bead DP, driven by toy scorers so every outcome is known in advance."""

from __future__ import annotations

import numpy as np
import pytest

from tui.engine.align.dp import SMALL_PROBLEM, AlignParams, align


class ConcatScorer:
    """Spans translate each other when their concatenated letters are equal."""

    def __init__(self, source: list[str], target: list[str]) -> None:
        self.source, self.target = source, target

    def score(self, a0, a1, b0, b1) -> np.ndarray:
        out = []
        for x, y, u, v in zip(a0, a1, b0, b1, strict=True):
            same = "".join(self.source[x:y]) == "".join(self.target[u:v])
            out.append(6.0 if same else -20.0)
        return np.array(out)

    def anchor_pairs(self) -> list[tuple[int, int]]:
        return [
            (i, j)
            for i, s in enumerate(self.source)
            for j, t in enumerate(self.target)
            if s == t and len(s) > 3
        ]

    def focus(self, first, last) -> None:
        pass

    def window(self, s0, s1, t0, t1):
        return ConcatScorer(self.source[s0:s1], self.target[t0:t1])


def beads_of(source: list[str], target: list[str], **kw) -> list[tuple[tuple, tuple]]:
    beads = align(len(source), len(target), ConcatScorer(source, target), **kw)
    return [(b.source, b.target) for b in beads]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # plain 1-1 run
        (["a", "b"], ["a", "b"], [((0,), (0,)), ((1,), (1,))]),
        # a target segment with no counterpart (0-1)
        (["a", "b"], ["a", "x", "b"], [((0,), (0,)), ((), (1,)), ((1,), (2,))]),
        # a source segment with no counterpart (1-0)
        (["a", "y", "b"], ["a", "b"], [((0,), (0,)), ((1,), ()), ((2,), (1,))]),
        # one source sentence split in two (1-2) and two merged into one (2-1)
        (["ab", "c", "d"], ["a", "b", "cd"], [((0,), (0, 1)), ((1, 2), (2,))]),
        # 1-3 and 3-1
        (["abc", "d", "e", "f"], ["a", "b", "c", "def"], [((0,), (0, 1, 2)), ((1, 2, 3), (3,))]),
        # 2-2: no smaller bead pairs anything
        (["ab", "cd"], ["abc", "d"], [((0, 1), (0, 1))]),
    ],
)
def test_bead_types(source, target, expected):
    assert beads_of(source, target) == expected


def test_every_segment_in_exactly_one_bead_and_monotone():
    rng = np.random.default_rng(3)
    source = [f"s{k}" for k in range(40)]
    target = [s for s in source if rng.random() > 0.2]
    target.insert(5, "extra1")
    target.insert(20, "extra2")
    beads = align(len(source), len(target), ConcatScorer(source, target))
    assert [i for b in beads for i in b.source] == list(range(len(source)))
    assert [j for b in beads for j in b.target] == list(range(len(target)))
    dropped = {source[i] for b in beads if not b.target for i in b.source}
    assert dropped == set(source) - set(target)


def test_banded_search_follows_a_large_offset():
    """300 target-only segments at the start push the path far off the length diagonal."""
    source = [f"para{k:04d}" for k in range(600)]
    target = [f"junk{k:04d}" for k in range(300)] + source
    params = AlignParams(half_width=20)
    assert len(source) * len(target) > SMALL_PROBLEM
    beads = align(len(source), len(target), ConcatScorer(source, target), params=params)
    pairs = [(b.source, b.target) for b in beads if b.source and b.target]
    assert pairs == [((i,), (i + 300,)) for i in range(600)]


def test_empty_side_gives_one_sided_beads():
    beads = align(0, 2, ConcatScorer([], ["a", "b"]))
    assert [(b.source, b.target) for b in beads] == [((), (0,)), ((), (1,))]


def test_cancellation_stops_the_dp():
    from tui.engine.errors import ComparisonCancelled

    source = [f"s{k}" for k in range(300)]
    with pytest.raises(ComparisonCancelled):
        align(300, 300, ConcatScorer(source, source), cancelled=lambda: True)
