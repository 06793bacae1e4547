"""The review app driven with real key presses on the hand-made comparison."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import make_app, make_comparison
from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style

from tui.app import build_app
from tui.app.config import Settings
from tui.app.screens.dialogs import PromptScreen, TextScreen
from tui.app.screens.review import ReviewScreen
from tui.engine.export import ExportOptions
from tui.engine.model import FindingKind
from tui.engine.review import Decision, load_session


def review_screen(app) -> ReviewScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReviewScreen)
    return screen


def current_kind(app) -> FindingKind | None:
    screen = review_screen(app)
    finding = screen.view.current_finding
    return None if finding is None else screen.model.finding(finding).kind


async def test_first_screen_shows_both_articles_and_counts(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = review_screen(app)
        lines = screen.view.screen_lines()
        assert "Die Einsamkeit von Ultraman" in lines[0]
        assert "La solitude d'Ultraman" in lines[0]
        assert all(len(line) <= 80 for line in lines)
        header = screen.query_one("#header").render().plain
        assert "fixture/source.de.txt" in header
        assert "fixture/target.fr.txt" in header
        # Every kind is counted once in the fixture; at 80 columns paragraphs and sentences
        # only in one version are counted together, with short labels.
        counts = header.splitlines()[1]
        for count in ("-2 src", "+2 tgt", "#1 num", '"1 quote', "U1 untr", "~1 weak"):
            assert count in counts
        assert counts.endswith("reviewed 0/8 · dismissed 0")


async def test_columns_never_drift(isolated: Path) -> None:
    """Every line of every row has the separator in the same column: rows share one height."""
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = review_screen(app).view
        columns = set()
        for row in range(len(view.model.rows)):
            for line in view.row_lines(row):
                columns.add(line.index("│"))
        assert len(columns) == 1


async def test_every_finding_is_reachable_with_the_bracket_keys(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = review_screen(app)
        order = screen.model.order
        seen = []
        for _ in range(len(order)):
            await pilot.press("right_square_bracket")
            seen.append(screen.view.current_finding)
        assert seen == order  # reading order
        assert screen.notice == ""
        # Past the last one: back to the first, and the notice says so (as vim's search does).
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.view.current_finding == order[0]
        assert screen.notice == "Past the last finding: wrapped to the first."
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.view.current_finding == order[-1]
        assert screen.notice == "Before the first finding: wrapped to the last."
        back = []
        for _ in range(len(order) - 1):
            await pilot.press("left_square_bracket")
            back.append(screen.view.current_finding)
        assert back == order[-2::-1]
        assert screen.notice == ""  # moving on took the notice away


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("o", {FindingKind.PARAGRAPH_ONLY_IN_SOURCE, FindingKind.SENTENCE_ONLY_IN_SOURCE}),
        ("i", {FindingKind.PARAGRAPH_ONLY_IN_TARGET, FindingKind.SENTENCE_ONLY_IN_TARGET}),
    ],
)
async def test_omission_and_insertion_keys_visit_only_their_kinds(
    isolated: Path, key: str, expected: set[FindingKind]
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        kinds = set()
        for _ in range(4):
            await pilot.press(key)
            kinds.add(current_kind(app))
        assert kinds == expected


async def test_current_finding_is_shown_in_the_status_line(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("i")
        status = review_screen(app).query_one("#status").render().plain
        assert "paragraph only in target" in status
        assert "¶5" in status  # target paragraph 5 (1-based) of the fixture


async def test_review_marks_persist_across_a_restart(isolated: Path) -> None:
    session = isolated / "s.json"
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket", "s")  # number mismatch: reviewed
        first = review_screen(app).view.current_finding
        await pilot.press("right_square_bracket", "x")  # quote mismatch: dismissed
        second = review_screen(app).view.current_finding
        await pilot.press("m")  # bookmark that row
        await pilot.press("j", "j")
        await pilot.press("q")
    comparison = make_comparison()
    saved, warning = load_session(session)
    assert warning is None
    assert saved.review(comparison.findings[first].id).decision is Decision.REVIEWED
    assert saved.review(comparison.findings[second].id).decision is Decision.DISMISSED
    assert len(saved.bookmarks) == 1

    again = make_app(session)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = review_screen(again)
        assert screen.view.row == 4  # resumed where the editor quit
        header = screen.query_one("#header").render().plain
        assert "reviewed 1/8 · dismissed 1" in header  # each decision counted apart
        lines = screen.view.row_lines(1)
        assert lines[0][7] == "✓"  # the number mismatch's gutter mark says reviewed
        assert "★" in screen.view.row_lines(2)[0]
        await pilot.press("u")  # next unreviewed skips the two decided findings
        assert screen.view.current_finding not in (first, second)
        await pilot.press("k", "k", "k", "k")  # back to row 1: its finding becomes current
        await pilot.press("X")
    restored, _ = load_session(session)
    assert restored.review(comparison.findings[first].id).decision is Decision.OPEN


async def test_corrupt_session_is_kept_aside_and_reported(isolated: Path) -> None:
    session = isolated / "s.json"
    session.write_text('{"schema": "transdiff-session/1", "version": 7}', encoding="utf-8")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        await pilot.press("right_square_bracket", "s")
    kept = [p for p in isolated.iterdir() if p.name.startswith("s.json.corrupt-")]
    assert len(kept) == 1
    assert json.loads(kept[0].read_text(encoding="utf-8"))["version"] == 7
    assert any(kept[0].name in m and "newer transdiff" in m for m in messages)
    assert json.loads(session.read_text(encoding="utf-8"))["version"] == 1  # a new session


async def test_hostile_text_is_shown_literally(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        view = review_screen(app).view
        row = view.row_lines(6)
        joined = "".join(row)
        assert "[bold red]not bold[/]" in joined
        assert "[@click=app.quit]click me[/]" in joined
        assert "␛[31mred␛[0m" in joined
        assert "bell␇" in joined
        for y in range(view.scrollable_content_region.height):
            for segment in view.render_line(y):
                assert "\x1b" not in segment.text
                assert "\x07" not in segment.text
                assert "\u202e" not in segment.text
        await pilot.click("#view", offset=(20, 20))  # where the [@click] text is drawn
        assert app.is_running


async def test_search_goto_filter_and_wrap(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = review_screen(app)
        await pilot.press("slash")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"BLAGUE", "enter")  # a capital: the case counts, the text has none
        await pilot.pause()
        assert screen.notice == "Not found: BLAGUE"
        assert screen.view.row == 0
        await pilot.press("slash", "ctrl+u", *"blague", "enter")
        assert screen.view.row == 2
        await pilot.press("colon", "t", "5", "enter")  # target paragraph 5
        assert screen.view.row == 5
        await pilot.press("colon", "9", "enter")  # source paragraph 9: the weak link
        assert screen.view.row == 8
        await pilot.press("f")
        assert screen.view.shown == [1, 2, 3, 5, 6, 7, 8]
        await pilot.press("f", "w")
        assert all(len(screen.view.row_lines(n)) <= 2 for n in range(9))
        assert any(line.rstrip().endswith("…") for line in screen.view.row_lines(7))


async def test_detail_pane_shows_sentence_alignment_and_messages(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o", "o")  # the sentence only in the source (row 7)
        await pilot.press("enter")
        assert isinstance(app.screen, TextScreen)
        body = "\n".join(plain_lines(app.screen.body, 76))
        assert "Sentence alignment" in body
        assert "Dazu noch ein Satz" in body
        assert "sentence only in source" in body
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


def plain_lines(renderable: object, width: int) -> list[str]:
    """What ``renderable`` shows at ``width`` columns, one string per line."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


async def test_help_is_built_from_the_bindings_and_follows_the_keymap(isolated: Path) -> None:
    settings = Settings(keymap={"next-finding": "z"})
    app = make_app(isolated / "s.json", settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("z")
        assert review_screen(app).view.current_finding is not None
        await pilot.press("question_mark")
        assert isinstance(app.screen, TextScreen)
        body = app.screen.body
        from tui.app.keys import BINDINGS, KEYS

        wide = "\n".join(plain_lines(body, 200))  # wide enough that nothing wraps
        for binding in BINDINGS:
            assert (binding.tooltip or binding.description) in wide
            assert f"  {binding.id}" in wide
        assert "ctrl+p opens the command palette" in wide
        assert "[keymap]" in wide
        lines = plain_lines(body, 80)
        line = next(ln for ln in lines if ln.endswith("  next-finding"))
        assert line.split()[0] == "z"
        # a wrapped description stays in its column: only section headings start at column 0
        keys_part = lines[: next(n for n, ln in enumerate(lines) if ln.startswith("ctrl+p"))]
        sections = {name for name, _binding in KEYS}
        assert all(not ln or ln.startswith(" ") or ln in sections for ln in keys_part)
        assert any(ln.startswith(" " * 10) for ln in keys_part)  # some description did wrap


async def test_text_pane_pages_with_the_main_view_keys(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, TextScreen)
        scroll = app.screen.query_one("#pane-scroll")
        assert scroll.max_scroll_y > 2 * scroll.size.height  # room for two pages
        await pilot.press("pagedown")
        first = scroll.scroll_offset.y
        assert first > 1
        await pilot.press("space")
        assert scroll.scroll_offset.y > first
        await pilot.press("b")
        assert scroll.scroll_offset.y == first
        await pilot.press("home")
        assert scroll.scroll_offset.y == 0
        await pilot.press("G")
        assert scroll.scroll_offset.y == scroll.max_scroll_y
        await pilot.press("g")
        assert scroll.scroll_offset.y == 0
        await pilot.press("end")
        assert scroll.scroll_offset.y == scroll.max_scroll_y
        await pilot.press("pageup")
        assert 0 < scroll.scroll_offset.y < scroll.max_scroll_y


async def test_command_palette_lists_every_action(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        from tui.app.keys import BINDINGS

        skip = {"quit", "help", "close"}  # the palette has its own Quit and Keys
        wanted = {b.tooltip or b.description for b in BINDINGS if b.id not in skip}
        missing = wanted - titles
        assert not missing
        assert "Theme" in titles or any("theme" in t.lower() for t in titles)


async def test_findings_panel_enter_jumps_to_the_row(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(160, 50)) as pilot:
        screen = review_screen(app)
        await pilot.press("l")
        panel = screen.findings_list
        assert panel.display
        panel.focus()
        await pilot.press("end", "enter")
        assert screen.view.current_finding == screen.model.order[-1]
        assert screen.view.has_focus


async def test_findings_list_is_one_line_per_finding_without_the_kind_twice(
    isolated: Path,
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = review_screen(app)
        await pilot.press("l")
        await pilot.pause()
        panel = screen.findings_list
        assert panel.option_count == len(screen.model.order)
        assert panel.virtual_size.height == panel.option_count  # no option wraps
        shown = [panel.render_line(y).text.rstrip() for y in range(panel.size.height)]
        assert any(line.endswith("…") for line in shown)
        prompts = [str(panel.get_option_at_index(n).prompt) for n in range(panel.option_count)]
        omitted = next(p for p in prompts if "Dazu noch" in p)
        assert "sentence only in source: „Dazu noch ein Satz" in omitted
        assert "only in the source" not in omitted
        assert any(p.endswith("paragraph only in source") for p in prompts)
        assert any(
            "number mismatch: number 13 in the source, 12 in the target" in p for p in prompts
        )


async def test_export_writes_the_chosen_format(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app.screens import review

    def fake_render(name: str, comparison: object, options: ExportOptions) -> str:
        return f"{name}:{len(options.reviews)}"

    monkeypatch.setattr(review, "render", fake_render)
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket", "s", "e")
        await pilot.pause()
        path = app.screen.query_one("#export-path")
        path.value = "out/report.txt"
        path.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = (isolated / "out" / "report.txt").read_text(encoding="utf-8")
    assert text.endswith(":1")


async def test_export_dialog_says_enter_twice_and_enter_twice_writes(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Label

    from tui.app.screens import review
    from tui.app.screens.export import ExportScreen

    monkeypatch.setattr(review, "render", lambda name, comparison, options: f"{name} report")
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        title = str(app.screen.query_one(".dialog-title", Label).render())
        assert "Enter to edit the file name, Enter again to write" in title
        assert "Esc cancels" in title
        await pilot.press("enter")  # the first Enter only moves to the file name
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.focused is app.screen.query_one("#export-path")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    written = isolated / "fixture" / "target.fr.review.txt"
    assert written.read_text(encoding="utf-8") == "text report"


async def test_comparison_runs_in_a_cancellable_worker_with_progress(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from tui.app.screens import review
    from tui.engine.errors import ComparisonCancelled

    started, stopped = threading.Event(), threading.Event()

    def slow_compare(source, target, *, options, progress, cancelled):
        progress(0.4, "aligning paragraphs")
        started.set()
        while not cancelled():  # the worker's is_cancelled, polled like the engine does
            stopped.wait(0.01)
        stopped.set()
        raise ComparisonCancelled

    monkeypatch.setattr(review, "compare", slow_compare)
    comparison = make_comparison()
    app = build_app(
        comparison.source, comparison.target, session_path=isolated / "s.json", settings=Settings()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        while not started.is_set():
            await pilot.pause(0.01)
        await pilot.pause(0.05)
        screen = review_screen(app)
        assert screen.has_class("-loading")
        stage = str(screen.query_one("#stage").render())
        assert "aligning paragraphs" in stage
        assert screen.query_one("#progress").progress == pytest.approx(40)
        await pilot.press("q")
    assert stopped.wait(5)
    assert app.return_code == 0


def shown_background(style: Style, system: ColorSystem) -> tuple[int, int, int] | None:
    """The background colour a terminal paints for ``style`` (reverse swaps the colours)."""
    color = style.color if style.reverse else style.bgcolor
    if color is None:
        return None
    return tuple(color.downgrade(system).get_truecolor())


@pytest.mark.parametrize("system", [ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT])
async def test_search_match_stands_out_on_the_cursor_row(
    isolated: Path, system: ColorSystem
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"blague", "enter")
        view = review_screen(app).view
        assert view.row == 2
        cursor_lines = [
            list(view.render_line(y))
            for y in range(view.scrollable_content_region.height)
            if view.render_line(y).text.startswith("▌")
        ]
        segments = [s for line in cursor_lines for s in line]
        match = next(s for s in segments if s.text.lower() == "blague")
        row = next(s for s in segments if s.text == " " and s.style and s.style.bgcolor)
        assert shown_background(match.style, system) != shown_background(row.style, system)


@pytest.mark.parametrize("width", [60, 80, 160, 240])
async def test_header_counts_fit_the_width_and_keep_the_progress(
    isolated: Path, width: int
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        header = review_screen(app).query_one("#header")
        counts = header.render_line(1).text.rstrip()
        # The progress always shows: in full from 80 columns, compact below.
        assert ("reviewed 0/8 · dismissed 0" if width >= 80 else "✓0 ×0 of 8") in counts
        assert "…" not in counts
        # Full labels exactly when they fit: the fixture's take 193 cells and the progress 26.
        assert ("number mismatch" in counts) == (width >= 200)


async def test_cut_lines_keep_the_mark_of_flagged_text_past_the_cut(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        view = review_screen(app).view
        # Row 7: the sentence only in the source and the one only in the target lie past
        # the cut of their one-line cells.
        (line,) = view.row_lines(7)
        assert line.rstrip().endswith("…")
        assert "Dazu noch" not in line
        bar = line.index("│")
        assert line[7] == "-"
        assert line[bar + 2 + 2] == "+"


@pytest.fixture
def existing(isolated: Path) -> Path:
    """A file where the export dialog proposes to write the text report."""
    path = isolated / "fixture" / "target.fr.review.txt"
    path.parent.mkdir()
    path.write_text("keep me", encoding="utf-8")
    return path


async def test_export_asks_before_overwriting_an_existing_file(
    isolated: Path, existing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Label

    from tui.app.screens import review
    from tui.app.screens.export import ExportScreen

    monkeypatch.setattr(review, "render", lambda name, comparison, options: f"{name} report")
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # not written: the dialog asks first
        note = app.screen.query_one("#export-note", Label)
        assert note.display
        assert "exists: Enter again overwrites it" in str(note.render())
        assert existing.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert existing.read_text(encoding="utf-8") == "text report"


async def test_export_warning_is_forgotten_when_the_name_changes(
    isolated: Path, existing: Path
) -> None:
    from textual.widgets import Input, Label

    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "enter", "enter")
        path = app.screen.query_one("#export-path", Input)
        path.value = "other.txt"
        await pilot.pause()
        assert not app.screen.query_one("#export-note", Label).display
        path.value = str(existing)
        await pilot.press("enter")  # a fresh Enter on the existing name warns again
        assert app.screen.query_one("#export-note", Label).display
    assert existing.read_text(encoding="utf-8") == "keep me"


async def test_notices_cover_no_text_do_not_stack_and_go_when_superseded(
    isolated: Path,
) -> None:
    from textual.widgets import Footer
    from textual.widgets._toast import Toast

    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = review_screen(app)
        await pilot.press("m")
        notice = screen.query_one("#notice")
        for _ in range(40):  # a loaded machine lays the notice out a few frames later
            await pilot.pause(0.05)
            if notice.region.height and not screen.query_one(Footer).display:
                break
        assert screen.notice == "Bookmarked."
        assert not list(app.screen.query(Toast))  # no toast over the text
        # In the footer's place, under the view and the status line, one line tall.
        assert notice.region.y == 23
        assert notice.region.height == 1
        for other in ("#view", "#status", "#header"):
            assert not notice.region.overlaps(screen.query_one(other).region)
        assert not screen.query_one(Footer).display
        await pilot.press("m")  # a second notice replaces the first
        await pilot.pause()
        assert screen.notice == "Bookmark removed."
        assert len(list(screen.query("#notice"))) == 1
        await pilot.press("j")  # moving elsewhere supersedes it: the footer comes back
        await pilot.pause()
        assert screen.notice == ""
        assert screen.query_one(Footer).display


async def test_status_line_shows_the_finding_before_the_row_at_80_columns(
    isolated: Path,
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket")  # the number mismatch
        await pilot.pause()
        shown = review_screen(app).query_one("#status").render_line(0).text.rstrip()
        assert len(shown) <= 80
        assert "# number mismatch: number 13 in the" in shown
        # The row and paragraph numbers are never cut: the finding's message gives way.
        assert shown.endswith("row 2/9 ¶2 ⇄ ¶2 1-1 0.84")
        assert "…" in shown


async def test_restore_on_an_open_finding_says_so(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket", "X")
        await pilot.pause()
        assert review_screen(app).notice == "This finding is already open."


async def test_help_says_that_m_toggles_the_bookmark(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        wide = "\n".join(plain_lines(app.screen.body, 200))
        line = next(ln for ln in wide.splitlines() if ln.endswith("  bookmark"))
        assert "remove the bookmark" in line
        await pilot.press("escape", "m", "m")
        await pilot.pause()
        assert review_screen(app).notice == "Bookmark removed."
