"""Sentence-level strict / lax F1 where a document comes in paragraphs of several sentences.

accuracy.py's align section feeds every gold line as its own paragraph: the paragraph DP (and
align/refine.py's second look) aligns the sentences. Real articles have paragraphs of several
sentences, aligned by the sentence DP inside each paragraph link. This rebuilds a dev set into
paragraphs of 2-6 gold links, as the omission table does (devsets.synthetic_texts, nothing
deleted), compares, maps every sentence link back to the gold lines its sentences cover (test
links that share a line are joined) and scores them like the align section.

    python benchmarks/paragraph_align.py --shared /work/shared --set mac-dev --scorer semantic
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import accuracy
import devsets

from tui.engine.evaluation import score_alignments
from tui.engine.model import Side
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text


def line_spans(doc: devsets.Document, placed: list[devsets.Placed]):
    """(side, paragraph) -> [(start, end, line index)] of every kept gold line."""
    spans: dict[tuple[Side, int], list[tuple[int, int, int]]] = {}
    for p in placed:
        ids = doc.gold[p.link][0 if p.side is Side.SOURCE else 1]
        lines = doc.source if p.side is Side.SOURCE else doc.target
        at = p.start
        for k in ids:
            spans.setdefault((p.side, p.paragraph), []).append((at, at + len(lines[k]), k))
            at += len(lines[k]) + 1
    return spans


def test_links(result, spans):
    def lines_of(side, article, refs):
        out = set()
        for par, s in refs:
            span = article.paragraphs[par].sentences[s]
            for a, b, k in spans.get((side, par), []):
                if a < span.end and span.start < b:
                    out.add(k)
        return out

    links = []
    for link in result.sentence_links:
        src = lines_of(Side.SOURCE, result.source, link.source)
        tgt = lines_of(Side.TARGET, result.target, link.target)
        links.append((src, tgt))
    for link in result.links:  # paragraphs in one version only: each sentence one-sided
        if link.source and link.target:
            continue
        side, article, pars = (
            (Side.SOURCE, result.source, link.source)
            if link.source
            else (Side.TARGET, result.target, link.target)
        )
        for par in pars:
            for s in range(len(article.paragraphs[par].sentences)):
                got = lines_of(side, article, [(par, s)])
                links.append((got, set()) if side is Side.SOURCE else (set(), got))
    # join test links that share a line (a line split into two sentences)
    merged: list[tuple[set, set]] = []
    for src, tgt in links:
        if not src and not tgt:
            continue
        hit = [m for m in merged if m[0] & src or m[1] & tgt]
        for m in hit:
            merged.remove(m)
            src, tgt = src | m[0], tgt | m[1]
        merged.append((src, tgt))
    return [(tuple(sorted(s)), tuple(sorted(t))) for s, t in merged]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--set", default="mac-dev", choices=["mac-dev", "textberg-dev"])
    parser.add_argument("--scorer", default="semantic")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tuning", type=json.loads, default={})
    args = parser.parse_args()
    accuracy.TUNING_OVERRIDES.update(args.tuning)
    docs = devsets.mac(args.shared) if args.set == "mac-dev" else devsets.textberg(args.shared)
    pairs = []
    for doc in docs:
        placed: list[devsets.Placed] = []
        src, tgt, _ = devsets.synthetic_texts(doc, args.seed, 0.0, 0.0, placed=placed)
        source = article_from_text(src, path=f"a.{doc.source_lang}.txt")
        target = article_from_text(tgt, path=f"b.{doc.target_lang}.txt")
        result = compare(source, target, **accuracy.compare_arguments(args.scorer))
        pairs.append((test_links(result, line_spans(doc, placed)), doc.gold))
    scores = score_alignments(pairs)
    st, lx = scores.strict, scores.lax
    print(
        f"{args.set} in paragraphs (seed {args.seed}), {args.scorer}: strict F1 {st.f1:.3f} "
        f"(P {st.precision:.3f} R {st.recall:.3f}), lax F1 {lx.f1:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
