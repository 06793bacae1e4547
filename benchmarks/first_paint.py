"""How long a user waits for the app's window, from the command to its first screen (prints
figures, asserts nothing).

    python benchmarks/first_paint.py                     # the sample pair, 5 runs
    python benchmarks/first_paint.py --runs 9 --scorer semantic
    python benchmarks/first_paint.py --python /other/venv/bin/python --checkout /other/main

``app_speed.py`` times the app from its own start; this runs ``python -m tui SOURCE TARGET`` as
a user does, in a pseudo-terminal of 80x24, and reads what it draws: the interpreter's start,
the imports, loading both articles (language detection included) and Textual's start are all
inside. Per run: seconds to the first byte on the terminal, to the first text of the window
(the header names the source file) and to the first aligned row (the status line's "row ").
Medians over the runs, with the smallest and largest; the machine's load average is printed
because a shared machine's figures move with it.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_articles"
_ESCAPE = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def one_run(
    python: str, checkout: Path, source: Path, target: Path, scorer: str, timeout: float
) -> dict[str, float]:
    """Seconds from the fork to each mark this run reached."""
    command = [python, "-m", "tui", str(source), str(target), "--scorer", scorer]
    started = time.perf_counter()
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the command, in the checkout, as if typed there
        os.chdir(checkout)
        os.environ["TERM"] = "xterm-256color"
        os.environ["PYTHONPATH"] = str(checkout)
        os.execv(python, command)
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    marks: dict[str, float] = {}
    shown = b""
    wanted = {"window": source.name[:12].encode(), "first row": b"row "}
    try:
        while time.perf_counter() - started < timeout and len(marks) < 1 + len(wanted):
            ready, _, _ = select.select([terminal], [], [], 0.02)
            if not ready:
                continue
            try:
                data = os.read(terminal, 1 << 16)
            except OSError:  # the child ended
                break
            now = time.perf_counter() - started
            marks.setdefault("first byte", now)
            shown += data
            text = _ESCAPE.sub(b"", shown)
            for name, needle in wanted.items():
                if name not in marks and needle in text:
                    marks[name] = now
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(terminal)
    return marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scorer", default="lexical")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--checkout", type=Path, default=ROOT)
    parser.add_argument("--source", type=Path, default=SAMPLE / "ultraman-musk.de.txt")
    parser.add_argument("--target", type=Path, default=SAMPLE / "ultraman-musk.fr.txt")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)

    runs = [
        one_run(
            args.python,
            args.checkout.resolve(),
            args.source.resolve(),
            args.target.resolve(),
            args.scorer,
            args.timeout,
        )
        for _ in range(args.runs)
    ]
    print(f"{args.source.name} / {args.target.name}, --scorer {args.scorer}, {args.runs} runs")
    print(f"checkout {args.checkout}, load average {os.getloadavg()[0]:.1f}")
    for name in ("first byte", "window", "first row"):
        seconds = [run[name] for run in runs if name in run]
        if not seconds:
            print(f"  {name:<11} not reached in {args.timeout:.0f} s")
            continue
        print(
            f"  {name:<11} median {statistics.median(seconds):5.2f} s"
            f"  (min {min(seconds):.2f}, max {max(seconds):.2f}, {len(seconds)} runs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
