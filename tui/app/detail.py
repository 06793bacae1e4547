"""The detail pane of one row (Enter): its sentence alignment, then its findings.

Each sentence sits in a grid cell, so its wrapped lines continue under it instead of at column
0, and a sentence that a finding flags carries that finding's mark, also inside a link of
several sentences (a 1-2 link whose second target sentence only the target has).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui.app.render import DECISION_MARK, KIND_LABEL, KIND_MARK, NOTE_MARK, clean
from tui.app.rows import PRIORITY, ReviewModel
from tui.engine.model import SentenceLink, SentenceRef, Side
from tui.engine.review import Decision, Review

_LABEL = {Side.SOURCE: "src", Side.TARGET: "tgt"}


def detail_body(
    model: ReviewModel, row_index: int, review: Callable[[int], Review]
) -> RenderableType:
    """Sentence links of row ``row_index`` with flagged sentences marked, then its findings
    with their decisions and notes; ``review`` gives the editor's review of a finding."""
    comparison = model.comparison
    row = model.rows[row_index]
    parts: list[RenderableType] = [Text("Sentence alignment", style="bold underline")]
    if not row.sentence_links:
        parts.append(Text("  (no sentence links in this row)", style="italic"))
    width = _label_width(model, row.sentence_links)
    stronger = sorted(
        link.log_odds for link in comparison.sentence_links if link.log_odds is not None
    )
    for index in row.sentence_links:
        link = comparison.sentence_links[index]
        parts.append(Text(f"\n{link.shape}  {_strength(link, stronger)}", style="bold"))
        grid = _grid(width)
        for side, refs in ((Side.SOURCE, link.source), (Side.TARGET, link.target)):
            if not refs:
                grid.add_row(
                    " ",
                    _LABEL[side],
                    Text("(nothing: only in the other version)", style="italic"),
                )
            for ref in refs:
                grid.add_row(*_sentence_cells(model, side, ref, review))
        parts.append(grid)
    parts.append(Text("\nFindings", style="bold underline"))
    if not row.findings:
        parts.append(Text("  (none)", style="italic"))
    findings = Table.grid(padding=(0, 1))
    findings.add_column(width=1)  # the indent
    findings.add_column(width=1)  # the mark
    findings.add_column(ratio=1, overflow="fold")
    for f in row.findings:
        finding = model.finding(f)
        verdict = review(f)
        body = Text()
        body.append(KIND_LABEL[finding.kind], style="bold")
        body.append(": " + clean(finding.message))
        if verdict.decision is not Decision.OPEN:
            body.append(f" [{verdict.decision.value}]", style="italic")
        body.append(
            f"\nseverity {finding.severity.value}, confidence {finding.confidence:.2f}",
            style="dim",
        )
        if finding.why:
            body.append(f"\nwhy: {clean(finding.why)}", style="dim")
        if verdict.note:
            body.append(f"\n{NOTE_MARK} note: {clean(verdict.note)}", style="italic")
        mark = DECISION_MARK.get(verdict.decision, KIND_MARK[finding.kind])
        findings.add_row("", Text(mark, style="bold"), body)
    parts.append(findings)
    return Group(*parts)


def _strength(link: SentenceLink, ranked: list[float]) -> str:
    """A sentence link's score, and where the scorer weighed it, its evidence in log-odds and
    its rank among the document's links (``ranked``: their log-odds, sorted): the score
    itself is a probability that reads 1.00 for nearly every pair of a translation.

    >>> link = SentenceLink(((0, 0),), ((0, 0),), 1.0, log_odds=12.5)
    >>> print(_strength(link, [3.0, 12.5, 20.0, 31.0]))
    score 1.00 · evidence 12.5 log-odds, weaker than 50% of this document's links
    """
    text = f"score {link.score:.2f}"
    if link.log_odds is None or not ranked:
        return text
    weaker = bisect.bisect_right(ranked, link.log_odds)
    share = 1 - weaker / len(ranked)
    return (
        f"{text} · evidence {link.log_odds:.1f} log-odds, weaker than {share:.0%} of this "
        "document's links"
    )


def _grid(label_width: int) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)  # the mark of a flagged sentence
    grid.add_column(width=label_width, no_wrap=True)  # "tgt ¶12.3"
    grid.add_column(ratio=1, overflow="fold")  # the sentence, wrapped under itself
    return grid


def _label_width(model: ReviewModel, links: tuple[int, ...]) -> int:
    """One label column width for the whole row, so every grid lines up."""
    widest = 0
    for index in links:
        link = model.comparison.sentence_links[index]
        for p, s in (*link.source, *link.target):
            widest = max(widest, len(f"src ¶{p + 1}.{s + 1}"))
    return max(widest, 3)


def _sentence_cells(
    model: ReviewModel, side: Side, ref: SentenceRef, review: Callable[[int], Review]
) -> tuple[Text, str, Text]:
    p, s = ref
    paragraph = model.comparison.article(side).paragraphs[p]
    span = paragraph.sentences[s]
    flagged = [m for m in model.marks[side].get(p, ()) if m.start < span.end and span.start < m.end]
    text = Text(clean(paragraph.sentence_text(s)))
    if not flagged:
        return Text(" "), f"{_LABEL[side]} ¶{p + 1}.{s + 1}", text
    strongest = min(flagged, key=lambda m: PRIORITY[model.finding(m.finding).kind])
    decision = review(strongest.finding).decision
    symbol = DECISION_MARK.get(decision, KIND_MARK[model.finding(strongest.finding).kind])
    for m in flagged:  # underline exactly what is flagged, not the whole sentence
        text.stylize(
            "strike" if review(m.finding).decision is Decision.DISMISSED else "underline",
            max(m.start, span.start) - span.start,
            min(m.end, span.end) - span.start,
        )
    return Text(symbol, style="bold"), f"{_LABEL[side]} ¶{p + 1}.{s + 1}", text
