"""What every detector shares: the aligned links it reads and the thresholds it applies
(``FindingContext.detection``, from tui.engine.tuning), a finding before its id (Draft), and
how findings quote, locate and size the text they flag."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from tui.engine.align.dp import AlignParams, Bead
from tui.engine.model import (
    Article,
    FindingKind,
    Link,
    Location,
    Paragraph,
    SentenceRef,
    Severity,
    Side,
    Span,
)
from tui.engine.scoring.base import SpanScorer
from tui.engine.text.anchors import (
    word_count,
)
from tui.engine.text.language import has_enough_letters
from tui.engine.tuning import DetectionTuning, Tuning


@dataclass(frozen=True, slots=True)
class LinkGroup:
    """The sentence alignment inside one paragraph link, with local bead indices."""

    link: Link
    scorer: SpanScorer | None
    beads: list[Bead]
    source_refs: Sequence[SentenceRef]
    target_refs: Sequence[SentenceRef]
    params: AlignParams | None = None  # the costs the sentence alignment was made with
    by_hand: bool = False  # the editor set these sentence links: their word is final

    def refs(self, side: Side) -> Sequence[SentenceRef]:
        """The sentence refs of ``side`` (a bead's local indices on that side index them)."""
        return self.source_refs if side is Side.SOURCE else self.target_refs


@dataclass(frozen=True, slots=True)
class FindingContext:
    source: Article
    target: Article
    links: tuple[Link, ...]
    groups: list[LinkGroup]
    tuning: Tuning = field(default_factory=Tuning)  # the comparison's (CompareOptions.tuning)
    # document-wide figures several detectors read, computed once (weak_link_floor); not an
    # argument, so that a copy with other tuning (dataclasses.replace) computes its own
    _memo: dict[str, float | None] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    # what a detector learns once from the whole document (detect/names.py: the names it
    # carries across), by the detector's key; not an argument, as ``_memo``
    learned: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)
    # scores of beads a detector will ask about, scored ahead in one call per scorer (speed
    # only: one_sided.score_lone_neighbours); by (link, by the scorer's evidence view), then
    # by the bead's sentence spans (s0, s1, t0, t1) in the link's local indices
    bead_scores: dict[tuple[Link, bool], dict[tuple[int, int, int, int], float]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    @property
    def detection(self) -> DetectionTuning:
        """The detectors' thresholds."""
        return self.tuning.detection

    @property
    def weak_link_floor(self) -> float | None:
        """The score below which a one-to-one sentence link is a low outlier for this
        document: ``detection.weak_link_deviations`` robust deviations (median absolute
        deviation) under the median of its scored 1-1 links; None with fewer than
        ``detection.weak_link_min_pairs`` of them (no median to judge against)."""
        if "weak_link_floor" not in self._memo:
            self._memo["weak_link_floor"] = self._floor(
                [bead.score for _, bead in self.scored_one_to_one()]
            )
        return self._memo["weak_link_floor"]

    @property
    def larger_bead_floor(self) -> float | None:
        """``weak_link_floor`` measured on the document's scored beads with more than one
        sentence on a side instead: a loose translation's 1-2 and 2-1 beads score lower and
        spread wider than its one-to-one links, and are judged against their own kind."""
        if "larger_bead_floor" not in self._memo:
            self._memo["larger_bead_floor"] = self._floor(
                [
                    bead.score
                    for group in self.groups
                    for bead in group.beads
                    if bead.source
                    and bead.target
                    and max(len(bead.source), len(bead.target)) > 1
                    and not np.isnan(bead.score)
                ]
            )
        return self._memo["larger_bead_floor"]

    def _floor(self, scores: list[float]) -> float | None:
        """``detection.weak_link_deviations`` robust deviations under the median of
        ``scores``; None with fewer than ``detection.weak_link_min_pairs`` of them."""
        if len(scores) < self.detection.weak_link_min_pairs:
            return None
        values = np.array(scores)
        median = float(np.median(values))
        spread = float(np.median(np.abs(values - median))) * 1.4826 or 1.0
        return median - self.detection.weak_link_deviations * spread

    def scored_one_to_one(self) -> list[tuple[LinkGroup, Bead]]:
        """The document's one-to-one sentence links that have a score, with their groups."""
        return [
            (group, bead)
            for group in self.groups
            for bead in group.beads
            if len(bead.source) == 1 and len(bead.target) == 1 and not np.isnan(bead.score)
        ]

    def article(self, side: Side) -> Article:
        return self.source if side is Side.SOURCE else self.target


@dataclass(frozen=True, slots=True)
class Draft:
    """A finding before its id is assigned."""

    kind: FindingKind
    severity: Severity
    confidence: float
    message: str
    side: Side
    held: Location  # where the content is
    partner: Location | None  # the linked paragraph on the other side, empty span
    signature: str  # text the id is derived from
    why: str = ""  # the evidence, in words (Finding.why)


def characters(context: FindingContext, side: Side, refs: Iterable[SentenceRef]) -> int:
    """Characters in the sentences ``refs`` of ``side`` (measured on their spans)."""
    paragraphs = context.article(side).paragraphs
    return sum(len(paragraphs[p].sentences[s]) for p, s in refs)


def sentence_texts(context: FindingContext, side: Side, refs: Iterable[SentenceRef]) -> list[str]:
    """The texts of the sentences ``refs`` of ``side``."""
    paragraphs = context.article(side).paragraphs
    return [paragraphs[p].sentence_text(s) for p, s in refs]


def bead_members(bead: Bead, side: Side) -> tuple[int, ...]:
    """The local indices of ``bead``'s sentences on ``side`` (LinkGroup.refs(side) holds
    their refs)."""
    return bead.source if side is Side.SOURCE else bead.target


def two_sided_neighbours(group: LinkGroup, position: int) -> list[Bead]:
    """The beads just before and after ``position`` that have sentences on both sides."""
    around = [group.beads[k] for k in (position - 1, position + 1) if 0 <= k < len(group.beads)]
    return [bead for bead in around if bead.source and bead.target]


def translation_log_odds(group: LinkGroup, side: Side, text: str, bead: Bead) -> float | None:
    """The model's evidence (log-odds) that ``text`` of ``side`` translates part of
    ``bead``'s other side; None for a scorer without a model or a span it has not embedded."""
    if group.scorer is None:
        return None
    other = bead_members(bead, side.other)
    odds = group.scorer.text_log_odds(
        [text], source=side is Side.SOURCE, start=other[0], end=other[-1] + 1
    )
    return None if odds is None else float(odds[0])


def nearby_log_odds(group: LinkGroup, position: int, side: Side, text: str) -> float | None:
    """The model's evidence (log-odds) that ``text`` of ``side`` translates part of a
    neighbouring bead's other side (of the bead at ``position``), the stronger of the two;
    None for a scorer without a model or without a two-sided neighbour."""
    best = None
    for neighbour in two_sided_neighbours(group, position):
        odds = translation_log_odds(group, side, text, neighbour)
        if odds is None:
            return None
        best = odds if best is None else max(best, odds)
    return best


# where a clause ends inside a sentence: a comma, semicolon, colon or dash (with their
# full-width, ideographic and Arabic forms), the places a translator runs a sentence of the
# other version into a neighbouring one
CLAUSE_MARKS = frozenset(",;:—–，、；：،؛")


def edge_clauses(texts: Sequence[str], *, start: bool) -> list[str]:
    """The runs of clauses at the start (``start``) or the end of the sentences ``texts``
    read as one text, each shorter than the whole: cut after a clause mark or between two
    of the sentences. A sentence the other version runs into its neighbour's is one of
    them: at the start of the neighbour's text when it comes before that neighbour, at its
    end when after.

    >>> edge_clauses(["Nulle part ; elle a marché , ici .", "Puis rien ."], start=True)
    ['Nulle part ;', 'Nulle part ; elle a marché ,', 'Nulle part ; elle a marché , ici .']
    >>> edge_clauses(["Il vint , vit ."], start=False)
    ['vit .']
    >>> edge_clauses(["1,000,000 people came, then left."], start=False)
    ['then left.']
    """
    whole = " ".join(text.strip() for text in texts)
    cuts = []
    at = 0
    for k, text in enumerate(texts):
        text = text.strip()
        for i, ch in enumerate(text[:-1]):
            # not inside a number or a time ("1,000,000", "10:30"): no clause ends there
            if ch in CLAUSE_MARKS and not (text[i - 1 : i].isdigit() and text[i + 1].isdigit()):
                cuts.append(at + i + 1)
        at += len(text) + 1
        if k < len(texts) - 1:
            cuts.append(at - 1)
    pieces = [whole[:cut] if start else whole[cut:] for cut in cuts]
    return [piece.strip() for piece in dict.fromkeys(pieces) if piece.strip()]


def clause_log_odds(
    context: FindingContext,
    group: LinkGroup,
    position: int,
    side: Side,
    text: str,
    steps: Iterable[int] = (-1, 1),
) -> float | None:
    """The model's evidence (log-odds) that ``text`` of ``side`` translates a run of clauses
    at the near edge of a neighbouring bead's other side (``edge_clauses``: its start for
    the bead after ``position``, its end for the bead before; ``steps``: which of the two,
    -1 before, 1 after), the strongest of them: the other version ran it into that
    sentence. None for a scorer without a model, or where no neighbour has a clause mark or
    several sentences to cut at."""
    pair = getattr(group.scorer, "pair_log_odds", None)
    if pair is None:
        return None
    refs = group.refs(side.other)
    clauses: list[str] = []
    for k in (position + step for step in steps):
        if not 0 <= k < len(group.beads):
            continue
        bead = group.beads[k]
        if not (bead.source and bead.target):
            continue
        other = bead_members(bead, side.other)
        texts = sentence_texts(context, side.other, [refs[m] for m in other])
        clauses += edge_clauses(texts, start=k > position)
    if not clauses:
        return None
    odds = pair(text, clauses, source=side is Side.SOURCE)
    return None if odds is None else float(np.max(odds))


def quote_text(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1].rstrip()}…”"


def partner_of(context: FindingContext, link: Link, side: Side) -> Location | None:
    ids = link.target if side is Side.SOURCE else link.source
    return Location(ids[0], 0, 0) if ids else None


def locations(
    side: Side, held: Location, partner: Location | None
) -> tuple[Location | None, Location | None]:
    return (held, partner) if side is Side.SOURCE else (partner, held)


def side_name(side: Side) -> str:
    return "source" if side is Side.SOURCE else "target"


def severity_by_size(words: float, detection: DetectionTuning) -> Severity:
    if words >= detection.high_severity_words:
        return Severity.HIGH
    if words >= detection.min_words_to_flag:
        return Severity.MEDIUM
    return Severity.LOW


# --- one-sided spans already reported -----------------------------------------------------------


class OneSidedSpans:
    """The spans reported as present on one side only, per side and paragraph, sorted by
    start with the furthest end reached so far: overlap and cover tests by bisection."""

    def __init__(self, drafts: Sequence[Draft]) -> None:
        self._starts: dict[tuple[Side, int], list[int]] = {}
        self._reach: dict[tuple[Side, int], list[int]] = {}
        held = sorted(
            ((d.side, d.held) for d in drafts if d.kind.is_omission or d.kind.is_insertion),
            key=lambda item: (item[0].value, item[1].paragraph, item[1].start),
        )
        for side, location in held:
            key = (side, location.paragraph)
            self._starts.setdefault(key, []).append(location.start)
            reach = self._reach.setdefault(key, [])
            reach.append(max(location.end, reach[-1]) if reach else location.end)

    def _furthest(self, side: Side, paragraph: int, position: int, *, right: bool) -> int:
        """The furthest end among spans starting before ``position`` (or at it, ``right``)."""
        starts = self._starts.get((side, paragraph), [])
        k = (bisect.bisect_right if right else bisect.bisect_left)(starts, position) - 1
        return self._reach[(side, paragraph)][k] if k >= 0 else -1

    def overlaps(self, side: Side, paragraph: int, start: int, end: int) -> bool:
        return self._furthest(side, paragraph, end, right=False) > start

    def covers(self, side: Side, paragraph: int, start: int, end: int) -> bool:
        return self._furthest(side, paragraph, start, right=True) >= end


# (side holding the content, whole paragraph?) -> kind
ONE_SIDED_KINDS = {
    (Side.SOURCE, False): FindingKind.SENTENCE_ONLY_IN_SOURCE,
    (Side.TARGET, False): FindingKind.SENTENCE_ONLY_IN_TARGET,
    (Side.SOURCE, True): FindingKind.PARAGRAPH_ONLY_IN_SOURCE,
    (Side.TARGET, True): FindingKind.PARAGRAPH_ONLY_IN_TARGET,
}


def sentence_span(article: Article, ref: SentenceRef) -> tuple[Paragraph, Span]:
    paragraph = article.paragraphs[ref[0]]
    return paragraph, paragraph.sentences[ref[1]]


def runs_in_paragraph(indices: list[int], refs: Sequence[SentenceRef]) -> list[list[int]]:
    """Consecutive runs inside one paragraph each: with sentences 1 and 2 in one paragraph
    and 3, 4 in the next, [1, 2, 3, 5] -> [[1, 2], [3], [5]] (a finding is one paragraph's)."""
    runs: list[list[int]] = []
    for k in indices:
        if runs and runs[-1][-1] == k - 1 and refs[k][0] == refs[k - 1][0]:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


# The confidence of a one-sided paragraph under ``detection.min_words_to_flag`` words.
SHORT_PARAGRAPH_CONFIDENCE = 0.6


def sentence_draft(
    context: FindingContext,
    group: LinkGroup,
    side: Side,
    local: list[int],
    confidence: float,
    reason: str,
    why: str = "",
    *,
    unit: str | None = None,
    lone: list[int] | None = None,
) -> Draft | None:
    """The finding on sentences ``local`` of ``side`` (one paragraph's, consecutive): a
    paragraph only in one version where they are all of it, unless ``unit`` names the
    message's subject instead (a run not all one-sided: "One of these sentences"); None
    under ``detection.min_words_to_flag`` words but for a whole paragraph. Where only
    ``lone`` of them are one-sided (the rest carried along), only their words count, for
    that floor and the severity."""
    refs = group.refs(side)
    article = context.article(side)
    chosen = [refs[k] for k in local]  # one paragraph's sentences (see _runs)
    paragraph_id = chosen[0][0]
    paragraph = article.paragraphs[paragraph_id]
    start = paragraph.sentences[chosen[0][1]].start
    end = paragraph.sentences[chosen[-1][1]].end
    text = paragraph.text[start:end]
    if lone is None:
        words = word_count(text)
    else:
        spans = [paragraph.sentences[refs[k][1]] for k in lone]
        words = sum(word_count(paragraph.text[span.start : span.end]) for span in spans)
    # every sentence of the paragraph: a whole paragraph the link's other paragraphs carried
    # along (one line per paragraph, a dropped line), which is what the editor should read
    whole = unit is None and len(chosen) == len(paragraph.sentences)
    if words < context.detection.min_words_to_flag:
        if not whole or not has_enough_letters(text, 1):
            return None  # a fragment, or a bare label ("1. 1950 :") the number check reads
        # a heading or a one-word line is content too, reported as a paragraph left alone
        # by the paragraph alignment is (one_sided_paragraphs): with less confidence
        confidence = min(confidence, SHORT_PARAGRAPH_CONFIDENCE)
    if unit is None:  # "2 sentences": a run must not read as one missing sentence
        unit = (
            "Paragraph" if whole else "Sentence" if len(chosen) == 1 else f"{len(chosen)} sentences"
        )
    return Draft(
        kind=ONE_SIDED_KINDS[(side, whole)],
        severity=severity_by_size(words, context.detection),
        confidence=round(confidence, 3),
        message=f"{unit} only in the {side_name(side)}{reason}: {quote_text(text)}",
        side=side,
        held=Location(paragraph_id, start, end),
        partner=partner_of(context, group.link, side),
        signature=text,
        why=why,
    )
