"""Acceptance: the real engine on the sample pair, driven with real keys through the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_DE, SAMPLE_FR

from tui.app import build_app
from tui.app.config import Settings
from tui.app.screens.review import ReviewScreen
from tui.engine.model import FindingKind, Side
from tui.engine.review import Decision, load_session
from tui.engine.scoring.registry import semantic_available
from tui.engine.text.load import load_article

# The two sentences German dropped carry no numbers or names: only the semantic scorer sees
# that no German sentence says them (the lexical scorer folds them into 1-2 links).
NEEDS_SEMANTIC = pytest.mark.skipif(
    not semantic_available(),
    reason="needs the semantic extra: pip install '.[semantic]'",
)


@pytest.fixture
def sample(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A factory for the app on the sample pair (relative paths, private session and config)."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    source = load_article(SAMPLE_DE)
    target = load_article(SAMPLE_FR)

    def make():
        return build_app(
            source, target, session_path=tmp_path / "session.json", settings=Settings()
        )

    return make


async def ready(app, pilot) -> ReviewScreen:
    """Wait for the comparison workers (lexical, then semantic when installed): the screen."""
    screen = app.screen_stack[0]
    assert isinstance(screen, ReviewScreen)
    # The semantic worker starts only once the lexical result is shown: wait for both.
    while app.is_running and (screen.model is None or screen.semantic_pass is not None):
        await app.workers.wait_for_complete()
        await pilot.pause(0.01)
    await pilot.pause()
    assert screen.model is not None
    return screen


def target_mark(line: str, number_width: int) -> str:
    """The gutter mark of the target side on one drawn line."""
    return line[line.index("│") + 2 + number_width]


async def test_every_finding_is_reachable_with_the_next_key(sample) -> None:
    app = sample()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        total = len(screen.model.comparison.findings)
        assert total > 0
        seen = {screen.view.current_finding}  # the first row's finding is current on opening
        seen.discard(None)
        for _ in range(total + 1):
            await pilot.press("right_square_bracket")
            seen.add(screen.view.current_finding)
        assert seen == set(range(total))


async def test_the_french_headline_shows_as_target_only(sample) -> None:
    app = sample()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        row = screen.model.row_of_paragraph(Side.TARGET, 1)
        assert screen.model.rows[row].source == ()
        kinds = {screen.model.finding(f).kind for f in screen.model.rows[row].findings}
        assert FindingKind.PARAGRAPH_ONLY_IN_TARGET in kinds
        await pilot.press("colon", "t", "2", "enter")  # ¶2 on screen is paragraph index 1
        assert screen.view.row == row
        first = screen.view.row_lines(row)[0]
        assert "(no counterpart)" in first
        assert "la solitude d’ultraman" in first
        assert target_mark(first, screen.view._layout.number_width) == "+"


@NEEDS_SEMANTIC
@pytest.mark.parametrize(
    ("paragraph", "sentence"),
    [
        (30, "malgré cela, les tests étaient toujours en cours."),
        (42, "openai a connu un énorme choc en quelques jours."),
    ],
)
async def test_the_dropped_german_sentences_show_as_target_only(
    sample, paragraph: int, sentence: str
) -> None:
    app = sample()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await ready(app, pilot)
        assert "semantic scorer" in screen.query_one("#header").render().plain  # replaced
        model = screen.model
        row = model.row_of_paragraph(Side.TARGET, paragraph)
        flagged = [
            model.finding(f)
            for f in model.rows[row].findings
            if model.finding(f).kind is FindingKind.SENTENCE_ONLY_IN_TARGET
        ]
        texts = [
            model.paragraph_text(Side.TARGET, f.target.paragraph)[f.target.start : f.target.end]
            for f in flagged
        ]
        assert any(sentence in t for t in texts)
        # Reach it with the insertion key and see the mark on the line that holds it.
        for _ in range(len(model.order)):
            await pilot.press("i")
            if screen.view.row == row:
                break
        assert screen.view.row == row
        width = screen.view._layout.number_width
        lines = screen.view.row_lines(row)
        words = sentence.split()[:2]
        holding = [ln for ln in lines if " ".join(words) in ln]
        assert holding
        assert target_mark(holding[0], width) == "+"


async def test_review_marks_persist_across_a_restart(sample, tmp_path: Path) -> None:
    app = sample()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "s")
        finding_id = screen.model.finding(screen.view.current_finding).id
        await pilot.press("q")
    assert (
        load_session(tmp_path / "session.json")[0].review(finding_id).decision is Decision.REVIEWED
    )
    again = sample()
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await ready(again, pilot)
        assert screen.model.finding(screen.view.current_finding).id == finding_id  # resumed
        assert "reviewed 1/" in screen.query_one("#header").render().plain


async def test_a_corrupt_session_is_kept_aside_and_reported(sample, tmp_path: Path) -> None:
    (tmp_path / "session.json").write_bytes(b"\x00\xffnot json")
    app = sample()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        messages = [n.message for n in app._notifications]
    kept = list(tmp_path.glob("session.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == b"\x00\xffnot json"
    assert any("kept as" in m and kept[0].name in m for m in messages)
