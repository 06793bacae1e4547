"""The last line of defence: an exception nobody expected, said in one line.

The command line, batch mode and the app all end a bug the same way: one line,
``transdiff: internal error: <what>; please report it with the two files``, exit status 2
(never 1, which says "differences found"), and the traceback only with ``--debug``.

>>> try:
...     [][0]
... except IndexError as exc:
...     error = InternalError.of(exc)
>>> error.message  # doctest: +ELLIPSIS
'internal error: IndexError: list index out of range (...); please report it with the two files'
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

EXIT_STATUS = 2
_PACKAGE = Path(__file__).resolve().parent
_LONGEST = 300  # characters of the exception's own message kept on the line


@dataclass(frozen=True, slots=True)
class InternalError:
    """What broke (``what``: type, message, innermost place in transdiff's code) and the
    formatted traceback, for ``--debug``."""

    what: str
    traceback: str

    @classmethod
    def of(cls, exc: BaseException) -> InternalError:
        text = " ".join(str(exc).split())
        if len(text) > _LONGEST:
            text = text[: _LONGEST - 1] + "…"
        what = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
        place = _innermost_place(exc)
        if place:
            what += f" ({place})"
        return cls(what, "".join(traceback.format_exception(exc)))

    @property
    def message(self) -> str:
        return f"internal error: {self.what}; please report it with the two files"

    def report(self, stream: TextIO, *, debug: bool) -> None:
        """The traceback (with ``debug``), then the one line."""
        if debug:
            stream.write(self.traceback)
        stream.write(f"transdiff: {self.message}\n")
        stream.flush()


def _innermost_place(exc: BaseException) -> str:
    """``tui/engine/scoring/lexical.py:374`` where the exception left transdiff's own code
    (else its innermost frame): the first thing a maintainer reading the report needs."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(_PACKAGE)]
    frame = (ours or frames)[-1]
    path = Path(frame.filename)
    if path.resolve().is_relative_to(_PACKAGE):
        path = path.resolve().relative_to(_PACKAGE.parent)
    return f"{path.as_posix()}:{frame.lineno}"
