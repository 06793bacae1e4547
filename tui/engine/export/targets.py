"""Reports on one source and several targets, built around the two-file exporters.

``json`` (schema ``transdiff-targets/1``) holds, in ``comparisons``, exactly the document a
two-file run writes for each pair, in the order the targets were given; ``text`` and
``markdown`` put a summary and the coverage marks first, then each pair's own report. The
other formats hold one pair each: ``one_file_per_target`` names a file for each target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui.engine.export import ExportOptions, render
from tui.engine.export.json import _dump, to_json
from tui.engine.export.markdown import md_escape
from tui.engine.model import Article
from tui.engine.targets import Coverage, CoverageMark, TargetsComparison

SCHEMA = "transdiff-targets/1"
COMBINED = ("json", "text", "markdown")
"""Formats whose one report holds every target; the others write one file per target."""

MARK_SYMBOL: dict[CoverageMark, str] = {
    CoverageMark.IN_NO_TARGET: "∅",
    CoverageMark.IN_ONE_TARGET: "¹",
}
MARK_LABEL: dict[CoverageMark, str] = {
    CoverageMark.IN_NO_TARGET: "in no target",
    CoverageMark.IN_ONE_TARGET: "in one target only",
}
_EXCERPT = 70


def render_targets(name: str, result: TargetsComparison, options: Sequence[ExportOptions]) -> str:
    """The report in format ``name`` (one of ``COMBINED``); ``options`` has one per target."""
    if len(options) != len(result.comparisons):
        raise ValueError("one ExportOptions per target")
    if name == "json":
        return _dump(targets_json(result, options)) + "\n"
    if name == "text":
        return _text(result, options)
    if name == "markdown":
        return _markdown(result, options)
    raise ValueError(f"{name} holds one pair per file; see one_file_per_target")


def targets_json(result: TargetsComparison, options: Sequence[ExportOptions]) -> dict[str, Any]:
    """The whole result as plain JSON values."""
    return {
        "schema": SCHEMA,
        "source": result.source.path,
        "targets": [t.path for t in result.targets],
        "coverage": [
            {"paragraph": c.paragraph, "present_in": list(c.present_in), "mark": c.mark.value}
            for c in result.coverage()
        ],
        "comparisons": [
            to_json(comparison, opts)
            for comparison, opts in zip(result.comparisons, options, strict=True)
        ],
    }


def one_file_per_target(output: str | Path, targets: Sequence[Article]) -> list[Path]:
    """Where each target's report goes: ``report.html`` -> ``report.fr.html``, ``report.en.html``
    when the targets' languages are known and distinct, else ``report.1.html``, ``report.2.html``.

    >>> from tui.engine.model import Article
    >>> [str(p) for p in one_file_per_target("r.tmx", [Article((), language="fr"),
    ...                                                 Article((), language="en")])]
    ['r.fr.tmx', 'r.en.tmx']
    >>> [str(p) for p in one_file_per_target("r.tmx", [Article((), language="fr")] * 2)]
    ['r.1.tmx', 'r.2.tmx']
    """
    path = Path(output)
    languages = [t.language for t in targets]
    distinct = all(languages) and len(set(languages)) == len(languages)
    tags = languages if distinct else [str(k + 1) for k in range(len(targets))]
    return [path.with_name(f"{path.stem}.{tag}{path.suffix}") for tag in tags]


def describe(result: TargetsComparison, item: Coverage) -> str:
    """``¶4 in no target`` / ``¶7 only in b.en.txt``: one coverage mark in words."""
    if item.mark is CoverageMark.IN_NO_TARGET:
        return f"¶{item.paragraph + 1} is in no target"
    (only,) = item.present_in
    return f"¶{item.paragraph + 1} is only in target {only + 1} ({result.targets[only].name})"


def _snippet(result: TargetsComparison, paragraph: int) -> str:
    text = " ".join(result.source.paragraphs[paragraph].text.split())
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"


def _text(result: TargetsComparison, options: Sequence[ExportOptions]) -> str:
    count = len(result.comparisons)
    source = result.source
    lines = [
        f"transdiff report: one source, {count} targets",
        "",
        f"source: {source.name} ({source.language or 'und'}, {len(source.paragraphs)} paragraphs)",
    ]
    for k, comparison in enumerate(result.comparisons):
        target, findings = comparison.target, len(comparison.findings)
        noun = "finding" if findings == 1 else "findings"
        lines.append(
            f"target {k + 1}: {target.name} ({target.language or 'und'}): {findings} {noun}"
        )
    lines.append("")
    marked = result.coverage()
    if marked:
        lines.append("source paragraphs missing from the targets:")
        for item in marked:
            lines.append(f"  {MARK_SYMBOL[item.mark]} {describe(result, item)}")
            lines.append(f"      {_control_free(_snippet(result, item.paragraph))}")
    else:
        lines.append("every source paragraph is in at least two targets")
    out = "\n".join(lines) + "\n"
    for k, (comparison, opts) in enumerate(zip(result.comparisons, options, strict=True)):
        rule = f"══ target {k + 1} of {count}: {comparison.target.name} "
        out += "\n" + _control_free(rule).ljust(80, "═") + "\n\n"
        out += render("text", comparison, opts)
    return out


def _control_free(text: str) -> str:
    # Article text reaches a terminal: control characters become visible pictures.
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: chr(0x2400 + min(ord(m.group()), 0x21)), text)


def _markdown(result: TargetsComparison, options: Sequence[ExportOptions]) -> str:
    count = len(result.comparisons)
    source = result.source
    lines = [
        f"# transdiff report: one source, {count} targets",
        "",
        "| | File | Language | Findings |",
        "|---|---|---|---:|",
        f"| Source | {md_escape(source.name)} | {md_escape(source.language or 'und')} | |",
    ]
    for k, comparison in enumerate(result.comparisons):
        target = comparison.target
        lines.append(
            f"| Target {k + 1} | {md_escape(target.name)} | "
            f"{md_escape(target.language or 'und')} | {len(comparison.findings)} |"
        )
    lines += ["", "## Source paragraphs missing from the targets", ""]
    marked = result.coverage()
    if marked:
        lines += ["| Source paragraph | Mark | Present in | Text |", "|---:|---|---|---|"]
        for item in marked:
            present = ", ".join(f"target {k + 1}" for k in item.present_in) or "none"
            lines.append(
                f"| {item.paragraph + 1} | {MARK_SYMBOL[item.mark]} {MARK_LABEL[item.mark]} | "
                f"{present} | {md_escape(_snippet(result, item.paragraph))} |"
            )
    else:
        lines.append("Every source paragraph is in at least two targets.")
    out = "\n".join(lines) + "\n"
    for comparison, opts in zip(result.comparisons, options, strict=True):
        out += "\n---\n\n" + render("markdown", comparison, opts)
    return out
