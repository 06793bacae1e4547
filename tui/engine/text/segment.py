"""Split one paragraph into sentences, as spans into its text.

The splitter is rule-based and single-pass: it visits each run of sentence-final punctuation once
and looks at a bounded window around it, so its cost is linear in the paragraph's length (a 20 MB
paragraph is fine). It does not rely on capital letters, because real input (the sample pair) is
all lowercase: a full stop followed by a space ends a sentence unless the word before it is a known
abbreviation, an initial ("g. o. dyhrenfurth") or an ordinal ("26. september").

Every script is handled by the characters around the mark (``scripts.py``): the full stops of
Devanagari (।), Urdu (۔), Armenian (։), Ethiopic (።), Burmese (။), Tibetan (།), Khmer (។) and
others always end a sentence, as do the Chinese and Japanese 。！？; a letter of a caseless
script (Hangul, Arabic, Hindi) after a full stop may start a sentence as a capital does; in Thai
and Lao, which mark no sentence end, a space between two runs of letters does, unless the words
around it continue the clause (a conjunction, a unit or month after a number, an abbreviation such
as "น.", a title and name, a quotation's speaker). A known ``language`` adds its abbreviations
and number rules.

>>> text = "er kam am 26. september an. z. b. dr. müller sagte: „gut.“ dann ging er."
>>> [text[s.start : s.end] for s in split_sentences(text)]
['er kam am 26. september an.', 'z. b. dr. müller sagte: „gut.“', 'dann ging er.']
>>> text = "यह पहला वाक्य है। यह दूसरा है।"
>>> [text[s.start : s.end] for s in split_sentences(text)]
['यह पहला वाक्य है।', 'यह दूसरा है।']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from tui.engine.model import Span
from tui.engine.text.scripts import (
    ALL_STOPS,
    CJK_STOPS,
    CLAUSE_HOLDERS,
    CLAUSE_OPENERS,
    FULLWIDTH_STOP,
    LIST_ENDS,
    NATIVE_STOPS,
    NUMBER_UNITS,
    OPENER_LOOKALIKES,
    PERSONAL_TITLES,
    QUOTATIVE_PARTICLES,
    SPACE_SEPARATED,
    SPEECH_VERBS,
    SPELLED_INITIALS,
    SUBSTITUTE_STOPS,
    TITLE_LOOKALIKES,
    UNIT_ABBREVIATIONS,
    script_of,
    starts_like_sentence,
    with_single_quotes_in_reading_order,
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Abbreviations after which a full stop and a space never end a sentence (casefolded, inner dots
# kept). Titles and "for example" forms are almost always followed by more of the same sentence.
_NEVER_FINAL = _words(
    "dr prof nr bzw bspw vgl ggf evtl inkl sog ca zb z.b d.h u.a o.ä s.o s.u hr hrn frl str "
    "jh jhd fr sfr st ste sta mme mlle mgr pp p.ex ex cf env av bd chap éd fig op cit ibid "
    "mr mrs ms vs approx dept lt capt sgt mt abs "
    "jan feb febr mär apr jun jul aug sep sept okt oct nov dez déc janv févr avr juil"
)

# Abbreviations that often end a sentence too: a sentence break only when a capital follows.
_SOMETIMES_FINAL = _words(
    "etc usw usf u.s.w u.ä u.v.m ff co inc ltd corp jr sr no nos ft vol mio mrd"
)

# Abbreviations of one language (titles before a name, units before a noun), used where the
# paragraph is in that language or its language is unknown.
_NEVER_FINAL_IN = {
    "en": _words("sen sens rep reps rev gov gen col det supt hon messrs"),
    "es": _words("sr sra srta sres dña ud uds avda pág núm"),
    "ru": _words("св ул англ нем франц проф акад тыс млн млрд руб коп"),
    # Vietnamese titles and "TP." (thành phố, city: "TP. Hồ Chí Minh")
    "vi": _words("tp ths ts pgs gs"),
}
# Currencies written before their amount and shortened with a full stop (casefolded): before a
# number they end no sentence. Rupees ("Rs. 1,350", Sinhala "රු.", Hindi, Marathi and Nepali
# "रु." or "रू.", Tamil "ரூ.", Telugu "రూ.", Kannada "ರೂ.", Gujarati "રૂ."), rupiah "Rp.",
# taka "Tk.", Kenyan shillings "KSh.". Malayalam writes the word (രൂപ) after the amount,
# Bengali "টাকা" after it or "টাঃ" with a visarga.
_BEFORE_AMOUNT = _words("rs rp tk ksh රු रु रू ரூ రూ ರೂ રૂ")
_NEVER_FINAL_BY_LANGUAGE = {
    language: _NEVER_FINAL | words for language, words in _NEVER_FINAL_IN.items()
}
_NEVER_FINAL_ANY = _NEVER_FINAL.union(*_NEVER_FINAL_IN.values())
_VOWELS = frozenset("aeiouyаеёиоуыэюяієїαεηιουω")

# English halves of the day, and the words after them that go on the sentence ("10 p.m.
# Monday", "5 a.m. Eastern time"): before any other capital they end it.
_CLOCK_HALVES = frozenset({"a.m", "p.m"})
_AFTER_CLOCK = _words(
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight "
    "yesterday january february march april may june july august september october november "
    "december eastern central mountain pacific atlantic local"  # "5 a.m. Eastern time"
)
# Month names: "am 26. september" is an ordinal date, not a sentence end.
_MONTHS = _words(
    "januar jänner februar märz april mai juni juli august september oktober november "
    "dezember janvier février mars avril juin juillet août septembre octobre novembre "
    "décembre january february march may june july october december"
)

# Top-level domains and file suffixes: "openai.com" is one word, "internes.openai" is two.
_DOMAIN_SUFFIXES = _words(
    "com org net edu gov int io ai info biz html htm php pdf txt md js py json xml "
    "jpg jpeg png gif svg webp bmp tif tiff yaml yml toml ini cfg conf csv tsv xls xlsx doc docx "
    "odt ppt pptx zip gz tar tgz bz2 xz 7z rar exe dll sh bat ps1 log mp3 mp4 wav mov avi mkv "
    "epub rtf css c h cpp java rs rb ts"
)

# Suffixes that are also words starting a sentence ("…vor.so kam es"): one only counts as a file
# suffix before punctuation or the end, or after a file-like stem ("libssl-3.so", "main_test.go").
_WORDLIKE_SUFFIXES = _words("so go")
_FILE_STEM = re.compile(r"[\w/\\-]*[\d_/\\-][\w/\\-]*")

_TERMINATORS = ALL_STOPS
_ALWAYS_FINAL = CJK_STOPS + NATIVE_STOPS  # never an abbreviation, a decimal point or an ellipsis
_CLOSING_BRACKETS = ")]}"
_OPENING = "([{„“‘«»\"'‚「『（【〔《〈"
_QUOTES = '„“”«»"'
# Closing marks that never open anything: CJK brackets, single closing quotes.
_ALWAYS_CLOSING = "」』）】〕》〉’›"
# What may follow a stop inside a sentence: commas, semicolons and colons of every script.
_CONTINUATION = ",;:，、；：،؛"
# A space inside Thai or Lao text: after a letter, a number, an abbreviation's full stop or a
# closing quotation mark, before a letter or an opening quotation mark and a letter.
_SPACE_RUNS = "|".join(
    f'(?<=[{letters}\\d."”’»])[ \u00a0]+(?=["“‘«]?[{letters}])'
    for letters in SPACE_SEPARATED.values()
)
# One event: a run of sentence-final punctuation, a quote/bracket that changes the nesting, a
# colon or semicolon that some scripts type for their stop, a space inside Thai or Lao text.
_EVENT = re.compile(
    f"[{re.escape(_TERMINATORS)}]+" + r"|[„“”«»\"()\[\]]" + f"|[{''.join(SUBSTITUTE_STOPS)}]"
)
# Chinese and Japanese put no space between words: a space between two runs of their text is
# where two texts were joined, typically a headline run into its article, and ends a sentence
# (``_cjk_join``): after one of their characters or a closing quotation mark, before one or a
# Japanese opening quotation mark.
_CJK_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CLOSERS = "」』”"
_CJK_OPENERS = "「『"
# every space between two visible characters (``_cjk_join`` decides), but before Thai or Lao
# letters (``_SPACE_RUNS``' spaces, their own rules)
_CJK_SPACE = r"(?<=\S)[ \u00a0\u3000]+(?=[^\s" + "".join(SPACE_SEPARATED.values()) + "])"
_CJK_LETTER = re.compile(f"[{_CJK_LETTERS}]")
# Brackets and Japanese quotation marks, opener -> closer. In Chinese or Japanese text no
# sentence ends inside a balanced pair (``_enclosed``, ``_PairIndex``): a title 『…』 or an aside
# （…） is part of the sentence around it, whatever spaces or stops it holds; a quotation 「…」
# keeps its spaces but may end sentences at its full stops.
_CJK_PAIRS = {
    "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕", "《": "》", "〈": "〉"
}  # fmt: skip
_CJK_PAIR = re.compile("[" + re.escape("".join(_CJK_PAIRS) + "".join(_CJK_PAIRS.values())) + "]")
_VISIBLE = re.compile(r"\S")
# only for text with Thai, Lao, Chinese or Japanese letters
_EVENT_SPACED = re.compile(f"{_EVENT.pattern}|{_SPACE_RUNS}|{_CJK_SPACE}")
_SPACED_LETTER = re.compile(f"[{''.join(SPACE_SEPARATED.values())}{_CJK_LETTERS}]")
_AFTER_STOP = re.compile(r"[.!?]\s+[\"'„“«‘(]*([^\W\d_])")  # the letter after a stop
_QUESTION_MARKS = frozenset("?!‼⁇⁈⁉؟\u037e")
_NATIVE_STOP = re.compile(f"[{re.escape(NATIVE_STOPS)}]")
_URL = re.compile(r"(?:https?://|ftps?://|file://|www\.)\S+", re.IGNORECASE)
_MIN_SPACED_SENTENCE = 16  # characters before a Thai or Lao space can end a sentence
# A Thai or Lao abbreviation: up to four letters before each full stop ("น.", "พ.ศ.", "กม.").
_SPACED_ABBREVIATION = {
    script: re.compile(f"(?:[{letters}]{{1,4}}\\.)+") for script, letters in SPACE_SEPARATED.items()
}
# A run this short between two spaces of Thai letters is a name or a list item ("สมชาย
# วงศ์สุวรรณ", "นักเรียน คนทำงาน และ…"): a sentence ends after a clause, not one word.
_MAX_SPACED_WORD = 8
_SPACED_OPENING_QUOTES = '"“‘«'
_SPACED_CLOSING_QUOTES = '"”’»'
# A quotation shorter than this is a quoted name or term ("โครงการ "คนละครึ่ง""), not speech.
_MIN_QUOTATION = 12
# a case particle or a number's prefix ends no Japanese headline (``_cjk_join``): "新型の
# iPhoneを", "約 20%増", "によると NHKの" are one sentence each
_JA_NO_HEADLINE_END = "のがをと約第計"
_MIN_CJK_SENTENCE = 8  # characters before a space between Chinese or Japanese runs can end one
_MINUTES = re.compile(r"\s*\d{1,2}(?![\d.])")
_WINDOW = 64  # how far to look around a full stop; keeps the pass linear


class _QuoteState:
    """Open quotation marks and brackets so far, to tell a closing “ or » from an opening one."""

    __slots__ = ("de", "dq", "en", "fr", "paren", "rev")

    def __init__(self) -> None:
        self.de = 0  # „ waiting for “
        self.en = 0  # “ waiting for ”
        self.fr = 0  # « waiting for »
        self.rev = 0  # » waiting for « (German style)
        self.dq = 0  # parity of straight double quotes
        self.paren = 0

    def closes(self, ch: str) -> bool:
        """Would ``ch`` close something that is open right now?"""
        if ch == "“":
            return self.de > 0
        if ch == "”":
            return self.en > 0 or self.de > 0
        if ch == "»":
            return self.fr > 0
        if ch == "«":
            return self.rev > 0
        if ch == '"':
            return self.dq == 1
        if ch in _CLOSING_BRACKETS:
            return self.paren > 0
        return False

    def feed(self, ch: str) -> None:
        if ch == "„":
            self.de += 1
        elif ch == "“":
            if self.de:
                self.de -= 1
            else:
                self.en += 1
        elif ch == "”":
            if self.en:
                self.en -= 1
            elif self.de:
                self.de -= 1
        elif ch == "«":
            if self.rev:
                self.rev -= 1
            else:
                self.fr += 1
        elif ch == "»":
            if self.fr:
                self.fr -= 1
            else:
                self.rev += 1
        elif ch == '"':
            self.dq ^= 1
        elif ch in "([":
            self.paren += 1
        elif ch in ")]" and self.paren:
            self.paren -= 1


class _Paragraph:
    """What the rules need to know about the whole paragraph, computed once."""

    __slots__ = ("_capital_starts", "cased", "language", "never_final", "own_stop_scripts", "text")

    def __init__(self, text: str, language: str | None) -> None:
        self.text = text
        self.language = language.split("-")[0] if language else None
        self.cased = text != text.lower()
        self.never_final = (
            _NEVER_FINAL_ANY
            if self.language is None
            else _NEVER_FINAL_BY_LANGUAGE.get(self.language, _NEVER_FINAL)
        )
        # Scripts that end sentences with their own mark here (Hindi "।"): a full stop after
        # one of their letters marks an abbreviation ("मि. एडम्स", "यू.एस.").
        self.own_stop_scripts = frozenset(
            script_of(text[m.start() - 1]) for m in _NATIVE_STOP.finditer(text) if m.start()
        )
        self._capital_starts: bool | None = None

    def capital_starts(self) -> bool:
        """Does the text mostly start its sentences with a capital? There, a lowercase word
        after a full stop continues the sentence ("3 тыс. наименований"). The sample pair is
        all lowercase but for names. Counted on first use: few paragraphs need it."""
        if self._capital_starts is None:
            followers = _AFTER_STOP.findall(self.text)
            upper = sum(1 for ch in followers if ch.isupper())
            self._capital_starts = upper > 0 and upper >= len(followers) - upper
        return self._capital_starts


def split_sentences(
    text: str, *, language: str | None = None, line_ends: Sequence[int] = ()
) -> tuple[Span, ...]:
    """Sentences of ``text`` as spans, in order, without surrounding whitespace.

    Every non-space character belongs to exactly one span; text with no visible character
    gives no span. ``language`` (an ISO code such as "de", as detected for the paragraph)
    adds that language's abbreviations and number rules: German writes ordinals as "3." so a
    small number before a full stop does not end its sentence. Without it, the rules of
    every language apply and the script of the text around each mark decides.
    ``line_ends`` are offsets where a sentence ends whatever the text says (a title's line
    inside a block of plain text, markup.join_lines).
    """
    # Urdu's mirrored single quotes read the usual way; same offsets
    text = with_single_quotes_in_reading_order(text)
    n = len(text)
    has_url = "://" in text or "www." in text or "WWW." in text  # skip the slow scan if none
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)] if has_url else []
    paragraph = _Paragraph(text, language)
    events = _EVENT_SPACED if _SPACED_LETTER.search(text) else _EVENT
    enclosed = _enclosed(text) if events is _EVENT_SPACED else {}
    pairs = _PairIndex.of(text, enclosed) if enclosed else _NO_PAIRS
    state = _QuoteState()
    ends: list[int] = []
    url_index = 0
    pos = 0
    while True:
        match = events.search(text, pos)
        if match is None:
            break
        start, end = match.span()
        run = match.group()
        pos = end
        if run[0] in _QUOTES or run[0] in "()[]":
            state.feed(run)
            continue
        sentence_start = ends[-1] if ends else 0
        if run[0].isspace():
            if (
                text[start - 1] in _SPACED_AFTER_MARK
                and _script_after(text, end) in SPACE_SEPARATED
                and ((ends and ends[-1] == start) or not _spaced_mark(text, start - 1))
            ):
                continue  # the full stop or quotation mark before it decided already
            if _space_boundary(text, sentence_start, start, end, language) and not pairs.covers(
                end
            ):
                ends.append(start)
            continue
        if run in SUBSTITUTE_STOPS and not _substitute_stop(text, start, run):
            continue
        if run == "." and _spaced_abbreviation(text, start):
            continue  # "6.15 น." ends no sentence; the space after it is a candidate
        while url_index < len(urls) and urls[url_index][1] <= start:
            url_index += 1
        if url_index < len(urls) and urls[url_index][0] <= start:
            continue  # a full stop inside a URL
        sentence_end, last_start, next_start = _absorb_closers(text, end, start, state, enclosed)
        if next_start >= n:
            break
        if _is_boundary(
            paragraph, sentence_start, last_start, sentence_end, next_start
        ) and not pairs.covers_stop(next_start, text, sentence_start):
            ends.append(sentence_end)
        pos = max(sentence_end, end)
    if language == "ko":
        ends = _korean_finals(text, ends)
    if line_ends:
        ends = sorted(set(ends).union(line_ends))
    return _spans(text, ends)


# A Korean sentence ends in a verb's final form, most often "-다" ("…체포하다", "…늘었다"); a
# headline has no full stop after it, so a space after "-다" before a word ends a sentence.
# These words end in 다 and end no sentence: "보다" (than), "마다" (every), "가져다" (bring),
# "바다" (sea).
_KO_FINAL_SPACE = re.compile(r"(?<=[\uac00-\ud7a3]다)[ \u00a0]+(?=[\w\"“‘'(])")
_KO_NOT_FINAL = ("보다", "마다", "져다", "바다")


def _korean_finals(text: str, ends: list[int]) -> list[int]:
    """``ends`` and the spaces after a Korean "-다" that end a sentence with no full stop,
    outside quotation marks and brackets, once the sentence is long enough to be one
    (ntrex-dev ko: 36 line boundaries found, 2 false splits). One pass: each candidate's
    sentence is counted on from the candidate before it, never again from its start.

    >>> text = "인도네시아 쓰나미 사망자가 832명으로 늘다 지진과 쓰나미로 인한 사망자가 늘었다."
    >>> [text[s.start : s.end] for s in _spans(text, _korean_finals(text, []))]
    ['인도네시아 쓰나미 사망자가 832명으로 늘다', '지진과 쓰나미로 인한 사망자가 늘었다.']
    """
    added: list[int] = []
    sentence_start = counted = 0  # marks counted in text[sentence_start:counted]
    marks = _MarkCounts()
    long_enough = False
    for match in _KO_FINAL_SPACE.finditer(text):
        start = match.start()
        word, _ = _word_before(text, start)
        if word.endswith(_KO_NOT_FINAL):
            continue
        at = bisect_right(ends, start)
        previous = max(ends[at - 1] if at else 0, added[-1] if added else 0)
        if previous != sentence_start:  # a new sentence: it starts past what was counted
            sentence_start = counted = previous
            marks = _MarkCounts()
            long_enough = False
        marks.add(text, counted, start)
        counted = start
        # the stripped sentence only grows with its end: once long enough, it stays so
        long_enough = long_enough or len(text[sentence_start:start].strip()) >= _MIN_CJK_SENTENCE
        if long_enough and not marks.open():
            added.append(start)
    return sorted({*ends, *added}) if added else ends


class _MarkCounts:
    """Quotation marks and brackets counted in a stretch of text, to tell whether the
    stretch leaves one open."""

    _MARKS = ('"', "“", "”", "‘", "’", "(", ")")

    def __init__(self) -> None:
        self._counts = dict.fromkeys(self._MARKS, 0)

    def add(self, text: str, start: int, end: int) -> None:
        for mark in self._MARKS:
            self._counts[mark] += text.count(mark, start, end)

    def open(self) -> bool:
        c = self._counts
        return c['"'] % 2 == 1 or c["“"] > c["”"] or c["‘"] > c["’"] or c["("] > c[")"]


def _substitute_stop(text: str, start: int, mark: str) -> bool:
    """A ":" after an Armenian word or a ";" after a Greek one, then a space: the keyboard's
    stand-in for the Armenian full stop and the Greek question mark."""
    return (
        start > 0
        and script_of(text[start - 1]) == SUBSTITUTE_STOPS[mark]
        and start + 1 < len(text)
        and text[start + 1].isspace()
    )


def _enclosed(text: str) -> dict[int, int]:
    """Balanced bracket and Japanese quotation pairs of Chinese or Japanese text: the offset of
    every closer that has its opener, to the opener's offset. Each kind pairs with its own (a
    stray 」 or an unclosed 「 encloses nothing).

    >>> _enclosed("『ジョニー・イングリッシュ アナログの逆襲』映画評 「」）")
    {21: 0, 27: 26}
    """
    stacks: dict[str, list[int]] = {}
    pairs: dict[int, int] = {}
    closers = {closer: opener for opener, closer in _CJK_PAIRS.items()}
    for match in _CJK_PAIR.finditer(text):
        ch = match.group()
        if ch in _CJK_PAIRS:
            stacks.setdefault(ch, []).append(match.start())
        else:
            stack = stacks.get(closers[ch])
            if stack:
                pairs[match.start()] = stack.pop()
    return pairs


@dataclass(frozen=True)
class _PairIndex:
    """The balanced pairs of ``_enclosed`` sorted by opener, for questions asked at every
    candidate boundary in time logarithmic in the pairs (a scan of every pair at every
    boundary made a long bracketed paragraph quadratic: 200,000 characters, 16 s)."""

    openers: list[int]
    reach: list[int]  # reach[i]: the furthest closer of the pairs opened up to openers[i]
    stop_reach: list[list[int]]  # closers without 「…」, range maxima by powers of two

    @classmethod
    def of(cls, text: str, enclosed: dict[int, int]) -> _PairIndex:
        pairs = sorted((opener, closer) for closer, opener in enclosed.items())
        openers = [opener for opener, _ in pairs]
        # a Japanese quotation 「…」 often holds several sentences, each its own line in a
        # translation (ntrex-dev ja loses 19 line boundaries if it counts for full stops)
        table = [[-1 if text[opener] == "「" else closer for opener, closer in pairs]]
        while 2 ** len(table) <= len(pairs):
            step, row = 2 ** (len(table) - 1), table[-1]
            table.append([max(row[i], row[i + step]) for i in range(len(row) - step)])
        return cls(openers, list(accumulate((closer for _, closer in pairs), max)), table)

    def covers(self, offset: int) -> bool:
        """Does a pair open before ``offset`` and close at or after it (a space there)?"""
        last = bisect_left(self.openers, offset)
        return last > 0 and self.reach[last - 1] >= offset

    def covers_stop(self, offset: int, text: str, sentence_start: int) -> bool:
        """``covers`` for a full stop's boundary: only a pair that opens inside the sentence,
        after its first character ("司令官（…。…）と結婚"), and never a quotation 「…」: a pair
        that opens a sentence, like a quotation, often holds several sentences."""
        if not self.openers:
            return False
        visible = _VISIBLE.search(text, sentence_start, offset)
        if visible is None:
            return False
        first, last = bisect_right(self.openers, visible.start()), bisect_left(self.openers, offset)
        if first >= last:
            return False
        level = (last - first).bit_length() - 1
        row = self.stop_reach[level]
        return max(row[first], row[last - 2**level]) >= offset


# text without brackets (every paragraph outside Chinese and Japanese): nothing to index
_NO_PAIRS = _PairIndex([], [], [[]])


def _space_boundary(
    text: str, sentence_start: int, start: int, end: int, language: str | None = None
) -> bool:
    """A space before a run of Thai (or Lao) letters, after another run or a number: a sentence
    ends there unless the words around it continue the clause ("และ", "ว่า"), a unit, a month
    or a range follows a number ("20 แห่ง", "14 ตุลาคม", "12 ถึง 15"), an abbreviation of a
    unit or a date follows ("6.15 น."), the sentence so far is too short to be one, a title
    and name come before it ("นายสมชาย ใจดี", "ดร. วิไลวรรณ ศรีสุข"), or it separates a
    name or a list's short items. After a closing quotation mark it ends the sentence unless
    the attribution follows ("…" นายกฯ กล่าว); before an opening one unless a short quoted
    term or a quotation introduced by "said" (ว่า, กล่าว) follows. Before Chinese or
    Japanese characters (the event pattern matched one before the space too) the length
    alone decides.

    >>> text = 'เปิดให้บริการเมื่อวันจันทร์ที่ 14 ตุลาคม 2024 รถไฟออกเวลา 6.15 น. พร้อมผู้โดยสาร'
    >>> [text[s.start : s.end] for s in split_sentences(text)]
    ['เปิดให้บริการเมื่อวันจันทร์ที่ 14 ตุลาคม 2024', 'รถไฟออกเวลา 6.15 น. พร้อมผู้โดยสาร']
    """
    quoted = text[end] in _SPACED_OPENING_QUOTES
    script = _script_after(text, end)
    if script not in SPACE_SEPARATED:
        return _cjk_join(text, sentence_start, start, end, language)
    if start - sentence_start < _MIN_SPACED_SENTENCE:
        return False
    before = _run_before(text, start)
    after = _run_after(text, end)
    if after.startswith(CLAUSE_OPENERS[script]) and not after.startswith(OPENER_LOOKALIKES[script]):
        return False
    abbreviation = _SPACED_ABBREVIATION[script].match(after)
    if abbreviation and abbreviation.group() in UNIT_ABBREVIATIONS[script]:
        return False
    if before[-1:].isdigit():
        # a count in thousands is followed by what it counts ("25.000 ຄອບຄົວ", 25,000
        # families), whatever the word
        if _THOUSANDS.search(before):
            return False
        return not (after.startswith(NUMBER_UNITS[script]) or abbreviation)
    if _names_the_speaker(text, sentence_start, start, end, script) or _quoted_term(text, start):
        return False
    before = before.rstrip(_SPACED_CLOSING_QUOTES)
    if before.endswith(CLAUSE_HOLDERS[script]):
        return False
    if quoted and not _speech_starts(text, sentence_start, start, end, before, script):
        return False
    # The given name, family name and position that follow a title are one subject; a title
    # written apart ("ดร. วิไลวรรณ") is not counted as one of them.
    runs, at = 0, start
    while runs <= 3 and at > sentence_start:
        run = _run_before(text, at)
        at -= len(run) + 1
        if not run:
            break
        if run.startswith(PERSONAL_TITLES[script]) and not run.startswith(TITLE_LOOKALIKES[script]):
            alone = run in PERSONAL_TITLES[script] or _SPACED_ABBREVIATION[script].fullmatch(run)
            if alone or runs < 3:
                return False
        if runs < 2 and _glued_title(run, script):
            # a title glued to the word before it ("ของนาย บุญมี", "ຂອງທ່ານ ບຸນມີ"): the name
            # after it, given and family, belongs to the same sentence
            return False
        runs += 1
    # a name or a list item: a short run between two spaces of Thai letters ("สมชาย วงศ์สุวรรณ"),
    # or before the list's last item ("จีน มาเลเซีย และเกาหลีใต้")
    word = before.lstrip(_SPACED_OPENING_QUOTES)
    left = start - len(before) - 1
    if (
        len(word) <= _MAX_SPACED_WORD
        and not word.startswith(SPEECH_VERBS[script])  # "อนันต์ นักศึกษา กล่าว" ends one
        and left > sentence_start
        and text[left].isspace()
        and (script_of(text[left - 1]) == script or text[left - 1] in _SPACED_CLOSING_QUOTES)
    ):
        return False
    if len(after) <= _MAX_SPACED_WORD and end + len(after) < len(text) - 1:
        following = _run_after(text, end + len(after) + 1)
        if following.startswith(LIST_ENDS[script]):
            return False
    return True


# A number written in groups of thousands ("25.000", "25,000"): a count, not a year or an
# ordinal that may end a sentence ("ในนาทีที่ 88", "ร้อยละ 1.1")
_THOUSANDS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:[.,]\d{3})+\Z")
# Words a title is written against: "of", "by", "with", "from", "to", "and", "that" (a run
# that merely ends like a title, "ทนาย" lawyer, "ทำนาย" predict, "ພວກທ່ານ" you, is none)
_BEFORE_GLUED_TITLE = {
    "THAI": ("ของ", "โดย", "กับ", "จาก", "ให้", "และ", "ว่า", "ถึง", "แก่", "ต่อ"),
    "LAO": ("ຂອງ", "ໂດຍ", "ກັບ", "ຈາກ", "ໃຫ້", "ແລະ", "ວ່າ", "ເຖິງ", "ແກ່", "ຕໍ່"),
}


def _glued_title(run: str, script: str) -> bool:
    """Does ``run`` end in a title written against one of ``_BEFORE_GLUED_TITLE``'s words?"""
    return any(
        run.endswith(title) and run[: -len(title)].endswith(_BEFORE_GLUED_TITLE[script])
        for title in PERSONAL_TITLES[script]
        if len(run) > len(title)
    )


def _script_after(text: str, end: int) -> str:
    """The script of the letter after a space, past an opening quotation mark."""
    at = end + (text[end] in _SPACED_OPENING_QUOTES)
    return script_of(text[at]) if at < len(text) else ""


# what may stand before a space that ``_space_boundary`` decides
_SPACED_AFTER_MARK = "." + _SPACED_CLOSING_QUOTES


def _spaced_mark(text: str, at: int) -> bool:
    """Is the full stop or quotation mark at ``at`` one that the Thai or Lao space rules read:
    an abbreviation's full stop, or a closing quotation mark glued to a Thai or Lao letter?"""
    if text[at] == ".":
        return _spaced_abbreviation(text, at)
    return at > 0 and script_of(text[at - 1]) in SPACE_SEPARATED


def _spaced_abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at ``dot`` the end of a Thai or Lao abbreviation ("น.", "พ.ศ.")? Thai
    ends no sentence with a full stop; one after a few letters shortens a word."""
    if dot == 0:
        return False
    script = script_of(text[dot - 1])
    if script not in SPACE_SEPARATED:
        return False
    run = _run_before(text, dot + 1).lstrip(_OPENING)
    return _SPACED_ABBREVIATION[script].fullmatch(run) is not None


def _names_the_speaker(text: str, sentence_start: int, start: int, end: int, script: str) -> bool:
    """Is the space ``start:end`` between a quotation and the verb of its speaker ("…" สมชาย
    วงศ์สุวรรณ รัฐมนตรี… กล่าว)? The speaker ends the quotation's sentence. The quotation
    closed within the window before the space, no other opened since, and the verb comes
    after the space, within the window after the quotation."""
    low = max(sentence_start, start - _WINDOW)
    window = text[low : start + 1]  # with the space: the quotation may close just before it
    closing = max(window.rfind(q + text[start]) for q in _SPACED_CLOSING_QUOTES)
    if closing < 0 or any(q in window[closing + 2 :] for q in _SPACED_OPENING_QUOTES):
        return False
    quote_end = low + closing + 1
    verbs = SPEECH_VERBS[script]
    if any(verb in text[quote_end:start] for verb in verbs):
        return False  # the speaker's verb came: what follows is a new sentence
    stop = quote_end + _WINDOW
    for quote in _SPACED_OPENING_QUOTES:
        found = text.find(quote, end, stop)
        stop = found if found >= 0 else stop
    return any(verb in text[end:stop] for verb in verbs)


def _quoted_term(text: str, start: int) -> bool:
    """Does a short quotation close just before the space at ``start``: a quoted name or term
    (โครงการ "คนละครึ่ง" ระยะที่ 5), in the middle of its sentence?"""
    if text[start - 1] not in _SPACED_CLOSING_QUOTES:
        return False
    low = max(0, start - 2 - _MIN_QUOTATION)
    return any(q in text[low : start - 1] for q in _SPACED_OPENING_QUOTES)


def _speech_starts(
    text: str, sentence_start: int, start: int, end: int, before: str, script: str
) -> bool:
    """Does the quotation opening at ``end`` start a sentence? Not a short quoted term, and not
    a quotation its speaker introduces ("นายกฯ กล่าว "…"") unless an earlier quotation and its
    speaker came first ("…" อนันต์ กล่าว "…")."""
    stop = min(len(text), end + 1 + _WINDOW)
    closing = min(
        (at for at in (text.find(q, end + 1, stop) for q in _SPACED_CLOSING_QUOTES) if at >= 0),
        default=stop,
    )
    if closing - end - 1 < _MIN_QUOTATION:
        return False
    if before.endswith(SPEECH_VERBS[script]):
        earlier = text[max(sentence_start, start - 2 * _WINDOW) : start]
        return any(q in earlier for q in _SPACED_CLOSING_QUOTES)
    return True


def _cjk_join(
    text: str, sentence_start: int, start: int, end: int, language: str | None = None
) -> bool:
    """Does the space ``start:end`` join two runs of Chinese or Japanese text? It follows one
    of their characters or a closing quotation mark and comes before one of their characters
    or a Japanese opening quotation mark (「 or 『). Not before a Latin word, a number or
    another bracket: Chinese translators often put a space there inside a sentence ("称
    Google的", "在 2018年", "说 “…”"; ntrex-dev zh: 44 of 956 lines split when these ended one).
    In Japanese (``language`` "ja") a space before a number or Latin word that runs on into
    Japanese ends a sentence too: news puts one there after a headline with no stop
    ("…聴取をみる 2000万以上が…"; ntrex-dev ja +5 boundaries, 1 false). Web and technical
    Japanese also spaces Latin words and numbers inside a sentence; after a case particle or
    a number's prefix the rule holds back ("新型の iPhoneを", "約 20%"), after others
    ("午前中から 30度を") it splits the sentence in two, which the sentence aligner can join
    again in a 2-1 bead.

    >>> text = "東京で新しい美術館が開館した 「初日には約三千人が訪れた」 在 2018年 说 “好”"
    >>> [_cjk_join(text, 0, m.start(), m.end()) for m in re.finditer(" ", text)]
    [True, True, False, True, False]
    """
    if start - sentence_start < _MIN_CJK_SENTENCE:
        return False
    before, after = text[start - 1], text[end]
    right = after in _CJK_OPENERS or bool(_CJK_LETTER.match(after))
    left = before in _CJK_CLOSERS or bool(_CJK_LETTER.match(before))
    if (
        left
        and not right
        and language == "ja"
        and after.isascii()
        and after.isalnum()
        and before not in _JA_NO_HEADLINE_END
    ):
        # Japanese news puts no space inside a sentence before a number or a Latin word
        # that runs on into Japanese ("2000万人以上が…", "Livingstonの…"): a headline ends
        # there (web text does, see the docstring).
        right = bool(_CJK_LETTER.search(_run_after(text, end)))
    return left and right


def _run_before(text: str, end: int) -> str:
    """The letters and marks of one run (no space) that end at ``end``, within the window."""
    start = end
    limit = max(0, end - _WINDOW)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _run_after(text: str, start: int) -> str:
    end = start
    limit = min(len(text), start + _WINDOW)
    while end < limit and not text[end].isspace():
        end += 1
    return text[start:end]


def _absorb_closers(
    text: str, end: int, start: int, state: _QuoteState, enclosed: dict[int, int]
) -> tuple[int, int, int]:
    """Extend a terminator run over the closing quotes, brackets and stray stops that follow.

    Returns (end of the sentence, start of the last terminator run, start of what follows).
    "vision. ." and „gut.“ and « rien. » and 「…。」 and 「…? 」 all end after their last mark.
    """
    n = len(text)
    p = end
    last_start = start
    while True:
        while p < n:
            ch = text[p]
            if state.closes(ch):
                state.feed(ch)
            elif not (
                ch in "”“»"
                or ch in _ALWAYS_CLOSING
                or (ch == '"' and not _opens_next(text, p))
                or (ch == "'" and (p + 1 == n or text[p + 1].isspace()))  # "bit!' His"
            ):
                break
            # else: a stray closing mark glued to the stop stays with it; nesting unchanged
            p += 1
        q = p
        while q < n and text[q].isspace():
            q += 1
        if q < n and text[q] in _TERMINATORS:
            last_start = q
            p = q
            while p < n and text[p] in _TERMINATORS:
                p += 1
            continue
        if q > p and q in enclosed:
            p = q  # "…だろう? 」": a balanced CJK closer after a space still closes
            continue
        if q > p and q < n and (text[q] in _QUOTES or text[q] in _CLOSING_BRACKETS):
            # An opening mark is glued to its word, so « rien. » and „gut. ” close with a space,
            # and a straight quote glued to the next word opens it: 'stop. "Next'.
            spaced = q + 1 >= n or text[q + 1].isspace()
            if (state.closes(text[q]) and (text[q] != '"' or spaced)) or (
                text[q] in "»”" and spaced
            ):
                p = q
                continue
        return p, last_start, q


def _opens_next(text: str, p: int) -> bool:
    """An unbalanced quote glued to a stop and a word: '…stop."Next' opens the next sentence."""
    return p + 1 < len(text) and text[p + 1].isalpha() and text[p] == '"'


# Dash dialogue (Russian, Ukrainian, Spanish, Portuguese, French prose): after a line's
# "!", "?" or "." the author's words follow a dash in lower case, "— Идут! — выдохнул
# мальчик.", "—¡Vienen! —dijo el niño.", and belong to the same sentence.
_DIALOGUE_DASH = re.compile(r"[—–][ \u00a0]?(?P<letter>[^\W\d_])")


def _speech_tag_after_dash(paragraph: _Paragraph, next_start: int) -> bool:
    """Does a dash and a lower-case word follow, in cased text? (Of a script with capitals:
    Georgian letters call themselves lower case.)"""
    match = _DIALOGUE_DASH.match(paragraph.text, next_start)
    if not (match and paragraph.cased and match["letter"].islower()):
        return False
    return script_of(match["letter"]) in ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN")


def _is_boundary(
    paragraph: _Paragraph, sentence_start: int, run_start: int, sentence_end: int, next_start: int
) -> bool:
    """Does a sentence end at ``sentence_end``, with the next one starting at ``next_start``?"""
    text = paragraph.text
    following = text[next_start]
    if following in _CONTINUATION or following in _CLOSING_BRACKETS:
        return False
    run_end = run_start + 1  # the first mark may be a substitute stop (":" in Armenian)
    while run_end < len(text) and text[run_end] in _TERMINATORS:
        run_end += 1
    run = text[run_start:run_end]
    before = text[run_start - 1] if run_start else " "
    if run[-1] in _ALWAYS_FINAL or (run[-1] == FULLWIDTH_STOP and not before.isdigit()):
        return not _quotative(text, run_end, sentence_end, next_start)
    if _speech_tag_after_dash(paragraph, next_start):
        return False  # "— Идут! — выдохнул мальчик.": the author's words end the sentence
    if run in SUBSTITUTE_STOPS:
        return starts_like_sentence(following) or following in _OPENING
    if before in "([{":
        return False  # "(...)" and "[…]" mark an omission inside a sentence
    if next_start == sentence_end:
        return _glued_boundary(text, run_start, run_end, sentence_end, next_start)
    next_word = _word_after(text, next_start)
    next_upper = starts_like_sentence(following) or (
        following in _OPENING and starts_like_sentence(next_word[:1])
    )
    cased = paragraph.cased
    if not _QUESTION_MARKS.isdisjoint(run):
        # « quoi ? » dit-il: lowercase after a question inside a quotation continues it.
        return not cased or not following.islower()
    if "…" in run or ".." in run:
        if text[max(0, run_start - 2) : run_start].strip()[-1:] in (":", *_OPENING):
            return False  # „… und dann": an ellipsis that opens a quotation
        return next_upper or not cased or following in _OPENING or following.isdigit()
    if (
        following.isupper()
        and any(mark in _QUOTES for mark in text[run_end:sentence_end])
        and _lone_letter(text, run_start)
    ):
        return True  # a quotation closes after "W.": "l'arête W. » C'est", not an initial
    if following.isdigit() and _currency_before_amount(text, run_start):
        return False  # "Rs. 1,350", "රු. 1,350": the amount goes on the sentence
    if paragraph.own_stop_scripts and script_of(before) in paragraph.own_stop_scripts:
        return False  # Hindi "मि. एडम्स": the full stop of a script with its own is an abbreviation
    if _initial_syllable(text, run_start, next_start):
        return False  # Telugu "కె. శ్రీనివాసరావు", Tamil "கே. ராமன்": an initial
    if following.islower() and paragraph.capital_starts():
        # "3 тыс. наименований", "approx. five": a lowercase abbreviation, the sentence goes on
        # (after a capitalised word, "…Corée du Nord. les États-Unis", and after a stop that
        # stands alone in tokenised text, "hatte . ebener", a sentence ends).
        word, _ = _word_before(text, run_start)
        if word and word == word.lower():
            return False
    return _full_stop_boundary(
        paragraph, sentence_start, run_start, sentence_end, next_word, next_upper
    )


def _quotative(text: str, run_end: int, sentence_end: int, next_start: int) -> bool:
    """A quotation that ends with its own stop and goes on as the same sentence, the
    particle glued to the closing mark: 「…。」と述べた."""
    if next_start != sentence_end or sentence_end == run_end:
        return False
    particles = QUOTATIVE_PARTICLES.get(script_of(text[next_start]), ())
    return particles is None or text.startswith(particles, next_start)


def _full_stop_boundary(
    paragraph: _Paragraph,
    sentence_start: int,
    run_start: int,
    sentence_end: int,
    next_word: str,
    next_upper: bool,
) -> bool:
    """A single full stop followed by whitespace."""
    text = paragraph.text
    word, word_start = _word_before(text, run_start)
    if not word:
        return True  # tokenised text: "werden . Und"
    key = word.casefold()
    if key.isdigit():
        if next_word.casefold() in _MONTHS:
            return False  # "26. september"
        lead = text[sentence_start:word_start] if word_start - sentence_start <= _WINDOW else "x"
        if len(key) <= 3 and not lead.strip(' \t\n"„“«»('):
            return False  # "1. jiemian news": a list number opens the sentence
        # German ordinal: "im 19. jahrhundert"; elsewhere a number can end a sentence.
        language = paragraph.language
        return not (len(key) <= 2 and (language == "de" or (language is None and not next_upper)))
    if key in paragraph.never_final or (sentence_end == run_start + 1 and _is_title(word)):
        return False
    if key in _SOMETIMES_FINAL:
        return next_upper
    if len(key) == 1 and key.isalpha() and key != key.upper():
        previous = _previous_word(text, word_start)
        if previous.replace(",", "").replace(".", "").isdigit() and word.islower():
            if key == "h" and _MINUTES.match(text, run_start + 1):
                return False  # a time: "20 h. 30" (but "6064 m. 11. Les" is a list number)
            return not paragraph.cased or not next_word[:1].islower()  # a unit: "8481 m. Am"
        return False  # an initial: "g. o. dyhrenfurth"
    if _doubled_capitals(word):
        # Spanish plurals: "EE. UU." (Estados Unidos) is one name; after it a sentence may end.
        return next_upper and not _doubled_capitals(next_word)
    if key in _CLOCK_HALVES:
        # "between 6 a.m. and 10 p.m. Each train": a time ends its sentence before a capital,
        # but news writes "10 p.m. Monday" and "10 p.m. ET" inside one
        return (
            next_upper
            and not (len(next_word) > 1 and next_word.isupper())
            and next_word.casefold() not in _AFTER_CLOCK
        )
    return not _is_dotted_letters(key)  # "z.B.", "u.a."


def _is_title(word: str) -> bool:
    """A capitalised abbreviation with no vowel: "Dr", "Mrs", "Sr", "Св" (before a name)."""
    if not 2 <= len(word) <= 4 or not word[0].isupper() or not word[1:].islower():
        return False
    bare = unicodedata.normalize("NFD", word.casefold())
    return word.isalpha() and not any(ch in _VOWELS for ch in bare)


def _doubled_capitals(word: str) -> bool:
    """ "EE", "UU", "FF": a capital written twice, the Spanish plural of an initial."""
    return len(word) == 2 and word[0] == word[1] and word.isupper()


def _lone_letter(text: str, run_start: int) -> bool:
    """One letter before the stop that is not part of a dotted abbreviation ("S. A. C.")."""
    word, word_start = _word_before(text, run_start)
    if len(word) != 1 or not word.isalpha():
        return False
    previous = _previous_word(text, word_start)
    return not (len(previous) == 2 and previous[0].isalpha() and previous[1] == ".")


def _currency_before_amount(text: str, run_start: int) -> bool:
    """Is the word before the stop a currency written before its amount, and not after one
    ("70,000 ರೂ." may end a sentence)?"""
    word, word_start = _word_before(text, run_start)
    if word.casefold() not in _BEFORE_AMOUNT:
        return False
    previous = _previous_word(text, word_start)
    return not previous[-1:].isdigit()


def _initial_syllable(text: str, run_start: int, next_start: int) -> bool:
    """Initials of a South Indian script or Sinhala before the stop, and a letter of the same
    script after it: one letter with its vowel signs ("కె.", "கே."), a Latin letter's name
    ("ಎಸ್.", "එම්."), or a dotted chain of them ("எம்.ஜி.", "ඩී.එස්."). Latin initials have
    their own rules (a capital tells them)."""
    word, word_start = _word_before(text, run_start)
    script = script_of(text[next_start])
    parts = word.split(".")
    if script not in SPELLED_INITIALS or not all(
        part and script_of(part[0]) == script for part in parts
    ):
        return False
    previous = _previous_word(text, word_start)
    if len(parts) > 1 and previous[-1:].isdigit():
        return False  # a unit after its number ("12 ಚ.ಕಿ.ಮೀ."), which may end the sentence
    # a lone letter ends sentences in Sinhala ("වේ."); in a chain it is an initial
    one_letter = len(parts) > 1 or script in _INITIAL_SCRIPTS
    return all(
        part in SPELLED_INITIALS[script] or (one_letter and _one_letter(part)) for part in parts
    )


def _one_letter(word: str) -> bool:
    """One letter with its combining signs ("కె", "கே", "ಎಂ")."""
    letters = [ch for ch in word if not unicodedata.category(ch).startswith("M")]
    return len(letters) == 1 and letters[0].isalpha()


# Scripts of languages that write "." and seldom end a sentence on a word of one letter:
# not Devanagari, Gujarati or Sinhala ("है.", "છે.", "වේ." end most sentences there), nor
# Arabic ("1950 م." ends one), nor Lao ("ບໍ່.")
_INITIAL_SCRIPTS = frozenset({"TELUGU", "TAMIL", "KANNADA", "MALAYALAM"})


def _glued_boundary(
    text: str, run_start: int, run_end: int, sentence_end: int, next_start: int
) -> bool:
    """A stop with no space after it: "…vor.the information", "littlefinger.“musk"."""
    if text[run_start:run_end] != "." and not set(text[run_start:run_end]) <= set("?!"):
        return False
    if _quotative(text, run_end, sentence_end, next_start):
        return False  # Korean “…다.”라고 말했다: the quotation goes on as the sentence
    before = text[run_start - 1] if run_start else ""
    if not before.isalpha():
        return False  # "3.5", "6.000"; in "usw.)." the later stop decides
    word, _ = _word_before(text, run_start)
    # Chinese and Japanese write no space before a Latin word: "米国はA.I.財政" holds "A.I"
    word = _CJK_LETTER.split(word)[-1]
    key = word.casefold()
    if len(key) == 1 or _is_dotted_letters(key) or key in _NEVER_FINAL or "@" in word:
        return False  # "z.B.", "dr.med", an e-mail address
    next_word = _word_after(text, next_start)
    if not next_word:
        return False
    after = next_start + len(next_word)
    follower = text[after] if after < len(text) else " "
    if len(next_word) == 1 and follower == ".":
        return False  # "ph.d."
    if sentence_end == run_end:  # nothing between the stop and the next word
        if follower == "." and after + 1 < len(text) and text[after + 1].isalnum():
            return False  # "news.example.org"-like chains
        if _is_suffix(text, word, next_start):
            return False  # "openai.com", "photo.jpg", "song.mp3"
    return True


def _is_suffix(text: str, stem: str, start: int) -> bool:
    """Is the token at ``start``, glued to ``stem`` by a stop, a domain or file-name suffix?"""
    end = start
    limit = min(len(text), start + _WINDOW)
    latin = text[start].isascii()
    # alphanumeric: "mp3", "bz2", "ps1"; a suffix ends where ASCII gives way to other
    # letters (or the reverse), as in "LiverpoolFC.comに言った" (CJK letters are alphanumeric)
    while end < limit and text[end].isalnum() and text[end].isascii() == latin:
        end += 1
    key = text[start:end].casefold()
    follower = text[end] if end < len(text) else "."  # the end of the text acts as a stop
    if len(key) == 1 and follower in "'’":
        return False  # an elision opens the next sentence: "…fin.c'est" (not "openai.com's")
    if key in _WORDLIKE_SUFFIXES:
        return follower in '.,;:!?)]}"”»' or bool(_FILE_STEM.fullmatch(stem))
    return key in _DOMAIN_SUFFIXES


def _word_before(text: str, end: int) -> tuple[str, int]:
    """The non-space token that ends at ``end`` (opening marks stripped), and where it starts."""
    window = text[max(0, end - _WINDOW) : end]
    if not window or window[-1].isspace():
        return "", end
    word = window.rsplit(None, 1)[-1]
    start = end - len(word)
    while start < end and text[start] in _OPENING:
        start += 1
    return text[start:end], start


def _previous_word(text: str, word_start: int) -> str:
    """The token before the one that starts at ``word_start`` (``_word_before``'s)."""
    return _word_before(text, max(0, word_start - 1))[0]


def _word_after(text: str, start: int) -> str:
    """The letters that start at ``start`` (after opening marks), up to a bounded length."""
    p = start
    limit = min(len(text), start + _WINDOW)
    while p < limit and text[p] in _OPENING:
        p += 1
    q = p
    while q < limit and text[q].isalpha():
        q += 1
    return text[p:q]


def _is_dotted_letters(key: str) -> bool:
    """ "z.b", "u.s", "d.h": single letters joined by full stops."""
    parts = key.split(".")
    return len(parts) > 1 and all(len(part) == 1 and part.isalpha() for part in parts)


def _spans(text: str, ends: list[int]) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = 0
    for end in [*ends, len(text)]:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + (len(chunk) - len(chunk.lstrip()))
            spans.append(Span(left, left + len(stripped)))
        start = end
    return tuple(spans)
