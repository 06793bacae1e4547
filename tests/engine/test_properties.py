"""Properties of the whole comparison on generated hostile text (issue 17).

Text is built from pieces of many scripts, bidi and zero-width characters, ANSI escapes and
other controls, markup, byte-order marks, runs of blank lines and lone punctuation, from
nothing to a few dozen paragraphs, and lopsided pairs (many paragraphs against one piece).
Whatever the input: no exception but the loader's InputError, every export renders, and the
alignment keeps its invariants (see invariants.py). Runs are bounded (``max_examples``) so
the suite stays fast; a failing example is printed by Hypothesis, ready to reduce.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from invariants import ONE_SIDED, check_comparison, check_segmentation

from tui.engine.errors import InputError
from tui.engine.export import FORMATS, ExportOptions, render
from tui.engine.model import Article, CompareOptions, Comparison
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text

LEXICAL = CompareOptions(scorer="lexical")
BOUNDED = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SCRIPTS = (
    "Die Regierung zahlte am 3. Mai 2021 genau 1.250,50 Euro.",
    "« Le gouvernement a versé 1 250,50 euros le 3 mai 2021. »",
    "The government paid €1,250.50 on 3 May 2021.",
    "قررت الحكومة في 3 مايو 2021 دفع ١٢٥٠ يورو.",
    "הממשלה החליטה ב-3 במאי 2021.",
    "Правительство решило 3 мая 2021 года.",
    "Η κυβέρνηση αποφάσισε στις 3 Μαΐου.",
    "政府于2021年5月3日决定支付１２５０欧元。",
    "「はい」と彼は言った！",
    "정부는 2021년 5월 3일 결정했다.",
    "सरकार ने फैसला किया। क्या?",
    "รัฐบาลตัดสินใจ",
    "Z̷̢a̸͎l̵g̶o̴ ȩ\u0301\u0301",
    "👍🏽 🇩🇪 👨\u200d👩\u200d👧",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛 ﬁ ß İ",
)
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE += "\u200e\u200f\u061c\u00ad\u034f"
CONTROLS = ("\x1b[31m", "\x1b[0m", "\x1b]0;title\x07", "\x1b", "\x07", "\x08", "\x0b", "\x7f")
MARKUP = (
    "<b>",
    "</p>",
    "<p>",
    "<script>x</script>",
    "<![CDATA[x]]>",
    "<![ x",
    "&amp;",
    "&#x202e;",
    "[bold]",
    "[@click=app.quit]",
    "**",
    "# ",
    "> ",
    "- ",
    "1. ",
    "| a | b |",
    "```",
    "<",
    "&",
)
PUNCTUATION = (". . .", ".", "...", "…", "!!!", "?", "«", "»", "„", "“", "”", "(", ")", "。", "！")
NUMBERS = ("0", "1.234,56", "3,5 %", "1e9", "٣٤٥", "１２", "½", "2021", "elf", "onze", "drei")
SPACES = (" ", "  ", "\t", "\u00a0", "\u2028", "\u2029", "\u3000", "\r", "\r\n")
BREAKS = ("\n", "\n\n", "\n\n\n\n\n\n", "\n \n\t\n", "\r\n\r\n")

pieces = st.one_of(
    st.sampled_from(SCRIPTS),
    st.sampled_from(SCRIPTS).flatmap(
        lambda s: st.tuples(st.integers(0, len(s)), st.integers(0, len(s))).map(
            lambda ab: s[min(ab) : max(ab)]  # cut anywhere, inside a cluster too
        )
    ),
    st.text(alphabet=INVISIBLE, min_size=1, max_size=3),
    st.sampled_from(CONTROLS),
    st.sampled_from(MARKUP),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(NUMBERS),
    st.sampled_from(SPACES),
    st.text(max_size=8),  # any code point at all
)


@st.composite
def hostile_paragraph(draw: st.DrawFn) -> str:
    parts = draw(st.lists(pieces, min_size=1, max_size=12))
    glue = draw(st.sampled_from((" ", "", "\n")))
    return glue.join(parts)


@st.composite
def hostile_text(draw: st.DrawFn, max_paragraphs: int = 12) -> str:
    paragraphs = draw(st.lists(hostile_paragraph(), max_size=max_paragraphs))
    breaks = draw(st.lists(st.sampled_from(BREAKS), min_size=len(paragraphs)))
    bom = draw(st.sampled_from(("", "\ufeff")))
    return bom + "".join(p + b for p, b in zip(paragraphs, breaks, strict=False))


formats = st.sampled_from(("text", "markdown", "html"))


def _article(text: str, fmt: str) -> Article | None:
    """The article of ``text``; None when there is none (empty, white space only, no text:
    the one error an input may give)."""
    try:
        return article_from_text(text, fmt=fmt)
    except InputError:
        return None


@st.composite
def hostile_pairs(draw: st.DrawFn) -> tuple[str, str, str, str]:
    """Two hostile texts; a third of the pairs lopsided (many paragraphs against one piece)."""
    if draw(st.integers(0, 2)) == 0:
        long, short = draw(hostile_text(max_paragraphs=60)), draw(hostile_paragraph())
        pair = (long, short) if draw(st.booleans()) else (short, long)
    else:
        pair = (draw(hostile_text()), draw(hostile_text()))
    return (*pair, draw(formats), draw(formats))


def _render_everything(comparison: Comparison) -> None:
    """Every format renders; JSON parses and XML is well-formed."""
    for name in sorted(FORMATS):
        units = ("sentence", "paragraph") if name in ("tmx", "xliff", "tsv") else ("sentence",)
        for unit in units:
            for color in (False, True) if name == "text" else (False,):
                report = render(name, comparison, ExportOptions(unit=unit, color=color))
                assert isinstance(report, str)
                if name == "json":
                    assert json.loads(report)["schema"] == "transdiff/1"
                if name in ("tmx", "xliff"):
                    ET.fromstring(report.encode("utf-8"))


@BOUNDED
@given(text=hostile_text(max_paragraphs=30), fmt=formats)
def test_segmentation_covers_every_visible_character(text: str, fmt: str) -> None:
    article = _article(text, fmt)
    assume(article is not None)
    check_segmentation(article)


@BOUNDED
@given(pair=hostile_pairs())
def test_comparison_keeps_its_invariants_and_every_format_renders(pair) -> None:
    source_text, target_text, source_fmt, target_fmt = pair
    source, target = _article(source_text, source_fmt), _article(target_text, target_fmt)
    assume(source is not None and target is not None)
    comparison = compare(source, target, options=LEXICAL)
    check_comparison(comparison)
    _render_everything(comparison)


@st.composite
def lopsided_lines(draw: st.DrawFn) -> tuple[str, str]:
    """Up to four short lines against up to 250 (one paragraph per line): the aligner's band
    is narrow against the long side, and re-centred when the path runs along its edge; the
    short lines are often copied somewhere in the long side."""
    short = [" ".join(p.split()) or "." for p in draw(st.lists(hostile_paragraph(), max_size=4))]
    short = short or ["."]
    filler = draw(st.lists(st.sampled_from((*PUNCTUATION, *NUMBERS, "a.", "b")), min_size=1))
    size = draw(st.integers(20, 250))  # an integer, not a list size: long sides are common
    long = [filler[k % len(filler)] for k in range(size)]
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(long)))
        long[at:at] = short
    short_text, long_text = "\n".join(short), "\n".join(long)
    return (short_text, long_text) if draw(st.booleans()) else (long_text, short_text)


@settings(BOUNDED, max_examples=50)  # each example renders every format of up to 250 rows
@given(pair=lopsided_lines())
def test_lopsided_pairs_keep_the_invariants(pair: tuple[str, str]) -> None:
    source, target = _article(pair[0], "text"), _article(pair[1], "text")
    assume(source is not None and target is not None)
    comparison = compare(source, target, options=LEXICAL)
    check_comparison(comparison)
    _render_everything(comparison)


@BOUNDED
@given(text=hostile_text(max_paragraphs=30), fmt=formats)
def test_a_text_compared_with_itself_is_all_one_to_one(text: str, fmt: str) -> None:
    article = _article(text, fmt)
    assume(article is not None)
    comparison = compare(article, article, options=LEXICAL)
    check_comparison(comparison)
    assert all(link.shape == "1-1" for link in comparison.links)
    assert all(link.shape == "1-1" for link in comparison.sentence_links)
    assert not [f for f in comparison.findings if f.kind in ONE_SIDED]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_an_empty_side_is_an_input_error_not_a_crash(fmt: str) -> None:
    for text in ("", "\ufeff", "\n\n\n\n", " \t\u3000\u2028", "\r\n\r\n"):
        with pytest.raises(InputError):
            article_from_text(text, fmt=fmt)
