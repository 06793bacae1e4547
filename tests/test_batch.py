"""Batch mode: pairing rules, JSON Lines and text output, exit status, failures isolated."""

from __future__ import annotations

import doctest
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import tui.batch
import tui.engine.pipeline as pipeline
from tui.batch import language_free_stem, pair_folders, plan, run_batch
from tui.engine.errors import InputError
from tui.engine.model import Finding, FindingKind, Location, Severity

GERMAN = "Der Rat tagte am Montag. Er beschloss {n} neue Regeln.\n\nDie Presse war da.\n"
ROOT = Path(__file__).parents[1]
BINARY = b"\x00\xff\xfe\x00\x81binary\x00" * 50  # NUL bytes and invalid UTF-8
FRENCH = "Le conseil s'est réuni lundi. Il a adopté {n} nouvelles règles.\n\nLa presse était là.\n"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _folders(tmp_path: Path, count: int) -> tuple[Path, Path]:
    a, b = tmp_path / "de", tmp_path / "fr"
    a.mkdir()
    b.mkdir()
    for i in range(count):
        (a / f"story{i:03}.de.txt").write_text(GERMAN.format(n=i), encoding="utf-8")
        (b / f"story{i:03}.fr.txt").write_text(FRENCH.format(n=i), encoding="utf-8")
    return a, b


def _run(paths, **kwargs) -> tuple[int, str, str]:
    out, err = kwargs.pop("out", io.StringIO()), kwargs.pop("err", io.StringIO())
    status = run_batch([str(p) for p in paths], out=out, err=err, **kwargs)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("story.de.txt", "story"),  # ISO 639-1 code before the extension
        ("story.fr.md", "story"),  # any extension
        ("story.zh-cn.html", "story"),  # with a region
        ("story.pt_BR.txt", "story"),  # underscore spelling
        ("story.txt", "story"),  # no language code at all
        ("notes.final.txt", "notes.final"),  # a word is not a language code
        ("v1.2.txt", "v1.2"),  # neither is a number
    ],
)
def test_language_free_stem(name: str, stem: str) -> None:
    assert language_free_stem(name) == stem


def test_folders_pair_by_name_then_by_stem(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for name in (
        "same.txt",
        "story.de.txt",
        "twin.de.txt",
        "twin.de.md",
        "lonely.de.txt",
        ".hidden.txt",
    ):
        (a / name).write_text("x", encoding="utf-8")
    for name in ("same.txt", "story.fr.txt", "twin.fr.txt", "story.fr.txt.transdiff.json"):
        (b / name).write_text("x", encoding="utf-8")
    (b / "folder.fr.txt").mkdir()  # not a file: ignored
    result = pair_folders(a, b)
    assert [(s.name, t.name) for s, t in result.pairs] == [
        ("same.txt", "same.txt"),
        ("story.de.txt", "story.fr.txt"),
    ]
    unpaired = {path.name: why for path, why in result.unpaired}
    assert unpaired == {
        "lonely.de.txt": f"no partner in {b}",
        "twin.de.md": f"1 candidates in {b}",
        "twin.de.txt": f"1 candidates in {b}",
        "twin.fr.txt": f"2 candidates in {a}",
    }


def test_list_file_pairs_relative_to_the_list(tmp_path: Path) -> None:
    a, b = _folders(tmp_path, 2)
    listing = tmp_path / "pairs.tsv"
    listing.write_text(
        "# source\ttarget\n\nde/story000.de.txt\tfr/story000.fr.txt\n"
        f"{a / 'story001.de.txt'}\t{b / 'story001.fr.txt'}\n",
        encoding="utf-8",
    )
    assert [(s.name, t.name) for s, t in plan([listing]).pairs] == [
        ("story000.de.txt", "story000.fr.txt"),
        ("story001.de.txt", "story001.fr.txt"),
    ]
    status, out, _ = _run([listing], fmt="json", jobs=1)
    assert [json.loads(line)["status"] for line in out.splitlines()] == ["ok", "ok"]
    assert status in (0, 1)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: [d / "missing", d], "not a folder"),  # a folder that does not exist
        (lambda d: [d], "two folders or one list file"),  # one folder alone
        (lambda d: [d / "nope.tsv"], "no such list file"),
        (lambda d: [d / "empty.tsv"], "the list of pairs is empty"),
        (lambda d: [d, d, d], "two folders (DIR_A DIR_B) or one list file"),
    ],
)
def test_bad_input_is_one_line_and_status_2(tmp_path: Path, setup, message: str) -> None:
    (tmp_path / "empty.tsv").write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(InputError):
        plan(setup(tmp_path))
    status, out, err = _run(setup(tmp_path))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_batch_of_200_pairs_with_an_unreadable_file(tmp_path: Path) -> None:
    a, b = _folders(tmp_path, 200)
    # Unreadable: we run as root, so permissions would not stop a read. Binary content
    # (NUL bytes, invalid UTF-8) is what a mis-saved or corrupt file really looks like.
    broken = b / "story117.fr.txt"
    broken.write_bytes(BINARY)
    (a / "orphan.de.txt").write_text("Allein.", encoding="utf-8")
    status, out, err = _run([a, b], fmt="json", jobs=2)
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 200
    assert [Path(r["source"]).name for r in rows] == [f"story{i:03}.de.txt" for i in range(200)]
    errors = [r for r in rows if r["status"] == "error"]
    assert [Path(r["target"]) for r in errors] == [broken]
    assert str(broken) in errors[0]["error"]
    assert errors[0]["summary"] is None
    ok = [r for r in rows if r["status"] == "ok"]
    assert len(ok) == 199
    assert all(r["error"] is None for r in ok)
    assert all(r["findings"] == sum(r["summary"].values()) for r in ok)
    assert status == 2
    assert f"unpaired: {a / 'orphan.de.txt'}" in err
    assert "200 pairs: 199 compared, 1 error" in err
    assert "\r" not in err  # not a terminal: no progress bar


def _with_findings(source, target, *, options=None, progress=None, cancelled=None):
    comparison = _real_compare(source, target, options=options)
    finding = Finding(
        "f",
        FindingKind.NUMBER_MISMATCH,
        Severity.MEDIUM,
        0.9,
        "12 vs 13",
        Location(0, 0, 3),
        Location(0, 0, 3),
    )
    flagged = Path(source.path or "").name == "story001.de.txt"
    return replace(comparison, findings=(finding,) if flagged else ())


_real_compare = pipeline.compare


def test_text_output_and_status_1_when_a_pair_has_findings(tmp_path, monkeypatch) -> None:
    a, b = _folders(tmp_path, 3)
    monkeypatch.setattr(pipeline, "compare", _with_findings)
    status, out, err = _run([a, b], jobs=1, err=_Tty())
    lines = out.splitlines()
    assert lines[0] == f"{a / 'story000.de.txt'} ↔ {b / 'story000.fr.txt'}: no findings"
    assert lines[1].endswith(": 1 finding (1 number_mismatch)")
    assert lines[3] == (
        "3 pairs: 3 compared, 0 errors; 1 with findings, 1 finding (1 number_mismatch)"
    )
    assert status == 1
    # On a terminal the bar is drawn on stderr and cleared; stdout stays clean.
    assert "3/3 pairs" in err
    assert err.endswith("\r\x1b[K")
    assert "\r" not in out


def test_status_0_when_nothing_is_found(tmp_path, monkeypatch) -> None:
    a, b = _folders(tmp_path, 2)
    monkeypatch.setattr(
        pipeline, "compare", lambda s, t, **kw: replace(_real_compare(s, t), findings=())
    )
    status, out, _ = _run([a, b], jobs=1)
    assert status == 0
    assert out.splitlines()[-1].startswith("2 pairs: 2 compared, 0 errors; 0 with findings")


def test_unsupported_format_and_jobs(tmp_path: Path) -> None:
    a, b = _folders(tmp_path, 1)
    assert _run([a, b], fmt="html")[0] == 2
    assert _run([a, b], jobs=0)[0] == 2


def test_command_line_batch_json_lines(tmp_path: Path) -> None:
    a, b = _folders(tmp_path, 4)
    (b / "story002.fr.txt").write_bytes(BINARY)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--batch", str(a), str(b), "--format", "json", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["ok", "ok", "error", "ok"]
    assert result.returncode == 2
    assert "4 pairs: 3 compared, 1 error" in result.stderr
    assert "Traceback" not in result.stderr


def test_doctests() -> None:
    assert doctest.testmod(tui.batch).failed == 0


def test_one_pair_is_singular(tmp_path, monkeypatch) -> None:
    a, b = _folders(tmp_path, 2)
    (a / "story000.de.txt").unlink()
    monkeypatch.setattr(pipeline, "compare", _with_findings)
    status, out, _ = _run([a, b], jobs=1)
    assert out.splitlines()[0].endswith(": 1 finding (1 number_mismatch)")
    assert out.splitlines()[-1] == (
        "1 pair: 1 compared, 0 errors; 1 with findings, 1 finding (1 number_mismatch); 1 unpaired"
    )
    assert status == 1


def _warning_pairs(tmp_path: Path) -> Path:
    """A list naming a pair in one language with identical text, and a latin-1 source."""
    (tmp_path / "en").mkdir()
    (tmp_path / "de").mkdir()
    english = "The council met on Monday. It adopted 12 new rules.\n\nThe press was there.\n"
    (tmp_path / "en" / "a.txt").write_text(english, encoding="utf-8")
    (tmp_path / "en" / "b.txt").write_text(english, encoding="utf-8")
    (tmp_path / "de" / "c.txt").write_bytes(
        GERMAN.format(n=12).replace("Die", "Café:").encode("latin-1")
    )
    listing = tmp_path / "pairs.tsv"
    listing.write_text("en/a.txt\ten/b.txt\nde/c.txt\ten/a.txt\n", encoding="utf-8")
    return listing


def test_pair_warnings_are_in_the_text_output(tmp_path: Path) -> None:
    listing = _warning_pairs(tmp_path)
    _, out, _ = _run([listing], jobs=1)
    lines = out.splitlines()
    assert lines[0] == f"{tmp_path / 'en/a.txt'} ↔ {tmp_path / 'en/b.txt'}: no findings"
    assert lines[1:3] == [
        "  warning: the two articles have identical text",
        "  warning: both articles are in the same language (en): comparing two revisions",
    ]
    assert lines[4].startswith(
        f"  warning: {tmp_path / 'de/c.txt'}: not valid UTF-8; decoded as latin-1"
    )


def test_pair_warnings_are_in_the_json_lines(tmp_path: Path) -> None:
    listing = _warning_pairs(tmp_path)
    _, out, _ = _run([listing], fmt="json", jobs=2)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["warnings"] for r in rows] == [
        [
            "the two articles have identical text",
            "both articles are in the same language (en): comparing two revisions",
        ],
        [
            f"{tmp_path / 'de/c.txt'}: not valid UTF-8; decoded as latin-1 (if its text looks "
            "wrong, convert it: iconv -f ENCODING -t UTF-8)"
        ],
    ]


def test_list_lines_with_spaces_run_and_a_bad_line_fails_alone(tmp_path: Path) -> None:
    a, b = _folders(tmp_path, 3)
    (tmp_path / "lst").mkdir()
    listing = tmp_path / "lst" / "pairs.tsv"
    listing.write_text(
        "../de/story000.de.txt   ../fr/story000.fr.txt\n"  # spaces for the tab: still a pair
        "my story.txt other.txt\n"  # three fields: cannot tell where the paths split
        "../de/story001.de.txt\t\t../fr/story001.fr.txt\n"  # an empty field
        "../de/story002.de.txt\t../fr/story002.fr.txt\n",
        encoding="utf-8",
    )
    status, out, err = _run([listing], jobs=1)
    assert out.splitlines() == [
        f"{a / 'story000.de.txt'} ↔ {b / 'story000.fr.txt'}: no findings",
        f"error: {listing}:2: expected SOURCE<TAB>TARGET, found 3 fields separated by spaces",
        f"error: {listing}:3: expected SOURCE<TAB>TARGET, found an empty field",
        f"{a / 'story002.de.txt'} ↔ {b / 'story002.fr.txt'}: no findings",
        "4 pairs: 2 compared, 2 errors; 0 with findings, 0 findings",
    ]
    assert err == ""
    assert status == 2
    status, out, _ = _run([listing], fmt="json", jobs=2)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["status"], r["source"]) for r in rows] == [
        ("ok", str(a / "story000.de.txt")),
        ("error", None),
        ("error", None),
        ("ok", str(a / "story002.de.txt")),
    ]
    assert rows[1]["error"].startswith(f"{listing}:2: ")
    assert status == 2


def test_a_list_of_only_bad_lines_reports_each(tmp_path: Path) -> None:
    listing = tmp_path / "pairs.tsv"
    listing.write_text("just one\t\tor three\n", encoding="utf-8")
    status, out, _ = _run([listing])
    assert out.splitlines()[0] == (
        f"error: {listing}:1: expected SOURCE<TAB>TARGET, found an empty field"
    )
    assert out.splitlines()[1].startswith("1 pair: 0 compared, 1 error;")
    assert status == 2


def test_paths_are_shown_normalised_and_relative(tmp_path, monkeypatch) -> None:
    _folders(tmp_path, 1)
    (tmp_path / "de" / "orphan.de.txt").write_text("Allein.", encoding="utf-8")
    (tmp_path / "lst").mkdir()
    (tmp_path / "lst" / "pairs.tsv").write_text(
        "../de/story000.de.txt\t./../fr/story000.fr.txt\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    _, out, _ = _run(["lst/pairs.tsv"], jobs=1)
    assert out.splitlines()[0] == "de/story000.de.txt ↔ fr/story000.fr.txt: no findings"
    _, out, _ = _run(["lst/../de", "./fr"], jobs=1)
    assert out.splitlines()[0] == "de/story000.de.txt ↔ fr/story000.fr.txt: no findings"
    assert "unpaired: de/orphan.de.txt (no partner in fr)" in out
