"""Lex prose into the pieces that survive translation: numbers, words, quotation marks, URLs.

A pygments ``RegexLexer`` does the lexing, so each token comes with its offset and the same
lexer can colour reports. Words are normalised (casefolded, accents stripped) for matching
across languages; numbers are normalised so "6,5" equals "6.5" and "1.000" equals "1 000".

>>> text = "„Es kostet 6,5 Mrd.“ – https://x.org"
>>> kept = [(a.kind, a.value) for a in lex_anchors(text) if a.kind != "punct"]
>>> kept  # doctest: +NORMALIZE_WHITESPACE
[('quote', '„'), ('word', 'es'), ('word', 'kostet'), ('number', '6.5'), ('word', 'mrd'),
 ('quote', '“'), ('url', 'https://x.org')]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from pygments.lexer import RegexLexer
from pygments.token import Error, Literal, Name, Number, Punctuation, String, Text

# Quotation marks of German, French and English typography ("„…“", "« … »", "“…”", ASCII),
# and the corner brackets of Chinese and Japanese ("「…」", "『…』").
# Apostrophes (’ ') are not among them: inside words they are elisions ("d’ultraman").
QUOTE_MARKS = '„“”«»‚‘‹›"「」『』'

_GROUP_SEP = "\u00a0\u202f\u2009'’"  # no-break, narrow no-break, thin spaces; Swiss apostrophe


def _combining_marks() -> str:
    """The combining marks of the scripts in use (vowel signs of Devanagari, Thai, Arabic
    vowels, ...), which ``\\w`` leaves out: without them a Hindi word falls into pieces."""
    ranges = (range(0x0300, 0x2000), range(0x20D0, 0x2100), range(0xA670, 0xAB30))
    marks = [chr(c) for block in ranges for c in block if unicodedata.category(chr(c))[0] == "M"]
    return "".join(marks)


COMBINING_MARKS = _combining_marks()
# A word: letters with their combining marks (digits and "_" are not letters)
WORD_PATTERN = rf"(?:[^\W\d_]|[{COMBINING_MARKS}])+"


def trie_pattern(words: Iterable[str], piece: Callable[[str], str] = re.escape) -> str:
    """One regular expression for ``words`` that branches letter by letter ("zwei|zwolf"
    -> "zw(?:ei|olf)"): ``re`` tries alternatives one by one, a trie keeps that short.
    ``piece`` writes one letter's pattern. Where several words match at one place, the
    longest is tried first, as in an alternation sorted longest first.

    >>> trie_pattern(["zwei", "zwolf", "zw"])
    'zw(?:(?:ei|olf))?'
    """
    trie: dict = {}
    for word in words:
        node = trie
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [piece(letter) + pattern(child) for letter, child in node.items() if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


class ProseLexer(RegexLexer):
    """Lexes article prose into URLs, numbers, words, quotation marks and punctuation."""

    name = "transdiff prose"
    aliases = ["transdiff-prose"]  # noqa: RUF012 (pygments' own class attribute)
    flags = re.UNICODE

    tokens = {  # noqa: RUF012 (pygments reads this class attribute)
        "root": [
            # Most frequent first: RegexLexer tries the rules in order at every position.
            (r"\s+", Text),
            (r"(?!https?://|www\.)" + WORD_PATTERN, Name),
            # "6 000" with a plain space is French for 6000; the group must end the number
            (rf"\d{{1,3}}(?:[{_GROUP_SEP} ]\d{{3}})+(?![\d.,]\d)(?:[.,]\d+)?", Number),
            (r"\d+(?:[.,\u066b\u066c]\d+)*", Number),  # Arabic ٫ decimal, ٬ thousands
            (f"[{QUOTE_MARKS}]", String),
            (r"(?:https?://|www\.)[^\s<>\"«»„“”]+[^\s<>\"«»„“”.,;:!?)]", Name.Label),
            (r"[^\w\s]", Punctuation),
            (r"_+", Literal),
            (r".", Error),
        ]
    }

    def get_tokens_unprocessed(self, text: str, stack: tuple[str, ...] = ("root",)):  # type: ignore[override]
        """The ``root`` rules tried as one alternation: the same tokens as RegexLexer's
        rule-by-rule loop (first matching rule wins at each position), several times faster."""
        types = _RULE_TYPES
        for match in _MASTER.finditer(text):
            yield match.start(), types[match.lastindex - 1], match.group()


_RULES = ProseLexer.tokens["root"]
_MASTER = re.compile("|".join(f"({pattern})" for pattern, _ in _RULES), re.UNICODE | re.DOTALL)
_RULE_TYPES = [token_type for _, token_type in _RULES]


class Anchor(NamedTuple):
    """One lexed piece: ``kind`` is "word", "number", "quote", "url" or "punct".

    A NamedTuple rather than a frozen dataclass: articles hold millions of these, and a
    frozen dataclass's __init__ costs several times more.
    """

    kind: str
    start: int
    end: int
    value: str


_KIND = {Name.Label: "url", Number: "number", Name: "word", String: "quote", Punctuation: "punct"}


@lru_cache(maxsize=1)
def prose_lexer() -> ProseLexer:
    return ProseLexer(stripnl=False, ensurenl=False)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold_case(text: str) -> str:
    """Lower case as ``re.IGNORECASE`` compares letters, so that a regex match can be looked
    up in a table of lower-case forms: Turkish "İ" and "ı" are "i" ("KİLOMETRE", "MİLYON"),
    and a Greek final sigma stays "ς" (casefold makes it "σ": "χιλιάδες").

    >>> fold_case("MİLYON"), fold_case("kırk"), fold_case("ΧΙΛΙΆΔΕΣ"), fold_case("Fuß")
    ('milyon', 'kirk', 'χιλιάδες', 'fuß')
    >>> fold_case("firſt")  # the long s, which re.IGNORECASE matches as "s"
    'first'
    """
    return text.lower().replace("\u0307", "").replace("ı", "i").translate(_CASE_VARIANTS)


# letters that re.IGNORECASE matches as another letter but lower() leaves as they are
_CASE_VARIANTS = str.maketrans("ſϐϑϕϖϰϱϵẛι", "sβθφπκρεṡι")


def normalize_word(word: str) -> str:
    """Casefold and strip accents: "Übergang" -> "ubergang", "Édition" -> "edition"."""
    return strip_accents(word.casefold())


_GROUP_SEPARATORS = re.compile(f"[{_GROUP_SEP} ]")
_DECIMAL_MARKS = re.compile(r"[.,]")
# Every script's decimal digits (Devanagari ०-९, Arabic-Indic ٠-٩, full-width ０-９, ...) as
# ASCII digits, and the Arabic decimal and thousands separators as "." and ",".
_TO_ASCII = {
    code: str(unicodedata.decimal(chr(code)))
    for code in range(0x80, 0x20000)
    if unicodedata.category(chr(code)) == "Nd"
} | {0x066B: ".", 0x066C: ","}
# Indian grouping: "1,00,000" is a lakh, "12,34,567" twelve lakh and more
_INDIAN_GROUPS = re.compile(r"\d{1,2}(?:,\d\d)+,\d{3}")


@lru_cache(maxsize=65536)  # years and amounts repeat throughout an article
def normalize_number(raw: str) -> str:
    """Canonical form of a number as written in German, French or English prose.

    >>> examples = ("6,5", "6.5", "1.000", "1\u00a0000", "1'234,5", "2024", "007")
    >>> [normalize_number(x) for x in examples]
    ['6.5', '6.5', '1000', '1000', '1234.5', '2024', '7']

    Other scripts' digits and Indian grouping too:

    >>> [normalize_number(x) for x in ("२०२४", "٣٫٥", "١٢٬٥٠٠", "１２", "1,00,000")]
    ['2024', '3.5', '12500', '12', '100000']
    """
    if not raw.isascii():
        raw = raw.translate(_TO_ASCII)
    if _INDIAN_GROUPS.fullmatch(raw):
        return raw.replace(",", "").lstrip("0") or "0"
    digits = _GROUP_SEPARATORS.sub("", raw)
    parts = _DECIMAL_MARKS.split(digits)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3:
        # "1.000" and "1,000,000" are thousands groups in every language we meet
        integer, fraction = "".join(parts), ""
    elif len(parts) > 2 and all(len(p) == 3 for p in parts[1:-1]):
        integer, fraction = "".join(parts[:-1]), parts[-1]
    else:
        integer, fraction = parts[0], "".join(parts[1:])
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


# The lexer's rules for the token kinds that anchors keep, as one pattern: whitespace and
# anything else is skipped by finditer itself, which saves a Python step per space.
_ANCHOR_RULES = [(p, _KIND[t]) for p, t in _RULES if t in _KIND]
_ANCHOR_MASTER = re.compile("|".join(f"({p})" for p, _ in _ANCHOR_RULES), re.UNICODE)
_ANCHOR_KINDS = [kind for _, kind in _ANCHOR_RULES]


def _normalized(kind: str, value: str) -> str:
    if kind == "word":
        return normalize_word(value)
    if kind == "number":
        return normalize_number(value)
    if kind == "url":
        return value.casefold().rstrip("/")
    return value


def anchor_values(text: str) -> Iterator[tuple[str, str]]:
    """(kind, normalised value) of each anchor of ``text``: ``lex_anchors`` without offsets
    or objects, for the scorer's hot path."""
    kinds = _ANCHOR_KINDS
    for match in _ANCHOR_MASTER.finditer(text):
        kind = kinds[match.lastindex - 1]
        yield kind, _normalized(kind, match.group())


def iter_anchors(text: str) -> Iterator[tuple[str, int, int, str]]:
    """(kind, start, end, normalised value) of each anchor, as plain tuples (cheaper than
    ``Anchor`` objects when a caller only scans them once)."""
    kinds = _ANCHOR_KINDS
    for match in _ANCHOR_MASTER.finditer(text):
        kind = kinds[match.lastindex - 1]
        yield kind, match.start(), match.end(), _normalized(kind, match.group())


_DIGIT = re.compile(r"\d")
# The lexer's two number rules alone: words never hold digits, so outside URLs every number
# token starts where this finds one. Both rules start with a digit: the lookahead turns a
# position without one away at once, instead of through each rule (half the time of a scan).
_NUMBER = re.compile(
    "(?=\\d)(?:" + "|".join(p for p, kind in _ANCHOR_RULES if kind == "number") + ")",
    re.UNICODE,
)


_WORD_RUN = re.compile(WORD_PATTERN)  # the lexer's word rule, without its URL guard


def may_contain_url(text: str) -> bool:
    """False when the lexer surely finds no URL in ``text``: then its word and number rules
    can run alone (a URL is one token, its letters and digits are no words or numbers)."""
    return "://" in text or "www." in text.casefold()


def iter_words(text: str) -> Iterator[str]:
    """Normalised value of each word anchor: ``iter_anchors`` restricted to words."""
    if may_contain_url(text):
        for kind, _start, _end, value in iter_anchors(text):
            if kind == "word":
                yield value
        return
    yield from map(normalize_word, _WORD_RUN.findall(text))


# Letters alone: the word rule for the text without a combining mark, nearly all text in
# scripts written with precomposed letters; the rule's alternation with the marks' class of
# thousands of characters costs twice as much a character.
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_COMBINING_MARK = re.compile(f"[{COMBINING_MARKS}]")


def word_runs(text: str) -> list[str]:
    """The word anchors of ``text`` as written (not normalised), in order, for text in which
    ``may_contain_url`` finds no URL."""
    if _COMBINING_MARK.search(text) is None:
        return _LETTER_RUN.findall(text)
    return _WORD_RUN.findall(text)


def number_values(text: str) -> list[str]:
    """The normalised value of each number anchor of ``text``, in order, for text in which
    ``may_contain_url`` finds no URL (``iter_numbers``' values without their offsets)."""
    if _DIGIT.search(text) is None:
        return []
    return [normalize_number(raw) for raw in _NUMBER.findall(text)]


def iter_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised value) of each number anchor: ``iter_anchors`` restricted to
    numbers, without visiting every word (most paragraphs have no digit at all)."""
    if _DIGIT.search(text) is None:
        return
    if may_contain_url(text):
        for kind, start, end, value in iter_anchors(text):
            if kind == "number":
                yield start, end, value
        return
    for match in _NUMBER.finditer(text):
        yield match.start(), match.end(), normalize_number(match.group())


# Scripts written without spaces between words, and their usual characters per word (Chinese
# words are one or two characters, Japanese kana runs longer, Thai-family syllables several
# letters): a length in words is comparable across scripts only with these.
_UNSPACED_SCRIPTS = (
    ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff", 1.5),  # Han
    ("\u3040-\u309f", 2.0),  # Hiragana
    ("\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f", 3.0),  # Katakana
    ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u0f00-\u0fff", 4.0),  # Thai, Lao, ...
)
_UNSPACED_RUNS = [(re.compile(f"[{chars}]"), per_word) for chars, per_word in _UNSPACED_SCRIPTS]
_UNSPACED_ANY = re.compile("[" + "".join(chars for chars, _ in _UNSPACED_SCRIPTS) + "]+")
_SPACED_WORD = re.compile(rf"{WORD_PATTERN}|\d+")


def word_count(text: str) -> float:
    """Words in ``text``, comparable across scripts: runs of letters and digits where words
    are separated by spaces, and a word per few characters in scripts written without
    spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese, Tibetan).

    >>> word_count("er kam am 26. september an."), word_count("只见二三百人")
    (6.0, 4.0)
    """
    total = 0.0
    if _UNSPACED_ANY.search(text):
        for pattern, per_word in _UNSPACED_RUNS:
            total += len(pattern.findall(text)) / per_word
        text = _UNSPACED_ANY.sub(" ", text)
    return total + len(_SPACED_WORD.findall(text))


@lru_cache(maxsize=65536)
def lex_anchors(text: str) -> tuple[Anchor, ...]:
    """All anchors of ``text`` in order, with offsets into ``text`` (spaces left out).

    The same tokens as ``ProseLexer`` gives for these kinds. Cached.
    """
    return tuple(Anchor._make(piece) for piece in iter_anchors(text))
