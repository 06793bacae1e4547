"""A bug ends the app on its error screen, status 2, the review session as it was saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_app, make_comparison

from tui.app import build_app
from tui.app.app import exit_status
from tui.app.config import Settings
from tui.app.screens import review
from tui.app.screens.error import InternalErrorScreen
from tui.app.screens.review import ReviewScreen
from tui.engine.errors import InputError
from tui.engine.model import CompareOptions
from tui.engine.review import Decision, Review, load_session

REPORT = "; please report it with the two files"


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def _wait_for_error_screen(app, pilot) -> InternalErrorScreen:
    for _ in range(500):
        if isinstance(app.screen, InternalErrorScreen) and app.screen.query("#error-message"):
            return app.screen
        await pilot.pause(0.01)
    raise AssertionError(f"no error screen; the app shows {app.screen!r}")


async def test_a_bug_in_the_comparison_shows_the_error_screen(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_compare(*args, **kwargs):
        raise RuntimeError("alignment band does not reach the end of both documents")

    monkeypatch.setattr(review, "compare", broken_compare)
    comparison = make_comparison()
    session_path = isolated / "s.json"
    saved, _ = load_session(session_path)  # decided in an earlier run
    saved.set_review(comparison.findings[0].id, Review(Decision.REVIEWED, "checked"))
    before = session_path.read_bytes()
    app = build_app(
        comparison.source, comparison.target, session_path=session_path, settings=Settings()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _wait_for_error_screen(app, pilot)
        message = _text(screen, "#error-message")
        assert message.startswith(
            "internal error: RuntimeError: alignment band does not reach the end"
        )
        assert message.endswith(REPORT)
        assert str(session_path) in _text(screen, "#error-session").replace("\n", "")
        await pilot.press("q")
    assert app.return_code == 2
    assert session_path.read_bytes() == before
    assert exit_status(app) == 2
    err = capsys.readouterr().err
    assert err.startswith("transdiff: internal error: RuntimeError: alignment band")
    assert err.count("\n") == 1
    assert exit_status(app, debug=True) == 2
    assert "Traceback (most recent call last)" in capsys.readouterr().err


async def test_a_bug_in_a_key_action_ends_the_app_in_one_line_keeping_the_decisions(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    session_path = isolated / "s.json"
    app = make_app(session_path)

    seen: dict[str, object] = {}

    def broken_detail(self) -> None:
        raise ZeroDivisionError("division by zero")

    async def decide_then_break() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("right_square_bracket", "s")  # a decision, saved at once
            seen["finding"] = app.screen.view.current_finding
            seen["session"] = session_path.read_bytes()
            monkeypatch.setattr(ReviewScreen, "action_detail", broken_detail)
            await pilot.press("enter")

    # Textual stops the message loop that raised, so the app ends (Pilot re-raises the error)
    with pytest.raises(ZeroDivisionError):
        await decide_then_break()
    assert "Traceback" not in capsys.readouterr().err  # Textual's own is not printed
    assert exit_status(app) == 2
    err = capsys.readouterr().err
    assert err.startswith("transdiff: internal error: ZeroDivisionError: division by zero")
    assert err.count("\n") == 1
    assert session_path.read_bytes() == seen["session"]
    saved, _ = load_session(session_path)
    finding_id = make_comparison().findings[seen["finding"]].id
    assert saved.review(finding_id).decision is Decision.REVIEWED


async def test_an_expected_engine_error_ends_the_app_with_status_2(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args, **kwargs):
        raise InputError("b.txt: the article is empty")

    monkeypatch.setattr(review, "compare", refused)
    comparison = make_comparison()
    app = build_app(
        comparison.source, comparison.target, session_path=isolated / "s.json", settings=Settings()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            if app.return_code is not None:
                break
            await pilot.pause(0.01)
    assert app.return_code == 2  # an error, like the command line's (it was 0)
    assert app.internal_error is None


async def test_several_targets_a_bug_in_the_background_fails_only_that_target(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app import targets as targets_app
    from tui.app.targets import build_targets_app

    first = make_comparison()
    second = make_comparison(target_path="fixture/second.fr.txt")

    def broken(source, target, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(targets_app, "compare", broken)  # the background worker's compare
    app = build_targets_app(
        first.source,
        [first.target, second.target],
        options=CompareOptions(scorer="lexical"),
        session_path=isolated / "s.json",
        settings=Settings(),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(500):  # the first target compares itself, then the worker the second
            await pilot.pause(0.02)
            notices = [n.message for n in app._notifications]
            if any("Target 2 could not be compared" in n for n in notices):
                break
        assert any(
            n.startswith("Target 2 could not be compared: internal error: ZeroDivisionError")
            for n in notices
        )
        assert app.internal_error is None  # the target shown is still reviewable
        assert app.screen.model is not None
        await pilot.press("q")
    assert app.return_code == 0


async def test_several_targets_a_bug_in_the_shown_target_shows_the_error_screen(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app.targets import build_targets_app

    def broken(*args, **kwargs):
        raise RuntimeError("engine broke")

    monkeypatch.setattr(review, "compare", broken)  # the shown target's own comparison
    first = make_comparison()
    second = make_comparison(target_path="fixture/second.fr.txt")
    session_path = isolated / "s.json"
    app = build_targets_app(
        first.source,
        [first.target, second.target],
        options=CompareOptions(scorer="lexical"),
        session_path=session_path,
        settings=Settings(),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _wait_for_error_screen(app, pilot)
        assert _text(screen, "#error-message").startswith("internal error: RuntimeError: engine")
        await pilot.press("ctrl+q")  # the app's quit: writes nothing after a bug
    assert app.return_code == 2
    assert not session_path.exists()
