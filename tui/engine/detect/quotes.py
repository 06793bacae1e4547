"""Quotations unbalanced on one side, or present on one side only."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from tui.engine.detect.context import (
    Draft,
    FindingContext,
    LinkGroup,
    partner_of,
    quote_text,
    side_name,
)
from tui.engine.model import (
    FindingKind,
    Link,
    Location,
    Paragraph,
    Severity,
    Side,
    Span,
)
from tui.engine.text.anchors import (
    QUOTE_MARKS,
)
from tui.engine.text.scripts import with_single_quotes_in_reading_order

_CLOSES = {
    "„": "“”",
    "“": "”",
    # Swedish and Finnish open with the closing marks: ”Det är klart”, »Det är klart»
    "”": "”",
    "«": "»",
    "»": "«»",
    "‚": "‘’",
    "‹": "›",
    "›": "‹",
    '"': '"',
    "「": "」",
    "『": "』",
}
_OPENERS = set(_CLOSES)
_QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")

# English single quotation marks double as apostrophes ('That is good,' he said; don't; the
# boys' books), so they are read by where they stand rather than pushed on the stack.
_SINGLE = re.compile("['‘’]")
# What may stand before an opening single mark besides a space: a dash, a bracket, a mark.
_BEFORE_OPENING = frozenset('([{—–-/"“„«‹「『')
# Apostrophes at a word's start: rock 'n' roll, 'em, 'tis, 'cause, the '90s, Dutch 's and 't.
_ELISION = re.compile(r"(?:n'|(?:n|em|tis|twas|til|cause|bout|s|t)\b|\d)", re.IGNORECASE)
# Inside a quotation, these mark speech rather than a term or a name ('Brilliant!', “正是。”);
# a full stop or comma at its end may belong to the sentence around it (US style: 'Yuan,').
_SPEECH_MARKS = re.compile(r"[!?;。！？；…]")
_TRAILING = ".,，"
# A speech tag between two parts of one quotation: no sentence end, a few words.
_SENTENCE_END = re.compile(r"[.!?。！？]")
_MAX_TAG_WORDS = 8
# Scripts written without spaces: about this many characters to a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_CHARACTERS_PER_WORD = 4


@dataclass(frozen=True, slots=True)
class QuoteReport:
    quotations: list[Span]  # from opening mark to closing mark, inclusive
    stray: list[int]  # offsets of marks with no partner


def analyse_quotes(text: str) -> QuoteReport:
    """Pair quotation marks of German, French, English, Swedish, Chinese and Japanese
    typography.

    >>> analyse_quotes("er sagte: „ja.“ und « non » et „rest").stray
    [31]
    >>> analyse_quotes("war erreicht.“").stray
    [13]
    >>> analyse_quotes("Hon sa: ”Det är klart.” Sedan »nej»").quotations
    [Span(start=8, end=23), Span(start=30, end=35)]
    >>> analyse_quotes("'That's good,' he said. 'Rock 'n' roll.'").quotations
    [Span(start=0, end=14), Span(start=24, end=40)]
    """
    text = with_single_quotes_in_reading_order(text)  # Urdu's ’…‘, same offsets
    stack: list[tuple[str, int]] = []
    quotations: list[Span] = []
    stray: list[int] = []
    german_single: set[int] = set()  # ‘ closing a German ‚
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if stack and mark in _CLOSES[stack[-1][0]]:
            _opener, start = stack.pop()
            quotations.append(Span(start, at + 1))
            if mark == "‘":
                german_single.add(at)
        elif mark in _OPENERS:
            stack.append((mark, at))
        elif mark != "‘":  # an English opening mark: read with the other single marks
            stray.append(at)
    stray += [at for _, at in stack]
    single, single_stray = _single_quotations(text, german_single)
    quotations += single
    stray += single_stray
    return QuoteReport(sorted(quotations, key=lambda s: s.start), sorted(stray))


def _single_quotations(text: str, taken: set[int]) -> tuple[list[Span], list[int]]:
    """English single-mark quotations, and their opening marks never closed.

    Each opening mark closes at the likeliest closing mark before the next opening one; a
    closing-looking mark left over is an apostrophe (Achilles' heel), never a stray mark.
    """
    marks = [m.start() for m in _SINGLE.finditer(text) if m.start() not in taken]
    openers = [at for at in marks if _single_opens(text, at)]
    quotations: list[Span] = []
    stray: list[int] = []
    # each opening mark's window runs to the next one (the last one's to the end)
    for start, end in zip(openers, [*openers[1:], len(text)], strict=False):
        window = marks[bisect_right(marks, start) : bisect_left(marks, end)]  # marks in between
        closers = [
            (rank, at) for at in window if (rank := _single_close_rank(text, at)) is not None
        ]
        if closers:
            quotations.append(Span(start, min(closers)[1] + 1))
        else:
            stray.append(start)
    return quotations, stray


def _single_opens(text: str, at: int) -> bool:
    """A single mark after a space (start, dash, bracket) and before a word, no elision."""
    if text[at] == "’":
        return False
    before = text[at - 1] if at else " "
    after = text[at + 1 : at + 2]
    if not (before.isspace() or before in _BEFORE_OPENING):
        return False
    if not (after.isalnum() or after in '"“„«…'):
        return False
    return text[at] == "‘" or not _ELISION.match(text, at + 1)


def _single_close_rank(text: str, at: int) -> int | None:
    """How surely a single mark closes a quotation (0 surest), None if it cannot."""
    if text[at] == "‘":
        return None
    before = text[at - 1] if at else " "
    after = text[at + 1 : at + 2] or " "
    if after.isalnum():
        return None  # don't, l'homme, or an opening mark
    if before.isspace():
        return 3 if after.isspace() else None  # a closing mark set off by a space
    if not before.isalnum():
        return 0  # after the quotation's own punctuation: 'Master,' said he
    return 1 if not after.isspace() else 2  # 'twp'. before the boys' books


def utterances(text: str, report: QuoteReport, max_words: int) -> list[Span]:
    """Quotations, one interrupted by its speech tag taken whole: English writes 'So now,'
    said he, 'what?' where Chinese writes 他道：“那么，怎样？” as one.

    >>> utterances(s := "'So now,' said he, 'what?' 'Go.'", analyse_quotes(s), 2)
    [Span(start=0, end=26), Span(start=27, end=32)]
    """
    merged: list[Span] = []
    for quotation in report.quotations:
        if merged and _continues(text, merged[-1], quotation, max_words):
            merged[-1] = Span(merged[-1].start, quotation.end)
        else:
            merged.append(quotation)
    return merged


# A dialogue dash opens a turn of speech where Portuguese, Spanish, Russian, Italian or
# Polish prose writes no quotation marks: at a paragraph's start or after a sentence's end
# ("Ele já vestia o casaco. — Traga a corda — disse. — E o lampião."). The turn runs to the
# dash before the narrator's words or the next turn. A dash inside a sentence ("Moskau — die
# Hauptstadt") opens nothing.
_DIALOGUE_DASH = re.compile(
    r"^\s*([—―])\s*(?=\w|[«„“\"¿¡])"  # a paragraph's start: any turn
    r"|(?<=[.!?…»”\":])\s+([—―])\s*(?=[^\W\d_]|[«„“\"¿¡])"  # after a sentence: a capital
)
_TURN_END = re.compile(r"\s[—―]\s|\s*[—―]\s*$")


def dialogue_turns(text: str) -> list[Span]:
    """Turns of speech opened by a dialogue dash, each from its dash to the dash before the
    narrator's words, the next turn or the paragraph's end.

    >>> t = "Ele já vestia o casaco. — Traga a corda — disse. — E o lampião."
    >>> [t[s.start : s.end] for s in dialogue_turns(t)]
    ['— Traga a corda', '— E o lampião.']
    >>> dialogue_turns("Moskau — die Hauptstadt — liegt an der Moskwa.")
    []
    >>> len(dialogue_turns("Он сказал: — Иди домой."))
    1
    >>> t = "—¿Qué haces? —preguntó ella."  # Spanish: the narrator's dash after a question
    >>> [t[s.start : s.end] for s in dialogue_turns(t)]
    ['—¿Qué haces? —preguntó ella.']
    """
    if "—" not in text and "―" not in text:
        return []  # most paragraphs: no scan
    dashes = [
        m.start(1) if m.group(1) else m.start(2)
        for m in _DIALOGUE_DASH.finditer(text)
        if m.group(1) or text[m.end()].isupper() or not text[m.end()].isalpha()
    ]
    turns = []
    for start, limit in zip(dashes, [*dashes[1:], len(text)], strict=False):
        end = _TURN_END.search(text, start + 1, limit)
        turns.append(Span(start, end.start() if end else len(text[:limit].rstrip())))
    return turns


def _continues(text: str, before: Span, after: Span, max_words: int) -> bool:
    """Whether a quotation goes on after a short tag with no sentence ending between: one
    that ends on a comma of its own ('So now,' said he) or, German style, on one after its
    closing mark („So weit“, sagte er, „gut.“), not a term (‚Twp‘, ‚Pwp‘)."""
    if before.end > after.start:  # nested
        return False
    tag = text[before.end : after.start]
    if _SENTENCE_END.search(tag) or len(tag.split()) > _MAX_TAG_WORDS:
        return False
    if text[before.end - 2 : before.end - 1] in {",", "，"}:
        return True
    return tag.lstrip()[:1] == "," and not is_mention(text, before, max_words)


def is_mention(text: str, span: Span, max_words: int) -> bool:
    """A quotation of a term or a name: a few words with no mark of speech inside.

    >>> is_mention("das „MWP“ ist", Span(4, 9), 2)
    True
    >>> is_mention("er rief „Hilfe!“", Span(8, 16), 2)
    False
    >>> is_mention("「歴史の書き換え」", Span(0, 9), 2), is_mention('"Yuan,"', Span(0, 7), 2)
    (True, True)
    """
    inner = text[span.start + 1 : span.end - 1].strip().rstrip(_TRAILING)
    if _SPEECH_MARKS.search(inner):
        return False
    unspaced = len(_UNSPACED.findall(inner))
    spaced = len(_UNSPACED.sub(" ", inner).split())
    return spaced + unspaced / _CHARACTERS_PER_WORD <= max_words


def quote_mismatches(context: FindingContext, group: LinkGroup) -> list[Draft]:
    link = group.link
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
    # turns of dialogue opened by dashes stand for quotations: they balance the other side's
    # quotations but are never reported themselves
    turns = {side: _turns(context, link, side) for side in Side}
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
                            f"{paragraph.text[at]!s} in the {side_name(side)}",
                        )
                    )
        elif quotes_here > quotes_there + len(turns[side.other]) and stray_here == stray_there:
            drafts += _extra_quotations(context, link, side, reports, turns[side.other])
    return drafts


def _extra_quotations(
    context: FindingContext,
    link: Link,
    side: Side,
    reports: dict[Side, list[tuple[int, QuoteReport]]],
    turns_there: list[tuple[int, Span]],
) -> list[Draft]:
    """More quotations on this side: flag those with the least counterpart, by position.
    ``turns_there``: the other side's dialogue turns (``dialogue_turns``), counted as its
    quotations.

    A term or a name in quotation marks (a translator's „MWP“, 「マヌケ」) is counted on both
    sides, so that it can balance a quotation across, but never flagged itself: a side has
    to hold more quotations than the other both with and without such mentions.

    A quotation split in two by its speech tag ('Who is she?' he asked. 'Why is she here?'
    for Chinese's one) adds a quotation but no quoted text: one is flagged only if the share
    of the text in quotations here exceeds the other side's by ``quote_share_missing`` of
    its own share (all of it when it was dropped).
    """
    detection = context.detection
    counts: dict[Side, int] = {}
    full: dict[Side, list[tuple[int, Span]]] = {}
    share: dict[Side, tuple[float, int]] = {}  # of the text in quotation marks, and its length
    for each in Side:
        paragraphs = context.article(each).paragraphs
        said = [
            (p, q)
            for p, r in reports[each]
            for q in utterances(paragraphs[p].text, r, detection.mention_max_words)
        ]
        counts[each] = len(said)
        full[each] = [
            (p, q)
            for p, q in said
            if not is_mention(paragraphs[p].text, q, detection.mention_max_words)
        ]
        if each is side.other:  # its dialogue turns stand for quotations
            said += turns_there
            full[each] += turns_there
            counts[each] += len(turns_there)
        length = max(sum(len(paragraphs[p].text) for p, _ in reports[each]), 1)
        share[each] = (sum(q.end - q.start for _, q in said) / length, length)
    extra = min(counts[side] - counts[side.other], len(full[side]) - len(full[side.other]))
    if extra <= 0:
        return []
    gap = share[side][0] - share[side.other][0]
    return [
        _quote_draft(context, link, side, p, q, f"quotation only in the {side_name(side)}")
        for p, q in full[side][-extra:]
        if gap >= detection.quote_share_missing * (q.end - q.start) / share[side][1]
    ]


def _turns(context: FindingContext, link: Link, side: Side) -> list[tuple[int, Span]]:
    """Dialogue turns opened by dashes in ``side``'s paragraphs of ``link``."""
    paragraphs = context.article(side).paragraphs
    ids = link.source if side is Side.SOURCE else link.target
    return [(p, turn) for p in ids for turn in dialogue_turns(paragraphs[p].text)]


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
    mark = with_single_quotes_in_reading_order(text)[at]  # Urdu's ’ opens
    if mark in "„«‚‹「『'‘":  # single marks are stray only when they open
        return True
    if mark == '"':  # ASCII marks open before a word and close after one
        after = text[at + 1 : at + 2]
        before = text[at - 1 : at] if at else " "
        return after.isalnum() and not before.isalnum()
    return False


def _quote_draft(
    context: FindingContext, link: Link, side: Side, p: int, span: Span, what: str
) -> Draft:
    text = context.article(side).paragraphs[p].text[span.start : span.end]
    return Draft(
        kind=FindingKind.QUOTE_MISMATCH,
        severity=Severity.MEDIUM,
        confidence=0.7,
        message=f"{what[0].upper()}{what[1:]}: {_shown(text)}",
        side=side,
        held=Location(p, span.start, span.end),
        partner=partner_of(context, link, side),
        signature=what + "|" + text,
    )


def _shown(text: str) -> str:
    """The flagged text for a message: a quotation shows its own marks, nothing added.

    >>> _shown("“妙计，妙计！”"), _shown("钱老板道：“是啊。")
    ('“妙计，妙计！”', '“钱老板道：“是啊。”')
    """
    shown = quote_text(text)
    holds_its_marks = _QUOTE_MARK.match(text) or _SINGLE.match(text)
    closes = text[-1:] and (_QUOTE_MARK.match(text[-1]) or _SINGLE.match(text[-1]))
    return shown[1:-1] if holds_its_marks and closes else shown
