"""Peak memory and CPU of the lopsided DP (align/dp.py) with a toy scorer (prints, asserts nothing).

    python benchmarks/lopsided_dp.py                          # 3,000 against 60,000 segments
    python benchmarks/lopsided_dp.py --short 10000 --long 200000 --where start

The short side is a run of the long side's segments (its start, its end or its middle,
``--where``); a segment translates the long side's equal segment only. With the long side as
the source the DP runs transposed (``_flipped_if_cheaper``), with it as the target it runs
untransposed; either way the band is ragged: a few cells a row, and one row as wide as the
rest of the long side. Each case runs in a fresh process: ``base MiB`` is its max RSS before
``align`` (the interpreter, numpy, the scorer's arrays), ``peak MiB`` after it; ``cpu s`` is
``align``'s alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class RunScorer:
    """Segments are numbers; a 1-1 bead of equal numbers translates, anything else does not."""

    def __init__(self, source, target) -> None:
        self.source, self.target = source, target

    def score(self, a0, a1, b0, b1):
        import numpy as np

        one = (a1 - a0 == 1) & (b1 - b0 == 1)
        same = (
            self.source[np.minimum(a0, len(self.source) - 1)]
            == self.target[np.minimum(b0, len(self.target) - 1)]
        )
        return np.where(one & same, 6.0, -20.0)

    def anchor_pairs(self):
        where = {int(v): j for j, v in enumerate(self.target)}
        return [(i, where[int(v)]) for i, v in enumerate(self.source) if int(v) in where]

    def focus(self, first, last) -> None:
        pass


def one_case(short: int, long: int, where: str, long_side: str) -> dict:
    import numpy as np

    from tui.engine.align.dp import align

    long_ids = np.arange(long)
    start = {"start": 0, "end": long - short, "middle": (long - short) // 2}[where]
    short_ids = long_ids[start : start + short].copy()
    source, target = (long_ids, short_ids) if long_side == "source" else (short_ids, long_ids)
    scorer = RunScorer(source, target)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu = time.process_time()
    beads = align(len(source), len(target), scorer)
    cpu = time.process_time() - cpu
    pairs = sum(1 for b in beads if b.source and b.target)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"base_mib": base, "peak_mib": peak, "cpu_s": cpu, "pairs": pairs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", type=int, default=3000)
    parser.add_argument("--long", type=int, default=60000)
    parser.add_argument(
        "--where", nargs="+", default=["start", "end"], choices=["start", "end", "middle"]
    )
    parser.add_argument(
        "--long-side", nargs="+", default=["source", "target"], choices=["source", "target"]
    )
    parser.add_argument("--case", help=argparse.SUPPRESS)  # one case, in this process
    args = parser.parse_args()
    if args.case:
        print(json.dumps(one_case(args.short, args.long, *args.case.split(","))))
        return
    print(f"{args.short} segments inside {args.long}")
    heads = ("short side is", "long side", "base MiB", "peak MiB", "cpu s", "pairs")
    print(" ".join(f"{h:>{w}}" for h, w in zip(heads, (16, 10, 9, 9, 7, 6), strict=True)))
    for where in args.where:
        for side in args.long_side:
            command = [
                sys.executable,
                __file__,
                "--short",
                str(args.short),
                "--long",
                str(args.long),
            ]
            done = subprocess.run(
                [*command, "--case", f"{where},{side}"], capture_output=True, text=True, check=True
            )
            f = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{'its ' + where:>16} {side:>10} {f['base_mib']:9.0f} {f['peak_mib']:9.0f} "
                f"{f['cpu_s']:7.2f} {f['pairs']:6d}"
            )


if __name__ == "__main__":
    main()
