"""The Textual review app. Imports the engine's public API only; the CLI imports this lazily."""

from __future__ import annotations

from tui.app.app import TransdiffApp, build_app, run_app

__all__ = ["TransdiffApp", "build_app", "run_app"]
