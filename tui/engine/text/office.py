"""Word (.docx, python-docx) and OpenDocument (.odt, odfpy) files as blocks, like markup.py's.

Body paragraphs come first, in reading order: headings, list items, quotations and captions keep
their role (see markup.py). Table rows follow the body (cells joined with `` | ``, role
"table_row"), then footnotes and endnotes (role "footnote"). Page headers and footers, drawings
and text boxes, comments, deleted tracked changes and field codes are not article text and are
left out. A damaged, password-protected or legacy binary file is refused with an InputError
whose message is one line naming the file.

>>> office_format(b"", "report.DOCX"), office_format(b"plain text", "notes.txt")
('docx', None)
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from tui.engine.errors import InputError

Block = tuple[str, str]

OFFICE_FORMATS = ("docx", "odt")
_SUFFIXES = {".docx": "docx", ".odt": "odt"}
_LABELS = {"docx": "Word document", "odt": "OpenDocument text"}
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .doc, or an encrypted .docx
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_UNPACKED = 2**30
"""A package that unpacks to more than this is refused (a zip bomb, not an article)."""


def office_format(data: bytes, path: str | None) -> str | None:
    """The office format of a file ("docx" or "odt") by its name, else by its content; None
    for anything else (text, Markdown, HTML)."""
    suffix = os.path.splitext(path)[1].lower() if path else ""
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if not data.startswith(_ZIP):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and package.read("mimetype").strip() == _ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def office_blocks(data: bytes, fmt: str, *, name: str) -> list[Block]:
    """The blocks of a .docx or .odt file's bytes (``fmt`` from ``office_format``)."""
    label = _LABELS[fmt]
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(f"{name}: is password-protected; save a copy without a password")
        raise InputError(f"{name}: is a legacy binary file (.doc); save it as .docx or .odt")
    if not data.startswith(_ZIP):
        raise InputError(f"{name}: is not a {label} (no {fmt} package inside)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            manifest = _read_member(package, "META-INF/manifest.xml")
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{name}: is a damaged {label} ({exc})") from exc
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        raise InputError(f"{name}: unpacks to more than {MAX_UNPACKED // 2**20} MB")
    if b"encryption-data" in manifest:
        raise InputError(f"{name}: is password-protected; save a copy without a password")
    reader = docx_blocks if fmt == "docx" else odt_blocks
    return reader(data, name=name)


def _read_member(package: zipfile.ZipFile, member: str) -> bytes:
    try:
        return package.read(member)
    except KeyError:
        return b""


def _damaged(name: str, label: str, exc: Exception) -> InputError:
    reason = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError(f"{name}: is a damaged {label} ({reason[:120]})")


# ---------------------------------------------------------------------------- Word

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_TBL, _W_TR, _W_TC, _W_T = (f"{_W}{tag}" for tag in ("p", "tbl", "tr", "tc", "t"))
_W_SDT, _W_SDT_CONTENT = f"{_W}sdt", f"{_W}sdtContent"
# Containers whose children are paragraphs and tables of the flow.
_W_BLOCK_WRAPPERS = frozenset(f"{_W}{tag}" for tag in ("customXml", "ins", "moveTo", "smartTag"))
_W_SPACES = frozenset(f"{_W}{tag}" for tag in ("tab", "br", "cr", "ptab"))
_W_HYPHENS = frozenset({f"{_W}noBreakHyphen"})
# Not article text: drawings and text boxes, deletions, field codes, ruby annotations.
_W_SKIPPED = frozenset(
    f"{_W}{tag}"
    for tag in ("drawing", "pict", "object", "del", "moveFrom", "instrText", "delText", "rt")
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def docx_blocks(data: bytes, *, name: str = "<memory>") -> list[Block]:
    """The body paragraphs, table rows and notes of a .docx file."""
    # Imported here: only Word files need python-docx and lxml.
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.parser import parse_xml

    label = _LABELS["docx"]
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = {style.style_id: style for style in document.styles}
        notes = [
            parse_xml(rel.target_part.blob)
            for rel in document.part.rels.values()
            if not rel.is_external
            and rel.reltype in (RELATIONSHIP_TYPE.FOOTNOTES, RELATIONSHIP_TYPE.ENDNOTES)
        ]
    except Exception as exc:  # python-docx and lxml raise many kinds of error on a bad package
        raise _damaged(name, label, exc) from exc

    blocks: list[Block] = []
    tables: list[Any] = []
    for element in _docx_flow(body, tables):
        text = _docx_text(element)
        if text:
            blocks.append((text, _docx_role(element, styles)))
    blocks.extend(_docx_table_rows(tables))
    for part in notes:
        for note in part:
            if note.get(f"{_W}type") in _NOTE_SEPARATORS:
                continue
            text = _joined(_docx_text(p) for p in _docx_flow(note, None))
            if text:
                blocks.append((text, "footnote"))
    return blocks


def _docx_flow(container: Any, tables: list[Any] | None) -> Iterator[Any]:
    """The paragraphs of a body, cell or note in reading order. Tables met on the way are
    appended to ``tables`` (read after the body), or read in place when it is None."""
    for child in container:
        tag = child.tag
        if tag == _W_P:
            yield child
        elif tag == _W_TBL:
            if tables is None:
                for cell in _docx_cells(child):
                    yield from _docx_flow(cell, None)
            else:
                tables.append(child)
        elif tag == _W_SDT:
            content = child.find(_W_SDT_CONTENT)
            if content is not None:
                yield from _docx_flow(content, tables)
        elif tag in _W_BLOCK_WRAPPERS:
            yield from _docx_flow(child, tables)


def _docx_cells(row_or_table: Any) -> Iterator[Any]:
    """The w:tc of a w:tr, or of every row of a w:tbl (not those of tables nested in them)."""
    for child in row_or_table:
        if child.tag == _W_TR:
            yield from _docx_cells(child)
        elif child.tag == _W_TC:
            yield child


def _docx_table_rows(tables: list[Any]) -> Iterator[Block]:
    for table in tables:
        for row in table:
            if row.tag != _W_TR:
                continue
            # A table nested in a cell is read as part of that cell's text.
            texts = (_joined(_docx_text(p) for p in _docx_flow(c, None)) for c in _docx_cells(row))
            cells = [text for text in texts if text]
            if cells:
                yield " | ".join(cells), "table_row"


def _joined(texts: Iterable[str]) -> str:
    return " ".join(text for text in texts if text)


def _docx_text(paragraph: Any) -> str:
    """What a reader sees of one w:p: runs, hyperlinks, fields' results; tabs and line breaks
    as spaces."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _W_SKIPPED:
                continue  # comments, processing instructions, text that is not shown
            if tag == _W_T:
                parts.append(child.text or "")
            elif tag in _W_SPACES:
                parts.append(" ")
            elif tag in _W_HYPHENS:
                parts.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts).strip()


def _docx_role(paragraph: Any, styles: dict[str, Any]) -> str:
    """heading, list_item, quote, caption or paragraph, from the paragraph's style (and the
    styles it is based on) or its own outline level and numbering."""
    properties = paragraph.pPr
    if properties is not None and _outline_level(properties) is not None:
        return "heading"
    style = styles.get(paragraph.style or "")
    for _ in range(10):  # based-on chains are short; a cycle must not hang
        if style is None:
            break
        role = _style_role(style)
        if role is not None:
            return role
        style = getattr(style, "base_style", None)  # numbering styles have none
    if properties is not None and properties.numPr is not None:
        return "list_item"
    return "paragraph"


def _outline_level(properties: Any) -> int | None:
    level = properties.find(f"{_W}outlineLvl")
    value = level.get(f"{_W}val") if level is not None else None
    # Level 9 means "body text"; 0-8 are heading levels 1-9.
    return int(value) if value is not None and value.isdigit() and int(value) < 9 else None


def _style_role(style: Any) -> str | None:
    name = (style.name or "").lower()
    if name.startswith("heading") or name in ("title", "subtitle"):
        return "heading"
    properties = style.element.pPr
    if properties is not None and _outline_level(properties) is not None:
        return "heading"
    if name in ("quote", "intense quote"):
        return "quote"
    if name == "caption":
        return "caption"
    if name.startswith("list"):
        return "list_item"
    return None


# ---------------------------------------------------------------------------- OpenDocument

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
# Generated or hidden content: indexes repeat headings, tracked changes hold deleted text.
_ODT_SKIPPED = frozenset(
    [(_TEXT, tag) for tag in ("tracked-changes", "table-of-content", "alphabetical-index",
                              "illustration-index", "table-index", "object-index",
                              "user-index", "bibliography", "sequence-decls",
                              "variable-decls", "user-field-decls", "note-citation")]
    + [(_OFFICE, "annotation"), (_OFFICE, "annotation-end"), (_OFFICE, "forms")]
)  # fmt: skip
_ODT_PARTS = ("content.xml", "styles.xml", "meta.xml", "settings.xml")


def odt_blocks(data: bytes, *, name: str = "<memory>") -> list[Block]:
    """The body paragraphs, table rows and notes of an .odt file."""
    # Imported here: only OpenDocument files need odfpy.
    from odf.opendocument import load

    label = _LABELS["odt"]
    _check_odt_xml(data, name, label)
    try:
        document = load(io.BytesIO(data))
        body = document.text
        parents = _odt_style_parents(document)
    except Exception as exc:  # odfpy raises many kinds of error on a bad package
        raise _damaged(name, label, exc) from exc

    blocks: list[Block] = []
    tables: list[Any] = []
    notes: list[str] = []
    for element, role in _odt_flow(body, tables, "paragraph"):
        text = _odt_text(element, notes)
        if text:
            blocks.append((text, _odt_role(element, role, parents)))
    for table in tables:
        blocks.extend(_odt_table_rows(table, notes))
    blocks.extend((note, "footnote") for note in notes if note)
    return blocks


def _check_odt_xml(data: bytes, name: str, label: str) -> None:
    """odfpy prints a damaged part to standard output and goes on: check the XML first."""
    from xml.sax import SAXException, handler

    from defusedxml.sax import make_parser  # odfpy's own dependency; no external entities

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if "content.xml" not in names:
            raise InputError(f"{name}: is a damaged {label} (no content.xml)")
        for part in _ODT_PARTS:
            if part not in names:
                continue
            parser = make_parser()
            parser.setFeature(handler.feature_namespaces, 1)
            parser.setContentHandler(handler.ContentHandler())
            try:
                parser.parse(io.BytesIO(package.read(part)))
            except (SAXException, ValueError, UnicodeError, zipfile.BadZipFile) as exc:
                raise _damaged(name, label, exc) from exc
            except Exception as exc:  # defusedxml refuses entity tricks with its own errors
                raise _damaged(name, label, exc) from exc


def _odt_flow(container: Any, tables: list[Any] | None, role: str) -> Iterator[tuple[Any, str]]:
    """(text:p or text:h, role) in reading order; tables go to ``tables`` (None: read here)."""
    for child in container.childNodes:
        qname = getattr(child, "qname", None)
        if qname is None or qname in _ODT_SKIPPED:
            continue
        namespace, tag = qname
        if namespace == _TEXT and tag == "h":
            yield child, "heading"
        elif namespace == _TEXT and tag == "p":
            yield child, role
        elif namespace == _TEXT and tag in ("list", "list-item", "list-header"):
            yield from _odt_flow(child, tables, "list_item")
        elif namespace == _TABLE and tag == "table":
            if tables is None:
                yield from _odt_flow(child, None, role)
            else:
                tables.append(child)
        elif (namespace == _TEXT and tag == "section") or (
            namespace == _TABLE
            and tag in ("table-row", "table-rows", "table-header-rows", "table-row-group",
                        "table-cell")
        ):  # fmt: skip
            yield from _odt_flow(child, tables, role)


def _odt_table_rows(table: Any, notes: list[str]) -> Iterator[Block]:
    for row in _odt_descendants(table, _TABLE, "table-row", stop=(_TABLE, "table")):
        cells = []
        for cell in row.childNodes:
            if getattr(cell, "qname", None) != (_TABLE, "table-cell"):
                continue  # covered cells of a merged cell hold nothing
            text = _joined(_odt_text(p, notes) for p, _ in _odt_flow(cell, None, "paragraph"))
            if text:
                cells.append(text)
        if cells:
            yield " | ".join(cells), "table_row"


def _odt_descendants(
    node: Any, namespace: str, tag: str, *, stop: tuple[str, str]
) -> Iterator[Any]:
    """Elements ``namespace:tag`` under ``node``, not looking inside nested ``stop`` elements."""
    for child in node.childNodes:
        qname = getattr(child, "qname", None)
        if qname == (namespace, tag):
            yield child
        elif qname is not None and qname != stop:
            yield from _odt_descendants(child, namespace, tag, stop=stop)


def _odt_text(paragraph: Any, notes: list[str]) -> str:
    """What a reader sees of one text:p or text:h. White space follows ODF's rules (a run of
    spaces, tabs and newlines in the XML is one space; text:s, text:tab and text:line-break
    are explicit); a footnote's body goes to ``notes`` instead of into the paragraph."""
    parts: list[str] = []
    collapsible = True  # at the start, or after a collapsible space: drop a leading space

    def walk(node: Any) -> None:
        nonlocal collapsible
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname is None:  # a text node
                text = _ODF_WHITE_SPACE.sub(" ", str(child.data or ""))
                if collapsible and text.startswith(" "):
                    text = text[1:]
                if text:
                    parts.append(text)
                    collapsible = text.endswith(" ")
                continue
            namespace, tag = qname
            if qname in _ODT_SKIPPED or namespace == _DRAW:
                continue
            if namespace == _TEXT and tag == "s":
                count = str(child.attributes.get((_TEXT, "c"), "1"))
                parts.append(" " * (int(count) if count.isdigit() else 1))
                collapsible = False
            elif namespace == _TEXT and tag in ("tab", "line-break"):
                parts.append(" ")
                collapsible = False
            elif namespace == _TEXT and tag == "note":
                notes.append(_odt_note(child))
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts).strip()


_ODF_WHITE_SPACE = re.compile(r"[ \t\r\n]+")


def _odt_note(note: Any) -> str:
    ignored: list[str] = []  # ODF has no notes inside notes
    bodies = _odt_descendants(note, _TEXT, "note-body", stop=(_TEXT, "note"))
    paragraphs = (p for body in bodies for p, _ in _odt_flow(body, None, "paragraph"))
    return _joined(_odt_text(p, ignored) for p in paragraphs)


def _odt_style_parents(document: Any) -> dict[str, tuple[str, str | None]]:
    """Style name -> (display name in lower case, parent style name), automatic ones included."""
    styles: dict[str, tuple[str, str | None]] = {}
    for container in (document.styles, document.automaticstyles):
        for style in _odt_descendants(container, _STYLE, "style", stop=("", "")):
            attributes = style.attributes
            name = attributes.get((_STYLE, "name"))
            if name:
                shown = attributes.get((_STYLE, "display-name")) or name
                styles[name] = (shown.lower(), attributes.get((_STYLE, "parent-style-name")))
    return styles


def _odt_role(paragraph: Any, role: str, parents: dict[str, tuple[str, str | None]]) -> str:
    """A text:p whose style descends from Title, Heading, Quotations or Caption takes that
    role (LibreOffice writes a document's title as text:p in style Title)."""
    if role != "paragraph":
        return role
    name: str | None = paragraph.attributes.get((_TEXT, "style-name"))
    for _ in range(10):  # parent chains are short; a cycle must not hang
        if name is None or name not in parents:
            break
        shown, name = parents[name]
        found = _ODT_STYLE_ROLES.get(shown)
        if found is None and shown.startswith("heading"):
            found = "heading"
        if found is not None:
            return found
    return role


_ODT_STYLE_ROLES: dict[str, str] = {
    "title": "heading",
    "subtitle": "heading",
    "quotations": "quote",
    "caption": "caption",
}
