"""One source, three targets: in this process one after the other, or in a pool of 2 processes?

``tui.engine.targets.compare_targets`` with ``jobs=1`` (here) and ``jobs=2`` (a forkserver pool),
lexical at three sizes and semantic on the sample pair from an empty and from a warm embedding
cache. The targets are the sample translation (or a generated one, as in ``speed.py``) with
small perturbations. Prints seconds; asserts nothing but that both ways agree.

    python benchmarks/targets_speed.py [--sizes 76 1000 3000] [--no-semantic]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from batch_speed import _perturb  # noqa: E402
from speed import build_pair  # noqa: E402

from tui.engine.model import CompareOptions  # noqa: E402
from tui.engine.scoring.registry import semantic_available  # noqa: E402
from tui.engine.targets import compare_targets  # noqa: E402
from tui.engine.text.load import article_from_text  # noqa: E402

SHARED = ROOT.parent / "shared"


def articles(size: int):
    rng = random.Random(size)
    if size <= 76:
        source = (ROOT / "sample_articles/ultraman-musk.de.txt").read_text(encoding="utf-8")
        target = (ROOT / "sample_articles/ultraman-musk.fr.txt").read_text(encoding="utf-8")
    else:
        source, target = build_pair(size, SHARED)
    return article_from_text(source, path="s.de.txt"), [
        article_from_text(_perturb(target, rng), path=f"t{k}.fr.txt") for k in range(3)
    ]


def timed(source, targets, scorer: str, jobs: int) -> tuple[float, list[int]]:
    start = time.perf_counter()
    result = compare_targets(source, targets, options=CompareOptions(scorer=scorer), jobs=jobs)
    return time.perf_counter() - start, [len(c.findings) for c in result.comparisons]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[76, 1000, 3000])
    parser.add_argument("--no-semantic", action="store_true")
    args = parser.parse_args()
    print("   scorer  paragraphs  cache   here s  2 processes s")
    for size in args.sizes:
        source, targets = articles(size)
        here, found = timed(source, targets, "lexical", 1)
        pool, again = timed(source, targets, "lexical", 2)
        assert found == again
        print(f"  lexical  {size:>10}      -  {here:7.2f}  {pool:13.2f}")
    if semantic_available() and not args.no_semantic:
        source, targets = articles(76)
        row = {}
        for jobs in (1, 2):
            with tempfile.TemporaryDirectory() as cache:
                os.environ["TRANSDIFF_CACHE_DIR"] = cache
                row[jobs] = [timed(source, targets, "semantic", jobs)[0] for _ in range(2)]
        for n, label in enumerate(("cold", "warm")):
            print(f" semantic  {76:>10}  {label:>5}  {row[1][n]:7.2f}  {row[2][n]:13.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
