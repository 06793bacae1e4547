"""Findings on small hand-made article pairs."""

from __future__ import annotations

import pytest

from tui.engine.findings import analyse_quotes
from tui.engine.load import article_from_text
from tui.engine.model import CompareOptions, FindingKind, Side
from tui.engine.pipeline import compare


def run(source: str, target: str):
    options = CompareOptions(scorer="lexical", source_lang="de", target_lang="fr")
    return compare(
        article_from_text(source, language="de"),
        article_from_text(target, language="fr"),
        options=options,
    )


DE = [
    "Die Expedition erreichte am 26. September das Lager auf 6500 Metern.",
    "Mira Murati leitete das Team von OpenAI seit 2018.",
    "Barrett Zoff und Bob McGrew verliessen das Unternehmen im Oktober 2024.",
    "Die Bewertung soll 150 Milliarden Dollar erreichen.",
]
FR = [
    "L'expédition a atteint le camp à 6500 mètres le 26 septembre.",
    "Mira Murati dirigeait l'équipe d'OpenAI depuis 2018.",
    "Barrett Zoff et Bob McGrew ont quitté l'entreprise en octobre 2024.",
    "La valorisation devrait atteindre 150 milliards de dollars.",
]


@pytest.mark.xfail(
    strict=True,
    reason="known gap: the lexical scorer folds a short added paragraph with no anchors into a "
    "1-2 link (issue 2 stays open on omission recall)",
)
def test_a_paragraph_only_in_the_target_is_flagged_there():
    added = "Un paragraphe ajouté sans équivalent aucun."
    result = run("\n\n".join(DE), "\n\n".join([FR[0], added, *FR[1:]]))
    kinds = [(f.kind, f.side, f.location(f.side).paragraph) for f in result.findings]
    assert (FindingKind.PARAGRAPH_ONLY_IN_TARGET, Side.TARGET, 1) in kinds
    assert all(len(link.source) == 1 for link in result.links if link.source)


def test_a_changed_number_is_a_number_mismatch_with_its_span():
    result = run("\n\n".join(DE), "\n\n".join([FR[0], FR[1], FR[2], FR[3].replace("150", "160")]))
    numbers = [f for f in result.findings if f.kind is FindingKind.NUMBER_MISMATCH]
    held = {
        (
            f.side,
            result.article(f.side)
            .paragraphs[f.location(f.side).paragraph]
            .text[f.location(f.side).start : f.location(f.side).end],
        )
        for f in numbers
    }
    assert held == {(Side.SOURCE, "150"), (Side.TARGET, "160")}


def test_number_words_satisfy_digits():
    result = run(
        "Nur drei der elf Gründer sind geblieben, sagte er gestern.",
        "Seuls trois des 11 fondateurs sont restés, a-t-il dit hier.",
    )
    assert not [f for f in result.findings if f.kind is FindingKind.NUMBER_MISMATCH]


def test_identical_paragraph_is_untranslated():
    result = run("\n\n".join(DE), "\n\n".join([FR[0], DE[1], FR[2], FR[3]]))
    untranslated = [f for f in result.findings if f.kind is FindingKind.UNTRANSLATED]
    assert [f.target.paragraph for f in untranslated] == [1]


@pytest.mark.parametrize(
    ("text", "stray"),
    [
        ("er sagte: „ja.“ und ging", []),  # German pair
        ("il dit : « oui » et partit", []),  # French pair
        ('he said "yes" and left', []),  # ASCII pair
        ("war der kritische punkt erreicht.“", [33]),  # closing mark with no opening one
        ("« les produits ne sont possibles", [0]),  # opened, never closed
    ],
)
def test_quote_pairing(text, stray):
    assert analyse_quotes(text).stray == stray


def test_finding_ids_are_stable_when_unrelated_text_changes():
    base = run("\n\n".join(DE), "\n\n".join([FR[0], FR[1], FR[2], FR[3].replace("150", "160")]))
    edited_fr = [FR[0].replace("camp", "camp de base"), FR[1], FR[2], FR[3].replace("150", "160")]
    edited = run("\n\n".join(DE), "\n\n".join(edited_fr))
    ids = lambda r: {f.id for f in r.findings if f.kind is FindingKind.NUMBER_MISMATCH}  # noqa: E731
    assert ids(base) == ids(edited)
    assert ids(base)
