"""How well can the bundled model tell a deleted sentence from a kept one inside a bead?

    python benchmarks/omission_ceiling.py [--seeds 20] [--shared PATH]

Most deleted sentences that the semantic scorer misses on the synthetic omissions of
benchmarks/accuracy.py sit inside a multi-sentence bead next to translated sentences. This
script aligns each synthetic pair with the semantic scorer, takes every member of a bead with
two or more sentences on its side, labels it "deleted" when it lies inside a deleted piece and
"kept" when it overlaps none, and prints how far the member's embedding margin against the
other side (the evidence the findings use) separates the two: the area under the ROC curve,
and how many kept members fall at or below the margin that catches a given share of the
deleted ones. Prints figures, asserts nothing; needs the ``semantic`` extra.
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
from tui.engine.semantic import SemanticScorer  # noqa: E402


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


def member_margins(shared: Path, seed: int, scorer: SemanticScorer) -> list[tuple[str, float]]:
    """(label, margin minus the document's unsupported floor) of every multi-member side."""
    source, target, truths = synthetic_pair(shared, seed)
    result = compare(source, target, options=CompareOptions(scorer="semantic"))
    span_scorer = scorer.prepare(_texts(source), _texts(target))
    floor = span_scorer.weights.unsupported_margin
    index = {Side.SOURCE: _sentence_index(source), Side.TARGET: _sentence_index(target)}
    out: list[tuple[str, float]] = []
    for link in result.sentence_links:
        if not link.source or not link.target:
            continue
        src = [index[Side.SOURCE][ref] for ref in link.source]
        tgt = [index[Side.TARGET][ref] for ref in link.target]
        margins = span_scorer.member_margins(src, tgt)
        for side, refs, values in zip(Side, (link.source, link.target), margins, strict=True):
            if len(refs) < 2:
                continue
            article = source if side is Side.SOURCE else target
            for ref, margin in zip(refs, values, strict=True):
                label = _label(article, side, ref, truths)
                if label:
                    out.append((label, float(margin) - floor))
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
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    scorer = SemanticScorer()
    rows = [row for seed in range(args.seeds) for row in member_margins(args.shared, seed, scorer)]
    deleted = np.array([m for label, m in rows if label == "deleted"])
    kept = np.array([m for label, m in rows if label == "kept"])
    if not len(deleted) or not len(kept):
        print("no bead members to compare")
        return
    # AUC: the chance that a deleted member's margin is below a kept member's
    order = np.sort(kept)
    below = np.searchsorted(order, deleted, side="right")
    ties = np.searchsorted(order, deleted, side="right") - np.searchsorted(order, deleted)
    auc = float(np.mean((len(kept) - below + 0.5 * ties) / len(kept)))
    print(
        f"members of multi-sentence beads ({args.seeds} seeds): deleted {len(deleted)}, "
        f"kept {len(kept)}"
    )
    print(
        f"below the document's unsupported floor: deleted {(deleted < 0).sum()}, "
        f"kept {(kept < 0).sum()}"
    )
    print(f"margin AUC (deleted below kept): {auc:.3f}")
    for share in (0.5, 0.75, 0.9):
        cut = float(np.quantile(deleted, share))
        print(
            f"catching {share:.0%} of the deleted members (margin <= floor {cut:+.3f}) "
            f"also flags {(kept <= cut).sum()} kept members"
        )


if __name__ == "__main__":
    main()
