"""User settings: a theme and key remaps, read from one TOML file.

``$XDG_CONFIG_HOME/transdiff/config.toml`` (default ``~/.config/transdiff/config.toml``)::

    theme = "gruvbox"

    [keymap]
    next-finding = "n,ctrl+down"   # binding id = keys, comma-separated
    search-next = "ctrl+n"         # n was search-next's key: move it, or both claim n

A file that cannot be read is ignored with a warning; the app always starts.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    warning: str | None = None
    path: Path | None = None  # the file read, for warnings about its contents


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "transdiff" / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(warning=f"Settings in {path} ignored: {exc}", path=path)
    theme = data.get("theme")
    keymap = data.get("keymap", {})
    problems = []
    if theme is not None and not isinstance(theme, str):
        problems.append("theme must be a string")
        theme = None
    if not isinstance(keymap, dict):
        problems.append("[keymap] must be a table")
        keymap = {}
    clean_map = {str(k): v for k, v in keymap.items() if isinstance(v, str)}
    if len(clean_map) != len(keymap):
        problems.append('keymap values must be strings like "j,down"')
    warning = f"Settings in {path}: {'; '.join(problems)}" if problems else None
    return Settings(theme, clean_map, warning, path)
