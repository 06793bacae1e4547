"""Text report: header, findings with both paragraphs, markers or colours, both layouts."""

from __future__ import annotations

import re

from export_fixtures import SOURCE_TEXTS, make_comparison, without_findings

from tui.engine.export import ExportOptions
from tui.engine.export.text import _excerpt, render_text
from tui.engine.model import Span

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_header_names_files_languages_scorer_and_counts() -> None:
    report = render_text(make_comparison(), ExportOptions(), width=80)
    head = report.split("\n\n")[1]
    assert "source: story.de.txt (de, 4 paragraphs)" in head
    assert "target: story.fr.txt (fr, 4 paragraphs)" in head
    assert "scorer: lexical; 5 links" in head
    assert "1 number_mismatch" in head
    assert "1 paragraph_only_in_target" in head


def test_flagged_spans_are_marked_like_wdiff_without_colour() -> None:
    report = render_text(make_comparison(), ExportOptions(color=False), width=80)
    assert "\x1b" not in report
    assert "[-25-]" in report  # the source's number
    assert "{+26+}" in report  # the target's number
    assert "[-Noch ein Satz.-]" in report  # sentence only in the source
    assert "{+Seulement en français.+}" in report  # paragraph only in the target
    assert "(no counterpart)" in report
    assert "a paragraph is missing in the target" in report
    assert report.rstrip().endswith("5 findings in 5 places.")


def test_colour_replaces_markers_and_keeps_the_text() -> None:
    report = render_text(make_comparison(), ExportOptions(color=True), width=120)
    assert "\x1b[1;31m25\x1b[0m" in report
    assert "[-" not in report
    plain = ANSI.sub("", report)
    assert SOURCE_TEXTS[0] in plain


def test_side_by_side_when_wide_unified_when_narrow() -> None:
    wide = render_text(make_comparison(), ExportOptions(), width=120)
    narrow = render_text(make_comparison(), ExportOptions(), width=80)
    assert " │ " in wide
    assert "source (de):" not in wide
    assert "source (de):" in narrow
    assert " │ " not in narrow
    for report, width in ((wide, 120), (narrow, 80)):
        assert max(len(line) for line in report.splitlines()) <= width


def test_side_by_side_columns_stay_aligned_with_colour() -> None:
    report = render_text(make_comparison(), ExportOptions(color=True), width=120)
    columns = {
        ANSI.sub("", line).index(" │ ")
        for line in report.splitlines()
        if " │ " in ANSI.sub("", line)
    }
    assert len(columns) == 1


def test_no_findings() -> None:
    report = render_text(without_findings(make_comparison()), ExportOptions(), width=80)
    assert "findings: none" in report
    assert "No differences found" in report


def test_long_paragraph_is_shown_around_its_flag() -> None:
    text = "a" * 5000 + "FLAG" + "b" * 5000
    excerpt, spans = _excerpt(text, [Span(5000, 5004)])
    assert len(excerpt) < 1000
    assert [excerpt[s.start : s.end] for s in spans] == ["FLAG"]
    assert excerpt.startswith("… ")
    assert excerpt.endswith(" …")


def test_several_flags_in_one_paragraph_are_merged() -> None:
    from tui.engine.export.text import _merged

    spans = [Span(5, 9), Span(0, 2), Span(1, 4), Span(3, 3)]
    assert _merged(spans) == [Span(0, 4), Span(5, 9)]
