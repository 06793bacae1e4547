"""Speed and memory of a whole comparison on large generated article pairs (prints figures).

    python benchmarks/speed.py [--sizes 1000 10000 50000] [--scorer lexical semantic]
    python benchmarks/speed.py --sizes --batch-pairs 0      # the lopsided row alone

The semantic scorer runs cold (empty temporary cache) then warm, up to --semantic-max
paragraphs; embedding throughput and the sample pair's cold/warm times are in
benchmarks/embedding_speed.py.

Each pair is built from the dev set in ../shared/eval (or from the sample pair when that is
absent): gold links are taken in order, over and over, one paragraph per link, with numbers
varied per copy so that the copies are not identical. Every size runs in a fresh process,
so peak memory (max RSS) is that comparison's own. The growth exponent between two sizes is
log(t2 / t1) / log(n2 / n1): 1.0 means linear.

The lopsided row compares the --lopsided-paragraph source article with a one-line file (its
target's first paragraph), the ordinary mistake of giving the wrong file: nearly everything
is one-sided. It runs the command line once per output format (load, compare, write the
report), wall seconds and CPU seconds each (they differ when the machine is shared).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def units(shared: Path) -> list[tuple[str, str]]:
    """(source text, target text) of each gold link; one-sided links give an empty side."""
    folder = shared / "eval/textberg-dev"
    if folder.is_dir():
        de = (folder / "de.txt").read_text(encoding="utf-8").split("\n")
        fr = (folder / "fr.txt").read_text(encoding="utf-8").split("\n")
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        return [
            (" ".join(de[i].strip() for i in s), " ".join(fr[j].strip() for j in t))
            for s, t in gold
        ]
    de = [x for x in (ROOT / "sample_articles/ultraman-musk.de.txt").read_text().splitlines() if x]
    fr = [x for x in (ROOT / "sample_articles/ultraman-musk.fr.txt").read_text().splitlines() if x]
    return [("", t) for t in fr[:2]] + list(zip(de, fr[2:], strict=False))


def build_pair(n: int, shared: Path) -> tuple[str, str]:
    pieces = units(shared)
    src, tgt = [], []
    copy = 0
    while len(src) < n:
        for s, t in pieces:
            tag = f" ({copy})" if copy else ""  # keeps copies distinct, as real text is
            if s:
                src.append(s + tag)
            if t:
                tgt.append(t + tag)
            if len(src) >= n:
                break
        copy += 1
    return "\n\n".join(src), "\n\n".join(tgt)


def run_one(n: int, scorer: str, shared: Path) -> dict:
    from tui.engine.model import CompareOptions
    from tui.engine.pipeline import compare
    from tui.engine.text.load import article_from_text

    source_text, target_text = build_pair(n, shared)
    started = time.perf_counter()
    source = article_from_text(source_text, path="a.txt")
    target = article_from_text(target_text, path="b.txt")
    loaded = time.perf_counter()
    result = compare(source, target, options=CompareOptions(scorer=scorer))
    done = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "paragraphs": [len(source.paragraphs), len(target.paragraphs)],
        "load_s": loaded - started,
        "compare_s": done - loaded,
        "total_s": done - started,
        "peak_mib": peak_kib / 1024,
        "findings": len(result.findings),
        "scorer": result.scorer,
    }


def run_size(n: int, scorer: str, shared: Path, cache: str | None) -> dict:
    """One comparison in a fresh process (its own peak memory), optionally with a cache dir."""
    env = dict(os.environ)
    if cache is not None:
        env["TRANSDIFF_CACHE_DIR"] = cache
    command = [sys.executable, __file__, "--one", str(n), "--scorer", scorer]
    out = subprocess.run(
        [*command, "--shared", str(shared)], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def lopsided(n: int, shared: Path) -> list[tuple[str, float, float, int]]:
    """(format, wall s, CPU s, exit status) of ``transdiff`` on an n-paragraph article
    against a one-line file, --scorer lexical, once per output format."""
    from tui.engine.export import FORMATS

    source_text, target_text = build_pair(n, shared)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "article.txt", Path(tmp) / "one-line.txt"
        source.write_text(source_text, encoding="utf-8")
        target.write_text(target_text.split("\n\n")[0] + "\n", encoding="utf-8")
        for fmt in sorted(FORMATS):
            command = [sys.executable, "-m", "tui", str(source), str(target), "--format", fmt]
            command += ["--scorer", "lexical", "-o", str(Path(tmp) / f"report.{fmt}")]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, cwd=ROOT, check=False)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            rows.append((fmt, wall, cpu, done.returncode))
    return rows


def main() -> int:
    from tui.engine.scoring.registry import available_scorers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument(
        "--scorer",
        nargs="+",
        default=[name for name in ("lexical", "semantic") if name in available_scorers()],
    )
    parser.add_argument(
        "--semantic-max",
        type=int,
        default=1000,
        help="largest size run with the semantic scorer (a cold run embeds ~30 sentences/s)",
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--batch-pairs", type=int, default=200, help="0 skips the batch figure")
    parser.add_argument(
        "--lopsided", type=int, default=10000, help="paragraphs against one line; 0 skips it"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.scorer[0], args.shared)))
        return 0
    if args.sizes:
        print("whole comparison (load, segment, align, findings), each run in a fresh process")
        print(
            f"{'scorer':>9} {'paragraphs':>11} {'cache':>6} {'load s':>7} {'compare s':>10} "
            f"{'total s':>8} {'peak MiB':>9}"
        )
    for scorer in args.scorer if args.sizes else ():
        rows = []
        with tempfile.TemporaryDirectory() as cache:
            for n in args.sizes:
                if scorer == "semantic" and n > args.semantic_max:
                    print(f"{scorer:>9} {n:>11}  skipped (--semantic-max {args.semantic_max})")
                    continue
                runs = [("-", None)] if scorer != "semantic" else [("cold", cache), ("warm", cache)]
                for label, cache_dir in runs:
                    row = run_size(n, scorer, args.shared, cache_dir)
                    if label != "warm":
                        rows.append((n, row))
                    print(
                        f"{scorer:>9} {n:>11} {label:>6} {row['load_s']:>7.2f} "
                        f"{row['compare_s']:>10.2f} {row['total_s']:>8.2f} {row['peak_mib']:>9.0f}",
                        flush=True,
                    )
        for (n1, r1), (n2, r2) in itertools.pairwise(rows):
            ratio = r2["total_s"] / r1["total_s"]
            exponent = math.log(ratio) / math.log(n2 / n1)
            print(f"{scorer}: {n1} -> {n2}: time x{ratio:.2f}, growth exponent {exponent:.2f}")
    if args.lopsided:
        print(f"lopsided: {args.lopsided} paragraphs against a one-line file (command line)")
        print(f"{'format':>9} {'wall s':>7} {'cpu s':>6} {'exit':>5}")
        for fmt, wall, cpu, status in lopsided(args.lopsided, args.shared):
            print(f"{fmt:>9} {wall:>7.2f} {cpu:>6.2f} {status:>5}", flush=True)
    if args.batch_pairs:
        from batch_speed import measure, report

        for line in report(measure(args.batch_pairs), args.batch_pairs):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
