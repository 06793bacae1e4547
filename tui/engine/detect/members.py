"""Sentences the sentence alignment folded into a neighbour's bead: one side of a 2-1 (or
1-2, 3-1, ...) bead holds a sentence its other side does not translate.

The evidence on each member of a multi-sentence bead side, read on concatenated text:
how much better (log-odds, the semantic scorer's ``text_log_odds``) the bead's side
translates the other side without the member than with it, and how much closer to the
document's length model (ratio and spread measured on its confident links) the bead's
lengths come without it (``member_evidence``, what benchmarks/member_features.py dumps).

``folded_members`` reports a member whose bead's other side is translated better without it
by ``detection.folded_min_log_odds`` (9 to 1, the bar of a sentence left alone): the bead's
meaning log-odds come from the document's own calibration (``calibrated_margin`` in
scoring/semantic.py: its mutual nearest neighbours against their neighbours), so the bar is
an odds, not a fitted margin; a translation that splits sentences often raises it by its
bead shape's odds, except for a paragraph of one sentence (a heading, a caption) run into the
bead. A member that translates a neighbouring bead's other side as
surely is not reported (the versions split their sentences differently there). Only for a
scorer that reads meaning: lengths and anchors alone cannot say which member is extra.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass

from tui.engine.align.dp import Bead, BeadType
from tui.engine.detect import tokens
from tui.engine.detect.context import (
    Draft,
    FindingContext,
    LinkGroup,
    bead_members,
    characters,
    nearby_log_odds,
    runs_in_paragraph,
    sentence_draft,
    sentence_texts,
)
from tui.engine.model import Side
from tui.engine.scoring.base import sigmoid
from tui.engine.text.anchors import word_count
from tui.engine.text.scripts import FULLWIDTH_STOP, NATIVE_STOPS


@dataclass(frozen=True, slots=True)
class MemberEvidence:
    """What the detector weighs on one member of a multi-sentence bead side."""

    side: Side
    paragraph: int
    sentence: int
    group: int  # index into FindingContext.groups
    position: int  # the bead's, in the group
    local: int  # the member's local index on its side
    shape: str  # "2-1", ...
    edge: bool  # first or last member of its side
    chars: int
    bead_chars: int  # the side's, with the member
    other_chars: int
    bead_score: float
    with_log_odds: float  # the side's whole text against the other side
    without_log_odds: float  # the side's text without the member
    alone_log_odds: float  # the member alone
    delta_with: float  # length deviation (spreads) with the member
    delta_without: float  # and without it
    paragraph_start: bool  # first sentence of its paragraph (a headline's place)

    def as_dict(self) -> dict:
        out = asdict(self)
        out["side"] = self.side.value
        return out


def _split_odds(group: LinkGroup, bead: Bead, side: Side) -> float:
    """The document's prior log-odds for this bead's shape against the same bead less one
    member on ``side`` plus that member left alone (the alignment's shape costs, measured
    on the document's first pass by align/priors.py, and its skip cost), at least 0: in a
    translation that splits sentences often (a novel's 1-2 beads), a member must be that much
    surer to be extra."""
    params = group.params
    if params is None:
        return 0.0
    source, target = len(bead.source), len(bead.target)
    smaller = (source - 1, target) if side is Side.SOURCE else (source, target - 1)
    try:
        shape, less = BeadType((source, target)), BeadType(smaller)
    except ValueError:
        return 0.0
    if shape not in params.prior or less not in params.prior:
        return 0.0
    return max(params.prior[less] + params.skip - params.prior[shape], 0.0)


def _deviation(side: Side, chars: int, other_chars: int, model: tuple[float, float]) -> float:
    """How many spreads of the document's length model (ratio, variance) a bead of ``chars``
    characters on ``side`` and ``other_chars`` on the other lies from it (partial.py's
    measure)."""
    ratio, variance = model
    src, tgt = (chars, other_chars) if side is Side.SOURCE else (other_chars, chars)
    mean = max((src + tgt / ratio) / 2.0, 1.0)
    return (tgt - src * ratio) / math.sqrt(variance * mean)


def _joined(texts: list[str]) -> str:
    return " ".join(text.strip() for text in texts)


def _asked(texts: list[str]) -> list[str]:
    """What the evidence on a bead side's members ``texts`` weighs against the other side:
    the side's whole text, the text without each member in turn, each member alone."""
    without = [_joined(texts[:n] + texts[n + 1 :]) for n in range(len(texts))]
    return [_joined(texts), *without, *texts]


def embed_members_ahead(context: FindingContext, groups: Sequence[LinkGroup]) -> None:
    """Embed every text ``folded_members`` will weigh in ``groups`` now, in one batch per
    model, instead of a few texts per bead (a long article asks hundreds: one small batch
    each ran the model at a fifth of its speed). Speed only: the scorer keeps the vectors for
    the detector's calls, and a text's vector does not depend on its batch. A bead whose
    other side the scorer cannot weigh against (sentences a selective pass left unembedded)
    is passed over, as the detector passes over it."""
    # by embedder (a document's scorers and their views share one): who asks, and what
    wanted: dict[int, tuple[Callable[[list[str]], None], list[str]]] = {}
    for group in groups:
        scorer = group.scorer
        ahead = getattr(scorer, "embed_ahead", None)
        weighs = getattr(scorer, "weighs", None)
        if ahead is None or weighs is None:
            continue
        key = id(getattr(scorer, "embedder", None) or scorer)
        for _, _, side, _, other, texts in _bead_sides(context, group):
            if weighs(source=side is Side.SOURCE, start=other[0], end=other[-1] + 1):
                wanted.setdefault(key, (ahead, []))[1].extend(_asked(texts))
    for ahead, texts in wanted.values():
        ahead(list(dict.fromkeys(texts)))


def _bead_sides(
    context: FindingContext, group: LinkGroup
) -> Iterator[tuple[int, Bead, Side, tuple[int, ...], tuple[int, ...], list[str]]]:
    """(position, bead, side, members, other side's members, members' texts) of every bead
    side of several sentences facing sentences, in a link a meaning-reading scorer aligned."""
    scorer = group.scorer
    if scorer is None or not scorer.reads_meaning or group.by_hand:
        return
    if not (group.link.source and group.link.target):
        return
    for position, bead in enumerate(group.beads):
        if not (bead.source and bead.target):
            continue
        for side in Side:
            members = bead_members(bead, side)
            if len(members) < 2:
                continue
            other = bead_members(bead, side.other)
            refs = group.refs(side)
            texts = sentence_texts(context, side, [refs[k] for k in members])
            yield position, bead, side, members, other, texts


_REASON = " (its link's other side translates the rest of it better without this)"


def folded_members(context: FindingContext, group: LinkGroup) -> list[Draft]:
    """Members of a multi-sentence bead side that the bead's other side does not translate:
    the side's concatenated text without the member translates the other side better by
    ``detection.folded_min_log_odds`` or more (never every member of a side)."""
    if group.scorer is None or not group.scorer.reads_meaning or group.by_hand:
        return []
    least = context.detection.folded_min_log_odds
    flagged: dict[Side, dict[int, tuple[float, str]]] = {Side.SOURCE: {}, Side.TARGET: {}}
    by_bead: dict[tuple[Side, int], list[MemberEvidence]] = {}
    for ev in _group_evidence(context, -1, group):
        by_bead.setdefault((ev.side, ev.position), []).append(ev)
    for (side, position), members in by_bead.items():
        split = _split_odds(group, group.beads[position], side)
        words = _words_evidence(context, group, position, side, members)
        bars = {ev.local: least + _own_split_odds(context, ev, split) for ev in members}
        extra = [ev for ev in members if _gain(ev) + words.get(ev.local, 0.0) >= bars[ev.local]]
        if not extra or len(extra) == len(members):
            continue
        paragraphs = context.article(side).paragraphs
        for ev in extra:
            bar = bars[ev.local]
            text = paragraphs[ev.paragraph].sentence_text(ev.sentence)
            nearby = nearby_log_odds(group, position, side, text)
            if nearby is not None and nearby >= bar:
                continue
            gain = _gain(ev)
            # reported on its words' evidence: so is it cleared by them, translated word
            # by word in a neighbouring bead (the check a sentence left alone goes through)
            if (
                gain < bar
                and ev.local in words
                and tokens.words_in_neighbour(context, group, position, side, text)
            ):
                continue
            why = (
                f"the other side of its {ev.shape} link translates the rest "
                f"{gain:.1f} log-odds better without it ({ev.with_log_odds:+.1f} -> "
                f"{ev.without_log_odds:+.1f}; reported at {bar:.1f}, {math.exp(bar):.2g} to 1); "
                f"its own meaning against that side: {ev.alone_log_odds:+.1f} log-odds"
            )
            if nearby is not None:
                why += f", against the neighbouring links' {nearby:+.1f}"
            if ev.local in words:
                why += f"; its words, linked one by one, add {words[ev.local]:+.1f}"
            gain += words.get(ev.local, 0.0)
            flagged[side][ev.local] = (float(sigmoid(gain)), why)
    drafts = []
    for side, found in flagged.items():
        refs = group.refs(side)
        for run in runs_in_paragraph(sorted(found), refs):
            confidence = min(found[k][0] for k in run)
            why = "; ".join(dict.fromkeys(found[k][1] for k in run))
            draft = sentence_draft(context, group, side, run, confidence, _REASON, why)
            if draft is not None:
                drafts.append(draft)
    return drafts


def _own_split_odds(context: FindingContext, ev: MemberEvidence, split: float) -> float:
    """The shape's split odds (``_split_odds``) as they weigh on member ``ev``: none for a
    paragraph of one sentence (a heading, a caption) of at least ``min_words_to_flag`` words
    that ends as a heading does (no full stop or closing quotation mark) run into the bead
    (``detection.lone_paragraph_members``), which is no sentence the translation split."""
    paragraph = context.article(ev.side).paragraphs[ev.paragraph]
    if (
        context.detection.lone_paragraph_members
        and len(paragraph.sentences) == 1
        and word_count(paragraph.text) >= context.detection.min_words_to_flag
        and _ends_as_heading(paragraph.text)
    ):
        return 0.0
    return split


def _ends_as_heading(text: str) -> bool:
    """Does ``text`` end as a heading or caption does: with no full stop and no closing
    quotation mark? A sentence a translator set as a paragraph of its own ("Der Minister ist
    zurückgetreten.") and a line of dialogue ("“Are you going?”") end with one."""
    last = text.rstrip()[-1:]
    return bool(last) and last not in _SENTENCE_CLOSERS


# a full stop in any script, and the quotation marks a line of dialogue ends with
_SENTENCE_CLOSERS = frozenset("." + FULLWIDTH_STOP + "。｡︒" + NATIVE_STOPS + "\"'”’»」』")


def _gain(ev: MemberEvidence) -> float:
    """How much better (log-odds) the bead's other side translates the rest without it."""
    return ev.without_log_odds - ev.with_log_odds


def _words_evidence(
    context: FindingContext,
    group: LinkGroup,
    position: int,
    side: Side,
    members: list[MemberEvidence],
) -> dict[int, float]:
    """With ``detection.member_words``: by member, the word evidence (detect/tokens.py: a
    log-likelihood ratio on the document's own rates) that the bead's other side does not
    translate it, its own side's other members competing for the tokens; only for members
    whose meaning gain is at least 0 and whose words lean that way (the evidence is never
    taken against one). Added to the gain as independent evidence."""
    tuning = context.detection
    embedder = getattr(group.scorer, "embedder", None)
    if not tuning.member_words or embedder is None:
        return {}
    leaning = [ev for ev in members if _gain(ev) >= 0.0]
    if not leaning:
        return {}
    rates = tokens.document_rates(context, embedder, side, tuning.token_layer, tuning.token_pairs)
    if rates is None:
        return {}
    bead = group.beads[position]
    mine = bead_members(bead, side)
    mine_texts = sentence_texts(context, side, [group.refs(side)[k] for k in mine])
    texts = dict(zip(mine, mine_texts, strict=True))
    theirs_refs = [group.refs(side.other)[k] for k in bead_members(bead, side.other)]
    theirs = sentence_texts(context, side.other, theirs_refs)
    out: dict[int, float] = {}
    for ev in leaning:
        rest = [text for k, text in texts.items() if k != ev.local]
        found = tokens.linked_words(embedder, texts[ev.local], rest, theirs, tuning.token_layer)
        if found is not None:
            odds = rates.unrelated_log_odds(*found)
            if odds > 0.0:
                out[ev.local] = odds
    return out


def member_evidence(context: FindingContext) -> list[MemberEvidence]:
    """Every member's evidence, for every multi-sentence bead side of a scorer that reads
    meaning."""
    out: list[MemberEvidence] = []
    for g, group in enumerate(context.groups):
        if group.scorer is None or not group.scorer.reads_meaning or group.by_hand:
            continue
        if not (group.link.source and group.link.target):
            continue
        out += _group_evidence(context, g, group)
    return out


def _group_evidence(context: FindingContext, g: int, group: LinkGroup) -> list[MemberEvidence]:
    assert group.scorer is not None
    ratio, variance = group.scorer.length_model
    out = []
    for position, bead, side, members, other, texts in _bead_sides(context, group):
        refs = group.refs(side)
        other_refs = group.refs(side.other)
        lengths = [characters(context, side, [refs[k]]) for k in members]
        other_chars = characters(context, side.other, [other_refs[k] for k in other])
        log_odds = group.scorer.text_log_odds(
            _asked(texts), source=side is Side.SOURCE, start=other[0], end=other[-1] + 1
        )
        if log_odds is None:
            continue
        total = sum(lengths)
        model = (ratio, variance)
        for n, k in enumerate(members):
            out.append(
                MemberEvidence(
                    side=side,
                    paragraph=refs[k][0],
                    sentence=refs[k][1],
                    group=g,
                    position=position,
                    local=k,
                    shape=f"{len(bead.source)}-{len(bead.target)}",
                    edge=n in (0, len(members) - 1),
                    chars=lengths[n],
                    bead_chars=total,
                    other_chars=other_chars,
                    bead_score=float(bead.score),
                    with_log_odds=float(log_odds[0]),
                    without_log_odds=float(log_odds[1 + n]),
                    alone_log_odds=float(log_odds[1 + len(members) + n]),
                    delta_with=_deviation(side, total, other_chars, model),
                    delta_without=_deviation(side, total - lengths[n], other_chars, model),
                    paragraph_start=refs[k][1] == 0,
                )
            )
    return out
