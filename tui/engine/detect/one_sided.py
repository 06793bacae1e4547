"""Content present in one version only: one-sided paragraphs and sentences, members of
two-sided beads the other side does not support, and both sides of improbable beads.

Alignment alone misses most omissions (the orphaned sentence gets folded into a 1-2 bead),
so besides one-sided beads every two-sided bead is re-examined: a member that the scorer
finds unsupported by the other side is flagged, unless it sits at the edge of a
multi-sentence bead and dropping it hurts the bead; so are both sides of a bead the scorer
finds improbable. A one-sided sentence that a neighbouring bead's other side translates is
not flagged."""

from __future__ import annotations

import numpy as np

from tui.engine.align.dp import Bead
from tui.engine.detect.context import (
    MIN_WORDS_TO_FLAG,
    ONE_SIDED_KINDS,
    Draft,
    FindingContext,
    LinkGroup,
    Span4,
    quote_text,
    runs_in_paragraph,
    sentence_draft,
    severity_by_size,
    side_name,
)
from tui.engine.model import (
    Location,
    Side,
)
from tui.engine.text.anchors import (
    word_count,
)
from tui.engine.util.nearest import NearestMarked

# A bead member the scorer finds unsupported is flagged unless dropping it from its bead
# costs the bead more log-odds than this (measured on synthetic omissions of the dev set;
# a floor of 0 removes a third of the false alarms there but loses one of the sample
# pair's dropped sentences).
UNSUPPORTED_MAX_COST = 1.0
UNSUPPORTED_CONFIDENCE = 0.6  # the embedding's word alone: less sure than a one-sided bead
IMPROBABLE_CONFIDENCE = 0.5  # either side may be the translator's rewrite of the other


def one_sided_paragraphs(context: FindingContext) -> list[Draft]:
    drafts = []
    # links holding paragraphs of each side, looked up once: a scan per one-sided link is
    # quadratic when nearly everything is one-sided (a book against a one-line file)
    holding = {
        side: NearestMarked(
            link.source if side is Side.SOURCE else link.target for link in context.links
        )
        for side in Side
    }
    for n, link in enumerate(context.links):
        if link.source and link.target:
            continue
        side = Side.SOURCE if link.source else Side.TARGET
        article = context.article(side)
        neighbour = _neighbour_partner(context, n, side, holding[side.other])
        for p in link.source or link.target:
            paragraph = article.paragraphs[p]
            words = word_count(paragraph.text)
            drafts.append(
                Draft(
                    kind=ONE_SIDED_KINDS[(side, True)],
                    severity=severity_by_size(words),
                    confidence=0.9 if words >= MIN_WORDS_TO_FLAG else 0.6,
                    message=f"Paragraph only in the {side_name(side)}: "
                    + quote_text(paragraph.text),
                    side=side,
                    held=Location(p, 0, len(paragraph.text)),
                    partner=neighbour,
                    signature=paragraph.text,
                )
            )
    return drafts


def _neighbour_partner(
    context: FindingContext, link_index: int, side: Side, holding_other: NearestMarked
) -> Location | None:
    """The other side's paragraph just before a one-sided link (or after, at the start);
    ``holding_other`` marks the links that hold paragraphs of the other side."""
    before = holding_other.at_or_before(link_index - 1)
    k = before if before is not None else holding_other.at_or_after(link_index + 1)
    if k is None:
        return None
    ids = context.links[k].source if side.other is Side.SOURCE else context.links[k].target
    return Location(ids[-1] if k < link_index else ids[0], 0, 0)


def one_sided_sentences(context: FindingContext, group: LinkGroup) -> list[Draft]:
    drafts = []
    for side in Side:
        lonely = [
            (bead.source or bead.target)[0]
            for position, bead in enumerate(group.beads)
            if (
                (bead.source and not bead.target and side is Side.SOURCE)
                or (bead.target and not bead.source and side is Side.TARGET)
            )
            and not _translated_next_door(group, position, side)
        ]
        refs = group.source_refs if side is Side.SOURCE else group.target_refs
        for run in runs_in_paragraph(sorted(lonely), refs):
            draft = sentence_draft(context, group, side, run, 0.8, "")
            if draft is not None:
                drafts.append(draft)
    return drafts


def _translated_next_door(group: LinkGroup, position: int, side: Side) -> bool:
    """Does the other side of a neighbouring bead support this one-sided sentence as well as
    a translation? Then the bead shapes, not the translator, left it alone (a 1-4 merge)."""
    if group.scorer is None:
        return False
    lone = group.beads[position]
    for neighbour in group.beads[max(position - 1, 0) : position + 2]:
        if neighbour is lone or not neighbour.source or not neighbour.target:
            continue
        if side is Side.SOURCE:
            supported, _ = group.scorer.supported_members(lone.source, neighbour.target)
        else:
            _, supported = group.scorer.supported_members(neighbour.source, lone.target)
        if supported:
            return True
    return False


_IMPROBABLE_REASON = " (its link to the other version is improbable)"


def _improbable(group: LinkGroup, bead: Bead) -> bool:
    """Is this two-sided bead one its scorer finds too unlikely to be a translation?"""
    threshold = group.scorer.improbable_log_odds if group.scorer is not None else None
    return threshold is not None and bool(bead.source and bead.target) and bead.score < threshold


def improbable_beads(context: FindingContext, group: LinkGroup) -> list[Draft]:
    """Both sides of every improbable bead, as content on one side only."""
    drafts = []
    for bead in group.beads:
        if not _improbable(group, bead):
            continue
        for side, members in ((Side.SOURCE, bead.source), (Side.TARGET, bead.target)):
            refs = group.source_refs if side is Side.SOURCE else group.target_refs
            for run in runs_in_paragraph(list(members), refs):
                draft = sentence_draft(
                    context, group, side, run, IMPROBABLE_CONFIDENCE, _IMPROBABLE_REASON
                )
                if draft is not None:
                    drafts.append(draft)
    return drafts


def _without_edge(span: Span4, side: Side, *, at_start: bool) -> Span4:
    """``span`` without its first (or last) segment on ``side``."""
    s0, s1, t0, t1 = span
    if side is Side.SOURCE:
        return (s0 + 1, s1, t0, t1) if at_start else (s0, s1 - 1, t0, t1)
    return (s0, s1, t0 + 1, t1) if at_start else (s0, s1, t0, t1 - 1)


def unsupported_members(context: FindingContext, group: LinkGroup) -> list[Draft]:
    """Members of two-sided beads that the other side does not support.

    The scorer names the members it finds unsupported (embeddings can tell, anchors cannot).
    A middle member is flagged on that word alone; an edge member only when dropping it from
    the bead costs less than ``UNSUPPORTED_MAX_COST``. (Dropping a member never gains more
    than a one-sided bead's cost minus the merge prior - else the aligner had left it alone -
    so the gain alone cannot decide.)
    """
    scorer = group.scorer
    if scorer is None:
        return []
    # (side, member, the bead's span, the span without the member); a middle member cannot
    # be dropped alone, so the scorer's word is enough there
    candidates: list[tuple[Side, int, Span4, Span4 | None]] = []
    for bead in group.beads:
        if not bead.source or not bead.target:
            continue
        full = (bead.source[0], bead.source[-1] + 1, bead.target[0], bead.target[-1] + 1)
        unsupported = scorer.unsupported_members(bead.source, bead.target)
        for side, positions in zip(Side, unsupported, strict=True):
            members = bead.source if side is Side.SOURCE else bead.target
            for k in positions:
                if len(members) > 1 and (k == 0 or k == len(members) - 1):
                    reduced: Span4 | None = _without_edge(full, side, at_start=k == 0)
                else:
                    reduced = None
                candidates.append((side, members[k], full, reduced))
    edges = [c for c in candidates if c[3] is not None]
    gains: dict[tuple[Side, int], float] = {}
    if edges:
        spans = np.array([c[2] for c in edges] + [c[3] for c in edges], dtype=np.int64)
        scores = scorer.score(spans[:, 0], spans[:, 1], spans[:, 2], spans[:, 3])
        for k, (side, member, _full, _reduced) in enumerate(edges):
            gains[(side, member)] = float(scores[len(edges) + k] - scores[k])
    drafts = []
    for side, member, full, _reduced in candidates:
        gain = gains.get((side, member), 0.0)
        if gain <= -UNSUPPORTED_MAX_COST:
            continue
        # a 1-1 bead's two sentences are both unsupported: they are shown side by side
        alone = full[1] - full[0] == 1 and full[3] - full[2] == 1
        reason = " (the sentence linked to it does not translate it)" if alone else ""
        draft = sentence_draft(context, group, side, [member], UNSUPPORTED_CONFIDENCE, reason)
        if draft is not None:
            drafts.append(draft)
    return drafts
