"""Content-derived finding ids, and the last pass over all drafts: duplicates and findings
that a larger one-sided finding already explains are dropped."""

from __future__ import annotations

import hashlib
from collections import Counter

from tui.engine.detect.context import (
    Draft,
    OneSidedSpans,
    locations,
)
from tui.engine.model import (
    Finding,
    FindingKind,
    Side,
)


def assign_ids(drafts: list[Draft]) -> tuple[Finding, ...]:
    """Content-derived ids: the same finding keeps its id when unrelated text is edited."""
    drafts = _deduplicate(drafts)
    seen: Counter[str] = Counter()
    findings = []
    for draft in sorted(drafts, key=_order_key):
        digest = hashlib.sha1(
            f"{draft.kind.value}|{draft.side.value}|{' '.join(draft.signature.split())}".encode()
        ).hexdigest()[:10]
        seen[digest] += 1
        finding_id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        source, target = locations(draft.side, draft.held, draft.partner)
        findings.append(
            Finding(
                id=finding_id,
                kind=draft.kind,
                severity=draft.severity,
                confidence=draft.confidence,
                message=draft.message,
                source=source,
                target=target,
                why=draft.why,
            )
        )
    return tuple(findings)


_KIND_ORDER = {kind: k for k, kind in enumerate(FindingKind)}  # declaration order


def _order_key(draft: Draft) -> tuple[int, int, int, int]:
    """Document order: by the source paragraph a finding belongs to, then target, then offset."""
    src = (
        draft.held.paragraph
        if draft.side is Side.SOURCE
        else (draft.partner.paragraph if draft.partner else -1)
    )
    tgt = (
        draft.held.paragraph
        if draft.side is Side.TARGET
        else (draft.partner.paragraph if draft.partner else -1)
    )
    return (tgt, src, draft.held.start, _KIND_ORDER[draft.kind])


def _deduplicate(drafts: list[Draft]) -> list[Draft]:
    """The same span flagged twice as content in one version only: keep the first; a span
    inside a larger one flagged so (a member of a bead whose whole side is): keep the larger."""
    out: list[Draft] = []
    seen: set[tuple[Side, int, int, int, bool]] = set()
    for draft in drafts:
        key = (
            draft.side,
            draft.held.paragraph,
            draft.held.start,
            draft.held.end,
            draft.kind.is_omission or draft.kind.is_insertion,
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(draft)
    drop = _inside_larger(out) | _explained_by_one_sided(out)
    return [draft for k, draft in enumerate(out) if k not in drop]


def _explained_by_one_sided(drafts: list[Draft]) -> set[int]:
    """Positions of number and quotation findings inside text already reported as present on
    that side only: a dropped sentence explains its own numbers and quotation marks, and
    one omission is one thing to check, not four."""
    reported = OneSidedSpans(drafts)
    return {
        k
        for k, d in enumerate(drafts)
        if d.kind
        in (
            FindingKind.NUMBER_MISMATCH,
            FindingKind.QUOTE_MISMATCH,
            FindingKind.NAME_MISMATCH,
            FindingKind.DATE_MISMATCH,
        )
        and reported.covers(d.side, d.held.paragraph, d.held.start, d.held.end)
    }


def _inside_larger(drafts: list[Draft]) -> set[int]:
    """Positions of one-sided drafts whose span lies inside another one-sided draft's span on
    the same side and paragraph (spans are distinct: exact repeats are gone). A sweep by
    start keeps it linear after sorting, whatever the number of findings in a paragraph."""
    one_sided = [
        (d.side.value, d.held.paragraph, d.held.start, -d.held.end, k)
        for k, d in enumerate(drafts)
        if d.kind.is_omission or d.kind.is_insertion
    ]
    inside: set[int] = set()
    place, reach = None, -1
    for side, paragraph, _start, negative_end, k in sorted(one_sided):
        if (side, paragraph) != place:
            place, reach = (side, paragraph), -1
        if -negative_end <= reach:
            inside.add(k)
        reach = max(reach, -negative_end)
    return inside
