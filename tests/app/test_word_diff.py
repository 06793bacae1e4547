"""Two revisions in one language: the changed words are highlighted inside the sentence."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, SAMPLE_FR

from tui.app import build_app
from tui.app.config import Settings
from tui.app.screens.review import ReviewScreen
from tui.engine.model import CompareOptions, FindingKind
from tui.engine.pipeline import compare
from tui.engine.text.load import load_article


def revision_app(tmp_path: Path):
    """The app on the sample French text against a copy with one wording changed."""
    text = (REPO / SAMPLE_FR).read_text(encoding="utf-8")
    old, new = tmp_path / "old.fr.txt", tmp_path / "new.fr.txt"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("ont démissionné les uns", "sont partis les uns"), encoding="utf-8")
    source, target = load_article(str(old)), load_article(str(new))
    comparison = compare(source, target, options=CompareOptions(scorer="lexical"))
    return build_app(
        source,
        target,
        comparison=comparison,
        session_path=tmp_path / "session.json",
        settings=Settings(),
    )


def _pieces(screen: ReviewScreen, row: int) -> dict[str, object]:
    """Text -> style of each drawn piece of ``row``."""
    view = screen.view
    strips = view._row_strips(view.shown.index(row))
    return {segment.text: segment.style for strip in strips for segment in strip}


async def test_changed_words_are_highlighted_as_a_word_diff(tmp_path: Path, isolated: Path) -> None:
    app = revision_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen_stack[0]
        assert isinstance(screen, ReviewScreen)
        await pilot.pause()
        assert screen.model is not None
        header = screen.query_one("#header").render().plain
        assert "±1" in header  # the count of changed wordings, whatever the labels
        await pilot.press("right_square_bracket")
        finding = screen.view.current_finding
        assert finding is not None
        assert screen.model.finding(finding).kind is FindingKind.WORDING_CHANGED
        status = screen.query_one("#status").render().plain
        assert "± wording changed: “ont démissionné” → “sont partis”" in status
        row = screen.view.row
        lines = screen.view.row_lines(row)
        # the mark on both sides' first line: old words left, new words right
        assert lines[0].count("±") == 2
        pieces = _pieces(screen, row)
        removed = screen.view.get_component_rich_style("aligned--removed", partial=True)
        added = screen.view.get_component_rich_style("aligned--added", partial=True)
        assert removed.bgcolor is not None
        assert added.bgcolor is not None
        assert removed.bgcolor != added.bgcolor
        assert pieces["ont démissionné"].bgcolor == removed.bgcolor
        assert pieces["sont partis"].bgcolor == added.bgcolor
        # only the changed words: the rest of the sentence keeps the row's own background
        assert pieces["les hauts dirigeants "].bgcolor not in (removed.bgcolor, added.bgcolor)
