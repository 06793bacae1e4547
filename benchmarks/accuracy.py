"""Accuracy of transdiff against the gold data in ../shared (prints figures, asserts nothing).

    python benchmarks/accuracy.py [--scorer lexical semantic] [--sections ...] [--jobs 2]
        [--all-pairs]

One command, one table per section, every figure per dev set and language pair, one column
group per scorer:

(a) sample: the sample pair against shared/gold: paragraph links, the major differences
    flagged, findings that overlap no gold difference; the same pair with the German
    paragraphs joined 5 at a time (paragraphed differently): one-sided findings, and those on
    French-only gold.
(b) align: strict and lax link P/R/F1 (the definitions of Vecalign's and Bertalign's
    evaluations, tui.engine.evaluation) on textberg-dev (German-French) and mac-dev
    (Chinese-English, chapters 7-24), with the time per set.
(c) omissions: synthetic omissions (benchmarks/devsets.py): gold links grouped into
    paragraphs, sentences and whole paragraphs deleted from one side at random (fixed seeds);
    recall and precision of the ``*_only_in_*`` findings, per set and language pair.
    Rows marked "tune" are the ones parameters were looked at on; "check" rows are our own
    held-out check; ``--all-pairs`` adds ntrex-dev's 33 other pairs of its ten languages
    and zh-ar, ar-zh the other way round ("extra": the pairs without English among them are
    the weakest).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402

from tui.engine.evaluation import score_alignments  # noqa: E402
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


SELECTIVE = "semantic-selective"  # a column only: the semantic scorer embedding selectively
# --tuning's overrides (tuning.overridden's keys), set before any process of the pool forks
TUNING_OVERRIDES: dict[str, object] = {}


def compare_arguments(scorer: str) -> dict:
    """``compare``'s keyword arguments for a column: a scorer name, or ``SELECTIVE``."""
    from tui.engine.tuning import overridden

    tuning = overridden(TUNING_OVERRIDES)
    if scorer == SELECTIVE:
        from tui.engine.scoring.semantic import SemanticScorer

        semantic = replace(tuning.semantic, selective=True)
        return {"scorer": SemanticScorer(semantic), "options": CompareOptions(tuning=tuning)}
    return {"options": CompareOptions(scorer=scorer, tuning=tuning)}


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


def sample_report(shared: Path, scorer: str, source: Article | None = None) -> dict:
    """``source``: the German sample loaded some other way (from a Word file, say)."""
    source = source or load_article(ROOT / "sample_articles/ultraman-musk.de.txt")
    target = load_article(ROOT / "sample_articles/ultraman-musk.fr.txt")
    started = time.perf_counter()
    result = compare(source, target, **compare_arguments(scorer))
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
    result = compare(source, target, **compare_arguments(scorer))
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


# --- (b) alignment on the dev sets -------------------------------------------------------------


def _documents(shared: Path, name: str) -> list[devsets.Document]:
    return devsets.textberg(shared) if name == "textberg-dev" else devsets.mac(shared)


def align_report(shared: Path, scorer: str, name: str) -> dict:
    """Strict and lax scores of the line links of every document of one set, summed."""
    seconds = 0.0
    pairs = []
    documents = _documents(shared, name)
    for doc in documents:
        source = article_from_text("\n".join(doc.source), path=f"a.{doc.source_lang}.txt")
        target = article_from_text("\n".join(doc.target), path=f"b.{doc.target_lang}.txt")
        assert len(source.paragraphs) == len(doc.source), doc.name
        assert len(target.paragraphs) == len(doc.target), doc.name
        started = time.perf_counter()
        result = compare(source, target, **compare_arguments(scorer))
        seconds += time.perf_counter() - started
        pairs.append(([(link.source, link.target) for link in result.links], doc.gold))
    halves = {}
    if name == "mac-dev":
        # the tuning half and the held-out half of the omission rows, scored apart
        for label, chapters in _MAC_CHAPTERS.items():
            half = [
                pair
                for doc, pair in zip(documents, pairs, strict=True)
                if int(doc.name.rsplit("/", 1)[-1]) in chapters  # "mac-dev/007"
            ]
            halves[label] = score_alignments(half)
    return {"scores": score_alignments(pairs), "seconds": seconds, "halves": halves}


def dev_alignment(shared: Path, scorer: str) -> tuple[object, float]:
    """textberg-dev's strict and lax scores and the compare time."""
    report = align_report(shared, scorer, "textberg-dev")
    return report["scores"], report["seconds"]


# --- (c) synthetic omissions -------------------------------------------------------------------


@dataclass(frozen=True)
class OmissionSet:
    """One row of the omission table: documents of one set and language pair, and seeds."""

    label: str
    role: str  # "tune": looked at while setting parameters; "check": held out
    seeds: int

    def documents(self, shared: Path) -> list[devsets.Document]:
        """The set's documents; exits with one line where ``shared`` does not hold them (a
        script run from another folder than the checkout's would otherwise print nothing)."""
        if not (shared / "eval").is_dir():
            raise SystemExit(f"no dev sets under {shared / 'eval'}: pass --shared PATH")
        if self.label == "textberg-dev":
            documents = devsets.textberg(shared)
        elif self.label.startswith("mac-dev"):
            documents = devsets.mac(shared, _MAC_CHAPTERS[self.label])
        else:
            source_lang, target_lang = self.label.split(" ")[1].split("-")
            documents = devsets.ntrex(shared, source_lang, target_lang)
        if not documents:
            raise SystemExit(f"no documents of {self.label} under {shared / 'eval'}")
        return documents


# mac-dev's chapters: the first half for tuning, the second half held out
_MAC_CHAPTERS = {"mac-dev 7-15": range(7, 16), "mac-dev 16-24": range(16, 25)}
# ntrex-dev pairs: all nine from English and three without English
_TUNE_PAIRS = ("en-de", "en-ja", "en-hi", "de-ja")
_CHECK_PAIRS = ("en-fr", "en-es", "en-ru", "en-zh", "en-ar", "en-ko", "fr-ru", "ar-zh")

OMISSION_SETS = (
    OmissionSet("textberg-dev", "tune", 20),
    OmissionSet("mac-dev 7-15", "tune", 1),
    OmissionSet("mac-dev 16-24", "check", 1),
    *(OmissionSet(f"ntrex {pair}", "tune", 2) for pair in _TUNE_PAIRS),
    *(OmissionSet(f"ntrex {pair}", "check", 2) for pair in _CHECK_PAIRS),
)
# --all-pairs: ntrex-dev's other 33 pairs of its ten languages, none looked at while tuning
# (and zh-ar: the table's ar-zh the other way round)
OTHER_NTREX_SETS = tuple(
    OmissionSet(f"ntrex {a}-{b}", "extra", 2)
    for k, a in enumerate(devsets.NTREX_LANGUAGES)
    for b in devsets.NTREX_LANGUAGES[k + 1 :]
    if f"{a}-{b}" not in (*_TUNE_PAIRS, *_CHECK_PAIRS)
)


def synthetic_pair(shared: Path, seed: int) -> tuple[Article, Article, list[devsets.Truth]]:
    """textberg-dev with synthetic omissions (the set earlier figures were measured on)."""
    return devsets.synthetic_pair(devsets.textberg(shared)[0], seed)


def _omission_job(args: tuple[Path, str, str, int]) -> tuple[str, str, devsets.OmissionCounts]:
    """Every document of one set and one seed, compared with one scorer."""
    shared, scorer, label, seed = args
    row = next(s for s in OMISSION_SETS + OTHER_NTREX_SETS if s.label == label)
    counts = devsets.OmissionCounts()
    for doc in row.documents(shared):
        source, target, truths = devsets.synthetic_pair(doc, seed)
        result = compare(source, target, **compare_arguments(scorer))
        counts.add(result, truths)
    return scorer, label, counts


def omission_table(
    shared: Path, scorers: list[str], sets: list[OmissionSet], jobs: int
) -> list[str]:
    """The omission table's lines: one row per set, recall / precision per scorer."""
    tasks = [
        (shared, scorer, row.label, seed)
        for scorer in scorers
        for row in sets
        for seed in range(row.seeds)
    ]
    totals: dict[tuple[str, str], devsets.OmissionCounts] = {}
    started = time.perf_counter()
    for scorer, label, counts in _run(_omission_job, tasks, jobs):
        total = totals.setdefault((scorer, label), devsets.OmissionCounts())
        for name in ("findings", "true_findings", "truths", "detected"):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
    seconds = time.perf_counter() - started
    width = max(len(row.label) for row in sets)
    # the counts beside the rounded shares: .900 may be 1214/1349, under a bar of .90
    header = f"{'set / pair':{width}}  role   " + "".join(
        f"{scorer + ' R / P (found/pieces, true/findings)':>48}" for scorer in scorers
    )
    lines = [header]
    for row in sets:
        cells = []
        for scorer in scorers:
            c = totals[(scorer, row.label)]
            cells.append(
                f"{c.recall:.3f} / {c.precision:.3f} "
                f"({c.detected}/{c.truths}, {c.true_findings}/{c.findings})".rjust(48)
            )
        lines.append(f"{row.label:{width}}  {row.role:5}  " + "".join(cells))
    lines.append(f"({len(tasks)} comparisons in {seconds:.0f} s with {jobs} process(es))")
    return lines


def _run(function, tasks: list, jobs: int):
    if jobs <= 1:
        yield from map(function, tasks)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(function, tasks)


# --- the command -------------------------------------------------------------------------------


def sample_rows(shared: Path, scorer: str) -> tuple[dict[str, str], list[str]]:
    figures: dict[str, str] = {}
    details: list[str] = []
    report = sample_report(shared, scorer)
    figures["links P / R (78 gold)"] = (
        f"{report['link_precision']:.3f} / {report['link_recall']:.3f}"
    )
    hits = sum(hit for _, hit in report["required"])
    figures["major differences flagged"] = f"{hits}/{len(report['required'])}"
    figures["findings overlapping no gold"] = str(len(report["unmatched"]))
    figures["compare time (s)"] = f"{report['seconds']:.2f}"
    for difference, hit in report["required"]:
        if not hit:
            details.append(f"{scorer}: MISSED {difference['kind']}: {difference['note'][:70]}")
    for finding in report["unmatched"]:
        details.append(f"{scorer}: no gold: {finding.kind.value}: {finding.message[:70]}")
    joined = joined_sample_report(shared, scorer)
    figures["German joined 5 by 5: one-sided findings"] = str(joined["findings"])
    figures["... of them on French-only gold content"] = (
        f"{joined['on_gold']} (gold: {joined['gold']})"
    )
    return figures, details


def align_rows(shared: Path, scorer: str) -> dict[str, str]:
    figures = {}
    for name in ("textberg-dev", "mac-dev"):
        report = align_report(shared, scorer, name)
        for kind in ("strict", "lax"):
            counts = getattr(report["scores"], kind)
            figures[f"{name} {kind} P / R / F1"] = (
                f"{counts.precision:.3f} / {counts.recall:.3f} / {counts.f1:.3f}"
            )
        for label, scores in report["halves"].items():
            figures[f"{label} strict / lax F1"] = f"{scores.strict.f1:.3f} / {scores.lax.f1:.3f}"
        figures[f"{name} compare time (s)"] = f"{report['seconds']:.1f}"
    return figures


def _print_columns(title: str, columns: dict[str, dict[str, str]]) -> None:
    rows = list(next(iter(columns.values())))
    width = max(len(r) for r in rows)
    print(f"\n{title}")
    print(f"{'':{width}}  " + "  ".join(f"{name:>21}" for name in columns))
    for row in rows:
        print(f"{row:{width}}  " + "  ".join(f"{c[row]:>21}" for c in columns.values()))


SECTIONS = ("sample", "align", "omissions")


def main() -> int:
    from tui.engine.scoring.registry import available_scorers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scorer",
        nargs="+",
        default=[name for name in ("lexical", "semantic") if name in available_scorers()],
        help=f"one column per scorer (default: every installed one; {SELECTIVE}: the "
        "semantic scorer embedding only what the lexical pass is unsure of)",
    )
    parser.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument(
        "--sets", nargs="+", help="omission rows to run (labels as printed, e.g. 'ntrex en-de')"
    )
    parser.add_argument(
        "--all-pairs",
        action="store_true",
        help="add ntrex-dev's other 33 language pairs (and zh-ar) to the omission table "
        "(role 'extra')",
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=1, help="processes for the omission table")
    parser.add_argument(
        "--tuning",
        type=json.loads,
        default={},
        help="overrides of the tuning record, as JSON: '{\"detection.lone_min_log_odds\": 1.5}'",
    )
    args = parser.parse_args()
    TUNING_OVERRIDES.update(args.tuning)
    if not (args.shared / "gold").is_dir():
        print(f"no gold data at {args.shared}; nothing to measure")
        return 0
    if "sample" in args.sections:
        columns = {name: sample_rows(args.shared, name) for name in args.scorer}
        _print_columns("(a) sample pair", {name: c[0] for name, c in columns.items()})
        for _, details in columns.values():
            for line in details:
                print("  " + line)
    if "align" in args.sections:
        _print_columns(
            "(b) alignment", {name: align_rows(args.shared, name) for name in args.scorer}
        )
    if "omissions" in args.sections:
        every = OMISSION_SETS + (OTHER_NTREX_SETS if args.all_pairs else ())
        sets = [s for s in every if not args.sets or s.label in args.sets]
        print("\n(c) synthetic omissions: recall / precision of one-sided findings")
        for line in omission_table(args.shared, args.scorer, sets, args.jobs):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
