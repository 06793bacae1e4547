"""The help pane, built from the key bindings themselves (after the user's remaps)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding

from tui.app import keys
from tui.app.config import config_path


def effective_keys(
    binding: Binding, keymap: Mapping[str, str], display: Callable[[Binding], str]
) -> str:
    """How the user types ``binding`` now, e.g. "j, ↓"."""
    raw = keymap.get(binding.id or "", binding.key)
    shown = []
    for key in (k.strip() for k in raw.split(",") if k.strip()):
        single = Binding(key, binding.action)
        if key == binding.key.split(",")[0].strip() and binding.key_display:
            single = Binding(key, binding.action, key_display=binding.key_display)
        shown.append(display(single))
    return ", ".join(shown)


def help_text(
    keymap: Mapping[str, str], display: Callable[[Binding], str], session_path: str | None
) -> Group:
    """Keys | description | id as a grid, so a wrapped description stays in its own column."""
    # Only the description column shrinks (rich collapses the widest wrappable column first);
    # ids never wrap, so they stay greppable for the [keymap] table.
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", overflow="fold")
    grid.add_column(overflow="fold", min_width=16)
    grid.add_column(style="dim italic", no_wrap=True)
    section = None
    for name, binding in keys.KEYS:
        if name != section:
            if section is not None:
                grid.add_row()
            section = name
            grid.add_row(Text(name, style="bold underline"))
        grid.add_row(
            "  " + effective_keys(binding, keymap, display),
            binding.tooltip or binding.description,
            binding.id,
        )
    notes = Text()
    notes.append("\nctrl+p opens the command palette: every action above, and the theme.\n")
    notes.append(f"Remap keys by id and pick a theme in {config_path()}:\n", style="dim")
    # The example frees n from search-next first, or the two would claim the same key.
    notes.append(
        '  theme = "nord"\n  [keymap]\n  next-finding = "n,ctrl+down"\n  search-next = "ctrl+n"\n',
        style="dim",
    )
    if session_path:
        notes.append(f"Review decisions are saved in {session_path}\n", style="dim")
    return Group(grid, notes)
