"""Decades of a century, however a language writes them: "the 1990s", "die Neunziger", "les
années 90", "девяностые", "1990年代", "التسعينيات".

A translation names a decade in digits on one side and in words on the other, or drops the
century ("the 1990s" against "les années 90"), so each decade mention gets more values: the
decade in its century where the text gives one ("~1990"), in every century where it does not
("~1890", "~1990", ...), which an equal decade across satisfies whatever the script; "1890s"
against "1990er" is still a change. The plain number stays one of its values ("1990" of
"1990s" still satisfies a 1990 across), and a decade word holds its plain tens ("in her
forties" is no change against "Mitte vierzig").

>>> from tui.engine.text.number_words import find_numbers
>>> def values(text, language):
...     return set().union(*(m.values for m in find_numbers(text, language)))
>>> def agree(a, b, language):
...     return bool(values(a, "en") & values(b, language))
>>> agree("the 1990s", "в девяностые", "ru"), agree("the 1990s", "les années 90", "fr")
(True, True)
>>> agree("the 1980s", "上世纪八十年代", "zh"), agree("the 1990s", "في التسعينيات", "ar")
(True, True)
>>> agree("the 1890s", "die 1990er-Jahre", "de"), agree("the 1990s", "die Achtziger", "de")
(False, False)
>>> [sorted(m.values) for m in find_numbers("In 1990, 1995s", "en")]  # a year; no decade ends in 5
[['1990'], ['1995']]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING

from tui.engine.text import number_lexicon as lexicon
from tui.engine.text.anchors import fold_case, trie_pattern

if TYPE_CHECKING:
    from tui.engine.text.number_words import NumberMention

DECADE_PREFIX = "~"  # "~1990": the decade 1990-1999, equal to no plain number
# the centuries a decade written without one ("the Nineties", "les années 90") may be in:
# its value is the decade in each of them, so that it meets "1990s" and "1890s" alike,
# while "1890s" against "1990er" (both with their century) is a change
_CENTURIES = range(10, 30)

_LETTER_AFTER = r"(?![^\W\d_])"
_SUFFIX = re.compile(
    "(?:"
    + "|".join(lexicon.DECADE_SUFFIXES)
    + ")"
    + _LETTER_AFTER
    + "|"
    + "|".join(lexicon.DECADE_SUFFIXES_RUNNING_ON),
    re.I,
)
_YEARS_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(re.escape(word) for word in lexicon.DECADE_YEARS_BEFORE)
    + r")[\s\u00a0]*['’]?\Z",
    re.I,
)
_BEFORE_REACH = max(len(word) for word in lexicon.DECADE_YEARS_BEFORE) + 4


# one group per (language, tens): the tens are read off the group's name ("d90_3"), not by
# looking the matched text up (re.I matches "İ", "ı" and "ß" as no case folding gives back)
def _word_pattern(names: Sequence[tuple[str, str, dict[int, tuple[str, ...]]]]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![^\W\d_])"
        + lexicon.DECADE_WORD_PREFIXES
        + "(?:"
        + "|".join(
            f"(?P<d{tens}_{k}>" + "|".join(re.escape(stem) for stem in forms) + f")(?:{endings})"
            for k, (_, endings, stems) in enumerate(names)
            for tens, forms in stems.items()
        )
        + ")"
        + _LETTER_AFTER,
        re.I,
    )


def _stem_test(names: Sequence[tuple[str, str, dict[int, tuple[str, ...]]]]) -> re.Pattern[str]:
    """A cheap test first, on the text folded as the stems are (a case-insensitive search
    is ten times slower): most paragraphs hold no stem (anywhere: Arabic writes its article
    on the word)."""
    return re.compile(
        trie_pattern(
            {fold_case(stem) for _, _, st in names for forms in st.values() for stem in forms}
        )
    )


# by language, and every language's together for a text of no known language: a German
# paragraph is searched for eight stems, not for English "fort" (French "fort", "effort")
_TABLES = {entry[0]: entry for entry in lexicon.DECADE_NAMES}


@cache
def _words_of(language: str | None) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The stem test and the decade words to search a paragraph of ``language`` with
    (``DECADE_TABLES_OF``; every language's when it is unknown); None for a language that
    writes no decade as a word of its own here."""
    if language is None:
        names = list(lexicon.DECADE_NAMES)
    else:
        codes = lexicon.DECADE_TABLES_OF.get(language.split("-")[0].lower(), ())
        names = [_TABLES[code] for code in codes]
    if not names:
        return None
    return _stem_test(names), _word_pattern(names)


_TENS_END = frozenset("0０٠۰०十")


def _values(decade: int, century: int | None) -> frozenset[str]:
    """A decade's values: in its century where the text gives one, else in each of
    ``_CENTURIES``."""
    centuries = _CENTURIES if century is None else (century,)
    return frozenset(f"{DECADE_PREFIX}{100 * c + decade}" for c in centuries)


def _decade(mention: NumberMention) -> tuple[int, int | None] | None:
    """(tens within the century, century or None) of a mention's plain value when it can
    name a decade (a whole number ending in 0: 1990, 90, 2000), else None."""
    for value in mention.values:
        if not value.endswith("0") or value.startswith(("@", DECADE_PREFIX)):
            continue
        try:
            number = Decimal(value)
        except InvalidOperation:
            continue
        if number == number.to_integral_value() and 0 < number < 3000 and number % 10 == 0:
            whole = int(number)
            return whole % 100, (whole // 100 if whole >= 1000 else None)
    return None


def with_decade_names(
    text: str, mentions: list[NumberMention], language: str | None = None
) -> list[NumberMention]:
    """``mentions`` with each decade among them given its decade values, and the decades
    written as words of their own (no number word: "Neunziger", "девяностых") added as new
    mentions, which flag like number words (only beside a changed number across) and also
    hold their plain tens ("in her forties" is no change against "Mitte vierzig")."""
    from tui.engine.text.number_words import NumberMention, _clear_of

    out = list(mentions)
    for k, mention in enumerate(mentions):
        # digits ending in 0 ("1990", "９０") or the tens of CJK numerals ("九十"), or a number
        # word ("noventa" after "años"): most mentions are none of them
        if not (mention.word or text[mention.end - 1] in _TENS_END):
            continue
        decade = _decade(mention)
        if decade is not None and (
            _SUFFIX.match(text, mention.end)
            or _YEARS_BEFORE.search(text[max(0, mention.start - _BEFORE_REACH) : mention.start])
        ):
            out[k] = replace(mention, values=mention.values | _values(*decade))
    words = _words_of(language)
    if words is None or not words[0].search(fold_case(text)):
        return out
    clear = _clear_of(out)  # a bisection: a paragraph may hold thousands of numbers
    found = []
    for match in words[1].finditer(text):
        tens = int(match.lastgroup[1:].split("_")[0])  # type: ignore[index]
        mention = NumberMention(*match.span(), _values(tens, None) | {str(tens)}, True, True)
        if clear(mention):
            found.append(mention)
    return out + found
