"""Loading: encodings, formats, the sample pair against the gold paragraphs, and bad input."""

from __future__ import annotations

import builtins
import codecs
import json
from pathlib import Path

import pytest

from tui.engine.errors import InputError
from tui.engine.text.load import article_from_text, decode_bytes, load_article
from tui.engine.text.markup import (
    guess_format,
    html_blocks,
    join_lines,
    markdown_blocks,
    text_blocks,
)

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "sample_articles"
GOLD = ROOT / ".." / "shared" / "gold" / "paragraphs.json"

GERMAN = "„das ist gut“, sagte er. die grüße kamen später an. übermorgen geht es weiter."


def texts(article) -> list[str]:
    return [p.text for p in article.paragraphs]


# ---------------------------------------------------------------------------- the sample pair


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not available")
@pytest.mark.parametrize("language", ["de", "fr"])
def test_sample_paragraphs_match_gold(language: str) -> None:
    gold = json.loads(GOLD.read_text("utf-8"))[f"{language}_paragraphs"]
    article = load_article(SAMPLES / f"ultraman-musk.{language}.txt")
    assert texts(article) == gold
    assert len(article.paragraphs) == {"de": 76, "fr": 78}[language]
    assert article.language == language
    assert article.encoding == "utf-8"
    assert article.warnings == ()


def test_sample_paragraphs_are_segmented_and_labelled() -> None:
    article = load_article(SAMPLES / "ultraman-musk.de.txt")
    for paragraph in article.paragraphs:
        assert paragraph.sentences, paragraph.text
        assert paragraph.sentences[0].start == 0
        assert paragraph.sentences[-1].end == len(paragraph.text)
    # "2024-09-30" has no letters: no language guessed
    assert article.paragraphs[0].text == "2024-09-30"
    assert article.paragraphs[0].language is None
    assert article.paragraphs[2].language == "de"


def test_language_override_wins() -> None:
    article = load_article(SAMPLES / "ultraman-musk.de.txt", language="nl")
    assert article.language == "nl"
    # paragraphs keep their own detected language
    assert article.paragraphs[2].language == "de"


# ---------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        # UTF-8 without and with BOM
        (GERMAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), "utf-8-sig"),
        # UTF-16 with BOM, both byte orders
        (codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"), "utf-16-be"),
        # UTF-16 without BOM: recognised by its NUL bytes
        (GERMAN.encode("utf-16-le"), "utf-16-le"),
        # UTF-32 with BOM (its LE BOM starts like UTF-16's)
        (codecs.BOM_UTF32_LE + GERMAN.encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_unicode_encodings_decode_silently(data: bytes, encoding: str) -> None:
    text, used, warnings = decode_bytes(data)
    assert text == GERMAN
    assert used == encoding
    assert warnings == ()


def test_cp1252_is_recognised_by_its_typographic_quotes(tmp_path: Path) -> None:
    path = tmp_path / "quotes.txt"
    path.write_bytes(GERMAN.encode("cp1252"))  # „ and “ are 0x84 and 0x93 in cp1252
    article = load_article(path)
    assert texts(article) == [GERMAN]
    assert article.encoding == "cp1252"
    assert any("decoded as cp1252" in w and str(path) in w for w in article.warnings)


def test_latin1_file_gives_a_warning_and_a_result(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    text = "die grüße aus köln kamen später an. übermorgen geht es weiter."
    path.write_bytes(text.encode("latin-1"))
    article = load_article(path)
    assert texts(article) == [text]
    assert article.encoding == "latin-1"
    assert any("decoded as latin-1" in w for w in article.warnings)


# A new user's trial: a Russian file saved in cp1251 was read as cp1252 ("Ó÷¸íûå"), and
# every number in it was reported as changed.
LEGACY = [
    (
        "Учёные насчитали рекордное число нерп на Байкале. "
        "По данным экспедиции, в озере живут около 140 тысяч животных.",
        ("cp1251", "koi8-r"),
    ),
    (
        "Αρχαιολόγοι ανακάλυψαν μινωικό εργαστήριο κοντά στα Χανιά. "
        "Οι ανασκαφές θα συνεχιστούν το επόμενο καλοκαίρι.",
        ("cp1253",),
    ),
    (
        "北海道の村が廃線を観光列車として復活させる。運行は来年の春に始まる予定だ。",
        ("shift_jis",),
    ),
    # cp1250 reads as cp1252 with symbols inside words ("odby³o", "wi¹za³")
    (
        "Wczoraj w Warszawie odbyło się spotkanie ministrów. Przewodniczący komisji "
        "powiedział, że porozumienie zostanie podpisane w przyszłym tygodniu.",
        ("cp1250",),
    ),
]


# Western text in cp1252 stays cp1252 (charset-normalizer alone reads some German and
# Icelandic as cp1250): a fraction, a middle dot or Icelandic letters inside words
@pytest.mark.parametrize(
    "text",
    [
        "Gestern trafen sich in Zürich die Minister. „Wir sind zufrieden“, sagte er. "
        "Das Rohr misst 3¼ Zoll.",
        "Í gær var haldinn fundur ráðherra í Reykjavík. Það er þó óvíst, segir hann.",
        "La col·lecció del museu s’obre avui. « C'est un cœur qui bat », dit-il, très ému.",
    ],
)
def test_western_cp1252_text_is_kept_as_cp1252(tmp_path: Path, text: str) -> None:
    path = tmp_path / "western.txt"
    path.write_bytes(text.encode("cp1252"))
    article = load_article(path)
    assert " ".join(texts(article)) == text
    assert article.encoding in ("cp1252", "latin-1")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(text, encoding) for text, encodings in LEGACY for encoding in encodings],
)
def test_a_legacy_file_of_another_script_is_read_in_its_own_encoding(
    tmp_path: Path, text: str, encoding: str
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    article = load_article(path)
    assert " ".join(texts(article)) == text
    assert any("not valid UTF-8; decoded as" in w for w in article.warnings)


def test_utf8_with_a_few_invalid_bytes_is_kept_with_replacement(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    good = "die grüße aus köln. übermorgen fährt der zug über münchen. " * 5
    path.write_bytes(good.encode("utf-8") + b"kaputt \xff\xfe ende.")
    article = load_article(path)
    assert article.encoding == "utf-8"
    assert "\ufffd" in article.paragraphs[0].text
    assert any("invalid UTF-8" in w for w in article.warnings)


@pytest.mark.parametrize(
    "data",
    [
        # NUL bytes: binary
        b"PK\x03\x04\x00\x00binary zip header" + bytes(range(256)),
        # many control characters and no NUL
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + b"text",
        # random high bytes: no encoding makes text of them
        bytes((37 * i * i + 11 * i) % 128 + 128 for i in range(2000)),
    ],
)
def test_binary_and_garbage_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    with pytest.raises(InputError, match=str(path)) as error:
        load_article(path)
    assert "\n" not in str(error.value)


# ---------------------------------------------------------------------------- bad files


@pytest.mark.parametrize("content", ["", "   \n\n \t\n", "\ufeff", "\r\n\r\n"])
def test_empty_or_blank_article_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        load_article(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        load_article(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        load_article(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # we run as root, where chmod 000 does not stop reading: simulate the refusal instead
    path = tmp_path / "secret.txt"
    path.write_text("geheim und ganz lang genug.", encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(InputError, match=r"secret\.txt: permission denied"):
        load_article(path)


def test_twenty_megabyte_single_line_loads(tmp_path: Path) -> None:
    # one huge paragraph: must load in seconds, not minutes (the splitter is linear)
    line = (SAMPLES / "ultraman-musk.de.txt").read_text("utf-8").replace("\n", " ")
    data = (line * (20 * 2**20 // len(line.encode()) + 1)).encode()
    path = tmp_path / "huge.txt"
    path.write_bytes(data)
    article = load_article(path)
    assert len(article.paragraphs) == 1
    paragraph = article.paragraphs[0]
    assert len(paragraph.text) > 19 * 2**20
    assert len(paragraph.sentences) > 100_000
    assert article.language == "de"


# ---------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no blank line: one paragraph per line (the German sample)
        ("eins\nzwei\n drei \n", ["eins", "zwei", "drei"]),
        # blank lines separate blocks; inner newlines are joined with a space
        ("eins\nnoch eins\n\nzwei\n\n\n  drei  ", ["eins noch eins", "zwei", "drei"]),
        # Windows and old Mac line ends
        ("eins\r\nzwei\r\n\r\ndrei\rvier", ["eins zwei", "drei vier"]),
        # a line of spaces counts as blank
        ("eins\n   \nzwei", ["eins", "zwei"]),
    ],
)
def test_plain_text_paragraph_rules(text: str, expected: list[str]) -> None:
    assert texts(article_from_text(text, fmt="text")) == expected


# ---------------------------------------------------------------------------- Markdown


MARKDOWN = """---
title: front matter is dropped
---
# A *Heading* #

Some **bold**, _italic_ and `code` with a [link](https://example.org "t") and
a second line. An ![image alt](x.png) too.

- first item
- second item
  continues here
1. numbered item

> quoted text
> continues

```python
print("code is dropped")
```

| Name | Wert |
|------|------|
| a    | 1    |

Setext heading
==============
"""


def test_markdown_blocks() -> None:
    assert markdown_blocks(MARKDOWN) == [
        ("A Heading", "heading"),
        (
            "Some bold, italic and code with a link and a second line. An image alt too.",
            "paragraph",
        ),
        ("first item", "list_item"),
        ("second item continues here", "list_item"),
        ("numbered item", "list_item"),
        ("quoted text continues", "quote"),
        ("Name | Wert", "table_row"),
        ("a | 1", "table_row"),
        ("Setext heading", "heading"),
    ]


def test_markdown_file_is_recognised_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("## Titel\n\nDer **erste** Absatz.", encoding="utf-8")
    article = load_article(path)
    assert [(p.text, p.role) for p in article.paragraphs] == [
        ("Titel", "heading"),
        ("Der erste Absatz.", "paragraph"),
    ]


# ---------------------------------------------------------------------------- HTML


PAGE = """<!DOCTYPE html>
<html><head><title>Site</title><style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script></head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<div class="teaser">Teaser outside the article</div>
<article>
  <header><h1>Die   Überschrift</h1></header>
  <p>Erster&nbsp;Absatz mit <b>fett</b> &amp; <a href="#">Link</a>.</p>
  <p>Zweiter Absatz<br>mit Umbruch.
  <ul><li>Punkt eins</li><li>Punkt zwei</ul>
  <blockquote><p>Ein Zitat.</p></blockquote>
  <figure><img src="x.png" alt="alt"><figcaption>Bildunterschrift</figcaption></figure>
  <table><tr><th>Name</th><td>Wert</td></tr></table>
  <aside>Lesen Sie auch</aside>
</article>
<footer>Impressum</footer>
</body></html>"""


def test_html_article_body() -> None:
    assert html_blocks(PAGE) == [
        ("Die Überschrift", "heading"),
        ("Erster Absatz mit fett & Link.", "paragraph"),  # nbsp collapsed too
        ("Zweiter Absatz mit Umbruch.", "paragraph"),
        ("Punkt eins", "list_item"),
        ("Punkt zwei", "list_item"),
        ("Ein Zitat.", "quote"),
        ("Bildunterschrift", "caption"),
        ("Name | Wert", "table_row"),
    ]


def test_html_without_article_uses_main_then_body() -> None:
    page = "<html><body><nav>Menü</nav><main><p>Haupttext.</p></main><p>Rest.</p></body></html>"
    assert html_blocks(page) == [("Haupttext.", "paragraph")]
    page = "<html><body><header>Kopf</header><p>Text eins.</p><div>Text zwei</div></body></html>"
    assert html_blocks(page) == [("Text eins.", "paragraph"), ("Text zwei", "paragraph")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the tester's page: a menu div of links and a footer div come through as text
        (
            '<div id="menu"><ul><li><a href="/">Home</a></li><li>Contact</li></ul></div>'
            '<p>Der Text.</p><div class="footer">Cookie settings | Imprint</div>',
            ["Der Text."],
        ),
        # hyphen and underscore parts of a class or id, among other classes
        (
            '<div class="wrap site-footer">Fuß</div><ul id="main_menu"><li>Start</li></ul>'
            '<a class="skip-link" href="#c">Skip</a><p>Der Text.</p>',
            ["Der Text."],
        ),
        # ARIA landmark roles on plain elements
        (
            '<div role="navigation">Links</div><div role="banner">Logo</div>'
            '<p>Der Text.</p><div role="contentinfo">Kontakt</div>',
            ["Der Text."],
        ),
        # only whole parts count: "headerless", "navigator" and layout modifiers are content
        (
            '<table class="headerless-table"><tr><td>Zelle</td></tr></table>'
            '<p class="navigator">Der Text.</p><div class="has-sidebar">Mehr Text.</div>',
            ["Zelle", "Der Text.", "Mehr Text."],
        ),
        # a page whose whole text sits in chrome-named elements keeps it rather than nothing
        ('<div class="sidebar"><p>Nur das.</p></div>', ["Nur das."]),
    ],
)
def test_html_without_article_drops_chrome_named_by_class_or_id(
    body: str, expected: list[str]
) -> None:
    page = f"<html><body>{body}</body></html>"
    assert [text for text, _ in html_blocks(page)] == expected


def test_html_chrome_class_inside_the_article_is_kept() -> None:
    # an article is trusted as it is: its "share" box stays, the menu outside it goes anyway
    page = (
        '<body><div class="menu">Home</div><article><p>Text.</p>'
        '<div class="share-box">Teilen</div></article></body>'
    )
    assert html_blocks(page) == [("Text.", "paragraph"), ("Teilen", "paragraph")]
    page = '<body><main><div class="social">Folgen</div><p>Text.</p></main></body>'
    assert html_blocks(page) == [("Folgen", "paragraph"), ("Text.", "paragraph")]


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        # extensions decide first
        ("# x", "a.md", "markdown"),
        ("<p>x</p>", "a.HTML", "html"),
        ("<!doctype html><p>x", "a.txt", "text"),
        # content decides when the extension says nothing
        ("  <!DOCTYPE html>\n<html>", "page", "html"),
        ("<!-- c --><html lang=de>", None, "html"),
        ("# not markdown without .md", None, "text"),
    ],
)
def test_guess_format(text: str, path: str | None, expected: str) -> None:
    assert guess_format(text, path) == expected


def test_html_with_only_scripts_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    with pytest.raises(InputError, match="contains no text"):
        load_article(path)


def test_text_blocks_keep_inner_spacing() -> None:
    # the gold paragraphs are the stripped lines: inner spaces stay as they are
    assert text_blocks("a  b .\n") == [("a  b .", "paragraph")]


@pytest.mark.parametrize(
    ("name", "content", "lines"),
    [
        # one paragraph per line, blank lines counted
        ("a.txt", "eins\nzwei\n", [1, 2]),
        ("a.txt", "\n\neins\nnoch eins\n\n\nzwei\r\n", [3, 7]),
        # Markdown: front matter, headings, list items and paragraphs from their first line
        ("a.md", "---\ntitle: x\n---\n# Titel\n\nText\nweiter\n\n- Punkt\n", [4, 6, 9]),
        # HTML: the line of the first visible character of each block
        ("a.html", "<html><body>\n<h1>Titel</h1>\n<p>\n  Text\n</p><p>zwei</p>", [2, 4, 5]),
    ],
)
def test_paragraphs_know_the_line_they_start_on(
    tmp_path: Path, name: str, content: str, lines: list[int]
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    assert [p.line for p in load_article(path).paragraphs] == lines


def _sentences_of(text: str) -> list[str]:
    paragraph = article_from_text(text, language="en").paragraphs[0]
    return [paragraph.text[s.start : s.end] for s in paragraph.sentences]


def test_a_line_ended_on_purpose_ends_its_sentence():
    """A new user's course catalogue: the title line ran into the description's first
    sentence, so the title the French dropped was reported nowhere."""
    entry = (
        "ENV 310 Remote Sensing\n"
        "Students learn how satellites measure land, water and vegetation. The course covers\n"
        "optical, thermal and radar images.\n\nNext entry."
    )
    assert _sentences_of(entry) == [
        "ENV 310 Remote Sensing",
        "Students learn how satellites measure land, water and vegetation.",
        "The course covers optical, thermal and radar images.",
    ]
    rules = "Users must not:\na) carry a passenger;\nb) ride at night.\n\nArticle 4"
    assert _sentences_of(rules) == ["Users must not:", "a) carry a passenger;", "b) ride at night."]


def test_wrapped_lines_join_into_one_sentence():
    wrapped = (
        "A sentence wrapped at the width of the page goes on across lines\n"
        "As Hard Wraps Do, whatever the first letter of the next line is.\n\nNext."
    )
    assert _sentences_of(wrapped) == [
        "A sentence wrapped at the width of the page goes on across lines As Hard Wraps Do, "
        "whatever the first letter of the next line is."
    ]


# The tenth trial's recipe-it-fr: one ingredient a line, in one block. Read as wrapped text, the
# widest line ran into the next item and an item in lower case into the one before it, so a
# deleted item was reported nowhere.
INGREDIENTS = [
    "Ingredienti",
    "320 g di riso Carnaroli",
    "300 g di funghi porcini freschi",
    "20 g di porcini secchi",
    "1 litro di brodo vegetale",
    "1 cipolla piccola",
    "100 ml di vino bianco secco",
    "2 cucchiai di olio extravergine d'oliva",
    "40 g di burro",
    "60 g di Parmigiano Reggiano grattugiato",
    "1 spicchio d'aglio",
    "un pizzico di sale",
    "Prezzemolo fresco q.b.",
]


def test_a_list_of_short_lines_keeps_one_entry_a_line() -> None:
    assert join_lines(INGREDIENTS) == "\n".join(INGREDIENTS)
    text = "\n".join(INGREDIENTS) + "\n\nPreparazione"
    assert _sentences_of(text) == INGREDIENTS


def test_the_widest_line_of_a_block_no_width_wraps_is_an_entry() -> None:
    # most lines end with room for the next line's first two words: no list of numbers, but
    # no text wrapped at a width either
    pantry = ["Ingredients", "Olive oil", "Two cloves of garlic, finely chopped", "Salt"]
    assert join_lines(pantry) == "\n".join(pantry)


@pytest.mark.parametrize(
    "lines",
    [
        # prose wrapped at a width: lines that open with a number run on all the same
        [
            "The council approved the budget on Tuesday. Spending rises from",
            "4.1 million euros to 4.6 million, and the reserve falls to",
            "900,000 euros. The vote was 23 to 8, with 2 abstentions, after",
            "3 hours of debate.",
        ],
        # a subtitle's sentence across its two lines, and numbered lines that run on
        ["Und seit der Supermarkt aufgemacht hat,", "ist der Umsatz um ein Drittel gefallen."],
        ["12 Männer kamen am Abend,", "3 Frauen gingen,", "2 Kinder blieben."],
        ["Ich weiß nicht, ob ich", "das noch schaffe."],
        # a sentence a line, the long one wrapped as an e-mail sets it (a review found it
        # split before "Projekt" once short lines let the block pass for unwrapped)
        [
            "Wir haben gestern lange mit dem neuen Bürgermeister der Stadt über das",
            "Projekt gesprochen.",
            "Er war sehr freundlich.",
            "Danke für die Hilfe.",
        ],
    ],
)
def test_wrapped_or_running_lines_still_join(lines: list[str]) -> None:
    assert join_lines(lines) == " ".join(lines)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["1. Preheat the oven to 180 degrees and grease", "a tin.", "2. Mix.", "3. Bake."],
            "1. Preheat the oven to 180 degrees and grease a tin.\n2. Mix.\n3. Bake.",
        ),
        (
            ["200 g flour sifted together with the baking", "powder", "2 eggs", "100 g sugar"],
            "200 g flour sifted together with the baking powder\n2 eggs\n100 g sugar",
        ),
        (
            [
                "1990 Founded in Berlin by three young",
                "engineers from Siemens",
                "1995 Moved to Munich",
                "2001 Listed",
            ],
            "1990 Founded in Berlin by three young engineers from Siemens\n"
            "1995 Moved to Munich\n2001 Listed",
        ),
    ],
)
def test_a_list_entry_wrapped_onto_a_lower_case_line_stays_one_entry(
    lines: list[str], expected: str
) -> None:
    assert join_lines(lines) == expected
