"""Screenshots of the main screen on the fixed hand-made comparison (not on compare())."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_app


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_main_screen(snap_compare, isolated: Path, size: tuple[int, int]) -> None:
    # ] twice: the cursor on the quote mismatch, so highlight and status line are in the shot.
    assert snap_compare(
        make_app(isolated / "s.json"),
        terminal_size=size,
        press=["right_square_bracket", "right_square_bracket"],
    )


def test_findings_panel_wide(snap_compare, isolated: Path) -> None:
    assert snap_compare(
        make_app(isolated / "s.json"), terminal_size=(160, 50), press=["i", "s", "l"]
    )
