"""The sample pair against the hand-made gold in ../shared/gold (skipped where it is absent)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tui.engine.scoring.registry import semantic_available

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="no ../shared/gold here")

sys.path.insert(0, str(ROOT / "benchmarks"))

SEMANTIC = pytest.param(
    "semantic",
    marks=pytest.mark.skipif(not semantic_available(), reason="needs the semantic extra"),
)


@pytest.fixture(scope="module", params=["lexical", SEMANTIC])
def report(request):
    from accuracy import sample_report

    return request.param, sample_report(SHARED, request.param)


def test_all_78_gold_paragraph_links(report):
    _, result = report
    gold = json.loads((SHARED / "gold/paragraphs.json").read_text(encoding="utf-8"))
    links = {(link.source, link.target) for link in result["result"].links}
    assert links == {(tuple(s), tuple(t)) for s, t in gold["links"]}


@pytest.mark.parametrize("kind", ["paragraph_only_in_fr", "quote_mismatch", "fact_differs"])
def test_major_differences_of_this_kind_are_flagged(report, kind):
    _, result = report
    required = [(d, hit) for d, hit in result["required"] if d["kind"] == kind]
    assert required
    assert all(hit for _, hit in required)


def test_sentences_only_in_french_are_flagged(report, request):
    scorer, result = report
    if scorer == "lexical":
        request.applymarker(
            pytest.mark.xfail(
                strict=True,
                reason="known gap: with anchors and lengths alone, FR 30's and FR 42's added "
                "sentences are folded into 1-2 sentence links",
            )
        )
    required = [hit for d, hit in result["required"] if d["kind"] == "sentence_only_in_fr"]
    assert len(required) == 2
    assert all(required)


def test_at_most_eight_findings_overlap_no_gold_difference(report):
    _, result = report
    assert len(result["unmatched"]) <= 8
