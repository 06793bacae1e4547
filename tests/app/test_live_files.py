"""Files that change on disk while the app is open, and $EDITOR at the paragraph under the
cursor: driven with real keys on copies of the sample pair (lexical scorer: fast, and the
findings used here are the same with either scorer)."""

from __future__ import annotations

import json
import os
import queue
import shutil
import sys
import time
from pathlib import Path

import docx
import pytest
from conftest import REPO, SAMPLE_DE, SAMPLE_FR
from textual.drivers.headless_driver import HeadlessDriver

from tui.app import build_app
from tui.app.config import Settings
from tui.app.screens.review import ReviewScreen
from tui.app.watch import FileWatcher
from tui.engine.model import CompareOptions, FindingKind, Side
from tui.engine.review import Decision
from tui.engine.text.load import load_article

NUMBER = "depuis 11 ans"  # French ¶56 (index 55): its number mismatch is the edit's target
EDITED = "depuis des années"


@pytest.fixture
def files(isolated: Path) -> tuple[Path, Path]:
    source, target = isolated / "a.de.txt", isolated / "a.fr.txt"
    shutil.copy(REPO / SAMPLE_DE, source)
    shutil.copy(REPO / SAMPLE_FR, target)
    return source, target


def make(source: Path, target: Path, session: Path):
    return build_app(
        load_article(source),
        load_article(target),
        options=CompareOptions(scorer="lexical"),
        session_path=session,
        settings=Settings(),
    )


async def until(pilot, condition, seconds: float = 20.0) -> None:
    """Let the app run until ``condition()`` holds (the watcher and workers are threads)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


async def ready(app, pilot) -> ReviewScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReviewScreen)
    await until(pilot, lambda: screen.model is not None)
    await pilot.pause()
    return screen


def finding_id(screen: ReviewScreen, kind: FindingKind, paragraph: int) -> str:
    return next(
        f.id
        for f in screen.model.comparison.findings
        if f.kind is kind and f.location(f.side).paragraph == paragraph
    )


async def test_a_changed_file_is_offered_for_reload_and_keeps_the_other_decisions(
    files: tuple[Path, Path], isolated: Path
) -> None:
    source, target = files
    app = make(source, target, isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        number = finding_id(screen, FindingKind.NUMBER_MISMATCH, 55)
        quote = finding_id(screen, FindingKind.QUOTE_MISMATCH, 41)
        headline = finding_id(screen, FindingKind.PARAGRAPH_ONLY_IN_TARGET, 1)
        before = {f.id for f in screen.model.comparison.findings}
        for paragraph, key in ((56, "s"), (42, "s"), (2, "x")):  # 1-based target ¶ numbers
            await pilot.press("colon", "t", *str(paragraph), "enter", key)
        assert screen.session.review(number).decision is Decision.REVIEWED
        assert screen.session.review(quote).decision is Decision.REVIEWED
        await until(pilot, lambda: screen.watcher is not None and screen.watcher.running)

        # Touching the file or saving it unchanged is no change.
        os.utime(target)
        await pilot.pause(1.0)
        assert screen.changed_sides == frozenset()

        target.write_text(target.read_text(encoding="utf-8").replace(NUMBER, EDITED), "utf-8")
        await until(pilot, lambda: screen.changed_sides == {Side.TARGET})
        header = screen.query_one("#header").render().plain.splitlines()[0]
        assert "a.fr.txt (changed)" in header
        assert header.endswith("R reloads")
        assert "a.fr.txt changed on disk: R reloads it" in screen.notice

        old_target = screen.target
        await pilot.press("R")
        await until(pilot, lambda: screen.target is not old_target)
        await pilot.pause()
        after = {f.id for f in screen.model.comparison.findings}
        # Only the finding in the edited text is gone; every other one kept its id, and so
        # its decision.
        assert before - after == {number}
        assert after - before == set()
        assert screen.session.review(quote).decision is Decision.REVIEWED
        assert screen.session.review(headline).decision is Decision.DISMISSED
        header = screen.query_one("#header").render().plain
        assert "(changed)" not in header
        assert f"reviewed 1/{len(after)} · dismissed 1" in header
        assert screen.notice.startswith(f"Reloaded {target}: 1 fewer finding ({len(after)} in all)")

        await pilot.press("R")  # nothing new on disk: said, and nothing compared
        await pilot.pause()
        assert screen.notice == "Neither file changed on disk."

        target.write_text("", encoding="utf-8")  # a file emptied mid-edit is not loaded
        await until(pilot, lambda: Side.TARGET in screen.changed_sides)
        shown = screen.model
        await pilot.press("R")
        await until(pilot, lambda: screen.notice.startswith("Not reloaded"))
        assert screen.notice == f"Not reloaded: {target}: the article is empty"
        assert screen.model is shown
        watcher = screen.watcher
    assert not watcher.running  # stopped when the app closed


@pytest.fixture
def editor(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR: a script that logs its arguments and replaces NUMBER in the file it opens."""
    log = isolated / "editor.log"
    script = isolated / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        "line, path = sys.argv[1:]\n"
        f"with open({str(log)!r}, 'a') as out: out.write(json.dumps([line, path]) + '\\n')\n"
        "text = open(path, encoding='utf-8').read()\n"
        f"open(path, 'w', encoding='utf-8').write(text.replace({NUMBER!r}, {EDITED!r}))\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    # The headless test driver has no terminal to hand over; let App.suspend() run for real.
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda self: True))
    return log


async def test_the_editor_opens_at_the_paragraph_line_and_the_app_reloads_on_return(
    files: tuple[Path, Path], isolated: Path, editor: Path
) -> None:
    source, target = files
    app = make(source, target, isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        suspended: list[object] = []
        app.app_suspend_signal.subscribe(screen, suspended.append, immediate=True)
        number = finding_id(screen, FindingKind.NUMBER_MISMATCH, 55)
        await pilot.press("colon", "t", "5", "6", "enter")
        old_target = screen.target
        await pilot.press("v")
        await until(pilot, lambda: screen.target is not old_target)
        await pilot.pause()
        assert suspended  # the app handed the terminal over while the editor ran
        # The French file has a blank line between paragraphs: ¶56 starts on line 111.
        lines = target.read_text(encoding="utf-8").splitlines()
        assert lines[110].startswith("peut-être, comme l’a dit l’ancienne vice-présidente")
        assert json.loads(editor.read_text().splitlines()[0]) == ["+111", str(target)]
        assert number not in {f.id for f in screen.model.comparison.findings}
        assert screen.notice.startswith(f"Reloaded {target}")

        await pilot.press("V")  # the source, one paragraph per line: its ¶ of this row
        await pilot.pause()
        row = screen.model.rows[screen.view.row]
        assert json.loads(editor.read_text().splitlines()[1]) == [
            f"+{row.source[0] + 1}",
            str(source),
        ]
        await until(pilot, lambda: screen.notice == "Neither file changed on disk.")


async def test_a_word_file_is_not_opened_in_a_text_editor(
    files: tuple[Path, Path], isolated: Path, editor: Path
) -> None:
    source, target = files
    document = docx.Document()
    for line in target.read_text(encoding="utf-8").split("\n\n"):
        document.add_paragraph(line.strip())
    word = isolated / "a.fr.docx"
    document.save(str(word))
    app = make(source, word, isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert screen.notice.startswith(f"{word} is not a text file: edit it in its own")
    assert not editor.exists()  # the editor never ran


def test_the_watcher_sees_a_save_by_rename_and_ignores_an_unchanged_one(tmp_path: Path) -> None:
    path = tmp_path / "a.fr.txt"
    path.write_text("premier état", encoding="utf-8")
    seen: queue.Queue[Side] = queue.Queue()
    failures: list[str] = []
    watcher = FileWatcher({Side.TARGET: str(path)}, changed=seen.put, failed=failures.append)

    def save_by_rename(text: str) -> None:  # as vim and most IDEs save
        new = tmp_path / ".a.fr.txt.swp"
        new.write_text(text, encoding="utf-8")
        os.replace(new, path)

    watcher.start()
    try:
        time.sleep(0.5)  # the inotify watch is set up in the thread
        save_by_rename("premier état")  # same bytes: no change
        with pytest.raises(queue.Empty):
            seen.get(timeout=1.5)
        save_by_rename("second état")
        assert seen.get(timeout=10) is Side.TARGET
        save_by_rename("second état")  # reported once per new content
        with pytest.raises(queue.Empty):
            seen.get(timeout=1.5)
    finally:
        watcher.stop()
    assert not watcher.running
    assert failures == []


async def test_a_reload_keeps_the_alignment_corrections_and_says_so_in_one_notice(
    files: tuple[Path, Path], isolated: Path
) -> None:
    from tui.engine.corrections import article_digest

    source, target = files
    app = make(source, target, isolated / "s.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("colon", "1", "1", "enter", "J")  # source ¶11's row and the next
        await pilot.pause()
        joined = ((10, 11), (12, 13))
        assert [(r.source, r.target) for r in screen.model.rows if r.manual] == [joined]

        # an edit far from the corrected row: the correction still applies
        target.write_text(target.read_text(encoding="utf-8").replace(NUMBER, EDITED), "utf-8")
        old_target = screen.target
        await pilot.press("R")
        await until(pilot, lambda: screen.target is not old_target)
        await pilot.pause()
        assert [(r.source, r.target) for r in screen.model.rows if r.manual] == [joined]
        after = len(screen.model.comparison.findings)
        assert screen.notice == (
            f"Reloaded {target}: 1 fewer finding ({after} in all). The target text changed "
            "since your alignment corrections; it still applies."
        )
        # the session now knows the new text: reopening says nothing more
        assert screen.session.corrected_texts == (
            article_digest(screen.source),
            article_digest(screen.target),
        )
