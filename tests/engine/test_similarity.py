"""Anchors and the lexical scorer."""

from __future__ import annotations

import numpy as np
import pytest

from tui.engine.scoring.lexical import LexicalScorer, match_vocabularies, skeleton
from tui.engine.text.anchors import lex_anchors, normalize_number


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("6,5", "6.5"),  # German decimal comma
        ("6.5", "6.5"),
        ("1.000", "1000"),  # German thousands
        ("6 000", "6000"),  # French thousands with a space
        ("1\u202f000", "1000"),  # narrow no-break space
        ("150", "150"),
    ],
)
def test_numbers_normalise_across_conventions(raw, value):
    numbers = [a.value for a in lex_anchors(f"etwa {raw} milliarden") if a.kind == "number"]
    assert numbers == [value]
    assert normalize_number(raw) == value


def test_number_does_not_swallow_a_following_year():
    assert [a.value for a in lex_anchors("im jahr 1956 200 leute") if a.kind == "number"] == [
        "1956",
        "200",
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("murati", "mulati"),
        ("zoff", "zoph"),
        ("himalaya", "himalayens"),
        ("milliarden", "milliards"),
    ],
)
def test_cognates_and_names_match(a, b):
    assert (a, b) in match_vocabularies({a}, {b})


def test_unrelated_words_do_not_match():
    assert match_vocabularies({"hund", "vorstand"}, {"chat", "conseil"}) == []


def test_skeleton_folds_spelling_variants():
    assert skeleton("barrett") == skeleton("barret")


def test_names_in_cyrillic_and_greek_match_their_latin_spelling():
    pairs = match_vocabularies(
        {"michigan", "tiffany", "university", "athens"},
        {"мичиган", "тиффани", "университет", "αθήνα", "κόσμος"},
    )
    assert ("michigan", "мичиган") in pairs
    assert ("tiffany", "тиффани") in pairs
    assert ("university", "университет") in pairs  # a shared five-letter prefix, romanised
    assert not any(word == "κόσμος" for _, word in pairs)


def test_translation_scores_above_a_non_translation():
    source = ["Der Mount Everest ist 8848 m hoch.", "Zürich liegt am See."]
    target = ["L'Everest mesure 8848 m.", "Zurich est au bord du lac."]
    scorer = LexicalScorer().prepare(source, target)
    arr = np.array
    right = scorer.score(arr([0, 1]), arr([1, 2]), arr([0, 1]), arr([1, 2]))
    wrong = scorer.score(arr([0, 1]), arr([1, 2]), arr([1, 0]), arr([2, 1]))
    assert (right > wrong).all()


def test_window_keeps_scores_of_the_whole_document():
    source = ["Der Everest misst 8848 m.", "Zürich 1956.", "Bern 1957."]
    target = ["L'Everest mesure 8848 m.", "Zurich 1956.", "Berne 1957."]
    scorer = LexicalScorer().prepare(source, target)
    arr = np.array
    whole = scorer.score(arr([1]), arr([3]), arr([1]), arr([3]))
    window = scorer.window(1, 3, 1, 3).score(arr([0]), arr([2]), arr([0]), arr([2]))
    assert window == pytest.approx(whole)


def test_anchor_fast_path_gives_the_pygments_lexers_tokens():
    from pygments.token import Name, Number, Punctuation, String

    from tui.engine.text.anchors import prose_lexer

    text = (
        "„Zitat“ « citation » https://x.org/a?b=1. www.foo.com 6 000 1\u00a0000 __ ² foo_bar "
        "d’ultraman, 8125 m ( Nr. 4 ) ; 3,5 % – ok?"
    )
    kinds = {
        Name.Label: "url",
        Number: "number",
        Name: "word",
        String: "quote",
        Punctuation: "punct",
    }
    expected = [
        (kinds[token], start, start + len(value))
        for start, token, value in prose_lexer().get_tokens_unprocessed(text)
        if token in kinds
    ]
    assert [(a.kind, a.start, a.end) for a in lex_anchors(text)] == expected


def test_anchor_values_are_the_anchors_without_offsets():
    from tui.engine.text.anchors import anchor_values

    text = "„Es kostet 6,5 Mrd.“ – https://x.org, sagte Zoff (2024)."
    assert list(anchor_values(text)) == [(a.kind, a.value) for a in lex_anchors(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Es kostet 6,5 Mrd. oder 6 000 Fr. (1\u00a0000 m, 1'234,5 kg) im Jahr 2024.",
        "ab12 3,5,6 1.000.000 ² und 07",
        "siehe https://x.org/a?b=1 und www.site2.com/12 mit 8125 m",
        "keine Ziffer hier",
    ],
)
def test_number_fast_path_gives_the_number_anchors(text):
    from tui.engine.text.anchors import iter_numbers

    expected = [(a.start, a.end, a.value) for a in lex_anchors(text) if a.kind == "number"]
    assert list(iter_numbers(text)) == expected


def test_segment_features_fast_path_equals_the_lexers_view():
    from pathlib import Path

    from tui.engine.scoring.lexical import _lexed_features, segment_features

    root = Path(__file__).resolve().parents[2] / "sample_articles"
    texts = [
        line
        for name in ("ultraman-musk.de.txt", "ultraman-musk.fr.txt")
        for line in (root / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts += [
        "„Zitat“ « citation » 6 000 1\u00a0000 __ ² foo_bar d’ultraman, 8125 m ( Nr. 4 ) ; ok? ja!",
        'x_y_z 12_3 ‚a‘ ‹b› "c" (d) Über À ß 1\'234,5 a:b',
    ]
    for text in texts:
        assert segment_features.__wrapped__(text) == _lexed_features(text), text
    with_url = "siehe https://x.org/a?b=1 (jetzt) und www.foo.com: 12"
    assert segment_features(with_url) == _lexed_features(with_url)
    assert segment_features(with_url).urls  # the URL path keeps URLs


@pytest.mark.parametrize(
    "text",
    [
        "हिन्दी में लिखा गया पाठ, २०२४ में",  # vowel signs: combining marks inside words
        "Cafe\u0301 de\u0301ja\u0300 vu, 6\u00a0000 francs",  # decomposed accents
        "ที่ประเทศไทย 12 คน",  # Thai vowel marks
        "plain words, 1.000 and 6,5 and 2024",  # no mark at all: letters alone
        "x_y 12_3 ab1cd",  # underscores and digits split words
    ],
)
def test_word_and_number_shortcuts_give_the_lexers_anchors(text):
    """Words as letter runs where a text has no combining mark, numbers by the digit-led
    rule: the lexer's word and number anchors either way, and the same features."""
    from tui.engine.scoring.lexical import _lexed_features, segment_features
    from tui.engine.text.anchors import normalize_word, number_values, word_runs

    anchors = lex_anchors(text)
    assert [normalize_word(w) for w in word_runs(text)] == [
        a.value for a in anchors if a.kind == "word"
    ]
    assert number_values(text) == [a.value for a in anchors if a.kind == "number"]
    assert segment_features.__wrapped__(text) == _lexed_features(text)


def test_full_width_punctuation_counts_as_its_ascii_class():
    """A Chinese question, colon or parenthesis agrees with its English translation."""
    from tui.engine.scoring.lexical import _lexed_features, segment_features

    chinese = "他问：“你去哪里？”（在北京）！"
    english = 'He asked: "Where are you going?" (in Beijing)!'
    assert segment_features(chinese).punct == segment_features(english).punct
    assert segment_features(chinese).punct == _lexed_features(chinese).punct
    assert segment_features("你好？").punct != segment_features("你好。").punct


def test_focus_sums_the_weight_of_shared_concepts_inside_the_band():
    from tui.engine.scoring.lexical import LexicalSpanScorer, _SideArrays
    from tui.engine.tuning import LexicalTuning

    rng = np.random.default_rng(7)
    n_src, n_tgt, n_concepts = 40, 45, 30

    def side(n):
        concepts = [tuple(sorted(set(rng.integers(0, n_concepts, 4).tolist()))) for _ in range(n)]
        return _SideArrays(concepts, np.full(n, 50.0), np.zeros((n, 7)))

    source, target = side(n_src), side(n_tgt)
    weight = rng.random(n_concepts)
    scorer = LexicalSpanScorer(source, target, weight, LexicalTuning())
    first = np.clip(np.arange(n_src) - 5, 0, n_tgt)
    last = np.clip(np.arange(n_src) + 6, 0, n_tgt)
    scorer.focus(first, last)
    for i in range(n_src):
        for j in range(first[i], last[i]):
            shared = set(source.concepts[i]) & set(target.concepts[j])
            expected = sum(weight[c] for c in sorted(shared))
            got = scorer._shared_cells(np.array([i]), np.array([j]))[0]
            assert got == pytest.approx(expected)
    outside = scorer._shared_cells(np.array([0]), np.array([30]))[0]
    assert outside == 0.0  # outside the band nothing is looked up


def test_found_weight_by_size_equals_one_lookup_of_every_bead_bit_for_bit():
    """Spans grouped by size, each group without masks, give the very floats of the
    general lookup: mixed sizes, empty sides, spans reaching past the band."""
    from tui.engine.scoring.lexical import LexicalSpanScorer, _SideArrays
    from tui.engine.tuning import LexicalTuning

    rng = np.random.default_rng(11)
    n_src, n_tgt, n_concepts = 60, 70, 40

    def side(n):
        concepts = [tuple(sorted(set(rng.integers(0, n_concepts, 5).tolist()))) for _ in range(n)]
        return _SideArrays(concepts, np.full(n, 40.0), np.zeros((n, 7)))

    scorer = LexicalSpanScorer(side(n_src), side(n_tgt), rng.random(n_concepts), LexicalTuning())
    scorer.focus(np.clip(np.arange(n_src) - 4, 0, n_tgt), np.clip(np.arange(n_src) + 5, 0, n_tgt))
    count = 3000
    a, b = rng.integers(0, 4, count), rng.integers(0, 4, count)
    src_start = rng.integers(0, n_src - 3, count)
    tgt_start = np.clip(src_start + rng.integers(-3, 4, count), 0, n_tgt - 3)
    spans = (src_start, src_start + a, tgt_start, tgt_start + b)
    grouped = scorer.found_weight(*spans)
    general = scorer._found_weight_of(*spans)
    for got, expected in zip(grouped, general, strict=True):
        assert np.array_equal(got.view(np.int64), expected.view(np.int64))
    assert grouped[0].any()
    assert grouped[1].any()
    one_size = [x[(a == 2) & (b == 3)] for x in spans]  # a single group: no split at all
    for got, expected in zip(
        scorer.found_weight(*one_size), scorer._found_weight_of(*one_size), strict=True
    ):
        assert np.array_equal(got.view(np.int64), expected.view(np.int64))


@pytest.mark.parametrize(
    "text",
    [
        "Über die Brücke: d’ultraman, foo_bar, Zoff und Zoph (2024) ²",
        "siehe https://x.org/drei und www.zwei.com mit vier Leuten",
        "",
    ],
)
def test_word_fast_path_gives_the_word_anchors(text):
    from tui.engine.text.anchors import iter_words

    assert list(iter_words(text)) == [a.value for a in lex_anchors(text) if a.kind == "word"]


def _long_pair() -> tuple[list[str], list[str]]:
    """Forty sentence pairs whose lengths mostly agree, four of them far apart: a length
    distribution with a heavier tail than the normal."""
    rng = np.random.default_rng(3)
    source, target = [], []
    for k in range(40):
        n = int(rng.integers(40, 160))
        stretch = 2.2 if k % 10 == 0 else 1.0 + rng.normal(0, 0.05)
        source.append("a" * n + ".")
        target.append("b" * max(int(n * stretch), 1) + ".")
    return source, target


def test_the_length_tail_softens_only_deviations_beyond_the_document_s_quantile():
    """The tail measured on the confident pairs (``LengthTail``) never makes a length less
    likely than the normal does, leaves deviations below its start as they are, and
    changes nothing in the scores the aligner reads: only ``evidence_view`` uses it."""
    from tui.engine.scoring.lexical import gale_church_logprob

    source, target = _long_pair()
    scorer = LexicalScorer().prepare(source, target).calibrated([(k, k) for k in range(40)])
    view = scorer.evidence_view()
    assert view is not scorer
    assert scorer._tail is not None
    i = np.arange(40)
    normal = scorer.score(i, i + 1, i, i + 1)
    assert np.array_equal(
        normal,
        LexicalScorer()
        .prepare(source, target)
        .calibrated([(k, k) for k in range(40)])
        .score(i, i + 1, i, i + 1),
    )
    tailed = view.score(i, i + 1, i, i + 1)
    assert np.all(tailed >= normal)
    far = tailed > normal
    assert far[::10].all()  # the four far pairs: rare, not near impossible
    ratio, variance = scorer.length_model
    lengths = np.array([40.0, 400.0]), np.array([40.0, 40.0])
    plain = gale_church_logprob(*lengths, ratio, variance)
    soft = gale_church_logprob(*lengths, ratio, variance, scorer._tail)
    assert soft[0] == plain[0]
    assert soft[1] > plain[1]


def test_a_calibrated_copy_scores_remembered_parts_bit_for_bit():
    """The paragraph DP's second pass reads the anchor and punctuation parts the first
    pass computed (``remember_parts``): its calibrated scorer gives the very scores it
    gives computing them itself, and computes no part again for a key it was given."""
    source, target = _long_pair()
    pairs = [(k, k) for k in range(40)]
    i = np.arange(40)
    spans = (i, np.minimum(i + 2, 40), i, i + 1)  # 2-1 and 1-1 beads, as a DP chunk asks
    plain = LexicalScorer().prepare(source, target)
    expected = plain.calibrated(pairs).score(*spans)

    first = LexicalScorer().prepare(source, target)
    first.remember_parts()
    first_scores = first.score_keyed("chunk", *spans)
    assert np.array_equal(first_scores, plain.score(*spans))
    second = first.calibrated(pairs)
    assert second is not first
    computed = []
    original = type(second)._lexical_parts
    second._lexical_parts = lambda *a: computed.append(1) or original(second, *a)
    assert np.array_equal(second.score_keyed("chunk", *spans), expected)
    assert not computed  # read, not computed again
    assert not np.array_equal(expected, first_scores)  # the length model did change
    first.forget_parts()
    assert first._parts is None
    assert np.array_equal(second.score(*spans), expected)


def test_punctuation_rows_are_whole_numbers_of_the_counts():
    """The punctuation prefix sums are kept as integers: the same differences as floats."""
    source, target = _long_pair()
    scorer = LexicalScorer().prepare(source, target)
    assert scorer._cum_punct_src.dtype.kind == "i"
    assert scorer._cum_punct_src.shape[0] == scorer.n_src + 1


def test_a_calibrated_copy_frees_the_parts_it_reads_and_keeps_none_of_its_own():
    """The second pass's bands that differ from the first's (a subtitle file's second pass
    has other shapes) are asked once: keeping their parts would only hold memory."""
    source, target = _long_pair()
    i = np.arange(40)
    spans = (i, np.minimum(i + 2, 40), i, i + 1)
    first = LexicalScorer().prepare(source, target)
    first.remember_parts()
    first.score_keyed("pass 1", *spans)
    second = first.calibrated([(k, k) for k in range(40)])
    second.score_keyed("pass 1", *spans)
    second.score_keyed("pass 2 only", *spans)
    assert first._parts == {}


# A short article: four yearly counts in both versions, two sentences only in the German. The
# whole documents' length ratio (French characters per German one) counts those two against
# the French; the four pairs that share a number found nowhere else do not.
VILLAGE_DE = [f"Im Jahr {1900 + k} zählte das Dorf {100 * k + 7} Einwohner." for k in range(1, 7)]
VILLAGE_FR = [f"En {1900 + k}, le village comptait {100 * k + 7} habitants." for k in range(1, 7)]
EXTRA_DE = [
    "Die Kirche brannte vollständig ab und wurde danach nie wieder aufgebaut.",
    "Der Pfarrer zog danach mit seiner ganzen Familie in die Stadt Bern.",
]


def test_a_short_documents_length_ratio_comes_from_its_anchored_pairs():
    source = [*VILLAGE_DE[:3], *EXTRA_DE, *VILLAGE_DE[3:]]
    scorer = LexicalScorer().prepare(source, VILLAGE_FR)
    ratio, _ = scorer.length_model
    anchored = sum(map(len, VILLAGE_FR)) / sum(map(len, VILLAGE_DE))
    whole = sum(map(len, VILLAGE_FR)) / sum(map(len, source))
    assert ratio == pytest.approx(anchored, rel=0.02)
    assert abs(ratio - whole) > 0.2
    # a long document keeps the whole documents' ratio: its one-sided share is small
    long_source = [*source, *(VILLAGE_DE * 4)]
    long_target = [*VILLAGE_FR, *(VILLAGE_FR * 4)]
    long_ratio, _ = LexicalScorer().prepare(long_source, long_target).length_model
    assert long_ratio == pytest.approx(sum(map(len, long_target)) / sum(map(len, long_source)))
