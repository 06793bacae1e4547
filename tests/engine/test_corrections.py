"""Corrections of the alignment by hand, on the sample pair (lexical scorer)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tui.engine.corrections import (
    Action,
    Correction,
    CorrectionError,
    Corrector,
    Level,
    Realigner,
    apply_corrections,
    correction,
    correction_from_json,
    correction_to_json,
)
from tui.engine.model import CompareOptions, Comparison, FindingKind, Side
from tui.engine.pipeline import compare
from tui.engine.review import VERSION, load_session
from tui.engine.text.load import load_article

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def base() -> Comparison:
    return compare(
        load_article(str(ROOT / "sample_articles/ultraman-musk.de.txt")),
        load_article(str(ROOT / "sample_articles/ultraman-musk.fr.txt")),
        options=CompareOptions(scorer="lexical"),
    )


@pytest.fixture(scope="module")
def realigner(base: Comparison) -> Realigner:
    return Realigner.of(base)


def assert_consistent(result: Comparison) -> None:
    """Every paragraph in exactly one link and every sentence in one sentence link, in order."""
    for side in Side:
        article = result.article(side)
        paragraphs = [p for link in result.links for p in getattr(link, side.value)]
        assert paragraphs == list(range(len(article.paragraphs)))
        sentences = [ref for link in result.sentence_links for ref in getattr(link, side.value)]
        every = [
            (p, s) for p, par in enumerate(article.paragraphs) for s in range(len(par.sentences))
        ]
        assert sentences == every


def shapes(result: Comparison, start: int, stop: int) -> list[tuple[tuple, tuple, bool]]:
    return [(link.source, link.target, link.manual) for link in result.links[start:stop]]


def apply(base: Comparison, realigner: Realigner, *items: Correction) -> Comparison:
    result = apply_corrections(base, items, realigner=realigner)
    assert result.dropped == ()
    assert_consistent(result.comparison)
    return result.comparison


def untouched_findings_kept(base: Comparison, result: Comparison, rows: range) -> None:
    """Findings about paragraphs outside ``rows`` of ``base`` are exactly the ones before."""
    inside = {(Side.SOURCE, p) for n in rows for p in base.links[n].source}
    inside |= {(Side.TARGET, p) for n in rows for p in base.links[n].target}

    def outside(findings):
        return [f for f in findings if (f.side, f.location(f.side).paragraph) not in inside]

    assert outside(result.findings) == outside(base.findings)


# Row 3 links source ¶2 with target ¶4, row 4 source ¶3 with target ¶5 (counted from 1).


def test_join_makes_one_manual_link_of_two(base: Comparison, realigner: Realigner) -> None:
    item = correction(base, Action.JOIN, 3)
    result = apply(base, realigner, item)
    assert shapes(result, 2, 5) == [
        ((0,), (2,), False),
        ((1, 2), (3, 4), True),
        ((3,), (5,), False),
    ]
    assert result.links[3].score > 0.5  # the scorer agrees that the joined text translates
    assert len(result.links) == len(base.links) - 1
    untouched_findings_kept(base, result, range(3, 5))
    assert item.describe() == "joined two rows at source ¶2"


def test_split_a_joined_row_gives_its_paragraphs_back(base: Comparison, realigner) -> None:
    joined = apply(base, realigner, correction(base, Action.JOIN, 3))
    split = correction(joined, Action.SPLIT, 3)
    result = apply(joined, realigner, split)
    assert shapes(result, 3, 5) == [((1,), (3,), True), ((2,), (4,), True)]
    # the same sentence links as the automatic alignment, now inside links set by hand
    assert [s for s in result.sentence_links if not s.manual] == [
        s for s in base.sentence_links if not s.manual
    ]


def test_split_of_a_one_to_one_row_unlinks_it_and_flags_both(base: Comparison, realigner) -> None:
    result = apply(base, realigner, correction(base, Action.SPLIT, 3))
    assert shapes(result, 3, 6) == [((1,), (), True), ((), (3,), True), ((2,), (4,), False)]
    kinds = {(f.kind, f.location(f.side).paragraph) for f in result.findings}
    assert (FindingKind.PARAGRAPH_ONLY_IN_SOURCE, 1) in kinds
    assert (FindingKind.PARAGRAPH_ONLY_IN_TARGET, 3) in kinds
    untouched_findings_kept(base, result, range(3, 4))


def test_move_down_leaves_a_one_sided_row_and_fills_the_next(base: Comparison, realigner) -> None:
    item = correction(base, Action.MOVE_DOWN, 3, side=Side.TARGET)
    result = apply(base, realigner, item)
    assert shapes(result, 3, 5) == [((1,), (), True), ((2,), (3, 4), True)]
    kinds = {(f.kind, f.location(f.side).paragraph) for f in result.findings}
    assert (FindingKind.PARAGRAPH_ONLY_IN_SOURCE, 1) in kinds
    assert item.describe() == "moved target ¶4 down"
    untouched_findings_kept(base, result, range(3, 5))


def test_move_up_fills_a_one_sided_row(base: Comparison, realigner) -> None:
    # row 1 is target ¶2 alone (the French headline); move source ¶1 of row 2 up into it
    result = apply(base, realigner, correction(base, Action.MOVE_UP, 2, side=Side.SOURCE))
    assert shapes(result, 1, 3) == [((0,), (1,), True), ((), (2,), True)]


def test_moving_out_of_the_first_row_makes_a_one_sided_row(base: Comparison, realigner) -> None:
    result = apply(base, realigner, correction(base, Action.MOVE_UP, 2, side=Side.TARGET))
    # row 1 (target ¶2 alone) takes target ¶3: the row above gets it, row 2 keeps source ¶1
    assert shapes(result, 1, 3) == [((), (1, 2), True), ((0,), (), True)]
    # source ¶1 moved up row by row: into row 1, into row 0, then into a row of its own
    result = base
    for row in (2, 1, 0):
        result = apply(result, realigner, correction(result, Action.MOVE_UP, row, side=Side.SOURCE))
    assert shapes(result, 0, 3) == [((0,), (), True), ((), (0,), True), ((), (1,), True)]


@pytest.mark.parametrize(
    ("action", "row", "side", "message"),
    [
        (Action.JOIN, -1, None, "last row"),  # the last row has no next
        (Action.SPLIT, 0, None, "one paragraph"),  # a one-sided row of one paragraph
        (Action.MOVE_DOWN, 0, Side.SOURCE, "no source content"),
        (Action.MOVE_UP, 0, Side.TARGET, "changes nothing"),  # target ¶1 alone at the top
    ],
)
def test_impossible_corrections_say_why(base, action, row, side, message) -> None:
    with pytest.raises(CorrectionError, match=message):
        correction(base, action, row % len(base.links), side=side)


def _sentence_link(result: Comparison, paragraph: int) -> int:
    return next(
        k for k, s in enumerate(result.sentence_links) if s.source and s.source[0] == (paragraph, 0)
    )


def test_sentence_links_are_corrected_inside_their_row(base: Comparison, realigner) -> None:
    # source ¶3 and target ¶5 have two sentences each, linked 1-1 twice
    first = _sentence_link(base, 2)
    assert [(s.source, s.target) for s in base.sentence_links[first : first + 2]] == [
        (((2, 0),), ((4, 0),)),
        (((2, 1),), ((4, 1),)),
    ]
    join = correction(base, Action.JOIN, first, level=Level.SENTENCE)
    joined = apply(base, realigner, join)
    k = _sentence_link(joined, 2)
    assert (joined.sentence_links[k].source, joined.sentence_links[k].target) == (
        ((2, 0), (2, 1)),
        ((4, 0), (4, 1)),
    )
    assert joined.sentence_links[k].manual
    assert joined.links[4] == base.links[4]  # the paragraph link itself is unchanged

    moved = apply(
        base,
        realigner,
        correction(base, Action.MOVE_DOWN, first, level=Level.SENTENCE, side=Side.TARGET),
    )
    k = _sentence_link(moved, 2)
    assert [(s.source, s.target, s.manual) for s in moved.sentence_links[k : k + 2]] == [
        (((2, 0),), (), True),
        (((2, 1),), ((4, 0), (4, 1)), True),
    ]
    kinds = {f.kind for f in moved.findings if f.location(f.side).paragraph == 2}
    assert FindingKind.SENTENCE_ONLY_IN_SOURCE in kinds

    # a sentence cannot leave its paragraph link: the last one moves into a new row of its own
    last = correction(base, Action.MOVE_DOWN, first + 1, level=Level.SENTENCE, side=Side.SOURCE)
    assert [len(spec.source) + len(spec.target) for spec in last.links] == [1, 1]


def test_undo_and_redo(base: Comparison, realigner) -> None:
    corrector = Corrector(base, realigner=realigner)
    corrector.add(correction(base, Action.JOIN, 3))
    corrector.add(correction(corrector.comparison, Action.MOVE_DOWN, 5, side=Side.SOURCE))
    after_both = corrector.comparison
    assert corrector.undo() is not None
    assert corrector.undo() is not None
    assert corrector.undo() is None
    assert corrector.comparison == base
    assert corrector.redo() is not None
    assert corrector.redo() is not None
    assert corrector.redo() is None
    assert corrector.comparison == after_both
    corrector.undo()
    corrector.add(correction(corrector.comparison, Action.SPLIT, 3))
    assert corrector.redo() is None  # a new correction forgets what was undone


def test_corrections_follow_an_edited_text_and_only_the_broken_one_drops(base, tmp_path) -> None:
    items = [
        correction(base, Action.JOIN, 3),
        correction(base, Action.SPLIT, 10),
    ]
    # a paragraph added at the top of the target: indices shift, texts are found by hash
    target = base.target
    shifted = replace(target, paragraphs=(target.paragraphs[0], *target.paragraphs))
    edited = compare(base.source, shifted, options=CompareOptions(scorer="lexical"))
    result = apply_corrections(edited, items)
    assert result.dropped == ()
    assert_consistent(result.comparison)
    manual = [(link.source, link.target) for link in result.comparison.links if link.manual]
    assert ((1, 2), (4, 5)) in manual  # target ¶4, ¶5 are now ¶5, ¶6
    # target ¶4 (in the join) rewritten: that correction alone is dropped
    paragraphs = list(target.paragraphs)
    paragraphs[3] = replace(paragraphs[3], text=paragraphs[3].text + " Ajouté.")
    rewritten = compare(
        base.source,
        replace(target, paragraphs=tuple(paragraphs)),
        options=CompareOptions(scorer="lexical"),
    )
    result = apply_corrections(rewritten, items)
    assert result.dropped == (items[0],)
    assert result.applied == (items[1],)


def test_corrections_round_trip_through_json_and_the_session(base, tmp_path) -> None:
    items = [
        correction(base, Action.JOIN, 3),
        correction(base, Action.MOVE_UP, 2, side=Side.SOURCE),
        correction(base, Action.SPLIT, _sentence_link(base, 2), level=Level.SENTENCE),
    ]
    assert [correction_from_json(correction_to_json(c)) for c in items] == items
    session, _ = load_session(tmp_path / "s.transdiff.json")
    session.set_corrections(items, ("a" * 16, "b" * 16))
    again, warning = load_session(tmp_path / "s.transdiff.json")
    assert warning is None
    assert again.corrections == items
    assert again.corrected_texts == ("a" * 16, "b" * 16)
    assert '"version": 2' in (tmp_path / "s.transdiff.json").read_text(encoding="utf-8")
    assert VERSION == 2
    session.set_corrections([], ("", ""))  # none left: the file is version 1 again
    assert '"version": 1' in (tmp_path / "s.transdiff.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "raw",
    [
        {"action": "join", "level": "paragraph", "links": []},  # no link
        {"action": "glue", "level": "paragraph", "links": [{"source": ["1:ab"], "target": []}]},
        {"action": "join", "level": "paragraph", "links": [{"source": ["1.2:ab"], "target": []}]},
        {"action": "join", "level": "sentence", "links": [{"source": ["x:ab"], "target": []}]},
        {"action": "join", "level": "paragraph", "links": [{"source": [], "target": []}]},
    ],
)
def test_malformed_corrections_are_refused(raw) -> None:
    with pytest.raises(ValueError, match="malformed correction"):
        correction_from_json(raw)


def test_a_weak_link_on_a_larger_sentence_link_survives_a_correction_beside_it(
    base: Comparison, realigner
) -> None:
    """Weak links are made for links of more than one sentence a side too: a correction in
    the same row that leaves such a link as it was keeps its weak link; one that changes
    the link drops it."""
    from tui.engine.model import Finding, Location, Severity

    # source ¶37 and target ¶39 (counted from 1): linked 1-2, 1-2, 1-1
    first = _sentence_link(base, 36)
    assert [(s.source, s.target) for s in base.sentence_links[first : first + 3]] == [
        (((36, 0),), ((38, 0), (38, 1))),
        (((36, 1),), ((38, 2), (38, 3))),
        (((36, 2),), ((38, 4),)),
    ]
    held = base.target.paragraphs[38].sentences
    weak = Finding(
        id="weak-1-2",
        kind=FindingKind.WEAK_LINK,
        severity=Severity.LOW,
        confidence=0.9,
        message="Linked sentences differ more than usual here",
        source=Location(36, 0, 0),
        target=Location(38, held[0].start, held[1].end),
    )
    with_weak = replace(base, findings=(*base.findings, weak))
    # the row's other two links joined: the weak 1-2 link is as it was
    joined = apply(
        with_weak, realigner, correction(with_weak, Action.JOIN, first + 1, level=Level.SENTENCE)
    )
    assert weak in joined.findings
    # its second target sentence moved down into the next link: the weak link goes
    moved = apply(
        with_weak,
        realigner,
        correction(with_weak, Action.MOVE_DOWN, first, level=Level.SENTENCE, side=Side.TARGET),
    )
    assert weak not in moved.findings
