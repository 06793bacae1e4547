"""The header (files, languages, counts per kind) and the status line under the view."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.app.render import STYLE_NAMES, header_text
from tui.engine.model import Comparison


class SummaryHeader(Widget):
    """Two lines: both file names with languages, then counts per finding kind."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"aligned--{name}" for name in STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison: Comparison | None = None
        self.reviewed = 0
        self.placeholder = Text("")

    def show(self, comparison: Comparison, reviewed: int) -> None:
        self.comparison = comparison
        self.reviewed = reviewed
        self.refresh()

    def render(self) -> Text:
        if self.comparison is None:
            return self.placeholder
        styles = {
            name: self.get_component_rich_style(f"aligned--{name}", partial=True)
            for name in ("omission", "insertion", "number", "quote", "untranslated", "weak")
        }
        styles.setdefault("dim", Style(dim=True))
        return header_text(self.comparison, self.reviewed, self.size.width, styles)


class StatusLine(Widget):
    """One line about the row under the cursor and the current finding."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text("")

    def show(self, text: Text) -> None:
        self.text = text
        self.refresh()

    def render(self) -> Text:
        return self.text
