"""Numbers as prose writes them: digits (in any script) with the scale words after them,
number words read whole ("twenty-three", "dix-huit", "dreiundzwanzig", "ثلاثة وعشرون"),
and Chinese, Japanese and Sino-Korean numerals ("二十三", "1.5億", "1억 2500만").

Each mention carries every value it may stand for: "£11m" is 11 million or, read plainly,
11 (metres, say); "28億" is 2.8 billion or 28. Two mentions agree when they share a value.

The span of digits is the digits alone, what a reader sees changed ("2.8" of "2.8bn").

>>> def show(text, language):
...     return [(text[m.start:m.end], sorted(m.values)) for m in find_numbers(text, language)]
>>> show("£2.8bn, twenty-three and dix-huit", "en")
[('2.8', ['2.8', '2800000000']), ('twenty-three', ['23']), ('dix-huit', ['18'])]
>>> show("2000万人收看了，一百万，1億2,500万ポンド", "zh")
[('2000', ['2000', '20000000']), ('一百万', ['1000000']), ('1億2,500万', ['125000000'])]
>>> show("204만 명, ٣٫٥ مليون", "ko") + show("१२५ करोड़", "hi")
[('204', ['204', '2040000']), ('٣٫٥', ['3.5', '3500000']), ('१२५', ['125', '1250000000'])]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import is_

from tui.engine.text import number_lexicon as lexicon
from tui.engine.text.anchors import (
    COMBINING_MARKS,
    fold_case,
    iter_numbers,
    normalize_word,
    trie_pattern,
)
from tui.engine.text.decade_names import DECADE_PREFIX, with_decade_names
from tui.engine.text.times import (
    MONTH_FIRST_WORD,
    MonthMention,
    TimeMention,
    find_months,
    find_times,
    word_time,
)
from tui.engine.text.year_ranges import with_year_spans


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number in a text: ``values`` are its normalised readings (``normalize_number``'s
    form), any of which an equal number across satisfies."""

    start: int
    end: int
    values: frozenset[str]
    word: bool  # written in words or numeral characters, no digit
    flaggable: bool  # False: it satisfies numbers across but is never flagged itself


def _canonical(value: Decimal) -> str:
    """``normalize_number``'s form of a value: no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the word lexicon -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Form:
    value: int
    languages: frozenset[str]  # languages that write this form with this value
    value_only: frozenset[str]  # of them, those where it is never flagged
    compound_only: bool


def _build_forms() -> dict[str, list[_Form]]:
    by_form: dict[tuple[str, int], dict[str, set[str]]] = {}
    for language, table in lexicon.WORDS.items():
        value_only = {normalize_word(w) for w in lexicon.VALUE_ONLY.get(language, "").split()}
        for value, forms in table.items():
            for form in forms.split():
                key = (normalize_word(form), value)
                entry = by_form.setdefault(key, {"languages": set(), "value_only": set()})
                entry["languages"].add(language)
                if key[0] in value_only:
                    entry["value_only"].add(language)
    compound_only = {
        normalize_word(w) for words in lexicon.COMPOUND_ONLY.values() for w in words.split()
    }
    forms: dict[str, list[_Form]] = {}
    for (form, value), entry in by_form.items():
        forms.setdefault(form, []).append(
            _Form(value, frozenset(entry["languages"]), frozenset(entry["value_only"]), False)
        )
    for language, words in lexicon.COMPOUND_ONLY.items():
        for word in words.split():
            forms[normalize_word(word)] = [_Form(1, frozenset({language}), frozenset(), True)]
    assert compound_only <= forms.keys()
    return forms


_FORMS = _build_forms()
# Quatre-vingts (80) is one number in French; with its hyphen it is read as one form.
_FORMS["quatre-vingt"] = _FORMS["quatre-vingts"] = [
    _Form(80, frozenset({"fr"}), frozenset(), False)
]


def _written_forms() -> set[str]:
    """Every form as it may be written: with its accents, without, and casefolded."""
    written = set(_FORMS)
    for table in lexicon.WORDS.values():
        for forms in table.values():
            written.update(form.casefold() for form in forms.split())
    written.update(w.casefold() for words in lexicon.COMPOUND_ONLY.values() for w in words.split())
    written.update({"quatre-vingt", "quatre-vingts", "dreißig"})
    return written


_LETTER_BEFORE = rf"(?<![^\W\d_])(?<![{COMBINING_MARKS}])"
_LETTER_AFTER = rf"(?![^\W\d_])(?![{COMBINING_MARKS}])"
_FORM = trie_pattern(sorted(_written_forms()))
_ARABIC_PREFIXES = "وفبلكا"  # the letters of the conjunctions and article below
# Every match starts with one of these: looking ahead for them first halves the search
# (the trie's branches are tried at a word start only when its letter can begin one).
_FIRST_LETTERS = "".join(sorted({form[0] for form in _written_forms()} | set(_ARABIC_PREFIXES)))


def _stem_languages() -> dict[str, frozenset[str]]:
    """The stems written against a number ("dreimonatiger", "tweejarig": COMPOUND_STEMS),
    with and without their accents, and the languages of each."""
    languages: dict[str, set[str]] = {}
    for language, stems in lexicon.COMPOUND_STEMS.items():
        for stem in stems.split():
            for written in {stem, normalize_word(stem)}:
                languages.setdefault(written, set()).add(language)
    return {stem: frozenset(found) for stem, found in languages.items()}


_STEM_LANGUAGES = _stem_languages()
# A number word, or several written as one ("dreiundzwanzig", "doscientos"), after an
# Arabic article or conjunction written against it ("والثلاثة", "and the three"), or
# before a stem and its ending ("dreimonatiger").
# The look-behind comes first: it fails inside a word, where most positions are, before
# the first letters' case-blind class is tried (both are zero-width: the same matches;
# scan of the messy 10k pair's paragraphs 1.59 -> 1.39 s).
_WORD_NUMBER = re.compile(
    rf"{_LETTER_BEFORE}(?=[{re.escape(_FIRST_LETTERS)}])(?:[وف]?[بلك]?(?P<article>ال)?)?"
    rf"(?P<number>{_FORM}(?:(?:und)?{_FORM})*)"
    rf"(?:(?P<stem>{trie_pattern(sorted(_STEM_LANGUAGES))})[^\W\d_]*)?{_LETTER_AFTER}",
    re.IGNORECASE,
)
# Between two parts of one number: "dix-huit", "trois mille", "two hundred and five".
_CONNECTOR = "|".join(lexicon.CONNECTORS)
_JOINS_WORDS = re.compile(
    rf"[\s\-\u2010\u2011]*(?:(?:{_CONNECTOR})[\s\-\u2010\u2011]*)?", re.IGNORECASE
)
_PERCENT_BEFORE = re.compile(r"(?:pour|per|por)\s+$", re.IGNORECASE)
_COMPOUND_END = re.compile(  # Portuguese joins them with "e"
    r"\s+e\s+(?P<end>" + "|".join(lexicon.SEPARATE_COMPOUND_ENDS) + rf"){_LETTER_AFTER}",
    re.IGNORECASE,
)
# one trie of the scales, not ~200 alternatives tried one by one after every number
_DIGIT_SUFFIX = re.compile(
    r"\s?(?P<scale>" + trie_pattern(lexicon.DIGIT_SUFFIX_SCALES) + rf")\.?{_LETTER_AFTER}",
    re.IGNORECASE,
)


_UNSPACED_SUFFIX = re.compile(
    r"\s?(?P<scale>" + "|".join(sorted(lexicon.UNSPACED_DIGIT_SCALES, key=len, reverse=True)) + ")"
)


# German glues the longest numbers: "neunhundertneunundneunzigtausendneunhundertneunundneunzig"
# (999,999) has 57 letters; a longer run read form by form would recurse once a form
_LONGEST_NUMBER_WORD = 120


@lru_cache(maxsize=4096)
def _segments(token: str, after_form: bool = False) -> tuple[tuple[str, ...], ...]:
    """Ways to read ``token`` (normalised) as forms in a row, German "und" between two of
    them ("dreiundzwanzig"); longest first forms first."""
    if not token:
        return ((),)
    readings: list[tuple[str, ...]] = []
    for end in range(len(token), 0, -1):
        head = token[:end]
        if head in _FORMS:
            readings += [(head, *rest) for rest in _segments(token[end:], True)]
    if after_form and token.startswith("und") and len(token) > 3:
        readings += _segments(token[3:])
    return tuple(readings)


# --- composing parts into one value ------------------------------------------------------------


class _Composer:
    """Adds the parts of one number in reading order; ``add`` refuses a part that cannot
    continue it ("two three" is two numbers, "twenty three" one)."""

    def __init__(self) -> None:
        self.total = Decimal(0)  # groups closed by a scale of a thousand or more
        self.group = Decimal(0)  # the current group below that scale
        self.last: Decimal | None = None  # the last part added to the group
        self.parts = 0

    def add(self, value: Decimal) -> bool:
        if value >= 1000 and value == _power_of_ten(value):
            if self.total and self.total < value and not self.group:
                self.total *= value  # "mil millones"
            elif self.total and self.total <= value:
                return False
            else:
                self.total += (self.group or 1) * value
            self.group, self.last = Decimal(0), None
        elif value == 100:
            if self.group >= 100:
                return False
            self.group, self.last = (self.group or 1) * 100, None
        elif value >= 100:  # a word for two hundred, three hundred, ...
            if self.group:
                return False
            self.group, self.last = value, None
        elif self.parts and not self._continues(value):
            return False
        else:
            self.group += value
            self.last = value
        self.parts += 1
        return True

    def _continues(self, value: Decimal) -> bool:
        last = self.last
        if last is None:
            return self.group % 100 == 0 and value < 100
        if last != last.to_integral_value() or value != value.to_integral_value():
            return False
        before, after = int(last), int(value)
        if before > after:  # tens then units: "twenty-three"
            fits = before % 10 ** len(str(after)) == 0
            # French 70 and 90: soixante-dix, quatre-vingt-douze
            return fits or (before in (60, 80) and 10 <= after <= 19)
        # units then tens, the unit alone so far: "dreiundzwanzig", "ثلاثة عشر"
        return self.group == last and after % 10 ** len(str(before)) == 0

    @property
    def value(self) -> Decimal:
        return self.total + self.group


def _power_of_ten(value: Decimal) -> Decimal:
    return Decimal(10) ** (len(str(int(value))) - 1)


# --- CJK and Sino-Korean numerals -------------------------------------------------------------

_CJK_CHARACTERS = {
    **lexicon.CJK_DIGITS,
    **lexicon.CJK_SMALL_SCALES,
    **lexicon.CJK_LARGE_SCALES,
    **lexicon.HANGUL_DIGITS,
    **lexicon.HANGUL_SMALL_SCALES,
    **lexicon.HANGUL_LARGE_SCALES,
}
_DIGIT_CHARACTERS = {**lexicon.CJK_DIGITS, **lexicon.HANGUL_DIGITS}
_SMALL_SCALES = {**lexicon.CJK_SMALL_SCALES, **lexicon.HANGUL_SMALL_SCALES}
_LARGE_SCALES = {**lexicon.CJK_LARGE_SCALES, **lexicon.HANGUL_LARGE_SCALES}
_CJK_SCALE_CHARACTERS = "".join({**lexicon.CJK_SMALL_SCALES, **lexicon.CJK_LARGE_SCALES})
_HANGUL_SCALE_CHARACTERS = "".join({**lexicon.HANGUL_SMALL_SCALES, **lexicon.HANGUL_LARGE_SCALES})
_HAN_NUMERALS = "".join(
    {**lexicon.CJK_DIGITS, **lexicon.CJK_SMALL_SCALES, **lexicon.CJK_LARGE_SCALES}
)
_HANGUL_NUMERALS = "".join(
    {**lexicon.HANGUL_DIGITS, **lexicon.HANGUL_SMALL_SCALES, **lexicon.HANGUL_LARGE_SCALES}
)
_HAN_RUN = re.compile(f"[{_HAN_NUMERALS}]+")
# Sino-Korean numbers start a word ("삼십 명", "백만"); inside one they are other syllables
_HANGUL_RUN = re.compile(f"(?<![\uac00-\ud7a3])[{_HANGUL_NUMERALS}]{{2,}}")
# A text with none of those characters skips the run's scan: a pattern that begins with a
# look-behind is tried at every position, one that begins with a character set jumps to its
# characters (messy 10k pair, 18.7k paragraphs: 0.39 -> 0.08 s)
_HANGUL_ANY = re.compile(f"[{_HANGUL_NUMERALS}]")
# Scale characters right after digits: "3万", "28億", "1.25 亿", "2000만", "5천"
_SCALE_AFTER_DIGITS = re.compile(f" ?(?:[{_CJK_SCALE_CHARACTERS}]+|[{_HANGUL_SCALE_CHARACTERS}]+)")


def cjk_value(characters: str, coefficient: Decimal | None = None) -> Decimal | None:
    """The value of CJK or Sino-Korean numeral characters, after digits worth
    ``coefficient`` if given; None where they do not form one number.

    >>> [cjk_value(x) for x in ("二十三", "一百零五", "三万五千", "二〇二四", "백만")]
    [Decimal('23'), Decimal('105'), Decimal('35000'), Decimal('2024'), Decimal('1000000')]
    >>> cjk_value("万", Decimal("1.5")), cjk_value("三四"), cjk_value("万三")
    (Decimal('15000.0'), None, None)
    """
    if characters and all(c in _DIGIT_CHARACTERS for c in characters):
        if len(characters) == 1 and coefficient is None:
            return Decimal(_DIGIT_CHARACTERS[characters])
        if len(characters) < 3 or coefficient is not None:
            return None  # "三四" is three or four; a year is written digit by digit
        return Decimal("".join(str(_DIGIT_CHARACTERS[c]) for c in characters))
    total, section = Decimal(0), Decimal(0)
    number = coefficient
    last_large = None
    for ch in characters:
        if ch in _DIGIT_CHARACTERS:
            if number is not None and _DIGIT_CHARACTERS[ch] and number:
                return None  # two digits in a row in a number with scales
            number = Decimal(_DIGIT_CHARACTERS[ch])
        elif ch in _SMALL_SCALES:
            if number is None and (section or total) and not section % 10:
                number = Decimal(1)  # "一百十" reads 110
            section += (1 if number is None else number) * _SMALL_SCALES[ch]
            number = None
        else:
            scale = _LARGE_SCALES[ch]
            if last_large is not None and scale >= last_large:
                return None
            if not (section or number):
                return None  # a large scale with nothing to multiply: "万三"
            total += (section + (number or 0)) * scale
            section, number, last_large = Decimal(0), None, scale
    return total + section + (number or 0)


# --- finding mentions --------------------------------------------------------------------------


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    value: Decimal
    languages: frozenset[str]
    value_only: frozenset[str]  # languages where it is never flagged, "*" for all
    alone: bool = False  # before a stem ("dreimonatiger"): a number of its own, joining none


def _words(text: str, parts: list[_Part]) -> list[_Word]:
    """The number words of ``text`` from ``_word_parts``' matches."""
    words = []
    for start, end, number, article, stem in parts:
        read = _reading(number, article, stem)
        if read is None:
            continue
        value, languages, value_only = read
        if value == 100 and _PERCENT_BEFORE.search(text, 0, start):
            continue  # the "cent" of "pour cent"
        words.append(_Word(start, end, value, languages, value_only, stem is not None))
    return words


# (start, end, number, after the Arabic article, the stem after it)
_Part = tuple[int, int, str, bool, str | None]


def _word_parts(text: str) -> tuple[list[_Part], list[int] | None]:
    """(start, end, text, after the Arabic article, stem after it) of the number of each
    match of ``_WORD_NUMBER`` in ``text``, in order; and where a month name may start (the
    starts ``times.find_months`` takes), None where that takes its own scan.

    Without a combining mark in the text, a match is one whole run of letters (it starts
    where no letter stands before it and ends where none follows), and a month name starts
    a run that is its first word: each run is looked up once by its letters, not tried at
    each of its places by three patterns (the scan by runs is one tight loop of ``re``).
    The same matches in less than half the time. French "quatre-vingt(s)", the one form
    with a character no letter, takes the patterns' own scans.
    """
    if _COMBINING_MARK.search(text) is not None or "quatre-" in text.casefold():
        return [_part(match) for match in _WORD_NUMBER.finditer(text)], None
    # separators and runs of letters in turn, each run looked up by its letters in C loops:
    # a loop of Python's own goes over the few runs that hold something only
    pieces = _LETTER_RUNS.split(text)
    runs = pieces[1::2]
    seen = list(map(_RUNS.get, runs))
    if None in seen:  # runs met for the first time
        for k in compress(range(len(runs)), map(is_, seen, repeat(None))):
            seen[k] = _run(runs[k])
    held = list(compress(range(len(runs)), seen))
    if not held:
        return [], []
    ends = list(accumulate(map(len, pieces)))  # run k starts where piece 2k ends
    found = []
    month_starts = []
    for k in held:
        part, month = seen[k]
        start = ends[2 * k]
        if part is not None:
            found.append((start + part[0], start + part[1], *part[2:]))
        if month:
            month_starts.append(start)
    return found, month_starts


_LETTER_RUNS = re.compile(r"([^\W\d_]+)")
_COMBINING_MARK = re.compile(f"[{COMBINING_MARKS}]")
# what each run of letters holds: a run recurs across an article ("une", "zwei",
# "Himalaya"); emptied when full, so a long session keeps no more than this
_RUNS: dict[str, tuple[_Part | None, bool] | tuple[()]] = {}
_RUNS_LIMIT = 1 << 17
_NOTHING = ()  # a run that holds neither a number word nor a month's start


def _run(run: str) -> tuple[_Part | None, bool] | tuple[()]:
    """``_word_parts``' entry for a run of letters standing alone (the patterns'
    look-behind and look-ahead see no letter beyond it either way): its number word, and
    whether a month name may start there."""
    match = _WORD_NUMBER.fullmatch(run)
    part = None if match is None else _part(match)
    month = MONTH_FIRST_WORD.fullmatch(run) is not None
    if len(_RUNS) >= _RUNS_LIMIT:
        _RUNS.clear()
    seen = _RUNS[run] = (part, month) if part is not None or month else _NOTHING
    return seen


def _part(match: re.Match[str]) -> _Part:
    return (
        *match.span("number"),
        match.group("number"),
        match.group("article") is not None,
        match.group("stem"),
    )


@lru_cache(maxsize=16384)
def _reading(
    number: str, article: bool, stem: str | None = None
) -> tuple[Decimal, frozenset[str], frozenset[str]] | None:
    """The value, languages and never-flagged languages of a number word as matched (with
    or without the Arabic article before it, before a ``stem``); None where it is no
    number. Cached: the same few words ("un", "one", "drei") recur in every paragraph of a
    long article."""
    token = normalize_word(number)
    if len(token) > _LONGEST_NUMBER_WORD:
        return None  # no language glues so long a number ("oneoneone..." or a hostile run)
    reading = next((r for r in _segments(token) if r), None)
    if reading is None:
        return None
    entries = [_FORMS[form] for form in reading]
    if len(reading) == 1 and entries[0][0].compound_only:
        return None  # "ein" alone is "a"
    composer = _Composer()
    options = [entries_[0] for entries_ in entries]
    if not all(composer.add(Decimal(form.value)) for form in options):
        return None
    languages = frozenset.intersection(
        *(frozenset().union(*(f.languages for f in e)) for e in entries)
    )
    if stem is not None:
        languages &= _STEM_LANGUAGES.get(fold_case(stem), frozenset())  # not "dreijarig"
        if not languages:
            return None
    # never flagged where all its forms are not, nor with the Arabic article: "العشرين"
    # is as often "the twentieth" (century) and "الأربع كرات" is "the fourballs"
    value_only = (
        frozenset("*")
        if article
        else frozenset.intersection(
            *(frozenset().union(*(f.value_only for f in e)) for e in entries)
        )
    )
    return composer.value, languages, value_only


# Languages whose number words are read only in their own text (or text of no known
# language): added after the dev sets, their forms are common words elsewhere ("tien" is
# French "yours", "sete" ...), which would otherwise stand for a number there.
_OWN_TEXT_ONLY = frozenset(lexicon.OWN_TEXT_ONLY)
# Languages whose number words are read: the lexicon's, and Chinese and Japanese numerals.
_WORD_LANGUAGES = frozenset(lexicon.WORDS) | {"zh", "ja"}


def reads_number_words(language: str | None) -> bool:
    """Whether number words of ``language`` are read here: a Thai or Turkish text may say
    "two" in words that nothing here matches. An unknown language is read with every
    language's words.

    >>> reads_number_words("zh-cn"), reads_number_words("th"), reads_number_words(None)
    (True, False, True)
    """
    return language is None or language.split("-")[0] in _WORD_LANGUAGES


def find_numbers(text: str, language: str | None) -> list[NumberMention]:
    """Every number in ``text`` in text order; words are flaggable only in a text of their
    own ``language`` (alone, French "neuf" is as likely "new", "sei" "you are")."""
    mentions: list[NumberMention] = []
    parts, month_starts = _word_parts(text) if _may_hold_words(text) else ([], [])
    words = _words(text, parts)
    w = 0
    # where the scale of the last digits ended ("1億" of "1億2,500万"), and its value
    last_scaled: tuple[int, Decimal] | None = None
    for start, end, raw_value in iter_numbers(text):
        values = {raw_value}
        # words before this number stand alone or join each other
        while w < len(words) and words[w].start < start:
            w = _word_run(text, words, w, start, language, mentions)
        plain = Decimal(raw_value)
        scaled, reach = _scaled(text, plain, end, words, w)
        if scaled is not None:
            values.add(_canonical(scaled))
            while w < len(words) and words[w].start < reach:
                w += 1
        # a number under the last one's large scale adds to it: scaled, "1億2,500万" and "1억
        # 2500만", or plain digits glued to it, "2만1000" ("3万 2023年" is two numbers)
        part = scaled
        if part is None and last_scaled and start == last_scaled[0]:
            part = plain
        if (
            part is not None
            and last_scaled
            and _continues_large_scale(text, last_scaled[0], start, part)
        ):
            previous = mentions.pop()
            total = _canonical(last_scaled[1] + part)
            mentions.append(NumberMention(previous.start, reach, frozenset({total}), False, True))
            last_scaled = None
            continue
        last_scaled = None if scaled is None else (reach, scaled)
        # the digits alone are the span: what a reader sees changed ("150" of "150 Milliarden")
        mentions.append(NumberMention(start, end, frozenset(values), False, True))
    while w < len(words):
        w = _word_run(text, words, w, len(text), language, mentions)
    mentions += _numeral_characters(text, language, mentions)
    mentions += _roman_numerals(text, mentions)
    mentions = [_with_decades(text, mention) for mention in mentions]
    mentions = with_decade_names(text, mentions, language)
    mentions = with_year_spans(text, mentions)
    months = find_months(text, month_starts)
    return sorted(_with_times_and_months(text, mentions, months), key=lambda m: m.start)


def find_ordinal_words(text: str, language: str | None) -> list[NumberMention]:
    """Ordinal words of ``text`` in its language's forms (``number_lexicon.ORDINAL_WORDS``;
    every language's where the language is unknown), and words that count without being
    numbers ("both", "doubled", "a decade": ``COUNTING_WORDS``), as values that satisfy a
    number across but are never flagged: "the second summit" against "2度目の首脳会談".

    >>> [sorted(m.values) for m in find_ordinal_words("Her second and twenty-first.", "en")]
    [['2'], ['21']]
    >>> [sorted(m.values) for m in find_ordinal_words("في الأول من أكتوبر", "ar")]
    [['1']]
    >>> find_ordinal_words("The first one.", "ja")
    []
    """
    found = _ordinal_forms(language)
    if found is None:
        return []
    pattern, values = found
    mentions = []
    for m in pattern.finditer(text):
        value = values.get(fold_case(m["word"]))
        if value is not None:  # re.I may match a letter fold_case does not give back
            mentions.append(
                NumberMention(m.start("word"), m.end("word"), frozenset({str(value)}), True, False)
            )
    return mentions


@lru_cache(maxsize=32)
def _ordinal_forms(language: str | None) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """One pattern of the ordinal forms of ``language`` (of all languages for None), and
    each form's value."""
    tables = lexicon.ORDINAL_WORDS
    known = list(dict.fromkeys([*tables, *lexicon.COUNTING_WORDS]))
    languages = known if language is None else [language] if language in known else []
    values: dict[str, int] = {}
    for code in languages:
        for table in (tables.get(code, {}), lexicon.COUNTING_WORDS.get(code, {})):
            for value, forms in table.items():
                values.update((form, value) for form in forms.split())
        if code == "en":  # "twenty-first", "thirty second"
            tens = {v: w for v, w in lexicon.WORDS["en"].items() if 20 <= v <= 90}
            units = {v: f for v, f in tables["en"].items() if v < 10}
            for ten, ten_word in tens.items():
                for unit, unit_word in units.items():
                    values[f"{ten_word}-{unit_word}"] = ten + unit
                    values[f"{ten_word} {unit_word}"] = ten + unit
    if not values:
        return None
    prefix = r"(?:[وفبلك])?" if "ar" in languages else ""  # Arabic "و", "ب" glued before "ال"
    pattern = re.compile(
        rf"(?<![^\W\d_]){prefix}(?P<word>{trie_pattern(values)})(?![^\W\d_])", re.IGNORECASE
    )
    return pattern, values


# A century, a monarch or a chapter in Roman numerals, II to XXXIX, upper case, standing as a
# word or with an ordinal ending ("XVIIIe", "XVIII-lea", "XXI."): "secolul al XVIII-lea" is
# "the 18th century". Never flagged (a "CV" or "DC" is no number), so only letters I, V, X.
_ROMAN = re.compile(
    r"(?<![^\W\d_])(?=[IVX]{2})(X{0,3})(IX|IV|VI{0,3}|I{0,3})"
    r"(?=(?:-?(?:lea|a|e|er|ère|ème|es|o|º|ª|th|st|nd|rd))?(?![^\W\d_]))"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman_numerals(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Roman numerals of ``text`` outside ``mentions``, as values that satisfy a number across
    but are never flagged (Romanian "secolul al XVIII-lea" against "18th-century").

    >>> [sorted(m.values) for m in _roman_numerals("secolul al XVIII-lea, Louis XIV, MIX", [])]
    [['18'], ['14']]
    """
    if "I" not in text and "V" not in text and "X" not in text:
        return []
    taken = [(m.start, m.end) for m in mentions]
    found = []
    for match in _ROMAN.finditer(text):
        start, end = match.span()
        if start == end or any(a < end and start < b for a, b in taken):
            continue
        tens, units = match.group(1), match.group(2)
        value = 10 * len(tens) + _roman_units(units)
        if value >= 2:
            found.append(NumberMention(start, end, frozenset({str(value)}), True, False))
    return found


def _roman_units(units: str) -> int:
    """The value of a Roman numeral's units part (I to IX)."""
    if units == "IX":
        return 9
    if units == "IV":
        return 4
    return sum(_ROMAN_VALUES[ch] for ch in units)


_DECADES = re.compile(
    r"[\s\u00a0-]+(?:" + "|".join(lexicon.DECADE_WORDS) + rf"){_LETTER_AFTER}", re.IGNORECASE
)


def _with_decades(text: str, mention: NumberMention) -> NumberMention:
    """A number of decades is also that many tens of years ("three decades" is 30)."""
    if not _DECADES.match(text, mention.end):
        return mention
    tens = {
        _canonical(Decimal(v) * 10)
        for v in mention.values
        if not v.startswith(("@", DECADE_PREFIX))
    }
    return replace(mention, values=mention.values | tens)


def _with_times_and_months(
    text: str, mentions: list[NumberMention], months: list[MonthMention]
) -> list[NumberMention]:
    """``mentions`` with each clock time made one mention in place of its parts ("7:55" is
    no 7 and 55, "2pm" no plain 2 only) and the ``months`` named (``find_months``) added as
    values that satisfy a number across but are never flagged ("June" ~ "6月")."""
    times = find_times(text) + _word_times(text, mentions)
    if not times and not months:
        return mentions
    clear_of_times = _clear_of(times)
    kept = [m for m in mentions if clear_of_times(m)]
    kept += [NumberMention(t.start, t.end, t.values, t.word, True) for t in times]
    # a number read there already wins: capitalised French "Sept" is seven, no September
    clear_of_kept = _clear_of(kept)
    kept += [
        NumberMention(m.start, m.end, m.values, True, False) for m in months if clear_of_kept(m)
    ]
    return kept


def _clear_of(
    spans: Sequence[NumberMention | TimeMention],
) -> Callable[[NumberMention | MonthMention], bool]:
    """Whether a mention overlaps none of ``spans``: among the spans starting before it
    ends, the furthest end must not pass its start (a bisection, not a scan: a long text
    holds thousands of numbers and times)."""
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    reach = list(accumulate((s.end for s in ordered), max))

    def clear(mention: NumberMention | MonthMention) -> bool:
        before = bisect_left(starts, mention.end)
        return before == 0 or reach[before - 1] <= mention.start

    return clear


def _word_times(text: str, mentions: list[NumberMention]) -> list[TimeMention]:
    """Hours written in words or numeral characters with a clock's marker ("dos de la
    tarde", "下午二点")."""
    found = []
    for mention in mentions:
        if not mention.word or len(mention.values) != 1:
            continue
        (value,) = mention.values
        if value.isdigit() and int(value) <= 24:
            time = word_time(text, mention.start, mention.end, int(value))
            if time is not None:
                found.append(time)
    return found


_ANY_WORD_CHARACTER = re.compile(r"[^\W\d_]")


def _may_hold_words(text: str) -> bool:
    return _ANY_WORD_CHARACTER.search(text) is not None


def _scaled(
    text: str, value: Decimal, end: int, words: Sequence[_Word], w: int
) -> tuple[Decimal | None, int]:
    """The digits' value times the scale written after them, and where that ends."""
    suffix = _DIGIT_SUFFIX.match(text, end)
    # re.I matched it; casefold may not give the table's key back ("MİLYON", "χιλιάδες")
    scale = suffix and lexicon.DIGIT_SUFFIX_SCALES.get(fold_case(suffix.group("scale")))
    if suffix and scale:
        return value * scale, suffix.end()
    suffix = _UNSPACED_SUFFIX.match(text, end)
    if suffix:
        return value * lexicon.UNSPACED_DIGIT_SCALES[suffix.group("scale")], suffix.end()
    characters = _SCALE_AFTER_DIGITS.match(text, end)
    if characters:
        scaled = cjk_value(characters.group().strip(), value)
        if scaled is not None:
            return scaled, characters.end()
    if w < len(words) and _JOINS_DIGITS.fullmatch(text, end, words[w].start):
        word = words[w]
        if word.value >= 100 and word.value == _power_of_ten(word.value) and not word.alone:
            return value * word.value, word.end
    return None, end


_JOINS_DIGITS = re.compile(r"[\s\u00a0\u202f\-]*")


def _continues_large_scale(text: str, reach: int, start: int, scaled: Decimal) -> bool:
    if text[reach:start].strip():
        return False
    scale = _LARGE_SCALES.get(text[reach - 1])
    return scale is not None and scaled < scale


def _word_run(
    text: str,
    words: Sequence[_Word],
    w: int,
    limit: int,
    language: str | None,
    mentions: list[NumberMention],
) -> int:
    """Join words[w:] that continue one number (before ``limit``) into one mention."""
    composer = _Composer()
    first = w
    while w < len(words) and words[w].start < limit:
        if w > first and (
            words[w].alone
            or words[w - 1].alone
            or not _JOINS_WORDS.fullmatch(text, words[w - 1].end, words[w].start)
        ):
            break  # "zwanzig dreijährige" are twenty of three years, no 23
        if not composer.add(words[w].value):
            break
        w += 1
    run = words[first:w]
    end = run[-1].end
    # "trinta e um": a ten and a one that is never a number alone
    tail = _COMPOUND_END.match(text, end)
    if (
        tail is not None
        and tail.end() <= limit
        and composer.value % 10 == 0
        and fold_case(tail.group("end")) in lexicon.SEPARATE_COMPOUND_ENDS
        and composer.add(Decimal(lexicon.SEPARATE_COMPOUND_ENDS[fold_case(tail.group("end"))]))
    ):
        end = tail.end()
    languages = frozenset.intersection(*(word.languages for word in run))
    if (
        language is not None
        and language not in languages
        and languages
        and languages <= _OWN_TEXT_ONLY
    ):
        return w  # French "le tien" is no Dutch ten
    # a run of several words is one clear number ("dix-neuf") even where a part alone is not
    flaggable = language in languages and not all(
        "*" in word.value_only or language in word.value_only for word in run
    )
    mentions.append(
        NumberMention(run[0].start, end, frozenset({_canonical(composer.value)}), True, flaggable)
    )
    return w


def _ten(text: str, start: int, end: int) -> bool:
    """Whether numeral characters without a digit, ``text[start:end]``, read as ten or ten
    of a large scale ("十年", "十万"): not in a word that holds 十 ("十分", very) nor in a
    vague count ("数十年", decades; "十几岁", teens). ``number_lexicon.CJK_TEN_WORDS``.

    >>> [_ten(t, 0, 1) for t in ("十年", "十分", "十分钟", "十几")], _ten("数十年", 1, 2)
    ([True, False, True, False], False)
    """
    if text[start] != lexicon.CJK_TEN:
        return False
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if (before and before in lexicon.CJK_VAGUE_BEFORE_TEN) or (
        after and after in lexicon.CJK_VAGUE_AFTER_TEN
    ):
        return False
    word = next((w for w in lexicon.CJK_TEN_WORDS if text.startswith(w, start)), None)
    if word is None:
        return True
    counter = text[start + len(word) : start + len(word) + 1]
    return bool(counter) and counter in lexicon.CJK_TEN_WORD_COUNTED


def _numeral_characters(
    text: str, language: str | None, mentions: Sequence[NumberMention]
) -> list[NumberMention]:
    """Numbers written in CJK or Sino-Korean numeral characters, apart from digits."""
    found = []
    taken = [(m.start, m.end) for m in mentions]
    for match in _HAN_RUN.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in taken):
            continue  # the scale of "3万"
        characters = match.group()
        value = cjk_value(characters)
        if value is None:
            continue
        if not any(c in _DIGIT_CHARACTERS for c in characters) and not _ten(text, start, end):
            continue  # "千万" is as often "by all means"
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        counted = after in lexicon.CJK_COUNTERS
        if len(characters) == 1 and value == 1 and not counted:
            continue  # "一" is in countless words
        ordinal = before == "第"
        # Han numerals are Chinese or Japanese whatever a mixed paragraph was detected as
        # (langdetect reads "三年前，Sainsbury's ..." as Vietnamese); Korean writes digits
        flaggable = language != "ko" and not ordinal and (len(characters) > 1 or counted)
        found.append(NumberMention(start, end, frozenset({_canonical(value)}), True, flaggable))
    for match in _HANGUL_RUN.finditer(text) if _HANGUL_ANY.search(text) else ():
        characters = match.group()
        if characters[0] in lexicon.HANGUL_LARGE_SCALES or not any(
            c in _SMALL_SCALES or c in _LARGE_SCALES for c in characters
        ):
            continue
        value = cjk_value(characters)
        if value is not None:
            start, end = match.span()
            found.append(NumberMention(start, end, frozenset({_canonical(value)}), True, False))
    return found
