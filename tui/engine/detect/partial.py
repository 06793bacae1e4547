"""Text one version holds inside a sentence that its counterpart translates only in part.

A line with no final punctuation (a headline, a caption, a byline) runs into the sentence
after it, so when a version drops it, or drops the sentence after it, no sentence is left
alone: the two linked sentences differ in length instead. The document's length model (the
ratio of the two languages' lengths and its spread, measured on the document's confident
links) says how long a translation should be; a linked pair too far from it, by more than the
document's count of pairs makes likely by chance, has text on its longer side that the shorter
does not translate. It is reported where a line of about that length would have ended: at a
word followed by a capital (or a space, in scripts written without spaces) with no punctuation
between, or after a colon or semicolon (a dropped clause); among such cuts the model picks the
one whose removal leaves the best translation. A cut that translates, 9 to 1, the clauses at
the near end of the neighbouring pair's other side is the versions' sentence boundaries
differing, not missing text (``context.clause_log_odds``). The thresholds (the chance level,
the cuts' tolerance and number, the model's gain) are ``FindingContext.detection``'s
(tui.engine.tuning).
"""

from __future__ import annotations

from statistics import NormalDist

from tui.engine.detect.context import (
    Draft,
    FindingContext,
    LinkGroup,
    characters,
    clause_log_odds,
    nearby_log_odds,
    partner_of,
    quote_text,
    severity_by_size,
    side_name,
)
from tui.engine.model import FindingKind, Location, Side, Span
from tui.engine.scoring.base import length_deviations
from tui.engine.text.anchors import word_count
from tui.engine.tuning import DetectionTuning

_KIND = {
    Side.SOURCE: FindingKind.SENTENCE_ONLY_IN_SOURCE,
    Side.TARGET: FindingKind.SENTENCE_ONLY_IN_TARGET,
}


def partial_sentences(context: FindingContext) -> list[Draft]:
    pairs = [
        (group, position, bead)
        for group in context.groups
        if group.scorer is not None and group.link.source and group.link.target
        for position, bead in enumerate(group.beads)
        if bead.source and bead.target
    ]
    if not pairs:
        return []
    # deviations this large happen by chance less than once in the document's pairs
    threshold = NormalDist().inv_cdf(1.0 - context.detection.chance_per_document / len(pairs))
    drafts = []
    for group, position, bead in pairs:
        draft = _excess(context, group, position, bead.source, bead.target, threshold)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _excess(
    context: FindingContext,
    group: LinkGroup,
    position: int,
    source: tuple[int, ...],
    target: tuple[int, ...],
    threshold: float,
) -> Draft | None:
    assert group.scorer is not None
    ratio, variance = group.scorer.length_model
    len_src = characters(context, Side.SOURCE, [group.source_refs[k] for k in source])
    len_tgt = characters(context, Side.TARGET, [group.target_refs[k] for k in target])
    delta = float(length_deviations(len_src, len_tgt, ratio, variance))
    if abs(delta) < threshold:
        return None
    side = Side.TARGET if delta > 0 else Side.SOURCE
    members = target if side is Side.TARGET else source
    if len(members) != 1:
        return None  # several sentences: a line would be one of them, left alone or not
    refs = group.refs(side)
    paragraph_id, sentence = refs[members[0]]
    paragraph = context.article(side).paragraphs[paragraph_id]
    span = paragraph.sentences[sentence]
    # characters of the longer side that the shorter one accounts for
    expected = len_src * ratio if side is Side.TARGET else len_tgt / ratio
    detection = context.detection
    excess = len(paragraph.text[span.start : span.end]) - expected
    cuts = _line_cuts(paragraph.text, span, excess, detection)
    other = source if side is Side.TARGET else target
    supported = _best_supported(group, paragraph.text, span, cuts, side, other, detection)
    if supported is None:
        return None
    cut, gain = supported
    text = paragraph.text[cut.start : cut.end]
    words = word_count(text)
    if words < detection.min_words_to_flag:
        return None
    # the cut translates a neighbouring pair's other side as surely as the rest gains without
    # it: the versions split their sentences differently there, nothing is missing (a
    # headline that restates its article scores lower, and stays reported)
    nearby = nearby_log_odds(group, position, side, text)
    if nearby is not None and nearby >= detection.min_gain_log_odds:
        return None
    # or it translates, as surely, the clauses at the near end of the pair on its side of
    # the sentence (the one before for a cut at the start, after for one at the end): the
    # other version ran that text into its neighbour's sentence ("... Hartog, qui souffrait
    # de graves gelures aux pieds." for "Die Frostschäden an den Füssen ... waren schwer,");
    # the bar is the same 9 to 1 (``detection.partial_clauses``)
    if detection.partial_clauses:
        step = -1 if cut.start == span.start else 1
        clause = clause_log_odds(context, group, position, side, text, (step,))
        if clause is not None and clause >= detection.min_gain_log_odds:
            return None
    tail = 2.0 * (1.0 - NormalDist().cdf(abs(delta)))
    link = group.link
    return Draft(
        kind=_KIND[side],
        severity=severity_by_size(words, detection),
        confidence=round(1.0 - min(1.0, tail * 4.0), 3),
        message=f"Text only in the {side_name(side)} (its sentence is longer than the linked "
        f"one by about {round(words)} words): {quote_text(text)}",
        side=side,
        held=Location(paragraph_id, cut.start, cut.end),
        partner=partner_of(context, link, side),
        signature=text,
        why=f"the pair's lengths are {abs(delta):.1f} spreads from this document's ratio "
        f"({ratio:.2f} target characters per source character, measured on its confident "
        f"links; chance allows {threshold:.1f} over its links), and the rest of the sentence "
        f"translates the other side {gain:.1f} log-odds better without this text",
    )


def _line_cuts(text: str, span: Span, excess: float, detection: DetectionTuning) -> list[Span]:
    """Starts and ends of the sentence ``span`` that a line of about ``excess`` characters
    would take (within ``cut_tolerance`` of it), nearest in length first (at most
    ``max_cuts``, each one short text to embed): cuts at a word followed by a capital or,
    in scripts written without spaces, at a space, with no punctuation before it; and cuts
    after a colon or semicolon (a full-width one needs no space after it). Length alone
    cannot choose among them (German capitalises every noun): the model does."""
    cuts: list[tuple[float, Span]] = []
    for at in range(span.start + 1, span.end - 1):
        if text[at].isspace() and _line_end(text, at, detection.clause_cuts):
            pieces = (Span(span.start, at), Span(at + 1, span.end))
        elif (
            detection.clause_cuts
            and text[at - 1] in _UNSPACED_CLAUSE_ENDS
            and not text[at].isspace()
        ):
            pieces = (Span(span.start, at), Span(at, span.end))
        else:
            continue
        for piece in pieces:
            miss = abs(len(piece) - excess)
            if miss <= detection.cut_tolerance * excess:
                cuts.append((miss, piece))
    cuts.sort(key=lambda cut: cut[0])
    return [piece for _, piece in cuts[: detection.max_cuts]]


def _best_supported(
    group: LinkGroup,
    text: str,
    span: Span,
    cuts: list[Span],
    side: Side,
    other: tuple[int, ...],
    detection: DetectionTuning,
) -> tuple[Span, float] | None:
    """The cut whose removal leaves a sentence the other side translates far better than
    the whole, by at least ``min_gain_log_odds`` (and that gain in log-odds): a headline
    run into its sentence, not a long translation cut at a capital. A scorer that cannot
    read new text (no model) cannot tell, and nothing is reported."""
    if not cuts or group.scorer is None:
        return None
    rests = [
        text[span.start : cut.start].strip() if cut.end == span.end else text[cut.end : span.end]
        for cut in cuts
    ]
    log_odds = group.scorer.text_log_odds(
        [text[span.start : span.end], *(rest.strip() for rest in rests)],
        source=side is Side.SOURCE,
        start=other[0],
        end=other[-1] + 1,
    )
    if log_odds is None:
        return None
    gains = log_odds[1:] - log_odds[0]
    best = int(gains.argmax())  # the first of equals: the nearest in length
    enough = gains[best] >= detection.min_gain_log_odds
    return (cuts[best], float(gains[best])) if enough else None


# Marks that close a clause of a sentence that goes on: a translation that drops the clause
# ("Ils avaient cru le site à l'abri des avalanches :") leaves its sentence too long in the
# same way as a dropped headline. Colon and semicolon, full-width, Arabic and Greek forms.
_CLAUSE_ENDS = ":;\uff1a\uff1b\u061b\u0387"
_UNSPACED_CLAUSE_ENDS = "\uff1a\uff1b"  # Chinese and Japanese write no space after them


def _line_end(text: str, at: int, clauses: bool) -> bool:
    """Could a line without a full stop (or, with ``clauses``, a clause) end at the space
    ``at``?"""
    before, after = text[at - 1], text[at + 1]
    if before in _CLAUSE_ENDS:
        return clauses and not after.isspace()
    if not before.isalnum() and before not in ")”’\"'»」』":
        return False
    if _unspaced(before) or _unspaced(after):
        return True
    return after.isupper() or (after.isalpha() and not after.islower())


def _unspaced(ch: str) -> bool:
    """A letter of a script written without spaces between words (Chinese, Japanese, Thai)."""
    return "\u3040" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u0e00" <= ch <= "\u0eff"
