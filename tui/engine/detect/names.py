"""Names that a document carries across, missing or replaced in one sentence link.

"Maria Keller" translated "Анна Шмидт": both sentences are about an opposition leader, so an
embedding scores them alike and the lexical scorer's other anchors still hold; a name check is
what a translation editor expects (Xbench's). Which words are names, and what stands for a name
across, is learned from the document itself, never from a list:

- A name (cased scripts: Latin, Cyrillic, Greek) is a word the side writes capitalised where
  no sentence starts and never in lower case anywhere in the article ("Keller", "BBC"; not
  "The", not the "Budget" of a headline that is "budget" elsewhere). German nouns pass that
  test too; the checks below ask for evidence across, which a noun seldom has.
- A name's partner across is a look-alike in the other sentence (``match_vocabularies``: the
  same word, the same spelling skeleton, Cyrillic and Greek romanised, a close fuzzy match:
  "Keller" / "Келлер"), or the token the document's confident links pair it with
  (``_learn``): the word, or in Chinese and Japanese the two characters, that co-occurs with
  the name in the linked sentences far above chance (the hypergeometric tail under the
  document's Bonferroni level ``detection.chance_per_document`` over every pair tried) and is
  the name's best partner by Dice ("Keller" / "ケラー"'s "ケラ").

A name found without its partner in a two-sided sentence link (a run of names, "Maria
Keller", is one finding) is reported when the document says it should have one there:

- replaced (``detection.names_replaced``, off by default: slow on long German articles,
  see tuning.py): the other side of the link holds a name of its
  own without a partner either, and the document would show that by chance less than
  ``detection.chance_per_document`` times: per side, the share of its confident links with a
  name that hold one without a partner (this link left out; (k + 1) / (n + 2) where a document
  has few), multiplied, times the document's links with a name on both sides. A side whose
  capitalised words are mostly nouns (German), or names translated rather than spelled
  ("Wales" / "Уэльс"), raises that share, and the check is silent there; an article whose
  only names are the changed ones is read. One finding, on the target's name;
- carried (``detection.names_carried``, off by default): the name met its partner in every
  other confident link, at least twice (one link alone cannot tell a name's partner from
  the rest of its sentence), and the other side has a name of its own without a partner.
  On faithful translations it floods: translators turn names into pronouns, inflect them
  ("Уэльса" / "Уэльсом") and translate them (benchmarks/fact_alarms.py).

Confident links are the document's two-sided one-to-one sentence links scoring at or above
the median of them (half of the document's own links, whatever its scorer).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from tui.engine.detect.context import (
    Draft,
    FindingContext,
    LinkGroup,
    sentence_span,
    side_name,
)
from tui.engine.model import Article, FindingKind, Location, SentenceRef, Severity, Side
from tui.engine.scoring.lexical import match_vocabularies
from tui.engine.text.anchors import WORD_PATTERN, normalize_word
from tui.engine.text.times import find_calendar

_WORD = re.compile(WORD_PATTERN)
# Chinese and Japanese write words without spaces: their tokens are pairs of characters
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
_KEY = "names"


@dataclass(frozen=True, slots=True)
class _Name:
    start: int  # in the paragraph's text
    end: int
    key: str  # normalised


@dataclass(slots=True)
class _Learned:
    """What the document says about its names, per side."""

    names: dict[Side, frozenset[str]]  # words written as names (normalised)
    partner: dict[Side, dict[str, str]]  # name -> the token across it co-occurs with
    met: dict[Side, Counter[str]]  # confident links where the name met its partner
    lacked: dict[Side, Counter[str]]  # ... and where it did not
    confident: frozenset[tuple[SentenceRef, SentenceRef]]  # (source, target) sentences
    pairs_tried: int = 0
    # how often the document shows a name without a partner on both sides of a link by chance
    chance: _Chance = field(default_factory=lambda: _Chance())


@dataclass(slots=True)
class _Chance:
    """Per side: confident links with a name on that side, and those where one of them has no
    partner across; per confident link, which of the two it adds; and the document's
    two-sided links with a name on both sides."""

    named: dict[Side, list[int]] = field(default_factory=lambda: {s: [0, 0] for s in Side})
    at: dict[tuple[SentenceRef, SentenceRef], dict[Side, tuple[int, int]]] = field(
        default_factory=dict
    )
    links: int = 0


def name_mismatches(context: FindingContext, group: LinkGroup) -> list[Draft]:
    """Names of one side of a two-sided sentence link of ``group`` whose partner is not on
    the other side, where the document says it should be (module docstring)."""
    detection = context.detection
    if not (detection.names_replaced or detection.names_carried) or not group.beads:
        return []
    learned = _learned(context)
    drafts: list[Draft] = []
    for bead in group.beads:
        if not (bead.source and bead.target):
            continue
        refs = {
            Side.SOURCE: [group.source_refs[k] for k in bead.source],
            Side.TARGET: [group.target_refs[k] for k in bead.target],
        }
        drafts += _bead_drafts(context, learned, refs)
    return drafts


def _carried(learned: _Learned, side: Side, key: str, here_confident: bool) -> bool:
    """Whether the document's other confident links always show ``key`` of ``side`` with its
    partner across, and at least twice (its miss here counted once if this link is one)."""
    lacked_elsewhere = learned.lacked[side][key] - (1 if here_confident else 0)
    return learned.met[side][key] >= 2 and lacked_elsewhere <= 0


def _bead_drafts(
    context: FindingContext, learned: _Learned, refs: dict[Side, list[SentenceRef]]
) -> list[Draft]:
    names = {
        side: _names_in(context.article(side), refs[side], learned.names[side]) for side in Side
    }
    if not (names[Side.SOURCE] or names[Side.TARGET]):
        return []
    texts = {
        side: " ".join(_sentence(context.article(side), r) for r in refs[side]) for side in Side
    }
    tokens = {side: _tokens(texts[side]) for side in Side}
    missing: dict[Side, list[tuple[SentenceRef, _Name]]] = {}
    for side in Side:
        keys = {name.key for _, name in names[side]}
        present = _partnered(keys, side, tokens[side.other], learned)
        missing[side] = [(ref, name) for ref, name in names[side] if name.key not in present]
    drafts = []
    here_confident = (
        len(refs[Side.SOURCE]) == 1
        and len(refs[Side.TARGET]) == 1
        and (refs[Side.SOURCE][0], refs[Side.TARGET][0]) in learned.confident
    )
    chance = _replacement_chance(learned.chance, refs)
    runs = {side: _runs(context.article(side), missing[side]) for side in Side}
    for side in Side:
        other = side.other
        # replaced: the other side has an unpartnered name of its own, which the document's
        # other links show by chance less than ``detection.chance_per_document`` times
        replaced = bool(missing[other]) and chance <= context.detection.chance_per_document
        instead = [_written(context, other, r, n) for r, n, _ in runs[other]]
        for ref, name, keys in runs[side]:
            if (
                context.detection.names_carried
                and missing[other]
                and any(_carried(learned, side, key, here_confident) for key in keys)
            ):
                # a carried name missing only where the other side has a name of its own
                # without a partner: a name dropped or turned into a pronoun says less
                why = "carried"
            elif context.detection.names_replaced and replaced and side is Side.TARGET:
                # one finding for a replaced pair: on the target's name, which the editor
                # fixes; the source's name is quoted in it
                why = "replaced"
            else:
                continue
            drafts.append(_draft(context, side, ref, name, keys, learned, why, instead, chance))
    return drafts


def _runs(
    article: Article, names: list[tuple[SentenceRef, _Name]]
) -> list[tuple[SentenceRef, _Name, list[str]]]:
    """Names next to each other ("Maria Keller", "Jean-Luc") joined: (sentence, the run's
    span, the keys of its names) of each run."""
    out: list[tuple[SentenceRef, _Name, list[str]]] = []
    for ref, name in names:
        text = article.paragraphs[ref[0]].text
        if out and out[-1][0] == ref and not text[out[-1][1].end : name.start].strip(" -‐"):
            last = out[-1]
            out[-1] = (ref, _Name(last[1].start, name.end, last[1].key), [*last[2], name.key])
        else:
            out.append((ref, name, [name.key]))
    return out


def _draft(
    context: FindingContext,
    side: Side,
    ref: SentenceRef,
    name: _Name,
    keys: list[str],
    learned: _Learned,
    why: str,
    instead: list[str],
    chance: float,
) -> Draft:
    article = context.article(side)
    text = article.paragraphs[ref[0]].text
    word = text[name.start : name.end]
    other = side_name(side.other)
    if why == "replaced":
        message = (
            f"Name {word} in the {side_name(side)} where the {other} names {', '.join(instead)}"
        )
        reason = (
            f"neither name has a partner across in this link; the document's other "
            f"links would show that {chance:.2f} times by chance"
        )
    else:
        partner = next((learned.partner[side][k] for k in keys if k in learned.partner[side]), None)
        message = f"Name {word} in the {side_name(side)} is not in the {other} here" + (
            f" (it names {', '.join(instead)})" if instead else ""
        )
        reason = (
            f"everywhere else in the document {word} meets "
            + (f"'{partner}'" if partner else "a look-alike")
            + f" in the {other}"
        )
    return Draft(
        kind=FindingKind.NAME_MISMATCH,
        severity=Severity.MEDIUM,
        confidence=0.7,
        message=message,
        side=side,
        held=Location(ref[0], name.start, name.end),
        partner=_partner_location(context, side, ref),
        signature=f"{name.key}|{' '.join(text[max(0, name.start - 40) : name.end + 40].split())}",
        why=reason,
    )


def _partner_location(context: FindingContext, side: Side, ref: SentenceRef) -> Location | None:
    for link in context.links:
        ids = link.source if side is Side.SOURCE else link.target
        if ref[0] in ids:
            across = link.target if side is Side.SOURCE else link.source
            return Location(across[0], 0, 0) if across else None
    return None


def _written(context: FindingContext, side: Side, ref: SentenceRef, name: _Name) -> str:
    return context.article(side).paragraphs[ref[0]].text[name.start : name.end]


def _sentence(article: Article, ref: SentenceRef) -> str:
    paragraph, span = sentence_span(article, ref)
    return paragraph.text[span.start : span.end]


def _tokens(text: str) -> set[str]:
    """A text's tokens as names' partners are looked for: its words normalised, and in
    Chinese and Japanese every pair of characters."""
    found = {normalize_word(word) for word in _WORD.findall(text)}
    for run in _UNSPACED.findall(text):
        found.update(run[k : k + 2] for k in range(len(run) - 1))
    return found


def _names_in(
    article: Article, refs: list[SentenceRef], names: frozenset[str]
) -> list[tuple[SentenceRef, _Name]]:
    """The names in sentences ``refs``: words of ``names`` written capitalised, runs of them
    ("Maria Keller") kept as one."""
    found: list[tuple[SentenceRef, _Name]] = []
    for ref in refs:
        paragraph, span = sentence_span(article, ref)
        for match in _WORD.finditer(paragraph.text, span.start, span.end):
            word = match.group()
            if not word[0].isupper():  # before normalising: most words are not names
                continue
            key = normalize_word(word)
            if key in names:
                found.append((ref, _Name(match.start(), match.end(), key)))
    return found


def _partnered(keys: set[str], side: Side, across: set[str], learned: _Learned) -> set[str]:
    """The names of ``keys`` that have a partner among the tokens ``across``: a look-alike,
    or the token the document pairs them with."""
    if not keys:
        return set()
    found = {
        key
        for key in keys
        if key in learned.partner[side] and _inflected(learned.partner[side][key], across)
    }
    found |= {key for key in keys - found if _inflected(key, across)}
    rest = keys - found
    if rest:
        words = {token for token in across if len(token) >= 2}
        pairs = (
            match_vocabularies(rest, words)
            if side is Side.SOURCE
            else [(b, a) for a, b in match_vocabularies(words, rest)]
        )
        found |= {name for name, _ in pairs}
    return found


def _inflected(word: str, tokens: set[str]) -> bool:
    """Whether a token of ``tokens`` is ``word`` in another form: one starts with the other
    (an acronym's plural, "MWP" / "MWPs"), or they share all but the last two letters of the
    shorter and four at least (a case ending, "Уэльса" / "Уэльсом")."""
    for token in tokens:
        short = min(len(token), len(word))
        if short < 3:
            continue
        if token.startswith(word) or word.startswith(token):
            return True
        stem = max(4, short - 2)
        if short >= stem and token[:stem] == word[:stem]:
            return True
    return False


# --- what the document says about its names ------------------------------------------------------


def _learned(context: FindingContext) -> _Learned:
    if _KEY not in context.learned:
        context.learned[_KEY] = _learn(context)
    learned = context.learned[_KEY]
    assert isinstance(learned, _Learned)
    return learned


def _name_words(article: Article) -> frozenset[str]:
    """Words ``article`` writes capitalised where no sentence starts and never in lower case
    (normalised). An article written mostly in a script without case (Chinese, Arabic,
    Hindi, ...) has none: its Latin words ("WhatsApp", "BST") are as often left in the
    original as written in its own script, and say nothing against the other version."""
    letters = cased = 0
    for paragraph in article.paragraphs:
        for ch in paragraph.text:
            if ch.isalpha():
                letters += 1
                cased += ch.isupper() or ch.islower()
    if cased * 2 <= letters:
        return frozenset()
    capitalised: set[str] = set()
    lower: set[str] = set()
    for paragraph in article.paragraphs:
        # weekdays and months are checked as such (detect/calendar.py), not as names
        lower.update(
            normalize_word(paragraph.text[m.start : m.end])
            for m in find_calendar(paragraph.text, paragraph.language or article.language)
        )
        starts = {span.start for span in paragraph.sentences}
        for match in _WORD.finditer(paragraph.text):
            word = match.group()
            if len(word) < 2:
                continue
            if word[0].islower():
                lower.add(normalize_word(word))
            elif word[0].isupper() and not _starts_sentence(paragraph.text, match.start(), starts):
                capitalised.add(normalize_word(word))
    return frozenset(capitalised - lower)


def _starts_sentence(text: str, at: int, starts: set[int]) -> bool:
    """Whether the word at ``at`` is the first word of its sentence (after quotation marks
    or a dash, say) or follows a colon."""
    k = at
    while k > 0 and not text[k - 1].isalnum() and text[k - 1] != ":":
        k -= 1
        if k in starts:
            return True
    return at in starts or k == 0 or text[k - 1] == ":"


def _learn(context: FindingContext) -> _Learned:
    names = {side: _name_words(context.article(side)) for side in Side}
    # the confident links: two-sided 1-1 sentence links at or above the document's median
    scored = context.scored_one_to_one()
    median = float(np.median([bead.score for _, bead in scored])) if scored else math.inf
    confident = [
        (group.source_refs[bead.source[0]], group.target_refs[bead.target[0]])
        for group, bead in scored
        if bead.score >= median
    ]
    texts = [(_sentence(context.source, s), _sentence(context.target, t)) for s, t in confident]
    found = [
        {
            side: {name.key for _, name in _names_in(context.article(side), [ref], names[side])}
            for side, ref in zip(Side, pair, strict=True)
        }
        for pair in confident
    ]
    tokens = [{Side.SOURCE: _tokens(s), Side.TARGET: _tokens(t)} for s, t in texts]
    partner: dict[Side, dict[str, str]] = {Side.SOURCE: {}, Side.TARGET: {}}
    tried = 0
    for side in Side:
        count = Counter(key for f in found for key in f[side])
        frequent = {key for key, n in count.items() if n >= 2}
        if not frequent:
            continue
        token_count = Counter(tok for t in tokens for tok in t[side.other])
        together: Counter[tuple[str, str]] = Counter()
        for f, t in zip(found, tokens, strict=True):
            for key in f[side] & frequent:
                together.update((key, tok) for tok in t[side.other])
        tried += len(together)
        best: dict[str, tuple[float, str, int]] = {}
        for (key, tok), n in together.items():
            if n < 2:
                continue
            dice = 2 * n / (count[key] + token_count[tok])
            if key not in best or dice > best[key][0]:
                best[key] = (dice, tok, n)
        level = context.detection.chance_per_document / max(1, len(together))
        total = len(confident)
        for key, (_dice, tok, n) in best.items():
            if _tail(n, total, count[key], token_count[tok]) <= level:
                partner[side][key] = tok
    # how each name fared in the confident links: with a partner across, or without; and
    # how often both sides of a link hold a name without a partner (names translated, not
    # spelled: "Wales" / "Уэльс"), the chance a replaced name's finding is measured against
    learned = _Learned(
        names=names,
        partner=partner,
        met={side: Counter() for side in Side},
        lacked={side: Counter() for side in Side},
        confident=frozenset(confident),
        pairs_tried=tried,
    )
    lone: list[dict[Side, set[str]]] = []  # each confident link's names without a partner
    for f, t in zip(found, tokens, strict=True):
        lone.append({})
        for side in Side:
            with_partner = _partnered(f[side], side, t[side.other], learned)
            learned.met[side].update(with_partner)
            learned.lacked[side].update(f[side] - with_partner)
            lone[-1][side] = f[side] - with_partner
    chance = learned.chance
    for pair, f, alone in zip(confident, found, lone, strict=True):
        for side in Side:
            if f[side]:
                unpartnered = int(bool(alone[side]))
                chance.at.setdefault(pair, {})[side] = (1, unpartnered)
                chance.named[side][0] += 1
                chance.named[side][1] += unpartnered
    for group in context.groups:
        for bead in group.beads:
            if not (bead.source and bead.target):
                continue
            keys = {
                side: {
                    name.key
                    for _, name in _names_in(
                        context.article(side), [refs[k] for k in ks], names[side]
                    )
                }
                for side, refs, ks in (
                    (Side.SOURCE, group.source_refs, bead.source),
                    (Side.TARGET, group.target_refs, bead.target),
                )
            }
            chance.links += all(keys.values())
    return learned


def _replacement_chance(chances: _Chance, refs: dict[Side, list[SentenceRef]]) -> float:
    """How many of the document's links with a name on both sides would show, by chance,
    a name without a partner on both sides: per side, the share of its confident links with
    a name that hold one without a partner (this link left out; the rule of succession,
    (k + 1) / (n + 2), where a document has few), multiplied, times those links. A side whose
    capitalised words are mostly nouns (German) has a share near 1 and is seldom read."""
    here = {}
    if len(refs[Side.SOURCE]) == 1 and len(refs[Side.TARGET]) == 1:
        here = chances.at.get((refs[Side.SOURCE][0], refs[Side.TARGET][0]), {})
    chance = float(chances.links)
    for side in Side:
        named, unpartnered = chances.named[side]
        named_here, unpartnered_here = here.get(side, (0, 0))
        chance *= (unpartnered - unpartnered_here + 1) / (named - named_here + 2)
    return chance


def _tail(k: int, total: int, draws: int, successes: int) -> float:
    """P(X >= k) for X hypergeometric: ``draws`` links hold the name, ``successes`` of the
    ``total`` hold the token; the chance of meeting that often if they were unrelated."""

    def log_comb(n: int, r: int) -> float:
        return math.lgamma(n + 1) - math.lgamma(r + 1) - math.lgamma(n - r + 1)

    top = min(draws, successes)
    denominator = log_comb(total, draws)
    return sum(
        math.exp(log_comb(successes, x) + log_comb(total - successes, draws - x) - denominator)
        for x in range(k, top + 1)
        if draws - x <= total - successes
    )
