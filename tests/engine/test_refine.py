"""A second look around one-sided beads (align/refine.py) and the run scores it uses."""

from __future__ import annotations

import numpy as np
from test_semantic import SOURCE, TARGET, ConceptEmbedder, _arrays, _prepare

from tui.engine.align.dp import Bead, BeadType
from tui.engine.align.refine import likely_shapes, realign_lone
from tui.engine.tuning import AlignTuning


class RunToy:
    """Runs are translations when they hold the same letters: source "ab" and target runs
    "a", "b" together score 1, anything else 0 (or -1 when they share nothing)."""

    def __init__(self, source: str, target: str) -> None:
        self.s, self.t = source, target
        self.asked: list[tuple[int, int, int, int]] = []

    def run_scores(self, a0, a1, b0, b1):
        out = []
        for x, y, u, v in zip(a0, a1, b0, b1, strict=True):
            self.asked.append((int(x), int(y), int(u), int(v)))
            left, right = set(self.s[x:y]), set(self.t[u:v])
            out.append(1.0 if left == right else (0.0 if left & right else -1.0))
        return np.array(out)

    def score(self, a0, a1, b0, b1):
        return np.full(len(a0), 2.0)


def _pairs(beads):
    return [(b.source, b.target) for b in beads]


def test_a_split_left_one_sided_is_joined_again():
    toy = RunToy("xyz", "xyyz")  # target 1 and 2 both translate source 1
    beads = [
        Bead((0,), (0,), 2.0),
        Bead((1,), (1,), 2.0),
        Bead((), (2,), float("nan")),
        Bead((2,), (3,), 2.0),
    ]
    out = realign_lone(beads, toy, AlignTuning(lone_context=1))
    assert _pairs(out) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    assert out[1].score == 2.0  # the scorer's log-odds, as for every two-sided bead


def test_beads_away_from_one_sided_ones_are_left_alone():
    toy = RunToy("abxyzcd", "abxyyzcd")
    beads = [Bead((k,), (k,), 2.0) for k in range(4)]
    beads += [Bead((), (4,), float("nan"))]
    beads += [Bead((k,), (k + 1,), 2.0) for k in range(4, 7)]
    out = realign_lone(beads, toy, AlignTuning(lone_context=1))
    assert _pairs(out)[:3] == _pairs(beads)[:3]
    assert _pairs(out)[-2:] == _pairs(beads)[-2:]
    assert ((3,), (3, 4)) in _pairs(out)
    # only the window's segments were asked about: source 3..4, target 3..5
    assert {(x, y) for x, y, _, _ in toy.asked} <= {(3, 4), (4, 5), (3, 5)}
    assert min(u for _, _, u, _ in toy.asked) == 3


def test_no_run_scores_or_off_keeps_the_beads():
    beads = [Bead((0,), (0,), 2.0), Bead((), (1,), float("nan"))]

    class Plain:
        pass

    assert realign_lone(beads, Plain(), AlignTuning()) == beads
    assert realign_lone(beads, RunToy("x", "xx"), AlignTuning(lone_context=0)) == beads


def test_a_real_omission_stays_one_sided():
    toy = RunToy("xz", "xqz")  # target 1 translates nothing
    beads = [Bead((0,), (0,), 2.0), Bead((), (1,), float("nan")), Bead((1,), (2,), 2.0)]
    assert _pairs(realign_lone(beads, toy, AlignTuning())) == _pairs(beads)


def test_run_scores_embed_a_run_as_one_text_and_prefer_the_whole_split():
    embedder = ConceptEmbedder()
    source = [f"{SOURCE[0]} {SOURCE[1]}", SOURCE[2], SOURCE[3]]
    scorer = _prepare(source, TARGET, embedder=embedder)
    before = embedder.embedded
    whole, short, over = scorer.run_scores(*_arrays([(0, 1, 0, 2), (0, 1, 0, 1), (0, 1, 0, 3)]))
    assert embedder.batches[-1] == [" ".join(TARGET[0:2]), " ".join(TARGET[0:3])]
    assert embedder.embedded - before == 2  # one batch, each run once
    assert whole > short
    assert whole > over
    scorer.run_scores(*_arrays([(0, 1, 0, 2)]))
    assert embedder.embedded - before == 2  # kept for the next call


def test_a_lone_segment_stays_alone_where_its_shape_is_rarer_than_an_orphan():
    # the split of the first test, in a document whose 1-2 links are rarer than its
    # one-sided segments (a news text): the window keeps the DP's beads
    toy = RunToy("xyz", "xyyz")
    beads = [
        Bead((0,), (0,), 2.0),
        Bead((1,), (1,), 2.0),
        Bead((), (2,), float("nan")),
        Bead((2,), (3,), 2.0),
    ]
    news = likely_shapes(beads, {BeadType.ONE_ONE: 0.0, BeadType.ONE_TWO: 3.6})
    assert news == {(1, 1)}  # one orphan per three 1-1 beads: odds 1/3, 1-2 e^-3.6
    out = realign_lone(beads, toy, AlignTuning(lone_context=1), allowed=news)
    assert _pairs(out) == _pairs(beads)
    novel = likely_shapes(beads, {BeadType.ONE_ONE: 0.0, BeadType.ONE_TWO: 0.5})
    out = realign_lone(beads, toy, AlignTuning(lone_context=1), allowed=novel)
    assert ((1,), (1, 2)) in _pairs(out)
