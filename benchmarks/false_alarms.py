"""The false one-sided findings of the omission benchmark, one line each, and their classes.

    python benchmarks/false_alarms.py [--scorer lexical] [--sets 'ntrex en-ja' ...] [--list]
        [--tuning '{"detection.member_words": true}']

For each set of benchmarks/accuracy.py's omission table: every ``*_only_in_*`` finding that
overlaps no deleted piece, with the detector that made it, where the text's gold counterpart
landed in the alignment (alone too, in the bead next to it, elsewhere in the paragraph link,
in another link), the bead scores around it and the finding's own evidence. Prints a count
per class and set, and the share of the flagged characters that lie in one-sided content
(chars P: a finding widened over its neighbours counts once in the omission table's
precision, its every character here); ``--list`` prints the findings too. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
from accuracy import OMISSION_SETS, TUNING_OVERRIDES, _run, compare_arguments  # noqa: E402

import tui.engine.pipeline as pipeline  # noqa: E402
from tui.engine.detect.context import FindingContext  # noqa: E402
from tui.engine.model import Finding, Side  # noqa: E402


@dataclass(frozen=True)
class Alarm:
    label: str
    document: str
    seed: int
    kind: str
    detector: str
    where: str  # where the gold counterpart landed
    words: int
    around: str  # bead shapes and scores next to it
    why: str
    text: str


def _sentences_at(context: FindingContext, side: Side, paragraph: int, start: int, end: int):
    spans = context.article(side).paragraphs[paragraph].sentences
    return [(paragraph, k) for k, s in enumerate(spans) if s.start < end and start < s.end]


def _locate(context: FindingContext, side: Side, ref) -> tuple[int, int] | None:
    """(group index, bead position) holding sentence ``ref`` of ``side``."""
    for g, group in enumerate(context.groups):
        refs = group.refs(side)
        if ref not in refs:
            continue
        local = list(refs).index(ref)
        for position, bead in enumerate(group.beads):
            if local in (bead.source if side is Side.SOURCE else bead.target):
                return g, position
    return None


def _lone_first(context: FindingContext, side: Side, refs: list) -> tuple[int, int] | None:
    """Where the finding's sentence is: the first of ``refs`` left alone (a widened finding
    names a linked neighbour too, which may come first), else the first of them."""
    found = [_locate(context, side, ref) for ref in refs]
    for mine in found:
        if mine is not None:
            bead = context.groups[mine[0]].beads[mine[1]]
            if not (bead.source and bead.target):
                return mine
    return found[0] if found else None


def _shape(bead) -> str:
    return f"{len(bead.source)}-{len(bead.target)}"


def _displaced(
    context: FindingContext, side: Side, mine: tuple[int, int], truths: list[devsets.Truth]
) -> bool:
    """Does a bead next to the finding's hold deleted content of the finding's side (the
    omission found, but one sentence off)?"""
    group = context.groups[mine[0]]
    refs = group.refs(side)
    paragraphs = context.article(side).paragraphs
    for k in (mine[1] - 1, mine[1] + 1):
        if not 0 <= k < len(group.beads):
            continue
        for local in group.beads[k].source if side is Side.SOURCE else group.beads[k].target:
            p, n = refs[local]
            span = paragraphs[p].sentences[n]
            if any(
                t.side is side and t.paragraph == p and t.start < span.end and span.start < t.end
                for t in truths
            ):
                return True
    return False


def classify(
    label: str,
    doc: devsets.Document,
    seed: int,
    finding: Finding,
    context: FindingContext,
    placed: list[devsets.Placed],
    truths: list[devsets.Truth],
) -> Alarm:
    side = finding.side
    held = finding.location(side)
    assert held is not None
    refs = _sentences_at(context, side, held.paragraph, held.start, held.end)
    links = {
        p.link
        for p in placed
        if p.side is side
        and p.paragraph == held.paragraph
        and p.start < held.end
        and held.start < p.end
    }
    counterpart = [
        ref
        for p in placed
        if p.side is side.other and p.link in links
        for ref in _sentences_at(context, side.other, p.paragraph, p.start, p.end)
    ]
    mine = _lone_first(context, side, refs)
    detector = "paragraph link" if mine is None else "sentence alone"
    around = ""
    if mine is not None:
        group = context.groups[mine[0]]
        bead = group.beads[mine[1]]
        if not (group.link.source and group.link.target):
            detector = "paragraph link"
        else:
            detector = "sentence alone" if not (bead.source and bead.target) else "in a bead"
        cells = []
        for k in (mine[1] - 1, mine[1] + 1):
            if 0 <= k < len(group.beads):
                b = group.beads[k]
                cells.append(f"{_shape(b)}:{b.score:+.1f}")
        around = " ".join(cells)
    if not counterpart:
        where = "no counterpart (gold one-sided)"
    else:
        places = [_locate(context, side.other, ref) for ref in counterpart]
        if any(p is None for p in places):
            where = "counterpart in a one-sided paragraph link"
        elif mine is None or not (
            context.groups[mine[0]].link.source and context.groups[mine[0]].link.target
        ):
            kinds = set()
            for g, position in places:  # type: ignore[misc]
                other = context.groups[g]
                bead = other.beads[position]
                if not (other.link.source and other.link.target):
                    kinds.add("in a one-sided link")
                elif not (bead.source and bead.target):
                    kinds.add("alone in a link")
                else:
                    kinds.add("linked in a link")
            where = " + ".join(sorted(kinds))
        else:
            group = context.groups[mine[0]]
            kinds = set()
            for g, position in places:  # type: ignore[misc]
                bead = context.groups[g].beads[position]
                if g != mine[0]:
                    kinds.add("in another paragraph link")
                elif not (bead.source and bead.target):
                    kinds.add("alone too")
                elif abs(position - mine[1]) == 1:
                    kinds.add("in the next bead")
                else:
                    kinds.add("further in the link")
            where = " + ".join(sorted(kinds))
            if _displaced(context, side, mine, truths):
                where += " (an omission next to it)"
    text = context.article(side).paragraphs[held.paragraph].text[held.start : held.end]
    return Alarm(
        label,
        doc.name,
        seed,
        finding.kind.value,
        detector,
        where,
        len(text.split()),
        around,
        finding.why,
        " ".join(text.split())[:90],
    )


def _inside(finding: Finding, truths: list[devsets.Truth]) -> int:
    """Characters of the finding's span that lie in one-sided content."""
    held = finding.location(finding.side)
    assert held is not None
    covered: set[int] = set()
    for t in truths:
        if t.side is finding.side and t.paragraph == held.paragraph:
            covered.update(range(max(t.start, held.start), min(t.end, held.end)))
    return len(covered)


def _job(args: tuple[Path, str, str, int]) -> tuple[str, list[Alarm], Counter[str]]:
    shared, scorer, label, seed = args
    row = next(s for s in OMISSION_SETS if s.label == label)
    contexts = devsets.finding_contexts()
    alarms: list[Alarm] = []
    total: Counter[str] = Counter()
    for doc in row.documents(shared):
        placed: list[devsets.Placed] = []
        src, tgt, truths = devsets.synthetic_texts(doc, seed, placed=placed)
        source = devsets.article_from_text(src, path=f"synthetic.{doc.source_lang}.txt")
        target = devsets.article_from_text(tgt, path=f"synthetic.{doc.target_lang}.txt")
        contexts.clear()
        result = pipeline.compare(source, target, **compare_arguments(scorer))
        context = contexts[-1]
        for finding in devsets.one_sided(result):
            held = finding.location(finding.side)
            assert held is not None
            total["findings"] += 1
            total["characters"] += held.end - held.start
            total["inside"] += _inside(finding, truths)
            if any(devsets.overlaps(finding, t) for t in truths):
                continue
            alarms.append(classify(label, doc, seed, finding, context, placed, truths))
    return label, alarms, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", default="lexical")
    parser.add_argument("--sets", nargs="+")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--list", action="store_true", help="print every false finding")
    parser.add_argument(
        "--tuning", type=json.loads, default={}, help="overrides, as accuracy.py's --tuning"
    )
    args = parser.parse_args()
    TUNING_OVERRIDES.update(args.tuning)
    sets = [s for s in OMISSION_SETS if not args.sets or s.label in args.sets]
    tasks = [(args.shared, args.scorer, s.label, seed) for s in sets for seed in range(s.seeds)]
    by_set: dict[str, list[Alarm]] = {s.label: [] for s in sets}
    totals: dict[str, Counter[str]] = {s.label: Counter() for s in sets}
    for label, alarms, total in _run(_job, tasks, args.jobs):
        by_set[label] += alarms
        totals[label].update(total)
    classes = Counter((a.detector, a.where) for alarms in by_set.values() for a in alarms)
    order = [c for c, _ in classes.most_common()]
    for k, c in enumerate(order):
        print(f"c{k}: {c[0]}; counterpart {c[1]}")
    print(
        f"{'set':14} {'found':>5} {'false':>5} {'chars P':>7}  "
        + " ".join(f"{f'c{k}':>4}" for k in range(len(order)))
    )
    for label, alarms in by_set.items():
        counts = Counter((a.detector, a.where) for a in alarms)
        total = totals[label]
        characters = total["inside"] / total["characters"] if total["characters"] else 1.0
        print(
            f"{label:14} {total['findings']:5} {len(alarms):5} {characters:7.3f}  "
            + " ".join(f"{counts[c]:4}" for c in order)
        )
    if args.list:
        for alarms in by_set.values():
            for a in alarms:
                print(
                    f"{a.label} {a.document} s{a.seed} {a.kind} [{a.detector}; {a.where}] "
                    f"{a.words}w around {a.around} | {a.why} | {a.text}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
