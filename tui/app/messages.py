"""Messages that cross widgets and threads."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.app.rows import ReviewModel
from tui.engine.model import Article, Side
from tui.internal_error import InternalError


@dataclass
class ComparisonProgress(Message):
    """Posted from the comparison worker thread."""

    fraction: float
    stage: str


@dataclass
class ComparisonReady(Message):
    """The worker finished: the view model is built (in the worker, off the UI thread)."""

    model: ReviewModel


@dataclass
class ComparisonFailed(Message):
    """The comparison raised an engine error; ``message`` is user-facing."""

    message: str


@dataclass
class ComparisonCrashed(Message):
    """The comparison raised something unexpected (a bug): the app shows the error screen."""

    error: InternalError


@dataclass
class SemanticProgress(Message):
    """Posted from the background worker of the semantic pass (the lexical result is shown)."""

    fraction: float
    stage: str


@dataclass
class SemanticReady(Message):
    """The semantic pass finished: its view model replaces the lexical one."""

    model: ReviewModel


@dataclass
class SemanticFailed(Message):
    """The semantic pass raised; the lexical result stays. ``message`` is user-facing."""

    message: str


@dataclass
class CursorMoved(Message):
    """The aligned view's cursor moved to ``row`` (a model row) or its current finding changed."""

    row: int
    finding: int | None


@dataclass
class FindingChosen(Message):
    """The editor picked a finding in the findings list."""

    finding: int


@dataclass
class FileChanged(Message):
    """Posted from the file watcher's thread: ``side``'s file has new content on disk."""

    side: Side


@dataclass
class FilesReloaded(Message):
    """The reload worker read the changed files and compared them again (first pass)."""

    model: ReviewModel
    source: Article
    target: Article
    digests: dict[Side, str]
    changed: tuple[Side, ...]


@dataclass
class ReloadFailed(Message):
    """Nothing to reload, or a file could not be read; ``message`` is user-facing."""

    message: str
    severity: str = "warning"
