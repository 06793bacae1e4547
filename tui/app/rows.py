"""The review view model: one row per paragraph link, findings placed in rows, navigation order.

UI-free (no Textual, no Rich) so it can be built in the comparison worker and tested directly.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.engine.model import Comparison, Finding, FindingKind, Location, Side


@dataclass(frozen=True, slots=True)
class Mark:
    """Flagged content inside one paragraph: ``[start, end)`` on that side, and which finding."""

    start: int
    end: int
    finding: int


@dataclass(frozen=True, slots=True)
class Row:
    """One paragraph link as shown on screen."""

    link: int
    source: tuple[int, ...]
    target: tuple[int, ...]
    shape: str
    score: float
    findings: tuple[int, ...]  # indices into comparison.findings, in reading order
    sentence_links: tuple[int, ...]  # indices into comparison.sentence_links
    key: str  # content signature of the row, used for bookmarks and the resume position
    manual: bool = False  # the editor corrected the link or a sentence link inside it

    def paragraphs(self, side: Side) -> tuple[int, ...]:
        return self.source if side is Side.SOURCE else self.target


def row_signature(source_texts: Iterable[str], target_texts: Iterable[str]) -> str:
    """A short hash of the row's paragraph texts: stable when other rows change.

    >>> row_signature(["a"], ["b"]) == row_signature(["a"], ["b"]) != row_signature(["a"], [])
    True
    """
    digest = hashlib.sha1()
    digest.update("\x1f".join(source_texts).encode("utf-8"))
    digest.update(b"\x1e")
    digest.update("\x1f".join(target_texts).encode("utf-8"))
    return digest.hexdigest()[:16]


# Which finding wins when two flag the same characters (lower is stronger).
PRIORITY: dict[FindingKind, int] = {
    FindingKind.PARAGRAPH_ONLY_IN_SOURCE: 0,
    FindingKind.PARAGRAPH_ONLY_IN_TARGET: 0,
    FindingKind.SENTENCE_ONLY_IN_SOURCE: 1,
    FindingKind.SENTENCE_ONLY_IN_TARGET: 1,
    FindingKind.NUMBER_MISMATCH: 2,
    FindingKind.QUOTE_MISMATCH: 3,
    FindingKind.UNTRANSLATED: 4,
    FindingKind.WEAK_LINK: 5,
    FindingKind.WORDING_CHANGED: 6,
    FindingKind.EDITOR_NOTE: 7,
    FindingKind.NAME_MISMATCH: 2,  # a changed fact, as a number
    FindingKind.DATE_MISMATCH: 2,
}


class ReviewModel:
    """Rows, findings per row and per paragraph, and the orders used by navigation keys."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        links = comparison.links
        self._row_of: dict[Side, dict[int, int]] = {Side.SOURCE: {}, Side.TARGET: {}}
        for index, link in enumerate(links):
            for p in link.source:
                self._row_of[Side.SOURCE][p] = index
            for p in link.target:
                self._row_of[Side.TARGET][p] = index

        # Findings in reading order: by row, then by position inside the row.
        placed: list[tuple[int, int, int, int]] = []
        for index, finding in enumerate(comparison.findings):
            row = self._row_for_finding(finding)
            loc = finding.location(finding.side)
            placed.append(
                (row, 0 if finding.side is Side.SOURCE else 1, loc.start if loc else 0, index)
            )
        placed.sort()
        self.order: list[int] = [p[3] for p in placed]  # finding indices in reading order
        self.finding_row: dict[int, int] = {p[3]: p[0] for p in placed}
        self.rank: dict[int, int] = {f: n for n, f in enumerate(self.order)}
        self._order_rows: list[int] = [p[0] for p in placed]

        per_row: list[list[int]] = [[] for _ in links]
        for row, _side, _start, index in placed:
            per_row[row].append(index)
        sentence_rows: list[list[int]] = [[] for _ in links]
        for index, slink in enumerate(comparison.sentence_links):
            refs = slink.source or slink.target
            side = Side.SOURCE if slink.source else Side.TARGET
            if refs and (row := self._row_of[side].get(refs[0][0])) is not None:
                sentence_rows[row].append(index)

        src_text = comparison.source.paragraphs
        tgt_text = comparison.target.paragraphs
        self.rows: list[Row] = [
            Row(
                link=index,
                source=link.source,
                target=link.target,
                shape=link.shape,
                score=link.score,
                findings=tuple(per_row[index]),
                sentence_links=tuple(sentence_rows[index]),
                key=row_signature(
                    (src_text[p].text for p in link.source), (tgt_text[p].text for p in link.target)
                ),
                manual=link.manual
                or any(comparison.sentence_links[k].manual for k in sentence_rows[index]),
            )
            for index, link in enumerate(links)
        ]

        # Marks per paragraph and side; an empty span only points at the partner, so no mark.
        # An editor's note is about its whole paragraph: its mark covers it.
        self.marks: dict[Side, dict[int, list[Mark]]] = {Side.SOURCE: {}, Side.TARGET: {}}
        for index, finding in enumerate(comparison.findings):
            for side in Side:
                loc = finding.location(side)
                if loc is not None and finding.kind is FindingKind.EDITOR_NOTE:
                    loc = Location(loc.paragraph, 0, len(self.paragraph_text(side, loc.paragraph)))
                if loc is not None and loc.end > loc.start:
                    self.marks[side].setdefault(loc.paragraph, []).append(
                        Mark(loc.start, loc.end, index)
                    )

    def _row_for_finding(self, finding: Finding) -> int:
        for side in (finding.side, finding.side.other):
            loc = finding.location(side)
            if loc is not None and (row := self._row_of[side].get(loc.paragraph)) is not None:
                return row
        return 0

    def row_of_paragraph(self, side: Side, paragraph: int) -> int | None:
        return self._row_of[side].get(paragraph)

    def finding(self, index: int) -> Finding:
        return self.comparison.findings[index]

    def paragraph_text(self, side: Side, paragraph: int) -> str:
        return self.comparison.article(side).paragraphs[paragraph].text

    def search(self, pattern: re.Pattern[str]) -> list[int]:
        """Rows whose text on either side matches ``pattern`` (see tui.app.search), in order."""
        source, target = self.comparison.source.paragraphs, self.comparison.target.paragraphs
        return [
            n
            for n, row in enumerate(self.rows)
            if any(pattern.search(source[p].text) for p in row.source)
            or any(pattern.search(target[p].text) for p in row.target)
        ]

    def nearest_finding(self, row: int) -> int | None:
        """The first finding at or after ``row`` in reading order, else the last one before."""
        if not self.order:
            return None
        position = bisect_left(self._order_rows, row)
        return self.order[min(position, len(self.order) - 1)]

    def next_finding(
        self, current: int | None, row: int, step: int, accept: Callable[[int], bool]
    ) -> int | None:
        """The next (step=1) or previous (step=-1) finding after ``current`` that ``accept``s.

        With no current finding, the search starts from row ``row``. Does not wrap around.
        """
        order = self.order
        if current is not None and current in self.rank:
            position = self.rank[current] + step
        else:
            rows = self._order_rows
            position = bisect_left(rows, row) if step > 0 else bisect_right(rows, row) - 1
        while 0 <= position < len(order):
            if accept(order[position]):
                return order[position]
            position += step
        return None
