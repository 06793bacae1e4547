"""Name and weekday/month findings (detect/names.py, detect/calendar.py): false alarms on
faithful translations, and synthetic changes found, per language pair.

    python benchmarks/fact_alarms.py [--shared PATH] [--pairs en-de de-ja ...]
        [--scorer lexical|semantic] [--show N] [--jobs 2]

ntrex-dev's lines are professional translations of one another (line i of every language
translates line i of English) and textberg-dev's German and French are too, so a
``name_mismatch`` or ``date_mismatch`` finding there is a false alarm or a real divergence the
translator made. Each article of a pair is compared one line per paragraph as it is (alarms,
with the rate per thousand lines), then twice changed (fixed seeds), up to five lines apart:

- names: in lines where a capitalised word (not the line's first) has a look-alike in the
  other version's line, that word is replaced, on the target side where its script has case
  (else on the source side), by another such name of the same article found in neither line;
- days: in lines where both versions name the same weekday or month in words, the target's
  is replaced by the next weekday or month's first form in its language's lexicon.

A change is found when a finding of its kind lies in that line on either side. ``--show``
prints that many alarms per pair with both lines. Prints figures, asserts nothing; skips
without the data. Every ntrex-dev pair (45) and textberg-dev (alarms only: its lines are not
parallel) by default. ``detection.names_carried`` is turned on (off by default): "names" counts
both kinds of name finding, "repl." those of a name in another's place (on by default), and
"by default" the changed names those find.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import devsets

from tui.engine.model import CompareOptions, FindingKind, Side
from tui.engine.pipeline import compare
from tui.engine.scoring.lexical import match_vocabularies
from tui.engine.text import number_lexicon as lexicon
from tui.engine.text.anchors import normalize_word
from tui.engine.text.load import article_from_text
from tui.engine.text.times import find_calendar
from tui.engine.tuning import overridden

ROOT = Path(__file__).resolve().parent.parent
TEXTBERG = "de-fr-textberg"
CASED = {"en", "de", "fr", "es", "ru"}
KINDS = (FindingKind.NAME_MISMATCH, FindingKind.DATE_MISMATCH)
MAX_CHANGES = 5  # per article and kind of change
GAP = 5  # lines between two changed lines


def _findings(doc: devsets.Document, source: list[str], target: list[str], scorer: str):
    src = article_from_text("\n\n".join(source), language=doc.source_lang)
    tgt = article_from_text("\n\n".join(target), language=doc.target_lang)
    options = CompareOptions(
        scorer=scorer,
        source_lang=doc.source_lang,
        target_lang=doc.target_lang,
        tuning=overridden({"detection.names_carried": True}),  # off by default
    )
    return compare(src, tgt, options=options).findings


def _lines_of(finding) -> set[int]:
    return {loc.paragraph for loc in (finding.source, finding.target) if loc is not None}


def _name_words(line: str) -> list[str]:
    words = line.split()
    return [w.strip(".,;:!?\"'«»“”„()") for w in words[1:]]


def _name_changes(doc: devsets.Document, rng: random.Random):
    """(side changed, lines) with names swapped, and the changed line indices."""
    side = Side.TARGET if doc.target_lang in CASED else Side.SOURCE
    if doc.source_lang not in CASED and doc.target_lang not in CASED:
        return None
    mine = list(doc.target if side is Side.TARGET else doc.source)
    other = doc.source if side is Side.TARGET else doc.target
    candidates = []  # (line, word) with a look-alike across
    for k, line in enumerate(mine):
        for word in _name_words(line):
            if len(word) >= 3 and word.isalpha() and word[0].isupper():
                across = {normalize_word(w) for w in other[k].split()}
                across = {w.strip(".,;:!?\"'«»“”„()") for w in across}
                if (
                    match_vocabularies({normalize_word(word)}, across)
                    if side is Side.SOURCE
                    else (match_vocabularies(across, {normalize_word(word)}))
                ):
                    candidates.append((k, word))
    names = sorted({word for _, word in candidates})
    rng.shuffle(candidates)
    changed: list[int] = []
    for k, word in candidates:
        if len(changed) >= MAX_CHANGES or any(abs(k - c) < GAP for c in changed):
            continue
        seen = {normalize_word(w) for w in (mine[k] + " " + other[k]).split()}
        options = [n for n in names if normalize_word(n) not in seen and n != word]
        if not options:
            continue
        mine[k] = mine[k].replace(word, rng.choice(options), 1)
        changed.append(k)
    if side is Side.TARGET:
        return list(doc.source), mine, changed
    return mine, list(doc.target), changed


def _day_changes(doc: devsets.Document):
    target = list(doc.target)
    changed: list[int] = []
    for k in range(len(target)):
        if len(changed) >= MAX_CHANGES or any(abs(k - c) < GAP for c in changed):
            continue
        src = find_calendar(doc.source[k], doc.source_lang)
        tgt = find_calendar(target[k], doc.target_lang)
        same = [m for m in tgt if any((s.unit, s.value) == (m.unit, m.value) for s in src)]
        if not same:
            continue
        m = same[0]
        table = lexicon.WEEKDAYS if m.unit == "weekday" else lexicon.MONTHS
        size = 7 if m.unit == "weekday" else 12
        new = table[doc.target_lang][m.value % size + 1].split()[0].replace("_", " ")
        target[k] = target[k][: m.start] + new + target[k][m.end :]
        changed.append(k)
    return list(doc.source), target, changed


def pair_figures(pair: str, shared: Path, scorer: str, show: int) -> tuple[str, dict, list[str]]:
    if pair == TEXTBERG:
        documents = devsets.textberg(shared)
    else:
        documents = devsets.ntrex(shared, *pair.split("-"))
    out = {"lines": 0, **{k.value: 0 for k in KINDS}}
    out["replaced"] = 0  # of the name findings: a name in the place of another
    out |= {"names changed": 0, "names found": 0, "days changed": 0, "days found": 0}
    out["names found by default"] = 0  # by a replaced-name finding (names_carried is off)
    printed: list[str] = []
    for n, doc in enumerate(documents):
        out["lines"] += len(doc.source)
        for finding in _findings(doc, doc.source, doc.target, scorer):
            if finding.kind in KINDS:
                out[finding.kind.value] += 1
                out["replaced"] += " where the " in finding.message
                if len(printed) < 3 * show:
                    k = min(_lines_of(finding))
                    printed += [
                        f"  {pair} {doc.name}: {finding.message} | {finding.why}",
                        f"    {doc.source_lang}: {doc.source[k]}",
                        f"    {doc.target_lang}: {doc.target[k]}",
                    ]
        if len(doc.source) != len(doc.target):
            continue  # textberg-dev: lines not parallel, no line-wise changes (alarms only)
        rng = random.Random(f"{pair}/{n}")
        for label, kind, made in (
            ("names", FindingKind.NAME_MISMATCH, _name_changes(doc, rng)),
            ("days", FindingKind.DATE_MISMATCH, _day_changes(doc)),
        ):
            if made is None or not made[2]:
                continue
            source, target, changed = made
            found = [f for f in _findings(doc, source, target, scorer) if f.kind is kind]
            hit = {line for f in found for line in _lines_of(f)}
            out[f"{label} changed"] += len(changed)
            out[f"{label} found"] += sum(1 for k in changed if k in hit)
            if label == "names":
                default = {
                    line for f in found if " where the " in f.message for line in _lines_of(f)
                }
                out["names found by default"] += sum(1 for k in changed if k in default)
    return pair, out, printed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pairs", nargs="+", help=f"e.g. en-de de-fr {TEXTBERG} (default: all)")
    parser.add_argument("--scorer", default="lexical", choices=("lexical", "semantic"))
    parser.add_argument("--show", type=int, default=0, help="alarms to print per pair")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if not (args.shared / "eval/ntrex-dev").is_dir():
        print(f"skipped: no {args.shared / 'eval/ntrex-dev'}")
        return 0
    pairs = args.pairs or [
        "-".join(p) for p in itertools.combinations(devsets.NTREX_LANGUAGES, 2)
    ] + [TEXTBERG]
    started = time.perf_counter()
    print(f"{args.scorer} scorer")
    print(
        f"{'pair':15} {'lines':>6} {'names':>6} {'/1000':>6} {'repl.':>5} {'/1000':>6}"
        f" {'days':>5} {'/1000':>6}"
        f" {'names found':>12} {'by default':>10} {'days found':>11}"
    )
    total: dict[str, int] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        jobs = [pool.submit(pair_figures, p, args.shared, args.scorer, args.show) for p in pairs]
        for job in jobs:
            pair, out, printed = job.result()
            for key, value in out.items():
                total[key] = total.get(key, 0) + value
            _row(pair, out)
            for line in printed:
                print(line)
    _row("all", total)
    print(f"({len(pairs)} pairs in {time.perf_counter() - started:.0f} s)")
    return 0


def _row(pair: str, out: dict) -> None:
    lines = out["lines"] or 1
    names, days = out["name_mismatch"], out["date_mismatch"]
    print(
        f"{pair:15} {out['lines']:6d} {names:6d} {1000 * names / lines:6.1f}"
        f" {out['replaced']:5d} {1000 * out['replaced'] / lines:6.1f} {days:5d}"
        f" {1000 * days / lines:6.1f} {out['names found']:5d} / {out['names changed']:<4d}"
        f" {out['names found by default']:10d} {out['days found']:4d} / {out['days changed']:<4d}"
    )


if __name__ == "__main__":
    sys.exit(main())
