"""The review screen: header, aligned view, findings list, status line, footer; all the keys."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, ProgressBar
from textual.worker import Worker, WorkerState, get_current_worker

from tui.app import keys
from tui.app.detail import detail_body
from tui.app.messages import (
    ComparisonCrashed,
    ComparisonFailed,
    ComparisonProgress,
    ComparisonReady,
    CursorMoved,
    FindingChosen,
    SemanticFailed,
    SemanticProgress,
    SemanticReady,
)
from tui.app.render import (
    DECISION_MARK,
    KIND_LABEL,
    KIND_MARK,
    NOTE_MARK,
    Progress,
    clean,
    message_after_kind,
)
from tui.app.rows import ReviewModel, Row
from tui.app.screens.corrections import CorrectionActions
from tui.app.screens.dialogs import PromptScreen, TextScreen
from tui.app.screens.export import ExportScreen
from tui.app.screens.help import help_text
from tui.app.screens.live_files import LiveFilesMixin
from tui.app.screens.notices import NoticesMixin
from tui.app.search import search_pattern
from tui.app.widgets.aligned_view import AlignedView
from tui.app.widgets.bars import NoticeLine, StatusLine, SummaryHeader
from tui.app.widgets.findings_list import FindingsList
from tui.engine.errors import ComparisonCancelled, TransdiffError
from tui.engine.export import ExportOptions, render
from tui.engine.model import Article, CompareOptions, Comparison, FindingKind, Side
from tui.engine.notes import note_id, with_editor_notes
from tui.engine.pipeline import compare
from tui.engine.review import Decision, Review, ReviewSession
from tui.engine.scoring.registry import available_scorers
from tui.engine.util.atomic import write_atomically
from tui.internal_error import InternalError


def comparison_passes(options: CompareOptions) -> list[CompareOptions]:
    """The passes to run: one, or a quick lexical pass shown at once and then the semantic one.

    >>> [o.scorer for o in comparison_passes(CompareOptions(scorer="lexical"))]
    ['lexical']
    """
    wanted = options.scorer.strip().lower()
    if wanted in ("auto", "semantic") and "semantic" in available_scorers():
        return [replace(options, scorer="lexical"), replace(options, scorer="semantic")]
    return [options]


def _throttled(post: Callable[[float, str], object]) -> Callable[[float, str], None]:
    """A progress callback that passes on a tick only every 1% or on a new stage."""
    last = [-1.0, ""]

    def progress(fraction: float, stage: str) -> None:
        # Posting every tick would flood the message queue on big inputs.
        if fraction - last[0] >= 0.01 or stage != last[1]:
            last[0], last[1] = fraction, stage
            post(fraction, stage)

    return progress


def _matching_row(row: Row, new: ReviewModel) -> int:
    """The row of ``new`` with the same paragraphs' text as ``row``, else the one holding the
    first paragraph of ``row`` (source side first)."""
    same = next((n for n, other in enumerate(new.rows) if other.key == row.key), None)
    if same is not None:
        return same
    for side in Side:
        for paragraph in row.paragraphs(side):
            found = new.row_of_paragraph(side, paragraph)
            if found is not None:
                return found
    return min(row.link, len(new.rows) - 1)


def _paragraph_range(paragraphs: tuple[int, ...]) -> str:
    """1-based paragraph numbers of a row's side, as a range.

    >>> _paragraph_range((3,)), _paragraph_range((3, 4, 5)), _paragraph_range(())
    ('¶4', '¶4-6', '—')
    """
    if not paragraphs:
        return "—"
    first, last = paragraphs[0] + 1, paragraphs[-1] + 1
    return f"¶{first}" if first == last else f"¶{first}-{last}"


class ReviewScreen(NoticesMixin, LiveFilesMixin, CorrectionActions, Screen[None]):
    BINDINGS = keys.BINDINGS
    AUTO_FOCUS = "#view"

    def __init__(
        self,
        source: Article,
        target: Article,
        *,
        options: CompareOptions,
        session: ReviewSession,
        comparison: Comparison | None = None,
        id: str = "review",
    ) -> None:
        super().__init__(id=id)
        self.source = source
        self.target = target
        self.options = options
        self.session = session
        self.comparison = comparison
        self.model: ReviewModel | None = None
        # The semantic pass still to come (runs once the lexical result is shown), and its
        # result when it arrived while a dialog was open.
        self.semantic_pass: CompareOptions | None = None
        self.semantic_result: ReviewModel | None = None
        self.matches: list[int] = []
        self.query_text = ""

    def compose(self) -> ComposeResult:
        yield SummaryHeader(id="header")
        with Vertical(id="loading"):
            yield Label(
                Text(f"Comparing {clean(self.source.name)} with {clean(self.target.name)}…"),
                id="stage",
            )
            yield ProgressBar(total=100, show_eta=False, id="progress")
            yield Label(Text("q quits"), id="loading-hint")
        with Container(id="body"):
            yield AlignedView(id="view")
            yield FindingsList(id="findings")
        with Horizontal(id="semantic"):
            yield Label(Text("semantic pass"), id="semantic-stage")
            yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="semantic-bar")
        yield StatusLine(id="status")
        yield NoticeLine(id="notice")
        yield Footer(compact=True)

    @property
    def view(self) -> AlignedView:
        return self.query_one("#view", AlignedView)

    @property
    def findings_list(self) -> FindingsList:
        return self.query_one("#findings", FindingsList)

    # ----- comparison -----------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.comparison is not None:
            self.show_model(ReviewModel(self.comparison))
        else:
            self.add_class("-loading")
            first, *later = comparison_passes(self.options)
            self.semantic_pass = later[0] if later else None
            self.run_comparison(first)

    @work(thread=True, exclusive=True, name="compare", exit_on_error=False)
    def run_comparison(self, options: CompareOptions) -> None:
        worker = get_current_worker()
        try:
            comparison = compare(
                self.source,
                self.target,
                options=options,
                progress=_throttled(lambda f, s: self.post_message(ComparisonProgress(f, s))),
                cancelled=lambda: worker.is_cancelled,
            )
            model = ReviewModel(comparison)
        except ComparisonCancelled:
            return
        except TransdiffError as exc:
            self.post_message(ComparisonFailed(str(exc)))
            return
        except Exception as exc:  # a bug: the error screen, not a worker that never reports
            self.post_message(ComparisonCrashed(InternalError.of(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(ComparisonReady(model))

    def on_comparison_progress(self, message: ComparisonProgress) -> None:
        self.query_one("#progress", ProgressBar).update(progress=100 * message.fraction)
        self.query_one("#stage", Label).update(Text(f"Comparing: {clean(message.stage)}"))

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        self.show_model(message.model)
        if self.semantic_pass is not None:
            self.add_class("-semantic")
            self.run_semantic(self.semantic_pass)

    @work(thread=True, exclusive=True, group="semantic", name="semantic", exit_on_error=False)
    def run_semantic(self, options: CompareOptions) -> None:
        """The slower semantic pass, behind the lexical result the editor is already using."""
        worker = get_current_worker()
        try:
            model = ReviewModel(
                compare(
                    self.source,
                    self.target,
                    options=options,
                    progress=_throttled(lambda f, s: self.post_message(SemanticProgress(f, s))),
                    cancelled=lambda: worker.is_cancelled,
                )
            )
        except ComparisonCancelled:
            return
        except Exception as exc:  # any failure leaves the lexical result usable
            if not worker.is_cancelled:
                self.post_message(SemanticFailed(str(exc) or type(exc).__name__))
            return
        if not worker.is_cancelled:
            self.post_message(SemanticReady(model))

    def on_semantic_progress(self, message: SemanticProgress) -> None:
        self.query_one("#semantic-bar", ProgressBar).update(progress=100 * message.fraction)
        self.query_one("#semantic-stage", Label).update(
            Text(f"semantic pass {message.fraction:.0%} · {clean(message.stage)}")
        )

    def on_semantic_ready(self, message: SemanticReady) -> None:
        compared = message.model.comparison
        if (compared.source.paragraphs, compared.target.paragraphs) != (
            self.source.paragraphs,
            self.target.paragraphs,
        ):
            return  # a pass over text that has been reloaded since
        if self.app.screen is self:
            self.replace_model(message.model)
        else:  # a dialog is open and may hold finding indices: swap when it closes
            self.semantic_result = message.model

    def on_screen_resume(self) -> None:
        if self.semantic_result is not None:
            model, self.semantic_result = self.semantic_result, None
            self.replace_model(model)

    def on_semantic_failed(self, message: SemanticFailed) -> None:
        self.semantic_pass = None
        self.remove_class("-semantic")
        self.notify(
            f"Semantic pass failed; keeping the lexical result. {message.message}",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def replace_model(
        self, model: ReviewModel, reason: str | None = None, *, final: bool = True
    ) -> None:
        """Swap in a better comparison (or one of reloaded files: ``reason`` says so), keeping
        the row, the current finding and the marks. ``final``: no later pass will replace it
        (the alignment corrections that no longer apply to it are then dropped)."""
        old, view = self.model, self.view
        self.semantic_pass = None
        self.remove_class("-semantic")
        if old is None or view.row is None:
            self.show_model(model)
            return
        model, report = self.with_corrections(model, final=final)
        model = self._with_notes(model)
        self.swap_model(model, _matching_row(old.rows[view.row], model))
        before, after = len(old.comparison.findings), len(model.comparison.findings)
        change = after - before
        if change:
            plural = "s" if abs(change) != 1 else ""
            more = "more" if change > 0 else "fewer"
            summary = f"{abs(change)} {more} finding{plural} ({after} in all)"
        else:
            summary = f"same number of findings ({after})"
        reason = reason or f"{model.comparison.scorer} scorer"
        said = f"{reason}: {summary}."
        if report is None:
            self.notify(said, timeout=6, markup=False)
        else:  # one notice: the next would replace it
            self.notify(f"{said} {report.text}", severity=report.severity, timeout=10, markup=False)
        for warning in model.comparison.warnings:
            if warning not in old.comparison.warnings:
                self._warn(warning)

    def swap_model(self, model: ReviewModel, row: int) -> None:
        """Show another comparison of the same articles with the cursor on ``row``, keeping
        the current finding when that row still has it."""
        old, view = self.model, self.view
        current = view.current_finding
        current_id = old.finding(current).id if old is not None and current is not None else None
        finding = next(
            (f for f in model.rows[row].findings if model.finding(f).id == current_id), None
        )
        self.model = model
        self.comparison = model.comparison
        view.replace(model, row, finding)
        self.findings_list.show(model, self.review_of)
        if self.has_class("-panel"):
            self.findings_list.fill()
            self.findings_list.follow(view.current_finding)
        if view.search is not None:
            self.matches = model.search(view.search)
        self.refresh_header()
        self.refresh_status()

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        self.app.exit(return_code=2, message=Text(f"transdiff: error: {message.message}"))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == "export" and event.state is WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"Export failed: {error}", severity="error", markup=False)

    def show_model(self, model: ReviewModel) -> None:
        model, report = self.with_corrections(model, final=self.semantic_pass is None)
        model = self._with_notes(model)
        self.model = model
        self.comparison = model.comparison
        self.remove_class("-loading")
        view = self.view
        view.show(model, self.decision, self.session.bookmarks)
        self.findings_list.show(model, self.review_of)
        self.refresh_header()
        start = 0
        if self.session.position is not None:  # resume where the editor stopped
            start = next(
                (n for n, row in enumerate(model.rows) if row.key == self.session.position), 0
            )
        view.focus()
        view.move_to(start, center=True)
        for warning in model.comparison.warnings:
            self._warn(warning)
        if report is not None:  # last: what became of the editor's corrections stays in view
            self.notify(report.text, severity=report.severity, timeout=10, markup=False)

    def _warn(self, warning: str) -> None:
        """A warning about the comparison (the same file twice, two revisions of one
        language) as the app's toast: the notice line holds one message, and the next
        (the scorer's summary, a move) would replace it before it is read."""
        self.app.notify(warning, severity="warning", timeout=15, markup=False)

    def decision(self, finding: int) -> Decision:
        assert self.model is not None
        return self.session.review(self.model.finding(finding).id).decision

    def review_of(self, finding: int) -> Review:
        assert self.model is not None
        return self.session.review(self.model.finding(finding).id)

    def _with_notes(self, model: ReviewModel) -> ReviewModel:
        """``model`` with the editor's own findings (notes on rows) of the session added."""
        comparison = with_editor_notes(model.comparison, self.session.reviews)
        return model if comparison is model.comparison else ReviewModel(comparison)

    def refresh_header(self) -> None:
        assert self.model is not None
        decisions = [self.session.review(f.id).decision for f in self.model.comparison.findings]
        progress = Progress(decisions.count(Decision.REVIEWED), decisions.count(Decision.DISMISSED))
        self.query_one("#header", SummaryHeader).show(
            self.model.comparison, progress, sorted(self.changed_sides), self.reload_key()
        )

    # ----- status line ----------------------------------------------------------------------
    def on_cursor_moved(self, message: CursorMoved) -> None:
        self.refresh_status()
        if self.has_class("-panel"):
            self.findings_list.follow(message.finding)

    def refresh_status(self) -> None:
        model, view = self.model, self.view
        if model is None or view.row is None:
            return
        row = model.rows[view.row]
        # The finding at the left, cut when long; the row at the right, never cut.
        finding = view.current_finding
        left = self._finding_status(finding) if finding is not None else Text("")
        right = Text(no_wrap=True)
        flags = []
        if view.only_findings:
            flags.append("findings only")
        if not view.wrap:
            flags.append("no wrap")
        if view.search is not None:
            rows = len(self.matches)
            flags.append(f"/{clean(self.query_text)}: {rows} row{'' if rows == 1 else 's'}")
        if flags:
            right.append(" · ".join(flags) + " │ ", style="italic")
        right.append(f"row {view.cursor + 1}/{len(view.shown)} ", style="bold")
        right.append(
            f"{_paragraph_range(row.source)} ⇄ {_paragraph_range(row.target)} "
            f"{row.shape} {row.score:.2f}"
        )
        self.query_one("#status", StatusLine).show(left, right)

    def _finding_status(self, finding: int) -> Text:
        assert self.model is not None
        model = self.model
        f = model.finding(finding)
        decision = self.decision(finding)
        text = Text(f"finding {model.rank[finding] + 1}/{len(model.order)} ")
        text.append(
            f"{DECISION_MARK.get(decision, KIND_MARK[f.kind])} {KIND_LABEL[f.kind]}", style="bold"
        )
        if decision is not Decision.OPEN:
            text.append(f" [{decision.value}]", style="italic")
        note = self.review_of(finding).note
        if note:  # before the message: the editor's own words matter most
            text.append(f" {NOTE_MARK} {clean(note)}", style="italic")
        message = message_after_kind(f.kind, f.message)
        if message and f.kind is not FindingKind.EDITOR_NOTE:
            text.append(": " + clean(message))
        return text

    # ----- movement -------------------------------------------------------------------------
    def _ready(self) -> bool:
        return self.model is not None and bool(self.view.shown)

    def action_row(self, step: int) -> None:
        if self._ready():
            self.view.move_to(self.view.cursor + step, center=False)

    def action_page(self, step: int) -> None:
        if self._ready():
            self.view.page(step)

    def action_edge(self, step: int) -> None:
        if self._ready():
            self.view.move_to(0 if step < 0 else len(self.view.shown) - 1, center=False)

    def _show_row(self, row: int, finding: int | None = None) -> None:
        """Move to ``row``, leaving the findings-only filter when it hides that row."""
        view = self.view
        if not view.move_to_row(row, finding):
            view.set_only_findings(False)
            self.notify("Showing all rows again: that row has no open finding.", timeout=3)
            view.move_to_row(row, finding)

    def action_goto(self) -> None:
        def go(answer: str | None) -> None:
            if not answer or self.model is None:
                return
            match = re.fullmatch(r"\s*([st]?)\s*¶?(\d+)\s*", answer.lower())
            if not match:
                self.notify(
                    "Type a paragraph number: 12 (source) or t12 (target).",
                    severity="warning",
                    markup=False,
                )
                return
            side = Side.TARGET if match.group(1) == "t" else Side.SOURCE
            number = int(match.group(2))
            row = self.model.row_of_paragraph(side, number - 1)
            if row is None:
                count = len(self.model.comparison.article(side).paragraphs)
                self.notify(
                    f"No {side.value} paragraph {number} (1 to {count}).",
                    severity="warning",
                    markup=False,
                )
                return
            self._show_row(row)

        if self.model is not None:
            self.app.push_screen(
                PromptScreen("Go to paragraph", placeholder="12 = source ¶12, t12 = target ¶12"),
                go,
            )

    # ----- findings -------------------------------------------------------------------------
    def action_finding(self, step: int, which: str) -> None:
        model, view = self.model, self.view
        if model is None or view.row is None:
            return
        visible = set(view.shown) if view.only_findings else None

        def accept(f: int) -> bool:
            kind = model.finding(f).kind
            if visible is not None and model.finding_row[f] not in visible:
                return False
            if which == "omission":
                return kind.is_omission
            if which == "insertion":
                return kind.is_insertion
            if which == "open":
                return self.decision(f) is Decision.OPEN
            return True

        label = {
            "omission": "content only in the source",
            "insertion": "content only in the target",
            "open": "unreviewed finding",
        }.get(which, "finding")
        found = model.next_finding(view.current_finding, view.row, step, accept)
        wrapped = found is None
        if found is None:  # wrap around, as vim's search does, and say so
            found = model.next_finding(None, 0 if step > 0 else len(model.rows), step, accept)
        if found is None:
            self.notify(f"No {label}.", timeout=3)
            return
        view.move_to_row(model.finding_row[found], found)
        if wrapped:
            self._say_wrapped(step, label)

    def _say_wrapped(self, step: int, label: str) -> None:
        if step > 0:
            self.notify(f"Past the last {label}: wrapped to the first.", timeout=3)
        else:
            self.notify(f"Before the first {label}: wrapped to the last.", timeout=3)

    def on_finding_chosen(self, message: FindingChosen) -> None:
        if self.model is not None:
            self._show_row(self.model.finding_row[message.finding], message.finding)
            self.view.focus()

    def _current(self) -> int | None:
        finding = self.view.current_finding
        if finding is None:
            self.notify("No finding on this row.", timeout=2)
        return finding

    def _set_review(self, finding: int, review: Review) -> None:
        assert self.model is not None
        try:
            self.session.set_review(self.model.finding(finding).id, review)
        except OSError as exc:
            self.notify(
                f"Could not save the session to {self.session.path}: {exc}",
                severity="error",
                markup=False,
            )
        self.view.invalidate(self.model.finding_row[finding])
        self.findings_list.refresh_finding(finding)
        self.refresh_header()
        self.refresh_status()

    def action_decide(self, value: str) -> None:
        finding = self._current()
        if finding is None or self.model is None:
            return
        old = self.session.review(self.model.finding(finding).id)
        decision = Decision(value)
        if decision is Decision.OPEN and old.decision is Decision.OPEN:
            self.notify("This finding is already open.", timeout=2)  # X changed nothing
            return
        if decision is Decision.REVIEWED and old.decision is Decision.REVIEWED:
            decision = Decision.OPEN  # s again reopens
        self._set_review(finding, Review(decision, old.note))

    def action_note(self) -> None:
        model, view = self.model, self.view
        if model is None or view.row is None:
            return
        finding = view.current_finding
        if finding is not None:
            finding_id = model.finding(finding).id
            title = "Note on this finding (empty removes it)"
        else:  # the note becomes the editor's own finding on the row's paragraph
            row = model.rows[view.row]
            side = Side.TARGET if row.target else Side.SOURCE
            finding_id = note_id(side, model.paragraph_text(side, row.paragraphs(side)[0]))
            title = f"Your own finding on this {side.value} paragraph (empty removes it)"
        old = self.session.review(finding_id)
        own = finding is None or model.finding(finding).kind is FindingKind.EDITOR_NOTE

        def save(note: str | None) -> None:
            if note is None or self.model is None:
                return
            note = note.strip()
            if own:  # emptied, the editor's own finding goes
                self._save_own_note(finding_id, Review(old.decision, note) if note else Review())
                return
            # By id: the semantic result may have replaced the one the dialog opened on.
            findings = self.model.comparison.findings
            index = next((n for n, f in enumerate(findings) if f.id == finding_id), None)
            if index is not None:
                self._set_review(index, Review(old.decision, note))

        self.app.push_screen(PromptScreen(title, value=old.note), save)

    def _save_own_note(self, finding_id: str, review: Review) -> None:
        """Save (or, with an empty review, remove) an editor's own finding and show it."""
        model, view = self.model, self.view
        assert model is not None
        try:
            self.session.set_review(finding_id, review)
        except OSError as exc:
            self.notify(f"Could not save the session: {exc}", severity="error", markup=False)
        comparison = with_editor_notes(model.comparison, self.session.reviews)
        new = ReviewModel(comparison)
        finding = next((n for n, f in enumerate(comparison.findings) if f.id == finding_id), None)
        self.model, self.comparison = new, comparison
        view.replace(new, view.row if view.row is not None else 0, finding)
        self.findings_list.show(new, self.review_of)
        if self.has_class("-panel"):
            self.findings_list.fill()
            self.findings_list.follow(view.current_finding)
        if view.search is not None:
            self.matches = new.search(view.search)
        self.refresh_header()
        self.refresh_status()

    def action_bookmark(self) -> None:
        if not self._ready() or self.view.row is None:
            return
        assert self.model is not None
        row = self.view.row
        try:
            on = self.session.toggle_bookmark(self.model.rows[row].key)
        except OSError as exc:
            self.notify(f"Could not save the session: {exc}", severity="error", markup=False)
            return
        self.view.invalidate(row)
        self.notify("Bookmarked." if on else "Bookmark removed.", timeout=2)

    def action_bookmark_jump(self, step: int) -> None:
        view, model = self.view, self.model
        if model is None or not view.shown:
            return
        marked = [
            n for n, row in enumerate(view.shown) if model.rows[row].key in self.session.bookmarks
        ]
        if not marked:
            self.notify("No bookmarks yet (m adds one).", timeout=3)
            return
        after = [n for n in marked if (n - view.cursor) * step > 0] or marked
        view.move_to(after[0] if step > 0 else after[-1])
        if after is marked:
            self._say_wrapped(step, "bookmark")

    # ----- search ---------------------------------------------------------------------------
    def action_search(self) -> None:
        def run(query: str | None) -> None:
            if query is None or self.model is None:
                return
            if not query.strip():
                self.action_close()
                return
            self.query_text = query
            pattern = search_pattern(query)
            self.matches = self.model.search(pattern)
            self.view.set_search(pattern)
            if not self.matches:
                self.notify(f"Not found: {query}", severity="warning", markup=False)
                self.refresh_status()
                return
            self.action_search_step(1, include_current=True)

        if self.model is not None:
            self.app.push_screen(PromptScreen("Search both sides", value=self.query_text), run)

    def action_search_step(self, step: int, include_current: bool = False) -> None:
        view = self.view
        if not self.matches or view.row is None:
            if self.model is not None and view.search is not None and not self.matches:
                self.notify(f"Not found: {self.query_text}", severity="warning", markup=False)
            elif self.model is not None:
                self.notify("No search (press / to search).", timeout=2)
            return
        row = view.row
        if step > 0:
            ahead = [m for m in self.matches if m > row or (include_current and m == row)]
            target, wrapped = (ahead[0], False) if ahead else (self.matches[0], True)
        else:
            behind = [m for m in self.matches if m < row]
            target, wrapped = (behind[-1], False) if behind else (self.matches[-1], True)
        if wrapped:
            self.notify("Search wrapped around.", timeout=2)
        self._show_row(target)
        self.refresh_status()

    # ----- view -----------------------------------------------------------------------------
    def action_filter(self) -> None:
        if self.model is not None:
            self.view.set_only_findings(not self.view.only_findings)
            if not self.view.shown:
                self.notify("No row has an open finding.", timeout=3)
                self.view.set_only_findings(False)

    def action_wrap(self) -> None:
        if self.model is not None:
            self.view.set_wrap(not self.view.wrap)
            self.refresh_status()

    def action_panel(self) -> None:
        if self.model is None:
            return
        self.toggle_class("-panel")
        if self.has_class("-panel"):
            self.findings_list.fill()
            view = self.view
            nearest = view.current_finding
            if nearest is None and view.row is not None:
                nearest = self.model.nearest_finding(view.row)
            self.findings_list.follow(nearest)
        else:
            self.view.focus()

    def action_close(self) -> None:
        if self.view.search is not None:
            self.view.set_search(None)
            self.matches = []
            self.refresh_status()
        elif self.has_class("-panel"):
            self.action_panel()

    def action_detail(self) -> None:
        model, view = self.model, self.view
        if model is None or view.row is None:
            return
        row = model.rows[view.row]
        self.app.push_screen(
            TextScreen(
                f"Row {view.row + 1}: link {row.shape}, score {row.score:.2f}",
                detail_body(model, view.row, self.review_of),
                classes="detail",
            )
        )

    def action_export(self) -> None:
        if self.model is None:
            return

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.export(*answer)

        self.app.push_screen(ExportScreen(self.target.path), chosen)

    @work(thread=True, name="export", exit_on_error=False)
    def export(self, name: str, path: str) -> None:
        assert self.comparison is not None
        started = time.perf_counter()
        output = render(name, self.comparison, ExportOptions(reviews=dict(self.session.reviews)))
        Path(path).parent.mkdir(parents=True, exist_ok=True)  # a folder typed in the dialog
        write_atomically(Path(path), output)
        seconds = time.perf_counter() - started
        self.app.call_from_thread(
            self.notify, f"Exported {name} to {path} ({seconds:.1f} s).", markup=False
        )

    def action_target(self, step: int) -> None:
        """Several targets have their own screen (``TargetReviewScreen``); this one has one."""
        self.notify(
            "Only one target: give several to cycle them (transdiff SOURCE TARGET1 TARGET2).",
            timeout=4,
            markup=False,
        )

    def action_help(self) -> None:
        keymap = getattr(self.app, "keymap", {})
        path = str(self.session.path) if self.session.autosave else None
        body = help_text(keymap, self.app.get_key_display, path)
        self.app.push_screen(TextScreen("Keys", body, classes="help"))

    def action_quit(self) -> None:
        self.save_position()
        self.app.exit(0)

    def save_position(self) -> None:
        if self.model is not None and self.view.row is not None:
            self.session.position = self.model.rows[self.view.row].key
            # Quitting must not fail because the session folder went away.
            with contextlib.suppress(OSError):
                self.session.save()
