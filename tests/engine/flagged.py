"""What the number check flags in a pair of one-paragraph texts (shared by the number tests)."""

from __future__ import annotations

from tui.engine.model import CompareOptions, FindingKind
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text


def flagged_numbers(source_lang: str, source: str, target_lang: str, target: str) -> set:
    """(side, flagged text) of each number_mismatch finding."""
    result = compare(
        article_from_text(source, language=source_lang),
        article_from_text(target, language=target_lang),
        options=CompareOptions(scorer="lexical", source_lang=source_lang, target_lang=target_lang),
    )
    found = set()
    for finding in result.findings:
        if finding.kind is FindingKind.NUMBER_MISMATCH:
            where = finding.location(finding.side)
            text = result.article(finding.side).paragraphs[where.paragraph].text
            found.add((finding.side.value, text[where.start : where.end]))
    return found
