"""Scores of an alignment against gold links: the strict and lax P/R/F1 the field reports.

The definitions follow the evaluation scripts of Vecalign and Bertalign (and the dev set's README):

- Precision counts every test link, one-sided ones included. Strict: the identical link is in
  gold. Lax: strictly correct, or some target index of the test link is among the target
  indices that gold links pair with any source index of the test link.
- Recall counts only gold links with both sides non-empty, against test links with both
  sides non-empty. Strict: the identical link is there. Lax: some target index of the gold
  link is among the target indices those test links pair with any source index of the gold link.

>>> gold = [([0], [0]), ([1], [1, 2]), ([], [3])]
>>> test = [([0], [0]), ([1], [1]), ([], [2]), ([], [3])]
>>> s = score_alignments([(test, gold)])
>>> (s.strict.precision_tp, s.strict.fp, s.strict.recall_tp, s.strict.fn)
(2, 2, 1, 1)
>>> (s.lax.precision_tp, s.lax.fp, s.lax.recall_tp, s.lax.fn)
(3, 1, 2, 0)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

LinkLike = tuple[Sequence[int], Sequence[int]]


@dataclass(frozen=True, slots=True)
class Counts:
    """Precision and recall are counted over different link sets, hence two true-positive counts."""

    precision_tp: int
    fp: int
    recall_tp: int
    fn: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.precision_tp + other.precision_tp,
            self.fp + other.fp,
            self.recall_tp + other.recall_tp,
            self.fn + other.fn,
        )

    @property
    def precision(self) -> float:
        total = self.precision_tp + self.fp
        return self.precision_tp / total if total else 0.0

    @property
    def recall(self) -> float:
        total = self.recall_tp + self.fn
        return self.recall_tp / total if total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class AlignmentScores:
    strict: Counts
    lax: Counts


Bead = tuple[tuple[int, ...], tuple[int, ...]]


def _as_set(links: Iterable[LinkLike]) -> set[Bead]:
    return {(tuple(s), tuple(t)) for s, t in links if s or t}


def _match_counts(test: set[Bead], gold: set[Bead]) -> tuple[int, int]:
    """(strict, lax) number of test links matched by gold, as Vecalign's ``_precision``."""
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold:
        for i in src:
            gold_targets[i].update(tgt)
    strict = lax = 0
    for src, tgt in test:
        if (src, tgt) in gold:
            strict += 1
            lax += 1
        elif any(t in gold_targets.get(i, ()) for i in src for t in tgt):
            lax += 1
    return strict, lax


def score_document(
    test_links: Iterable[LinkLike], gold_links: Iterable[LinkLike]
) -> AlignmentScores:
    test, gold = _as_set(test_links), _as_set(gold_links)
    p_strict, p_lax = _match_counts(test, gold)
    # Recall is precision with the roles swapped, over links with both sides non-empty.
    test_two_sided = {link for link in test if link[0] and link[1]}
    gold_two_sided = {link for link in gold if link[0] and link[1]}
    r_strict, r_lax = _match_counts(gold_two_sided, test_two_sided)
    n_test, n_gold = len(test), len(gold_two_sided)
    return AlignmentScores(
        strict=Counts(p_strict, n_test - p_strict, r_strict, n_gold - r_strict),
        lax=Counts(p_lax, n_test - p_lax, r_lax, n_gold - r_lax),
    )


def score_alignments(
    documents: Iterable[tuple[Iterable[LinkLike], Iterable[LinkLike]]],
) -> AlignmentScores:
    """Strict and lax scores with counts summed over ``(test_links, gold_links)`` per document."""
    zero = Counts(0, 0, 0, 0)
    strict, lax = zero, zero
    for test_links, gold_links in documents:
        doc = score_document(test_links, gold_links)
        strict, lax = strict + doc.strict, lax + doc.lax
    return AlignmentScores(strict=strict, lax=lax)
