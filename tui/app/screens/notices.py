"""Notices of the review screen: one line in the footer's place, as vim's message line.

Textual's toasts float over the text, stack, and stay for their whole timeout. The review screen
routes its ``notify`` here instead: a notice replaces the previous one, covers no text (the key
hints come back when it goes), and goes away when the cursor moves on from where it was said,
or after its timeout. App-level warnings (config, session files) stay toasts.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.timer import Timer

from tui.app.messages import CursorMoved
from tui.app.widgets.bars import NoticeLine

NOTICE_SECONDS = 5.0
"""How long a notice stays when nothing supersedes it (a timeout given to notify() wins)."""


@dataclass
class Notice(Message):
    """Something to say on the notice line (posted, so any thread may say it)."""

    text: str
    severity: str
    timeout: float


class NoticesMixin:
    """For a screen with a ``NoticeLine`` (id ``notice``) and an aligned view (``view``)."""

    _notice_timer: Timer | None = None
    _notice_anchor: tuple[int | None, int | None] | None = None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        text = Content.from_markup(message).plain if markup else message
        text = f"{title}: {text}" if title else text
        self.post_message(Notice(text, severity, timeout or NOTICE_SECONDS))

    def on_notice(self, message: Notice) -> None:
        line = self.query_one("#notice", NoticeLine)
        line.show(message.text, message.severity)
        self.add_class("-notice")
        view = self.view
        self._notice_anchor = (view.row, view.current_finding)
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(message.timeout, self.clear_notice)

    def clear_notice(self) -> None:
        if self._notice_timer is not None:
            self._notice_timer.stop()
            self._notice_timer = None
        self._notice_anchor = None
        self.remove_class("-notice")

    def on_cursor_moved(self, message: CursorMoved) -> None:
        # The move that a notice describes (a search that wrapped) posts its CursorMoved
        # after the notice: only a move elsewhere supersedes it.
        if self._notice_anchor is not None and self._notice_anchor != (
            message.row,
            message.finding,
        ):
            self.clear_notice()

    @property
    def notice(self) -> str:
        """The notice shown now ("" when none), for tests and captures."""
        if self._notice_anchor is None:
            return ""
        return self.query_one("#notice", NoticeLine).text.plain
