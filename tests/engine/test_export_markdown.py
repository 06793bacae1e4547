"""Markdown report: rendered with a CommonMark parser (raw HTML on) to prove text stays text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from export_fixtures import SCRIPT, make_comparison, without_findings
from markdown_it import MarkdownIt

from tui.engine.export import ExportOptions, render
from tui.engine.model import CompareOptions
from tui.engine.pipeline import compare
from tui.engine.review import Decision, Review
from tui.engine.text.load import load_article

SAMPLES = Path(__file__).parents[2] / "sample_articles"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.strong: list[str] = []
        self._in_strong = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self._in_strong = tag == "strong"

    def handle_endtag(self, tag) -> None:
        if tag == "strong":
            self._in_strong = False

    def handle_data(self, data) -> None:
        self.text.append(data)
        if self._in_strong:
            self.strong.append(data)


def _html(markdown: str) -> _Tags:
    parser = _Tags()
    parser.feed(MarkdownIt("commonmark").enable("table").render(markdown))
    return parser


def test_report_lists_files_counts_and_every_finding() -> None:
    text = render("markdown", make_comparison(), ExportOptions())
    assert "| Source | story.de.txt | de |" in text
    assert "| Target | story.fr.txt | fr |" in text
    assert "| Numbers differ | 1 |" in text
    assert "| Weak match | 0 |" in text
    assert [line[:6] for line in text.splitlines() if line.startswith("### ")] == [
        f"### {n}." for n in range(1, 6)
    ]
    assert "Review:" not in text  # no session, no review state


def test_article_text_is_escaped_and_flagged_spans_are_bold() -> None:
    parsed = _html(render("markdown", make_comparison(), ExportOptions()))
    assert "script" not in parsed.tags
    assert "b" not in parsed.tags
    assert SCRIPT in "".join(parsed.text)
    assert parsed.strong[:2] == ["25", "26"]
    assert "Noch ein Satz." in parsed.strong
    # Each finding's side-by-side table has one header row and one body row of two cells.
    assert parsed.tags.count("table") == 1 + 5 + 1  # files, five findings, counts
    assert parsed.tags.count("td") == 2 * 3 + 2 * 8 + 5 * 2


def test_review_state_and_notes_appear_when_a_session_exists() -> None:
    reviews = {
        "num": Review(Decision.REVIEWED, "asked *the* author"),
        "ins": Review(Decision.DISMISSED),
    }
    text = render("markdown", make_comparison(), ExportOptions(reviews=reviews))
    assert "Review: 1 reviewed, 1 dismissed, 3 open." in text
    assert "Review: **reviewed** · note: asked \\*the\\* author" in text
    assert "Review: **dismissed**" in text
    assert text.count("Review: **open**") == 3


def test_empty_comparison_says_so() -> None:
    text = render("markdown", without_findings(make_comparison()), ExportOptions())
    assert "0 findings" in text
    assert "No findings" in text


def test_sample_pair_renders() -> None:
    comparison = compare(
        load_article(SAMPLES / "ultraman-musk.de.txt"),
        load_article(SAMPLES / "ultraman-musk.fr.txt"),
    )
    text = render("markdown", comparison, ExportOptions())
    parsed = _html(text)
    assert "ultraman-musk.de.txt" in text
    assert text.count("\n### ") == len(comparison.findings)
    assert "script" not in parsed.tags


def test_a_paragraph_only_in_one_version_faces_no_counterpart() -> None:
    """The French headline has no German paragraph: the German cell says so instead of
    showing the neighbouring paragraph as if it were the counterpart."""
    from tui.engine.model import FindingKind

    comparison = compare(
        load_article(SAMPLES / "ultraman-musk.de.txt"),
        load_article(SAMPLES / "ultraman-musk.fr.txt"),
        options=CompareOptions(scorer="lexical"),
    )
    text = render("markdown", comparison, ExportOptions())
    added = [f for f in comparison.findings if f.kind is FindingKind.PARAGRAPH_ONLY_IN_TARGET]
    assert added
    sections = text.split("\n### ")[1:]
    for finding in added:
        [section] = [
            s
            for s in sections
            if finding.message.split(":")[0] in s
            and f"Target (fr) · paragraph {finding.target.paragraph + 1} |" in s
        ]
        neighbour = finding.source.paragraph + 1
        assert f"| Source (de) · next to paragraph {neighbour} |" in section
        assert "| *(not in this version)* |" in section
        assert comparison.source.paragraphs[finding.source.paragraph].text[:20] not in section
