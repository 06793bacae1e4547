"""The lexical scorer: shared anchors, Gale-Church lengths and punctuation agreement.

Needs no model; works between any two languages, best where they share a script (names,
numbers and cognates). Scores are log-odds (see ``tui.engine.scoring.base``). Its weights, the
length model's fallback and how much of a document it is measured on are ``LexicalTuning``
(tui.engine.tuning).
"""

from __future__ import annotations

import copy
import math
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

from tui.engine.errors import ComparisonCancelled
from tui.engine.scoring.base import length_deviations
from tui.engine.text.anchors import (
    QUOTE_MARKS,
    anchor_values,
    may_contain_url,
    normalize_word,
    number_values,
    word_runs,
)
from tui.engine.tuning import LexicalTuning
from tui.engine.util.forked import Forked, can_fork

# --- lexical features -------------------------------------------------------------------------

# Punctuation that translators keep: agreement of these counts is evidence of a translation.
PUNCT_CLASSES: tuple[str, ...] = ("?", "!", ":", ";", "(", "quote", "number")
# Chinese and Japanese write the same marks in full width ("？" for "?"): one class each, so a
# question stays a question across scripts, where punctuation is most of the lexical evidence.
_PUNCT_FORMS: dict[str, tuple[str, ...]] = {
    "?": ("?", "？"),
    "!": ("!", "！"),
    ":": (":", "："),
    ";": (";", "；"),
    "(": ("(", "（"),
}
_PUNCT_INDEX = {form: k for k, p in enumerate(PUNCT_CLASSES) for form in _PUNCT_FORMS.get(p, (p,))}
_NUMBER_SLOT, _QUOTE_SLOT = _PUNCT_INDEX["number"], _PUNCT_INDEX["quote"]
_FIRST_WIDE = "\u3000"  # CJK punctuation and full-width forms lie at and above this
_WIDE = re.compile(f"[{_FIRST_WIDE}-\U0010ffff]")
_NARROW_QUOTE_MARKS = "".join(mark for mark in QUOTE_MARKS if mark < _FIRST_WIDE)

_SKELETON_RULES = (("ph", "f"), ("th", "t"), ("ck", "k"), ("qu", "k"), ("c", "k"), ("y", "i"))


# Cyrillic and Greek letters spelled in Latin ones, so that a name keeps one key across
# scripts ("Мичиган"/"Michigan", "Тиффани"/"Tiffany"): the common romanisations' letters.
_ROMAN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufie", strict=True)),
        **{"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
        **{"ю": "iu", "я": "ia", "ъ": "", "ь": "", "є": "ie", "і": "i", "ї": "i", "ґ": "g"},
        **dict(zip("αβγδεζηικλμνξοπρσςτυφω", "abgdeziiklmnxoprsstifo", strict=True)),
        **dict(zip("άέήίόύώϊϋ", "aeiioioii", strict=True)),
        **{"θ": "th", "χ": "ch", "ψ": "ps"},
    }
)
_NON_LATIN_LETTER = re.compile("[\u0370-\u03ff\u0400-\u04ff]")


def skeleton(word: str) -> str:
    """A spelling-insensitive key for cognates and transliterated names.

    >>> [skeleton(w) for w in ("zoff", "zoph", "himalaya", "physique")]
    ['zof', 'zof', 'himalaia', 'fisike']
    >>> [skeleton(w) for w in ("мичиган", "michigan", "тиффани", "tiffany")]
    ['mikhigan', 'mikhigan', 'tifani', 'tifani']
    """
    if _NON_LATIN_LETTER.search(word):
        word = word.translate(_ROMAN)
    for old, new in _SKELETON_RULES:
        word = word.replace(old, new)
    out = []
    for ch in word:
        if not out or out[-1] != ch:  # doubled letters: "barrett" ~ "barret"
            out.append(ch)
    return "".join(out)


def _first_letter(word: str) -> str:
    return word[0].translate(_ROMAN)[:1] or word[0]


@dataclass(frozen=True, slots=True)
class SegmentFeatures:
    """What the lexical scorer keeps of one segment."""

    words: frozenset[str]
    numbers: frozenset[str]
    urls: frozenset[str]
    length: int
    punct: tuple[int, ...]


@lru_cache(maxsize=65536)
def segment_features(text: str) -> SegmentFeatures:
    """The lexical scorer's view of one segment. Cached: a one-sentence paragraph is scored
    as a paragraph and again as a sentence."""
    if may_contain_url(text):
        return _lexed_features(text)
    # No URL: every letter run is a word token and every mark below is a token of its own,
    # so counting beats visiting each token (the same features; a test compares both paths).
    numbers = number_values(text)
    # full-width marks (U+3000 and up) are looked for only in text that has such characters
    wide = _WIDE.search(text) is not None
    quote_marks = QUOTE_MARKS if wide else _NARROW_QUOTE_MARKS
    counts = {"quote": sum(text.count(mark) for mark in quote_marks), "number": len(numbers)}
    punct = [
        counts[name]
        if name in counts
        else (sum(text.count(form) for form in _PUNCT_FORMS[name]) if wide else text.count(name))
        for name in PUNCT_CLASSES
    ]
    # each word as written once (a word recurs in a paragraph), then its normalised form
    words = {word for word in map(normalize_word, set(word_runs(text))) if len(word) >= 2}
    return SegmentFeatures(
        frozenset(words), frozenset(numbers), frozenset(), len(text.strip()), tuple(punct)
    )


def _lexed_features(text: str) -> SegmentFeatures:
    """``segment_features`` token by token through the lexer's rules (text with URLs)."""
    punct = [0] * len(PUNCT_CLASSES)
    words: set[str] = set()
    numbers: set[str] = set()
    urls: set[str] = set()
    for kind, value in anchor_values(text):
        if kind == "word":
            if len(value) >= 2:
                words.add(value)
        elif kind == "number":
            numbers.add(value)
            punct[_NUMBER_SLOT] += 1
        elif kind == "url":
            urls.add(value)
        elif kind == "quote":
            punct[_QUOTE_SLOT] += 1
        else:
            slot = _PUNCT_INDEX.get(value)
            if slot is not None:
                punct[slot] += 1
    return SegmentFeatures(
        frozenset(words), frozenset(numbers), frozenset(urls), len(text.strip()), tuple(punct)
    )


def match_vocabularies(
    source_words: set[str], target_words: set[str], *, fuzzy_cutoff: float | None = None
) -> list[tuple[str, str]]:
    """Pairs (source word, target word) that look like the same word across languages.

    Equal words, equal spelling skeletons ("zoff"/"zoph"), a shared five-letter prefix
    ("himalaya"/"himalayens"), or rapidfuzz ratio of the skeletons at or above
    ``fuzzy_cutoff`` (default ``LexicalTuning.fuzzy_cutoff``) for words of five letters or
    more ("murati"/"mulati").
    """
    from rapidfuzz import fuzz, process

    pairs: set[tuple[str, str]] = {(w, w) for w in source_words & target_words}
    by_key: dict[str, list[str]] = defaultdict(list)
    for word in target_words:
        key = skeleton(word)
        by_key["s:" + key].append(word)
        if len(word) >= 5:
            by_key["p:" + word[:5]].append(word)
    for word in source_words:
        key = skeleton(word)
        for other in by_key.get("s:" + key, ()):
            pairs.add((word, other))
        if len(word) >= 5:
            for other in by_key.get("p:" + word[:5], ()):
                pairs.add((word, other))
    # Fuzzy matches, compared only within the same first letter to keep the work near-linear
    # (a Cyrillic or Greek word's first letter in Latin, so that it meets its romanisation).
    src_groups: dict[str, list[str]] = defaultdict(list)
    tgt_groups: dict[str, list[str]] = defaultdict(list)
    for word in source_words:
        if len(word) >= 5:
            src_groups[_first_letter(word)].append(word)
    for word in target_words:
        if len(word) >= 5:
            tgt_groups[_first_letter(word)].append(word)
    for letter, src_list in src_groups.items():
        tgt_list = tgt_groups.get(letter)
        if not tgt_list:
            continue
        matrix = process.cdist(
            [skeleton(w) for w in src_list],
            [skeleton(w) for w in tgt_list],
            scorer=fuzz.ratio,
            score_cutoff=LexicalTuning().fuzzy_cutoff if fuzzy_cutoff is None else fuzzy_cutoff,
            dtype=np.uint8,
            workers=-1,
        )
        for a, b in zip(*np.nonzero(matrix), strict=True):
            pairs.add((src_list[a], tgt_list[b]))
    return sorted(pairs)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            grand = self.parent.setdefault(parent, parent)
            self.parent[x] = grand
            x, parent = parent, grand
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


@dataclass(frozen=True, slots=True)
class _SideArrays:
    """Per-segment lexical data of one side, sliceable for windows."""

    concepts: list[tuple[int, ...]]
    lengths: np.ndarray
    punct: np.ndarray  # (segments, len(PUNCT_CLASSES))

    @classmethod
    def build(
        cls, features: Sequence[SegmentFeatures], concepts: list[tuple[int, ...]]
    ) -> _SideArrays:
        punct = np.array([f.punct for f in features], dtype=float).reshape(-1, len(PUNCT_CLASSES))
        lengths = np.array([f.length for f in features], dtype=float)
        return cls(concepts, lengths, punct)

    def slice(self, start: int, end: int) -> _SideArrays:
        return _SideArrays(self.concepts[start:end], self.lengths[start:end], self.punct[start:end])


class LexicalSpanScorer:
    """Anchors shared through a concept index, Gale-Church lengths, punctuation agreement."""

    # Short translated sentences without shared anchors score very low here too: on synthetic
    # omissions, 97 of the 124 two-sided sentence beads below -3 held no deleted sentence.
    improbable_log_odds: float | None = None
    reads_meaning = False  # lengths, anchors and punctuation only

    def __init__(
        self,
        source: _SideArrays,
        target: _SideArrays,
        concept_weight: np.ndarray,
        weights: LexicalTuning,
        ratio: float | None = None,
        variance: float | None = None,
        segment_weights: tuple[np.ndarray, np.ndarray] | None = None,
        tail: LengthTail | None = None,
    ) -> None:
        self.weights = weights
        self._tail = tail  # measured by ``calibrated``; scores use it in ``evidence_view``
        self._use_tail = False
        self.many_to_many = weights.many_to_many
        self._src, self._tgt = source, target
        self._concept_weight = concept_weight
        self.n_src, self.n_tgt = len(source.concepts), len(target.concepts)
        self._concepts_src, self._concepts_tgt = source.concepts, target.concepts
        # each segment's anchor weight; a window or a recalibration reuses its parent's
        if segment_weights is None:
            segment_weights = (_segment_weights(source, concept_weight),)
            segment_weights += (_segment_weights(target, concept_weight),)
        self._weight_src, self._weight_tgt = segment_weights
        self._cum_weight_src = _cumsum0(self._weight_src)
        self._cum_weight_tgt = _cumsum0(self._weight_tgt)
        self._cum_len_src = _cumsum0(source.lengths)
        self._cum_len_tgt = _cumsum0(target.lengths)
        self._anchors: list[tuple[int, int]] | None = None
        if ratio is None:
            ratio = self._anchored_ratio()
        self._ratio = ratio
        self._cum_punct_src = _punct_rows(_cumsum0(source.punct))
        self._cum_punct_tgt = _punct_rows(_cumsum0(target.punct))
        self._band: tuple[np.ndarray, np.ndarray] | None = None
        self._shared: np.ndarray | None = None
        # a ``window``'s document-wide scorer and its block (source start, end, target
        # start, end): many windows' spans can be scored in one call through the parent's
        # ``stacked_windows`` (detect/one_sided.py)
        self.window_of: tuple[LexicalSpanScorer, tuple[int, int, int, int]] | None = None
        # anchor_pairs' answer (above), which depends on the concepts only: a recalibrated
        # copy (same segments) takes it over instead of reading every concept again
        # the score's parts a length model leaves as they are, by key (``remember_parts``)
        self._parts: dict[Hashable, tuple[np.ndarray, np.ndarray]] | None = None
        # a calibrated copy reads (and frees) the parts the first pass kept, stores none
        self._reads_parts = False
        self._variance = self._estimate_variance() if variance is None else variance

    def _anchored_ratio(self) -> float:
        """Target characters per source character. In a short document (fewer segments on a
        side than ``min_calibration_pairs``, the fewest a length model is measured on), the
        ratio of the segment pairs that share a word or number found nowhere else (nearly
        always translations), where there are three or more: one-sided content shifts the
        whole documents' ratio by its share, and two dropped sentences of a short article
        move it by a third. In a long one, the whole documents': their one-sided share is
        small, and segments with numbers and names are not typical in length."""
        shorter = min(len(self._src.lengths), len(self._tgt.lengths))
        pairs = self.anchor_pairs() if shorter < self.weights.min_calibration_pairs else []
        if len(pairs) < 3:
            return _length_ratio(self._src.lengths, self._tgt.lengths)
        i, j = np.array(pairs).T
        return _length_ratio(self._src.lengths[i], self._tgt.lengths[j])

    def _estimate_variance(self) -> float:
        """Gale-Church variance measured on this document's surest pairs.

        Segments that share a word or number found nowhere else are nearly always
        translations of each other; how much their lengths vary says how much weight length
        deserves here. Too few such pairs: the textbook value.
        """
        default = self.weights.gale_church_variance
        if not self.weights.calibrate_length:
            return default
        pairs = self.anchor_pairs()
        if len(pairs) < self.weights.min_calibration_pairs:
            return default
        i, j = np.array(pairs).T
        estimate = _variance_of(self._src.lengths[i], self._tgt.lengths[j], self._ratio)
        return float(np.clip(estimate, 1.0, default))  # sharpen only: noisy text keeps the default

    @property
    def length_model(self) -> tuple[float, float]:
        return self._ratio, self._variance

    def evidence_view(self) -> LexicalSpanScorer:
        """This scorer with the length model's tail measured on the document's confident
        links (``LengthTail``) in its scores, for weighing which of two sentences a pair
        leaves alone (detect/one_sided.py): a free translation's rare large deviations in
        length are not the normal's near-impossible ones. Itself where no tail was measured."""
        if self._tail is None or self._use_tail:
            return self
        out = copy.copy(self)
        out._use_tail = True
        return out

    def text_log_odds(
        self, texts: Sequence[str], *, source: bool, start: int, end: int
    ) -> np.ndarray | None:
        return None  # anchors alone cannot say whether a piece of text is translated

    def calibrated(self, pairs: Sequence[tuple[int, int]]) -> LexicalSpanScorer:
        """This scorer with the length model measured on ``pairs``, segments (source,
        target) the document's first alignment linked one to one with confidence.

        The ratio of the two languages' lengths is the ratio of the pairs' total lengths
        (a deleted paragraph does not shift it, as it shifts the whole documents' ratio),
        and the Gale-Church variance their median squared deviation: it differs by a factor
        of forty between German-French news and a Chinese novel's English translation, so
        no constant serves. With fewer than ``min_calibration_pairs`` pairs nothing changes.
        """
        if not self.weights.calibrate_length or len(pairs) < self.weights.min_calibration_pairs:
            return self
        i, j = np.array(pairs, dtype=np.int64).T
        len_src, len_tgt = self._src.lengths[i], self._tgt.lengths[j]
        ratio = _length_ratio(len_src, len_tgt)
        variance = max(_variance_of(len_src, len_tgt, ratio), 0.1)
        tail = LengthTail.measure(
            length_deviations(len_src, len_tgt, ratio, variance), self.weights.length_tail_quantile
        )
        out = LexicalSpanScorer(
            self._src,
            self._tgt,
            self._concept_weight,
            self.weights,
            ratio,
            variance,
            (self._weight_src, self._weight_tgt),
            tail,
        )
        out._anchors = self._anchors  # the same segments and concepts
        out._parts = self._parts  # the same anchors and punctuation
        out._reads_parts = True
        return out

    def window(
        self, src_start: int, src_end: int, tgt_start: int, tgt_end: int
    ) -> LexicalSpanScorer:
        out = LexicalSpanScorer(
            self._src.slice(src_start, src_end),
            self._tgt.slice(tgt_start, tgt_end),
            self._concept_weight,
            self.weights,
            self._ratio,
            self._variance,
            (self._weight_src[src_start:src_end], self._weight_tgt[tgt_start:tgt_end]),
            self._tail,
        )
        out.window_of = (self, (src_start, src_end, tgt_start, tgt_end))
        return out

    @property
    def focused(self) -> bool:
        """Has ``focus`` set a band? Unfocused, every pair of segments may meet."""
        return self._band is not None

    def stacked_windows(self, blocks: Sequence[tuple[int, int, int, int]]) -> LexicalSpanScorer:
        """One scorer for many windows ``(src_start, src_end, tgt_start, tgt_end)`` laid end
        to end, each followed by one empty segment on each side: a span inside window k
        scores exactly (bit for bit) as ``window(*blocks[k])`` scores it, so that the
        aligner can score every window's beads in one call.

        A window's sums of segment weights come from its own prefix sums, whose rounding
        differs from the document's: each window's are computed alone and laid end to end.
        """

        def stacked(side: _SideArrays, weights: np.ndarray, spans: list[tuple[int, int]]):
            concepts: list[tuple[int, ...]] = []
            for start, end in spans:
                concepts += side.concepts[start:end]
                concepts.append(())
            pieces = [np.arange(start, end + 1) for start, end in spans]
            rows = np.concatenate(pieces)
            real = rows < np.repeat([end for _, end in spans], [len(p) for p in pieces])
            rows = np.where(real, rows, 0)
            lengths = np.where(real, side.lengths[rows], 0.0)
            punct = np.where(real[:, None], side.punct[rows], 0.0)
            weight = np.where(real, weights[rows], 0.0)
            sums = [  # each window's own prefix sums, then one spare row past the last
                np.concatenate([_cumsum0(values[start:end]) for start, end in spans] + [zero])
                for values, zero in (
                    (side.lengths, np.zeros(1)),
                    (side.punct, np.zeros((1, side.punct.shape[1]))),
                    (weights, np.zeros(1)),
                )
            ]
            return _SideArrays(concepts, lengths, punct), weight, sums

        src, weight_src, sums_src = stacked(
            self._src, self._weight_src, [(s0, s1) for s0, s1, _, _ in blocks]
        )
        tgt, weight_tgt, sums_tgt = stacked(
            self._tgt, self._weight_tgt, [(t0, t1) for _, _, t0, t1 in blocks]
        )
        out = LexicalSpanScorer(
            src,
            tgt,
            self._concept_weight,
            self.weights,
            self._ratio,
            self._variance,
            (weight_src, weight_tgt),
            self._tail,
        )
        out._use_tail = self._use_tail
        out._cum_len_src, out._cum_len_tgt = sums_src[0], sums_tgt[0]
        out._cum_punct_src = _punct_rows(sums_src[1])
        out._cum_punct_tgt = _punct_rows(sums_tgt[1])
        out._cum_weight_src, out._cum_weight_tgt = sums_src[2], sums_tgt[2]
        return out

    def focus(self, first: np.ndarray, last: np.ndarray) -> None:
        """Shared anchor weight of each (source, target) segment pair inside the band.

        Every (source segment, concept) occurrence looks up the range of target segments
        holding that concept inside its band row in one sorted array of (concept, target)
        keys; the matches are then added in one vectorised step.
        """
        first = np.asarray(first, dtype=np.int64)
        last = np.asarray(last, dtype=np.int64)
        width = int((last - first).max(initial=1))
        # one column of zeros past the band: a cell outside it reads there (_shared_cells)
        cells = self.n_src * (width + 1)
        stride = self.n_tgt + 1
        tgt_j, tgt_c = _occurrences(self._concepts_tgt)
        tgt_keys = np.sort(tgt_c * stride + tgt_j)
        src_i, src_c = _occurrences(self._concepts_src)
        shared = None
        if len(src_i) and len(tgt_keys):
            # the look-ups in ascending order (by concept), each near the last (a third of
            # the time in random order); a cell's weights are still added by ascending
            # concept, as a segment's concepts are listed, so the sums are bit for bit the same
            low = src_c * stride + first[src_i]
            order = np.argsort(low, kind="stable")
            src_i, src_c, low = src_i[order], src_c[order], low[order]
            begin = np.searchsorted(tgt_keys, low)
            end = np.searchsorted(tgt_keys, src_c * stride + last[src_i])
            counts = end - begin
            total = int(counts.sum())
            if total:
                # positions begin[k], begin[k] + 1, ..., end[k] - 1 for every occurrence k
                offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
                j = tgt_keys[np.repeat(begin, counts) + offsets] % stride
                rows = np.repeat(src_i, counts)
                weights = np.repeat(self._concept_weight[src_c], counts)
                # adds in input order, as np.add.at does, at a fraction of its cost
                flat = rows * (width + 1) + (j - first[rows])
                shared = np.bincount(flat, weights, minlength=cells).reshape(self.n_src, -1)
        if shared is None:
            shared = np.zeros((self.n_src, width + 1), dtype=float)
        self._band = (first, np.array(width))
        self._shared = shared

    def _shared_cells(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        if self._band is None or self._shared is None:  # not focused: every pair may meet
            self.focus(np.zeros(self.n_src, dtype=np.int64), np.full(self.n_src, self.n_tgt))
        assert self._band is not None
        assert self._shared is not None
        start, total_width = self._band
        width = int(total_width)
        row = np.clip(i, 0, self.n_src - 1)
        k = j - start[row]
        inside = (k >= 0) & (k < width) & (i >= 0) & (i < self.n_src)
        # one gather from the flat table; a cell outside the band reads the zero column
        return self._shared.ravel()[row * (width + 1) + np.where(inside, k, width)]

    def found_weight(
        self, src_start: np.ndarray, src_end: np.ndarray, tgt_start: np.ndarray, tgt_end: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Anchor weight of each side's segments that the other span shares.

        Each segment is credited at most its own anchor weight, so a concept repeated in
        neighbouring segments is not counted twice when beads grow.

        Spans of each size (a, b) are looked up together: a call mixing 1-1 and 3-3 beads
        would otherwise look up 3 x 3 cells for every bead. The cells a bead lacks add
        zeros, so every value is the same as in one lookup.
        """
        sizes = (src_end - src_start).ravel() * (
            int(tgt_end.size and (tgt_end - tgt_start).max()) + 1
        )
        sizes += (tgt_end - tgt_start).ravel()
        runs = runs_of(sizes)
        if not len(runs):
            return self._found_weight_of_size(src_start, src_end, tgt_start, tgt_end)
        found_src = np.empty(sizes.shape)
        found_tgt = np.empty(sizes.shape)
        flat = [x.ravel() for x in (src_start, src_end, tgt_start, tgt_end)]
        starts = np.concatenate([[0], runs])
        if len(np.unique(sizes[starts])) == len(starts):
            # each size in one run (the aligner asks shape by shape): slices, no sort
            for a, b in zip(starts.tolist(), [*runs.tolist(), len(sizes)], strict=True):
                found_src[a:b], found_tgt[a:b] = self._found_weight_of_size(*(x[a:b] for x in flat))
        else:
            # a few sizes (bead shapes): each one's rows picked in one pass, no sort
            groups = (
                [np.flatnonzero(sizes == size) for size in np.flatnonzero(np.bincount(sizes))]
                if sizes.min() >= 0
                else np.split(order := np.argsort(sizes, kind="stable"), runs_of(sizes[order]))
            )
            for rows in groups:
                found_src[rows], found_tgt[rows] = self._found_weight_of_size(
                    *(x[rows] for x in flat)
                )
        return found_src.reshape(src_start.shape), found_tgt.reshape(src_start.shape)

    def _found_weight_of_size(
        self, src_start: np.ndarray, src_end: np.ndarray, tgt_start: np.ndarray, tgt_end: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``_found_weight_of`` for spans that all have one size (a, b), both sides
        non-empty: every cell is a bead's, so no mask is built or applied, and a row's or
        column's cells are added by one reduction in the same order (bit for bit the same
        sums: each starts from the first cell, as 0.0 + x is x)."""
        if not src_start.size:
            return self._found_weight_of(src_start, src_end, tgt_start, tgt_end)
        a = int(src_end.flat[0] - src_start.flat[0])
        b = int(tgt_end.flat[0] - tgt_start.flat[0])
        if (
            a <= 0
            or b <= 0
            or not np.all(src_end - src_start == a)
            or not np.all(tgt_end - tgt_start == b)
        ):
            return self._found_weight_of(src_start, src_end, tgt_start, tgt_end)
        shape = src_start.shape
        full = (a, b, *shape)
        steps = [1] * len(shape)
        cell_i = np.broadcast_to(src_start + np.arange(a).reshape(-1, 1, *steps), full)
        cell_j = np.broadcast_to(tgt_start + np.arange(b).reshape(1, -1, *steps), full)
        cells = self._shared_cells(cell_i.ravel(), cell_j.ravel()).reshape(full)
        rows, columns = cells.sum(axis=1), cells.sum(axis=0)
        found_src = np.minimum(rows[0], self._weight_src[np.minimum(src_start, self.n_src - 1)])
        for da in range(1, a):
            i = np.minimum(src_start + da, self.n_src - 1)
            found_src += np.minimum(rows[da], self._weight_src[i])
        found_tgt = np.minimum(columns[0], self._weight_tgt[np.minimum(tgt_start, self.n_tgt - 1)])
        for db in range(1, b):
            j = np.minimum(tgt_start + db, self.n_tgt - 1)
            found_tgt += np.minimum(columns[db], self._weight_tgt[j])
        return found_src, found_tgt

    def _found_weight_of(
        self, src_start: np.ndarray, src_end: np.ndarray, tgt_start: np.ndarray, tgt_end: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        shape = src_start.shape
        max_a = int((src_end - src_start).max(initial=0))
        max_b = int((tgt_end - tgt_start).max(initial=0))
        # cells[da, db]: shared weight of source segment start + da and target start + db,
        # every cell looked up in one call
        ndim = len(shape)
        source_steps = np.arange(max_a).reshape(-1, 1, *([1] * ndim))
        target_steps = np.arange(max_b).reshape(1, -1, *([1] * ndim))
        cell_i, cell_j = src_start + source_steps, tgt_start + target_steps
        valid = (cell_i < src_end) & (cell_j < tgt_end)
        cells = np.zeros(valid.shape)
        if valid.any():
            cells[valid] = self._shared_cells(
                np.broadcast_to(cell_i, valid.shape)[valid],
                np.broadcast_to(cell_j, valid.shape)[valid],
            )
        found_src = np.zeros(shape)
        for da in range(max_a):
            i = np.minimum(src_start + da, self.n_src - 1)
            row = sum(cells[da], np.zeros(shape))
            found_src += np.where(
                src_start + da < src_end, np.minimum(row, self._weight_src[i]), 0.0
            )
        found_tgt = np.zeros(shape)
        for db in range(max_b):
            j = np.minimum(tgt_start + db, self.n_tgt - 1)
            column = sum((cells[da][db] for da in range(max_a)), np.zeros(shape))
            found_tgt += np.where(
                tgt_start + db < tgt_end, np.minimum(column, self._weight_tgt[j]), 0.0
            )
        return found_src, found_tgt

    def score(
        self,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
    ) -> np.ndarray:
        return self._score(src_start, src_end, tgt_start, tgt_end, None)

    def remember_parts(self) -> None:
        """From now on, keep what ``score_keyed`` computes that the length model leaves as
        it is (the anchors found and missing, the punctuation), by its key, for this scorer
        and every ``calibrated`` copy made of it: the paragraph DP's second pass, with the
        length model measured on the first, asks the same cells of the same band (speed
        only; the same values, summed in the same order). ``forget_parts`` frees them."""
        self._parts = {}

    def forget_parts(self) -> None:
        if self._parts is not None:
            self._parts.clear()  # the calibrated copies hold the same dictionary
        self._parts = None

    def score_keyed(
        self,
        key: Hashable,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
    ) -> np.ndarray:
        """``score`` of spans that ``key`` names: the same key, the same spans in the same
        band (``align.dp._run_dp``'s chunks); parts remembered where ``remember_parts``
        says so."""
        return self._score(src_start, src_end, tgt_start, tgt_end, key)

    def _score(
        self,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
        key: Hashable | None,
    ) -> np.ndarray:
        w = self.weights
        parts = self._parts
        if key is None or parts is None:
            known = None
        else:
            known = parts.pop(key, None) if self._reads_parts else parts.get(key)
        if known is None:
            lexical, punct_diff = self._lexical_parts(src_start, src_end, tgt_start, tgt_end)
            if key is not None and parts is not None and not self._reads_parts:
                parts[key] = (lexical, punct_diff.astype(np.int32))
        else:
            lexical, punct_diff = known[0], known[1].astype(float)

        len_src = self._cum_len_src[src_end] - self._cum_len_src[src_start]
        len_tgt = self._cum_len_tgt[tgt_end] - self._cum_len_tgt[tgt_start]
        length_logprob = gale_church_logprob(
            len_src, len_tgt, self._ratio, self._variance, self._tail if self._use_tail else None
        )
        # the terms in the order they always were: (bias + found - missing) + length - punct
        return lexical + w.length * length_logprob - w.punct * punct_diff

    def _lexical_parts(
        self,
        src_start: np.ndarray,
        src_end: np.ndarray,
        tgt_start: np.ndarray,
        tgt_end: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The score's terms that the length model does not touch: bias + found - missing
        anchor weight (weighted), and the punctuation counts' difference."""
        w = self.weights
        found_src, found_tgt = self.found_weight(src_start, src_end, tgt_start, tgt_end)
        weight_src = self._cum_weight_src[src_end] - self._cum_weight_src[src_start]
        weight_tgt = self._cum_weight_tgt[tgt_end] - self._cum_weight_tgt[tgt_start]
        missing = (weight_src - found_src) + (weight_tgt - found_tgt)
        found = found_src + found_tgt

        # counts are whole numbers: any order of these sums gives the same value, in
        # integers as in floats; a span end's counts of every class are one row, gathered
        # in one read (``_punct_rows``)
        cum_src, cum_tgt = self._cum_punct_src, self._cum_punct_tgt
        difference = cum_src.take(src_end, axis=0)
        difference -= cum_src.take(src_start, axis=0)
        difference -= cum_tgt.take(tgt_end, axis=0)
        difference += cum_tgt.take(tgt_start, axis=0)
        punct_diff = np.abs(difference, out=difference).sum(axis=-1, dtype=np.int64)
        return w.bias + w.found * found - w.missing * missing, punct_diff.astype(float)

    def supported_members(
        self, source: Sequence[int], target: Sequence[int]
    ) -> tuple[list[int], list[int]]:
        """Shared anchors are too sparse to vouch for a whole sentence: none here."""
        return [], []

    def anchor_pairs(self) -> list[tuple[int, int]]:
        """(i, j) for concepts that occur in exactly one segment on each side."""
        if self._anchors is None:
            self._anchors = self._find_anchor_pairs()
        return list(self._anchors)

    def _find_anchor_pairs(self) -> list[tuple[int, int]]:
        src_where: dict[int, list[int]] = defaultdict(list)
        for i, concepts in enumerate(self._concepts_src):
            for c in concepts:
                src_where[c].append(i)
        tgt_where: dict[int, list[int]] = defaultdict(list)
        for j, concepts in enumerate(self._concepts_tgt):
            for c in concepts:
                tgt_where[c].append(j)
        pairs = []
        for c, where in src_where.items():
            posting = tgt_where.get(c)
            if len(where) == 1 and posting is not None and len(posting) == 1:
                pairs.append((where[0], posting[0]))
        return sorted(set(pairs))


def _length_ratio(source_lengths: np.ndarray, target_lengths: np.ndarray) -> float:
    """Target characters per source character over the segments given (one at least)."""
    return max(float(target_lengths.sum()), 1.0) / max(float(source_lengths.sum()), 1.0)


def _occurrences(concepts: Sequence[tuple[int, ...]]) -> tuple[np.ndarray, np.ndarray]:
    """(segment, concept) of every concept of every segment, in order, as two arrays."""
    counts = np.fromiter(map(len, concepts), dtype=np.int64, count=len(concepts))
    flat = chain.from_iterable(concepts)
    values = np.fromiter(flat, dtype=np.int64, count=int(counts.sum()))
    return np.repeat(np.arange(len(concepts), dtype=np.int64), counts), values


def runs_of(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values after the first starts."""
    return np.flatnonzero(np.diff(values)) + 1


def _segment_weights(side: _SideArrays, concept_weight: np.ndarray) -> np.ndarray:
    """Each segment's anchor weight: the sum of its concepts' weights. Segments with as many
    concepts are summed together, one row each (a row's sum is the one numpy gives that row
    alone: the same pairwise order), not one numpy call per segment."""
    concepts = side.concepts
    counts = np.fromiter(map(len, concepts), dtype=np.int64, count=len(concepts))
    flat = np.fromiter((c for cs in concepts for c in cs), dtype=np.int64, count=int(counts.sum()))
    values = concept_weight[flat]
    starts = np.concatenate([[0], np.cumsum(counts)])
    out = np.zeros(len(concepts))
    for count in np.flatnonzero(np.bincount(counts)).tolist() if len(counts) else []:
        if count:
            rows = np.flatnonzero(counts == count)
            out[rows] = values[starts[rows][:, None] + np.arange(count)[None, :]].sum(axis=1)
    return out


def _variance_of(len_src: np.ndarray, len_tgt: np.ndarray, ratio: float) -> float:
    """Gale-Church variance of pairs of lengths: the median squared deviation from the
    ratio, per unit of length (the median of a chi-square with one degree of freedom is
    0.455), robust to the few wrong pairs among them."""
    mean = np.maximum((len_src + len_tgt / ratio) / 2.0, 1.0)
    squared = (len_tgt - len_src * ratio) ** 2 / mean
    return float(np.median(squared)) / 0.455


def _punct_rows(cumulative: np.ndarray) -> np.ndarray:
    """Prefix sums of punctuation counts (segments + 1, classes) as whole numbers, one row a
    segment boundary: a span's counts of every class are two rows, each read at once, in
    half the bytes of floats (int32 while the counts fit it, as any document's do). The
    counts are whole numbers, so the sums and differences are the same values as in
    floats."""
    rows = np.ascontiguousarray(cumulative, dtype=np.int64)
    if rows.size and int(rows.max()) < 2**31 and int(rows.min()) >= 0:
        rows = rows.astype(np.int32)
    return rows


def _cumsum0(values: np.ndarray) -> np.ndarray:
    """Prefix sums with a leading zero row, so sum(values[a:b]) == out[b] - out[a]."""
    zero = np.zeros((1, *values.shape[1:]), dtype=float)
    return np.concatenate([zero, np.cumsum(values, axis=0)])


@dataclass(frozen=True, slots=True)
class LengthTail:
    """How a document's confident links deviate in length beyond the normal's reach.

    Their variance is measured from the median deviation, which fits the middle of the
    distribution; translations deviate far more often than a normal says (German-Japanese
    news: |delta| > 3 in 1.4% of links against the normal's 0.27%, > 4 in 0.2% against
    0.006%). Above ``start``, a quantile of the links' |delta|
    (``LexicalTuning.length_tail_quantile``), the log-probability falls by one per
    ``scale``, the links' mean excess over ``start`` (the exponential tail a
    peaks-over-threshold fit gives), from the normal's value at ``start``.

    >>> tail = LengthTail.measure(np.array([0.1, 0.5, 1.0, 2.0, 4.0]), 0.6)
    >>> round(tail.start, 6), round(tail.scale, 6)  # 2.0 and 4.0 exceed 1.4 by 0.6 and 2.6
    (1.4, 1.6)
    """

    start: float
    scale: float

    @classmethod
    def measure(cls, deltas: np.ndarray, quantile: float) -> LengthTail | None:
        """The tail of ``deltas`` above their ``quantile``; None with nothing above it."""
        size = np.abs(deltas)
        start = float(np.quantile(size, quantile))
        excess = size[size > start] - start
        if not excess.size:
            return None
        return cls(start, max(float(excess.mean()), 1e-6))


def gale_church_logprob(
    len_src: np.ndarray,
    len_tgt: np.ndarray,
    ratio: float,
    variance: float,
    tail: LengthTail | None = None,
) -> np.ndarray:
    """log P(|delta| >= observed) for the Gale-Church length model (0 for a perfect ratio);
    with a measured ``tail``, never below the document's own exponential tail."""
    delta = np.abs(length_deviations(len_src, len_tgt, ratio, variance))
    # two-sided tail of the standard normal: erfc(|delta| / sqrt(2))
    out = np.log(np.maximum(_erfc(delta / math.sqrt(2.0)), 1e-12))
    if tail is not None:
        at_start = math.log(max(float(_erfc(np.array(tail.start / math.sqrt(2.0)))), 1e-12))
        out = np.maximum(out, at_start - (delta - tail.start) / tail.scale)
    return out


def _erfc(x: np.ndarray) -> np.ndarray:
    """Complementary error function, vectorised (Numerical Recipes' Chebyshev fit, 1e-7)."""
    t = 1.0 / (1.0 + 0.5 * x)
    poly = (
        -x * x
        - 1.26551223
        + t
        * (
            1.00002368
            + t
            * (
                0.37409196
                + t
                * (
                    0.09678418
                    + t
                    * (
                        -0.18628806
                        + t
                        * (
                            0.27886807
                            + t
                            * (-1.13520398 + t * (1.48851632 + t * (-0.82215223 + t * 0.17087277)))
                        )
                    )
                )
            )
        )
    )
    return t * np.exp(poly)


def _build_concepts(
    source: Sequence[SegmentFeatures],
    target: Sequence[SegmentFeatures],
    weights: LexicalTuning,
) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]], np.ndarray]:
    """Map words, numbers and URLs to concept ids shared across the two sides.

    Only concepts present on both sides are kept: a word with no look-alike in the other
    document says nothing about which segments pair up. Each concept is weighted by its
    rarity (inverse document frequency over the segments of both sides).
    """
    source_words = set().union(*(f.words for f in source)) if source else set()
    target_words = set().union(*(f.words for f in target)) if target else set()
    uf = _UnionFind()
    for a, b in match_vocabularies(source_words, target_words, fuzzy_cutoff=weights.fuzzy_cutoff):
        uf.union("s:" + a, "t:" + b)

    # each matched word's class, looked up once per word rather than once per segment
    roots: dict[str, dict[str, str]] = {"s": {}, "t": {}}
    for key in list(uf.parent):
        roots[key[0]][key[2:]] = uf.find(key)

    def keys(features: SegmentFeatures, side: str) -> set[str]:
        root = roots[side]
        out = {root[w] for w in features.words if w in root}
        out.update("n:" + n for n in features.numbers)
        out.update("u:" + u for u in features.urls)
        return out

    src_keys = [keys(f, "s") for f in source]
    tgt_keys = [keys(f, "t") for f in target]
    in_src = set().union(*src_keys) if src_keys else set()
    in_tgt = set().union(*tgt_keys) if tgt_keys else set()
    shared = in_src & in_tgt
    ids: dict[str, int] = {}
    df: dict[str, int] = defaultdict(int)
    for ks in (*src_keys, *tgt_keys):
        for k in ks & shared:
            df[k] += 1
    n_segments = len(source) + len(target)
    concept_weight: list[float] = []
    for key in sorted(shared):  # sorted: concept ids do not depend on hash order
        ids[key] = len(concept_weight)
        idf = max(0.0, math.log((n_segments + 1) / (df[key] + 1)) - weights.common_discount)
        boost = weights.number_boost if key.startswith(("n:", "u:")) else 1.0
        concept_weight.append(idf * boost)
    concepts_src = [tuple(sorted(ids[k] for k in ks & shared)) for ks in src_keys]
    concepts_tgt = [tuple(sorted(ids[k] for k in ks & shared)) for ks in tgt_keys]
    return concepts_src, concepts_tgt, np.array(concept_weight, dtype=float)


# Target segments from which their features are read in a forked process (speed only: the
# same features; a fork and the features sent back take tens of milliseconds)
PARALLEL_SEGMENTS = 4000


class LexicalScorer:
    """The default scorer: needs no model, works between any two languages sharing a script."""

    name = "lexical"

    def __init__(self, weights: LexicalTuning | None = None) -> None:
        self.weights = weights or LexicalTuning()

    def prepare(
        self,
        source: Sequence[str],
        target: Sequence[str],
        *,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,  # quick enough not to report
    ) -> LexicalSpanScorer:
        def side_features(side: Sequence[str]) -> list[SegmentFeatures]:
            out = []
            for k, text in enumerate(side):
                if cancelled is not None and k % 512 == 0 and cancelled():
                    raise ComparisonCancelled
                out.append(segment_features(text))
            return out

        # a long target's features on a second CPU while the source's are read here
        if len(target) >= PARALLEL_SEGMENTS and can_fork():
            with Forked(lambda: [segment_features(text) for text in target]) as later:
                features = [side_features(source), later.result()]
        else:
            features = [side_features(source), side_features(target)]
        concepts_src, concepts_tgt, concept_weight = _build_concepts(
            features[0], features[1], self.weights
        )
        return LexicalSpanScorer(
            _SideArrays.build(features[0], concepts_src),
            _SideArrays.build(features[1], concepts_tgt),
            concept_weight,
            self.weights,
        )
