"""Weekdays and months named on both sides of a paragraph link that disagree.

"во вторник" translated "on Friday", "im März" translated "in May": a changed day is a changed
fact, as a changed number is, but no number check sees it (a month name satisfies its number
across and is never flagged as one, text/times.py; a weekday is no number at all). Each side's
weekdays and months are read in words (``times.find_calendar``, the lexicons in
text/number_lexicon.py, every dev-set language); where both sides of a link name a weekday
(or a month) and some of one side's are left over once equal ones across are paired, each one
left over is reported, on the side that holds it, as a number is (``numerals.py``).

A side that names no weekday says nothing against the other: a translator drops "on Tuesday"
or writes the date instead ("am 30. September" / "on Monday"); only two names that disagree
are reported. Chinese, Japanese and Korean months are numerals ("6月"), compared as numbers.
"""

from __future__ import annotations

from collections import Counter

from tui.engine.detect.context import Draft, FindingContext, LinkGroup, partner_of, side_name
from tui.engine.model import FindingKind, Location, Severity, Side
from tui.engine.text.times import CalendarMention, find_calendar

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def value_name(mention: CalendarMention) -> str:
    """The English name of a mention's day or month (for the message)."""
    names = WEEKDAY_NAMES if mention.unit == "weekday" else MONTH_NAMES
    return names[mention.value - 1]


def _mentions(text: str, *languages: str | None) -> list[CalendarMention]:
    """The weekdays and months of ``text`` in the paragraph's language and the article's: a
    short paragraph's guess can be wrong (a Chinese line read as Korean), the article's
    language is then the right one; where both find a name, once."""
    found: dict[tuple[int, int], CalendarMention] = {}
    for language in dict.fromkeys(languages):
        for mention in find_calendar(text, language):
            found.setdefault((mention.start, mention.end), mention)
    return sorted(found.values(), key=lambda m: m.start)


def calendar_mismatches(context: FindingContext, group: LinkGroup) -> list[Draft]:
    """Weekdays and months of one side of ``group``'s link with no equal one across, where
    the other side names one of that kind that is left over too."""
    if not context.detection.calendar_checks:
        return []
    link = group.link
    found: dict[Side, list[tuple[int, CalendarMention]]] = {}
    for side in Side:
        article = context.article(side)
        found[side] = [
            (p, mention)
            for p in (link.source if side is Side.SOURCE else link.target)
            for mention in _mentions(
                article.paragraphs[p].text, article.paragraphs[p].language, article.language
            )
        ]
    if not (found[Side.SOURCE] and found[Side.TARGET]):
        return []
    counts = {side: Counter((m.unit, m.value) for _, m in found[side]) for side in Side}
    left = {side: counts[side] - counts[side.other] for side in Side}  # multiset difference
    drafts = []
    for side in Side:
        remaining = Counter(left[side])
        for p, mention in found[side]:
            key = (mention.unit, mention.value)
            if not remaining[key]:
                continue
            across = sorted(
                {
                    value_name(m)
                    for _, m in found[side.other]
                    if left[side.other][(m.unit, m.value)] and m.unit == mention.unit
                }
            )
            if not across:
                continue  # nothing of this kind changed across: a dropped "on Tuesday" is no change
            remaining[key] -= 1
            text = context.article(side).paragraphs[p].text
            word = text[mention.start : mention.end]
            drafts.append(
                Draft(
                    kind=FindingKind.DATE_MISMATCH,
                    severity=Severity.HIGH,
                    confidence=0.8,
                    message=f"{mention.unit.capitalize()} {word} ({value_name(mention)}) in the "
                    f"{side_name(side)}; the {side_name(side.other)} says "
                    f"{' or '.join(across)}",
                    side=side,
                    held=Location(p, mention.start, mention.end),
                    partner=partner_of(context, link, side),
                    signature=f"{mention.unit}{mention.value}|"
                    f"{' '.join(text[max(0, mention.start - 40) : mention.end + 40].split())}",
                    why=f"both versions name a {mention.unit}: "
                    f"{value_name(mention)} here, {' or '.join(across)} across",
                )
            )
    return drafts
