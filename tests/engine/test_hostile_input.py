"""Crashes found by benchmarks/hostile.py, each with its input reduced to a minimum (issue 17)."""

from __future__ import annotations

import pytest
from invariants import check_comparison

from tui.engine.model import CompareOptions
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text

LEXICAL = CompareOptions(scorer="lexical")


def _compare_texts(source: str, target: str):
    source_article = article_from_text(source, fmt="text")
    target_article = article_from_text(target, fmt="text")
    comparison = compare(source_article, target_article, options=LEXICAL)
    check_comparison(comparison)
    return comparison


def _linked_target_texts(comparison) -> list[list[str]]:
    """Target paragraph texts of each link holding source paragraphs."""
    paragraphs = comparison.target.paragraphs
    return [[paragraphs[j].text for j in link.target] for link in comparison.links if link.source]


# A few lines against a long file whose copy of them comes late: the paragraph DP's first band
# misses the copy, and the re-centred band began row 0 where that path left it (column 160)
# instead of column 0. The traceback then read the start cell's unset back-pointer (-1) as
# the last bead type (3-1) and walked off the table: a negative bead reached the scorer
# (found_weight), or the table itself (_run_dp), or a third band built around that bogus
# path missed the end (RuntimeError). Each case below crashed in its own way before.
@pytest.mark.parametrize(
    ("source", "target"),
    [
        # IndexError: index -3 is out of bounds for axis 0 with size 2 (found_weight)
        ("1.\n2.", "a.\n" * 160 + "1.\n2.\n" * 2),
        # IndexError: index -256 is out of bounds for axis 1 with size 242 (_run_dp)
        (
            "1.\n2.\n3.\n4.\n5.\n6.\n7.",
            "a.\n" * 100 + "1.\n2.\n3.\n4.\n5.\n6.\n7.\n" * 2 + "b.\n" * 450,
        ),
        # RuntimeError: alignment band does not reach the end of both documents
        ("1.\n2.\n3.", "a.\n" * 100 + "1.\n2.\n3.\n" * 2 + "b.\n" * 250),
    ],
    ids=["found-weight-index", "run-dp-index", "band-misses-end"],
)
def test_late_copy_in_a_long_target_is_found(source, target):
    comparison = _compare_texts(source, target)
    # the first source line is linked, and with one of its copies (not with the filler)
    assert "1." in _linked_target_texts(comparison)[0]


@pytest.mark.parametrize(
    ("html", "paragraphs"),
    [
        # AssertionError: unknown status keyword 'x ' in marked section (html.parser)
        ("a<![x b", ["a<![x b"]),
        # AssertionError: expected name token at '<![ b'
        ("a<![ b", ["a<![ b"]),
        # the same, closed: a bogus comment up to the ">", as browsers read it
        ("<p>a<![CDAT\n\nb]></p><p>c</p>", ["a", "c"]),
        # marked sections the parser knows still work
        ("<p>x<![CDATA[y]]>z</p><p>x<![if !supportLists]>y<![endif]>z</p>", ["xz", "xyz"]),
    ],
)
def test_malformed_marked_sections_in_html(html, paragraphs):
    article = article_from_text(html, fmt="html")
    assert [p.text for p in article.paragraphs] == paragraphs


@pytest.mark.parametrize(("zeros", "across", "flagged"), [(1200, 1200, 0), (1200, 1199, 1)])
def test_a_table_of_a_thousand_equal_numbers_is_matched_without_recursion(
    zeros: int, across: int, flagged: int
) -> None:
    """A review found a paragraph of about a thousand equal numbers (a table of zeros) stop
    the comparison with a RecursionError: the number matching searched its augmenting
    paths recursively, one level per equal number before it."""
    source = "Werte: " + ", ".join(["0"] * zeros) + "."
    target = "Values: " + ", ".join(["0"] * across) + "."
    result = compare(
        article_from_text(source, language="de"),
        article_from_text(target, language="en"),
        options=CompareOptions(scorer="lexical"),
    )
    numbers = [f for f in result.findings if f.kind.value == "number_mismatch"]
    assert len(numbers) == flagged


@pytest.mark.parametrize("run", ["one" * 700, "drei" * 1000])
def test_a_long_glued_run_of_number_words_is_no_number(run: str) -> None:
    """A review found a word of 2,000 letters made of number words stop the comparison with
    a RecursionError: it was read form by form, one level each."""
    result = compare(
        article_from_text(f"The code was {run} today.", language="en"),
        article_from_text("Der Code war heute anders.", language="de"),
        options=CompareOptions(scorer="lexical"),
    )
    assert [f for f in result.findings if f.kind.value == "number_mismatch"] == []
