"""XLIFF 1.2 of the aligned pairs: one ``trans-unit`` per pair, a ``group`` per paragraph bead.

The target's ``state`` carries the review: ``signed-off`` once every finding on the unit has
been decided (reviewed or dismissed), ``needs-review-translation`` while any is open, and
``translated`` for units without findings. The unit's ``approved`` says the same to tools that
read only that (translate-toolkit and the editors built on it show every unit without
``approved="yes"`` as fuzzy): "yes" unless a finding is open. Findings are ``note``s on the
unit that holds their text.

A passage only one version has is a unit of its own, where a CAT tool shows it in its place:
only in the source, an empty ``target`` with ``state="needs-translation"`` (the source text
is untranslated); only in the target, an empty ``source`` (XLIFF 1.2 requires the element,
not content) and the target text with ``needs-review-translation`` while its finding is open.
Its neighbours keep their own state: the unit next to an added title is not marked for it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tui import __version__
from tui.engine.export import ExportOptions
from tui.engine.export._common import (
    aligned_units,
    article_language,
    combined_decision,
    finding_note,
    xml_safe,
)
from tui.engine.model import Comparison, Side
from tui.engine.review import Decision

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS}}}{tag}", attrib)
    if text is not None:
        element.text = xml_safe(text)
    return element


def _state(options: ExportOptions, findings: tuple, only: Side | None = None) -> str:
    if only is Side.SOURCE and combined_decision(options.reviews, findings) is Decision.OPEN:
        return "needs-translation"  # nothing translates it yet
    if not findings:
        return "translated"
    if combined_decision(options.reviews, findings) is Decision.OPEN:
        return "needs-review-translation"
    return "signed-off"


def render_xliff(comparison: Comparison, options: ExportOptions) -> str:
    table = aligned_units(comparison, options.unit, one_sided_units=True)
    source_lang = article_language(comparison.source)
    target_lang = article_language(comparison.target)
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}xliff", version="1.2")
    file = _child(
        root,
        "file",
        **{
            "original": xml_safe(comparison.source.name),
            "source-language": source_lang,
            "target-language": target_lang,
            "datatype": "plaintext",
            "tool-id": "transdiff",
        },
    )
    header = _child(file, "header")
    _child(
        header,
        "tool",
        **{"tool-id": "transdiff", "tool-name": "transdiff", "tool-version": __version__},
    )
    _child(header, "note", f"target file: {comparison.target.name}", **{"from": "transdiff"})
    for note in table.stray_notes:
        _child(header, "note", note, **{"from": "transdiff"})
    for finding in table.stray_findings:
        _child(header, "note", finding_note(finding, options.reviews), **{"from": "transdiff"})
    body = _child(file, "body")
    groups: dict[int, ET.Element] = {}
    for unit in table.units:
        group = groups.get(unit.group)
        if group is None:
            group = groups[unit.group] = _child(body, "group", id=f"p{unit.group + 1}")
        state = _state(options, unit.findings, unit.only)
        approved = "no" if state.startswith("needs-") else "yes"
        tu = _child(group, "trans-unit", id=f"u{unit.index + 1}", approved=approved)
        _child(tu, "source", unit.source_text, **{XML_LANG: source_lang})
        _child(tu, "target", unit.target_text, **{XML_LANG: target_lang, "state": state})
        if unit.only is None:
            _child(tu, "note", f"link score {unit.score:.3f}", **{"from": "transdiff"})
        else:
            language = source_lang if unit.only is Side.SOURCE else target_lang
            only = f"only in the {unit.only.value} ({language})"
            _child(tu, "note", only, **{"from": "transdiff"})
        for note in unit.notes:
            _child(tu, "note", note, **{"from": "transdiff"})
        for finding in unit.findings:
            _child(
                tu,
                "note",
                finding_note(finding, options.reviews),
                **{"from": "transdiff", "priority": _priority(finding.severity.value)},
            )
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'


def _priority(severity: str) -> str:
    # XLIFF note priority runs from 1 (highest) to 10.
    return {"high": "1", "medium": "3", "low": "5"}.get(severity, "5")
