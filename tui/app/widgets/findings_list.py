"""The findings panel: every finding with its message; Enter jumps to its row."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.messages import FindingChosen
from tui.app.render import finding_text
from tui.app.rows import ReviewModel
from tui.engine.review import Review


class FindingsList(OptionList):
    """Options are findings in reading order; an option's id is the finding index. With the
    focus, the view's movement keys move in the list (j/k, g/G as well as the arrows)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next finding", id="list-down", show=False),
        Binding("k", "cursor_up", "Previous finding", id="list-up", show=False),
        Binding("g", "first", "First finding", id="list-first", show=False),
        Binding("G", "last", "Last finding", id="list-last", show=False),
    ]

    model: ReviewModel
    review: Callable[[int], Review]

    filled = False

    def show(self, model: ReviewModel, review: Callable[[int], Review]) -> None:
        """Remember what to list; the options are built when the panel is first shown."""
        self.model = model
        self.review = review
        self.filled = False

    def _prompt(self, finding: int) -> Text:
        review = self.review(finding)
        return finding_text(self.model, finding, review.decision, review.note)

    def fill(self) -> None:
        if not self.filled:
            self.filled = True
            self.set_options(Option(self._prompt(f), id=str(f)) for f in self.model.order)

    def refresh_finding(self, finding: int) -> None:
        if self.filled:
            self.replace_option_prompt(str(finding), self._prompt(finding))

    def follow(self, finding: int | None) -> None:
        """Highlight ``finding`` without moving focus (keeps the list in step with the view)."""
        if finding is None or not self.option_count:
            return
        position = self.model.rank.get(finding)
        if position is not None and position != self.highlighted:
            self.highlighted = position

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(FindingChosen(int(event.option.id)))
