"""Byte identity of the command line's JSON report between this checkout and another one.

    python benchmarks/same_output.py --against /tmp/main-copy          # a copy of main's files
    python benchmarks/same_output.py --against /tmp/main-copy --sizes 1000 --scorer lexical

A speed change must not change results: each pair below goes through
``python -m tui SOURCE TARGET --format json -o FILE`` once with this checkout's ``tui`` and
once with the other's (put first on ``PYTHONPATH``), and the two files are compared byte for
byte. Prints one line per pair and scorer (``same`` or ``DIFFERENT`` with the first differing
offset) and exits 1 when any differs. Get a copy of a branch with
``git archive main | tar -x -C /tmp/main-copy``.

Pairs: the sample pair (sample_articles/), the messy pairs of speed.py at ``--sizes``
(deletions on both sides), textberg-dev's whole article, two mac-dev articles (en-zh) and
one ntrex-dev article (en-de), the last three from ../shared/eval when present.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402  (the messy pairs, built as its table builds them)


def pairs(shared: Path, sizes: list[int], folder: Path) -> Iterator[tuple[str, Path, Path]]:
    """(name, source, target) of every pair to check, written to ``folder`` when generated."""
    sample = ROOT / "sample_articles" / "ultraman-musk"
    yield "sample", Path(f"{sample}.de.txt"), Path(f"{sample}.fr.txt")
    for size in sizes:
        source, target = folder / f"messy{size}.de.txt", folder / f"messy{size}.fr.txt"
        texts = speed.messy_pair(size, shared)
        source.write_text(texts[0], encoding="utf-8")
        target.write_text(texts[1], encoding="utf-8")
        yield f"messy {size}", source, target
    eval_dir = shared / "eval"
    dev = [
        ("textberg-dev", eval_dir / "textberg-dev/de.txt", eval_dir / "textberg-dev/fr.txt"),
        ("mac-dev 007", eval_dir / "mac-dev/007.en", eval_dir / "mac-dev/007.zh"),
        ("mac-dev 016", eval_dir / "mac-dev/016.en", eval_dir / "mac-dev/016.zh"),
        ("ntrex-dev 000 en-de", eval_dir / "ntrex-dev/000.en", eval_dir / "ntrex-dev/000.de"),
    ]
    yield from ((name, s, t) for name, s, t in dev if s.is_file() and t.is_file())


def report(checkout: Path, source: Path, target: Path, scorer: str, out: Path) -> bytes:
    """The JSON report of ``checkout``'s command line on the pair."""
    out.unlink(missing_ok=True)  # a failed run must not leave the last run's report
    env = dict(os.environ, PYTHONPATH=str(checkout))
    argv = [sys.executable, "-m", "tui", str(source), str(target), "--format", "json"]
    argv += ["--scorer", scorer, "-o", str(out), "--session", str(out.with_suffix(".session"))]
    done = subprocess.run(argv, env=env, capture_output=True, cwd=out.parent, check=False)
    if done.returncode not in (0, 1):  # 1: findings
        raise RuntimeError(f"{checkout}: exit {done.returncode}: {done.stderr.decode()[-2000:]}")
    return out.read_bytes()


def first_difference(a: bytes, b: bytes) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout's root")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--scorer", nargs="+", default=["lexical"])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    args.against = args.against.resolve()  # the runs start in a scratch folder
    if not (args.against / "tui").is_dir():
        parser.error(f"{args.against} holds no tui package")
    differing = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, source, target in pairs(args.shared, args.sizes, folder):
            for scorer in args.scorer:
                ours = report(ROOT, source, target, scorer, folder / "ours.json")
                theirs = report(args.against, source, target, scorer, folder / "theirs.json")
                if ours == theirs:
                    print(f"{name:24} {scorer:9} same ({len(ours)} bytes)")
                    continue
                differing += 1
                at = first_difference(ours, theirs)
                print(
                    f"{name:24} {scorer:9} DIFFERENT from byte {at}: {len(ours)} vs {len(theirs)}"
                )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
