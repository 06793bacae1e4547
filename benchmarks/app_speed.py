"""How fast the review app is, driven by Textual's Pilot (prints figures, asserts nothing).

    python benchmarks/app_speed.py            # sample pair and a generated 10k-paragraph pair
    python benchmarks/app_speed.py --quick    # sample pair only

For each pair: time to the first full screen (app start -> comparison done -> first frame), once
with the real comparison worker and once with a precomputed comparison (the UI's own share), then
the median and 90th percentile time per navigation key press (j, space, ], o, i, G/g, f, w).
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

from tui.app import build_app  # noqa: E402
from tui.app.config import Settings  # noqa: E402
from tui.engine.model import Article, CompareOptions, Comparison  # noqa: E402
from tui.engine.pipeline import compare  # noqa: E402
from tui.engine.text.load import article_from_text, load_article  # noqa: E402

SIZE = (160, 50)
KEYS = (
    ["j"] * 40
    + ["space"] * 20
    + ["right_square_bracket"] * 30
    + ["o", "i"] * 10
    + ["G", "g", "f", "f", "w", "w", "b", "b"]
)


def generated_pair(paragraphs: int) -> tuple[Article, Article]:
    """Repeat and perturb real text up to ``paragraphs`` per side; every 97th target paragraph
    is dropped and every 89th gets an extra sentence, so there are findings to jump to."""
    dev = ROOT.parent / "shared" / "eval" / "textberg-dev"
    if (dev / "de.txt").exists():
        src_lines = (dev / "de.txt").read_text(encoding="utf-8").splitlines()
        tgt_lines = (dev / "fr.txt").read_text(encoding="utf-8").splitlines()
    else:
        src_lines = (ROOT / "sample_articles/ultraman-musk.de.txt").read_text("utf-8").splitlines()
        tgt_lines = (ROOT / "sample_articles/ultraman-musk.fr.txt").read_text("utf-8").splitlines()
    src_lines = [line.strip() for line in src_lines if line.strip()]
    tgt_lines = [line.strip() for line in tgt_lines if line.strip()]
    # Group consecutive lines into paragraphs of a few sentences, like real prose.
    src, tgt = [], []
    n = 0
    while len(src) < paragraphs:
        i = n % max(len(src_lines) - 3, 1)
        j = int(i * len(tgt_lines) / len(src_lines))
        src.append(f"{' '.join(src_lines[i : i + 3])} ({n})")
        text = f"{' '.join(tgt_lines[j : j + 3])} ({n})"
        if n % 89 == 5:
            text += " Une phrase de plus, ajoutée seulement ici."
        if n % 97 != 3:
            tgt.append(text)
        n += 1
    return (
        article_from_text("\n".join(src), path="generated.de.txt", language="de"),
        article_from_text("\n".join(tgt), path="generated.fr.txt", language="fr"),
    )


async def first_screen(
    source: Article, target: Article, comparison: Comparison | None, keys: list[str]
) -> tuple[float, list[float], list[float]]:
    """Seconds to the first full screen, then wall and CPU seconds per key press."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        app = build_app(
            source,
            target,
            comparison=comparison,
            session_path=Path(folder) / "s.json",
            settings=Settings(),
        )
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen_stack[0]
            while getattr(screen, "model", None) is None:
                await asyncio.sleep(0.005)
            await pilot.pause()
            lines = screen.view.screen_lines()
            opened = time.perf_counter() - started
            assert any(line.strip() for line in lines)
            times = []
            cpu = []
            for key in keys:
                t0, c0 = time.perf_counter(), time.process_time()
                await pilot.press(key)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
    return opened, times, cpu


def report(name: str, source: Article, target: Article, keys: list[str]) -> None:
    print(f"\n{name}: {len(source.paragraphs)} x {len(target.paragraphs)} paragraphs")
    t0 = time.perf_counter()
    # the lexical pass: what the app shows first (a semantic pass follows in the background)
    comparison = compare(source, target, options=CompareOptions(scorer="lexical"))
    engine = time.perf_counter() - t0
    print(
        f"  engine compare(), lexical:              {engine:8.3f} s "
        f"({len(comparison.findings)} findings)"
    )
    opened, _, _ = asyncio.run(first_screen(source, target, None, []))
    print(f"  first full screen, comparison in worker: {opened:8.3f} s")
    opened, times, cpu = asyncio.run(first_screen(source, target, comparison, keys + ["z"] * 20))
    print(f"  first full screen, precomputed (UI):     {opened:8.3f} s")
    ms = sorted(t * 1000 for t in times[: len(keys)])
    idle = statistics.median(t * 1000 for t in times[len(keys) :])
    print(
        f"  key press ({len(ms)} presses): median {statistics.median(ms):.1f} ms, "
        f"p90 {ms[int(0.9 * (len(ms) - 1))]:.1f} ms, max {ms[-1]:.1f} ms"
    )
    print(f"  Pilot's own cost (an unbound key):       median {idle:.1f} ms")
    cpu_ms = statistics.median(cpu[: len(keys)]) * 1000
    print(f"  CPU time per key press (app + Pilot):    median {cpu_ms:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sample pair only")
    parser.add_argument("--paragraphs", type=int, default=10_000)
    args = parser.parse_args()
    os.chdir(ROOT)
    print(f"terminal {SIZE[0]}x{SIZE[1]}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    report(
        "sample pair",
        load_article("sample_articles/ultraman-musk.de.txt"),
        load_article("sample_articles/ultraman-musk.fr.txt"),
        KEYS,
    )
    if not args.quick:
        source, target = generated_pair(args.paragraphs)
        report("generated pair", source, target, KEYS)


if __name__ == "__main__":
    main()
