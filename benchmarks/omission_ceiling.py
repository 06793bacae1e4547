"""How well can a scorer's evidence tell a deleted sentence from a kept one inside a bead?

    python benchmarks/omission_ceiling.py [--scorer semantic lexical] [--seeds 20] [--shared PATH]

Most deleted sentences that the findings miss on the synthetic omissions of
benchmarks/accuracy.py sit inside a multi-sentence bead next to translated sentences. This
script aligns each synthetic pair, takes every member of a bead with two or more sentences on
its side, labels it "deleted" when it lies inside a deleted piece and "kept" when it overlaps
none, and prints how far the scorer's evidence separates the two: for the semantic scorer the
member's embedding margin against the other side (what the findings use), for the lexical one
how much the bead's log-odds gains when an edge member is dropped (anchors and lengths; a
middle member cannot be dropped alone). Printed: the area under the ROC curve, and how many
kept members are flagged too at the cut that catches a given share of the deleted ones.
Prints figures, asserts nothing; the semantic rows need the ``semantic`` extra.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from accuracy import Truth, synthetic_pair  # noqa: E402

from tui.engine.model import Article, CompareOptions, Side  # noqa: E402
from tui.engine.pipeline import compare  # noqa: E402
from tui.engine.scoring.lexical import LexicalScorer  # noqa: E402


def _sentence_index(article: Article) -> dict[tuple[int, int], int]:
    """(paragraph, sentence) -> position in the document's sentence list, as the pipeline
    numbers them for its document-wide sentence scorer."""
    index: dict[tuple[int, int], int] = {}
    for p, paragraph in enumerate(article.paragraphs):
        for s in range(len(paragraph.sentences)):
            index[(p, s)] = len(index)
    return index


def _texts(article: Article) -> list[str]:
    return [
        paragraph.sentence_text(s)
        for paragraph in article.paragraphs
        for s in range(len(paragraph.sentences))
    ]


def member_evidence(shared: Path, seed: int, scorer_name: str) -> list[tuple[str, float]]:
    """(label, evidence) of every member of a multi-member bead side, the evidence oriented
    so that lower means "more likely deleted"."""
    source, target, truths = synthetic_pair(shared, seed)
    result = compare(source, target, options=CompareOptions(scorer=scorer_name))
    if scorer_name == "semantic":
        from tui.engine.scoring.semantic import SemanticScorer

        span_scorer = SemanticScorer().prepare(_texts(source), _texts(target))
    else:
        span_scorer = LexicalScorer().prepare(_texts(source), _texts(target))
    index = {Side.SOURCE: _sentence_index(source), Side.TARGET: _sentence_index(target)}
    out: list[tuple[str, float]] = []
    for link in result.sentence_links:
        if not link.source or not link.target:
            continue
        src = [index[Side.SOURCE][ref] for ref in link.source]
        tgt = [index[Side.TARGET][ref] for ref in link.target]
        if scorer_name == "semantic":
            floor = span_scorer.weights.offset  # the document's midpoint margin
            evidence = [values - floor for values in span_scorer.member_margins(src, tgt)]
        else:
            evidence = _drop_costs(span_scorer, src, tgt)
        for side, refs, values in zip(Side, (link.source, link.target), evidence, strict=True):
            if len(refs) < 2:
                continue
            article = source if side is Side.SOURCE else target
            for ref, value in zip(refs, values, strict=True):
                label = _label(article, side, ref, truths)
                if label and not np.isnan(value):
                    out.append((label, float(value)))
    return out


def _drop_costs(span_scorer, src: list[int], tgt: list[int]) -> list[np.ndarray]:
    """Per side, what dropping each edge member costs the bead's log-odds (nan inside)."""
    full = (src[0], src[-1] + 1, tgt[0], tgt[-1] + 1)
    out = []
    for side_no, members in enumerate((src, tgt)):
        costs = np.full(len(members), np.nan)
        if len(members) >= 2:
            for k in (0, len(members) - 1):
                reduced = list(full)
                reduced[2 * side_no + (0 if k == 0 else 1)] += 1 if k == 0 else -1
                spans = np.array([full, reduced], dtype=np.int64)
                scores = span_scorer.score(spans[:, 0], spans[:, 1], spans[:, 2], spans[:, 3])
                costs[k] = scores[0] - scores[1]
        out.append(costs)
    return out


def _label(article: Article, side: Side, ref: tuple[int, int], truths: list[Truth]) -> str:
    span = article.paragraphs[ref[0]].sentences[ref[1]]
    touching = [
        t
        for t in truths
        if t.side is side and t.paragraph == ref[0] and t.start < span.end and span.start < t.end
    ]
    if not touching:
        return "kept"
    if any(t.start <= span.start and span.end <= t.end for t in touching):
        return "deleted"
    return ""  # part of a sentence that holds deleted and kept text: neither


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", nargs="+", default=["semantic", "lexical"])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    for name in args.scorer:
        rows = [
            row for seed in range(args.seeds) for row in member_evidence(args.shared, seed, name)
        ]
        report(name, args.seeds, rows)


def report(name: str, seeds: int, rows: list[tuple[str, float]]) -> None:
    deleted = np.array([m for label, m in rows if label == "deleted"])
    kept = np.array([m for label, m in rows if label == "kept"])
    evidence = "margin above the floor" if name == "semantic" else "cost of dropping an edge"
    print(
        f"{name} ({evidence}), {seeds} seeds: bead members deleted {len(deleted)}, kept {len(kept)}"
    )
    if not len(deleted) or not len(kept):
        return
    # AUC: the chance that a deleted member's evidence is below a kept member's
    order = np.sort(kept)
    right = np.searchsorted(order, deleted, side="right")
    ties = right - np.searchsorted(order, deleted)
    auc = float(np.mean((len(kept) - right + 0.5 * ties) / len(kept)))
    print(f"  AUC (deleted below kept): {auc:.3f}")
    for share in (0.5, 0.75, 0.9):
        cut = float(np.quantile(deleted, share))
        print(
            f"  catching {share:.0%} of the deleted members (cut {cut:+.3f}) also flags "
            f"{(kept <= cut).sum()} kept members"
        )


if __name__ == "__main__":
    main()
