"""Engine records -> styled terminal text. The only module that knows both worlds.

Article text is data: it is never parsed as markup. Control characters (ESC included) are replaced
one-for-one by visible Unicode control pictures, so offsets into a paragraph stay valid and no byte
of article text can reach the terminal as an escape sequence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import overload

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.app.rows import PRIORITY, Mark, ReviewModel, Row
from tui.engine.model import Comparison, FindingKind, Side
from tui.engine.review import Decision


def _control_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(32)}  # ␀ .. ␟ (␛ for ESC)
    table[0x09] = " "  # a tab is just white space in prose
    table[0x7F] = "␡"
    for code in range(0x80, 0xA0):  # C1 controls (0x9B is a one-byte CSI on some terminals)
        table[code] = "�"
    # Bidirectional overrides and isolates would reorder what the terminal shows.
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C):
        table[code] = "�"
    table[0x2028] = "␤"  # line and paragraph separators would break the line grid
    table[0x2029] = "␤"
    return table


_CONTROLS = _control_table()
_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROLS) + "]")


def clean(text: str) -> str:
    """Make ``text`` safe to show, keeping one character per character.

    >>> clean("a\\x1b[31mb\\x07")
    'a␛[31mb␇'
    >>> len(clean("x\\u202ey")) == 3
    True
    """
    # translate() is slow per character; most paragraphs have nothing to replace.
    return text.translate(_CONTROLS) if _UNSAFE.search(text) else text


_WORD = re.compile(r"\S+\s*|\s+")
# Where a line may break in text holding wide characters: between any two Chinese or Japanese
# characters (they put no space between words), never inside a run of other letters or
# digits ("Assembly" in a Japanese sentence), never before a closing mark (。、」) nor after an
# opening one (「), as CJK typesetting does (kinsoku). Hangul is left out: Korean breaks at
# spaces.
_WIDE = "\u2e80-\u303f\u3040-\u30ff\u3100-\u9fff\uf900-\ufaff\uff00-\uffef"
_CLOSERS = (
    "。、，．）」』】〕〉》！？：；・ー々〜"  # closing marks
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"  # small kana
    r",.!?:;)\]”’%"
)
_OPENERS = r"「『（【〔〈《“‘(\["
_WIDE_UNIT = re.compile(rf"[{_OPENERS}]*(?:[^\s{_WIDE}]+|[{_WIDE}])[{_CLOSERS}]*\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: half-open ``(start, end)`` offsets of each line of ``text``.

    Long words are cut. Trailing spaces stay on the line they follow (they are not drawn past
    the edge). Widths are terminal cells, so wide CJK characters count twice.

    >>> wrap_offsets("the quick brown fox", 10)
    [(0, 10), (10, 19)]
    >>> wrap_offsets("abcdefghij", 4)
    [(0, 4), (4, 8), (8, 10)]
    >>> wrap_offsets("", 5)
    [(0, 0)]
    >>> text = "議員の呼称をAssemblyから変更し、党全体が"
    >>> [text[a:b] for a, b in wrap_offsets(text, 16)]
    ['議員の呼称を', 'Assemblyから変更', 'し、党全体が']
    """
    width = max(1, width)
    n = len(text)
    narrow = text.isascii() or cell_len(text) == n
    if narrow:
        return _wrap_narrow(text, width)
    size: Callable[[str], int] = len if narrow else cell_len
    lines: list[tuple[int, int]] = []
    line_start = 0
    column = 0
    for match in _WIDE_UNIT.finditer(text):
        start, end = match.span()
        word = match.group().rstrip()
        word_width = size(word)
        if column + word_width <= width:
            column += size(match.group())
            continue
        if column > 0 and start > line_start:
            lines.append((line_start, start))
            line_start = start
            column = 0
        # A word longer than the line: cut it at the cell boundary.
        position = start
        while word_width > width:
            used = 0
            cut = position
            while cut < n and used + get_character_cell_size(text[cut]) <= width:
                used += get_character_cell_size(text[cut])
                cut += 1
            cut = max(cut, position + 1)
            lines.append((position, cut))
            word_width -= size(text[position:cut])
            position = cut
            line_start = cut
        column = size(text[line_start:end])
    lines.append((line_start, n))
    return lines


def _wrap_narrow(text: str, width: int) -> list[tuple[int, int]]:
    """wrap_offsets for text whose every character is one cell: str.rfind does the work."""
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    while n - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:  # no space to break at: cut the word
            lines.append((start, start + width))
            start += width
            continue
        end = cut
        while end < n and text[end] == " ":
            end += 1
        lines.append((start, end))
        start = end
    if start < n or not lines:
        lines.append((start, n))
    return lines


def fit(text: str, width: int) -> tuple[int, bool]:
    """How many characters of ``text`` fit in ``width`` cells, and whether it was cut."""
    if (text.isascii() or cell_len(text) == len(text)) and len(text) <= width:
        return len(text), False
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > width:
            return index, True
    return len(text), False


# Per finding kind: the style name (a component class of the aligned view) and the gutter mark.
KIND_STYLE: dict[FindingKind, str] = {
    FindingKind.PARAGRAPH_ONLY_IN_SOURCE: "omission",
    FindingKind.SENTENCE_ONLY_IN_SOURCE: "omission",
    FindingKind.PARAGRAPH_ONLY_IN_TARGET: "insertion",
    FindingKind.SENTENCE_ONLY_IN_TARGET: "insertion",
    FindingKind.NUMBER_MISMATCH: "number",
    FindingKind.QUOTE_MISMATCH: "quote",
    FindingKind.UNTRANSLATED: "untranslated",
    FindingKind.WEAK_LINK: "weak",
    FindingKind.WORDING_CHANGED: "words",  # the highlight itself: see highlight_style
    FindingKind.EDITOR_NOTE: "note",
    FindingKind.NAME_MISMATCH: "number",  # a changed fact, shown as a changed number is
    FindingKind.DATE_MISMATCH: "number",
}
KIND_MARK: dict[FindingKind, str] = {
    FindingKind.PARAGRAPH_ONLY_IN_SOURCE: "-",
    FindingKind.SENTENCE_ONLY_IN_SOURCE: "-",
    FindingKind.PARAGRAPH_ONLY_IN_TARGET: "+",
    FindingKind.SENTENCE_ONLY_IN_TARGET: "+",
    FindingKind.NUMBER_MISMATCH: "#",
    FindingKind.QUOTE_MISMATCH: '"',
    FindingKind.UNTRANSLATED: "U",
    FindingKind.WEAK_LINK: "~",
    FindingKind.WORDING_CHANGED: "±",
    FindingKind.EDITOR_NOTE: "✎",  # NOTE_MARK
    FindingKind.NAME_MISMATCH: "N",
    FindingKind.DATE_MISMATCH: "D",
}
KIND_LABEL: dict[FindingKind, str] = {
    FindingKind.PARAGRAPH_ONLY_IN_SOURCE: "paragraph only in source",
    FindingKind.SENTENCE_ONLY_IN_SOURCE: "sentence only in source",
    FindingKind.PARAGRAPH_ONLY_IN_TARGET: "paragraph only in target",
    FindingKind.SENTENCE_ONLY_IN_TARGET: "sentence only in target",
    FindingKind.NUMBER_MISMATCH: "number mismatch",
    FindingKind.QUOTE_MISMATCH: "quote mismatch",
    FindingKind.UNTRANSLATED: "untranslated",
    FindingKind.WEAK_LINK: "weak link",
    FindingKind.WORDING_CHANGED: "wording changed",
    FindingKind.EDITOR_NOTE: "editor's note",
    FindingKind.NAME_MISMATCH: "name mismatch",
    FindingKind.DATE_MISMATCH: "day or month mismatch",
}
# The engine's one-sided messages open with their kind ("Paragraph only in the target: “…”"),
# which the list already shows as the label; matched case-insensitively, up to the colon.
_RESTATED: dict[FindingKind, re.Pattern[str]] = {
    kind: re.compile(
        re.escape(label.replace(" only in ", " only in the ")) + r"\s*(?::\s*|$)", re.I
    )
    for kind, label in KIND_LABEL.items()
    if " only in " in label or kind is FindingKind.WORDING_CHANGED
}


def highlight_style(kind: FindingKind, side: Side) -> str:
    """The style name of ``kind``'s highlight on ``side``. A changed wording reads as a word
    diff does in delta: the old words in the removal colour, the new ones in the addition's.

    >>> highlight_style(FindingKind.WORDING_CHANGED, Side.TARGET)
    'added'
    >>> highlight_style(FindingKind.WEAK_LINK, Side.TARGET)
    'weak'
    """
    if kind is FindingKind.WORDING_CHANGED:
        return "removed" if side is Side.SOURCE else "added"
    return KIND_STYLE[kind]


DECISION_MARK: dict[Decision, str] = {Decision.REVIEWED: "✓", Decision.DISMISSED: "×"}
STYLE_NAMES = (
    "omission", "insertion", "number", "quote", "untranslated", "weak", "words", "removed", "added",
    "note", "dismissed", "current", "changed", "match", "match-cursor", "gutter", "cursor",
    "filler", "bookmark", "separator", "coverage",
)  # fmt: skip

NOTE_MARK = "✎"
CURSOR_BAR = "▌"
BOOKMARK = "★"
MANUAL = "⇅"  # a row corrected by hand (a bookmark or a coverage mark wins the cell)
SEPARATOR = " │ "
LEFT = 5  # cursor bar, link shape (3 cells), bookmark, coverage or hand-corrected mark


@dataclass(frozen=True, slots=True)
class Layout:
    """Column widths of the aligned view for one widget width."""

    width: int
    number_width: int  # "¶" plus the digits of the longest paragraph number
    wrap: bool = True

    @property
    def text_widths(self) -> tuple[int, int]:
        free = self.width - LEFT - len(SEPARATOR) - 2 * (self.number_width + 2)
        free = max(free, 16)
        return free // 2, free - free // 2


@dataclass(frozen=True, slots=True)
class CellLine:
    """One screen line of one side of a row: a slice of a paragraph."""

    paragraph: int
    start: int
    end: int
    first: bool  # the paragraph's first line (carries its number)
    cut: bool = False  # truncated (no-wrap mode): draw an ellipsis


def cell_lines(
    model: ReviewModel, side: Side, paragraphs: Sequence[int], width: int, wrap: bool
) -> list[CellLine]:
    lines: list[CellLine] = []
    for p in paragraphs:
        text = clean(model.paragraph_text(side, p))  # wrap what is drawn (control pictures)
        if wrap:
            for n, (start, end) in enumerate(wrap_offsets(text, width)):
                lines.append(CellLine(p, start, end, n == 0))
        else:
            count, cut = fit(text, width - 1 if len(text) > width else width)
            lines.append(CellLine(p, 0, count, True, cut))
    return lines


def row_height(model: ReviewModel, row: Row, layout: Layout) -> int:
    """Lines a row takes: the taller of its two wrapped cells (at least one)."""
    src_w, tgt_w = layout.text_widths
    if not layout.wrap:
        return max(len(row.source), len(row.target), 1)
    src = sum(
        len(wrap_offsets(clean(model.paragraph_text(Side.SOURCE, p)), src_w)) for p in row.source
    )
    tgt = sum(
        len(wrap_offsets(clean(model.paragraph_text(Side.TARGET, p)), tgt_w)) for p in row.target
    )
    return max(src, tgt, 1)


@dataclass(frozen=True, slots=True)
class RowState:
    """What besides the comparison changes how a row looks."""

    cursor: bool = False
    bookmarked: bool = False
    current_finding: int | None = None
    coverage: str = ""  # one cell: a source paragraph in no target / one target (several targets)
    search: re.Pattern[str] | None = None


def _strongest(marks: Sequence[Mark], model: ReviewModel) -> Mark:
    return min(marks, key=lambda m: PRIORITY[model.finding(m.finding).kind])


class RowStrips(Sequence[Strip]):
    """A row's strips, each drawn the first time it is asked for: a paragraph of a million
    characters wraps into thousands of lines, of which a screen shows a few dozen."""

    def __init__(self, height: int, draw: Callable[[int], Strip]) -> None:
        self._height = height
        self._draw = draw
        self._drawn: dict[int, Strip] = {}

    def __len__(self) -> int:
        return self._height

    @overload
    def __getitem__(self, y: int) -> Strip: ...
    @overload
    def __getitem__(self, y: slice) -> list[Strip]: ...
    def __getitem__(self, y: int | slice) -> Strip | list[Strip]:
        if isinstance(y, slice):
            return [self[i] for i in range(*y.indices(self._height))]
        if y < 0:
            y += self._height
        if not 0 <= y < self._height:
            raise IndexError(y)
        strip = self._drawn.get(y)
        if strip is None:
            strip = self._drawn[y] = self._draw(y)
        return strip


def shape_label(shape: str) -> str:
    """A link's shape in the three cells the view gives it: "1-76" shows as "1-…", never
    as a shorter shape that looks valid ("1-7")."""
    return shape.ljust(3) if len(shape) <= 3 else shape[:2] + "…"


def render_row(
    model: ReviewModel,
    row: Row,
    layout: Layout,
    styles: Mapping[str, Style],
    base: Style,
    decision: Callable[[int], Decision],
    state: RowState,
) -> RowStrips:
    """The strips (screen lines) of one row, exactly ``layout.width`` cells each."""
    src_w, tgt_w = layout.text_widths
    left = cell_lines(model, Side.SOURCE, row.source, src_w, layout.wrap)
    right = cell_lines(model, Side.TARGET, row.target, tgt_w, layout.wrap)
    # Each paragraph made safe once per row, not once per screen line.
    texts = {
        side: {p: clean(model.paragraph_text(side, p)) for p in paragraphs}
        for side, paragraphs in ((Side.SOURCE, row.source), (Side.TARGET, row.target))
    }
    if state.cursor:
        base = base + styles["cursor"]
    gutter = base + styles["gutter"]

    def draw(y: int) -> Strip:
        segments: list[Segment] = []
        segments.append(Segment(CURSOR_BAR if state.cursor else " ", gutter))
        segments.append(Segment(shape_label(row.shape) if y == 0 else "   ", gutter))
        if y == 0 and state.bookmarked:
            segments.append(Segment(BOOKMARK, base + styles["bookmark"]))
        elif state.coverage:  # down the row, so a bookmark on its first line hides nothing
            segments.append(Segment(state.coverage, base + styles["coverage"]))
        elif y == 0 and row.manual:
            segments.append(Segment(MANUAL, gutter))
        else:
            segments.append(Segment(" ", base))
        for side, lines, width in ((Side.SOURCE, left, src_w), (Side.TARGET, right, tgt_w)):
            if side is Side.TARGET:
                segments.append(Segment(SEPARATOR, base + styles["separator"]))
            segments.extend(
                _cell(
                    model,
                    side,
                    texts[side],
                    lines[y] if y < len(lines) else None,
                    not lines and y == 0,
                    not lines,
                    width,
                    layout.number_width,
                    styles,
                    base,
                    decision,
                    state,
                )
            )
        return Strip(segments).adjust_cell_length(layout.width, base)

    return RowStrips(max(len(left), len(right), 1), draw)


def _cell(
    model: ReviewModel,
    side: Side,
    texts: Mapping[int, str],
    line: CellLine | None,
    filler_label: bool,
    filler: bool,
    width: int,
    number_width: int,
    styles: Mapping[str, Style],
    base: Style,
    decision: Callable[[int], Decision],
    state: RowState,
) -> list[Segment]:
    gutter = base + styles["gutter"]
    if line is None:
        if filler:  # this side has no paragraph in the row, as vimdiff's filler lines
            label = "(no counterpart)" if filler_label else ""
            style = base + styles["filler"]
            return [
                Segment(" " * (number_width + 2), gutter),
                Segment(label[:width].ljust(width), style),
            ]
        return [Segment(" " * (number_width + 2 + width), base)]

    number = f"¶{line.paragraph + 1}" if line.first else ""
    text = texts[line.paragraph]
    # A cut line stands for the whole paragraph: flagged text past the ellipsis needs its mark.
    marked_until = len(text) if line.cut else line.end  # a cut line stands for its hidden rest
    marks = [
        m
        for m in model.marks[side].get(line.paragraph, ())
        if m.start < max(marked_until, line.start + 1) and line.start < m.end
    ]
    open_marks = [m for m in marks if decision(m.finding) is not Decision.DISMISSED]
    if open_marks or marks:
        strongest = _strongest(open_marks or marks, model)
        kind = model.finding(strongest.finding).kind
        verdict = decision(strongest.finding)
        symbol = DECISION_MARK.get(verdict, KIND_MARK[kind])
        mark_style = (
            base
            + styles["dismissed" if verdict is Decision.DISMISSED else highlight_style(kind, side)]
        )
        if strongest.finding == state.current_finding:
            mark_style += styles["current"]
        mark = Segment(symbol, mark_style)
    else:
        mark = Segment(" ", gutter)
    segments = [Segment(number.rjust(number_width), gutter), mark, Segment(" ", base)]

    # Split the line at every mark and search-match boundary; style each piece.
    spans: list[tuple[int, int, Style]] = []
    for m in sorted(marks, key=lambda m: -PRIORITY[model.finding(m.finding).kind]):
        verdict = decision(m.finding)
        style = styles[
            "dismissed"
            if verdict is Decision.DISMISSED
            else highlight_style(model.finding(m.finding).kind, side)
        ]
        if m.finding == state.current_finding:
            style = style + styles["current"]
        spans.append((m.start, m.end, style))
    if state.search is not None:
        # The cursor row's background is close to the match colour: matches there need more.
        match_style = styles["match"] + styles["match-cursor"] if state.cursor else styles["match"]
        for match in state.search.finditer(text, line.start, line.end):
            if match.end() > match.start():
                spans.append((match.start(), match.end(), match_style))
    cuts = {line.start, line.end}
    for start, end, _ in spans:
        cuts.update(c for c in (start, end) if line.start < c < line.end)
    points = sorted(cuts)
    used = 0
    for a, b in pairwise(points):
        style = base
        for start, end, extra in spans:  # later spans (stronger) are added last and win
            if start <= a and b <= end:
                style = style + extra
        piece = text[a:b]
        segments.append(Segment(piece, style))
        used += cell_len(piece)
    if line.cut:
        segments.append(Segment("…", gutter))
        used += 1
    if used < width:
        segments.append(Segment(" " * (width - used), base))
    return [*segments[:3], *Strip(segments[3:]).adjust_cell_length(width, base)]


def finding_text(model: ReviewModel, index: int, decision: Decision, note: str = "") -> Text:
    """One line describing a finding for lists: mark, place, kind, message, decision, note."""
    finding = model.finding(index)
    loc = finding.location(finding.side)
    where = f"¶{loc.paragraph + 1}" if loc else "¶?"
    side = "src" if finding.side is Side.SOURCE else "tgt"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(DECISION_MARK.get(decision, KIND_MARK[finding.kind]), style="bold")
    text.append(f" {side} {where:>6} ")
    text.append(KIND_LABEL[finding.kind], style="bold")
    message = message_after_kind(finding.kind, finding.message)
    if message:
        text.append(": " + clean(message))
    if decision is not Decision.OPEN:
        text.append(f" [{decision.value}]", style="italic")
    if note:
        text.append(f" {NOTE_MARK} {clean(note)}", style="italic")
    return text


def message_after_kind(kind: FindingKind, message: str) -> str:
    """``message`` without a leading phrase that only restates ``kind``'s label.

    >>> message_after_kind(FindingKind.SENTENCE_ONLY_IN_TARGET, "Sentence only in the target: “x”")
    '“x”'
    >>> message_after_kind(FindingKind.NUMBER_MISMATCH, "Number 11 in the target has no equal")
    'Number 11 in the target has no equal'
    """
    pattern = _RESTATED.get(kind)
    match = pattern.match(message) if pattern else None
    return message[match.end() :] if match else message


@dataclass(frozen=True, slots=True)
class Progress:
    """How many findings the editor decided, each decision apart."""

    reviewed: int = 0
    dismissed: int = 0

    def texts(self, total: int) -> tuple[str, str]:
        """The full and the compact way to say it.

        >>> Progress(2, 1).texts(11)
        ('reviewed 2/11 · dismissed 1', '✓2 ×1 of 11')
        """
        return (
            f"reviewed {self.reviewed}/{total} · dismissed {self.dismissed}",
            f"✓{self.reviewed} ×{self.dismissed} of {total}",
        )


def header_text(
    comparison: Comparison,
    progress: Progress,
    width: int,
    styles: Mapping[str, Style],
    changed: Sequence[Side] = (),
    reload_key: str = "R",
) -> Text:
    """Two lines: both files with their languages and the scorer that ran (or, for files that
    changed on disk, the key that reloads them), then counts per finding kind."""
    text = Text(no_wrap=True, overflow="ellipsis")
    names = [comparison.article(side).name for side in Side]
    if sum(len(n) for n in names) + 20 > width:  # narrow: file names without folders
        names = [n.replace("\\", "/").rsplit("/", 1)[-1] for n in names]
    for side, name, arrow in zip(Side, names, ("  ⇄  ", ""), strict=True):
        language = comparison.article(side).language
        if language:
            text.append(f"{language.upper()} ", style="bold")
        text.append(clean(name))
        if side in changed:
            text.append(" (changed)", style=styles.get("changed", Style(bold=True)))
        text.append(arrow)
    if changed:
        text.append(f"   {reload_key} reloads", style=Style(bold=True))
    else:
        text.append(f"   {comparison.scorer} scorer", style=Style(dim=True))
    text.append("\n")
    text.append_text(counts_line(comparison, progress, width, styles))
    return text


def counts_line(
    comparison: Comparison, progress: Progress, width: int, styles: Mapping[str, Style]
) -> Text:
    """Counts per kind and the review progress, in the first of these forms that fits ``width``:
    full labels; short labels; short labels with paragraphs and sentences only in one version
    counted together (both have the same mark); the same for the kinds found only (zeros left
    out); then the compact progress; then bare counts.

    The progress always shows: when even bare counts do not fit, it comes first.
    """
    counts = comparison.summary()
    full, compact = (Text(t, style="bold") for t in progress.texts(len(comparison.findings)))
    forms = (
        (KIND_LABEL, "  ", False, False, full),
        (_SHORT, " ", False, False, full),
        (_SHORT, " ", True, False, full),
        (_SHORT, " ", True, True, full),
        (_SHORT, " ", True, True, compact),
        (None, " ", True, True, compact),
    )
    for labels, gap, merged, found_only, shown in forms:
        line = _counts(counts, styles, labels, gap, merged=merged, found_only=found_only)
        if line.cell_len + shown.cell_len <= width:
            return Text.assemble(line, shown, no_wrap=True, overflow="ellipsis")
    return Text.assemble(compact, " ", line, no_wrap=True, overflow="ellipsis")


# Paragraphs and sentences only in one version, counted together in the merged forms.
_MERGED: dict[FindingKind, FindingKind] = {
    FindingKind.PARAGRAPH_ONLY_IN_SOURCE: FindingKind.SENTENCE_ONLY_IN_SOURCE,
    FindingKind.PARAGRAPH_ONLY_IN_TARGET: FindingKind.SENTENCE_ONLY_IN_TARGET,
}


_COUNTED_WHEN_FOUND = frozenset(
    {
        FindingKind.WORDING_CHANGED,
        FindingKind.EDITOR_NOTE,
        FindingKind.NAME_MISMATCH,
        FindingKind.DATE_MISMATCH,
    }
)


def _counts(
    counts: Mapping[str, int],
    styles: Mapping[str, Style],
    labels: Mapping[FindingKind, str] | None,
    gap: str,
    *,
    merged: bool,
    found_only: bool,
) -> Text:
    totals = {kind: counts[kind.value] for kind in FindingKind}
    if merged:
        for kind, into in _MERGED.items():
            totals[into] += totals.pop(kind)
    text = Text()
    for kind, count in totals.items():
        # Changed wordings (only two revisions in one language have any) and the editor's
        # notes (not the engine's) are counted only once there is one.
        if not count and (found_only or kind in _COUNTED_WHEN_FOUND):
            continue
        dim = None if count else Style(dim=True)
        text.append(f"{KIND_MARK[kind]}{count}", style=styles[KIND_STYLE[kind]] if count else dim)
        text.append(f" {labels[kind]}{gap}" if labels else gap, style=dim)
    return text


_SHORT: dict[FindingKind, str] = {
    FindingKind.PARAGRAPH_ONLY_IN_SOURCE: "¶src",
    FindingKind.SENTENCE_ONLY_IN_SOURCE: "src",
    FindingKind.PARAGRAPH_ONLY_IN_TARGET: "¶tgt",
    FindingKind.SENTENCE_ONLY_IN_TARGET: "tgt",
    FindingKind.NUMBER_MISMATCH: "num",
    FindingKind.QUOTE_MISMATCH: "quote",
    FindingKind.UNTRANSLATED: "untr",
    FindingKind.WEAK_LINK: "weak",
    FindingKind.WORDING_CHANGED: "words",
    FindingKind.EDITOR_NOTE: "notes",
    FindingKind.NAME_MISMATCH: "name",
    FindingKind.DATE_MISMATCH: "date",
}
