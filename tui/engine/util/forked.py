"""Work done on a second CPU by a forked copy of this process, while this one goes on.

A fork starts at once with everything this process holds (articles, scorers, caches), so
independent halves of a stage need no import, no setup and no data sent over; only the
result comes back, pickled. Forking is safe only while this process runs a single thread
(a lock another thread holds would stay held in the child): ``can_fork`` says when, and
callers then run the work here instead, with the same result.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from tui.engine.util.cores import usable_cores

T = TypeVar("T")

_helper = False  # this process is a forked helper: it forks no helpers of its own


def can_fork() -> bool:
    """A second CPU is free to this process and forking is safe: a POSIX system, no thread
    but this one, not a helper itself (two cores are taken by a parent and one helper) nor a
    pool's worker."""
    return (
        not _helper
        and hasattr(os, "fork")
        and sys.platform != "darwin"  # forking there breaks system frameworks
        and threading.active_count() == 1
        and not _pool_worker()
        and usable_cores() >= 2
    )


def _pool_worker() -> bool:
    """Is this a worker of a process pool (batch mode, several targets), whose siblings
    already take the other CPUs?"""
    multiprocessing = sys.modules.get("multiprocessing")
    return multiprocessing is not None and multiprocessing.parent_process() is not None


class Forked(Generic[T]):
    """``function()`` run in a forked child from construction; ``result()`` waits for it.

    An exception in the child is raised by ``result()``; where no child can be started, or
    one dies without a result (killed, out of memory), the function runs here instead.
    ``result()`` must be called (it reaps the child), also when the caller gives up on the
    value: use ``with``.
    """

    def __init__(self, function: Callable[[], T]) -> None:
        self._function = function
        self._done: tuple[bool, T | BaseException] | None = None
        self._read, write = os.pipe()
        try:
            self._pid = os.fork()
        except OSError:  # no process to be had (a limit, no memory): the work is done here
            os.close(self._read)
            os.close(write)
            self._pid = -1
            return
        if self._pid == 0:  # the child: compute, send, and leave without any cleanup
            global _helper
            _helper = True
            status = 0
            try:
                os.close(self._read)
                try:
                    payload = pickle.dumps((True, function()), pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # handed to the parent
                    payload = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:  # the parent sees no result and runs it
                status = 1
            finally:
                os._exit(status)  # no atexit handlers, no flushing the parent's buffers
        os.close(write)

    def result(self) -> T:
        if self._done is None and self._pid < 0:
            self._done = (True, self._function())
        if self._done is None:
            with os.fdopen(self._read, "rb") as pipe:
                payload = pipe.read()
            os.waitpid(self._pid, 0)
            try:
                self._done = pickle.loads(payload)
            except Exception:  # no result came: the child died before sending it
                self._done = (True, self._function())
        ok, value = self._done
        if not ok:
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[return-value]

    def __enter__(self) -> Forked[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._done is None:
            try:
                self.result()
            except BaseException:  # the block's own exception goes on
                if exc[0] is None:
                    raise


class Later(Generic[T]):
    """``Forked``'s interface without a fork: ``function()`` runs here when ``result()`` is
    first asked for, where the work would have run without a second process."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._function = function
        self._done: tuple[T] | None = None

    def result(self) -> T:
        if self._done is None:
            self._done = (self._function(),)
        return self._done[0]

    def __enter__(self) -> Later[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        return None
