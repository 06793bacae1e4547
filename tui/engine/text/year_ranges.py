"""A span of years whose second year drops its century: "1950-53" is 1950 to 1953, "the
2018/19 season" 2018 to 2019, as a translation may write them in full ("von 1950 bis 1953").

>>> from tui.engine.text.number_words import find_numbers
>>> [sorted(m.values) for m in find_numbers("the 1950-53 war, 2018/19, a 1-0 win, 1990-80", "en")]
[['1950'], ['1953', '53'], ['2018'], ['19', '2019'], ['1'], ['0'], ['1990'], ['80']]
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.engine.text.number_words import NumberMention

# between the two: a dash, an en dash or a slash
_SPAN = re.compile(r"\s?[-–/]\s?")
# a quick test of the whole text first: four digits, the mark, two digits
_ANY_SPAN = re.compile(r"\d{4}\s?[-–/]\s?\d\d(?!\d)")


def with_year_spans(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """``mentions`` with the second year of each "1950-53" span also read in full: four
    digits, then two that end a later year of the same century."""
    out = list(mentions)
    if len(out) < 2 or not _ANY_SPAN.search(text):
        return out
    for k in range(1, len(out)):
        first, second = out[k - 1], out[k]
        written_first = text[first.start : first.end]
        written_second = text[second.start : second.end]
        if not (
            len(written_first) == 4
            and written_first.isdigit()
            and 1000 <= int(written_first) <= 2999
            and len(written_second) == 2
            and written_second.isdigit()
            and _SPAN.fullmatch(text[first.end : second.start])
        ):
            continue
        century, later = int(written_first) // 100 * 100, int(written_second)
        if later > int(written_first) % 100:
            out[k] = replace(second, values=second.values | {str(century + later)})
    return out
