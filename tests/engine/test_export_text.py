"""Text report: header, findings with both paragraphs and reviews, markers or colours, layouts."""

from __future__ import annotations

import re

import pytest
from export_fixtures import SOURCE_TEXTS, make_comparison, without_findings
from hypothesis import given
from hypothesis import strategies as st

from tui.engine.export import ExportOptions
from tui.engine.export import text as text_export
from tui.engine.export.text import _excerpt, render_text
from tui.engine.model import Span
from tui.engine.review import Decision, Review

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


REVIEWS = {
    "num": Review(Decision.REVIEWED, "checked with the author"),
    "para": Review(Decision.DISMISSED),
    "untr": Review(Decision.OPEN, "ask the translator"),
}


def _block_of(report: str, message: str) -> list[str]:
    """The lines from a finding's message up to the paragraphs under it."""
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if message in line)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("source (de):"))
    return lines[start:end]


def test_review_decision_and_note_follow_each_finding() -> None:
    report = render_text(make_comparison(), ExportOptions(reviews=REVIEWS), width=80)
    assert _block_of(report, "25 in the source") == [
        "number_mismatch · medium · 0.90: 25 in the source, 26 in the target",
        "    review: reviewed · note: checked with the author",
    ]
    assert _block_of(report, "a paragraph is missing")[-1] == "    review: dismissed"
    # open but noted: the note is worth showing
    assert _block_of(report, "still in German")[-1] == "    review: open · note: ask the translator"
    # open without a note: nothing added
    assert "review:" not in "\n".join(_block_of(report, "a sentence is missing"))
    assert "review: 1 reviewed, 1 dismissed, 3 open" in report.split("\n\n")[1]


def test_without_a_session_the_report_has_no_review_lines() -> None:
    report = render_text(make_comparison(), ExportOptions(), width=80)
    assert "review" not in report


def test_review_is_coloured_with_colour_and_stays_within_the_width() -> None:
    long_note = "the author confirmed this number by e-mail " * 5
    reviews = {**REVIEWS, "num": Review(Decision.REVIEWED, long_note)}
    for width in (80, 120):
        report = render_text(
            make_comparison(), ExportOptions(color=True, reviews=reviews), width=width
        )
        assert "    \x1b[1;36mreview: reviewed\x1b[0m · note: the author" in report
        assert max(len(ANSI.sub("", line)) for line in report.splitlines()) <= width


def test_a_note_is_one_plain_line_of_data() -> None:
    reviews = {"num": Review(Decision.REVIEWED, "line one\nline two \x1b[31mred")}
    report = render_text(make_comparison(), ExportOptions(reviews=reviews), width=120)
    assert "    review: reviewed · note: line one line two ␛[31mred" in report
    assert "\x1b" not in report


# --- wrapping: whole strings where every character takes one column ---------------------------

_runs = st.lists(
    st.tuples(
        st.text(alphabet=" ab-c.é\u00a0", max_size=25),  # spaces, words, a no-break space
        st.sampled_from([None, "flag_source", "flag_target", "dim"]),
    ),
    max_size=6,
)


@given(_runs, st.integers(min_value=-1, max_value=30), st.booleans())
def test_narrow_text_wraps_as_character_by_character(runs, width, color) -> None:
    """The string-at-a-time wrap against the character loop that wide text still takes."""
    fast = text_export._wrap(runs, width, color)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_export, "_all_narrow", lambda _text: False)
        assert fast == text_export._wrap(runs, width, color)


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ("plain", 5),
        ("\x1b[1;31mred\x1b[0m", 3),  # escapes take no column
        ("日本", 4),  # wide characters two
        ("e\u0301", 1),  # a combining accent none
    ],
)
def test_width_of_a_line(line, columns) -> None:
    assert text_export._width(line) == columns


def test_a_finding_s_evidence_follows_its_message_in_every_report() -> None:
    """The text, Markdown and HTML reports give a finding's ``why`` (the evidence the app's
    detail pane and the JSON give), and say nothing of it where a finding has none."""
    from dataclasses import replace

    from tui.engine.export.html import render_html
    from tui.engine.export.markdown import render_markdown

    comparison = make_comparison()
    why = "joining it to a neighbouring pair would cost 6.8 log-odds"
    first, *rest = comparison.findings
    explained = replace(comparison, findings=[replace(first, why=why), *rest])
    text = render_text(explained, ExportOptions(), width=200)
    assert f"why: {why}" in text
    assert text.index(first.message) < text.index(f"why: {why}")
    assert f"Why: {why}" in render_markdown(explained, ExportOptions())
    assert f'<p class="why">Why: {why}</p>' in render_html(explained, ExportOptions())
    plain = replace(comparison, findings=[replace(first, why=""), *rest])
    assert "why:" not in render_text(plain, ExportOptions(), width=200).lower()
    assert "Why:" not in render_markdown(plain, ExportOptions())
