"""Batch mode on a Dask cluster: ``transdiff --batch LIST --scheduler tcp://HOST:PORT``.

Imported only when ``--scheduler`` is given, and it alone imports Dask (the ``dask`` extra).
This process reads each pair's files and sends their bytes with the task, so a worker needs
the same install of transdiff and nothing else: no shared file system, no paths that must
match, and a file changed during the run cannot differ between machines. The worker compares
them with the same function as a local batch (``tui.batch.compare_pair``), so results and
messages are the same; ``run_batch`` prints them in input order as they stream back.

At most ``window`` pairs are in flight, so a list of a million pairs never sits in memory as
file contents. A worker that dies loses no pair: the scheduler hands the pairs it held to
the other workers (a pair that has killed ``distributed.scheduler.allowed-failures`` workers,
3 by default, is reported as failed rather than tried forever).
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterator
from typing import Any

from tui.batch import PairResult, compare_pair, read_pair
from tui.engine.errors import InputError, TransdiffError
from tui.engine.model import CompareOptions

INSTALL_HINT = "--scheduler needs Dask: pip install 'transdiff[dask]'"
CONNECT_TIMEOUT = "10s"
MIN_WINDOW = 64  # pairs in flight, at least; more on big clusters (see _window)
RETRIES = 2  # a task that raised (a worker's own trouble: the pair itself never raises)


def distributed_results(
    pairs: list[tuple[str, str]],
    scheduler: str,
    options: CompareOptions,
    *,
    window: int | None = None,
) -> Iterator[tuple[int, PairResult]]:
    """Yield (index into ``pairs``, result) as the cluster finishes them.

    Raises InputError when Dask is missing or the scheduler cannot be reached, and
    TransdiffError when the connection is lost during the run.
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise InputError(INSTALL_HINT) from exc
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
    with client:
        limit = window or _window(client)
        run = uuid.uuid4().hex[:8]
        queue = enumerate(pairs)
        waiting: dict[str, int] = {}  # task key -> pair index
        finished = as_completed(loop=client.loop)
        ready: deque[tuple[int, PairResult]] = deque()

        def fill() -> None:
            while len(waiting) < limit:
                item = next(queue, None)
                if item is None:
                    return
                index, (source, target) = item
                texts = read_pair(source, target, options)
                if isinstance(texts, PairResult):  # unreadable here: fails as a local run does
                    ready.append((index, texts))
                    continue
                future = client.submit(
                    compare_pair,
                    source,
                    target,
                    options,
                    texts,
                    key=f"transdiff-{run}-{index}",
                    pure=False,
                    retries=RETRIES,
                )
                waiting[future.key] = index
                finished.add(future)

        fill()
        while ready or waiting:
            if ready:
                yield ready.popleft()
                continue
            try:
                future = next(finished)
            except (OSError, TimeoutError) as exc:
                raise TransdiffError(f"lost the Dask scheduler at {scheduler} ({exc})") from exc
            index = waiting.pop(future.key)
            yield index, _outcome(future, *pairs[index])
            fill()


def _window(client: Any) -> int:
    """Four pairs per worker thread keep every thread busy while results travel back."""
    threads = sum(client.nthreads().values())
    return max(MIN_WINDOW, 4 * threads)


def _outcome(future: Any, source: str, target: str) -> PairResult:
    if future.status == "finished":
        return future.result()
    # The task failed on the cluster: it killed its workers, or a worker could not run it
    # (transdiff missing there, say). The exception names what happened.
    try:
        error = future.exception()
    except Exception as exc:  # cancelled: asking for its exception raises
        error = exc
    what = f"{type(error).__name__}: {error}" if error is not None else future.status
    return PairResult(source, target, "error", f"failed on the cluster ({what})")
