"""TMX 1.4b: parsed back, checked against the TMX structure, units counted against the engine."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from export_fixtures import (
    SCRIPT,
    TWO_SIDED_PARAGRAPH_LINKS,
    TWO_SIDED_SENTENCE_LINKS,
    make_comparison,
)

from tui import __version__
from tui.engine.export import ExportOptions, render
from tui.engine.model import FindingKind
from tui.engine.pipeline import compare
from tui.engine.review import Decision, Review
from tui.engine.text.load import load_article

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SAMPLES = Path(__file__).parents[2] / "sample_articles"
HEADER_REQUIRED = (
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
)
INLINE = {"bpt", "ept", "it", "ph", "hi", "ut", "sub"}


def tmx_problems(root: ET.Element) -> list[str]:
    """Every departure from the TMX 1.4b structure (DTD content models, required attributes)."""
    problems = []
    if root.tag != "tmx" or root.get("version") != "1.4":
        problems.append(f"root is <{root.tag} version={root.get('version')}>")
    if [child.tag for child in root] != ["header", "body"]:
        problems.append(f"tmx children {[c.tag for c in root]} are not header, body")
        return problems
    header, body = root
    for name in HEADER_REQUIRED:
        if not header.get(name):
            problems.append(f"header lacks {name}")
    if header.get("segtype") not in {"block", "paragraph", "sentence", "phrase"}:
        problems.append(f"bad segtype {header.get('segtype')}")
    for child in header:
        if child.tag not in {"note", "prop", "ude"}:
            problems.append(f"header holds <{child.tag}>")
    for tu in body:
        if tu.tag != "tu":
            problems.append(f"body holds <{tu.tag}>")
            continue
        problems += _content_problems(tu, "tuv", f"tu {tu.get('tuid')}")
        tuvs = tu.findall("tuv")
        if len(tuvs) < 2:
            problems.append(f"tu {tu.get('tuid')} has {len(tuvs)} tuv")
        for tuv in tuvs:
            if not tuv.get(XML_LANG):
                problems.append(f"tu {tu.get('tuid')} has a tuv without xml:lang")
            problems += _content_problems(tuv, "seg", f"tuv in tu {tu.get('tuid')}")
            if len(tuv.findall("seg")) != 1:
                problems.append(f"tuv in tu {tu.get('tuid')} needs exactly one seg")
            for seg in tuv.findall("seg"):
                problems += [f"seg holds <{c.tag}>" for c in seg if c.tag not in INLINE]
    for prop in root.iter("prop"):
        if not prop.get("type"):
            problems.append("prop without type")
    return problems


def _content_problems(element: ET.Element, last: str, where: str) -> list[str]:
    """(note | prop)* followed by ``last`` elements only, as the DTD requires."""
    tags = [child.tag for child in element]
    first_last = tags.index(last) if last in tags else len(tags)
    head, tail = tags[:first_last], tags[first_last:]
    problems = [f"{where}: <{t}> before <{last}>" for t in head if t not in {"note", "prop"}]
    problems += [f"{where}: <{t}> after <{last}>" for t in tail if t != last]
    return problems


def _parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def _props(tu: ET.Element) -> dict[str, str]:
    return {p.get("type"): p.text for p in tu.findall("prop")}


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("sentence", TWO_SIDED_SENTENCE_LINKS), ("paragraph", TWO_SIDED_PARAGRAPH_LINKS)],
)
def test_fixture_is_valid_tmx_with_one_tu_per_two_sided_link(unit: str, expected: int) -> None:
    root = _parse(render("tmx", make_comparison(), ExportOptions(unit=unit)))
    assert tmx_problems(root) == []
    header = root.find("header")
    assert header.get("creationtool") == "transdiff"
    assert header.get("creationtoolversion") == __version__
    assert header.get("segtype") == unit
    assert header.get("adminlang") == "en"
    assert header.get("srclang") == "de"
    assert header.get("datatype") == "plaintext"
    assert len(root.findall("body/tu")) == expected


def test_segments_hold_escaped_text_without_control_characters() -> None:
    root = _parse(render("tmx", make_comparison(), ExportOptions()))
    segs = [tu.findall("tuv/seg") for tu in root.iter("tu")]
    assert [s.text for s in segs[0]] == ["Die Sonne scheint.", "Le soleil brille."]
    # The parser gives the text back verbatim: the markup was escaped, not interpreted.
    assert SCRIPT in segs[2][0].text
    assert "& Co." in segs[2][0].text
    # \x0b and \x00 are illegal in XML 1.0: dropped, the rest kept.
    assert segs[3][0].text == "Der Schluss mit Steuerzeichen."
    assert [tuv.get(XML_LANG) for tuv in root.find("body/tu").findall("tuv")] == ["de", "fr"]


def test_one_sided_content_becomes_notes_on_the_neighbouring_unit() -> None:
    root = _parse(render("tmx", make_comparison(), ExportOptions()))
    tus = root.findall("body/tu")
    notes = [[n.text for n in tu.findall("note")] for tu in tus]
    # Source-only sentence and paragraph follow unit 3, so they land on it.
    assert "only in the source (de): Noch ein Satz." in notes[2]
    assert "only in the source (de): Nur im Deutschen vorhanden." in notes[2]
    # The target-only last paragraph has no unit after it: it goes to the one before.
    assert "only in the target (fr): Seulement en français." in notes[3]
    assert notes[0] == []
    all_segs = " ".join(s.text for s in root.iter("seg"))
    assert "Nur im Deutschen" not in all_segs
    assert "Seulement" not in all_segs


def test_score_findings_and_review_state_are_props() -> None:
    reviews = {"num": Review(Decision.REVIEWED, "checked with the author")}
    root = _parse(render("tmx", make_comparison(), ExportOptions(reviews=reviews)))
    tus = root.findall("body/tu")
    assert _props(tus[0]) == {"x-transdiff-score": "0.900"}
    assert _props(tus[1]) == {
        "x-transdiff-score": "0.800",
        "x-transdiff-findings": "number_mismatch",
        "x-transdiff-review": "reviewed",
    }
    assert any("checked with the author" in n.text for n in tus[1].findall("note"))
    assert _props(tus[2])["x-transdiff-review"] == "open"


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "expected"),
    [
        ("de", "fr", ["de", "fr"]),  # ISO 639-1 as langdetect gives it
        ("zh-cn", "pt_br", ["zh-CN", "pt-BR"]),  # region upper-cased, underscore fixed
        (None, None, ["und", "und"]),  # unknown: the BCP-47 "undetermined" tag
    ],
)
def test_languages_are_bcp47(source_lang, target_lang, expected) -> None:
    root = _parse(render("tmx", make_comparison(source_lang, target_lang), ExportOptions()))
    assert root.find("header").get("srclang") == expected[0]
    for tu in root.iter("tu"):
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == expected


def test_sample_pair_round_trips_unit_count() -> None:
    source = load_article(SAMPLES / "ultraman-musk.de.txt", language="de")
    target = load_article(SAMPLES / "ultraman-musk.fr.txt", language="fr")
    comparison = compare(source, target)
    two_sided = [sl for sl in comparison.sentence_links if sl.source and sl.target]
    root = _parse(render("tmx", comparison, ExportOptions()))
    assert tmx_problems(root) == []
    assert len(root.findall("body/tu")) == len(two_sided) > 0
    # Every finding is written once, on a unit or (with no unit at all) in the header.
    kinds = tuple(f"{kind.value} [" for kind in FindingKind)
    notes = [n.text for n in root.iter("note") if n.text.startswith(kinds)]
    assert len(notes) == len(comparison.findings)
    paragraphs = [link for link in comparison.links if link.source and link.target]
    root = _parse(render("tmx", comparison, ExportOptions(unit="paragraph")))
    assert len(root.findall("body/tu")) == len(paragraphs) > 0


def test_validator_catches_broken_structure() -> None:
    broken = ET.fromstring(
        '<tmx version="1.4"><header srclang="de"/><body><tu><tuv><seg>a</seg><note>x</note>'
        "</tuv></tu></body></tmx>"
    )
    problems = tmx_problems(broken)
    assert "header lacks creationtool" in problems
    assert "tu None has 1 tuv" in problems
    assert any("without xml:lang" in p for p in problems)
    assert any("<note> after <seg>" in p for p in problems)
