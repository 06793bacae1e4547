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


def _text(unit: ET.Element, side: str) -> str:
    element = unit.find(f"{NS}{side}")
    return "" if element is None else element.text or ""


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("sentence", TWO_SIDED_SENTENCE_LINKS), ("paragraph", TWO_SIDED_PARAGRAPH_LINKS)],
)
def test_fixture_is_valid_xliff_with_one_unit_per_pair(unit: str, expected: int) -> None:
    root = _parse(render("xliff", make_comparison(), ExportOptions(unit=unit)))
    assert xliff_problems(root) == []
    two_sided = [u for u in _units(root) if all(_text(u, side) for side in ("source", "target"))]
    assert len(two_sided) == expected
    # the rest are the passages only one version has, one unit each, the other side empty
    one_sided = [u for u in _units(root) if u not in two_sided]
    assert one_sided
    for u in one_sided:
        assert [bool(_text(u, side)) for side in ("source", "target")].count(True) == 1
    file = root.find(f"{NS}file")
    assert (file.get("source-language"), file.get("target-language")) == ("de", "fr")


def test_units_are_grouped_per_paragraph_link() -> None:
    root = _parse(render("xliff", make_comparison(), ExportOptions()))
    groups = root.findall(f"{NS}file/{NS}body/{NS}group")
    # Link 2 holds a sentence only the source has (its own unit), link 3 is source-only and
    # link 5 target-only: each a group with one unit.
    assert [g.get("id") for g in groups] == ["p1", "p2", "p3", "p4", "p5"]
    assert [len(g.findall(f"{NS}trans-unit")) for g in groups] == [2, 2, 1, 1, 1]


def test_state_follows_review_and_findings_are_notes() -> None:
    reviews = {
        "num": Review(Decision.REVIEWED, "ok & <fine>"),
        "sent": Review(Decision.DISMISSED),
        "para": Review(Decision.REVIEWED),
    }
    root = _parse(render("xliff", make_comparison(), ExportOptions(reviews=reviews)))
    units = _units(root)
    states = [u.find(f"{NS}target").get("state") for u in units]
    assert states == [
        "translated",  # no findings
        "signed-off",  # its number mismatch reviewed
        "translated",  # no findings of its own: the sentence after it is its own unit
        "signed-off",  # that sentence, only in the source: dismissed
        "signed-off",  # the source-only paragraph: reviewed
        "needs-review-translation",  # untranslated, still open
        "needs-review-translation",  # the target-only paragraph, still open
    ]
    # CAT tools built on translate-toolkit read approved, not state: fuzzy unless "yes"
    assert [u.get("approved") for u in units] == ["yes"] * 5 + ["no", "no"]
    notes = [n.text for n in units[1].findall(f"{NS}note")]
    assert any(n.startswith("number_mismatch [reviewed]") and "ok & <fine>" in n for n in notes)
    assert _text(units[4], "source") == "Nur im Deutschen vorhanden."
    assert _text(units[4], "target") == ""
    assert [n.text for n in units[4].findall(f"{NS}note")][:2] == [
        "only in the source (de)",
        "paragraph_only_in_source [reviewed]: a paragraph is missing in the target",
    ]


def test_without_a_session_units_with_findings_need_review() -> None:
    root = _parse(render("xliff", make_comparison(), ExportOptions()))
    states = [u.find(f"{NS}target").get("state") for u in _units(root)]
    assert states == [
        "translated",
        "needs-review-translation",  # number mismatch
        "translated",
        "needs-translation",  # a sentence only in the source: nothing translates it
        "needs-translation",  # a paragraph only in the source
        "needs-review-translation",  # untranslated
        "needs-review-translation",  # a paragraph only in the target
    ]
    assert [u.get("approved") for u in _units(root)] == ["yes", "no", "yes", "no", "no", "no", "no"]


def test_a_target_only_paragraph_is_its_own_unit_not_a_note_on_its_neighbour() -> None:
    """The trial: the sample's added French titles made the date unit next to them look
    wrong in a CAT tool (notes and needs-review-translation on "2024-09-30")."""
    source = load_article(SAMPLES / "ultraman-musk.de.txt", language="de")
    target = load_article(SAMPLES / "ultraman-musk.fr.txt", language="fr")
    root = _parse(render("xliff", compare(source, target), ExportOptions()))
    assert xliff_problems(root) == []
    units = _units(root)
    date = next(u for u in units if _text(u, "source") == "2024-09-30")
    assert date.find(f"{NS}target").get("state") == "translated"
    assert date.get("approved") == "yes"
    assert not any("only in the target" in (n.text or "") for n in date.findall(f"{NS}note"))
    for title in ("nouvelles", "la solitude d’ultraman, musk comprend"):
        (unit,) = [u for u in units if _text(u, "target") == title]
        assert _text(unit, "source") == ""
        assert unit.find(f"{NS}target").get("state") == "needs-review-translation"
        notes = [n.text for n in unit.findall(f"{NS}note")]
        assert notes[0] == "only in the target (fr)"
        assert any(n.startswith("paragraph_only_in_target [open]") for n in notes)


def test_every_unit_of_a_flagged_passage_needs_review_not_only_its_first() -> None:
    """The sample's French-only "… toujours en cours. incomplet." is one finding over two
    target-only sentences, hence two units: neither may read as approved while it is open."""
    source = load_article(SAMPLES / "ultraman-musk.de.txt", language="de")
    target = load_article(SAMPLES / "ultraman-musk.fr.txt", language="fr")
    root = _parse(render("xliff", compare(source, target), ExportOptions()))
    units = _units(root)
    (last,) = [u for u in units if _text(u, "target") == "incomplet."]
    (first,) = [u for u in units if _text(u, "target").endswith("toujours en cours.")]
    for unit in (first, last):
        assert _text(unit, "source") == ""
        assert unit.get("approved") == "no"
        assert unit.find(f"{NS}target").get("state") == "needs-review-translation"
        notes = [n.text or "" for n in unit.findall(f"{NS}note")]
        assert any(n.startswith("sentence_only_in_target [open]") for n in notes)


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
    paired = [u for u in _units(root) if _text(u, "source") and _text(u, "target")]
    assert len(paired) == len(two_sided) > 0
