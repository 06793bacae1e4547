"""Bead-shape costs measured on the document in hand, for a second alignment pass.

How often a translation joins or splits sentences differs by text far more than by language
pair: a news translation is 1-1 almost throughout (a 2-1 bead there is itself a sign that a
sentence lost its partner), while a novel's translator splits a sentence in two or three in a
third of the links. One fixed cost per shape serves neither. The first pass aligns with
generic costs; the shapes it chose, smoothed toward the generic ones, give each shape's
probability in this document, and its cost becomes ``log p(1-1) - log p(shape)`` (never
below 0). Shapes the first pass did not search (1-4, 1-5, 2-3, ...) are extrapolated from
the ones it did: each segment added to a side multiplies the probability by the same factor
as the last one did (at most ``max_growth``), so they are searched only where the document
joins or splits often. The smoothing weight, that bound and the costliest shape searched are
``AlignTuning`` parameters (tui.engine.tuning), read from the ``AlignParams`` given.

>>> from collections import Counter
>>> news = Counter({BeadType.ONE_ONE: 160, BeadType.TWO_ONE: 2})
>>> params = document_params(news, AlignParams())
>>> round(params.prior[BeadType.TWO_ONE], 1), BeadType.ONE_FOUR in params.beads
(3.6, False)
>>> novel = Counter({BeadType.ONE_ONE: 100, BeadType.ONE_TWO: 40, BeadType.ONE_THREE: 12})
>>> params = document_params(novel, AlignParams())
>>> round(params.prior[BeadType.ONE_TWO], 1), BeadType.ONE_FOUR in params.beads
(1.0, True)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from tui.engine.align.dp import AlignParams, Bead, BeadType


def shape_counts(beads: Iterable[Bead]) -> Counter[BeadType]:
    """How often each two-sided shape occurs among ``beads``."""
    counts: Counter[BeadType] = Counter()
    for bead in beads:
        if bead.source and bead.target:
            counts[BeadType((len(bead.source), len(bead.target)))] += 1
    return counts


def document_params(
    counts: Counter[BeadType], generic: AlignParams, *, many_to_many: bool = True
) -> AlignParams:
    """``generic`` with the shape costs measured from ``counts`` (a first pass's shapes);
    without ``many_to_many`` (the scorer's ``SpanScorer.many_to_many``), shapes with several
    segments on both sides are not extrapolated (only those the first pass searched stay)."""
    tuning = generic.tuning
    searched = [b for b in generic.beads if not b.one_sided]
    weights = {b: math.exp(-generic.prior[b]) for b in searched}
    total_weight = sum(weights.values())
    total = sum(counts[b] for b in searched)
    probability = {
        b: (counts[b] + tuning.pseudo_beads * weights[b] / total_weight)
        / (total + tuning.pseudo_beads)
        for b in searched
    }
    for bead in sorted(BeadType, key=lambda b: sum(b.value)):
        if bead.one_sided or bead in probability:
            continue
        if not many_to_many and min(bead.value) >= 2:
            continue
        probability[bead] = _extrapolated(bead, probability, tuning.max_growth)
    one_one = probability[BeadType.ONE_ONE]
    prior = {}
    for bead, p in probability.items():
        cost = max(0.0, math.log(one_one) - math.log(p)) if p > 0 else math.inf
        if cost <= tuning.max_prior:
            prior[bead] = cost
    return replace(generic, measured=prior)


def _extrapolated(bead: BeadType, probability: dict[BeadType, float], max_growth: float) -> float:
    """A wider shape's probability from the next narrower ones on its longer side:
    p(a, b+1) = p(a, b) * min(p(a, b) / p(a, b-1), max_growth), the same for sources."""
    a, b = bead.value
    if b >= a:
        narrower, narrowest = (a, b - 1), (a, b - 2)
    else:
        narrower, narrowest = (a - 1, b), (a - 2, b)
    p1 = probability.get(BeadType(narrower), 0.0) if 0 not in narrower else 0.0
    p0 = probability.get(BeadType(narrowest), 0.0) if min(narrowest) > 0 else 0.0
    if p1 <= 0 or p0 <= 0:
        return 0.0
    return p1 * min(p1 / p0, max_growth)
