"""Correcting the alignment by hand in the app: each key, undo, the sentence view, the
session across reopening, and the corrected links in every export."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_DE, SAMPLE_FR, make_app, make_comparison

from tui import cli
from tui.app import build_app
from tui.app.config import Settings
from tui.app.render import MANUAL
from tui.app.screens.corrections import SentenceScreen
from tui.app.screens.review import ReviewScreen
from tui.app.widgets.bars import NoticeLine
from tui.engine.model import CompareOptions, Comparison
from tui.engine.review import load_session
from tui.engine.text.load import load_article

# The fixture's rows (paragraphs counted from 0):
ROWS = [
    ((0,), (0,)),
    ((1,), (1,)),
    ((2,), (2,)),
    ((3,), ()),
    ((4, 5), (3,)),
    ((), (4,)),
    ((6,), (5,)),
    ((7,), (6,)),
    ((8,), (7,)),
]


def screen_of(app) -> ReviewScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReviewScreen)
    return screen


def rows(app) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(row.source, row.target) for row in screen_of(app).model.rows]


def manual_rows(app) -> list[int]:
    return [n for n, row in enumerate(screen_of(app).model.rows) if row.manual]


async def go_to_row(app, pilot, row: int) -> None:
    await pilot.press("g", *["j"] * row)
    assert screen_of(app).view.row == row


def last_notice(app) -> str:
    """The notice line of the screen shown (the review screen's or the sentence view's)."""
    return app.screen.notice


@pytest.mark.parametrize(
    ("row", "keys", "expected", "replaced", "notice"),
    [
        # J: the source-only row 3 and the 2-1 row after it become one row
        (3, ["J"], [((3, 4, 5), (3,))], [3, 4], "Joined two rows at source ¶4"),
        # S: the 2-1 row 4 splits into its first paragraphs and the rest
        (4, ["S"], [((4,), (3,)), ((5,), ())], [4], "Split the row at source ¶5"),
        # }: target ¶3 of row 2 down into the source-only row 3
        (2, ["right_curly_bracket"], [((2,), ()), ((3,), (2,))], [2, 3], "Moved target ¶3 down"),
        # (: source ¶7 of row 6 up into the target-only row 5
        (6, ["left_parenthesis"], [((6,), (4,)), ((), (5,))], [5, 6], "Moved source ¶7 up"),
        # {: target ¶6 of row 6 up into row 5; ): source ¶2 of row 1 down into row 2
        (6, ["left_curly_bracket"], [((), (4, 5)), ((6,), ())], [5, 6], "Moved target ¶6 up"),
        (1, ["right_parenthesis"], [((), (1,)), ((1, 2), (2,))], [1, 2], "Moved source ¶2 down"),
    ],
)
async def test_each_correction_key(
    isolated: Path, row: int, keys: list[str], expected, replaced: list[int], notice: str
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_row(app, pilot, row)
        await pilot.press(*keys)
        await pilot.pause()
        now = rows(app)
        first = min(replaced)
        assert now[first : first + len(expected)] == expected
        assert manual_rows(app) == list(range(first, first + len(expected)))
        # the rows around are as they were
        untouched = [r for n, r in enumerate(ROWS) if n not in replaced]
        assert [r for r in now if r not in expected] == untouched
        assert notice in last_notice(app)
        # the corrected row is marked in the gutter, and the cursor stays on it
        view = screen_of(app).view
        assert view.row_lines(view.row)[0][4] == MANUAL
        assert view.row in range(first, first + len(expected))
        assert (isolated / "s.json").is_file()  # saved at once


async def test_findings_of_the_touched_rows_are_recomputed(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_row(app, pilot, 1)  # the number mismatch 13 / 12
        screen = screen_of(app)
        before = {screen.model.finding(f).kind.value for f in screen.model.rows[1].findings}
        assert "number_mismatch" in before
        await pilot.press("S")  # unlink the pair: two one-sided paragraphs
        await pilot.pause()
        kinds = [
            {screen.model.finding(f).kind.value for f in screen.model.rows[n].findings}
            for n in (1, 2)
        ]
        assert kinds == [{"paragraph_only_in_source"}, {"paragraph_only_in_target"}]
        header = screen.query_one("#header").render().plain
        assert "-2 ¶src +2 ¶tgt" in header  # one each more than the fixture's
        assert "#0 num" in header


async def test_undo_and_redo(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        findings = screen.model.comparison.findings
        await go_to_row(app, pilot, 3)
        await pilot.press("J")
        await go_to_row(app, pilot, 0)
        await pilot.press("S")
        await pilot.pause()
        assert len(rows(app)) == len(ROWS)  # one row fewer, one more
        await pilot.press("ctrl+z")
        assert "Undone: split the row at source ¶1" in last_notice(app)
        assert rows(app)[3] == ((3, 4, 5), (3,))
        await pilot.press("ctrl+z")
        assert rows(app) == ROWS
        assert screen.model.comparison.findings == findings
        assert load_session(isolated / "s.json")[0].corrections == []
        await pilot.press("ctrl+z")
        assert last_notice(app) == "Nothing to undo."
        await pilot.press("ctrl+y")
        assert rows(app)[3] == ((3, 4, 5), (3,))
        assert screen.view.row == 3  # the cursor goes to what was redone
        assert len(load_session(isolated / "s.json")[0].corrections) == 1


async def test_the_sentence_view_corrects_sentence_links(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_row(app, pilot, 7)  # three sentences on each side
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, SentenceScreen)
        options = app.screen.options
        # the fixture links the row's three sentences with three, as one sentence link
        assert options.option_count == 1
        await pilot.press("S")  # first sentence apart: 1-1 and 2-2
        await pilot.pause()
        assert options.option_count == 2
        await pilot.press("j", "S")  # the 2-2 into 1-1 and 1-1
        await pilot.pause()
        assert options.option_count == 3
        comparison = screen_of(app).model.comparison
        inside = [comparison.sentence_links[k] for k in screen_of(app).model.rows[7].sentence_links]
        assert [(len(s.source), len(s.target), s.manual) for s in inside] == [(1, 1, True)] * 3
        text = str(options.get_option_at_index(0).prompt)
        assert "1-1" in text
        assert MANUAL in text
        await pilot.press("k", "right_curly_bracket")  # target sentence 1 down into link 2
        await pilot.pause()
        assert options.option_count == 3
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        assert options.option_count == 1
        await pilot.press("ctrl+y")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert 7 in manual_rows(app)


async def test_corrections_are_reapplied_on_reopening_and_reported_when_a_text_changed(
    isolated: Path,
) -> None:
    session = isolated / "s.json"
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_row(app, pilot, 3)
        await pilot.press("J")
        await go_to_row(app, pilot, 5)  # source ¶7 up into target ¶5 alone
        await pilot.press("left_parenthesis")
        corrected = rows(app)
        await pilot.press("q")
    assert len(load_session(session)[0].corrections) == 2

    app = make_app(session)  # the same texts: both corrections again, no notice
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert rows(app) == corrected
        assert manual_rows(app) == [3, 4, 5]
        assert screen_of(app).notice == ""
        assert not app._notifications

    # target ¶8 edited (no correction names it): both still apply, the change is reported
    edited = _with_target_text(make_comparison(), 7, "Un paragraphe au lien très faible.")
    app = _app_on(edited, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert rows(app) == corrected
        assert last_notice(app) == (
            "The target text changed since your alignment corrections; all 2 still apply."
        )

    # target ¶5 edited (the move of source ¶7 into its row): that correction alone is dropped
    edited = _with_target_text(make_comparison(), 4, "Ce paragraphe a été récrit.")
    app = _app_on(edited, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert rows(app)[3] == ((3, 4, 5), (3,))
        assert rows(app)[4:6] == [((), (4,)), ((6,), (5,))]
        assert manual_rows(app) == [3]
        assert last_notice(app) == (
            "1 of 2 alignment corrections no longer applies: the target text changed since; "
            "dropped."
        )
    assert len(load_session(session)[0].corrections) == 1


def _with_target_text(comparison: Comparison, paragraph: int, text: str) -> Comparison:
    from tui.engine.text.segment import split_sentences

    paragraphs = list(comparison.target.paragraphs)
    paragraphs[paragraph] = replace(
        paragraphs[paragraph], text=text, sentences=split_sentences(text)
    )
    return replace(comparison, target=replace(comparison.target, paragraphs=tuple(paragraphs)))


def _app_on(comparison: Comparison, session: Path):
    return build_app(
        comparison.source,
        comparison.target,
        comparison=comparison,
        session_path=session,
        settings=Settings(),
    )


# ---------------------------------------------------------------------------- exports


@pytest.fixture
def corrected_sample(isolated: Path) -> tuple[Path, Path, Path]:
    """The sample pair copied, next to the session file the app will write."""
    source, target = isolated / "a.de.txt", isolated / "a.fr.txt"
    source.write_bytes((REPO / SAMPLE_DE).read_bytes())
    target.write_bytes((REPO / SAMPLE_FR).read_bytes())
    return source, target, isolated / "session.json"


async def _correct_in_the_app(source: Path, target: Path, session: Path) -> ReviewScreen:
    app = build_app(
        load_article(str(source)),
        load_article(str(target)),
        options=CompareOptions(scorer="lexical"),
        session_path=session,
        settings=Settings(),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = screen_of(app)
        while screen.model is None:
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert [(r.source, r.target) for r in screen.model.rows[4:5]] == [((2,), (4,))]
        await go_to_row(app, pilot, 10)
        await pilot.press("J")  # rows 10 and 11 (source ¶9, ¶10; target ¶11, ¶12) joined
        await go_to_row(app, pilot, 4)
        await pilot.press("S")  # source ¶3 and target ¶5 unlinked
        await pilot.pause()
        # the app's own export carries the corrected links too
        await pilot.press("e", "down", "enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    return screen


def _report(source: Path, target: Path, session: Path, fmt: str, *more: str) -> str:
    out = target.parent / f"report.{fmt}"
    args = [str(source), str(target), "--scorer", "lexical", "--session", str(session)]
    assert cli.main([*args, "--format", fmt, "-o", str(out), *more]) == 1
    return out.read_text(encoding="utf-8")


async def test_every_export_carries_the_corrected_links(corrected_sample) -> None:
    source, target, session = corrected_sample
    await _correct_in_the_app(source, target, session)
    articles = {"de": load_article(str(source)), "fr": load_article(str(target))}
    paragraphs = {name: [p.text for p in a.paragraphs] for name, a in articles.items()}
    unlinked_de = paragraphs["de"][2]
    # their first sentences, units of the sentence-level formats
    first_de = articles["de"].paragraphs[2].sentence_text(0)
    first_fr = articles["fr"].paragraphs[4].sentence_text(0)
    assert first_fr == (
        "les hauts dirigeants ont démissionné les uns après les autres, ce qui a quelque peu "
        "embarrassé ultraman."
    )

    # the app's export (json, the second format) and the command line's agree
    from_app = json.loads((target.parent / "a.fr.review.json").read_text(encoding="utf-8"))
    data = json.loads(_report(source, target, session, "json"))
    assert from_app["links"] == data["links"]
    manual = [link for link in data["links"] if link.get("manual")]
    assert [(link["source"], link["target"]) for link in manual] == [
        ([2], []),
        ([], [4]),
        ([8, 9], [10, 11]),
    ]
    assert all(link["manual"] is True for link in manual)
    # sentence links are realigned inside the corrected links, not set by hand
    assert not any("manual" in link for link in data["sentence_links"])
    held = {
        (f["kind"], side, f[side]["paragraph"])
        for f in data["findings"]
        for side in ("source", "target")
        if f[side] is not None and f[side]["end"] > f[side]["start"]
    }
    assert ("paragraph_only_in_source", "source", 2) in held
    assert ("paragraph_only_in_target", "target", 4) in held

    text = _report(source, target, session, "text", "--color", "never")
    assert re.search(r"── \d+\. source ¶ 3 ↔ target ¶ — · link score 0\.00 ──", text)
    assert f"[-{unlinked_de[:40]}" in text.replace("\n  ", " ")

    markdown = _report(source, target, session, "markdown")
    assert "Paragraph only in the source" in markdown
    assert unlinked_de[:40] in markdown

    html = _report(source, target, session, "html")
    assert f'<mark class="omission">{unlinked_de[:40]}' in html

    # no unit pairs the two unlinked paragraphs any more: each is a note next to a unit
    tmx = _report(source, target, session, "tmx")
    assert f"<note>only in the source (de): {first_de}</note>" in tmx
    assert f"<seg>{first_de}</seg>" not in tmx
    xliff = _report(source, target, session, "xliff")
    # in XLIFF a passage only one version has is its own unit, its other side empty
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    units = [
        (u.findtext(f"{ns}source") or "", u.findtext(f"{ns}target") or "")
        for u in ET.fromstring(xliff.encode("utf-8")).iter(f"{ns}trans-unit")
    ]
    assert ("", first_fr) in units
    assert (first_de, "") in units
    tsv = _report(source, target, session, "tsv").splitlines()
    assert f"{first_de}\t\t0.000\tparagraph_only_in_source" in tsv
    assert f"\t{first_fr}\t0.000\tparagraph_only_in_target" in tsv
    # paragraph units: the joined rows are one pair
    joined = " ".join(paragraphs["de"][8:10])
    pairs = _report(source, target, session, "tsv", "--unit", "paragraph").splitlines()
    assert any(line.startswith(joined + "\t") for line in pairs)
    tmx_pairs = _report(source, target, session, "tmx", "--unit", "paragraph")
    assert paragraphs["de"][8] + "\n" + paragraphs["de"][9] in tmx_pairs


async def test_a_remapped_correction_key_works_in_both_views(isolated: Path) -> None:
    app = make_app(isolated / "s.json", Settings(keymap={"join": "z", "undo": "ctrl+u"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_row(app, pilot, 3)
        await pilot.press("z")
        assert rows(app)[3] == ((3, 4, 5), (3,))
        assert "(^u undoes)" in last_notice(app)  # as Textual shows ctrl keys
        await pilot.press("ctrl+u")
        assert rows(app) == ROWS
        await go_to_row(app, pilot, 7)
        await pilot.press("A", "S")
        await pilot.pause()
        assert isinstance(app.screen, SentenceScreen)
        assert app.screen.options.option_count == 2
        await pilot.press("z")  # joined again, in the sentence view
        assert app.screen.options.option_count == 1
        hint = str(app.screen.query_one("#sentences-hint").render())
        assert hint.startswith("z S ( ) { } correct the sentence links · ^u undoes")


async def test_a_long_article_prepares_the_aligner_in_a_worker(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app.screens import corrections

    monkeypatch.setattr(corrections, "PREPARE_AHEAD", 5)  # the fixture counts as long
    notices: list[str] = []  # every notice shown, in order (each replaces the last)
    show = NoticeLine.show

    def shown(line: NoticeLine, text: str, severity: str) -> None:
        notices.append(text)
        show(line, text, severity)

    monkeypatch.setattr(NoticeLine, "show", shown)
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_row(app, pilot, 3)
        await pilot.press("J")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(app)[3] == ((3, 4, 5), (3,))
        assert notices[-2].startswith("Preparing the aligner for corrections")
        assert notices[-1].startswith("Joined two rows at source ¶4")
        assert screen_of(app).corrector.realigner.ready
        await go_to_row(app, pilot, 0)
        await pilot.press("S")  # ready now: made at once
        assert rows(app)[0:2] == [((0,), ()), ((), (0,))]
        await go_to_row(app, pilot, 7)
        await pilot.press("A", "S")  # in the sentence view too
        await pilot.pause()
        assert app.screen.options.option_count == 2


async def test_row_heights_after_a_correction_match_the_new_rows(isolated: Path) -> None:
    from tui.app.render import row_height

    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 30)) as pilot:
        await go_to_row(app, pilot, 3)
        await pilot.press("J")  # the joined row is taller than either; the rest keep theirs
        await go_to_row(app, pilot, 6)
        await pilot.press("S")
        view = screen_of(app).view
        model = screen_of(app).model
        heights = [b - a for a, b in zip(view._tops, view._tops[1:], strict=False)]
        assert heights == [row_height(model, model.rows[n], view._layout) for n in view.shown]


async def test_the_sentence_view_says_what_a_key_did_in_place_of_its_hints(
    isolated: Path,
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to_row(app, pilot, 7)
        await pilot.press("A", "S")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, SentenceScreen)
        assert view.notice == "Split the sentence link at source sentence ¶8.1 (^z undoes)."
        assert view.query_one("#sentences-notice").display
        assert not view.query_one("#sentences-hint").display
        assert screen_of(app).notice == ""  # said in the view, not under it
        await pilot.press("j")  # moving on takes it away and brings the hints back
        assert view.notice == ""
        assert view.query_one("#sentences-hint").display
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert view.notice == "Nothing to redo."
        await pilot.press("escape", "ctrl+y")  # the review screen says it on its own line
        await pilot.pause()
        assert screen_of(app).notice == "Nothing to redo."


async def test_an_editors_note_stays_on_its_paragraph_through_corrections(
    isolated: Path,
) -> None:
    from tui.engine.model import FindingKind, Side
    from tui.engine.notes import note_id
    from tui.engine.review import Review, ReviewSession

    comparison = make_comparison()
    key = note_id(Side.TARGET, comparison.target.paragraphs[3].text)  # row 4's target
    ReviewSession(isolated / "s.json", {key: Review(note="ask the author")}).save()
    app = make_app(isolated / "s.json")

    def notes() -> list[tuple[int, str]]:
        model = screen_of(app).model
        return [
            (model.finding_row[n], f.id)
            for n, f in enumerate(model.comparison.findings)
            if f.kind is FindingKind.EDITOR_NOTE
        ]

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert notes() == [(4, key)]
        await go_to_row(app, pilot, 3)
        await pilot.press("J")  # the source-only row 3 joins row 4, which holds the note
        await pilot.pause()
        assert rows(app)[3] == ((3, 4, 5), (3,))
        assert notes() == [(3, key)]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert notes() == [(4, key)]
