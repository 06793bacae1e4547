"""The exports' bead look-ups (an index built once) against the scans they replace."""

from __future__ import annotations

import pytest
from export_fixtures import make_comparison

from tui.engine.export._common import _BeadLookup, _beads
from tui.engine.model import CompareOptions, Comparison, Finding, Side
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text, load_article

ROOT = __import__("pathlib").Path(__file__).parents[2]


def _scan_bead_of(comparison: Comparison, beads, finding: Finding, sides) -> int | None:
    """The first bead holding the paragraph whole or a sentence the finding's span overlaps
    (an empty span: touches), else the first holding the paragraph; side by side."""
    for side in sides:
        location = finding.location(side)
        if location is None:
            continue
        paragraph = comparison.article(side).paragraphs[location.paragraph]
        fallback = None
        for index, bead in enumerate(beads):
            for p, s in bead.source if side is Side.SOURCE else bead.target:
                if p != location.paragraph:
                    continue
                if s < 0:
                    return index
                span = paragraph.sentences[s]
                if location.end > location.start:
                    if span.start < location.end and location.start < span.end:
                        return index
                elif span.start <= location.start <= span.end:
                    return index
                fallback = index if fallback is None else fallback
        if fallback is not None:
            return fallback
    return None


def _scan_neighbour(beads, index: int) -> int | None:
    two_sided = [k for k, bead in enumerate(beads) if bead.two_sided]
    before = [k for k in two_sided if k <= index]
    after = [k for k in two_sided if k > index]
    return before[-1] if before else (after[0] if after else None)


def _sample() -> Comparison:
    return compare(
        load_article(ROOT / "sample_articles/ultraman-musk.de.txt"),
        load_article(ROOT / "sample_articles/ultraman-musk.fr.txt"),
        options=CompareOptions(scorer="lexical"),
    )


def _lopsided() -> Comparison:
    source = "\n\n".join(f"Absatz {k}. Er hat {k} Sätze, oder zwei." for k in range(60))
    return compare(
        article_from_text(source, fmt="text"),
        article_from_text("Absatz 30. Il a 30 phrases, ou deux.", fmt="text"),
        options=CompareOptions(scorer="lexical"),
    )


@pytest.mark.parametrize("build", [make_comparison, _sample, _lopsided])
@pytest.mark.parametrize("unit", ["sentence", "paragraph"])
def test_look_ups_find_what_the_scans_find(build, unit: str) -> None:
    comparison = build()
    beads = _beads(comparison, unit)
    lookup = _BeadLookup(comparison, beads)
    assert comparison.findings
    for finding in comparison.findings:
        for sides in ((Side.SOURCE, Side.TARGET), (finding.side, finding.side.other)):
            expected = _scan_bead_of(comparison, beads, finding, sides)
            assert lookup.bead_of(finding, sides) == expected
    for index in range(len(beads)):
        assert lookup.neighbour(index) == _scan_neighbour(beads, index)
