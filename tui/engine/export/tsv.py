"""Tab-separated aligned pairs, the hunalign / LF Aligner layout: source, target, score, kind.

One line per sentence (or paragraph) bead in document order, no header. Content present in only
one version gets its own line with an empty cell on the other side, as in LF Aligner's output.
``kind`` lists the kinds of the findings about that line's content, comma-separated; else
``ok`` for a pair, ``unlinked`` for a line the alignment left alone that no finding reports (too
short, or too little evidence that it translates nothing: read it).
Tabs and line breaks inside text become spaces so every line has exactly four fields; other
control characters are dropped.
"""

from __future__ import annotations

import re

from tui.engine.export import ExportOptions
from tui.engine.export._common import aligned_rows, xml_safe
from tui.engine.model import Comparison

_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _cell(text: str) -> str:
    return _BREAKS.sub(" ", xml_safe(text)).strip()


def render_tsv(comparison: Comparison, options: ExportOptions) -> str:
    lines = []
    for row in aligned_rows(comparison, options.unit):
        kind = ",".join(dict.fromkeys(f.kind.value for f in row.findings))
        if not kind:
            kind = "ok" if row.source_text.strip() and row.target_text.strip() else "unlinked"
        lines.append(
            f"{_cell(row.source_text)}\t{_cell(row.target_text)}\t{row.score:.3f}\t{kind}\n"
        )
    return "".join(lines)
