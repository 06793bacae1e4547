"""Files that change while the review screen is open: noticed, offered for reload, reloaded
keeping the editor's decisions; and ``$EDITOR`` opened at the paragraph under the cursor.

A mixin of ``ReviewScreen`` (Textual calls the ``on_mount`` and ``on_unmount`` handlers of every
class in the screen's MRO, so this one starts and stops its own watcher). Decisions survive a
reload because they are keyed by the findings' content-derived ids: a finding whose flagged text
is unchanged keeps its id, and so its review; only findings in edited text come back open.
"""

from __future__ import annotations

import subprocess

from textual import work
from textual.app import SuspendNotSupported
from textual.worker import get_current_worker

from tui.app import keys
from tui.app.messages import FileChanged, FilesReloaded, ReloadFailed
from tui.app.render import clean
from tui.app.rows import ReviewModel
from tui.app.screens.help import effective_keys
from tui.app.watch import FileWatcher, digest, editor_command, paragraph_line
from tui.engine.errors import TransdiffError
from tui.engine.model import Article, Side
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_bytes, read_article_bytes


class LiveFilesMixin:
    """Watching, reloading and editing the two files of a ``ReviewScreen``."""

    watcher: FileWatcher | None = None
    changed_sides: frozenset[Side] = frozenset()

    # ----- watching -------------------------------------------------------------------------
    def on_mount(self) -> None:
        files = {side: article.path for side, article in self._articles().items() if article.path}
        if files:
            self.watcher = FileWatcher(
                files,
                changed=lambda side: self.post_message(FileChanged(side)),
                failed=lambda reason: self.notify(
                    f"Changes to the files on disk will not be noticed ({reason}); "
                    f"{self.reload_key()} reloads them.",
                    severity="warning",
                    markup=False,
                ),
            )
            self.watcher.start()

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    def on_file_changed(self, message: FileChanged) -> None:
        if self.watcher is not None and self.watcher.shows_current(message.side):
            return
        self.changed_sides = self.changed_sides | {message.side}
        if self.model is not None:  # else the header shows it once the comparison is done
            self.refresh_header()
        name = self._articles()[message.side].name
        self.notify(
            f"{clean(name)} changed on disk: {self.reload_key()} reloads it "
            "(decisions on unchanged text are kept).",
            timeout=10,
            markup=False,
        )

    def reload_key(self) -> str:
        """How the user types the reload key now (after a keymap)."""
        binding = next(b for _section, b in keys.KEYS if b.id == "reload")
        return effective_keys(binding, getattr(self.app, "keymap", {}), self.app.get_key_display)

    # ----- reloading ------------------------------------------------------------------------
    def action_reload(self) -> None:
        if self.model is None:
            self.notify("The comparison is still running.", timeout=3)
            return
        self.reload_files()

    @work(thread=True, exclusive=True, group="reload", name="reload", exit_on_error=False)
    def reload_files(self) -> None:
        from tui.app.screens.review import comparison_passes  # review imports this module

        worker = get_current_worker()
        articles = self._articles()
        loaded: dict[Side, Article] = {}
        digests: dict[Side, str] = {}
        changed: list[Side] = []
        try:
            for side, article in articles.items():
                loaded[side] = article
                if article.path is None:
                    continue
                data = read_article_bytes(article.path)
                digests[side] = digest(data)
                if self.watcher is not None and self.watcher.is_shown(side, digests[side]):
                    continue
                language = (
                    self.options.source_lang if side is Side.SOURCE else self.options.target_lang
                )
                loaded[side] = article_from_bytes(data, path=article.path, language=language)
                changed.append(side)
            if not changed:
                self.post_message(ReloadFailed("Neither file changed on disk.", "information"))
                return
            first = comparison_passes(self.options)[0]
            comparison = compare(
                loaded[Side.SOURCE],
                loaded[Side.TARGET],
                options=first,
                cancelled=lambda: worker.is_cancelled,
            )
        except TransdiffError as exc:  # unreadable or emptied file: keep what is shown
            self.post_message(ReloadFailed(f"Not reloaded: {exc}"))
            return
        if not worker.is_cancelled:
            model = ReviewModel(comparison)
            self.post_message(
                FilesReloaded(
                    model, loaded[Side.SOURCE], loaded[Side.TARGET], digests, tuple(changed)
                )
            )

    def on_reload_failed(self, message: ReloadFailed) -> None:
        self.notify(message.message, severity=message.severity, markup=False)

    def on_files_reloaded(self, message: FilesReloaded) -> None:
        # A semantic pass of the old text must not replace what the reload brings (one that
        # already finished is refused by on_semantic_ready: its text is not the one shown).
        self.workers.cancel_group(self, "semantic")
        self.semantic_result = None
        self.source, self.target = message.source, message.target
        if self.watcher is not None:
            for side, content in message.digests.items():
                self.watcher.shown(side, content)
        self.changed_sides = self.changed_sides - set(message.changed)
        names = " and ".join(clean(self._articles()[side].name) for side in message.changed)
        later = self._later_passes()
        if self.app.screen is self:
            self.replace_model(message.model, reason=f"Reloaded {names}", final=not later)
        else:  # a dialog may hold finding indices: swap when it closes
            self.semantic_result = message.model
        if later:
            self.add_class("-semantic")
            self.run_semantic(later[0])

    def _later_passes(self) -> list:
        from tui.app.screens.review import comparison_passes

        return comparison_passes(self.options)[1:]

    def _articles(self) -> dict[Side, Article]:
        return {Side.SOURCE: self.source, Side.TARGET: self.target}

    # ----- the editor -----------------------------------------------------------------------
    def action_edit(self, side_name: str) -> None:
        """Open ``$EDITOR`` (``$VISUAL`` first) on one file at the paragraph under the cursor,
        the app suspended meanwhile; reload when the editor returns."""
        model, view = self.model, self.view
        if model is None or view.row is None:
            return
        side = Side(side_name)
        article = self._articles()[side]
        if article.path is None:
            self.notify("This text did not come from a file.", timeout=3)
            return
        line = paragraph_line(model, view.row, side, view.current_finding)
        if line is None:
            self.notify(
                f"{clean(article.name)} is not a text file: edit it in its own application; "
                f"the change is noticed and {self.reload_key()} reloads it.",
                markup=False,
            )
            return
        try:
            command = editor_command(article.path, line)
            with self.app.suspend():
                completed = subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="error")
            return
        except (OSError, ValueError) as exc:  # no such editor, or $EDITOR badly quoted
            self.notify(f"Could not start the editor: {exc}", severity="error", markup=False)
            return
        if completed.returncode:
            self.notify(
                f"The editor exited with status {completed.returncode}.", severity="warning"
            )
        self.action_reload()
