"""Search patterns that fold case and accents unless the query has them.

Vim's "smartcase", extended to accents: a query in lower case finds any case, a query without
accents finds any accents ("demission" finds "Démission"); a capital or an accent in the query
makes that distinction exact. UI-free, so the view model can use it too.

>>> bool(search_pattern("demission").search("sa DÉMISSION"))
True
>>> bool(search_pattern("Démission").search("sa démission")), bool(search_pattern("é").search("e"))
(False, False)
>>> capital = search_pattern("Demission")
>>> bool(capital.search("Démission")), bool(capital.search("démission"))
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_COMBINING = "[\u0300-\u036f]*"  # accents typed as separate combining characters


def search_pattern(query: str) -> re.Pattern[str]:
    """A compiled pattern for ``query`` (taken literally, never as a regular expression)."""
    flags = 0 if query != query.lower() else re.IGNORECASE
    if any(_accented(char) for char in query):
        return re.compile(re.escape(query), flags)
    variants = _variants()
    pieces = []
    for char in query:
        others = variants.get(char)
        if others:
            pieces.append("[" + re.escape(char + others) + "]" + _COMBINING)
        else:
            pieces.append(re.escape(char))
    return re.compile("".join(pieces), flags)


def _accented(char: str) -> bool:
    decomposed = unicodedata.normalize("NFD", char)
    return len(decomposed) > 1 or unicodedata.combining(char) > 0


@cache
def _variants() -> dict[str, str]:
    """Base letter -> the accented letters built on it ("e" -> "éèêë..."), in any script."""
    table: dict[str, list[str]] = {}
    for code in range(0xC0, 0x2000):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            table.setdefault(decomposed[0], []).append(char)
    return {base: "".join(chars) for base, chars in table.items()}
