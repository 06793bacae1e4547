"""Pause Python's cyclic garbage collector while a comparison or a report allocates.

A 10,000-paragraph comparison creates millions of small, acyclic objects (spans, anchors,
beads); each full collection walks all of them, which cost a fifth of the run (and a third
of a report's time once the comparison is in memory). Reference counting still frees
everything; the collector is switched back on (and catches any cycle made meanwhile) when
the last concurrent block ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Collector off inside the block; nested and concurrent blocks share one pause."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
