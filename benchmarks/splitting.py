"""Sentence-boundary precision, recall and F1 per ntrex-dev language, for every splitter at hand.

    python benchmarks/splitting.py [--shared PATH] [--splitter ours sentencex ...]

Prints one table per measure (languages as rows, splitters as columns) and each splitter's time.
Prints figures, asserts nothing; skips with a message where the shared data is absent.

The measure, exactly:
- Data: every ``NNN.LANG`` file of ``shared/eval/ntrex-dev`` (one sentence, rarely two, per line;
  line i of every language translates the same English line). Lines are stripped, empty ones
  dropped.
- Paragraphs: consecutive lines taken four at a time from the start of each file (lines 0-3,
  4-7, ...; a last group of fewer than four lines is dropped), joined by one space. Fixed, not
  random: every run and every splitter sees the same 237 paragraphs per language.
- Gold boundaries: the three line joins, as the offset where the next line starts.
- Predicted boundaries: the start offset of every sentence the splitter returns except one at 0.
- A predicted boundary at a gold offset is a true positive; a gold offset with none a false
  negative. A predicted boundary strictly inside a line is a false positive, with one exception
  counted neither way ("neutral"): it follows a sentence-final mark (and closing quotes), the
  sentence before it holds a letter, the next sentence does not start with a lowercase letter
  or a closing mark, and the mark is not a full stop after a single letter, after a word of
  up to four letters that starts with a capital or a letter then a stop ("Dr.", "St.", "M.",
  "U.S."), or after a Devanagari letter (Hindi ends sentences with "।": "मि." is "Mr.").
  Lines that hold two sentences ("Das ist gut. Und dann?") would otherwise count a correct
  split as an error; the exception leaves typical abbreviation splits ("Dr. | Smith",
  "Dionisio A. | Lind") counted as false positives. The ``strict`` table counts every inside
  boundary as a false positive: a lower bound of the true precision (ours loses up to 11
  points there, in Korean, whose lines often hold a quotation and its attribution).
- Precision, recall and F1 from the counts summed over all paragraphs of a language.

The language of every paragraph is known here (the file's), which is what the engine passes
once it has detected a paragraph's language; the column ``ours, no language`` measures the
script-aware default the engine uses where detection gives no answer.

``splitting_table(shared)`` returns the figures as rows for other scripts (one accuracy
command); this file's ``main`` prints them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.engine.text.segment import split_sentences  # noqa: E402

LANGUAGES = ("en", "de", "fr", "es", "ru", "ar", "hi", "ja", "zh", "ko")
PARAGRAPH_LINES = 4

# Sentence-final marks of every script the splitter knows, for the neutral-boundary rule only.
_FINAL_MARKS = frozenset(".!?…。！？．।॥؟۔։።፧။།༎។៕")
_CLOSERS = frozenset("\"'”’»)]}」』）】〕›")

# A splitter takes (text, language) and returns the start offsets of its sentences.
Splitter = Callable[[str, str], list[int]]


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    neutral: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.neutral + other.neutral,
        )

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Row:
    """One language and one splitter: counts with the neutral rule, and strict counts."""

    language: str
    splitter: str
    counts: Counts
    strict: Counts
    seconds: float


@dataclass(frozen=True)
class Paragraph:
    text: str
    line_starts: tuple[int, ...]  # offsets of lines 2..4: the gold boundaries
    line_ends: tuple[int, ...]  # end offset of every line


def paragraphs(folder: Path, language: str) -> list[Paragraph]:
    """Every four-line paragraph of one language, files in name order."""
    result = []
    for path in sorted(folder.glob(f"*.{language}")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]
        lines = [line for line in lines if line]
        for k in range(0, len(lines) - PARAGRAPH_LINES + 1, PARAGRAPH_LINES):
            group = lines[k : k + PARAGRAPH_LINES]
            starts, ends, offset = [], [], 0
            for line in group:
                starts.append(offset)
                ends.append(offset + len(line))
                offset += len(line) + 1
            result.append(Paragraph(" ".join(group), tuple(starts[1:]), tuple(ends)))
    return result


def is_neutral(text: str, offset: int) -> bool:
    """A boundary inside a line that may well be a second sentence there (see the docstring)."""
    if (text[offset] in _CLOSERS and text[offset] not in "\"'") or text[offset].islower():
        return False  # a closing mark cut from its sentence; a lowercase word goes on
    p = offset
    while p > 0 and text[p - 1].isspace():
        p -= 1
    while p > 0 and text[p - 1] in _CLOSERS:
        p -= 1
    if p == 0 or text[p - 1] not in _FINAL_MARKS:
        return False
    while p > 0 and text[p - 1] in _FINAL_MARKS:
        p -= 1
    if text[p] != "." or text[p : p + 2] == "..":
        return True
    if p > 0 and "\u0900" <= text[p - 1] <= "\u097f":
        return False  # Hindi ends sentences with "।": "मि.", "यू.एस." are abbreviations
    start = p
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:p].lstrip("\"'“„«‘(")
    if not any(ch.isalpha() for ch in word):
        return any(ch.isalpha() for ch in text[max(0, p - 200) : p])  # "in 2024."
    if len(word) == 1:
        return False
    return not (len(word) <= 4 and (word[0].isupper() or word[1] == "."))


def score(paragraph: Paragraph, starts: Iterable[int]) -> tuple[Counts, Counts]:
    """(counts with the neutral rule, strict counts) of one paragraph's predicted starts."""
    gold = set(paragraph.line_starts)
    predicted = {s for s in starts if 0 < s < len(paragraph.text)}
    tp = len(predicted & gold)
    fn = len(gold) - tp
    inside = predicted - gold
    neutral = sum(1 for s in inside if is_neutral(paragraph.text, s))
    return Counts(tp, len(inside) - neutral, fn, neutral), Counts(tp, len(inside), fn)


def starts_of_pieces(text: str, pieces: Iterable[str]) -> list[int]:
    """Start offsets of a splitter's sentence strings, found in order in ``text``."""
    starts, cursor = [], 0
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        found = text.find(stripped, cursor)
        if found < 0:  # a splitter that changed the text: skip the piece, keep going
            continue
        starts.append(found)
        cursor = found + len(stripped)
    return starts


def _ours(text: str, language: str) -> list[int]:
    return [span.start for span in split_sentences(text, language=language)]


def _ours_no_language(text: str, language: str) -> list[int]:
    return [span.start for span in split_sentences(text)]


def _sentencex() -> Splitter | None:
    try:
        import sentencex
    except ImportError:
        return None
    return lambda text, language: starts_of_pieces(text, sentencex.segment(language, text))


def _pysbd() -> Splitter | None:
    try:
        import pysbd
        from pysbd.languages import LANGUAGE_CODES
    except ImportError:
        return None
    segmenters: dict[str, object] = {}

    def split(text: str, language: str) -> list[int]:
        code = language if language in LANGUAGE_CODES else "en"
        if code not in segmenters:
            segmenters[code] = pysbd.Segmenter(language=code, clean=False)
        return starts_of_pieces(text, segmenters[code].segment(text))  # type: ignore[attr-defined]

    return split


def _blingfire() -> Splitter | None:
    try:
        import blingfire
    except ImportError:
        return None
    return lambda text, language: starts_of_pieces(
        text, blingfire.text_to_sentences(text).split("\n")
    )


SPLITTERS: dict[str, Callable[[], Splitter | None]] = {
    "ours": lambda: _ours,
    "ours, no language": lambda: _ours_no_language,
    "sentencex": _sentencex,
    "pysbd": _pysbd,
    "blingfire": _blingfire,
}


def splitting_table(
    shared: Path, splitters: Iterable[str] = ("ours", "ours, no language", "sentencex")
) -> list[Row]:
    """Boundary counts per (language, splitter); splitters that are not installed are left out.
    Empty where ``shared/eval/ntrex-dev`` does not exist."""
    folder = shared / "eval" / "ntrex-dev"
    if not folder.is_dir():
        return []
    data = {language: paragraphs(folder, language) for language in LANGUAGES}
    rows = []
    for name in splitters:
        split = SPLITTERS[name]()
        if split is None:
            continue
        for language, items in data.items():
            counts, strict = Counts(), Counts()
            started = time.perf_counter()
            predictions = [split(p.text, language) for p in items]
            seconds = time.perf_counter() - started
            for paragraph, starts in zip(items, predictions, strict=True):
                lenient, exact = score(paragraph, starts)
                counts, strict = counts + lenient, strict + exact
            rows.append(Row(language, name, counts, strict, seconds))
    return rows


def _print_table(rows: list[Row], title: str, strict: bool) -> None:
    names = list(dict.fromkeys(row.splitter for row in rows))
    cell = {(row.language, row.splitter): row.strict if strict else row.counts for row in rows}
    width = max(22, *(len(n) for n in names))
    print(f"\n{title}: precision / recall / F1")
    print("      " + "".join(f"{name:>{width}}" for name in names))
    for language in LANGUAGES:
        values = [cell[language, name] for name in names if (language, name) in cell]
        cells = (f"{c.precision:.2f} / {c.recall:.2f} / {c.f1:.3f}" for c in values)
        text = "".join(f"{cell:>{width}}" for cell in cells)
        print(f"{language:6}{text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--splitter", nargs="+", default=list(SPLITTERS), choices=list(SPLITTERS))
    args = parser.parse_args()
    if not (args.shared / "eval" / "ntrex-dev").is_dir():
        print(f"no ntrex-dev data under {args.shared}; nothing to measure")
        return 0
    rows = splitting_table(args.shared, args.splitter)
    missing = [name for name in args.splitter if name not in {row.splitter for row in rows}]
    _print_table(rows, "Boundary (inside-line splits after a sentence-final mark neutral)", False)
    _print_table(rows, "Strict (every inside-line split a false positive)", True)
    print("\nseconds per splitter (all ten languages, 2,370 paragraphs):")
    for name in dict.fromkeys(row.splitter for row in rows):
        total = sum(row.seconds for row in rows if row.splitter == name)
        neutral = sum(row.counts.neutral for row in rows if row.splitter == name)
        print(f"  {name:22} {total:6.2f} s   neutral inside-line splits: {neutral}")
    if missing:
        print(f"not installed: {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
