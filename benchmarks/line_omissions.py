"""Omission recall / precision where every line is its own paragraph (subtitles, sentence-per-line
corpora): the setting where align/refine.py's second look runs, and where a pass that merges
one-sided lines into larger beads could swallow a real omission.

A gold link is deleted from one side (chosen at random) with ``--rate`` (fixed seeds); every kept
line is one paragraph. Scored like the omission table (devsets.OmissionCounts): a truth is a line
of a deleted link or of a one-sided gold link.

    python benchmarks/line_omissions.py --shared /work/shared --sets "mac-dev 7-15" "ntrex en-de"
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import accuracy
import devsets

from tui.engine.model import Side
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text


def line_texts(doc: devsets.Document, seed: int, rate: float):
    rng = random.Random(seed)
    src: list[str] = []
    tgt: list[str] = []
    truths: list[devsets.Truth] = []
    for s_ids, t_ids in doc.gold:
        s_lines = [doc.source[i] for i in s_ids]
        t_lines = [doc.target[j] for j in t_ids]
        size = max(devsets.words(" ".join(s_lines)), devsets.words(" ".join(t_lines)))
        one_sided_gold = not s_ids or not t_ids
        drop = not one_sided_gold and rng.random() < rate
        side = rng.choice([Side.SOURCE, Side.TARGET])
        keep_src = not (drop and side is Side.SOURCE)
        keep_tgt = not (drop and side is Side.TARGET)
        for lines, keep, out, out_side in (
            (s_lines, keep_src, src, Side.SOURCE),
            (t_lines, keep_tgt, tgt, Side.TARGET),
        ):
            if not keep:
                continue
            for line in lines:
                if drop or one_sided_gold:
                    truths.append(devsets.Truth(out_side, len(out), 0, len(line), size))
                out.append(line)
    return src, tgt, truths


def job(args):
    shared, label, seed, rate, tuning = args
    accuracy.TUNING_OVERRIDES.update(tuning)
    row = next(s for s in accuracy.OMISSION_SETS if s.label == label)
    counts = devsets.OmissionCounts()
    for doc in row.documents(shared):
        src, tgt, truths = line_texts(doc, seed, rate)
        source = article_from_text("\n".join(src), path=f"a.{doc.source_lang}.txt")
        target = article_from_text("\n".join(tgt), path=f"b.{doc.target_lang}.txt")
        assert len(source.paragraphs) == len(src)
        assert len(target.paragraphs) == len(tgt)
        result = compare(source, target, **accuracy.compare_arguments("semantic"))
        counts.add(result, truths)
    return label, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument(
        "--sets", nargs="+", default=["mac-dev 7-15", "mac-dev 16-24", "ntrex en-de", "ntrex en-zh"]
    )
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--rate", type=float, default=0.08)
    parser.add_argument("--tuning", default="{}")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    tuning = json.loads(args.tuning)
    tasks = [
        (args.shared, label, seed, args.rate, tuning)
        for label in args.sets
        for seed in range(args.seeds)
    ]
    started = time.perf_counter()
    totals: dict[str, devsets.OmissionCounts] = {}
    for label, counts in accuracy._run(job, tasks, args.jobs):
        total = totals.setdefault(label, devsets.OmissionCounts())
        for name in ("findings", "true_findings", "truths", "detected"):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
    print(
        f"line-per-sentence omissions, semantic, rate {args.rate}, {args.seeds} seed(s), "
        f"tuning {tuning}"
    )
    for label in args.sets:
        c = totals[label]
        print(
            f"{label:16} recall {c.recall:.3f} ({c.detected}/{c.truths})  "
            f"precision {c.precision:.3f} ({c.true_findings}/{c.findings})"
        )
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
