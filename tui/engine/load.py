"""Read article files into paragraphs. (Provisional: plain UTF-8 text only.)"""

from __future__ import annotations

from pathlib import Path

from tui.engine.errors import InputError
from tui.engine.model import Article, Paragraph
from tui.engine.segment import split_sentences


def article_from_text(text: str, *, path: str | None = None, language: str | None = None) -> Article:
    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    if not blocks:
        raise InputError(f"{path or 'text'}: the article is empty")
    paragraphs = tuple(Paragraph(b, split_sentences(b)) for b in blocks)
    return Article(paragraphs=paragraphs, path=path, language=language)


def load_article(path: str | Path, *, language: str | None = None) -> Article:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from exc
    return article_from_text(text, path=str(p), language=language)
