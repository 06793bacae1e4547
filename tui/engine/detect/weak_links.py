"""Linked sentence pairs that score far below the document's typical link: more than
``detection.weak_link_deviations`` robust deviations under its median (tui.engine.tuning)."""

from __future__ import annotations

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
        for weak, (paragraph, span) in _weak_links(context)
        if not reported.overlaps(Side.TARGET, weak.held.paragraph, weak.held.start, weak.held.end)
        and not reported.overlaps(Side.SOURCE, paragraph, span.start, span.end)
    ]


def _weak_links(context: FindingContext) -> list[tuple[Draft, tuple[int, Span]]]:
    """Linked 1-1 sentence pairs whose score is a low outlier for this document: a draft on
    the target sentence, with the source sentence's (paragraph, span)."""
    threshold = context.weak_link_floor
    if threshold is None:
        return []
    drafts = []
    for group, bead in context.scored_one_to_one():
        if bead.score >= threshold or bead.score > 0:
            continue
        ref = group.target_refs[bead.target[0]]
        paragraph, span = sentence_span(context.target, ref)
        src_ref = group.source_refs[bead.source[0]]
        _, src_span = sentence_span(context.source, src_ref)
        draft = Draft(
            kind=FindingKind.WEAK_LINK,
            severity=Severity.LOW,
            confidence=round(float(sigmoid(threshold - bead.score)), 3),
            message="Linked sentences differ more than usual here; check the meaning: "
            + quote_text(paragraph.text[span.start : span.end]),
            side=Side.TARGET,
            held=Location(ref[0], span.start, span.end),
            partner=Location(src_ref[0], 0, 0),
            signature=paragraph.text[span.start : span.end],
        )
        drafts.append((draft, (src_ref[0], src_span)))
    return drafts
