"""The report and interchange formats are registered and reachable from the command line."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tui.engine.export import FORMATS

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "sample_articles"


@pytest.mark.parametrize(
    ("name", "extension"),
    [("markdown", "md"), ("html", "html"), ("tmx", "tmx"), ("xliff", "xlf"), ("tsv", "tsv")],
)
def test_registered_with_extension_and_loadable(name: str, extension: str) -> None:
    fmt = FORMATS[name]
    assert fmt.extension == extension
    assert callable(fmt.load())


@pytest.mark.parametrize(
    ("output", "check"),
    [
        # -o with a known extension picks the format; --unit reaches the writer.
        (
            "report.tmx",
            lambda text: ET.fromstring(text.encode()).find("header").get("segtype") == "paragraph",
        ),
        ("report.html", lambda text: text.startswith("<!DOCTYPE html>")),
    ],
)
def test_command_line_writes_each_format(tmp_path: Path, output: str, check) -> None:
    target = tmp_path / output
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            str(SAMPLES / "ultraman-musk.de.txt"),
            str(SAMPLES / "ultraman-musk.fr.txt"),
            "--unit",
            "paragraph",
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode in (0, 1), result.stderr
    assert check(target.read_text(encoding="utf-8"))
