"""Sentence-boundary precision, recall and F1 of the splitter on Thai, which marks no end.

    python benchmarks/thai_splitting.py [--show]

ntrex-dev holds no Thai, so three small sets written for the Thai rules stand in
(``benchmarks/thai_splitting/``, each a list of paragraphs, each a list of its sentences,
joined by one space as Thai writes them): ``first`` (80 sentences of news and prose, the
rules were built on it), ``second`` (36 sentences written after the first rules, three
fixes came from its errors) and ``trial`` (the new user's English-Thai trial article,
whose errors were seen before the rules were written). None is a held-out set: read them
as a regression check. ``--show`` marks every wrong or missed boundary. Prints figures,
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.engine.text.segment import split_sentences

DATA = Path(__file__).resolve().parent / "thai_splitting"


def gold_boundaries(sentences: list[str]) -> tuple[str, set[int]]:
    """The paragraph the sentences make, and the offsets where each but the last ends."""
    text = " ".join(sentences)
    ends: set[int] = set()
    position = 0
    for sentence in sentences[:-1]:
        position += len(sentence)
        ends.add(position)
        position += 1
    return text, ends


def score(paragraphs: list[list[str]], show: bool) -> tuple[float, float, float]:
    true = false = missed = 0
    for sentences in paragraphs:
        text, gold = gold_boundaries(sentences)
        found = {span.end for span in split_sentences(text, language="th")[:-1]}
        true += len(found & gold)
        false += len(found - gold)
        missed += len(gold - found)
        if show and found != gold:
            marks = [(k, " |") for k in found & gold]
            marks += [(k, " +WRONG+") for k in found - gold]
            marks += [(k, " -MISSED-") for k in gold - found]
            for k, mark in sorted(marks, reverse=True):
                text = text[:k] + mark + text[k:]
            print("   ", text)
    precision = true / (true + false) if true + false else 1.0
    recall = true / (true + missed) if true + missed else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    print(f"{'set':8} {'sentences':>9}  precision / recall / F1")
    for name in ("first", "second", "trial"):
        paragraphs = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
        p, r, f = score(paragraphs, args.show)
        count = sum(len(sentences) for sentences in paragraphs)
        print(f"{name:8} {count:>9}  {p:.3f} / {r:.3f} / {f:.3f}")


if __name__ == "__main__":
    main()
