"""Polarity checks (detect/meaning.py): one-to-one sentence links negated on one side only."""

from __future__ import annotations

from pathlib import Path

import pytest
from small_pair import DE, FR

from tui.engine.detect.meaning import negations
from tui.engine.model import CompareOptions, Comparison, FindingKind
from tui.engine.pipeline import compare
from tui.engine.text.load import article_from_text, load_article
from tui.engine.tuning import Tuning, overridden

SAMPLE = Path(__file__).resolve().parents[2] / "sample_articles"

# Four more sentences to the small pair's four: eight one-to-one links, enough for a median.
DE_MORE = [
    "Sam Altman hat die Gründe für den Abgang im Jahr 2024 nicht erklärt.",
    "Microsoft investierte 10 Milliarden Dollar in OpenAI.",
    "Elon Musk gründete Tesla nicht allein im Jahr 2003.",
    "ChatGPT hat heute mehr als 200 Millionen Nutzer weltweit.",
]
FR_MORE = [
    "Sam Altman n'a pas expliqué les raisons du départ en 2024.",
    "Microsoft a investi 10 milliards de dollars dans OpenAI.",
    "Elon Musk n'a pas fondé Tesla seul en 2003.",
    "ChatGPT compte aujourd'hui plus de 200 millions d'utilisateurs dans le monde.",
]
EN = [
    "The expedition reached the camp at 6500 metres on 26 September.",
    "Mira Murati had led the OpenAI team since 2018.",
    "Barrett Zoff and Bob McGrew left the company in October 2024.",
    "The valuation is expected to reach 150 billion dollars.",
    "Sam Altman has not explained the reasons for the departure in 2024.",
    "Microsoft invested 10 billion dollars in OpenAI.",
    "Elon Musk founded Tesla in 2003 with four partners.",
    "ChatGPT has more than 200 million users worldwide today.",
]
RU = [
    "Экспедиция достигла лагеря на высоте 6500 метров 26 сентября.",
    "Мира Мурати руководила командой OpenAI с 2018 года.",
    "Баррет Зоф и Боб МакГрю не покидали компанию в октябре 2024 года.",
    "Ожидается, что оценка достигнет 150 миллиардов долларов.",
    "Сэм Альтман не объяснил причины ухода в 2024 году.",
    "Microsoft инвестировала 10 миллиардов долларов в OpenAI.",
    "Илон Маск основал Tesla в 2003 году с четырьмя партнёрами.",
    "У ChatGPT сегодня более 200 миллионов пользователей по всему миру.",
]
# The checks as an editor turns them on (off by default: they flood, see DetectionTuning).
CHECKS_ON = overridden({"detection.polarity_checks": True})


def polarity_findings(result: Comparison):
    return [
        f
        for f in result.findings
        if f.kind is FindingKind.WEAK_LINK and f.why.startswith("negated")
    ]


def run(source, target, source_lang, target_lang, tuning=CHECKS_ON):
    options = CompareOptions(
        scorer="lexical", source_lang=source_lang, target_lang=target_lang, tuning=tuning
    )
    return compare(
        article_from_text("\n\n".join(source), language=source_lang),
        article_from_text("\n\n".join(target), language=target_lang),
        options=options,
    )


def test_negation_words_per_language_leave_not_only_and_only_out():
    assert negations("Er kam nicht, und nicht nur er: keiner kam.", "de") == ["nicht", "keiner"]
    assert negations("Il ne vient que demain, non seulement lui.", "fr") == []
    assert negations("He doesn’t know; not only he, nobody does.", "en") == ["n't", "nobody"]
    assert negations("Он не знал, никто не знал.", "ru") == ["не", "никто", "не"]
    assert negations("彼は知らなかった。", "ja") == []  # no lexicon: never reported


def test_a_faithful_pair_with_negation_on_both_sides_is_quiet():
    result = run(DE + DE_MORE, FR + FR_MORE, "de", "fr")
    assert len(result.links) == 8
    assert polarity_findings(result) == []


def test_a_negation_dropped_from_the_french_is_reported_on_that_link():
    flipped = [*FR, FR_MORE[0].replace("n'a pas expliqué", "a expliqué"), *FR_MORE[1:]]
    result = run(DE + DE_MORE, flipped, "de", "fr")
    (finding,) = polarity_findings(result)
    assert (finding.source.paragraph, finding.target.paragraph) == (4, 4)
    assert finding.why.startswith("negated in the source only: 'nicht'")


def test_a_negation_added_in_russian_is_reported_against_english():
    result = run(EN, RU, "en", "ru")
    (finding,) = polarity_findings(result)
    assert (finding.source.paragraph, finding.target.paragraph) == (2, 2)
    assert finding.why.startswith("negated in the target only: 'не'")


def test_the_checks_are_off_by_default():
    flipped = [*FR, FR_MORE[0].replace("n'a pas expliqué", "a expliqué"), *FR_MORE[1:]]
    assert polarity_findings(run(DE + DE_MORE, flipped, "de", "fr", tuning=Tuning())) == []


def test_on_the_sample_pair_the_checks_add_few_findings():
    result = compare(
        load_article(SAMPLE / "ultraman-musk.de.txt"),
        load_article(SAMPLE / "ultraman-musk.fr.txt"),
        options=CompareOptions(scorer="lexical", tuning=CHECKS_ON),
    )
    # 2 findings overlap no gold difference without the checks; the budget is 8 in all
    assert len(polarity_findings(result)) <= 6


@pytest.mark.xfail(
    strict=True,
    reason="known gap: the sample's inverted negation is negated on both sides ('nicht im "
    "klaren' / 'ne sera pas obscur'): the meaning moved into 'obscur', which no negation "
    "lexicon sees",
)
def test_the_sample_pairs_inverted_negation_is_reported():
    source = load_article(SAMPLE / "ultraman-musk.de.txt")
    result = compare(
        source,
        load_article(SAMPLE / "ultraman-musk.fr.txt"),
        options=CompareOptions(scorer="lexical", tuning=CHECKS_ON),
    )
    flagged = [source.paragraphs[f.source.paragraph].text for f in polarity_findings(result)]
    assert any("nicht im klaren" in text for text in flagged)
