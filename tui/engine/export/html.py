"""A self-contained HTML report: inline CSS, no scripts, no external resources, prints well.

Same content as the Markdown report: files and languages, counts per kind, then every finding
with its message, review state and the two paragraphs side by side, the flagged span in a
``<mark>`` on its side. All article text goes through ``html.escape``.
"""

from __future__ import annotations

from html import escape

from tui.engine.export import ExportOptions
from tui.engine.export._common import (
    KIND_LABELS,
    Unlinked,
    article_language,
    excerpt,
    kind_counts,
    place_of,
    review_counts,
    review_of,
    unlinked_paragraphs,
    xml_safe,
)
from tui.engine.model import Comparison, Finding, FindingKind, Side

# Highlight background per mark class; the Chromium test looks for these colours on screen.
MARK_COLOURS = {"omission": "#ffb199", "insertion": "#9fe0a8", "mismatch": "#ffe066"}

CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
  background: #fff; max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 12px; }
h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 2px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 1em; margin: 0 0 6px; }
table { border-collapse: collapse; }
th, td { text-align: start; vertical-align: top; padding: 6px 10px; border: 1px solid #d0d0d0; }
th { background: #f2f2f4; font-weight: 600; }
.files td:last-child, .counts td:last-child { font-variant-numeric: tabular-nums; }
.counts td:last-child { text-align: right; }
.counts tr.zero td { color: #888; }
.finding { margin: 18px 0 26px; padding-top: 6px; border-top: 1px solid #eee; }
.meta { color: #555; font-size: 0.9em; }
.message { margin: 4px 0 8px; }
.why { margin: 0 0 8px; color: #555; font-size: 90%; }
.pair { width: 100%; table-layout: fixed; }
.pair td { width: 50%; }
.absent { color: #888; font-style: italic; }
mark { padding: 1px 2px; border-radius: 2px; color: inherit; }
.review { display: inline-block; font-size: 0.85em; padding: 1px 8px; border-radius: 10px;
  border: 1px solid #bbb; }
.review.reviewed { background: #e3f4e6; border-color: #7cbf8a; }
.review.dismissed { background: #eee; color: #666; text-decoration: line-through; }
.review.open { background: #fff4d6; border-color: #e0b84a; }
.note { font-style: italic; }
.warnings { color: #8a5a00; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 10pt; max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .finding { break-inside: avoid; }
  mark, .review, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def _mark_class(kind: FindingKind, side: Side) -> str:
    if kind is FindingKind.WORDING_CHANGED:  # a word diff: old words removed, new ones added
        return "omission" if side is Side.SOURCE else "insertion"
    if kind.is_omission:
        return "omission"
    if kind.is_insertion:
        return "insertion"
    return "mismatch"


def _css() -> str:
    marks = "".join(
        f"mark.{name} {{ background: {colour}; }}\n" for name, colour in MARK_COLOURS.items()
    )
    return CSS + marks


def _text(value: str) -> str:
    return escape(xml_safe(value), quote=True)


def _cell(comparison: Comparison, finding: Finding, side: Side, unlinked: Unlinked) -> str:
    language = article_language(comparison.article(side))
    part = excerpt(comparison, finding, side, unlinked)
    if part is None:
        return '<td class="absent">not in this version</td>'
    # An empty span only says which paragraph is the partner: show it unmarked.
    middle = ""
    if part.flagged:
        middle = f'<mark class="{_mark_class(finding.kind, side)}">{_text(part.flagged)}</mark>'
    # dir="auto": a browser lays out Arabic or Hebrew right to left, from the text itself
    return f'<td lang="{language}" dir="auto">{_text(part.before)}{middle}{_text(part.after)}</td>'


def _side_heading(comparison: Comparison, finding: Finding, side: Side, unlinked: Unlinked) -> str:
    language = article_language(comparison.article(side))
    where = place_of(finding, side, unlinked)
    return f"<th>{side.value.capitalize()} ({_text(language)}){where}</th>"


def _finding(
    comparison: Comparison,
    options: ExportOptions,
    number: int,
    finding: Finding,
    unlinked: Unlinked,
) -> str:
    review_html = ""
    if options.reviews:
        review = review_of(options.reviews, finding)
        decision = review.decision.value
        review_html = f' <span class="review {decision}">{decision}</span>'
        if review.note:
            review_html += f' <span class="note">{_text(review.note)}</span>'
    why_html = f'<p class="why">Why: {_text(finding.why)}</p>\n' if finding.why else ""
    headings = "".join(_side_heading(comparison, finding, side, unlinked) for side in Side)
    cells = "".join(_cell(comparison, finding, side, unlinked) for side in Side)
    return (
        f'<section class="finding {finding.kind.value}" id="finding-{number}">\n'
        f"<h3>{number}. {KIND_LABELS[finding.kind]}{review_html}</h3>\n"
        f'<div class="meta">{finding.severity.value} severity · confidence '
        f"{finding.confidence:.2f} · id {_text(finding.id)}</div>\n"
        f'<p class="message">{_text(finding.message)}</p>\n'
        f"{why_html}"
        f'<table class="pair"><thead><tr>{headings}</tr></thead>\n'
        f"<tbody><tr>{cells}</tr></tbody></table>\n"
        "</section>\n"
    )


def render_html(comparison: Comparison, options: ExportOptions) -> str:
    source, target = comparison.source, comparison.target
    title = f"transdiff: {source.name} ↔ {target.name}"
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        # Belt and braces: even a bug in escaping could not run a script or fetch anything.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n",
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{_text(title)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n",
        "<h1>transdiff report</h1>\n",
        '<table class="files"><thead><tr><th></th><th>File</th><th>Language</th></tr></thead>'
        "<tbody>\n",
    ]
    for side in Side:
        article = comparison.article(side)
        parts.append(
            f"<tr><th>{side.value.capitalize()}</th><td>{_text(article.name)}</td>"
            f"<td>{_text(article_language(article))}</td></tr>\n"
        )
    parts.append("</tbody></table>\n")
    findings = comparison.findings
    summary = f"{len(findings)} findings · scorer: {_text(comparison.scorer)}"
    if options.reviews:
        counts = review_counts(options.reviews, findings)
        summary += (
            f" · {counts['reviewed']} reviewed, {counts['dismissed']} dismissed, "
            f"{counts['open']} open"
        )
    parts.append(f'<p class="meta">{summary}</p>\n')
    warnings = (*source.warnings, *target.warnings, *comparison.warnings)
    if warnings:
        items = "".join(f"<li>{_text(w)}</li>" for w in warnings)
        parts.append(f'<ul class="warnings">{items}</ul>\n')
    parts.append(
        '<h2>Findings per kind</h2>\n<table class="counts"><thead><tr><th>Kind</th>'
        "<th>Count</th></tr></thead><tbody>\n"
    )
    for kind, count in kind_counts(comparison):
        zero = ' class="zero"' if not count else ""
        parts.append(f"<tr{zero}><td>{KIND_LABELS[kind]}</td><td>{count}</td></tr>\n")
    parts.append("</tbody></table>\n<h2>Findings</h2>\n")
    if not findings:
        parts.append("<p>No findings: every passage has a counterpart in the other version.</p>\n")
    unlinked = unlinked_paragraphs(comparison)
    for number, finding in enumerate(findings, 1):
        parts.append(_finding(comparison, options, number, finding, unlinked))
    parts.append("</body>\n</html>\n")
    return "".join(parts)
