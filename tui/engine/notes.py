"""The editor's own findings: a note written on a passage where the engine found nothing.

Such a note lives in the review session like any other review, under an id that names the
paragraph it is on by side and content (``note-t-<hash of the text>``), so it needs nothing new
in the session file, follows its paragraph when other text is edited or the alignment changes,
and disappears from view (not from the file) while that paragraph's text is different.
``with_editor_notes`` turns these reviews into ``editor_note`` findings, which every report and
export then carries like the engine's own.

>>> from tui.engine.text.load import article_from_text
>>> from tui.engine.model import Comparison, Link
>>> from tui.engine.review import Review
>>> source = article_from_text("Erster Satz.", language="de")
>>> target = article_from_text("Première phrase.", language="fr")
>>> plain = Comparison(source, target, (Link((0,), (0,), 1.0),), (), ())
>>> key = note_id(Side.TARGET, "Première phrase.")
>>> [f.kind.value for f in with_editor_notes(plain, {key: Review(note="ask the author")}).findings]
['editor_note']
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from tui.engine.model import (
    Comparison,
    Finding,
    FindingKind,
    Location,
    Severity,
    Side,
)

PREFIX = "note-"
MESSAGE = "The editor's own note on this paragraph"
_SIDE_LETTER = {Side.SOURCE: "s", Side.TARGET: "t"}


def note_id(side: Side, paragraph_text: str) -> str:
    """The review key (and finding id) of an editor's note on a paragraph with this text."""
    digest = hashlib.sha1(paragraph_text.encode("utf-8")).hexdigest()[:12]
    return f"{PREFIX}{_SIDE_LETTER[side]}-{digest}"


def is_note_id(key: str) -> bool:
    return key.startswith(PREFIX)


def with_editor_notes(comparison: Comparison, reviews: Mapping[str, Any]) -> Comparison:
    """``comparison`` with one ``editor_note`` finding per note in ``reviews`` whose paragraph
    is there, in document order among the engine's findings (after those of its link and
    the links before it); notes already in it are replaced.

    The same object is returned when there is nothing to add or remove.
    """
    wanted = {
        key: review
        for key, review in reviews.items()
        if is_note_id(key) and getattr(review, "note", "")
    }
    had_notes = any(f.kind is FindingKind.EDITOR_NOTE for f in comparison.findings)
    if not wanted and not had_notes:
        return comparison
    findings = [f for f in comparison.findings if f.kind is not FindingKind.EDITOR_NOTE]
    paragraphs: dict[str, int] = {}
    for side in Side:
        for index, paragraph in enumerate(comparison.article(side).paragraphs):
            paragraphs.setdefault(note_id(side, paragraph.text), index)  # the first of twins
    link_of = {
        (side, paragraph): link
        for side in Side
        for paragraph, link in comparison.links_by_paragraph(side).items()
    }
    for key in sorted(wanted, key=lambda k: (k[len(PREFIX)], paragraphs.get(k, -1))):
        index = paragraphs.get(key)
        if index is None:
            continue  # its paragraph was edited: the note waits in the session
        side = Side.SOURCE if key[len(PREFIX)] == _SIDE_LETTER[Side.SOURCE] else Side.TARGET
        where = Location(index, 0, 0)
        link = link_of.get((side, index))
        note = Finding(
            id=key,
            kind=FindingKind.EDITOR_NOTE,
            severity=Severity.MEDIUM,
            confidence=1.0,
            message=MESSAGE,
            source=where if side is Side.SOURCE else None,
            target=where if side is Side.TARGET else None,
        )
        # after the last finding on this link or one before it: the report reads in order
        order = -1 if link is None else link
        at = len(findings)
        while at > 0 and _link_index(findings[at - 1], link_of) > order:
            at -= 1
        findings.insert(at, note)
    return replace(comparison, findings=tuple(findings))


def _link_index(finding: Finding, link_of: Mapping[tuple[Side, int], int]) -> int:
    location = finding.location(finding.side)
    if location is None:
        return -1
    return link_of.get((finding.side, location.paragraph), -1)
