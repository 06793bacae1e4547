"""compare(): the engine's one public entry point.

Paragraphs are aligned first; sentences are then aligned inside each paragraph link, and
findings are derived from both levels. The scorer is chosen by name (CompareOptions.scorer)
or passed in directly. ``CompareOptions.tuning`` (tui.engine.tuning) reaches every stage: the
scorer's weights (a scorer passed in brings its own), the alignment's costs and the
detectors' thresholds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from tui.engine.align.dp import (
    SMALL_PROBLEM,
    AlignParams,
    Bead,
    align,
    align_small_together,
    align_windows,
    small_candidates,
)
from tui.engine.align.priors import document_params, shape_counts
from tui.engine.align.refine import likely_shapes, realign_lone
from tui.engine.align.regroup import regroup_links
from tui.engine.detect.findings import (
    PARALLEL_LINKS,
    EarlyDrafts,
    FindingContext,
    LinkGroup,
    find_all,
    paragraph_drafts,
)
from tui.engine.errors import ComparisonCancelled
from tui.engine.model import (
    Article,
    CompareOptions,
    Comparison,
    Link,
    SentenceLink,
    SentenceRef,
)
from tui.engine.scoring.base import Scorer, SpanScorer, sigmoid
from tui.engine.scoring.lexical import LexicalScorer
from tui.engine.scoring.registry import make_scorer
from tui.engine.tuning import AlignTuning, Tuning
from tui.engine.util.forked import Forked, Later, can_fork
from tui.engine.util.gc_pause import cyclic_gc_paused

if TYPE_CHECKING:  # the model's module loads only with the semantic scorer
    from tui.engine.scoring.embedder import Embedder

ProgressCallback = Callable[[float, str], None]
"""Called with (fraction done in [0, 1], short description of the current stage)."""

# Sentences (both sides) from which the lexical scorer's sentence level is prepared in a
# forked process (speed only: the same scorer; a fork and the scorer sent back cost tens of
# milliseconds)
PARALLEL_SENTENCES = 4000
# Every EARLY_SKIP-th paragraph link's paragraph detectors are left to ``find_all`` (run by
# both its processes) rather than run in the fork beside the regrouping and the sentence
# alignment, which end first (speed only, not results: messy 10k pair, CPU s 7.0 in the
# fork against 5.9 here); links spread evenly keep ``find_all``'s two shares balanced
EARLY_SKIP = 6


@dataclass(frozen=True, slots=True)
class _SentenceIndex:
    """All sentences of one article in document order, with their (paragraph, sentence) refs."""

    texts: list[str]
    refs: list[SentenceRef]
    first_of_paragraph: list[int]  # global index of each paragraph's first sentence

    @classmethod
    def build(cls, article: Article) -> _SentenceIndex:
        texts: list[str] = []
        refs: list[SentenceRef] = []
        first: list[int] = []
        for p, paragraph in enumerate(article.paragraphs):
            first.append(len(texts))
            for s in range(len(paragraph.sentences)):
                texts.append(paragraph.sentence_text(s))
                refs.append((p, s))
        first.append(len(texts))
        return cls(texts, refs, first)

    def span_of(self, paragraphs: tuple[int, ...]) -> tuple[int, int]:
        if not paragraphs:
            return (0, 0)
        return self.first_of_paragraph[paragraphs[0]], self.first_of_paragraph[paragraphs[-1] + 1]


@dataclass(frozen=True, slots=True)
class Sentences:
    """Both articles' sentences and the document-wide scorer prepared on them, with the
    alignment's parameters: what the sentence alignment needs, for the whole comparison or
    for links an editor set by hand (tui.engine.corrections)."""

    source: _SentenceIndex
    target: _SentenceIndex
    scorer: SpanScorer
    params: AlignParams


def prepare_sentences(
    source: Article,
    target: Article,
    scorer: Scorer,
    *,
    tuning: Tuning,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Sentences:
    """Index every sentence of both articles and prepare ``scorer`` on them (the costly part:
    document statistics, and a model's embeddings for the semantic scorer); the alignment's
    costs come from ``tuning``."""
    src, tgt = _SentenceIndex.build(source), _SentenceIndex.build(target)
    prepared = scorer.prepare(src.texts, tgt.texts, cancelled=cancelled, progress=progress)
    return Sentences(src, tgt, prepared, AlignParams(tuning=tuning.align))


def align_sentences(
    sentences: Sentences,
    links: Sequence[Link],
    check: Callable[[], None] = lambda: None,
) -> tuple[Sentences, list[list[SentenceLink]], list[LinkGroup]]:
    """The sentence links inside each of ``links`` and each link's group for the findings.

    With document priors, a second pass uses the shape costs and the length model the first
    pass shows; the ``Sentences`` returned carry that calibrated scorer and its parameters,
    for aligning links set by hand later the same way (``realign_sentences``).
    """
    src, tgt = sentences.source, sentences.target
    blocks = [(*src.span_of(link.source), *tgt.span_of(link.target)) for link in links]
    aligned = _align_sentence_blocks(
        blocks, len(src.texts), sentences.scorer, sentences.params, check
    )
    align_tuning = sentences.params.tuning
    if align_tuning.document_priors:
        counts = shape_counts(bead for _, group in aligned for bead in group)
        sentences = replace(
            sentences,
            params=document_params(
                counts, sentences.params, many_to_many=sentences.scorer.many_to_many
            ),
            scorer=sentences.scorer.calibrated(
                [
                    (s0 + s, t0 + t)
                    for (s0, _, t0, _), (_, group) in zip(blocks, aligned, strict=True)
                    for (s, t) in _confident_pairs(group, align_tuning.confident_log_odds)
                ]
            ),
        )
        aligned = _align_sentence_blocks(
            blocks, len(src.texts), sentences.scorer, sentences.params, check
        )
    aligned = _lone_looked_at(aligned, blocks, sentences.scorer, align_tuning)
    return sentences, *_sentence_links(sentences, links, blocks, aligned)


def _lone_looked_at(
    aligned: list[tuple[SpanScorer | None, list[Bead]]],
    blocks: list[tuple[int, int, int, int]],
    scorer: SpanScorer,
    tuning: AlignTuning,
) -> list[tuple[SpanScorer | None, list[Bead]]]:
    """Inside each paragraph link, the sentences left one-sided looked at again as
    align/refine.py does where paragraphs are sentences (the document-wide scorer's runs)."""
    if not tuning.lone_in_links or getattr(scorer, "run_scores", None) is None:
        return aligned
    out = []
    for (view, beads), (s0, _, t0, _) in zip(aligned, blocks, strict=True):
        if view is None or all(b.source and b.target for b in beads):
            out.append((view, beads))
            continue
        shifted = [
            Bead(tuple(i + s0 for i in b.source), tuple(j + t0 for j in b.target), b.score)
            for b in beads
        ]
        again = realign_lone(shifted, scorer, tuning)
        out.append(
            (
                view,
                [
                    Bead(tuple(i - s0 for i in b.source), tuple(j - t0 for j in b.target), b.score)
                    for b in again
                ],
            )
        )
    return out


def realign_sentences(
    calibrated: Sentences, links: Sequence[Link]
) -> tuple[list[list[SentenceLink]], list[LinkGroup]]:
    """``align_sentences`` for a few links, with the scorer and parameters it calibrated on
    the whole document (one pass)."""
    src, tgt = calibrated.source, calibrated.target
    blocks = [(*src.span_of(link.source), *tgt.span_of(link.target)) for link in links]
    aligned = _align_sentence_blocks(
        blocks, len(src.texts), calibrated.scorer, calibrated.params, lambda: None
    )
    return _sentence_links(calibrated, links, blocks, aligned)


def _sentence_links(
    sentences: Sentences,
    links: Sequence[Link],
    blocks: list[tuple[int, int, int, int]],
    aligned: list[tuple[SpanScorer | None, list[Bead]]],
) -> tuple[list[list[SentenceLink]], list[LinkGroup]]:
    src, tgt = sentences.source, sentences.target
    per_link: list[list[SentenceLink]] = []
    groups: list[LinkGroup] = []
    # every bead's display score in one vectorised call, read in bead order below
    shown = iter(display_scores([bead.score for _, group in aligned for bead in group]))
    for link, (s0, s1, t0, t1), (group_scorer, group) in zip(links, blocks, aligned, strict=True):
        groups.append(
            LinkGroup(
                link=link,
                scorer=group_scorer,
                beads=group,
                source_refs=src.refs[s0:s1],
                target_refs=tgt.refs[t0:t1],
                params=sentences.params,
            )
        )
        per_link.append(
            [
                SentenceLink(
                    tuple(src.refs[s0 + k] for k in bead.source),
                    tuple(tgt.refs[t0 + k] for k in bead.target),
                    next(shown),
                    log_odds=None if bead.score != bead.score else round(float(bead.score), 2),
                )
                for bead in group
            ]
        )
    return per_link, groups


def group_of(sentences: Sentences, link: Link, inside: Sequence[SentenceLink]) -> LinkGroup:
    """The findings' group of ``link`` whose sentence links were set by hand (``inside``,
    in document order): its beads scored by the document-wide scorer."""
    src, tgt = sentences.source, sentences.target
    (s0, s1), (t0, t1) = src.span_of(link.source), tgt.span_of(link.target)
    local_src = {ref: k for k, ref in enumerate(src.refs[s0:s1])}
    local_tgt = {ref: k for k, ref in enumerate(tgt.refs[t0:t1])}
    beads = [
        Bead(
            tuple(local_src[ref] for ref in sentence_link.source),
            tuple(local_tgt[ref] for ref in sentence_link.target),
            float("nan"),
        )
        for sentence_link in inside
    ]
    two_sided = [k for k, bead in enumerate(beads) if bead.source and bead.target]
    if two_sided:
        spans = np.array(
            [
                (
                    s0 + beads[k].source[0],
                    s0 + beads[k].source[-1] + 1,
                    t0 + beads[k].target[0],
                    t0 + beads[k].target[-1] + 1,
                )
                for k in two_sided
            ],
            dtype=np.int64,
        )
        scores = sentences.scorer.score(spans[:, 0], spans[:, 1], spans[:, 2], spans[:, 3])
        for k, score in zip(two_sided, scores.tolist(), strict=True):
            beads[k] = Bead(beads[k].source, beads[k].target, score)
    return LinkGroup(
        link=link,
        scorer=_ShiftedScorer(sentences.scorer, s0, t0) if s1 > s0 and t1 > t0 else None,
        beads=beads,
        source_refs=src.refs[s0:s1],
        target_refs=tgt.refs[t0:t1],
        params=sentences.params,
        by_hand=True,
    )


def focus_links(sentences: Sentences, links: Sequence[Link]) -> None:
    """Ready the scorer for sentence pairs inside ``links``: a scorer's scores hold inside
    the band it was last focused on (the lexical scorer counts shared anchors only there)."""
    src, tgt = sentences.source, sentences.target
    blocks = [(*src.span_of(link.source), *tgt.span_of(link.target)) for link in links]
    _focus(blocks, len(src.texts), sentences.scorer)


def compare(
    source: Article,
    target: Article,
    *,
    options: CompareOptions | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    scorer: Scorer | None = None,
) -> Comparison:
    """Align ``source`` with ``target`` and list what appears in only one of them."""
    with cyclic_gc_paused():
        return _compare(source, target, options, progress, cancelled, scorer)


def _compare(
    source: Article,
    target: Article,
    options: CompareOptions | None,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
    scorer: Scorer | None,
) -> Comparison:
    options = options or CompareOptions()
    tuning = options.tuning
    target, mixed = _partly_translated(source, target, options)
    scorer = scorer or make_scorer(options.scorer, tuning)
    report = progress or (lambda _fraction, _stage: None)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ComparisonCancelled

    check()
    weights = getattr(scorer, "weights", None)
    if getattr(weights, "selective", False):
        report(0.0, "reading the lexical evidence")
        lexical = _compare(source, target, options, None, cancelled, LexicalScorer())
        scorer.skip = _lexically_sure(lexical, weights.selective_floor)  # type: ignore[attr-defined]

    def sentences_here() -> Sentences:
        return prepare_sentences(
            source,
            target,
            scorer,
            tuning=tuning,
            cancelled=cancelled,
            progress=lambda done, total: report(
                0.45 + 0.15 * done / max(total, 1), "scoring sentences"
            ),
        )

    report(0.0, "scoring paragraphs")
    paragraph_scorer = scorer.prepare(
        [p.text for p in source.paragraphs],
        [p.text for p in target.paragraphs],
        cancelled=cancelled,
        # embedding (a model's work) dominates a cold run: show it within this stage
        progress=lambda done, total: report(0.25 * done / max(total, 1), "scoring paragraphs"),
    )
    check()
    # The sentences' scorer needs their texts only: a long article's is prepared in a forked
    # process while the paragraphs are aligned (the lexical scorer's: no model to share)
    pending: Forked[Sentences] | Later[Sentences] = Later(sentences_here)
    model_free = isinstance(scorer, LexicalScorer)
    if model_free and _sentence_count(source, target) >= PARALLEL_SENTENCES and can_fork():
        pending = Forked(lambda: prepare_sentences(source, target, scorer, tuning=tuning))
    with pending:
        paragraph_links = _align_paragraphs(
            source, target, paragraph_scorer, tuning, report, cancelled
        )
        report(0.45, "scoring sentences")
        sentences = pending.result()
    # the detectors that read paragraphs only, on every link the regrouping below leaves as it
    # is: in a forked process while links are regrouped and sentences aligned
    early: Forked[EarlyDrafts] | Later[None] = Later(lambda: None)
    if model_free and len(paragraph_links) >= PARALLEL_LINKS and can_fork():
        early_links = [link for k, link in enumerate(paragraph_links, 1) if k % EARLY_SKIP]
        early = Forked(lambda: paragraph_drafts(source, target, early_links, tuning))
    with early:
        report(0.6, "aligning sentences")
        params = AlignParams(tuning=tuning.align)
        links = regroup_links(
            paragraph_links,
            sentences.source.span_of,
            sentences.target.span_of,
            sentences.source.refs,
            sentences.target.refs,
            sentences.scorer,
            params,
            cancelled,
        )
        _calibrated, per_link, groups = align_sentences(sentences, links, check)
        sentence_links = [sentence_link for inside in per_link for sentence_link in inside]

        report(0.92, "looking for differences")
        context = FindingContext(
            source=source, target=target, links=links, groups=groups, tuning=tuning
        )
        findings = find_all(context, parallel=model_free, early=early.result())
    warnings = tuple(_comparison_warnings(source, target)) + ((mixed,) if mixed else ())
    report(1.0, "done")
    return Comparison(
        source=source,
        target=target,
        links=links,
        sentence_links=tuple(sentence_links),
        findings=findings,
        scorer=scorer.name,
        warnings=warnings,
        tuning=tuning,
    )


def _align_paragraphs(
    source: Article,
    target: Article,
    paragraph_scorer: SpanScorer,
    tuning: Tuning,
    report: ProgressCallback,
    cancelled: Callable[[], bool] | None,
) -> tuple[Link, ...]:
    """The paragraph links (``paragraph_scorer`` prepared on the paragraphs): a first pass,
    then one with what it measured."""
    report(0.25, "aligning paragraphs")
    params = AlignParams(tuning=tuning.align)
    # the second pass changes the length model only: the first pass's other parts of the
    # scores of the same cells are kept for it (speed only)
    remember = tuning.align.document_priors and hasattr(paragraph_scorer, "remember_parts")
    if remember:
        paragraph_scorer.remember_parts()  # type: ignore[attr-defined]
    try:
        beads = _paragraph_passes(source, target, paragraph_scorer, tuning, params, cancelled)
    finally:
        if remember:
            paragraph_scorer.forget_parts()  # type: ignore[attr-defined]
    return tuple(
        Link(bead.source, bead.target, score)
        for bead, score in zip(beads, display_scores([bead.score for bead in beads]), strict=True)
    )


def _paragraph_passes(
    source: Article,
    target: Article,
    paragraph_scorer: SpanScorer,
    tuning: Tuning,
    params: AlignParams,
    cancelled: Callable[[], bool] | None,
) -> list[Bead]:
    """``_align_paragraphs``' beads: a first pass, then one with what it measured."""
    beads = align(
        len(source.paragraphs),
        len(target.paragraphs),
        paragraph_scorer,
        params=params,
        cancelled=cancelled,
    )
    if tuning.align.document_priors:
        # A second pass with the length model measured on the first pass's confident links;
        # and where paragraphs are sentences (a subtitle file, a sentence-aligned corpus),
        # with the shape costs the first pass shows. Elsewhere paragraph shapes say how an
        # editor paragraphed, not how the translator wrote, and paragraphs joined
        # differently are re-derived from their sentences instead.
        paragraph_scorer = paragraph_scorer.calibrated(
            _confident_pairs(beads, tuning.align.confident_log_odds)
        )
        paragraph_params = params
        if _sentence_per_paragraph(source) and _sentence_per_paragraph(target):
            paragraph_params = document_params(
                shape_counts(beads), params, many_to_many=paragraph_scorer.many_to_many
            )
        beads = align(
            len(source.paragraphs),
            len(target.paragraphs),
            paragraph_scorer,
            params=paragraph_params,
            cancelled=cancelled,
        )
    if _sentence_per_paragraph(source) and _sentence_per_paragraph(target):
        # paragraphs that are sentences: a split sentence's part left one-sided is looked
        # at again with its runs embedded as one text (align/refine.py)
        allowed = (
            likely_shapes(beads, paragraph_params.measured)
            if tuning.align.lone_likely_shapes and tuning.align.document_priors
            else None
        )
        beads = realign_lone(beads, paragraph_scorer, tuning.align, cancelled, allowed)
    return beads


def _sentence_count(source: Article, target: Article) -> int:
    return sum(len(paragraph.sentences) for a in (source, target) for paragraph in a.paragraphs)


def _lexically_sure(lexical: Comparison, floor: float) -> frozenset[str]:
    """Texts of sentences a selective semantic pass need not embed: inside a run of three or
    more consecutive one-to-one sentence links the lexical comparison scores ``floor`` or
    more (a run's first and last sentences stay, as the context of what is unsure); a text
    that also occurs outside such runs is kept."""
    src, tgt = _SentenceIndex.build(lexical.source), _SentenceIndex.build(lexical.target)
    at_src = {ref: k for k, ref in enumerate(src.refs)}
    at_tgt = {ref: k for k, ref in enumerate(tgt.refs)}
    sure = sorted(
        (at_src[link.source[0]], at_tgt[link.target[0]])
        for link in lexical.sentence_links
        if len(link.source) == len(link.target) == 1 and link.score >= floor
    )
    skip_src: set[int] = set()
    skip_tgt: set[int] = set()
    run: list[tuple[int, int]] = []
    for pair in [*sure, (-2, -2)]:
        if run and pair == (run[-1][0] + 1, run[-1][1] + 1):
            run.append(pair)
            continue
        for i, j in run[1:-1]:
            skip_src.add(i)
            skip_tgt.add(j)
        run = [pair]
    skipped = {src.texts[i] for i in skip_src} | {tgt.texts[j] for j in skip_tgt}
    kept = {t for k, t in enumerate(src.texts) if k not in skip_src}
    kept |= {t for k, t in enumerate(tgt.texts) if k not in skip_tgt}
    return frozenset(skipped - kept)


class _ShiftedScorer:
    """A view of a document-wide scorer with indices local to one paragraph link."""

    def __init__(self, scorer: SpanScorer, src_offset: int, tgt_offset: int) -> None:
        self._scorer, self._src, self._tgt = scorer, src_offset, tgt_offset

    @property
    def unshifted(self) -> tuple[SpanScorer, int, int]:
        """The document-wide scorer and this view's offsets (source, target): many views'
        spans can be scored in one call on it (detect/one_sided.py)."""
        return self._scorer, self._src, self._tgt

    @property
    def improbable_log_odds(self) -> float | None:
        return self._scorer.improbable_log_odds

    @property
    def reads_meaning(self) -> bool:
        return self._scorer.reads_meaning

    @property
    def length_model(self) -> tuple[float, float]:
        return self._scorer.length_model

    @property
    def embedder(self) -> Embedder | None:
        return getattr(self._scorer, "embedder", None)

    def embed_ahead(self, texts: Sequence[str]) -> None:
        """The scorer's ``embed_ahead`` (texts carry no indices to shift), where it has one."""
        ahead = getattr(self._scorer, "embed_ahead", None)
        if ahead is not None:
            ahead(texts)

    def weighs(self, *, source: bool, start: int, end: int) -> bool:
        offset = self._tgt if source else self._src
        weighs = getattr(self._scorer, "weighs", None)
        return weighs is not None and weighs(source=source, start=start + offset, end=end + offset)

    def evidence_view(self) -> _ShiftedScorer:
        """The shifted view of the scorer's ``evidence_view``, where it has one."""
        view = getattr(self._scorer, "evidence_view", None)
        if view is None:
            return self
        return _ShiftedScorer(view(), self._src, self._tgt)

    def text_log_odds(
        self, texts: Sequence[str], *, source: bool, start: int, end: int
    ) -> np.ndarray | None:
        offset = self._tgt if source else self._src
        return self._scorer.text_log_odds(
            texts, source=source, start=start + offset, end=end + offset
        )

    def pair_log_odds(self, text: str, others: Sequence[str], *, source: bool) -> np.ndarray | None:
        pair = getattr(self._scorer, "pair_log_odds", None)
        return None if pair is None else pair(text, others, source=source)

    def score(self, a0: np.ndarray, a1: np.ndarray, b0: np.ndarray, b1: np.ndarray) -> np.ndarray:
        return self._scorer.score(a0 + self._src, a1 + self._src, b0 + self._tgt, b1 + self._tgt)

    def supported_members(
        self, source: Sequence[int], target: Sequence[int]
    ) -> tuple[list[int], list[int]]:
        return self._scorer.supported_members(*self._shift(source, target))

    def _shift(self, source: Sequence[int], target: Sequence[int]) -> tuple[list[int], list[int]]:
        return [k + self._src for k in source], [k + self._tgt for k in target]


def _focus(blocks: list[tuple[int, int, int, int]], n_source: int, scorer: SpanScorer) -> None:
    """Focus ``scorer`` on the blocks: each source sentence meets its own link's targets.
    The blocks may be a few links only (set by hand), so the band spans every sentence."""
    first = np.zeros(n_source, dtype=np.int64)
    last = np.zeros_like(first)
    for s0, s1, t0, t1 in blocks:
        first[s0:s1], last[s0:s1] = t0, t1
    scorer.focus(first, last)


def _align_sentence_blocks(
    blocks: list[tuple[int, int, int, int]],
    n_source: int,
    scorer: SpanScorer,
    params: AlignParams,
    check: Callable[[], None],
) -> list[tuple[SpanScorer | None, list[Bead]]]:
    """Sentence beads inside each paragraph link (indices local to the link).

    Small links, nearly all of them, have every candidate bead scored in one vectorised
    call on the document-wide scorer; large ones get a banded DP on a window of it.
    """
    _focus(blocks, n_source, scorer)

    small: list[int] = []
    # every candidate bead of an n x m problem, (a, b, i, j) and as spans; the same few
    # sizes recur thousands of times
    candidates: dict[tuple[int, int], tuple[list[tuple[int, int, int, int]], np.ndarray]] = {}
    parts: list[np.ndarray] = []
    for k, (s0, s1, t0, t1) in enumerate(blocks):
        n, m = s1 - s0, t1 - t0
        if n and m and n * m <= SMALL_PROBLEM:
            small.append(k)
            if (n, m) not in candidates:
                keys = small_candidates(n, m, params)
                a, b, i, j = np.array(keys, dtype=np.int64).reshape(-1, 4).T
                candidates[n, m] = keys, np.stack([i - a, i, j - b, j], axis=1)
            parts.append(candidates[n, m][1] + np.array([s0, s0, t0, t0], dtype=np.int64))
    rows = np.concatenate(parts) if parts else np.empty((0, 4), dtype=np.int64)
    scores = np.empty(len(rows))
    for start in range(0, len(rows), 50_000):
        check()
        arr = rows[start : start + 50_000]
        scores[start : start + 50_000] = scorer.score(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])
    # each size's problems solved together, their scores one row each
    firsts: dict[tuple[int, int], list[int]] = {}
    members: dict[tuple[int, int], list[int]] = {}
    done = 0
    for k in small:
        s0, s1, t0, t1 = blocks[k]
        size = (s1 - s0, t1 - t0)
        firsts.setdefault(size, []).append(done)
        members.setdefault(size, []).append(k)
        done += len(candidates[size][0])
    per_block: dict[int, list[Bead]] = {}
    for (n, m), starts in firsts.items():
        check()
        width = len(candidates[n, m][0])
        table = scores[np.array(starts)[:, None] + np.arange(width)[None, :]]
        per_block.update(zip(members[n, m], align_small_together(n, m, table, params), strict=True))

    # the larger links: a DP each, the whole tables among them filled together
    larger = [
        k for k, (s0, s1, t0, t1) in enumerate(blocks) if s1 > s0 and t1 > t0 and k not in per_block
    ]
    check()
    aligned = dict(
        zip(larger, align_windows([blocks[k] for k in larger], scorer, params), strict=True)
    )

    out: list[tuple[SpanScorer | None, list[Bead]]] = []
    for k, (s0, s1, t0, t1) in enumerate(blocks):
        n, m = s1 - s0, t1 - t0
        if k % 512 == 0:
            check()
        if not n or not m:
            beads = [Bead((x,), (), float("nan")) for x in range(n)]
            beads += [Bead((), (x,), float("nan")) for x in range(m)]
            out.append((None, beads))
        elif k in per_block:
            out.append((_ShiftedScorer(scorer, s0, t0), per_block[k]))
        else:
            out.append(aligned[k])
    return out


def _sentence_per_paragraph(article: Article) -> bool:
    """Are most paragraphs of ``article`` a single sentence?"""
    single = sum(1 for paragraph in article.paragraphs if len(paragraph.sentences) <= 1)
    return single * 2 > len(article.paragraphs)


def _confident_pairs(beads: Sequence[Bead], min_log_odds: float) -> list[tuple[int, int]]:
    """(source, target) of the one-to-one beads scoring above ``min_log_odds``
    (``AlignTuning.confident_log_odds``)."""
    return [
        (bead.source[0], bead.target[0])
        for bead in beads
        if len(bead.source) == 1 and len(bead.target) == 1 and bead.score > min_log_odds
    ]


def display_score(log_odds: float) -> float:
    """Scores users see: a probability-like value in [0, 1], 0 for one-sided links."""
    if np.isnan(log_odds):
        return 0.0
    return round(float(sigmoid(log_odds)), 4)


def display_scores(log_odds: Sequence[float]) -> list[float]:
    """``display_score`` of each value, the sigmoids taken in one vectorised call (the same
    values: numpy's element-wise functions do not depend on the array's length)."""
    values = np.array(log_odds, dtype=float)
    shown = sigmoid(values).tolist()
    return [0.0 if x != x else round(y, 4) for x, y in zip(values.tolist(), shown, strict=True)]


def _partly_translated(
    source: Article, target: Article, options: CompareOptions
) -> tuple[Article, str | None]:
    """A target detected in the source's language, some of whose paragraphs are in one other
    language the source does not use, is a partly translated article, not a revision: it is
    compared as a translation into that language (so the rest reads as untranslated).

    At least two paragraphs and a fifth of those long enough to judge must be in that
    language (one misjudged paragraph of names decides nothing); the user's --target-lang
    always wins.
    """
    if options.target_lang or not source.language or target.language != source.language:
        return target, None
    judged = [p.language for p in target.paragraphs if p.language]
    others = Counter(language for language in judged if language != source.language)
    if not others:
        return target, None
    language, count = others.most_common(1)[0]
    in_source = sum(1 for p in source.paragraphs if p.language == language)
    if count < 2 or count < 0.2 * len(judged) or in_source > 0.05 * len(source.paragraphs):
        return target, None
    warning = (
        f"the target is partly in {language} ({count} of {len(judged)} paragraphs) and partly "
        f"in {source.language}, like the source: compared as a translation into {language}"
    )
    return replace(target, language=language), warning


def _comparison_warnings(source: Article, target: Article) -> list[str]:
    warnings = []
    if source.path is not None and source.path == target.path:
        warnings.append("the same file is given as source and target")
    if source.language and source.language == target.language:
        warnings.append(
            f"both articles are in the same language ({source.language}): comparing two revisions"
        )
    return warnings
