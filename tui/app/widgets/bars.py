"""The header (files, languages, counts per kind), the status line under the view, and the
notice line that stands in for the footer while it has something to say."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.app.render import STYLE_NAMES, Progress, header_text
from tui.engine.model import Comparison, Side

# The component styles the header's counts and its "(changed)" mark use.
_HEADER_STYLES = (
    "omission", "insertion", "number", "quote", "untranslated", "weak", "words", "note", "changed",
)  # fmt: skip


class SummaryHeader(Widget):
    """Two lines: both file names with languages, then counts per finding kind."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"aligned--{name}" for name in STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison: Comparison | None = None
        self.progress = Progress()
        self.changed: tuple[Side, ...] = ()
        self.reload_key = "R"
        self.placeholder = Text("")

    def show(
        self,
        comparison: Comparison,
        progress: Progress,
        changed: Sequence[Side] = (),
        reload_key: str = "R",
    ) -> None:
        self.comparison = comparison
        self.progress = progress
        self.changed = tuple(changed)
        self.reload_key = reload_key
        self.refresh()

    def render(self) -> Text:
        if self.comparison is None:
            return self.placeholder
        styles = {
            name: self.get_component_rich_style(f"aligned--{name}", partial=True)
            for name in _HEADER_STYLES
        }
        styles.setdefault("dim", Style(dim=True))
        return header_text(
            self.comparison,
            self.progress,
            self.size.width,
            styles,
            changed=self.changed,
            reload_key=self.reload_key,
        )


class StatusLine(Widget):
    """One line: the current finding at the left, cut with an ellipsis when it is long, and
    the row at the right, never cut (its row and ¶ numbers say where the cursor is)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.left = Text("")
        self.right = Text("")

    def show(self, left: Text, right: Text) -> None:
        self.left, self.right = left, right
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        right = self.right.copy()
        right.truncate(width, overflow="ellipsis")
        left = self.left.copy()
        room = width - right.cell_len - 2  # two spaces between the parts
        if room < 8:  # too narrow for any of the finding: the row alone
            return right
        left.truncate(room, overflow="ellipsis")
        return Text.assemble(left, " " * (width - left.cell_len - right.cell_len), right)


class NoticeLine(Widget):
    """What the last action has to say, one line at the foot of the screen (the footer's
    place: it covers no text). The screen shows and clears it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text("")

    def show(self, text: str, severity: str) -> None:
        self.text = Text(text)  # wraps: the line grows to three lines at most (app.tcss)
        self.set_class(severity == "warning", "-warning")
        self.set_class(severity == "error", "-error")
        self.refresh()

    def render(self) -> Text:
        return self.text
