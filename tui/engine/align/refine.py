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

from collections.abc import Callable, Sequence

import numpy as np

from tui.engine.align.dp import Bead
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
) -> list[Bead]:
    """``beads`` with the windows around one-sided beads aligned again (module docstring)."""
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
        out += _realigned(window, scorer, tuning)
        k = end
    return out


def _realigned(window: list[Bead], scorer: SpanScorer, tuning: AlignTuning) -> list[Bead]:
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
