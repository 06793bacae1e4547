"""XLIFF 1.2: parsed back, structure checked, review state mapped onto ``state``."""

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

from tui.engine.export import ExportOptions, render
from tui.engine.pipeline import compare
from tui.engine.review import Decision, Review
from tui.engine.text.load import load_article

NS = "{urn:oasis:names:tc:xliff:document:1.2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SAMPLES = Path(__file__).parents[2] / "sample_articles"
STATES = {
    "final",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-adaptation",
    "needs-review-l10n",
    "needs-review-translation",
    "needs-translation",
    "new",
    "signed-off",
    "translated",
}


def xliff_problems(root: ET.Element) -> list[str]:
    """Departures from the XLIFF 1.2 structure for the elements transdiff writes."""
    problems = []
    if root.tag != f"{NS}xliff" or root.get("version") != "1.2":
        problems.append(f"root is {root.tag} version {root.get('version')}")
    files = root.findall(f"{NS}file")
    if not files:
        problems.append("no <file>")
    ids = set()
    for file in files:
        for name in ("original", "source-language", "datatype"):
            if not file.get(name):
                problems.append(f"file lacks {name}")
        tags = [c.tag.removeprefix(NS) for c in file]
        if tags not in (["body"], ["header", "body"]):
            problems.append(f"file children {tags}")
        for unit in file.iter(f"{NS}trans-unit"):
            if not unit.get("id") or unit.get("id") in ids:
                problems.append(f"trans-unit id {unit.get('id')!r} missing or repeated")
            ids.add(unit.get("id"))
            tags = [c.tag.removeprefix(NS) for c in unit]
            if tags[:1] != ["source"]:
                problems.append(f"trans-unit {unit.get('id')} does not start with source")
            rest = tags[1:]
            if rest[:1] == ["target"]:
                rest = rest[1:]
            problems += [f"<{t}> out of place in {unit.get('id')}" for t in rest if t != "note"]
            target = unit.find(f"{NS}target")
            if target is not None and target.get("state") not in STATES | {None}:
                problems.append(f"bad state {target.get('state')}")
        for group in file.iter(f"{NS}group"):
            problems += [
                f"group holds {c.tag}"
                for c in group
                if c.tag not in {f"{NS}group", f"{NS}trans-unit"}
            ]
    return problems


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def _units(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{NS}trans-unit"))


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("sentence", TWO_SIDED_SENTENCE_LINKS), ("paragraph", TWO_SIDED_PARAGRAPH_LINKS)],
)
def test_fixture_is_valid_xliff_with_one_unit_per_pair(unit: str, expected: int) -> None:
    root = _parse(render("xliff", make_comparison(), ExportOptions(unit=unit)))
    assert xliff_problems(root) == []
    assert len(_units(root)) == expected
    file = root.find(f"{NS}file")
    assert (file.get("source-language"), file.get("target-language")) == ("de", "fr")


def test_units_are_grouped_per_paragraph_link() -> None:
    root = _parse(render("xliff", make_comparison(), ExportOptions()))
    groups = root.findall(f"{NS}file/{NS}body/{NS}group")
    # Paragraph links 1, 2 and 4 have two-sided sentences; link 3 is source-only.
    assert [g.get("id") for g in groups] == ["p1", "p2", "p4"]
    assert [len(g.findall(f"{NS}trans-unit")) for g in groups] == [2, 1, 1]


def test_state_follows_review_and_findings_are_notes() -> None:
    reviews = {
        "num": Review(Decision.REVIEWED, "ok & <fine>"),
        "sent": Review(Decision.DISMISSED),
        "para": Review(Decision.REVIEWED),
    }
    root = _parse(render("xliff", make_comparison(), ExportOptions(reviews=reviews)))
    units = _units(root)
    states = [u.find(f"{NS}target").get("state") for u in units]
    # no findings; reviewed; all decided (dismissed + reviewed); untranslated still open
    assert states == ["translated", "signed-off", "signed-off", "needs-review-translation"]
    # CAT tools built on translate-toolkit read approved, not state: fuzzy unless "yes"
    assert [u.get("approved") for u in units] == ["yes", "yes", "yes", "no"]
    notes = [n.text for n in units[1].findall(f"{NS}note")]
    assert any(n.startswith("number_mismatch [reviewed]") and "ok & <fine>" in n for n in notes)
    assert any(
        "only in the source (de): Nur im Deutschen" in n.text for n in units[2].findall(f"{NS}note")
    )


def test_without_a_session_units_with_findings_need_review() -> None:
    root = _parse(render("xliff", make_comparison(), ExportOptions()))
    states = [u.find(f"{NS}target").get("state") for u in _units(root)]
    assert states == ["translated"] + ["needs-review-translation"] * 3
    assert [u.get("approved") for u in _units(root)] == ["yes", "no", "no", "no"]


def test_text_is_escaped_and_languages_on_both_sides() -> None:
    root = _parse(render("xliff", make_comparison("zh-cn", None), ExportOptions()))
    unit = _units(root)[2]
    source, target = unit.find(f"{NS}source"), unit.find(f"{NS}target")
    assert SCRIPT in source.text
    assert (source.get(XML_LANG), target.get(XML_LANG)) == ("zh-CN", "und")


def test_sample_pair_round_trips_unit_count() -> None:
    source = load_article(SAMPLES / "ultraman-musk.de.txt", language="de")
    target = load_article(SAMPLES / "ultraman-musk.fr.txt", language="fr")
    comparison = compare(source, target)
    root = _parse(render("xliff", comparison, ExportOptions()))
    assert xliff_problems(root) == []
    two_sided = [sl for sl in comparison.sentence_links if sl.source and sl.target]
    assert len(_units(root)) == len(two_sided) > 0
