"""The tuning record: every parameter has its origin, and a changed parameter in
CompareOptions.tuning changes what a comparison finds (the scorers, the alignment, the
detectors, corrections by hand)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from small_pair import DE, FR

from tui.engine.corrections import Action, apply_corrections, correction
from tui.engine.detect.context import quote_text
from tui.engine.model import CompareOptions, FindingKind
from tui.engine.pipeline import compare
from tui.engine.scoring.registry import semantic_available
from tui.engine.text.load import article_from_text
from tui.engine.tuning import PROVENANCE, Tuning, overridden, parameters

# The small pair (small_pair.py), and in the French version a sentence
# about something else after the second one.
ADDED = (
    "Le 3 mars 1999, Sam Altman et Greg Brockman ont rencontré Ilya Sutskever à Montréal "
    "pour discuter de 17 projets."
)
# Nine segments are too few for the lexical scorer's idf: an anchor of one translated pair
# is in two of them, idf log(10 / 3) = 1.2, under the default discount of 1.5, so it weighs
# nothing. Without the discount, anchors align the pair.
ANCHORS_COUNT = {"lexical.common_discount": 0.0}


def run(joiner: str, values: dict | None = None, *, scorer: str = "lexical", target=None):
    """The pair compared with the parameters ``values`` ("group.param": value) changed;
    ``joiner`` "\\n\\n" makes each sentence a paragraph, " " one paragraph of them all."""
    options = CompareOptions(
        scorer=scorer, source_lang="de", target_lang="fr", tuning=overridden(values or {})
    )
    target = target if target is not None else [*FR[:2], ADDED, *FR[2:]]
    return compare(
        article_from_text(joiner.join(DE), language="de"),
        article_from_text(joiner.join(target), language="fr"),
        options=options,
    )


def one_sided(result) -> list[str]:
    """The texts reported as present in the target only."""
    return [
        f.message.split(": ", 1)[1]
        for f in result.findings
        if f.kind.is_insertion and f.target is not None
    ]


# --- the record ----------------------------------------------------------------------------


def test_every_parameter_has_a_provenance_and_no_entry_is_stale():
    names = [name for name, _ in parameters(Tuning())]
    assert len(names) == len(set(names))
    assert set(PROVENANCE) == set(names)
    assert all(PROVENANCE[name].strip() for name in names)


def test_python_m_prints_every_parameter_with_its_value_and_origin():
    printed = subprocess.run(
        [sys.executable, "-m", "tui.engine.tuning_table"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name, _ in parameters(Tuning()):
        row = next(line for line in printed.splitlines() if line.startswith(f"| `{name}` |"))
        assert PROVENANCE[name] in row
    assert "| `detection.weak_link_deviations` | 3.5 |" in printed
    assert "speed and memory only" in printed  # the knobs that are not tuning, apart


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"detection.nonsense": 1}, "unknown parameter 'detection.nonsense'"),
        ({"nonsense": 1}, "unknown parameter 'nonsense'"),
        ({"detection.max_cuts": 2.5}, "detection.max_cuts: expected int, got 2.5"),
        ({"detection.max_cuts": True}, "detection.max_cuts: expected int, got True"),
        ({"align.document_priors": 1}, "align.document_priors: expected bool, got 1"),
        ({"align.skip": "3"}, "align.skip: expected float, got '3'"),
        ({"align.skip": None}, "align.skip: expected float, got None"),  # not optional
        ({"align.shape_costs": [[1, 2]]}, "align.shape_costs: expected [[[a, b], cost], ...]"),
    ],
)
def test_a_bad_override_is_named(values, error):
    with pytest.raises(ValueError, match=f"^{error}$".replace("[", r"\[").replace("(", r"\(")):
        overridden(values)


def test_overrides_take_the_parameters_types():
    tuning = overridden(
        {
            "align.skip": 2,  # a JSON integer for a float
            "align.shape_costs": [[[1, 1], 0], [[1, 2], 2.5]],  # JSON lists for the shapes
            "semantic.improbable_log_odds": None,  # optional: off
        }
    )
    assert tuning.align.skip == 2.0
    assert isinstance(tuning.align.skip, float)
    assert tuning.align.shape_costs == (((1, 1), 0.0), ((1, 2), 2.5))
    assert tuning.semantic.improbable_log_odds is None
    assert tuning.detection == Tuning().detection  # groups not named are left alone


# --- each stage reads it -------------------------------------------------------------------


def test_the_lexical_weights_reach_the_scorer():
    # with the default discount the added paragraph is folded into a neighbour's link; with
    # anchors counting, the alignment is right and the paragraph is one-sided
    assert ADDED not in " ".join(one_sided(run("\n\n")))
    result = run("\n\n", ANCHORS_COUNT)
    assert [link.shape for link in result.links] == ["1-1", "1-1", "0-1", "1-1", "1-1"]
    assert one_sided(result) == [quote_text(ADDED)]


def test_a_costlier_skip_joins_the_added_paragraph_to_a_neighbour():
    result = run("\n\n", {**ANCHORS_COUNT, "align.skip": 50.0})
    assert [link.shape for link in result.links] == ["1-1", "1-1", "1-2", "1-1"]
    assert one_sided(result) == []


def test_the_lone_sentence_threshold_decides_whether_the_added_sentence_is_reported():
    # one paragraph: the sentence is left alone, and joining it to a neighbour would cost 5.1
    # log-odds (the short article's length ratio measured on its anchored pairs, which the
    # added sentence does not skew): reported at the default 9 to 1 (2.2), not at 6.0
    default = run(" ", ANCHORS_COUNT)
    assert ("0-1", 0.0) in [(link.shape, link.score) for link in default.sentence_links]
    (finding,) = [f for f in default.findings if f.kind is FindingKind.SENTENCE_ONLY_IN_TARGET]
    assert finding.message.endswith(quote_text(ADDED))
    assert "reported at 2.2 log-odds (9 to 1) or more" in finding.why
    stricter = run(" ", {**ANCHORS_COUNT, "detection.lone_min_log_odds": 6.0})
    assert one_sided(stricter) == []


def untranslated(result) -> list[int]:
    return [f.target.paragraph for f in result.findings if f.kind is FindingKind.UNTRANSLATED]


@pytest.mark.parametrize(("least", "expected"), [(8, [1]), (9, [])])
def test_the_untranslated_threshold_reaches_the_detector(least, expected):
    left = [FR[0], DE[1], *FR[2:]]  # the second paragraph left in German: 8 words of letters
    result = run("\n\n", {"detection.min_words_untranslated": least}, target=left)
    assert untranslated(result) == expected


def test_corrections_by_hand_detect_with_the_comparisons_tuning():
    """A correction re-detects the links it touches with the tuning the comparison was made
    with, not the defaults."""
    left = [FR[0], DE[1], *FR[2:]]
    for least, expected in ((8, [1]), (9, [])):
        result = run("\n\n", {"detection.min_words_untranslated": least}, target=left)
        joined = apply_corrections(result, [correction(result, Action.JOIN, 0)]).comparison
        assert joined.links[0].source == (0, 1)  # the untranslated paragraph's link, redone
        assert untranslated(joined) == expected


@pytest.mark.semantic
@pytest.mark.skipif(not semantic_available(), reason="needs the semantic extra")
def test_a_stricter_lone_sentence_threshold_drops_the_semantic_finding():
    added = "Personne ne savait alors ce que cette décision allait changer pour le secteur."
    target = [*FR[:2], added, *FR[2:]]
    default = run(" ", scorer="semantic", target=target)
    assert one_sided(default) == [quote_text(added)]
    # the evidence is a joining cost of about 30 log-odds: a threshold above it drops it
    stricter = {"detection.lone_min_log_odds": 60.0}
    assert one_sided(run(" ", stricter, scorer="semantic", target=target)) == []
    # and a costlier skip joins it to a neighbour's bead instead of leaving it alone
    joined = run(" ", {"align.skip": 50.0}, scorer="semantic", target=target)
    assert [link.shape for link in joined.sentence_links] == ["1-1", "1-1", "1-2", "1-1"]
