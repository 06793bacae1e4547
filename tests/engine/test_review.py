"""Review sessions: persistence, atomic writes, corrupt files kept aside, default locations."""

from __future__ import annotations

import doctest
import json
import os
from pathlib import Path

import pytest

from tui.engine import review as review_module
from tui.engine.review import (
    Decision,
    Review,
    ReviewSession,
    default_session_path,
    load_session,
    read_session,
)


def test_doctests_run() -> None:
    assert doctest.testmod(review_module).failed == 0


def test_missing_file_gives_an_empty_session_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "t.txt.transdiff.json"
    session, warning = load_session(path)
    assert warning is None
    assert session.reviews == {}
    assert session.bookmarks == set()
    assert not path.exists()  # nothing written until a change


def test_every_change_is_saved_and_reloads(tmp_path: Path) -> None:
    path = tmp_path / "t.txt.transdiff.json"
    session, _ = load_session(path)
    session.set_review("a", Review(Decision.REVIEWED))
    session.set_review("b", Review(Decision.DISMISSED, "names differ on purpose"))
    assert session.toggle_bookmark("row1") is True
    session.position = "row1"
    session.save()

    again, warning = load_session(path)
    assert warning is None
    assert again.review("a") == Review(Decision.REVIEWED)
    assert again.review("b").note == "names differ on purpose"
    assert again.review("never-seen") == Review()
    assert again.bookmarks == {"row1"}
    assert again.position == "row1"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "transdiff-session/1"
    assert data["version"] == 1


def test_restoring_to_open_removes_the_entry_and_bookmarks_toggle(tmp_path: Path) -> None:
    session, _ = load_session(tmp_path / "s.json")
    session.set_review("a", Review(Decision.DISMISSED))
    session.set_review("a", Review(Decision.OPEN))
    assert session.toggle_bookmark("r") is True
    assert session.toggle_bookmark("r") is False
    again, _ = load_session(tmp_path / "s.json")
    assert again.reviews == {}
    assert again.bookmarks == set()


def test_save_leaves_no_temporary_files(tmp_path: Path) -> None:
    session, _ = load_session(tmp_path / "s.json")
    for n in range(5):
        session.set_review(f"f{n}", Review(Decision.REVIEWED))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),  # truncated write from some other tool
        ('{"schema": "other/1", "version": 1}', "not a transdiff session"),
        ('{"schema": "transdiff-session/1", "version": 99}', "newer transdiff"),
        ('{"schema": "transdiff-session/1", "version": 1, "reviews": {"a": 3}}', "malformed"),
        (
            '{"schema": "transdiff-session/1", "version": 1, '
            '"reviews": {"a": {"decision": "maybe"}}}',
            "malformed",
        ),
        ("[1, 2]", "not a transdiff session"),
    ],
)
def test_unreadable_files_are_kept_aside_and_reported(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "t.txt.transdiff.json"
    path.write_text(content, encoding="utf-8")
    session, warning = load_session(path)
    assert warning is not None
    assert reason in warning
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8") == content  # kept byte for byte
    assert aside[0].name in warning
    assert session.reviews == {}
    session.set_review("x", Review(Decision.REVIEWED))  # a fresh file, the old one untouched
    assert aside[0].read_text(encoding="utf-8") == content


@pytest.mark.parametrize(
    "content",
    [
        "{not json",  # garbage
        '{"schema": "transdiff-session/1", "version": 99}',  # from a newer transdiff
    ],
)
def test_read_session_for_a_report_leaves_an_unreadable_file_alone(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "t.txt.transdiff.json"
    path.write_text(content, encoding="utf-8")
    session, warning = read_session(path)
    assert warning is not None
    assert warning.startswith(f"session file {path} is unreadable (")
    assert warning.endswith("; its decisions are left out")
    assert "\n" not in warning
    assert "new session" not in warning
    assert session.reviews == {}
    session.set_review("x", Review(Decision.REVIEWED))  # a report's session never saves
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert path.read_text(encoding="utf-8") == content


def test_read_session_reads_a_good_file_and_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    assert read_session(path) == (ReviewSession(path, autosave=False), None)
    assert not path.exists()
    saved, _ = load_session(path)
    saved.set_review("a", Review(Decision.DISMISSED, "on purpose"))
    before = path.read_bytes()
    session, warning = read_session(path)
    assert warning is None
    assert session.review("a") == Review(Decision.DISMISSED, "on purpose")
    session.set_review("b", Review(Decision.REVIEWED))
    assert path.read_bytes() == before


def test_a_second_corrupt_file_does_not_overwrite_the_first(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text("first", encoding="utf-8")
    load_session(path)
    path.write_text("second", encoding="utf-8")
    load_session(path)
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.iterdir() if "corrupt" in p.name)
    assert kept == ["first", "second"]


def test_default_path_is_next_to_the_target(tmp_path: Path) -> None:
    target = tmp_path / "article.fr.txt"
    assert default_session_path(target) == tmp_path / "article.fr.txt.transdiff.json"
    assert default_session_path("article.fr.txt") == Path("article.fr.txt.transdiff.json")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_default_path_falls_back_to_the_state_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    try:
        path = default_session_path(folder / "a.txt")
    finally:
        folder.chmod(0o755)
    assert path.parent == tmp_path / "state" / "transdiff"
    assert path.name.startswith("a.txt.")
    assert path.name.endswith(".transdiff.json")


def test_state_dir_fallback_when_access_is_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores permission bits, so simulate a read-only folder through os.access.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(review_module.os, "access", lambda *_a, **_k: False)
    path = default_session_path(tmp_path / "b.txt")
    assert path.parent == tmp_path / "state" / "transdiff"


def test_memory_only_session_never_writes(tmp_path: Path) -> None:
    session = ReviewSession(tmp_path / "s.json", autosave=False)
    session.set_review("a", Review(Decision.REVIEWED))
    session.save()
    assert not (tmp_path / "s.json").exists()


def test_a_fifo_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    import threading

    from tui.engine.util.atomic import write_atomically

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    write_atomically(fifo, "hello")
    reader.join(timeout=5)
    assert received == ["hello"]
    assert not fifo.is_file()  # still a pipe
