"""The engine's exceptions. Each carries a one-line message fit to show a user as is."""

from __future__ import annotations


class TransdiffError(Exception):
    """Base class: ``str(error)`` is a complete, user-facing sentence."""


class InputError(TransdiffError):
    """A file cannot be compared: missing, unreadable, binary, undecodable or empty."""


class ComparisonCancelled(TransdiffError):
    """The caller's cancellation check returned True while the comparison ran."""

    def __init__(self) -> None:
        super().__init__("comparison cancelled")
