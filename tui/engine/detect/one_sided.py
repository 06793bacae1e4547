"""Content present in one version only: one-sided paragraphs and sentences, and the sides of
improbable beads.

A sentence the sentence alignment leaves alone is reported when the evidence is 9 to 1 that it
translates nothing next to it (what joining it to a neighbouring bead would cost, and with a
model its meaning against the neighbours' other side). Where the scorer reads no meaning
(lengths and anchors only), a lone sentence that a neighbouring bead could take nearly as
cheaply, leaving its far sentence alone instead, is reported together with that bead's side
(one finding that says one of its sentences is unmatched, never a paragraph's), and so are
the sentences up to one a few beads away that a re-alignment of those beads could leave alone
instead nearly as cheaply (an omission found a few sentences off, the beads between shifted:
``lone_shift_beads``); one with nothing next to it to weigh it against is not reported
(``LexicalTuning.lone_swap``, ``lone_unweighed``). Both sides of a bead the scorer finds
improbable are reported too (two dropped sentences paired because that is cheaper than two
skips), except a sentence the model finds translated by its partner or by a neighbouring bead's
other side. With a model, a lone sentence's meaning evidence adds how much likelier its
paragraph link's lengths are without it (``detection.lone_length``), if the sentence is at
least one spread of the link's length deviation long (a shorter one moves it by noise),
and it is not reported where a neighbouring bead's lengths want it 9 to 1 and the model does
not find that bead's side 9 to 1 worse with it (the other version runs it into a longer
sentence: ``_part_of_neighbour``, ``detection.lone_neighbour_lengths``).
Omissions folded into a multi-sentence bead are detect/members.py's. The thresholds are
``FindingContext.detection``'s (tui.engine.tuning)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from tui.engine.align.dp import Bead, BeadType, focus_stacked
from tui.engine.detect import tokens
from tui.engine.detect.context import (
    ONE_SIDED_KINDS,
    SHORT_PARAGRAPH_CONFIDENCE,
    Draft,
    FindingContext,
    LinkGroup,
    bead_members,
    characters,
    nearby_log_odds,
    quote_text,
    runs_in_paragraph,
    sentence_draft,
    sentence_texts,
    severity_by_size,
    side_name,
    translation_log_odds,
    two_sided_neighbours,
)
from tui.engine.model import (
    Location,
    Side,
)
from tui.engine.scoring.base import SpanScorer, StackedWindows, length_deviations, sigmoid
from tui.engine.text.anchors import (
    word_count,
)
from tui.engine.util.nearest import NearestMarked


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
                    severity=severity_by_size(words, context.detection),
                    confidence=0.9
                    if words >= context.detection.min_words_to_flag
                    else SHORT_PARAGRAPH_CONFIDENCE,
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
    """Sentences the alignment left alone, where the evidence (log-odds) that each is no
    translation of what is next to it reaches ``detection.lone_min_log_odds`` (9 to 1 by
    default): a closer call is the aligner's doubt, not evidence of an omission."""
    threshold = context.detection.lone_min_log_odds
    # a scorer that reads no meaning leaves the alignment's costs as the only evidence
    lexical = context.tuning.lexical
    alignment_only = group.scorer is not None and not group.scorer.reads_meaning
    swap_places = alignment_only and lexical.lone_swap
    # with nothing next to weigh a lone sentence against, only a model (or
    # lexical.lone_unweighed) has it reported
    report_unweighed = not alignment_only or lexical.lone_unweighed
    # the group a swap is weighed in (``_weighed_by_tail``), made when one is first asked
    swap_group: LinkGroup | None = None
    swap_score: BeadScore | None = None
    score = _known_score(context, group) if group.scorer is not None else None
    drafts = []
    for side in Side:
        lonely: dict[int, tuple[float, str]] = {}
        carried: set[int] = set()  # a neighbouring pair's sentences reported with a lone one
        swapped: set[int] = set()  # the lone sentences they are reported with
        for position, bead in enumerate(group.beads):
            alone = bead_members(bead, side)
            if not alone or (bead.source and bead.target):
                continue
            if group.by_hand:  # the editor left it alone: reported without second-guessing
                lonely[alone[0]] = (0.8, "the editor linked it to nothing")
                continue
            evidence, why = _evidence_alone(context, group, position, side, score)
            if evidence is not None and evidence < threshold:
                continue
            if evidence is not None and _part_of_neighbour(context, group, position, side):
                continue
            if evidence is not None and _words_in_neighbour(context, group, position, side):
                continue
            if evidence is None and not report_unweighed and not _in_run(group, position, side):
                continue
            confidence = 0.8 if evidence is None else float(sigmoid(evidence))
            swaps: list[Swap] = []
            if swap_places:
                if swap_group is None:
                    swap_group = group
                    if lexical.lone_length_tail:
                        swap_group = _weighed_by_tail(group, context)
                    swap_score = _known_score(context, swap_group, tail=swap_group is not group)
                swap = _swap(swap_group, position, side, swap_score)
                swaps = [swap] if swap is not None and swap.cost < threshold else []
                shifts = _shift(
                    swap_group, position, side, swap_score, lexical.lone_shift_beads, threshold
                )
                # a shift that reaches no further than the swap reported says nothing new
                swaps += [
                    shift
                    for shift in shifts
                    if not any(set(shift.members) <= set(found.members) for found in swaps)
                ]
            if swaps:
                why = _swap_why(
                    context, group, side, alone[0], swaps, None if evidence is None else why
                )
                for member in {k for found in swaps for k in found.members}:
                    lonely[member] = (confidence, "")  # the lone sentence's why says it all
                    carried.add(member)
                swapped.add(alone[0])
            lonely[alone[0]] = (confidence, why)
        refs = group.refs(side)
        for run in runs_in_paragraph(sorted(lonely), refs):
            confidence = min(lonely[k][0] for k in run)
            # a run that carries a linked sentence along is not all one-sided (nor, even if
            # it spans its paragraph, a paragraph only in one version)
            lone = [k for k in run if k not in carried]
            unit, reason, counted = None, "", None
            whys = [lonely[k][1] for k in run if lonely[k][1]]
            if len(lone) < len(run):
                counted = lone  # the carried sentences' words are not one-sided
                unit, reason = _UNDECIDED[len(lone) == 1]
                # each lone sentence named, as the swapped ones' words do
                whys = [
                    lonely[k][1]
                    if k in swapped
                    else f"{_quoted(context, group, side, k)}: {lonely[k][1]}"
                    for k in lone
                    if lonely[k][1]
                ]
            why = "; ".join(dict.fromkeys(whys))
            draft = sentence_draft(
                context, group, side, run, confidence, reason, why, unit=unit, lone=counted
            )
            if draft is not None:
                drafts.append(draft)
    return drafts


def _weighed_by_tail(group: LinkGroup, context: FindingContext) -> LinkGroup:
    """``group`` with its scorer's ``evidence_view`` (the length model's measured tail) and
    its two-sided beads scored by it, so that what joining or swapping a lone sentence
    would cost is weighed on the document's own distribution of length deviations (the
    scores read from ``context.bead_scores`` where ``score_lone_neighbours`` put them)."""
    view = getattr(group.scorer, "evidence_view", None)
    if view is None:
        return group
    viewed = replace(group, scorer=view())
    score = _known_score(context, viewed, tail=True)
    beads = [
        Bead(bead.source, bead.target, score(bead.source, bead.target))
        if bead.source and bead.target
        else bead
        for bead in group.beads
    ]
    return replace(viewed, beads=beads)


# a finding's subject and reason where it carries a linked sentence along: (unit, reason)
# with several sentences left alone in it (False) or one (True)
_UNDECIDED = {
    True: ("One of these sentences", " (lengths and anchors cannot tell which)"),
    False: ("Sentences", " (one of them perhaps linked instead: lengths and anchors cannot tell)"),
}


def _swap_why(
    context: FindingContext,
    group: LinkGroup,
    side: Side,
    lone: int,
    swaps: Sequence[Swap],
    evidence: str | None,
) -> str:
    """A lone sentence's evidence in words (None where there is none) and the swaps (or
    shifts) that leave it undecided, naming the sentences."""
    said = f"the alignment left {_quoted(context, group, side, lone)} alone"
    if evidence:
        said += f": {evidence}"
    others = []
    for swap in swaps:
        what = (
            "the pairs next to it could move over"
            if swap.shifted
            else ("the pair next to it could take it")
        )
        others.append(
            f"{what} and leave {_quoted(context, group, side, swap.far)} alone instead for "
            f"{swap.cost:.1f} log-odds"
        )
    return (
        f"{said}; but {'; or '.join(others)} (under "
        f"{context.detection.lone_min_log_odds:.1f}): lengths and anchors cannot tell which "
        "of them is unmatched"
    )


def _quoted(context: FindingContext, group: LinkGroup, side: Side, local: int) -> str:
    """Sentence ``local`` of ``side`` in ``group``, quoted short."""
    refs = group.refs(side)
    paragraph, sentence = refs[local]
    return quote_text(context.article(side).paragraphs[paragraph].sentence_text(sentence), 40)


def _evidence_alone(
    context: FindingContext,
    group: LinkGroup,
    position: int,
    side: Side,
    score: BeadScore | None = None,
) -> tuple[float | None, str]:
    """Log-odds that the one-sided sentence at ``position`` is no translation of its
    neighbours, the stronger of two kinds of evidence: what joining it to a neighbouring bead
    would cost the alignment, and (with a model) how unlike each neighbour's other side its
    meaning is on its own (the alignment's bead scores are length-weighted means, in which a
    short unrelated sentence barely counts), and the same in words. None where neither can
    be measured. ``score`` gives a bead's score (by default ``_known_score``'s)."""
    if score is None and group.scorer is not None:
        score = _known_score(context, group)
    cost = _joining_cost(group, position, side, score)
    unlike = _member_log_odds(context, group, position, side)
    known = [value for value in (cost, None if unlike is None else -unlike) if value is not None]
    if not known:
        return None, "the alignment left it alone; no neighbour to weigh it against"
    said = []
    if cost is not None:
        said.append(f"joining it to a neighbouring pair would cost {cost:.1f} log-odds")
    if unlike is not None:
        said.append(f"its meaning against the neighbours' other side: {unlike:+.1f} log-odds")
    length = _length_log_odds(context, group, position, side) if unlike is not None else None
    if length is not None and unlike is not None:
        # the meaning and the link's lengths are independent evidence and add up; the
        # joining cost already holds the bead's length term
        known.append(length - unlike)
        said.append(f"the link's lengths {length:+.1f} log-odds likelier without it")
    words = _words_log_odds(context, group, position, side) if unlike is not None else None
    if words is not None and words > 0.0 and unlike is not None and unlike <= 0.0:
        # the words' evidence (detection.lone_words) adds to the meaning's where that leans
        # the same way (the sentence unlike its neighbours' other side), never against it
        known.append((length or 0.0) - unlike + words)
        said.append(f"its words, linked one by one, {words:+.1f} log-odds")
    evidence = max(known)
    least = context.detection.lone_min_log_odds
    threshold = f"reported at {least:.1f} log-odds ({math.exp(least):.2g} to 1) or more"
    return evidence, ", ".join(said) + f" ({threshold})"


def _part_of_neighbour(
    context: FindingContext, group: LinkGroup, position: int, side: Side
) -> bool:
    """With a model: is the sentence left alone at ``position`` more likely the missing part
    of a neighbouring bead (a sentence the other version splits where this one does not,
    "l'E." / "1934 y eut ..." after an abbreviation) than an omission? So where joining it to
    that bead makes the bead's lengths ``detection.lone_min_log_odds`` (9 to 1) likelier under
    the document's length model (ratio and spread measured on its confident links; the
    normal log-likelihood ratio of the bead's deviation with it against without it), while
    the model does not find the bead's side with it as surely a worse translation of the
    bead's other side (its concatenated text's log-odds falls by less than the same bar).
    An omitted sentence between faithful beads makes a neighbour's lengths unlikelier; a
    neighbour whose other side is too long for its own could take it. Only with
    ``detection.lone_neighbour_lengths`` and a scorer that reads meaning (detect/members.py
    weighs the members a bead already holds the same way, from the other end)."""
    scorer = group.scorer
    bar = context.detection.lone_min_log_odds
    if not context.detection.lone_neighbour_lengths or scorer is None or not scorer.reads_meaning:
        return False
    if not _has_length_model(scorer):
        return False
    lone = group.beads[position]
    member = (lone.source or lone.target)[0]
    refs = group.refs(side)
    other_refs = group.refs(side.other)

    def text(k: int) -> str:
        return sentence_texts(context, side, [refs[k]])[0].strip()

    own = characters(context, side, [refs[member]])
    for neighbour in two_sided_neighbours(group, position):
        mine = bead_members(neighbour, side)
        other = bead_members(neighbour, side.other)
        if any(refs[k][0] != refs[member][0] for k in mine):
            continue  # a bead of another paragraph cannot take it
        here = characters(context, side, [refs[k] for k in mine])
        there = characters(context, side.other, [other_refs[k] for k in other])
        if _joined_length_log_odds(scorer, side, here, there, own) < bar:
            continue
        texts = [text(k) for k in mine]
        joined = [*texts, text(member)] if member > mine[-1] else [text(member), *texts]
        odds = scorer.text_log_odds(
            [" ".join(texts), " ".join(joined)],
            source=side is Side.SOURCE,
            start=other[0],
            end=other[-1] + 1,
        )
        if odds is not None and odds[0] - odds[1] < bar:
            return True
    return False


def _words_in_neighbour(
    context: FindingContext, group: LinkGroup, position: int, side: Side
) -> bool:
    """Does a neighbouring bead's other side translate the lone sentence word by word
    (tokens.words_in_neighbour)? A sentence the other version runs into a neighbour
    ("Tastend , unter dichten Schneeböen" at the end of "... où ils dévalent à tâtons") is
    translated there, not omitted."""
    text = _lone_text(context, group, position, side)
    return tokens.words_in_neighbour(context, group, position, side, text)


def _words_log_odds(
    context: FindingContext, group: LinkGroup, position: int, side: Side
) -> float | None:
    """With ``detection.lone_words``: the word evidence that neither neighbouring bead's
    other side translates the lone sentence (tokens.neighbour_words_log_odds)."""
    if not context.detection.lone_words:
        return None
    text = _lone_text(context, group, position, side)
    return tokens.neighbour_words_log_odds(context, group, position, side, text)


def _lone_text(context: FindingContext, group: LinkGroup, position: int, side: Side) -> str:
    """The text of the sentence left alone at ``position``."""
    lone = group.beads[position]
    member = (lone.source or lone.target)[0]
    return sentence_texts(context, side, [group.refs(side)[member]])[0]


def _length_log_odds(
    context: FindingContext, group: LinkGroup, position: int, side: Side
) -> float | None:
    """With a model (``unlike`` measured): the log-likelihood ratio of the paragraph link's
    lengths without the sentence left alone at ``position`` against with it, under the
    document's length model (ratio and spread measured on its confident links: the link's
    deviation in spreads, normal): independent of the meaning evidence it is added to.
    None where ``detection.lone_length`` is off, the scorer has no length model, or the
    sentence is shorter than one spread of the link's deviation."""
    if not context.detection.lone_length or group.scorer is None:
        return None
    if not _has_length_model(group.scorer):
        return None
    ratio, variance = group.scorer.length_model
    lone = group.beads[position]
    member = (lone.source or lone.target)[0]
    refs = group.refs(side)
    chars = {
        Side.SOURCE: characters(context, Side.SOURCE, group.source_refs),
        Side.TARGET: characters(context, Side.TARGET, group.target_refs),
    }
    own = characters(context, side, [refs[member]])
    # a sentence shorter than one spread of its link's length deviation moves the deviation
    # by less than the document's own length noise: its length says nothing (no evidence)
    scaled = own * ratio if side is Side.SOURCE else own
    mean = max((chars[Side.SOURCE] + chars[Side.TARGET] / ratio) / 2.0, 1.0)
    if scaled < math.sqrt(variance * mean):
        return None
    joined = _joined_length_log_odds(group.scorer, side, chars[side] - own, chars[side.other], own)
    return max(0.0, -joined)  # 0.0, never -0.0, where the two are as likely


def _has_length_model(scorer: SpanScorer) -> bool:
    """Has ``scorer`` measured a length model (ratio and spread) on its document?"""
    ratio, variance = scorer.length_model
    return ratio > 0 and variance > 0


def _joined_length_log_odds(
    scorer: SpanScorer, side: Side, here: int, there: int, own: int
) -> float:
    """How much likelier (log-likelihood ratio, normal) a pair's lengths are with ``own``
    more characters on ``side`` than without them, ``here`` characters on ``side`` and
    ``there`` on the other, under ``scorer``'s length model (measured on the document's
    confident links)."""
    ratio, variance = scorer.length_model
    pairs = ((here, there), (here + own, there))
    if side is Side.TARGET:
        pairs = tuple((b, a) for a, b in pairs)
    without, with_it = (float(length_deviations(src, tgt, ratio, variance)) for src, tgt in pairs)
    return (without**2 - with_it**2) / 2.0


def _joining_cost(
    group: LinkGroup, position: int, side: Side, score: BeadScore | None = None
) -> float | None:
    """How much less likely the alignment becomes (log-odds) if the one-sided sentence at
    ``position`` joins the bead before or after it instead, the cheaper of the two; None
    where neither can take it (no two-sided neighbour, or a shape not searched). ``score``
    gives a bead's score (by default the group's scorer asked)."""
    params, scorer = group.params, group.scorer
    if params is None or scorer is None:
        return None
    score = score or functools.partial(_bead_score, scorer)
    lone = group.beads[position]
    member = (lone.source or lone.target)[0]
    costs = []
    for neighbour in two_sided_neighbours(group, position):
        source, target = list(neighbour.source), list(neighbour.target)
        (source if side is Side.SOURCE else target).append(member)
        source.sort()
        target.sort()
        try:
            joined = BeadType((len(source), len(target)))
        except ValueError:
            continue
        if joined not in params.prior:
            continue
        joined_score = score(source, target)
        now = params.prior[BeadType((len(neighbour.source), len(neighbour.target)))]
        costs.append((params.prior[joined] - joined_score) - (now - neighbour.score + params.skip))
    return min(costs) if costs else None


BeadScore = Callable[[Sequence[int], Sequence[int]], float]
"""A bead's score from its (consecutive) source and target sentences."""


def _bead_score(scorer: SpanScorer, source: Sequence[int], target: Sequence[int]) -> float:
    """The scorer's log-odds for a bead of these (consecutive) sentences."""
    spans = (source[0], source[-1] + 1, target[0], target[-1] + 1)
    return float(scorer.score(*(np.array([v]) for v in spans))[0])


def _known_score(context: FindingContext, group: LinkGroup, *, tail: bool = False) -> BeadScore:
    """``_bead_score`` on the group's scorer, read from ``context.bead_scores`` where
    ``score_lone_neighbours`` scored it ahead; ``tail``: the group's scorer is its
    ``evidence_view`` (``_weighed_by_tail``)."""
    known, scorer = context.bead_scores.get((group.link, tail), {}), group.scorer
    assert scorer is not None

    def score(source: Sequence[int], target: Sequence[int]) -> float:
        value = known.get((source[0], source[-1] + 1, target[0], target[-1] + 1))
        return _bead_score(scorer, source, target) if value is None else value

    return score


def _recording(spans: set[tuple[int, int, int, int]]) -> BeadScore:
    """A ``BeadScore`` that notes the spans it is asked for in ``spans`` (and scores 0)."""

    def record(source: Sequence[int], target: Sequence[int]) -> float:
        spans.add((source[0], source[-1] + 1, target[0], target[-1] + 1))
        return 0.0

    return record


def score_lone_neighbours(context: FindingContext, groups: Sequence[LinkGroup]) -> None:
    """Score every bead ``one_sided_sentences`` may ask about in ``groups`` (a lone sentence
    joined to a neighbouring pair, or swapped into it) ahead, into ``context.bead_scores``:
    one call per document-wide scorer (``_shared_scorers``) instead of one per bead,
    thousands on a long article. Speed only: a scorer's score of a span pair does not
    depend on the other pairs asked with it, and a bead never asked is scored anyway.
    Only for a scorer that reads no meaning (the lexical one): a model's scorer may embed
    what it is asked, in batches of their own."""
    lexical = context.tuning.lexical
    swaps = lexical.lone_swap
    groups = [
        group
        for group in groups
        if group.scorer is not None
        and not group.scorer.reads_meaning
        and not group.by_hand
        and group.link.source
        and group.link.target
        and any(bool(bead.source) != bool(bead.target) for bead in group.beads)
    ]
    shared = _shared_scorers([group.scorer for group in groups])  # type: ignore[misc]
    # by the scorer actually called: (scorer, global spans, (where, local spans) by group)
    asked: dict[tuple[int, bool], tuple[SpanScorer, list[np.ndarray], list]] = {}
    views: dict[int, SpanScorer] = {}  # each scorer's evidence_view, made once
    for group in groups:
        base, s_off, t_off = shared[id(group.scorer)]
        # spans scored by the group's scorer (False) and by its evidence view (True)
        wanted: dict[bool, set[tuple[int, int, int, int]]] = {False: set(), True: set()}
        tail = swaps and lexical.lone_length_tail and hasattr(base, "evidence_view")

        lone = False
        for position, bead in enumerate(group.beads):
            if bool(bead.source) == bool(bead.target):
                continue
            lone = True
            side = Side.SOURCE if bead.source else Side.TARGET
            _joining_cost(group, position, side, _recording(wanted[False]))
            if swaps:
                _swap(group, position, side, _recording(wanted[tail]))
                window = _shift_window(group, position, lexical.lone_shift_beads)
                if window is not None:
                    s0, _, t0, _, candidates = window
                    for a, b, i, j in candidates:
                        wanted[tail].add((s0 + i - a, s0 + i, t0 + j - b, t0 + j))
        if lone and tail:  # _weighed_by_tail scores every two-sided bead by the view
            for bead in group.beads:
                if bead.source and bead.target:
                    _recording(wanted[True])(bead.source, bead.target)
        for by_tail, spans_wanted in wanted.items():
            if not spans_wanted:
                continue
            scorer = base
            if by_tail:
                if id(base) not in views:
                    views[id(base)] = base.evidence_view()  # type: ignore[attr-defined]
                scorer = views[id(base)]
            _, spans, keys = asked.setdefault((id(base), by_tail), (scorer, [], []))
            local = sorted(spans_wanted)
            spans.append(np.array(local, dtype=np.int64) + np.array([s_off, s_off, t_off, t_off]))
            keys.append((context.bead_scores.setdefault((group.link, by_tail), {}), local))
    for scorer, spans, keys in asked.values():
        a0, a1, b0, b1 = np.concatenate(spans).T
        scores, done = scorer.score(a0, a1, b0, b1).tolist(), 0
        for known, local in keys:
            known.update(zip(local, scores[done : done + len(local)], strict=True))
            done += len(local)


def _shared_scorers(scorers: Sequence[SpanScorer]) -> dict[int, tuple[SpanScorer, int, int]]:
    """For each of ``scorers`` (by id), a scorer that many of them share and where its spans
    are there (source offset, target offset): a view's document-wide scorer (``unshifted``);
    for the unfocused windows of one document-wide scorer (``window_of``), one scorer of
    them all laid end to end (``stacked_windows``, each window meeting its whole table as
    an unfocused window does: bit for bit its scores), not a call for each window."""
    out: dict[int, tuple[SpanScorer, int, int]] = {}
    # by document-wide scorer: (that scorer, its windows, their blocks)
    windows: dict[int, tuple[StackedWindows, list[SpanScorer], list]] = {}
    for scorer in dict.fromkeys(scorers):  # each once, in order
        window_of = getattr(scorer, "window_of", None)
        if (
            window_of is not None
            and isinstance(window_of[0], StackedWindows)
            and not getattr(scorer, "focused", True)
        ):
            parent, block = window_of
            _, members, blocks = windows.setdefault(id(parent), (parent, [], []))
            members.append(scorer)
            blocks.append(block)
        else:
            out[id(scorer)] = getattr(scorer, "unshifted", (scorer, 0, 0))
    for parent, members, blocks in windows.values():
        stacked = parent.stacked_windows(blocks)
        sizes = [(s1 - s0, t1 - t0) for s0, s1, t0, t1 in blocks]
        source_base, target_base = focus_stacked(sizes, stacked)
        for k, member in enumerate(members):
            out[id(member)] = (stacked, int(source_base[k]), int(target_base[k]))
    return out


def _in_run(group: LinkGroup, position: int, side: Side) -> bool:
    """Is a bead next to ``position`` another sentence of ``side`` left alone?"""
    for k in (position - 1, position + 1):
        if 0 <= k < len(group.beads):
            bead = group.beads[k]
            if bead_members(bead, side) and not (bead.source and bead.target):
                return True
    return False


@dataclass(frozen=True, slots=True)
class Swap:
    """A neighbouring bead that could take a lone sentence and leave another alone instead."""

    members: tuple[int, ...]  # the bead's sentences on the lone sentence's side
    far: int  # the one of them left alone instead (at the far end from the lone sentence)
    cost: float  # how much less likely the alignment becomes (log-odds)
    # a re-alignment of several beads around it (``_shift``), not one bead's swap: the
    # members are every sentence of that side from the lone one's neighbour to ``far``
    shifted: bool = False


def _swap(
    group: LinkGroup, position: int, side: Side, score: BeadScore | None = None
) -> Swap | None:
    """What it would cost the alignment (log-odds) if the one-sided sentence at
    ``position`` joined a neighbouring bead (with its sentences on ``side`` in the same
    paragraph) and the bead's sentence at the far end were left alone instead (the shapes
    stay, so only the score changes): the cheaper of the two neighbours; None where no
    neighbour qualifies. Under that cost, which of them is unmatched is open. ``score``
    gives a bead's score (by default the group's scorer asked)."""
    scorer = group.scorer
    if scorer is None:
        return None
    score = score or functools.partial(_bead_score, scorer)
    lone = group.beads[position]
    member = (lone.source or lone.target)[0]
    refs = group.refs(side)
    best: Swap | None = None
    for neighbour in two_sided_neighbours(group, position):
        mine = bead_members(neighbour, side)
        if any(refs[k][0] != refs[member][0] for k in mine):
            continue
        # the lone sentence joins at its end, the member at the far end leaves
        before = mine[0] < member
        shifted = (*mine[1:], member) if before else (member, *mine[:-1])
        source, target = neighbour.source, neighbour.target
        if side is Side.SOURCE:
            source = shifted
        else:
            target = shifted
        cost = neighbour.score - score(source, target)
        if math.isnan(cost):  # a span the scorer cannot score: no evidence, and no minimum
            continue
        if best is None or cost < best.cost:
            best = Swap(mine, mine[0] if before else mine[-1], cost)
    return best


# how far (in sentences of the target) a re-aligned path around a lone sentence may leave
# the path it replaces (``_shift_window``): an omission found a few sentences off moves the
# beads between by one sentence; speed only where no cheaper path lies further off
SHIFT_BAND = 1


def _shift_window(
    group: LinkGroup, position: int, reach: int
) -> tuple[int, int, int, int, list[tuple[int, int, int, int]]] | None:
    """The sentences of the beads within ``reach`` of ``position`` (s0, n source and t0, m
    target, local to the group) and every two-sided bead of the shapes searched there, as
    (a, b, i, j): a source and b target sentences ending at node (i, j) of that window,
    both of its ends at most ``SHIFT_BAND`` target sentences off the path the beads take
    now; None where no sentence of the lone one's side and paragraph is linked there (none
    could be left alone instead) or the group has no parameters."""
    params = group.params
    if params is None or reach <= 0:
        return None
    window = group.beads[max(0, position - reach) : position + reach + 1]
    lone = group.beads[position]
    source_side = bool(lone.source)
    refs = group.source_refs if source_side else group.target_refs
    paragraph = refs[(lone.source or lone.target)[0]][0]
    if not any(
        refs[k][0] == paragraph
        for bead in window
        if bead.source and bead.target
        for k in (bead.source if source_side else bead.target)
    ):
        return None  # no sentence of its paragraph that could be left alone instead
    sources = [k for bead in window for k in bead.source]
    targets = [k for bead in window for k in bead.target]
    n, m = len(sources), len(targets)
    # the columns the present path's beads span in each row, widened by the band
    low, high = [m] * (n + 1), [0] * (n + 1)
    i = j = 0
    for bead in window:
        a, b = len(bead.source), len(bead.target)
        for row in range(i, i + a + 1):
            low[row], high[row] = min(low[row], j), max(high[row], j + b)
        i, j = i + a, j + b
    low = [max(0, x - SHIFT_BAND) for x in low]
    high = [min(m, x + SHIFT_BAND) for x in high]
    candidates = [
        (a, b, i, j)
        for a, b in params.shapes
        if a and b
        for i in range(a, n + 1)
        for j in range(max(b, low[i]), high[i] + 1)
        if low[i - a] <= j - b <= high[i - a]
    ]
    return sources[0], n, targets[0], m, candidates


def _shift(
    group: LinkGroup,
    position: int,
    side: Side,
    score: BeadScore | None = None,
    reach: int = 0,
    bar: float = math.inf,
) -> list[Swap]:
    """The beads within ``reach`` of the one-sided sentence at ``position`` aligned again
    (the same DP: its costs and shapes) with that sentence linked and another sentence of
    ``side`` in its paragraph, linked now, left alone instead (the omission found a few
    sentences off, the beads between shifted by one). Of those that cost the alignment less
    than ``bar`` (log-odds), the farthest before and the farthest after the lone sentence,
    each with the sentences from the lone one's neighbour to it (none with one already
    alone between): any of them may be the unmatched one. A neighbour's swap (``_swap``)
    is one such alignment; here a run of beads may move. ``score`` gives a bead's score
    (by default the group's scorer asked)."""
    scorer, params = group.scorer, group.params
    found = _shift_window(group, position, reach)
    if scorer is None or params is None or found is None:
        return []
    s0, n, t0, m, candidates = found
    score = score or functools.partial(_bead_score, scorer)
    window = group.beads[max(0, position - reach) : position + reach + 1]
    prior = {shape.value: cost for shape, cost in params.prior.items()}
    now = 0.0  # what the window's beads cost the alignment now
    for bead in window:
        if bead.source and bead.target:
            shape = (len(bead.source), len(bead.target))
            if shape not in prior:  # a shape these costs do not search (links set by hand)
                return []
            now += prior[shape] - bead.score
        else:
            now += params.skip * (len(bead.source) + len(bead.target))
    if math.isnan(now):
        return []
    lone = group.beads[position]
    member = (lone.source or lone.target)[0]
    source_side = side is Side.SOURCE
    fixed = member - (s0 if source_side else t0)  # in the window; it may not be left alone
    # the window's DP as edges between its nodes (i, j), numbered i * (m + 1) + j: each
    # bead's start, end and cost; in the order of their ends, which is topological
    width = m + 1
    edges: list[tuple[int, int, float]] = []
    for a, b, i, j in candidates:
        cost = prior[a, b] - score(range(s0 + i - a, s0 + i), range(t0 + j - b, t0 + j))
        if cost < math.inf:  # not nan: a bead the scorer cannot score is not taken
            edges.append(((i - a) * width + j - b, i * width + j, cost))
    skip = params.skip
    for i in range(n + 1):
        for j in range(m + 1):
            if i and not (source_side and i - 1 == fixed):
                edges.append(((i - 1) * width + j, i * width + j, skip))
            if j and not (not source_side and j - 1 == fixed):
                edges.append((i * width + j - 1, i * width + j, skip))
    edges.sort(key=lambda edge: edge[1])
    # best costs from the window's start to each node and from each node to its end
    inf = math.inf
    ahead = [inf] * ((n + 1) * width)
    ahead[0] = 0.0
    for start, end, cost in edges:
        if ahead[start] + cost < ahead[end]:
            ahead[end] = ahead[start] + cost
    behind = [inf] * ((n + 1) * width)
    behind[-1] = 0.0
    for start, end, cost in sorted(edges, key=lambda edge: edge[0], reverse=True):
        if cost + behind[end] < behind[start]:
            behind[start] = cost + behind[end]
    alone_now = {
        k
        for bead in window
        if not (bead.source and bead.target)
        for k in (bead.source if source_side else bead.target)
    }
    refs = group.source_refs if source_side else group.target_refs
    first = s0 if source_side else t0
    farthest: dict[bool, Swap] = {}  # on each side of the lone sentence (after it: True)
    for local in range(n if source_side else m):
        far = first + local
        if far == member or far in alone_now or refs[far][0] != refs[member][0]:
            continue
        members = tuple(range(member + 1, far + 1) if far > member else range(far, member))
        if any(k in alone_now for k in members):
            continue
        # the best alignment that leaves ``far`` alone: through its one-sided bead
        if source_side:
            through = min(
                ahead[local * width + j] + skip + behind[(local + 1) * width + j]
                for j in range(m + 1)
            )
        else:
            through = min(
                ahead[i * width + local] + skip + behind[i * width + local + 1]
                for i in range(n + 1)
            )
        cost = through - now
        if not cost < bar:
            continue
        after = far > member
        if after not in farthest or len(members) > len(farthest[after].members):
            farthest[after] = Swap(members, far, cost, shifted=True)
    return list(farthest.values())


def _member_log_odds(
    context: FindingContext, group: LinkGroup, position: int, side: Side
) -> float | None:
    """The meaning evidence (log-odds) that the one-sided sentence at ``position``
    translates part of a neighbouring bead's other side, the stronger of the two; None for
    a scorer without a model or without a two-sided neighbour."""
    lone = group.beads[position]
    member = (lone.source or lone.target)[0]
    refs = group.refs(side)
    paragraph, sentence = refs[member]
    text = context.article(side).paragraphs[paragraph].sentence_text(sentence)
    return nearby_log_odds(group, position, side, text)


_IMPROBABLE_REASON = " (its link to the other version is improbable)"


def _improbable_threshold(
    context: FindingContext, group: LinkGroup, bead: Bead | None = None
) -> float | None:
    """The score below which a two-sided bead (of ``bead``'s kind: one-to-one, the default,
    or larger) is improbable: under the scorer's absolute bar (a translation that unlikely)
    and a low outlier among the document's beads of that kind (its weak-link floor, or the
    floor of its larger beads, when it has enough of them to say): in a loose translation
    whose links often score that low, such a score is the translator's freedom, not a
    dropped sentence."""
    threshold = group.scorer.improbable_log_odds if group.scorer is not None else None
    larger = bead is not None and (len(bead.source) > 1 or len(bead.target) > 1)
    floor = context.larger_bead_floor if larger else context.weak_link_floor
    if threshold is None or floor is None:
        return threshold
    return min(threshold, floor)


def _improbable(threshold: float | None, bead: Bead) -> bool:
    """Is this two-sided bead one its scorer finds too unlikely to be a translation?"""
    return threshold is not None and bool(bead.source and bead.target) and bead.score < threshold


def improbable_beads(context: FindingContext, group: LinkGroup) -> list[Draft]:
    """Both sides of every improbable bead (``_improbable_threshold``), as content on one
    side only (a sentence dropped on each side, paired because that is cheaper than two
    skips), except a sentence the
    model finds translated after all: by the bead's other side, 9 to 1 as a lone sentence's
    evidence (``detection.lone_min_log_odds``: the anchors and the lengths sank the score,
    not the meaning), or by a neighbouring bead's other side, by
    ``detection.nearby_log_odds`` or more (the alignment paired it badly)."""
    if group.scorer is None:
        return []
    detection = context.detection
    drafts = []
    for position, bead in enumerate(group.beads):
        threshold = _improbable_threshold(context, group, bead)
        if not _improbable(threshold, bead):
            continue
        for side, members in ((Side.SOURCE, bead.source), (Side.TARGET, bead.target)):
            refs = group.refs(side)
            paragraphs = context.article(side).paragraphs
            alone: dict[int, float | None] = {}
            for member in members:
                text = paragraphs[refs[member][0]].sentence_text(refs[member][1])
                partner = translation_log_odds(group, side, text, bead)
                if partner is not None and partner >= detection.lone_min_log_odds:
                    continue
                nearby = nearby_log_odds(group, position, side, text)
                if nearby is None or nearby < detection.nearby_log_odds:
                    alone[member] = nearby
            for run in runs_in_paragraph(sorted(alone), refs):
                draft = sentence_draft(
                    context,
                    group,
                    side,
                    run,
                    detection.improbable_confidence,
                    _IMPROBABLE_REASON,
                    _improbable_why(context, bead.score, [alone[k] for k in run], threshold),
                )
                if draft is not None:
                    drafts.append(draft)
    return drafts


def _improbable_why(
    context: FindingContext, score: float, nearby: list[float | None], threshold: float | None
) -> str:
    """The evidence for one side of an improbable bead, in words."""
    said = f"the pair scores {score:.1f} log-odds"
    if threshold is not None:
        # the scorer's own bar, or lower: the document's floor for beads of this kind
        floor = ""
        if threshold == context.weak_link_floor:
            floor = ", this document's weak-link floor"
        elif threshold == context.larger_bead_floor:
            floor = ", the floor of this document's beads of more than one sentence a side"
        said += f" (improbable below {threshold:.1f}{floor})"
    said += "; the model does not find it translated by its partner"
    known = [value for value in nearby if value is not None]
    if known:
        said += f", nor next to it ({max(known):+.1f} log-odds against the neighbours)"
    return said
