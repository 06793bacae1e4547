"""The review screen of one target among several: the target bar above, coverage marks in the
gutter, and ``t``/``T`` cycling through the app's targets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult

from tui.app.rows import ReviewModel
from tui.app.screens.review import ReviewScreen
from tui.app.widgets.bars import StatusLine
from tui.app.widgets.target_bar import TargetBar, TargetInfo
from tui.engine.export.targets import MARK_LABEL, MARK_SYMBOL
from tui.engine.model import Article, CompareOptions, Comparison
from tui.engine.review import ReviewSession
from tui.engine.targets import Coverage, CoverageMark

if TYPE_CHECKING:
    from tui.app.targets import TargetsApp


class TargetReviewScreen(ReviewScreen):
    """A ReviewScreen that reports each result it shows to the app (counts and coverage across
    targets need them all) and draws the app's coverage marks on its rows."""

    def __init__(
        self,
        source: Article,
        target: Article,
        *,
        index: int,
        options: CompareOptions,
        session: ReviewSession,
        comparison: Comparison | None = None,
    ) -> None:
        super().__init__(
            source,
            target,
            options=options,
            session=session,
            comparison=comparison,
            id=f"review-{index + 1}",  # the app holds one screen per target
        )
        self.index = index
        self.coverage: dict[int, Coverage] = {}  # by source paragraph

    @property
    def targets_app(self) -> TargetsApp:
        return cast("TargetsApp", self.app)

    def compose(self) -> ComposeResult:
        yield TargetBar(id="targets")
        yield from super().compose()

    def on_mount(self) -> None:
        super().on_mount()
        self.targets_app.refresh_targets(self)

    def show_model(self, model: ReviewModel) -> None:
        super().show_model(model)
        self._mark_rows()
        self.targets_app.target_shown(self.index, model.comparison)

    def swap_model(self, model: ReviewModel, row: int) -> None:
        # the semantic result, reloaded files, or the alignment corrected by hand: rows and
        # counts change
        super().swap_model(model, row)
        self._mark_rows()
        self.targets_app.target_shown(self.index, model.comparison)

    def show_targets(self, targets: list[TargetInfo], current: int) -> None:
        self.query_one("#targets", TargetBar).show(targets, current)

    def set_coverage(self, coverage: Mapping[int, Coverage]) -> None:
        """The marked source paragraphs across every target (see tui.engine.targets)."""
        self.coverage = dict(coverage)
        self._mark_rows()

    def _mark_rows(self) -> None:
        if self.model is None:
            return
        marks: dict[int, str] = {}
        for n, row in enumerate(self.model.rows):
            found = {self.coverage[p].mark for p in row.source if p in self.coverage}
            if found:  # one cell: a paragraph in no target outweighs one in a single target
                strongest = min(found, key=list(CoverageMark).index)
                marks[n] = MARK_SYMBOL[strongest]
        view = self.view
        if marks != view.row_marks:
            view.row_marks = marks
            view.invalidate()
            self.refresh_status()

    def refresh_status(self) -> None:
        super().refresh_status()
        model, view = self.model, self.view
        if model is None or view.row is None:
            return
        said = [
            f"{MARK_SYMBOL[c.mark]} source ¶{p + 1} {MARK_LABEL[c.mark]}"
            for p in model.rows[view.row].source
            if (c := self.coverage.get(p)) is not None
        ]
        if said:  # after the finding, cut before the row when the line is short
            status = self.query_one("#status", StatusLine)
            line = status.left.copy()
            line.append("  │ " + " · ".join(said), style="bold")
            status.show(line, status.right)

    def action_target(self, step: int) -> None:
        self.targets_app.cycle_target(step)
