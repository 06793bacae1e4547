"""Small modal dialogs: a one-line prompt and a read-only text pane. Each returns a typed value."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; Enter returns it, Esc returns None."""

    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "cancel", "Cancel", id="prompt-cancel")]

    def __init__(self, title: str, *, placeholder: str = "", value: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")

    def type_ahead(self, event: events.Key) -> bool:
        """Take a key typed right after the one that opened the prompt (``:30`` Enter at
        typing speed): it was sent to the screen below before this one was up, and would be
        lost. Printable keys go into the field; Enter submits, unless the field has the focus
        (then its own binding, which the app checks on the way, has submitted). True when
        taken."""
        field = self.query_one("#prompt-input", Input)
        if event.is_printable and event.character:
            field.insert_text_at_cursor(event.character)
            return True
        if event.key == "enter" and not field.has_focus:
            self.dismiss(field.value)
            return True
        return False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """A scrollable pane of already-styled text (help, row detail). Esc or q closes it."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,q", "close", "Close", id="pane-close"),
        Binding("j,down", "scroll(1)", "Down", id="pane-down", show=False),
        Binding("k,up", "scroll(-1)", "Up", id="pane-up", show=False),
        # the same paging keys as the main view (tui.app.keys)
        Binding("space,pagedown", "page(1)", "Page down", id="pane-page-down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", id="pane-page-up", show=False),
        Binding("g,home", "edge(-1)", "Top", id="pane-top", show=False),
        Binding("G,end", "edge(1)", "Bottom", id="pane-bottom", show=False),
    ]

    def __init__(self, title: str, body: RenderableType, *, classes: str = "") -> None:
        super().__init__(classes=f"dialog-screen {classes}".strip())
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog pane"):
            yield Label(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(id="pane-scroll"):
                yield Static(self.body, id="pane-body")
            yield Label(Text("Esc closes"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        self.query_one("#pane-scroll", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_page(self, step: int) -> None:
        scroll = self.query_one("#pane-scroll", VerticalScroll)
        if step > 0:
            scroll.scroll_page_down(animate=False)
        else:
            scroll.scroll_page_up(animate=False)

    def action_edge(self, step: int) -> None:
        scroll = self.query_one("#pane-scroll", VerticalScroll)
        if step > 0:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)
