"""A Markdown report to send to a translator: files, counts per kind, then every finding.

Each finding shows its message, the editor's review (when a review session holds any) and the
two paragraphs side by side in a table, the flagged span in bold. Article text is escaped so
that nothing in it turns into Markdown or HTML.
"""

from __future__ import annotations

import re

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
)
from tui.engine.model import Comparison, Finding, Side

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")
_SPACE = re.compile(r"\s+")


def md_escape(text: str) -> str:
    r"""``text`` as literal Markdown inline content (also safe inside a table cell).

    >>> md_escape("a|b <script> *x*")
    'a\\|b \\<script\\> \\*x\\*'
    """
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text))


def _cell(comparison: Comparison, finding: Finding, side: Side, unlinked: Unlinked) -> str:
    part = excerpt(comparison, finding, side, unlinked)
    if part is None:
        return "*(not in this version)*"
    if not part.flagged.strip():
        # An empty span only says which paragraph is the partner: show it unmarked.
        return md_escape(part.before + part.flagged + part.after).strip()
    # Emphasis markers must touch non-space characters, so keep outer spaces outside them.
    lead = " " if part.flagged[:1].isspace() else ""
    trail = " " if part.flagged[-1:].isspace() else ""
    flagged = f"{lead}**{md_escape(part.flagged.strip())}**{trail}"
    return f"{md_escape(part.before)}{flagged}{md_escape(part.after)}".strip()


def _side_heading(comparison: Comparison, finding: Finding, side: Side, unlinked: Unlinked) -> str:
    language = article_language(comparison.article(side))
    where = place_of(finding, side, unlinked)
    return f"{side.value.capitalize()} ({language}){where}"


def render_markdown(comparison: Comparison, options: ExportOptions) -> str:
    out: list[str] = ["# transdiff report", ""]
    out += ["| | File | Language |", "|---|---|---|"]
    for side in Side:
        article = comparison.article(side)
        out.append(
            f"| {side.value.capitalize()} | {md_escape(article.name)} "
            f"| {article_language(article)} |"
        )
    findings = comparison.findings
    out += ["", f"{len(findings)} findings (scorer: {md_escape(comparison.scorer)})."]
    reviewed = bool(options.reviews)
    if reviewed:
        counts = review_counts(options.reviews, findings)
        out.append(
            f"Review: {counts['reviewed']} reviewed, {counts['dismissed']} dismissed, "
            f"{counts['open']} open."
        )
    warnings = (*comparison.source.warnings, *comparison.target.warnings, *comparison.warnings)
    if warnings:
        out += ["", "Warnings:", ""] + [f"- {md_escape(w)}" for w in warnings]
    out += ["", "## Findings per kind", "", "| Kind | Count |", "|---|---:|"]
    for kind, count in kind_counts(comparison):
        out.append(f"| {KIND_LABELS[kind]} | {count} |")
    out += ["", "## Findings", ""]
    unlinked = unlinked_paragraphs(comparison)
    if not findings:
        out += ["No findings: every passage has a counterpart in the other version.", ""]
    for number, finding in enumerate(findings, 1):
        out += [
            f"### {number}. {KIND_LABELS[finding.kind]} · {finding.severity.value} "
            f"· confidence {finding.confidence:.2f}",
            "",
            md_escape(finding.message),
            "",
        ]
        if finding.why:
            out += [f"Why: {md_escape(finding.why)}", ""]
        if reviewed:
            review = review_of(options.reviews, finding)
            line = f"Review: **{review.decision.value}**"
            if review.note:
                line += f" · note: {md_escape(review.note)}"
            out += [line, ""]
        out += [
            f"| {_side_heading(comparison, finding, Side.SOURCE, unlinked)} "
            f"| {_side_heading(comparison, finding, Side.TARGET, unlinked)} |",
            "|---|---|",
            f"| {_cell(comparison, finding, Side.SOURCE, unlinked)} "
            f"| {_cell(comparison, finding, Side.TARGET, unlinked)} |",
            "",
        ]
    return "\n".join(out)
