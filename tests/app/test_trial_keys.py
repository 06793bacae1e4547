"""Keys a new user's trial found wanting. Keys typed at typing speed right after ``/`` or
``:`` (a terminal sends ``/word`` Enter in one burst) reach the prompt: the key that opens it
is still being handled when the next ones arrive, and they were sent to the screen below.
``n`` after a search that found nothing says so; j/k/g/G move in the findings list."""

from __future__ import annotations

from pathlib import Path

from conftest import make_app
from textual import events

from tui.app.screens.dialogs import PromptScreen


def _burst(app, keys: list[tuple[str, str | None]]) -> None:
    """Queue the keys at once, as a terminal delivers a burst (Pilot's press waits for the
    app to go idle between keys, which hides the problem)."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def test_a_search_typed_in_one_burst_searches_every_letter(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        _burst(app, [("slash", "/"), *((c, c) for c in "Satz"), ("enter", "\r")])
        screen = app.screen_stack[0]
        for _ in range(50):  # until the burst is handled (slow on a loaded machine)
            await pilot.pause(0.1)
            if screen.query_text and not isinstance(app.screen, PromptScreen):
                break
        assert not isinstance(app.screen, PromptScreen)
        assert screen.query_text == "Satz"


async def test_a_prompt_left_open_keeps_the_burst_in_its_field(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        _burst(app, [("colon", ":"), ("t", "t"), ("3", "3")])
        for _ in range(50):
            await pilot.pause(0.1)
            prompt = app.screen
            if isinstance(prompt, PromptScreen) and prompt.query_one("#prompt-input").value == "t3":
                break
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.query_one("#prompt-input").value == "t3"
        await pilot.press("escape")
        assert not isinstance(app.screen, PromptScreen)


async def test_n_after_a_failed_search_says_not_found_not_no_search(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen_stack[0]
        await pilot.press("slash", *"zzzqqq", "enter")
        await pilot.press("n")
        assert screen.notice == "Not found: zzzqqq"
        await pilot.press("escape", "n")  # the search closed: now there is none
        assert screen.notice.startswith("No search")


async def test_j_and_k_move_in_the_findings_list_when_it_has_the_focus(isolated: Path) -> None:
    app = make_app(isolated / "s.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen_stack[0]
        await pilot.press("l")
        await pilot.pause()
        panel = screen.findings_list
        panel.focus()
        await pilot.pause()
        start = panel.highlighted
        await pilot.press("j")
        assert panel.highlighted == start + 1
        await pilot.press("k")
        assert panel.highlighted == start
        await pilot.press("G")
        assert panel.highlighted == panel.option_count - 1
        await pilot.press("g")
        assert panel.highlighted == 0
