"""Immutable records shared by every stage of the engine.

Offsets are half-open ``[start, end)`` character offsets into a paragraph's ``text``:
the text the user sees, with all markup already removed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from tui.engine.tuning import Tuning


class Side(StrEnum):
    SOURCE = "source"
    TARGET = "target"

    @property
    def other(self) -> Side:
        return Side.TARGET if self is Side.SOURCE else Side.SOURCE


class FindingKind(StrEnum):
    """What a finding says; the values are the names used in JSON and in the app."""

    PARAGRAPH_ONLY_IN_SOURCE = "paragraph_only_in_source"
    PARAGRAPH_ONLY_IN_TARGET = "paragraph_only_in_target"
    SENTENCE_ONLY_IN_SOURCE = "sentence_only_in_source"
    SENTENCE_ONLY_IN_TARGET = "sentence_only_in_target"
    NUMBER_MISMATCH = "number_mismatch"
    QUOTE_MISMATCH = "quote_mismatch"
    UNTRANSLATED = "untranslated"
    WEAK_LINK = "weak_link"
    WORDING_CHANGED = "wording_changed"  # two revisions in one language: words replaced
    EDITOR_NOTE = "editor_note"  # the editor's own, from the review session (engine/notes.py)
    # added after the others, so that the JSON summary keeps its earlier keys in their order
    NAME_MISMATCH = "name_mismatch"  # a name carried across elsewhere, missing or replaced
    DATE_MISMATCH = "date_mismatch"  # a weekday or month named on both sides, disagreeing

    @property
    def is_omission(self) -> bool:
        """Content present in the source only (the target dropped it)."""
        return self in (FindingKind.PARAGRAPH_ONLY_IN_SOURCE, FindingKind.SENTENCE_ONLY_IN_SOURCE)

    @property
    def is_insertion(self) -> bool:
        """Content present in the target only (the target added it)."""
        return self in (FindingKind.PARAGRAPH_ONLY_IN_TARGET, FindingKind.SENTENCE_ONLY_IN_TARGET)


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` inside one paragraph's text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph as the user sees it, with its sentences as spans into ``text``.

    ``role`` says where it came from in the file ("paragraph", "heading", "list_item",
    "quote", "caption", "table_row", "footnote"); ``language`` is None when the paragraph is
    too short to judge. ``line`` is the 1-based line of the file where it starts, None where
    a file has no lines to speak of (Word and OpenDocument files).
    """

    text: str
    sentences: tuple[Span, ...]
    language: str | None = None
    role: str = "paragraph"
    line: int | None = None

    def sentence_text(self, index: int) -> str:
        span = self.sentences[index]
        return self.text[span.start : span.end]


@dataclass(frozen=True, slots=True)
class Article:
    """A loaded, segmented document. ``path`` is None for text that came from memory."""

    paragraphs: tuple[Paragraph, ...]
    path: str | None = None
    language: str | None = None
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.path or "<memory>"


@dataclass(frozen=True, slots=True)
class Link:
    """A bead of the paragraph alignment: source paragraph ids paired with target ids.

    An empty side means the other side's paragraphs exist in one version only; ``manual``
    marks a link the editor set by hand (tui.engine.corrections).
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float
    manual: bool = False

    @property
    def shape(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def is_one_sided(self) -> bool:
        return not self.source or not self.target


SentenceRef = tuple[int, int]
"""(paragraph index, sentence index within that paragraph)."""


@dataclass(frozen=True, slots=True)
class SentenceLink:
    """A bead of the sentence alignment inside one paragraph link (``manual``: set by hand).

    ``score`` is the probability the scorer gives the pairing (the sigmoid of its log-odds),
    which saturates at 1.00 for nearly every sentence pair of a translation; ``log_odds`` is
    the evidence itself, which still tells a strong link from a merely sure one (None where no
    scorer weighed it: set by hand, or read from an older JSON result).
    """

    source: tuple[SentenceRef, ...]
    target: tuple[SentenceRef, ...]
    score: float
    manual: bool = False
    log_odds: float | None = None

    @property
    def shape(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: a paragraph and a span in it (empty when it marks the partner)."""

    paragraph: int
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def _by_fields(self: object) -> tuple[type, tuple[object, ...]]:
    """Pickle a frozen slots dataclass as its constructor call: a long article's forked
    helpers send back some 150,000 spans, locations and paragraphs, and the dataclass
    default (``__setstate__`` setting each field through ``object.__setattr__``) took 0.4 s
    of the main process to unpickle them."""
    cls = type(self)
    return cls, tuple(getattr(self, name) for name in cls.__slots__)  # type: ignore[attr-defined]


for _cls in (Span, Paragraph, Article, Link, SentenceLink, Location):
    _cls.__reduce__ = _by_fields  # type: ignore[method-assign,assignment]


@dataclass(frozen=True, slots=True)
class Finding:
    """Something an editor should look at.

    ``id`` is derived from the finding's kind and the text it flags, not from its position,
    so it stays the same when unrelated parts of either article are edited; review
    decisions are keyed by it.
    """

    id: str
    kind: FindingKind
    severity: Severity
    confidence: float
    message: str
    source: Location | None
    target: Location | None
    # the evidence behind the finding, in words, where a detector measured it ("" if not)
    why: str = ""

    @property
    def side(self) -> Side:
        """The side that holds the flagged content (the side with a non-empty span)."""
        if self.source is not None and self.source.end > self.source.start:
            return Side.SOURCE
        if self.target is not None and self.target.end > self.target.start:
            return Side.TARGET
        return Side.SOURCE if self.source is not None else Side.TARGET

    def location(self, side: Side) -> Location | None:
        return self.source if side is Side.SOURCE else self.target


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Knobs of one comparison; keyword-only so call sites stay readable. ``tuning`` holds
    every parameter that changes results (tui.engine.tuning), the defaults unless given."""

    source_lang: str | None = None
    target_lang: str | None = None
    scorer: str = "auto"
    sentence_level: bool = True
    tuning: Tuning = field(default_factory=Tuning)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The whole result of comparing two articles. Nothing in it changes after creation."""

    source: Article
    target: Article
    links: tuple[Link, ...]
    sentence_links: tuple[SentenceLink, ...]
    findings: tuple[Finding, ...]
    scorer: str = "lexical"
    warnings: tuple[str, ...] = field(default=())
    # the parameters it was made with: corrections by hand re-align and detect with them
    tuning: Tuning = field(default_factory=Tuning)

    def article(self, side: Side) -> Article:
        return self.source if side is Side.SOURCE else self.target

    def summary(self) -> dict[str, int]:
        """Count of findings per kind, every kind listed (zero included), in enum order."""
        counts = Counter(f.kind for f in self.findings)
        return {kind.value: counts.get(kind, 0) for kind in FindingKind}

    def links_by_paragraph(self, side: Side) -> dict[int, int]:
        """Paragraph index on ``side`` -> index into ``links`` of the link holding it."""
        return {
            paragraph: index
            for index, link in enumerate(self.links)
            for paragraph in (link.source if side is Side.SOURCE else link.target)
        }
