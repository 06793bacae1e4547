"""The UI-free comparison engine: load -> segment -> score -> align -> findings -> export.

Importing this package never imports Textual or Rich.
"""

from __future__ import annotations

from tui.engine.errors import ComparisonCancelled, InputError, TransdiffError
from tui.engine.model import (
    Article,
    CompareOptions,
    Comparison,
    Finding,
    FindingKind,
    Link,
    Location,
    Paragraph,
    SentenceLink,
    SentenceRef,
    Severity,
    Side,
    Span,
)

__all__ = [
    "Article",
    "CompareOptions",
    "Comparison",
    "ComparisonCancelled",
    "Finding",
    "FindingKind",
    "InputError",
    "Link",
    "Location",
    "Paragraph",
    "SentenceLink",
    "SentenceRef",
    "Severity",
    "Side",
    "Span",
    "TransdiffError",
]
