"""Accuracy of transdiff against the gold data in ../shared (prints figures, asserts nothing).

    python benchmarks/accuracy.py [--scorer lexical semantic] [--seeds 20] [--shared PATH]

(a) the sample pair against shared/gold: paragraph links, recall of the major differences,
    findings that overlap no gold difference; the same pair with the German paragraphs joined
    5 at a time (paragraphed differently): one-sided findings, and those on French-only gold;
(b) the dev set shared/eval/textberg-dev: strict and lax sentence-link P/R/F1 (the
    definitions of Vecalign's and Bertalign's evaluations, tui.engine.evaluation);
(c) synthetic omissions on the dev set: gold links grouped into paragraphs, sentences and
    whole paragraphs deleted from one side at random (fixed seed); precision and recall of
    the ``*_only_in_*`` findings.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.engine.evaluation import score_document  # noqa: E402
from tui.engine.model import Article, CompareOptions, FindingKind, Side  # noqa: E402
from tui.engine.pipeline import compare  # noqa: E402
from tui.engine.text.load import article_from_text, load_article  # noqa: E402

# Which finding kinds answer which gold difference kinds.
GOLD_KIND_MATCHES = {
    "paragraph_only_in_fr": {FindingKind.PARAGRAPH_ONLY_IN_TARGET},
    "paragraph_only_in_de": {FindingKind.PARAGRAPH_ONLY_IN_SOURCE},
    "sentence_only_in_fr": {FindingKind.SENTENCE_ONLY_IN_TARGET},
    "sentence_only_in_de": {FindingKind.SENTENCE_ONLY_IN_SOURCE},
    "fact_differs": {
        FindingKind.NUMBER_MISMATCH,
        FindingKind.SENTENCE_ONLY_IN_SOURCE,
        FindingKind.SENTENCE_ONLY_IN_TARGET,
        FindingKind.WEAK_LINK,
    },
    "quote_mismatch": {FindingKind.QUOTE_MISMATCH},
}
REQUIRED_KINDS = set(GOLD_KIND_MATCHES)


@dataclass(frozen=True)
class GoldSpan:
    side: Side
    paragraph: int
    start: int
    end: int


def gold_spans(difference: dict, source: Article, target: Article) -> list[GoldSpan]:
    spans = []
    for side, key_p, key_t, article in (
        (Side.SOURCE, "de_paragraph", "de_text", source),
        (Side.TARGET, "fr_paragraph", "fr_text", target),
    ):
        p, text = difference[key_p], difference[key_t]
        if p is None or not text:
            continue
        start = article.paragraphs[p].text.find(text)
        if start >= 0:
            spans.append(GoldSpan(side, p, start, start + len(text)))
    return spans


def finding_hits(finding, span: GoldSpan) -> bool:
    loc = finding.location(span.side)
    if loc is None or finding.side is not span.side or loc.paragraph != span.paragraph:
        return False
    return loc.start < span.end and span.start < loc.end


def sample_report(shared: Path, scorer: str) -> dict:
    source = load_article(ROOT / "sample_articles/ultraman-musk.de.txt")
    target = load_article(ROOT / "sample_articles/ultraman-musk.fr.txt")
    started = time.perf_counter()
    result = compare(source, target, options=CompareOptions(scorer=scorer))
    seconds = time.perf_counter() - started
    gold = json.loads((shared / "gold/paragraphs.json").read_text(encoding="utf-8"))
    differences = json.loads((shared / "gold/differences.json").read_text(encoding="utf-8"))
    gold_links = {(tuple(s), tuple(t)) for s, t in gold["links"]}
    test_links = {(link.source, link.target) for link in result.links}
    correct = len(gold_links & test_links)

    required = [d for d in differences if d["major"] and d["kind"] in REQUIRED_KINDS]
    found_required = []
    for difference in required:
        spans = gold_spans(difference, source, target)
        kinds = GOLD_KIND_MATCHES[difference["kind"]]
        hit = any(f.kind in kinds and finding_hits(f, s) for f in result.findings for s in spans)
        found_required.append((difference, hit))
    all_spans = [s for d in differences for s in gold_spans(d, source, target)]
    unmatched = [f for f in result.findings if not any(finding_hits(f, s) for s in all_spans)]
    return {
        "result": result,
        "seconds": seconds,
        "link_precision": correct / len(test_links),
        "link_recall": correct / len(gold_links),
        "required": found_required,
        "unmatched": unmatched,
    }


def joined_sample_report(shared: Path, scorer: str, joined: int = 5) -> dict:
    """The sample pair with the German paragraphs joined ``joined`` at a time (paragraphed
    differently from the French): one-sided findings, and how many lie on gold content that
    only the French version has (its paragraphs keep their numbers)."""
    german = [
        line.strip()
        for line in (ROOT / "sample_articles/ultraman-musk.de.txt").read_text("utf-8").splitlines()
        if line.strip()
    ]
    source = article_from_text(
        "\n\n".join(" ".join(german[k : k + joined]) for k in range(0, len(german), joined)),
        path="joined.de.txt",
    )
    target = load_article(ROOT / "sample_articles/ultraman-musk.fr.txt")
    result = compare(source, target, options=CompareOptions(scorer=scorer))
    differences = json.loads((shared / "gold/differences.json").read_text(encoding="utf-8"))
    french_only = [
        span
        for d in differences
        if d["kind"] in ("paragraph_only_in_fr", "sentence_only_in_fr")
        for span in gold_spans(d, source, target)
        if span.side is Side.TARGET
    ]
    one_sided = [f for f in result.findings if f.kind.is_omission or f.kind.is_insertion]
    on_gold = [f for f in one_sided if any(finding_hits(f, span) for span in french_only)]
    return {"findings": len(one_sided), "on_gold": len(on_gold), "gold": len(french_only)}


# --- dev set ----------------------------------------------------------------------------------


def read_dev(shared: Path) -> tuple[list[str], list[str], list[tuple[list[int], list[int]]]]:
    folder = shared / "eval/textberg-dev"
    de = (folder / "de.txt").read_text(encoding="utf-8").split("\n")
    fr = (folder / "fr.txt").read_text(encoding="utf-8").split("\n")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return [x.strip() for x in de if x.strip()], [x.strip() for x in fr if x.strip()], gold


def dev_alignment(shared: Path, scorer: str) -> tuple[object, float]:
    de, fr, gold = read_dev(shared)
    source = article_from_text("\n".join(de), path="de.txt")
    target = article_from_text("\n".join(fr), path="fr.txt")
    assert len(source.paragraphs) == len(de)
    assert len(target.paragraphs) == len(fr)
    started = time.perf_counter()
    result = compare(source, target, options=CompareOptions(scorer=scorer))
    seconds = time.perf_counter() - started
    return score_document([(link.source, link.target) for link in result.links], gold), seconds


@dataclass(frozen=True)
class Truth:
    side: Side
    paragraph: int
    start: int
    end: int
    words: int


# Words are runs of letters and digits: the tokenised dev text has punctuation between spaces.
_WORD = re.compile(r"\w+")


def synthetic_pair(
    shared: Path, seed: int, sentence_rate: float = 0.08, paragraph_rate: float = 0.04
) -> tuple[Article, Article, list[Truth]]:
    """Dev-set article rebuilt into paragraphs, with content deleted from one side."""
    de, fr, gold = read_dev(shared)
    rng = random.Random(seed)
    groups: list[list[tuple[list[int], list[int]]]] = []
    k = 0
    while k < len(gold):
        size = rng.randint(2, 6)
        groups.append(gold[k : k + size])
        k += size
    src_pars: list[str] = []
    tgt_pars: list[str] = []
    truths: list[Truth] = []

    def add(side: Side, pars: list[str], pieces: list[tuple[str, bool]]) -> None:
        text, marks = "", []
        for piece, is_truth in pieces:
            if text:
                text += " "
            start = len(text)
            text += piece
            if is_truth:
                marks.append((start, len(text), len(_WORD.findall(piece))))
        if text:
            for start, end, words in marks:
                truths.append(Truth(side, len(pars), start, end, words))
            pars.append(text)

    for group in groups:
        drop_paragraph = rng.random() < paragraph_rate
        drop_side = rng.choice([Side.SOURCE, Side.TARGET])
        src_pieces: list[tuple[str, bool]] = []
        tgt_pieces: list[tuple[str, bool]] = []
        for s_ids, t_ids in group:
            s_text = " ".join(de[i] for i in s_ids)
            t_text = " ".join(fr[j] for j in t_ids)
            one_sided_gold = not s_ids or not t_ids
            drop = not one_sided_gold and (drop_paragraph or rng.random() < sentence_rate)
            side = drop_side if drop_paragraph else rng.choice([Side.SOURCE, Side.TARGET])
            if drop and side is Side.TARGET:  # target loses it: the source holds it alone
                src_pieces.append((s_text, True))
            elif drop:
                tgt_pieces.append((t_text, True))
            else:
                if s_text:
                    src_pieces.append((s_text, one_sided_gold))
                if t_text:
                    tgt_pieces.append((t_text, one_sided_gold))
        add(Side.SOURCE, src_pars, src_pieces)
        add(Side.TARGET, tgt_pars, tgt_pieces)
    source = article_from_text("\n\n".join(src_pars), path="synthetic.de.txt")
    target = article_from_text("\n\n".join(tgt_pars), path="synthetic.fr.txt")
    return source, target, truths


def synthetic_report(
    shared: Path, scorer: str, seeds: range = range(5), min_words: int = 3
) -> dict:
    """Precision: findings that overlap any one-sided piece. Recall: pieces of ``min_words``
    words or more (shorter content is never flagged by design) that a finding overlaps."""
    tp_findings = n_findings = detected = n_truths = 0
    for seed in seeds:
        source, target, every_truth = synthetic_pair(shared, seed)
        truths = [t for t in every_truth if t.words >= min_words]
        result = compare(source, target, options=CompareOptions(scorer=scorer))
        one_sided = [f for f in result.findings if f.kind.is_omission or f.kind.is_insertion]

        def overlaps(finding, truth: Truth) -> bool:
            loc = finding.location(truth.side)
            return (
                finding.side is truth.side
                and loc is not None
                and loc.paragraph == truth.paragraph
                and loc.start < truth.end
                and truth.start < loc.end
            )

        n_findings += len(one_sided)
        tp_findings += sum(1 for f in one_sided if any(overlaps(f, t) for t in every_truth))
        n_truths += len(truths)
        detected += sum(1 for t in truths if any(overlaps(f, t) for f in one_sided))
    return {
        "precision": tp_findings / n_findings if n_findings else 0.0,
        "recall": detected / n_truths if n_truths else 0.0,
        "findings": n_findings,
        "truths": n_truths,
    }


def measure(shared: Path, scorer: str, seeds: int) -> tuple[dict[str, str], list[str]]:
    """Every figure for one scorer, and the details worth reading under the table."""
    figures: dict[str, str] = {}
    details: list[str] = []
    report = sample_report(shared, scorer)
    figures["(a) sample: paragraph link precision"] = f"{report['link_precision']:.3f}"
    figures["(a) sample: paragraph link recall"] = f"{report['link_recall']:.3f}"
    hits = sum(hit for _, hit in report["required"])
    figures["(a) sample: major differences flagged"] = f"{hits}/{len(report['required'])}"
    figures["(a) sample: findings overlapping no gold"] = str(len(report["unmatched"]))
    figures["(a) sample: compare time (s)"] = f"{report['seconds']:.2f}"
    for difference, hit in report["required"]:
        if not hit:
            details.append(f"{scorer}: MISSED {difference['kind']}: {difference['note'][:70]}")
    for finding in report["unmatched"]:
        details.append(f"{scorer}: no gold: {finding.kind.value}: {finding.message[:70]}")

    joined = joined_sample_report(shared, scorer)
    figures["(a) sample, German joined 5 by 5: one-sided findings"] = str(joined["findings"])
    figures["(a) ... of them on French-only gold content"] = (
        f"{joined['on_gold']} (gold: {joined['gold']})"
    )

    scores, seconds = dev_alignment(shared, scorer)
    for name, counts in (("strict", scores.strict), ("lax", scores.lax)):
        figures[f"(b) dev {name} P / R / F1"] = (
            f"{counts.precision:.3f} / {counts.recall:.3f} / {counts.f1:.3f}"
        )
    figures["(b) dev compare time (s)"] = f"{seconds:.2f}"

    synthetic = synthetic_report(shared, scorer, range(seeds))
    figures[f"(c) synthetic omissions P / R ({seeds} seeds)"] = (
        f"{synthetic['precision']:.3f} / {synthetic['recall']:.3f}"
    )
    figures["(c) one-sided pieces / findings"] = f"{synthetic['truths']} / {synthetic['findings']}"
    return figures, details


def main() -> int:
    from tui.engine.scoring.registry import available_scorers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scorer",
        nargs="+",
        default=[name for name in ("lexical", "semantic") if name in available_scorers()],
        help="one column per scorer (default: every installed one)",
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    if not (args.shared / "gold").is_dir():
        print(f"no gold data at {args.shared}; nothing to measure")
        return 0
    columns = {name: measure(args.shared, name, args.seeds) for name in args.scorer}
    rows = list(next(iter(columns.values()))[0])
    width = max(len(r) for r in rows)
    print(f"{'':{width}}  " + "  ".join(f"{name:>21}" for name in columns))
    for row in rows:
        print(f"{row:{width}}  " + "  ".join(f"{f[row]:>21}" for f, _ in columns.values()))
    for _, details in columns.values():
        for line in details:
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
