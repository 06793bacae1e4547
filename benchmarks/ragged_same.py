"""Random lopsided tables through this checkout's ``align`` and another checkout's, bead for
bead; exit status 1 if any table differs. The other checkout is the one before a change to
the DP (a worktree of the earlier commit: ``git worktree add /tmp/before HEAD~1``):

    python benchmarks/ragged_same.py --against /tmp/before --trials 60 --seed 0

A third of the tables are runs of a long side (300-2,500 segments) found in a short one,
a third a short side that is the start or end of the long one, a third an ordinary table
with a run of 100-400 segments in one version only; 5% of the short side's segments are
junk. Scores: 6 for a 1-1 bead of equal segments, else -8, plus noise of 0, 0.5 or 3 times
a hashed step (many ties); band half widths 5, 10 or 40; each table both ways round. Each
table's beads and score reprs are compared; ``ragged DPs`` counts this checkout's
``_run_ragged_dp`` calls (the path the tables are meant to take).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class NoisyScorer:
    def __init__(self, source: np.ndarray, target: np.ndarray, seed: int, noise: float) -> None:
        self.source, self.target, self.seed, self.noise = source, target, seed, noise

    def score(self, a0, a1, b0, b1) -> np.ndarray:
        a0, a1, b0, b1 = (np.asarray(x, dtype=np.int64) for x in (a0, a1, b0, b1))
        one = (a1 - a0 == 1) & (b1 - b0 == 1)
        at_a = np.minimum(a0, len(self.source) - 1)
        at_b = np.minimum(b0, len(self.target) - 1)
        same = self.source[at_a] == self.target[at_b]
        step = (a0 * 7919 + a1 * 104729 + b0 * 1299709 + b1 * 15485863 + self.seed) % 1000
        return np.where(one & same, 6.0, -8.0) + self.noise * (step // 100 - 5)

    def anchor_pairs(self) -> list[tuple[int, int]]:
        where: dict[int, int] = {}
        for j, v in enumerate(self.target.tolist()):
            where.setdefault(v, j)
        return [(i, where[v]) for i, v in enumerate(self.source.tolist()) if v in where and v >= 0]

    def focus(self, first, last) -> None:
        pass


def table(rng: np.random.Generator, kind: int) -> tuple[np.ndarray, np.ndarray]:
    """(long side, short side)."""
    long = np.arange(int(rng.integers(300, 2500)))
    if kind == 0:
        size = int(rng.integers(5, 120))
        starts = rng.choice(
            np.arange(len(long) - size), size=int(rng.integers(1, 4)), replace=False
        )
        short = np.concatenate([long[s : s + size // len(starts)] for s in sorted(starts)])
    elif kind == 1:
        size = int(rng.integers(5, 200))
        short = long[:size] if rng.random() < 0.5 else long[-size:]
    else:
        short = long[rng.random(len(long)) > 0.1]
        at = int(rng.integers(0, len(short)))
        only = -1 - np.arange(int(rng.integers(100, 400)))
        short = np.concatenate([short[:at], only, short[at:]])
    short = short.copy()
    junk = rng.random(len(short)) < 0.05
    short[junk] = -5000 - np.arange(int(junk.sum()))
    return long, short


def beads(dp, s: np.ndarray, t: np.ndarray, scorer: NoisyScorer, half: int) -> list | str:
    try:
        out = dp.align(len(s), len(t), scorer, params=dp.AlignParams(half_width=half))
    except RuntimeError as error:
        return str(error)
    return [(b.source, b.target, repr(b.score)) for b in out]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout's root")
    parser.add_argument("--trials", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.against.resolve() == ROOT:
        parser.error("--against is this checkout: give a checkout of the code before the change")
    import tui.engine.align.dp as here

    path = args.against / "tui/engine/align/dp.py"
    spec = importlib.util.spec_from_file_location("other_dp", path)
    other = importlib.util.module_from_spec(spec)
    sys.modules["other_dp"] = other
    spec.loader.exec_module(other)
    ragged = 0
    run_ragged = here._run_ragged_dp

    def counting(*a, **k):
        nonlocal ragged
        ragged += 1
        return run_ragged(*a, **k)

    here._run_ragged_dp = counting
    rng = np.random.default_rng(args.seed)
    same = differ = 0
    for trial in range(args.trials):
        long, short = table(rng, trial % 3)
        noise = float(rng.choice([0.0, 0.5, 3.0]))
        half = int(rng.choice([5, 10, 40]))
        for s, t in ((long, short), (short, long)):
            scorer = NoisyScorer(s, t, trial, noise)
            if beads(here, s, t, scorer, half) == beads(other, s, t, scorer, half):
                same += 1
            else:
                differ += 1
                print(f"differ: trial {trial}, {len(s)} x {len(t)}, noise {noise}, half {half}")
    print(f"same {same}, differ {differ}, ragged DPs {ragged}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
