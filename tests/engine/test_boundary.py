"""The engine never imports Textual or Rich: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "modules",
    [
        # the engine's entry points
        "tui.engine, tui.engine.pipeline, tui.engine.text.load",
        # loading, segmenting and every export format
        "tui.engine.text.segment, tui.engine.text.language, tui.engine.text.markup, "
        "tui.engine.export.text, tui.engine.export.json",
        # the command line itself: the app is imported lazily
        "tui.cli",
    ],
)
def test_no_ui_library_is_imported(modules: str) -> None:
    code = (
        f"import sys, {modules}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
