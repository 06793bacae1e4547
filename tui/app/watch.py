"""Watching the two article files, and opening one in the user's editor.

UI-free: the review screen starts a ``FileWatcher`` (its own daemon thread) and is told through
the ``changed`` callback; ``editor_command`` and ``paragraph_line`` say what to run and where.

The watcher is a thread of its own rather than a Textual worker: it never finishes, and
``app.workers.wait_for_complete()`` (how tests and the export dialog wait for the comparison)
would wait for it forever.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from tui.app.rows import ReviewModel
from tui.engine.model import Side

DEBOUNCE_MS = 300
"""Events closer than this are one change (an editor's save is several file operations)."""


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of the file's bytes; None while it is missing or unreadable (mid-save)."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


class FileWatcher:
    """Tells ``changed(side)`` once per new content of a watched file.

    A change is new when its bytes differ from what is shown (``shown``) and from what was
    already reported: touching a file, or saving it unchanged, says nothing. The folders are
    watched rather than the files, so an editor that saves by renaming a new file over the old
    one (vim, most IDEs) is seen too.
    """

    def __init__(
        self,
        files: Mapping[Side, str],
        changed: Callable[[Side], None],
        failed: Callable[[str], None],
    ) -> None:
        self.files = {side: Path(os.path.realpath(path)) for side, path in files.items()}
        self.changed = changed
        self.failed = failed
        self._shown: dict[Side, str | None] = {}
        self._said: dict[Side, str | None] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Watch in a daemon thread until ``stop()``."""
        self._thread = threading.Thread(target=self._watch, name="transdiff-watch", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        try:
            self.run()
        except Exception as exc:  # no inotify left, a folder we may not read: review goes on
            if not self._stop.is_set():
                self.failed(str(exc) or type(exc).__name__)

    def shown(self, side: Side, content_digest: str) -> None:
        """The app now shows this content of ``side``'s file."""
        with self._lock:
            self._shown[side] = content_digest
            self._said[side] = None

    def is_shown(self, side: Side, content_digest: str) -> bool:
        with self._lock:
            return self._shown.get(side) == content_digest

    def run(self) -> None:
        """Watch until ``stop()``; blocking (call it in a thread). Raises what watchfiles
        raises when the folders cannot be watched."""
        import watchfiles  # imported here: only the app watches files

        for side, path in self.files.items():
            with self._lock:
                known = side in self._shown
            if not known:
                current = file_digest(path)
                if current is not None:
                    self.shown(side, current)
        folders = sorted({path.parent for path in self.files.values() if path.parent.is_dir()})
        if not folders or self._stop.is_set():
            return
        ours = set(self.files.values())
        for changes in watchfiles.watch(
            *folders,
            watch_filter=lambda _change, path: Path(path) in ours,
            debounce=DEBOUNCE_MS,
            stop_event=self._stop,
            recursive=False,
            raise_interrupt=False,
        ):
            touched = {Path(path) for _change, path in changes}
            for side, path in self.files.items():
                if path in touched:
                    self.check(side)

    def shows_current(self, side: Side) -> bool:
        """Is what is shown of ``side`` what its file holds now? A change noticed while a
        reload was reading the file arrives after the reload: it is old news then."""
        current = file_digest(self.files[side])
        return current is not None and self.is_shown(side, current)

    def check(self, side: Side) -> None:
        current = file_digest(self.files[side])
        with self._lock:
            if current is None or current in (self._shown.get(side), self._said.get(side)):
                return
            self._said[side] = current
        self.changed(side)

    def stop(self, wait: float = 1.0) -> None:
        """Stop watching; wait up to ``wait`` seconds for the thread (watchfiles looks at the
        stop event every 50 ms)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(wait)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()


def editor_command(path: str, line: int) -> list[str]:
    """``$VISUAL`` or ``$EDITOR`` (else vi) with the ``+LINE`` argument most editors take.

    >>> editor_command("a b.txt", 12)[-2:]
    ['+12', 'a b.txt']
    """
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return [*shlex.split(editor), f"+{line}", path]


def paragraph_line(
    model: ReviewModel, row_index: int, side: Side, finding: int | None = None
) -> int | None:
    """The file line of the paragraph under the cursor on ``side``: the one holding the
    current finding, else the row's first; in a row with nothing on that side, the next
    paragraph of that side (where the missing one would go), else the last before.

    None when the file has no lines to speak of (Word and OpenDocument files).
    """
    article = model.comparison.article(side)
    if not article.paragraphs:
        return None
    chosen: int | None = None
    paragraphs = model.rows[row_index].paragraphs(side)
    if finding is not None and (where := model.finding(finding).location(side)) is not None:
        chosen = where.paragraph if where.paragraph in paragraphs else None
    if chosen is None and paragraphs:
        chosen = paragraphs[0]
    if chosen is None:
        later = (r.paragraphs(side) for r in model.rows[row_index + 1 :])
        earlier = (r.paragraphs(side) for r in reversed(model.rows[:row_index]))
        chosen = next((ps[0] for ps in later if ps), None)
        if chosen is None:
            chosen = next((ps[-1] for ps in earlier if ps), 0)
    return article.paragraphs[chosen].line
