"""A changed name and a changed weekday as the app shows them: their labels in the detail
and the findings list, and a sentence link's evidence beside its saturated score."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from conftest import make_app
from rich.console import Console

from tui.app.screens.dialogs import TextScreen
from tui.app.screens.review import ReviewScreen
from tui.engine.model import CompareOptions, FindingKind
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text
from tui.engine.tuning import overridden

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from test_facts import EN, RU


def plain_lines(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def changed_comparison():
    target = RU.replace("Мария Келлер", "Анна Шмидт").replace("во вторник", "в пятницу")
    options = CompareOptions(
        scorer="lexical",
        source_lang="en",
        target_lang="ru",
        tuning=overridden({"detection.names_replaced": True}),  # off by default
    )
    return compare(
        article_from_text(EN, language="en"),
        article_from_text(target, language="ru"),
        options=options,
    )


async def test_the_detail_labels_a_changed_name_and_weekday_and_shows_the_evidence(
    isolated: Path,
) -> None:
    comparison = changed_comparison()
    kinds = {f.kind for f in comparison.findings}
    assert {FindingKind.NAME_MISMATCH, FindingKind.DATE_MISMATCH} <= kinds
    app = make_app(isolated / "s.json", comparison=comparison)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen_stack[0]
        assert isinstance(screen, ReviewScreen)
        await pilot.press("G", "enter")  # the last row: the opposition leader's paragraph
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        last = " ".join(" ".join(plain_lines(app.screen.body, 200)).split())
        await pilot.press("escape", "g", "enter")  # the first row: the council's weekday
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        first = " ".join(" ".join(plain_lines(app.screen.body, 200)).split())
    assert (
        "name mismatch: Name Анна Шмидт in the target where the source names Maria Keller" in last
    )
    assert "day or month mismatch: Weekday пятницу (Friday) in the target" in first
    # the score reads 1.00 or nearly; the evidence beside it tells the links apart
    assert "log-odds, weaker than" in first


def test_the_gutter_marks_a_changed_name_and_weekday() -> None:
    from rich.style import Style

    from tui.app.render import KIND_MARK, STYLE_NAMES, Layout, RowState, render_row
    from tui.app.rows import ReviewModel
    from tui.engine.review import Decision

    model = ReviewModel(changed_comparison())
    styles = {name: Style() for name in STYLE_NAMES}
    seen = set()
    for index, finding in enumerate(model.comparison.findings):
        if finding.kind not in (FindingKind.NAME_MISMATCH, FindingKind.DATE_MISMATCH):
            continue
        row = model.rows[model.finding_row[index]]
        strips = render_row(
            model, row, Layout(160, 3), styles, Style(), lambda _f: Decision.OPEN, RowState()
        )
        mark = KIND_MARK[finding.kind]
        assert any(mark in strip.text[:16] + strip.text[80:96] for strip in strips)
        seen.add(mark)
    assert seen == {"N", "D"}
