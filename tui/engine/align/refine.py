"""A second look at the stretches around segments the DP left without a counterpart.

Free translation splits one sentence into several. Where the DP's scores (the lexical
log-odds plus the embedding margin of the runs' mean vectors) cannot tell a split from an
omission, it leaves part of a split one-sided: on mac-dev (a Chinese novel and its English
translation) 125 one-sided links against 32 in gold, most of them a 1-2, 2-1 or 1-3 link
broken in two. Around every one-sided bead, the beads within ``AlignTuning.lone_context``
of it are aligned again as Bertalign's second pass aligns its windows: every shape with up to
``lone_widest`` segments a side and ``lone_total`` in all, each run of segments embedded as
one text, a bead scored by its runs' cosine minus their cosine with the segments just outside
(``SpanScorer.run_scores``), the path the one of largest total, a segment left alone costing
``lone_skip``. The beads outside these windows stay as they are, so a document aligned one to
one throughout embeds nothing more. A scorer without ``run_scores`` (the lexical one, which
reads no meaning) leaves the beads as they are.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from tui.engine.align.dp import Bead, BeadType
from tui.engine.errors import ComparisonCancelled
from tui.engine.scoring.base import SpanScorer
from tui.engine.tuning import AlignTuning

# A window of more cells than this keeps its beads (speed only: a run of one-sided beads
# hundreds of segments long is an omission, not a split).
MAX_WINDOW_CELLS = 40_000


def realign_lone(
    beads: Sequence[Bead],
    scorer: SpanScorer,
    tuning: AlignTuning,
    cancelled: Callable[[], bool] | None = None,
    allowed: Collection[tuple[int, int]] | None = None,
) -> list[Bead]:
    """``beads`` with the windows around one-sided beads aligned again (module docstring);
    ``allowed``, if given, the only shapes besides 1-1 a window may form (``likely_shapes``)."""
    run_scores = getattr(scorer, "run_scores", None)
    pad = tuning.lone_context
    lone = [not (bead.source and bead.target) for bead in beads]
    if run_scores is None or pad <= 0 or not any(lone):
        return list(beads)
    near = [any(lone[max(0, k - pad) : k + pad + 1]) for k in range(len(beads))]
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        if not near[k]:
            out.append(beads[k])
            k += 1
            continue
        end = k
        while end < len(beads) and near[end]:
            end += 1
        window = list(beads[k:end])
        if cancelled is not None and cancelled():
            raise ComparisonCancelled
        out += _realigned(window, scorer, tuning, allowed)
        k = end
    return out


def likely_shapes(
    beads: Sequence[Bead], measured: Mapping[BeadType, float] | None
) -> frozenset[tuple[int, int]] | None:
    """The shapes at least as likely in this document as a segment left one-sided: a
    segment the DP left alone is a split sentence's part only where the document splits at
    least as often as it leaves segments alone (a news text, 1-1 throughout, keeps its
    orphans; a novel joins them to their 1-n links). A shape's odds against 1-1 are its
    measured cost (align/priors.py, ``exp(-cost)``, extrapolated there for shapes the first
    pass did not search); a one-sided segment's are the pass's one-sided beads over its 1-1
    beads. None (every shape) where the document measured no costs."""
    if measured is None:
        return None
    ones = sum(1 for b in beads if len(b.source) == 1 and len(b.target) == 1)
    lone = sum(1 for b in beads if not (b.source and b.target))
    if not ones or not lone:
        return None
    bar = math.log(ones / lone)
    return frozenset(b.value for b, cost in measured.items() if cost <= bar)


def _realigned(
    window: list[Bead],
    scorer: SpanScorer,
    tuning: AlignTuning,
    allowed: Collection[tuple[int, int]] | None = None,
) -> list[Bead]:
    sources = [i for bead in window for i in bead.source]
    targets = [j for bead in window for j in bead.target]
    if not sources or not targets:
        return window
    s0, t0 = sources[0], targets[0]
    n, m = len(sources), len(targets)
    if (n + 1) * (m + 1) > MAX_WINDOW_CELLS:
        return window
    shapes = [
        (a, b)
        for a in range(1, tuning.lone_widest + 1)
        for b in range(1, tuning.lone_widest + 1)
        if a + b <= tuning.lone_total
    ]
    cells = [(a, b, i, j) for a, b in shapes for i in range(a, n + 1) for j in range(b, m + 1)]
    arr = np.array([(i - a, i, j - b, j) for a, b, i, j in cells], dtype=np.int64) + np.array(
        [s0, s0, t0, t0], dtype=np.int64
    )
    values = scorer.run_scores(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])  # type: ignore[attr-defined]
    score = dict(zip(cells, values.tolist(), strict=True))
    skip = -tuning.lone_skip
    best = [[-np.inf] * (m + 1) for _ in range(n + 1)]
    back = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if not i and not j:
                continue
            top, step = -np.inf, (0, 0)
            if i and best[i - 1][j] + skip > top:
                top, step = best[i - 1][j] + skip, (1, 0)
            if j and best[i][j - 1] + skip > top:
                top, step = best[i][j - 1] + skip, (0, 1)
            for a, b in shapes:
                if a <= i and b <= j:
                    total = best[i - a][j - b] + score[a, b, i, j]
                    if total > top:
                        top, step = total, (a, b)
            best[i][j], back[i][j] = top, step
    path: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        path.append((tuple(range(s0 + i - a, s0 + i)), tuple(range(t0 + j - b, t0 + j))))
        i, j = i - a, j - b
    path.reverse()
    if allowed is not None:
        # a segment the DP left alone joined into a shape rarer here than a one-sided
        # segment: more likely an omission than a split's part; the window keeps its beads
        alone = {("s", i) for b in window if not b.target for i in b.source}
        alone |= {("t", j) for b in window if not b.source for j in b.target}
        for src, tgt in path:
            if (
                src
                and tgt
                and (len(src), len(tgt)) not in allowed
                and (len(src), len(tgt)) != (1, 1)
                and any(("s", i) in alone for i in src) | any(("t", j) in alone for j in tgt)
            ):
                return window
    two_sided = [p for p in path if p[0] and p[1]]
    log_odds = iter(
        scorer.score(
            np.array([p[0][0] for p in two_sided], dtype=np.int64),
            np.array([p[0][-1] + 1 for p in two_sided], dtype=np.int64),
            np.array([p[1][0] for p in two_sided], dtype=np.int64),
            np.array([p[1][-1] + 1 for p in two_sided], dtype=np.int64),
        ).tolist()
        if two_sided
        else []
    )
    return [Bead(src, tgt, next(log_odds) if src and tgt else float("nan")) for src, tgt in path]
