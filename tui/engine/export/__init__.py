"""Output formats. Each lives in its own module; the registry imports it only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.engine.model import Comparison


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
    return FORMATS[name].load()(comparison, options or ExportOptions())


# Add new formats here, one line each.
for _fmt in (
    ExportFormat("text", "txt", "readable report, coloured on a terminal", "tui.engine.export.text:render_text"),
    ExportFormat("json", "json", "machine-readable result, schema transdiff/1", "tui.engine.export.json:render_json"),
    ExportFormat("markdown", "md", "report to send to a translator", "tui.engine.export.markdown:render_markdown"),  # noqa: E501
    ExportFormat("html", "html", "self-contained report for a browser or print", "tui.engine.export.html:render_html"),  # noqa: E501
    ExportFormat("tmx", "tmx", "TMX 1.4b translation memory of the aligned pairs", "tui.engine.export.tmx:render_tmx"),  # noqa: E501
    ExportFormat("xliff", "xlf", "XLIFF 1.2 with review state, for CAT tools", "tui.engine.export.xliff:render_xliff"),  # noqa: E501
    ExportFormat("tsv", "tsv", "source, target, score, kind per aligned pair", "tui.engine.export.tsv:render_tsv"),  # noqa: E501
):
    register(_fmt)
