"""Helpers shared by the report and interchange writers: languages, reviews, aligned units.

>>> bcp47("zh-cn"), bcp47("DE"), bcp47(None), bcp47("pt_br")
('zh-CN', 'de', 'und', 'pt-BR')
>>> xml_safe("a\\x00b\\x1bc\\td")
'abc\\td'
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tui.engine.model import (
    Article,
    Comparison,
    Finding,
    FindingKind,
    Link,
    Location,
    SentenceLink,
    Side,
)
from tui.engine.review import Decision, Review
from tui.engine.util.nearest import NearestMarked

UNITS = ("sentence", "paragraph")

KIND_LABELS: dict[FindingKind, str] = {
    FindingKind.PARAGRAPH_ONLY_IN_SOURCE: "Paragraph only in the source",
    FindingKind.PARAGRAPH_ONLY_IN_TARGET: "Paragraph only in the target",
    FindingKind.SENTENCE_ONLY_IN_SOURCE: "Sentence only in the source",
    FindingKind.SENTENCE_ONLY_IN_TARGET: "Sentence only in the target",
    FindingKind.NUMBER_MISMATCH: "Numbers differ",
    FindingKind.QUOTE_MISMATCH: "Quotation differs",
    FindingKind.UNTRANSLATED: "Left untranslated",
    FindingKind.WEAK_LINK: "Weak match",
    FindingKind.WORDING_CHANGED: "Wording changed",
    FindingKind.EDITOR_NOTE: "Editor's note",
    FindingKind.NAME_MISMATCH: "Names differ",
    FindingKind.DATE_MISMATCH: "Day or month differs",
}


# XML 1.0 allows tab, newline, carriage return and these ranges; anything else breaks parsers.
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?$")


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry."""
    return _XML_ILLEGAL.sub("", text)


def bcp47(code: str | None) -> str:
    """A langdetect / ISO 639-1 code as a BCP-47 tag; "und" when unknown or malformed."""
    match = _LANG.match((code or "").strip())
    if not match:
        return "und"
    language, script, region = match.groups()
    tag = language.lower()
    if script:
        tag += "-" + script.title()
    if region:
        tag += "-" + region.upper()
    return tag


def article_language(article: Article) -> str:
    """BCP-47 tag of ``article``: its own language, else the most common paragraph language."""
    if article.language:
        return bcp47(article.language)
    counts = Counter(p.language for p in article.paragraphs if p.language)
    return bcp47(counts.most_common(1)[0][0]) if counts else "und"


# Kinds a report's counts list only when there are some: changed wordings (only two revisions
# in one language can have them), the editor's own notes, and changed names and weekdays or
# months (rare: a report of a pair without any reads as before they were checked).
_COUNTED_WHEN_FOUND = frozenset(
    {
        FindingKind.WORDING_CHANGED,
        FindingKind.EDITOR_NOTE,
        FindingKind.NAME_MISMATCH,
        FindingKind.DATE_MISMATCH,
    }
)


def kind_counts(comparison: Comparison) -> list[tuple[FindingKind, int]]:
    """A report's counts per kind, in enum order: every kind the engine finds in any pair,
    zeros included; changed wordings, the editor's own notes, changed names and weekdays or
    months when there are any."""
    return [
        (FindingKind(kind), count)
        for kind, count in comparison.summary().items()
        if count or kind not in _COUNTED_WHEN_FOUND
    ]


def review_of(reviews: Mapping[str, Any], finding: Finding) -> Review:
    """The editor's review of ``finding`` (open when the session holds nothing for it)."""
    review = reviews.get(finding.id)
    if review is None:
        return Review()
    if isinstance(review, Review):
        return review
    # Tolerate look-alike records (anything with .decision and .note), e.g. from older callers.
    decision = getattr(review, "decision", Decision.OPEN)
    return Review(Decision(getattr(decision, "value", decision)), str(getattr(review, "note", "")))


def combined_decision(reviews: Mapping[str, Any], findings: tuple[Finding, ...]) -> Decision:
    """One state for several findings: open if any is open, else reviewed if any is reviewed."""
    decisions = {review_of(reviews, f).decision for f in findings}
    for decision in (Decision.OPEN, Decision.REVIEWED, Decision.DISMISSED):
        if decision in decisions:
            return decision
    return Decision.OPEN


@dataclass(frozen=True, slots=True)
class Unit:
    """One aligned pair of sentences (or paragraphs) with both sides present.

    ``group`` indexes ``Comparison.links`` (the paragraph bead holding the unit); ``notes`` are
    the one-sided passages next to it, which interchange formats cannot hold as units.
    """

    index: int
    group: int
    source_text: str
    target_text: str
    score: float
    findings: tuple[Finding, ...]
    notes: tuple[str, ...]
    only: Side | None = None  # a one-sided passage as its own unit: the side that has it


@dataclass(frozen=True, slots=True)
class UnitTable:
    """Units in document order, plus what had no unit to attach to (no two-sided pair at all)."""

    units: tuple[Unit, ...]
    stray_notes: tuple[str, ...]
    stray_findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class _Bead:
    group: int
    source: tuple[tuple[int, int], ...]  # (paragraph, sentence) or (paragraph, -1) for a whole one
    target: tuple[tuple[int, int], ...]
    score: float

    @property
    def two_sided(self) -> bool:
        return bool(self.source) and bool(self.target)


def _groups(comparison: Comparison) -> dict[tuple[Side, int], int]:
    where: dict[tuple[Side, int], int] = {}
    for index, link in enumerate(comparison.links):
        for p in link.source:
            where[(Side.SOURCE, p)] = index
        for p in link.target:
            where[(Side.TARGET, p)] = index
    return where


def _sentence_beads(comparison: Comparison) -> list[_Bead]:
    where = _groups(comparison)
    buckets: dict[int, list[SentenceLink]] = {}
    for sl in comparison.sentence_links:
        if sl.source:
            group = where.get((Side.SOURCE, sl.source[0][0]), -1)
        else:
            group = where.get((Side.TARGET, sl.target[0][0]), -1) if sl.target else -1
        buckets.setdefault(group, []).append(sl)
    beads: list[_Bead] = []
    for index, link in enumerate(comparison.links):
        inside = buckets.pop(index, [])
        beads.extend(_Bead(index, sl.source, sl.target, sl.score) for sl in inside)
        if not inside and link.is_one_sided:
            # The aligner may skip sentence beads for a one-sided paragraph: keep its content.
            beads.append(_paragraph_bead(index, link))
    for group, rest in buckets.items():
        beads.extend(_Bead(group, sl.source, sl.target, sl.score) for sl in rest)
    return beads


def _paragraph_bead(index: int, link: Link) -> _Bead:
    return _Bead(
        index, tuple((p, -1) for p in link.source), tuple((p, -1) for p in link.target), link.score
    )


def _text(article: Article, refs: tuple[tuple[int, int], ...]) -> str:
    parts = []
    for p, s in refs:
        paragraph = article.paragraphs[p]
        parts.append(paragraph.text if s < 0 else paragraph.sentence_text(s))
    # Sentences of one unit read as one segment; whole paragraphs keep their break.
    return ("\n" if any(s < 0 for _, s in refs) else " ").join(parts)


class _BeadLookup:
    """Which bead holds what a finding points at, and the two-sided bead nearest to a bead:
    an index built once per export, so each question costs O(log n) instead of a scan of all
    beads (quadratic when most of a document is one-sided: a book against a one-line file).
    """

    def __init__(self, comparison: Comparison, beads: list[_Bead]) -> None:
        self._comparison = comparison
        self._two_sided = NearestMarked(bead.two_sided for bead in beads)
        # per (side, paragraph): the first bead holding it at all, the first holding it whole,
        # and the beads of its sentences with their spans, in sentence order (sentences do
        # not overlap, so starts and ends are both sorted)
        self._first: dict[tuple[Side, int], int] = {}
        self._whole: dict[tuple[Side, int], int] = {}
        self._sentences: dict[tuple[Side, int], tuple[list[int], list[int], list[int]]] = {}
        for index, bead in enumerate(beads):
            for side, refs in ((Side.SOURCE, bead.source), (Side.TARGET, bead.target)):
                paragraphs = comparison.article(side).paragraphs
                for p, s in refs:
                    key = (side, p)
                    self._first.setdefault(key, index)
                    if s < 0:
                        self._whole.setdefault(key, index)
                        continue
                    span = paragraphs[p].sentences[s]
                    starts, ends, owners = self._sentences.setdefault(key, ([], [], []))
                    starts.append(span.start)
                    ends.append(span.end)
                    owners.append(index)

    def neighbour(self, index: int) -> int | None:
        """The nearest two-sided bead at or before ``index``, else after it."""
        before = self._two_sided.at_or_before(index)
        return before if before is not None else self._two_sided.at_or_after(index + 1)

    def bead_of(
        self, finding: Finding, sides: tuple[Side, Side] = (Side.SOURCE, Side.TARGET)
    ) -> int | None:
        """The first bead holding the content ``finding`` points at, looked up on ``sides``
        in that order: one holding its paragraph whole or a sentence its span overlaps (an
        empty span: touches), else the first bead holding that paragraph at all."""
        for side in sides:
            location = finding.location(side)
            if location is None:
                continue
            key = (side, location.paragraph)
            if key not in self._first:
                continue
            found = [self._whole[key]] if key in self._whole else []
            starts, ends, owners = self._sentences.get(key, ([], [], []))
            if location.end > location.start:  # sentences overlapping [start, end)
                lo = bisect.bisect_right(ends, location.start)
                hi = bisect.bisect_left(starts, location.end)
            else:  # sentences with start <= position <= end
                lo = bisect.bisect_left(ends, location.start)
                hi = bisect.bisect_right(starts, location.start)
            if lo < hi:
                found.append(min(owners[lo:hi]))
            return min(found) if found else self._first[key]
        return None

    def beads_over(self, finding: Finding, side: Side) -> list[int]:
        """Every bead holding content ``finding`` flags on ``side`` (a one-sided passage of
        several sentences is several beads), in order."""
        location = finding.location(side)
        if location is None or location.end <= location.start:
            return []
        key = (side, location.paragraph)
        found = [self._whole[key]] if key in self._whole else []
        starts, ends, owners = self._sentences.get(key, ([], [], []))
        lo = bisect.bisect_right(ends, location.start)
        hi = bisect.bisect_left(starts, location.end)
        return sorted({*found, *owners[lo:hi]})


def _beads(comparison: Comparison, unit: str) -> list[_Bead]:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if unit == "sentence":
        return _sentence_beads(comparison)
    return [_paragraph_bead(i, link) for i, link in enumerate(comparison.links)]


@dataclass(frozen=True, slots=True)
class Row:
    """One bead of the alignment, two-sided or not; the missing side's text is empty."""

    source_text: str
    target_text: str
    score: float
    findings: tuple[Finding, ...]


def aligned_rows(comparison: Comparison, unit: str = "sentence") -> tuple[Row, ...]:
    """Every bead of ``comparison`` at ``unit`` level in document order, one-sided ones
    included, each with the findings about its own content (a table can hold what TMX cannot).
    """
    beads = _beads(comparison, unit)
    lookup = _BeadLookup(comparison, beads)
    findings: dict[int | None, list[Finding]] = {}
    for finding in comparison.findings:
        # The side holding the content first: the other side's empty span only marks a partner.
        sides = (finding.side, finding.side.other)
        findings.setdefault(lookup.bead_of(finding, sides), []).append(finding)
    return tuple(
        Row(
            _text(comparison.source, bead.source),
            _text(comparison.target, bead.target),
            bead.score,
            tuple(findings.get(index, ())),
        )
        for index, bead in enumerate(beads)
        if bead.source or bead.target
    )


def aligned_units(
    comparison: Comparison, unit: str = "sentence", *, one_sided_units: bool = False
) -> UnitTable:
    """The two-sided beads of ``comparison`` at ``unit`` level, with findings and notes attached.

    One-sided content becomes a note on the neighbouring unit, and so do findings about it;
    with ``one_sided_units`` it is a unit of its own instead (``Unit.only`` says which side
    has it), holding its findings, where the format can carry an empty side (XLIFF).
    """
    beads = _beads(comparison, unit)
    lookup = _BeadLookup(comparison, beads)
    notes: dict[int | None, list[str]] = {}
    findings: dict[int | None, list[Finding]] = {}

    def is_unit(bead: _Bead) -> bool:
        return bead.two_sided or (one_sided_units and bool(bead.source or bead.target))

    for index, bead in enumerate(beads):
        if is_unit(bead):
            continue
        side = Side.SOURCE if bead.source else Side.TARGET
        refs = bead.source or bead.target
        if not refs:
            continue
        language = article_language(comparison.article(side))
        text = _text(comparison.article(side), refs)
        notes.setdefault(lookup.neighbour(index), []).append(
            f"only in the {side.value} ({language}): {text}"
        )
    for finding in comparison.findings:
        # its own content first: a one-sided passage's finding also points at the other
        # side's neighbour, which is where it would go, not where it is
        index = (
            lookup.bead_of(finding, (finding.side, finding.side.other))
            if one_sided_units
            else lookup.bead_of(finding)
        )
        if index is not None and is_unit(beads[index]):
            owner: int | None = index
        else:
            owner = None if index is None else lookup.neighbour(index)
        findings.setdefault(owner, []).append(finding)
        if one_sided_units:
            # the rest of a passage it flags: each one-sided unit of it carries the finding,
            # so that none of them reads as signed off while it is open
            for other in lookup.beads_over(finding, finding.side):
                if other != owner and not beads[other].two_sided and is_unit(beads[other]):
                    findings.setdefault(other, []).append(finding)
    units = []
    for index, bead in enumerate(beads):
        if not is_unit(bead):
            continue
        only = None if bead.two_sided else (Side.SOURCE if bead.source else Side.TARGET)
        units.append(
            Unit(
                index=len(units),
                group=bead.group,
                source_text=_text(comparison.source, bead.source),
                target_text=_text(comparison.target, bead.target),
                score=bead.score,
                findings=tuple(findings.get(index, ())),
                notes=tuple(notes.get(index, ())),
                only=only,
            )
        )
    return UnitTable(tuple(units), tuple(notes.get(None, ())), tuple(findings.get(None, ())))


def finding_note(finding: Finding, reviews: Mapping[str, Any]) -> str:
    """One line about ``finding`` for a note: kind, review state, message, editor's note."""
    review = review_of(reviews, finding)
    text = f"{finding.kind.value} [{review.decision.value}]: {finding.message}"
    return f"{text} (editor: {review.note})" if review.note else text


@dataclass(frozen=True, slots=True)
class Excerpt:
    """One side's paragraph around a finding, split at the flagged span.

    ``flagged`` is empty when the finding only marks where the other side's content would go.
    """

    paragraph: int
    before: str
    flagged: str
    after: str


Unlinked = frozenset[tuple[Side, int]]


def unlinked_paragraphs(comparison: Comparison) -> Unlinked:
    """(side, paragraph) of every paragraph in a one-sided link: a finding there points at a
    neighbouring paragraph of the other side, which is no counterpart."""
    return frozenset(
        (Side.SOURCE if link.source else Side.TARGET, p)
        for link in comparison.links
        if link.is_one_sided
        for p in link.source or link.target
    )


def points_at_neighbour(finding: Finding, unlinked: Unlinked) -> bool:
    """Whether the other side of ``finding`` is only the paragraph next to where it belongs."""
    held = finding.location(finding.side)
    return held is not None and (finding.side, held.paragraph) in unlinked


def place_of(finding: Finding, side: Side, unlinked: Unlinked) -> str:
    """Where ``finding`` points on ``side``, for a column heading: " · paragraph 3", or
    " · next to paragraph 3" when that paragraph is only a neighbour (nothing when none)."""
    location = finding.location(side)
    if location is None:
        return ""
    near = side is not finding.side and points_at_neighbour(finding, unlinked)
    return f" · {'next to paragraph' if near else 'paragraph'} {location.paragraph + 1}"


def excerpt(
    comparison: Comparison,
    finding: Finding,
    side: Side,
    unlinked: Unlinked = frozenset(),
) -> Excerpt | None:
    """The paragraph ``finding`` points at on ``side``, or None when it has no place there
    (``unlinked``: see ``unlinked_paragraphs``)."""
    location = finding.location(side)
    if location is None and finding.kind is FindingKind.EDITOR_NOTE:
        location = _note_partner(comparison, finding, side)
    if location is None or (side is not finding.side and points_at_neighbour(finding, unlinked)):
        return None
    text = comparison.article(side).paragraphs[location.paragraph].text
    start = max(0, min(location.start, len(text)))
    end = max(start, min(location.end, len(text)))
    return Excerpt(location.paragraph, text[:start], text[start:end], text[end:])


def _note_partner(comparison: Comparison, finding: Finding, side: Side) -> Location | None:
    """An editor's note names its own paragraph only: on the other side, the first
    paragraph linked with it (none where the paragraph is linked to nothing)."""
    own = finding.location(finding.side)
    if own is None:
        return None
    link = comparison.links_by_paragraph(finding.side).get(own.paragraph)
    if link is None:
        return None
    found = comparison.links[link]
    others = found.target if side is Side.TARGET else found.source
    return Location(others[0], 0, 0) if others else None


def review_counts(reviews: Mapping[str, Any], findings: tuple[Finding, ...]) -> dict[str, int]:
    """How many findings are open, reviewed and dismissed."""
    counts = Counter(review_of(reviews, f).decision for f in findings)
    return {d.value: counts.get(d, 0) for d in Decision}
