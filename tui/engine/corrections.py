"""The alignment corrected by hand: join two links, split one, move a paragraph or sentence.

UI-free. A correction is recorded by content, as the links it leaves behind: which paragraphs
(or sentences inside one paragraph link) go together, each named by its index and a hash of
its text. Applying it replaces the run of links that holds exactly those paragraphs (or
sentences) with the corrected links, marked ``manual``. The sentences inside a corrected
paragraph link are aligned again with the pipeline's own functions, and the findings of every
touched link are recomputed by ``find_all``; the other links keep theirs. A correction whose
text changed (a hash found nowhere) or whose paragraphs are now linked with others it does
not name cannot apply: it is dropped, alone.

>>> from tui.engine.pipeline import compare
>>> from tui.engine.text.load import article_from_text
>>> from tui.engine.model import CompareOptions
>>> result = compare(
...     article_from_text("Der Hund schläft.\\n\\nDie Katze spielt.", language="de"),
...     article_from_text("Le chien dort.\\n\\nLe chat joue.", language="fr"),
...     options=CompareOptions(scorer="lexical"),
... )
>>> joined = apply_corrections(result, [correction(result, Action.JOIN, 0)]).comparison
>>> [(link.source, link.target, link.manual) for link in joined.links]
[((0, 1), (0, 1), True)]
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import pairwise
from typing import Any

import numpy as np

from tui.engine.detect.findings import FindingContext, find_all
from tui.engine.errors import TransdiffError
from tui.engine.model import (
    Article,
    Comparison,
    Finding,
    FindingKind,
    Link,
    SentenceLink,
    SentenceRef,
    Side,
)
from tui.engine.pipeline import (
    Sentences,
    align_sentences,
    display_score,
    focus_links,
    group_of,
    prepare_sentences,
    realign_sentences,
)
from tui.engine.scoring.base import Scorer
from tui.engine.scoring.registry import make_scorer
from tui.engine.tuning import Tuning


class CorrectionError(TransdiffError):
    """A correction that cannot be made here (nothing to join, nothing to move, ...)."""


class Level(StrEnum):
    PARAGRAPH = "paragraph"  # rows of the main view: paragraph links
    SENTENCE = "sentence"  # sentence links inside one paragraph link


class Action(StrEnum):
    JOIN = "join"  # a link and the next one become one
    SPLIT = "split"  # a link's first paragraph (sentence) on each side becomes a link of its own
    MOVE_UP = "move_up"  # a link's first paragraph on one side goes to the link above
    MOVE_DOWN = "move_down"  # a link's last paragraph on one side goes to the link below


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph (``sentence`` None) or a sentence of it, by index and a hash of its text."""

    paragraph: int
    sentence: int | None
    digest: str


@dataclass(frozen=True, slots=True)
class LinkSpec:
    """One link a correction leaves behind; an empty side is content in one version only."""

    source: tuple[Unit, ...]
    target: tuple[Unit, ...]


@dataclass(frozen=True, slots=True)
class Correction:
    """One hand correction: ``links`` are what it leaves behind, consecutive and in order.

    ``moved`` is the paragraph (sentence) that a move moved, on ``side``; it only describes.
    """

    action: Action
    level: Level
    links: tuple[LinkSpec, ...]
    side: Side | None = None
    moved: Unit | None = None

    def describe(self) -> str:
        """A few words for a notice: "joined two rows at source ¶5", "moved target ¶7 up"."""
        if self.moved is not None and self.side is not None:
            direction = "up" if self.action is Action.MOVE_UP else "down"
            return f"moved {self.side.value} {_place(self.moved)} {direction}"
        first = self.links[0]
        side = Side.SOURCE if first.source else Side.TARGET
        where = f"{side.value} {_place((first.source or first.target)[0])}"
        rows = "sentence links" if self.level is Level.SENTENCE else "rows"
        if self.action is Action.JOIN:
            return f"joined two {rows} at {where}"
        return f"split the {rows[:-1]} at {where}"


def _place(unit: Unit) -> str:
    if unit.sentence is None:
        return f"¶{unit.paragraph + 1}"
    return f"sentence ¶{unit.paragraph + 1}.{unit.sentence + 1}"


def text_digest(text: str) -> str:
    """A short hash of ``text``, white space normalised.

    >>> text_digest("Le  chat dort.") == text_digest("Le chat dort.\\n")
    True
    """
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def article_digest(article: Article) -> str:
    """A short hash of a whole article's text: has it changed since the corrections?"""
    digest = hashlib.sha1()
    for paragraph in article.paragraphs:
        digest.update(paragraph.text.encode("utf-8") + b"\x1e")
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------------------- making one

# A row of either level: the keys of its two sides (paragraph ids, or sentence refs).
_Key = Any
_Row = tuple[tuple[_Key, ...], tuple[_Key, ...]]


def correction(
    comparison: Comparison,
    action: Action,
    row: int,
    *,
    level: Level = Level.PARAGRAPH,
    side: Side | None = None,
) -> Correction:
    """The correction ``action`` on ``row``: an index into ``comparison.links`` (paragraph
    level) or ``comparison.sentence_links`` (sentence level, where the neighbours are the
    sentence links of the same paragraph link). Moves need the ``side`` that moves.
    CorrectionError says why it cannot be made.
    """
    rows, i = _rows(comparison, level, row)
    unit = "sentence" if level is Level.SENTENCE else "paragraph"
    moved = None
    if action is Action.JOIN:
        start, stop, new = i, i + 2, _join(rows, i)
    elif action is Action.SPLIT:
        start, stop, new = i, i + 1, _split(rows, i, unit)
    else:
        if side is None:
            raise ValueError("a move needs the side that moves")
        step = -1 if action is Action.MOVE_UP else 1
        start, stop, new = _move(rows, i, side, step)
        key = rows[i][0 if side is Side.SOURCE else 1][0 if step < 0 else -1]
        moved = _unit(comparison.article(side), key)
    if new == rows[start:stop]:
        raise CorrectionError("That changes nothing here.")
    specs = tuple(
        LinkSpec(
            tuple(_unit(comparison.source, key) for key in src),
            tuple(_unit(comparison.target, key) for key in tgt),
        )
        for src, tgt in new
    )
    return Correction(action, level, specs, side if moved else None, moved)


def _rows(comparison: Comparison, level: Level, row: int) -> tuple[list[_Row], int]:
    """The rows a correction at ``level`` works among, and where ``row`` is in them."""
    if level is Level.PARAGRAPH:
        if not 0 <= row < len(comparison.links):
            raise CorrectionError("There is no such row.")
        return [(link.source, link.target) for link in comparison.links], row
    if not 0 <= row < len(comparison.sentence_links):
        raise CorrectionError("There is no such sentence link.")
    owner = _owners(comparison)
    members = [k for k in range(len(comparison.sentence_links)) if owner[k] == owner[row]]
    rows = [
        (comparison.sentence_links[k].source, comparison.sentence_links[k].target) for k in members
    ]
    return rows, members.index(row)


def _owners(comparison: Comparison) -> list[int]:
    """For each sentence link, the index of the paragraph link holding it."""
    where = {side: comparison.links_by_paragraph(side) for side in Side}
    return [
        where[Side.SOURCE][link.source[0][0]]
        if link.source
        else where[Side.TARGET][link.target[0][0]]
        for link in comparison.sentence_links
    ]


def _join(rows: list[_Row], i: int) -> list[_Row]:
    if i + 1 >= len(rows):
        raise CorrectionError("Nothing to join: this is the last row here.")
    (s1, t1), (s2, t2) = rows[i], rows[i + 1]
    return [(s1 + s2, t1 + t2)]


def _split(rows: list[_Row], i: int, unit: str) -> list[_Row]:
    """The first unit of each side apart from the rest; a 1-1 row into two one-sided rows."""
    src, tgt = rows[i]
    if len(src) <= 1 and len(tgt) <= 1:
        if not (src and tgt):
            raise CorrectionError(f"Nothing to split: this row holds one {unit}.")
        return [(src, ()), ((), tgt)]
    return [(src[:1], tgt[:1]), (src[1:], tgt[1:])]


def _move(rows: list[_Row], i: int, side: Side, step: int) -> tuple[int, int, list[_Row]]:
    """The first (up) or last (down) unit of ``side`` in row ``i`` into the neighbouring row,
    or into a new one-sided row when there is none; a row left empty disappears. Returns
    the rows replaced (``start``, ``stop``) and what replaces them."""
    k = 0 if side is Side.SOURCE else 1
    here = list(rows[i])
    if not here[k]:
        raise CorrectionError(f"This row has no {side.value} content to move.")
    unit = here[k][0] if step < 0 else here[k][-1]
    here[k] = here[k][1:] if step < 0 else here[k][:-1]
    neighbour = 0 <= i + step < len(rows)
    there: list[tuple[_Key, ...]] = list(rows[i + step]) if neighbour else [(), ()]
    there[k] = there[k] + (unit,) if step < 0 else (unit,) + there[k]
    pair = [(there[0], there[1]), (here[0], here[1])]
    if step > 0:
        pair.reverse()
    new = [row for row in pair if row[0] or row[1]]
    if not neighbour:
        return i, i + 1, new
    return min(i, i + step), max(i, i + step) + 1, new


def _unit(article: Article, key: _Key) -> Unit:
    if isinstance(key, tuple):
        p, s = key
        return Unit(p, s, text_digest(article.paragraphs[p].sentence_text(s)))
    return Unit(key, None, text_digest(article.paragraphs[key].text))


# ---------------------------------------------------------------------------- applying


@dataclass(frozen=True, slots=True)
class Corrected:
    """A comparison with corrections applied, and which of them could (not) be applied."""

    comparison: Comparison
    applied: tuple[Correction, ...]
    dropped: tuple[Correction, ...]


class Realigner:
    """The pipeline's sentence stage for one comparison, prepared on first use (the costly
    part, once): the scorer on every sentence, calibrated on the sentence alignment of the
    comparison's own links as ``compare`` calibrates it."""

    def __init__(
        self,
        source: Article,
        target: Article,
        links: Sequence[Link],
        scorer: str | Scorer,
        tuning: Tuning | None = None,
    ) -> None:
        self.source, self.target, self.links = source, target, links
        self._scorer = scorer
        self.tuning = tuning or Tuning()  # the comparison's own (a scorer given keeps its)
        self._sentences: Sentences | None = None

    @classmethod
    def of(cls, comparison: Comparison) -> Realigner:
        return cls(
            comparison.source,
            comparison.target,
            comparison.links,
            comparison.scorer,
            comparison.tuning,
        )

    @property
    def ready(self) -> bool:
        """Whether the costly preparation is done."""
        return self._sentences is not None

    @property
    def sentence_count(self) -> int:
        """Sentences of both articles: what the preparation's cost grows with."""
        return sum(len(p.sentences) for a in (self.source, self.target) for p in a.paragraphs)

    @property
    def sentences(self) -> Sentences:
        if self._sentences is None:
            scorer = self._scorer
            if isinstance(scorer, str):
                scorer = make_scorer(scorer, self.tuning)
            prepared = prepare_sentences(self.source, self.target, scorer, tuning=self.tuning)
            self._sentences, _links, _groups = align_sentences(prepared, self.links)
        return self._sentences


def apply_corrections(
    comparison: Comparison,
    corrections: Iterable[Correction],
    *,
    realigner: Realigner | None = None,
) -> Corrected:
    """``comparison`` with ``corrections`` applied in order (each to the result of the ones
    before it). Without corrections nothing is computed and ``comparison`` comes back."""
    corrections = list(corrections)
    if not corrections:
        return Corrected(comparison, (), ())
    realigner = realigner or Realigner.of(comparison)
    state = _State(comparison, realigner)
    applied, dropped = [], []
    for item in corrections:
        (applied if state.apply(item) else dropped).append(item)
    if not applied:
        return Corrected(comparison, (), tuple(dropped))
    return Corrected(state.result(), tuple(applied), tuple(dropped))


class _Resolver:
    """Finds units again in an article: at their index when the text there is unchanged,
    else at the one place holding that text (the article was edited before them)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self._paragraphs: dict[str, list[int]] | None = None
        self._sentences: dict[str, list[SentenceRef]] | None = None

    def paragraph(self, unit: Unit) -> int | None:
        paragraphs = self.article.paragraphs
        p = unit.paragraph
        if p < len(paragraphs) and text_digest(paragraphs[p].text) == unit.digest:
            return p
        if self._paragraphs is None:
            self._paragraphs = {}
            for k, paragraph in enumerate(paragraphs):
                self._paragraphs.setdefault(text_digest(paragraph.text), []).append(k)
        found = self._paragraphs.get(unit.digest, [])
        return found[0] if len(found) == 1 else None

    def sentence(self, unit: Unit) -> SentenceRef | None:
        paragraphs = self.article.paragraphs
        p, s = unit.paragraph, unit.sentence
        assert s is not None
        if (
            p < len(paragraphs)
            and s < len(paragraphs[p].sentences)
            and text_digest(paragraphs[p].sentence_text(s)) == unit.digest
        ):
            return (p, s)
        if self._sentences is None:
            self._sentences = {}
            for k, paragraph in enumerate(paragraphs):
                for n in range(len(paragraph.sentences)):
                    key = text_digest(paragraph.sentence_text(n))
                    self._sentences.setdefault(key, []).append((k, n))
        found = self._sentences.get(unit.digest, [])
        return found[0] if len(found) == 1 else None


class _State:
    """Links, the sentence links inside each, and which links were touched, while applying."""

    def __init__(self, comparison: Comparison, realigner: Realigner) -> None:
        self.base = comparison
        self.realigner = realigner
        self.links: list[Link] = list(comparison.links)
        self.inside: list[list[SentenceLink]] = [[] for _ in self.links]
        for owner, sentence_link in zip(
            _owners(comparison), comparison.sentence_links, strict=True
        ):
            self.inside[owner].append(sentence_link)
        self.touched: list[bool] = [False] * len(self.links)
        self.resolve = {side: _Resolver(comparison.article(side)) for side in Side}

    # -- one correction
    def apply(self, item: Correction) -> bool:
        if item.level is Level.PARAGRAPH:
            return self._apply_paragraphs(item)
        return self._apply_sentences(item)

    def _resolved(self, item: Correction, find: Callable[[Side, Unit], Any]) -> list[_Row] | None:
        rows: list[_Row] = []
        for spec in item.links:
            src = tuple(find(Side.SOURCE, unit) for unit in spec.source)
            tgt = tuple(find(Side.TARGET, unit) for unit in spec.target)
            if None in src or None in tgt:
                return None
            rows.append((src, tgt))
        return rows

    def _apply_paragraphs(self, item: Correction) -> bool:
        rows = self._resolved(item, lambda side, unit: self.resolve[side].paragraph(unit))
        if rows is None or not all(
            _consecutive([key for row in rows for key in row[k]]) for k in (0, 1)
        ):
            return False
        where = {
            Side.SOURCE: {p: n for n, link in enumerate(self.links) for p in link.source},
            Side.TARGET: {p: n for n, link in enumerate(self.links) for p in link.target},
        }
        held = [where[Side.SOURCE][p] for row in rows for p in row[0]]
        held += [where[Side.TARGET][p] for row in rows for p in row[1]]
        start, stop = min(held), max(held) + 1
        run = self.links[start:stop]
        if sorted(p for link in run for p in link.source) != [p for row in rows for p in row[0]]:
            return False
        if sorted(p for link in run for p in link.target) != [p for row in rows for p in row[1]]:
            return False
        new = [Link(tuple(src), tuple(tgt), 0.0, manual=True) for src, tgt in rows]
        per_link, _groups = realign_sentences(self.realigner.sentences, new)
        self.links[start:stop] = new
        self.inside[start:stop] = per_link
        self.touched[start:stop] = [True] * len(new)
        return True

    def _apply_sentences(self, item: Correction) -> bool:
        rows = self._resolved(item, lambda side, unit: self.resolve[side].sentence(unit))
        if rows is None:
            return False
        owners = set()
        for n, link in enumerate(self.links):
            paragraphs = {Side.SOURCE: set(link.source), Side.TARGET: set(link.target)}
            for src, tgt in rows:
                if any(p in paragraphs[Side.SOURCE] for p, _ in src) or any(
                    p in paragraphs[Side.TARGET] for p, _ in tgt
                ):
                    owners.add(n)
        if len(owners) != 1:
            return False
        owner = owners.pop()
        inside = self.inside[owner]
        position = {}
        for n, sentence_link in enumerate(inside):
            for ref in sentence_link.source:
                position[(Side.SOURCE, ref)] = n
            for ref in sentence_link.target:
                position[(Side.TARGET, ref)] = n
        held = [position.get((Side.SOURCE, ref)) for row in rows for ref in row[0]]
        held += [position.get((Side.TARGET, ref)) for row in rows for ref in row[1]]
        if None in held:
            return False
        start, stop = min(held), max(held) + 1
        run = inside[start:stop]
        for k in (0, 1):  # source, target
            wanted = [ref for row in rows for ref in row[k]]
            present = sorted(ref for link in run for ref in (link.source, link.target)[k])
            if present != wanted:  # also rejects refs out of document order
                return False
        new = [SentenceLink(tuple(src), tuple(tgt), 0.0, manual=True) for src, tgt in rows]
        inside[start:stop] = new
        self.touched[owner] = True
        return True

    # -- the result
    def result(self) -> Comparison:
        sentences = self.realigner.sentences
        touched = [n for n, flag in enumerate(self.touched) if flag]
        focus_links(sentences, [self.links[n] for n in touched])
        groups = []
        for n in touched:
            group = group_of(sentences, self.links[n], self.inside[n])
            groups.append(group)
            self.inside[n] = [
                replace(sentence_link, score=display_score(bead.score))
                for sentence_link, bead in zip(self.inside[n], group.beads, strict=True)
            ]
            if self.links[n].manual:
                self.links[n] = replace(self.links[n], score=_link_score(sentences, self.links[n]))
        links = tuple(self.links)
        context = FindingContext(
            self.base.source, self.base.target, links, groups, self.base.tuning
        )
        row_of = _RowOf(links)
        touched_set = set(touched)
        fresh = [
            f
            for f in find_all(context)
            if row_of(f) in touched_set and f.kind is not FindingKind.WEAK_LINK
        ]
        kept = [f for f in self.base.findings if row_of(f) not in touched_set]
        kept += self._surviving_weak_links(row_of, touched_set, fresh)
        findings = _with_unique_ids(kept, fresh)
        return replace(
            self.base,
            links=links,
            sentence_links=tuple(s for inside in self.inside for s in inside),
            findings=tuple(sorted(findings, key=_document_order)),
        )

    def _surviving_weak_links(
        self, row_of: _RowOf, touched: set[int], fresh: list[Finding]
    ) -> list[Finding]:
        """Weak links in touched links whose sentences are still linked to each other alone,
        in the same shape (one to one or larger): their score and the document's threshold
        are the same, so is the verdict (unless a fresh finding now reports one of their
        sentences as one-sided)."""
        pairs = {(link.source, link.target) for n in touched for link in self.inside[n]}
        base_pair = {}  # a two-sided link's first target sentence -> the link
        for link in self.base.sentence_links:
            if link.source and link.target:
                base_pair[link.target[0]] = link
        one_sided = [f for f in fresh if f.kind.is_omission or f.kind.is_insertion]
        out = []
        for finding in self.base.findings:
            if finding.kind is not FindingKind.WEAK_LINK or row_of(finding) not in touched:
                continue
            held = finding.target
            if held is None:
                continue
            ref = _sentence_at(self.base.target, held.paragraph, held.start)
            pair = base_pair.get(ref) if ref is not None else None
            if pair is None or (pair.source, pair.target) not in pairs:
                continue
            members = [
                (Side.SOURCE, p, self.base.source.paragraphs[p].sentences[k])
                for p, k in pair.source
            ] + [
                (Side.TARGET, p, self.base.target.paragraphs[p].sentences[k])
                for p, k in pair.target
            ]
            if any(
                _overlaps(f, side, p, span.start, span.end)
                for f in one_sided
                for side, p, span in members
            ):
                continue
            out.append(finding)
        return out


def _consecutive(keys: Sequence[_Key]) -> bool:
    """Paragraph ids in order without gaps (sentence refs are checked against their link)."""
    if not keys or isinstance(keys[0], tuple):
        return True
    return all(b == a + 1 for a, b in pairwise(keys))


def _link_score(sentences: Sentences, link: Link) -> float:
    """A hand-made link's score: the scorer's on its whole text, as users see scores."""
    if not link.source or not link.target:
        return 0.0
    (s0, s1), (t0, t1) = (
        sentences.source.span_of(link.source),
        sentences.target.span_of(link.target),
    )
    if s1 <= s0 or t1 <= t0:
        return 0.0
    scores = sentences.scorer.score(np.array([s0]), np.array([s1]), np.array([t0]), np.array([t1]))
    return display_score(float(scores[0]))


class _RowOf:
    """The link a finding belongs to: the one holding its content's paragraph."""

    def __init__(self, links: Sequence[Link]) -> None:
        self._where = {
            Side.SOURCE: {p: n for n, link in enumerate(links) for p in link.source},
            Side.TARGET: {p: n for n, link in enumerate(links) for p in link.target},
        }

    def __call__(self, finding: Finding) -> int | None:
        for side in (finding.side, finding.side.other):
            location = finding.location(side)
            if location is not None and location.paragraph in self._where[side]:
                return self._where[side][location.paragraph]
        return None


def _sentence_at(article: Article, paragraph: int, start: int) -> SentenceRef | None:
    for n, span in enumerate(article.paragraphs[paragraph].sentences):
        if span.start <= start < span.end:
            return (paragraph, n)
    return None


def _overlaps(finding: Finding, side: Side, paragraph: int, start: int, end: int) -> bool:
    location = finding.location(side)
    return (
        finding.side is side
        and location is not None
        and location.paragraph == paragraph
        and location.start < end
        and start < location.end
    )


def _with_unique_ids(kept: list[Finding], fresh: list[Finding]) -> list[Finding]:
    """Fresh findings whose id a kept one already has (the same text flagged elsewhere) get
    a numbered suffix, as repeated findings do."""
    used = {f.id for f in kept}
    out = list(kept)
    for finding in fresh:
        new_id, n = finding.id, 1
        while new_id in used:
            n += 1
            new_id = f"{finding.id}-{n}"
        used.add(new_id)
        out.append(finding if new_id == finding.id else replace(finding, id=new_id))
    return out


_KINDS = list(FindingKind)


def _document_order(finding: Finding) -> tuple[int, int, int, int]:
    """As the engine orders findings: target paragraph, source paragraph, offset, kind."""
    held = finding.location(finding.side)
    src = finding.source.paragraph if finding.source is not None else -1
    tgt = finding.target.paragraph if finding.target is not None else -1
    return (tgt, src, held.start if held is not None else 0, _KINDS.index(finding.kind))


# ---------------------------------------------------------------------------- undo and redo


class Corrector:
    """A comparison and the editor's corrections of it, with undo and redo.

    ``comparison`` is the corrected result; ``corrections`` the ones that apply, in order;
    ``dropped`` those that could not be applied to ``base`` when this was built.
    """

    def __init__(
        self,
        base: Comparison,
        corrections: Iterable[Correction] = (),
        realigner: Realigner | None = None,
    ) -> None:
        self.base = base
        self.realigner = realigner or Realigner.of(base)
        result = apply_corrections(base, corrections, realigner=self.realigner)
        self.comparison = result.comparison
        self.corrections = list(result.applied)
        self.dropped = result.dropped
        self.undone: list[Correction] = []

    def add(self, item: Correction) -> None:
        """Apply one more correction (CorrectionError when it cannot apply here)."""
        result = apply_corrections(self.comparison, [item], realigner=self.realigner)
        if not result.applied:
            raise CorrectionError("That correction does not fit the alignment here.")
        self.comparison = result.comparison
        self.corrections.append(item)
        self.undone.clear()

    def undo(self) -> Correction | None:
        """Take back the last correction; None when there is none."""
        if not self.corrections:
            return None
        item = self.corrections.pop()
        self.undone.append(item)
        self._reapply()
        return item

    def redo(self) -> Correction | None:
        """Make the last undone correction again; None when there is none."""
        if not self.undone:
            return None
        item = self.undone.pop()
        result = apply_corrections(self.comparison, [item], realigner=self.realigner)
        self.comparison = result.comparison
        self.corrections.append(item)
        return item

    def _reapply(self) -> None:
        result = apply_corrections(self.base, self.corrections, realigner=self.realigner)
        self.comparison = result.comparison
        self.corrections = list(result.applied)


def changed_texts(texts: tuple[str, str] | None, comparison: Comparison) -> str | None:
    """Which of the texts hashed ``texts`` (``article_digest``) ``comparison`` no longer has:
    "the source text", "the target text", "both texts", or None."""
    if texts is None:
        return None
    changed = [
        side.value
        for side, digest in zip(Side, texts, strict=True)
        if digest != article_digest(comparison.article(side))
    ]
    if len(changed) == 2:
        return "both texts"
    return f"the {changed[0]} text" if changed else None


def not_applied(
    dropped: int, total: int, texts: tuple[str, str] | None, comparison: Comparison
) -> str:
    """Why ``dropped`` of ``total`` corrections made on the texts hashed ``texts`` do not
    apply to ``comparison``, e.g. "1 of 3 alignment corrections no longer applies: the
    target text changed since"."""
    changed = changed_texts(texts, comparison)
    why = f"{changed} changed since" if changed else "the alignment around them differs"
    verb = "applies" if dropped == 1 else "apply"
    noun = "correction" if total == 1 else "corrections"
    return f"{dropped} of {total} alignment {noun} no longer {verb}: {why}"


# ---------------------------------------------------------------------------- JSON


def correction_to_json(item: Correction) -> dict[str, Any]:
    """``item`` as JSON values; a unit is one string, "12:hash" or "12.3:hash" (¶13, or its
    fourth sentence, counted from 0)."""
    data: dict[str, Any] = {
        "action": item.action.value,
        "level": item.level.value,
        "links": [
            {
                "source": [_unit_text(u) for u in s.source],
                "target": [_unit_text(u) for u in s.target],
            }
            for s in item.links
        ],
    }
    if item.side is not None and item.moved is not None:
        data["side"] = item.side.value
        data["moved"] = _unit_text(item.moved)
    return data


def _unit_text(unit: Unit) -> str:
    where = str(unit.paragraph) if unit.sentence is None else f"{unit.paragraph}.{unit.sentence}"
    return f"{where}:{unit.digest}"


def _unit_from_text(text: Any) -> Unit:
    """The unit ``_unit_text`` wrote.

    >>> _unit_from_text("4.1:abc")
    Unit(paragraph=4, sentence=1, digest='abc')
    """
    where, digest = str(text).split(":")
    paragraph, _, sentence = where.partition(".")
    if not digest or int(paragraph) < 0 or (sentence and int(sentence) < 0):
        raise ValueError(text)
    return Unit(int(paragraph), int(sentence) if sentence else None, digest)


def correction_from_json(data: Any) -> Correction:
    """The correction ``correction_to_json`` wrote (ValueError when malformed)."""
    try:
        links = tuple(
            LinkSpec(
                tuple(_unit_from_text(u) for u in spec["source"]),
                tuple(_unit_from_text(u) for u in spec["target"]),
            )
            for spec in data["links"]
        )
        side = Side(data["side"]) if data.get("side") is not None else None
        moved = _unit_from_text(data["moved"]) if side is not None else None
        item = Correction(Action(data["action"]), Level(data["level"]), links, side, moved)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"malformed correction: {exc}") from exc
    if not links or any(not (spec.source or spec.target) for spec in links):
        raise ValueError("malformed correction: an empty link")
    levels = {u.sentence is None for spec in links for u in (*spec.source, *spec.target)}
    if levels != {item.level is Level.PARAGRAPH}:
        raise ValueError("malformed correction: units of the wrong level")
    return item
