"""From alignments to findings: the whole detection step on one page.

Each detector reads the aligned links (``FindingContext``) and returns drafts; one pass then
gives them content-derived ids and drops what a larger finding already says. Detectors that
look at one paragraph link at a time run for every two-sided link; changed wordings and weak
links come last because they are not reported where a sentence is already reported as
one-sided.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.engine.detect.context import Draft, FindingContext, LinkGroup
from tui.engine.detect.ids import assign_ids
from tui.engine.detect.meaning import polarity_flips
from tui.engine.detect.numerals import number_mismatches
from tui.engine.detect.one_sided import (
    improbable_beads,
    one_sided_paragraphs,
    one_sided_sentences,
)
from tui.engine.detect.partial import partial_sentences
from tui.engine.detect.quotes import quote_mismatches
from tui.engine.detect.untranslated import untranslated_paragraphs
from tui.engine.detect.weak_links import weak_links_not_reported
from tui.engine.detect.wording import wording_changes
from tui.engine.model import Finding

__all__ = ["FindingContext", "LinkGroup", "find_all"]

LinkDetector = Callable[[FindingContext, LinkGroup], list[Draft]]

# Run on every link that pairs paragraphs of both versions, in this order.
LINK_DETECTORS: tuple[LinkDetector, ...] = (
    one_sided_sentences,  # sentences the sentence alignment left without a partner
    improbable_beads,  # both sides of a bead too unlikely to be a translation
    number_mismatches,  # numbers with no equal number across
    quote_mismatches,  # quotations unbalanced or on one side only
    untranslated_paragraphs,  # target paragraphs left in the source's language
    polarity_flips,  # 1-1 sentence links negated on one side only (off by default)
)


def find_all(context: FindingContext) -> tuple[Finding, ...]:
    drafts: list[Draft] = one_sided_paragraphs(context)
    for group in context.groups:
        if group.link.source and group.link.target:
            for detector in LINK_DETECTORS:
                drafts += detector(context, group)
    drafts += partial_sentences(context)  # text run into a linked sentence (headlines)
    drafts += wording_changes(context, drafts)  # two revisions in one language only
    drafts += weak_links_not_reported(context, drafts)
    return assign_ids(drafts)
