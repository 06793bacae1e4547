"""Tab-separated aligned pairs, the hunalign / LF Aligner layout: source, target, score, kind.

One line per two-sided sentence (or paragraph) pair, no header. ``kind`` lists the finding kinds
on the pair, comma-separated, or ``ok``; findings about one-sided content are listed on the
neighbouring pair, as in TMX. Tabs and line breaks inside text become spaces so every line
has exactly four fields; other control characters are dropped.
"""

from __future__ import annotations

import re

from tui.engine.export import ExportOptions
from tui.engine.export._common import aligned_units, xml_safe
from tui.engine.model import Comparison

_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _cell(text: str) -> str:
    return _BREAKS.sub(" ", xml_safe(text)).strip()


def render_tsv(comparison: Comparison, options: ExportOptions) -> str:
    lines = []
    for unit in aligned_units(comparison, options.unit).units:
        kind = ",".join(dict.fromkeys(f.kind.value for f in unit.findings)) or "ok"
        lines.append(
            f"{_cell(unit.source_text)}\t{_cell(unit.target_text)}\t{unit.score:.3f}\t{kind}\n"
        )
    return "".join(lines)
