"""What a new user's trial found (issue 15), each driven with real keys on the hand-made
comparison: notes shown where they belong and on rows without a finding, the detail pane,
the findings list's first highlight, wrapping navigation, accent-blind search, the header and
status line at 80x24."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import make_app, make_comparison
from rich.console import Console

from tui import cli
from tui.app.screens.dialogs import TextScreen
from tui.app.screens.review import ReviewScreen
from tui.engine.export import FORMATS, ExportOptions, render
from tui.engine.model import FindingKind, Side
from tui.engine.notes import note_id, with_editor_notes
from tui.engine.review import Decision, load_session


def review_screen(app) -> ReviewScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReviewScreen)
    return screen


def plain_lines(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


async def write_note(pilot, text: str) -> None:
    await pilot.press("a")
    await pilot.press("ctrl+u", *text, "enter")
    await pilot.pause()


# ---------------------------------------------------------------------------- notes


async def test_a_saved_note_shows_in_the_status_line_the_findings_list_and_the_detail(
    isolated: Path,
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = review_screen(app)
        await pilot.press("right_square_bracket")  # the number mismatch
        finding = screen.view.current_finding
        await write_note(pilot, "ask the author")
        status = screen.query_one("#status").render_line(0).text
        assert "# number mismatch ✎ ask the author: num" in status  # before the message
        await pilot.press("l")
        await pilot.pause()
        panel = screen.findings_list
        prompt = str(panel.get_option_at_index(screen.model.rank[finding]).prompt)
        assert prompt.endswith("✎ ask the author")
        await pilot.press("enter")  # the view keeps the focus: Enter opens the detail
        assert isinstance(app.screen, TextScreen)
        body = "\n".join(plain_lines(app.screen.body, 76))
        assert "✎ note: ask the author" in body


async def test_a_note_on_a_row_without_a_finding_is_the_editors_own_finding(
    isolated: Path,
) -> None:
    session = isolated / "s.json"
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = review_screen(app)
        assert screen.view.row == 0
        assert screen.view.current_finding is None
        await write_note(pilot, "titre à revoir")
        current = screen.view.current_finding
        assert current is not None
        own = screen.model.finding(current)
        assert own.kind is FindingKind.EDITOR_NOTE
        assert own.location(Side.TARGET).paragraph == 0  # on the row's target paragraph
        line = screen.view.row_lines(0)[0]
        assert line[line.index("│") + 2 + 2] == "✎"  # its gutter mark
        header = screen.query_one("#header").render().plain
        assert "✎1" in header
        assert "of 9" in header
        assert "✎ titre à revoir" in screen.query_one("#status").render_line(0).text
        await pilot.press("q")
    saved, _ = load_session(session)
    key = note_id(Side.TARGET, make_comparison().target.paragraphs[0].text)
    assert saved.review(key).note == "titre à revoir"

    again = make_app(session)  # reopened: the note is there, and can be removed
    async with again.run_test(size=(80, 24)) as pilot:
        screen = review_screen(again)
        await pilot.press("g")
        assert screen.model.finding(screen.view.current_finding).id == key
        await write_note(pilot, "")
        assert screen.view.current_finding is None
        assert all(f.kind is not FindingKind.EDITOR_NOTE for f in screen.model.comparison.findings)
    assert key not in load_session(session)[0].reviews


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_editors_own_finding_appears_in_every_export(fmt: str) -> None:
    comparison = make_comparison()
    key = note_id(Side.TARGET, comparison.target.paragraphs[0].text)
    reviews = {key: load_review("titre à revoir")}
    report = render(fmt, with_editor_notes(comparison, reviews), ExportOptions(reviews=reviews))
    if fmt == "tsv":  # a TSV line holds the kinds of its findings, no review notes
        assert report.splitlines()[0].endswith("\teditor_note")
    else:
        assert "titre à revoir" in report
    if fmt == "json":
        data = json.loads(report)
        (own,) = [f for f in data["findings"] if f["kind"] == "editor_note"]
        assert own["id"] == key
        assert own["target"]["paragraph"] == 0
        assert own["review"]["note"] == "titre à revoir"
        assert data["summary"]["editor_note"] == 1


def load_review(note: str):
    from tui.engine.review import Review

    return Review(Decision.OPEN, note)


def test_the_command_line_report_carries_the_editors_own_finding(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import SOURCE_TEXT, TARGET_TEXT

    source, target = isolated / "a.de.txt", isolated / "a.fr.txt"
    source.write_text(SOURCE_TEXT, encoding="utf-8")
    target.write_text(TARGET_TEXT, encoding="utf-8")
    key = note_id(Side.TARGET, TARGET_TEXT.splitlines()[0])
    session = isolated / "a.fr.txt.transdiff.json"  # where the app saves it
    session.write_text(
        json.dumps(
            {
                "schema": "transdiff-session/1",
                "version": 1,
                "reviews": {key: {"decision": "open", "note": "titre à revoir"}},
                "bookmarks": [],
                "position": None,
            }
        ),
        encoding="utf-8",
    )
    status = cli.main([str(source), str(target), "--format", "json", "--scorer", "lexical"])
    data = json.loads(capsys.readouterr().out)
    (own,) = [f for f in data["findings"] if f["kind"] == "editor_note"]
    assert own["review"] == {"decision": "open", "note": "titre à revoir"}
    assert status == 1
    # With several targets, each target's reports carry its own notes (here, read from the
    # first target's pair session).
    second = isolated / "b.fr.txt"
    second.write_text(TARGET_TEXT, encoding="utf-8")
    cli.main([str(source), str(target), str(second), "--format", "markdown", "--scorer", "lexical"])
    report = capsys.readouterr().out
    assert report.count("titre à revoir") == 1


# ---------------------------------------------------------------------------- detail pane


async def test_the_detail_marks_a_one_sided_sentence_and_wraps_under_each_sentence(
    isolated: Path,
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        # Row 7 is one 3-3 sentence link; its last target sentence only the target has.
        await pilot.press("G", "k", "enter")
        assert isinstance(app.screen, TextScreen)
        lines = plain_lines(app.screen.body, 60)
    added = next(n for n, ln in enumerate(lines) if "tgt ¶7.3" in ln)
    assert lines[added].startswith("+ tgt ¶7.3 ")
    assert "Une phrase ajoutée" in lines[added]
    dropped = next(ln for ln in lines if "src ¶8.2" in ln)
    assert dropped.startswith("- src ¶8.2 ")
    # A sentence nothing flags has no mark; its wrapped lines continue under its text.
    first = next(n for n, ln in enumerate(lines) if "tgt ¶7.1" in ln)
    assert lines[first].startswith("  tgt ¶7.1 ")
    column = lines[first].index("Un très long")
    assert lines[first + 1][:column].strip() == ""
    assert lines[first + 1][column] != " "


async def test_the_detail_says_why_the_engine_reports_a_finding(isolated: Path) -> None:
    comparison = make_comparison()
    added = next(
        k
        for k, f in enumerate(comparison.findings)
        if f.kind is FindingKind.SENTENCE_ONLY_IN_TARGET
    )
    why = "its meaning against the neighbours' other side: -7.5 log-odds"
    findings = list(comparison.findings)
    findings[added] = replace(findings[added], why=why)
    comparison = replace(comparison, findings=tuple(findings))
    app = make_app(isolated / "s.json", comparison=comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("G", "k", "enter")  # row 7: the sentence only the target has
        assert isinstance(app.screen, TextScreen)
        text = " ".join(" ".join(plain_lines(app.screen.body, 200)).split())
    assert f"why: {why}" in text


# ---------------------------------------------------------------------------- findings list


async def test_the_findings_list_opens_on_the_finding_nearest_the_cursor(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = review_screen(app)
        await pilot.press("colon", "5", "enter")  # source ¶5: the 2-1 row, no finding
        assert screen.view.row == 4
        assert screen.view.current_finding is None
        await pilot.press("l")
        await pilot.pause()
        nearest = screen.model.rows[5].findings[0]  # the next row's finding
        assert screen.findings_list.highlighted == screen.model.rank[nearest]
        await pilot.press("l", "G", "l")  # on a finding: that one
        await pilot.pause()
        current = screen.view.current_finding
        assert screen.findings_list.highlighted == screen.model.rank[current]


# ---------------------------------------------------------------------------- wrapping


async def test_unreviewed_and_bookmark_jumps_wrap_and_say_so(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = review_screen(app)
        order = screen.model.order
        await pilot.press("G")  # the last finding, the weak link
        await pilot.press("s", "u")  # reviewed; the next unreviewed is back at the top
        await pilot.pause()
        assert screen.view.current_finding == order[0]
        assert screen.notice == "Past the last unreviewed finding: wrapped to the first."
        await pilot.press("U")
        await pilot.pause()
        assert screen.view.current_finding == order[-2]  # the reviewed last one is skipped
        assert screen.notice == "Before the first unreviewed finding: wrapped to the last."

        await pilot.press("g", "j", "m", "colon", "t", "5", "enter", "m")  # rows 1 and 5
        await pilot.press("G", "apostrophe")
        await pilot.pause()
        assert screen.view.row == 1
        assert screen.notice == "Past the last bookmark: wrapped to the first."
        await pilot.press("quotation_mark")
        await pilot.pause()
        assert screen.view.row == 5
        assert screen.notice == "Before the first bookmark: wrapped to the last."


# ---------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("query", "row"),
    [
        ("premiere", 4),  # no accent typed: "première" is found
        ("PREMIÈRE", None),  # capitals and an accent typed: exact, and the text has neither
        ("première", 4),
        ("fuhrungskrafte", 1),  # "Führungskräfte"
    ],
)
async def test_search_folds_accents_and_case_unless_typed(
    isolated: Path, query: str, row: int | None
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = review_screen(app)
        await pilot.press("slash", *query, "enter")
        await pilot.pause()
        if row is None:
            assert screen.notice == f"Not found: {query}"
            assert screen.view.row == 0
        else:
            assert screen.view.row == row
            # The match is highlighted as typed in the text, accents and all.
            drawn = "".join(screen.view.row_lines(row))
            assert screen.view.search.search(drawn)


# ---------------------------------------------------------------------------- 80x24


async def test_the_header_keeps_labels_on_a_pair_with_many_findings(isolated: Path) -> None:
    comparison = make_comparison()
    many = tuple(
        replace(f, id=f"{f.id}-{n}") for n in range(15) for f in comparison.findings
    )  # 15 of each kind: two- and three-digit counts
    comparison = replace(comparison, findings=many)
    app = make_app(isolated / "s.json", comparison=comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        counts = review_screen(app).query_one("#header").render_line(1).text.rstrip()
    assert "…" not in counts
    for label in ("-30 src", "+30 tgt", "#15 num", '"15 quote', "U15 untr", "~15 weak"):
        assert label in counts
    assert counts.endswith("✓0 ×0 of 120")
