"""Findings on small hand-made article pairs."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from small_pair import DE, FR

from tui.engine.detect.quotes import analyse_quotes
from tui.engine.model import Article, CompareOptions, FindingKind, Side, Span
from tui.engine.pipeline import compare
from tui.engine.scoring.registry import semantic_available
from tui.engine.text.load import article_from_text
from tui.engine.text.segment import split_sentences
from tui.engine.tuning import overridden


def run(source: str, target: str):
    options = CompareOptions(scorer="lexical", source_lang="de", target_lang="fr")
    return compare(
        article_from_text(source, language="de"),
        article_from_text(target, language="fr"),
        options=options,
    )


@pytest.mark.xfail(
    strict=True,
    reason="known gap: the lexical scorer folds a short added paragraph with no anchors into a "
    "1-2 link (issue 2 stays open on omission recall)",
)
def test_a_paragraph_only_in_the_target_is_flagged_there():
    added = "Un paragraphe ajouté sans équivalent aucun."
    result = run("\n\n".join(DE), "\n\n".join([FR[0], added, *FR[1:]]))
    kinds = [(f.kind, f.side, f.location(f.side).paragraph) for f in result.findings]
    assert (FindingKind.PARAGRAPH_ONLY_IN_TARGET, Side.TARGET, 1) in kinds
    assert all(len(link.source) == 1 for link in result.links if link.source)


def test_a_changed_number_is_a_number_mismatch_with_its_span():
    result = run("\n\n".join(DE), "\n\n".join([FR[0], FR[1], FR[2], FR[3].replace("150", "160")]))
    numbers = [f for f in result.findings if f.kind is FindingKind.NUMBER_MISMATCH]
    held = {
        (
            f.side,
            result.article(f.side)
            .paragraphs[f.location(f.side).paragraph]
            .text[f.location(f.side).start : f.location(f.side).end],
        )
        for f in numbers
    }
    assert held == {(Side.SOURCE, "150"), (Side.TARGET, "160")}


def test_number_words_satisfy_digits():
    result = run(
        "Nur drei der elf Gründer sind geblieben, sagte er gestern.",
        "Seuls trois des 11 fondateurs sont restés, a-t-il dit hier.",
    )
    assert not [f for f in result.findings if f.kind is FindingKind.NUMBER_MISMATCH]


@pytest.mark.parametrize(
    ("languages", "source", "target", "flagged"),
    [
        # a number word changed into another: both are flagged, each in its own version
        ("en de", "We visited the three northern islands.", "Wir besuchten die vier Inseln.",
         {("source", "three"), ("target", "vier")}),
        ("en de", "We visited the three northern islands.", "Wir besuchten die drei Inseln.",
         set()),
        ("en de", "We visited the three northern islands.", "Wir besuchten die 4 Inseln.",
         {("source", "three"), ("target", "4")}),
        # a number word with nothing changed across stays quiet (the translator may have
        # written "die Brücken") ...
        ("de fr", "Die sieben Brücken der Stadt sind alt.", "Les ponts de la ville sont vieux.",
         set()),
        # ... "neuf" (new) is never read as nine, even next to a changed number ...
        ("fr de", "Le bâtiment neuf abrite 40 bureaux.", "Das neue Gebäude hat 45 Büros.",
         {("source", "40"), ("target", "45")}),
        # ... a word is read as a number only in its own language ("elf" in English) ...
        ("en de", "An elf met 3 dwarves.", "Ein Kobold traf 4 Zwerge.",
         {("source", "3"), ("target", "4")}),
        # ... one number across is matched once: the digit 3 takes the 3, "drei" is left
        ("de fr", "3 Äpfel und drei Birnen.", "3 pommes et quatre poires.",
         {("source", "drei"), ("target", "quatre")}),
        # ... a number in several words is read whole, never a part of it alone; the "cent"
        # of "pour cent" is no hundred
        ("de fr", "18 Gäste und 4 Kinder.", "dix-huit invités et 5 enfants.",
         {("source", "4"), ("target", "5")}),
        ("de fr", "3000 Einwohner.", "trois mille habitants.", set()),
        ("de fr", "3000 Einwohner.", "quatre mille habitants.",
         {("source", "3000"), ("target", "quatre mille")}),
        ("de fr", "20 Prozent auf 5 Euro.", "20 pour cent sur 6 euros.",
         {("source", "5"), ("target", "6")}),
    ],
)  # fmt: skip
def test_number_words_are_compared_with_each_other(languages, source, target, flagged):
    source_lang, target_lang = languages.split()
    result = compare(
        article_from_text(source, language=source_lang),
        article_from_text(target, language=target_lang),
        options=CompareOptions(scorer="lexical", source_lang=source_lang, target_lang=target_lang),
    )
    found = set()
    for f in result.findings:
        if f.kind is FindingKind.NUMBER_MISMATCH:
            where = f.location(f.side)
            text = result.article(f.side).paragraphs[where.paragraph].text
            found.add((f.side.value, text[where.start : where.end]))
    assert found == flagged


def test_identical_paragraph_is_untranslated():
    result = run("\n\n".join(DE), "\n\n".join([FR[0], DE[1], FR[2], FR[3]]))
    untranslated = [f for f in result.findings if f.kind is FindingKind.UNTRANSLATED]
    assert [f.target.paragraph for f in untranslated] == [1]


def test_an_identical_subtitle_timecode_is_not_untranslated():
    """A new user's subtitles: a block of number, timecode and a name reads the same in
    both versions, and nothing was left untranslated."""
    block = "78 00:02:34,000 --> 00:02:36,000 Clara?"
    result = run("\n\n".join([*DE, block]), "\n\n".join([*FR, block]))
    assert not [f for f in result.findings if f.kind is FindingKind.UNTRANSLATED]


def test_an_identical_language_menu_is_not_untranslated():
    """The sample pair's site menu of language names is the same in both versions and in
    neither's language: nothing was left untranslated there."""
    menu = "한어Русский языкEnglishFrançaisIndonesianSanskrit日本語DeutschPortuguêsΕλληνικά"
    result = run("\n\n".join([*DE, menu]), "\n\n".join([*FR, menu]))
    assert not [f for f in result.findings if f.kind is FindingKind.UNTRANSLATED]


@pytest.mark.parametrize(
    ("text", "stray"),
    [
        ("er sagte: „ja.“ und ging", []),  # German pair
        ("il dit : « oui » et partit", []),  # French pair
        ('he said "yes" and left', []),  # ASCII pair
        ("war der kritische punkt erreicht.“", [33]),  # closing mark with no opening one
        ("« les produits ne sont possibles", [0]),  # opened, never closed
        ("他说：「我们走吧。」然后离开了", []),  # Chinese corner brackets
        ("彼は『雪国』を読んだ。「まだ", [11]),  # Japanese: the last bracket never closes
        # Swedish and Finnish open with the closing marks (a fifth trial's faithful Swedish
        # pair drew four quotation findings)
        ("Hon sa: ”Vi är nöjda” och gick", []),
        ("Hon sa: »Vi är nöjda» och gick", []),
        ("Hon sa: ”Vi är nöjda och gick", [8]),
    ],
)
def test_quote_pairing(text, stray):
    assert analyse_quotes(text).stray == stray


def _quote_messages(source: str, target: str) -> list[str]:
    return sorted(
        f.message.split(":")[0]
        for f in run(source, target).findings
        if f.kind is FindingKind.QUOTE_MISMATCH
    )


def test_a_quotation_closed_early_on_one_side_and_never_on_the_other_flags_both():
    """The sample's Paul Graham paragraph: the German closes the quotation after the first
    sentence and has a stray closing mark later; the French opens « and never closes it."""
    source = "Er sagte: „Manche hören auf, wenn sie reich sind.“ Dass er Macht liebt.“"
    target = "Il a dit : « Certains s'arrêtent une fois riches. Qu'il aime le pouvoir."
    assert _quote_messages(source, target) == [
        "Unbalanced quotation mark « in the target",
        "Unbalanced quotation mark “ in the source",
    ]


def test_a_quotation_dropped_beside_a_faithfully_unclosed_one_is_still_reported():
    source = "Er schrieb: „Das ist wahr. Sie rief „Hilfe!“ und lief davon."
    target = "Il écrivit : « C'est vrai. Elle s'enfuit en courant."
    assert _quote_messages(source, target) == ["Quotation only in the source"]


def _quote_findings(source: str, target: str) -> list[str]:
    return [f.message for f in run(source, target).findings if f.kind is FindingKind.QUOTE_MISMATCH]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # A new user's trial: Jin Yong in Chinese, Minford's English in single quotes.
        (
            "钱老板道：“这是沐王府的郡主。”韦小宝道：“妙计，妙计！”",
            "'This is the Mu Family's Little Countess,' said Butcher Qian. "
            "'Brilliant!' said Trinket.",
        ),
        ("„Das ist gut“, sagte er.", "'That is good,' he said."),
        ("„Das ist gut“, sagte er.", "‘That is good,’ he said."),
    ],
)
def test_english_single_quotes_are_quotation_marks(source, target):
    assert _quote_findings(source, target) == []


def test_apostrophes_are_not_quotation_marks():
    text = "'Rock 'n' roll is back in the '90s, it's Achilles' heel,' he said."
    assert analyse_quotes(text).quotations == [Span(0, text.index(" he said"))]
    assert analyse_quotes(text).stray == []


def test_a_term_quoted_by_the_translator_is_no_missing_quotation():
    """A new user's en-de trial: 10 of 12 findings were terms the German put in marks."""
    source = (
        "One Labour AM said his group was concerned it rhymes with Twp and Pwp. "
        "Some AMs want the title MWP, as the assembly becomes the Welsh Parliament."
    )
    target = (
        "Ein Labour-Abgeordneter sagte, seine Fraktion fürchte, es reime sich auf ‚Twp‘ und "
        "‚Pwp‘. Einige wollen den Titel „MWP“, da die Versammlung „Welsh Parliament“ wird."
    )
    assert _quote_findings(source, target) == []


def test_a_dropped_quotation_is_reported_with_its_own_marks():
    source = "„Wir geben den Kampf um unsere Stadt nicht auf“, sagte der Bürgermeister am Montag."
    target = "Der Bürgermeister sprach am Montag über die Stadt."
    assert _quote_findings(source, target) == [
        "Quotation only in the source: „Wir geben den Kampf um unsere Stadt nicht auf“"
    ]


def test_a_dropped_english_single_quoted_sentence_is_reported():
    source = "'We will not give up the fight for our town,' the mayor said on Monday."
    target = "市长周一谈到了这座城镇的情况。"
    assert _quote_findings(source, target) == [
        "Quotation only in the source: 'We will not give up the fight for our town,'"
    ]


def test_a_quotation_interrupted_by_its_speech_tag_is_one_quotation():
    source = '"So now we have the Little Countess," said Trinket, "what are we to do with her?"'
    target = "韦小宝道：“咱们拿到了小郡主，却又怎样？”"
    assert _quote_findings(source, target) == []


def test_a_quotation_split_around_its_speech_tag_adds_no_missing_one():
    """Minford's English splits Jin Yong's one quotation in two around "he asked softly"."""
    source = "韦小宝低声问道：“这小姑娘是谁？你带她来干什么？”钱老板道：“这是沐王府的郡主。”"
    target = (
        "'Who is this girl?' he asked softly. 'Why have you brought her here?' "
        "'She's the Little Countess,' said Butcher Qian."
    )
    assert _quote_findings(source, target) == []


def test_the_same_unpaired_mark_on_both_sides_is_no_difference():
    source = "Er sagte: „Manche hören auf, wenn sie reich sind. Dass er Macht liebt."
    target = "Il a dit : « Certains s'arrêtent une fois riches. Qu'il aime le pouvoir."
    assert _quote_messages(source, target) == []


def test_finding_ids_are_stable_when_unrelated_text_changes():
    base = run("\n\n".join(DE), "\n\n".join([FR[0], FR[1], FR[2], FR[3].replace("150", "160")]))
    edited_fr = [FR[0].replace("camp", "camp de base"), FR[1], FR[2], FR[3].replace("150", "160")]
    edited = run("\n\n".join(DE), "\n\n".join(edited_fr))
    ids = lambda r: {f.id for f in r.findings if f.kind is FindingKind.NUMBER_MISMATCH}  # noqa: E731
    assert ids(base) == ids(edited)
    assert ids(base)


def _findings_in_one_link(
    source, target, beads, scorer=None, *, link=None, params=None, tuning=None
):
    """``find_all`` over one link (the first paragraphs unless ``link`` says otherwise) that
    holds every sentence of its paragraphs, aligned as ``beads``."""
    from tui.engine.detect.findings import FindingContext, LinkGroup, find_all
    from tui.engine.model import Link

    link = link or Link((0,), (0,), 0.9)

    def refs(article, paragraphs):
        return [(p, k) for p in paragraphs for k in range(len(article.paragraphs[p].sentences))]

    group = LinkGroup(
        link=link,
        scorer=scorer,
        beads=list(beads),
        source_refs=refs(source, link.source),
        target_refs=refs(target, link.target),
        params=params,
    )
    if tuning is None:
        return find_all(FindingContext(source, target, (link,), [group]))
    return find_all(FindingContext(source, target, (link,), [group], tuning=tuning))


class _FakeScorer:
    """What find_all asks of a scorer, with nothing to say: subclasses say one thing."""

    improbable_log_odds: float | None = None
    reads_meaning = True
    length_model = (1.0, 6.8)

    def supported_members(self, source, target):
        return [], []

    def text_log_odds(self, texts, *, source, start, end):
        return None


class _MeaningScorer(_FakeScorer):
    """A model's word on a lone sentence against its neighbour's other side: ``log_odds``;
    checks it is asked about that sentence against that side."""

    def __init__(self, log_odds: float, lone_words=("müde", "fatigué")) -> None:
        self.log_odds, self.lone_words = log_odds, lone_words

    def text_log_odds(self, texts, *, source, start, end):
        import numpy as np

        assert (start, end) == (0, 1)  # the neighbouring bead's other side
        assert len(texts) == 1
        assert any(word in texts[0] for word in self.lone_words)
        return np.array([self.log_odds])


def _lone_sentence_findings(lone_side, scorer, params=None, neighbour_score=3.0, tuning=None):
    from tui.engine.align.dp import Bead

    one = ("Der Hund schläft im Garten.", "Le chien dort au jardin.")
    two = (
        "Der Hund schläft im Garten. Der Hund ist heute sehr müde.",
        "Le chien dort au jardin. Le chien est très fatigué ce soir.",
    )
    source_text = (two if lone_side is Side.SOURCE else one)[0], "de"
    target_text = (one if lone_side is Side.SOURCE else two)[1], "fr"
    source = article_from_text(source_text[0], language=source_text[1])
    target = article_from_text(target_text[0], language=target_text[1])
    lone = (
        Bead((1,), (), float("nan")) if lone_side is Side.SOURCE else Bead((), (1,), float("nan"))
    )
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((0,), (0,), neighbour_score), lone],
        scorer,
        params=params,
        tuning=tuning,
    )
    kind = (
        FindingKind.SENTENCE_ONLY_IN_SOURCE
        if lone_side is Side.SOURCE
        else FindingKind.SENTENCE_ONLY_IN_TARGET
    )
    return [f for f in findings if f.kind is kind]


@pytest.mark.parametrize("lone_side", [Side.SOURCE, Side.TARGET])
@pytest.mark.parametrize(("log_odds", "flagged"), [(-5.0, True), (-1.0, False), (2.0, False)])
def test_a_lone_sentence_is_flagged_when_its_meaning_is_9_to_1_against_its_neighbour(
    lone_side, log_odds, flagged
):
    # log-odds -5: far more likely not a translation of the neighbour (flagged); -1 or +2:
    # the aligner's doubt or a translation its bead shapes could not place (not flagged);
    # the meaning alone (the link's lengths are weighed in the next test)
    meaning_only = overridden({"detection.lone_length": False})
    found = _lone_sentence_findings(lone_side, _MeaningScorer(log_odds), tuning=meaning_only)
    assert bool(found) is flagged
    if flagged:
        assert found[0].confidence == pytest.approx(1 / (1 + math.exp(log_odds)), abs=1e-3)
        assert f"{log_odds:+.1f} log-odds" in found[0].why  # the evidence, said in words


@pytest.mark.parametrize("lone_side", [Side.SOURCE, Side.TARGET])
def test_a_lone_sentence_s_meaning_and_its_link_s_lengths_add_up(lone_side):
    # meaning -1 (under the bar alone), but without the lone sentence the link's lengths
    # match the document's ratio (1:1) and with it one side is twice as long: flagged
    found = _lone_sentence_findings(lone_side, _MeaningScorer(-1.0))
    assert found
    assert "the link's lengths" in found[0].why
    # where the lengths say nothing (a length model of huge spread), the meaning alone decides
    loose = _MeaningScorer(-1.0)
    loose.length_model = (1.0, 1e6)
    assert not _lone_sentence_findings(lone_side, loose)


class _LoneMeaningScorer(_MeaningScorer):
    """``_MeaningScorer``'s word on the lone sentence; the same log-odds for every cut of the
    long sentence that partial.py asks about (no cut gains)."""

    def text_log_odds(self, texts, *, source, start, end):
        import numpy as np

        if len(texts) > 1:
            return np.full(len(texts), self.log_odds)
        return super().text_log_odds(texts, source=source, start=start, end=end)


def test_a_lone_sentence_shorter_than_its_link_s_length_spread_carries_no_length_evidence():
    """A link already far off the length model (a long sentence facing a short one) makes any
    lone sentence look extra by length; one shorter than a spread of the link's length
    deviation (12 characters against about 20) moves it by noise and gets no length evidence:
    its meaning (-1, under the bar) decides. Counted, its length would add about 1.6 log-odds
    and flag it (the false speech tags of de-ja)."""
    from tui.engine.align.dp import Bead

    source = article_from_text(
        "Der Hund schläft heute den ganzen langen Nachmittag im großen grünen Garten hinter "
        "dem alten Haus. Er ist müde.",
        language="de",
    )
    target = article_from_text("Le chien dort.", language="fr")
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((0,), (0,), 3.0), Bead((1,), (), float("nan"))],
        _LoneMeaningScorer(-1.0, lone_words=("müde",)),
    )
    assert not [f for f in findings if f.kind is FindingKind.SENTENCE_ONLY_IN_SOURCE]


class _SplitPartScorer(_FakeScorer):
    """A model that finds the lone sentence unlike its neighbour's other side on its own
    (``alone``, a fragment the other version runs into a longer sentence), and the
    neighbour's side without and with it ``joined`` (two texts asked at once); a document
    whose lengths agree closely (a spread of 2 characters per character)."""

    length_model = (1.0, 2.0)

    def __init__(self, alone: float, joined: tuple[float, float]) -> None:
        self.alone, self.joined = alone, joined

    def text_log_odds(self, texts, *, source, start, end):
        import numpy as np

        assert (start, end) == (0, 1)  # the neighbouring bead's other side
        if len(texts) == 2:
            assert texts[1] == f"{texts[0]} Il est très fatigué ce soir."  # in the text's order
            return np.array(self.joined)
        return np.array([self.alone] * len(texts))


@pytest.mark.parametrize(
    ("source_text", "joined", "flagged"),
    [
        # the German runs both French sentences into one: the neighbouring bead's lengths
        # (51 characters against 24) want the lone French sentence, and the model does not
        # object to it joining (+1 -> +3 log-odds): the alignment's slip, not reported
        ("Der Hund schläft im Garten und ist heute sehr müde.", (1.0, 3.0), False),
        # the same lengths, but the model finds the bead's side with it 9 to 1 worse a
        # translation (+6 -> +2): the neighbour's own looseness, the lone sentence reported
        ("Der Hund schläft im Garten und ist heute sehr müde.", (6.0, 2.0), True),
        # a real omission between faithful links: joining it makes the neighbour's lengths
        # (27 against 24) unlikelier, so it is reported whatever the joined text reads
        ("Der Hund schläft im Garten.", (1.0, 3.0), True),
    ],
)
def test_a_lone_sentence_a_neighbouring_bead_s_lengths_want_is_its_missing_part(
    source_text, joined, flagged
):
    from tui.engine.align.dp import Bead

    source = article_from_text(source_text, language="de")
    target = article_from_text(
        "Le chien dort au jardin. Il est très fatigué ce soir.", language="fr"
    )
    lone = [Bead((0,), (0,), 3.0), Bead((), (1,), float("nan"))]
    findings = _findings_in_one_link(source, target, lone, _SplitPartScorer(-5.0, joined))
    found = [f for f in findings if f.kind is FindingKind.SENTENCE_ONLY_IN_TARGET]
    assert bool(found) is flagged
    if flagged:
        assert "fatigué" in found[0].message
    # with the check off, the meaning alone (-5) reports it in every case
    off = overridden({"detection.lone_neighbour_lengths": False})
    findings = _findings_in_one_link(
        source, target, lone, _SplitPartScorer(-5.0, joined), tuning=off
    )
    assert [f for f in findings if f.kind is FindingKind.SENTENCE_ONLY_IN_TARGET]


class _TableScorer(_FakeScorer):
    """No model; scores spans from a table (the neighbour with the lone sentence joined);
    a span not in it is no translation (-20 log-odds: the beads a re-alignment around a
    lone sentence tries, detect/one_sided._shift, that a test does not care about)."""

    def __init__(self, scores) -> None:
        self.scores = scores

    def score(self, a0, a1, b0, b1):
        import numpy as np

        spans = zip(a0.tolist(), a1.tolist(), b0.tolist(), b1.tolist(), strict=True)
        return np.array([self.scores.get(span, -20.0) for span in spans])


@pytest.mark.parametrize(("joined_score", "flagged"), [(3.0, False), (-2.0, True)])
def test_without_a_model_a_lone_sentence_is_flagged_when_joining_it_costs_9_to_1(
    joined_score, flagged
):
    from tui.engine.align.dp import AlignParams

    # joining costs (prior 1.5 - joined) - (prior 0 - neighbour 3.0 + skip 3.5) = 1 - joined:
    # -2.0 for a joined bead as good as its neighbour alone, 3.0 (> log 9) for one far worse
    params = AlignParams()
    found = _lone_sentence_findings(
        Side.TARGET, _TableScorer({(0, 1, 0, 2): joined_score}), params=params
    )
    assert bool(found) is flagged


def test_a_lone_sentence_that_is_a_whole_paragraph_is_a_paragraph_only_finding():
    """One line per paragraph, a line dropped: the link carries two source paragraphs for one
    target paragraph, and the lone one is reported as a paragraph, not a sentence."""
    from tui.engine.align.dp import Bead
    from tui.engine.model import Link

    source = article_from_text(
        "Sie dankte dem alten Mann viele Male.\n\nVon da an besuchte ihn das Mädchen jede Woche.",
        language="de",
    )
    target = article_from_text(
        "Dès lors, la fille lui rendit visite chaque semaine.", language="fr"
    )
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((0,), (), float("nan")), Bead((1,), (0,), 4.0)],
        _MeaningScorer(-5.0, lone_words=("dankte",)),
        link=Link((0, 1), (0,), 0.9),
    )
    [finding] = [f for f in findings if f.kind.is_omission]
    assert finding.kind is FindingKind.PARAGRAPH_ONLY_IN_SOURCE
    assert finding.source.paragraph == 0
    assert finding.message.startswith("Paragraph only in the source")
    assert (finding.source.start, finding.source.end) == (0, len(source.paragraphs[0].text))


def test_two_dropped_lines_in_one_link_are_reported_each_in_its_paragraph():
    """A link of three one-line paragraphs facing one: both lines with no counterpart are
    flagged, each in its own paragraph (a run of lone sentences used to be cut at the first
    paragraph's end)."""
    from tui.engine.align.dp import Bead
    from tui.engine.model import Link

    source = article_from_text(
        "Die Katze frisst einen Fisch.\n\nEs regnet heute am hohen Berg.\n\n"
        "Der Wind weht kalt über das Tal.",
        language="de",
    )
    target = article_from_text("Le chat mange un poisson.", language="fr")
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((0,), (0,), 3.0), Bead((1,), (), float("nan")), Bead((2,), (), float("nan"))],
        None,
        link=Link((0, 1, 2), (0,), 0.9),
    )
    flagged = sorted(f.source.paragraph for f in findings if f.kind.is_omission)
    assert flagged == [1, 2]


_ANIMALS = (
    ("Hund", "chien"),
    ("Katze", "chat"),
    ("Vogel", "oiseau"),
    ("Fisch", "poisson"),
    ("Pferd", "cheval"),
    ("Kuh", "vache"),
    ("Ziege", "chèvre"),
    ("Schaf", "mouton"),
    ("Esel", "âne"),
)


def _nine_sentence_pair(fifth_french: str | None = None):
    """A German and a French paragraph of nine sentences, each translating the other's
    (the fifth French one replaced by ``fifth_french`` if given)."""
    source = article_from_text(
        " ".join(f"Der {w} schläft heute im Garten." for w, _ in _ANIMALS), language="de"
    )
    french = [f"Le {m} dort au jardin aujourd'hui." for _, m in _ANIMALS]
    if fifth_french is not None:
        french[4] = fifth_french
    return source, article_from_text(" ".join(french), language="fr")


class _ThresholdScorer(_FakeScorer):
    """Trusts no bead scored below ``improbable_log_odds``."""

    def __init__(self, improbable_log_odds: float | None) -> None:
        self.improbable_log_odds = improbable_log_odds


@pytest.mark.parametrize("calls_improbable", [True, False])
def test_both_sides_of_an_improbable_bead_are_reported_instead_of_a_weak_link(calls_improbable):
    """Nine 1-1 beads, the fifth scored -5: a scorer that calls that improbable gets both of
    its sentences reported as one-sided (a sentence dropped on each side, paired because
    that is cheaper than two skips); one whose low scores say nothing gets a weak link."""
    from tui.engine.align.dp import Bead

    source, target = _nine_sentence_pair()
    assert len(source.paragraphs[0].sentences) == len(target.paragraphs[0].sentences) == 9
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((k,), (k,), -5.0 if k == 4 else 4.0) for k in range(9)],
        _ThresholdScorer(-3.0 if calls_improbable else None),
    )
    fifth = {
        side: article.paragraphs[0].sentences[4]
        for side, article in ((Side.SOURCE, source), (Side.TARGET, target))
    }
    one_sided = {
        (f.side, f.location(f.side).start, f.location(f.side).end)
        for f in findings
        if f.kind.is_omission or f.kind.is_insertion
    }
    weak = [f for f in findings if f.kind is FindingKind.WEAK_LINK]
    if calls_improbable:
        assert one_sided == {(side, span.start, span.end) for side, span in fifth.items()}
        assert not weak
        assert all("improbable" in f.message for f in findings)
        # the scorer's bar: the document's floor (median 4, no spread) is higher
        assert all("(improbable below -3.0)" in f.why for f in findings)
    else:
        assert not one_sided
        assert [(f.target.start, f.target.end) for f in weak] == [
            (fifth[Side.TARGET].start, fifth[Side.TARGET].end)
        ]


def test_a_larger_bead_far_under_its_kind_is_a_weak_link():
    """A sixth trial's novel-zh-en: a clause deleted from a Chinese sentence translated by
    two English ones left a 1-2 bead at -4.4 log-odds among 1-2 beads at 3.4 to 8.5, and
    nothing said so. Nine 1-2 beads, the fifth scored -5: a weak link over both of its
    English sentences; the others, judged against their own kind, none."""
    from tui.engine.align.dp import Bead

    source, _ = _nine_sentence_pair()
    target = article_from_text(
        " ".join(f"Le {m} dort. Il est au jardin." for _, m in _ANIMALS), language="fr"
    )
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((k,), (2 * k, 2 * k + 1), -5.0 if k == 4 else 4.0 + k / 10) for k in range(9)],
        _ThresholdScorer(None),
    )
    weak = [f for f in findings if f.kind is FindingKind.WEAK_LINK]
    sentences = target.paragraphs[0].sentences
    assert [(f.target.start, f.target.end) for f in weak] == [
        (sentences[8].start, sentences[9].end)
    ]
    assert not [f for f in findings if f.kind.is_omission or f.kind.is_insertion]


class _ImprobableWithAStrayMember(_ThresholdScorer):
    """Calls beads below -3 improbable."""

    def __init__(self) -> None:
        super().__init__(-3.0)

    def score(self, a0, a1, b0, b1):
        import numpy as np

        return np.zeros(len(a0))


def test_a_sentence_is_reported_once_when_its_whole_side_is_reported_too():
    from tui.engine.align.dp import Bead

    source = article_from_text(
        "Der Hund schläft dort. Die Katze frisst Fisch. Es regnet am Berg heute.", language="de"
    )
    target = article_from_text("Le chien dort là-bas aujourd'hui.", language="fr")
    findings = _findings_in_one_link(
        source, target, [Bead((0, 1, 2), (0,), -4.0)], _ImprobableWithAStrayMember()
    )
    spans = sorted(
        (f.side.value, f.location(f.side).start, f.location(f.side).end) for f in findings
    )
    whole = len(source.paragraphs[0].text)
    assert spans == [("source", 0, whole), ("target", 0, len(target.paragraphs[0].text))]


def test_no_weak_link_on_a_pair_whose_source_sentence_is_reported():
    """The target sentence of an improbable pair is too short to report (two words), the
    source sentence is reported: a weak link on the same pair would say it again."""
    from tui.engine.align.dp import Bead

    source, target = _nine_sentence_pair(fifth_french="Pas vraiment.")
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((k,), (k,), -5.0 if k == 4 else 4.0) for k in range(9)],
        _ThresholdScorer(-3.0),
    )
    assert [f.side for f in findings if f.kind.is_omission] == [Side.SOURCE]
    assert not [f for f in findings if f.kind is FindingKind.WEAK_LINK]


CITY = [
    "The city of Tomsk was founded in 1604. It stands on the banks of the Tom River in "
    "western Siberia.",
    "Tomsk is often called the Siberian Athens. The city has six universities and many "
    "research institutes.",
    "In winter the temperature can drop to minus forty degrees. Nevertheless, students walk "
    "to lectures every morning.",
    "The old town is famous for its wooden houses. Many of them are decorated with carved "
    "window frames.",
    "A new tram line was opened last year. It connects the railway station with the "
    "university campus.",
    "The local theatre presents plays by Chekhov and Gogol. Tickets are cheap and "
    "performances are often sold out.",
    "Visitors should try the local pine nuts. They are sold at every market in the city.",
]
CITY_RU = [
    "Город Томск был основан в 1604 году. Он стоит на берегу реки Томь в Западной Сибири.",
    "Томск часто называют сибирскими Афинами. В городе шесть университетов и много "
    "научно-исследовательских институтов.",
]


def test_a_target_left_mostly_in_the_source_language_is_a_partly_translated_article():
    """Two paragraphs translated into Russian, five left in English: the target reads as
    English overall, but it is no revision of the source (which has no Russian at all)."""
    source = article_from_text("\n\n".join(CITY))
    target = article_from_text("\n\n".join(CITY_RU + CITY[2:]))
    assert source.language == target.language == "en"
    result = compare(source, target, options=CompareOptions(scorer="lexical"))
    assert result.target.language == "ru"
    untranslated = [
        f.target.paragraph for f in result.findings if f.kind is FindingKind.UNTRANSLATED
    ]
    assert untranslated == [2, 3, 4, 5, 6]
    assert any("partly in ru" in w for w in result.warnings)
    # the user's word decides: --target-lang en makes it a revision again
    stated = compare(source, target, options=CompareOptions(scorer="lexical", target_lang="en"))
    assert not [f for f in stated.findings if f.kind.value == "untranslated"]


def test_two_revisions_in_one_language_stay_revisions():
    source = article_from_text("\n\n".join(CITY))
    edited = [
        *CITY[:5],
        "The local theatre presents plays by Chekhov. Tickets are cheap.",
        *CITY[6:],
    ]
    result = compare(
        source, article_from_text("\n\n".join(edited)), options=CompareOptions(scorer="lexical")
    )
    assert result.target.language == "en"
    assert any("comparing two revisions" in w for w in result.warnings)


def test_a_dropped_sentence_explains_its_own_numbers_and_quotation():
    """One omission, one finding: the numbers and the quotation of a sentence reported as
    present in the source only are not reported again."""
    from tui.engine.align.dp import Bead

    source = article_from_text(
        "Der Zug fuhr ab. Er sagte: „Wir kommen um 18 Uhr mit 250 Gästen an.“ Dann regnete es.",
        language="de",
    )
    target = article_from_text("Le train partit. Puis il plut.", language="fr")
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((0,), (0,), 4.0), Bead((1,), (), float("nan")), Bead((2,), (1,), 4.0)],
        None,
    )
    assert [f.kind for f in findings] == [FindingKind.SENTENCE_ONLY_IN_SOURCE]


class _RestScorer(_FakeScorer):
    """Lengths as the length model says (one to one, variance 1), and a model that finds
    ``rest`` a far better translation of the linked sentence than anything else."""

    length_model = (1.0, 1.0)

    def __init__(self, rest: str) -> None:
        self.rest = rest

    def text_log_odds(self, texts, *, source, start, end):
        import numpy as np

        return np.array([6.0 if text == self.rest else 1.0 for text in texts])


def _headline_findings(scorer):
    from tui.engine.align.dp import Bead

    # the German headline has no full stop, so it runs into the sentence after it; the French
    # version dropped it: the two linked sentences differ in length by the headline's
    source = article_from_text(
        "Neue Brücke über den Rhein eröffnet Die Stadt hat am Montag die neue Brücke eröffnet.",
        language="de",
    )
    target = article_from_text("La ville a inauguré lundi le nouveau pont.", language="fr")
    findings = _findings_in_one_link(source, target, [Bead((0,), (0,), 3.0)], scorer)
    return source, [f for f in findings if f.kind is FindingKind.SENTENCE_ONLY_IN_SOURCE]


def test_a_headline_run_into_its_sentence_is_reported_where_the_line_ends():
    # cuts after "eröffnet" and after "Die" are alike in length: the model picks the one
    # whose rest translates the French sentence
    rest = "Die Stadt hat am Montag die neue Brücke eröffnet."
    source, [finding] = _headline_findings(_RestScorer(rest))
    text = source.paragraphs[0].text
    assert text[finding.source.start : finding.source.end] == "Neue Brücke über den Rhein eröffnet"
    assert "longer than the linked one" in finding.message
    assert "spreads from this document's ratio" in finding.why
    assert "5.0 log-odds better" in finding.why  # 6.0 for the rest against 1.0 for the whole


def test_a_long_sentence_is_not_cut_where_the_model_cannot_tell():
    # the rest translates no better than the whole (no model, or a loose translation)
    _, found = _headline_findings(_FakeScorer())
    assert not found
    _, found = _headline_findings(_RestScorer("nothing of the kind"))
    assert not found


class _VouchingScorer(_ThresholdScorer):
    """Calls beads below -3 improbable; the model finds every source sentence a translation
    of its partner (5 log-odds) and no target sentence one of anything (-5)."""

    def __init__(self) -> None:
        super().__init__(-3.0)

    def text_log_odds(self, texts, *, source, start, end):
        import numpy as np

        return np.array([5.0 if source else -5.0] * len(texts))


def test_a_side_of_an_improbable_bead_that_the_model_finds_translated_is_not_reported():
    """The fifth of nine 1-1 beads scores -5, but the model finds its source sentence
    translated by its partner 9 to 1 (the anchors and the lengths sank the score): only the
    target sentence is reported, with the evidence in words."""
    from tui.engine.align.dp import Bead

    source = article_from_text(
        " ".join(f"Der Hund {k} schläft heute im Garten." for k in range(9)), language="de"
    )
    target = article_from_text(
        " ".join(f"Le chien {k} dort au jardin aujourd'hui." for k in range(9)), language="fr"
    )
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((k,), (k,), -5.0 if k == 4 else 4.0) for k in range(9)],
        _VouchingScorer(),
    )
    one_sided = [f for f in findings if f.kind.is_omission or f.kind.is_insertion]
    assert [f.side for f in one_sided] == [Side.TARGET]
    span = target.paragraphs[0].sentences[4]
    assert (one_sided[0].target.start, one_sided[0].target.end) == (span.start, span.end)
    assert "-5.0 log-odds" in one_sided[0].why


class _NearbyScorer(_RestScorer):
    """``_RestScorer``, and a model that finds the headline a translation of the next
    pair's target (log-odds ``nearby``)."""

    def __init__(self, rest: str, headline: str, nearby: float) -> None:
        super().__init__(rest)
        self.headline, self.nearby = headline, nearby

    def text_log_odds(self, texts, *, source, start, end):
        import numpy as np

        if list(texts) == [self.headline]:
            return np.array([self.nearby if start == 1 else -5.0])
        return super().text_log_odds(texts, source=source, start=start, end=end)


@pytest.mark.parametrize(("nearby", "reported"), [(5.0, False), (0.5, True)])
def test_text_inside_a_sentence_that_the_next_pair_translates_is_not_reported(nearby, reported):
    """The French puts the German headline into its next sentence (the versions split their
    sentences differently): with the model 9 to 1 sure of that, nothing is missing; a
    headline the next pair only resembles is still reported."""
    from tui.engine.align.dp import Bead

    headline = "Neue Brücke über den Rhein eröffnet"
    rest = "Die Stadt hat am Montag die neue Brücke eröffnet."
    source = article_from_text(f"{headline} {rest} Es war ein Fest.", language="de")
    target = article_from_text(
        "La ville a inauguré lundi le nouveau pont. C'était une fête.", language="fr"
    )
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((0,), (0,), 3.0), Bead((1,), (1,), 3.0)],
        _NearbyScorer(rest, headline, nearby),
    )
    flagged = [
        source.paragraphs[0].text[f.source.start : f.source.end]
        for f in findings
        if f.kind is FindingKind.SENTENCE_ONLY_IN_SOURCE
    ]
    assert flagged == ([headline] if reported else [])


class _LengthsOnlyScorer(_TableScorer):
    """A scorer that reads no meaning (the lexical one's lengths and anchors), from a table."""

    reads_meaning = False


def _lone_middle_sentence(
    *, first_swap: float, second_swap: float, first: str = "Le chien dort."
) -> tuple[list, Article]:
    """Findings of target sentences 0-2 against source 0-1, the middle one left alone;
    joining it to either pair costs 3 log-odds, taking target 0's place in the first pair
    scores ``first_swap``, target 2's in the second ``second_swap``. Also the target."""
    from tui.engine.align.dp import AlignParams, Bead

    source = article_from_text("Der Hund schläft. Die Katze frisst.", language="de")
    texts = f"{first} Il est très fatigué ce soir. Le chat mange."
    target = article_from_text(texts, language="fr")
    scores = {(0, 1, 0, 2): -2.0, (1, 2, 1, 3): -2.0, (0, 1, 1, 2): first_swap}
    scores[(1, 2, 1, 2)] = second_swap
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((0,), (0,), 3.0), Bead((), (1,), float("nan")), Bead((1,), (2,), 3.0)],
        _LengthsOnlyScorer(scores),
        params=AlignParams(),
    )
    return findings, target


@pytest.mark.parametrize(("swapped_score", "flagged"), [(2.5, [0, 1]), (-5.0, [1])])
def test_without_a_model_a_lone_sentence_that_could_change_places_is_reported_with_it(
    swapped_score, flagged
):
    """Target sentences 0-2 against source 0-1, the middle one left alone. Joining it to
    either neighbour costs 3 log-odds (> log 9): it is reported. If it could take target 0's
    place in the first pair for 0.5 log-odds, lengths and anchors cannot say which of the two
    is unmatched, and both are reported as one finding; at 8 log-odds it alone is."""
    # taking target 2's place in the second pair: far worse
    findings, target = _lone_middle_sentence(first_swap=swapped_score, second_swap=-5.0)
    [finding] = [f for f in findings if f.kind is FindingKind.SENTENCE_ONLY_IN_TARGET]
    sentences = target.paragraphs[0].sentences
    assert finding.target.start == sentences[flagged[0]].start
    assert finding.target.end == sentences[flagged[-1]].end
    # the editor is told that only one of them is unmatched, and which two they are
    widened = len(flagged) == 2
    assert finding.message.startswith("One of these sentences" if widened else "Sentence")
    assert ("“Le chien dort.”" in finding.why) is widened
    assert "“Il est très fatigué ce soir.”" in finding.why or not widened


class _TailScorer(_LengthsOnlyScorer):
    """A lengths-only scorer whose ``evidence_view`` (the document's own length tail) scores
    from a second table."""

    def __init__(self, scores, tail_scores) -> None:
        super().__init__(scores)
        self.tail_scores = tail_scores

    def evidence_view(self):
        return _LengthsOnlyScorer(self.tail_scores)


@pytest.mark.parametrize(("lone_length_tail", "widened"), [(True, True), (False, False)])
def test_a_swap_is_weighed_on_the_document_s_own_length_tail(lone_length_tail, widened):
    """Target sentences 0-2 against source 0-1, the middle one left alone (joining it costs
    3 log-odds either way). Under the normal length model, taking target 0's place in the
    first pair costs 8 log-odds (3.0 -> -5.0); on the document's measured tail, where such a
    deviation is rare but no near impossibility, 1 (2.5 -> 1.5): lengths cannot tell which
    of the two is unmatched, and both are reported as one finding. The lone sentence's own
    evidence stays the normal model's: it is reported either way."""
    from dataclasses import replace

    from tui.engine.align.dp import AlignParams, Bead
    from tui.engine.detect.findings import FindingContext, LinkGroup, find_all
    from tui.engine.model import Link
    from tui.engine.tuning import Tuning

    source = article_from_text("Der Hund schläft. Die Katze frisst.", language="de")
    target = article_from_text(
        "Le chien dort. Il est très fatigué ce soir. Le chat mange.", language="fr"
    )
    joined = {(0, 1, 0, 2): -2.0, (1, 2, 1, 3): -2.0}
    scorer = _TailScorer(
        {**joined, (0, 1, 0, 1): 3.0, (1, 2, 2, 3): 3.0, (0, 1, 1, 2): -5.0, (1, 2, 1, 2): -5.0},
        {**joined, (0, 1, 0, 1): 2.5, (1, 2, 2, 3): 2.5, (0, 1, 1, 2): 1.5, (1, 2, 1, 2): -5.0},
    )
    link = Link((0,), (0,), 0.9)
    group = LinkGroup(
        link=link,
        scorer=scorer,
        beads=[Bead((0,), (0,), 3.0), Bead((), (1,), float("nan")), Bead((1,), (2,), 3.0)],
        source_refs=[(0, 0), (0, 1)],
        target_refs=[(0, 0), (0, 1), (0, 2)],
        params=AlignParams(),
    )
    tuning = Tuning()
    tuning = replace(tuning, lexical=replace(tuning.lexical, lone_length_tail=lone_length_tail))
    findings = find_all(FindingContext(source, target, (link,), [group], tuning=tuning))
    [finding] = [f for f in findings if f.kind is FindingKind.SENTENCE_ONLY_IN_TARGET]
    sentences = target.paragraphs[0].sentences
    first = 0 if widened else 1
    assert (finding.target.start, finding.target.end) == (
        sentences[first].start,
        sentences[1].end,
    )
    assert finding.message.startswith("One of these sentences" if widened else "Sentence")


@pytest.mark.parametrize(("reach", "widened"), [(3, True), (0, False)])
def test_an_omission_found_two_sentences_off_is_reported_with_the_lone_sentence(reach, widened):
    """Target sentences 0-3 against source 0-2, aligned 0-0, 1-1, target 2 alone, 2-3. No
    neighbour swap is under 9 to 1 (target 2 taking target 1's place costs 2.4 log-odds),
    but shifting both first pairs by one (0-1, 1-2) and leaving target 0 alone costs 2.0:
    lengths and anchors cannot tell which of target 0 and 2 is unmatched, so the finding
    spans target 0 to 2 and names target 0 (``lexical.lone_shift_beads``; 0: only the
    neighbours' swap is weighed, and target 2 is reported alone)."""
    from dataclasses import replace

    from tui.engine.align.dp import AlignParams, Bead
    from tui.engine.tuning import Tuning

    source = article_from_text("Der Hund schläft. Die Katze frisst. Es regnet.", language="de")
    texts = ["Le chien dort.", "Le chat mange.", "Il est très fatigué ce soir.", "Il pleut."]
    target = article_from_text(" ".join(texts), language="fr")
    # the pairs aligned now score 3.0; source 0 with target 1 3.4, source 1 with target 2
    # 0.6; every other pair (joining target 2 to a neighbour too) -20: no translation
    scorer = _LengthsOnlyScorer(
        {(0, 1, 0, 1): 3.0, (1, 2, 1, 2): 3.0, (2, 3, 3, 4): 3.0, (0, 1, 1, 2): 3.4}
        | {(1, 2, 2, 3): 0.6}
    )
    tuning = Tuning()
    tuning = replace(tuning, lexical=replace(tuning.lexical, lone_shift_beads=reach))
    nan = float("nan")
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((0,), (0,), 3.0), Bead((1,), (1,), 3.0), Bead((), (2,), nan), Bead((2,), (3,), 3.0)],
        scorer,
        params=AlignParams(),
        tuning=tuning,
    )
    [finding] = [f for f in findings if f.kind.is_insertion]
    assert finding.kind is FindingKind.SENTENCE_ONLY_IN_TARGET
    sentences = target.paragraphs[0].sentences
    first = 0 if widened else 2
    assert (finding.target.start, finding.target.end) == (sentences[first].start, sentences[2].end)
    assert finding.message.startswith("One of these sentences" if widened else "Sentence")
    assert ("move over and leave “Le chien dort.” alone instead for 2.0" in finding.why) is widened


def test_a_carried_neighbours_words_do_not_make_a_finding_graver():
    """Six one-sided words carried along with a nine-word linked sentence: the finding
    spans both, but its severity is that of six words (medium), not fifteen (high)."""
    from tui.engine.model import Severity

    first = "Le chien dort dans le jardin derrière la maison."
    findings, _ = _lone_middle_sentence(first_swap=2.5, second_swap=-5.0, first=first)
    [finding] = [f for f in findings if f.kind is FindingKind.SENTENCE_ONLY_IN_TARGET]
    assert finding.message.startswith("One of these sentences")
    assert finding.severity is Severity.MEDIUM


def test_a_run_of_lone_sentences_with_a_carried_neighbour_names_each_of_them():
    """Target sentences 0 and 1 left alone before a pair (source 0, target 2) that could
    take sentence 1 and leave target 2 alone: one finding over the three, saying that one
    of them may be linked after all, its evidence naming every sentence."""
    from tui.engine.align.dp import AlignParams, Bead

    source = article_from_text("Die Katze frisst gut.", language="de")
    texts = ["Le chien dort au jardin.", "Il est très fatigué ce soir.", "Le chat mange bien."]
    target = article_from_text(" ".join(texts), language="fr")
    # joining target 1 to the pair costs 3 log-odds (> log 9), taking target 2's place 0.5
    scorer = _LengthsOnlyScorer({(0, 1, 1, 3): -2.0, (0, 1, 1, 2): 2.5})
    nan = float("nan")
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((), (0,), nan), Bead((), (1,), nan), Bead((0,), (2,), 3.0)],
        scorer,
        params=AlignParams(),
    )
    [finding] = [f for f in findings if f.kind.is_insertion]
    assert finding.kind is FindingKind.SENTENCE_ONLY_IN_TARGET
    assert (finding.target.start, finding.target.end) == (0, len(target.paragraphs[0].text))
    assert finding.message.startswith("Sentences only in the target (one of them perhaps")
    assert all(f"“{text}”" in finding.why for text in texts)


def test_a_swap_the_scorer_cannot_score_does_not_hide_the_other_neighbour_s():
    """Target sentences 0-2 against source 0-1, the middle one left alone: taking target
    0's place in the first pair scores NaN (no number), taking target 2's in the second
    costs 0.5 log-odds: the lone sentence is reported with target 2."""
    findings, target = _lone_middle_sentence(first_swap=float("nan"), second_swap=2.5)
    [finding] = [f for f in findings if f.kind.is_insertion]
    sentences = target.paragraphs[0].sentences
    assert (finding.target.start, finding.target.end) == (sentences[1].start, sentences[2].end)
    assert "0.5 log-odds" in finding.why


@pytest.mark.parametrize(
    ("target_paragraphs", "widened"),
    [
        # the lone sentence opens the paragraph, its neighbour pair's sentence closes it
        (["Il est très fatigué ce soir. Le chat mange bien."], True),
        # the same sentences, the neighbour pair's in the next paragraph: not carried along,
        # and the lone sentence, a paragraph of its own, is a paragraph only in the target
        (["Il est très fatigué ce soir.", "Le chat mange bien."], False),
    ],
)
def test_a_lone_sentence_and_the_neighbour_it_could_change_places_with_are_no_paragraph(
    target_paragraphs, widened
):
    """A paragraph of a lone sentence and the sentence its neighbour pair could leave alone
    instead is not a paragraph only in the target (one of its sentences is linked); across
    a paragraph border the neighbour's sentence is not carried along."""
    from tui.engine.align.dp import AlignParams, Bead
    from tui.engine.model import Link

    source = article_from_text("Die Katze frisst gut.", language="de")
    target = article_from_text("\n\n".join(target_paragraphs), language="fr")
    paragraphs = tuple(range(len(target_paragraphs)))
    # joining the lone sentence to the pair costs 3 log-odds (> log 9); taking its place
    # there instead of target 1 costs 0.5
    scorer = _LengthsOnlyScorer({(0, 1, 0, 2): -2.0, (0, 1, 0, 1): 2.5})
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((), (0,), float("nan")), Bead((0,), (1,), 3.0)],
        scorer,
        link=Link((0,), paragraphs, 0.9),
        params=AlignParams(),
    )
    [finding] = [f for f in findings if f.kind.is_insertion]
    assert finding.kind is (
        FindingKind.SENTENCE_ONLY_IN_TARGET if widened else FindingKind.PARAGRAPH_ONLY_IN_TARGET
    )
    first = target.paragraphs[0]
    assert (finding.target.paragraph, finding.target.start) == (0, 0)
    assert finding.target.end == first.sentences[-1].end
    assert finding.message.startswith("One of these sentences" if widened else "Paragraph")


@pytest.mark.parametrize("unweighed", [False, True])
def test_without_a_model_a_lone_sentence_with_nothing_to_weigh_it_against_is_not_reported(
    unweighed,
):
    """Both sentences of a link left alone: no pair next to either could take it, so a scorer
    reading no meaning has no evidence either way (``lexical.lone_unweighed``)."""
    from tui.engine.align.dp import AlignParams, Bead
    from tui.engine.detect.findings import FindingContext, LinkGroup, find_all
    from tui.engine.model import Link
    from tui.engine.tuning import overridden

    source = article_from_text("Der Hund schläft heute im Garten.", language="de")
    target = article_from_text("Le chat mange un poisson ce soir.", language="fr")
    link = Link((0,), (0,), 0.9)
    group = LinkGroup(
        link=link,
        scorer=_LengthsOnlyScorer({(0, 1, 0, 1): -9.0}),
        beads=[Bead((0,), (), float("nan")), Bead((), (0,), float("nan"))],
        source_refs=[(0, 0)],
        target_refs=[(0, 0)],
        params=AlignParams(),
    )
    tuning = overridden({"lexical.lone_unweighed": unweighed})
    findings = find_all(FindingContext(source, target, (link,), [group], tuning=tuning))
    one_sided = [f for f in findings if f.kind.is_omission or f.kind.is_insertion]
    assert len(one_sided) == (2 if unweighed else 0)


def test_without_a_model_lone_sentences_in_a_run_are_reported_with_nothing_to_weigh():
    """Two source sentences left alone side by side are a dropped block even with no pair
    next to them (``lexical.lone_unweighed`` off spares them); the target sentence left
    alone after them, with no neighbour of its own side, is not reported."""
    from tui.engine.align.dp import AlignParams, Bead
    from tui.engine.detect.findings import FindingContext, LinkGroup, find_all
    from tui.engine.model import Link

    source = article_from_text(
        "Der Hund schläft heute im Garten. Die Katze frisst einen Fisch.", language="de"
    )
    target = article_from_text("Le chat mange un poisson ce soir.", language="fr")
    link = Link((0,), (0,), 0.9)
    nan = float("nan")
    group = LinkGroup(
        link=link,
        scorer=_LengthsOnlyScorer({}),
        beads=[Bead((0,), (), nan), Bead((1,), (), nan), Bead((), (0,), nan)],
        source_refs=[(0, 0), (0, 1)],
        target_refs=[(0, 0)],
        params=AlignParams(),
    )
    findings = find_all(FindingContext(source, target, (link,), [group]))
    one_sided = [f for f in findings if f.kind.is_omission or f.kind.is_insertion]
    assert [(f.side, f.source.start, f.source.end) for f in one_sided] == [
        (Side.SOURCE, 0, len(source.paragraphs[0].text))
    ]


@pytest.mark.parametrize(("fifth_score", "reported"), [(-4.0, False), (-11.0, True)])
def test_an_improbable_bead_is_judged_against_the_document_s_own_links(fifth_score, reported):
    """A loose translation whose links often score below the scorer's bar (-3): a bead there
    is the translator's freedom, not a dropped sentence, unless it is also a low outlier
    among the document's links (its weak-link floor: median 0, robust spread 2.97, 3.5
    spreads below: -10.4)."""
    from tui.engine.align.dp import Bead

    source, target = _nine_sentence_pair()
    scores = [0.0, -2.0, 2.0, -1.0, fifth_score, 1.0, -3.5, 3.0, 0.5]
    findings = _findings_in_one_link(
        source,
        target,
        [Bead((k,), (k,), score) for k, score in enumerate(scores)],
        _ThresholdScorer(-3.0),
    )
    one_sided = {
        (f.side, f.location(f.side).start)
        for f in findings
        if f.kind.is_omission or f.kind.is_insertion
    }
    fifth = {
        (side, article.paragraphs[0].sentences[4].start)
        for side, article in ((Side.SOURCE, source), (Side.TARGET, target))
    }
    assert one_sided == (fifth if reported else set())
    assert all(
        "(improbable below -10.4, this document's weak-link floor)" in f.why
        for f in findings
        if f.kind.is_omission or f.kind.is_insertion
    )


def test_a_copy_of_the_context_with_other_tuning_has_its_own_weak_link_floor():
    """The floor is computed once per context: a copy made with other thresholds
    (dataclasses.replace) must not reuse the original's."""
    from dataclasses import replace

    from tui.engine.align.dp import Bead
    from tui.engine.detect.findings import FindingContext, LinkGroup
    from tui.engine.model import Link
    from tui.engine.tuning import overridden

    link = Link((0,), (0,), 0.9)
    scores = [0.0, -2.0, 2.0, -1.0, 1.0]  # median 0, robust spread 1 * 1.4826
    group = LinkGroup(
        link=link,
        scorer=None,
        beads=[Bead((k,), (k,), score) for k, score in enumerate(scores)],
        source_refs=[(0, k) for k in range(5)],
        target_refs=[(0, k) for k in range(5)],
    )
    article = article_from_text("Der Hund schläft.", language="de")
    tuning = overridden({"detection.weak_link_min_pairs": 5, "detection.weak_link_deviations": 1})
    context = FindingContext(article, article, (link,), [group], tuning=tuning)
    assert context.weak_link_floor == pytest.approx(-1.4826)
    stricter = overridden({"detection.weak_link_min_pairs": 5, "detection.weak_link_deviations": 2})
    assert replace(context, tuning=stricter).weak_link_floor == pytest.approx(-2.9652)


@pytest.mark.parametrize("outlier", [-30.0, -5.0])
def test_a_larger_bead_is_judged_against_the_document_s_larger_beads(outlier):
    """A loose translation's 1-2 beads score lower and spread wider than its one-to-one
    links: eight 1-1 links around 5 and nine 1-2 beads around -3 (median -3, robust spread
    1.48, floor -8.2). A 1-2 bead at -5 is typical of its kind, not improbable (the 1-1
    links' floor would have called every 1-2 bead under -3 improbable); one at -30 is."""
    from tui.engine.align.dp import Bead

    names = "Anna Bert Carl Dora Emil Frida Gustav Hanna Ida Jonas Karla Ludwig Mia Nils"
    names = names + " Otto Paula Quirin Rosa Sven Tina Udo Vera Willi Xaver Yvonne Zora"
    people = names.split()
    source = article_from_text(
        " ".join(f"Heute schläft {name} lange im Garten." for name in people[:17]),
        language="de",
    )
    target = article_from_text(
        " ".join(f"Aujourd'hui {name} dort longtemps au jardin." for name in people[:26]),
        language="fr",
    )
    one_to_one = [5.0, 6.0, 4.0, 5.0, 7.0, 6.0, 5.0, 4.0]
    larger = [-2.0, -4.0, -3.0, outlier, -1.0, -3.0, -4.0, -2.0, -3.0]
    beads = [Bead((k,), (k,), score) for k, score in enumerate(one_to_one)]
    beads += [Bead((8 + j,), (8 + 2 * j, 9 + 2 * j), s) for j, s in enumerate(larger)]
    findings = _findings_in_one_link(source, target, beads, _ThresholdScorer(-3.0))
    one_sided = {
        (f.side, f.location(f.side).start)
        for f in findings
        if f.kind.is_omission or f.kind.is_insertion
    }
    fourth = {
        (Side.SOURCE, source.paragraphs[0].sentences[11].start),
        (Side.TARGET, target.paragraphs[0].sentences[14].start),
    }
    assert one_sided == (fourth if outlier == -30.0 else set())
    assert all(
        "this document's beads of more than one sentence a side" in f.why
        for f in findings
        if f.kind.is_omission or f.kind.is_insertion
    )


def test_lone_sentences_scored_ahead_give_the_findings_scored_one_by_one(monkeypatch):
    """The beads the lone-sentence detector weighs are scored ahead in one call
    (score_lone_neighbours); without that each is scored when asked: the same findings."""
    from pathlib import Path

    import tui.engine.detect.findings as findings_module
    from tui.engine.detect import one_sided

    sample = Path(__file__).resolve().parents[2] / "sample_articles" / "ultraman-musk"
    de = Path(f"{sample}.de.txt").read_text(encoding="utf-8").split("\n")
    fr = Path(f"{sample}.fr.txt").read_text(encoding="utf-8").split("\n")
    # the second sentence dropped from a few paragraphs of each side: the sentences left
    # alone across from them are weighed against their neighbours
    for lines, picked in ((de, slice(0, 6)), (fr, slice(6, 10))):
        for k in [k for k, line in enumerate(lines) if line.count(". ") >= 2][picked]:
            first, _, *rest = lines[k].split(". ")
            lines[k] = ". ".join([first, *rest])
    source, target = "\n".join(de), "\n".join(fr)
    asked: list[int] = []

    def counted(context, groups):
        one_sided.score_lone_neighbours(context, groups)
        asked.append(len(context.bead_scores))

    monkeypatch.setattr(findings_module, "score_lone_neighbours", counted)
    ahead = run(source, target).findings
    assert sum(asked) > 0  # scored ahead, not one by one
    monkeypatch.setattr(findings_module, "score_lone_neighbours", lambda context, groups: None)
    one_by_one = run(source, target).findings
    assert ahead == one_by_one
    assert any(f.kind.name.startswith("SENTENCE_ONLY") for f in ahead)


class _FoldedScorer(_FakeScorer):
    """A model that finds ``kept`` (the bead's side without its stray member) translating
    the other side ``gain`` log-odds better than the whole side, and every other text (the
    whole side, either member alone, the neighbours) at 0."""

    def __init__(self, kept: str, gain: float) -> None:
        self.kept, self.gain = kept, gain

    def text_log_odds(self, texts, *, source, start, end):
        import numpy as np

        return np.array([self.gain if text == self.kept else 0.0 for text in texts])


def _folded_findings(scorer):
    from tui.engine.align.dp import Bead

    # the French version has a sentence the German lacks, folded into a 1-2 bead
    source = article_from_text(
        "Der Zug fuhr um acht Uhr ab. Wir hatten zwei Koffer dabei.", language="de"
    )
    target = article_from_text(
        "Le train partit à huit heures. Les enfants agitaient des drapeaux rouges. "
        "Nous avions deux valises.",
        language="fr",
    )
    beads = [Bead((0,), (0, 1), 5.0), Bead((1,), (2,), 5.0)]
    return [
        f
        for f in _findings_in_one_link(source, target, beads, scorer)
        if f.kind is FindingKind.SENTENCE_ONLY_IN_TARGET
    ]


@pytest.mark.parametrize(("gain", "reported"), [(3.0, True), (1.0, False)])
def test_a_sentence_folded_into_its_neighbour_s_link_is_reported_9_to_1(gain, reported):
    # 3 log-odds better without it: over the 9-to-1 bar; 1: the aligner's split stands
    found = _folded_findings(_FoldedScorer("Le train partit à huit heures.", gain))
    assert bool(found) is reported
    if reported:
        assert "drapeaux rouges" in found[0].message
        assert "3.0 log-odds better without it" in found[0].why


def test_a_folded_sentence_needs_a_model():
    class _NoMeaning(_FoldedScorer):
        reads_meaning = False

    assert not _folded_findings(_NoMeaning("Le train partit à huit heures.", 5.0))


class _ClauseScorer(_RestScorer):
    """``_RestScorer``, and a model that finds the headline a translation of ``clause`` (text
    of the target) by ``odds`` log-odds, and of any other target text by -5."""

    def __init__(self, rest: str, clause: str, odds: float) -> None:
        super().__init__(rest)
        self.clause, self.odds = clause, odds
        self.asked: list[str] = []

    def pair_log_odds(self, text, others, *, source):
        import numpy as np

        assert source  # the headline is German text, the clauses French
        self.asked += others
        return np.array([self.odds if other == self.clause else -5.0 for other in others])


@pytest.mark.parametrize(("odds", "reported"), [(4.0, False), (1.0, True)])
def test_text_inside_a_sentence_that_a_clause_of_the_pair_before_translates_is_not_reported(
    odds, reported
):
    """The French runs the German headline into the end of the sentence before, after a
    comma ("..., le nouveau pont sur le Rhin est ouvert."): with the model 9 to 1 sure that
    this clause translates it (``detection.partial_clauses``), the versions only split their
    sentences differently; a clause the headline only resembles leaves it reported. Only
    the clauses at the near end of the pair before are asked about (the headline comes
    first in its sentence), never the pair after."""
    from tui.engine.align.dp import Bead

    headline = "Neue Brücke über den Rhein eröffnet"
    rest = "Die Stadt hat am Montag die neue Brücke eröffnet."
    clause = "le nouveau pont sur le Rhin est ouvert."
    source = article_from_text(f"Es war ein Fest. {headline} {rest} Alle kamen.", language="de")
    target = article_from_text(
        f"C'était une fête, {clause} La ville a inauguré lundi le nouveau pont. Tous, "
        "ils sont venus.",
        language="fr",
    )
    scorer = _ClauseScorer(rest, clause, odds)
    beads = [Bead((k,), (k,), 3.0) for k in range(3)]
    findings = _findings_in_one_link(source, target, beads, scorer)
    flagged = [
        source.paragraphs[0].text[f.source.start : f.source.end]
        for f in findings
        if f.kind is FindingKind.SENTENCE_ONLY_IN_SOURCE
    ]
    assert flagged == ([headline] if reported else [])
    assert scorer.asked == [clause]  # the end of "C'était une fête, ...", cut at its comma
    # with the check off, the headline is reported whatever the model says of the clause
    off = overridden({"detection.partial_clauses": False})
    findings = _findings_in_one_link(
        source, target, beads, _ClauseScorer(rest, clause, odds), tuning=off
    )
    assert [f.kind for f in findings].count(FindingKind.SENTENCE_ONLY_IN_SOURCE) == 1


def test_lone_prefetch_scores_windows_through_one_stacked_scorer_bit_for_bit():
    """score_lone_neighbours scores the spans of many window scorers (the larger links') in
    one call through their document-wide scorer's stacked windows (_shared_scorers): each
    span scores bit for bit as its own window scores it, by the window and by its evidence
    view; a focused window (a band set on it) keeps its own scorer."""
    import numpy as np

    from tui.engine.detect.one_sided import _shared_scorers
    from tui.engine.scoring.lexical import LexicalScorer

    source = [f"Im Jahr {1900 + k} stieg Bergführer {k % 7} auf {k * 37} Meter." for k in range(40)]
    target = [f"En {1900 + k}, le guide {k % 5} monta à {k * 37} mètres." for k in range(45)]
    document = LexicalScorer().prepare(source, target).calibrated([(k, k) for k in range(40)])
    blocks = [(0, 9, 0, 11), (9, 12, 11, 12), (12, 30, 12, 30), (30, 40, 30, 45)]
    windows = [document.window(*block) for block in blocks]
    focused = document.window(0, 5, 0, 5)
    focused.focus(np.zeros(5, dtype=np.int64), np.full(5, 2))
    shared = _shared_scorers([*windows, focused, windows[0]])
    assert shared[id(focused)] == (focused, 0, 0)
    stacked = {id(shared[id(window)][0]) for window in windows}
    assert len(stacked) == 1
    tails = []
    for window, (s0, s1, t0, t1) in zip(windows, blocks, strict=True):
        through, s_off, t_off = shared[id(window)]
        spans = np.array(
            [
                (i - a, i, j - b, j)
                for a in (1, 2, 3)
                for b in (1, 2, 3)
                for i in range(a, s1 - s0 + 1)
                for j in range(b, t1 - t0 + 1)
            ],
            dtype=np.int64,
        ).reshape(-1, 4)
        moved = spans + np.array([s_off, s_off, t_off, t_off])
        for mine, theirs in ((window, through), (window.evidence_view(), through.evidence_view())):
            assert theirs.score(*moved.T).tobytes() == mine.score(*spans.T).tobytes()
        tails.append(window.evidence_view().score(*spans.T) != window.score(*spans.T))
    assert np.concatenate(tails).any()  # the evidence view reads the measured tail


def test_a_sentence_is_cut_after_a_colon_only_with_clause_cuts():
    from tui.engine.detect.partial import _line_cuts
    from tui.engine.tuning import DetectionTuning

    text = "Ils avaient cru le site à l'abri des avalanches : la neige tomba toute la nuit."
    span = Span(0, len(text))
    colon = text.index(":") + 1
    off = _line_cuts(text, span, colon, DetectionTuning())
    on = _line_cuts(text, span, colon, DetectionTuning(clause_cuts=True))
    assert Span(0, colon) not in off
    assert Span(0, colon) in on
    assert Span(colon + 1, len(text)) in on
    unspaced = "他们以为营地不会遭遇雪崩：整夜都在下雪。"
    cut = unspaced.index("：") + 1
    cuts = _line_cuts(unspaced, Span(0, len(unspaced)), cut, DetectionTuning(clause_cuts=True))
    assert Span(0, cut) in cuts


def _quotes_en_pt(source: str, target: str) -> list[str]:
    result = compare(
        article_from_text(source, language="en"),
        article_from_text(target, language="pt"),
        options=CompareOptions(scorer="lexical", source_lang="en", target_lang="pt"),
    )
    return [f.message for f in result.findings if f.kind is FindingKind.QUOTE_MISMATCH]


# A new user's trial (English against Portuguese prose): dialogue written with dashes was
# reported as three quotations only in the English.
_ENGLISH_DIALOGUE = (
    "He was already pulling on his coat. His hands, she noticed, were shaking, though his "
    "voice was calm. 'Bring the rope,' he said. 'And the lantern.'\n\n"
    "'There's a boat out there,' her father said suddenly, pointing north toward the reef."
)
_PORTUGUESE_DIALOGUE = (
    "Ele já vestia o casaco. As mãos dele, ela reparou, tremiam, embora a voz estivesse "
    "calma. — Traga a corda — disse. — E o lampião.\n\n"
    "— Tem um barco lá fora — disse o pai de repente, apontando para o norte, na direção do "
    "recife."
)


def test_dialogue_dashes_stand_for_quotation_marks():
    assert _quotes_en_pt(_ENGLISH_DIALOGUE, _PORTUGUESE_DIALOGUE) == []


def test_a_quotation_the_dialogue_side_dropped_is_still_reported():
    shorter = _PORTUGUESE_DIALOGUE.replace(" — E o lampião.", "")
    assert [m.split(":")[0] for m in _quotes_en_pt(_ENGLISH_DIALOGUE, shorter)] == [
        "Quotation only in the source"
    ]


_TRIALS = Path(__file__).resolve().parents[2] / "benchmarks" / "trial_pairs"


@pytest.mark.skipif(not semantic_available(), reason="needs the semantic extra")
def test_a_dropped_two_word_heading_is_reported():
    """A new user's machine manual: "Frothing milk", dropped from the Dutch, was left alone
    inside a 2-1 link and not reported (under three words); a one-word paragraph left alone
    by the paragraph alignment was."""
    manual = _TRIALS / "manual-en-nl"
    result = compare(
        article_from_text((manual / "edited.en.txt").read_text(encoding="utf-8"), language="en"),
        article_from_text((manual / "edited.nl.txt").read_text(encoding="utf-8"), language="nl"),
        options=CompareOptions(scorer="semantic", source_lang="en", target_lang="nl"),
    )
    one_sided = [
        f.message
        for f in result.findings
        if f.kind in (FindingKind.PARAGRAPH_ONLY_IN_SOURCE, FindingKind.SENTENCE_ONLY_IN_SOURCE)
    ]
    assert "Paragraph only in the source: “Frothing milk”" in one_sided


@pytest.mark.skipif(not semantic_available(), reason="needs the semantic extra")
def test_a_dropped_subheading_folded_into_a_link_is_reported():
    """A new user's essay (German into French): the German subheading "Wer erinnert sich?"
    dropped, and a French sentence of a later paragraph too; the French "Qui se souvient ?"
    ran into a 1-3 link with the next paragraph's sentences, under the bar a sentence the
    translation splits must reach (its gain +3.0 against 5.4). A paragraph of one sentence
    is no such split: it is weighed at 9 to 1."""
    essay = _TRIALS / "essay-de-fr"
    german, french = (essay / "de.txt").read_text("utf-8"), (essay / "fr.txt").read_text("utf-8")
    heading = "Wer erinnert sich?\n\n"
    dropped = (
        "Les jeunes, les immigrés et les personnes à faible revenu y sont en revanche à "
        "peine représentés. "
    )
    assert german.count(heading) == 1
    assert french.count(dropped) == 1
    result = compare(
        article_from_text(german.replace(heading, ""), language="de"),
        article_from_text(french.replace(dropped, ""), language="fr"),
        options=CompareOptions(scorer="semantic", source_lang="de", target_lang="fr"),
    )
    one_sided = [f.message for f in result.findings if f.kind.is_insertion]
    assert any("Qui se souvient ?" in message for message in one_sided)


@pytest.mark.skipif(not semantic_available(), reason="needs the semantic extra")
def test_a_sentence_set_as_paragraphs_of_its_own_is_no_dropped_heading():
    """A review's faithful pair: one English sentence set as three German paragraphs of one
    sentence each. Each ends with a full stop, as no heading does, so the split odds of
    their 1-3 link still weigh on them: nothing is reported."""
    english = (
        "Minister resigns\n\nThe transport minister resigned on Tuesday without giving a "
        "reason, a week after his party lost its third election in a row and critics blamed "
        "his railway policy for late trains and higher fares.\n\nThe prime minister thanked "
        "him for his work.\n\nA successor will be named next week, and the favourite is the "
        "current deputy minister, who is known as a cautious manager with long experience in "
        "the ministry.\n"
    )
    german = (
        "Minister tritt zurück\n\nDer Verkehrsminister ist am Dienstag zurückgetreten, ohne "
        "einen Grund zu nennen.\n\nEine Woche zuvor hatte seine Partei die dritte Wahl in "
        "Folge verloren.\n\nKritiker machten seine Bahnpolitik für verspätete Züge und höhere "
        "Fahrpreise verantwortlich.\n\nDer Premierminister dankte ihm für seine Arbeit.\n\n"
        "Ein Nachfolger soll nächste Woche benannt werden.\n\nFavoritin ist die derzeitige "
        "stellvertretende Ministerin.\n\nSie gilt als vorsichtige Managerin mit langer "
        "Erfahrung im Ministerium.\n"
    )
    result = compare(
        article_from_text(english, language="en"),
        article_from_text(german, language="de"),
        options=CompareOptions(scorer="semantic", source_lang="en", target_lang="de"),
    )
    assert [f.message for f in result.findings if f.kind.is_insertion] == []


# A new user's trial (en-ur news): Urdu sets single quotes as a right-to-left line shows
# them, ’ opening and ‘ closing; read the other way, every English quotation was reported
# missing and the closing ‘ after "۔" split off as a sentence of its own.
URDU_QUOTED = (
    "انھوں نے کہا: ’جب ڈیزل مہنگا تھا تو کسان کھیت گیلا ہوتے ہی پمپ بند کر دیتے تھے۔ "
    "اب بہت سے کسان اسے سارا دن چلنے دیتے ہیں۔‘ وہ چاہتے ہیں کہ حکومت سبسڈی کو ڈرپ آبپاشی "
    "سے مشروط کرے۔"
)
ENGLISH_QUOTED = (
    '"When diesel was expensive, farmers switched the pump off as soon as the field was wet. '
    'Now many let it run all day." He wants the government to tie the subsidy to drip '
    "irrigation."
)


def test_urdu_mirrored_single_quotes_pair_and_close_their_sentence():
    quotations = analyse_quotes(URDU_QUOTED).quotations
    assert [URDU_QUOTED[q.start : q.end][:4] for q in quotations] == ["’جب "]
    assert URDU_QUOTED[quotations[0].end - 2 : quotations[0].end] == "۔‘"
    sentences = [URDU_QUOTED[s.start : s.end] for s in split_sentences(URDU_QUOTED)]
    assert [s[-2:] for s in sentences] == ["ے۔", "۔‘", "ے۔"]
    options = CompareOptions(scorer="lexical", source_lang="en", target_lang="ur")
    result = compare(
        article_from_text(ENGLISH_QUOTED, language="en"),
        article_from_text(URDU_QUOTED, language="ur"),
        options=options,
    )
    assert [f.message for f in result.findings if f.kind is FindingKind.QUOTE_MISMATCH] == []


def test_usual_single_quotes_in_urdu_text_are_left_as_they_are():
    text = "انھوں نے کہا: ‘جب ڈیزل مہنگا تھا۔’ وہ چاہتے ہیں۔"
    assert [text[q.start : q.end][-2:] for q in analyse_quotes(text).quotations] == ["۔’"]


def test_an_urdu_quotation_left_open_is_an_unbalanced_mark_not_a_missing_quotation():
    """A review's case: the open mirrored ’ was read unswapped when the quotations begun
    were counted, so the English quotation the Urdu holds was reported missing."""
    english = (
        "He said: “We will go tomorrow.” Then he said: “We will stay there and work.” And “then"
    )
    urdu = "انھوں نے کہا: ’ہم کل جائیں گے۔‘ پھر انھوں نے کہا: ’ہم وہاں رہیں گے اور کام کریں گے۔"
    options = CompareOptions(scorer="lexical", source_lang="en", target_lang="ur")
    result = compare(
        article_from_text(english, language="en"),
        article_from_text(urdu, language="ur"),
        options=options,
    )
    messages = [f.message for f in result.findings if f.kind is FindingKind.QUOTE_MISMATCH]
    assert len(messages) == 2
    assert all(m.startswith("Unbalanced quotation mark") for m in messages)


def test_a_list_of_names_is_no_paragraph_left_untranslated():
    """An eighth trial's minutes-nl-en: the English attendee list, mostly Dutch names, was
    guessed Dutch and reported untranslated; a Dutch paragraph left in the English still is."""
    present_nl = (
        "Aanwezig: Ingrid Bakker (voorzitter), Ruud van Dijk (penningmeester), Samira El "
        "Idrissi (secretaris, notulen), Henk de Vries, Monique Jansen, Pieter Hoekstra, Lotte "
        "Visser, Johan Mulder Afwezig met kennisgeving: Karin Smit, Dennis Bos Namens de "
        "beheerder: Erik Verhoeven (Van Loon Vastgoedbeheer)"
    )
    present_en = (
        "Present: Ingrid Bakker (chair), Ruud van Dijk (treasurer), Samira El Idrissi "
        "(secretary, minutes), Henk de Vries, Monique Jansen, Pieter Hoekstra, Lotte Visser, "
        "Johan Mulder Apologies: Karin Smit, Dennis Bos For the property manager: Erik "
        "Verhoeven (Van Loon Vastgoedbeheer)"
    )
    roof_nl = (
        "De voorzitter meldt dat het dak van het gebouw dit jaar moet worden vervangen en dat "
        "de kosten daarvan uit het reservefonds worden betaald."
    )
    roof_en = (
        "The chair reports that the roof of the building must be replaced this year and that "
        "the costs will be paid from the reserve fund."
    )
    options = CompareOptions(scorer="lexical", source_lang="nl", target_lang="en")

    def untranslated(target: str) -> list[str]:
        result = compare(
            article_from_text(f"{present_nl}\n\n{roof_nl}", language="nl"),
            article_from_text(target, language="en"),
            options=options,
        )
        return [f.message for f in result.findings if f.kind is FindingKind.UNTRANSLATED]

    assert untranslated(f"{present_en}\n\n{roof_en}") == []
    assert len(untranslated(f"{present_en}\n\n{roof_nl}")) == 1
