"""From alignments to findings: the whole detection step on one page.

Each detector reads the aligned links (``FindingContext``) and returns drafts; one pass then
gives them content-derived ids and drops what a larger finding already says. Detectors that
look at one paragraph link at a time run for every two-sided link; changed wordings and weak
links come last because they are not reported where a sentence is already reported as
one-sided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tui.engine.detect.calendar import calendar_mismatches
from tui.engine.detect.context import Draft, FindingContext, LinkGroup
from tui.engine.detect.ids import assign_ids
from tui.engine.detect.meaning import polarity_flips
from tui.engine.detect.members import embed_members_ahead, folded_members
from tui.engine.detect.names import name_mismatches
from tui.engine.detect.numerals import number_mismatches
from tui.engine.detect.one_sided import (
    improbable_beads,
    one_sided_paragraphs,
    one_sided_sentences,
    score_lone_neighbours,
)
from tui.engine.detect.partial import partial_sentences
from tui.engine.detect.quotes import quote_mismatches
from tui.engine.detect.untranslated import untranslated_paragraphs
from tui.engine.detect.weak_links import weak_links_not_reported
from tui.engine.detect.wording import wording_changes
from tui.engine.model import Article, Finding, Link
from tui.engine.tuning import Tuning
from tui.engine.util.forked import Forked, can_fork

__all__ = ["FindingContext", "LinkGroup", "find_all", "paragraph_drafts"]

LinkDetector = Callable[[FindingContext, LinkGroup], list[Draft]]

# Run on every link that pairs paragraphs of both versions, in this order.
LINK_DETECTORS: tuple[LinkDetector, ...] = (
    one_sided_sentences,  # sentences the sentence alignment left without a partner
    improbable_beads,  # both sides of a bead too unlikely to be a translation
    folded_members,  # a bead member its other side does not translate (with a model)
    number_mismatches,  # numbers with no equal number across
    quote_mismatches,  # quotations unbalanced or on one side only
    untranslated_paragraphs,  # target paragraphs left in the source's language
    polarity_flips,  # 1-1 sentence links negated on one side only (off by default)
    calendar_mismatches,  # weekdays and months named on both sides, disagreeing
    name_mismatches,  # names the document carries across, missing or replaced in a link
)


# Link detectors that read a link's paragraphs only, never its sentence alignment: they can
# run as soon as the paragraph links are final (``paragraph_drafts``).
PARAGRAPH_DETECTORS: tuple[LinkDetector, ...] = (
    number_mismatches,
    quote_mismatches,
    untranslated_paragraphs,
    calendar_mismatches,
)

# Two-sided links below which a second process costs more than it saves (a fork of a large
# comparison and its copied pages take tens of milliseconds; speed only, not results).
PARALLEL_LINKS = 2000
# The share of the two-sided links' sentences whose link detectors run in this process when
# the later ones run in a forked one (speed only, not results: the drafts come back in
# order). Less than half: this process also looks for partial sentences meanwhile (messy 10k
# pair, CPU s: 0.13 against 1.1-1.4 for either share of the link detectors); both then end
# together.
MAIN_SHARE = 0.48

EarlyDrafts = dict[Link, dict[str, list[Draft]]]
"""``paragraph_drafts``' result: for each two-sided link, each paragraph detector's drafts
by the detector's name."""


def paragraph_drafts(
    source: Article, target: Article, links: Sequence[Link], tuning: Tuning
) -> EarlyDrafts:
    """``PARAGRAPH_DETECTORS``' drafts on each two-sided link of ``links``, before the
    sentences inside them are aligned: ``find_all`` takes them for the links it meets
    unchanged instead of running those detectors again (the pipeline runs this in a forked
    process while it regroups links and aligns sentences)."""
    context = FindingContext(
        source=source, target=target, links=tuple(links), groups=[], tuning=tuning
    )
    out: EarlyDrafts = {}
    for link in links:
        if link.source and link.target:
            group = LinkGroup(link=link, scorer=None, beads=[], source_refs=(), target_refs=())
            out[link] = {d.__name__: d(context, group) for d in PARAGRAPH_DETECTORS}
    return out


def find_all(
    context: FindingContext, *, parallel: bool = False, early: EarlyDrafts | None = None
) -> tuple[Finding, ...]:
    """Every finding of ``context``. ``parallel``: the link detectors of the later links run
    in a forked copy of this process meanwhile (on a second CPU, for a long article; the
    detectors only read the context, so the findings are the same); only for a scorer whose
    scores need no model (a fork must not share a model's threads or cache). ``early``:
    ``paragraph_drafts`` of links, taken in place of those detectors' runs on them."""
    drafts: list[Draft] = one_sided_paragraphs(context)
    two_sided = [group for group in context.groups if group.link.source and group.link.target]
    done: EarlyDrafts = early or {}
    if parallel and len(two_sided) >= PARALLEL_LINKS and can_fork():
        cut = _cut(two_sided, MAIN_SHARE)
        with Forked(lambda: _link_drafts(context, two_sided[cut:], done)) as later:
            drafts += _link_drafts(context, two_sided[:cut], done)
            partial = partial_sentences(context)  # it reads no drafts: while the fork works
            drafts += later.result()
    else:
        drafts += _link_drafts(context, two_sided, done)
        partial = partial_sentences(context)
    drafts += partial  # text run into a linked sentence (headlines)
    drafts += wording_changes(context, drafts)  # two revisions in one language only
    drafts += weak_links_not_reported(context, drafts)
    return assign_ids(drafts)


def _link_drafts(
    context: FindingContext, groups: list[LinkGroup], done: EarlyDrafts
) -> list[Draft]:
    """``LINK_DETECTORS``' drafts on each of ``groups``, in order; those ``done`` on the
    group's link as they were found there."""
    drafts: list[Draft] = []
    score_lone_neighbours(context, groups)  # the beads one_sided_sentences asks, in one call
    embed_members_ahead(context, groups)  # the texts folded_members weighs, in one batch
    for group in groups:
        found = done.get(group.link, {})
        for detector in LINK_DETECTORS:
            already = found.get(detector.__name__)
            drafts += detector(context, group) if already is None else already
    return drafts


def _cut(groups: list[LinkGroup], share: float) -> int:
    """Where to cut ``groups`` so that about ``share`` of their sentences come before."""
    sizes = [len(group.source_refs) + len(group.target_refs) for group in groups]
    total, running = sum(sizes), 0
    for k, size in enumerate(sizes):
        running += size
        if running >= share * total:
            return k + 1
    return len(groups)
