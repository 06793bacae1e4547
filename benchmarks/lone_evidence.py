"""How well the evidence on sentences left alone separates omissions from alignment slips:
every sentence the sentence alignment leaves without a partner, by the evidence that decides
it (prints counts per set, asserts nothing).

    python benchmarks/lone_evidence.py --sets "mac-dev 7-15" "ntrex en-de" [--scorer semantic]

For each one-sided sentence of the omission benchmark's articles (benchmarks/accuracy.py,
same seeds): whether it lies in deleted content (true) or not (an alignment slip), and which
of one_sided.py's two kinds of evidence carries it past ``detection.lone_min_log_odds``:

  cost      joining it to a neighbouring bead would cost the alignment that much
  meaning   the model finds it unlike the neighbours' other side (and the cost is lower)
  none      neither can be measured (no two-sided neighbour): reported when the scorer
            reads meaning (``lexical.lone_unweighed`` otherwise)
  under     the stronger evidence stays under the bar (not reported)

A kind with as many slips as omissions says nothing on that set. ``--quantiles`` adds the
deciles of each evidence among true and slipped sentences.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
from accuracy import OMISSION_SETS, _run, compare_arguments  # noqa: E402

import tui.engine.detect.one_sided as one_sided  # noqa: E402
from tui.engine.model import Side  # noqa: E402
from tui.engine.pipeline import compare  # noqa: E402

_seen: list[tuple[Side, int, int, int, float | None, float | None]] = []
_evidence_alone = one_sided._evidence_alone


def _recording(context, group, position, side, score=None):
    """one_sided._evidence_alone, keeping the sentence and both kinds of evidence (the
    meaning's with the link's length term the detector adds to it, ``detection.lone_length``)."""
    lone = group.beads[position]
    member = (lone.source or lone.target)[0]
    refs = group.refs(side)
    paragraph, sentence = refs[member]
    span = context.article(side).paragraphs[paragraph].sentences[sentence]
    cost = one_sided._joining_cost(group, position, side, score)
    unlike = one_sided._member_log_odds(context, group, position, side)
    meaning = None if unlike is None else -unlike
    if meaning is not None:
        meaning += one_sided._length_log_odds(context, group, position, side) or 0.0
    _seen.append((side, paragraph, span.start, span.end, cost, meaning))
    return _evidence_alone(context, group, position, side, score)


one_sided._evidence_alone = _recording


def _kind(cost: float | None, meaning: float | None, bar: float) -> str:
    known = [v for v in (cost, meaning) if v is not None]
    if not known:
        return "none"
    if max(known) < bar:
        return "under"
    return "cost" if cost is not None and cost >= bar else "meaning"


def _job(args: tuple[Path, str, str, int]) -> tuple[str, list[tuple[str, bool, float, float]]]:
    shared, scorer, label, seed = args
    row = next(s for s in OMISSION_SETS if s.label == label)
    out = []
    for doc in row.documents(shared):
        source, target, truths = devsets.synthetic_pair(doc, seed)
        _seen.clear()
        result = compare(source, target, **compare_arguments(scorer))
        bar = result.tuning.detection.lone_min_log_odds
        for side, paragraph, start, end, cost, meaning in _seen:
            true = any(
                t.side is side and t.paragraph == paragraph and t.start < end and start < t.end
                for t in truths
            )
            out.append(
                (
                    _kind(cost, meaning, bar),
                    true,
                    np.nan if cost is None else cost,
                    np.nan if meaning is None else meaning,
                )
            )
    return label, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", default="semantic")
    parser.add_argument("--sets", nargs="+")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quantiles", action="store_true")
    args = parser.parse_args()
    sets = [s for s in OMISSION_SETS if not args.sets or s.label in args.sets]
    tasks = [(args.shared, args.scorer, s.label, seed) for s in sets for seed in range(s.seeds)]
    rows: dict[str, list[tuple[str, bool, float, float]]] = {s.label: [] for s in sets}
    for label, out in _run(_job, tasks, args.jobs):
        rows[label] += out
    kinds = ("cost", "meaning", "none", "under")
    print(f"{'set':14} " + " ".join(f"{k + ' true/slip':>18}" for k in kinds))
    for label, out in rows.items():
        counts = Counter((kind, true) for kind, true, _, _ in out)
        print(
            f"{label:14} "
            + " ".join(f"{f'{counts[(k, True)]}/{counts[(k, False)]}':>18}" for k in kinds)
        )
    if args.quantiles:
        deciles = list(range(10, 100, 10))
        print(f"\ndeciles {deciles} (nan: not measured)")
        for label, out in rows.items():
            for name, column in (("cost", 2), ("meaning", 3)):
                for true in (True, False):
                    values = np.array([row[column] for row in out if row[1] is true])
                    values = values[~np.isnan(values)]
                    if len(values):
                        shown = " ".join(f"{v:5.1f}" for v in np.percentile(values, deciles))
                        what = "true" if true else "slip"
                        print(f"{label:14} {name:8} {what:5} n={len(values):4} {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
