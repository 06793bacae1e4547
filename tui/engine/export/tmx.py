"""TMX 1.4b translation memory of the aligned pairs, for CAT tools.

One ``tu`` per two-sided sentence (or paragraph) pair. TMX has no place for content present on
one side only, so such passages become ``note``s on the neighbouring unit; findings become
notes too, and the link score and review state ``prop``s (``x-`` types, as the spec asks for
user-defined properties).
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
from tui.engine.model import Comparison

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = xml_safe(text)
    return element


def render_tmx(comparison: Comparison, options: ExportOptions) -> str:
    table = aligned_units(comparison, options.unit)
    source_lang = article_language(comparison.source)
    target_lang = article_language(comparison.target)
    root = ET.Element("tmx", version="1.4")
    header = _child(
        root,
        "header",
        **{
            "creationtool": "transdiff",
            "creationtoolversion": __version__,
            "segtype": options.unit,
            "o-tmf": "transdiff",
            "adminlang": "en",
            "srclang": source_lang,
            "datatype": "plaintext",
            "o-encoding": "UTF-8",
        },
    )
    _child(header, "prop", comparison.source.name, type="x-transdiff-source-file")
    _child(header, "prop", comparison.target.name, type="x-transdiff-target-file")
    for note in table.stray_notes:
        _child(header, "note", note)
    for finding in table.stray_findings:
        _child(header, "note", finding_note(finding, options.reviews))
    body = _child(root, "body")
    for unit in table.units:
        tu = _child(body, "tu", tuid=str(unit.index + 1))
        # DTD order inside tu: (note | prop)* then tuv+.
        for note in unit.notes:
            _child(tu, "note", note)
        for finding in unit.findings:
            _child(tu, "note", finding_note(finding, options.reviews))
        _child(tu, "prop", f"{unit.score:.3f}", type="x-transdiff-score")
        if unit.findings:
            kinds = ",".join(dict.fromkeys(f.kind.value for f in unit.findings))
            _child(tu, "prop", kinds, type="x-transdiff-findings")
            decision = combined_decision(options.reviews, unit.findings)
            _child(tu, "prop", decision.value, type="x-transdiff-review")
        for lang, text in ((source_lang, unit.source_text), (target_lang, unit.target_text)):
            tuv = _child(tu, "tuv", **{XML_LANG: lang})
            _child(tuv, "seg", text)
    ET.indent(root, space="  ")
    body_text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body_text}\n'
