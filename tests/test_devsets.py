"""The benchmarks' shared helpers (benchmarks/devsets.py) that need no dev data."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def test_finding_contexts_keeps_one_context_per_comparison_however_often_asked(monkeypatch):
    """The benchmarks ask for the list once per job, several jobs to a process: a patch of
    the pipeline per call would stack, each comparison appending to every list once per
    patch."""
    import devsets

    import tui.engine.pipeline as pipeline
    from tui.engine.model import CompareOptions
    from tui.engine.text.load import article_from_text

    monkeypatch.setattr(pipeline, "find_all", pipeline.find_all)  # restored afterwards
    contexts = [devsets.finding_contexts() for _ in range(3)]
    assert all(c is contexts[0] for c in contexts)
    contexts[0].clear()
    source = article_from_text("Der Hund schläft.\n\nDie Katze frisst.", language="de")
    target = article_from_text("Le chien dort.\n\nLe chat mange.", language="fr")
    pipeline.compare(source, target, options=CompareOptions(scorer="lexical"))
    [context] = contexts[0]
    assert context.source is source
