"""From alignments to findings: what an editor should look at.

Alignment alone misses most omissions (the orphaned sentence gets folded into a 1-2 bead),
so besides one-sided beads this module re-examines every two-sided bead: a member that the
scorer finds unsupported by the other side is flagged as present on one side only, unless
it sits at the edge of a multi-sentence bead and dropping it hurts the bead; so are both
sides of a bead the scorer finds improbable. A one-sided sentence that a neighbouring bead's
other side translates is not flagged. Numbers and quotations are compared per paragraph
link; a weak link is not reported on a sentence already reported as one-sided.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tui.engine.align.dp import Bead
from tui.engine.model import (
    Article,
    Finding,
    FindingKind,
    Link,
    Location,
    Paragraph,
    SentenceRef,
    Severity,
    Side,
    Span,
)
from tui.engine.scoring.base import SpanScorer, sigmoid
from tui.engine.text.anchors import (
    QUOTE_MARKS,
    iter_anchors,
    iter_numbers,
    normalize_word,
)

# A bead member the scorer finds unsupported is flagged unless dropping it from its bead
# costs the bead more log-odds than this (measured on synthetic omissions of the dev set;
# a floor of 0 removes a third of the false alarms there but loses one of the sample
# pair's dropped sentences).
UNSUPPORTED_MAX_COST = 1.0
UNSUPPORTED_CONFIDENCE = 0.6  # the embedding's word alone: less sure than a one-sided bead
IMPROBABLE_CONFIDENCE = 0.5  # either side may be the translator's rewrite of the other
# Linked sentence pairs this many robust deviations below the document's median are weak.
WEAK_LINK_DEVIATIONS = 3.5
MIN_WORDS_TO_FLAG = 3


_Span4 = tuple[int, int, int, int]  # source start, end, target start, end (local indices)


@dataclass(frozen=True, slots=True)
class LinkGroup:
    """The sentence alignment inside one paragraph link, with local bead indices."""

    link: Link
    scorer: SpanScorer | None
    beads: list[Bead]
    source_refs: Sequence[SentenceRef]
    target_refs: Sequence[SentenceRef]


@dataclass(frozen=True, slots=True)
class FindingContext:
    source: Article
    target: Article
    links: tuple[Link, ...]
    groups: list[LinkGroup]

    def article(self, side: Side) -> Article:
        return self.source if side is Side.SOURCE else self.target


@dataclass(frozen=True, slots=True)
class _Draft:
    """A finding before its id is assigned."""

    kind: FindingKind
    severity: Severity
    confidence: float
    message: str
    side: Side
    held: Location  # where the content is
    partner: Location | None  # the linked paragraph on the other side, empty span
    signature: str  # text the id is derived from


def find_all(context: FindingContext) -> tuple[Finding, ...]:
    drafts: list[_Draft] = []
    drafts += _one_sided_paragraphs(context)
    for group in context.groups:
        if group.link.source and group.link.target:
            drafts += _one_sided_sentences(context, group)
            drafts += _extra_sentences(context, group)
            drafts += _improbable_beads(context, group)
            drafts += _number_mismatches(context, group.link)
            drafts += _quote_mismatches(context, group.link)
            drafts += _untranslated(context, group.link)
    drafts += _weak_links_not_reported(context, drafts)
    return _assign_ids(drafts)


# --- helpers -----------------------------------------------------------------------------------


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1].rstrip()}…”"


def _word_count(text: str) -> int:
    return sum(1 for kind, *_ in iter_anchors(text) if kind in ("word", "number"))


def _partner(context: FindingContext, link: Link, side: Side) -> Location | None:
    ids = link.target if side is Side.SOURCE else link.source
    return Location(ids[0], 0, 0) if ids else None


def _locations(
    side: Side, held: Location, partner: Location | None
) -> tuple[Location | None, Location | None]:
    return (held, partner) if side is Side.SOURCE else (partner, held)


def _side_name(side: Side) -> str:
    return "source" if side is Side.SOURCE else "target"


def _severity_by_size(words: int) -> Severity:
    if words >= 12:
        return Severity.HIGH
    if words >= MIN_WORDS_TO_FLAG:
        return Severity.MEDIUM
    return Severity.LOW


# --- content present in one version only --------------------------------------------------------

# (side holding the content, whole paragraph?) -> kind
_ONE_SIDED_KINDS = {
    (Side.SOURCE, False): FindingKind.SENTENCE_ONLY_IN_SOURCE,
    (Side.TARGET, False): FindingKind.SENTENCE_ONLY_IN_TARGET,
    (Side.SOURCE, True): FindingKind.PARAGRAPH_ONLY_IN_SOURCE,
    (Side.TARGET, True): FindingKind.PARAGRAPH_ONLY_IN_TARGET,
}


def _one_sided_paragraphs(context: FindingContext) -> list[_Draft]:
    drafts = []
    for n, link in enumerate(context.links):
        if link.source and link.target:
            continue
        side = Side.SOURCE if link.source else Side.TARGET
        article = context.article(side)
        neighbour = _neighbour_partner(context, n, side)
        for p in link.source or link.target:
            paragraph = article.paragraphs[p]
            words = _word_count(paragraph.text)
            drafts.append(
                _Draft(
                    kind=_ONE_SIDED_KINDS[(side, True)],
                    severity=_severity_by_size(words),
                    confidence=0.9 if words >= MIN_WORDS_TO_FLAG else 0.6,
                    message=f"Paragraph only in the {_side_name(side)}: {_quote(paragraph.text)}",
                    side=side,
                    held=Location(p, 0, len(paragraph.text)),
                    partner=neighbour,
                    signature=paragraph.text,
                )
            )
    return drafts


def _neighbour_partner(context: FindingContext, link_index: int, side: Side) -> Location | None:
    """The other side's paragraph just before a one-sided link (or after, at the start)."""
    other = side.other
    # lazily: building both ranges as lists would make this O(n) per one-sided link
    for k in itertools.chain(
        range(link_index - 1, -1, -1), range(link_index + 1, len(context.links))
    ):
        ids = context.links[k].source if other is Side.SOURCE else context.links[k].target
        if ids:
            return Location(ids[-1] if k < link_index else ids[0], 0, 0)
    return None


def _sentence_span(article: Article, ref: SentenceRef) -> tuple[Paragraph, Span]:
    paragraph = article.paragraphs[ref[0]]
    return paragraph, paragraph.sentences[ref[1]]


def _runs(indices: list[int], refs: Sequence[SentenceRef]) -> list[list[int]]:
    """Consecutive runs inside one paragraph each: with sentences 1 and 2 in one paragraph
    and 3, 4 in the next, [1, 2, 3, 5] -> [[1, 2], [3], [5]] (a finding is one paragraph's)."""
    runs: list[list[int]] = []
    for k in indices:
        if runs and runs[-1][-1] == k - 1 and refs[k][0] == refs[k - 1][0]:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _sentence_draft(
    context: FindingContext,
    group: LinkGroup,
    side: Side,
    local: list[int],
    confidence: float,
    reason: str,
) -> _Draft | None:
    refs = group.source_refs if side is Side.SOURCE else group.target_refs
    article = context.article(side)
    chosen = [refs[k] for k in local]  # one paragraph's sentences (see _runs)
    paragraph_id = chosen[0][0]
    paragraph = article.paragraphs[paragraph_id]
    start = paragraph.sentences[chosen[0][1]].start
    end = paragraph.sentences[chosen[-1][1]].end
    text = paragraph.text[start:end]
    words = _word_count(text)
    if words < MIN_WORDS_TO_FLAG:
        return None
    # every sentence of the paragraph: a whole paragraph the link's other paragraphs carried
    # along (one line per paragraph, a dropped line), which is what the editor should read
    whole = len(chosen) == len(paragraph.sentences)
    unit = "Paragraph" if whole else "Sentence"
    return _Draft(
        kind=_ONE_SIDED_KINDS[(side, whole)],
        severity=_severity_by_size(words),
        confidence=round(confidence, 3),
        message=f"{unit} only in the {_side_name(side)}{reason}: {_quote(text)}",
        side=side,
        held=Location(paragraph_id, start, end),
        partner=_partner(context, group.link, side),
        signature=text,
    )


def _one_sided_sentences(context: FindingContext, group: LinkGroup) -> list[_Draft]:
    drafts = []
    for side in Side:
        lonely = [
            (bead.source or bead.target)[0]
            for position, bead in enumerate(group.beads)
            if (
                (bead.source and not bead.target and side is Side.SOURCE)
                or (bead.target and not bead.source and side is Side.TARGET)
            )
            and not _translated_next_door(group, position, side)
        ]
        refs = group.source_refs if side is Side.SOURCE else group.target_refs
        for run in _runs(sorted(lonely), refs):
            draft = _sentence_draft(context, group, side, run, 0.8, "")
            if draft is not None:
                drafts.append(draft)
    return drafts


def _translated_next_door(group: LinkGroup, position: int, side: Side) -> bool:
    """Does the other side of a neighbouring bead support this one-sided sentence as well as
    a translation? Then the bead shapes, not the translator, left it alone (a 1-4 merge)."""
    if group.scorer is None:
        return False
    lone = group.beads[position]
    for neighbour in group.beads[max(position - 1, 0) : position + 2]:
        if neighbour is lone or not neighbour.source or not neighbour.target:
            continue
        if side is Side.SOURCE:
            supported, _ = group.scorer.supported_members(lone.source, neighbour.target)
        else:
            _, supported = group.scorer.supported_members(neighbour.source, lone.target)
        if supported:
            return True
    return False


_IMPROBABLE_REASON = " (its link to the other version is improbable)"


def _improbable(group: LinkGroup, bead: Bead) -> bool:
    """Is this two-sided bead one its scorer finds too unlikely to be a translation?"""
    threshold = group.scorer.improbable_log_odds if group.scorer is not None else None
    return threshold is not None and bool(bead.source and bead.target) and bead.score < threshold


def _improbable_beads(context: FindingContext, group: LinkGroup) -> list[_Draft]:
    """Both sides of every improbable bead, as content on one side only."""
    drafts = []
    for bead in group.beads:
        if not _improbable(group, bead):
            continue
        for side, members in ((Side.SOURCE, bead.source), (Side.TARGET, bead.target)):
            refs = group.source_refs if side is Side.SOURCE else group.target_refs
            for run in _runs(list(members), refs):
                draft = _sentence_draft(
                    context, group, side, run, IMPROBABLE_CONFIDENCE, _IMPROBABLE_REASON
                )
                if draft is not None:
                    drafts.append(draft)
    return drafts


def _without_edge(span: _Span4, side: Side, *, at_start: bool) -> _Span4:
    """``span`` without its first (or last) segment on ``side``."""
    s0, s1, t0, t1 = span
    if side is Side.SOURCE:
        return (s0 + 1, s1, t0, t1) if at_start else (s0, s1 - 1, t0, t1)
    return (s0, s1, t0 + 1, t1) if at_start else (s0, s1, t0, t1 - 1)


def _extra_sentences(context: FindingContext, group: LinkGroup) -> list[_Draft]:
    """Members of two-sided beads that the other side does not support.

    The scorer names the members it finds unsupported (embeddings can tell, anchors cannot).
    A middle member is flagged on that word alone; an edge member only when dropping it from
    the bead costs less than ``UNSUPPORTED_MAX_COST``. (Dropping a member never gains more
    than a one-sided bead's cost minus the merge prior - else the aligner had left it alone -
    so the gain alone cannot decide.)
    """
    scorer = group.scorer
    if scorer is None:
        return []
    # (side, member, the bead's span, the span without the member); a middle member cannot
    # be dropped alone, so the scorer's word is enough there
    candidates: list[tuple[Side, int, _Span4, _Span4 | None]] = []
    for bead in group.beads:
        if not bead.source or not bead.target:
            continue
        full = (bead.source[0], bead.source[-1] + 1, bead.target[0], bead.target[-1] + 1)
        unsupported = scorer.unsupported_members(bead.source, bead.target)
        for side, positions in zip(Side, unsupported, strict=True):
            members = bead.source if side is Side.SOURCE else bead.target
            for k in positions:
                if len(members) > 1 and (k == 0 or k == len(members) - 1):
                    reduced: _Span4 | None = _without_edge(full, side, at_start=k == 0)
                else:
                    reduced = None
                candidates.append((side, members[k], full, reduced))
    edges = [c for c in candidates if c[3] is not None]
    gains: dict[tuple[Side, int], float] = {}
    if edges:
        spans = np.array([c[2] for c in edges] + [c[3] for c in edges], dtype=np.int64)
        scores = scorer.score(spans[:, 0], spans[:, 1], spans[:, 2], spans[:, 3])
        for k, (side, member, _full, _reduced) in enumerate(edges):
            gains[(side, member)] = float(scores[len(edges) + k] - scores[k])
    drafts = []
    for side, member, full, _reduced in candidates:
        gain = gains.get((side, member), 0.0)
        if gain <= -UNSUPPORTED_MAX_COST:
            continue
        # a 1-1 bead's two sentences are both unsupported: they are shown side by side
        alone = full[1] - full[0] == 1 and full[3] - full[2] == 1
        reason = " (the sentence linked to it does not translate it)" if alone else ""
        draft = _sentence_draft(context, group, side, [member], UNSUPPORTED_CONFIDENCE, reason)
        if draft is not None:
            drafts.append(draft)
    return drafts


# --- numbers --------------------------------------------------------------------------------------

# Number words of each language (accents stripped, as anchors are). Any of them satisfies an
# equal digit or number word across. They are flagged only in a paragraph of their own
# language, and only when the other side holds a number with no equal here (a changed
# number: "drei" against "four"): alone, "neuf" is as likely "new" and "sei" "be".
_NUMBER_WORDS_BY_LANGUAGE = {
    "de": "zwei drei vier funf sechs sieben acht neun zehn elf zwolf zwanzig hundert tausend",
    "fr": "deux trois quatre cinq six sept huit neuf dix onze douze vingt cent mille",
    "en": "two three four five six seven eight nine ten eleven twelve twenty hundred thousand",
    "es": "dos tres cuatro cinco seis siete ocho nueve diez once doce veinte cien mil",
    "it": "due tre quattro cinque sei sette otto nove dieci undici dodici venti cento mille",
}
_NUMBER_VALUES = ["2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "20", "100", "1000"]
_WORD_VALUES_BY_LANGUAGE = {
    language: dict(zip(words.split(), _NUMBER_VALUES, strict=True))
    for language, words in _NUMBER_WORDS_BY_LANGUAGE.items()
}
_WORD_VALUE = {w: v for values in _WORD_VALUES_BY_LANGUAGE.values() for w, v in values.items()}
_NEVER_FLAGGED = {"neuf", "sei"}  # "new" in French, "you are" in Italian, as often as not


def _trie_pattern(words: Sequence[str]) -> str:
    """One regular expression for ``words`` that branches letter by letter ("zwei|zwolf"
    -> "zw(?:ei|olf)"): ``re`` tries alternatives one by one, a trie keeps that short."""
    trie: dict = {}
    for word in words:
        node = trie
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(letter) + pattern(child) for letter, child in node.items() if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


# Any number word of any language, as written (with or without its accents): most
# paragraphs hold none, and this one search spares them a look at every word.
_ANY_NUMBER_WORD = re.compile(
    r"\b" + _trie_pattern(sorted({*_WORD_VALUE, "fünf", "zwölf"})) + r"\b", re.IGNORECASE
)


def _digit_numbers(paragraph: Paragraph) -> list[tuple[str, int, int]]:
    return [(value, start, end) for start, end, value in iter_numbers(paragraph.text)]


@dataclass(frozen=True, slots=True)
class _Number:
    paragraph: int
    value: str
    start: int
    end: int
    word: bool  # a number word, flagged only beside a changed number across


# Between two parts of one number: "dix-huit", "trois mille", "two hundred and five".
_JOINS_NUMBER = re.compile(r"[\s\-\u2010\u2011]*(?:(?:et|and|und|y|e)[\s\-\u2010\u2011]+)?")
_PERCENT_BEFORE = re.compile(r"(?:pour|per)\s+$", re.IGNORECASE)


def _paragraph_numbers(
    p: int, paragraph: Paragraph, language: str | None
) -> tuple[list[_Number], Counter[str]]:
    """The paragraph's digits and flaggable number words, in text order, and the values of
    all its number words in any language (they satisfy numbers across).

    A number word is flaggable in a paragraph of its own language, unless it is one part of
    a longer number ("dix-huit", "trois mille", "3 mille") or the "cent" of "pour cent".
    """
    digits = [_Number(p, v, a, b, False) for v, a, b in _digit_numbers(paragraph)]
    text = paragraph.text
    words: list[tuple[str, int, int]] = []  # (normalised word, start, end)
    for match in _ANY_NUMBER_WORD.finditer(text):
        word = normalize_word(match.group())
        if word in _WORD_VALUE and not (
            word == "cent" and _PERCENT_BEFORE.search(text, 0, match.start())
        ):
            words.append((word, match.start(), match.end()))
    values = Counter(_WORD_VALUE[word] for word, _, _ in words)
    table = _WORD_VALUES_BY_LANGUAGE.get(paragraph.language or language or "", {})
    bounds = sorted([(n.start, n.end) for n in digits] + [(a, b) for _, a, b in words])
    position = {bound: k for k, bound in enumerate(bounds)}
    flaggable = []
    for word, start, end in words:
        if word not in table or word in _NEVER_FLAGGED:
            continue
        k = position[(start, end)]
        joined_before = k > 0 and _joins(text, bounds[k - 1][1], start)
        joined_after = k + 1 < len(bounds) and _joins(text, end, bounds[k + 1][0])
        if not (joined_before or joined_after):
            flaggable.append(_Number(p, table[word], start, end, True))
    return sorted(digits + flaggable, key=lambda n: n.start), values


def _joins(text: str, end: int, start: int) -> bool:
    return _JOINS_NUMBER.fullmatch(text, end, start) is not None


def _number_mismatches(context: FindingContext, link: Link) -> list[_Draft]:
    """Numbers with no equal number across the link: digits always; number words of the
    paragraph's language only where the other side has an unmatched number too."""
    numbers: dict[Side, list[_Number]] = {}
    word_values: dict[Side, Counter[str]] = {}
    for side in Side:
        article = context.article(side)
        numbers[side], word_values[side] = [], Counter()
        for p in link.source if side is Side.SOURCE else link.target:
            found, values = _paragraph_numbers(p, article.paragraphs[p], article.language)
            numbers[side] += found
            word_values[side] += values
    unmatched: dict[Side, list[_Number]] = {}
    for side in Side:
        # satisfied by an equal digit or number word (of any language) across, each only once
        across = Counter(n.value for n in numbers[side.other] if not n.word)
        unmatched[side] = _beyond(numbers[side], across + word_values[side.other])
    drafts = []
    for side in Side:
        changed_across = bool(unmatched[side.other])
        for number in unmatched[side]:
            if number.word and not changed_across:
                continue  # nothing changed across: a number word stays quiet
            paragraph = context.article(side).paragraphs[number.paragraph]
            start, end = number.start, number.end
            drafts.append(
                _Draft(
                    kind=FindingKind.NUMBER_MISMATCH,
                    severity=Severity.HIGH,
                    confidence=0.8,
                    message=f"Number {paragraph.text[start:end]} in the {_side_name(side)} has "
                    f"no equal number in the {_side_name(side.other)}",
                    side=side,
                    held=Location(number.paragraph, start, end),
                    partner=_partner(context, link, side),
                    signature=f"{number.value}|{_context_words(paragraph.text, start, end)}",
                )
            )
    return drafts


def _beyond(numbers: list[_Number], available: Counter[str]) -> list[_Number]:
    """The numbers, in order, past the count of equal values ``available`` across."""
    seen: Counter[str] = Counter()
    out = []
    for number in numbers:
        seen[number.value] += 1
        if seen[number.value] > available[number.value]:
            out.append(number)
    return out


def _context_words(text: str, start: int, end: int, width: int = 40) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())


# --- quotations ---------------------------------------------------------------------------------

_CLOSES = {
    "„": "“”",
    "“": "”",
    "«": "»",
    "»": "«",
    "‚": "‘’",
    "‹": "›",
    "›": "‹",
    '"': '"',
    "「": "」",
    "『": "』",
}
_OPENERS = set(_CLOSES)
_QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")


@dataclass(frozen=True, slots=True)
class QuoteReport:
    quotations: list[Span]  # from opening mark to closing mark, inclusive
    stray: list[int]  # offsets of marks with no partner


def analyse_quotes(text: str) -> QuoteReport:
    """Pair quotation marks of German, French, English, Chinese and Japanese typography.

    >>> analyse_quotes("er sagte: „ja.“ und « non » et „rest").stray
    [31]
    >>> analyse_quotes("war erreicht.“").stray
    [13]
    """
    stack: list[tuple[str, int]] = []
    quotations: list[Span] = []
    stray: list[int] = []
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if stack and mark in _CLOSES[stack[-1][0]]:
            _opener, start = stack.pop()
            quotations.append(Span(start, at + 1))
        elif mark in _OPENERS:
            stack.append((mark, at))
        else:
            stray.append(at)
    stray += [at for _, at in stack]
    return QuoteReport(sorted(quotations, key=lambda s: s.start), sorted(stray))


def _quote_mismatches(context: FindingContext, link: Link) -> list[_Draft]:
    reports = {}
    for side in Side:
        ids = link.source if side is Side.SOURCE else link.target
        article = context.article(side)
        reports[side] = [(p, analyse_quotes(article.paragraphs[p].text)) for p in ids]
    # quotations begun on each side: closed ones plus those opened and never closed
    begun = {
        side: sum(
            len(r.quotations)
            + sum(_opens(context.article(side).paragraphs[p].text, at) for at in r.stray)
            for p, r in reports[side]
        )
        for side in Side
    }
    drafts = []
    for side in Side:
        stray_here = sum(len(r.stray) for _, r in reports[side])
        stray_there = sum(len(r.stray) for _, r in reports[side.other])
        quotes_here = sum(len(r.quotations) for _, r in reports[side])
        quotes_there = sum(len(r.quotations) for _, r in reports[side.other])
        article = context.article(side)
        # As many unpaired marks and quotations begun on both sides, but one side closed a
        # quotation that the other never closed: the unpaired marks are what differs (the
        # sample's Paul Graham paragraph). Otherwise equal marks are reproduced as they were.
        closed_differently = (
            stray_here == stray_there
            and quotes_here != quotes_there
            and begun[side] == begun[side.other]
        )
        if stray_here > stray_there or closed_differently:
            for p, report in reports[side]:
                paragraph = article.paragraphs[p]
                for at in report.stray:
                    span = _stray_span(paragraph, at)
                    drafts.append(
                        _quote_draft(
                            context,
                            link,
                            side,
                            p,
                            span,
                            "unbalanced quotation mark "
                            f"{paragraph.text[at]!s} in the {_side_name(side)}",
                        )
                    )
        elif quotes_here > quotes_there and stray_here == stray_there:
            # More quotations here: flag the ones with the least counterpart, by position.
            extra = quotes_here - quotes_there
            spans = [(p, q) for p, r in reports[side] for q in r.quotations]
            for p, q in spans[-extra:]:
                drafts.append(
                    _quote_draft(
                        context, link, side, p, q, f"quotation only in the {_side_name(side)}"
                    )
                )
    return drafts


def _stray_span(paragraph: Paragraph, at: int) -> Span:
    """An unpaired mark: the sentence that holds it (an opening mark runs to the end)."""
    for sentence in paragraph.sentences:
        if sentence.start <= at < sentence.end:
            if _opens(paragraph.text, at):
                return Span(at, len(paragraph.text.rstrip()))
            return sentence
    return Span(at, at + 1)


def _opens(text: str, at: int) -> bool:
    """Whether an unpaired mark opens a quotation (the quotation then runs on to the end)."""
    mark = text[at]
    if mark in "„«‚‹「『":
        return True
    if mark == '"':  # ASCII marks open before a word and close after one
        after = text[at + 1 : at + 2]
        before = text[at - 1 : at] if at else " "
        return after.isalnum() and not before.isalnum()
    return False


def _quote_draft(
    context: FindingContext, link: Link, side: Side, p: int, span: Span, what: str
) -> _Draft:
    text = context.article(side).paragraphs[p].text[span.start : span.end]
    return _Draft(
        kind=FindingKind.QUOTE_MISMATCH,
        severity=Severity.MEDIUM,
        confidence=0.7,
        message=f"{what[0].upper()}{what[1:]}: {_quote(text)}",
        side=side,
        held=Location(p, span.start, span.end),
        partner=_partner(context, link, side),
        signature=what + "|" + text,
    )


# --- untranslated -------------------------------------------------------------------------------

MIN_WORDS_UNTRANSLATED = 5


def _normalized_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def _untranslated(context: FindingContext, link: Link) -> list[_Draft]:
    source_lang, target_lang = context.source.language, context.target.language
    if source_lang is not None and source_lang == target_lang:
        return []  # two revisions in one language: identical paragraphs are expected
    drafts = []
    source_texts = {_normalized_text(context.source.paragraphs[p].text) for p in link.source}
    for p in link.target:
        paragraph = context.target.paragraphs[p]
        identical = _normalized_text(paragraph.text) in source_texts
        in_source_language = (
            source_lang is not None
            and paragraph.language == source_lang
            and paragraph.language != target_lang
        )
        # counting words is the costly test: only for paragraphs that are candidates
        if (identical or in_source_language) and _word_count(
            paragraph.text
        ) >= MIN_WORDS_UNTRANSLATED:
            reason = "identical to the source" if identical else f"written in {source_lang}"
            drafts.append(
                _Draft(
                    kind=FindingKind.UNTRANSLATED,
                    severity=Severity.HIGH,
                    confidence=0.9 if identical else 0.7,
                    message=f"Paragraph looks untranslated ({reason}): {_quote(paragraph.text)}",
                    side=Side.TARGET,
                    held=Location(p, 0, len(paragraph.text)),
                    partner=_partner(context, link, Side.TARGET),
                    signature=paragraph.text,
                )
            )
    return drafts


# --- weak links ---------------------------------------------------------------------------------


class _OneSidedSpans:
    """The spans reported as present on one side only, per side and paragraph, sorted by
    start with the furthest end reached so far: overlap and cover tests by bisection."""

    def __init__(self, drafts: Sequence[_Draft]) -> None:
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


def _weak_links_not_reported(context: FindingContext, drafts: list[_Draft]) -> list[_Draft]:
    """Weak links, except on a pair either of whose sentences is already reported as present
    on one side only (the stronger statement about the same text)."""
    reported = _OneSidedSpans(drafts)
    return [
        weak
        for weak, (paragraph, span) in _weak_links(context)
        if not reported.overlaps(Side.TARGET, weak.held.paragraph, weak.held.start, weak.held.end)
        and not reported.overlaps(Side.SOURCE, paragraph, span.start, span.end)
    ]


def _weak_links(context: FindingContext) -> list[tuple[_Draft, tuple[int, Span]]]:
    """Linked 1-1 sentence pairs whose score is a low outlier for this document: a draft on
    the target sentence, with the source sentence's (paragraph, span)."""
    scored = [
        (group, bead)
        for group in context.groups
        for bead in group.beads
        if len(bead.source) == 1 and len(bead.target) == 1 and not np.isnan(bead.score)
    ]
    if len(scored) < 8:
        return []
    scores = np.array([bead.score for _, bead in scored])
    median = float(np.median(scores))
    spread = float(np.median(np.abs(scores - median))) * 1.4826 or 1.0
    threshold = median - WEAK_LINK_DEVIATIONS * spread
    drafts = []
    for group, bead in scored:
        if bead.score >= threshold or bead.score > 0:
            continue
        ref = group.target_refs[bead.target[0]]
        paragraph, span = _sentence_span(context.target, ref)
        src_ref = group.source_refs[bead.source[0]]
        _, src_span = _sentence_span(context.source, src_ref)
        draft = _Draft(
            kind=FindingKind.WEAK_LINK,
            severity=Severity.LOW,
            confidence=round(float(sigmoid(threshold - bead.score)), 3),
            message="Linked sentences differ more than usual here; check the meaning: "
            + _quote(paragraph.text[span.start : span.end]),
            side=Side.TARGET,
            held=Location(ref[0], span.start, span.end),
            partner=Location(src_ref[0], 0, 0),
            signature=paragraph.text[span.start : span.end],
        )
        drafts.append((draft, (src_ref[0], src_span)))
    return drafts


# --- ids ----------------------------------------------------------------------------------------


def _assign_ids(drafts: list[_Draft]) -> tuple[Finding, ...]:
    """Content-derived ids: the same finding keeps its id when unrelated text is edited."""
    drafts = _deduplicate(drafts)
    seen: Counter[str] = Counter()
    findings = []
    for draft in sorted(drafts, key=_order_key):
        digest = hashlib.sha1(
            f"{draft.kind.value}|{draft.side.value}|{' '.join(draft.signature.split())}".encode()
        ).hexdigest()[:10]
        seen[digest] += 1
        finding_id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        source, target = _locations(draft.side, draft.held, draft.partner)
        findings.append(
            Finding(
                id=finding_id,
                kind=draft.kind,
                severity=draft.severity,
                confidence=draft.confidence,
                message=draft.message,
                source=source,
                target=target,
            )
        )
    return tuple(findings)


def _order_key(draft: _Draft) -> tuple[int, int, int, int]:
    """Document order: by the source paragraph a finding belongs to, then target, then offset."""
    src = (
        draft.held.paragraph
        if draft.side is Side.SOURCE
        else (draft.partner.paragraph if draft.partner else -1)
    )
    tgt = (
        draft.held.paragraph
        if draft.side is Side.TARGET
        else (draft.partner.paragraph if draft.partner else -1)
    )
    return (tgt, src, draft.held.start, list(FindingKind).index(draft.kind))


def _deduplicate(drafts: list[_Draft]) -> list[_Draft]:
    """The same span flagged twice as content in one version only: keep the first; a span
    inside a larger one flagged so (a member of a bead whose whole side is): keep the larger."""
    out: list[_Draft] = []
    seen: set[tuple[Side, int, int, int, bool]] = set()
    for draft in drafts:
        key = (
            draft.side,
            draft.held.paragraph,
            draft.held.start,
            draft.held.end,
            draft.kind.is_omission or draft.kind.is_insertion,
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(draft)
    drop = _inside_larger(out) | _explained_by_one_sided(out)
    return [draft for k, draft in enumerate(out) if k not in drop]


def _explained_by_one_sided(drafts: list[_Draft]) -> set[int]:
    """Positions of number and quotation findings inside text already reported as present on
    that side only: a dropped sentence explains its own numbers and quotation marks, and
    one omission is one thing to check, not four."""
    reported = _OneSidedSpans(drafts)
    return {
        k
        for k, d in enumerate(drafts)
        if d.kind in (FindingKind.NUMBER_MISMATCH, FindingKind.QUOTE_MISMATCH)
        and reported.covers(d.side, d.held.paragraph, d.held.start, d.held.end)
    }


def _inside_larger(drafts: list[_Draft]) -> set[int]:
    """Positions of one-sided drafts whose span lies inside another one-sided draft's span on
    the same side and paragraph (spans are distinct: exact repeats are gone). A sweep by
    start keeps it linear after sorting, whatever the number of findings in a paragraph."""
    one_sided = [
        (d.side.value, d.held.paragraph, d.held.start, -d.held.end, k)
        for k, d in enumerate(drafts)
        if d.kind.is_omission or d.kind.is_insertion
    ]
    inside: set[int] = set()
    place, reach = None, -1
    for side, paragraph, _start, negative_end, k in sorted(one_sided):
        if (side, paragraph) != place:
            place, reach = (side, paragraph), -1
        if -negative_end <= reach:
            inside.add(k)
        reach = max(reach, -negative_end)
    return inside
