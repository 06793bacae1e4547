"""Decades of a century, however a language writes them: "the 1990s", "die Neunziger", "les
années 90", "девяностые", "1990年代", "التسعينيات".

A translation names a decade in digits on one side and in words on the other, or drops the
century ("the 1990s" against "les années 90"), so each decade mention gets one more value,
the decade within its century (``DECADE_PREFIX`` and its tens: "~90"), which an equal
decade across satisfies whatever the century and the script. The plain number stays one
of its values ("1990" of "1990s" still satisfies a 1990 across).

>>> from tui.engine.text.number_words import find_numbers
>>> def show(text, language):
...     return [(text[m.start:m.end], sorted(m.values)) for m in find_numbers(text, language)]
>>> show("In the 1990s and the Eighties", "en")
[('1990', ['1990', '~90']), ('Eighties', ['~80'])]
>>> show("в девяностые и в 1980-х годах", "ru") + show("les années 30", "fr")
[('девяностые', ['~90']), ('1980', ['1980', '~80']), ('30', ['30', '~30'])]
>>> show("上世纪八十年代，1990年代", "zh") + show("في التسعينيات", "ar")
[('八十', ['80', '~80']), ('1990', ['1990', '~90']), ('التسعينيات', ['~90'])]
>>> show("In 1990, 1995s", "en")  # a year, and no decade ends in 5
[('1990', ['1990']), ('1995', ['1995'])]
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from tui.engine.text import number_lexicon as lexicon

if TYPE_CHECKING:
    from tui.engine.text.number_words import NumberMention

DECADE_PREFIX = "~"  # "~90": the nineties of any century, equal to no plain number

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
_STEM_TENS = {
    stem.casefold(): tens
    for _, stems in lexicon.DECADE_NAMES
    for tens, forms in stems.items()
    for stem in forms
}
_WORD = re.compile(
    r"(?<![^\W\d_])"
    + lexicon.DECADE_WORD_PREFIXES
    + "(?:"
    + "|".join(
        "(?:"
        + "|".join(re.escape(stem) for forms in stems.values() for stem in forms)
        + ")"
        + endings
        for endings, stems in lexicon.DECADE_NAMES
    )
    + ")"
    + _LETTER_AFTER,
    re.I,
)
_STEM = re.compile(
    "|".join(re.escape(stem) for stem in sorted(_STEM_TENS, key=len, reverse=True)), re.I
)


def _decade(mention: NumberMention) -> int | None:
    """The tens within its century of a mention's plain value when it can name a decade (a
    whole number ending in 0: 1990, 90, 2000), else None."""
    for value in mention.values:
        if value.startswith(("@", DECADE_PREFIX)):
            continue
        try:
            number = Decimal(value)
        except InvalidOperation:
            continue
        if number == number.to_integral_value() and 0 < number < 10_000 and number % 10 == 0:
            return int(number) % 100
    return None


def with_decade_names(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """``mentions`` with each decade among them given its decade value, and the decades
    written as words of their own (no number word: "Neunziger", "девяностых") added as new
    mentions, which flag like number words (only beside a changed number across)."""
    from tui.engine.text.number_words import NumberMention

    out = []
    for mention in mentions:
        tens = _decade(mention)
        if tens is not None and (
            _SUFFIX.match(text, mention.end)
            or _YEARS_BEFORE.search(text[max(0, mention.start - _BEFORE_REACH) : mention.start])
        ):
            mention = replace(mention, values=mention.values | {f"{DECADE_PREFIX}{tens}"})
        out.append(mention)
    if not any(ch.isalpha() for ch in text):
        return out
    taken = [(m.start, m.end) for m in out]
    for match in _WORD.finditer(text):
        start, end = match.span()
        if any(a < end and start < b for a, b in taken):
            continue
        stem = _STEM.search(match.group())
        if stem is None:
            continue
        tens = _STEM_TENS[stem.group().casefold()]
        out.append(NumberMention(start, end, frozenset({f"{DECADE_PREFIX}{tens}"}), True, True))
    return out
