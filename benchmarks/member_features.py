"""Evidence on every member of a multi-sentence bead side, for the synthetic omissions of
benchmarks/accuracy.py: one JSON line per member with its label (deleted / kept), whether a
finding already covers it, and the evidence detect/members.py weighs (the bead's meaning
log-odds on concatenated text with and without the member, the member's own, the length
deviations with and without it). A diagnostic for designing that detector; asserts nothing.

    python benchmarks/member_features.py --sets "ntrex en-de" textberg-dev --out /tmp/m.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
from accuracy import OMISSION_SETS, compare_arguments  # noqa: E402

import tui.engine.pipeline as pipeline  # noqa: E402


def synthetic_runs(shared: Path, label: str, seed: int, scorer: str) -> Iterator[tuple]:
    """(document, deleted pieces, one-sided findings, the detectors' context) of each
    document of the omission row ``label`` with ``seed``'s deletions."""
    captured = devsets.finding_contexts()
    row = next(s for s in OMISSION_SETS if s.label == label)
    for doc in row.documents(shared):
        source, target, truths = devsets.synthetic_pair(doc, seed)
        captured.clear()
        result = pipeline.compare(source, target, **compare_arguments(scorer))
        yield doc, truths, devsets.one_sided(result), captured[-1]


def _rows(args: tuple[Path, str, int, str]) -> list[dict]:
    shared, label, seed, scorer = args
    from tui.engine.detect.context import nearby_log_odds
    from tui.engine.detect.members import _split_odds, member_evidence

    out = []
    for doc, truths, findings, context in synthetic_runs(shared, label, seed, scorer):
        for ev in member_evidence(context):
            group = context.groups[ev.group]
            bead = group.beads[ev.position]
            paragraph = context.article(ev.side).paragraphs[ev.paragraph]
            nearby = nearby_log_odds(
                group, ev.position, ev.side, paragraph.sentence_text(ev.sentence)
            )
            span = paragraph.sentences[ev.sentence]
            hit = devsets.truths_at(truths, ev.side, ev.paragraph, span)
            covered = devsets.covered(findings, ev.side, ev.paragraph, span)
            out.append(
                {
                    "set": label,
                    "seed": seed,
                    "doc": doc.name,
                    "deleted": bool(hit),
                    "truth_words": max((t.words for t in hit), default=0),
                    "covered": covered,
                    "split_odds": _split_odds(group, bead, ev.side),
                    "nearby": nearby,
                    "split_raw": _raw_split(group, bead, ev.side),
                    "ratio": group.scorer.length_model[0],
                    "variance": group.scorer.length_model[1],
                    **ev.as_dict(),
                }
            )
    return out


def _raw_split(group, bead, side) -> float | None:
    """members._split_odds without its floor at 0."""
    from tui.engine.align.dp import BeadType
    from tui.engine.model import Side

    params = group.params
    if params is None:
        return None
    s, t = len(bead.source), len(bead.target)
    less = (s - 1, t) if side is Side.SOURCE else (s, t - 1)
    try:
        shape, smaller = BeadType((s, t)), BeadType(less)
    except ValueError:
        return None
    if shape not in params.prior or smaller not in params.prior:
        return None
    return params.prior[smaller] + params.skip - params.prior[shape]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", required=True)
    parser.add_argument("--scorer", default="semantic")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seeds", type=int)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    tasks = []
    for label in args.sets:
        row = next(s for s in OMISSION_SETS if s.label == label)
        for seed in range(min(row.seeds, args.seeds or row.seeds)):
            tasks.append((args.shared, label, seed, args.scorer))
    with args.out.open("w") as out, ProcessPoolExecutor(args.jobs) as pool:
        for rows in pool.map(_rows, tasks):
            for r in rows:
                out.write(json.dumps(r, default=lambda x: None if math.isnan(x) else x) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
