"""What the aligner asks of a scorer: the SpanScorer and Scorer protocols, and sigmoid.

A span is a run of consecutive segments (paragraphs or sentences) ``[start, end)`` on one
side. The aligner asks for many spans at once, as arrays, so that a scorer can vectorise.
Scores are log-odds: positive when the evidence says the spans translate each other,
negative when it says they do not, about zero when there is nothing to go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np


class SpanScorer(Protocol):
    """A scorer prepared for one pair of segment sequences."""

    # Log-odds below which a two-sided bead pairs segments that likely do not translate each
    # other, or None where this scorer's low scores are not evidence enough.
    improbable_log_odds: float | None
    # Whether shapes with several segments on both sides that a document's first pass did not
    # search (2-3, 3-2) may be searched in its second pass: only where the scorer tells where
    # a bead's inner boundaries lie (align/priors.py).
    many_to_many: bool
    # Whether the scorer has a model's word on what a text means (``text_log_odds``); one
    # without leaves the detectors lengths, anchors and the alignment's costs, by which
    # detect/one_sided.py weighs a sentence left alone (``LexicalTuning.lone_swap`` and
    # ``lone_unweighed``).
    reads_meaning: bool

    def score(
        self,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
    ) -> np.ndarray:
        """Log-odds that each source span translates the target span at the same index.

        All four arrays are int arrays of one length; spans are half-open and non-empty.
        """
        ...

    def anchor_pairs(self) -> list[tuple[int, int]]:
        """Segment pairs (source, target) that share a rare anchor: hints for the band."""
        ...

    def focus(self, first: np.ndarray, last: np.ndarray) -> None:
        """The aligner will pair source segment ``i`` only with target segments in
        ``[first[i], last[i])``: precompute what scores need there and nowhere else."""
        ...

    def supported_members(
        self, source: Sequence[int], target: Sequence[int]
    ) -> tuple[list[int], list[int]]:
        """Positions of segments that the other side's whole span supports as well as a
        typical translation does (a sentence left one-sided that a neighbour translates)."""
        ...

    @property
    def length_model(self) -> tuple[float, float]:
        """(ratio, variance) of the Gale-Church length model this scorer uses: target
        characters per source character, and the variance of the difference per character."""
        ...

    def text_log_odds(
        self, texts: Sequence[str], *, source: bool, start: int, end: int
    ) -> np.ndarray | None:
        """How likely each of ``texts`` (new text of the source side if ``source``, else of
        the target) translates the other side's segments ``[start, end)``, as the log-odds
        of the scorer's meaning evidence alone; None for a scorer that cannot read new text
        (no model)."""
        ...

    def calibrated(self, pairs: Sequence[tuple[int, int]]) -> SpanScorer:
        """This scorer with what it measures on the document (the length model) measured
        again on ``pairs``: segments a first alignment linked one to one with confidence."""
        ...

    def window(self, src_start: int, src_end: int, tgt_start: int, tgt_end: int) -> SpanScorer:
        """A scorer for the sub-sequences ``[src_start, src_end)`` and ``[tgt_start, tgt_end)``,
        indexed from 0, that keeps document-wide statistics (used for sentences inside a
        paragraph link)."""
        ...


@runtime_checkable
class StackedWindows(Protocol):
    """A span scorer that can score many windows in one call (the lexical scorer)."""

    def stacked_windows(self, blocks: Sequence[tuple[int, int, int, int]]) -> SpanScorer:
        """One scorer for the windows ``(src_start, src_end, tgt_start, tgt_end)`` laid end
        to end, each followed by one empty segment on each side, scoring a span inside
        window k exactly as ``window(*blocks[k])`` scores it."""
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
        progress: Callable[[int, int], None] | None = None,
    ) -> SpanScorer:
        """``progress(done, total)`` reports long preparation (a model embedding text)."""
        ...


def sigmoid(x: np.ndarray | float) -> np.ndarray | float:
    """Log-odds to a probability-like score in (0, 1), as shown to users."""
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def length_deviations(
    len_src: np.ndarray | float, len_tgt: np.ndarray | float, ratio: float, variance: float
) -> np.ndarray:
    """Gale-Church's normalised length deviation (delta) of each pair of lengths, under a
    ``SpanScorer.length_model`` of ``(ratio, variance)``."""
    mean = (len_src + len_tgt / ratio) / 2.0
    return (len_tgt - len_src * ratio) / np.sqrt(variance * np.maximum(mean, 1.0))
