"""The sample pair against the hand-made gold in ../shared/gold (skipped where it is absent)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="no ../shared/gold here")

sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def report():
    from accuracy import sample_report

    return sample_report(SHARED, "lexical")


def test_all_78_gold_paragraph_links(report):
    gold = json.loads((SHARED / "gold/paragraphs.json").read_text(encoding="utf-8"))
    links = {(link.source, link.target) for link in report["result"].links}
    assert links == {(tuple(s), tuple(t)) for s, t in gold["links"]}


@pytest.mark.parametrize("kind", ["paragraph_only_in_fr", "quote_mismatch", "fact_differs"])
def test_major_differences_of_this_kind_are_flagged(report, kind):
    required = [(d, hit) for d, hit in report["required"] if d["kind"] == kind]
    assert required
    assert all(hit for _, hit in required)


@pytest.mark.xfail(
    strict=True,
    reason="known gap: the lexical scorer folds FR 30's and FR 42's added sentences into 1-2 "
    "sentence links; issue 2 stays open on this",
)
def test_sentences_only_in_french_are_flagged(report):
    required = [hit for d, hit in report["required"] if d["kind"] == "sentence_only_in_fr"]
    assert required
    assert all(required)


def test_at_most_eight_findings_overlap_no_gold_difference(report):
    assert len(report["unmatched"]) <= 8
