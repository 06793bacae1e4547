"""The side-by-side view: a virtualised line-API ScrollView, one row per paragraph link.

Only visible lines are rendered. Row heights (the taller wrapped cell) are computed once per width
and kept in a prefix-sum table, so finding the row under a screen line is a binary search; rendered
rows are kept in a small cache that is invalidated row by row when review state changes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.messages import CursorMoved
from tui.app.render import (
    STYLE_NAMES,
    Layout,
    RowState,
    RowStrips,
    cell_lines,
    render_row,
    row_height,
)
from tui.app.rows import ReviewModel
from tui.engine.model import Side
from tui.engine.review import Decision

_CACHE_ROWS = 400


class AlignedView(ScrollView, can_focus=True):
    """Rows of the comparison. ``visible`` holds model row indices (all, or only with findings)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"aligned--{name}" for name in STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model: ReviewModel | None = None
        self.decision: Callable[[int], Decision] = lambda _f: Decision.OPEN
        self.bookmarks: set[str] = set()
        self.row_marks: dict[int, str] = {}  # model row -> coverage mark (several targets)
        self.shown: list[int] = []
        self.cursor = 0  # index into visible
        self.current_finding: int | None = None
        self.search: re.Pattern[str] | None = None
        self.wrap = True
        self.only_findings = False
        self._tops: list[int] = [0]
        self._heights: dict[int, int] = {}
        self._heights_by_layout: dict[Layout, dict[int, int]] = {}
        self._layout: Layout | None = None
        self._cache: OrderedDict[int, RowStrips] = OrderedDict()
        self._styles: dict[str, Style] | None = None

    # ----- data -----------------------------------------------------------------------------
    def show(
        self, model: ReviewModel, decision: Callable[[int], Decision], bookmarks: set[str]
    ) -> None:
        self.model = model
        self.decision = decision
        self.bookmarks = bookmarks
        self._heights_by_layout.clear()
        self._layout = None
        self._set_visible(0)

    def replace(self, model: ReviewModel, row: int, finding: int | None = None) -> None:
        """Show another comparison of the same articles with the cursor on model row ``row``
        (or the nearest visible row after it), kept at the same height on screen."""
        had_layout = self._layout is not None and bool(self.shown)
        offset = self._tops[self.cursor] - round(self.scroll_offset.y) if had_layout else 0
        old = self.model
        self.model = model
        self.current_finding = None  # an index into the old comparison
        self._heights_by_layout = self._carried_heights(old, model)
        self._layout = None
        self._set_visible(row)
        if not self.shown:
            return
        if self._layout is not None:
            self.scroll_to(
                y=max(self._tops[self.cursor] - offset, 0),
                animate=False,
                immediate=True,
                force=True,  # as in scroll_to_cursor
            )
        kept = self.shown[self.cursor] == row
        self.move_to(self.cursor, finding if kept else None, center=False)

    def _carried_heights(
        self, old: ReviewModel | None, new: ReviewModel
    ) -> dict[Layout, dict[int, int]]:
        """The row heights known for ``old`` moved to the rows of ``new`` with the same texts
        (a row's height depends on its texts alone): after a correction or the semantic pass
        only the rows that changed are wrapped again, not ten thousand."""
        if old is None:
            return {}
        index = {row.key: n for n, row in enumerate(new.rows)}
        carried: dict[Layout, dict[int, int]] = {}
        for layout, heights in self._heights_by_layout.items():
            moved = carried.setdefault(layout, {})
            for n, height in heights.items():
                if (k := index.get(old.rows[n].key)) is not None:
                    moved[k] = height
        return carried

    def _set_visible(self, keep_row: int) -> None:
        assert self.model is not None
        rows = self.model.rows
        if self.only_findings:
            self.shown = [
                n
                for n, row in enumerate(rows)
                if any(self.decision(f) is not Decision.DISMISSED for f in row.findings)
            ]
        else:
            self.shown = list(range(len(rows)))
        # Keep the cursor on the same row, or the nearest one after it.
        position = bisect_right(self.shown, keep_row - 1) if self.shown else 0
        self.cursor = min(position, max(len(self.shown) - 1, 0))
        self._cache.clear()
        self._relayout(force=True)

    @property
    def row(self) -> int | None:
        """The model row under the cursor."""
        return self.shown[self.cursor] if self.shown else None

    # ----- layout ---------------------------------------------------------------------------
    def _width(self) -> int:
        return max(self.scrollable_content_region.width, 20)

    def _relayout(self, force: bool = False) -> None:
        if self.model is None or not self.size.width:
            return  # not laid out yet: on_resize will come
        digits = len(
            str(
                max(
                    len(self.model.comparison.source.paragraphs),
                    len(self.model.comparison.target.paragraphs),
                    1,
                )
            )
        )
        layout = Layout(self._width(), digits + 1, self.wrap)
        if layout != self._layout:
            self._layout = layout
            # Heights per layout are kept, so toggling wrap or resizing back costs nothing.
            self._heights = self._heights_by_layout.setdefault(layout, {})
            self._cache.clear()
        elif not force:
            return
        tops = [0]
        heights = self._heights
        model = self.model
        for n in self.shown:
            h = heights.get(n)
            if h is None:
                h = heights[n] = row_height(model, model.rows[n], layout)
            tops.append(tops[-1] + h)
        self._tops = tops
        self.virtual_size = Size(layout.width, tops[-1])
        self.refresh()

    def on_resize(self) -> None:
        self._relayout()
        self.scroll_to_cursor(center=False)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._cache.clear()

    def _style_map(self) -> dict[str, Style]:
        if self._styles is None:
            self._styles = {
                name: self.get_component_rich_style(f"aligned--{name}", partial=True)
                for name in STYLE_NAMES
            }
        return self._styles

    # ----- rendering ------------------------------------------------------------------------
    def _row_strips(self, index: int) -> RowStrips:
        model, layout = self.model, self._layout
        assert model is not None
        assert layout is not None
        row_index = self.shown[index]
        strips = self._cache.get(row_index)
        if strips is not None:
            self._cache.move_to_end(row_index)
            return strips
        row = model.rows[row_index]
        state = RowState(
            cursor=index == self.cursor,
            bookmarked=row.key in self.bookmarks,
            current_finding=self.current_finding if self.current_finding in row.findings else None,
            search=self.search,
            coverage=self.row_marks.get(row_index, ""),
        )
        strips = render_row(
            model, row, layout, self._style_map(), self.rich_style, self.decision, state
        )
        self._cache[row_index] = strips
        if len(self._cache) > _CACHE_ROWS:
            self._cache.popitem(last=False)
        return strips

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if self.model is None or self._layout is None or line >= self._tops[-1]:
            return Strip.blank(width, self.rich_style)
        index = bisect_right(self._tops, line) - 1
        return self._row_strips(index)[line - self._tops[index]]

    def invalidate(self, *rows: int) -> None:
        """Forget the rendering of these model rows (all rows when none given)."""
        if not rows:
            self._cache.clear()
        for row in rows:
            self._cache.pop(row, None)
        self.refresh()

    def screen_lines(self) -> list[str]:
        """The plain text of the lines currently on screen (for tests and captures)."""
        return [self.render_line(y).text for y in range(self.scrollable_content_region.height)]

    def row_lines(self, row: int) -> list[str]:
        """The plain text of one model row as drawn at the current width."""
        if row not in self.shown or self._layout is None:
            return []
        return [strip.text for strip in self._row_strips(self.shown.index(row))]

    # ----- cursor ---------------------------------------------------------------------------
    def _post_cursor(self) -> None:
        if self.row is not None:
            self.post_message(CursorMoved(self.row, self.current_finding))

    def move_to(
        self,
        index: int,
        finding: int | None = None,
        *,
        center: bool = True,
        default_finding: bool = True,
    ) -> None:
        """Put the cursor on visible row ``index``; the current finding becomes ``finding``
        (or the row's first finding when ``default_finding``)."""
        if not self.shown or self.model is None:
            return
        index = max(0, min(index, len(self.shown) - 1))
        old_row, old_finding, old_index = self.row, self.current_finding, self.cursor
        old_scroll = self.scroll_offset.y
        self.cursor = index
        row = self.model.rows[self.shown[index]]
        if finding is None and default_finding and row.findings:
            finding = row.findings[0]
        self.current_finding = finding
        for changed in {old_row, self.row}:
            if changed is not None:
                self._cache.pop(changed, None)
        if old_finding is not None:
            self._cache.pop(self.model.finding_row.get(old_finding, -1), None)
        self.scroll_to_cursor(center=center)
        if self.scroll_offset.y == old_scroll and self._layout is not None:
            # Only the two rows changed: repaint just their lines (much less compositing).
            for n in {old_index, index}:
                if 0 <= n < len(self.shown):
                    self.refresh_lines(self._tops[n], self._tops[n + 1] - self._tops[n])
            if old_finding is not None and old_finding != self.current_finding:
                old = self.model.finding_row.get(old_finding)
                if old is not None and old in self.shown:
                    n = self.shown.index(old)
                    self.refresh_lines(self._tops[n], self._tops[n + 1] - self._tops[n])
        else:
            self.refresh()
        self._post_cursor()

    def move_to_row(self, row: int, finding: int | None = None) -> bool:
        """Put the cursor on model row ``row``; False when the filter hides it."""
        try:
            index = self.shown.index(row)
        except ValueError:
            return False
        self.move_to(index, finding)
        return True

    def scroll_to_cursor(self, *, center: bool) -> None:
        if not self.shown or self._layout is None:
            return
        top, bottom = self._tops[self.cursor], self._tops[self.cursor + 1]
        focus = top + self._finding_line()
        height = max(self.scrollable_content_region.height, 1)
        view_top = round(self.scroll_offset.y)
        if top >= view_top and bottom <= view_top + height:
            return
        if focus >= view_top and focus < view_top + height and bottom - top > height:
            return
        if bottom - top > height:
            new_top = max(top, focus - height // 3)
        elif center:
            new_top = top - max((height - (bottom - top)) // 3, 0)
        elif top < view_top:
            new_top = top
        else:
            new_top = bottom - height
        # force: right after show() or a resize Textual has not yet decided that the view has
        # a scrollbar (it does at the next layout), and without force the scroll is dropped:
        # a resumed position showed rows 1-2 under a status line saying row 62.
        self.scroll_to(y=max(new_top, 0), animate=False, immediate=True, force=True)

    def _finding_line(self) -> int:
        """Line of the current finding inside its row (0 when there is none)."""
        model, layout = self.model, self._layout
        if model is None or layout is None or self.current_finding is None:
            return 0
        finding = model.finding(self.current_finding)
        loc = finding.location(finding.side)
        row = model.rows[self.shown[self.cursor]]
        if loc is None:
            return 0
        width = layout.text_widths[0 if finding.side is Side.SOURCE else 1]
        lines = cell_lines(model, finding.side, row.paragraphs(finding.side), width, layout.wrap)
        for n, line in enumerate(lines):
            if line.paragraph == loc.paragraph and line.start <= loc.start < max(line.end, 1):
                return n
        return 0

    def page(self, step: int) -> None:
        if not self.shown:
            return
        height = max(self.scrollable_content_region.height - 1, 1)
        line = self._tops[self.cursor] + step * height
        line = max(0, min(line, self._tops[-1] - 1))
        index = bisect_right(self._tops, line) - 1
        if index == self.cursor:
            index += step
        self.move_to(index, center=False)
        top = self._tops[self.cursor]
        self.scroll_to(y=top, animate=False, immediate=True, force=True)

    # ----- view options ---------------------------------------------------------------------
    def set_wrap(self, wrap: bool) -> None:
        self.wrap = wrap
        self._relayout(force=True)
        self.scroll_to_cursor(center=True)

    def set_only_findings(self, only: bool) -> None:
        keep = self.row if self.row is not None else 0
        self.only_findings = only
        self._set_visible(keep)
        self.scroll_to_cursor(center=True)
        self._post_cursor()

    def set_search(self, pattern: re.Pattern[str] | None) -> None:
        self.search = pattern
        self.invalidate()
