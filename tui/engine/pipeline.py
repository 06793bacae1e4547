"""compare(): the engine's one public entry point. (Provisional: index-wise pairing.)"""

from __future__ import annotations

from collections.abc import Callable
from itertools import zip_longest

from tui.engine.errors import ComparisonCancelled
from tui.engine.model import Article, CompareOptions, Comparison, Link, SentenceLink

ProgressCallback = Callable[[float, str], None]
"""Called with (fraction done in [0, 1], short description of the current stage)."""


def compare(
    source: Article,
    target: Article,
    *,
    options: CompareOptions | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    options = options or CompareOptions()
    if cancelled is not None and cancelled():
        raise ComparisonCancelled
    links = []
    sentence_links = []
    n_src, n_tgt = len(source.paragraphs), len(target.paragraphs)
    for i, j in zip_longest(range(n_src), range(n_tgt)):
        links.append(Link(() if i is None else (i,), () if j is None else (j,), 0.5))
        src = () if i is None else tuple((i, k) for k in range(len(source.paragraphs[i].sentences)))
        tgt = () if j is None else tuple((j, k) for k in range(len(target.paragraphs[j].sentences)))
        sentence_links.append(SentenceLink(src, tgt, 0.5))
    if progress is not None:
        progress(1.0, "done")
    return Comparison(source, target, tuple(links), tuple(sentence_links), (), "lexical")
