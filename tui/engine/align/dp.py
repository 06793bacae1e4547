"""Monotone alignment of two segment sequences by dynamic programming over beads.

A bead pairs ``a`` consecutive source segments with ``b`` consecutive target segments
(1-1, 1-0, 0-1, 1-2, 2-1, 2-2, 1-3, 3-1). The table is searched only inside a band around
an expected path, so work and memory grow linearly with document length. The expected path
runs through anchor pairs (segments sharing a rare word or number) and is re-centred on the
found path when the path runs along the band's edge. The scorer is a parameter: the DP only
knows bead costs.

>>> class Toy:  # equal strings are translations, anything else is not
...     def __init__(self, s, t): self.s, self.t = s, t
...     def score(self, a0, a1, b0, b1):
...         import numpy as np
...         return np.array([4.0 if self.s[x:y] == self.t[u:v] else -4.0
...                          for x, y, u, v in zip(a0, a1, b0, b1)])
...     def anchor_pairs(self): return []
...     def focus(self, first, last): pass
>>> beads = align(3, 4, Toy("abc", "axbc"))
>>> [(b.source, b.target) for b in beads]
[((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,))]
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

import numpy as np

from tui.engine.errors import ComparisonCancelled
from tui.engine.scoring.base import SpanScorer, StackedWindows
from tui.engine.tuning import AlignTuning


class BeadType(Enum):
    """How many source and target segments a bead takes."""

    ONE_ONE = (1, 1)
    DELETION = (1, 0)  # source segment with no counterpart
    INSERTION = (0, 1)  # target segment with no counterpart
    ONE_TWO = (1, 2)
    TWO_ONE = (2, 1)
    TWO_TWO = (2, 2)
    ONE_THREE = (1, 3)
    THREE_ONE = (3, 1)
    # Free translation splits one sentence into up to five (a novel's 1-4 and 1-5 links):
    # these shapes are searched only where a document's own links call for them (priors).
    TWO_THREE = (2, 3)
    THREE_TWO = (3, 2)
    ONE_FOUR = (1, 4)
    FOUR_ONE = (4, 1)
    ONE_FIVE = (1, 5)
    FIVE_ONE = (5, 1)

    @property
    def source_count(self) -> int:
        return self.value[0]

    @property
    def target_count(self) -> int:
        return self.value[1]

    @property
    def one_sided(self) -> bool:
        return self.source_count == 0 or self.target_count == 0


@functools.lru_cache(maxsize=64)
def generic_priors(tuning: AlignTuning) -> Mapping[BeadType, float]:
    """Costs of two-sided shapes before a document says otherwise (``tuning.shape_costs``);
    a shape left out (or given an infinite cost) is not searched."""
    return MappingProxyType({BeadType(shape): cost for shape, cost in tuning.shape_costs})


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Costs of the DP, from ``tuning`` (tui.engine.tuning: ``skip`` per segment left
    without counterpart, the shapes' generic costs), and how widely it searches (speed
    only). ``prior`` is added to a two-sided bead's negated score: the costs a document
    measured (``measured``, align/priors.py), else the generic ones; the shapes it lists with
    a finite cost are the two-sided shapes searched."""

    tuning: AlignTuning = field(default_factory=AlignTuning)
    measured: Mapping[BeadType, float] | None = None
    half_width: int = 40  # band half-width in target segments, before widening
    chunk_rows: int = 256  # bead costs are computed this many rows at a time

    @property
    def skip(self) -> float:
        return self.tuning.skip

    @property
    def prior(self) -> Mapping[BeadType, float]:
        return generic_priors(self.tuning) if self.measured is None else self.measured

    @property
    def beads(self) -> list[BeadType]:
        """Every shape the DP tries: the one-sided ones and the two-sided ones with a cost."""
        return list(_searched(tuple(self.prior.items())))

    @property
    def shapes(self) -> tuple[tuple[int, int], ...]:
        """``beads`` as (source count, target count): an Enum's value is slow to read."""
        return _searched_shapes(tuple(self.prior.items()))

    @property
    def widest(self) -> int:
        """The most segments a bead of these shapes takes on one side."""
        return max(max(bead.value) for bead in self.beads)


@functools.lru_cache(maxsize=64)
def _searched(prior: tuple[tuple[BeadType, float], ...]) -> tuple[BeadType, ...]:
    costs = dict(prior)
    return tuple(b for b in BeadType if b.one_sided or math.isfinite(costs.get(b, math.inf)))


@functools.lru_cache(maxsize=64)
def _searched_shapes(prior: tuple[tuple[BeadType, float], ...]) -> tuple[tuple[int, int], ...]:
    return tuple(bead.value for bead in _searched(prior))


@dataclass(frozen=True, slots=True)
class Bead:
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float  # the scorer's log-odds; nan for one-sided beads


def align(
    n_source: int,
    n_target: int,
    scorer: SpanScorer,
    *,
    params: AlignParams | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Bead]:
    """Best monotone bead sequence covering ``range(n_source)`` and ``range(n_target)``."""
    params = params or AlignParams()
    if n_source == 0 or n_target == 0:
        return [Bead((i,), (), float("nan")) for i in range(n_source)] + [
            Bead((), (j,), float("nan")) for j in range(n_target)
        ]
    if n_source * n_target <= SMALL_PROBLEM:
        return _align_small(n_source, n_target, scorer, params)
    if n_source > n_target:
        flipped = _flipped_if_cheaper(n_source, n_target, scorer, params, cancelled)
        if flipped is not None:
            return flipped
    half = params.half_width
    # a band as wide as the table needs no expected path (every row starts at column 0)
    wide = 2 * half >= n_target
    center = _expected_path(n_source, n_target, [] if wide else scorer.anchor_pairs())
    return _align_banded(n_source, n_target, scorer, center, params, cancelled)


def _align_banded(
    n_source: int,
    n_target: int,
    scorer: SpanScorer,
    center: np.ndarray,
    params: AlignParams,
    cancelled: Callable[[], bool] | None,
) -> list[Bead]:
    """The DP in a band around ``center`` (the expected target position of each row),
    re-centred on the path and twice as wide while the path runs along its edge."""
    half = params.half_width
    # a ragged band's attempts share most of their cells: each scored once
    remembered = _Remembered(scorer, n_target, params.widest)
    for _attempt in range(4):
        lo, width, widths = _band(center, n_target, half)
        if widths is None:
            path, touches_edge = _run_dp(n_source, n_target, scorer, lo, width, params, cancelled)
        else:
            path, touches_edge = _run_ragged_dp(
                n_source, n_target, remembered, lo, widths, params, cancelled
            )
        if not touches_edge or (widths is None and width == n_target + 1):
            break
        if widths is not None and bool((widths == n_target + 1).all()):
            break
        remembered.keep()  # only before a wider band: sorting the scores is 3-4 times their size
        center = _path_center(path, n_source)
        half *= 2
    return path


def _band(center: np.ndarray, m: int, half: int) -> tuple[np.ndarray, int, np.ndarray | None]:
    """Each row's first band column, the band's width, and each row's own width where the
    band is ragged (else None).

    A row's band must hold the path's climb from the previous row (target-only runs); every
    path enters row 0 at column 0, also when a re-centred path leaves it further on. One width
    for every row is the widest climb's: where that is more than twice the cells of each row
    holding its own climbs only (the expected path climbs in a few steep places: one side much
    longer than the other, a long run only in one version), each row gets its own width. A
    ragged band lies inside the even one (speed only: a factor of two keeps every ordinary
    table, whose climbs are alike, on the even band).
    """
    lower = np.concatenate([[0.0], center[:-1]])
    climbs = np.ceil(np.maximum(center - lower, 0.0))
    climb = int(climbs.max(initial=0.0))
    width = min(m + 1, 2 * half + 1 + climb)
    # a ragged row holds its own climb and the next row's: the path may take a jump that the
    # expected path shares between two rows (anchors sit half a segment in) on either row
    both = climbs + np.concatenate([climbs[1:], [0.0]])
    widths = np.minimum(m + 1, 2 * half + 1 + both.astype(np.int64))
    if 2 * int(widths.sum()) > len(center) * width:
        return _band_starts(lower, width, m, half), width, None
    lo = np.clip(np.floor(lower).astype(np.int64) - half, 0, m + 1 - widths)
    return lo, int(widths.max()), widths


def _band_cells(center: np.ndarray, m: int, half: int) -> int:
    """Cells of the band ``_band`` lays around ``center``."""
    _, width, widths = _band(center, m, half)
    return len(center) * width if widths is None else int(widths.sum())


def _flipped_if_cheaper(
    n: int,
    m: int,
    scorer: SpanScorer,
    params: AlignParams,
    cancelled: Callable[[], bool] | None,
) -> list[Bead] | None:
    """``align``'s beads found with the target's segments as the rows, where that band has
    at most half the cells of the band with the source's as rows (one side much longer than
    the other: its segments as columns, the band of a flat stretch of the path is a few
    cells a row, not ``2 * half_width + 1``); None otherwise (every ordinary table, whose
    bands are alike either way: speed only, the factor keeps them as they were).
    """
    half = params.half_width
    anchors = scorer.anchor_pairs()
    rows_source = _expected_path(n, m, [] if 2 * half >= m else anchors)
    rows_target = _expected_path(m, n, [] if 2 * half >= n else [(j, i) for i, j in anchors])
    if 2 * _band_cells(rows_target, n, half) > _band_cells(rows_source, m, half):
        return None
    swapped = AlignParams(
        tuning=params.tuning,
        measured={BeadType(bead.value[::-1]): cost for bead, cost in params.prior.items()},
        half_width=params.half_width,
        chunk_rows=params.chunk_rows,
    )
    path = _align_banded(m, n, _Transposed(scorer, n), rows_target, swapped, cancelled)
    return _insertions_first([Bead(bead.target, bead.source, bead.score) for bead in path])


def _insertions_first(path: list[Bead]) -> list[Bead]:
    """``path`` with each run of one-sided beads ordered as the untransposed DP orders it:
    target-only beads before source-only ones (every order of a run costs the same; the DP's
    ties put a row's deletions last, and a transposed DP's rows are the target's)."""
    out: list[Bead] = []
    run: list[Bead] = []
    for bead in [*path, None]:
        if bead is not None and not (bead.source and bead.target):
            run.append(bead)
            continue
        out += [b for b in run if not b.source] + [b for b in run if b.source]
        run = []
        if bead is not None:
            out.append(bead)
    return out


class _Remembered:
    """``scorer`` with the scores it gave kept (``keep`` after a DP that a wider band's
    follows: a DP asks each span pair once), so that the wider band's DP asks it only for
    span pairs new to it."""

    def __init__(self, scorer: SpanScorer, n_target: int, widest: int) -> None:
        self._scorer, self._columns, self._widest = scorer, n_target + 1, widest + 1
        self._keys = np.empty(0, dtype=np.int64)  # sorted
        self._values = np.empty(0)
        self._new: list[tuple[np.ndarray, np.ndarray]] = []

    def _key(self, a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray) -> np.ndarray:
        return ((a1 * self._columns + b1) * self._widest + (a1 - a0)) * self._widest + (b1 - b0)

    def score(self, a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray) -> np.ndarray:
        keys = self._key(a0, a1, b0, b1)
        out = np.empty(len(keys))
        at = np.minimum(np.searchsorted(self._keys, keys), max(len(self._keys) - 1, 0))
        known = self._keys[at] == keys if len(self._keys) else np.zeros(len(keys), dtype=bool)
        out[known] = self._values[at[known]]
        new = ~known
        if new.any():
            out[new] = self._scorer.score(a0[new], a1[new], b0[new], b1[new])
            self._new.append((keys[new], out[new]))
        return out

    def keep(self) -> None:
        """Add the scores given since the last call to those looked up."""
        if not self._new:
            return
        keys = np.concatenate([self._keys, *(k for k, _ in self._new)])
        values = np.concatenate([self._values, *(v for _, v in self._new)])
        self._keys, first = np.unique(keys, return_index=True)
        self._values = values[first]
        self._new = []

    def anchor_pairs(self) -> list[tuple[int, int]]:
        return self._scorer.anchor_pairs()

    def focus(self, first: np.ndarray, last: np.ndarray) -> None:
        self._scorer.focus(first, last)


class _Transposed:
    """``scorer`` with its sides swapped (the DP's rows its target segments), for ``align``."""

    def __init__(self, scorer: SpanScorer, n_source: int) -> None:
        self._scorer, self._n_source = scorer, n_source

    def score(self, a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray) -> np.ndarray:
        return self._scorer.score(b0, b1, a0, a1)

    def anchor_pairs(self) -> list[tuple[int, int]]:
        return [(j, i) for i, j in self._scorer.anchor_pairs()]

    def focus(self, first: np.ndarray, last: np.ndarray) -> None:
        """Each source segment meets the target segments whose band rows hold it."""
        n = self._n_source
        lo = np.full(n, len(first), dtype=np.int64)
        hi = np.zeros(n, dtype=np.int64)
        for j, (f, e) in enumerate(zip(first.tolist(), last.tolist(), strict=True)):
            if e > f:
                np.minimum(lo[f:e], j, out=lo[f:e])
                np.maximum(hi[f:e], j + 1, out=hi[f:e])
        lo[hi == 0] = 0
        self._scorer.focus(lo, hi)


SMALL_PROBLEM = 64  # cells; below this a plain table beats the banded machinery's overhead


def small_candidates(n: int, m: int, params: AlignParams) -> list[tuple[int, int, int, int]]:
    """Every two-sided bead (a, b, i, j) of an n x m problem: a source and b target
    segments ending at DP node (i, j), for the shapes ``params`` searches."""
    return [
        (a, b, i, j)
        for a, b in params.shapes
        if a and b
        for i in range(a, n + 1)
        for j in range(b, m + 1)
    ]


def _align_small(n: int, m: int, scorer: SpanScorer, params: AlignParams) -> list[Bead]:
    """The same DP without a band, with every bead scored in one vectorised call."""
    candidates = small_candidates(n, m, params)
    arr = np.array([(i - a, i, j - b, j) for a, b, i, j in candidates], dtype=np.int64)
    scores = scorer.score(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]).tolist()
    return align_small(n, m, dict(zip(candidates, scores, strict=True)), params)


def align_small(
    n: int, m: int, bead_score: dict[tuple[int, int, int, int], float], params: AlignParams
) -> list[Bead]:
    """Exact DP over a small table, given the score of every ``small_candidates`` bead.

    Lets a caller score the beads of many small problems in one vectorised call.
    """
    shapes = params.shapes
    prior = {bead.value: cost for bead, cost in params.prior.items()}
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            best, best_shape = cost[i][j], back[i][j]
            for a, b in shapes:
                if a > i or b > j:
                    continue
                step = prior[a, b] - bead_score[a, b, i, j] if a and b else params.skip * (a + b)
                total = cost[i - a][j - b] + step
                if total < best:
                    best, best_shape = total, (a, b)
            cost[i][j], back[i][j] = best, best_shape
    path: list[Bead] = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        score = bead_score[(a, b, i, j)] if a and b else float("nan")
        path.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), score))
        i, j = i - a, j - b
    path.reverse()
    return path


def whole_table(n: int, m: int, params: AlignParams) -> bool:
    """Does ``align`` search the whole n x m table, in one chunk (a band as wide as the
    table, no anchors asked), so that ``align_whole_tables`` gives its beads?"""
    return n * m > SMALL_PROBLEM and 2 * params.half_width >= m and n + 1 <= params.chunk_rows


def align_windows(
    blocks: Sequence[tuple[int, int, int, int]],
    scorer: SpanScorer,
    params: AlignParams,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> list[tuple[SpanScorer, list[Bead]]]:
    """``align`` on each window ``(src_start, src_end, tgt_start, tgt_end)`` of ``scorer``
    (both sides non-empty), with the window's scorer; the whole tables among them filled
    together when the scorer can stack its windows.

    A window whose table is searched whole is returned unfocused: it then meets every pair of
    its table, as ``align``'s DP focused it.
    """

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ComparisonCancelled

    whole: dict[int, list[Bead]] = {}
    if isinstance(scorer, StackedWindows):
        tables = [
            k for k, (s0, s1, t0, t1) in enumerate(blocks) if whole_table(s1 - s0, t1 - t0, params)
        ]
        if tables:
            stacked = scorer.stacked_windows([blocks[k] for k in tables])
            sizes = [(blocks[k][1] - blocks[k][0], blocks[k][3] - blocks[k][2]) for k in tables]
            whole = dict(
                zip(tables, align_whole_tables(sizes, stacked, params, check), strict=True)
            )
        # small problems (``align``'s plain table): every bead of all of them in one call
        small = [
            k for k, (s0, s1, t0, t1) in enumerate(blocks) if (s1 - s0) * (t1 - t0) <= SMALL_PROBLEM
        ]
        if small:
            stacked = scorer.stacked_windows([blocks[k] for k in small])
            sizes = [(blocks[k][1] - blocks[k][0], blocks[k][3] - blocks[k][2]) for k in small]
            check()
            whole.update(zip(small, _align_small_stacked(sizes, stacked, params), strict=True))
    out: list[tuple[SpanScorer, list[Bead]]] = []
    for k, (s0, s1, t0, t1) in enumerate(blocks):
        window = scorer.window(s0, s1, t0, t1)
        if k in whole:
            out.append((window, whole[k]))
        else:
            out.append(
                (window, align(s1 - s0, t1 - t0, window, params=params, cancelled=cancelled))
            )
    return out


def focus_stacked(sizes: Sequence[tuple[int, int]], scorer: SpanScorer) -> tuple[np.ndarray, ...]:
    """Focus a scorer of problems laid end to end (``align_whole_tables``) on each problem's
    whole table, as an unfocused window scorer meets its own; each problem's first source
    and target segment."""
    source_base = np.concatenate([[0], np.cumsum([n + 1 for n, _ in sizes])])
    target_base = np.concatenate([[0], np.cumsum([m + 1 for _, m in sizes])])
    first = np.zeros(int(source_base[-1]), dtype=np.int64)
    last = np.zeros_like(first)
    for k, (n, m) in enumerate(sizes):
        first[source_base[k] : source_base[k] + n] = target_base[k]
        last[source_base[k] : source_base[k] + n] = target_base[k] + m
    scorer.focus(first, last)
    return source_base, target_base


def _align_small_stacked(
    sizes: Sequence[tuple[int, int]], scorer: SpanScorer, params: AlignParams
) -> list[list[Bead]]:
    """``align``'s beads of many small problems (n, m), n * m <= ``SMALL_PROBLEM``, laid end
    to end in ``scorer`` as in ``align_whole_tables``: every candidate bead of every problem
    scored in one call, then each size's problems solved together (``align_small_together``,
    bit for bit ``_align_small``; a problem's window scorer, unfocused, meets its whole
    table, as the focus here does)."""
    source_base, target_base = focus_stacked(sizes, scorer)
    by_size: dict[tuple[int, int], list[int]] = {}
    for k, size in enumerate(sizes):
        by_size.setdefault(size, []).append(k)
    parts: list[np.ndarray] = []
    for (n, m), members in by_size.items():
        keys = small_candidates(n, m, params)
        a, b, i, j = np.array(keys, dtype=np.int64).reshape(-1, 4).T
        local = np.stack([i - a, i, j - b, j], axis=1)
        base = np.stack([source_base[members]] * 2 + [target_base[members]] * 2, axis=1)
        parts.append((local[None, :, :] + base[:, None, :]).reshape(-1, 4))
    rows = np.concatenate(parts)
    scores = scorer.score(rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3])
    out: list[list[Bead]] = [[] for _ in sizes]
    done = 0
    for (n, m), members in by_size.items():
        width = len(small_candidates(n, m, params))
        table = scores[done : done + width * len(members)].reshape(len(members), width)
        done += width * len(members)
        for k, path in zip(members, align_small_together(n, m, table, params), strict=True):
            out[k] = path
    return out


def align_whole_tables(
    sizes: Sequence[tuple[int, int]],
    scorer: SpanScorer,
    params: AlignParams,
    check: Callable[[], None] = lambda: None,
    max_cells: int = 100_000,
) -> list[list[Bead]]:
    """``align``'s beads of many ``whole_table`` problems (n, m), bit for bit, the tables of
    a few hundred problems filled together row by row (one problem's ``_run_dp`` spends
    most of its time in per-row overhead on tables of a few hundred cells).

    ``scorer`` holds the problems laid end to end, each followed by one empty segment on
    each side: problem k's source segment p is segment ``sum(n_l + 1 for l < k) + p``, its
    target segments likewise. Every cell goes through the same float operations as in
    ``_run_dp`` (whose lo is 0 on every row of such a table), so costs, ties and paths agree.
    """
    source_base, target_base = focus_stacked(sizes, scorer)
    out: list[list[Bead]] = [[] for _ in sizes]
    order = sorted(range(len(sizes)), key=lambda k: sizes[k])
    group: list[int] = []
    for position, k in enumerate(order):
        group.append(k)
        n_rows = sizes[k][0] + 1
        width = max(sizes[g][1] for g in group) + 1
        following = order[position + 1] if position + 1 < len(order) else None
        if following is None or (sizes[following][0] + 1) * width * (len(group) + 1) > max_cells:
            check()
            paths = _fill_tables(
                [sizes[g] for g in group],
                source_base[group],
                target_base[group],
                n_rows,
                width,
                scorer,
                params,
            )
            for g, path in zip(group, paths, strict=True):
                out[g] = path
            group = []
    return out


def _fill_tables(
    sizes: list[tuple[int, int]],
    source_base: np.ndarray,
    target_base: np.ndarray,
    n_rows: int,
    width: int,
    scorer: SpanScorer,
    params: AlignParams,
) -> list[list[Bead]]:
    """``_run_dp`` on several whole tables at once: arrays (row, problem, column)."""
    beads, shapes = params.beads, params.shapes
    count = len(sizes)
    n_of = np.array([n for n, _ in sizes], dtype=np.int64)
    m_of = np.array([m for _, m in sizes], dtype=np.int64)
    rows = np.arange(n_rows)[:, None, None]
    columns = np.arange(width)
    cols = columns[None, None, :]
    inf = np.float64(np.inf)
    # every bead type's cost ending at each cell, and each two-sided type's scores there
    costs: list[np.ndarray] = []
    kept: list[np.ndarray | None] = []
    asked: list[tuple[np.ndarray, np.ndarray | None, np.ndarray, float]] = []
    spans: list[tuple[np.ndarray, ...]] = []
    shape = (n_rows, count, width)
    i_all = np.broadcast_to(rows, shape)
    j_all = np.broadcast_to(cols, shape)
    inside = (i_all <= n_of[None, :, None]) & (j_all <= m_of[None, :, None])
    for bead, (a, b) in zip(beads, shapes, strict=True):
        if bead.one_sided:
            costs.append(np.full(shape, params.skip * (a + b)))
            kept.append(None)
            continue
        out = np.full(shape, inf)
        raw = np.full(shape, np.nan)
        costs.append(out)
        kept.append(raw)
        ok = inside & (i_all - a >= 0) & (j_all - b >= 0)
        if ok.any():
            i = i_all[ok]
            j = j_all[ok]
            problem = np.broadcast_to(np.arange(count)[None, :, None], shape)[ok]
            src, tgt = source_base[problem], target_base[problem]
            asked.append((out, raw, ok, params.prior[bead]))
            spans.append((src + i - a, src + i, tgt + j - b, tgt + j))
    _score_asked(scorer, asked, spans)

    cost = np.full(shape, inf)
    back = np.full(shape, -1, dtype=np.int8)
    offset = columns * params.skip
    insertion = beads.index(BeadType.INSERTION)
    stepping = [(t, a, b) for t, (a, b) in enumerate(shapes) if a]
    stepping_types = np.array([t for t, _, _ in stepping], dtype=np.int8)
    candidates = np.empty((len(stepping), count, width))
    beyond = columns[None, :] > m_of[:, None]  # past a problem's last target column
    for i in range(n_rows):
        if i == 0:
            row_cost = np.full((count, width), inf)
            row_cost[:, 0] = 0.0
            row_back = back[0]
        else:
            candidates.fill(inf)
            for r, (t, a, b) in enumerate(stepping):
                if a > i:
                    continue
                np.add(cost[i - a, :, : width - b], costs[t][i, :, b:], out=candidates[r, :, b:])
            best = candidates.argmin(axis=0)
            row_cost = np.take_along_axis(candidates, best[None], axis=0)[0]
            reached = row_cost < inf
            row_back = back[i]
            row_back[reached] = stepping_types[best[reached]]
        row_cost[beyond] = inf
        running = np.minimum.accumulate(row_cost - offset, axis=1) + offset
        improved = running < row_cost - 1e-12
        row_cost[improved] = running[improved]
        row_back[improved] = insertion
        cost[i] = row_cost

    paths: list[list[Bead]] = []
    for p, (n, m) in enumerate(sizes):
        if not np.isfinite(cost[n, p, m]):
            raise RuntimeError("alignment band does not reach the end of both documents")
        path: list[Bead] = []
        i, j = n, m
        while i > 0 or j > 0:
            t = int(back[i, p, j])
            a, b = shapes[t]
            scores_t = kept[t]
            score = float("nan") if scores_t is None else float(scores_t[i, p, j])
            path.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), score))
            i, j = i - a, j - b
        path.reverse()
        paths.append(path)
    return paths


def align_small_together(
    n: int, m: int, scores: np.ndarray, params: AlignParams
) -> list[list[Bead]]:
    """``align_small`` on many n x m problems at once, bit for bit: ``scores[p, c]`` is
    problem p's score of bead ``small_candidates(n, m, params)[c]``.

    Each cell takes the first shape (in ``params.shapes`` order) of least cost, as
    ``align_small``'s strict comparison does; a cost that is not a number never wins there,
    so it is infinite here.
    """
    keys = small_candidates(n, m, params)
    column = {key: c for c, key in enumerate(keys)}
    shapes = params.shapes
    prior = {bead.value: cost for bead, cost in params.prior.items()}
    count = scores.shape[0]
    everyone = np.arange(count)
    cost = np.full((n + 1, m + 1, count), np.inf)
    cost[0, 0] = 0.0
    back = np.zeros((n + 1, m + 1, count), dtype=np.int64)
    for i in range(n + 1):
        for j in range(m + 1):
            if not i and not j:
                continue
            options, kinds = [], []
            for kind, (a, b) in enumerate(shapes):
                if a > i or b > j:
                    continue
                if a and b:
                    total = cost[i - a, j - b] + (prior[a, b] - scores[:, column[a, b, i, j]])
                    total[np.isnan(total)] = np.inf
                else:
                    total = cost[i - a, j - b] + params.skip * (a + b)
                options.append(total)
                kinds.append(kind)
            stacked = np.stack(options)
            best = stacked.argmin(axis=0)
            cost[i, j] = stacked[best, everyone]
            back[i, j] = np.array(kinds)[best]
    back_list = back.tolist()
    out: list[list[Bead]] = []
    for p in range(count):
        path: list[Bead] = []
        i, j = n, m
        while i or j:
            a, b = shapes[back_list[i][j][p]]
            score = float(scores[p, column[a, b, i, j]]) if a and b else float("nan")
            path.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), score))
            i, j = i - a, j - b
        path.reverse()
        out.append(path)
    return out


def _expected_path(n: int, m: int, anchors: list[tuple[int, int]]) -> np.ndarray:
    """Expected target position for each DP row 0..n: through the longest chain of anchors."""
    chain = _longest_increasing_chain(anchors)
    xs = [0.0] + [i + 0.5 for i, _ in chain] + [float(n)]
    ys = [0.0] + [j + 0.5 for _, j in chain] + [float(m)]
    return np.interp(np.arange(n + 1, dtype=float), xs, ys)


def _longest_increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence strictly increasing in both coordinates (patience sorting)."""
    import bisect

    pairs = sorted(set(pairs), key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # smallest j ending a chain of each length
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[k] = j
            tail_index[k] = index
        previous[index] = tail_index[k - 1] if k else -1
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    # equal i with different j cannot both be in a strictly increasing chain: sorting by -j
    # within equal i makes bisect_left reject the second one.
    return chain


def _band_starts(lower: np.ndarray, width: int, m: int, half: int) -> np.ndarray:
    """First band column of each row: ``half`` below the path's expected lower end."""
    lo = np.floor(lower).astype(np.int64) - half
    return np.clip(lo, 0, max(0, m + 1 - width))


def _path_center(path: list[Bead], n: int) -> np.ndarray:
    """Target position of the path at each DP row, for re-centring the band."""
    xs, ys = [0.0], [0.0]
    i = j = 0
    for bead in path:
        i += len(bead.source)
        j += len(bead.target)
        xs.append(float(i))
        ys.append(float(j))
    # several beads can end on the same row (insertions): keep the last position of each row
    last: dict[float, float] = {}
    for x, y in zip(xs, ys, strict=True):
        last[x] = y
    keys = sorted(last)
    return np.interp(np.arange(n + 1, dtype=float), keys, [last[k] for k in keys])


def _run_dp(
    n: int,
    m: int,
    scorer: SpanScorer,
    lo: np.ndarray,
    width: int,
    params: AlignParams,
    cancelled: Callable[[], bool] | None,
) -> tuple[list[Bead], bool]:
    """The DP in the band of ``width`` columns from ``lo`` on each row (a ragged band:
    ``_run_ragged_dp``); the best path and whether it runs along the band's edge."""
    beads, shapes = params.beads, params.shapes
    max_a = _focus_band(scorer, shapes, lo, lo + width, n, m)

    inf = np.float64(np.inf)
    ring = max_a + 1  # rolling window of cost rows: memory independent of n
    cost = np.full((ring, width), inf)
    cost[0, 0] = 0.0  # row 0, column lo[0] == 0
    back = np.full((n + 1, width), -1, dtype=np.int8)
    columns = np.arange(width)
    offset = columns * params.skip
    insertion = beads.index(BeadType.INSERTION)
    starts = lo.tolist()
    # every shape but insertions (which stay on the row: handled below), as (type, a, b)
    stepping = [(t, a, b) for t, (a, b) in enumerate(shapes) if a]
    stepping_types = np.array([t for t, _, _ in stepping], dtype=np.int8)
    candidates = np.empty((len(stepping), width))
    # one chunk (a sentence block): its scores give the path's, without scoring it again
    one_chunk = n + 1 <= params.chunk_rows
    # what names this band's cells (the scorer's focus and each chunk's spans follow from
    # it, with the chunk's rows): a scorer that remembers a pass's parts finds them for the
    # same band and chunk again
    band = (n, m, width, tuple(shapes), lo.tobytes())
    chunk_scores: list[np.ndarray | None] = []

    for chunk_start in range(0, n + 1, params.chunk_rows):
        if cancelled is not None and cancelled():
            raise ComparisonCancelled
        chunk_rows = range(chunk_start, min(n + 1, chunk_start + params.chunk_rows))
        chunk_costs, chunk_scores = _chunk_bead_costs(
            chunk_rows,
            lo,
            width,
            m,
            scorer,
            params,
            keep_scores=one_chunk,
            key=(band, chunk_rows.start, chunk_rows.stop),
        )
        for i in chunk_rows:
            row_back = back[i]
            row_in_chunk = i - chunk_rows.start
            # columns k with a target position j = lo[i] + k inside the document
            k_end = min(width, m - starts[i] + 1)
            if i == 0:
                row_cost = cost[0].copy()
            else:
                # each shape's candidate costs, one row of ``candidates`` per shape; the best
                # is the first shape reaching the minimum (ties go to the earlier shape)
                candidates.fill(inf)
                for r, (t, a, b) in enumerate(stepping):
                    if a > i:
                        continue
                    # the predecessor of column k is column k + shift of row i - a: a
                    # contiguous slice, so no fancy indexing in this innermost loop
                    shift = starts[i] - b - starts[i - a]
                    k0 = max(0, -shift, b - starts[i])
                    k1 = min(k_end, width - shift)
                    if k0 < k1:
                        np.add(
                            cost[(i - a) % ring, k0 + shift : k1 + shift],
                            chunk_costs[t][row_in_chunk, k0:k1],
                            out=candidates[r, k0:k1],
                        )
                best = candidates.argmin(axis=0)
                row_cost = candidates[best, columns]
                reached = row_cost < inf
                row_back[reached] = stepping_types[best[reached]]
            _chain_insertions(row_cost, row_back, k_end, offset, insertion)
            cost[i % ring] = row_cost

    end_k = m - lo[n]
    if not (0 <= end_k < width) or not np.isfinite(cost[n % ring][end_k]):
        raise RuntimeError("alignment band does not reach the end of both documents")
    path, touches = _traced_path(
        _Cells(starts, [i * width for i in range(n + 1)], [width] * (n + 1)),
        n,
        int(end_k),
        m,
        back.ravel(),
        [None if c is None else c.ravel() for c in chunk_scores] if one_chunk else None,
        shapes,
        insertion,
    )
    return (path if one_chunk else _rescore(path, scorer)), touches


@dataclass(frozen=True)
class _Cells:
    """Where a band's rows lie: row i starts at target segment ``starts[i]`` and holds
    ``widths[i]`` columns, its cells from ``first[i]`` in a flat array of the band."""

    starts: list[int]
    first: list[int]
    widths: list[int]


def _traced_path(
    cells: _Cells,
    n: int,
    end_k: int,
    m: int,
    back: np.ndarray,
    scores: Sequence[np.ndarray | None] | None,
    shapes: Sequence[tuple[int, int]],
    insertion: int,
) -> tuple[list[Bead], bool]:
    """The beads from the band's back-pointers (flat, laid out as ``cells``), with each
    bead's score where ``scores`` (one flat array per bead type) kept it, and whether the
    path touched the band's edge (then the band is widened)."""
    starts, first, widths = cells.starts, cells.first, cells.widths
    path: list[Bead] = []
    i, k = n, end_k
    touches = False
    while i > 0 or starts[i] + k > 0:
        # past a row's width (ragged bands only) the path came along the row
        t = insertion if k >= widths[i] else int(back[first[i] + k])
        a, b = shapes[t]
        j = starts[i] + k
        if (k == 0 and starts[i] > 0) or (k == widths[i] - 1 and j < m):
            touches = True
        kept = None if scores is None else scores[t]
        score = float("nan") if kept is None else float(kept[first[i] + k])
        path.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), score))
        i, k = i - a, j - b - starts[i - a]
    path.reverse()
    return path, touches


def _focus_band(
    scorer: SpanScorer,
    shapes: Sequence[tuple[int, int]],
    lo: np.ndarray,
    ends: np.ndarray,
    n: int,
    m: int,
) -> int:
    """Tell ``scorer`` which target segments each source segment meets in the band whose row
    i spans columns ``lo[i]`` to ``ends[i]``; the most source segments a bead takes."""
    max_a = max(a for a, _ in shapes)
    max_b = max(b for _, b in shapes)
    # source segment i meets target segments from the band of rows i+1 .. i+max_a
    following = np.minimum(np.arange(n)[None, :] + np.arange(1, max_a + 1)[:, None], n)
    first = np.maximum(lo[following].min(axis=0) - max_b, 0)
    last = np.minimum(ends[following].max(axis=0), m)
    scorer.focus(first, last)
    return max_a


def _chain_insertions(
    row_cost: np.ndarray, row_back: np.ndarray, k_end: int, offset: np.ndarray, insertion: int
) -> float:
    """Insertions (0-1) chain along a row: cost[k] = min(cost[k], cost[k-1] + step), a
    cumulative minimum of cost - k * step (``offset``), in place, columns from ``k_end`` out
    of the document; the row's last running minimum (where a ragged row's cells past its
    width continue it)."""
    row_cost[k_end:] = np.inf
    lowest = np.minimum.accumulate(row_cost - offset)
    running = lowest + offset
    improved = running < row_cost - 1e-12
    row_cost[improved] = running[improved]
    row_back[improved] = insertion
    return float(lowest[-1])


def _chunk_bead_costs(
    rows: range,
    lo: np.ndarray,
    width: int,
    m: int,
    scorer: SpanScorer,
    params: AlignParams,
    *,
    keep_scores: bool = False,
    key: Hashable | None = None,
) -> tuple[list[np.ndarray], list[np.ndarray | None]]:
    """Cost of each bead type ending at every band cell of ``rows``: (rows, width) arrays;
    with ``keep_scores``, also each two-sided type's scores there (None for one-sided ones).

    The cells of every two-sided shape are scored in one call (a scorer's score of a span
    pair does not depend on the other pairs asked with it); a cost no path can take (not a
    number) is infinite, so that the row's minimum never picks it. ``key`` names the band
    and the chunk, for a scorer that can remember parts of its scores
    (``score_keyed``).
    """
    n_rows = len(rows)
    i = np.repeat(np.arange(rows.start, rows.stop), width)
    j = (lo[rows.start : rows.stop, None] + np.arange(width)[None, :]).ravel()
    costs: list[np.ndarray] = []
    kept: list[np.ndarray | None] = []
    # (costs, scores kept or None, cells scored, prior) of each two-sided type asked
    asked: list[tuple[np.ndarray, np.ndarray | None, np.ndarray, float]] = []
    spans: list[tuple[np.ndarray, ...]] = []
    for bead, (a, b) in zip(params.beads, params.shapes, strict=True):
        if bead.one_sided:
            costs.append(np.full((n_rows, width), params.skip * (a + b)))
            kept.append(None)
            continue
        out = np.full(n_rows * width, np.inf)
        costs.append(out.reshape(n_rows, width))  # a view: filled below
        raw = np.full(n_rows * width, np.nan) if keep_scores else None
        kept.append(None if raw is None else raw.reshape(n_rows, width))
        ok = (i - a >= 0) & (j - b >= 0) & (j <= m)
        if ok.any():
            asked.append((out, raw, ok, params.prior[bead]))
            spans.append((i[ok] - a, i[ok], j[ok] - b, j[ok]))
    _score_asked(scorer, asked, spans, key)
    return costs, kept


def _score_asked(
    scorer: SpanScorer,
    asked: list[tuple[np.ndarray, np.ndarray | None, np.ndarray, float]],
    spans: list[tuple[np.ndarray, ...]],
    key: Hashable | None = None,
) -> None:
    """Score every asked cell in one call; fill each type's costs (prior minus score, a cost
    no path can take where the score is not a number) and, where kept, its raw scores.
    ``key``: what names these spans, for a scorer that takes it (``score_keyed``)."""
    if not asked:
        return
    a0, a1, b0, b1 = (np.concatenate(side) for side in zip(*spans, strict=True))
    keyed = getattr(scorer, "score_keyed", None) if key is not None else None
    scores = scorer.score(a0, a1, b0, b1) if keyed is None else keyed(key, a0, a1, b0, b1)
    done = 0
    for (out, raw, ok, prior), (_, ends, _, _) in zip(asked, spans, strict=True):
        part = scores[done : done + len(ends)]
        values = prior - part
        values[np.isnan(values)] = np.inf
        out[ok] = values
        if raw is not None:
            raw[ok] = part
        done += len(ends)


def _run_ragged_dp(
    n: int,
    m: int,
    scorer: SpanScorer,
    lo: np.ndarray,
    widths: np.ndarray,
    params: AlignParams,
    cancelled: Callable[[], bool] | None,
) -> tuple[list[Bead], bool]:
    """``_run_dp`` in a ragged band: row i holds ``widths[i]`` columns from ``lo[i]``, and
    its costs and back-pointers are kept at that width (one flat array, row i's cells from
    ``cell_starts[i]``), so memory is the band's cells, not rows x the widest row's width (one
    row climbing the rest of a long side would make that thousands of times the band).
    The same costs, ties and path as ``_run_dp`` in the same band: there a row's cells past
    its own width, up to the widest row's, are reached by target-only beads along the row
    (the row's last running minimum plus one skip a column); here they are that formula,
    from each row's last running minimum (``tails``), and never stored."""
    shapes = params.shapes
    max_a = _focus_band(scorer, shapes, lo, lo + widths, n, m)

    inf = np.float64(np.inf)
    cell_starts = np.concatenate([[0], np.cumsum(widths)])  # row i: cells from cell_starts[i]
    back = np.full(int(cell_starts[-1]), -1, dtype=np.int8)
    ring = max_a + 1  # rolling window of cost rows, each at its own width
    cost: list[np.ndarray] = [np.empty(0)] * ring
    tails = [inf] * ring  # each row's running minimum of cost - column * skip at its end
    widest = int(widths.max())
    columns = np.arange(widest)
    offset = columns * params.skip
    insertion = params.beads.index(BeadType.INSERTION)
    starts, row_widths, row_cells = lo.tolist(), widths.tolist(), cell_starts.tolist()
    stepping = [(t, a, b) for t, (a, b) in enumerate(shapes) if a]
    stepping_types = np.array([t for t, _, _ in stepping], dtype=np.int8)
    candidates = np.empty((len(stepping), widest))
    # as many cells a chunk as an even band's chunk (a row wider than that is a chunk alone)
    budget = params.chunk_rows * (2 * params.half_width + 1)
    chunk_ends = []
    row = 0
    while row <= n:
        end = int(np.searchsorted(cell_starts, cell_starts[row] + budget, side="right")) - 1
        row = max(row + 1, min(end, n + 1))
        chunk_ends.append(row)
    # one chunk: its scores give the path's, without scoring it again
    one_chunk = len(chunk_ends) == 1
    chunk_scores: list[np.ndarray | None] = []

    chunk_start = 0
    for chunk_end in chunk_ends:
        if cancelled is not None and cancelled():
            raise ComparisonCancelled
        chunk_costs, chunk_scores = _ragged_bead_costs(
            range(chunk_start, chunk_end), lo, cell_starts, m, scorer, params, one_chunk
        )
        base = row_cells[chunk_start]
        for i in range(chunk_start, chunk_end):
            width = row_widths[i]
            here = row_cells[i] - base  # row i's first cell in the chunk's arrays
            row_back = back[row_cells[i] : row_cells[i] + width]
            k_end = min(width, m - starts[i] + 1)
            if i == 0:
                row_cost = np.full(width, inf)
                row_cost[0] = 0.0  # row 0, column lo[0] == 0
            else:
                row_candidates = candidates[:, :width]
                row_candidates.fill(inf)
                for r, (t, a, b) in enumerate(stepping):
                    if a > i:
                        continue
                    shift = starts[i] - b - starts[i - a]
                    k0 = max(0, -shift, b - starts[i])
                    k1 = min(k_end, widest - shift)
                    own = min(k1, row_widths[i - a] - shift)  # columns k0 .. own: its cells
                    if k0 < own:
                        np.add(
                            cost[(i - a) % ring][k0 + shift : own + shift],
                            chunk_costs[t][here + k0 : here + own],
                            out=row_candidates[r, k0:own],
                        )
                    past = max(k0, own)  # columns past .. k1: past its width
                    if past < k1:
                        np.add(
                            tails[(i - a) % ring] + offset[past + shift : k1 + shift],
                            chunk_costs[t][here + past : here + k1],
                            out=row_candidates[r, past:k1],
                        )
                best = row_candidates.argmin(axis=0)
                row_cost = row_candidates[best, columns[:width]]
                reached = row_cost < inf
                row_back[reached] = stepping_types[best[reached]]
            tail = _chain_insertions(row_cost, row_back, k_end, offset[:width], insertion)
            cost[i % ring], tails[i % ring] = row_cost, tail
        chunk_start = chunk_end

    end_k = m - starts[n]
    if not (0 <= end_k < row_widths[n]) or not np.isfinite(cost[n % ring][end_k]):
        raise RuntimeError("alignment band does not reach the end of both documents")
    path, touches = _traced_path(
        _Cells(starts, row_cells, row_widths),
        n,
        int(end_k),
        m,
        back,
        chunk_scores if one_chunk else None,
        shapes,
        insertion,
    )
    return (path if one_chunk else _rescore(path, scorer)), touches


def _ragged_bead_costs(
    rows: range,
    lo: np.ndarray,
    cell_starts: np.ndarray,
    m: int,
    scorer: SpanScorer,
    params: AlignParams,
    keep_scores: bool,
) -> tuple[list[np.ndarray], list[np.ndarray | None]]:
    """``_chunk_bead_costs`` for rows of a ragged band: each bead type's costs (and, with
    ``keep_scores``, each two-sided type's scores) at the rows' cells, one flat array with
    row i's cells from ``cell_starts[i] - cell_starts[rows.start]``."""
    counts = np.diff(cell_starts[rows.start : rows.stop + 1])
    cells = int(counts.sum())
    i = np.repeat(np.arange(rows.start, rows.stop), counts)
    k = np.arange(cells) - np.repeat(
        cell_starts[rows.start : rows.stop] - cell_starts[rows.start], counts
    )
    j = lo[i] + k
    costs: list[np.ndarray] = []
    kept: list[np.ndarray | None] = []
    asked: list[tuple[np.ndarray, np.ndarray | None, np.ndarray, float]] = []
    spans: list[tuple[np.ndarray, ...]] = []
    for bead, (a, b) in zip(params.beads, params.shapes, strict=True):
        if bead.one_sided:
            costs.append(np.full(cells, params.skip * (a + b)))
            kept.append(None)
            continue
        out = np.full(cells, np.inf)
        costs.append(out)
        raw = np.full(cells, np.nan) if keep_scores else None
        kept.append(raw)
        ok = (i - a >= 0) & (j - b >= 0) & (j <= m)
        if ok.any():
            asked.append((out, raw, ok, params.prior[bead]))
            spans.append((i[ok] - a, i[ok], j[ok] - b, j[ok]))
    _score_asked(scorer, asked, spans)
    return costs, kept


def _rescore(path: list[Bead], scorer: SpanScorer) -> list[Bead]:
    two_sided = [k for k, bead in enumerate(path) if bead.source and bead.target]
    if not two_sided:
        return path
    arr = np.array(
        [
            (path[k].source[0], path[k].source[-1] + 1, path[k].target[0], path[k].target[-1] + 1)
            for k in two_sided
        ],
        dtype=np.int64,
    )
    scores = scorer.score(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])
    out = list(path)
    for k, score in zip(two_sided, scores, strict=True):
        out[k] = Bead(path[k].source, path[k].target, float(score))
    return out
