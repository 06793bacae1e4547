"""How long a correction of the alignment takes (prints figures, asserts nothing).

    python benchmarks/corrections_speed.py            # sample pair and a generated 10k pair
    python benchmarks/corrections_speed.py --quick    # sample pair only

Engine (tui.engine.corrections, lexical scorer): the first correction prepares the sentence
scorer on the whole document (once), then each join / split / move re-aligns and re-checks
the touched links; an undo re-applies every remaining correction from the automatic result.
App: the first correction (whose preparation runs in a worker on a long article), then the
wall time of one key press (J, then ctrl+z) through Textual's Pilot, which includes
rebuilding the view model and the row layout.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_speed import SIZE, generated_pair  # noqa: E402

from tui.app import build_app  # noqa: E402
from tui.app.config import Settings  # noqa: E402
from tui.engine.corrections import Action, CorrectionError, Corrector, correction  # noqa: E402
from tui.engine.model import Article, CompareOptions, Comparison, Side  # noqa: E402
from tui.engine.pipeline import compare  # noqa: E402
from tui.engine.text.load import load_article  # noqa: E402

ROUNDS = 10
KINDS = [(Action.JOIN, None), (Action.SPLIT, None), (Action.MOVE_DOWN, Side.TARGET)]


def engine(comparison: Comparison) -> None:
    corrector = Corrector(comparison)
    started = time.perf_counter()
    _ = corrector.realigner.sentences
    prepared = time.perf_counter() - started
    print(f"  prepare the sentence scorer (first correction only): {prepared:.3f} s")
    rows = len(comparison.links)
    times = []
    for k in range(ROUNDS):
        row = (k + 1) * rows // (ROUNDS + 2)
        current = corrector.comparison
        action, side = KINDS[k % len(KINDS)]
        try:
            item = correction(current, action, row, side=side)
        except CorrectionError:  # a one-paragraph row cannot be split: join it instead
            item = correction(current, Action.JOIN, row)
        started = time.perf_counter()
        corrector.add(item)
        times.append(time.perf_counter() - started)
    undo = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        corrector.undo()
        undo.append(time.perf_counter() - started)
    print(
        f"  engine, per correction: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms ({ROUNDS} joins, splits and moves)"
    )
    print(
        f"  engine, per undo (re-applies the rest): "
        f"median {statistics.median(undo) * 1000:.0f} ms, max {max(undo) * 1000:.0f} ms"
    )


async def app(source: Article, target: Article, comparison: Comparison) -> None:
    with tempfile.TemporaryDirectory() as folder:
        built = build_app(
            source,
            target,
            comparison=comparison,
            session_path=Path(folder) / "s.json",
            settings=Settings(),
        )
        async with built.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*["space"] * 5)
            started = time.perf_counter()
            await pilot.press("J")  # the first prepares the aligner (in a worker when long)
            await built.workers.wait_for_complete()
            await pilot.pause()
            first = time.perf_counter() - started
            presses: dict[str, list[float]] = {"J": [], "ctrl+z": []}
            for key in ["J"] * 5 + ["ctrl+z"] * 5:
                started = time.perf_counter()
                await pilot.press(key)
                presses[key].append(time.perf_counter() - started)
    print(f"  app, first correction (J, the aligner prepared): {first * 1000:.0f} ms")
    for key, times in presses.items():
        print(
            f"  app, key {key}: median {statistics.median(times) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms (5 presses)"
        )


def report(name: str, source: Article, target: Article) -> None:
    print(f"\n{name}: {len(source.paragraphs)} x {len(target.paragraphs)} paragraphs")
    comparison = compare(source, target, options=CompareOptions(scorer="lexical"))
    engine(comparison)
    asyncio.run(app(source, target, comparison))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sample pair only")
    parser.add_argument("--paragraphs", type=int, default=10_000)
    args = parser.parse_args()
    os.chdir(ROOT)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    report(
        "sample pair",
        load_article("sample_articles/ultraman-musk.de.txt"),
        load_article("sample_articles/ultraman-musk.fr.txt"),
    )
    if not args.quick:
        report("generated pair", *generated_pair(args.paragraphs))


if __name__ == "__main__":
    main()
