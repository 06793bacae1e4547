"""The last line of defence (issue 17): a bug in the engine is one line and exit status 2 on the
command line, a failed pair in batch mode, and the error screen in the app."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import tui.engine.pipeline as pipeline
from tui import cli
from tui.batch import run_batch
from tui.internal_error import InternalError

SMALL_DE = "Die Sonne scheint heute über der ganzen Stadt. Es ist 25 Grad warm und windstill.\n"
SMALL_FR = "Le soleil brille aujourd'hui sur toute la ville. Il fait 25 degrés et pas de vent.\n"
REPORT = "; please report it with the two files"


def _broken_compare(*args, **kwargs):
    raise IndexError("index -3 is out of bounds for axis 0 with size 2")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    source, target = tmp_path / "a.de.txt", tmp_path / "a.fr.txt"
    source.write_text(SMALL_DE, encoding="utf-8")
    target.write_text(SMALL_FR, encoding="utf-8")
    return source, target


def test_the_message_names_the_error_and_where_it_left_transdiff() -> None:
    try:
        pipeline.compare(None, None)  # type: ignore[arg-type]
    except AttributeError as exc:
        error = InternalError.of(exc)
    assert error.message.startswith("internal error: AttributeError: ")
    assert "(tui/engine/pipeline.py:" in error.message
    assert error.message.endswith(REPORT)
    assert "\n" not in error.message
    assert error.traceback.startswith("Traceback (most recent call last)")


@pytest.mark.parametrize("fmt", ["json", "xliff"])
def test_cli_internal_error_is_one_line_and_status_2(
    pair, fmt: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pipeline, "compare", _broken_compare)
    assert cli.main([str(pair[0]), str(pair[1]), "--format", fmt]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(
        "transdiff: internal error: IndexError: index -3 is out of bounds for axis 0 with size 2"
    )
    assert lines[0].endswith(REPORT)
    assert "Traceback" not in captured.err


def test_cli_debug_adds_the_traceback(
    pair, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pipeline, "compare", _broken_compare)
    assert cli.main([str(pair[0]), str(pair[1]), "--format", "json", "--debug"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last)")
    assert "_broken_compare" in err
    assert err.splitlines()[-1].startswith("transdiff: internal error: IndexError: ")


def test_cli_internal_error_in_a_renderer(
    pair, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_render(*args, **kwargs):
        raise KeyError("unit")

    monkeypatch.setattr(cli, "render", broken_render)
    assert cli.main([str(pair[0]), str(pair[1]), "--format", "tmx"]) == 2
    err = capsys.readouterr().err
    place = f"tui/cli.py:{_line_of_render()}"
    assert err == f"transdiff: internal error: KeyError: 'unit' ({place}){REPORT}\n"


def _line_of_render() -> int:
    """The line of tui/cli.py that calls render()."""
    source = Path(cli.__file__).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(source, 1) if "report = render(" in line)


def test_batch_marks_the_broken_pair_failed_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_compare = pipeline.compare
    for folder in ("de", "fr"):
        (tmp_path / folder).mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "de" / f"{name}.de.txt").write_text(SMALL_DE, encoding="utf-8")
        (tmp_path / "fr" / f"{name}.fr.txt").write_text(SMALL_FR, encoding="utf-8")

    def broken_for_b(source, target, **kwargs):
        if source.path.endswith("b.de.txt"):
            _broken_compare()
        return real_compare(source, target, **kwargs)

    monkeypatch.setattr(pipeline, "compare", broken_for_b)
    paths = [str(tmp_path / "de"), str(tmp_path / "fr")]
    for debug in (False, True):
        out, err = io.StringIO(), io.StringIO()
        status = run_batch(paths, fmt="json", jobs=1, out=out, err=err, debug=debug)
        assert status == 2
        rows = [json.loads(line) for line in out.getvalue().splitlines()]
        assert [r["status"] for r in rows] == ["ok", "error", "ok"]
        assert rows[1]["error"].startswith("internal error: IndexError: index -3 is out")
        assert rows[1]["error"].endswith(REPORT)
        assert "3 pairs: 2 compared, 1 error" in err.getvalue()
        assert ("Traceback (most recent call last)" in err.getvalue()) is debug
