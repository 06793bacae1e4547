"""How fast the review app is, driven by Textual's Pilot (prints figures, asserts nothing).

    python benchmarks/app_speed.py            # sample pair and a generated 10k-paragraph pair
    python benchmarks/app_speed.py --quick    # sample pair only
    python benchmarks/app_speed.py --pairs generated --json   # figures as JSON (speed.py)

For each pair: time to the first full screen (app start -> comparison done -> first frame), once
with the real comparison worker and once with a precomputed comparison (the UI's own share), then
the median and 90th percentile time per navigation key press (j, space, ], o, i, G/g, f, w),
two ways:
- key to last frame: from the key event sent to the last frame the app composed for it (the
  compositor's update; headless, nothing is written to a terminal). What a user waits for.
- Pilot's press: ``pilot.press`` returns only after Textual's ``wait_for_idle`` has slept
  20 ms windows until one passes with under 1 ms of CPU, twice: 40 ms for a key that does
  nothing, 60 ms or more for any key that does 1 ms of work. Its median is given too, with
  an unbound key's as the floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
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


def generated_pair(paragraphs: int, shared: Path) -> tuple[Article, Article]:
    """Repeat and perturb real text up to ``paragraphs`` per side; every 97th target paragraph
    is dropped and every 89th gets an extra sentence, so there are findings to jump to."""
    dev = shared / "eval" / "textberg-dev"
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
) -> tuple[float, list[float], list[float], list[float | None]]:
    """Seconds to the first full screen, then per key press: wall and CPU seconds of Pilot's
    press, and seconds from the key sent to the last frame the app composed for it (None
    when it composed none)."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        app = build_app(
            source,
            target,
            comparison=comparison,
            session_path=Path(folder) / "s.json",
            settings=Settings(),
        )
        frames: list[float] = []  # when the app composed each frame (headless: not written)
        display = app._display

        def composed(screen: object, renderable: object) -> None:
            if renderable is not None:
                frames.append(time.perf_counter())
            display(screen, renderable)

        app._display = composed  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen_stack[0]
            while getattr(screen, "model", None) is None:
                await asyncio.sleep(0.005)
            await pilot.pause()
            lines = screen.view.screen_lines()
            opened = time.perf_counter() - started
            assert any(line.strip() for line in lines)
            times: list[float] = []
            cpu: list[float] = []
            latency: list[float | None] = []
            for key in keys:
                frames.clear()
                t0, c0 = time.perf_counter(), time.process_time()
                await pilot.press(key)  # returns once the app has been idle for 20 ms
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                latency.append(frames[-1] - t0 if frames else None)
    return opened, times, cpu, latency


def measure(source: Article, target: Article, keys: list[str]) -> dict:
    """The figures of one pair: engine time, first full screens, key presses (seconds, ms)."""
    t0 = time.perf_counter()
    # the lexical pass: what the app shows first (a semantic pass follows in the background)
    comparison = compare(source, target, options=CompareOptions(scorer="lexical"))
    engine = time.perf_counter() - t0
    worker_opened, _, _, _ = asyncio.run(first_screen(source, target, None, []))
    opened, times, cpu, latency = asyncio.run(
        first_screen(source, target, comparison, keys + ["z"] * 20)
    )
    ms = sorted(t * 1000 for t in times[: len(keys)])
    frame_ms = sorted(t * 1000 for t in latency[: len(keys)] if t is not None)
    return {
        "paragraphs": [len(source.paragraphs), len(target.paragraphs)],
        "findings": len(comparison.findings),
        "engine_s": engine,
        "first_screen_s": worker_opened,
        "first_screen_ui_s": opened,
        "presses": len(ms),
        "key_median_ms": statistics.median(ms),
        "key_p90_ms": ms[int(0.9 * (len(ms) - 1))],
        "key_max_ms": ms[-1],
        "frame_median_ms": statistics.median(frame_ms),
        "frame_p90_ms": frame_ms[int(0.9 * (len(frame_ms) - 1))],
        "frame_max_ms": frame_ms[-1],
        "frames": len(frame_ms),
        "idle_frames": sum(t is not None for t in latency[len(keys) :]),
        "idle_key_ms": statistics.median(t * 1000 for t in times[len(keys) :]),
        "key_cpu_ms": statistics.median(cpu[: len(keys)]) * 1000,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def report(name: str, figures: dict) -> None:
    source_paragraphs, target_paragraphs = figures["paragraphs"]
    print(f"\n{name}: {source_paragraphs} x {target_paragraphs} paragraphs")
    print(
        f"  engine compare(), lexical:              {figures['engine_s']:8.3f} s "
        f"({figures['findings']} findings)"
    )
    print(f"  first full screen, comparison in worker: {figures['first_screen_s']:8.3f} s")
    print(f"  first full screen, precomputed (UI):     {figures['first_screen_ui_s']:8.3f} s")
    print(
        f"  key press ({figures['presses']} presses): median {figures['key_median_ms']:.1f} ms, "
        f"p90 {figures['key_p90_ms']:.1f} ms, max {figures['key_max_ms']:.1f} ms"
    )
    print(
        f"  key to last frame ({figures['frames']} presses drew): median "
        f"{figures['frame_median_ms']:.1f} ms, p90 {figures['frame_p90_ms']:.1f} ms, "
        f"max {figures['frame_max_ms']:.1f} ms"
    )
    print(
        f"  Pilot's own cost (an unbound key):       median {figures['idle_key_ms']:.1f} ms "
        f"({figures['idle_frames']} of 20 drew a frame)"
    )
    print(f"  CPU time per key press (app + Pilot):    median {figures['key_cpu_ms']:.1f} ms")


def pair(name: str, paragraphs: int, shared: Path) -> tuple[Article, Article]:
    if name == "sample":
        return (
            load_article(str(ROOT / "sample_articles/ultraman-musk.de.txt")),
            load_article(str(ROOT / "sample_articles/ultraman-musk.fr.txt")),
        )
    return generated_pair(paragraphs, shared)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sample pair only")
    parser.add_argument("--paragraphs", type=int, default=10_000)
    parser.add_argument(
        "--pairs", nargs="+", choices=("sample", "generated"), default=["sample", "generated"]
    )
    parser.add_argument(
        "--json", action="store_true", help="one JSON object of figures per pair (speed.py)"
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    os.chdir(ROOT)
    names = ["sample"] if args.quick else args.pairs
    if not args.json:
        python = sys.version.split()[0]
        print(f"terminal {SIZE[0]}x{SIZE[1]}, Python {python}, {os.cpu_count()} CPUs")
    for name in names:
        figures = measure(*pair(name, args.paragraphs, args.shared), KEYS)
        if args.json:
            print(json.dumps({"pair": name, **figures}), flush=True)
        else:
            report("sample pair" if name == "sample" else "generated pair", figures)


if __name__ == "__main__":
    main()
