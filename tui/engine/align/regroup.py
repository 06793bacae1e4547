"""Paragraph links re-derived from sentences where the paragraph DP left paragraphs alone.

The paragraph DP takes at most three paragraphs on a side per link, and scores paragraphs as
wholes, so a translation that splits or joins paragraphs differently (one paragraph per
sentence on one side, a CMS that merged paragraphs on the other) leaves paragraphs one-sided
that are in fact translated. Around every one-sided link, the sentences of the window (the
link and its neighbours, runs joined) are aligned together, and the finest paragraph links
that no sentence bead crosses replace the old ones when

- they leave fewer paragraphs without a counterpart, and
- some sentence bead of them pairs a sentence of a formerly one-sided paragraph with one that
  was alone on the other side too, more likely a translation than not, and either the
  window's links say their shapes failed (see ``_shape_trusted``) or the scorer vouches for
  both sides of the pair; or the new links only split the window's links (``_splits_wide_links``:
  fewer paragraphs joined into links, every sentence bead a likely translation). The latter is
  the paragraph off by one: a paragraph shortened by an omission, linked with its own partner
  and its neighbour's, leaves that neighbour's partner alone.

Merely folding a deleted paragraph into its neighbours' sentence beads is not enough: that
is how omissions hide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tui.engine.align.dp import AlignParams, Bead, align, align_windows
from tui.engine.model import Link, SentenceRef
from tui.engine.scoring.base import SpanScorer, sigmoid

SentenceSpan = Callable[[tuple[int, ...]], tuple[int, int]]
"""Paragraph ids (consecutive) -> the [start, end) range of their sentences on that side."""

# A window's sentence DP costs about this many cells at most (a 10,000-paragraph pair
# paragraphed differently throughout is 3 million); beyond, such as one 20 MB paragraph
# against a whole article, the paragraph links stay as they are.
MAX_WINDOW_CELLS = 4_000_000


@dataclass(frozen=True, slots=True)
class _Sentences:
    """Both sides' sentences and how to align a stretch of them, as the sentence pass does."""

    source_span: SentenceSpan
    target_span: SentenceSpan
    source_refs: Sequence[SentenceRef]
    target_refs: Sequence[SentenceRef]
    scorer: SpanScorer
    params: AlignParams
    cancelled: Callable[[], bool] | None

    def spans(self, links: Sequence[Link]) -> tuple[int, int, int, int]:
        """[s0, s1) and [t0, t1): the sentences of consecutive ``links``."""
        s0, s1 = self.source_span(tuple(p for link in links for p in link.source))
        t0, t1 = self.target_span(tuple(p for link in links for p in link.target))
        return s0, s1, t0, t1

    def align(self, s0: int, s1: int, t0: int, t1: int) -> tuple[SpanScorer, list[Bead]]:
        """Beads (local indices) of the sentences [s0, s1) x [t0, t1), and their scorer."""
        scorer = self.scorer.window(s0, s1, t0, t1)
        beads = align(s1 - s0, t1 - t0, scorer, params=self.params, cancelled=self.cancelled)
        return scorer, beads

    def align_all(
        self, blocks: Sequence[tuple[int, int, int, int]]
    ) -> list[tuple[SpanScorer, list[Bead]]]:
        """Beads (local indices) of the sentences [s0, s1) x [t0, t1) of each block, and
        their scorer."""
        return align_windows(blocks, self.scorer, self.params, cancelled=self.cancelled)


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
    sentences = _Sentences(
        source_span, target_span, source_refs, target_refs, scorer, params, cancelled
    )
    current = tuple(links)
    settled: set[tuple[Link, ...]] = set()  # windows looked at and kept: not again
    while True:
        regrouped = _regroup_once(current, settled, sentences)
        if regrouped == current:
            return current
        current = regrouped


def _regroup_once(
    links: Sequence[Link], settled: set[tuple[Link, ...]], sentences: _Sentences
) -> tuple[Link, ...]:
    windows = _windows(links)
    # every window's sentences aligned first, in one batch: no window depends on another's
    blocks: dict[int, tuple[int, int, int, int]] = {}
    for w, (start, end) in enumerate(windows):
        if tuple(links[start:end]) not in settled:
            s0, s1, t0, t1 = sentences.spans(links[start:end])
            if (
                s1 > s0
                and t1 > t0
                and _cells(s1 - s0, t1 - t0, sentences.params) <= MAX_WINDOW_CELLS
            ):
                blocks[w] = (s0, s1, t0, t1)
    aligned = dict(zip(blocks, sentences.align_all(list(blocks.values())), strict=True))
    # the windows whose sentence links would leave fewer paragraphs alone, with the
    # sentences alone under their old links aligned link by link, all links in one batch
    found_in: dict[int, tuple[list[Link], _LoneSentences]] = {}
    for w, (s0, s1, t0, t1) in blocks.items():
        window = list(links[windows[w][0] : windows[w][1]])
        found = _links_from_beads(
            aligned[w][1], sentences.source_refs[s0:s1], sentences.target_refs[t0:t1], window
        )
        if _one_sided(found) < _one_sided(window):
            found_in[w] = (found, _LoneSentences(window, sentences))
    if not sentences.scorer.reads_meaning:  # a model's scorer embeds as it is asked: lazily
        _LoneSentences.align_asked(
            [(lone, aligned[w][1], blocks[w]) for w, (_, lone) in found_in.items()], sentences
        )
    out: list[Link] = []
    done = 0
    for w, (start, end) in enumerate(windows):
        out += links[done:start]
        window = list(links[start:end])
        if tuple(window) in settled:
            out += window
            done = end
            continue
        derived = window
        if w in found_in:
            s0, _, t0, _ = blocks[w]
            window_scorer, beads = aligned[w]
            found, lone = found_in[w]
            shape_trusted = _shape_trusted(window, sentences.params.widest)
            if _pairs_lone_sentences(
                beads, (s0, t0), lone, window_scorer, shape_trusted
            ) or _splits_wide_links(window, found, beads):
                derived = found
        if derived is window:
            settled.add(tuple(window))
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


def _shape_trusted(window: Sequence[Link], widest: int) -> bool:
    """Whether the paragraph links themselves say their shapes failed: a link as wide as a
    bead can be (the one-sided paragraph is probably its overflow), or no link in the window
    that pairs anything although both sides have paragraphs there (one paragraph against
    many: no bead could pair them)."""
    if any(_at_the_limit(link, widest) for link in window):
        return True
    return all(link.is_one_sided for link in window) and (
        any(link.source for link in window) and any(link.target for link in window)
    )


def _at_the_limit(link: Link, widest: int) -> bool:
    """Is ``link`` as wide as the paragraph DP's widest bead (``widest`` segments a side)?"""
    return bool(link.source and link.target) and max(len(link.source), len(link.target)) >= widest


def _splits_wide_links(
    window: Sequence[Link], found: Sequence[Link], beads: Sequence[Bead]
) -> bool:
    """Whether ``found`` only splits the window's links (it joins no more paragraphs on a
    side into one link than the window did, counted over the window: the paragraphs beyond
    the first of each side of each link, strictly fewer) and every sentence bead of it is a
    likely translation (log-odds above 0) or a sentence alone. A one-sided paragraph next to
    a link that took its partner along with its own paragraph (a paragraph shortened by an
    omission, paired with its neighbour's partner too) is paired again by splitting that link;
    a deleted paragraph is not hidden this way: each formerly one-sided paragraph must be the
    only one of its side in its new link (hiding it would fold it into a neighbour's)."""

    def joined(links: Sequence[Link]) -> int:
        return sum(
            max(len(link.source) - 1, 0) + max(len(link.target) - 1, 0)
            for link in links
            if link.source and link.target
        )

    if joined(found) >= joined(window):
        return False
    # each formerly one-sided paragraph is paired on its own, not folded into a neighbour's
    # link (a window can split one link and fold a paragraph into another)
    lone = (
        {p for link in window if link.is_one_sided for p in link.source},
        {p for link in window if link.is_one_sided for p in link.target},
    )
    for link in found:
        for side, paragraphs in enumerate((link.source, link.target)):
            if len(paragraphs) > 1 and lone[side].intersection(paragraphs):
                return False
    return all(bead.score > 0 for bead in beads if bead.source and bead.target)


def _one_sided(links: Sequence[Link]) -> int:
    """Paragraphs in links with no counterpart."""
    return sum(len(link.source) + len(link.target) for link in links if link.is_one_sided)


class _LoneSentences:
    """Which sentences had no counterpart under the window's old links, as the sentence pass
    aligns inside each link; worked out per link, and only for links asked about."""

    def __init__(self, window: Sequence[Link], sentences: _Sentences) -> None:
        self._spans = [sentences.spans([link]) for link in window]
        self._sentences = sentences
        self._link_of: tuple[dict[int, int], dict[int, int]] = ({}, {})
        for k, (s0, s1, t0, t1) in enumerate(self._spans):
            self._link_of[0].update(dict.fromkeys(range(s0, s1), k))
            self._link_of[1].update(dict.fromkeys(range(t0, t1), k))
        self._lone: dict[int, tuple[set[int], set[int]]] = {}

    def in_one_sided_link(self, side: int, sentence: int) -> bool:
        s0, s1, t0, t1 = self._spans[self._link_of[side][sentence]]
        return s0 == s1 or t0 == t1

    def alone(self, side: int, sentence: int) -> bool:
        """Whether a sentence (global index; side 0 source, 1 target) was alone."""
        k = self._link_of[side][sentence]
        if k not in self._lone:
            s0, s1, t0, t1 = self._spans[k]
            beads = None
            if s1 > s0 and t1 > t0:
                _, beads = self._sentences.align(s0, s1, t0, t1)
            self._lone[k] = self._lone_of(self._spans[k], beads)
        return sentence in self._lone[k][side]

    @staticmethod
    def _lone_of(
        span: tuple[int, int, int, int], beads: Sequence[Bead] | None
    ) -> tuple[set[int], set[int]]:
        """The sentences alone in a link of sentences ``span`` aligned as ``beads`` (None:
        a one-sided link, all of them)."""
        s0, s1, t0, t1 = span
        if beads is None:
            return set(range(s0, s1)), set(range(t0, t1))
        return (
            {s0 + i for b in beads if not b.target for i in b.source},
            {t0 + j for b in beads if not b.source for j in b.target},
        )

    @staticmethod
    def align_asked(
        windows: Sequence[tuple[_LoneSentences, Sequence[Bead], tuple[int, int, int, int]]],
        sentences: _Sentences,
    ) -> None:
        """Align, in one batch, every link ``_pairs_lone_sentences`` may ask ``alone``
        about in each window (its lone sentences, its window beads and their sentences):
        the links of the sentences of every bead that could rescue a one-sided paragraph.
        Speed only: ``alone`` aligns any link not done here itself, the same way."""
        asked: dict[tuple[int, int, int, int], list[tuple[_LoneSentences, int]]] = {}
        for lone, beads, (s0, _, t0, _) in windows:
            for bead in beads:
                if not (bead.source and bead.target) or not bead.score > 0:
                    continue
                source = [s0 + i for i in bead.source]
                target = [t0 + j for j in bead.target]
                if not any(lone.in_one_sided_link(0, i) for i in source) and not any(
                    lone.in_one_sided_link(1, j) for j in target
                ):
                    continue
                links = {lone._link_of[0][i] for i in source}
                links.update(lone._link_of[1][j] for j in target)
                for k in links:
                    if k in lone._lone:
                        continue
                    span = lone._spans[k]
                    if span[1] > span[0] and span[3] > span[2]:
                        asked.setdefault(span, []).append((lone, k))
                    else:
                        lone._lone[k] = _LoneSentences._lone_of(span, None)
        spans = list(asked)
        for span, (_, beads) in zip(spans, sentences.align_all(spans), strict=True):
            lone_sets = _LoneSentences._lone_of(span, beads)
            for lone, k in asked[span]:
                lone._lone[k] = lone_sets


def _pairs_lone_sentences(
    beads: Sequence[Bead],
    offsets: tuple[int, int],
    lone: _LoneSentences,
    scorer: SpanScorer,
    shape_trusted: bool,
) -> bool:
    """Whether a bead (window-local indices from ``offsets``) pairs a sentence of a formerly
    one-sided paragraph with one that was alone on the other side too, as a likely
    translation (log-odds above 0), vouched for by the window's shape or by the scorer."""
    s0, t0 = offsets
    for bead in beads:
        if not (bead.source and bead.target) or not bead.score > 0:
            continue
        source = [s0 + i for i in bead.source]
        target = [t0 + j for j in bead.target]
        rescues = any(lone.in_one_sided_link(0, i) for i in source) or any(
            lone.in_one_sided_link(1, j) for j in target
        )
        if not rescues:
            continue
        if not (any(lone.alone(0, i) for i in source) and any(lone.alone(1, j) for j in target)):
            continue
        if shape_trusted:
            return True
        vouched_source, vouched_target = scorer.supported_members(bead.source, bead.target)
        if vouched_source and vouched_target:
            return True
    return False


def _links_from_beads(
    beads: list[Bead],
    source_refs: Sequence[SentenceRef],
    target_refs: Sequence[SentenceRef],
    window: list[Link],
) -> list[Link]:
    """The finest monotone paragraph links that hold every bead whole: beads sharing a
    paragraph on either side belong to one link, and so does everything between them (a
    target-only bead between two beads of one source paragraph joins their link). A link the
    window already had keeps its score; a new one scores the mean of its two-sided beads."""
    groups: list[tuple[set[int], set[int], list[float]]] = []
    group_of: tuple[dict[int, int], dict[int, int]] = ({}, {})  # paragraph -> group index
    for bead in beads:
        source = {source_refs[i][0] for i in bead.source}
        target = {target_refs[j][0] for j in bead.target}
        shared = [group_of[0][p] for p in source if p in group_of[0]]
        shared += [group_of[1][p] for p in target if p in group_of[1]]
        if shared:  # fold every group from the first one sharing a paragraph into one
            first = min(shared)
            for later in groups[first + 1 :]:
                for side in (0, 1):
                    groups[first][side].update(later[side])
                    group_of[side].update(dict.fromkeys(later[side], first))
                groups[first][2].extend(later[2])
            del groups[first + 1 :]
        else:
            groups.append((set(), set(), []))
        index = len(groups) - 1
        group = groups[index]
        group[0].update(source)
        group[1].update(target)
        group_of[0].update(dict.fromkeys(source, index))
        group_of[1].update(dict.fromkeys(target, index))
        if bead.source and bead.target:
            group[2].append(float(sigmoid(bead.score)))
    kept = {(link.source, link.target): link for link in window}
    links = []
    for source, target, scores in groups:
        key = (tuple(sorted(source)), tuple(sorted(target)))
        score = round(float(np.mean(scores)), 4) if scores and source and target else 0.0
        links.append(kept.get(key) or Link(key[0], key[1], score))
    return links
