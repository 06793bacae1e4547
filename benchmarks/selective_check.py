"""Findings of the selective semantic pass against full embedding, document by document.

    python benchmarks/selective_check.py [--sets sample textberg mac ntrex] [--jobs 2]

Prints figures, asserts nothing. Each document is compared twice with the semantic scorer:
embedding every sentence, and with ``SemanticTuning.selective`` (the lexical pass decides
which sentences need no vector). Per set: the share of distinct sentences the selective pass
embeds, the documents whose findings differ, and the findings only one run has, keyed by
kind and spans (a finding whose confidence alone moved counts as the same; those are counted
apart). The documents are the sample pair, and the omission table's synthetic documents of
benchmarks/accuracy.py with seed 0 (textberg-dev, mac-dev chapters 7-24, ntrex-dev pairs).
Uses the embedding cache (TRANSDIFF_CACHE_DIR or the default): vectors the full run needs
are embedded once.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402

from tui.engine.model import Article, Comparison, Finding  # noqa: E402
from tui.engine.pipeline import _SentenceIndex, compare  # noqa: E402
from tui.engine.text.load import load_article  # noqa: E402

SAMPLE = ROOT / "sample_articles" / "ultraman-musk"
NTREX_PAIRS = ("en-de", "en-ja", "en-hi", "de-ja", "en-fr", "en-es", "en-ru", "en-zh", "en-ar")
NTREX_PAIRS += ("en-ko", "fr-ru", "ar-zh")


@dataclass
class Tally:
    """One set's counts, summed over its documents."""

    documents: int = 0
    differing: int = 0  # documents whose (kind, spans) findings differ
    sentences: int = 0  # distinct sentence texts
    embedded: int = 0  # of which the selective pass embeds
    findings: int = 0  # findings of the full runs
    only_full: int = 0
    only_selective: int = 0
    moved: int = 0  # same kind and spans, other confidence or message
    examples: list[str] = field(default_factory=list)


def _key(finding: Finding) -> tuple:
    spans = tuple(
        None if at is None else (at.paragraph, at.start, at.end)
        for at in (finding.source, finding.target)
    )
    return (finding.kind.value, spans)


def _run(source: Article, target: Article, selective: bool) -> tuple[Comparison, frozenset]:
    from tui.engine.scoring.semantic import SemanticScorer
    from tui.engine.tuning import SemanticTuning

    scorer = SemanticScorer(SemanticTuning(selective=selective))
    return compare(source, target, scorer=scorer), scorer.skip


def check(job: tuple[str, str, Path, int]) -> tuple[str, Tally, list[str]]:
    """Full and selective runs of one set's documents."""
    label, kind, shared, seed = job
    if kind == "sample":
        pairs = [("sample", load_article(f"{SAMPLE}.de.txt"), load_article(f"{SAMPLE}.fr.txt"))]
    else:
        if kind == "textberg":
            docs = devsets.textberg(shared)
        elif kind == "mac":
            docs = devsets.mac(shared, range(7, 25))
        else:
            docs = devsets.ntrex(shared, *label.split(" ")[1].split("-"))
        pairs = [(doc.name, *devsets.synthetic_pair(doc, seed)[:2]) for doc in docs]
    tally = Tally()
    for name, source, target in pairs:
        full, _ = _run(source, target, False)
        selective, skip = _run(source, target, True)
        texts = set(_SentenceIndex.build(source).texts) | set(_SentenceIndex.build(target).texts)
        tally.documents += 1
        tally.sentences += len(texts)
        tally.embedded += len(texts - skip)
        a = {_key(f): f for f in full.findings}
        b = {_key(f): f for f in selective.findings}
        tally.findings += len(a)
        tally.only_full += len(a.keys() - b.keys())
        tally.only_selective += len(b.keys() - a.keys())
        tally.moved += sum(
            1
            for k in a.keys() & b.keys()
            if (a[k].confidence, a[k].message) != (b[k].confidence, b[k].message)
        )
        if a.keys() != b.keys():
            tally.differing += 1
            for k in sorted(a.keys() ^ b.keys(), key=str)[:3]:
                which = "full only" if k in a else "selective only"
                tally.examples.append(f"{name}: {which} {k}")
    return label, tally, []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["sample", "textberg", "mac", "ntrex"])
    parser.add_argument("--ntrex", nargs="+", default=list(NTREX_PAIRS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    jobs = []
    for kind in args.sets:
        if kind == "ntrex":
            jobs += [(f"ntrex {pair}", "ntrex", args.shared, args.seed) for pair in args.ntrex]
        else:
            jobs.append((kind, kind, args.shared, args.seed))
    if args.jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(check, jobs))
    else:
        results = list(map(check, jobs))
    total = Tally()
    print(f"{'set':14} docs differ  embedded  findings  full-only  sel-only  moved")
    for label, t, _ in results:
        print(
            f"{label:14} {t.documents:4} {t.differing:6}  {t.embedded / max(t.sentences, 1):7.1%}"
            f"  {t.findings:8}  {t.only_full:9}  {t.only_selective:8}  {t.moved:5}"
        )
        for name in ("documents", "differing", "sentences", "embedded", "findings"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
        for name in ("only_full", "only_selective", "moved"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
        total.examples += t.examples
    print(
        f"{'all':14} {total.documents:4} {total.differing:6}  "
        f"{total.embedded / max(total.sentences, 1):7.1%}  {total.findings:8}  "
        f"{total.only_full:9}  {total.only_selective:8}  {total.moved:5}"
    )
    for line in total.examples[:20]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
