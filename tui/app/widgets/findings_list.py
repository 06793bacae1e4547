"""The findings panel: every finding with its message; Enter jumps to its row."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.messages import FindingChosen
from tui.app.render import finding_text
from tui.app.rows import ReviewModel
from tui.engine.review import Decision


class FindingsList(OptionList):
    """Options are findings in reading order; an option's id is the finding index."""

    model: ReviewModel
    decision: Callable[[int], Decision]

    filled = False

    def show(self, model: ReviewModel, decision: Callable[[int], Decision]) -> None:
        """Remember what to list; the options are built when the panel is first shown."""
        self.model = model
        self.decision = decision
        self.filled = False

    def fill(self) -> None:
        if not self.filled:
            self.filled = True
            self.set_options(
                Option(finding_text(self.model, f, self.decision(f)), id=str(f))
                for f in self.model.order
            )

    def refresh_finding(self, finding: int) -> None:
        if self.filled:
            self.replace_option_prompt(
                str(finding), finding_text(self.model, finding, self.decision(finding))
            )

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
