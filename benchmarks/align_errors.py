"""Where the strict alignment errors come from: bead shapes missed or wrong (prints, asserts
nothing).

    python benchmarks/align_errors.py [--set mac-dev|textberg-dev] [--scorer semantic] [--top 25]

An error region is a stretch of sentences where the gold links and the test links (the
paragraph links of ``compare``, one sentence a line as in accuracy.py's align section) first
agree on both boundaries again: the connected parts of the graph whose edges are both links'
members. Each region is named by its gold shapes and its test shapes ("gold 2-2, test 1-1+1-1":
a two-to-two link split in two one-to-one links) and costs its strict false negatives plus
false positives, the two counts strict F1 is made of. Also printed: per gold shape, how many
gold links are missed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
from accuracy import compare_arguments  # noqa: E402

from tui.engine.evaluation import score_alignments  # noqa: E402
from tui.engine.pipeline import compare  # noqa: E402
from tui.engine.text.load import article_from_text  # noqa: E402

Link = tuple[tuple[int, ...], tuple[int, ...]]


def shape(link: Link) -> str:
    return f"{len(link[0])}-{len(link[1])}"


def regions(gold: list[Link], test: list[Link]) -> list[tuple[list[Link], list[Link]]]:
    """(gold links, test links) of each stretch where the two disagree."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def first(link: Link) -> tuple[str, int]:
        return ("s", link[0][0]) if link[0] else ("t", link[1][0])

    for link in gold + test:
        nodes = [("s", i) for i in link[0]] + [("t", j) for j in link[1]]
        for node in nodes[1:]:
            parent[find(nodes[0])] = find(node)
        find(nodes[0])
    by_gold: dict[tuple[str, int], list[Link]] = defaultdict(list)
    by_test: dict[tuple[str, int], list[Link]] = defaultdict(list)
    for link in gold:
        by_gold[find(first(link))].append(link)
    for link in test:
        by_test[find(first(link))].append(link)
    out = []
    for root in by_gold.keys() | by_test.keys():
        g, t = sorted(by_gold[root]), sorted(by_test[root])
        if g != t:
            out.append((g, t))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="mac-dev", choices=("mac-dev", "textberg-dev"))
    parser.add_argument("--scorer", default="semantic")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    docs = devsets.textberg(args.shared) if args.set == "textberg-dev" else devsets.mac(args.shared)
    missed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    cost: Counter[tuple[str, str]] = Counter()
    count: Counter[tuple[str, str]] = Counter()
    pairs = []
    for doc in docs:
        source = article_from_text("\n".join(doc.source), path=f"a.{doc.source_lang}.txt")
        target = article_from_text("\n".join(doc.target), path=f"b.{doc.target_lang}.txt")
        result = compare(source, target, **compare_arguments(args.scorer))
        test = [(link.source, link.target) for link in result.links if link.source or link.target]
        gold = [(tuple(s), tuple(t)) for s, t in doc.gold if s or t]
        pairs.append((test, gold))
        test_set, gold_set = set(test), set(gold)
        for link in gold:
            if link[0] and link[1]:
                total[shape(link)] += 1
                missed[shape(link)] += link not in test_set
        for g, t in regions(gold, test):
            key = ("+".join(shape(x) for x in g), "+".join(shape(x) for x in t))
            fn = sum(1 for x in g if x[0] and x[1] and x not in test_set)
            fp = sum(1 for x in t if x not in gold_set)
            cost[key] += fn + fp
            count[key] += 1
    scores = score_alignments(pairs)
    print(f"{args.set}, {args.scorer}: strict F1 {scores.strict.f1:.3f}, lax {scores.lax.f1:.3f}")
    print(f"strict false negatives {scores.strict.fn}, false positives {scores.strict.fp}")
    print("\ngold shape   missed / gold")
    for name, n in total.most_common():
        print(f"  {name:9} {missed[name]:6} / {n}")
    print("\nfn+fp  regions  gold shapes -> test shapes")
    for key, c in cost.most_common(args.top):
        print(f"{c:5}  {count[key]:7}  {key[0]} -> {key[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
