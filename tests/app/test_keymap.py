"""Key remaps from the user's config: checked against the bindings before Textual applies them."""

from __future__ import annotations

import doctest
import io
import re
import tomllib
from pathlib import Path

import pytest
from conftest import make_app
from rich.console import Console

from tui.app import keys
from tui.app.config import Settings, load_settings
from tui.app.keys import check_keymap
from tui.app.screens.dialogs import TextScreen


def test_doctests_run() -> None:
    assert doctest.testmod(keys).failed == 0


@pytest.mark.parametrize(
    ("keymap", "applied", "problem"),
    [
        # a free key: applied, nothing to say
        ({"next-finding": "z"}, {"next-finding": "z"}, None),
        # the README's example moves n off search-next first: no clash
        (
            {"next-finding": "n,ctrl+down", "search-next": "ctrl+n"},
            {"next-finding": "n,ctrl+down", "search-next": "ctrl+n"},
            None,
        ),
        # n is still search-next's key: applied (Textual moves it) but reported
        (
            {"next-finding": "n"},
            {"next-finding": "n"},
            "'n' of next-finding is also bound to search-next",
        ),
        # an id no binding has
        ({"bogus-id": "z"}, {}, "unknown binding id 'bogus-id'"),
        # Quit keeps q; the remap's other keys still apply
        ({"next-finding": "q,z"}, {"next-finding": "z"}, "'q' stays Quit, not next-finding"),
        ({"next-finding": "q"}, {}, "'q' stays Quit, not next-finding"),
        # Quit moved away from q first: q is free
        ({"quit": "ctrl+x", "filter": "q"}, {"quit": "ctrl+x", "filter": "q"}, None),
        # characters are normalised to Textual's key names, so "]" clashes with next-finding
        ({"filter": "]"}, {"filter": "right_square_bracket"}, "is also bound to next-finding"),
        ({"filter": " , "}, {}, "filter has no keys"),
    ],
)
def test_check_keymap(keymap: dict[str, str], applied: dict[str, str], problem: str | None) -> None:
    result, problems = check_keymap(keymap)
    assert result == applied
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def _with_keymap(isolated: Path, lines: str) -> Path:
    """The user config file (under the isolated home) with these [keymap] lines."""
    config = isolated / "config" / "transdiff" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[keymap]\n" + lines, encoding="utf-8")
    return config


async def test_remap_warnings_are_shown_and_quit_keeps_its_key(isolated: Path) -> None:
    config = _with_keymap(isolated, 'next-finding = "q,z"\nbogus-id = "y"\n')
    app = make_app(isolated / "s.json", load_settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1
        assert str(config) in warnings[0]
        assert "bogus-id" in warnings[0]
        assert "'q' stays Quit" in warnings[0]
        footer = {b.binding.id for b in app.screen.active_bindings.values() if b.binding.show}
        assert "quit" in footer
        await pilot.press("z")  # the valid part of the remap applies
        assert app.screen_stack[0].view.current_finding is not None
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_a_dialog_binding_can_be_remapped_without_a_warning(isolated: Path) -> None:
    _with_keymap(isolated, 'pane-close = "x,escape"\n')
    app = make_app(isolated / "s.json", load_settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not [n for n in app._notifications if n.severity == "warning"]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        await pilot.press("x")  # the remapped key closes the help pane
        await pilot.pause()
        assert not isinstance(app.screen, TextScreen)


def plain(renderable: object, width: int = 200) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


async def test_help_example_is_a_keymap_without_problems(isolated: Path) -> None:
    app = make_app(isolated / "s.json", Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, TextScreen)
        body = plain(app.screen.body)
    example = body[body.index('theme = "nord"') :]
    example = "\n".join(line.strip() for line in example.splitlines() if line.strip())
    example = re.split(r"\n(?!\[|\w[\w-]* = )", example)[0]  # up to the next sentence
    keymap = tomllib.loads(example)["keymap"]
    assert keymap  # the help does show a remap
    assert check_keymap(keymap) == (keymap, [])
