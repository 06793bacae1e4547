"""The screen an internal error (a bug) ends the app on: what broke, and that nothing is lost."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from tui.app.render import clean
from tui.internal_error import EXIT_STATUS, InternalError


class InternalErrorScreen(Screen[None]):
    """Shown instead of a traceback; any of its keys quits with exit status 2.

    Quitting from here writes nothing: the review session keeps what was saved before (every
    decision is saved the moment it is made).
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("q,escape,enter", "quit_after_error", "Quit", id="error-quit"),
    ]

    def __init__(self, error: InternalError, session: Path | None) -> None:
        super().__init__(id="internal-error", classes="dialog-screen")
        self.error = error
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("transdiff: internal error"), classes="dialog-title")
            yield Static(Text(clean(self.error.message)), id="error-message")
            if self.session is not None:
                kept = f"Your review session is kept as it was saved: {self.session}"
            else:
                kept = "Nothing was saved for this pair, so nothing is lost."
            yield Static(Text(clean(kept)), id="error-session")
            yield Label(Text("q quits (exit status 2)"), classes="dialog-hint")

    def action_quit_after_error(self) -> None:
        self.app.exit(return_code=EXIT_STATUS)
