"""A hand-made comparison with findings of several kinds, shared by the export tests.

Layout (paragraph beads):  S0-T0, S1-T1, S2-(), S3-T2, ()-T3
Sentence beads:  (0,0)-(0,0)  (0,1)-(0,1)  (1,0)-(1,0)  (1,1)-()  (2,0)-()  (3,0)-(2,0)  ()-(3,0)
so 4 two-sided sentence pairs and 3 two-sided paragraph pairs.
"""

from __future__ import annotations

from dataclasses import replace

from tui.engine.model import (
    Article,
    Comparison,
    Finding,
    FindingKind,
    Link,
    Location,
    Paragraph,
    SentenceLink,
    Severity,
)
from tui.engine.text.segment import split_sentences

SCRIPT = "<script>alert(1)</script>"

SOURCE_TEXTS = (
    "Die Sonne scheint. Es ist 25 Grad warm.",
    f"Ein Absatz mit {SCRIPT} & Co. Noch ein Satz.",
    "Nur im Deutschen vorhanden.",
    "Der Schluss mit\x0b Steuerzeichen\x00.",
)
TARGET_TEXTS = (
    "Le soleil brille. Il fait 26 degrés.",
    f"Un paragraphe avec {SCRIPT} & Cie.",
    "Der Schluss mit Steuerzeichen.",
    "Seulement en français.",
)

TWO_SIDED_SENTENCE_LINKS = 4
TWO_SIDED_PARAGRAPH_LINKS = 3


def _article(texts: tuple[str, ...], path: str, language: str | None) -> Article:
    paragraphs = tuple(Paragraph(t, split_sentences(t)) for t in texts)
    return Article(paragraphs=paragraphs, path=path, language=language)


def _at(texts: tuple[str, ...], paragraph: int, needle: str) -> Location:
    start = texts[paragraph].index(needle)
    return Location(paragraph, start, start + len(needle))


def make_comparison(source_lang: str | None = "de", target_lang: str | None = "fr") -> Comparison:
    source = _article(SOURCE_TEXTS, "story.de.txt", source_lang)
    target = _article(TARGET_TEXTS, "story.fr.txt", target_lang)
    assert [len(p.sentences) for p in source.paragraphs] == [2, 2, 1, 1]
    assert [len(p.sentences) for p in target.paragraphs] == [2, 1, 1, 1]
    links = (
        Link((0,), (0,), 0.91),
        Link((1,), (1,), 0.72),
        Link((2,), (), 0.0),
        Link((3,), (2,), 0.99),
        Link((), (3,), 0.0),
    )
    sentence_links = (
        SentenceLink(((0, 0),), ((0, 0),), 0.9),
        SentenceLink(((0, 1),), ((0, 1),), 0.8),
        SentenceLink(((1, 0),), ((1, 0),), 0.7),
        SentenceLink(((1, 1),), (), 0.0),
        SentenceLink(((2, 0),), (), 0.0),
        SentenceLink(((3, 0),), ((2, 0),), 0.99),
        SentenceLink((), ((3, 0),), 0.0),
    )
    end_t1 = len(TARGET_TEXTS[1])
    findings = (
        Finding(
            "num",
            FindingKind.NUMBER_MISMATCH,
            Severity.MEDIUM,
            0.9,
            "25 in the source, 26 in the target",
            _at(SOURCE_TEXTS, 0, "25"),
            _at(TARGET_TEXTS, 0, "26"),
        ),
        Finding(
            "sent",
            FindingKind.SENTENCE_ONLY_IN_SOURCE,
            Severity.HIGH,
            0.8,
            "a sentence is missing in the target",
            _at(SOURCE_TEXTS, 1, "Noch ein Satz."),
            Location(1, end_t1, end_t1),
        ),
        Finding(
            "para",
            FindingKind.PARAGRAPH_ONLY_IN_SOURCE,
            Severity.HIGH,
            0.95,
            "a paragraph is missing in the target",
            _at(SOURCE_TEXTS, 2, SOURCE_TEXTS[2]),
            None,
        ),
        Finding(
            "untr",
            FindingKind.UNTRANSLATED,
            Severity.MEDIUM,
            0.7,
            "the target paragraph is still in German",
            None,
            _at(TARGET_TEXTS, 2, TARGET_TEXTS[2]),
        ),
        Finding(
            "ins",
            FindingKind.PARAGRAPH_ONLY_IN_TARGET,
            Severity.LOW,
            0.6,
            "the target adds a paragraph <b>here</b>",
            None,
            _at(TARGET_TEXTS, 3, TARGET_TEXTS[3]),
        ),
    )
    return Comparison(source, target, links, sentence_links, findings, "lexical")


def without_findings(comparison: Comparison) -> Comparison:
    return replace(comparison, findings=())
