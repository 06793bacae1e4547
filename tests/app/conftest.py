"""A hand-made comparison with a finding of every kind, hostile text, wraps and a 2-1 link.

Fixed on purpose: the snapshot tests and most pilot tests use it, so they do not change when the
engine's aligner improves.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
from pathlib import Path

import pytest

from tui.engine.model import (
    Article,
    Comparison,
    Finding,
    FindingKind,
    Link,
    Location,
    SentenceLink,
    Severity,
)
from tui.engine.review import Decision
from tui.engine.text.load import article_from_text

REPO = Path(__file__).resolve().parents[2]
SAMPLE_DE = "sample_articles/ultraman-musk.de.txt"
SAMPLE_FR = "sample_articles/ultraman-musk.fr.txt"

HOSTILE = (
    "[bold red]not bold[/] [@click=app.quit]click me[/] \x1b[31mred\x1b[0m bell\x07 "
    "tab\there \u202eevil"
)

SOURCE_TEXT = "\n".join(
    [
        "Die Einsamkeit von Ultraman",  # 0 -> 0
        # 1 -> 1 (number mismatch)
        "Im Jahr 2024 verließen 13 Führungskräfte das Unternehmen. "
        "Nur drei Gründer sind geblieben.",
        "Musk sagte: «Das ist ein Witz». Er lachte laut.",  # 2 -> 2 (quote mismatch)
        "Dieser Absatz fehlt in der Übersetzung vollständig.",  # 3 -> nothing (only in source)
        "Der erste Teil eines geteilten Absatzes.",  # 4 \
        "Und sein zweiter Teil.",  # 5  -> 3 (2-1 link)
        HOSTILE,  # 6 -> 5
        (
            "Ein sehr langer Absatz, der auf schmalen Bildschirmen über mehrere Zeilen umbrochen "
            "werden muss, damit man sieht, dass beide Spalten gleich hoch bleiben. Dazu noch ein "
            "Satz, der nur im Deutschen steht. Und ein dritter Satz zum Abschluss."
        ),  # 7 -> 6
        "Ein Absatz mit schwacher Verbindung.",  # 8 -> 7 (weak link)
    ]
)
TARGET_TEXT = "\n".join(
    [
        "La solitude d'Ultraman",  # 0
        "En 2024, 12 cadres ont quitté l'entreprise. Seuls trois fondateurs sont restés.",  # 1
        "Musk a dit : « C'est une blague ». Il a ri.",  # 2
        "La première partie d'un paragraphe, et sa deuxième partie.",  # 3
        "Ce paragraphe n'existe qu'en français.",  # 4 (only in target)
        HOSTILE,  # 5 (untranslated: same text)
        (
            "Un très long paragraphe qui doit être renvoyé à la ligne sur les écrans étroits, pour "
            "montrer que les deux colonnes gardent la même hauteur. Et une troisième phrase pour "
            "finir. Une phrase ajoutée seulement en français."
        ),  # 6
        "Un paragraphe au lien faible.",  # 7
    ]
)


def _finding(
    kind: FindingKind,
    message: str,
    source: Location | None,
    target: Location | None,
    severity: Severity = Severity.MEDIUM,
) -> Finding:
    flagged = f"{kind.value}:{source}:{target}"
    digest = hashlib.sha1(flagged.encode()).hexdigest()[:12]
    return Finding(digest, kind, severity, 0.9, message, source, target)


def _loc(article: Article, paragraph: int, snippet: str | None = None) -> Location:
    text = article.paragraphs[paragraph].text
    if snippet is None:
        return Location(paragraph, 0, len(text))
    start = text.index(snippet)
    return Location(paragraph, start, start + len(snippet))


def make_comparison(
    source_path: str = "fixture/source.de.txt", target_path: str = "fixture/target.fr.txt"
) -> Comparison:
    source = article_from_text(SOURCE_TEXT, path=source_path, language="de")
    target = article_from_text(TARGET_TEXT, path=target_path, language="fr")
    links = (
        Link((0,), (0,), 0.91),
        Link((1,), (1,), 0.84),
        Link((2,), (2,), 0.88),
        Link((3,), (), 0.0),
        Link((4, 5), (3,), 0.79),
        Link((), (4,), 0.0),
        Link((6,), (5,), 1.0),
        Link((7,), (6,), 0.72),
        Link((8,), (7,), 0.31),
    )
    sentence_links: list[SentenceLink] = []
    for link in links:
        src = tuple((p, s) for p in link.source for s in range(len(source.paragraphs[p].sentences)))
        tgt = tuple((p, s) for p in link.target for s in range(len(target.paragraphs[p].sentences)))
        sentence_links.append(SentenceLink(src, tgt, link.score))
    s, t = source, target
    findings = (
        _finding(
            FindingKind.PARAGRAPH_ONLY_IN_SOURCE,
            "paragraph only in the source",
            _loc(s, 3),
            Location(2, 0, 0),
            Severity.HIGH,
        ),
        _finding(
            FindingKind.PARAGRAPH_ONLY_IN_TARGET,
            "paragraph only in the target",
            Location(5, 0, 0),
            _loc(t, 4),
            Severity.HIGH,
        ),
        _finding(
            FindingKind.SENTENCE_ONLY_IN_SOURCE,
            "sentence only in the source: „Dazu noch ein Satz, der nur im Deutschen steht.“",
            _loc(s, 7, "Dazu noch ein Satz, der nur im Deutschen steht."),
            Location(6, 0, 0),
        ),
        _finding(
            FindingKind.SENTENCE_ONLY_IN_TARGET,
            "sentence only in the target: « Une phrase ajoutée seulement en français. »",
            Location(7, 0, 0),
            _loc(t, 6, "Une phrase ajoutée seulement en français."),
        ),
        _finding(
            FindingKind.NUMBER_MISMATCH,
            "number 13 in the source, 12 in the target",
            _loc(s, 1, "13"),
            _loc(t, 1, "12"),
            Severity.HIGH,
        ),
        _finding(
            FindingKind.QUOTE_MISMATCH,
            "quotation differs: [bold]Das ist ein Witz[/]",
            _loc(s, 2, "«Das ist ein Witz»"),
            _loc(t, 2, "« C'est une blague »"),
            Severity.LOW,
        ),
        _finding(
            FindingKind.UNTRANSLATED,
            "target paragraph is identical to the source \x1b[2J",
            Location(6, 0, 0),
            _loc(t, 5),
        ),
        _finding(
            FindingKind.WEAK_LINK, "weak link (score 0.31)", _loc(s, 8), _loc(t, 7), Severity.LOW
        ),
    )
    return Comparison(source, target, links, tuple(sentence_links), findings, "lexical")


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Textual's Pilot) without an extra plugin."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
        return True
    return None


@pytest.fixture
def comparison() -> Comparison:
    return make_comparison()


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No user config or state leaks in; the working directory is a fresh folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


__all__ = ["REPO", "SAMPLE_DE", "SAMPLE_FR", "Decision", "make_comparison"]


def make_app(session: Path, settings=None, comparison: Comparison | None = None):
    """The review app on ``comparison`` (``make_comparison()`` unless given), its session in
    ``session``; default settings unless given (the real user config is never read)."""
    from tui.app import build_app
    from tui.app.config import Settings

    comparison = comparison or make_comparison()
    return build_app(
        comparison.source,
        comparison.target,
        comparison=comparison,
        session_path=session,
        settings=settings or Settings(),
    )
