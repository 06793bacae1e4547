"""Omissions found on pairs no engine parameter was tuned on: new users' trial texts.

    python benchmarks/trial_pairs.py [--scorer lexical semantic] [--pairs en-th ...] [--list]

Each folder of ``benchmarks/trial_pairs/`` holds an English text and its translation,
written for a trial of the product as a new user would run it, and ``edits.json``: the
changes made to one side, each with the text on the other side that is then one-sided.
``en-XX``: news in Thai, Greek, Hebrew, Vietnamese, Turkish and Ukrainian, and a short
story translated freely into Portuguese; a third trial's news in Korean, Japanese, Chinese,
Indonesian, Persian and Polish, ``release-en-es`` and ``story-en-fr``; a fourth trial's news
in Hindi, Arabic, Russian, Armenian, Amharic and Burmese, ``story-en-ja`` and
``interview-en-de``; a fifth trial's news in Czech, Swedish, Romanian, Serbian (Cyrillic),
Bengali, Tamil and Georgian and ``report-en-zh``; a sixth trial's news in Swahili, Urdu,
Nepali, Lao, Khmer and Hungarian, ``novel-zh-en`` (a Chinese story translated freely, one
sentence into two to five) and ``verses-en-fi`` (numbered verses, a line each); a seventh
trial's news in Tagalog, Malay, Marathi, Telugu, Kazakh and Azerbaijani, ``press-ja-en`` (a
Japanese press release) and ``story-ru-en`` (a Russian story with dash dialogue, translated
freely) (sentences, a headline, a paragraph deleted; a sentence added; a number changed; the
script makes the edits). An eighth trial's genres between two languages other than English,
edited files given: ``subtitles-de-fr``, ``regulation-fr-de``, ``catalogue-es-pt``,
``interview-ja-zh``, ``manual-ko-en`` and ``minutes-nl-en``. A ninth trial's news in Gujarati,
Punjabi, Kannada, Malayalam, Sinhala and Bulgarian, ``memoir-ja-en`` (translated freely) and
``wiki-en-it`` (an encyclopedia article with a timeline list); a tenth trial's free
translations and pairs without English, edits made by the script: ``story-es-en``,
``novel-ko-en``, ``essay-de-fr``, ``recipe-it-fr``, ``contract-de-en``, ``news-zhtw-en``
(Traditional Chinese) and ``news-fr-ar``. ``GENRE-en-XX``: a course
catalogue (French), an essay (Italian), a machine's manual (Dutch), terms of use (Polish)
and film subtitles (German), edited files given, the one-sided text as spans of the edited
pair's paragraphs (deleted lines, a heading or title, a whole entry or paragraph, an added
sentence, a changed number). They are a check, not a tuning set: tune on the dev sets.

For every pair and scorer the script compares the faithful pair and the edited one and
prints: edits found by a one-sided finding that overlaps the one-sided text on the right
side (recall), one-sided findings that overlap one (precision), whether the changed number
is reported, and the findings on the faithful pair by kind (each one a false alarm).
``--list`` prints every miss and false alarm. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.engine.model import CompareOptions, Comparison, Finding, FindingKind, Side
from tui.engine.pipeline import compare
from tui.engine.scoring.registry import available_scorers
from tui.engine.text.load import article_from_text
from tui.engine.tuning import overridden

# --tuning's overrides (tuning.overridden's keys)
TUNING_OVERRIDES: dict = {}

DATA = Path(__file__).resolve().parent / "trial_pairs"
ONE_SIDED = {
    FindingKind.PARAGRAPH_ONLY_IN_SOURCE,
    FindingKind.PARAGRAPH_ONLY_IN_TARGET,
    FindingKind.SENTENCE_ONLY_IN_SOURCE,
    FindingKind.SENTENCE_ONLY_IN_TARGET,
}


@dataclass(frozen=True)
class Trial:
    name: str
    genre: str
    languages: tuple[str, str]
    source: str
    target: str
    edited_source: str
    edited_target: str
    edits: list[dict]


def apply_edit(text: str, edit: dict) -> str:
    """``text`` with one edit made: a sentence or paragraph deleted, a number changed, a
    sentence added after another."""
    op = edit["op"]
    if op == "del_sent":
        sentence = edit["text"]
        assert text.count(sentence) == 1, sentence
        start = text.index(sentence)
        end = start + len(sentence)
        if end < len(text) and text[end] == " ":
            end += 1
        elif start and text[start - 1] == " ":
            start -= 1
        return text[:start] + text[end:]
    if op in ("del_para", "del_headline"):
        paragraphs = text.rstrip("\n").split("\n\n")
        assert paragraphs.count(edit["text"]) == 1, edit["text"]
        paragraphs.remove(edit["text"])
        return "\n\n".join(paragraphs) + "\n"
    if op == "num":
        assert text.count(edit["old"]) == 1, edit["old"]
        return text.replace(edit["old"], edit["new"])
    if op == "add":
        assert text.count(edit["after"]) == 1, edit["after"]
        return text.replace(edit["after"], edit["after"] + edit["sep"] + edit["text"])
    raise ValueError(f"unknown edit {op!r}")


def load_trial(folder: Path) -> Trial:
    spec = json.loads((folder / "edits.json").read_text(encoding="utf-8"))

    def read(key: str) -> str:
        return (folder / spec[key]).read_text(encoding="utf-8")

    source, target = read("source"), read("target")
    if "edited_source" in spec:  # the edited files are given
        edited = {"src": read("edited_source"), "tgt": read("edited_target")}
    else:
        edited = {"src": source, "tgt": target}
        for edit in spec["edits"]:
            edited[edit["side"]] = apply_edit(edited[edit["side"]], edit)
    languages = tuple(spec.get("languages", ("en", folder.name.split("-")[-1])))
    return Trial(
        folder.name,
        spec["genre"],
        languages,
        source,
        target,
        edited["src"],
        edited["tgt"],
        spec["edits"],
    )


def run(source: str, target: str, languages: tuple[str, str], scorer: str) -> Comparison:
    return compare(
        article_from_text(source, language=languages[0]),
        article_from_text(target, language=languages[1]),
        options=CompareOptions(
            scorer=scorer,
            source_lang=languages[0],
            target_lang=languages[1],
            tuning=overridden(TUNING_OVERRIDES),
        ),
    )


def _held(comparison: Comparison, finding: Finding, side: Side) -> tuple[int, str] | None:
    where = finding.location(side)
    if where is None or where.end <= where.start:
        return None
    text = comparison.article(side).paragraphs[where.paragraph].text
    return where.paragraph, text[where.start : where.end]


def _expected(comparison: Comparison, side: Side, edit: dict) -> list[tuple[int, int, int]]:
    """Where the edit's one-sided text lies in the edited pair: (paragraph, start, end)."""
    if "expect_spans" in edit:
        return [tuple(span) for span in edit["expect_spans"]]
    wanted = edit["text"] if edit["op"] == "add" else edit["expect_text"]
    for k, paragraph in enumerate(comparison.article(side).paragraphs):
        start = paragraph.text.find(wanted)
        if start >= 0:
            return [(k, start, start + len(wanted))]
    raise KeyError(wanted)


def _overlaps(finding: Finding, side: Side, spans: list[tuple[int, int, int]]) -> bool:
    where = finding.location(side)
    if where is None or where.end <= where.start:
        return False
    return any(
        where.paragraph == p and where.start < end and start < where.end for p, start, end in spans
    )


@dataclass
class Score:
    found: int = 0
    edits: int = 0
    true_findings: int = 0
    findings: int = 0
    number_found: bool = False
    faithful: Counter | None = None
    seconds: float = 0.0


def _number_found(edited: Comparison, edit: dict) -> bool:
    numbers = [f for f in edited.findings if f.kind is FindingKind.NUMBER_MISMATCH]
    if "expect_spans" in edit:
        return any(
            _overlaps(f, side, [tuple(edit["expect_spans"][side.value])])
            for f in numbers
            for side in Side
        )
    return any(edit["num_src"] in f.message or edit["num_tgt"] in f.message for f in numbers)


def score_trial(trial: Trial, scorer: str, notes: list[str]) -> Score:
    score = Score()
    started = time.perf_counter()
    faithful = run(trial.source, trial.target, trial.languages, scorer)
    edited = run(trial.edited_source, trial.edited_target, trial.languages, scorer)
    score.seconds = time.perf_counter() - started
    score.faithful = Counter(f.kind.value for f in faithful.findings)
    for finding in faithful.findings:
        held = _held(faithful, finding, finding.side)
        notes.append(f"  {trial.name} {scorer} faithful {finding.kind.value}: {held}")
    one_sided = [f for f in edited.findings if f.kind in ONE_SIDED]
    used: set[str] = set()
    for edit in trial.edits:
        if edit["op"] == "num":
            score.number_found = _number_found(edited, edit)
            continue
        score.edits += 1
        side = Side(edit["expect_side"])
        spans = _expected(edited, side, edit)
        hits = [f for f in one_sided if f.side is side and _overlaps(f, side, spans)]
        used.update(f.id for f in hits)
        if hits:
            score.found += 1
        else:
            wanted = edit["text"] if edit["op"] == "add" else edit["expect_text"]
            notes.append(f"  {trial.name} {scorer} missed {edit['op']}: {wanted[:90]!r}")
    score.findings = len(one_sided)
    score.true_findings = sum(f.id in used for f in one_sided)
    for finding in one_sided:
        if finding.id not in used:
            held = _held(edited, finding, finding.side)
            notes.append(f"  {trial.name} {scorer} false {finding.kind.value}: {held}")
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scorer", nargs="+", default=None)
    parser.add_argument("--pairs", nargs="+", default=None)
    parser.add_argument("--list", action="store_true", help="print every miss and false alarm")
    parser.add_argument(
        "--tuning", type=json.loads, default={}, help="overrides, as accuracy.py's --tuning"
    )
    args = parser.parse_args()
    TUNING_OVERRIDES.update(args.tuning)
    scorers = args.scorer or [s for s in ("lexical", "semantic") if s in available_scorers()]
    folders = sorted(p for p in DATA.iterdir() if (p / "edits.json").exists())
    trials = [load_trial(p) for p in folders if not args.pairs or p.name in args.pairs]
    print(f"{'pair':17} {'genre':10} {'scorer':9} {'found':>7} {'precision':>9} number  faithful")
    totals: dict[str, list[int]] = {s: [0, 0, 0, 0] for s in scorers}
    notes: list[str] = []
    for trial in trials:
        for scorer in scorers:
            s = score_trial(trial, scorer, notes)
            alarms = ", ".join(f"{n} {kind}" for kind, n in sorted(s.faithful.items())) or "none"
            print(
                f"{trial.name:17} {trial.genre:10} {scorer:9} {s.found:>3}/{s.edits:<3} "
                f"{s.true_findings:>4}/{s.findings:<4} {'yes' if s.number_found else 'NO':6}  "
                f"{alarms} ({s.seconds:.1f} s)"
            )
            total = totals[scorer]
            total[0] += s.found
            total[1] += s.edits
            total[2] += s.true_findings
            total[3] += s.findings
    for scorer, (found, edits, true, findings) in totals.items():
        print(
            f"all {scorer}: recall {found}/{edits} = {found / max(edits, 1):.2f}, "
            f"precision {true}/{findings} = {true / max(findings, 1):.2f}"
        )
    if args.list:
        print("\n".join(notes))


if __name__ == "__main__":
    main()
