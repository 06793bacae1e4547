"""What a new user's trial found about trust (notes/newuser.md items 5-10), driven through the
app with real keys or through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_app, make_comparison
from test_semantic_pass import FakeEngine, lexical_shown, screen_of
from test_semantic_pass import make_app as make_two_pass_app

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
