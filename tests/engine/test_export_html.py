"""HTML report: parsed back; self-contained, no scripts, text escaped, spans marked."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from export_fixtures import SCRIPT, SOURCE_TEXTS, make_comparison, without_findings

from tui.engine.export import ExportOptions, render
from tui.engine.export.html import MARK_COLOURS
from tui.engine.pipeline import compare
from tui.engine.review import Decision, Review
from tui.engine.text.load import load_article

SAMPLES = Path(__file__).parents[2] / "sample_articles"
EXTERNAL = {
    "script",
    "link",
    "img",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "source",
    "base",
    "form",
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.style = ""
        self.marks: list[tuple[str, str]] = []  # (class, text)
        self._stack: list[str] = []
        self._mark_class: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        self._stack.append(tag)
        if tag == "mark":
            self._mark_class = dict(attrs).get("class")
            self.marks.append((self._mark_class or "", ""))

    def handle_endtag(self, tag) -> None:
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if tag == "mark":
            self._mark_class = None

    def handle_data(self, data) -> None:
        if self._stack and self._stack[-1] == "style":
            self.style += data
            return
        self.text.append(data)
        if self._mark_class is not None:
            cls, text = self.marks[-1]
            self.marks[-1] = (cls, text + data)


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_report_is_self_contained_without_scripts() -> None:
    html = render("html", make_comparison(), ExportOptions())
    page = _page(html)
    assert html.startswith("<!DOCTYPE html>")
    assert not EXTERNAL & set(page.tags)
    assert not [name for name, _ in page.attrs if name in {"src", "href", "srcset"}]
    assert not [name for name, _ in page.attrs if name.startswith("on")]
    assert "url(" not in page.style
    assert "@import" not in page.style
    assert "@media print" in page.style
    assert page.tags.count("style") == 1


def test_article_text_with_markup_shows_as_text() -> None:
    page = _page(render("html", make_comparison(), ExportOptions()))
    text = "".join(page.text)
    assert SCRIPT in text  # shown, as text
    assert "script" not in page.tags
    assert "the target adds a paragraph <b>here</b>" in text  # messages are escaped too
    assert "b" not in page.tags


def test_flagged_spans_are_marked_on_their_side() -> None:
    page = _page(render("html", make_comparison(), ExportOptions()))
    assert page.marks == [
        ("mismatch", "25"),
        ("mismatch", "26"),
        ("omission", "Noch ein Satz."),
        ("omission", SOURCE_TEXTS[2]),
        ("mismatch", "Der Schluss mit Steuerzeichen."),
        ("insertion", "Seulement en français."),
    ]
    assert {cls for cls, _ in page.marks} <= set(MARK_COLOURS)
    for cls, colour in MARK_COLOURS.items():
        assert f"mark.{cls} {{ background: {colour}; }}" in page.style


def test_header_names_files_languages_and_counts_per_kind() -> None:
    page = _page(render("html", make_comparison("de", "zh-cn"), ExportOptions()))
    text = "".join(page.text)
    assert "story.de.txt" in text
    assert "story.fr.txt" in text
    assert "zh-CN" in text
    assert "Numbers differ1" in text.replace("\n", "")
    assert "Weak match0" in text.replace("\n", "")
    assert page.tags.count("section") == 5


def test_review_state_is_shown_when_a_session_exists() -> None:
    html = render("html", make_comparison(), ExportOptions())
    assert 'class="review' not in html
    reviews = {"num": Review(Decision.REVIEWED, "<i>asked</i> the author")}
    page = _page(render("html", make_comparison(), ExportOptions(reviews=reviews)))
    text = "".join(page.text)
    assert "1 reviewed, 0 dismissed, 4 open" in text
    assert "<i>asked</i> the author" in text
    assert "i" not in page.tags


def test_no_findings_and_sample_pair() -> None:
    page = _page(render("html", without_findings(make_comparison()), ExportOptions()))
    assert "No findings" in "".join(page.text)
    assert page.marks == []
    comparison = compare(
        load_article(SAMPLES / "ultraman-musk.de.txt"),
        load_article(SAMPLES / "ultraman-musk.fr.txt"),
    )
    page = _page(render("html", comparison, ExportOptions()))
    assert page.tags.count("section") == len(comparison.findings)
    assert not EXTERNAL & set(page.tags)


def test_article_text_takes_its_direction_from_itself() -> None:
    """Arabic or Hebrew excerpts must lay out right to left in a browser: each text cell
    says dir="auto", and cells align to their start, not to the left."""
    page = _page(render("html", make_comparison(), ExportOptions()))
    cells = [attrs for attrs in page.attrs if attrs == ("dir", "auto")]
    assert len(cells) == page.attrs.count(("lang", "de")) + page.attrs.count(("lang", "fr"))
    assert cells
    assert "text-align: start" in page.style
