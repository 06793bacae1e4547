"""``transdiff SOURCE TARGET1 TARGET2 ...``: one report over several targets, exit status, files."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.batch import read_list
from tui.cli import main
from tui.engine.model import CompareOptions

ROOT = Path(__file__).parents[1]
DE = ROOT / "sample_articles" / "ultraman-musk.de.txt"
FR = ROOT / "sample_articles" / "ultraman-musk.fr.txt"
SMALL_DE = "Die Sonne scheint heute über der ganzen Stadt. Es ist 25 Grad warm und windstill.\n"
SMALL_FR = "Le soleil brille aujourd'hui sur toute la ville. Il fait 25 degrés et pas de vent.\n"
SMALL_EN = "The sun is shining over the whole city today. It is 25 degrees and there is no wind.\n"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """``transdiff ARGS`` in this process (output is not a terminal), in a fresh folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def run(*args: str | Path) -> Run:
        status = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


@pytest.fixture
def second_fr(tmp_path: Path) -> Path:
    """The sample translation without two paragraphs (so its result differs from the first)."""
    paragraphs = [p for p in FR.read_text(encoding="utf-8").split("\n") if p]
    path = tmp_path / "b.fr.txt"
    path.write_text("\n\n".join(paragraphs[:10] + paragraphs[11:20] + paragraphs[21:]))
    return path


def test_three_files_give_the_two_two_file_comparisons(run_cli, second_fr: Path) -> None:
    several = run_cli(DE, FR, second_fr, "--format", "json", "--scorer", "lexical")
    first = run_cli(DE, FR, "--format", "json", "--scorer", "lexical")
    second = run_cli(DE, second_fr, "--format", "json", "--scorer", "lexical")
    data = json.loads(several.stdout)
    assert data["schema"] == "transdiff-targets/1"
    assert data["source"] == str(DE)
    assert data["targets"] == [str(FR), str(second_fr)]
    assert data["comparisons"] == [json.loads(first.stdout), json.loads(second.stdout)]
    assert several.returncode == first.returncode == second.returncode == 1
    # the two source paragraphs the second target lacks are in the first target only
    assert [(c["paragraph"], c["mark"], c["present_in"]) for c in data["coverage"]] == [
        (8, "in_one_target", [0]),
        (18, "in_one_target", [0]),
    ]


@pytest.mark.parametrize(
    ("targets", "status"),
    [
        ((SMALL_FR, SMALL_EN), 0),  # no target has findings
        ((SMALL_FR, SMALL_EN.replace("25", "26")), 1),  # one target has a finding
    ],
)
def test_exit_status_as_for_two_files(
    run_cli, tmp_path: Path, targets: tuple[str, str], status: int
) -> None:
    source = tmp_path / "a.de.txt"
    source.write_text(SMALL_DE, encoding="utf-8")
    paths = []
    for n, text in enumerate(targets):
        paths.append(tmp_path / f"a{n}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    result = run_cli(source, *paths, "--scorer", "lexical")
    assert result.returncode == status, result.stderr
    assert "one source, 2 targets" in result.stdout


def test_a_missing_target_is_one_error_line(run_cli, tmp_path: Path) -> None:
    """And nothing is compared."""
    result = run_cli(DE, FR, tmp_path / "nope.txt", "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    missing = tmp_path / "nope.txt"
    assert result.stderr.splitlines() == [f"transdiff: error: {missing}: no such file"]


def test_text_and_markdown_list_the_marks_then_each_pair(run_cli, second_fr: Path, tmp_path: Path):
    text = run_cli(DE, FR, second_fr, "--scorer", "lexical", "--color", "never")
    assert "¹ ¶19 is only in target 1" in text.stdout
    assert text.stdout.count("transdiff report\n") == 2  # each pair's own report follows
    assert f"══ target 2 of 2: {second_fr} " in text.stdout
    markdown = run_cli(DE, FR, second_fr, "-f", "markdown", "--scorer", "lexical")
    assert "| 19 | ¹ in one target only | target 1 |" in markdown.stdout
    assert markdown.stdout.count("\n# transdiff report\n") == 2


def test_one_pair_formats_write_one_file_per_target(run_cli, second_fr: Path, tmp_path: Path):
    refused = run_cli(DE, FR, second_fr, "--format", "tmx")
    assert refused.returncode == 2
    assert "give -o FILE, which writes one file per target" in refused.stderr
    result = run_cli(DE, FR, second_fr, "-o", tmp_path / "r.html", "--scorer", "lexical")
    assert result.returncode == 1
    # both targets are French: the files are numbered
    alone = run_cli(DE, second_fr, "-f", "html", "--scorer", "lexical")
    assert (tmp_path / "r.2.html").read_text(encoding="utf-8") == alone.stdout
    assert (tmp_path / "r.1.html").is_file()
    assert not (tmp_path / "r.html").exists()
    assert f"wrote {tmp_path / 'r.2.html'} ({second_fr})" in result.stderr


def test_reports_read_the_targets_session(run_cli, second_fr: Path, tmp_path: Path) -> None:
    first = json.loads(run_cli(DE, FR, second_fr, "-f", "json", "--scorer", "lexical").stdout)
    finding = first["comparisons"][1]["findings"][0]["id"]
    session = tmp_path / "s.json"
    entry = {
        "schema": "transdiff-session/1",
        "version": 1,
        "reviews": {finding: {"decision": "dismissed", "note": "fine"}},
        "bookmarks": [],
        "position": None,
    }
    key = os.path.relpath(second_fr, tmp_path)
    session.write_text(
        json.dumps({"schema": "transdiff-targets-session/1", "version": 1, "targets": {key: entry}})
    )
    args = (DE, FR, second_fr, "-f", "json", "--scorer", "lexical", "--session", session)
    data = json.loads(run_cli(*args).stdout)
    reviewed = [f for f in data["comparisons"][1]["findings"] if "review" in f]
    assert [(f["id"], f["review"]["decision"]) for f in reviewed] == [(finding, "dismissed")]
    same_id = [f for f in data["comparisons"][0]["findings"] if f["id"] == finding]
    assert all("review" not in f for f in same_id)  # the other target's is its own


def test_reports_apply_each_targets_alignment_corrections(
    run_cli, second_fr: Path, tmp_path: Path
) -> None:
    from tui.engine.corrections import Action, article_digest, correction, correction_to_json
    from tui.engine.pipeline import compare
    from tui.engine.text.load import load_article

    source, target = load_article(str(DE)), load_article(str(second_fr))
    base = compare(source, target, options=CompareOptions(scorer="lexical"))
    joined = correction(base, Action.JOIN, 5)
    entry = {
        "schema": "transdiff-session/1",
        "version": 2,
        "reviews": {},
        "bookmarks": [],
        "position": None,
        "corrections": {
            "texts": {"source": article_digest(source), "target": article_digest(target)},
            "list": [correction_to_json(joined)],
        },
    }
    session = tmp_path / "s.json"
    key = os.path.relpath(second_fr, tmp_path)
    session.write_text(
        json.dumps({"schema": "transdiff-targets-session/1", "version": 1, "targets": {key: entry}})
    )
    args = (DE, FR, second_fr, "-f", "json", "--scorer", "lexical", "--session", session)
    data = json.loads(run_cli(*args).stdout)
    manual = [
        [(link["source"], link["target"]) for link in c["links"] if link.get("manual")]
        for c in data["comparisons"]
    ]
    first, second = base.links[5], base.links[6]
    assert manual == [
        [],
        [(list(first.source + second.source), list(first.target + second.target))],
    ]


def test_a_list_line_with_several_targets_gives_a_pair_each(tmp_path: Path) -> None:
    listing = tmp_path / "pairs.tsv"
    listing.write_text("a.de.txt\ta.fr.txt\ta.en.txt\nb.de.txt\tb.fr.txt\n", encoding="utf-8")
    plan = read_list(listing)
    assert [(s.name, t.name) for s, t in plan.pairs] == [
        ("a.de.txt", "a.fr.txt"),
        ("a.de.txt", "a.en.txt"),
        ("b.de.txt", "b.fr.txt"),
    ]


def test_scheduler_without_batch_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    result = run_cli(DE, FR, "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "transdiff: error: --scheduler only works with --batch (see transdiff --help)"
    ]


def test_warnings_name_their_target(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "a.de.txt"
    source.write_text(SMALL_DE, encoding="utf-8")
    copy, french = tmp_path / "copy.txt", tmp_path / "a.fr.txt"
    copy.write_text(SMALL_DE, encoding="utf-8")
    french.write_text(SMALL_FR, encoding="utf-8")
    result = run_cli(source, french, copy, "-f", "json", "--scorer", "lexical")
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        f"transdiff: warning: {copy}: the two articles have identical text",
        f"transdiff: warning: {copy}: both articles are in the same language (de): "
        "comparing two revisions",
    ]
