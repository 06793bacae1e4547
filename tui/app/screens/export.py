"""The export dialog: pick a format from the engine's registry and a file name."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.engine.export import FORMATS


def default_export_path(target_path: str | None, extension: str) -> str:
    """Next to the target file: ``article.fr.txt`` -> ``article.fr.review.md``."""
    if target_path is None:
        return f"transdiff-review.{extension}"
    return str(Path(target_path).with_suffix(f".review.{extension}"))


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Returns (format name, path) or None when cancelled."""

    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "cancel", "Cancel", id="export-cancel")]

    def __init__(self, target_path: str | None) -> None:
        super().__init__(classes="dialog-screen")
        self.target_path = target_path
        self.names = list(FORMATS)
        self.confirmed: str | None = None  # the existing file an Enter already warned about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export"):
            yield Label(
                # Enter on the list only moves to the file name: say so, or the first Enter
                # looks like it did nothing.
                Text(
                    "Export: ↑↓ choose a format, Enter to edit the file name, "
                    "Enter again to write · Esc cancels"
                ),
                classes="dialog-title",
            )
            yield OptionList(
                *(
                    Option(Text(f"{f.name:<10} {f.description}"), id=f.name)
                    for f in FORMATS.values()
                ),
                id="export-formats",
            )
            first = FORMATS[self.names[0]] if self.names else None
            yield Input(
                value=default_export_path(self.target_path, first.extension) if first else "",
                id="export-path",
            )
            yield Label(Text(""), id="export-note")

    def on_mount(self) -> None:
        self._say("")
        formats = self.query_one("#export-formats", OptionList)
        formats.highlighted = 0 if self.names else None
        formats.focus()

    def _format(self) -> str | None:
        index = self.query_one("#export-formats", OptionList).highlighted
        return self.names[index] if index is not None and self.names else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        name = event.option.id
        if name in FORMATS:
            self.query_one("#export-path", Input).value = default_export_path(
                self.target_path, FORMATS[name].extension
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#export-path", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value.strip() != self.confirmed:
            self.confirmed = None
            self._say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name, path = self._format(), event.value.strip()
        if not name or not path:
            return
        if Path(path).is_dir():
            self._say(f"{path} is a folder: type a file name.")
        elif Path(path).exists() and self.confirmed != path:
            # Like the two-step Enter above: the first Enter on an existing file only warns.
            self.confirmed = path
            self._say(f"{path} exists: Enter again overwrites it, Esc cancels.")
        else:
            self.dismiss((name, path))

    def _say(self, message: str) -> None:
        note = self.query_one("#export-note", Label)
        note.update(Text(message))
        note.display = bool(message)

    def action_cancel(self) -> None:
        self.dismiss(None)
