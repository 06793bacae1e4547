"""Word (.docx) and OpenDocument (.odt) input: paragraphs, roles, tables and notes after the
body, the sample pair read from either, and every way such a file can be unreadable."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from odf import teletype
from odf.office import Annotation
from odf.opendocument import OpenDocumentText
from odf.style import Style
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, List, ListItem, Note, NoteBody, NoteCitation, P

from tui.engine.errors import InputError
from tui.engine.model import CompareOptions
from tui.engine.pipeline import compare
from tui.engine.scoring.registry import semantic_available
from tui.engine.text.load import load_article
from tui.engine.text.office import office_format

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GERMAN = ROOT / "sample_articles" / "ultraman-musk.de.txt"
FRENCH = ROOT / "sample_articles" / "ultraman-musk.fr.txt"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def german_lines() -> list[str]:
    return [line for line in GERMAN.read_text(encoding="utf-8").splitlines() if line.strip()]


def sample_docx(path: Path) -> Path:
    """The German sample as Word writes it: the first line as Heading 1, then paragraphs."""
    document = docx.Document()
    first, *rest = german_lines()
    document.add_heading(first, level=1)
    for line in rest:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def sample_odt(path: Path) -> Path:
    document = OpenDocumentText()
    first, *rest = german_lines()
    for element, line in [(H(outlinelevel=1), first), *((P(), line) for line in rest)]:
        teletype.addTextToElement(element, line)
        document.text.addElement(element)
    document.save(str(path))
    return path


def texts_and_roles(path: Path) -> list[tuple[str, str]]:
    return [(p.text, p.role) for p in load_article(path).paragraphs]


# ---------------------------------------------------------------------------- Word


def add_footnote(document, paragraph, text: str) -> None:
    """python-docx writes no footnotes: add the part and a reference by hand, as Word does."""
    notes = (
        f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        f'</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        notes.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    paragraph._p.append(parse_xml(f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>'))


def test_docx_paragraphs_roles_tables_and_footnotes_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Ein Titel", style="Title")
    document.add_heading("Erster Abschnitt", level=2)
    body = document.add_paragraph("Text vor der Tabelle mit Fußnote.")
    add_footnote(document, body, "Die Fußnote selbst.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Jahr", "Umsatz"
    table.cell(1, 0).text = "2024"  # an empty cell is left out of the row
    document.add_paragraph("Ein Punkt der Liste.", style="List Bullet")
    document.add_paragraph("Ein Zitat.", style="Quote")
    document.add_paragraph("Abbildung 1: ein Bild.", style="Caption")
    document.add_paragraph("   ")  # blank paragraphs are no paragraphs
    document.add_paragraph("Text nach der Tabelle.")
    path = tmp_path / "a.docx"
    document.save(str(path))
    assert texts_and_roles(path) == [
        ("Ein Titel", "heading"),
        ("Erster Abschnitt", "heading"),
        ("Text vor der Tabelle mit Fußnote.", "paragraph"),
        ("Ein Punkt der Liste.", "list_item"),
        ("Ein Zitat.", "quote"),
        ("Abbildung 1: ein Bild.", "caption"),
        ("Text nach der Tabelle.", "paragraph"),
        ("Jahr | Umsatz", "table_row"),
        ("2024", "table_row"),
        ("Die Fußnote selbst.", "footnote"),
    ]
    assert all(p.line is None for p in load_article(path).paragraphs)


def test_docx_text_is_what_a_reader_sees(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Vorher")
    # A tracked insertion is shown, a tracked deletion is not; a field shows its result,
    # not its code; a hyperlink shows its text; a tab and a line break are spaces; a text box
    # (drawn, not part of the flow) is left out.
    for xml in [
        '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">'
        " eingefügt</w:t></w:r></w:ins>",
        '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>'
        " gelöscht</w:delText></w:r></w:del>",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t xml:space="preserve"> Seite 3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:hyperlink w:anchor="x"><w:r><w:t xml:space="preserve"> und Link</w:t></w:r>'
        "</w:hyperlink>",
        "<w:r><w:tab/><w:t>nach</w:t><w:br/><w:t>Umbruch</w:t></w:r>",
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>im Kasten</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></w:r>",
    ]:
        for element in parse_xml(f"<w:p {W}>{xml}</w:p>"):
            paragraph._p.append(element)
    path = tmp_path / "a.docx"
    document.save(str(path))
    assert texts_and_roles(path) == [
        ("Vorher eingefügt Seite 3 und Link nach Umbruch", "paragraph")
    ]


def test_docx_heading_by_outline_level_and_by_based_on_style(tmp_path: Path) -> None:
    document = docx.Document()
    from docx.enum.style import WD_STYLE_TYPE

    custom = document.styles.add_style("Kapitel", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("Eigener Überschriftstil", style="Kapitel")
    outlined = document.add_paragraph("Gliederungsebene 1")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="0"/>'))
    document.add_paragraph("Fließtext.")
    path = tmp_path / "a.docx"
    document.save(str(path))
    assert [role for _, role in texts_and_roles(path)] == ["heading", "heading", "paragraph"]


# ---------------------------------------------------------------------------- OpenDocument


def test_odt_paragraphs_roles_tables_and_footnotes_in_order(tmp_path: Path) -> None:
    document = OpenDocumentText()
    title = Style(name="Title", family="paragraph")
    document.styles.addElement(title)
    document.text.addElement(P(stylename=title, text="Ein Titel"))
    document.text.addElement(H(outlinelevel=2, text="Erster Abschnitt"))
    body = P()
    teletype.addTextToElement(body, "Text  vor")  # two spaces: text:s keeps the second
    note = Note(noteclass="footnote", id="ftn1")
    note.addElement(NoteCitation(text="1"))
    note_body = NoteBody()
    note_body.addElement(P(text="Die Fußnote selbst."))
    note.addElement(note_body)
    body.addElement(note)
    comment = Annotation()
    comment.addElement(P(text="ein Kommentar, kein Text"))
    body.addElement(comment)
    body.addText(" der Tabelle.")
    document.text.addElement(body)
    table = Table(name="T")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for cells in (("Jahr", "Umsatz"), ("2024", "")):
        row = TableRow()
        for text in cells:
            cell = TableCell()
            if text:
                cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    items = List()
    item = ListItem()
    item.addElement(P(text="Ein Punkt der Liste."))
    items.addElement(item)
    document.text.addElement(items)
    document.text.addElement(P(text="Text nach der Tabelle."))
    path = tmp_path / "a.odt"
    document.save(str(path))
    assert texts_and_roles(path) == [
        ("Ein Titel", "heading"),
        ("Erster Abschnitt", "heading"),
        ("Text  vor der Tabelle.", "paragraph"),
        ("Ein Punkt der Liste.", "list_item"),
        ("Text nach der Tabelle.", "paragraph"),
        ("Jahr | Umsatz", "table_row"),
        ("2024", "table_row"),
        ("Die Fußnote selbst.", "footnote"),
    ]


# ---------------------------------------------------------------------------- the sample pair


@pytest.mark.parametrize("writer", [sample_docx, sample_odt], ids=["docx", "odt"])
def test_sample_from_an_office_file_has_the_text_files_paragraphs(tmp_path: Path, writer) -> None:
    path = writer(tmp_path / f"ultraman-musk.de.{writer.__name__[-4:]}")
    office = load_article(path)
    text = load_article(GERMAN)
    assert [p.text for p in office.paragraphs] == [p.text for p in text.paragraphs]
    assert [p.sentences for p in office.paragraphs] == [p.sentences for p in text.paragraphs]
    assert office.paragraphs[0].role == "heading"
    assert office.language == "de"


SCORERS = [
    "lexical",
    pytest.param(
        "semantic",
        marks=pytest.mark.skipif(not semantic_available(), reason="needs the semantic extra"),
    ),
]


@pytest.mark.parametrize("scorer", SCORERS)
@pytest.mark.parametrize("writer", [sample_docx, sample_odt], ids=["docx", "odt"])
def test_sample_from_an_office_file_aligns_exactly_as_the_text_does(
    tmp_path: Path, writer, scorer: str
) -> None:
    path = writer(tmp_path / f"ultraman-musk.de.{writer.__name__[-4:]}")
    french = load_article(FRENCH)
    options = CompareOptions(scorer=scorer)
    office = compare(load_article(path), french, options=options)
    text = compare(load_article(GERMAN), french, options=options)
    assert office.links == text.links
    assert office.sentence_links == text.sentence_links
    assert office.findings == text.findings


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="no ../shared/gold here")
@pytest.mark.parametrize("scorer", SCORERS)
@pytest.mark.parametrize("writer", [sample_docx, sample_odt], ids=["docx", "odt"])
def test_sample_from_an_office_file_against_the_gold(tmp_path: Path, writer, scorer: str) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from accuracy import sample_report

    path = writer(tmp_path / f"ultraman-musk.de.{writer.__name__[-4:]}")
    report = sample_report(SHARED, scorer, source=load_article(path))
    gold = json.loads((SHARED / "gold/paragraphs.json").read_text(encoding="utf-8"))
    links = {(link.source, link.target) for link in report["result"].links}
    assert links == {(tuple(s), tuple(t)) for s, t in gold["links"]}
    assert len(links) == 78
    assert len(report["required"]) == 5
    # the same differences flagged as from the .txt (the semantic scorer flags all five)
    from_text = sample_report(SHARED, scorer)
    assert [hit for _, hit in report["required"]] == [hit for _, hit in from_text["required"]]
    if scorer == "semantic":
        assert all(hit for _, hit in report["required"])


# ---------------------------------------------------------------------------- bad files


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BAD_FILES = [
    # a Word file cut short (a download that stopped)
    pytest.param(
        "a.docx", b"PK\x03\x04" + b"\x00" * 40, "is a damaged Word document", id="cut-short"
    ),
    # Word's "Encrypt with password": an OLE file holding an EncryptedPackage stream
    pytest.param(
        "a.docx",
        OLE + "EncryptedPackage".encode("utf-16-le"),
        "is password-protected",
        id="encrypted-docx",
    ),
    # a Word 97-2003 file renamed to .docx
    pytest.param("a.docx", OLE + b"\x00" * 64, "is a legacy binary file (.doc)", id="doc"),
    # a text file renamed to .docx
    pytest.param("a.docx", b"nur Text", "is not a Word document", id="text-as-docx"),
    # a zip that is no Word package
    pytest.param("a.docx", zipped({"a.txt": b"x"}), "is a damaged Word document", id="zip-as-docx"),
    # LibreOffice's "Save with password": the manifest names the encryption
    pytest.param(
        "a.odt",
        zipped(
            {
                "mimetype": ODT_MIMETYPE,
                "META-INF/manifest.xml": b"<manifest:encryption-data/>",
                "content.xml": b"\x93\x12\xff",
            }
        ),
        "is password-protected",
        id="encrypted-odt",
    ),
    # content.xml broken (odfpy alone would print it and go on)
    pytest.param(
        "a.odt",
        zipped({"mimetype": ODT_MIMETYPE, "content.xml": b"<office:document-content"}),
        "is a damaged OpenDocument text",
        id="broken-content",
    ),
    pytest.param(
        "a.odt",
        zipped({"mimetype": ODT_MIMETYPE}),
        "is a damaged OpenDocument text",
        id="no-content",
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD_FILES)
def test_unreadable_office_files_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as raised:
        load_article(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: {expected}")
    assert "\n" not in message
    assert capsys.readouterr().out == ""


def test_a_word_file_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leer.docx"
    docx.Document().save(str(path))
    with pytest.raises(InputError, match="contains no text"):
        load_article(path)


def test_office_files_are_recognised_by_content_without_their_extension(tmp_path: Path) -> None:
    word = sample_docx(tmp_path / "a.docx").read_bytes()
    opendocument = sample_odt(tmp_path / "a.odt").read_bytes()
    assert office_format(word, "download") == "docx"
    assert office_format(opendocument, "download.bin") == "odt"
    assert office_format(zipped({"a.txt": b"x"}), "archive") is None
    (tmp_path / "download").write_bytes(word)
    assert load_article(tmp_path / "download").paragraphs[0].role == "heading"


def test_command_line_error_for_a_damaged_word_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    result = subprocess.run(
        [sys.executable, "-m", "tui", str(broken), str(FRENCH), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith(f"transdiff: error: {broken}: is a damaged Word document")
