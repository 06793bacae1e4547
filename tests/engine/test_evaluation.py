"""Strict and lax alignment scores, as the field defines them."""

from __future__ import annotations

import doctest

import pytest

import tui.engine.evaluation as evaluation
from tui.engine.evaluation import score_alignments


def test_doctests():
    assert doctest.testmod(evaluation).failed == 0


def test_perfect_alignment_scores_one():
    gold = [([0], [0]), ([1, 2], [1]), ([], [2])]
    scores = score_alignments([(gold, gold)])
    assert scores.strict.f1 == pytest.approx(1.0)
    assert scores.lax.f1 == pytest.approx(1.0)


def test_one_sided_test_links_count_against_precision_only():
    gold = [([0], [0]), ([1], [1])]
    test = [([0], [0]), ([1], []), ([], [1])]
    scores = score_alignments([(test, gold)])
    assert scores.strict.precision == pytest.approx(1 / 3)
    assert scores.strict.recall == pytest.approx(1 / 2)
    # an inexact one-sided link is always a lax error
    assert scores.lax.precision == pytest.approx(1 / 3)


def test_counts_are_summed_over_documents():
    doc_a = ([([0], [0])], [([0], [0])])
    doc_b = ([([0], [1])], [([0], [0])])
    scores = score_alignments([doc_a, doc_b])
    assert scores.strict.precision == pytest.approx(0.5)
