"""Split paragraphs into sentences. (Provisional: naive full-stop splitting.)"""

from __future__ import annotations

import re

from tui.engine.model import Span

_BOUNDARY = re.compile(r"[.!?]+[\"”“»]*\s+")


def split_sentences(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        spans.append(Span(start, len(text[:end].rstrip())))
        start = end
    if start < len(text.rstrip()):
        spans.append(Span(start, len(text.rstrip())))
    return tuple(spans) or (Span(0, len(text)),)
