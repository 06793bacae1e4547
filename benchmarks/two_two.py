"""Why mac-dev's gold 2-2 links come out as two 1-1 links (prints, asserts nothing).

    python benchmarks/two_two.py [--shared ../shared] [--chapters 7 15] [--runs]

The paragraph passes of ``compare`` (lines are sentences: a first pass, the second with the
measured length model and shape costs, then align/refine.py) are run on each mac-dev chapter,
and for every gold 2-2 link (zh i, i+1; en j, j+1) the final calibrated scorer's log-odds are
read for the 2-2 bead, the two straight 1-1 beads (a: i-j, b: i+1 - j+1) and the two crossing
ones (i - j+1, i+1 - j). The same is read for controls: two consecutive gold 1-1 links the
aligner found. With ``--runs`` also Bertalign's second-step score of each bead
(``run_scores``: the runs embedded as one text; slow, every run is embedded).

The DP prefers the 2-2 bead where its log-odds less its shape cost exceed a + b. Printed:
medians per group (2-2 links split into two 1-1, 2-2 links found, the rest, controls), how
often a crossing pair beats the weaker straight one, and for each feature how many split 2-2
links against how many controls lie above the controls' 95th, 98th and 99th percentiles: a
rule that makes 2-2 beads of the first breaks the second (each costs three strict errors).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
import numpy as np  # noqa: E402

from tui.engine import pipeline  # noqa: E402
from tui.engine.align.dp import AlignParams, BeadType, align  # noqa: E402
from tui.engine.align.priors import document_params, shape_counts  # noqa: E402
from tui.engine.align.refine import realign_lone  # noqa: E402
from tui.engine.scoring.registry import make_scorer  # noqa: E402
from tui.engine.text.load import article_from_text  # noqa: E402
from tui.engine.tuning import Tuning  # noqa: E402

BEADS = ("b22", "a", "b", "x01", "x10")


def _spans(i: int, j: int) -> dict[str, tuple[int, int, int, int]]:
    return {
        "b22": (i, i + 2, j, j + 2),
        "a": (i, i + 1, j, j + 1),
        "b": (i + 1, i + 2, j + 1, j + 2),
        "x01": (i, i + 1, j + 1, j + 2),
        "x10": (i + 1, i + 2, j, j + 1),
    }


def chapter_records(doc: devsets.Document, tuning: Tuning, runs: bool) -> tuple[list[dict], float]:
    """One record per gold 2-2 link and per control pair; the chapter's measured 2-2 cost."""
    # the texts compare() reads: each line a paragraph
    source = article_from_text("\n".join(doc.source), path=f"a.{doc.source_lang}.txt")
    target = article_from_text("\n".join(doc.target), path=f"b.{doc.target_lang}.txt")
    scorer = make_scorer("semantic", tuning).prepare(
        [p.text for p in source.paragraphs], [p.text for p in target.paragraphs]
    )
    n, m = len(source.paragraphs), len(target.paragraphs)
    params = AlignParams(tuning=tuning.align)
    first = align(n, m, scorer, params=params)
    scorer = scorer.calibrated(pipeline._confident_pairs(first, tuning.align.confident_log_odds))
    measured = document_params(shape_counts(first), params, many_to_many=scorer.many_to_many)
    beads = realign_lone(align(n, m, scorer, params=measured), scorer, tuning.align)
    found = {(b.source, b.target) for b in beads}
    gold = [(tuple(s), tuple(t)) for s, t in doc.gold]
    starts: list[tuple[str, int, int]] = []
    for link in gold:
        if len(link[0]) == len(link[1]) == 2:
            (i, _), (j, _) = link
            split = ((i,), (j,)) in found and ((i + 1,), (j + 1,)) in found
            starts.append(("found" if link in found else "split" if split else "other", i, j))
    for g, h in itertools.pairwise(gold):
        ones = len(g[0]) == len(g[1]) == len(h[0]) == len(h[1]) == 1
        if ones and g in found and h in found and h == ((g[0][0] + 1,), (g[1][0] + 1,)):
            starts.append(("control", g[0][0], g[1][0]))
    if not starts:
        return [], measured.prior[BeadType.TWO_TWO]
    cells = np.array([s for _, i, j in starts for s in _spans(i, j).values()], dtype=np.int64)
    columns = [("log_odds", scorer.score), ("lexical", scorer.lexical.score)]
    if runs:
        columns.append(("run", scorer.run_scores))
    values = {
        name: f(cells[:, 0], cells[:, 1], cells[:, 2], cells[:, 3]).reshape(-1, len(BEADS))
        for name, f in columns
    }
    records = [
        {
            "group": group,
            **{name: dict(zip(BEADS, v[k], strict=True)) for name, v in values.items()},
        }
        for k, (group, _, _) in enumerate(starts)
    ]
    return records, measured.prior[BeadType.TWO_TWO]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--chapters", type=int, nargs=2, default=(7, 24), help="first, last")
    parser.add_argument("--runs", action="store_true", help="also Bertalign's run scores")
    args = parser.parse_args()
    tuning = Tuning()
    records: list[dict] = []
    costs = []
    chapters = range(args.chapters[0], args.chapters[1] + 1)
    for doc in devsets.mac(args.shared, chapters):
        chapter, cost = chapter_records(doc, tuning, args.runs)
        records += chapter
        costs.append(cost)
    if not records:
        print(f"no mac-dev chapters at {args.shared}")
        return 0
    groups = {
        g: [r for r in records if r["group"] == g] for g in ("split", "found", "other", "control")
    }
    print(
        f"measured 2-2 cost per chapter: min {min(costs):.2f}, median {np.median(costs):.2f}, "
        f"max {max(costs):.2f}"
    )
    names = [n for n in ("log_odds", "lexical", "run") if n in records[0]]
    for name in names:
        header = "    2-2      a      b  min(a,b)  x01    x10  2-2-(a+b)  cross>weaker"
        print(f"\n{name}: medians      n{header}")
        for group, rs in groups.items():
            if not rs:
                continue
            col = {k: np.array([r[name][k] for r in rs]) for k in BEADS}
            weaker = np.minimum(col["a"], col["b"])
            cross = np.maximum(col["x01"], col["x10"]) > weaker
            gain = col["b22"] - col["a"] - col["b"]
            print(
                f"  {group:8} {len(rs):11} {np.median(col['b22']):6.2f} {np.median(col['a']):6.2f} "
                f"{np.median(col['b']):6.2f} {np.median(weaker):9.2f} {np.median(col['x01']):6.2f} "
                f"{np.median(col['x10']):6.2f} {np.median(gain):10.2f} {cross.mean():13.2f}"
            )
    features = {
        f"{name} {label}": (name, f)
        for name in names
        for label, f in (
            ("2-2 - (a + b)", lambda d: d["b22"] - d["a"] - d["b"]),
            (
                "best cross - weaker straight",
                lambda d: max(d["x01"], d["x10"]) - min(d["a"], d["b"]),
            ),
            ("- weaker straight", lambda d: -min(d["a"], d["b"])),
        )
    }
    if groups["split"] and groups["control"]:
        print("\nsplit 2-2 links / controls above the controls' 95th, 98th, 99th percentile")
        for label, (name, f) in features.items():
            split = np.array([f(r[name]) for r in groups["split"]])
            control = np.array([f(r[name]) for r in groups["control"]])
            cuts = np.percentile(control, [95, 98, 99])
            print(
                f"  {label:42} "
                + "  ".join(
                    f"{int((split > t).sum()):3}/{int((control > t).sum()):3}" for t in cuts
                )
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
