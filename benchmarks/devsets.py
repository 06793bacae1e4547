"""The public dev sets in ../shared/eval as aligned documents, and synthetic omissions on them.

Every set is read into ``Document`` records: the two sides' lines (one sentence, or a few, per
line) and the gold links between line indices. ``synthetic_pair`` rebuilds a document into
paragraphs of 2 to 6 gold links and deletes sentences and whole paragraphs from one side at
random (fixed seed), returning the two articles and where the deleted pieces are; the gold's own
one-sided lines are marked too. ``omission_counts`` scores a comparison's one-sided findings
against those pieces. Used by benchmarks/accuracy.py and by tests (skipped without ../shared).
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import tui.engine.pipeline as pipeline
from tui.engine.detect.findings import FindingContext
from tui.engine.model import Article, Comparison, Finding, Side, Span
from tui.engine.text.load import article_from_text

GoldLink = tuple[list[int], list[int]]

NTREX_LANGUAGES = ("en", "de", "fr", "es", "ru", "ja", "zh", "ar", "ko", "hi")


@dataclass(frozen=True)
class Document:
    """One aligned document of a dev set: lines of each side and gold links between them."""

    name: str
    source_lang: str
    target_lang: str
    source: list[str]
    target: list[str]
    gold: list[GoldLink]


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def textberg(shared: Path) -> list[Document]:
    folder = shared / "eval/textberg-dev"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return [
        Document(
            "textberg-dev", "de", "fr", _lines(folder / "de.txt"), _lines(folder / "fr.txt"), gold
        )
    ]


def mac(shared: Path, chapters: Sequence[int] | None = None) -> list[Document]:
    folder = shared / "eval/mac-dev"
    docs = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        number = gold_path.name.split(".")[0]
        if chapters is not None and int(number) not in chapters:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        docs.append(
            Document(
                f"mac-dev/{number}",
                "zh",
                "en",
                _lines(folder / f"{number}.zh"),
                _lines(folder / f"{number}.en"),
                gold,
            )
        )
    return docs


def ntrex(shared: Path, source_lang: str, target_lang: str) -> list[Document]:
    """The six ntrex-dev articles of one language pair: line i translates line i."""
    folder = shared / "eval/ntrex-dev"
    docs = []
    for path in sorted(folder.glob(f"*.{source_lang}")):
        number = path.name.split(".")[0]
        src = _lines(path)
        tgt = _lines(folder / f"{number}.{target_lang}")
        if len(src) != len(tgt):
            raise ValueError(f"ntrex-dev {number}: {len(src)} {source_lang} vs {len(tgt)} lines")
        docs.append(
            Document(
                f"ntrex-dev/{number}",
                source_lang,
                target_lang,
                src,
                tgt,
                [([k], [k]) for k in range(len(src))],
            )
        )
    return docs


# --- sizes of pieces --------------------------------------------------------------------------

# Scripts written without spaces between words: a word there is counted as a few characters.
_CHARACTERS_PER_WORD = {"HAN": 1.5, "HIRAGANA": 2.0, "KATAKANA": 3.0, "THAI": 4.0, "LAO": 4.0}
_WORD = re.compile(r"\w+")


def _unspaced_script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    for script in _CHARACTERS_PER_WORD:
        if name.startswith(script) or (script == "HAN" and name.startswith("CJK UNIFIED")):
            return script
    return None


def words(text: str) -> float:
    """Words of ``text``: runs of letters and digits in spaced scripts; in Chinese, Japanese,
    Thai and Lao a word per 1.5 to 4 characters (their typical word lengths).

    >>> words("werden . Und dann"), words("恥さらしを危惧する")
    (3.0, 5.0)
    """
    total = 0.0
    for token in _WORD.findall(text):
        unspaced = [_unspaced_script(ch) for ch in token]
        spaced = sum(1 for s in unspaced if s is None)
        total += sum(1.0 / _CHARACTERS_PER_WORD[s] for s in unspaced if s is not None)
        if spaced:
            total += 1
    return round(total, 1)


# --- synthetic omissions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Truth:
    """A piece of text present on ``side`` only (deleted from the other, or one-sided gold)."""

    side: Side
    paragraph: int
    start: int
    end: int
    words: float  # the larger of the piece's and its gold translation's word counts


def synthetic_pair(
    doc: Document,
    seed: int,
    sentence_rate: float = 0.08,
    paragraph_rate: float = 0.04,
    links_per_paragraph: tuple[int, int] = (2, 6),
) -> tuple[Article, Article, list[Truth]]:
    """``doc`` rebuilt into paragraphs of 2-6 gold links, with content deleted from one side:
    the articles of ``synthetic_texts``."""
    src, tgt, truths = synthetic_texts(
        doc, seed, sentence_rate, paragraph_rate, links_per_paragraph
    )
    source = article_from_text(src, path=f"synthetic.{doc.source_lang}.txt")
    target = article_from_text(tgt, path=f"synthetic.{doc.target_lang}.txt")
    return source, target, truths


@dataclass(frozen=True)
class Placed:
    """Where one side of gold link ``link`` (an index into ``Document.gold``) landed."""

    side: Side
    paragraph: int
    start: int
    end: int
    link: int


def synthetic_texts(
    doc: Document,
    seed: int,
    sentence_rate: float = 0.08,
    paragraph_rate: float = 0.04,
    links_per_paragraph: tuple[int, int] = (2, 6),
    placed: list[Placed] | None = None,
) -> tuple[str, str, list[Truth]]:
    """``doc`` rebuilt into paragraphs of gold links, with content deleted from one side;
    ``placed``, if given, receives where every gold link's kept sides landed.

    A paragraph holds ``links_per_paragraph`` links (from, to; chosen at random). A gold link
    is deleted from one side (chosen at random) with ``sentence_rate``; a whole paragraph's
    links from one side with ``paragraph_rate``. Lines of one link are joined by a space,
    links of one paragraph too; paragraphs are separated by blank lines.
    """
    rng = random.Random(seed)
    groups: list[list[tuple[int, GoldLink]]] = []
    k = 0
    while k < len(doc.gold):
        size = rng.randint(*links_per_paragraph)
        groups.append(list(enumerate(doc.gold[k : k + size], start=k)))
        k += size
    src_pars: list[str] = []
    tgt_pars: list[str] = []
    truths: list[Truth] = []

    def add(side: Side, pars: list[str], pieces: list[tuple[str, float | None, int]]) -> None:
        """Append a paragraph of pieces (text, size, gold link); a piece with a size is
        one-sided content."""
        text, marks = "", []
        for piece, size, link in pieces:
            if text:
                text += " "
            start = len(text)
            text += piece
            if size is not None:
                marks.append((start, len(text), size))
            if placed is not None:
                placed.append(Placed(side, len(pars), start, len(text), link))
        if text:
            for start, end, size in marks:
                truths.append(Truth(side, len(pars), start, end, size))
            pars.append(text)

    for group in groups:
        drop_paragraph = rng.random() < paragraph_rate
        drop_side = rng.choice([Side.SOURCE, Side.TARGET])
        src_pieces: list[tuple[str, float | None, int]] = []
        tgt_pieces: list[tuple[str, float | None, int]] = []
        for link, (s_ids, t_ids) in group:
            s_text = " ".join(doc.source[i] for i in s_ids)
            t_text = " ".join(doc.target[j] for j in t_ids)
            size = max(words(s_text), words(t_text))
            one_sided_gold = not s_ids or not t_ids
            drop = not one_sided_gold and (drop_paragraph or rng.random() < sentence_rate)
            side = drop_side if drop_paragraph else rng.choice([Side.SOURCE, Side.TARGET])
            if drop and side is Side.TARGET:  # target loses it: the source holds it alone
                src_pieces.append((s_text, size, link))
            elif drop:
                tgt_pieces.append((t_text, size, link))
            else:
                if s_text:
                    src_pieces.append((s_text, size if one_sided_gold else None, link))
                if t_text:
                    tgt_pieces.append((t_text, size if one_sided_gold else None, link))
        add(Side.SOURCE, src_pars, src_pieces)
        add(Side.TARGET, tgt_pars, tgt_pieces)
    return "\n\n".join(src_pars), "\n\n".join(tgt_pars), truths


def one_sided(result: Comparison) -> list[Finding]:
    return [f for f in result.findings if f.kind.is_omission or f.kind.is_insertion]


def truths_at(truths: list[Truth], side: Side, paragraph: int, span: Span) -> list[Truth]:
    """The deleted pieces that overlap ``span`` of ``side``'s paragraph."""
    return [
        t
        for t in truths
        if t.side is side and t.paragraph == paragraph and t.start < span.end and span.start < t.end
    ]


def covered(findings: list[Finding], side: Side, paragraph: int, span: Span) -> bool:
    """Does a finding held on ``side`` overlap ``span`` of its paragraph?"""
    return any(
        f.side is side
        and (loc := f.location(side)) is not None
        and loc.paragraph == paragraph
        and loc.start < span.end
        and span.start < loc.end
        for f in findings
    )


def overlaps(finding: Finding, truth: Truth) -> bool:
    location = finding.location(truth.side)
    return (
        finding.side is truth.side
        and location is not None
        and location.paragraph == truth.paragraph
        and location.start < truth.end
        and truth.start < location.end
    )


@dataclass
class OmissionCounts:
    """Precision: one-sided findings overlapping any one-sided piece, over all of them.
    Recall: pieces of ``MIN_WORDS`` words or more that a one-sided finding overlaps (shorter
    content is never flagged by design), over all of them."""

    findings: int = 0
    true_findings: int = 0
    truths: int = 0
    detected: int = 0

    def add(self, result: Comparison, truths: Sequence[Truth], min_words: float = 3) -> None:
        findings = one_sided(result)
        counted = [t for t in truths if t.words >= min_words]
        self.findings += len(findings)
        self.true_findings += sum(1 for f in findings if any(overlaps(f, t) for t in truths))
        self.truths += len(counted)
        self.detected += sum(1 for t in counted if any(overlaps(f, t) for f in findings))

    @property
    def precision(self) -> float:
        return self.true_findings / self.findings if self.findings else 1.0

    @property
    def recall(self) -> float:
        return self.detected / self.truths if self.truths else 1.0

    def misses(self, result: Comparison, truths: Sequence[Truth]) -> Iterator[Truth]:
        findings = one_sided(result)
        for truth in truths:
            if truth.words >= 3 and not any(overlaps(f, truth) for f in findings):
                yield truth


# --- what the detectors saw ----------------------------------------------------------------------

_CONTEXTS: list[FindingContext] = []
_find_all = pipeline.find_all


def _keeping(context: FindingContext, **options):
    _CONTEXTS.append(context)
    return _find_all(context, **options)


def finding_contexts() -> list[FindingContext]:
    """The list to which every FindingContext that ``compare`` hands to the detectors is
    appended in this process from the first call on (clear it before a comparison to keep
    that comparison's). The pipeline is patched once however often this is called: a patch
    per call would stack, every comparison running through all of them."""
    pipeline.find_all = _keeping
    return _CONTEXTS
