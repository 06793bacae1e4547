"""The help pane, built from the key bindings themselves (after the user's remaps)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

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
) -> Text:
    text = Text()
    section = None
    for name, binding in keys.KEYS:
        if name != section:
            section = name
            text.append(("\n" if text else "") + name + "\n", style="bold underline")
        text.append(f"  {effective_keys(binding, keymap, display):<14} ", style="bold")
        text.append(binding.tooltip or binding.description)
        text.append(f"  {binding.id}\n", style="dim italic")
    text.append("\nctrl+p opens the command palette: every action above, and the theme.\n")
    text.append(f"Remap keys by id and pick a theme in {config_path()}:\n", style="dim")
    text.append('  theme = "nord"\n  [keymap]\n  next-finding = "n"\n', style="dim")
    if session_path:
        text.append(f"Review decisions are saved in {session_path}\n", style="dim")
    return text
