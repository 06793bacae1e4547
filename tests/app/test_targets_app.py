"""Several targets in the app: t / T cycle them, each keeps its own decisions and position."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, SAMPLE_DE, SAMPLE_FR, make_comparison

from tui.app.config import Settings
from tui.app.screens.target_review import TargetReviewScreen
from tui.app.targets import build_targets_app
from tui.engine.model import CompareOptions, Side
from tui.engine.review import Decision
from tui.engine.text.load import article_from_text


def two_targets(session: Path):
    """The hand-made comparison twice: the second target has another path, same findings."""
    first = make_comparison()
    second = make_comparison(target_path="fixture/second.fr.txt")
    return build_targets_app(
        first.source,
        [first.target, second.target],
        comparisons=[first, second],
        session_path=session,
        settings=Settings(),
    )


def shown(app) -> TargetReviewScreen:
    assert isinstance(app.screen, TargetReviewScreen)
    return app.screen


def header(app) -> str:
    return shown(app).query_one("#header").render().plain


def bar(app) -> str:
    return shown(app).query_one("#targets").render().plain


async def test_t_and_shift_t_cycle_the_targets_and_the_header_says_which(isolated: Path) -> None:
    app = two_targets(isolated / "s.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "fixture/target.fr.txt" in header(app)
        assert bar(app).startswith("target 1/2")
        await pilot.press("t")
        await pilot.pause()
        assert "fixture/second.fr.txt" in header(app)
        assert "fixture/target.fr.txt" not in header(app)
        assert bar(app).startswith("target 2/2")
        await pilot.press("t")  # wraps around
        await pilot.pause()
        assert "fixture/target.fr.txt" in header(app)
        await pilot.press("T")  # and back
        await pilot.pause()
        assert "fixture/second.fr.txt" in header(app)
        # every target's finding count is on the bar
        assert "target.fr.txt 8" in bar(app)
        assert "second.fr.txt 8" in bar(app)


async def test_a_paragraph_missing_from_every_target_has_its_own_mark(isolated: Path) -> None:
    app = two_targets(isolated / "s.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = shown(app).view
        # row 3 holds source ¶4, which both targets lack; row 0 is in both
        assert all(line[4] == "∅" for line in view.row_lines(3))
        assert view.row_lines(0)[0][4] == " "
        await pilot.press("j", "j", "j")
        status = shown(app).query_one("#status").render().plain
        assert "∅ source ¶4 in no target" in status


async def test_each_targets_decisions_persist_apart(isolated: Path) -> None:
    session = isolated / "s.json"
    app = two_targets(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "s")  # first finding reviewed, target 1
        first_id = shown(app).model.finding(shown(app).view.current_finding).id
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket", "x")  # target 2
        second_id = shown(app).model.finding(shown(app).view.current_finding).id
        await pilot.press("q")
    assert first_id != second_id
    data = json.loads(session.read_text(encoding="utf-8"))
    assert data["schema"] == "transdiff-targets-session/1"
    assert data["current"] == "fixture/second.fr.txt"

    again = two_targets(session)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = shown(again)
        assert "fixture/second.fr.txt" in header(again)  # resumes on the target left last
        assert screen.session.review(second_id).decision is Decision.DISMISSED
        # the same finding id in the other target was not touched: decisions are per target
        assert screen.session.review(first_id).decision is Decision.OPEN
        assert "reviewed 0/8 · dismissed 1" in header(again)  # counted apart
        await pilot.press("t")
        await pilot.pause()
        screen = shown(again)
        assert screen.session.review(first_id).decision is Decision.REVIEWED
        assert screen.session.review(second_id).decision is Decision.OPEN


async def test_an_old_single_target_session_seeds_its_target(isolated: Path) -> None:
    """A target's own TARGET.transdiff.json (two-file runs) is read, never changed."""
    fixture = isolated / "fixture"
    fixture.mkdir()
    comparison = make_comparison()
    finding = comparison.findings[0].id
    own = fixture / "second.fr.txt.transdiff.json"
    own.write_text(
        json.dumps(
            {
                "schema": "transdiff-session/1",
                "version": 1,
                "reviews": {finding: {"decision": "reviewed", "note": "from before"}},
                "bookmarks": [],
                "position": None,
            }
        ),
        encoding="utf-8",
    )
    before = own.read_bytes()
    app = two_targets(isolated / "s.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert shown(app).session.review(finding).decision is Decision.OPEN  # target 1
        await pilot.press("t")
        await pilot.pause()
        review = shown(app).session.review(finding)
        assert (review.decision, review.note) == (Decision.REVIEWED, "from before")
    assert own.read_bytes() == before


async def test_targets_compared_in_the_app_show_counts_and_marks(isolated: Path) -> None:
    source = article_from_text((REPO / SAMPLE_DE).read_text(encoding="utf-8"), path="a.de.txt")
    french = [p for p in (REPO / SAMPLE_FR).read_text(encoding="utf-8").split("\n") if p]

    def without(*dropped: int) -> list[str]:
        return [p for n, p in enumerate(french) if n not in dropped]

    # French ¶11 is in neither target (source ¶9), French ¶21 only in the second (source ¶19)
    first = article_from_text("\n\n".join(without(10, 20)), path="a.fr.txt")
    second = article_from_text("\n\n".join(without(10)), path="b.fr.txt")
    app = build_targets_app(
        source,
        [first, second],
        options=CompareOptions(scorer="lexical"),
        session_path=isolated / "s.json",
        settings=Settings(),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):  # the first target compares itself, a worker the second
            await pilot.pause(0.05)
            if all(r is not None for r in app.results) and app.coverage:
                break
        counts = [len(r.findings) for r in app.results]
        assert f"a.fr.txt {counts[0]}" in bar(app)
        assert f"b.fr.txt {counts[1]}" in bar(app)
        marks = {p: (c.mark.value, c.present_in) for p, c in app.coverage.items()}
        assert marks == {8: ("in_no_target", ()), 18: ("in_one_target", (1,))}
        await pilot.press("t")
        await pilot.pause()
        screen = shown(app)
        assert screen.model is not None
        assert screen.model.comparison is app.results[1]  # the worker's result, not redone
        for paragraph, mark in ((8, "∅"), (18, "¹")):
            row = screen.model.row_of_paragraph(Side.SOURCE, paragraph)
            assert screen.view.row_lines(row)[0][4] == mark


async def test_each_target_keeps_its_own_corrections_of_the_alignment(isolated: Path) -> None:
    session = isolated / "s.json"
    app = two_targets(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("t")  # the second target
        await pilot.pause()
        await pilot.press("g", "j", "j", "j", "J")  # its source-only row 3 joined with row 4
        await pilot.pause()
        assert [n for n, row in enumerate(shown(app).model.rows) if row.manual] == [3]
        await pilot.press("q")
    app = two_targets(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if "fixture/second.fr.txt" not in header(app):
            await pilot.press("t")
            await pilot.pause()
        rows = shown(app).model.rows
        assert [(n, row.source, row.target) for n, row in enumerate(rows) if row.manual] == [
            (3, (3, 4, 5), (3,))
        ]
        await pilot.press("t")  # the first target: untouched
        await pilot.pause()
        assert not any(row.manual for row in shown(app).model.rows)


async def test_the_loaders_warnings_are_said_in_the_targets_app(isolated: Path) -> None:
    first, second = make_comparison(), make_comparison(target_path="fixture/other.fr.txt")
    app = build_targets_app(
        first.source,
        [first.target, second.target],
        comparisons=[first, second],
        session_path=isolated / "s.json",
        settings=Settings(),
        warnings=["other.fr.txt: not valid UTF-8; decoded as latin-1"],
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications if n.severity == "warning"]
    assert "other.fr.txt: not valid UTF-8; decoded as latin-1" in said
