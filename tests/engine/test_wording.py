"""Word-level changes between two revisions in one language (wording_changed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import cli
from tui.engine.detect.wording import word_changes
from tui.engine.model import CompareOptions, Comparison, FindingKind, Side
from tui.engine.pipeline import compare
from tui.engine.scoring.registry import available_scorers
from tui.engine.text.load import article_from_text

SAMPLE_FR = Path(__file__).parents[2] / "sample_articles" / "ultraman-musk.fr.txt"


def _changes(old: str, new: str) -> list[tuple[str, str, int, int]]:
    """(old words, new words, old start, new start) of each change."""
    return [
        (old[c.old.start : c.old.end], new[c.new.start : c.new.end], c.old.start, c.new.start)
        for c in word_changes(old, new)
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # one word replaced
        ("le chat dort.", "le chien dort.", [("chat", "chien", 3, 3)]),
        # two words for one, with the punctuation kept
        (
            "il a démissionné, dit-on.",
            "il est parti, dit-on.",
            [("a démissionné", "est parti", 3, 3)],
        ),
        # an insertion: empty old span where the words go (before "dort")
        ("le chat dort.", "le gros chat dort.", [("", "gros", 3, 3)]),
        # a deletion at the end: empty new span after the last kept token
        ("il dort bien fort.", "il dort.", [("bien fort", "", 8, 7)]),
        # two separate changes are two findings
        ("a b c d e", "a x c d y", [("b", "x", 2, 2), ("e", "y", 8, 8)]),
        # punctuation is a token of its own
        ("oui, non", "oui; non", [(",", ";", 3, 3)]),
        # spacing alone is no change
        ("le  chat\tdort", "le chat dort", []),
        # case is a change
        ("Paris", "paris", [("Paris", "paris", 0, 0)]),
        # a word keeps its vowel signs and viramas (combining marks): one whole-word change
        ("यह परीक्षण है।", "यह प्रयोग है।", [("परीक्षण", "प्रयोग", 3, 3)]),
        ("အသေးစား ဖြစ်သည်။", "အကြီးစား ဖြစ်သည်။", [("အသေးစား", "အကြီးစား", 0, 0)]),
    ],
)
def test_word_changes(old: str, new: str, expected: list[tuple[str, str, int, int]]) -> None:
    assert _changes(old, new) == expected


OLD = [
    "Le conseil a renvoyé le directeur en novembre. Les employés ont signé une lettre.",
    "Trois jours plus tard, il est revenu à son poste. La crise était finie.",
    "Personne ne sait ce qui se passera ensuite dans cette entreprise.",
]
NEW = [
    "Le conseil a licencié le directeur en novembre. Les employés ont signé une lettre.",
    "Trois jours plus tard, il est revenu à son poste. La crise était bel et bien finie.",
    "Personne ne sait ce qui se passera ensuite dans cette entreprise.",
]


def _compare(old: list[str], new: list[str], target_language: str = "fr") -> Comparison:
    return compare(
        article_from_text("\n\n".join(old), language="fr"),
        article_from_text("\n\n".join(new), language=target_language),
        options=CompareOptions(scorer="lexical"),
    )


def _flagged(result: Comparison, kind: FindingKind) -> list[tuple[str, str]]:
    out = []
    for finding in result.findings:
        if finding.kind is kind:
            texts = []
            for side in Side:
                loc = finding.location(side)
                assert loc is not None
                texts.append(
                    result.article(side).paragraphs[loc.paragraph].text[loc.start : loc.end]
                )
            out.append((texts[0], texts[1]))
    return out


def test_two_revisions_get_a_finding_per_changed_wording() -> None:
    result = _compare(OLD, NEW)
    assert _flagged(result, FindingKind.WORDING_CHANGED) == [
        ("renvoyé", "licencié"),
        ("", "bel et bien"),
    ]
    inserted = [f for f in result.findings if f.kind is FindingKind.WORDING_CHANGED][1]
    # the insertion is held by the target; the source span is empty, before "finie"
    assert inserted.side is Side.TARGET
    assert inserted.source is not None
    assert OLD[1][inserted.source.start :].startswith("finie")
    assert inserted.message == "Wording changed: “bel et bien” added"
    assert len({f.id for f in result.findings}) == len(result.findings)


def test_across_two_languages_nothing_is_a_wording_change() -> None:
    result = _compare(OLD, NEW, target_language="de")  # as if NEW were another language
    assert not _flagged(result, FindingKind.WORDING_CHANGED)


def test_a_removed_sentence_is_not_also_a_wording_change() -> None:
    new = [NEW[0].split(". ")[0] + ".", *NEW[1:]]  # "Les employés ont signé une lettre." gone
    result = _compare(OLD, new)
    removed = _flagged(result, FindingKind.SENTENCE_ONLY_IN_SOURCE)
    assert removed == [("Les employés ont signé une lettre.", "")]
    assert all("lettre" not in old for old, _ in _flagged(result, FindingKind.WORDING_CHANGED))


def _new_revision() -> str:
    """The sample French text with two wordings changed and one sentence removed."""
    text = SAMPLE_FR.read_text(encoding="utf-8")
    new = text.replace("hauts dirigeants ont démissionné les", "hauts dirigeants sont partis les")
    new = new.replace("un stratège impitoyable", "un tacticien impitoyable")
    removed = "au même moment, deux dirigeants importants"
    start = new.index(removed)
    end = new.index(".\n", start) + 1
    new = new[:start].rstrip(" ") + new[end:]
    assert new.count("\n") == text.count("\n")  # the same paragraphs, edited inside
    return new


@pytest.mark.parametrize("scorer", ["lexical", "auto"])
def test_the_sample_french_text_against_its_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scorer: str
) -> None:
    if scorer == "auto" and "semantic" not in available_scorers():
        pytest.skip("auto is the lexical scorer without the semantic extra")
    old, new = tmp_path / "old.fr.txt", tmp_path / "new.fr.txt"
    old.write_text(SAMPLE_FR.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text(_new_revision(), encoding="utf-8")
    args = [str(old), str(new), "--format", "json"]
    assert cli.main([*args, "--scorer", scorer] if scorer != "auto" else args) == 1
    data = json.loads(capsys.readouterr().out)

    def text(finding: dict, side: str) -> str:
        loc = finding[side]
        return data[side]["paragraphs"][loc["paragraph"]]["text"][loc["start"] : loc["end"]]

    findings = data["findings"]
    wording = [f for f in findings if f["kind"] == "wording_changed"]
    assert [(text(f, "source"), text(f, "target")) for f in wording] == [
        ("ont démissionné", "sont partis"),
        ("stratège", "tacticien"),
    ]
    removed = [f for f in findings if f["kind"] == "sentence_only_in_source"]
    assert [text(f, "source") for f in removed] == [
        "au même moment, deux dirigeants importants ont également annoncé leur démission : "
        "barrett zoff, vice-président de la recherche (barret zoph) et le chercheur principal "
        "bob mcgrew."
    ]
    assert len(findings) - len(wording) - len(removed) <= 2
    assert data["summary"]["wording_changed"] == 2


def test_a_change_across_sentences_without_a_space_between_stays_inside_its_paragraph() -> None:
    # Found by Hypothesis: "Euro.Die" has no space between its sentences, the joined text of a
    # bead has one; a change over several such sentences ran one character past the paragraph.
    line = "Die Regierung zahlte am 3. Mai 2021 genau 1.250,50 Euro." * 3
    source = article_from_text(line)
    target = article_from_text(". . .\n" + line + "\n" + "\n".join([". . ."] * 60))
    comparison = compare(source, target, options=CompareOptions(scorer="lexical"))
    assert comparison.findings
    for finding in comparison.findings:
        for side in Side:
            location = finding.location(side)
            if location is not None:
                text = comparison.article(side).paragraphs[location.paragraph].text
                assert 0 <= location.start <= location.end <= len(text), finding
