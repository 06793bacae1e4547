"""Quote-mismatch findings on ntrex-dev's aligned translations, per language pair.

    python benchmarks/quote_alarms.py [--shared PATH] [--pairs en-de fr-ru ...] [--show N]
        [--files SOURCE TARGET ...]

ntrex-dev's lines are professional translations of one another (line i of every language
translates line i of English), so a quote_mismatch finding there is a false alarm or a
translator's choice (a term put in quotation marks, a quotation turned into reported
speech). Each of the six articles of a pair is compared with the lexical scorer, one line per
paragraph; the findings are counted and given per 1000 lines. ``--files`` adds pairs of
files (a chapter and its translation), compared the same way. ``--show`` prints that many
findings per pair. Prints figures, asserts nothing; skips ntrex-dev without the data.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import devsets

from tui.engine.model import Article, CompareOptions, FindingKind
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAIRS = ["en-de", "en-ja", "en-zh", "en-fr", "fr-ru", "de-ja"]


def quote_findings(source: Article, target: Article, langs: tuple[str, str], show: int) -> int:
    """The pair's quote_mismatch findings, the first ``show`` of them printed."""
    options = CompareOptions(scorer="lexical", source_lang=langs[0], target_lang=langs[1])
    findings = [
        f
        for f in compare(source, target, options=options).findings
        if f.kind is FindingKind.QUOTE_MISMATCH
    ]
    for finding in findings[:show]:
        print(f"    {finding.message}")
    return len(findings)


def ntrex_pair(shared: Path, source_lang: str, target_lang: str, show: int) -> tuple[int, int]:
    """(quote_mismatch findings, lines) over the pair's six articles."""
    found = lines = 0
    for doc in devsets.ntrex(shared, source_lang, target_lang):
        source = article_from_text("\n\n".join(doc.source), language=source_lang)
        target = article_from_text("\n\n".join(doc.target), language=target_lang)
        found += quote_findings(source, target, (source_lang, target_lang), show)
        lines += len(doc.source)
    return found, lines


def file_pair(source_path: Path, target_path: Path, show: int) -> tuple[int, int]:
    """(quote_mismatch findings, source paragraphs) of two files, languages guessed."""
    source = article_from_text(source_path.read_text(encoding="utf-8"))
    target = article_from_text(target_path.read_text(encoding="utf-8"))
    found = quote_findings(source, target, (source.language, target.language), show)
    return found, len(source.paragraphs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pairs", nargs="+", default=DEFAULT_PAIRS, help="e.g. en-de fr-ru")
    parser.add_argument("--files", nargs="+", type=Path, default=[], help="SOURCE TARGET ...")
    parser.add_argument("--show", type=int, default=0, help="findings to print per pair")
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"{'pair':24} {'findings':>9} {'lines':>6} {'per 1000':>9}")
    rows: list[tuple[str, int, int]] = []
    if (args.shared / "eval/ntrex-dev").is_dir():
        for pair in args.pairs:
            source_lang, target_lang = pair.split("-")
            rows.append((pair, *ntrex_pair(args.shared, source_lang, target_lang, args.show)))
            print(
                f"{rows[-1][0]:24} {rows[-1][1]:9d} {rows[-1][2]:6d} "
                f"{1000 * rows[-1][1] / rows[-1][2]:9.1f}"
            )
    else:
        print(f"skipped ntrex-dev: no {args.shared / 'eval/ntrex-dev'}")
    for source_path, target_path in zip(args.files[::2], args.files[1::2], strict=True):
        found, lines = file_pair(source_path, target_path, args.show)
        print(
            f"{source_path.name + ' ' + target_path.name:24} {found:9d} {lines:6d} "
            f"{1000 * found / max(lines, 1):9.1f}"
        )
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
