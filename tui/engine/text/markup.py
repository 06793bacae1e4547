"""Turn plain text, Markdown or HTML into blocks: the paragraphs a reader sees, markup removed.

Each block is ``(text, role)``; roles are "paragraph", "heading", "list_item", "quote",
"caption" and "table_row". Offsets computed later refer to these texts, so nothing here may
leave markup behind. ``blocks_of`` adds the 1-based line of the file where each block starts
(an editor opened there with ``+LINE`` shows the paragraph).

>>> text_blocks("eins\\nzwei\\n")
[('eins', 'paragraph'), ('zwei', 'paragraph')]
>>> markdown_blocks("# Title\\n\\nSome *emphasis* and a [link](https://x.org).")
[('Title', 'heading'), ('Some emphasis and a link.', 'paragraph')]
>>> html_blocks("<nav>menu</nav><article><h1>T</h1><p>a &amp; b</p></article>")
[('T', 'heading'), ('a & b', 'paragraph')]
>>> blocks_of("# Title\\n\\nfirst line\\nsecond line", "markdown")
[('Title', 'heading', 1), ('first line second line', 'paragraph', 3)]
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from itertools import pairwise

Block = tuple[str, str]
LocatedBlock = tuple[str, str, int]
"""A block and the 1-based line where it starts in the file."""


def _unlocated(blocks: list[LocatedBlock]) -> list[Block]:
    return [(body, role) for body, role, _line in blocks]


# ---------------------------------------------------------------------------- plain text


def text_blocks(text: str) -> list[Block]:
    """Blank-line-separated blocks, inner newlines joined with a space where the text wraps
    and kept where a line ends on purpose (``join_lines``).

    A text with no blank line at all has one paragraph per line (the German sample).
    """
    return _unlocated(_text_located(text))


# What a line that ends on purpose may end with besides a letter or digit: a closing mark.
_LINE_CLOSERS = ")]}\"'”’»」』"
# A line that opens a list entry ("b) carry a passenger;", "(2) Users ...", "- milk"): the
# line before it ended on purpose, whatever mark it ends with.
_LIST_ENTRY = re.compile(r"(?:[-–•*·]|\(?(?:\d{1,3}|[a-zA-Z])[.)])\s")


# "Fruit: ...", "Afwezig met kennisgeving: ...", "허브: ...": up to four words, then a colon
_LABELLED = re.compile(r"[^\s:]{1,24}(?: [^\s:]{1,24}){0,3}:\s")
# A line that opens with a number: a quantity ("40 g di burro", "½ cup"), a year, a count.
_NUMBERED = re.compile(r"[\d½⅓⅔¼¾⅛]")
# What a line that runs on into the next ends with: a hyphen or a comma.
_RUNS_ON = ("-", "\u2010", "\u00ad", ",", "،", "，", "、")


def join_lines(lines: list[str]) -> str:
    """The lines of one block as a paragraph: joined by a space where the text wraps, by a
    line break where a line ends on purpose: before a list entry ("b) ..."), or where a title
    or an entry ("ENV 310 Remote Sensing", "Frothing milk") ends with no mark, the next line
    starts with no lowercase letter and its first word would have fit on the line, so the
    writer broke it, not the width of the page (wrapped text fills each line to its widest).

    >>> join_lines(["ENV 310 Remote Sensing", "Students learn how satellites measure land."])
    'ENV 310 Remote Sensing\\nStudents learn how satellites measure land.'
    >>> join_lines(["Users must not:", "a) carry a passenger;", "b) ride at night."])
    'Users must not:\\na) carry a passenger;\\nb) ride at night.'
    >>> join_lines(["A sentence that was wrapped at the width of", "Its Page, as hard wraps are."])
    'A sentence that was wrapped at the width of Its Page, as hard wraps are.'

    Two lines that each begin with a label and a colon are entries of a list, even where
    the first is the widest:

    >>> join_lines(["Fruit: 55-60 °C, 8-12 hours for thin slices", "Herbs: 35-40 °C, 2-4 hours"])
    'Fruit: 55-60 °C, 8-12 hours for thin slices\\nHerbs: 35-40 °C, 2-4 hours'

    Where most lines end with room for the next line's first two words and with no mark, no
    width wraps the block: its widest line ends on purpose too. If most of its lines open
    with a number and none runs on with a hyphen or a comma, it is a list of quantities,
    dates or counts, one a line, an entry in lower case included (but not a lower-case line
    whose first word had no room on the line before: the entry wrapped):

    >>> join_lines(["2 cucchiai di olio extravergine d'oliva", "40 g di burro", "1 spicchio",
    ...             "un pizzico di sale"])
    "2 cucchiai di olio extravergine d'oliva\\n40 g di burro\\n1 spicchio\\nun pizzico di sale"
    """
    width = max(len(line) for line in lines)
    fits = [_room_for(before, after, 1, width) for before, after in pairwise(lines)]
    # Wrapped text leaves no line room for the next line's first two words (in a PDF's
    # proportional font a line of narrow letters may seem to have room for a short one): a
    # block where most lines have that room was written a line at a time, and its widest line
    # ends where the writer broke it too.
    roomy = [_room_for(before, after, 2, width) for before, after in pairwise(lines)]
    # ... and most of its lines end bare, as entries do (lines of sentences with the long one
    # wrapped, as an e-mail sets them, end with stops: they still join)
    bare = sum(_ends_bare(line) for line in lines)
    unwrapped = 2 * sum(roomy) > len(roomy) and 2 * bare > len(lines)
    listed = (
        unwrapped
        and 2 * sum(_NUMBERED.match(line) is not None for line in lines) > len(lines)
        and not any(line.endswith(_RUNS_ON) for line in lines[:-1])
    )
    joined = lines[0]
    for (before, after), fit in zip(pairwise(lines), fits, strict=True):
        ends_bare = _ends_bare(before) and not after[0].islower()
        labelled = _LABELLED.match(before) is not None and _LABELLED.match(after) is not None
        # in a list, a lower-case line whose first word the line before had no room for
        # is that entry wrapped ("... with the baking" / "powder")
        wrapped_entry = after[0].islower() and not fit
        on_purpose = (
            (listed and not wrapped_entry)
            or (ends_bare and (fit or unwrapped))
            or labelled
            or _LIST_ENTRY.match(after) is not None
        )
        joined += ("\n" if on_purpose else " ") + after
    return joined


def _room_for(before: str, after: str, words: int, width: int) -> bool:
    """Would the first ``words`` words of ``after`` have fit on ``before``'s line, the
    block being ``width`` characters wide?"""
    return len(before) + 1 + len(" ".join(after.split(maxsplit=words)[:words])) <= width


def _ends_bare(line: str) -> bool:
    """Does ``line`` end with no mark, as a title or an entry does (a closing bracket or
    quotation mark aside)?"""
    return line[-1].isalnum() or line[-1] in _LINE_CLOSERS


def _text_located(text: str) -> list[LocatedBlock]:
    lines = text.splitlines()
    if not any(not line.strip() for line in lines):
        return [(line.strip(), "paragraph", n) for n, line in enumerate(lines, 1) if line.strip()]
    blocks: list[LocatedBlock] = []
    current: list[str] = []
    first = 0
    for n, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                first = n
            current.append(line.strip())
        elif current:
            blocks.append((join_lines(current), "paragraph", first))
            current = []
    if current:
        blocks.append((join_lines(current), "paragraph", first))
    return blocks


# ---------------------------------------------------------------------------- Markdown

_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(.+?)\1")
_EMPHASIS = re.compile(r"(\*\*\*|\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORE = re.compile(r"(?<!\w)(___|__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")


def markdown_blocks(text: str) -> list[Block]:
    """Headings, paragraphs, list items, block quotes and table rows of a Markdown text.

    Code blocks and front matter are dropped: they are not prose to translate.
    """
    return _unlocated(_markdown_located(text))


def _markdown_located(text: str) -> list[LocatedBlock]:
    lines = text.splitlines()
    skipped = 0  # lines of front matter before ``lines``
    if lines and lines[0].strip() == "---":  # YAML front matter
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                lines = lines[index + 1 :]
                skipped = index + 1
                break
    blocks: list[LocatedBlock] = []
    current: list[str] = []
    role = "paragraph"
    fence: str | None = None
    first = 0  # line where ``current`` began
    number = 0  # line being read

    def flush() -> None:
        nonlocal current, role
        if current:
            text = _inline_markdown(" ".join(current))
            if text:
                blocks.append((text, role, first))
        current = []
        role = "paragraph"

    def add(part: str) -> None:
        nonlocal first
        if not current:
            first = number
        current.append(part)

    for number, line in enumerate(lines, skipped + 1):  # noqa: B007 (add() reads it)
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        fence_match = _FENCE.match(line)
        if fence_match:
            flush()
            fence = fence_match.group(1)[:3]
            continue
        if not line.strip() or _REF_DEF.match(line):
            flush()
            continue
        quoted = _QUOTE.match(line)
        if quoted:
            inner = line[quoted.end() :]
            if role != "quote":
                flush()
                role = "quote"
            if not inner.strip():
                flush()
                role = "quote"
            else:
                add(_BULLET.sub("", inner).strip())
            continue
        if role == "quote":
            flush()
        if current and role == "paragraph" and _SETEXT.match(line):
            role = "heading"  # the lines above are a setext heading
            flush()
            continue
        if _RULE.match(line) or _TABLE_RULE.match(line):
            flush()
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            add(heading.group(2) or "")
            role = "heading"
            flush()
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            add(line[bullet.end() :].strip())
            role = "list_item"
            continue
        if line.lstrip().startswith("|"):
            flush()
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            add(" | ".join(cell for cell in cells if cell))
            role = "table_row"
            flush()
            continue
        if line.startswith(("    ", "\t")) and not current:
            continue  # an indented code block
        add(line.strip())
    flush()
    return blocks


def _inline_markdown(text: str) -> str:
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # nested emphasis: ***a** b*
        text = _EMPHASIS.sub(r"\2", text)
        text = _UNDERSCORE.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(html.unescape(text).split())


# ---------------------------------------------------------------------------- HTML

_BLOCK_ROLES = {
    "p": "paragraph",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "quote",
    "figcaption": "caption",
    "caption": "caption",
    "tr": "table_row",
    "pre": "paragraph",
    "div": "paragraph",
    "section": "paragraph",
    "article": "paragraph",
    "main": "paragraph",
    "body": "paragraph",
    "figure": "paragraph",
    "table": "paragraph",
    "ul": "paragraph",
    "ol": "paragraph",
    "dl": "paragraph",
    "address": "paragraph",
}
_DROPPED = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "nav",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "iframe",
        "object",
        "canvas",
        "head",
        "menu",
        "dialog",
    ]
)
_CHROME = frozenset({"header", "footer"})  # site chrome unless inside the article itself
_DROPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# Class and id names of site chrome, matched as a whole token or as hyphen/underscore parts
# ("site-footer", "main_menu", not "navigator"); used only on pages with no article/main. Not
# "header": a "post-header" or "page-header" often holds the article's own title.
_CHROME_NAMES = (
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "footer",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "banner",
    "skip-link",
    "skip-links",
    "skiplink",
    "share",
    "sharing",
    "social",
    "masthead",
)
_CHROME_PART = re.compile(r"[-_]+")
# Layout modifiers such as "has-sidebar" or "no-header" describe the content, not chrome.
_MODIFIERS = frozenset({"has", "no", "with", "without"})
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


def _is_chrome(attributes: dict[str, str | None]) -> bool:
    """Do an element's id or class names mark it as site chrome ("main-menu", "cookie_banner")?"""
    names = f"{attributes.get('id') or ''} {attributes.get('class') or ''}".lower().split()
    for name in names:
        parts = [part for part in _CHROME_PART.split(name) if part]
        if not parts or parts[0] in _MODIFIERS:
            continue
        padded = f"-{'-'.join(parts)}-"  # whole parts only: "skip-link" in "a-skip-link"
        if any(f"-{chrome}-" in padded for chrome in _CHROME_NAMES):
            return True
    return False


# Keywords after "<![" that html.parser's marked-section code knows ("<![CDATA[", Word's
# "<![if ...]>"); it raises AssertionError on any other, and on none at all ("<![ x").
_MARKED_SECTIONS = frozenset(
    ("temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif")
)
_SECTION_KEYWORD = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")


class _ArticleParser(HTMLParser):
    """Collects text into blocks at block-level tags; remembers which came from <article>/<main>.

    With ``drop_chrome``, elements whose id or class marks them as site chrome are dropped too.
    """

    def __init__(self, *, drop_chrome: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_chrome = drop_chrome
        # text, role, line, in article, in main
        self.blocks: list[tuple[str, str, int, bool, bool]] = []
        self._buffer: list[str] = []
        self._line = 0  # line of the first visible character in the buffer (0: none yet)
        self._roles: list[tuple[str, str]] = []  # (tag, role) of open block elements
        self._skip: list[str] = []  # open elements whose content is dropped
        self._article = 0
        self._main = 0
        self._quote = 0

    # The parser calls these.
    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """A "<![" without a known keyword is a bogus comment up to the next ">", as HTML5
        reads it (the base class raises AssertionError there)."""
        keyword = _SECTION_KEYWORD.match(self.rawdata, i + 3)
        if keyword is not None and keyword.group().lower() in _MARKED_SECTIONS:
            return super().parse_marked_section(i, report)
        return self.parse_bogus_comment(i, report)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag == self._skip[-1] and tag not in _VOID:
                self._skip.append(tag)
            return
        attributes = dict(attrs)
        if (
            tag in _DROPPED
            or (tag in _CHROME and not (self._article or self._main))
            or (attributes.get("role") or "").lower() in _DROPPED_ROLES
            or "hidden" in attributes
            or (attributes.get("aria-hidden") or "").lower() == "true"
            or (self.drop_chrome and tag not in ("html", "body") and _is_chrome(attributes))
        ):
            if tag not in _VOID:
                self._flush()
                self._skip.append(tag)
            return
        if tag in ("br", "hr"):
            if tag == "hr":
                self._flush()
            else:
                self._buffer.append(" ")
            return
        if tag in ("td", "th"):
            if "".join(self._buffer).strip():
                self._buffer.append(" | ")
            return
        if tag in _BLOCK_ROLES:
            self._flush()
            if tag == "article":
                self._article += 1
            elif tag == "main":
                self._main += 1
            elif tag == "blockquote":
                self._quote += 1
            if tag not in _VOID:
                self._roles.append((tag, _BLOCK_ROLES[tag]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr") and not self._skip:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag in _BLOCK_ROLES and any(open_tag == tag for open_tag, _ in self._roles):
            self._flush()
            while self._roles:
                open_tag, _ = self._roles.pop()
                if open_tag == tag:
                    break
            if tag == "article":
                self._article = max(0, self._article - 1)
            elif tag == "main":
                self._main = max(0, self._main - 1)
            elif tag == "blockquote":
                self._quote = max(0, self._quote - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            if not self._line and data.strip():
                leading = len(data) - len(data.lstrip())
                self._line = self.getpos()[0] + data.count("\n", 0, leading)
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split()).strip(" |")
        line, self._line = self._line, 0
        self._buffer = []
        if not text:
            return
        role = self._roles[-1][1] if self._roles else "paragraph"
        if self._quote and role == "paragraph":
            role = "quote"
        self.blocks.append((text, role, line, self._article > 0, self._main > 0))


def html_blocks(text: str) -> list[Block]:
    """Text blocks of an HTML page's article body.

    Prefers the content of <article>, else of <main>, else the whole body; scripts, styles,
    navigation and site headers and footers are dropped, entities decoded, whitespace collapsed.
    The whole body also loses elements whose id or class names chrome (menus, footers, ...).

    >>> html_blocks('<body><div id="menu"><a>Home</a></div><p>Text.</p></body>')
    [('Text.', 'paragraph')]
    """
    return _unlocated(_html_located(text))


def _html_located(text: str) -> list[LocatedBlock]:
    blocks = _parse(text, drop_chrome=False)
    for index in (3, 4):  # in <article>, then in <main>
        inside = [block for block in blocks if block[index]]
        if inside:
            return [(text, role, line) for text, role, line, _, _ in inside]
    # No article body to trust: a second pass drops chrome named by class or id. Class names
    # are only a hint, so a page they would empty entirely keeps the first pass's text.
    blocks = _parse(text, drop_chrome=True) or blocks
    return [(text, role, line) for text, role, line, _, _ in blocks]


def _parse(text: str, *, drop_chrome: bool) -> list[tuple[str, str, int, bool, bool]]:
    parser = _ArticleParser(drop_chrome=drop_chrome)
    parser.feed(text)
    parser.close()
    return parser.blocks


# ---------------------------------------------------------------------------- sniffing

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main)\b",
    re.IGNORECASE | re.DOTALL,
)

FORMATS = ("text", "markdown", "html")
_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}


def guess_format(text: str, path: str | None = None) -> str:
    """ "html", "markdown" or "text", from the file name's extension, else from the content."""
    suffix = os.path.splitext(path)[1].lower() if path else ""
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if _HTML_START.match(text[:4096]):
        return "html"
    return "text"


def blocks_of(text: str, fmt: str) -> list[LocatedBlock]:
    """The blocks of ``text`` in ``fmt`` (one of ``FORMATS``), each with its first line."""
    if fmt == "markdown":
        return _markdown_located(text)
    if fmt == "html":
        return _html_located(text)
    if fmt == "text":
        return _text_located(text)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
