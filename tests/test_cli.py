"""The command line: exit status, reports, warnings and every bad input of issue 2."""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui import cli
from tui.engine.model import Comparison, Finding, FindingKind, Location, Severity

ROOT = Path(__file__).parents[1]
DE = ROOT / "sample_articles" / "ultraman-musk.de.txt"
FR = ROOT / "sample_articles" / "ultraman-musk.fr.txt"
SMALL_DE = "Die Sonne scheint heute über der ganzen Stadt. Es ist 25 Grad warm und windstill.\n"
SMALL_FR = "Le soleil brille aujourd'hui sur toute la ville. Il fait 25 degrés et pas de vent.\n"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m tui ARGS`` in a fresh interpreter, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def assert_one_error_line(stderr: str, *needles: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("transdiff: error: ")
    assert "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    source, target = tmp_path / "a.de.txt", tmp_path / "a.fr.txt"
    source.write_text(SMALL_DE, encoding="utf-8")
    target.write_text(SMALL_FR, encoding="utf-8")
    return source, target


# ---------------------------------------------------------------------------- normal runs


def test_json_on_the_sample_pair_in_a_subprocess_without_textual() -> None:
    # a wrapper prints the loaded UI modules after main() returns
    code = (
        "import sys; from tui.cli import main; status = main(sys.argv[1:]);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')),"
        " file=sys.stderr); sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(DE), str(FR), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode in (0, 1)
    assert result.stderr.strip().splitlines()[-1] == "[]"
    data = json.loads(result.stdout)
    assert data["schema"] == "transdiff/1"
    assert len(data["source"]["paragraphs"]) == 76
    assert len(data["target"]["paragraphs"]) == 78
    # diff-like status: 1 exactly when there are findings
    assert result.returncode == (1 if data["findings"] else 0)


def test_every_registered_format_renders(pair: tuple[Path, Path]) -> None:
    import stat

    from tui.engine.export import FORMATS

    for name in FORMATS:
        status = cli.main([str(pair[0]), str(pair[1]), "--format", name, "-o", os.devnull])
        assert status in (0, 1), name
    # -o into a device writes in place; renaming over it would turn /dev/null into a file
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_exit_one_with_findings_zero_without(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.engine.pipeline as pipeline

    real_compare = pipeline.compare
    finding = Finding(
        "f1",
        FindingKind.NUMBER_MISMATCH,
        Severity.HIGH,
        0.9,
        "25 in the source only",
        Location(0, 0, 2),
        Location(0, 0, 0),
    )

    def with_finding(*args, **kwargs) -> Comparison:
        result = real_compare(*args, **kwargs)
        return Comparison(
            result.source, result.target, result.links, result.sentence_links, (finding,)
        )

    def without_findings(*args, **kwargs) -> Comparison:
        result = real_compare(*args, **kwargs)
        return Comparison(result.source, result.target, result.links, result.sentence_links, ())

    monkeypatch.setattr(pipeline, "compare", with_finding)
    assert cli.main([str(pair[0]), str(pair[1]), "--format", "text"]) == 1
    assert "25 in the source only" in capsys.readouterr().out
    monkeypatch.setattr(pipeline, "compare", without_findings)
    assert cli.main([str(pair[0]), str(pair[1]), "--format", "text"]) == 0
    assert "No differences found" in capsys.readouterr().out


def test_output_file_is_written_atomically(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    status = cli.main([str(pair[0]), str(pair[1]), "-o", str(out)])  # format from the extension
    assert status in (0, 1)
    assert json.loads(out.read_text("utf-8"))["schema"] == "transdiff/1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.de.txt", "a.fr.txt", "report.json"]


@pytest.mark.parametrize(
    "extra",
    [
        ["-o", "{target}"],
        ["-o", "{source_alias}", "-f", "json"],
        ["--session", "{source}", "-f", "text"],
        ["--session", "{folder}", "-f", "text"],
    ],
)
def test_a_report_or_session_over_an_article_or_a_folder_is_refused(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    """Before anything is read: the articles and the folder stay exactly as they were."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "keep.txt").write_text("keep", encoding="utf-8")
    alias = tmp_path / "alias.de.txt"
    alias.symlink_to(pair[0])
    names = {"source": pair[0], "target": pair[1], "source_alias": alias, "folder": folder}
    before = {p: p.read_bytes() for p in pair}
    argv = [str(pair[0]), str(pair[1])] + [a.format(**names) for a in extra]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("transdiff: error: "), err
    assert err.count("\n") == 1, err
    assert {p: p.read_bytes() for p in pair} == before
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.de.txt", "a.fr.txt", "alias.de.txt", "notes"]
    )


def test_a_language_name_is_refused_and_a_contradicted_code_said(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([str(pair[0]), str(pair[1]), "--source-lang", "German"]) == 2
    assert "give a language code" in capsys.readouterr().err
    status = cli.main([str(pair[0]), str(pair[1]), "--target-lang", "ja", "-f", "json"])
    assert status in (0, 1)
    assert "--target-lang ja given, but" in capsys.readouterr().err
    status = cli.main([str(pair[0]), str(pair[1]), "--target-lang", "fr_FR", "-f", "json"])
    assert "given, but" not in capsys.readouterr().err  # agrees: nothing said


def test_unknown_output_extension_warns_once_and_writes_text(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.xyz"
    status = cli.main([str(pair[0]), str(pair[1]), "-o", str(out)])
    assert status in (0, 1)
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert err == [
        "transdiff: warning: unknown extension .xyz; writing the text report (use --format)"
    ]
    text = out.read_text("utf-8")
    expected = tmp_path / "expected.txt"
    assert cli.main([str(pair[0]), str(pair[1]), "--format", "text", "-o", str(expected)]) == status
    assert text == expected.read_text("utf-8")
    capsys.readouterr()
    # a known extension, --format, or no extension at all (e.g. /dev/null) says nothing
    for extra in (
        ["-o", str(tmp_path / "r.md")],
        ["-f", "text", "-o", str(out)],
        ["-o", os.devnull],
    ):
        cli.main([str(pair[0]), str(pair[1]), *extra])
        assert "unknown extension" not in capsys.readouterr().err


def test_output_into_a_missing_folder_is_an_error(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main([str(pair[0]), str(pair[1]), "-o", str(tmp_path / "no" / "r.txt")])
    assert status == 2
    assert_one_error_line(capsys.readouterr().err, "cannot write", "r.txt")


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        # a pipe is not a terminal: no colour by default
        ([], {}, False),
        # --color always wins, even over NO_COLOR
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        # --color never
        (["--color", "never"], {}, False),
    ],
)
def test_color_options(
    pair: tuple[Path, Path], args: list[str], env: dict[str, str], coloured: bool
) -> None:
    result = run_cli(str(pair[0]), str(pair[1]), "--format", "text", *args, env=env)
    assert result.returncode in (0, 1)
    assert ("\x1b[" in result.stdout) is coloured


def test_no_color_variable_in_auto_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._use_color("auto", None) is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")
    assert cli._use_color("auto", None) is True
    assert cli._use_color("auto", "report.txt") is False  # files get no escape codes


def test_version_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert "transdiff" in capsys.readouterr().out
    assert cli.main([str(DE)]) == 2  # TARGET missing
    assert "required" in capsys.readouterr().err
    assert cli.main([str(DE), str(FR), "--format", "nope"]) == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        # an unknown format: the choices are named on the same line
        ((str(DE), str(FR), "--format", "pdf"), ("argument -f/--format", "'pdf'", "'json'")),
        # TARGET missing
        ((str(DE),), ("required: TARGET",)),
        # an unknown scorer
        ((str(DE), str(FR), "--scorer", "foo"), ("argument --scorer", "'foo'")),
        # not a number
        ((str(DE), str(FR), "--jobs", "many"), ("argument --jobs", "'many'")),
        # an option that does not exist
        ((str(DE), str(FR), "--colour", "never"), ("unrecognized arguments",)),
    ],
)
def test_bad_options_give_one_error_line_and_status_2(
    args: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_error_line(result.stderr, *needles, "(see transdiff --help)")
    assert "usage:" not in result.stderr


def test_tuning_file_changes_what_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the second French paragraph is left in German (six words of letters): untranslated
    # with a threshold of six words, not of seven
    source, target = tmp_path / "a.de.txt", tmp_path / "a.fr.txt"
    left = "Es ist 25 Grad warm und windstill."
    source.write_text(f"{SMALL_DE.split('. ')[0]}.\n\n{left}\n", encoding="utf-8")
    target.write_text(f"{SMALL_FR.split('. ')[0]}.\n\n{left}\n", encoding="utf-8")
    tuning = tmp_path / "tuning.json"
    args = [str(source), str(target), "--scorer", "lexical", "--format", "json"]
    args += ["--source-lang", "de", "--target-lang", "fr", "--tuning", str(tuning)]
    kinds = []
    for least in (6, 7):
        tuning.write_text(json.dumps({"detection.min_words_untranslated": least}), "utf-8")
        status = cli.main(args)
        found = [f["kind"] for f in json.loads(capsys.readouterr().out)["findings"]]
        kinds.append((status, found))
    assert kinds == [(1, ["untranslated"]), (0, [])]


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        (None, ("--tuning:", "No such file")),  # no file
        ("{not json", ("--tuning", "tuning.json", "Expecting property name")),
        ('[["align.skip", 2]]', ("--tuning", "expected a JSON object")),
        ('{"align.skipping": 2}', ("--tuning", "unknown parameter 'align.skipping'")),
        ('{"align.skip": "far"}', ("--tuning", "align.skip: expected float, got 'far'")),
        ('{"detection.max_cuts": 2.5}', ("--tuning", "detection.max_cuts: expected int")),
    ],
)
def test_a_bad_tuning_file_is_one_error_line_and_status_2(
    pair: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
    needles: tuple[str, ...],
) -> None:
    tuning = tmp_path / "tuning.json"
    if content is not None:
        tuning.write_text(content, encoding="utf-8")
    status = cli.main([str(pair[0]), str(pair[1]), "--format", "json", "--tuning", str(tuning)])
    assert status == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err, *needles)


def test_help_still_shows_the_full_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == cli.build_parser().format_help()
    assert captured.out.startswith("usage: transdiff [-h] [-f {")
    for option in ("--format", "--output", "--color", "--scorer", "--session", "--batch"):
        assert option in captured.out
    assert captured.out.rstrip().endswith(
        "Exit status: 0 no findings, 1 findings, 2 error, 130 interrupted."
    )


def test_app_falls_back_to_the_report_when_it_cannot_start(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # on a terminal with no --format the app opens; if tui.app cannot be imported, print text
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setitem(sys.modules, "tui.app", None)  # makes "from tui.app import" fail
    status = cli.main([str(pair[0]), str(pair[1]), "--color", "never"])
    captured = capsys.readouterr()
    assert status in (0, 1)
    assert "transdiff report" in captured.out
    assert "review app cannot start" in captured.err


def test_app_is_called_with_the_loaded_articles(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(
        cli,
        "_run_app",
        lambda source, target, options, session, warnings, *, debug: (
            calls.append((source, debug, warnings)) or 7
        ),
    )
    assert cli.main([str(pair[0]), str(pair[1])]) == 7
    assert calls[0][0].path == str(pair[0])
    assert calls[0][1] is False
    assert cli.main([str(pair[0]), str(pair[1]), "--debug"]) == 7
    assert calls[1][1] is True
    # the loader's warnings reach the app, which shows them (they'd scroll away behind it)
    copy = pair[0].parent / f"copy-{pair[0].name}"
    copy.write_bytes(pair[0].read_bytes())
    assert cli.main([str(pair[0]), str(copy)]) == 7
    assert any("identical text" in warning for warning in calls[2][2]), calls[2][2]


# ---------------------------------------------------------------------------- the process's end


def test_the_command_ends_after_the_report_with_every_byte_and_its_status(
    tmp_path: Path,
) -> None:
    """``python -m tui`` leaves without the interpreter's teardown once the report is out:
    the piped report and the warnings arrive whole, the file is written, the status is
    diff's, exactly as ``main()`` gives them in this process."""
    same = tmp_path / "same.txt"
    same.write_text(SMALL_DE * 3, encoding="utf-8")
    piped = run_cli(str(DE), str(FR), "--format", "json")
    assert piped.returncode == 1, piped.stderr
    expected = json.loads(piped.stdout)  # a truncated pipe would not parse
    assert expected["findings"]
    report = tmp_path / "report.json"
    written = run_cli(str(DE), str(FR), "-o", str(report))
    assert (written.returncode, written.stdout) == (1, "")
    assert json.loads(report.read_text("utf-8")) == expected
    quiet = run_cli(str(same), str(same), "--format", "text")  # no findings, two warnings
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr.count("transdiff: warning:") == 2
    assert quiet.stdout.strip()


def test_the_quick_end_waits_for_threads_and_exit_handlers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``run()`` skips the teardown only after a report and with nothing to wait for;
    otherwise it ends as ``sys.exit`` does (exit handlers run, threads are joined)."""
    import atexit
    import threading

    ended: list[int] = []

    def quick_exit(status: int) -> None:
        ended.append(status)
        raise SystemExit(status)

    monkeypatch.setattr(cli.os, "_exit", quick_exit)
    monkeypatch.setattr(cli, "main", lambda: 1)
    monkeypatch.setattr(cli, "_report_written", True)
    monkeypatch.setattr(threading, "_threading_atexits", [])
    monkeypatch.setattr(atexit, "_ncallbacks", lambda: 0)
    with pytest.raises(SystemExit):
        cli.run()
    assert ended == [1]
    ended.clear()
    for name, value in (("_ncallbacks", lambda: 1), ("_threading_atexits", [print])):
        with monkeypatch.context() as patch:
            patch.setattr(atexit if name == "_ncallbacks" else threading, name, value)
            with pytest.raises(SystemExit) as exit_:
                cli.run()
        assert (exit_.value.code, ended) == (1, [])
    monkeypatch.setattr(cli, "_report_written", False)  # the app, batch mode, an error
    with pytest.raises(SystemExit) as exit_:
        cli.run()
    assert (exit_.value.code, ended) == (1, [])


# ---------------------------------------------------------------------------- review sessions


@pytest.fixture
def sample_copy(tmp_path: Path) -> tuple[Path, Path]:
    """The sample pair in a folder of its own, since session files live next to the target."""
    source, target = tmp_path / DE.name, tmp_path / FR.name
    source.write_bytes(DE.read_bytes())
    target.write_bytes(FR.read_bytes())
    return source, target


def _finding_ids(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> list[str]:
    cli.main([str(pair[0]), str(pair[1]), "--format", "json", "--scorer", "lexical"])
    return [f["id"] for f in json.loads(capsys.readouterr().out)["findings"]]


def test_text_report_shows_the_decisions_and_notes_of_the_session(
    sample_copy: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.engine.review import Decision, Review, default_session_path, load_session

    first, second, *_ = _finding_ids(sample_copy, capsys)
    session, _ = load_session(default_session_path(sample_copy[1]))  # as the app does
    session.set_review(first, Review(Decision.REVIEWED, "checked with the author"))
    session.set_review(second, Review(Decision.DISMISSED))
    args = [str(sample_copy[0]), str(sample_copy[1]), "--format", "text", "--scorer", "lexical"]
    assert cli.main([*args, "--color", "never"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "    review: reviewed · note: checked with the author" in lines
    assert "    review: dismissed" in lines
    assert sum("review: " in line for line in lines) == 3  # the two above and the header
    assert cli.main([*args, "--color", "always"]) == 1
    assert "\x1b[1;36mreview: reviewed\x1b[0m · note: checked" in capsys.readouterr().out


@pytest.mark.parametrize("explicit", [True, False])
def test_a_report_leaves_a_corrupt_session_file_alone(
    sample_copy: tuple[Path, Path], capsys: pytest.CaptureFixture[str], explicit: bool
) -> None:
    folder = sample_copy[1].parent
    session = folder / ("x.json" if explicit else sample_copy[1].name + ".transdiff.json")
    session.write_text("{garbage", encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())
    args = [str(sample_copy[0]), str(sample_copy[1]), "--format", "markdown"]
    status = cli.main([*args, "--session", str(session)] if explicit else args)
    captured = capsys.readouterr()
    assert status == 1
    assert "# transdiff report" in captured.out
    assert "Review:" not in captured.out  # no decisions to show
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing renamed or written
    assert session.read_text(encoding="utf-8") == "{garbage"
    warnings = [line for line in captured.err.splitlines() if "session" in line]
    assert warnings == [
        f"transdiff: warning: session file {session} is unreadable (it is not valid JSON); "
        "its decisions are left out"
    ]


# ---------------------------------------------------------------------------- bad input


def test_missing_file() -> None:
    result = run_cli(str(DE), "no/such/file.txt")
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "no/such/file.txt", "no such file")


def test_directory(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path), str(FR), "--format", "json")
    assert result.returncode == 2
    assert_one_error_line(result.stderr, str(tmp_path), "directory")


def test_unreadable_file(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # root can read a chmod 000 file, so the refusal is simulated where the loader opens it
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if Path(file) == pair[1]:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    assert cli.main([str(pair[0]), str(pair[1]), "--format", "json"]) == 2
    assert_one_error_line(capsys.readouterr().err, str(pair[1]), "permission denied")


@pytest.mark.parametrize("content", [b"", b"  \n\t\n   \n"])
def test_empty_and_whitespace_only(tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    result = run_cli(str(DE), str(empty), "--format", "json")
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "empty.txt", "empty")
    assert result.stdout == ""


def test_binary_file(tmp_path: Path) -> None:
    blob = tmp_path / "image.png"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = run_cli(str(blob), str(FR), "--format", "json")
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "image.png", "binary")


def test_invalid_bytes_garbage(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes((37 * i * i + 11 * i) % 128 + 128 for i in range(3000)))
    result = run_cli(str(DE), str(garbage), "--format", "json")
    assert result.returncode == 2
    assert_one_error_line(result.stderr, "garbage.txt", "cannot be decoded")


def test_invalid_bytes_in_mostly_utf8_give_a_warning_and_a_result(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(FR.read_bytes()[:3000].rsplit(b"\n", 1)[0] + b"\n\nfin \xff\xfe.\n")
    result = run_cli(str(DE), str(damaged), "--format", "json")
    assert result.returncode in (0, 1)
    assert "transdiff: warning: " in result.stderr
    assert "invalid UTF-8" in result.stderr
    assert json.loads(result.stdout)["warnings"]


def test_latin1_file_gives_a_warning_and_a_result(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(DE.read_text("utf-8").encode("latin-1", errors="replace"))
    result = run_cli(str(latin), str(FR), "--format", "json")
    assert result.returncode in (0, 1)
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert any(
        line.startswith("transdiff: warning: ") and "decoded as latin-1" in line
        for line in warnings
    )
    assert len(json.loads(result.stdout)["source"]["paragraphs"]) == 76


def test_same_file_twice_warns_and_compares() -> None:
    result = run_cli(str(DE), "./" + str(DE.relative_to(ROOT)), "--format", "json")
    assert result.returncode == 0  # identical articles: nothing differs
    assert "same file" in result.stderr
    assert "same language" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["findings"] == []


def test_same_language_warns_and_compares(tmp_path: Path) -> None:
    revision = tmp_path / "revision.de.txt"
    revision.write_text(
        DE.read_text("utf-8").replace("26. september", "27. september"), encoding="utf-8"
    )
    result = run_cli(str(DE), str(revision), "--format", "json")
    assert result.returncode in (0, 1)
    lines = [line for line in result.stderr.splitlines() if "same language" in line]
    assert len(lines) == 1
    assert lines[0].startswith("transdiff: warning: ")
    assert json.loads(result.stdout)["target"]["language"] == "de"


@pytest.mark.slow
def test_four_megabyte_single_line(tmp_path: Path) -> None:
    # the German sample as one 4 MB line (about 30 copies, 29,000 sentences in one paragraph)
    # against the French sample: the paragraph is linked to the whole article and its
    # sentences aligned in a band as long as the line (align/dp.py lays the short side as
    # rows); it finishes, one result, no traceback, a copy's worth of sentences linked and
    # the rest one-sided
    line = DE.read_text("utf-8").replace("\n", " ")
    huge = tmp_path / "huge.txt"
    huge.write_bytes((line * (4 * 2**20 // len(line.encode()) + 1)).encode())
    report = tmp_path / "report.json"
    # the lexical scorer: the same DP at a third of the semantic one's time (the suite's)
    result = run_cli(
        str(huge), str(FR), "--scorer", "lexical", "--format", "json", "-o", str(report)
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(report.read_text("utf-8"))
    assert len(data["source"]["paragraphs"]) == 1
    german = sum(len(p["sentences"]) for p in data["source"]["paragraphs"])
    french = sum(len(p["sentences"]) for p in data["target"]["paragraphs"])
    assert german > 25_000
    linked = [s for s in data["sentence_links"] if s["source"] and s["target"]]
    # most French sentences found a German one (a few are only in the French sample)...
    assert len({tuple(t) for s in linked for t in s["target"]}) > 0.8 * french
    # ... and every German sentence left is one-sided, in one sentence link each
    alone = [s for s in data["sentence_links"] if s["source"] and not s["target"]]
    assert len(alone) + sum(len(s["source"]) for s in linked) == german
    assert any(link["source"] == [0] or 0 in link["source"] for link in data["links"])


def test_keyboard_interrupt_exits_130(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_article", interrupted)
    assert cli.main([str(pair[0]), str(pair[1]), "--format", "json"]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_batch_flag_hands_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "de").mkdir()
    (tmp_path / "fr").mkdir()
    (tmp_path / "de" / "story.de.txt").write_text(SMALL_DE, encoding="utf-8")
    (tmp_path / "fr" / "story.fr.txt").write_text(SMALL_FR, encoding="utf-8")
    status = cli.main(["--batch", str(tmp_path / "de"), str(tmp_path / "fr"), "--jobs", "1"])
    assert status in (0, 1)
    assert "story" in capsys.readouterr().out
