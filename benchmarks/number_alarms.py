"""Number-mismatch findings on ntrex-dev's aligned translations, per language pair.

    python benchmarks/number_alarms.py [--shared PATH] [--pairs en-de de-ja ...] [--show N]

ntrex-dev's lines are professional translations of one another (line i of every language
translates line i of English), so every number_mismatch finding there is a false alarm or a
real change made by the translator ("£11 million" written "1100 pounds"). Each of the six
articles of a pair is compared with the lexical scorer, one line per paragraph, and the
findings are counted: all of them, and those on a link that pairs line i with line i (the
rest come from links the aligner got wrong). ``--show`` prints that many findings per pair
with both lines, to judge them. Prints figures, asserts nothing; skips without the data.
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

from tui.engine.model import CompareOptions, FindingKind
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text

ROOT = Path(__file__).resolve().parent.parent


def pair_counts(shared: Path, source_lang: str, target_lang: str, show: int) -> tuple[int, int]:
    """(number_mismatch findings, of them on a gold link) over the pair's six articles."""
    found = on_gold = 0
    shown = 0
    for doc in devsets.ntrex(shared, source_lang, target_lang):
        source = article_from_text("\n\n".join(doc.source), language=source_lang)
        target = article_from_text("\n\n".join(doc.target), language=target_lang)
        options = CompareOptions(scorer="lexical", source_lang=source_lang, target_lang=target_lang)
        result = compare(source, target, options=options)
        for finding in result.findings:
            if finding.kind is not FindingKind.NUMBER_MISMATCH:
                continue
            found += 1
            if finding.source and finding.target:
                on_gold += finding.source.paragraph == finding.target.paragraph
            if shown < show:
                shown += 1
                print(f"  {source_lang}-{target_lang} {doc.name}: {finding.message}")
                if finding.source:
                    print(f"    {source_lang}: {source.paragraphs[finding.source.paragraph].text}")
                if finding.target:
                    print(f"    {target_lang}: {target.paragraphs[finding.target.paragraph].text}")
    return found, on_gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pairs", nargs="+", help="e.g. en-de de-ja (default: all 45)")
    parser.add_argument("--show", type=int, default=0, help="findings to print per pair")
    args = parser.parse_args()
    if not (args.shared / "eval/ntrex-dev").is_dir():
        print(f"skipped: no {args.shared / 'eval/ntrex-dev'}")
        return 0
    pairs = (
        [tuple(p.split("-")) for p in args.pairs]
        if args.pairs
        else list(itertools.combinations(devsets.NTREX_LANGUAGES, 2))
    )
    started = time.perf_counter()
    total = total_gold = 0
    print(f"{'pair':6} {'findings':>9} {'on gold links':>14}")
    for source_lang, target_lang in pairs:
        found, on_gold = pair_counts(args.shared, source_lang, target_lang, args.show)
        total, total_gold = total + found, total_gold + on_gold
        print(f"{source_lang}-{target_lang:3} {found:9d} {on_gold:14d}")
    print(f"{'all':6} {total:9d} {total_gold:14d}")
    print(f"({len(pairs)} pairs x 6 articles in {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
