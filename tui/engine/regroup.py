"""Paragraph links re-derived from sentences where the paragraph DP left paragraphs alone.

The paragraph DP takes at most three paragraphs on a side per link, and scores paragraphs as
wholes, so a translation that splits or joins paragraphs differently (one paragraph per
sentence on one side, a CMS that merged paragraphs on the other) leaves paragraphs one-sided
that are in fact translated. Around every one-sided link, the sentences of the window (the
link and its neighbours, runs joined) are aligned together, and the finest paragraph links
that no sentence bead crosses replace the old ones when

- they leave fewer paragraphs without a counterpart, and
- some sentence bead of them pairs a sentence that was alone on the source side with one
  that was alone on the target side, more likely a translation than not, and either a link of
  the window is as wide as a paragraph bead can be (the one-sided paragraph is probably its
  overflow) or the scorer vouches for both sides of the pair.

Merely folding a deleted paragraph into its neighbours' sentence beads is not enough: that
is how omissions hide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from tui.engine.align import AlignParams, Bead, BeadType, align
from tui.engine.model import Link, SentenceRef
from tui.engine.similarity import SpanScorer, sigmoid

SentenceSpan = Callable[[tuple[int, ...]], tuple[int, int]]
"""Paragraph ids (consecutive) -> the [start, end) range of their sentences on that side."""

_WIDEST = max(max(b.source_count, b.target_count) for b in BeadType)
# A window's sentence DP costs about this many cells at most (a 10,000-paragraph pair
# paragraphed differently throughout is 3 million); beyond, such as one 20 MB paragraph
# against a whole article, the paragraph links stay as they are.
MAX_WINDOW_CELLS = 4_000_000


def regroup_links(
    links: Sequence[Link],
    source_span: SentenceSpan,
    target_span: SentenceSpan,
    source_refs: Sequence[SentenceRef],
    target_refs: Sequence[SentenceRef],
    scorer: SpanScorer,
    params: AlignParams,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Link, ...]:
    """``links`` with the windows around one-sided links re-derived from their sentences
    where the module's conditions hold (``scorer`` scores sentence spans). Passes repeat
    while they help: a window that drifted may leave its neighbour one paragraph short, which
    the next pass's window around that paragraph takes up. Each pass that changes anything
    leaves fewer one-sided paragraphs, so the passes end."""
    current = tuple(links)
    while True:
        regrouped = _regroup_once(
            current, source_span, target_span, source_refs, target_refs, scorer, params, cancelled
        )
        if regrouped == current:
            return current
        current = regrouped


def _regroup_once(
    links: Sequence[Link],
    source_span: SentenceSpan,
    target_span: SentenceSpan,
    source_refs: Sequence[SentenceRef],
    target_refs: Sequence[SentenceRef],
    scorer: SpanScorer,
    params: AlignParams,
    cancelled: Callable[[], bool] | None,
) -> tuple[Link, ...]:
    out: list[Link] = []
    done = 0
    for start, end in _windows(links):
        out += links[done:start]
        window = list(links[start:end])
        s0, s1 = source_span(tuple(p for link in window for p in link.source))
        t0, t1 = target_span(tuple(p for link in window for p in link.target))
        derived = window
        if s1 > s0 and t1 > t0 and _cells(s1 - s0, t1 - t0, params) <= MAX_WINDOW_CELLS:
            window_scorer = scorer.window(s0, s1, t0, t1)
            beads = align(s1 - s0, t1 - t0, window_scorer, params=params, cancelled=cancelled)
            found = _links_from_beads(beads, source_refs[s0:s1], target_refs[t0:t1], window)
            if _one_sided(found) < _one_sided(window):
                lone_source, lone_target = _lone_sentences(
                    window, source_span, target_span, scorer, params, cancelled
                )
                # window-local indices of the sentences that were alone
                lone = ({i - s0 for i in lone_source}, {j - t0 for j in lone_target})
                shape_trusted = any(_at_the_limit(link) for link in window)
                if _pairs_lone_sentences(beads, lone, window_scorer, shape_trusted):
                    derived = found
        out += derived
        done = end
    out += links[done:]
    return tuple(out)


def _cells(n: int, m: int, params: AlignParams) -> int:
    """Cells of the banded DP over ``n`` x ``m`` segments, before any widening."""
    return max(n, m) * min(min(n, m) + 1, 2 * params.half_width + 1)


def _windows(links: Sequence[Link]) -> list[tuple[int, int]]:
    """[start, end) ranges of links: each one-sided link with its neighbours, ranges that
    touch joined (a run of one-sided links is one window)."""
    ranges: list[tuple[int, int]] = []
    for k, link in enumerate(links):
        if link.source and link.target:
            continue
        start, end = max(k - 1, 0), min(k + 2, len(links))
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def _at_the_limit(link: Link) -> bool:
    return bool(link.source and link.target) and max(len(link.source), len(link.target)) >= _WIDEST


def _one_sided(links: Sequence[Link]) -> int:
    """Paragraphs in links with no counterpart."""
    return sum(len(link.source) + len(link.target) for link in links if link.is_one_sided)


def _lone_sentences(
    window: Sequence[Link],
    source_span: SentenceSpan,
    target_span: SentenceSpan,
    scorer: SpanScorer,
    params: AlignParams,
    cancelled: Callable[[], bool] | None,
) -> tuple[set[int], set[int]]:
    """Sentences (global indices) without counterpart when aligned inside the given links,
    as the sentence pass would align them."""
    lone: tuple[set[int], set[int]] = (set(), set())
    for link in window:
        s0, s1 = source_span(link.source)
        t0, t1 = target_span(link.target)
        if s1 == s0 or t1 == t0:
            lone[0].update(range(s0, s1))
            lone[1].update(range(t0, t1))
            continue
        inside = scorer.window(s0, s1, t0, t1)
        for bead in align(s1 - s0, t1 - t0, inside, params=params, cancelled=cancelled):
            if not bead.target:
                lone[0].update(s0 + i for i in bead.source)
            if not bead.source:
                lone[1].update(t0 + j for j in bead.target)
    return lone


def _pairs_lone_sentences(
    beads: Sequence[Bead],
    lone: tuple[set[int], set[int]],
    scorer: SpanScorer,
    shape_trusted: bool,
) -> bool:
    """Whether a bead pairs formerly lone sentences of both sides as a likely translation
    (log-odds above 0), vouched for by the window's shape or by the scorer."""
    for bead in beads:
        if (
            bead.score > 0
            and lone[0].intersection(bead.source)
            and lone[1].intersection(bead.target)
        ):
            if shape_trusted:
                return True
            source, target = scorer.supported_members(bead.source, bead.target)
            if source and target:
                return True
    return False


def _links_from_beads(
    beads: list[Bead],
    source_refs: Sequence[SentenceRef],
    target_refs: Sequence[SentenceRef],
    window: list[Link],
) -> list[Link]:
    """The finest monotone paragraph links that hold every bead whole: consecutive beads
    sharing a paragraph on either side belong to one link (a paragraph's sentences are
    consecutive, so its beads are too). A link the window already had keeps its score; a
    new one scores the mean of its two-sided beads."""
    groups: list[tuple[set[int], set[int], list[float]]] = []
    for bead in beads:
        source = {source_refs[i][0] for i in bead.source}
        target = {target_refs[j][0] for j in bead.target}
        if not (groups and (source & groups[-1][0] or target & groups[-1][1])):
            groups.append((set(), set(), []))
        group = groups[-1]
        group[0].update(source)
        group[1].update(target)
        if bead.source and bead.target:
            group[2].append(float(sigmoid(bead.score)))
    kept = {(link.source, link.target): link for link in window}
    links = []
    for source, target, scores in groups:
        key = (tuple(sorted(source)), tuple(sorted(target)))
        score = round(float(np.mean(scores)), 4) if scores and source and target else 0.0
        links.append(kept.get(key) or Link(key[0], key[1], score))
    return links
