"""Sentence splitting: a table of cases, each with the reason it is there, plus invariants."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.text.segment import split_sentences


def sentences(text: str, language: str | None = None) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, language=language)]


CASES = [
    # (text, expected sentences, language) - one comment per case says what it guards
    # the basic case: full stop and space
    ("eins ist hier. zwei ist da.", ["eins ist hier.", "zwei ist da."], None),
    # question and exclamation marks; the text is all lowercase like the sample pair
    ("kommt er? ja! sofort.", ["kommt er?", "ja!", "sofort."], None),
    # German abbreviations never end a sentence
    (
        "das gilt z.B. für dr. müller, prof. weber, nr. 5 bzw. ca. 7 leute. dann nicht.",
        ["das gilt z.B. für dr. müller, prof. weber, nr. 5 bzw. ca. 7 leute.", "dann nicht."],
        "de",
    ),
    # spaced abbreviation from the sample: "(z. b. die einführung ... usw.). führungskräfte"
    (
        "er sagte es (z. b. die einführung von gpts usw.). führungskräfte teilten mit.",
        ["er sagte es (z. b. die einführung von gpts usw.).", "führungskräfte teilten mit."],
        "de",
    ),
    # "u.a." and "d.h." are dotted letters, not sentence ends
    (
        "es gibt u.a. äpfel, d.h. obst. dann ende.",
        ["es gibt u.a. äpfel, d.h. obst.", "dann ende."],
        None,
    ),
    # French abbreviations: "M.", "p. ex.", "etc." followed by lowercase
    (
        "m. dupont cite p. ex. nvidia, apple, etc. pourraient venir. la suite.",
        ["m. dupont cite p. ex. nvidia, apple, etc. pourraient venir.", "la suite."],
        "fr",
    ),
    # "etc." before a capital ends the sentence
    (
        "Wir haben Äpfel, Birnen etc. Dann kam er.",
        ["Wir haben Äpfel, Birnen etc.", "Dann kam er."],
        None,
    ),
    # English titles and "St."
    ("Dr. Smith met St. John. They talked.", ["Dr. Smith met St. John.", "They talked."], "en"),
    # single-letter initials (the Text+Berg dev set's author)
    (
        "von g. o. dyhrenfurth geschrieben. neu.",
        ["von g. o. dyhrenfurth geschrieben.", "neu."],
        None,
    ),
    # German ordinal date from the sample: "dem 26. september"
    (
        "am donnerstag, dem 26. september, trat sie zurück. gleichzeitig ging er.",
        ["am donnerstag, dem 26. september, trat sie zurück.", "gleichzeitig ging er."],
        "de",
    ),
    # German ordinal with no month: "im 19. jahrhundert"
    (
        "das war im 19. jahrhundert so. heute nicht.",
        ["das war im 19. jahrhundert so.", "heute nicht."],
        "de",
    ),
    # a year ends the sentence in French: "en 2024. la principale" (sample)
    (
        "les pertes atteindraient 5 milliards en 2024. la principale source.",
        ["les pertes atteindraient 5 milliards en 2024.", "la principale source."],
        "fr",
    ),
    # decimal commas and points, thousands separators
    (
        "es sind 6,5 milliarden oder 3.5 prozent und 6.000 leute. ende.",
        ["es sind 6,5 milliarden oder 3.5 prozent und 6.000 leute.", "ende."],
        None,
    ),
    # a list number opening the paragraph: "1. jiemian news" (sample)
    (
        "1. jiemian news: „zehn tesla-führungskräfte.“",
        ["1. jiemian news: „zehn tesla-führungskräfte.“"],
        "de",
    ),
    # German quotation marks: the closing “ stays with its sentence
    (
        "er sagte: „das ist gut.“ dann ging er.",
        ["er sagte: „das ist gut.“", "dann ging er."],
        "de",
    ),
    # missing space after a closing quote (sample): „ultraman sam ist littlefinger.“musk hat...
    (
        "„ultraman sam ist littlefinger.“musk hat erneut gepostet.",
        ["„ultraman sam ist littlefinger.“", "musk hat erneut gepostet."],
        "de",
    ),
    # the French version of the same, with straight quotes
    (
        '"ultraman sam est littlefinger."musk a republié.',
        ['"ultraman sam est littlefinger."', "musk a republié."],
        "fr",
    ),
    # French guillemets with spaces: the closing » belongs to the sentence before it
    (
        "il déclare : « sans les gens, openai n'a rien. » ensuite il part.",
        ["il déclare : « sans les gens, openai n'a rien. »", "ensuite il part."],
        "fr",
    ),
    # a question inside guillemets followed by lowercase continues in cased text
    ("« Quoi ? » dit-il. Puis rien.", ["« Quoi ? » dit-il.", "Puis rien."], "fr"),
    # missing space after a full stop (sample): "…anzuziehen.den verschiedenen…"
    (
        "investoren anzuziehen.den maßnahmen nach zu urteilen.",
        ["investoren anzuziehen.", "den maßnahmen nach zu urteilen."],
        "de",
    ),
    # missing space before a one-letter word (sample): "…les investisseurs.à en juger…"
    ("attirer les investisseurs.à en juger.", ["attirer les investisseurs.", "à en juger."], "fr"),
    # missing space, English word after a German one: "…vor.the information…"
    (
        "das stellte er vor.the information berichtete.",
        ["das stellte er vor.", "the information berichtete."],
        None,
    ),
    # domains are not sentence boundaries
    (
        "siehe openai.com und www.example.org/a.b heute.",
        ["siehe openai.com und www.example.org/a.b heute."],
        None,
    ),
    # file names are not sentence boundaries, before a word or a stop
    (
        "Run pixelcam photo.jpg to create photo-pixel.png.",
        ["Run pixelcam photo.jpg to create photo-pixel.png."],
        "en",
    ),
    # ... nor before a space and a lowercase word
    ("Then read config.yaml carefully.", ["Then read config.yaml carefully."], "en"),
    # ... nor before punctuation, nor with digits in the suffix
    (
        "Save data.csv, song.mp3 (or a.tar.gz) and run.ps1; then stop.",
        ["Save data.csv, song.mp3 (or a.tar.gz) and run.ps1; then stop."],
        "en",
    ),
    # one-letter suffixes, but an elision after a glued stop starts a sentence
    ("Compile main.c and util.h now.", ["Compile main.c and util.h now."], "en"),
    ("c'est la fin.c'est tout.", ["c'est la fin.", "c'est tout."], "fr"),
    # suffixes that are also words need a file-like stem or a stop after them
    ("load libssl-3.so now, or lib.so.", ["load libssl-3.so now, or lib.so."], "en"),
    ("das stellte er vor.so kam es.", ["das stellte er vor.", "so kam es."], "de"),
    # a file name followed by a genuine sentence end
    ("Open photo.jpg. Then stop.", ["Open photo.jpg.", "Then stop."], "en"),
    # URLs with dots and e-mail addresses are not either
    (
        "mehr auf https://news.example.org/x.y?z=1. oder an info@example.de schreiben.",
        ["mehr auf https://news.example.org/x.y?z=1. oder an info@example.de schreiben."],
        None,
    ),
    # tokenised text with spaces before punctuation (Text+Berg): "werden . Und"
    (
        "Das wird gemacht werden . Und dann ?  Nichts .",
        ["Das wird gemacht werden .", "Und dann ?", "Nichts ."],
        "de",
    ),
    # ... and a stop standing alone there ends a sentence even before a lowercase line
    (
        "Die Lawine hatte alle Lasten verschüttet . ebener Gletscherboden - und dann .",
        ["Die Lawine hatte alle Lasten verschüttet .", "ebener Gletscherboden - und dann ."],
        "de",
    ),
    # in cased text a lowercase word after a lowercase abbreviation continues the sentence ...
    (
        "Es kostet ca. 3 tsd. euro im jahr. Das ist viel.",
        ["Es kostet ca. 3 tsd. euro im jahr.", "Das ist viel."],
        "de",
    ),
    # ... but after a capitalised word a sentence ends even if the next one starts lowercase
    (
        "Des sanctions contre la Corée du Nord. les États-Unis insistent.",
        ["Des sanctions contre la Corée du Nord.", "les États-Unis insistent."],
        "fr",
    ),
    # a stray second full stop stays with its sentence (sample: "vision. .")
    (
        "il peut tout faire pour sa vision. . un",
        ["il peut tout faire pour sa vision. .", "un"],
        "fr",
    ),
    # an ellipsis in brackets marks an omission, not an end
    ("er sagte (...) nichts mehr. gut.", ["er sagte (...) nichts mehr.", "gut."], None),
    # an ellipsis before a capital ends the sentence
    ("Er wartete … Dann kam sie.", ["Er wartete …", "Dann kam sie."], None),
    # but not before lowercase in cased text
    ("Er wartete ... und wartete.", ["Er wartete ... und wartete."], None),
    # a unit after a number can end a sentence: "8848 m. Das ist"
    ("Der Gipfel misst 8848 m. Das ist viel.", ["Der Gipfel misst 8848 m.", "Das ist viel."], "de"),
    # but a unit followed by a number is a time or a measure that goes on: "20 h. 30"
    (
        "A 20 h. 30 ils étaient au pied. Puis rien.",
        ["A 20 h. 30 ils étaient au pied.", "Puis rien."],
        "fr",
    ),
    # only hours take minutes: after metres a number starts a new sentence
    (
        "Die Wand misst 300 m. 12 Seilschaften stiegen ein.",
        ["Die Wand misst 300 m.", "12 Seilschaften stiegen ein."],
        "de",
    ),
    # ... and a list number after a unit starts a new sentence: "6064 m. 11. Les"
    (
        "du Ronti , 6064 m. 11. Les expéditions viennent .",
        ["du Ronti , 6064 m.", "11. Les expéditions viennent ."],
        "fr",
    ),
    # a capital after a number is an initial, not a unit: "le 7 J. Brown"
    (
        "le 7 J. Brown et I. Davis . Autre chose .",
        ["le 7 J. Brown et I. Davis .", "Autre chose ."],
        "fr",
    ),
    # a closing quotation mark after the stop ends the sentence even after one letter
    (
        "au pied de l' arête W. » C' est par là .",
        ["au pied de l' arête W. »", "C' est par là ."],
        "fr",
    ),
    # ... but not after a dotted abbreviation: German capitalises the noun that follows
    ("die «S. A. C.» Hütte am Abend.", ["die «S. A. C.» Hütte am Abend."], "de"),
    # ... nor before a bracket: « I. H. E. » ( Internationale ... ) is one sentence
    (
        "wo meine « I. H. E. » ( Internationale Expedition ) lag .",
        ["wo meine « I. H. E. » ( Internationale Expedition ) lag ."],
        "de",
    ),
    # Chinese full stops need no space
    ("今天下雨。明天晴天！", ["今天下雨。", "明天晴天！"], None),
    # no letters at all: one sentence
    ("2024-09-30", ["2024-09-30"], None),
    # surrounding whitespace is not part of any sentence
    ("   eins.   zwei.  ", ["eins.", "zwei."], None),
    # a time ends its sentence before a capital (a new user's trial: one sentence before)...
    (
        "The trains run between 6 a.m. and 10 p.m. Each train has six carriages.",
        ["The trains run between 6 a.m. and 10 p.m.", "Each train has six carriages."],
        "en",
    ),
    # ... but not before a weekday or a time zone, as news writes them
    (
        "It closes at 10 p.m. Monday and reopens at 9 a.m. ET, 6 a.m. Pacific time, on Tuesday.",
        ["It closes at 10 p.m. Monday and reopens at 9 a.m. ET, 6 a.m. Pacific time, on Tuesday."],
        "en",
    ),
    # Vietnamese "TP." (thành phố, city) and titles stand before a name
    (
        "Bài của Trần Minh Anh, TP. Hồ Chí Minh. PGS. TS. Nguyễn Văn Bình cười.",
        ["Bài của Trần Minh Anh, TP. Hồ Chí Minh.", "PGS. TS. Nguyễn Văn Bình cười."],
        "vi",
    ),
]


@pytest.mark.parametrize(("text", "expected", "language"), CASES)
def test_split_sentences(text: str, expected: list[str], language: str | None) -> None:
    assert sentences(text, language) == expected


def test_empty_text_has_no_sentence() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\t ") == ()


def _check_invariants(text: str, language: str | None = None) -> None:
    spans = split_sentences(text, language=language)
    covered = [False] * len(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert not text[span.start].isspace()
        assert not text[span.end - 1].isspace()
        assert not text[previous_end : span.start].strip()  # nothing visible between sentences
        for i in range(span.start, span.end):
            covered[i] = True
        previous_end = span.end
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


def test_every_visible_character_is_in_exactly_one_sentence() -> None:
    # random strings over the characters the rules look at: the spans must tile the text
    alphabet = 'ab Z1.. !?…„“”«»"()z.B.\n'
    generator = random.Random(7)
    for _ in range(400):
        length = generator.randint(0, 60)
        _check_invariants("".join(generator.choice(alphabet) for _ in range(length)))


# Characters the rules look at, in every script they know, mixed with anything Unicode has.
_MARKS = [*list(".!?…。！？．।॥۔։።။།។؟;:„“”«»\"'’()[]「」』（）"), " ", "\n", "\xa0"]
_LETTERS = [*list("aZzBé1дЖλԱकि한日とกขเ่ລຂ"), "z.B.", "Dr", "EE", "https://x.y", "www.a.b"]
_TEXT = st.lists(
    st.one_of(st.sampled_from(_MARKS), st.sampled_from(_LETTERS), st.characters()), max_size=80
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, language=st.sampled_from([None, "de", "en", "fr", "es", "ru", "hi", "th"]))
def test_invariants_hold_on_any_text(text: str, language: str | None) -> None:
    # spans in order, not overlapping, stripped, every visible character in exactly one span
    _check_invariants(text, language)


def test_sample_pair_invariants_and_known_splits(sample_texts: dict[str, list[str]]) -> None:
    for lines in sample_texts.values():
        for line in lines:
            _check_invariants(line)
    german = sample_texts["de"]
    # the missing-space cases of the German sample are split
    joined = [s for line in german for s in sentences(line, "de")]
    assert "die umstrukturierung wird openai auch dabei helfen, investoren anzuziehen." in joined
    assert "„ultraman sam ist littlefinger.“" in joined
    # "apple und co. an dieser" is one sentence (lowercase after "co.")
    assert any("nvidia, apple und co. an dieser finanzierungsrunde" in s for s in joined)


def test_long_paragraph_stays_linear() -> None:
    # 200,000 sentences in one paragraph: a quadratic splitter would not finish in time
    text = "das ist ein satz mit 6,5 zahlen und z.B. abkürzungen. " * 200_000
    spans = split_sentences(text)
    assert len(spans) == 200_000


@pytest.fixture
def sample_texts() -> dict[str, list[str]]:
    from pathlib import Path

    folder = Path(__file__).parents[2] / "sample_articles"
    return {
        language: [
            line.strip()
            for line in (folder / f"ultraman-musk.{language}.txt").read_text("utf-8").splitlines()
            if line.strip()
        ]
        for language in ("de", "fr")
    }
