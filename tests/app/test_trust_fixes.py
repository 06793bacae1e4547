"""What a new user's trial found about trust (notes/newuser.md items 5-10), driven through the
app with real keys or through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_app, make_comparison
from test_semantic_pass import FakeEngine, lexical_shown, screen_of
from test_semantic_pass import make_app as make_two_pass_app

from tui import cli
from tui.app.rows import ReviewModel
from tui.app.screens import review
from tui.engine.model import Comparison
from tui.engine.review import load_session


def remember_last_row(session_path: Path, comparison: Comparison) -> int:
    """Save a session whose remembered position is the comparison's last row."""
    model = ReviewModel(comparison)
    session, _ = load_session(session_path)
    session.position = model.rows[-1].key
    session.save()
    return len(model.rows) - 1


def visible_rows(screen) -> set[int]:
    """The model rows with at least one line on screen."""
    view = screen.view
    top = round(view.scroll_offset.y)
    bottom = top + view.scrollable_content_region.height
    return {
        view.shown[n]
        for n in range(len(view.shown))
        if view._tops[n] < bottom and view._tops[n + 1] > top
    }


# ------------------------------------------------------------- 5: the remembered position


async def test_reopening_shows_the_remembered_row_at_once(isolated: Path) -> None:
    row = remember_last_row(isolated / "s.json", make_comparison())
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 12)) as pilot:  # the last row is off the first screen
        await pilot.pause()
        screen = screen_of(app)
        assert screen.view.row == row
        assert row in visible_rows(screen)
        assert 0 not in visible_rows(screen)


@pytest.fixture
def held_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    monkeypatch.setattr(review, "compare", fake.compare)
    monkeypatch.setattr(review, "available_scorers", lambda: ("auto", "lexical", "semantic"))
    return fake


async def test_the_remembered_row_is_on_screen_while_the_semantic_pass_runs(
    isolated: Path, held_engine: FakeEngine
) -> None:
    row = remember_last_row(isolated / "s.json", make_comparison())
    app = make_two_pass_app(isolated / "s.json")
    async with app.run_test(size=(80, 12)) as pilot:
        screen = await lexical_shown(app, pilot, held_engine)
        assert screen.semantic_pass is not None  # the second pass has not ended
        assert screen.view.row == row
        assert f"row {row + 1}/" in screen.query_one("#status").render().plain
        assert row in visible_rows(screen)  # what the status line says is what is shown
        held_engine.release.set()


# ------------------------------------------------------------- 9: stdin and -o FILE.docx

SMALL_DE = "Der Hund lief heute 45 Kilometer durch die Stadt.\n\nDas ist alles, was er tat.\n"
SMALL_FR = "Le chien a couru 54 kilomètres dans la ville aujourd'hui.\n"


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m tui ARGS`` in a fresh interpreter, ``stdin`` piped in, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("side", ["source", "target"])
def test_a_dash_reads_one_article_from_standard_input(isolated: Path, side: str) -> None:
    (isolated / "de.txt").write_text(SMALL_DE, encoding="utf-8")
    (isolated / "fr.txt").write_text(SMALL_FR, encoding="utf-8")
    files = ["de.txt", "fr.txt"]
    expected = run_cli(*files, "--scorer", "lexical", "-f", "json")
    piped = SMALL_DE if side == "source" else SMALL_FR
    files[0 if side == "source" else 1] = "-"
    got = run_cli(*files, "--scorer", "lexical", "-f", "json", stdin=piped)
    assert got.returncode == expected.returncode == 1, got.stderr
    assert "no such file" not in got.stderr
    want, have = json.loads(expected.stdout), json.loads(got.stdout)
    assert [f["message"] for f in have["findings"]] == [f["message"] for f in want["findings"]]
    assert have[side]["path"] == "<stdin>"
    assert not list(isolated.glob("*transdiff.json"))  # no session file for a pipe


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-", "-"], "only one of SOURCE and TARGET can be -"),
        (["de.txt", "-", "fr.txt"], "works with one TARGET only"),
        (["-", "fr.txt", "fr.txt"], "works with one TARGET only"),
    ],
)
def test_standard_input_for_both_sides_or_several_targets_is_refused(
    isolated: Path, args: list[str], message: str
) -> None:
    (isolated / "de.txt").write_text(SMALL_DE, encoding="utf-8")
    (isolated / "fr.txt").write_text(SMALL_FR, encoding="utf-8")
    got = run_cli(*args, stdin=SMALL_DE)
    assert got.returncode == 2
    (line,) = got.stderr.splitlines()
    assert line.startswith("transdiff: error: ")
    assert message in line


@pytest.mark.parametrize("name", ["rep.docx", "rep.ODT", "rep.pdf"])
def test_a_word_processor_output_name_is_refused_in_one_line(
    isolated: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (isolated / "de.txt").write_text(SMALL_DE, encoding="utf-8")
    (isolated / "fr.txt").write_text(SMALL_FR, encoding="utf-8")
    assert cli.main(["de.txt", "fr.txt", "--scorer", "lexical", "-o", name]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("transdiff: error: ")
    assert "does not write" in line
    assert not (isolated / name).exists()
    # asked for by name, a format is written under any file name
    assert cli.main(["de.txt", "fr.txt", "--scorer", "lexical", "-f", "html", "-o", name]) == 1
    assert (isolated / name).read_text(encoding="utf-8").lstrip().startswith("<!")


def test_a_dash_on_a_terminal_says_it_waits_for_the_article(
    isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed at a terminal, ``-`` waits for Ctrl-D: a line says so (a pipe says nothing)."""
    import io

    class TypedInput(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    (isolated / "fr.txt").write_text(SMALL_FR, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", TypedInput(io.BytesIO(SMALL_DE.encode())))
    assert cli.main(["-", "fr.txt", "--scorer", "lexical", "-f", "json"]) == 1
    err = capsys.readouterr().err
    assert "reading the article from standard input; end it with Ctrl-D" in err
