"""Paragraphs of the target left in the source's language (or identical to it), of at
least ``detection.min_words_untranslated`` words of letters (tui.engine.tuning)."""

from __future__ import annotations

import re
import unicodedata

from tui.engine.detect.context import (
    Draft,
    FindingContext,
    LinkGroup,
    partner_of,
    quote_text,
)
from tui.engine.model import (
    FindingKind,
    Location,
    Severity,
    Side,
)
from tui.engine.text.anchors import (
    word_count,
)
from tui.engine.text.language import detect_language

# Digits read the same in every version (a subtitle's number and timecode, a date, a code):
# only words of letters count towards a paragraph left untranslated.
_DIGITS = re.compile(r"\d+")


def _letter_words(text: str) -> float:
    """``word_count`` of the text's words of letters.

    >>> _letter_words("78 00:02:34,000 --> 00:02:36,000 Clara?")
    1.0
    """
    return word_count(_DIGITS.sub(" ", text))


def _normalized_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def _multilingual(text: str) -> bool:
    """Letters of three scripts or more: a list of names in many languages (a site's
    language menu), the same in every version, not prose left untranslated.

    >>> _multilingual("한어Русский языкEnglishFrançais日本語"), _multilingual("Der Übergang")
    (True, False)
    """
    scripts = set()
    for ch in text:
        if ch.isalpha():
            scripts.add(unicodedata.name(ch, "?").split(" ")[0])
            if len(scripts) >= 3:
                return True
    return False


def _names_aside(text: str) -> str | None:
    """The language of ``text`` without its capitalised words and their particles, or None
    where too little is left to tell: a list of Dutch names in an English paragraph
    ("Present: Ingrid Bakker (chair), Pieter de Vries...") is guessed Dutch, its English
    words are not.

    >>> text = ("Present: Ingrid Bakker (chair), Ruud van Dijk (treasurer), Samira El Idrissi "
    ...         "(secretary, minutes), Henk de Vries, Monique Jansen, Pieter Hoekstra, Lotte "
    ...         "Visser, Johan Mulder Apologies: Karin Smit, Dennis Bos For the property "
    ...         "manager: Erik Verhoeven (Van Loon Vastgoedbeheer)")
    >>> detect_language(text), _names_aside(text)
    ('nl', 'en')
    """
    words = text.split()
    # a name's particles go with it: "van" of "Ruud van Dijk", "de" of "Pieter de Vries"
    kept = " ".join(
        word
        for word, after in zip(words, [*words[1:], ""], strict=True)
        if not word[:1].isupper() and not (after[:1].isupper() and word.isalpha())
    )
    return detect_language(kept)


def untranslated_paragraphs(context: FindingContext, group: LinkGroup) -> list[Draft]:
    link = group.link
    source_lang, target_lang = context.source.language, context.target.language
    if source_lang is not None and source_lang == target_lang:
        return []  # two revisions in one language: identical paragraphs are expected
    drafts = []
    source_texts = {_normalized_text(context.source.paragraphs[p].text) for p in link.source}
    for p in link.target:
        paragraph = context.target.paragraphs[p]
        identical = _normalized_text(paragraph.text) in source_texts
        in_source_language = (
            source_lang is not None
            and paragraph.language == source_lang
            and paragraph.language != target_lang
            and _names_aside(paragraph.text) in (source_lang, None)
        )
        # counting words is the costly test: only for paragraphs that are candidates
        if (
            (identical or in_source_language)
            and _letter_words(paragraph.text) >= context.detection.min_words_untranslated
            and not _multilingual(paragraph.text)
        ):
            reason = "identical to the source" if identical else f"written in {source_lang}"
            drafts.append(
                Draft(
                    kind=FindingKind.UNTRANSLATED,
                    severity=Severity.HIGH,
                    confidence=0.9 if identical else 0.7,
                    message=f"Paragraph looks untranslated ({reason}): "
                    + quote_text(paragraph.text),
                    side=Side.TARGET,
                    held=Location(p, 0, len(paragraph.text)),
                    partner=partner_of(context, link, Side.TARGET),
                    signature=paragraph.text,
                )
            )
    return drafts
