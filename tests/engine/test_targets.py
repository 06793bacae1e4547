"""One source, several targets: coverage marks, where the work runs, the shared session file."""

from __future__ import annotations

import doctest
import json
from dataclasses import replace
from pathlib import Path

import pytest

import tui.engine.export.targets
import tui.engine.target_sessions
import tui.engine.targets
from tui.engine.model import (
    Article,
    CompareOptions,
    Comparison,
    Finding,
    FindingKind,
    Location,
    Severity,
)
from tui.engine.review import Decision, Review
from tui.engine.target_sessions import load_target_sessions, read_target_sessions
from tui.engine.targets import CoverageMark, compare_targets, coverage, parallel_plan
from tui.engine.text.load import article_from_text

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(
    "module", [tui.engine.targets, tui.engine.target_sessions, tui.engine.export.targets]
)
def test_doctests(module) -> None:
    assert doctest.testmod(module).failed == 0


def lacking(*paragraphs: int) -> Comparison:
    """A comparison whose target lacks these source paragraphs (and a sentence of ¶7)."""
    article = Article((), path="x")
    findings = [
        Finding(f"p{p}", FindingKind.PARAGRAPH_ONLY_IN_SOURCE, Severity.HIGH, 1.0, "", *locs)
        for p in paragraphs
        for locs in [(Location(p, 0, 5), Location(0, 0, 0))]
    ]
    findings.append(
        Finding(
            "s", FindingKind.SENTENCE_ONLY_IN_SOURCE, Severity.LOW, 1.0, "", Location(7, 0, 3), None
        )
    )
    return Comparison(article, article, (), (), tuple(findings))


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        # one target: its own findings say it all
        ([lacking(1)], []),
        # two targets: ¶1 in neither, ¶2 only in the second, ¶3 only in the first
        (
            [lacking(1, 2), lacking(1, 3)],
            [(1, (), "in_no_target"), (2, (1,), "in_one_target"), (3, (0,), "in_one_target")],
        ),
        # three targets: missing from one of three is not marked, from two of three is
        ([lacking(1, 2), lacking(2), lacking()], [(2, (2,), "in_one_target")]),
        # a sentence missing everywhere is not a missing paragraph
        ([lacking(), lacking()], []),
    ],
)
def test_coverage_marks(targets: list[Comparison], expected: list) -> None:
    assert [(c.paragraph, c.present_in, c.mark.value) for c in coverage(targets)] == expected


def test_where_the_targets_are_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    small = article_from_text("Ein Satz.", language="de")
    three = [small, small, small]
    lexical = CompareOptions(scorer="lexical")
    monkeypatch.setattr("tui.engine.targets.usable_cores", lambda: 2)
    assert parallel_plan(three, lexical) == 1  # here unless asked: a pool lost when measured
    assert parallel_plan(three, lexical, jobs=4) == 2  # asked for, as many as the cores
    assert parallel_plan([small], lexical, jobs=2) == 1  # one target
    assert parallel_plan(three, replace(lexical, scorer="semantic"), jobs=2) == 1  # one model
    monkeypatch.setattr("tui.engine.targets.usable_cores", lambda: 1)
    assert parallel_plan(three, lexical, jobs=2) == 1  # one core


def test_processes_give_the_same_comparisons(tmp_path: Path) -> None:
    source = article_from_text((ROOT / "sample_articles/ultraman-musk.de.txt").read_text())
    french = (ROOT / "sample_articles/ultraman-musk.fr.txt").read_text()
    targets = [
        article_from_text(french, path="a.fr.txt"),
        article_from_text(french.replace("2024", "2025"), path="b.fr.txt"),
    ]
    options = CompareOptions(scorer="lexical")
    here = compare_targets(source, targets, options=options, jobs=1)
    pool = compare_targets(source, targets, options=options, jobs=2)
    assert pool.comparisons == here.comparisons
    assert [c.target.path for c in pool.comparisons] == ["a.fr.txt", "b.fr.txt"]


# ---------------------------------------------------------------------------- sessions


def test_entries_of_other_targets_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    first, _ = load_target_sessions(path, [tmp_path / "a.fr", tmp_path / "a.en"])
    first.sessions[1].set_review("f", Review(Decision.DISMISSED, "no"))
    later, _ = load_target_sessions(path, [tmp_path / "a.ja"])  # another run, another target
    later.sessions[0].set_review("g", Review(Decision.REVIEWED))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(data["targets"]) == ["a.en", "a.fr", "a.ja"]
    assert data["targets"]["a.en"]["reviews"] == {"f": {"decision": "dismissed", "note": "no"}}


def test_a_single_target_file_given_as_the_session_is_the_first_targets(tmp_path: Path):
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps(
            {
                "schema": "transdiff-session/1",
                "version": 1,
                "reviews": {"f": {"decision": "reviewed", "note": ""}},
                "bookmarks": ["row"],
                "position": "row",
            }
        )
    )
    sessions, warnings = read_target_sessions(path, [tmp_path / "a.fr", tmp_path / "a.en"])
    assert warnings == []
    assert sessions.sessions[0].review("f").decision is Decision.REVIEWED
    assert sessions.sessions[0].bookmarks == {"row"}
    assert sessions.sessions[1].review("f").decision is Decision.OPEN


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"schema": "transdiff-targets-session/1", "version": 99, "targets": {}}),
        json.dumps(
            {
                "schema": "transdiff-targets-session/1",
                "version": 1,
                "targets": {"a.fr": {"schema": "transdiff-session/1", "version": "x"}},
            }
        ),
    ],
)
def test_an_unusable_file_is_never_overwritten(tmp_path: Path, content: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(content, encoding="utf-8")
    targets = [tmp_path / "a.fr", tmp_path / "a.en"]
    report, warnings = read_target_sessions(path, targets)
    assert path.read_text(encoding="utf-8") == content  # a report leaves it alone
    assert "its decisions are left out" in warnings[-1]
    assert not report.autosave
    app, warnings = load_target_sessions(path, targets)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("s.json.corrupt-")]
    assert [p.read_text(encoding="utf-8") for p in aside] == [content]
    assert "a new session was started" in warnings[-1]
    app.sessions[0].set_review("f", Review(Decision.REVIEWED))
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "transdiff-targets-session/1"


def test_kinds_of_marks_are_named_in_words() -> None:
    assert set(tui.engine.export.targets.MARK_LABEL) == set(CoverageMark)
    assert set(tui.engine.export.targets.MARK_SYMBOL) == set(CoverageMark)
