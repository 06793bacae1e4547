"""Batch throughput: pairs per second over 200 sample-sized pairs, with 1 and 2 local worker
processes, and on a Dask cluster of two worker processes (``--scheduler``; skipped without the
``dask`` extra).

The pairs are copies of ``sample_articles`` with small perturbations (a dropped paragraph, a
changed number, a duplicated sentence) written to a temporary folder. The cluster is a
``distributed.LocalCluster`` on this machine (two worker processes of one thread each, as
``dask worker --nworkers 2 --nthreads 1`` starts them); its start is timed apart, and the run
is checked to print exactly what the local batch printed. ``benchmarks/speed.py`` imports
``measure`` and ``report``; run this file alone with ``python benchmarks/batch_speed.py [COUNT]``.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.batch import run_batch  # noqa: E402
from tui.engine.model import CompareOptions  # noqa: E402

SAMPLES = ROOT / "sample_articles"


def _perturb(text: str, rng: random.Random) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    choice = rng.randrange(3)
    index = rng.randrange(len(paragraphs))
    if choice == 0 and len(paragraphs) > 1:
        del paragraphs[index]
    elif choice == 1:
        paragraphs[index] = re.sub(
            r"\d", lambda m: str((int(m.group()) + 1) % 10), paragraphs[index], count=1
        )
    else:
        paragraphs.insert(index, paragraphs[index])
    return "\n\n".join(paragraphs) + "\n"


def make_pairs(folder: Path, count: int = 200, seed: int = 7) -> tuple[Path, Path]:
    """Write ``count`` perturbed copies of the sample pair into ``folder``/de and ``folder``/fr."""
    rng = random.Random(seed)
    source = (SAMPLES / "ultraman-musk.de.txt").read_text(encoding="utf-8")
    target = (SAMPLES / "ultraman-musk.fr.txt").read_text(encoding="utf-8")
    a, b = folder / "de", folder / "fr"
    a.mkdir(parents=True, exist_ok=True)
    b.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (a / f"article{i:03}.de.txt").write_text(source, encoding="utf-8")
        (b / f"article{i:03}.fr.txt").write_text(_perturb(target, rng), encoding="utf-8")
    return a, b


def measure(
    count: int = 200, workers: tuple[int, ...] = (1, 2), options: CompareOptions | None = None
) -> dict[int, float]:
    """Pairs per second for each worker count (output discarded, exit status checked)."""
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        a, b = make_pairs(Path(tmp), count)
        for jobs in workers:
            out, err = io.StringIO(), io.StringIO()
            start = time.perf_counter()
            status = run_batch([a, b], jobs=jobs, out=out, err=err, options=options)
            elapsed = time.perf_counter() - start
            if status == 2:
                raise RuntimeError(f"batch failed: {err.getvalue() or out.getvalue()}")
            figures[jobs] = count / elapsed
    return figures


def measure_cluster(
    count: int = 200, workers: int = 2, options: CompareOptions | None = None
) -> tuple[float, float] | None:
    """(pairs per second, cluster start in seconds) on a LocalCluster; None without Dask."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return None
    import logging

    with tempfile.TemporaryDirectory() as tmp:
        a, b = make_pairs(Path(tmp), count)
        local = io.StringIO()
        run_batch([a, b], fmt="json", jobs=2, out=local, err=io.StringIO(), options=options)
        start = time.perf_counter()
        with LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster:
            started = time.perf_counter() - start
            out, err = io.StringIO(), io.StringIO()
            start = time.perf_counter()
            status = run_batch(
                [a, b],
                fmt="json",
                out=out,
                err=err,
                options=options,
                scheduler=cluster.scheduler_address,
            )
            elapsed = time.perf_counter() - start
        if status == 2 or out.getvalue() != local.getvalue():
            raise RuntimeError(f"the cluster's results differ: {err.getvalue()}")
    return count / elapsed, started


def report(figures: dict[int, float], count: int = 200) -> list[str]:
    return [
        f"batch: {rate:.1f} pairs/s with {jobs} worker{'s' if jobs > 1 else ''} "
        f"({count} sample-sized pairs, {count / rate:.1f} s)"
        for jobs, rate in figures.items()
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=200, help="pairs (default 200)")
    parser.add_argument(
        "--scorer",
        default="lexical",
        help="lexical (default: no model cache warms up between the runs), auto or semantic",
    )
    args = parser.parse_args()
    count, options = args.count, CompareOptions(scorer=args.scorer)
    print(f"scorer: {args.scorer}")
    for line in report(measure(count, options=options), count):
        print(line)
    cluster = measure_cluster(count, options=options)
    if cluster is None:
        print("batch on a Dask cluster: skipped (pip install 'transdiff[dask]')")
    else:
        rate, started = cluster
        print(
            f"batch: {rate:.1f} pairs/s on a Dask LocalCluster of 2 worker processes "
            f"({count} sample-sized pairs, {count / rate:.1f} s; cluster start {started:.1f} s "
            "not counted; same output as the local batch)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
