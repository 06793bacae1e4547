"""Clock times and month names, as numbers are compared across a translation.

A clock time is one value however it is written: "7.55am", "7:55", "07h55", "7 h 55",
"午前7時55分", "오전 7시 55분" are all 7:55, and "2pm", "14:00 Uhr", "午後2時", "14h" all 14:00.
Its values are minutes of the day ("@475"), which no plain number equals; where am or pm is
not said, both halves of the day ("7:55" is @475 or @1195). A word for the part of the day
before it says which ("ഉച്ചകഴിഞ്ഞ് 3.40ന്", afternoon at 3.40, is @940; the night's 12 and
small hours are the morning's, midday's late morning hours too), for a range's second time
as well ("மாலை 4.30-5.30 மணி"). A whole hour written without minutes keeps its plain number
too ("7 h" is as often seven hours).

A month name stands for its number ("June" ~ "6月"), satisfying a number across but never
flagged itself.

>>> [(m.start, m.end, sorted(m.values)) for m in find_times("At 7.55am and 2pm; um 19:55 Uhr")]
[(3, 9, ['@475']), (14, 17, ['2', '@840']), (22, 31, ['@1195'])]
>>> [(m.start, sorted(m.values)) for m in find_times("午前7時55分、午後2時、7時間")]
[(0, ['@475']), (8, ['2', '@840'])]
>>> [sorted(m.values) for m in find_months("On 30 September, in июне, fin mars, 9月")]
[['9'], ['6'], ['3']]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tui.engine.text import number_lexicon as lexicon
from tui.engine.text.anchors import COMBINING_MARKS, normalize_number, trie_pattern

CLOCK_PREFIX = "@"  # minutes of the day: "@475" is 7:55, equal to no plain number
_LETTER_BEFORE = rf"(?<![^\W\d_])(?<![{COMBINING_MARKS}])"
_LETTER_AFTER = rf"(?![^\W\d_])(?![{COMBINING_MARKS}])"
_SPACE = r"[\s\u00a0\u202f]"


@dataclass(frozen=True, slots=True)
class TimeMention:
    start: int
    end: int
    values: frozenset[str]
    word: bool = False  # its hour in words ("dos de la tarde"): flagged as number words are


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_AMPM = r"(?:[aApP]\.\s?[mM]\.|[aApP][mM]" + _LETTER_AFTER + ")"
_BEFORE = (
    lexicon.CLOCK_AM_BEFORE
    + lexicon.CLOCK_PM_BEFORE
    + lexicon.CLOCK_NIGHT_BEFORE
    + lexicon.CLOCK_MIDDAY_BEFORE
    + lexicon.CLOCK_HOUR_BEFORE
)
_AM_BEFORE = frozenset(lexicon.CLOCK_AM_BEFORE)
_PM_BEFORE = frozenset(lexicon.CLOCK_PM_BEFORE)
_NIGHT_BEFORE = frozenset(lexicon.CLOCK_NIGHT_BEFORE)
_MIDDAY_BEFORE = frozenset(lexicon.CLOCK_MIDDAY_BEFORE)
# Chinese, Japanese, Thai (no spaces between words) and Korean write the marker against the
# word before it ("今天下午3点"); in other scripts it is a word of its own, not the end of
# another ("गुजरात", Gujarat, ends in "रात", night)
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_SPACED = [word for word in _BEFORE if not _UNSPACED.match(word)]
_SPACED_STARTS = re.escape("".join(sorted({word[0] for word in _SPACED})))
# (the look-ahead for a first letter fails at most places before the look-behinds are tried)
_MARKER_BEFORE = (
    f"(?:{trie_pattern(w for w in _BEFORE if _UNSPACED.match(w))}"
    f"|(?=[{_SPACED_STARTS}]){_LETTER_BEFORE}{trie_pattern(_SPACED)})"
)
_BEFORE_REACH = max(map(len, _BEFORE)) + 4  # a marker and the spaces after it
# an hour character: "時", "点", or Korean "시" as a word of its own or before a particle
_HOUR_CHARACTER = (
    rf"[{lexicon.CLOCK_HOUR_CHARACTERS}](?![{lexicon.CLOCK_NOT_AFTER_HOUR}])"
    rf"|{lexicon.KOREAN_HOUR}(?![\uac00-\ud7a3](?<![{lexicon.KOREAN_AFTER_HOUR}]))"
)
# every match starts with a marker's first letter or a digit: looking ahead for one first
# skips most positions without trying the markers (as the month names' pattern does)
_TIME_STARTS = re.escape("".join(sorted({word[0] for word in _BEFORE})))
_TIME = re.compile(
    rf"(?=[{_TIME_STARTS}\d])"
    rf"(?:(?=[{_TIME_STARTS}])(?P<pre>{_MARKER_BEFORE}){_SPACE}*)?"  # not tried at a digit
    r"(?<![\d.,:])(?P<h>\d{1,2})"
    r"(?:"
    # 7:55, 7.55 (the dot only with a marker), never a share ("今朝3.40%": 朝 ends 今朝)
    r"(?P<sep>[:.])(?P<m>\d{2})(?!\d|[.,:]\d|[ \u00a0]?[%％٪])"
    # 7h55, 14 h, 15 h. 30
    rf"|{_SPACE}?(?P<hh>[hH])(?:\.?{_SPACE}?(?P<hm>\d{{2}})(?!\d))?{_LETTER_AFTER}"
    rf"|{_SPACE}?(?P<cjk>{_HOUR_CHARACTER})"  # 7時55分, 2時半, 7시
    rf"(?:{_SPACE}?(?P<cm>\d{{1,2}}){_SPACE}?[{lexicon.CLOCK_MINUTE_CHARACTERS}]"
    rf"|{_SPACE}?(?P<half>{_alternatives(lexicon.CLOCK_HALF)}))?"
    r"|(?![.,:]?\d)"  # a bare hour, a time only with a marker after it
    r")"
    rf"(?:{_SPACE}?(?P<ampm>{_AMPM})"
    rf"|{_SPACE}?(?P<am>{_alternatives(lexicon.CLOCK_AM_AFTER)}){_LETTER_AFTER}"
    rf"|{_SPACE}?(?P<pm>{_alternatives(lexicon.CLOCK_PM_AFTER)}){_LETTER_AFTER}"
    rf"|{_SPACE}?(?P<hour>{_alternatives(lexicon.CLOCK_HOUR_AFTER)}){_LETTER_AFTER}"
    rf"(?!{_SPACE}+(?:{_alternatives(lexicon.CLOCK_HOUR_AFTER_DURATION)})))?",
)
_DIGIT = re.compile(r"\d")


def find_times(text: str) -> list[TimeMention]:
    """The clock times of ``text`` in order, each with its minutes of the day."""
    if _DIGIT.search(text) is None:
        return []
    found = []
    for match in _TIME.finditer(text):
        opening = _range_opening(text, match)
        values = _time_values(match, _range_end_half(text, match, opening))
        if values:
            first = _range_start(match, opening)
            if first is not None and (not found or found[-1].end <= first.start):
                found.append(first)
            found.append(TimeMention(match.start(), match.end(), values))
    return found


# the first time of a range whose marker follows the second: "19.30–21.45 uur", "7.30-9.45
# pm", "11.30 bis 13.30 Uhr"
_RANGE_START = re.compile(
    r"(?<![\d.,:])(?P<h>\d{1,2})[.:](?P<m>\d{2})"
    r"(?:[ \u00a0]?[-–—][ \u00a0]?|[ \u00a0](?:to|till|until|bis|tot|à|au|a|al|até|до)[ \u00a0])\Z"
)
_RANGE_REACH = 12  # the first time of a range and the dash or word after it


def _range_opening(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The first time of a range whose second is ``match`` ("4.30-" before "5.30"), if
    any: only before a time with minutes and no marker of its own before it."""
    if match.group("pre") or match.group("sep") is None:
        return None
    return _RANGE_START.search(text, max(0, match.start() - _RANGE_REACH), match.start())


def _range_end_half(text: str, match: re.Match[str], before: re.Match[str] | None) -> str | None:
    """The half of the day of a range's second time said by the part of the day before its
    first ``before`` ("மாலை 4.30-5.30 மணி", evening 4.30 to 5.30, ends at 17:30), where the
    second says none itself: across noon from the morning ("காலை 11.30-12.30") the
    afternoon's."""
    if before is None or _half_of_day(match):
        return None
    marker = _WORD_TIME_BEFORE.search(text, max(0, before.start() - _BEFORE_REACH), before.start())
    if marker is None:
        return None
    first, hour = int(before.group("h")), int(match.group("h"))
    half = _half_before(marker.group("pre"), hour)
    if half == "am" and marker.group("pre") in _AM_BEFORE and (hour < first or hour == 12):
        return "pm"
    return half


def _range_start(match: re.Match[str], before: re.Match[str] | None) -> TimeMention | None:
    """The time ``before`` that opens a range ending in ``match`` (``_range_opening``), read
    in its half of the day: the second's, or the morning where the afternoon's range crosses
    noon ("11.30-1.30 pm")."""
    if before is None:
        return None
    hour, minutes = int(before.group("h")), int(before.group("m"))
    half = _half_of_day(match)
    if half == "pm" and hour > int(match.group("h")) and hour < 12:
        half = "am"
    values = clock_values(hour, minutes, half)
    return TimeMention(before.start(), before.start("m") + 2, values) if values else None


def _number(raw: str | None) -> int | None:
    return None if raw is None else int(normalize_number(raw))


def _time_values(match: re.Match[str], carried: str | None = None) -> frozenset[str]:
    """Minutes of the day the match may stand for; empty when it is no clock time.
    ``carried``: the half of the day a range's first time says for it (``_range_end_half``)."""
    # most matches are plain numbers: no marker and no colon is no clock time, whatever else
    marked = carried or any(match.group("pre", "cjk", "hour", "hh", "ampm", "am", "pm"))
    if not marked and match.group("sep") != ":":
        return frozenset()
    hour = _number(match.group("h"))
    minutes = _number(match.group("m") or match.group("hm") or match.group("cm"))
    if match.group("half"):
        minutes = 30
    half = _half_of_day(match) or carried
    if match.group("sep") == "." and not (half or match.group("hour") or match.group("pre")):
        return frozenset()  # "7.55" is a decimal number unless "am" or "Uhr" says otherwise
    if hour is None:
        return frozenset()
    return clock_values(hour, minutes, half)


def clock_values(hour: int, minutes: int | None, half: str | None) -> frozenset[str]:
    """Minutes of the day ("@475") of a clock time, both halves of the day where ``half``
    ("am", "pm") is not said; a whole hour written without minutes keeps its plain number
    too ("7 h", "7 Uhr": as often seven hours, or the number seven). Empty for no time."""
    if hour > 24 or (minutes or 0) >= 60:
        return frozenset()
    if half == "pm" and hour < 12:
        hours = {hour + 12}
    elif half == "am":
        hours = {hour % 12}
    elif half is None and 1 <= hour <= 12:
        hours = {hour % 12, hour % 12 + 12}
    else:
        hours = {hour % 24}
    values = {f"{CLOCK_PREFIX}{h * 60 + (minutes or 0)}" for h in hours}
    if minutes is None:
        values.add(str(hour))
    return frozenset(values)


_WORD_TIME_BEFORE = re.compile(rf"(?P<pre>{_MARKER_BEFORE}){_SPACE}*$")
_WORD_TIME_AFTER = re.compile(
    rf"{_SPACE}?(?:(?P<cjk>{_HOUR_CHARACTER})"
    rf"|(?P<am>{_alternatives(lexicon.CLOCK_AM_AFTER)}){_LETTER_AFTER}"
    rf"|(?P<pm>{_alternatives(lexicon.CLOCK_PM_AFTER)}){_LETTER_AFTER})"
)


def word_time(text: str, start: int, end: int, hour: int) -> TimeMention | None:
    """A number written in words or numeral characters as a clock time ("dos de la tarde",
    "下午二点"), with the marker that makes it one; None where none does."""
    after = _WORD_TIME_AFTER.match(text, end)
    if after is None:
        return None
    before = _WORD_TIME_BEFORE.search(text, max(0, start - _BEFORE_REACH), start)
    half = "am" if after.group("am") else "pm" if after.group("pm") else None
    if before:
        half = _half_before(before.group("pre"), hour) or half
    values = clock_values(hour, None, half)
    if not values:
        return None
    return TimeMention(before.start() if before else start, after.end(), values, word=True)


def _half_of_day(match: re.Match[str]) -> str | None:
    ampm = match.group("ampm")
    if ampm:
        return "am" if ampm[0] in "aA" else "pm"
    if match.group("am"):
        return "am"
    if match.group("pm"):
        return "pm"
    return _half_before(match.group("pre"), _number(match.group("h")))


def _half_before(pre: str | None, hour: int | None) -> str | None:
    """The half of the day that a marker before the hour says: the night's evening hours
    (5 to 11) are the afternoon's, its 12 and small hours the morning's; midday's late
    morning hours (7 to 11) are the morning's, its 12 and the hours after the afternoon's."""
    if pre in _AM_BEFORE:
        return "am"
    if pre in _PM_BEFORE:
        return "pm"
    if hour is None or hour > 12:
        return None
    if pre in _NIGHT_BEFORE:
        return "pm" if 5 <= hour <= 11 else "am"
    if pre in _MIDDAY_BEFORE:
        return "am" if 7 <= hour <= 11 else "pm"
    return None


# --- month names --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthMention:
    start: int
    end: int
    values: frozenset[str]


def _month_pattern(capitalised: bool) -> re.Pattern[str]:
    forms = [
        form
        for language, table in lexicon.MONTHS.items()
        if (language in lexicon.CAPITALISED_MONTHS) == capitalised
        for names in table.values()
        for form in names.split()
    ]
    # a trie, not an alternation of whole names, which ``re`` would try one by one at every
    # place a name's first letter stands (same matches: the longest name first either way;
    # the case-blind names are all in lower case, so no two branches match one letter)
    body = trie_pattern(forms, lambda letter: rf"{_SPACE}+" if letter == "_" else re.escape(letter))
    prefix = "" if capitalised else "(?:[وف]?[بل]?)"  # Arabic "و", "ب" written against it
    flags = 0 if capitalised else re.IGNORECASE
    # every match starts with one of these letters: looking ahead for them first skips
    # most positions without trying the alternatives (as number_words does)
    first = {form[0] for form in forms} | (set() if capitalised else set("وفبل"))
    if not capitalised:
        first |= {c.upper() for c in first} | {c.lower() for c in first}
    start = f"(?=[{re.escape(''.join(sorted(first)))}])"
    return re.compile(rf"{start}{_LETTER_BEFORE}{prefix}(?P<month>{body})\.?{_LETTER_AFTER}", flags)


_MONTH_VALUE = {
    form.replace("_", " ").casefold(): month
    for table in lexicon.MONTHS.values()
    for month, names in table.items()
    for form in names.split()
}
_MONTH_PATTERNS = (_month_pattern(True), _month_pattern(False))


def _first_word_pattern() -> re.Pattern[str]:
    """A run of letters that a month name can start with (with the Arabic letters written
    against it): its first word, which ends where its letters do."""
    words = {
        capitalised: [
            form.split("_")[0]
            for language, table in lexicon.MONTHS.items()
            if (language in lexicon.CAPITALISED_MONTHS) == capitalised
            for names in table.values()
            for form in names.split()
        ]
        for capitalised in (True, False)
    }
    return re.compile(
        f"(?:{trie_pattern(words[True])}|(?i:(?:[وف]?[بل]?)(?:{trie_pattern(words[False])})))"
    )


MONTH_FIRST_WORD = _first_word_pattern()


def find_months(text: str, starts: Iterable[int] | None = None) -> list[MonthMention]:
    """Month names in ``text`` in order, each standing for its month's number. ``starts``:
    every place, in order, where one may start, when the caller knows them (the runs of
    letters that ``MONTH_FIRST_WORD`` matches whole, in a text without combining marks):
    the names there are the names of the whole text's scan, found without it."""
    found = []
    for pattern in _MONTH_PATTERNS:
        if starts is None:
            matches: Iterable[re.Match[str] | None] = pattern.finditer(text)
        else:
            matches = _matches_at(pattern, text, starts)
        for match in matches:
            if match is None:
                continue
            name = " ".join(match.group("month").split()).casefold()
            start, end = match.span("month")
            found.append(MonthMention(start, end, frozenset({str(_MONTH_VALUE[name])})))
    return sorted(found, key=lambda m: m.start)


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str] | None]:
    """``pattern.finditer(text)`` where a match can start at ``starts`` only."""
    reach = 0
    for start in starts:
        if start >= reach:
            match = pattern.match(text, start)
            if match is not None:
                reach = match.end()
            yield match


# --- weekdays and months as named in one language -----------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarMention:
    """A weekday (``unit`` "weekday", 1 = Monday ... 7 = Sunday) or a month ("month", 1-12)
    named in words."""

    start: int
    end: int
    unit: str
    value: int


# a weekday written "周一" after a numeral is part of a count ("两周一", two weeks and one)
_NOT_BEFORE_ZHOU = "〇一二两兩三四五六七八九十几幾数數"


def _calendar_pattern(language: str) -> re.Pattern[str] | None:
    """One pattern for the weekday and month names of ``language`` (as listed: case
    matters), each name a group ``w<day>`` or ``m<month>``; None for a language without."""
    names: list[tuple[str, str]] = []
    for unit, table in (("w", lexicon.WEEKDAYS), ("m", lexicon.MONTHS)):
        for value, forms in table.get(language, {}).items():
            names += [(form, f"{unit}{value}") for form in forms.split()]
    if not names:
        return None
    names.sort(key=lambda item: len(item[0]), reverse=True)  # longest first: "月曜日", "月曜"
    body = "|".join(
        f"(?P<{key}_{k}>{re.escape(form).replace('_', f'{_SPACE}+')})"
        for k, (form, key) in enumerate(names)
    )
    # every match starts with one of these: a cheap test before the lookbehinds at each
    # position of a paragraph (the same matches, a fraction of the time)
    firsts = {form[0] for form, _ in names} | ({"و", "ف", "ب"} if language == "ar" else set())
    starts = f"(?=[{re.escape(''.join(sorted(firsts)))}])"
    if language in lexicon.UNSPACED_CALENDAR:
        # nor before a counter ("每周一次", once a week)
        return re.compile(rf"{starts}(?<![{_NOT_BEFORE_ZHOU}](?=[周週]))(?:{body})(?![次回遍])")
    prefix = "(?:[وف]?ب?)" if language == "ar" else ""
    # Korean writes its particles against the word ("월요일에"): no letter test after it
    after = "" if language == "ko" else _LETTER_AFTER
    return re.compile(rf"{starts}{_LETTER_BEFORE}{prefix}(?:{body}){after}")


_CALENDAR_PATTERNS: dict[str, re.Pattern[str] | None] = {}


def find_calendar(text: str, language: str | None) -> list[CalendarMention]:
    """The weekdays and months that ``text`` in ``language`` names in words, in order.

    >>> [(m.unit, m.value) for m in find_calendar("Am Dienstag, nicht im März, montags", "de")]
    [('weekday', 2), ('month', 3), ('weekday', 1)]
    >>> [(m.unit, m.value) for m in find_calendar("Совет во вторник, в среду, 3 мая", "ru")]
    [('weekday', 2), ('weekday', 3), ('month', 5)]
    >>> [(m.unit, m.value) for m in find_calendar("上周一开会，一周一次；9月星期天", "zh")]
    [('weekday', 1), ('weekday', 7)]
    >>> [(m.unit, m.value) for m in find_calendar("周二、星期天", "zh-cn")]
    [('weekday', 2), ('weekday', 7)]
    >>> [(m.unit, m.value) for m in find_calendar("金曜日に、月曜に", "ja")]
    [('weekday', 5), ('weekday', 1)]
    """
    if not language:
        return []
    language = language.split("-")[0]  # "zh-cn", "zh-tw": the language's names
    if language not in _CALENDAR_PATTERNS:
        _CALENDAR_PATTERNS[language] = _calendar_pattern(language)
    pattern = _CALENDAR_PATTERNS[language]
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        key = match.lastgroup or ""
        unit = "weekday" if key[0] == "w" else "month"
        start, end = match.span(key)
        found.append(CalendarMention(start, end, unit, int(key[1:].split("_")[0])))
    return found
