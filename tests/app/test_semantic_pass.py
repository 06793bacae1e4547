"""Two passes in the app: the lexical result at once, the semantic one swapped in when ready.

The engine is replaced by a fake ``compare`` that returns fixed comparisons and holds the
semantic pass until the test releases it, so nothing depends on timing or on the model.
"""

from __future__ import annotations

import dataclasses
import doctest
import threading
from pathlib import Path

import pytest
from conftest import make_comparison

from tui.app import build_app
from tui.app.config import Settings
from tui.app.screens import review
from tui.app.screens.review import ReviewScreen
from tui.engine.errors import ComparisonCancelled, TransdiffError
from tui.engine.model import (
    CompareOptions,
    Comparison,
    Finding,
    FindingKind,
    Link,
    Location,
    Severity,
)

ALL_SCORERS = ("auto", "lexical", "semantic")


def semantic_comparison() -> Comparison:
    """The fixture as a better scorer might see it: the 2-1 link split (rows after it move
    down by one) and two more findings."""
    lexical = make_comparison()
    links = list(lexical.links)
    at = links.index(Link((4, 5), (3,), 0.79))
    links[at : at + 1] = [Link((4,), (3,), 0.83), Link((5,), (), 0.0)]
    source = lexical.source
    extra = (
        Finding(
            "semantic-1",
            FindingKind.PARAGRAPH_ONLY_IN_SOURCE,
            Severity.HIGH,
            0.8,
            "paragraph only in the source",
            Location(5, 0, len(source.paragraphs[5].text)),
            Location(3, 0, 0),
        ),
        Finding(
            "semantic-2",
            FindingKind.WEAK_LINK,
            Severity.LOW,
            0.6,
            "weak link (score 0.40)",
            Location(0, 0, len(source.paragraphs[0].text)),
            Location(0, 0, len(lexical.target.paragraphs[0].text)),
        ),
    )
    return dataclasses.replace(
        lexical, links=tuple(links), findings=lexical.findings + extra, scorer="semantic"
    )


class FakeEngine:
    """Stands in for compare(): lexical at once; semantic waits for ``release`` or a cancel."""

    def __init__(self, *, fail: bool = False) -> None:
        self.fail = fail
        self.calls: list[str] = []
        self.started = threading.Event()  # the semantic pass is running
        self.release = threading.Event()
        self.stopped = threading.Event()  # the semantic pass saw the cancel

    def compare(self, source, target, *, options, progress, cancelled):
        self.calls.append(options.scorer)
        if options.scorer != "semantic":
            progress(1.0, "done")
            return make_comparison()
        progress(0.4, "embedding sentences")
        self.started.set()
        while not self.release.wait(0.01):
            if cancelled():
                self.stopped.set()
                raise ComparisonCancelled
        if self.fail:
            raise TransdiffError("the model file is damaged")
        return semantic_comparison()


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    monkeypatch.setattr(review, "compare", fake.compare)
    # As if the semantic extra were installed, whether or not it is.
    monkeypatch.setattr(review, "available_scorers", lambda: ALL_SCORERS)
    return fake


def make_app(session: Path, scorer: str = "auto"):
    comparison = make_comparison()
    return build_app(
        comparison.source,
        comparison.target,
        options=CompareOptions(scorer=scorer),
        session_path=session,
        settings=Settings(),
    )


def screen_of(app) -> ReviewScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReviewScreen)
    return screen


def header(screen: ReviewScreen) -> str:
    return screen.query_one("#header").render().plain


def status(screen: ReviewScreen) -> str:
    return screen.query_one("#status").render().plain


async def lexical_shown(app, pilot, engine: FakeEngine) -> ReviewScreen:
    """Wait until the lexical result is on screen and the semantic pass is running."""
    screen = screen_of(app)
    while screen.model is None or not engine.started.is_set():
        await pilot.pause(0.01)
    await pilot.pause()
    return screen


async def semantic_shown(app, pilot, engine: FakeEngine) -> ReviewScreen:
    engine.release.set()
    screen = screen_of(app)
    while screen.semantic_pass is not None:
        await pilot.pause(0.01)
    await pilot.pause()
    return screen


def test_doctests_run() -> None:
    assert doctest.testmod(review).failed == 0


@pytest.mark.parametrize(
    ("scorer", "available", "passes"),
    [
        ("auto", ALL_SCORERS, ["lexical", "semantic"]),  # the default with the extra installed
        ("semantic", ALL_SCORERS, ["lexical", "semantic"]),  # asked for: still lexical first
        ("lexical", ALL_SCORERS, ["lexical"]),  # asked for lexical: one pass
        ("auto", ("auto", "lexical"), ["auto"]),  # no extra: auto means lexical, one pass
    ],
)
def test_passes_follow_the_scorer_option(
    monkeypatch: pytest.MonkeyPatch, scorer: str, available: tuple[str, ...], passes: list[str]
) -> None:
    monkeypatch.setattr(review, "available_scorers", lambda: available)
    options = CompareOptions(source_lang="de", scorer=scorer)
    planned = review.comparison_passes(options)
    assert [o.scorer for o in planned] == passes
    assert all(o.source_lang == "de" for o in planned)  # other options are kept


async def test_lexical_result_first_then_semantic_keeping_position_and_marks(
    isolated: Path, engine: FakeEngine
) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lexical_shown(app, pilot, engine)
        assert "lexical scorer" in header(screen)
        assert screen.has_class("-semantic")
        assert screen.query_one("#semantic").display
        assert "semantic pass 40%" in str(screen.query_one("#semantic-stage").render())
        assert screen.query_one("#semantic-bar").progress == pytest.approx(40)

        # While the semantic pass runs: go to source ¶8 (after the 2-1 link the semantic pass
        # splits), mark its finding reviewed and bookmark the row.
        await pilot.press("colon", "8", "enter")
        await pilot.press("s", "m")
        assert "¶8 ⇄ ¶7" in status(screen)
        assert "[reviewed]" in status(screen)
        lexical_row = screen.view.row
        reviewed_id = screen.model.finding(screen.view.current_finding).id
        line_on_screen = screen.view._tops[screen.view.cursor] - screen.view.scroll_offset.y

        screen = await semantic_shown(app, pilot, engine)
        assert "semantic scorer" in header(screen)
        assert "reviewed 1/10" in header(screen)
        assert not screen.has_class("-semantic")
        assert not screen.query_one("#semantic").display
        # Same paragraph and finding under the cursor, though its row index moved down.
        assert screen.view.row == lexical_row + 1
        assert screen.model.rows[screen.view.row].source == (7,)
        assert screen.model.finding(screen.view.current_finding).id == reviewed_id
        assert "¶8 ⇄ ¶7" in status(screen)
        assert "[reviewed]" in status(screen)
        # At the same height on screen, give or take the progress line that went away.
        line_now = screen.view._tops[screen.view.cursor] - screen.view.scroll_offset.y
        assert abs(line_now - line_on_screen) <= 1
        drawn = screen.view.row_lines(screen.view.row)
        assert "★" in drawn[0]  # the bookmark
        assert "✓" in "".join(drawn)  # the reviewed finding's mark
        await pilot.pause()
        assert screen.notice == "semantic scorer: 2 more findings (10 in all)."
        # The new rows are live: the finding only the semantic pass found is reachable.
        await pilot.press("colon", "6", "enter")
        assert "paragraph only in source" in status(screen)


async def test_a_failed_semantic_pass_keeps_the_lexical_result(
    isolated: Path, engine: FakeEngine
) -> None:
    engine.fail = True
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lexical_shown(app, pilot, engine)
        await pilot.press("right_square_bracket", "right_square_bracket")
        row = screen.view.row
        screen = await semantic_shown(app, pilot, engine)
        assert "lexical scorer" in header(screen)
        assert "reviewed 0/8" in header(screen)
        assert screen.view.row == row
        assert not screen.has_class("-semantic")
        await pilot.pause()
        assert screen.notice.startswith("Semantic pass failed")
        assert "the model file is damaged" in screen.notice
        await pilot.press("right_square_bracket")  # still usable
        assert screen.view.row != row


async def test_lexical_scorer_runs_one_pass(isolated: Path, engine: FakeEngine) -> None:
    app = make_app(isolated / "s.json", scorer="lexical")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = screen_of(app)
        assert "lexical scorer" in header(screen)
        assert not screen.has_class("-semantic")
        assert screen.semantic_pass is None
    assert engine.calls == ["lexical"]


async def test_quitting_cancels_the_semantic_pass(isolated: Path, engine: FakeEngine) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await lexical_shown(app, pilot, engine)
        await pilot.press("q")
    assert engine.stopped.wait(5)
    assert app.return_code == 0


async def test_the_swap_waits_for_an_open_dialog(isolated: Path, engine: FakeEngine) -> None:
    """A dialog may hold finding indices of the lexical result: swap only once it is closed."""
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lexical_shown(app, pilot, engine)
        await pilot.press("colon", "8", "enter", "a")  # the note dialog on a finding
        engine.release.set()
        while screen.semantic_result is None:
            await pilot.pause(0.01)
        assert "lexical scorer" in header(screen)
        await pilot.press("o", "k", "enter")
        await pilot.pause()
        assert "semantic scorer" in header(screen)
        finding = screen.model.finding(screen.view.current_finding)
        assert screen.session.review(finding.id).note == "ok"
        assert screen.model.rows[screen.view.row].source == (7,)
