"""The machine-readable result, schema ``transdiff/1``, and its reader.

Layout (documented in the README): ``schema``, ``scorer``, ``source`` and ``target``
(``path``, ``language``, ``paragraphs``: ``text``, ``language``, ``role``, ``sentences`` as
``[start, end]`` offsets into ``text``), ``links`` and ``sentence_links`` (``"manual": true``
on those the editor corrected by hand), ``findings`` (``source``/``target`` locations
``{paragraph, start, end}`` or null; ``review`` only when the editor reviewed the finding),
``summary`` (count per kind, every kind listed) and ``warnings``.
Scores and confidences are rounded to 4 decimals.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring
from typing import Any

from tui.engine.errors import InputError
from tui.engine.export import ExportOptions
from tui.engine.model import (
    Article,
    Comparison,
    Finding,
    FindingKind,
    Link,
    Location,
    Paragraph,
    SentenceLink,
    Severity,
    Span,
)

SCHEMA = "transdiff/1"


def render_json(comparison: Comparison, options: ExportOptions) -> str:
    """The comparison as a JSON document (one trailing newline)."""
    return _dump(to_json(comparison, options)) + "\n"


def to_json(comparison: Comparison, options: ExportOptions | None = None) -> dict[str, Any]:
    """The comparison as plain JSON values (dicts, lists, strings, numbers, None)."""
    reviews = options.reviews if options is not None else {}
    warnings: list[str] = []
    for warning in (*comparison.source.warnings, *comparison.target.warnings, *comparison.warnings):
        if warning not in warnings:
            warnings.append(warning)
    return {
        "schema": SCHEMA,
        "scorer": comparison.scorer,
        "source": _article(comparison.source),
        "target": _article(comparison.target),
        "links": [
            {"source": list(link.source), "target": list(link.target), "score": _round(link.score)}
            | _manual(link.manual)
            for link in comparison.links
        ],
        "sentence_links": [
            {
                "source": [list(ref) for ref in link.source],
                "target": [list(ref) for ref in link.target],
                "score": _round(link.score),
            }
            | _manual(link.manual)
            | _log_odds(link.log_odds)
            for link in comparison.sentence_links
        ],
        "findings": [_finding(finding, reviews.get(finding.id)) for finding in comparison.findings],
        "summary": comparison.summary(),
        "warnings": warnings,
    }


def _log_odds(log_odds: float | None) -> dict[str, float]:
    """``"log_odds"``: the evidence under a sentence link's score (which saturates at 1.0);
    nothing where no scorer weighed the link."""
    return {} if log_odds is None else {"log_odds": log_odds}


def _manual(manual: bool) -> dict[str, bool]:
    """``"manual": true`` on a link the editor set by hand; nothing on the others."""
    return {"manual": True} if manual else {}


def _article(article: Article) -> dict[str, Any]:
    return {
        "path": article.path,
        "language": article.language,
        "paragraphs": [
            {
                "text": paragraph.text,
                "language": paragraph.language,
                "role": paragraph.role,
                "sentences": [[span.start, span.end] for span in paragraph.sentences],
            }
            for paragraph in article.paragraphs
        ],
    }


def _finding(finding: Finding, review: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": finding.id,
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "confidence": _round(finding.confidence),
        "message": finding.message,
        "source": _location(finding.source),
        "target": _location(finding.target),
    }
    if finding.why:
        data["why"] = finding.why
    decision = getattr(review, "decision", None)
    if review is not None and (str(decision) != "open" or getattr(review, "note", "")):
        data["review"] = {"decision": str(decision), "note": getattr(review, "note", "")}
    return data


def _location(location: Location | None) -> dict[str, int] | None:
    if location is None:
        return None
    return {"paragraph": location.paragraph, "start": location.start, "end": location.end}


def _round(value: float) -> float:
    return round(float(value), 4)


# ---------------------------------------------------------------------------- reading back


def parse_json(text: str) -> Comparison:
    """Rebuild a Comparison from ``render_json`` output (InputError when it is not one).

    Warnings come back on the comparison (the JSON does not say which article raised them);
    encodings are not stored and read back as "utf-8".
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not a transdiff JSON result: {exc}") from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InputError(f"not a transdiff JSON result (schema {SCHEMA} expected)")
    try:
        return Comparison(
            source=_read_article(data["source"]),
            target=_read_article(data["target"]),
            links=tuple(
                Link(
                    tuple(link["source"]),
                    tuple(link["target"]),
                    float(link["score"]),
                    bool(link.get("manual", False)),
                )
                for link in data["links"]
            ),
            sentence_links=tuple(
                SentenceLink(
                    tuple((p, s) for p, s in link["source"]),
                    tuple((p, s) for p, s in link["target"]),
                    float(link["score"]),
                    bool(link.get("manual", False)),
                    None if link.get("log_odds") is None else float(link["log_odds"]),
                )
                for link in data["sentence_links"]
            ),
            findings=tuple(_read_finding(finding) for finding in data["findings"]),
            scorer=data.get("scorer", "lexical"),
            warnings=tuple(data.get("warnings", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"malformed transdiff JSON result ({type(exc).__name__}: {exc})") from exc


def _read_article(data: dict[str, Any]) -> Article:
    paragraphs = tuple(
        Paragraph(
            text=p["text"],
            sentences=tuple(Span(start, end) for start, end in p["sentences"]),
            language=p.get("language"),
            role=p.get("role", "paragraph"),
        )
        for p in data["paragraphs"]
    )
    return Article(paragraphs=paragraphs, path=data.get("path"), language=data.get("language"))


def _read_finding(data: dict[str, Any]) -> Finding:
    def location(raw: dict[str, int] | None) -> Location | None:
        return None if raw is None else Location(raw["paragraph"], raw["start"], raw["end"])

    return Finding(
        id=data["id"],
        kind=FindingKind(data["kind"]),
        severity=Severity(data["severity"]),
        confidence=float(data["confidence"]),
        message=data["message"],
        source=location(data["source"]),
        target=location(data["target"]),
        why=str(data.get("why", "")),
    )


# ---------------------------------------------------------------------------- layout


def _one_line_encoder() -> Callable[[Any], str]:
    """``JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode`` without the C
    encoder that ``encode`` builds afresh at every call (a third of a long report's
    layout): the same one is built once here and called directly. No check for circular
    references: ``to_json`` makes trees."""
    stock = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
    if c_make_encoder is None:  # no C accelerator (another Python): the stock encoder
        return stock.encode
    encode = c_make_encoder(
        None,  # markers: no circular-reference check
        stock.default,
        encode_basestring,
        None,  # indent
        stock.key_separator,
        stock.item_separator,
        stock.sort_keys,
        stock.skipkeys,
        stock.allow_nan,
    )
    return lambda value: "".join(encode(value, 0))


_ONE_LINE = _one_line_encoder()
_ONE_LINE_DICT = 100  # characters: a flat dict longer than this is laid out one key a line
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})


def _dump(value: Any, indent: int = 0) -> str:
    """Indented JSON where small flat values ([0, 12], a link, a location) stay on one line."""
    if type(value) is str:  # most values: no encoder set up for them
        return encode_basestring(value)
    if isinstance(value, dict):
        # a paragraph's text alone passes the limit: no need to encode it twice to see that
        if _is_flat_dict(value) and _shortest_length(value) <= _ONE_LINE_DICT:
            flat = _ONE_LINE(value)
            if len(flat) <= _ONE_LINE_DICT:
                return flat
        if not value:
            return "{}"
        pad = "  " * (indent + 1)
        items = [f"{pad}{_key(key)}: {_dump(item, indent + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}"
    if not isinstance(value, list) or _is_flat_list(value):
        return _ONE_LINE(value)
    pad = "  " * (indent + 1)
    items = [pad + _dump(item, indent + 1) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * indent + "]"


@functools.lru_cache(maxsize=256)  # a few dozen keys, written thousands of times each
def _key(key: str) -> str:
    return json.dumps(key)


def _is_flat_dict(value: dict[str, Any]) -> bool:
    """No value is a dict, and every list value is flat."""
    for v in value.values():
        if type(v) in _SCALAR_TYPES:
            continue
        if isinstance(v, dict) or (isinstance(v, list) and not _is_flat_list(v)):
            return False
    return True


def _is_flat_list(value: list[Any]) -> bool:
    """Scalars, lists of them, and lists of such lists (an empty list is flat)."""
    for v in value:
        if not isinstance(v, list):
            if type(v) in _SCALAR_TYPES or _is_scalar(v):
                continue
            return False
        for w in v:
            if type(w) not in _SCALAR_TYPES and not _is_scalar(w):
                return False
    return True


def _shortest_length(value: dict[str, Any]) -> int:
    """A lower bound on the one-line length of a flat dict: its strings' characters."""
    return sum(len(v) for v in value.values() if isinstance(v, str))


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)
