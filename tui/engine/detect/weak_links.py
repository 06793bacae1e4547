"""Linked sentences that score far below the document's typical link of their kind (one to
one, or more than one sentence a side): more than ``detection.weak_link_deviations`` robust
deviations under its median (tui.engine.tuning)."""

from __future__ import annotations

import numpy as np

from tui.engine.detect.context import (
    Draft,
    FindingContext,
    OneSidedSpans,
    quote_text,
    sentence_span,
)
from tui.engine.model import (
    FindingKind,
    Location,
    SentenceRef,
    Severity,
    Side,
    Span,
)
from tui.engine.scoring.base import sigmoid


def weak_links_not_reported(context: FindingContext, drafts: list[Draft]) -> list[Draft]:
    """Weak links, except on a pair either of whose sentences is already reported as present
    on one side only (the stronger statement about the same text)."""
    reported = OneSidedSpans(drafts)
    return [
        weak
        for weak, members in _weak_links(context)
        if not any(
            reported.overlaps(side, paragraph, span.start, span.end)
            for side, paragraph, span in members
        )
    ]


def _weak_links(context: FindingContext) -> list[tuple[Draft, list[tuple[Side, int, Span]]]]:
    """Linked sentences whose score is a low outlier for this document: one-to-one links
    under its weak-link floor, and links of more than one sentence a side under the floor of
    its larger beads (a loose translation's 1-2 beads score lower than its 1-1 links: each
    kind is judged against its own); only where the score is no better than even odds. A
    draft on the target sentences, with every sentence of the bead, both sides."""
    floors = {False: context.weak_link_floor, True: context.larger_bead_floor}
    drafts = []
    for group in context.groups:
        for bead in group.beads:
            if not (bead.source and bead.target) or np.isnan(bead.score):
                continue
            threshold = floors[len(bead.source) > 1 or len(bead.target) > 1]
            if threshold is None or bead.score >= threshold or bead.score > 0:
                continue
            refs = {  # each side's sentences of the bead, listed once
                Side.SOURCE: [group.source_refs[k] for k in bead.source],
                Side.TARGET: [group.target_refs[k] for k in bead.target],
            }
            paragraph, span = _held(context, refs[Side.TARGET])
            text = context.target.paragraphs[paragraph].text[span.start : span.end]
            draft = Draft(
                kind=FindingKind.WEAK_LINK,
                severity=Severity.LOW,
                confidence=round(float(sigmoid(threshold - bead.score)), 3),
                message="Linked sentences differ more than usual here; check the meaning: "
                + quote_text(text),
                side=Side.TARGET,
                held=Location(paragraph, span.start, span.end),
                partner=Location(refs[Side.SOURCE][0][0], 0, 0),
                signature=text,
            )
            members = [
                (side, ref[0], sentence_span(context.article(side), ref)[1])
                for side in Side
                for ref in refs[side]
            ]
            drafts.append((draft, members))
    return drafts


def _held(context: FindingContext, refs: list[SentenceRef]) -> tuple[int, Span]:
    """The bead's target sentences as one span of the first one's paragraph (a bead that
    runs into the next paragraph is shown by its part in the first)."""
    _, first = sentence_span(context.target, refs[0])
    last = first
    for ref in refs[1:]:
        if ref[0] == refs[0][0]:
            last = sentence_span(context.target, ref)[1]
    return refs[0][0], Span(first.start, last.end)
