"""Correcting the alignment by hand: the Correct keys, undo and redo, and the sentence view.

The engine does the work (tui.engine.corrections). This module turns keys into corrections,
keeps the session's list of them (saved at once, like review decisions) and shows the
corrected comparison with the cursor where the change happened. The sentence view (A) lists
the sentence links of one row and takes the same keys, at sentence level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.app import keys
from tui.app.render import MANUAL, clean
from tui.app.rows import ReviewModel
from tui.app.screens.help import effective_keys
from tui.app.screens.notices import NOTICE_SECONDS
from tui.app.widgets.bars import NoticeLine
from tui.engine.corrections import (
    Action,
    Correction,
    CorrectionError,
    Corrector,
    Level,
    article_digest,
    changed_texts,
    correction,
    not_applied,
)
from tui.engine.model import Comparison, Side

if TYPE_CHECKING:
    from tui.app.screens.review import ReviewScreen

# Articles with more sentences than this (both sides) prepare the aligner in a worker at the
# first correction: the sample pair's 300 take 0.02 s, the generated 60,000 about 14 s.
PREPARE_AHEAD = 2_000

Anchor = tuple[Side, int]
"""A paragraph that names a row across changes of the alignment: (side, paragraph index)."""


def _anchor_of(model: ReviewModel, row: int) -> Anchor:
    link = model.rows[row]
    return (Side.SOURCE, link.source[0]) if link.source else (Side.TARGET, link.target[0])


@dataclass(frozen=True, slots=True)
class Said:
    """What became of the session's corrections on a new comparison: the screen says it on
    its notice line, after or with what it says about the comparison itself."""

    text: str
    severity: str = "information"


class CorrectionActions:
    """The Correct keys of the review screen (mixed into ReviewScreen)."""

    corrector: Corrector | None = None
    preparing = False  # a worker prepares the aligner for the first correction

    def with_corrections(
        self: ReviewScreen, model: ReviewModel, *, final: bool
    ) -> tuple[ReviewModel, Said | None]:
        """``model`` with the session's corrections applied to its comparison, and what to tell
        the editor about them. On the ``final`` comparison (not a quick pass the semantic one
        will replace), a changed text is reported and corrections that no longer apply are
        dropped from the session."""
        wanted = self.session.corrections
        self.corrector = Corrector(model.comparison, wanted)
        said = (
            self._report_changed_texts(model.comparison, len(wanted)) if final and wanted else None
        )
        if not self.corrector.corrections:
            return model, said
        return ReviewModel(self.corrector.comparison), said

    def _report_changed_texts(
        self: ReviewScreen, comparison: Comparison, total: int
    ) -> Said | None:
        assert self.corrector is not None
        dropped = self.corrector.dropped
        texts = self.session.corrected_texts
        if dropped:
            why = not_applied(len(dropped), total, texts, comparison)
            said = Said(f"{why}; dropped.", "warning")
        elif (changed := changed_texts(texts, comparison)) is not None:
            all_of = "it still applies" if total == 1 else f"all {total} still apply"
            said = Said(
                f"{changed.capitalize()} changed since your alignment corrections; {all_of}."
            )
        else:
            return None
        self._save_corrections(list(self.corrector.corrections))  # and the new texts' hashes
        return said

    # ----- keys -----------------------------------------------------------------------------
    def action_correct(self: ReviewScreen, action: str, side: str = "") -> None:
        model, view = self.model, self.view
        if model is None or view.row is None:
            return
        try:
            item = correction(
                model.comparison, Action(action), view.row, side=Side(side) if side else None
            )
        except CorrectionError as exc:
            self.say(str(exc))
            return
        self.apply_correction(item, _anchor_of(model, view.row))

    def action_undo_correction(self: ReviewScreen) -> None:
        if self.corrector is None or self.model is None:
            return
        item = self.corrector.undo()
        if item is None:
            self.say("Nothing to undo.", timeout=2)
            return
        wanted = list(self.session.corrections)
        for k in range(len(wanted) - 1, -1, -1):  # the last time it was made
            if wanted[k] == item:
                del wanted[k]
                break
        self._save_corrections(wanted)
        self._show_corrected(_first_anchor(item), f"Undone: {item.describe()}.")

    def action_redo_correction(self: ReviewScreen) -> None:
        if self.corrector is None or self.model is None:
            return
        item = self.corrector.redo()
        if item is None:
            self.say("Nothing to redo.", timeout=2)
            return
        self._save_corrections([*self.session.corrections, item])
        self._show_corrected(_first_anchor(item), f"Redone: {item.describe()}.")

    def action_sentences(self: ReviewScreen) -> None:
        model, view = self.model, self.view
        if model is None or view.row is None:
            return
        self.app.push_screen(SentenceScreen(self, _anchor_of(model, view.row)))

    # ----- shared with the sentence view ----------------------------------------------------
    def apply_correction(
        self: ReviewScreen,
        item: Correction,
        anchor: Anchor,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Make ``item``, save it, show the result with the cursor on ``anchor``'s row, then
        call ``then``. The first correction of a long article prepares the aligner in a worker
        (seconds on ten thousand paragraphs) and is made when it is ready."""
        corrector = self.corrector
        assert corrector is not None
        if not corrector.realigner.ready and corrector.realigner.sentence_count > PREPARE_AHEAD:
            if self.preparing:
                self.say("Still preparing the aligner for corrections…")
                return
            self.preparing = True
            self.say("Preparing the aligner for corrections (once for this pair)…", timeout=30)
            self._prepare_then_apply(corrector, item, anchor, then)
            return
        try:
            corrector.add(item)
        except CorrectionError as exc:
            self.say(str(exc))
            return
        self._save_corrections([*self.session.corrections, item])
        undo = keys_of(self.app, "undo")
        self._show_corrected(anchor, f"{item.describe().capitalize()} ({undo} undoes).")
        if then is not None:
            then()

    @work(thread=True, group="corrections", name="prepare-corrections", exit_on_error=False)
    def _prepare_then_apply(
        self: ReviewScreen,
        corrector: Corrector,
        item: Correction,
        anchor: Anchor,
        then: Callable[[], None] | None,
    ) -> None:
        try:
            _ = corrector.realigner.sentences  # the costly part, off the UI thread
        except Exception as exc:  # a failure leaves the alignment as it is, and says why
            message = f"Could not prepare the aligner: {exc or type(exc).__name__}"

            def failed() -> None:
                self.preparing = False
                self.say(message, "error", 10)

            self.app.call_from_thread(failed)
            return

        def apply() -> None:
            self.preparing = False
            self.apply_correction(item, anchor, then)  # the semantic result may be newer

        self.app.call_from_thread(apply)

    def _show_corrected(self: ReviewScreen, anchor: Anchor, notice: str) -> None:
        assert self.corrector is not None
        model = self._with_notes(ReviewModel(self.corrector.comparison))
        row = model.row_of_paragraph(*anchor)
        self.swap_model(model, row if row is not None else 0)
        self.say(notice)

    def _save_corrections(self: ReviewScreen, corrections: list[Correction]) -> None:
        texts = (article_digest(self.source), article_digest(self.target))
        try:
            self.session.set_corrections(corrections, texts)
        except OSError as exc:
            self.say(f"Could not save the session to {self.session.path}: {exc}", "error", 10)

    def say(
        self: ReviewScreen, text: str, severity: str = "information", timeout: float = 3
    ) -> None:
        """Say ``text`` on the notice line the editor sees: the sentence view's while it is
        open over this screen, else this screen's own."""
        shown = self.app.screen
        where = shown if isinstance(shown, SentenceScreen) and shown.owner is self else self
        where.notify(text, severity=severity, timeout=timeout, markup=False)


def keys_of(app: App, binding_id: str) -> str:
    """How the editor types the action ``binding_id`` now (after their remaps)."""
    keymap = getattr(app, "keymap", {})
    return effective_keys(keys.binding(binding_id), keymap, app.get_key_display)


def _first_anchor(item: Correction) -> Anchor:
    first = item.links[0]
    if first.source:
        return (Side.SOURCE, first.source[0].paragraph)
    return (Side.TARGET, first.target[0].paragraph)


# ---------------------------------------------------------------------------- sentence view


def sentence_text(comparison: Comparison, index: int) -> Text:
    """One sentence link as an option: shape, score, hand mark, then each side's sentences."""
    link = comparison.sentence_links[index]
    text = Text()
    text.append(f"{link.shape}  score {link.score:.2f}", style="bold")
    if link.manual:
        text.append(f"  {MANUAL} set by hand", style="italic")
    for side, refs in ((Side.SOURCE, link.source), (Side.TARGET, link.target)):
        label = "src" if side is Side.SOURCE else "tgt"
        if not refs:
            text.append(f"\n  {label}  (nothing: only in the other version)", style="italic")
        for p, s in refs:
            sentence = comparison.article(side).paragraphs[p].sentence_text(s)
            text.append(f"\n  {label} ¶{p + 1}.{s + 1}  ")
            text.append(clean(sentence))
    return text


class SentenceScreen(ModalScreen[None]):
    """The sentence links of one row, to correct with the Correct keys at sentence level."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,q", "close", "Close", id="pane-close"),
        keys.binding("row-down"),
        keys.binding("row-up"),
        *(binding for _section, binding in keys.CORRECT),
    ]

    def __init__(self, owner: ReviewScreen, anchor: Anchor) -> None:
        super().__init__(classes="dialog-screen")
        self.owner = owner
        self.anchor = anchor
        self._notice_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog sentences"):
            yield Label(Text(""), id="sentences-title", classes="dialog-title")
            yield OptionList(id="sentence-list")
            yield Label(Text(""), id="sentences-hint", classes="dialog-hint")
            yield NoticeLine(id="sentences-notice")

    def on_mount(self) -> None:
        correct = " ".join(keys_of(self.app, b.id or "") for _section, b in keys.CORRECT[:6])
        undo = keys_of(self.app, "undo")
        hint = f"{correct} correct the sentence links · {undo} undoes · Esc closes"
        self.query_one("#sentences-hint", Label).update(Text(hint))
        self.fill(0)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notices in the hint's place, as the review screen says them in its footer's (the
        review screen's own line is under this view)."""
        text = Content.from_markup(message).plain if markup else message
        self.query_one("#sentences-notice", NoticeLine).show(
            f"{title}: {text}" if title else text, severity
        )
        self.add_class("-notice")
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(timeout or NOTICE_SECONDS, self.clear_notice)

    def clear_notice(self) -> None:
        if self._notice_timer is not None:
            self._notice_timer.stop()
            self._notice_timer = None
        self.remove_class("-notice")

    @property
    def notice(self) -> str:
        """The notice shown now ("" when none), for tests and captures."""
        if not self.has_class("-notice"):
            return ""
        return self.query_one("#sentences-notice", NoticeLine).text.plain

    @property
    def options(self) -> OptionList:
        return self.query_one("#sentence-list", OptionList)

    def _links(self) -> tuple[int, list[int]]:
        """The row this view shows (it may have moved) and its sentence link indices."""
        model = self.owner.model
        assert model is not None
        row = model.row_of_paragraph(*self.anchor)
        assert row is not None  # every paragraph is in a row
        return row, list(model.rows[row].sentence_links)

    def fill(self, highlighted: int) -> None:
        model = self.owner.model
        assert model is not None
        row, links = self._links()
        comparison = model.comparison
        link = model.rows[row]
        title = f"Row {row + 1} ({link.shape}): sentence links"
        self.query_one("#sentences-title", Label).update(Text(title))
        options = self.options
        options.set_options(Option(sentence_text(comparison, k), id=str(k)) for k in links)
        if links:
            options.highlighted = max(0, min(highlighted, len(links) - 1))
        options.focus()

    def action_row(self, step: int) -> None:
        self.clear_notice()  # it was about the link the editor leaves
        options = self.options
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(current + step, options.option_count - 1))

    def action_correct(self, action: str, side: str = "") -> None:
        position = self.options.highlighted
        _row, links = self._links()
        if position is None or not links:
            return
        model = self.owner.model
        assert model is not None
        try:
            item = correction(
                model.comparison,
                Action(action),
                links[position],
                level=Level.SENTENCE,
                side=Side(side) if side else None,
            )
        except CorrectionError as exc:
            self.notify(str(exc), timeout=3, markup=False)
            return
        self.owner.apply_correction(item, self.anchor, lambda: self._refill(position))

    def _refill(self, position: int) -> None:
        if self.is_attached:  # the editor may have closed the view while the aligner got ready
            self.fill(position)

    def action_undo_correction(self) -> None:
        self.owner.action_undo_correction()
        self.fill(self.options.highlighted or 0)

    def action_redo_correction(self) -> None:
        self.owner.action_redo_correction()
        self.fill(self.options.highlighted or 0)

    def action_close(self) -> None:
        self.dismiss(None)
