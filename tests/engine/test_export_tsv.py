"""TSV: four tab-separated fields per aligned pair, read back line by line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from export_fixtures import (
    SCRIPT,
    TWO_SIDED_PARAGRAPH_LINKS,
    TWO_SIDED_SENTENCE_LINKS,
    make_comparison,
)

from tui.engine.export import ExportOptions, render
from tui.engine.load import load_article
from tui.engine.model import Paragraph
from tui.engine.pipeline import compare

SAMPLES = Path(__file__).parents[2] / "sample_articles"


def _rows(text: str) -> list[list[str]]:
    assert text.endswith("\n")
    rows = [line.split("\t") for line in text.splitlines()]
    assert all(len(row) == 4 for row in rows), rows
    return rows


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("sentence", TWO_SIDED_SENTENCE_LINKS), ("paragraph", TWO_SIDED_PARAGRAPH_LINKS)],
)
def test_one_row_per_two_sided_pair(unit: str, expected: int) -> None:
    rows = _rows(render("tsv", make_comparison(), ExportOptions(unit=unit)))
    assert len(rows) == expected


def test_rows_hold_text_score_and_kinds() -> None:
    rows = _rows(render("tsv", make_comparison(), ExportOptions()))
    assert rows[0] == ["Die Sonne scheint.", "Le soleil brille.", "0.900", "ok"]
    assert rows[1][3] == "number_mismatch"
    # Findings about one-sided content sit on the neighbouring pair, like TMX notes.
    assert rows[2][3] == "sentence_only_in_source,paragraph_only_in_source"
    assert SCRIPT in rows[2][0]  # plain text format: nothing to escape but tabs and breaks
    assert rows[3][0] == "Der Schluss mit Steuerzeichen."  # control characters dropped
    assert all(0.0 <= float(row[2]) <= 1.0 for row in rows)


def test_tabs_and_line_breaks_inside_text_cannot_break_the_layout() -> None:
    comparison = make_comparison()
    odd = "Ein\tSatz\nmit\r\nUmbruch\u2028hier."
    paragraphs = (
        Paragraph(odd, comparison.source.paragraphs[0].sentences[:1]),
        *comparison.source.paragraphs[1:],
    )
    comparison = replace(comparison, source=replace(comparison.source, paragraphs=paragraphs))
    rows = _rows(render("tsv", comparison, ExportOptions(unit="paragraph")))
    assert rows[0][0] == "Ein Satz mit Umbruch hier."


def test_sample_pair_round_trips_unit_count() -> None:
    source = load_article(SAMPLES / "ultraman-musk.de.txt")
    target = load_article(SAMPLES / "ultraman-musk.fr.txt")
    comparison = compare(source, target)
    rows = _rows(render("tsv", comparison, ExportOptions()))
    two_sided = [sl for sl in comparison.sentence_links if sl.source and sl.target]
    assert len(rows) == len(two_sided) > 0
