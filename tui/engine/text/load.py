"""Read an article file: decode its bytes, strip its markup, split it into paragraphs and sentences.

Decoding: UTF-8 with or without BOM, UTF-16/32 with BOM, UTF-16 without BOM when its NUL
pattern is unmistakable; anything else that is not valid UTF-8 is read as cp1252 or Latin-1
with a warning. Binary data and undecodable garbage are refused with an InputError whose
message is one line naming the file. Formats: plain text, Markdown, HTML (see markup.py), Word
and OpenDocument text (see office.py).

>>> article = article_from_text("erster satz. zweiter satz.\\n\\nnoch ein absatz.")
>>> [p.text for p in article.paragraphs]
['erster satz. zweiter satz.', 'noch ein absatz.']
>>> [article.paragraphs[0].sentence_text(i) for i in range(2)]
['erster satz.', 'zweiter satz.']
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable
from pathlib import Path

from tui.engine.errors import InputError
from tui.engine.model import Article, Paragraph
from tui.engine.text.language import detect_language
from tui.engine.text.markup import FORMATS, blocks_of, guess_format
from tui.engine.text.office import office_blocks, office_format
from tui.engine.text.segment import split_sentences

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 control bytes that never occur in text (tab, newlines, form feed and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_NOT_C1 = bytes(b for b in range(256) if not 0x80 <= b <= 0x9F)
_DOCUMENT_SAMPLE = 10_000  # characters langdetect reads for the document language
MAX_BYTES = 256 * 2**20
"""Larger files are refused rather than read into memory."""
MAX_GUESS_BYTES = 2**20  # bytes an encoding is guessed from: more adds time, not accuracy


def load_article(path: str | Path, *, language: str | None = None) -> Article:
    """Read, decode and segment the article at ``path``.

    ``language`` overrides the detected document language. Raises InputError (one line,
    naming the file) for a missing, unreadable, binary, undecodable or empty file.
    """
    return article_from_bytes(read_article_bytes(path), path=str(path), language=language)


def read_article_bytes(path: str | Path) -> bytes:
    """The raw bytes of the article file at ``path``; InputError (one line) when unreadable.

    Apart from ``article_from_bytes`` so that bytes read on one machine can be compared on
    another (batch mode on a Dask cluster) with the same messages.
    """
    name = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{name}: is a directory, not an article file")
        if p.is_char_device() or p.is_block_device():
            raise InputError(f"{name}: is a device, not an article file")
        with open(p, "rb") as handle:  # builtins.open: tests replace it
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{name}: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{name}: is a directory, not an article file") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large (more than {MAX_BYTES // 2**20} MB)")
    return data


def article_from_bytes(data: bytes, *, path: str, language: str | None = None) -> Article:
    """Decode and segment the bytes of the file ``path`` (named in messages and the Article):
    a Word or OpenDocument file, else text."""
    office = office_format(data, path)
    if office is not None:
        blocks = [(body, role, None) for body, role in office_blocks(data, office, name=path)]
        # The XML inside Word and OpenDocument packages is Unicode: nothing to guess.
        return _article_from_blocks(blocks, path=path, language=language, encoding="utf-8")
    text, encoding, warnings = decode_bytes(data, name=path)
    return article_from_text(
        text, path=path, language=language, encoding=encoding, warnings=warnings
    )


def article_from_text(
    text: str,
    *,
    path: str | None = None,
    language: str | None = None,
    fmt: str | None = None,
    encoding: str = "utf-8",
    warnings: tuple[str, ...] = (),
) -> Article:
    """Segment ``text`` into an Article.

    ``fmt`` is "text", "markdown" or "html"; by default it is guessed from ``path``'s
    extension, then from the content. ``language`` overrides the detected document language.
    """
    name = path or "<memory>"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    fmt = fmt or guess_format(text, path)
    if fmt not in FORMATS:
        raise InputError(f"{name}: unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    return _article_from_blocks(
        blocks_of(text, fmt), path=path, language=language, encoding=encoding, warnings=warnings
    )


def _article_from_blocks(
    located: Iterable[tuple[str, str, int | None]],
    *,
    path: str | None,
    language: str | None,
    encoding: str,
    warnings: tuple[str, ...] = (),
) -> Article:
    """Detect languages and split sentences of the non-blank blocks (text, role, line)."""
    located = [block for block in located if block[0].strip()]
    if not located:
        raise InputError(f"{path or '<memory>'}: the article contains no text")
    # a line that ends on purpose inside a block (markup.join_lines) ends its sentence; the
    # paragraph's text holds a space there, as wrapped lines do
    bodies = [block.replace("\n", " ") for block, _role, _line in located]
    blocks = [(body, role) for body, (_block, role, _line) in zip(bodies, located, strict=True)]
    document_language = language or detect_language(
        "\n".join(_sample(blocks)), max_chars=_DOCUMENT_SAMPLE, exact=True
    )
    paragraphs = []
    for body, (block, role, line) in zip(bodies, located, strict=True):
        line_ends = [k for k, ch in enumerate(block) if ch == "\n"] if "\n" in block else ()
        paragraph_language = detect_language(body)
        sentences = split_sentences(
            body, language=paragraph_language or document_language, line_ends=line_ends
        )
        paragraphs.append(Paragraph(body, sentences, paragraph_language, role, line))
    return Article(
        paragraphs=tuple(paragraphs),
        path=path,
        language=document_language,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def _sample(blocks: list[tuple[str, str]]) -> list[str]:
    """Enough paragraphs from the whole document to fill the language sample."""
    total = sum(len(body) for body, _ in blocks)
    if total <= _DOCUMENT_SAMPLE:
        return [body for body, _ in blocks]
    # Spread the sample over the whole document, not its first page only.
    wanted = max(1, int(_DOCUMENT_SAMPLE * len(blocks) / total))
    chosen: list[str] = []
    size = 0
    for body, _ in blocks[:: max(1, len(blocks) // wanted)]:
        chosen.append(body[:2000])
        size += len(chosen[-1])
        if size >= _DOCUMENT_SAMPLE:
            break
    return chosen


def decode_bytes(data: bytes, *, name: str = "<memory>") -> tuple[str, str, tuple[str, ...]]:
    """Decode an article's bytes: (text, encoding used, warnings).

    >>> decode_bytes("grüße".encode("cp1252"))[1:]  # doctest: +ELLIPSIS
    ('latin-1', ('<memory>: not valid UTF-8; decoded as latin-1 (if its text looks wrong, ...',))
    >>> decode_bytes("„zitat“".encode("cp1252"))[1]
    'cp1252'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.replace("-sig", "")), encoding, ()
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: starts like {encoding} but is not valid") from exc
    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16, ()
        except UnicodeDecodeError:
            pass
    if b"\x00" in data or _control_ratio(data) > 0.01:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    text, encoding, warning = _decode_damaged(data, name)
    if not _looks_like_text(text):
        raise InputError(f"{name}: cannot be decoded as text (unknown encoding or binary data)")
    return text, encoding, (warning,)


def _decode_damaged(data: bytes, name: str) -> tuple[str, str, str]:
    """Not valid UTF-8: UTF-8 with a few bad bytes, or a legacy single-byte encoding."""
    replaced = data.decode("utf-8", errors="replace")
    marks = replaced.count("\ufffd")
    bad = marks - data.count("\ufffd".encode())  # U+FFFD already in the file is not damage
    non_ascii = len(replaced) - len(replaced.encode("ascii", errors="ignore"))
    good = non_ascii - marks
    if good >= 4 * bad:
        # Mostly UTF-8 with a few broken sequences (a truncated copy, a stray byte).
        plural = "s" if bad != 1 else ""
        warning = f"{name}: {bad} invalid UTF-8 byte sequence{plural} replaced by \ufffd"
        return replaced, "utf-8", warning
    # 0x80-0x9F are typographic quotes, dashes and € in cp1252, unused control codes in Latin-1.
    high = set(data.translate(None, _NOT_C1))
    encoding = "cp1252" if high and not high & _CP1252_UNDEFINED else "latin-1"
    text = data.decode(encoding)
    # C1 control codes (Latin-1 with bytes cp1252 leaves undefined: Shift-JIS, GBK, EUC-KR
    # read so give them), or mostly accented letters: no Western text
    if (encoding == "latin-1" and high) or _mostly_accented(text):
        text, encoding = _other_encoding(data) or (text, encoding)
    elif _symbols_in_words(text) >= 2:
        # Central European cp1250 read as cp1252 ("by³o", "wi¹zaæ"): taken where the
        # other reading has no such symbol left (charset-normalizer reads some German
        # and Icelandic cp1252 as cp1250; this asks it only where cp1252 fails)
        other = _other_encoding(data)
        if other is not None and _symbols_in_words(other[0]) == 0:
            text, encoding = other
    # the guess can be wrong (Czech cp1250, Turkish cp1254 read as cp1252 with a few wrong
    # letters): say how to give the file in UTF-8 instead
    warning = (
        f"{name}: not valid UTF-8; decoded as {encoding} (if its text looks wrong, convert "
        f"it: iconv -f ENCODING -t UTF-8)"
    )
    return text, encoding, warning


def _mostly_accented(text: str) -> bool:
    """More accented letters than plain ones in ``text`` (bytes read as cp1252 or Latin-1)? No
    Western language writes so (French has about 4%); Cyrillic, Greek, Arabic or Hebrew code
    pages read so do ("Ó÷¸íûå").

    >>> _mostly_accented("Grüße aus Zürich, à bientôt"), _mostly_accented("Ó÷¸íûå íàñ÷èòàëè")
    (False, True)
    """
    letters = [ch for ch in text[:65536] if ch.isalpha()]
    accented = sum(1 for ch in letters if not ch.isascii())
    return accented > len(letters) - accented


# the symbols cp1252 and Latin-1 read for cp1250's Ł Ą Ż ł ą Ľ ľ ż (£ ¥ ¯ ³ ¹ ¼ ¾ ¿)
_IN_WORD_SYMBOL = re.compile(r"(?<=[^\W\d_])[£¥¯³¹¼¾¿](?=[^\W\d_])")


def _symbols_in_words(text: str) -> int:
    """How many symbols (³ ¹ ¿ ¾ ¥ £ ¯ ¼) stand between two letters in the first 64 KB of
    ``text``: no language writes them inside a word, cp1250 text read as cp1252 does ("by³o",
    "siê" is a letter, "wi¹zaæ" a symbol).

    >>> _symbols_in_words("Wczoraj odby³o siê spotkanie, które ma³o kto wi¹za³ z tym")
    3
    >>> _symbols_in_words("Preis: 3¼ Pfund, 20 °C, Größe, ¿Qué?, H²O")
    0
    """
    return len(_IN_WORD_SYMBOL.findall(text[:65536]))


def _other_encoding(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of legacy bytes of another script, as charset-normalizer reads them
    (code pages and multi-byte encodings of every script, chosen by how coherent the decoded
    text reads in a language): None when it finds none."""
    from charset_normalizer import from_bytes  # only for such files: a few ms to import

    best = from_bytes(data[:MAX_GUESS_BYTES]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):  # the sample's guess does not fit the rest
        return None


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: nearly every other byte is NUL in Latin-script text."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


def _looks_like_text(text: str) -> bool:
    """Letters, digits, spaces and punctuation, not a soup of symbols and C1 controls."""
    sample = text[:65536]
    if not sample.strip():
        return True
    plausible = sum(
        1 for ch in sample if ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-–—«»„“”‘’…%/&"
    )
    return plausible >= 0.85 * len(sample)


def input_warnings(
    source_path: str,
    target_path: str,
    source: Article,
    target: Article,
    *,
    same_file: bool | None = None,
) -> list[str]:
    """Things worth saying about two loaded articles before comparing them (the command line
    and batch mode say the same): decoding guesses, the same file twice.

    The comparison adds its own warnings (the same path twice, the same language on both
    sides); these cover what it cannot see: two spellings of one file, two identical files.
    ``same_file`` is asked of the file system unless given (by the machine that read the files).
    """
    messages = [*source.warnings, *target.warnings]
    if same_file is None:
        same_file = is_same_file(source_path, target_path)
    if same_file and source_path != target_path:
        messages.append(f"{source_path} and {target_path} are the same file")
    elif not same_file and [p.text for p in source.paragraphs] == [
        p.text for p in target.paragraphs
    ]:
        messages.append("the two articles have identical text")
    return messages


def is_same_file(first: str, second: str) -> bool:
    """True when the two paths name one file (False when either cannot be looked at)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False
