"""Word alignment on the model's token vectors: does the other side of a bead translate a
sentence word by word?

A sentence's vector says what the whole is about; a sentence the other version runs into a
neighbouring one ("Tastend , unter dichten Schneeböen ..." at the end of "... où ils dévalent
à tâtons") barely moves that neighbour's meaning, so the sentence-level evidence calls it
omitted. Its words, though, find their counterparts: aligned SimAlign's way (two tokens are
linked where each is the other's most similar, the neighbour's own sentences competing for
the same tokens), most of its word tokens are linked. How many is judged on the document's
own rates, measured on pairs of consecutive one-to-one links (A, B), (A', B'): A' in the side
[A, A'] against [B, B'] (it is translated there) and against [B] alone (it is not). The
evidence is the binomial log-likelihood ratio of the sentence's count under the two rates,
over the calibration counts' own dispersion, so no cut-off is fitted: the document sets
both rates (detect/one_sided.py asks it for each sentence it would report as left alone).
``benchmarks/token_coverage.py`` measures how well the share separates deleted from kept
sentences (ROC AUC .90-.99 on news, .90 textberg-dev, .73 mac-dev).
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from tui.engine.detect.context import (
    FindingContext,
    LinkGroup,
    bead_members,
    sentence_texts,
    two_sided_neighbours,
)
from tui.engine.model import Side


class TokenSource(Protocol):
    """What gives token vectors: scoring.embedder.Embedder."""

    def token_vectors(
        self, texts: Sequence[str], layer: int
    ) -> list[tuple[list[str], np.ndarray]] | None: ...


@dataclass(frozen=True, slots=True)
class AlignmentRates:
    """The share of a sentence's word tokens linked when the other side translates it, and
    when it does not (pooled counts of the document's calibration pairs)."""

    translated: float
    unrelated: float
    pairs: int
    # how much wider the calibration sentences' shares spread than a binomial's (at least
    # 1): a word's pieces, and neighbouring words, are linked or not together, so the
    # binomial's log-likelihood ratio is divided by it (a quasi-likelihood)
    dispersion: float = 1.0

    def unrelated_log_odds(self, linked: int, words: int) -> float:
        """How much likelier ``linked`` of ``words`` tokens are under the unrelated rate than
        under the translated one (binomial log-likelihood ratio over the dispersion; 0 when
        the rates do not differ the right way)."""
        if self.unrelated >= self.translated:
            return 0.0
        u, t = self.unrelated, self.translated
        ratio = linked * math.log(u / t) + (words - linked) * math.log((1 - u) / (1 - t))
        return ratio / self.dispersion


def _is_word(piece: str) -> bool:
    """A piece that holds a letter or a digit (punctuation aligns with anything)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in piece)


def linked_words(
    embedder: TokenSource, member: str, rest: list[str], other: list[str], layer: int
) -> tuple[int, int] | None:
    """(linked, words): how many of ``member``'s word tokens are linked, each the most
    similar of the other side's tokens and the other way round, while ``rest`` (the
    side's other members) compete for them; None without token vectors or words."""
    found = embedder.token_vectors([member, *rest, *other], layer)
    if found is None:
        return None
    pieces, vectors = found[0]
    keep = [n for n, piece in enumerate(pieces) if _is_word(piece)]
    theirs = [vectors_ for _, vectors_ in found[1 + len(rest) :]]
    if not keep or not any(len(t) for t in theirs):
        return None
    side = [vectors[keep]] + [vectors_ for _, vectors_ in found[1 : 1 + len(rest)]]
    similarity = np.concatenate(side) @ np.concatenate(theirs).T
    best_across = similarity.argmax(axis=1)[: len(keep)]
    best_back = similarity.argmax(axis=0)
    linked = int(np.sum(best_back[best_across] == np.arange(len(keep))))
    return linked, len(keep)


def document_rates(
    context: FindingContext, embedder: TokenSource, side: Side, layer: int, most: int
) -> AlignmentRates | None:
    """``side``'s rates, on up to ``most`` pairs of consecutive one-to-one links spread
    over the document (memoised on the context); None with fewer than three pairs."""
    key = f"token_rates:{side.value}:{layer}:{most}"
    if key in context.learned:
        return context.learned[key]  # type: ignore[return-value]
    pairs: list[tuple[list[str], list[str]]] = []  # ([A, A'], [B, B'])
    for group in context.groups:
        beads = group.beads
        mine, theirs = group.refs(side), group.refs(side.other)
        for a, b in itertools.pairwise(beads):
            if all(len(x.source) == 1 and len(x.target) == 1 for x in (a, b)) and not (
                np.isnan(a.score) or np.isnan(b.score)
            ):
                here = [mine[bead_members(x, side)[0]] for x in (a, b)]
                there = [theirs[bead_members(x, side.other)[0]] for x in (a, b)]
                pairs.append(
                    (
                        sentence_texts(context, side, here),
                        sentence_texts(context, side.other, there),
                    )
                )
    rates = None
    if len(pairs) >= 3:
        step = max(len(pairs) / most, 1.0)
        chosen = [pairs[int(k * step)] for k in range(min(most, len(pairs)))]
        wanted = [text for here, there in chosen for text in (*here, *there)]
        if embedder.token_vectors(wanted, layer) is None:
            return None
        found: list[list[tuple[int, int]]] = [[], []]  # translated, unrelated
        for here, there in chosen:
            for row, other in ((0, there), (1, there[:1])):
                counted = linked_words(embedder, here[1], here[:1], other, layer)
                if counted is not None:
                    found[row].append(counted)
        if found[0] and found[1]:
            shares = [_rate(counts) for counts in found]
            rates = AlignmentRates(shares[0], shares[1], len(chosen), _dispersion(shares, found))
    context.learned[key] = rates
    return rates


def words_in_neighbour(
    context: FindingContext, group: LinkGroup, position: int, side: Side, text: str
) -> bool:
    """With ``detection.token_veto`` and a model that gives token vectors: does a
    neighbouring bead's other side (of the bead at ``position``) link ``text``'s words, the
    neighbour's own sentences of ``side`` competing, ``detection.lone_min_log_odds``
    likelier under the document's translated rate than its unrelated one? Then ``text``
    is translated there: the versions cut their sentences differently, nothing is missing."""
    if not context.detection.token_veto:
        return False
    odds = neighbour_words_log_odds(context, group, position, side, text)
    return odds is not None and -odds >= context.detection.lone_min_log_odds


def neighbour_words_log_odds(
    context: FindingContext, group: LinkGroup, position: int, side: Side, text: str
) -> float | None:
    """How much likelier (log-odds) the neighbouring beads' other sides link ``text``'s
    words under the document's unrelated rate than under its translated one, each
    neighbour's own sentences of ``side`` competing: the lower of the two neighbours' (the
    text may belong to either). None without a two-sided neighbour, token vectors or rates.
    Memoised on the context: a lone sentence asks it as evidence and again for the veto."""
    link = group.link
    key = f"neighbour_words:{link.source}:{link.target}:{position}:{side.value}:{text}"
    if key not in context.learned:
        context.learned[key] = _neighbour_words_log_odds(context, group, position, side, text)
    return context.learned[key]  # type: ignore[return-value]


def _neighbour_words_log_odds(
    context: FindingContext, group: LinkGroup, position: int, side: Side, text: str
) -> float | None:
    tuning = context.detection
    embedder = getattr(group.scorer, "embedder", None)
    neighbours = two_sided_neighbours(group, position)
    if embedder is None or not neighbours:
        return None
    rates = document_rates(context, embedder, side, tuning.token_layer, tuning.token_pairs)
    if rates is None:
        return None
    mine_refs, other_refs = group.refs(side), group.refs(side.other)
    lowest = None
    for neighbour in neighbours:
        mine = bead_members(neighbour, side)
        other = bead_members(neighbour, side.other)
        rest = sentence_texts(context, side, [mine_refs[k] for k in mine])
        theirs = sentence_texts(context, side.other, [other_refs[k] for k in other])
        found = linked_words(embedder, text, rest, theirs, tuning.token_layer)
        if found is not None:
            odds = rates.unrelated_log_odds(*found)
            lowest = odds if lowest is None else min(lowest, odds)
    return lowest


def _rate(counts: list[tuple[int, int]]) -> float:
    """The pooled share linked, with one linked and one not added (never 0 or 1)."""
    return (sum(k for k, _ in counts) + 1) / (sum(n for _, n in counts) + 2)


def _dispersion(shares: list[float], found: list[list[tuple[int, int]]]) -> float:
    """Pearson's dispersion of the calibration counts about their own rate: the mean of
    (k - n p)^2 / (n p (1 - p)), at least 1."""
    terms = [
        (k - n * p) ** 2 / (n * p * (1 - p))
        for p, counts in zip(shares, found, strict=True)
        for k, n in counts
        if n
    ]
    return max(float(np.mean(terms)), 1.0) if terms else 1.0
