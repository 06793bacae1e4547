"""render.py and rows.py without a running app: escaping, wrapping, row geometry, navigation."""

from __future__ import annotations

import doctest
import itertools
import random
import re
from dataclasses import replace

import pytest
from conftest import HOSTILE, make_comparison
from rich.style import Style

from tui.app import render, rows
from tui.app.render import Layout, RowState, clean, render_row, row_height, wrap_offsets
from tui.app.rows import ReviewModel
from tui.app.search import search_pattern
from tui.engine.model import FindingKind, Side
from tui.engine.notes import note_id, with_editor_notes
from tui.engine.review import Decision, Review


def test_doctests_run() -> None:
    assert doctest.testmod(render).failed == 0
    assert doctest.testmod(rows).failed == 0


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31m", "␛[31m"),  # ANSI colour: drawn as text, never sent
        ("a\x07b", "a␇b"),  # bell
        ("\x9b2J", "�2J"),  # one-byte CSI (C1)
        ("x\u202ey", "x�y"),  # right-to-left override would reorder the line
        ("tab\tstop", "tab stop"),
        ("[bold]x[/]", "[bold]x[/]"),  # markup is just text
    ],
)
def test_clean_keeps_one_character_per_character(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert len(clean(raw)) == len(raw)


def _oracle(text: str, width: int) -> list[tuple[int, int]]:
    """Obviously-correct greedy wrap, one word at a time (narrow characters only)."""
    lines, line_start, column = [], 0, 0
    for match in re.finditer(r"\S+\s*|\s+", text):
        start, end = match.span()
        word = len(match.group().rstrip())
        if column + word <= width:
            column += end - start
            continue
        if column > 0 and start > line_start:
            lines.append((line_start, start))
            line_start, column = start, 0
        while word > width:
            lines.append((line_start, line_start + width))
            line_start += width
            word -= width
        column = end - line_start
    lines.append((line_start, len(text)))
    return lines


def test_fast_wrap_matches_the_oracle() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        words = ["a" * rng.choice([1, 2, 3, 5, 8, 13, 30]) for _ in range(rng.randint(1, 15))]
        text = " ".join(words)
        if rng.random() < 0.3:
            text = text.replace(" ", "  ", 2)
        width = rng.randint(1, 25)
        assert wrap_offsets(text, width) == _oracle(text, width), (text, width)


@pytest.mark.parametrize("width", [4, 7, 12])
def test_wide_characters_never_overflow(width: int) -> None:
    text = "日本語のテキスト と English mixed 한국어"
    for start, end in wrap_offsets(text, width):
        assert render.cell_len(text[start:end].rstrip()) <= width
    assert "".join(text[s:e] for s, e in wrap_offsets(text, width)) == text


STYLES = {name: Style() for name in render.STYLE_NAMES}


@pytest.mark.parametrize("width", [60, 80, 160])
@pytest.mark.parametrize("wrap", [True, False])
def test_rows_have_exact_width_and_the_taller_cells_height(width: int, wrap: bool) -> None:
    model = ReviewModel(make_comparison())
    layout = Layout(width, 3, wrap)
    for row in model.rows:
        strips = render_row(
            model, row, layout, STYLES, Style(), lambda _f: Decision.OPEN, RowState()
        )
        assert len(strips) == row_height(model, row, layout)
        assert {strip.cell_length for strip in strips} == {width}
        assert len({strip.text.index("│") for strip in strips}) == 1


def test_hostile_text_reaches_segments_only_as_visible_characters() -> None:
    model = ReviewModel(make_comparison())
    row = model.rows[6]
    strips = render_row(
        model, row, Layout(200, 3), STYLES, Style(), lambda _f: Decision.OPEN, RowState(cursor=True)
    )
    text = "".join(segment.text for strip in strips for segment in strip)
    assert clean(HOSTILE) in text
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text)
    # No style came from the text: every segment style is one of ours (no link, no meta).
    for strip in strips:
        for segment in strip:
            assert segment.style is None or not segment.style.link
            assert segment.style is None or not segment.style.meta


def test_every_kind_has_its_own_gutter_mark() -> None:
    comparison = make_comparison()
    # The fixture has one finding of each of the engine's kinds; the editor adds a note.
    own = note_id(Side.TARGET, comparison.target.paragraphs[0].text)
    model = ReviewModel(with_editor_notes(comparison, {own: Review(note="check the title")}))
    layout = Layout(160, 3)
    marks = {}
    for index, finding in enumerate(model.comparison.findings):
        row = model.rows[model.finding_row[index]]
        strips = render_row(
            model, row, layout, STYLES, Style(), lambda _f: Decision.OPEN, RowState()
        )
        marks[finding.kind] = render.KIND_MARK[finding.kind]
        assert any(
            render.KIND_MARK[finding.kind] in strip.text[:16] + strip.text[80:96]
            for strip in strips
        ), finding.kind
    assert len(set(marks.values())) == 7  # source-only and target-only kinds share - and +
    # every kind but a changed wording, which only two revisions in one language have, and
    # a changed name or weekday (tests/app/test_fact_findings.py)
    assert set(marks) == set(FindingKind) - {
        FindingKind.WORDING_CHANGED,
        FindingKind.NAME_MISMATCH,
        FindingKind.DATE_MISMATCH,
    }
    assert len(set(render.KIND_MARK.values())) == len(render.KIND_MARK) - 2


def test_decisions_change_the_gutter_mark() -> None:
    model = ReviewModel(make_comparison())
    row = model.rows[1]  # the number mismatch
    layout = Layout(160, 3)

    def first_line(decision: Decision) -> str:
        return render_row(model, row, layout, STYLES, Style(), lambda _f: decision, RowState())[
            0
        ].text

    # Column 8: cursor bar, shape (3), bookmark, then "¶2" right-aligned in 3 cells.
    assert first_line(Decision.OPEN)[8] == "#"
    assert first_line(Decision.REVIEWED)[8] == "✓"
    assert first_line(Decision.DISMISSED)[8] == "×"


def test_next_finding_walks_in_reading_order_without_wrapping() -> None:
    model = ReviewModel(make_comparison())
    every = lambda _f: True  # noqa: E731
    order, current = [], None
    while (current := model.next_finding(current, 0, 1, every)) is not None:
        order.append(current)
    assert order == model.order
    assert [model.finding_row[f] for f in order] == sorted(model.finding_row[f] for f in order)
    assert model.next_finding(None, 4, 1, every) == model.order[3]  # from a row with none
    assert model.next_finding(None, 4, -1, every) == model.order[2]


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        ("blague", [2]),  # lower case finds any case, on the target side
        ("witz", [2]),  # ... and on the source side ("Witz")
        ("BLAGUE", []),  # a capital makes the case count (the text has "blague")
        ("Witz", [2]),
        ("fuhrungskrafte", [1]),  # no accents typed: "Führungskräfte" is found
        ("führungskräfte", [1]),
        ("fuhrüngskrafte", []),  # an accent typed counts: there is no "ü" after "fuhr"
        ("premiere", [4]),  # "La première partie", in the 2-1 row
        ("nowhere at all", []),
    ],
)
def test_search_folds_case_and_accents_unless_typed(query: str, rows: list[int]) -> None:
    model = ReviewModel(make_comparison())
    assert model.search(search_pattern(query)) == rows


def test_row_signature_survives_edits_elsewhere() -> None:
    original = make_comparison()
    edited_paragraphs = list(original.source.paragraphs)
    edited_paragraphs[0] = replace(edited_paragraphs[0], text="Ein ganz anderer Titel")
    edited = replace(original, source=replace(original.source, paragraphs=tuple(edited_paragraphs)))
    before = [r.key for r in ReviewModel(original).rows]
    after = [r.key for r in ReviewModel(edited).rows]
    assert before[0] != after[0]
    assert before[1:] == after[1:]
    assert len(set(before)) == len(before)


@pytest.mark.parametrize("width", [10, 16, 23, 40])
def test_japanese_wraps_between_characters_never_inside_a_latin_word_nor_before_a_stop(
    width: int,
) -> None:
    """A new user's trial saw "A" / "M (Assembly Member)" and lines starting with 、 at
    80x24: CJK text breaks between characters (kinsoku: not before 。、」, not after 「),
    other words stay whole where they fit, and the lines cover the text exactly."""
    text = (
        "ウェールズ議会の議員は、呼称をAM (Assembly Member)から変更することについて、"
        "「マペット」のように見えることを懸念している。党全体が同意した。"
    )
    lines = wrap_offsets(text, width)
    assert lines[0][0] == 0
    assert lines[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(lines))
    for start, _ in lines[1:]:
        assert text[start] not in "。、」）"
    for _, end in lines[:-1]:
        assert text[end - 1] != "「"
    cuts = {end for _, end in lines[:-1]}
    for word in re.finditer(r"[A-Za-z]+", text):
        if len(word.group()) <= width:
            assert not any(word.start() < cut < word.end() for cut in cuts), word.group()


def test_a_long_link_shape_shows_as_cut_not_as_a_shorter_shape() -> None:
    model = ReviewModel(make_comparison())
    row = replace(model.rows[0], shape="1-76")
    strips = render_row(
        model, row, Layout(80, 3), STYLES, Style(), lambda _f: Decision.OPEN, RowState()
    )
    assert strips[0].text[1:4] == "1-…"  # not "1-7", a shape that exists
    assert render.shape_label("2-1") == "2-1"
    assert render.shape_label("12-3") == "12…"


def test_a_row_draws_only_the_lines_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    # A paragraph of a million characters wraps into thousands of lines: drawing all of them
    # at every cursor move froze the app. Lines are drawn when the screen asks for them.
    model = ReviewModel(make_comparison())
    row = model.rows[6]  # the long paragraph
    layout = Layout(40, 3)
    eager = [
        strip.text
        for strip in render_row(
            model, row, layout, STYLES, Style(), lambda _f: Decision.OPEN, RowState()
        )
    ]
    drawn = []
    cell = render._cell
    monkeypatch.setattr(render, "_cell", lambda *a, **k: drawn.append(1) or cell(*a, **k))
    strips = render_row(model, row, layout, STYLES, Style(), lambda _f: Decision.OPEN, RowState())
    assert len(strips) == len(eager) > 4
    assert strips[3].text == eager[3]
    assert strips[3].text == eager[3]  # drawn once, kept
    assert len(drawn) == 2  # one cell a side, for line 3 only
    assert [strip.text for strip in strips] == eager
    assert strips[-1].text == eager[-1]
    with pytest.raises(IndexError):
        strips[len(eager)]
