"""Polarity findings (detect/meaning.py) on faithful translations, per language pair.

    python benchmarks/meaning_alarms.py [--shared PATH] [--pairs en-de de-ja ...]
        [--scorer lexical|semantic] [--show N]

ntrex-dev's lines are professional translations of one another (line i of every language
translates line i of English) and textberg-dev's German and French are too, so every
"negated in ... only" weak link there is a false alarm or a real divergence the translator
made. Each of the six ntrex-dev articles of a pair (and textberg-dev, pair de-fr-textberg) is
compared one line per paragraph and the polarity findings are counted, with the rate per
thousand lines, with ``detection.polarity_checks`` turned on (it is off by default).
``--show`` prints that many findings per pair with both sentences, to judge them. Only
pairs whose two languages have a negation lexicon are run. Prints figures, asserts nothing;
skips without the data.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import devsets

from tui.engine.detect.meaning import LANGUAGES_WITH_LEXICON
from tui.engine.model import CompareOptions, FindingKind
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text
from tui.engine.tuning import Tuning, overridden

ROOT = Path(__file__).resolve().parent.parent
TEXTBERG = "de-fr-textberg"


def pair_counts(
    documents: list[devsets.Document], scorer: str, tuning: Tuning, show: int
) -> tuple[int, int]:
    """(lines, polarity findings) over ``documents``."""
    lines = found = shown = 0
    for doc in documents:
        source_lang, target_lang = doc.source_lang, doc.target_lang
        source = article_from_text("\n\n".join(doc.source), language=source_lang)
        target = article_from_text("\n\n".join(doc.target), language=target_lang)
        options = CompareOptions(
            scorer=scorer, source_lang=source_lang, target_lang=target_lang, tuning=tuning
        )
        result = compare(source, target, options=options)
        lines += len(doc.source)
        for finding in result.findings:
            if finding.kind is not FindingKind.WEAK_LINK or not finding.why.startswith("negated"):
                continue
            found += 1
            if shown < show and finding.source and finding.target:
                shown += 1
                print(f"  {source_lang}-{target_lang} {doc.name}: {finding.why}")
                print(f"    {source_lang}: {source.paragraphs[finding.source.paragraph].text}")
                print(f"    {target_lang}: {target.paragraphs[finding.target.paragraph].text}")
    return lines, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--pairs", nargs="+", help=f"e.g. en-de de-fr {TEXTBERG} (default: all with lexicons)"
    )
    parser.add_argument("--scorer", default="lexical", choices=("lexical", "semantic"))
    parser.add_argument("--show", type=int, default=0, help="findings to print per pair")
    args = parser.parse_args()
    if not (args.shared / "eval/ntrex-dev").is_dir():
        print(f"skipped: no {args.shared / 'eval/ntrex-dev'}")
        return 0
    languages = [lang for lang in devsets.NTREX_LANGUAGES if lang in LANGUAGES_WITH_LEXICON]
    pairs = args.pairs or ["-".join(p) for p in itertools.combinations(languages, 2)] + [TEXTBERG]
    tuning = overridden({"detection.polarity_checks": True})  # off by default
    started = time.perf_counter()
    total_lines = total = 0
    print(f"{args.scorer} scorer, detection.polarity_checks on")
    print(f"{'pair':15} {'lines':>6} {'findings':>9} {'per 1000':>9}")
    for pair in pairs:
        if pair == TEXTBERG:
            documents = devsets.textberg(args.shared)
        else:
            source_lang, target_lang = pair.split("-")
            documents = devsets.ntrex(args.shared, source_lang, target_lang)
        lines, found = pair_counts(documents, args.scorer, tuning, args.show)
        total_lines, total = total_lines + lines, total + found
        print(f"{pair:15} {lines:6d} {found:9d} {1000 * found / lines:9.1f}")
    print(f"{'all':15} {total_lines:6d} {total:9d} {1000 * total / total_lines:9.1f}")
    print(f"({len(pairs)} pairs in {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
