"""What every comparison must satisfy, whatever its input: shared by the hostile-input tests."""

from __future__ import annotations

from tui.engine.model import Article, Comparison, FindingKind, Side


def sentence_refs(article: Article) -> list[tuple[int, int]]:
    return [(p, s) for p, par in enumerate(article.paragraphs) for s in range(len(par.sentences))]


def check_segmentation(article: Article) -> None:
    """Sentence spans lie inside their paragraph, in order, without overlap, and cover every
    character of the paragraph that is not white space."""
    for p, paragraph in enumerate(article.paragraphs):
        text = paragraph.text
        covered = [False] * len(text)
        previous_end = 0
        for span in paragraph.sentences:
            assert 0 <= span.start < span.end <= len(text), (p, span, len(text))
            assert span.start >= previous_end, (p, span, previous_end)
            previous_end = span.end
            covered[span.start : span.end] = [True] * (span.end - span.start)
        outside = [k for k, ch in enumerate(text) if not ch.isspace() and not covered[k]]
        assert not outside, (p, text, outside[:5])


def check_comparison(comparison: Comparison) -> None:
    """Paragraph and sentence links are monotone and cover everything exactly once; sentence
    links stay inside one paragraph link; findings point inside their paragraphs."""
    source, target = comparison.source, comparison.target
    links = comparison.links
    assert [p for link in links for p in link.source] == list(range(len(source.paragraphs)))
    assert [p for link in links for p in link.target] == list(range(len(target.paragraphs)))
    for link in links:
        assert link.source or link.target
        assert 0.0 <= link.score <= 1.0

    sentence_links = comparison.sentence_links
    assert [r for sl in sentence_links for r in sl.source] == sentence_refs(source)
    assert [r for sl in sentence_links for r in sl.target] == sentence_refs(target)
    link_of = {side: comparison.links_by_paragraph(side) for side in (Side.SOURCE, Side.TARGET)}
    for sl in sentence_links:
        assert sl.source or sl.target
        owners = {link_of[Side.SOURCE][p] for p, _ in sl.source}
        owners |= {link_of[Side.TARGET][p] for p, _ in sl.target}
        assert len(owners) == 1, sl

    for finding in comparison.findings:
        assert finding.source is not None or finding.target is not None
        for side in (Side.SOURCE, Side.TARGET):
            location = finding.location(side)
            if location is None:
                continue
            paragraphs = comparison.article(side).paragraphs
            assert 0 <= location.paragraph < len(paragraphs), finding
            text = paragraphs[location.paragraph].text
            assert 0 <= location.start <= location.end <= len(text), finding


ONE_SIDED = frozenset(kind for kind in FindingKind if kind.is_omission or kind.is_insertion)
