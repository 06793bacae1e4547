"""Time of the number check's reading of paragraphs: numbers, decades, units (prints, asserts
nothing).

    python benchmarks/number_speed.py [--shared PATH] [--size 10000] [--repeats 3]

Reads every paragraph of benchmarks/speed.py's messy pair (textberg-dev's lines with
deletions and noise, ``--size`` paragraphs a side: OCR'd mountaineering prose, dozens of
numbers a paragraph) as detect/numerals.py does before it matches anything across, and
prints the best of ``--repeats`` runs. To compare with another checkout, run this file
there with that checkout first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import speed  # noqa: E402

import tui.engine.detect.numerals as numerals  # noqa: E402
from tui.engine.text.load import article_from_text  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not (args.shared / "eval/textberg-dev").exists():
        print(f"no textberg-dev under {args.shared}: nothing measured")
        return 0
    source, target = speed.messy_pair(args.size, args.shared)
    articles = [
        article_from_text(source, path="a.de.txt"),
        article_from_text(target, path="b.fr.txt"),
    ]
    paragraphs = sum(len(article.paragraphs) for article in articles)
    best = float("inf")
    for _ in range(args.repeats):
        started = time.perf_counter()
        for article in articles:
            for k, paragraph in enumerate(article.paragraphs):
                numerals._paragraph_numbers(k, paragraph, article.language)
        best = min(best, time.perf_counter() - started)
    print(
        f"{paragraphs} paragraphs of the messy {args.size} pair: numbers read in {best:.2f} s "
        f"(best of {args.repeats}; {1e6 * best / paragraphs:.0f} µs a paragraph)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
