"""Language detection: deterministic, lazy, None for text too short to judge."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.engine.text.language import detect_language, has_enough_letters

GERMAN = "die umstrukturierung wird openai auch dabei helfen, neue investoren anzuziehen."
FRENCH = "la restructuration aidera également openai à attirer les investisseurs."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date has no letters: never guessed
        ("2024-09-30", None),
        # nothing at all
        ("", None),
        # fewer than 20 letters: too short to judge
        ("nouvelles", None),
        # numbers and punctuation only
        ("12.5 % / 3,000 — 4680 (2018)", None),
        # plain German and French sentences from the sample
        (GERMAN, "de"),
        (FRENCH, "fr"),
        # a sentence with few function words goes to langdetect
        ("Himalaya-Expeditionen erforschten Gletscherbäche systematisch", "de"),
        # scripts langdetect has no profile for, each written by one language
        ("Երևանում մետրոյի նոր կայարանը կբացվի 2027 թվականին։", "hy"),
        ("ქალაქის მერიამ განაცხადა, რომ ახალი ხიდი 2025 წელს გაიხსნება.", "ka"),
        ("ရန်ကုန်မြို့တော်တွင် ယမန်နေ့က မိုးသည်းထန်စွာ ရွာသွန်းခဲ့ပြီး လမ်းများစွာ ရေကြီးခဲ့သည်။", "my"),
        # Shan, written with Myanmar letters of its own, is not Burmese
        ("ၵႂၢမ်းတႆး ပဵၼ်ၵႂၢမ်းဢၼ်ၵူၼ်းတႆး ၸႂ်ႉတိုဝ်းၼႂ်းမိူင်းတႆး ၼႂ်းပိူင်ႁူမ်ႈတုမ်ႊ", None),
        # a word of one in an English sentence does not make it Armenian
        ("The Armenian word for a thousand, հազար, ends the headline.", "en"),
        # a seventh trial's en-tl: Tagalog's "sa" three times is no French "sa" (his)
        (
            "Ayon sa mga magsasaka, bumaba ang presyo ng kopra sa merkado at sa mga "
            "bayan ng lalawigan ngayong buwan.",
            "tl",
        ),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_exact_mode_agrees_on_clear_text() -> None:
    assert detect_language(GERMAN, exact=True) == "de"
    assert detect_language(FRENCH, exact=True) == "fr"


def test_odd_input_never_raises() -> None:
    for text in ("\x00" * 50, "🙂" * 40, "ab" * 10_000_000, "\ufffd" * 100):
        assert detect_language(text) in (None, *_codes())


def _codes() -> tuple[str, ...]:
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY

    return tuple(os.listdir(PROFILES_DIRECTORY))


def test_letter_counting_stops_early() -> None:
    assert has_enough_letters("a" * 20)
    assert not has_enough_letters("a" * 19 + "1" * 1000)


def test_deterministic_across_interpreters() -> None:
    # langdetect samples at random; the fixed seed must give the same answer in every process
    code = (
        "from tui.engine.text.language import detect_language as d;"
        "print(d('le chat mange la souris et elles dansent', exact=True),"
        " d('ein kurzer text mit wenigen wörtern hier', exact=True))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(3)
    }
    assert len(runs) == 1


def test_import_does_no_work() -> None:
    code = "import sys, tui.engine.text.language; print('langdetect' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_array_detector_answers_like_langdetects_own() -> None:
    from pathlib import Path

    from tui.engine.text.language import _detector_class, _factory

    root = Path(__file__).resolve().parents[2] / "sample_articles"
    texts = [
        line
        for name in ("ultraman-musk.de.txt", "ultraman-musk.fr.txt")
        for line in (root / name).read_text(encoding="utf-8").splitlines()
        if len(line) > 30
    ]
    texts += [
        "Questo è un testo italiano abbastanza lungo.",
        "Это русский текст для проверки.",
        "这是一个用于检查语言识别的中文句子。",
        "これは言語の判定を確かめるための日本語の文です。",
        "هذه جملة عربية لاختبار التعرف على اللغة.",
        "यह भाषा की पहचान जाँचने के लिए एक हिंदी वाक्य है।",
    ]

    def answers(make) -> list[tuple[str, float]]:
        out = []
        for text in texts:
            detector = make()
            detector.n_trial = 1
            detector.append(text)
            out += [(p.lang, round(p.prob, 9)) for p in detector.get_probabilities()]
        return out

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    langdetects = DetectorFactory()  # langdetect's own table, built up front
    langdetects.load_profile(PROFILES_DIRECTORY)
    langdetects.set_seed(0)
    profiles = _factory()  # ours: the same rows, computed when asked for
    assert profiles.langlist == langdetects.langlist
    table = langdetects.word_lang_prob_map
    assert all(word in profiles.word_lang_prob_map for word in table)
    assert "no such n-gram" not in profiles.word_lang_prob_map
    for word in list(table)[::20]:
        assert profiles.word_lang_prob_map[word] == table[word], word
    assert answers(lambda: _detector_class()(profiles)) == answers(langdetects.create)


def test_ngrams_are_langdetects_own() -> None:
    """The inline n-gram scan lists what langdetect's ``_extract_ngrams`` lists, in order
    (its random draws index the list): capitals, spaces, marks and normalised scripts."""
    from langdetect.detector import Detector

    from tui.engine.text.language import _detector_class, _factory

    texts = [
        "Die UNO-Mission in NEW YORK: „Wir sind bereit“ — sagte sie.",
        "L'ÉTÉ   dernier , Ça et là ; ﬁn ǅǆ ș ț ạ ắ Ⅻ ß x\u2003y",
        "あいうアイウ ㄅㄆ 漢字と한글 یک کتاب ΑΒΓ αβγ АБВ абв",
        "A",
        " ",
        "AB CD eF Gh",
    ]
    profiles = _factory()
    for text in texts:
        detector = _detector_class()(profiles)
        detector.append(text)
        assert detector._extract_ngrams() == Detector._extract_ngrams(detector), text
