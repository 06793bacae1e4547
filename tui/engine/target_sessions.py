"""One review session for a source and several targets: every target's decisions in one file.

UI-free. The file, ``SOURCE.targets.transdiff.json`` next to the source by default, is::

    {"schema": "transdiff-targets-session/1", "version": 1, "current": "b.en.txt",
     "targets": {"a.fr.txt": {<a transdiff-session/1 document>}, "b.en.txt": {...}}}

keyed by each target's path relative to the file's folder. Each entry is exactly a two-file
session document (decisions are per target: a sentence the French version dropped is not
reviewed in the English one), read by the same parser, so single-target files stay readable:
a target the file does not know yet starts from its own pair session (``TARGET.transdiff.json``,
only read, never changed), and a single-target document given as the file itself holds the
first target's decisions. Entries of targets not in this run are written back untouched. As
with one target, a file this version cannot use is renamed aside by the app and left alone
by reports; it is never overwritten.

>>> import tempfile
>>> from tui.engine.review import Decision, Review
>>> folder = Path(tempfile.mkdtemp())
>>> sessions, _ = load_target_sessions(folder / "s.json", [folder / "a.fr", folder / "a.en"])
>>> sessions.sessions[1].set_review("f1", Review(Decision.REVIEWED))
>>> again, _ = load_target_sessions(folder / "s.json", [folder / "a.fr", folder / "a.en"])
>>> again.sessions[0].review("f1").decision, again.sessions[1].review("f1").decision
(<Decision.OPEN: 'open'>, <Decision.REVIEWED: 'reviewed'>)
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.engine.review import SCHEMA as PAIR_SCHEMA
from tui.engine.review import (
    ReviewSession,
    default_session_path,
    parse_session,
    read_session,
    set_aside,
)
from tui.engine.util.atomic import write_atomically

SCHEMA = "transdiff-targets-session/1"
VERSION = 1


@dataclass
class TargetSession(ReviewSession):
    """One target's decisions; saving it writes the whole file of its ``owner``."""

    owner: TargetSessions | None = field(default=None, repr=False, compare=False)

    def save(self) -> None:
        if self.autosave and self.owner is not None:
            self.owner.save()


class TargetSessions:
    """The sessions of every target, in the order given, and the target last looked at."""

    def __init__(
        self,
        path: Path,
        keys: Sequence[str],
        sessions: Sequence[ReviewSession],
        *,
        others: dict[str, object] | None = None,
        current: int = 0,
        autosave: bool = True,
    ) -> None:
        self.path = path
        self.keys = list(keys)
        self.autosave = autosave
        self.current = current
        self._others = others or {}  # entries of targets not in this run, kept as read
        self.sessions: list[TargetSession] = [
            TargetSession(
                path,
                dict(s.reviews),
                set(s.bookmarks),
                s.position,
                autosave=autosave,
                corrections=list(s.corrections),
                corrected_texts=s.corrected_texts,
                owner=self,
            )
            for s in sessions
        ]

    def to_json(self) -> dict[str, object]:
        targets: dict[str, object] = dict(self._others)
        for key, session in zip(self.keys, self.sessions, strict=True):
            targets[key] = session.to_json()
        return {
            "schema": SCHEMA,
            "version": VERSION,
            "current": self.keys[self.current] if self.keys else None,
            "targets": dict(sorted(targets.items())),
        }

    def save(self) -> None:
        """Write every target's session atomically (temporary file, fsync, rename)."""
        if not self.autosave:
            return
        data = json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, data)


def default_targets_session_path(source_path: str | Path) -> Path:
    """``SOURCE.targets.transdiff.json`` next to the source (or in the state folder when that
    folder is not writable, as for one target)."""
    source = Path(source_path)
    return default_session_path(source.with_name(source.name + ".targets"))


def target_key(target_path: str | Path, folder: Path) -> str:
    """The target's name in the file: its path relative to the file's folder.

    >>> target_key("/x/news/a.fr.txt", Path("/x/news"))
    'a.fr.txt'
    """
    return os.path.relpath(os.path.abspath(target_path), os.path.abspath(folder))


class _Unusable(Exception):
    """The file exists but this version cannot use it; the message says why."""


def _entries(path: Path, keys: list[str]) -> tuple[dict[str, object], str | None] | None:
    """The file's entries by key and its current target; None when there is no file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise _Unusable(f"it cannot be read ({exc})") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _Unusable("it is not valid JSON") from exc
    if isinstance(data, dict) and data.get("schema") == PAIR_SCHEMA:
        return {keys[0]: data}, keys[0]  # a single-target session: the first target's
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise _Unusable("it is not a transdiff session file")
    version = data.get("version")
    if not isinstance(version, int):
        raise _Unusable("it has no version number")
    if version > VERSION:
        raise _Unusable(f"it was written by a newer transdiff (session version {version})")
    targets = data.get("targets", {})
    current = data.get("current")
    if not isinstance(targets, dict):
        raise _Unusable("its targets are malformed")
    return dict(targets), current if isinstance(current, str) else None


def _build(
    path: Path, target_paths: Sequence[str | Path], autosave: bool, *, use_file: bool = True
) -> tuple[TargetSessions, list[str]]:
    """The sessions from the file at ``path`` (or as if there were none: ``use_file`` False);
    _Unusable when the file cannot be used."""
    keys = [target_key(t, path.parent) for t in target_paths]
    found = _entries(path, keys) if use_file else None
    entries, current = found if found is not None else ({}, None)
    sessions: list[ReviewSession] = []
    warnings: list[str] = []
    for key, target in zip(keys, target_paths, strict=True):
        entry = entries.pop(key, None)
        if entry is not None:
            try:
                sessions.append(parse_session(entry, path))
            except ValueError as exc:
                raise _Unusable(f"the entry of {key} is unusable: {exc}") from exc
            continue
        # Not in the file yet: start from the target's own two-file session, if any.
        own = default_session_path(target)
        session, warning = read_session(own) if own.is_file() else (ReviewSession(own), None)
        if warning:
            warnings.append(warning)
        sessions.append(session)
    index = keys.index(current) if current in keys else 0
    result = TargetSessions(path, keys, sessions, others=entries, current=index, autosave=autosave)
    return result, warnings


def load_target_sessions(
    path: str | Path, target_paths: Sequence[str | Path]
) -> tuple[TargetSessions, list[str]]:
    """The sessions for the app: saved on every change. A file this version cannot use is
    renamed aside (the warning says where) and a fresh session starts."""
    path = Path(path)
    try:
        return _build(path, target_paths, autosave=True)
    except _Unusable as exc:
        reason = str(exc)
    try:
        aside = set_aside(path)
    except OSError as error:
        fresh, warnings = _build(path, target_paths, autosave=False, use_file=False)
        return fresh, [
            *warnings,
            f"Session file {path} was not loaded because {reason}; it could not be moved aside "
            f"({error.strerror}), so this session will not be saved.",
        ]
    fresh, warnings = _build(path, target_paths, autosave=True)
    return fresh, [
        *warnings,
        f"Session file {path} was not loaded because {reason}; it was kept as {aside.name} "
        "and a new session was started.",
    ]


def read_target_sessions(
    path: str | Path, target_paths: Sequence[str | Path]
) -> tuple[TargetSessions, list[str]]:
    """The sessions for a report: nothing is renamed or written, ever."""
    path = Path(path)
    try:
        return _build(path, target_paths, autosave=False)
    except _Unusable as exc:
        fresh, warnings = _build(path, target_paths, autosave=False, use_file=False)
        return fresh, [
            *warnings,
            f"session file {path} is unreadable ({exc}); its decisions are left out",
        ]
