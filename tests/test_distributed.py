"""Batch mode on a real Dask cluster: a LocalCluster with two worker processes.

Skipped when the ``dask`` extra is not installed.
"""

from __future__ import annotations

import io
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tui.batch import run_batch
from tui.engine.model import CompareOptions

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "sample_articles"
LEXICAL = CompareOptions(scorer="lexical")
PAIRS = 16


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Sample-sized pairs, each target missing another paragraph (so summaries differ)."""
    base = tmp_path_factory.mktemp("pairs")
    de, fr = base / "de", base / "fr"
    de.mkdir()
    fr.mkdir()
    source = (SAMPLE / "ultraman-musk.de.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in (SAMPLE / "ultraman-musk.fr.txt").read_text().split("\n") if p]
    for k in range(PAIRS):
        (de / f"story{k:02}.de.txt").write_text(source, encoding="utf-8")
        kept = paragraphs[: 3 * k] + paragraphs[3 * k + 1 :]
        (fr / f"story{k:02}.fr.txt").write_text("\n\n".join(kept), encoding="utf-8")
    (de / "broken.de.txt").write_bytes(b"\x00\x01binary\x00" * 40)  # fails the same way
    (fr / "broken.fr.txt").write_text("Bonjour.", encoding="utf-8")
    return de, fr


@pytest.fixture(scope="module")
def local(folders: tuple[Path, Path]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_batch(list(folders), fmt="json", jobs=1, options=LEXICAL, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
    ) as cluster:
        yield cluster


def test_the_cluster_gives_the_local_batch_results(
    cluster, folders: tuple[Path, Path], local: tuple[int, str, str]
) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run_batch(
        list(folders),
        fmt="json",
        options=LEXICAL,
        out=out,
        err=err,
        scheduler=cluster.scheduler_address,
    )
    local_status, local_out, local_err = local
    assert out.getvalue() == local_out  # every pair's summary, warnings and errors, in order
    assert err.getvalue() == local_err  # the totals
    assert status == local_status == 2  # the binary file
    assert local_out.count('"status": "ok"') == PAIRS


def test_killing_a_worker_mid_run_loses_no_pair(
    cluster, folders: tuple[Path, Path], local: tuple[int, str, str]
) -> None:
    watcher = distributed.Client(cluster.scheduler_address, set_as_default=False)
    pids = watcher.run(os.getpid)
    killed: list[tuple[str, list[str]]] = []

    class KillAfterTwoLines(io.StringIO):
        """Kills a worker that holds pairs once two results are printed."""

        def write(self, text: str) -> int:
            written = super().write(text)
            if not killed and self.getvalue().count("\n") >= 2:
                busy = {w: keys for w, keys in watcher.processing().items() if keys}
                victim = next(iter(busy))
                os.kill(pids[victim], signal.SIGKILL)
                killed.append((victim, list(busy[victim])))
            return written

    out = KillAfterTwoLines()
    try:
        status = run_batch(
            list(folders),
            fmt="json",
            options=LEXICAL,
            out=out,
            err=io.StringIO(),
            scheduler=cluster.scheduler_address,
        )
    finally:
        watcher.close()
    assert killed, "no worker was killed"
    victim, held = killed[0]
    assert held, f"{victim} held no pair when it was killed"
    assert out.getvalue() == local[1]  # the pairs it held were run again elsewhere
    assert status == local[0]


def test_an_unreachable_scheduler_is_one_error_line(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.distributed.CONNECT_TIMEOUT", "1s")
    err = io.StringIO()
    status = run_batch(
        list(folders), options=LEXICAL, out=io.StringIO(), err=err, scheduler="tcp://127.0.0.1:9"
    )
    assert status == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("transdiff: error: cannot reach the Dask scheduler at tcp://127.0")


def test_without_scheduler_dask_is_never_imported(folders: tuple[Path, Path]) -> None:
    code = (
        "import sys; from tui.cli import main; status = main(sys.argv[1:]);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')),"
        " file=sys.stderr); sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--batch", *map(str, folders), "--scorer", "lexical"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2  # the binary file
    assert result.stderr.strip().splitlines()[-1] == "[]"
