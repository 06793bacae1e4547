"""One-to-one sentence links whose sides disagree in polarity: one side negated, the other not.

An embedding scores "he was not clear" and "he was clear" nearly alike, so a flipped negation
passes every similarity test. This detector counts the negation words of each side of a
two-sided one-to-one sentence link with a per-language lexicon (``_WORDS``) and reports a
weak link when one side has a negation and the other none. It only speaks where both
languages have a lexicon, and only on sentences of ``detection.meaning_min_words`` words or
more (short lines, "No." or a headline, say too little).

It is off by default (``detection.polarity_checks``): on faithful translations translators
move negation into words ("unknown" / "nicht bekannt"), 28-95 alarms per 1000 lines
(benchmarks/meaning_alarms.py). The five lexicons are the languages checked there; Chinese,
Japanese, Korean and Arabic word lists raised more still (105-173 per 1000 lines against
English, counted on the lines alone), so those languages are left out.

It does not see a negation moved into a word ("nicht klar" / "pas obscur", "not unclear") or a
changed direction of an event ("fired" / "left"): those need meaning, not words.
"""

from __future__ import annotations

import re

from tui.engine.detect.context import (
    Draft,
    FindingContext,
    LinkGroup,
    quote_text,
    sentence_span,
    side_name,
)
from tui.engine.model import FindingKind, Location, Severity, Side
from tui.engine.text.anchors import word_count

# Negation words per language, matched as whole words (spaced scripts). A word that also
# means something else more often than it negates is left out (French "personne" is also
# "a person"; "ne" alone is kept out because "ne ... que" means "only").
_WORDS: dict[str, tuple[str, ...]] = {
    "de": (
        "nicht",
        "kein",
        "keine",
        "keinen",
        "keinem",
        "keiner",
        "keines",
        "nie",
        "niemals",
        "nichts",
        "niemand",
        "weder",
    ),
    "fr": ("pas", "jamais", "aucun", "aucune", "rien", "ni"),
    "en": ("not", "no", "never", "none", "neither", "nor", "nothing", "nobody", "cannot"),
    "es": ("no", "nunca", "jamás", "ningún", "ninguna", "ninguno", "nada", "nadie", "ni"),
    "ru": ("не", "нет", "ни", "никогда", "ничего", "никто", "ничто"),
}
# "Not only ... but also" adds, it does not negate: its negation word is not counted.
_NOT_ONLY: dict[str, str] = {
    "de": r"nicht nur",
    "fr": r"non seulement",
    "en": r"not only|not just",
    "es": r"no s[oó]lo",
    "ru": r"не только",
}
_ENGLISH_CONTRACTION = re.compile(r"\w(n['’]t)\b")

LANGUAGES_WITH_LEXICON: frozenset[str] = frozenset(_WORDS)


def negations(text: str, language: str | None) -> list[str]:
    """The negation words of ``text`` in ``language``, in order; [] for a language without a
    lexicon.

    >>> negations("Er hat das nicht gesagt, keiner wusste es, nicht nur er.", "de")
    ['nicht', 'keiner']
    >>> negations("She didn’t know, and nobody asked.", "en")
    ["n't", 'nobody']
    >>> negations("Il ne sait rien, et je crois qu’aucun ne sait.", "fr")
    ['rien', 'aucun']
    """
    words = _WORDS.get(language or "")
    if words is None:
        return []
    text = text.lower()
    if language in _NOT_ONLY:
        text = re.sub(rf"\b(?:{_NOT_ONLY[language]})\b", " ", text)
    found = []
    if language == "en":
        found += ["n't" for _ in _ENGLISH_CONTRACTION.finditer(text)]
        text = _ENGLISH_CONTRACTION.sub(" ", text)
    found += [word for word in re.findall(r"\w+", text) if word in words]
    return found


def polarity_flips(context: FindingContext, group: LinkGroup) -> list[Draft]:
    """A weak link on each one-to-one sentence link of ``group`` negated on one side only,
    when ``detection.polarity_checks`` is on. No score gate: neither scorer sees negation,
    so a gate on the link's score drops real flips as often as false alarms."""
    languages = (context.source.language, context.target.language)
    if not context.detection.polarity_checks or not all(
        language in LANGUAGES_WITH_LEXICON for language in languages
    ):
        return []
    min_words = context.detection.meaning_min_words
    drafts = []
    for bead in group.beads:
        if len(bead.source) != 1 or len(bead.target) != 1:
            continue
        src_ref = group.source_refs[bead.source[0]]
        tgt_ref = group.target_refs[bead.target[0]]
        src_paragraph, src_span = sentence_span(context.source, src_ref)
        tgt_paragraph, tgt_span = sentence_span(context.target, tgt_ref)
        src_text = src_paragraph.text[src_span.start : src_span.end]
        tgt_text = tgt_paragraph.text[tgt_span.start : tgt_span.end]
        if min(word_count(src_text), word_count(tgt_text)) < min_words:
            continue
        found = {
            Side.SOURCE: negations(src_text, languages[0]),
            Side.TARGET: negations(tgt_text, languages[1]),
        }
        negated = [side for side in Side if found[side]]
        if len(negated) != 1:
            continue
        side = negated[0]
        words = ", ".join(f"'{word}'" for word in dict.fromkeys(found[side]))
        drafts.append(
            Draft(
                kind=FindingKind.WEAK_LINK,
                severity=Severity.LOW,
                confidence=0.5,
                message="Linked sentences may disagree in negation; check the meaning: "
                + quote_text(tgt_text),
                side=Side.TARGET,
                held=Location(tgt_ref[0], tgt_span.start, tgt_span.end),
                partner=Location(src_ref[0], 0, 0),
                signature=tgt_text,
                why=f"negated in the {side_name(side)} only: {words}",
            )
        )
    return drafts
