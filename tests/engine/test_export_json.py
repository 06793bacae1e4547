"""JSON export: the transdiff/1 schema, its invariants on the sample pair, and a round trip."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from export_fixtures import make_comparison, without_findings
from hypothesis import given
from hypothesis import strategies as st

from tui.engine.errors import InputError
from tui.engine.export import ExportOptions, render
from tui.engine.export import json as json_export
from tui.engine.export.json import parse_json, render_json
from tui.engine.model import CompareOptions, FindingKind, Severity
from tui.engine.pipeline import compare
from tui.engine.review import Decision, Review
from tui.engine.text.load import load_article

SAMPLES = Path(__file__).parents[2] / "sample_articles"


def test_schema_keys_and_values() -> None:
    comparison = make_comparison()
    data = json.loads(render("json", comparison))
    assert data["schema"] == "transdiff/1"
    assert set(data) == {
        "schema",
        "scorer",
        "source",
        "target",
        "links",
        "sentence_links",
        "findings",
        "summary",
        "warnings",
    }
    assert data["source"]["path"] == "story.de.txt"
    assert data["target"]["language"] == "fr"
    first = data["source"]["paragraphs"][0]
    assert first == {
        "text": "Die Sonne scheint. Es ist 25 Grad warm.",
        "language": None,
        "role": "paragraph",
        "sentences": [[0, 18], [19, 39]],
    }
    assert data["links"][2] == {"source": [2], "target": [], "score": 0.0}
    assert data["sentence_links"][0] == {"source": [[0, 0]], "target": [[0, 0]], "score": 0.9}
    finding = data["findings"][0]
    assert finding == {
        "id": "num",
        "kind": "number_mismatch",
        "severity": "medium",
        "confidence": 0.9,
        "message": "25 in the source, 26 in the target",
        "source": {"paragraph": 0, "start": 26, "end": 28},
        "target": {"paragraph": 0, "start": 26, "end": 28},
    }
    assert data["findings"][2]["target"] is None
    assert list(data["summary"]) == [kind.value for kind in FindingKind]
    assert data["summary"]["paragraph_only_in_source"] == 1


def test_round_trip() -> None:
    comparison = make_comparison()
    text = render_json(comparison, ExportOptions())
    again = parse_json(text)
    assert again == comparison
    assert render_json(again, ExportOptions()) == text


def test_warnings_are_collected_once() -> None:
    comparison = make_comparison()
    source = replace(comparison.source, warnings=("a.txt: not valid UTF-8; decoded as cp1252",))
    comparison = replace(comparison, source=source, warnings=("w2", "w2"))
    data = json.loads(render_json(comparison, ExportOptions()))
    assert data["warnings"] == ["a.txt: not valid UTF-8; decoded as cp1252", "w2"]


def test_reviews_appear_only_when_made() -> None:
    reviews = {"num": Review(Decision.REVIEWED, "checked"), "sent": Review()}
    data = json.loads(render_json(make_comparison(), ExportOptions(reviews=reviews)))
    by_id = {f["id"]: f for f in data["findings"]}
    assert by_id["num"]["review"] == {"decision": "reviewed", "note": "checked"}
    assert "review" not in by_id["sent"]


def test_no_findings_gives_empty_list_and_zero_counts() -> None:
    data = json.loads(render_json(without_findings(make_comparison()), ExportOptions()))
    assert data["findings"] == []
    assert set(data["summary"].values()) == {0}


@pytest.mark.parametrize(
    "text",
    [
        "not json",  # not JSON at all
        '{"schema": "other/1"}',  # another schema
        '{"schema": "transdiff/1", "source": {}}',  # missing parts
    ],
)
def test_parse_rejects_other_documents(text: str) -> None:
    with pytest.raises(InputError):
        parse_json(text)


def test_sample_pair_invariants() -> None:
    comparison = compare(
        load_article(SAMPLES / "ultraman-musk.de.txt"),
        load_article(SAMPLES / "ultraman-musk.fr.txt"),
    )
    data = json.loads(render("json", comparison))
    for side in ("source", "target"):
        paragraphs = data[side]["paragraphs"]
        # every paragraph in exactly one link, links monotone
        ids = [i for link in data["links"] for i in link[side]]
        assert ids == list(range(len(paragraphs)))
        # every sentence in exactly one sentence link, in document order
        refs = [tuple(r) for link in data["sentence_links"] for r in link[side]]
        expected = [
            (p, s) for p, par in enumerate(paragraphs) for s in range(len(par["sentences"]))
        ]
        assert refs == expected
        # sentence offsets are inside their paragraph
        for paragraph in paragraphs:
            for start, end in paragraph["sentences"]:
                assert 0 <= start < end <= len(paragraph["text"])
    assert sum(data["summary"].values()) == len(data["findings"])


# --- layout: the fast writer against the first, obviously correct one -------------------------


def _layout_as_first_written(value, indent: int = 0) -> str:
    """The layout as it was first written (encodes flat dicts twice, re-checks flatness at
    every level): the oracle for the writer that avoids that work."""

    def scalar(v) -> bool:
        return v is None or isinstance(v, str | int | float | bool)

    def flat(v) -> bool:
        if isinstance(v, dict):
            return all(flat(x) and not isinstance(x, dict) for x in v.values())
        if isinstance(v, list):
            return all(scalar(x) or (isinstance(x, list) and all(map(scalar, x))) for x in v)
        return True

    if flat(value):
        one_line = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        if not isinstance(value, dict) or len(one_line) <= 100:
            return one_line
    pad, end = "  " * (indent + 1), "  " * indent
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(k)}: {_layout_as_first_written(v, indent + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + end + "}" if items else "{}"
    items = [pad + _layout_as_first_written(v, indent + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + end + "]" if items else "[]"


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=120)  # some one-line dicts pass 100 characters, some do not
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


@given(_values)
def test_the_layout_is_the_first_one(value) -> None:
    assert json_export._dump(value) == _layout_as_first_written(value)


@pytest.mark.parametrize(
    "value",
    [
        {"text": "x" * 88},  # exactly 100 characters on one line: stays there
        {"text": "x" * 89},  # 101: one key a line
        {"text": "é" * 88, "n": None},  # characters, not bytes, count
        {"text": "\n" * 45},  # escapes lengthen the line past 100
        {"a": [[0, 12], [13, 40]], "b": "y" * 60, "c": 0.5},
        [{"text": "x" * 89}, [1, 2], "z"],  # a list holding one of each
        {},
        [],
    ],
)
def test_the_layout_at_the_one_line_limit(value) -> None:
    assert json_export._dump(value) == _layout_as_first_written(value)


@pytest.mark.parametrize(
    "value",
    [
        float("inf"),
        float("nan"),
        -0.0,
        1e300,
        0.1 + 0.2,
        'é\n\u2028\x00"',
        Severity.HIGH,  # a str enum: encoded as its value
        [1, [2.5, None], True],
        {"a": [[0, 12]], "b": "„zitat“", "c": None},
        {},
        [],
    ],
)
def test_one_line_values_are_the_stock_encoders(value) -> None:
    """The encoder built once gives what ``json.dumps`` with the same settings gives."""
    expected = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    assert json_export._ONE_LINE(value) == expected


def test_the_sample_report_is_laid_out_as_first_written() -> None:
    comparison = compare(
        load_article(str(SAMPLES / "ultraman-musk.de.txt")),
        load_article(str(SAMPLES / "ultraman-musk.fr.txt")),
        options=CompareOptions(scorer="lexical"),
    )
    data = json_export.to_json(comparison)
    assert render("json", comparison) == _layout_as_first_written(data) + "\n"


def test_a_findings_evidence_is_written_and_read_back() -> None:
    comparison = make_comparison()
    why = "joining it to a neighbouring pair would cost 4.1 log-odds"
    findings = (replace(comparison.findings[0], why=why), *comparison.findings[1:])
    text = render_json(replace(comparison, findings=findings), ExportOptions())
    data = json.loads(text)
    assert data["findings"][0]["why"] == why
    assert "why" not in data["findings"][1]  # no evidence measured: no key
    assert parse_json(text).findings[0].why == why
