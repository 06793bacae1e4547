"""Review sessions: the editor's decisions on findings, stored next to the target file.

UI-free. Decisions are keyed by ``Finding.id`` (a content signature) and bookmarks by a row
signature, so both survive edits elsewhere in either article; alignment corrections name
their paragraphs by index and text hash (tui.engine.corrections). Files are written atomically. A
file this version cannot read is never overwritten: the app's ``load_session`` renames it aside,
a report's ``read_session`` leaves it where it is and writes nothing.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> session, warning = load_session(folder / "a.transdiff.json")
>>> session.set_review("f1", Review(Decision.REVIEWED, "checked with the author"))
>>> again, _ = load_session(folder / "a.transdiff.json")
>>> again.review("f1").decision, again.review("f2").decision
(<Decision.REVIEWED: 'reviewed'>, <Decision.OPEN: 'open'>)
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from tui.engine.util.atomic import write_atomically

if TYPE_CHECKING:
    from tui.engine.corrections import Correction

SCHEMA = "transdiff-session/1"
VERSION = 2  # the newest this reads; a session without corrections is still written as 1
SUFFIX = ".transdiff.json"


class Decision(StrEnum):
    OPEN = "open"
    REVIEWED = "reviewed"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class Review:
    """The editor's verdict on one finding; ``note`` is free text."""

    decision: Decision = Decision.OPEN
    note: str = ""


_DEFAULT = Review()


@dataclass
class ReviewSession:
    """Decisions and bookmarks of one source/target pair, saved to ``path`` on every change.

    ``position`` is the row signature the editor last looked at (resumed on reopen).
    ``corrections`` are the alignment corrections in the order made, ``corrected_texts`` the
    hashes of the source and target texts they were made on (``article_digest``).
    ``autosave`` False keeps everything in memory (used for articles that came from memory).
    """

    path: Path
    reviews: dict[str, Review] = field(default_factory=dict)
    bookmarks: set[str] = field(default_factory=set)
    position: str | None = None
    autosave: bool = True
    corrections: list[Correction] = field(default_factory=list)
    corrected_texts: tuple[str, str] | None = None

    def review(self, finding_id: str) -> Review:
        return self.reviews.get(finding_id, _DEFAULT)

    def set_review(self, finding_id: str, review: Review) -> None:
        # An open decision without a note is the default: store nothing so files stay small.
        if review == _DEFAULT:
            self.reviews.pop(finding_id, None)
        else:
            self.reviews[finding_id] = review
        self._changed()

    def toggle_bookmark(self, key: str) -> bool:
        """Add or remove a bookmark; returns True when ``key`` is now bookmarked."""
        if key in self.bookmarks:
            self.bookmarks.discard(key)
        else:
            self.bookmarks.add(key)
        self._changed()
        return key in self.bookmarks

    def set_corrections(self, corrections: list[Correction], texts: tuple[str, str]) -> None:
        """Keep ``corrections`` (all of them, in order), made on texts hashed ``texts``."""
        self.corrections = list(corrections)
        self.corrected_texts = texts if corrections else None
        self._changed()

    def _changed(self) -> None:
        if self.autosave:
            self.save()

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "schema": SCHEMA,
            # version 2 only with corrections: an older transdiff sets such a file aside
            # (keeping it) rather than saving over the corrections it cannot read
            "version": VERSION if self.corrections else 1,
            "reviews": {
                key: {"decision": r.decision.value, "note": r.note}
                for key, r in sorted(self.reviews.items())
            },
            "bookmarks": sorted(self.bookmarks),
            "position": self.position,
        }
        if self.corrections:
            from tui.engine.corrections import correction_to_json  # the aligner's imports

            source, target = self.corrected_texts or ("", "")
            data["corrections"] = {
                "texts": {"source": source, "target": target},
                "list": [correction_to_json(c) for c in self.corrections],
            }
        return data

    def save(self) -> None:
        """Write the session atomically: temp file in the same folder, fsync, os.replace."""
        if not self.autosave:
            return
        data = json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)  # the state folder may be new
        write_atomically(self.path, data)


def state_dir() -> Path:
    """The user's state folder for transdiff ($XDG_STATE_HOME/transdiff or ~/.local/state/...)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "transdiff"


def default_session_path(target_path: str | Path) -> Path:
    """``TARGET.transdiff.json`` next to the target, or in the state folder if that is read-only.

    In the state folder the name carries a hash of the target's absolute path, so two targets
    with the same name in different folders do not share a session.
    """
    target = Path(target_path)
    folder = target.parent if str(target.parent) else Path(".")
    if os.access(folder, os.W_OK | os.X_OK):
        return folder / (target.name + SUFFIX)
    import hashlib

    digest = hashlib.sha1(str(target.resolve()).encode("utf-8")).hexdigest()[:12]
    return state_dir() / f"{target.name}.{digest}{SUFFIX}"


class _Unreadable(Exception):
    """The session file exists but this version cannot use it; the message says why."""


def _parse(data: object) -> ReviewSession:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise _Unreadable("it is not a transdiff session file")
    version = data.get("version")
    if not isinstance(version, int):
        raise _Unreadable("it has no version number")
    if version > VERSION:
        raise _Unreadable(f"it was written by a newer transdiff (session version {version})")
    reviews: dict[str, Review] = {}
    raw_reviews = data.get("reviews", {})
    bookmarks = data.get("bookmarks", [])
    position = data.get("position")
    if not isinstance(raw_reviews, dict) or not isinstance(bookmarks, list):
        raise _Unreadable("its reviews or bookmarks are malformed")
    try:
        for key, value in raw_reviews.items():
            note = value.get("note", "")
            if not isinstance(note, str):
                raise TypeError(note)
            reviews[str(key)] = Review(Decision(value.get("decision", "open")), note)
    except (AttributeError, TypeError, ValueError) as exc:
        raise _Unreadable("a review entry is malformed") from exc
    if not all(isinstance(b, str) for b in bookmarks):
        raise _Unreadable("a bookmark is malformed")
    if position is not None and not isinstance(position, str):
        position = None
    session = ReviewSession(Path(), reviews, set(bookmarks), position)
    if "corrections" in data:
        session.corrections, session.corrected_texts = _parse_corrections(data["corrections"])
    return session


def _parse_corrections(data: object) -> tuple[list[Correction], tuple[str, str] | None]:
    from tui.engine.corrections import correction_from_json  # the aligner's imports

    try:
        if not isinstance(data, dict) or not isinstance(data.get("texts"), dict):
            raise TypeError(data)
        corrections = [correction_from_json(item) for item in data["list"]]
        source, target = data["texts"]["source"], data["texts"]["target"]
        if not isinstance(source, str) or not isinstance(target, str):
            raise TypeError(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise _Unreadable("its alignment corrections are malformed") from exc
    return corrections, (source, target)


def set_aside(path: Path) -> Path:
    """Rename ``path`` to a fresh ``PATH.corrupt-<timestamp>`` name (never over another file)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    os.replace(path, candidate)
    return candidate


def _read(path: Path) -> tuple[ReviewSession | None, str | None]:
    """(session, None) for a usable file, (None, reason) for an unusable one, (None, None) when
    there is no file. Never changes anything on disk."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"it cannot be read ({exc})"
    try:
        session = _parse(json.loads(raw))
    except json.JSONDecodeError:
        return None, "it is not valid JSON"
    except _Unreadable as exc:
        return None, str(exc)
    session.path = path
    return session, None


def read_session(path: str | Path) -> tuple[ReviewSession, str | None]:
    """Read the session at ``path`` for a report: nothing is renamed or written, ever.

    Returns (session, warning); the session never saves. An unusable file gives an empty
    session and a one-line warning that its decisions are left out.
    """
    path = Path(path)
    session, reason = _read(path)
    if session is None:
        session = ReviewSession(path)
    session.autosave = False
    if reason is None:
        return session, None
    return session, f"session file {path} is unreadable ({reason}); its decisions are left out"


def load_session(path: str | Path) -> tuple[ReviewSession, str | None]:
    """Read the session at ``path`` for the app; a missing file gives an empty session.

    Returns (session, warning). When the file cannot be used (corrupt, not a session, newer
    schema version) it is renamed aside and the warning says where it went.
    """
    path = Path(path)
    session, reason = _read(path)
    if session is not None:
        return session, None
    if reason is None:
        return ReviewSession(path), None
    try:
        aside = set_aside(path)
    except OSError as exc:
        # Cannot rename: keep the file untouched and do not save over it.
        session = ReviewSession(path, autosave=False)
        return session, (
            f"Session file {path} was not loaded because {reason}; it could not be moved aside "
            f"({exc.strerror}), so this session will not be saved."
        )
    return ReviewSession(path), (
        f"Session file {path} was not loaded because {reason}; it was kept as {aside.name} "
        "and a new session was started."
    )


def parse_session(data: object, path: Path) -> ReviewSession:
    """The session in a decoded ``transdiff-session/1`` document (one embedded in another
    file, say); ValueError saying why when this version cannot use it."""
    try:
        session = _parse(data)
    except _Unreadable as exc:
        raise ValueError(str(exc)) from exc
    session.path = path
    return session
