"""The readable report: a header, then every finding with both paragraphs, flagged text marked.

Paragraphs sit side by side when the width allows (``width`` >= 100), one above the other
otherwise. Flagged text is marked the way wdiff does: ``[-…-]`` for content of the source,
``{+…+}`` for content of the target; with ``options.color`` ANSI colours replace the markers
(red for the source, green for the target), which keeps the columns aligned. The editor's
review (decision and note, from a review session) follows each finding's message.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import shutil
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from tui.engine.export import ExportOptions
from tui.engine.export._common import review_counts, review_of
from tui.engine.model import Article, Comparison, Finding, Side, Span
from tui.engine.review import Decision, Review

SIDE_BY_SIDE_MIN_WIDTH = 100
_EXCERPT = 1600  # longer paragraphs are shown around their flagged spans only
_MARKERS = {Side.SOURCE: ("[-", "-]"), Side.TARGET: ("{+", "+}")}
_RESET = "\x1b[0m"
_STYLE = {
    "flag_source": "\x1b[1;31m",
    "flag_target": "\x1b[1;32m",
    "title": "\x1b[1m",
    "kind": "\x1b[1;33m",
    "dim": "\x1b[2m",
    "review": "\x1b[1;36m",
}

_CONTROL_PICTURES = {code: 0x2400 + code for code in range(32)} | {0x7F: 0x2421}
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_NOT_SPACE = re.compile("[^ ]")
Styled = list[tuple[str, str | None]]  # runs of (text, style name or None)


def render_text(comparison: Comparison, options: ExportOptions, *, width: int | None = None) -> str:
    """The report as text; ``width`` defaults to the terminal's (80 when there is none)."""
    width = width or shutil.get_terminal_size((80, 24)).columns
    width = max(40, width)
    color = options.color
    out: list[str] = []
    out.extend(_header(comparison, options.reviews, color, width))
    groups = _findings_by_link(comparison)
    for number, (link_index, findings) in enumerate(groups, start=1):
        out.append("")
        out.extend(
            _link_section(comparison, number, link_index, findings, options.reviews, color, width)
        )
    out.append("")
    count = len(comparison.findings)
    if count:
        out.append(f"{_count(count, 'finding')} in {_count(len(groups), 'place')}.")
    else:
        out.append("No differences found: every paragraph has a counterpart.")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------- header


def _header(
    comparison: Comparison, reviews: Mapping[str, Any], color: bool, width: int
) -> list[str]:
    lines = [_paint("transdiff report", "title", color), ""]
    for label, article in (("source", comparison.source), ("target", comparison.target)):
        lines.append(f"{label}: {article.name} ({_article_facts(article)})")
    links = Counter(link.shape for link in comparison.links)
    shapes = ", ".join(f"{n}× {shape}" for shape, n in sorted(links.items()))
    lines.append(f"scorer: {comparison.scorer}; {_count(len(comparison.links), 'link')} ({shapes})")
    counts = {kind: n for kind, n in comparison.summary().items() if n}
    if counts:
        detail = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        lines.extend(textwrap.wrap(f"findings: {detail}", width, subsequent_indent="  "))
    else:
        lines.append("findings: none")
    if reviews and comparison.findings:
        counts = review_counts(reviews, comparison.findings)
        lines.append(
            f"review: {counts['reviewed']} reviewed, {counts['dismissed']} dismissed, "
            f"{counts['open']} open"
        )
    warnings = [*comparison.source.warnings, *comparison.target.warnings, *comparison.warnings]
    for warning in dict.fromkeys(warnings):
        lines.extend(textwrap.wrap(f"warning: {warning}", width, subsequent_indent="  "))
    return lines


def _article_facts(article: Article) -> str:
    language = article.language or "language unknown"
    return f"{language}, {_count(len(article.paragraphs), 'paragraph')}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# ---------------------------------------------------------------------------- findings


def _findings_by_link(comparison: Comparison) -> list[tuple[int | None, list[Finding]]]:
    """Findings grouped by the paragraph link that holds them, in document order."""
    groups: dict[int | None, list[Finding]] = {}
    index = {side: comparison.links_by_paragraph(side) for side in Side}
    for finding in comparison.findings:
        groups.setdefault(_link_index(index, finding), []).append(finding)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or 0))


def _link_index(index: dict[Side, dict[int, int]], finding: Finding) -> int | None:
    for side in (finding.side, finding.side.other):
        location = finding.location(side)
        if location is not None and location.paragraph in index[side]:
            return index[side][location.paragraph]
    return None


def _link_section(
    comparison: Comparison,
    number: int,
    link_index: int | None,
    findings: list[Finding],
    reviews: Mapping[str, Any],
    color: bool,
    width: int,
) -> list[str]:
    ids = {side: _paragraphs_of(comparison, link_index, findings, side) for side in Side}
    where = " ↔ ".join(
        f"{side.value} ¶ {', '.join(str(i + 1) for i in ids[side]) or '—'}" for side in Side
    )
    score = ""
    if link_index is not None:
        score = f" · link score {comparison.links[link_index].score:.2f}"
    title = f"── {number}. {where}{score} "
    lines = [_paint(title + "─" * max(0, width - _width(title)), "dim", color)]
    for finding in findings:
        head = f"{finding.kind.value} · {finding.severity.value} · {finding.confidence:.2f}: "
        message = _visible(finding.message)
        wrapped = textwrap.wrap(head + message, width, subsequent_indent="    ")
        if wrapped:
            first = wrapped[0]
            lines.append(_paint(first[: len(head)], "kind", color) + first[len(head) :])
            lines.extend(wrapped[1:])
        if finding.why:
            # the evidence behind the finding, as the app's detail pane and the JSON give it
            why = textwrap.wrap(
                "why: " + _visible(finding.why),
                width,
                initial_indent="    ",
                subsequent_indent="    ",
            )
            lines.extend(_paint(line, "dim", color) for line in why)
        lines.extend(_review_lines(review_of(reviews, finding), color, width))
    columns = {
        side: _side_text(comparison.article(side), ids[side], findings, side, color)
        for side in Side
    }
    if width >= SIDE_BY_SIDE_MIN_WIDTH:
        lines.extend(_side_by_side(columns[Side.SOURCE], columns[Side.TARGET], width, color))
    else:
        for side in Side:
            label = f"{side.value} ({comparison.article(side).language or '?'}):"
            lines.append(_paint(label, "dim", color))
            lines.extend("  " + line for line in _wrap(columns[side], width - 2, color))
    return lines


def _review_lines(review: Review, color: bool, width: int) -> list[str]:
    """``    review: dismissed · note: ...`` under a finding; nothing while it is open, unnoted."""
    if review.decision is Decision.OPEN and not review.note:
        return []
    indent, head = "    ", f"review: {review.decision.value}"
    # A note is typed by the editor: one line, control characters made visible.
    note = f" · note: {_visible(' '.join(review.note.split()))}" if review.note else ""
    wrapped = textwrap.wrap(indent + head + note, width, subsequent_indent=indent + "  ")
    rest = wrapped[0][len(indent + head) :]
    return [indent + _paint(head, "review", color) + rest, *wrapped[1:]]


def _paragraphs_of(
    comparison: Comparison, link_index: int | None, findings: list[Finding], side: Side
) -> list[int]:
    if link_index is not None:
        link = comparison.links[link_index]
        return list(link.source if side is Side.SOURCE else link.target)
    found = {f.location(side).paragraph for f in findings if f.location(side) is not None}
    return sorted(found)


def _side_text(
    article: Article, paragraphs: list[int], findings: list[Finding], side: Side, color: bool
) -> Styled:
    """The paragraphs of one side as styled runs, flagged spans marked."""
    if not paragraphs:
        return [("(no counterpart)", "dim")]
    runs: Styled = []
    for position, index in enumerate(paragraphs):
        if position:
            runs.append((" ¶ ", "dim"))
        text = _visible(article.paragraphs[index].text)
        spans = _merged(
            f.location(side).span
            for f in findings
            if f.location(side) is not None and f.location(side).paragraph == index
        )
        text, spans = _excerpt(text, spans)
        runs.extend(_marked(text, spans, side, color))
    return runs


def _visible(text: str) -> str:
    """Control characters as their Unicode pictures (␀, ␋): one column each, offsets unchanged."""
    if _CONTROL.search(text) is None:  # nearly always: translate() would copy the text
        return text
    return text.translate(_CONTROL_PICTURES)


def _excerpt(text: str, spans: list[Span], limit: int = _EXCERPT) -> tuple[str, list[Span]]:
    """A long paragraph cut down to the text around its flagged spans, spans moved to match.

    Keeps the report readable (and its cost bounded) when a paragraph is megabytes long.
    """
    if len(text) <= limit:
        return text, spans
    context = _EXCERPT // 4
    windows: list[Span] = []
    for span in spans or [Span(0, 0)]:
        if len(span) <= 2 * context:
            windows.append(Span(max(0, span.start - context), min(len(text), span.end + context)))
        else:  # a long flagged span: its beginning and its end
            windows.append(Span(max(0, span.start - context), span.start + context))
            windows.append(Span(span.end - context, min(len(text), span.end + context)))
    windows = _merged(windows)[:8]
    pieces: list[str] = []
    moved: list[Span] = []
    offset = 0
    for window in windows:
        prefix = "… " if window.start > 0 or pieces else ""
        pieces.append(prefix + text[window.start : window.end])
        shift = offset + len(prefix) - window.start
        for span in spans:
            start, end = max(span.start, window.start), min(span.end, window.end)
            if start < end:
                moved.append(Span(start + shift, end + shift))
        offset += len(pieces[-1]) + 1
    suffix = " …" if windows[-1].end < len(text) else ""
    return " ".join(pieces) + suffix, moved


def _merged(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _marked(text: str, spans: list[Span], side: Side, color: bool) -> Styled:
    runs: Styled = []
    position = 0
    style = "flag_source" if side is Side.SOURCE else "flag_target"
    opening, closing = _MARKERS[side]
    for span in spans:
        start, end = max(position, span.start), min(len(text), span.end)
        if start >= end:
            continue
        runs.append((text[position:start], None))
        if color:
            runs.append((text[start:end], style))
        else:
            runs.append((opening + text[start:end] + closing, None))
        position = end
    runs.append((text[position:], None))
    return [run for run in runs if run[0]]


# ---------------------------------------------------------------------------- layout


def _side_by_side(left: Styled, right: Styled, width: int, color: bool) -> list[str]:
    column = (width - 3) // 2
    left_lines = _wrap(left, column, color)
    right_lines = _wrap(right, column, color)
    rows = max(len(left_lines), len(right_lines))
    left_lines += [""] * (rows - len(left_lines))
    right_lines += [""] * (rows - len(right_lines))
    separator = _paint(" │ ", "dim", color)
    return [_pad(a, column) + separator + b for a, b in zip(left_lines, right_lines, strict=True)]


def _wrap(runs: Styled, width: int, color: bool) -> list[str]:
    """Word-wrap styled runs to ``width`` visible columns; styles survive line breaks."""
    runs = [run for run in runs if run[0]]
    text = "".join(piece for piece, _ in runs)
    if _all_narrow(text):  # nearly always: a column per character, whole strings at a time
        return _wrap_narrow(runs, text, width, color)
    chars: list[tuple[str, str | None]] = [(ch, style) for text, style in runs for ch in text]
    widths = [_char_width(ch) for ch, _ in chars]  # once per character: a book's report is long
    lines: list[str] = []
    start = 0
    while start < len(chars):
        while start < len(chars) and chars[start][0] == " ":
            start += 1
        if start >= len(chars):
            break
        end, used, last_space = start, 0, None
        while end < len(chars) and used + widths[end] <= width:
            if chars[end][0] == " ":
                last_space = end
            used += widths[end]
            end += 1
        if end < len(chars) and last_space is not None and chars[end][0] != " ":
            end = last_space  # break at the last space rather than inside a word
        end = max(end, start + 1)
        lines.append(_render(chars[start:end], color).rstrip())
        start = end
    return lines or [""]


def _wrap_narrow(runs: Styled, text: str, width: int, color: bool) -> list[str]:
    """``_wrap`` where every character takes one column: the same lines, cut by offsets."""
    starts = list(itertools.accumulate((len(piece) for piece, _ in runs), initial=0))
    lines: list[str] = []
    start, n = 0, len(text)
    while (visible := _NOT_SPACE.search(text, start)) is not None:
        start = visible.start()
        end = min(start + max(width, 0), n)
        if end < n and text[end] != " ":
            space = text.rfind(" ", start, end)
            if space != -1:
                end = space  # break at the last space rather than inside a word
        end = max(end, start + 1)
        if color:
            lines.append(_render_range(runs, starts, text, start, end).rstrip())
        else:
            lines.append(text[start:end].rstrip())
        start = end
    return lines or [""]


def _render_range(runs: Styled, starts: list[int], text: str, start: int, end: int) -> str:
    """``_render`` of ``text[start:end]`` with colour: an escape where the style changes."""
    out: list[str] = []
    current: str | None = None
    k = bisect.bisect_right(starts, start) - 1
    while k < len(runs) and starts[k] < end:
        style = runs[k][1]
        if style != current:
            out.append(_RESET if current else "")
            out.append(_STYLE[style] if style else "")
            current = style
        out.append(text[max(start, starts[k]) : min(end, starts[k + 1])])
        k += 1
    if current:
        out.append(_RESET)
    return "".join(out)


def _render(chars: list[tuple[str, str | None]], color: bool) -> str:
    out: list[str] = []
    current: str | None = None
    for ch, style in chars:
        if color and style != current:
            out.append(_RESET if current else "")
            out.append(_STYLE[style] if style else "")
            current = style
        out.append(ch)
    if color and current:
        out.append(_RESET)
    return "".join(out)


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLE[style]}{text}{_RESET}" if color else text


def _pad(line: str, width: int) -> str:
    return line + " " * max(0, width - _width(line))


def _width(line: str) -> int:
    """Visible columns of ``line``: ANSI sequences take none, wide CJK characters two."""
    if "\x1b" not in line and _all_narrow(line):
        return len(line)
    total, escape = 0, False
    for ch in line:
        if escape:
            escape = ch != "m"
        elif ch == "\x1b":
            escape = True
        else:
            total += _char_width(ch)
    return total


_NARROW: set[str] = set()  # characters seen to take one column: most texts hold only these


def _all_narrow(text: str) -> bool:
    """Does every character of ``text`` take one column (no combining or wide ones)?"""
    chars = set(text)
    if chars <= _NARROW:
        return True
    for ch in chars - _NARROW:
        if _char_width(ch) != 1:
            return False
        _NARROW.add(ch)
    return True


@functools.lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
