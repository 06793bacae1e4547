"""An editor's note in the reports: in document order, beside the paragraph it is linked to."""

from __future__ import annotations

from tui.engine.export import ExportOptions, render
from tui.engine.model import (
    Comparison,
    Finding,
    FindingKind,
    Link,
    Location,
    Severity,
    Side,
)
from tui.engine.notes import note_id, with_editor_notes
from tui.engine.review import Review
from tui.engine.text.load import article_from_text


def _commented() -> Comparison:
    source = article_from_text("Erster Absatz.\n\nZweiter Absatz mit 12 Äpfeln.", language="de")
    target = article_from_text(
        "Premier paragraphe.\n\nDeuxième paragraphe avec 13 pommes.", language="fr"
    )
    number = Finding(
        "n1",
        FindingKind.NUMBER_MISMATCH,
        Severity.HIGH,
        0.9,
        "Number 12 in the source has no equal number in the target",
        Location(1, 19, 21),
        Location(1, 0, 0),
    )
    links = (Link((0,), (0,), 0.9), Link((1,), (1,), 0.8))
    plain = Comparison(source, target, links, (), (number,))
    note = {note_id(Side.TARGET, "Premier paragraphe."): Review(note="check the term")}
    return with_editor_notes(plain, note)


def test_a_note_comes_in_document_order_before_later_findings() -> None:
    kinds = [f.kind for f in _commented().findings]
    assert kinds == [FindingKind.EDITOR_NOTE, FindingKind.NUMBER_MISMATCH]


def test_a_note_on_a_linked_paragraph_shows_its_partner_in_markdown_and_html() -> None:
    comparison = _commented()
    markdown = render("markdown", comparison, ExportOptions())
    note = markdown[markdown.index("Editor's note ·") :].split("###")[0]
    assert "Erster Absatz." in note
    assert "not in this version" not in note
    html = render("html", comparison, ExportOptions())
    assert "not in this version" not in html
