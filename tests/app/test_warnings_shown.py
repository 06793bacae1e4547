"""Warnings the editor must see in the app, not only on the terminal it covers: the
loader's (a legacy encoding guessed, identical texts) and the comparison's (the same file
twice, two revisions of one language), as toasts that a later notice does not replace."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, SAMPLE_FR, make_comparison

from tui.app import build_app
from tui.app.config import Settings
from tui.engine.model import CompareOptions
from tui.engine.text.load import load_article


def _warnings(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


async def test_the_same_file_twice_is_said_in_the_app(isolated: Path) -> None:
    path = str(REPO / SAMPLE_FR)
    app = build_app(
        load_article(path),
        load_article(path),
        options=CompareOptions(scorer="lexical"),
        session_path=isolated / "s.json",
        settings=Settings(),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):  # the comparison runs in a worker
            await pilot.pause(0.1)
            if app.screen_stack[0].model is not None:
                break
        await pilot.pause(0.2)
        await pilot.press("right_square_bracket")  # a move clears the notice line, not toasts
        said = _warnings(app)
    assert "the same file is given as source and target" in said
    assert any("comparing two revisions" in w for w in said), said


async def test_the_loaders_warnings_are_said_in_the_app(isolated: Path) -> None:
    comparison = make_comparison()
    app = build_app(
        comparison.source,
        comparison.target,
        comparison=comparison,
        session_path=isolated / "s.json",
        settings=Settings(),
        warnings=["latin1.fr.txt: not UTF-8, decoded as latin-1"],
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "latin1.fr.txt: not UTF-8, decoded as latin-1" in _warnings(app)
