"""The bead DP, driven by toy scorers so every outcome is known in advance."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.align.dp import (
    SMALL_PROBLEM,
    AlignParams,
    BeadType,
    _band_starts,
    _expected_path,
    _flipped_if_cheaper,
    _run_dp,
    align,
    align_small,
    align_small_together,
    align_whole_tables,
    small_candidates,
    whole_table,
)


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


@pytest.mark.parametrize("flip", [False, True])
def test_one_side_many_times_longer_finds_its_pairs(flip):
    """40 segments found inside 3,000 (one paragraph against a whole article): the band is
    laid with the short side as rows, each row as wide as its climb, and finds the pairs the
    whole table finds."""
    rng = np.random.default_rng(5)
    long = [f"x{k:05d}" for k in range(3000)]
    starts = sorted(rng.choice(np.arange(100, 2900), size=4, replace=False))
    short = [long[s + k] for s in starts for k in range(10)]
    short[10:10] = ["only here", "and here"]  # between two runs: one-sided on both sides
    source, target = (short, long) if flip else (long, short)
    scorer = ConcatScorer(source, target)
    beads = align(len(source), len(target), scorer)
    whole = align(len(source), len(target), scorer, params=AlignParams(half_width=10**6))
    # the same beads in the same order, one-sided runs included
    assert [(b.source, b.target) for b in beads] == [(b.source, b.target) for b in whole]
    pairs = [(b.source, b.target) for b in beads if b.source and b.target]
    assert len(pairs) == 40
    assert [i for b in beads for i in b.source] == list(range(len(source)))
    assert [j for b in beads for j in b.target] == list(range(len(target)))


@pytest.mark.parametrize("flip", [False, True])
@pytest.mark.parametrize("where", ["start", "end"])
def test_short_side_at_one_end_of_the_long_side(flip, where):
    """40 segments that are the first (or last) 40 of 3,000: the expected path climbs the
    rest of the long side in one row, the only wide row of a ragged band (kept at each row's
    own width), and the beads are the whole table's."""
    long = [f"x{k:05d}" for k in range(3000)]
    short = long[:40] if where == "start" else long[-40:]
    short[20:20] = ["only here"]
    source, target = (short, long) if flip else (long, short)
    scorer = ConcatScorer(source, target)
    beads = align(len(source), len(target), scorer)
    whole = align(len(source), len(target), scorer, params=AlignParams(half_width=10**6))
    assert [(b.source, b.target) for b in beads] == [(b.source, b.target) for b in whole]
    assert sum(1 for b in beads if b.source and b.target) == 40


def test_transposed_search_keeps_each_measured_shape_on_its_side():
    """A document's measured costs allow 2-1 beads (two source segments, one target) and not
    1-2: the DP run with the target's segments as rows must search the same shapes, turned
    round, and find the merged pairs the whole (untransposed) table finds."""
    long = [f"x{k:05d}" for k in range(3000)]
    short = [long[k] for k in range(1500, 1540)]
    short[20:22] = [long[1520] + long[1521]]  # two source segments in one target segment
    short[10:12] = [long[1510] + long[1511]]
    scorer = ConcatScorer(long, short)
    measured = {BeadType.ONE_ONE: 0.0, BeadType.TWO_ONE: 0.5}  # no 1-2
    params = AlignParams(measured=measured)
    flipped = _flipped_if_cheaper(len(long), len(short), scorer, params, None)
    assert flipped is not None  # the short side as rows
    whole = align(
        len(long), len(short), scorer, params=AlignParams(measured=measured, half_width=10**6)
    )
    assert [(b.source, b.target) for b in flipped] == [(b.source, b.target) for b in whole]
    merged = [(b.source, b.target) for b in flipped if len(b.source) == 2]
    assert merged == [((1510, 1511), (10,)), ((1520, 1521), (19,))]


def test_empty_side_gives_one_sided_beads():
    beads = align(0, 2, ConcatScorer([], ["a", "b"]))
    assert [(b.source, b.target) for b in beads] == [((), (0,)), ((), (1,))]


def test_cancellation_stops_the_dp():
    from tui.engine.errors import ComparisonCancelled

    source = [f"s{k}" for k in range(300)]
    with pytest.raises(ComparisonCancelled):
        align(300, 300, ConcatScorer(source, source), cancelled=lambda: True)


# --- the banded DP's row minimum against the shape-by-shape loop it replaced -----------------


class TableScorer:
    """Scores drawn from a few values by a hash of the span pair: many exact ties."""

    def __init__(self, values: list[float]) -> None:
        self.values = np.array(values)

    def score(self, a0, a1, b0, b1) -> np.ndarray:
        return self.values[(a0 * 7 + a1 * 13 + b0 * 17 + b1 * 19) % len(self.values)]

    def anchor_pairs(self) -> list[tuple[int, int]]:
        return []

    def focus(self, first, last) -> None:
        pass


def shape_by_shape_dp(n, m, scorer, lo, width, params):
    """The DP's former row loop: each shape in turn replaces the cells it beats."""
    beads = params.beads
    ring = max(b.source_count for b in beads) + 1
    cost = np.full((ring, width), np.inf)
    cost[0, 0] = 0.0
    back = np.full((n + 1, width), -1, dtype=np.int8)
    offset = np.arange(width) * params.skip
    for i in range(n + 1):
        row_cost = np.full(width, np.inf) if i else cost[0].copy()
        k_end = min(width, m - int(lo[i]) + 1)
        for t, bead in enumerate(beads):
            a, b = bead.value
            if a == 0 or a > i:
                continue
            for k in range(max(0, b - int(lo[i])), k_end):
                j, previous = int(lo[i]) + k, k + int(lo[i]) - b - int(lo[i - a])
                if not 0 <= previous < width:
                    continue
                step = params.skip * (a + b)
                if b:
                    span = np.array([[i - a], [i], [j - b], [j]])
                    step = params.prior[bead] - float(scorer.score(*span)[0])
                candidate = cost[(i - a) % ring][previous] + step
                if candidate < row_cost[k]:
                    row_cost[k], back[i, k] = candidate, t
        row_cost[k_end:] = np.inf
        running = np.minimum.accumulate(row_cost - offset) + offset
        improved = running < row_cost - 1e-12
        row_cost[improved] = running[improved]
        back[i][improved] = beads.index(BeadType.INSERTION)
        cost[i % ring] = row_cost
    path, i, k = [], n, m - int(lo[n])
    while i > 0 or lo[i] + k > 0:
        a, b = beads[int(back[i, k])].value
        j = int(lo[i]) + k
        path.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, k = i - a, j - b - int(lo[i - a])
    return path[::-1]


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(1, 30),
    m=st.integers(1, 30),
    half=st.integers(1, 8),
    values=st.lists(st.sampled_from([-4.0, 0.0, 2.5, 3.5, 6.0]), min_size=1, max_size=6),
    chunk_rows=st.sampled_from([4, 256]),  # several chunks, or one whose scores are kept
)
def test_row_minimum_picks_what_the_shape_loop_picked(n, m, half, values, chunk_rows):
    scorer, params = TableScorer(values), AlignParams(half_width=half, chunk_rows=chunk_rows)
    center = _expected_path(n, m, [])
    lower = np.concatenate([[0.0], center[:-1]])
    climb = int(np.ceil((center - lower).max(initial=0.0)))
    width = min(m + 1, 2 * half + 1 + climb)
    lo = _band_starts(lower, width, m, half)
    expected = shape_by_shape_dp(n, m, scorer, lo, width, params)
    path, _ = _run_dp(n, m, scorer, lo, width, params, None)
    assert [(b.source, b.target) for b in path] == expected
    for bead in path:  # each two-sided bead carries its own score, one-sided ones none
        if bead.source and bead.target:
            span = [
                [bead.source[0]],
                [bead.source[-1] + 1],
                [bead.target[0]],
                [bead.target[-1] + 1],
            ]
            assert bead.score == scorer.score(*np.array(span))[0]
        else:
            assert np.isnan(bead.score)


def test_lexical_scores_do_not_depend_on_what_is_asked_with_them():
    """The DP asks every shape's cells in one call: a pair's score must be the same alone."""
    from tui.engine.scoring.lexical import LexicalScorer

    source = [
        "Der Bergführer stieg 1957 auf 4.478 Meter.",
        "Am Abend kehrte die Seilschaft zurück.",
        "Das Wetter war schlecht.",
        "Im Juli 1957 fiel Schnee.",
    ]
    target = [
        "Le guide monta en 1957 à 4478 mètres.",
        "Le soir, la cordée rentra.",
        "Il faisait mauvais temps.",
        "En juillet 1957, il neigea.",
        "Fin.",
    ]
    scorer = LexicalScorer().prepare(source, target)
    spans = np.array(
        [
            (i - a, i, j - b, j)
            for a in (1, 2, 3)
            for b in (1, 2)
            for i in range(a, 5)
            for j in range(b, 6)
        ]
    )
    together = scorer.score(*spans.T)
    alone = np.concatenate([scorer.score(*row[:, None]) for row in spans])
    assert together.tobytes() == alone.tobytes()


def test_priors_extrapolate_many_to_many_shapes_only_for_a_scorer_that_places_boundaries():
    from collections import Counter

    from tui.engine.align.dp import AlignParams, BeadType
    from tui.engine.align.priors import document_params

    novel = Counter(
        {
            BeadType.ONE_ONE: 100,
            BeadType.ONE_TWO: 40,
            BeadType.ONE_THREE: 12,
            BeadType.TWO_ONE: 20,
            BeadType.TWO_TWO: 12,
        }
    )
    with_them = document_params(novel, AlignParams()).beads
    without = document_params(novel, AlignParams(), many_to_many=False).beads
    assert BeadType.TWO_THREE in with_them
    assert BeadType.TWO_THREE not in without
    assert BeadType.THREE_TWO not in without
    # shapes one side of which is a single segment, and those the first pass searched, stay
    assert BeadType.ONE_FOUR in without
    assert BeadType.TWO_TWO in without


# --- whole tables filled together against one align call each ----------------------------------


class StackedTableScorer:
    """TableScorer's scores of problems laid end to end, each followed by one empty segment
    on each side (align_whole_tables' layout): a span scores by its local coordinates."""

    def __init__(self, values: list[float], sizes: list[tuple[int, int]]) -> None:
        self.table = TableScorer(values)
        self.source_base = np.cumsum([0] + [n + 1 for n, _ in sizes])
        self.target_base = np.cumsum([0] + [m + 1 for _, m in sizes])

    def score(self, a0, a1, b0, b1) -> np.ndarray:
        problem = np.searchsorted(self.source_base, a0, side="right") - 1
        assert (np.searchsorted(self.target_base, b0, side="right") - 1 == problem).all()
        s, t = self.source_base[problem], self.target_base[problem]
        return self.table.score(a0 - s, a1 - s, b0 - t, b1 - t)

    def focus(self, first, last) -> None:
        pass


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(
        st.tuples(st.integers(1, 24), st.integers(1, 24)).filter(lambda p: p[0] * p[1] > 64),
        min_size=1,
        max_size=12,
    ),
    values=st.lists(st.sampled_from([-4.0, 0.0, 2.5, 3.5, 6.0]), min_size=1, max_size=6),
    max_cells=st.sampled_from([50, 2000, 100_000]),  # one problem a group, a few, all
)
def test_whole_tables_together_give_each_tables_own_path(sizes, values, max_cells):
    params = AlignParams()
    assert all(whole_table(n, m, params) for n, m in sizes)
    stacked = StackedTableScorer(values, sizes)
    together = align_whole_tables(sizes, stacked, params, max_cells=max_cells)
    for (n, m), path in zip(sizes, together, strict=True):
        alone = align(n, m, TableScorer(values), params=params)
        assert [(b.source, b.target) for b in path] == [(b.source, b.target) for b in alone]
        assert np.array([b.score for b in path]).tobytes() == (
            np.array([b.score for b in alone]).tobytes()
        )


def test_stacked_lexical_windows_score_as_each_window():
    """A span of a stacked window scores bit for bit as the window alone scores it."""
    from tui.engine.scoring.lexical import LexicalScorer

    source = [f"Im Jahr {1900 + k} stieg Bergführer {k % 7} auf {k * 37} Meter." for k in range(40)]
    target = [f"En {1900 + k}, le guide {k % 5} monta à {k * 37} mètres." for k in range(45)]
    scorer = LexicalScorer().prepare(source, target)
    blocks = [(0, 9, 0, 11), (9, 9, 11, 12), (9, 30, 12, 30), (30, 40, 30, 45)]
    stacked = scorer.stacked_windows(blocks)
    s_base = t_base = 0
    for s0, s1, t0, t1 in blocks:
        window = scorer.window(s0, s1, t0, t1)
        spans = np.array(
            [
                (i - a, i, j - b, j)
                for a in (1, 2, 3)
                for b in (1, 2, 3)
                for i in range(a, s1 - s0 + 1)
                for j in range(b, t1 - t0 + 1)
            ],
            dtype=np.int64,
        ).reshape(-1, 4)
        if len(spans):
            shifted = spans + np.array([s_base, s_base, t_base, t_base])
            assert stacked.score(*shifted.T).tobytes() == window.score(*spans.T).tobytes()
        s_base, t_base = s_base + s1 - s0 + 1, t_base + t1 - t0 + 1


def test_align_windows_gives_each_windows_own_path_small_and_large():
    """align_windows solves small windows together (one call for every bead of them) and
    whole tables together: each window's beads and scores are bit for bit align's on it."""
    from tui.engine.align.dp import align_windows
    from tui.engine.scoring.lexical import LexicalScorer

    source = [f"Im Jahr {1900 + k} stieg Bergführer {k % 7} auf {k * 37} Meter." for k in range(60)]
    target = [f"En {1900 + k}, le guide {k % 5} monta à {k * 37} mètres." for k in range(66)]
    scorer = LexicalScorer().prepare(source, target)
    params = AlignParams()
    # 1 x 1, 2 x 3, 3 x 2, 8 x 8 (the largest small one), 4 x 1, and two larger tables
    blocks = [(0, 1, 0, 1), (1, 3, 1, 4), (3, 6, 4, 6), (6, 14, 6, 14), (14, 18, 14, 15)]
    blocks += [(18, 30, 15, 28), (30, 60, 28, 66)]
    assert any((s1 - s0) * (t1 - t0) <= SMALL_PROBLEM for s0, s1, t0, t1 in blocks)
    together = align_windows(blocks, scorer, params)
    for (s0, s1, t0, t1), (_, path) in zip(blocks, together, strict=True):
        alone = align(s1 - s0, t1 - t0, scorer.window(s0, s1, t0, t1), params=params)
        assert [(b.source, b.target) for b in path] == [(b.source, b.target) for b in alone]
        assert np.array([b.score for b in path]).tobytes() == (
            np.array([b.score for b in alone]).tobytes()
        )


def test_lexical_scores_do_not_depend_on_what_else_is_asked():
    """A span pair's score is the same asked alone, with others of its shape, or mixed with
    other shapes in any order (the aligner and the detectors batch their questions)."""
    from tui.engine.scoring.lexical import LexicalScorer

    source = [f"Im Jahr {1900 + k} stieg Bergführer {k % 7} auf {k * 37} Meter." for k in range(30)]
    target = [f"En {1900 + k}, le guide {k % 5} monta à {k * 37} mètres." for k in range(33)]
    scorer = LexicalScorer().prepare(source, target)
    spans = np.array(
        [
            (i - a, i, j - b, j)
            for a, b in ((1, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
            for i in range(a, 31, 3)
            for j in range(b, 34, 4)
        ],
        dtype=np.int64,
    )
    by_shape = scorer.score(*spans.T)  # shape by shape, as the aligner asks
    shuffled = np.random.default_rng(0).permutation(len(spans))
    mixed = np.empty(len(spans))
    mixed[shuffled] = scorer.score(*spans[shuffled].T)
    alone = np.array([scorer.score(*row[:, None])[0] for row in spans])
    assert by_shape.tobytes() == mixed.tobytes() == alone.tobytes()


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 8),
    m=st.integers(1, 8),
    draws=st.lists(st.sampled_from([-4.0, 0.0, 2.5, 3.5, 6.0, float("nan")]), min_size=1),
    problems=st.integers(1, 5),
)
def test_small_problems_together_give_each_ones_own_path(n, m, draws, problems):
    params = AlignParams()
    keys = small_candidates(n, m, params)
    # many exact ties, and a score that is not a number now and then
    table = np.array(
        [[draws[(p * 31 + c * 7) % len(draws)] for c in range(len(keys))] for p in range(problems)]
    )
    together = align_small_together(n, m, table, params)
    for p, path in enumerate(together):
        alone = align_small(n, m, dict(zip(keys, table[p].tolist(), strict=True)), params)
        assert [(b.source, b.target) for b in path] == [(b.source, b.target) for b in alone]
        assert np.array([b.score for b in path]).tobytes() == (
            np.array([b.score for b in alone]).tobytes()
        )
