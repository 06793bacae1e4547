"""Output formats. Each lives in its own module; the registry imports it only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.engine.model import Comparison
from tui.engine.util.gc_pause import cyclic_gc_paused


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What a writer may need beyond the comparison itself.

    ``reviews`` maps finding ids to the editor's review records (tui.engine.review.Review)
    when a review session exists; ``unit`` is "sentence" or "paragraph" for aligned-pair formats.
    """

    color: bool = False
    unit: str = "sentence"
    reviews: Mapping[str, Any] = field(default_factory=dict)


Exporter = Callable[[Comparison, ExportOptions], str]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    extension: str
    description: str
    target: str  # "module:function", imported on first use

    def load(self) -> Exporter:
        module_name, _, function_name = self.target.partition(":")
        return getattr(importlib.import_module(module_name), function_name)


FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> None:
    FORMATS[fmt.name] = fmt


def render(name: str, comparison: Comparison, options: ExportOptions | None = None) -> str:
    """Render ``comparison`` in format ``name`` (KeyError for an unknown format)."""
    exporter = FORMATS[name].load()
    with cyclic_gc_paused():  # a report of a long article builds millions of small objects
        return exporter(comparison, options or ExportOptions())


# name, file extension, description; each lives in tui/engine/export/<name>.py as render_<name>
_BUILT_IN = (
    ("text", "txt", "readable report, coloured on a terminal"),
    ("json", "json", "machine-readable result, schema transdiff/1"),
    ("markdown", "md", "report to send to a translator"),
    ("html", "html", "self-contained report for a browser or print"),
    ("tmx", "tmx", "TMX 1.4b translation memory of the aligned pairs"),
    ("xliff", "xlf", "XLIFF 1.2 with review state, for CAT tools"),
    ("tsv", "tsv", "source, target, score, kind per aligned pair"),
)
for _name, _extension, _description in _BUILT_IN:
    register(
        ExportFormat(_name, _extension, _description, f"tui.engine.export.{_name}:render_{_name}")
    )
