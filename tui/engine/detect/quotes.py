"""Quotations unbalanced on one side, or present on one side only."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.engine.detect.context import (
    Draft,
    FindingContext,
    LinkGroup,
    partner_of,
    quote_text,
    side_name,
)
from tui.engine.model import (
    FindingKind,
    Link,
    Location,
    Paragraph,
    Severity,
    Side,
    Span,
)
from tui.engine.text.anchors import (
    QUOTE_MARKS,
)

_CLOSES = {
    "„": "“”",
    "“": "”",
    "«": "»",
    "»": "«",
    "‚": "‘’",
    "‹": "›",
    "›": "‹",
    '"': '"',
    "「": "」",
    "『": "』",
}
_OPENERS = set(_CLOSES)
_QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")


@dataclass(frozen=True, slots=True)
class QuoteReport:
    quotations: list[Span]  # from opening mark to closing mark, inclusive
    stray: list[int]  # offsets of marks with no partner


def analyse_quotes(text: str) -> QuoteReport:
    """Pair quotation marks of German, French, English, Chinese and Japanese typography.

    >>> analyse_quotes("er sagte: „ja.“ und « non » et „rest").stray
    [31]
    >>> analyse_quotes("war erreicht.“").stray
    [13]
    """
    stack: list[tuple[str, int]] = []
    quotations: list[Span] = []
    stray: list[int] = []
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if stack and mark in _CLOSES[stack[-1][0]]:
            _opener, start = stack.pop()
            quotations.append(Span(start, at + 1))
        elif mark in _OPENERS:
            stack.append((mark, at))
        else:
            stray.append(at)
    stray += [at for _, at in stack]
    return QuoteReport(sorted(quotations, key=lambda s: s.start), sorted(stray))


def quote_mismatches(context: FindingContext, group: LinkGroup) -> list[Draft]:
    link = group.link
    reports = {}
    for side in Side:
        ids = link.source if side is Side.SOURCE else link.target
        article = context.article(side)
        reports[side] = [(p, analyse_quotes(article.paragraphs[p].text)) for p in ids]
    # quotations begun on each side: closed ones plus those opened and never closed
    begun = {
        side: sum(
            len(r.quotations)
            + sum(_opens(context.article(side).paragraphs[p].text, at) for at in r.stray)
            for p, r in reports[side]
        )
        for side in Side
    }
    drafts = []
    for side in Side:
        stray_here = sum(len(r.stray) for _, r in reports[side])
        stray_there = sum(len(r.stray) for _, r in reports[side.other])
        quotes_here = sum(len(r.quotations) for _, r in reports[side])
        quotes_there = sum(len(r.quotations) for _, r in reports[side.other])
        article = context.article(side)
        # As many unpaired marks and quotations begun on both sides, but one side closed a
        # quotation that the other never closed: the unpaired marks are what differs (the
        # sample's Paul Graham paragraph). Otherwise equal marks are reproduced as they were.
        closed_differently = (
            stray_here == stray_there
            and quotes_here != quotes_there
            and begun[side] == begun[side.other]
        )
        if stray_here > stray_there or closed_differently:
            for p, report in reports[side]:
                paragraph = article.paragraphs[p]
                for at in report.stray:
                    span = _stray_span(paragraph, at)
                    drafts.append(
                        _quote_draft(
                            context,
                            link,
                            side,
                            p,
                            span,
                            "unbalanced quotation mark "
                            f"{paragraph.text[at]!s} in the {side_name(side)}",
                        )
                    )
        elif quotes_here > quotes_there and stray_here == stray_there:
            # More quotations here: flag the ones with the least counterpart, by position.
            extra = quotes_here - quotes_there
            spans = [(p, q) for p, r in reports[side] for q in r.quotations]
            for p, q in spans[-extra:]:
                drafts.append(
                    _quote_draft(
                        context, link, side, p, q, f"quotation only in the {side_name(side)}"
                    )
                )
    return drafts


def _stray_span(paragraph: Paragraph, at: int) -> Span:
    """An unpaired mark: the sentence that holds it (an opening mark runs to the end)."""
    for sentence in paragraph.sentences:
        if sentence.start <= at < sentence.end:
            if _opens(paragraph.text, at):
                return Span(at, len(paragraph.text.rstrip()))
            return sentence
    return Span(at, at + 1)


def _opens(text: str, at: int) -> bool:
    """Whether an unpaired mark opens a quotation (the quotation then runs on to the end)."""
    mark = text[at]
    if mark in "„«‚‹「『":
        return True
    if mark == '"':  # ASCII marks open before a word and close after one
        after = text[at + 1 : at + 2]
        before = text[at - 1 : at] if at else " "
        return after.isalnum() and not before.isalnum()
    return False


def _quote_draft(
    context: FindingContext, link: Link, side: Side, p: int, span: Span, what: str
) -> Draft:
    text = context.article(side).paragraphs[p].text[span.start : span.end]
    return Draft(
        kind=FindingKind.QUOTE_MISMATCH,
        severity=Severity.MEDIUM,
        confidence=0.7,
        message=f"{what[0].upper()}{what[1:]}: {quote_text(text)}",
        side=side,
        held=Location(p, span.start, span.end),
        partner=partner_of(context, link, side),
        signature=what + "|" + text,
    )
