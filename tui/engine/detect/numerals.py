"""Numbers (digits and number words) with no equal number across a paragraph link."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from tui.engine.detect.context import (
    Draft,
    FindingContext,
    LinkGroup,
    partner_of,
    side_name,
)
from tui.engine.model import (
    FindingKind,
    Location,
    Paragraph,
    Severity,
    Side,
)
from tui.engine.text.anchors import (
    iter_numbers,
    normalize_word,
)

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
# paragraphs hold none, and this one search spares them a look at every word. The words
# begin and end with letters, so the look-arounds are word boundaries (and a little faster).
_ANY_NUMBER_WORD = re.compile(
    r"(?<!\w)" + _trie_pattern(sorted({*_WORD_VALUE, "fünf", "zwölf"})) + r"(?!\w)",
    re.IGNORECASE,
)


class _Number(NamedTuple):
    """A NamedTuple, not a frozen dataclass: a long article has hundreds of thousands."""

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
    text = paragraph.text
    digits = [_Number(p, value, start, end, False) for start, end, value in iter_numbers(text)]
    words: list[tuple[str, int, int]] = []  # (normalised word, start, end)
    for match in _ANY_NUMBER_WORD.finditer(text):
        word = normalize_word(match.group())
        if word in _WORD_VALUE and not (
            word == "cent" and _PERCENT_BEFORE.search(text, 0, match.start())
        ):
            words.append((word, match.start(), match.end()))
    if not words:  # most paragraphs: the digits, already in text order
        return digits, Counter()
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


def number_mismatches(context: FindingContext, group: LinkGroup) -> list[Draft]:
    """Numbers with no equal number across the link: digits always; number words of the
    paragraph's language only where the other side has an unmatched number too."""
    link = group.link
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
                Draft(
                    kind=FindingKind.NUMBER_MISMATCH,
                    severity=Severity.HIGH,
                    confidence=0.8,
                    message=f"Number {paragraph.text[start:end]} in the {side_name(side)} has "
                    f"no equal number in the {side_name(side.other)}",
                    side=side,
                    held=Location(number.paragraph, start, end),
                    partner=partner_of(context, link, side),
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
