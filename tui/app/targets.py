"""The app for one source and several targets: one review screen per target, ``t``/``T`` cycle.

The target shown first compares itself (lexical result first, as for one target); once it
shows a result, one background worker compares the other targets in turn, in this process
(the semantic model is loaded once and the source's vectors come from the embedding cache),
so that every target's finding count and the coverage marks (a source paragraph in no target,
or in only one) are known before the editor gets there. A target the editor opens before the
worker reached it compares itself, and the worker leaves it alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from textual import work
from textual.screen import Screen
from textual.worker import get_current_worker

from tui.app.app import TransdiffApp, exit_status
from tui.app.config import Settings, load_settings
from tui.app.rows import ReviewModel
from tui.app.screens.review import comparison_passes
from tui.app.screens.target_review import TargetReviewScreen
from tui.app.widgets.target_bar import TargetInfo
from tui.engine.errors import ComparisonCancelled, TransdiffError
from tui.engine.model import Article, CompareOptions, Comparison
from tui.engine.pipeline import compare
from tui.engine.target_sessions import TargetSessions, load_target_sessions
from tui.engine.targets import Coverage, coverage
from tui.internal_error import EXIT_STATUS, InternalError


class TargetsApp(TransdiffApp):
    """Side-by-side review of a source and one of its targets at a time."""

    def __init__(
        self,
        source: Article,
        targets: Sequence[Article],
        *,
        options: CompareOptions,
        sessions: TargetSessions,
        comparisons: Sequence[Comparison] | None = None,
        warnings: Iterable[str] = (),
        settings: Settings | None = None,
        debug: bool = False,
    ) -> None:
        current = sessions.current if 0 <= sessions.current < len(targets) else 0
        given = list(comparisons) if comparisons is not None else [None] * len(targets)
        super().__init__(
            source,
            targets[current],
            options=options,
            session=sessions.sessions[current],
            comparison=given[current],
            warnings=warnings,
            settings=settings,
            debug=debug,
        )
        self.targets = list(targets)
        self.sessions = sessions
        self.current = current
        self.results: list[Comparison | None] = given
        self.screens: list[TargetReviewScreen | None] = [None] * len(targets)
        self.owned: set[int] = set()  # targets whose screen compares them itself
        self.coverage: dict[int, Coverage] = {}  # marked source paragraphs, all targets known
        self.started = comparisons is not None  # the worker ran, or every result was given

    # ----- screens ---------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        # Blank under the targets' screens: switch_screen swaps pushed screens only.
        return Screen(id="targets-base")

    def on_mount(self) -> None:
        super().on_mount()
        self.push_screen(self._screen(self.current))

    def _screen(self, index: int) -> TargetReviewScreen:
        screen = self.screens[index]
        if screen is None:
            result = self.results[index]
            if result is None:
                self.owned.add(index)
            screen = TargetReviewScreen(
                self.source,
                self.targets[index],
                index=index,
                options=self.options,
                session=self.sessions.sessions[index],
                comparison=result,
            )
            self.screens[index] = screen
            self.install_screen(screen, name=f"target-{index + 1}")
        return screen

    def cycle_target(self, step: int) -> None:
        """Show the next (``step`` 1) or previous (-1) target, where the editor left it."""
        if len(self.targets) < 2:
            return
        leaving = self.screens[self.current]
        if leaving is not None:
            leaving.save_position()
        self.current = (self.current + step) % len(self.targets)
        self.sessions.current = self.current
        self.switch_screen(self._screen(self.current))
        for screen in self._shown_screens():
            self.refresh_targets(screen)

    def _shown_screens(self) -> list[TargetReviewScreen]:
        # A screen showing its first result is composed, though not yet marked as mounted.
        return [s for s in self.screens if s is not None and (s.is_mounted or s.model is not None)]

    # ----- results ---------------------------------------------------------------------------
    def target_shown(self, index: int, comparison: Comparison) -> None:
        """A screen shows a result for target ``index`` (its own, or one handed to it)."""
        self.results[index] = comparison
        if not self.started:
            self.started = True  # the first result is on screen: the others may start
            self.compare_others()
        self._spread()

    @work(thread=True, exclusive=True, group="targets", name="targets", exit_on_error=False)
    def compare_others(self) -> None:
        worker = get_current_worker()
        passes = comparison_passes(self.options)
        for number, options in enumerate(passes, 1):
            for index in range(len(self.targets)):
                if index in self.owned or worker.is_cancelled:
                    continue
                try:
                    result = compare(
                        self.source,
                        self.targets[index],
                        options=options,
                        cancelled=lambda: worker.is_cancelled,
                    )
                except ComparisonCancelled:
                    return
                except TransdiffError as exc:
                    self.call_from_thread(self._failed, index, str(exc))
                    continue
                except Exception as exc:  # a bug: this target fails, the one shown stays
                    self.call_from_thread(self._failed, index, InternalError.of(exc).message)
                    continue
                self.call_from_thread(self._compared, index, result, number == len(passes))

    def _compared(self, index: int, result: Comparison, final: bool) -> None:
        if index in self.owned:
            return  # the editor opened it meanwhile: its screen compares it
        screen = self.screens[index]
        if screen is not None and screen.model is not None and final:
            screen.replace_model(ReviewModel(result))  # reports back through target_shown
            return
        self.results[index] = result
        self._spread()

    def _failed(self, index: int, message: str) -> None:
        self.notify(
            f"Target {index + 1} could not be compared: {message}", severity="error", markup=False
        )

    def _spread(self) -> None:
        """Counts per target to every target bar; coverage marks once every target is known."""
        marks: dict[int, Coverage] = {}
        if all(r is not None for r in self.results):
            known = [r for r in self.results if r is not None]
            marks = {item.paragraph: item for item in coverage(known)}
        self.coverage = marks
        for screen in self._shown_screens():
            self.refresh_targets(screen)

    def refresh_targets(self, screen: TargetReviewScreen) -> None:
        infos = [
            TargetInfo(
                target.name,
                target.language,
                None if result is None else len(result.findings),
            )
            for target, result in zip(self.targets, self.results, strict=True)
        ]
        screen.show_targets(infos, self.current)
        screen.set_coverage(self.coverage)

    async def action_quit(self) -> None:
        if self.internal_error is not None:  # after a bug, write nothing more
            self.exit(return_code=EXIT_STATUS)
            return
        screen = self.screens[self.current]
        if screen is not None:
            screen.save_position()
        self.exit(0)


def build_targets_app(
    source: Article,
    targets: Sequence[Article],
    *,
    options: CompareOptions | None = None,
    session_path: Path,
    comparisons: Sequence[Comparison] | None = None,
    settings: Settings | None = None,
    warnings: Sequence[str] = (),
    debug: bool = False,
) -> TargetsApp:
    """The app for a source and its targets; ``comparisons`` (one per target) skip the work.
    ``warnings`` (the loader's) are shown as the app opens, after the sessions' own."""
    paths = [t.path or f"<memory {k + 1}>" for k, t in enumerate(targets)]
    sessions, session_warnings = load_target_sessions(session_path, paths)
    return TargetsApp(
        source,
        targets,
        options=options or CompareOptions(),
        sessions=sessions,
        comparisons=comparisons,
        warnings=[*session_warnings, *warnings],
        settings=settings if settings is not None else load_settings(),
        debug=debug,
    )


def run_targets_app(
    source: Article,
    targets: Sequence[Article],
    *,
    options: CompareOptions,
    session_path: Path,
    warnings: Sequence[str] = (),
    debug: bool = False,
) -> int:
    """Run the app until the editor quits; returns the exit status (see ``exit_status``)."""
    app = build_targets_app(
        source,
        targets,
        options=options,
        session_path=session_path,
        warnings=warnings,
        debug=debug,
    )
    app.run()
    return exit_status(app, debug=debug)
