"""``python -m tui`` runs the command line."""

from __future__ import annotations

from tui.cli import run

run()
