"""The App, built from already-loaded articles by a factory that the CLI and the tests share."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.app import keys
from tui.app.config import Settings, config_path, load_settings
from tui.app.messages import ComparisonCrashed
from tui.app.screens.dialogs import PromptScreen
from tui.app.screens.error import InternalErrorScreen
from tui.app.screens.review import ReviewScreen
from tui.engine.model import Article, CompareOptions, Comparison
from tui.engine.review import ReviewSession, default_session_path, load_session
from tui.internal_error import EXIT_STATUS, InternalError


class TransdiffApp(App[int]):
    """Side-by-side review of two language versions of an article."""

    CSS_PATH = "app.tcss"
    TITLE = "transdiff"
    # The screen gets class -narrow below 120 columns: the findings list moves under the view.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app-quit")
    ]

    def __init__(
        self,
        source: Article,
        target: Article,
        *,
        options: CompareOptions,
        session: ReviewSession,
        comparison: Comparison | None = None,
        warnings: Iterable[str] = (),
        settings: Settings | None = None,
        debug: bool = False,
    ) -> None:
        super().__init__()
        self.show_tracebacks = debug  # --debug: keep the traceback of an internal error
        self.source = source
        self.target = target
        self.options = options
        self.session = session
        self.comparison = comparison
        self.startup_warnings = [w for w in warnings if w]
        self.settings = settings or Settings()
        self.internal_error: InternalError | None = None  # the bug the app ended on
        self.keymap, problems = keys.check_keymap(self.settings.keymap, _binding_ids_elsewhere())
        if problems:
            where = self.settings.path or config_path()
            self.startup_warnings.append(f"Key remaps in {where}: {'; '.join(problems)}")

    def get_default_screen(self) -> Screen:
        return ReviewScreen(
            self.source,
            self.target,
            options=self.options,
            session=self.session,
            comparison=self.comparison,
        )

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        theme = self.settings.theme
        if theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                names = ", ".join(sorted(self.available_themes))
                self.startup_warnings.append(f"Unknown theme {theme!r}; available: {names}")
        for warning in [*self.startup_warnings, self.settings.warning]:
            if warning:
                self.notify(warning, severity="warning", timeout=15, markup=False)

    def on_key(self, event: events.Key) -> None:
        # A key reaches the app when no widget took it. While a prompt is up, that is a key
        # sent to the screen below before the prompt had the focus: the prompt's (type-ahead).
        screen = self.screen
        if isinstance(screen, PromptScreen) and screen.type_ahead(event):
            event.stop()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        review = self.get_screen("_default") if self.is_screen_installed("_default") else None
        review = review if isinstance(review, ReviewScreen) else screen
        for _section, binding in keys.KEYS:
            if binding.id in {"quit", "help", "close"}:
                continue  # the palette already has Quit and Keys
            shown = self.get_key_display(binding)
            yield SystemCommand(
                binding.tooltip or binding.description,
                f"{binding.description} (key: {shown}, id: {binding.id})",
                partial(self.run_action, binding.action, review),
            )

    async def action_quit(self) -> None:
        if self.internal_error is not None:  # after a bug, write nothing more
            self.exit(return_code=EXIT_STATUS)
            return
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, ReviewScreen):
            screen.save_position()
        self.exit(0)

    # ----- the last line of defence: a bug shows the error screen, not a traceback ----------
    def on_comparison_crashed(self, message: ComparisonCrashed) -> None:
        self.show_internal_error(message.error)

    def show_internal_error(self, error: InternalError) -> None:
        """End on the error screen (the first error only: later ones follow from it)."""
        if self.internal_error is not None:
            return
        self.internal_error = error
        session = self.session.path if self.session.autosave else None
        self.push_screen(InternalErrorScreen(error, session))

    def _handle_exception(self, error: Exception) -> None:
        """Textual's handler of an exception no handler caught (a bug in the app itself). The
        message loop that raised has stopped, so no screen can be shown: the app ends as
        Textual ends it, and ``exit_status`` says it in one line instead of Textual's
        traceback (kept with ``--debug``). Decisions were saved when made; nothing more is."""
        if self.internal_error is None:
            self.internal_error = InternalError.of(error)
        super()._handle_exception(error)
        if not self.show_tracebacks:
            self._exit_renderables.clear()  # Textual's traceback, printed on exit


def build_app(
    source: Article,
    target: Article,
    *,
    options: CompareOptions | None = None,
    session_path: Path | None = None,
    comparison: Comparison | None = None,
    settings: Settings | None = None,
    warnings: Sequence[str] = (),
    debug: bool = False,
) -> TransdiffApp:
    """The app for one pair. ``comparison`` skips the worker (tests, precomputed results).
    ``warnings`` (the loader's: a legacy encoding guessed, the same file twice) are shown
    as the app opens, as the command line prints them before a report.

    The session is read from ``session_path``, or the default place next to the target; an
    article that came from memory (no path) gets a session that is never written.
    """
    warnings = list(warnings)
    if session_path is None and target.path is not None:
        session_path = default_session_path(target.path)
    if session_path is None:
        session = ReviewSession(Path("transdiff.session.json"), autosave=False)
    else:
        session, warning = load_session(session_path)
        warnings.append(warning or "")
    return TransdiffApp(
        source,
        target,
        options=options or CompareOptions(),
        session=session,
        comparison=comparison,
        warnings=warnings,
        settings=settings if settings is not None else load_settings(),
        debug=debug,
    )


def run_app(
    source: Article,
    target: Article,
    *,
    options: CompareOptions,
    session_path: Path | None = None,
    warnings: Sequence[str] = (),
    debug: bool = False,
) -> int:
    """Run the review app until the editor quits; returns the exit status.

    After an internal error the terminal gets its one line (and the traceback with
    ``debug``) once the app has given it back, and the status is 2.
    """
    app = build_app(
        source, target, options=options, session_path=session_path, warnings=warnings, debug=debug
    )
    app.run()
    return exit_status(app, debug=debug)


def exit_status(app: TransdiffApp, *, debug: bool = False) -> int:
    """The status of an app that has ended, after saying its internal error on stderr."""
    if app.internal_error is not None:
        app.internal_error.report(sys.stderr, debug=debug)
        return EXIT_STATUS
    # None: the app never started; Textual has printed why
    return EXIT_STATUS if app.return_code is None else app.return_code


def _binding_ids_elsewhere() -> set[str]:
    """Ids of the app's and the dialogs' bindings, which a keymap may remap as well."""
    from tui.app.screens.dialogs import PromptScreen, TextScreen
    from tui.app.screens.export import ExportScreen
    from tui.app.widgets.findings_list import FindingsList

    holders = (
        TransdiffApp,
        PromptScreen,
        TextScreen,
        ExportScreen,
        InternalErrorScreen,
        FindingsList,
    )
    return {b.id for holder in holders for b in holder.BINDINGS if isinstance(b, Binding) and b.id}
