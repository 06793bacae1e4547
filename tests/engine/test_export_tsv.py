"""TSV: four tab-separated fields per bead, one-sided ones included, read back line by line."""

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
from tui.engine.model import (
    CompareOptions,
    Finding,
    FindingKind,
    Location,
    Paragraph,
    Severity,
)
from tui.engine.pipeline import compare
from tui.engine.text.load import load_article

SAMPLES = Path(__file__).parents[2] / "sample_articles"


def _rows(text: str) -> list[list[str]]:
    assert text.endswith("\n")
    rows = [line.split("\t") for line in text.splitlines()]
    assert all(len(row) == 4 for row in rows), rows
    return rows


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        # 4 two-sided sentence pairs + 3 one-sided sentence beads
        ("sentence", TWO_SIDED_SENTENCE_LINKS + 3),
        # 3 two-sided paragraph pairs + S2 and T3, each only in one version
        ("paragraph", TWO_SIDED_PARAGRAPH_LINKS + 2),
    ],
)
def test_one_row_per_bead_one_sided_ones_included(unit: str, expected: int) -> None:
    rows = _rows(render("tsv", make_comparison(), ExportOptions(unit=unit)))
    assert len(rows) == expected


def test_rows_hold_text_score_and_kinds() -> None:
    rows = _rows(render("tsv", make_comparison(), ExportOptions()))
    assert rows[0] == ["Die Sonne scheint.", "Le soleil brille.", "0.900", "ok"]
    assert rows[1][3] == "number_mismatch"
    assert SCRIPT in rows[2][0]  # plain text format: nothing to escape but tabs and breaks
    assert rows[5][0] == "Der Schluss mit Steuerzeichen."  # control characters dropped
    assert all(0.0 <= float(row[2]) <= 1.0 for row in rows)


def test_one_sided_content_has_its_own_row_with_an_empty_cell() -> None:
    rows = _rows(render("tsv", make_comparison(), ExportOptions()))
    # The pair before the one-sided content keeps its own verdict, not its neighbours'.
    assert rows[2][3] == "ok"
    assert rows[3] == ["Noch ein Satz.", "", "0.000", "sentence_only_in_source"]
    assert rows[4] == ["Nur im Deutschen vorhanden.", "", "0.000", "paragraph_only_in_source"]
    assert rows[5][3] == "untranslated"
    assert rows[6] == ["", "Seulement en français.", "0.000", "paragraph_only_in_target"]


def test_paragraph_rows_keep_findings_on_their_own_paragraphs() -> None:
    rows = _rows(render("tsv", make_comparison(), ExportOptions(unit="paragraph")))
    assert [row[3] for row in rows] == [
        "number_mismatch",
        "sentence_only_in_source",  # the sentence sits inside the S1-T1 pair
        "paragraph_only_in_source",
        "untranslated",
        "paragraph_only_in_target",
    ]
    assert rows[2][1] == ""
    assert rows[4][0] == ""


def test_a_finding_goes_to_the_row_of_the_side_holding_its_content() -> None:
    # An insertion whose empty source span marks S3, the start of the S3-T2 pair: the row is
    # still the target-only one it flags.
    comparison = make_comparison()
    inserted = Finding(
        "ins2",
        FindingKind.SENTENCE_ONLY_IN_TARGET,
        Severity.LOW,
        0.5,
        "the target adds a sentence",
        Location(3, 0, 0),
        Location(3, 0, len(comparison.target.paragraphs[3].text)),
    )
    comparison = replace(comparison, findings=(inserted,))
    rows = _rows(render("tsv", comparison, ExportOptions()))
    assert rows[5][3] == "ok"
    assert rows[6][3] == "sentence_only_in_target"


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


def test_sample_pair_has_a_row_per_bead_and_every_finding_once() -> None:
    source = load_article(SAMPLES / "ultraman-musk.de.txt")
    target = load_article(SAMPLES / "ultraman-musk.fr.txt")
    comparison = compare(source, target, options=CompareOptions(scorer="lexical"))
    rows = _rows(render("tsv", comparison, ExportOptions()))
    assert len(rows) == len(comparison.sentence_links) > 0
    labels = ("ok", "unlinked")
    kinds = [kind for row in rows if row[3] not in labels for kind in row[3].split(",")]
    assert sorted(kinds) == sorted(f.kind.value for f in comparison.findings)
    # a line the alignment left alone is never called ok, even where no finding reports it
    assert all(row[0] and row[1] for row in rows if row[3] == "ok")
    assert all(not (row[0] and row[1]) for row in rows if row[3] == "unlinked")
    assert any(row[3] == "unlinked" for row in rows)
    # The French-only headline and heading are rows of their own, before the date pair.
    assert [row[0] for row in rows[:2]] == ["", ""]
    assert all(row[3] == "paragraph_only_in_target" for row in rows[:2])
    assert rows[2][:2] == ["2024-09-30", "2024-09-30"]
    assert rows[2][3] == "ok"
