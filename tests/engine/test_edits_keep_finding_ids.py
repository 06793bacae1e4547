"""Review decisions are keyed by finding ids derived from the flagged text: editing one
paragraph of a file must change the findings of that paragraph only, so that reloading a
changed file keeps every other decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.engine.model import CompareOptions, Comparison
from tui.engine.pipeline import compare
from tui.engine.scoring.registry import semantic_available
from tui.engine.text.load import article_from_text, load_article

ROOT = Path(__file__).resolve().parents[2]
GERMAN = ROOT / "sample_articles" / "ultraman-musk.de.txt"
FRENCH = (ROOT / "sample_articles" / "ultraman-musk.fr.txt").read_text(encoding="utf-8")
SCORERS = [
    "lexical",
    pytest.param(
        "semantic",
        marks=pytest.mark.skipif(not semantic_available(), reason="needs the semantic extra"),
    ),
]


def places(comparison: Comparison) -> dict[str, tuple[str, str, int]]:
    """Finding id -> (kind, side, paragraph of the flagged content)."""
    return {
        f.id: (f.kind.value, f.side.value, f.location(f.side).paragraph)
        for f in comparison.findings
    }


@pytest.fixture(scope="module", params=SCORERS)
def original(request) -> tuple[str, Comparison]:
    scorer = request.param
    target = article_from_text(FRENCH, path="a.fr.txt")
    return scorer, compare(load_article(GERMAN), target, options=CompareOptions(scorer=scorer))


@pytest.mark.parametrize(
    ("paragraph", "old", "new", "gone"),
    [
        (55, "depuis 11 ans", "depuis des années", 1),  # its number mismatch goes away
        (62, "« certaines", "certaines", 1),  # its unbalanced quotation mark too
        (20, "altman et musk", "musk et altman", 0),  # a paragraph with no finding
        # a sentence added: a finding appears there (semantic scorer), nowhere else
        (10, ".", ". Une phrase ajoutée par le traducteur, sans rapport avec le texte.", 0),
    ],
)
def test_editing_one_paragraph_changes_only_its_findings(
    original: tuple[str, Comparison], paragraph: int, old: str, new: str, gone: int
) -> None:
    scorer, before = original
    text = before.target.paragraphs[paragraph].text
    assert old in text
    edited = article_from_text(FRENCH.replace(text, text.replace(old, new, 1)), path="a.fr.txt")
    after = compare(before.source, edited, options=CompareOptions(scorer=scorer))
    was, now = places(before), places(after)
    changed = set(was.items() ^ now.items())  # findings gone, new or moved
    assert {(side, p) for _id, (_kind, side, p) in changed} <= {("target", paragraph)}, changed
    untouched = {key for key, (_kind, side, p) in was.items() if (side, p) != ("target", paragraph)}
    assert untouched <= set(now)  # every other finding kept its id, hence its decision
    assert len(set(was) - set(now)) == gone
