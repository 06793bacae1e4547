"""Numbers (digits and number words) with no equal number across a paragraph link."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.engine.detect.context import (
    Draft,
    FindingContext,
    LinkGroup,
    partner_of,
    side_name,
)
from tui.engine.model import (
    FindingKind,
    Link,
    Location,
    Paragraph,
    Severity,
    Side,
)
from tui.engine.text.number_lexicon import ORDINAL_WORDS
from tui.engine.text.number_words import (
    NumberMention,
    find_numbers,
    find_ordinal_words,
    reads_number_words,
)
from tui.engine.text.times import CLOCK_PREFIX, MONTH_FIRST_WORD
from tui.engine.text.units import Quantity, counted_by_words, read_units, same_quantity


@dataclass(frozen=True, slots=True)
class _Number:
    paragraph: int
    mention: NumberMention
    quantity: Quantity | None = None  # what it measures, where a unit follows it

    @property
    def word(self) -> bool:
        return self.mention.word  # a number word, flagged only beside a changed number across


def _paragraph_numbers(p: int, paragraph: Paragraph, language: str | None) -> list[_Number]:
    """The paragraph's numbers in text order (``number_words.find_numbers``): digits with
    their scales, number words of any language read whole, CJK numerals."""
    mentions = find_numbers(paragraph.text, paragraph.language or language)
    text = paragraph.text
    quantities = read_units(
        text,
        [(m.start, m.end) for m in mentions],
        # a month counts nothing: "In May foot traffic rose" holds no 5 feet
        lambda k: None if _month(text, mentions[k]) else _plain(mentions[k]),
    )
    return [
        _Number(p, m, q)
        for m, q in zip(mentions, quantities, strict=True)
        # the tens of an ordinal ("twenty" of "twenty-first") are the ordinal's, no number
        if not (m.word and _ORDINAL_UNITS_AFTER.match(text, m.end))
    ]


# the first nine of the English ordinals (number_lexicon.ORDINAL_WORDS), which
# number_words.find_ordinal_words joins to the tens
_ORDINAL_UNITS_AFTER = re.compile(
    "[- ](?:"
    + "|".join(form for value, form in ORDINAL_WORDS["en"].items() if value < 10)
    + r")\b",
    re.IGNORECASE,
)


def _counted(p: int, paragraph: Paragraph, numbers: list[_Number]) -> list[_Number]:
    """Units counted by a word that is no number in the paragraph ("about a mile", "half an
    inch": units.counted_by_words), clear of its numbers: never flagged, they only meet a
    conversion across ("1,6 km")."""
    return [
        _Number(p, NumberMention(start, end, frozenset(), True, False), quantity)
        for start, end, quantity in counted_by_words(paragraph.text)
        if not any(
            n.paragraph == p and n.mention.start < end and start < n.mention.end for n in numbers
        )
    ]


def _month(text: str, mention: NumberMention) -> bool:
    """Is this never-flagged word a month's name ("May", "juin")?"""
    return (
        mention.word
        and not mention.flaggable
        and MONTH_FIRST_WORD.match(text, mention.start) is not None
    )


def _plain(mention: NumberMention) -> str | None:
    """A mention's one plain value, which a unit after it measures ("20 feet", "sechs
    Meter", "two-foot"); None for a time, or digits read with a scale ("2.5m": the "m" is a
    million, no metre)."""
    plain = [v for v in mention.values if v[:1].isdigit() or v[:1] == "-"]
    return plain[0] if len(plain) == 1 else None


def number_mismatches(context: FindingContext, group: LinkGroup) -> list[Draft]:
    """Numbers with no equal number across the link: digits always; number words of the
    paragraph's language only where the other side has an unmatched number too."""
    link = group.link
    numbers: dict[Side, list[_Number]] = {}
    for side in Side:
        article = context.article(side)
        numbers[side] = []
        for p in link.source if side is Side.SOURCE else link.target:
            numbers[side] += _paragraph_numbers(p, article.paragraphs[p], article.language)
    unmatched: dict[Side, list[_Number]] = {}
    used: set[int] = set()  # ids of the numbers across that met one: each meets one only
    for side in Side:
        # satisfied by a number across that shares a value (any number, even one that is
        # never flagged itself), each only once
        candidates = [n for n in numbers[side] if n.mention.flaggable]
        unmatched[side] = _unmatched(candidates, numbers[side.other], used)
    for side in Side:
        # read only where a quantity is left unmatched across: most links need none
        if any(n.quantity is not None for n in unmatched[side.other]):
            article = context.article(side)
            for p in link.source if side is Side.SOURCE else link.target:
                numbers[side] += _counted(p, article.paragraphs[p], numbers[side])
    _drop_conversions(unmatched, numbers, used)
    for side in Side:
        unmatched[side] = _without_restated(unmatched[side], numbers[side])
    # "second" for "2度目", "beiden" for "2人": read only where a number is left unmatched
    # across and nothing on this side is (then the two numbers left are the likelier
    # change: "Both teams scored three goals" against "2ゴール" flags "three" and "2")
    left = {side: list(unmatched[side]) for side in Side}
    for side in Side:
        if left[side.other] and not left[side]:
            unmatched[side.other] = _without_ordinals(
                unmatched[side.other],
                _ordinal_values(context, link, side, numbers[side], used),
            )
    # a number word can be missing across only where the words across are read: in a
    # language with no number lexicon here "two" may stand as a word no one can match
    read_across = {side: _reads_words(context, link, side) for side in Side}
    drafts = []
    for side in Side:
        changed_across = bool(left[side.other])
        for number in unmatched[side]:
            if number.word and not (changed_across and read_across[side.other]):
                continue  # nothing changed across, or unread words there: it stays quiet
            paragraph = context.article(side).paragraphs[number.paragraph]
            start, end = number.mention.start, number.mention.end
            drafts.append(
                Draft(
                    kind=FindingKind.NUMBER_MISMATCH,
                    severity=Severity.HIGH,
                    confidence=0.8,
                    message=f"Number {paragraph.text[start:end]} in the {side_name(side)} has "
                    f"no equal number in the {side_name(side.other)}",
                    side=side,
                    held=Location(number.paragraph, start, end),
                    partner=partner_of(context, link, side),
                    signature=f"{_signature_value(number)}|"
                    f"{_context_words(paragraph.text, start, end)}",
                )
            )
    return drafts


def _reads_words(context: FindingContext, link: Link, side: Side) -> bool:
    """Whether ``side``'s number words in the link are read (``number_words.reads_number_
    words``): its article's language is one with a lexicon here, or, where the article's
    language is unknown, every paragraph's. A paragraph's own guess misreads some: a Chinese
    line full of Latin names as "vi", Tagalog as French, Kazakh as Russian (langdetect
    knows no Kazakh), which would read number words nothing here reads."""
    article = context.article(side)
    if article.language is not None:
        return reads_number_words(article.language)
    ids = link.source if side is Side.SOURCE else link.target
    return all(reads_number_words(article.paragraphs[p].language) for p in ids)


def _unmatched(
    numbers: list[_Number], across: list[_Number], used: set[int] | None = None
) -> list[_Number]:
    """The numbers, in order, left over by a largest matching with the numbers ``across``
    (two match when they share a value): each number across is used once, and a number
    read two ways ("£11m": 11 million or 11) takes whichever is free. ``used`` receives
    the ids of the numbers across that met one."""
    if not numbers:
        return []
    # the numbers across that share a value with each number, in order: looked up once
    # rather than by scanning every number across at each step of every augmenting search
    holding: dict[str, list[int]] = {}
    for j, other in enumerate(across):
        for value in other.mention.values:
            holding.setdefault(value, []).append(j)
    # numbers of the same values share one list (a table of a thousand zeros builds it once)
    lists: dict[tuple[str, ...], list[int]] = {}

    def holding_any(values: tuple[str, ...]) -> list[int]:
        if values not in lists:
            lists[values] = sorted({j for value in values for j in holding.get(value, ())})
        return lists[values]

    sharing = [holding_any(tuple(number.mention.values)) for number in numbers]
    # a clock time first by its minutes of the day alone: a whole hour's plain reading ("2"
    # of "2pm") is a fallback, never to take the "zwei" that "two" needs (2pm made 15:00 Uhr)
    # nor to leave a time across to "two" (2pm, "الساعة 2 مساءً")
    times = [_times(number) for number in numbers]
    by_time = [
        holding_any(tuple(times[k])) if times[k] else shared for k, shared in enumerate(sharing)
    ]
    partner: dict[int, int] = {}  # index across -> index in numbers
    # per shared list, how far its numbers across are all taken (a number across once
    # matched stays matched): a free partner is found without rescanning the list
    taken: dict[int, int] = {}
    failed: dict[int, int] = {}  # per shared list: the matching's size when a search failed

    def place(k: int, choices: list[list[int]]) -> bool:
        """Match number ``k``: a free number across if one is left, else along an
        augmenting path (searched without recursion: a run of equal numbers makes it as
        long as the run)."""
        mine = choices[k]
        first = taken.get(id(mine), 0)
        while first < len(mine) and mine[first] in partner:
            first += 1
        taken[id(mine)] = first
        if first < len(mine):
            partner[mine[first]] = k
            return True
        if failed.get(id(mine)) == len(partner):
            return False  # the same search failed on the same matching
        seen: set[int] = set()
        stack = [(k, iter(mine))]
        path: list[tuple[int, int]] = []  # (number, the number across it would take)
        while stack:
            node, options = stack[-1]
            for j in options:
                if j in seen:
                    continue
                seen.add(j)
                if j not in partner:
                    partner[j] = node
                    for number, wanted in path:
                        partner[wanted] = number
                    return True
                path.append((node, j))
                stack.append((partner[j], iter(choices[partner[j]])))
                break
            else:
                stack.pop()
                if path:
                    path.pop()
        failed[id(mine)] = len(partner)
        return False

    # a number matched stays matched as the matching grows: the fallbacks come second
    matched = {k for k in range(len(numbers)) if place(k, by_time)}
    if by_time != sharing:
        matched |= {k for k in range(len(numbers)) if k not in matched and place(k, sharing)}
    if used is not None:
        used.update(id(across[j]) for j in partner)
    return [n for k, n in enumerate(numbers) if k not in matched]


def _drop_conversions(
    unmatched: dict[Side, list[_Number]], numbers: dict[Side, list[_Number]], used: set[int]
) -> None:
    """Take out of ``unmatched`` the pairs across that measure the same quantity in
    different units, one a rounded conversion of the other ("10 inches" and "25 см", "650
    pound" and "300-килограммовое", "85 mph" and "135 км/ч": units.same_quantity), the
    closest pairs first: a translator who converts a unit changed no number. A number that
    is never flagged ("a mile", "un kilomètre") meets a number left unmatched across too,
    unless it met one already (``used``: the "un" that is the "1" of "1 hour")."""
    sides = {
        side: unmatched[side]
        + [
            n
            for n in numbers[side]
            if not n.mention.flaggable and n.quantity is not None and id(n) not in used
        ]
        for side in Side
    }
    flagged = {side: len(unmatched[side]) for side in Side}  # the first ones are unmatched
    pairs = sorted(
        (abs(a.quantity.base - b.quantity.base) / max(abs(a.quantity.base), 1e-9), i, j)
        for i, a in enumerate(sides[Side.SOURCE])
        for j, b in enumerate(sides[Side.TARGET])
        if (i < flagged[Side.SOURCE] or j < flagged[Side.TARGET])
        and a.quantity is not None
        and b.quantity is not None
        and _meets(a.quantity, b.quantity)
    )
    used_source: set[int] = set()
    used_target: set[int] = set()
    for _, i, j in pairs:
        if i not in used_source and j not in used_target:
            used_source.add(i)
            used_target.add(j)
            used.update((id(sides[Side.SOURCE][i]), id(sides[Side.TARGET][j])))
    unmatched[Side.SOURCE] = [
        n for i, n in enumerate(unmatched[Side.SOURCE]) if i not in used_source
    ]
    unmatched[Side.TARGET] = [
        n for j, n in enumerate(unmatched[Side.TARGET]) if j not in used_target
    ]


def _ordinal_values(
    context: FindingContext, link: Link, side: Side, numbers: list[_Number], used: set[int]
) -> list[str]:
    """The values of the ordinal and counting words of ``side``'s paragraphs in the link
    (``number_words.find_ordinal_words``), in the article's language, except words that
    met a number already ("un" the "1" across, "eine Meile" a conversion: ``used``)."""
    article = context.article(side)
    values = []
    for p in link.source if side is Side.SOURCE else link.target:
        taken = [n.mention for n in numbers if n.paragraph == p and id(n) in used]
        for mention in find_ordinal_words(article.paragraphs[p].text, article.language):
            if not any(t.start < mention.end and mention.start < t.end for t in taken):
                values += mention.values
    return values


def _without_ordinals(unmatched: list[_Number], ordinals: list[str]) -> list[_Number]:
    """``unmatched`` less the plain numbers an ordinal word across says, each word once
    ("2" of "2度目" against "second"); never a number read two ways ("€1 million", "1pm"),
    nor one that measures something (its conversion was looked for already)."""
    left = list(ordinals)
    kept = []
    for number in unmatched:
        value = next(iter(number.mention.values)) if len(number.mention.values) == 1 else None
        if value is None or value not in left or number.quantity is not None:
            kept.append(number)
        else:
            left.remove(value)
    return kept


def _meets(a: Quantity, b: Quantity) -> bool:
    """One quantity a conversion of the other, or both the same ("eine Meile" is "1 mile":
    a unit counted by a word holds no number the plain matching could meet)."""
    return same_quantity(a, b) or (a.unit == b.unit and a.value == b.value)


def _without_restated(unmatched: list[_Number], numbers: list[_Number]) -> list[_Number]:
    """``unmatched`` less the numbers that restate, in another unit, a number of the same
    side that is matched across: "45 miles (72 kilometers)" against "72 km" leaves the 45
    miles said, not missing (units.same_quantity)."""
    left = {id(n) for n in unmatched}
    # a temperature of no stated scale restates nothing: "80 degrees ... 27 degrees" on one
    # side are two temperatures, not one in two scales; and only a number that can be
    # flagged was matched across ("a mile (1.6 km)" against "drei Kilometer" says neither)
    said = [
        m.quantity
        for m in numbers
        if m.quantity is not None
        and m.mention.flaggable
        and id(m) not in left
        and m.quantity.unit.dimension != "degrees"
    ]
    return [
        n
        for n in unmatched
        if n.quantity is None
        or n.quantity.unit.dimension == "degrees"
        or not any(same_quantity(n.quantity, quantity) for quantity in said)
    ]


def _times(number: _Number) -> list[str]:
    """A clock time's minutes of the day ("@840" of "2pm"); none for other numbers."""
    return [value for value in number.mention.values if value.startswith(CLOCK_PREFIX)]


def _signature_value(number: _Number) -> str:
    """The value a finding's id is derived from: the smallest reading, which is the plain
    number (11 of "11m") as it was before scales were read."""
    return min(number.mention.values, key=lambda v: (len(v), v))


def _context_words(text: str, start: int, end: int, width: int = 40) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())
