"""How alike a source span and a target span are: the Scorer protocol and its implementations.

A span is a run of consecutive segments (paragraphs or sentences) ``[start, end)`` on one
side. The aligner asks for many spans at once, as arrays, so that a scorer can vectorise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np


class SpanScorer(Protocol):
    """A scorer prepared for one pair of segment sequences."""

    def score(
        self,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
    ) -> np.ndarray:
        """Similarity in [0, 1] of each source span to the target span at the same index.

        All four arrays are int arrays of one length; spans are half-open and non-empty.
        """
        ...


class Scorer(Protocol):
    """Turns two sequences of segment texts into a SpanScorer."""

    name: str

    def prepare(
        self,
        source: Sequence[str],
        target: Sequence[str],
        *,
        cancelled: Callable[[], bool] | None = None,
    ) -> SpanScorer: ...
