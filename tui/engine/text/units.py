"""Units of measurement after numbers, in the dev sets' languages: "10 inches" is 0.254 m and
"25 см" 0.25 m, so a translator who converts a length, a weight, a speed, a temperature, an
area or a volume changed no number (detect/numerals.py pairs such numbers across).

A unit is read right after its number ("650 pound", "300-килограммовое", "6.6英尺", "25
センチ"); in a range the last number's unit is the first's too ("1 to 4 inches", "2,5 до 10
см"). Each unit is a dimension and a factor to the dimension's base unit (an offset too for
temperatures), from the units' definitions, nothing measured.

>>> def show(text, spans):
...     return [q and (q.unit.dimension, round(q.base, 4)) for q in read_units(text, spans)]
>>> show("a 650 pound pig, 10 inches", [(2, 5), (17, 19)])
[('mass', 294.835), ('length', 0.254)]
>>> show("от 2,5 до 10 см", [(3, 6), (10, 12)])
[('length', 0.025), ('length', 0.1)]
>>> read_units("Category 1 Hurricane, 2018 г.", [(9, 10), (22, 26)])
[None, None]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from tui.engine.text.anchors import fold_case, normalize_number, trie_pattern


@dataclass(frozen=True, slots=True)
class Unit:
    dimension: str  # "length", "mass", "speed", "temperature", "area", "volume"
    factor: float  # to the dimension's base unit (metre, kilogram, m/s, kelvin, m², litre)
    offset: float = 0.0  # added after the factor (temperatures)


@dataclass(frozen=True, slots=True)
class Quantity:
    unit: Unit
    value: float  # as written
    base: float  # in the dimension's base unit


_LENGTH = {
    "mm": 0.001,
    "cm": 0.01,
    "m": 1.0,
    "km": 1000.0,
    "inch": 0.0254,
    "foot": 0.3048,
    "yard": 0.9144,
    "mile": 1609.344,
}
_MASS = {"g": 0.001, "kg": 1.0, "t": 1000.0, "lb": 0.45359237, "oz": 0.028349523125}
_SPEED = {"km/h": 1 / 3.6, "mph": 0.44704, "m/s": 1.0}
_AREA = {"ha": 10_000.0, "acre": 4046.8564224, "km2": 1e6, "sqmi": 2_589_988.110336}
_VOLUME = {"l": 1.0, "ml": 0.001, "gallon": 3.785411784}
_TEMPERATURE = {"C": (1.0, 273.15), "F": (5 / 9, 273.15 - 32 * 5 / 9)}

# How each language writes each unit after a number (lower case; a word may run on, as
# Russian and Arabic inflect: "километров", "килограммовое"). Abbreviations a language
# also uses for something else are left out: Russian "г." (year), Arabic "م" (AD), a bare
# "t", "l" or "in".
_NAMES: dict[str, tuple[str, ...]] = {
    # length
    "mm": ("mm", "мм", "毫米", "ミリメートル", "밀리미터", "ملم", "मिमी", "millimeter",
           "millimetre", "millimètre", "milímetro", "миллиметр"),
    "cm": ("cm", "см", "厘米", "公分", "センチ", "센티미터", "센티", "سم", "सेमी", "सेंटीमीटर",
           "zentimeter", "centimeter", "centimetre", "centimètre", "centímetro", "сантиметр"),
    "m": ("m", "м", "米", "公尺", "メートル", "미터", "متر", "أمتار", "امتار", "मीटर", "meter",
          "metre", "mètre", "metros", "метр"),
    "km": ("km", "км", "公里", "千米", "キロメートル", "킬로미터", "كم", "كيلومتر", "किमी",
           "किलोमीटर", "kilometer", "kilometre", "kilomètre", "kilómetro", "километр"),
    "inch": ("inch", "inches", "zoll", "pouce", "pulgada", "дюйм", "英寸", "インチ", "인치",
             "بوصة", "بوصات", "इंच"),
    "foot": ("foot", "feet", "ft", "fuß", "fuss", "pied", "фут", "英尺", "フィート", "피트",
             "أقدام", "اقدام", "फुट", "फीट"),
    "yard": ("yard", "yd", "yarda", "ярд", "码", "ヤード", "야드", "ياردة", "يارد", "यार्ड"),
    "mile": ("mile", "meile", "milles", "milla", "миль", "мили", "милях", "милю", "миля",
             "英里", "マイル", "마일", "ميل", "أميال", "اميال", "मील"),
    # mass
    "g": ("g", "gram", "gramm", "gramme", "gramo", "грамм", "克", "グラム", "그램", "غرام",
          "غم", "ग्राम"),
    "kg": ("kg", "кг", "公斤", "千克", "キログラム", "킬로그램", "كغ", "كجم",
           "كيلوغرام", "كيلوجرام", "किलो", "किलोग्राम", "kilogram", "kilo", "килограмм"),
    "t": ("tonne", "tonnen", "ton", "tons", "tonelada", "тонн", "тонна", "吨", "トン", "톤",
          "طن", "أطنان", "اطنان", "टन"),
    "lb": ("pound", "lb", "lbs", "pfund", "livre", "libra", "фунт", "磅", "ポンド", "파운드",
           "رطل", "أرطال", "ارطال", "पाउंड"),
    "oz": ("ounce", "oz", "unze", "onza", "унци", "盎司", "オンス", "온스", "أونصة",
           "اونصة", "औंस"),
    # speed
    "km/h": ("km/h", "kmh", "kph", "km/std", "км/ч", "км/час", "公里/小时", "公里每小时",
             "千米/小时", "千米每小时", "キロ/時", "km/時", "킬로미터/시", "كم/ساعة", "كم/س",
             "किमी/घंटा",
             "किमी प्रति घंटा", "किलोमीटर प्रति घंटे", "kilometer pro stunde",
             "kilometern pro stunde", "kilometres per hour", "kilometers per hour",
             "km per hour", "stundenkilometer", "kilomètres par heure",
             "kilomètres à l'heure", "km par heure", "kilómetros por hora", "km por hora",
             "километров в час", "километра в час"),
    "mph": ("mph", "miles per hour", "meilen pro stunde", "milles à l'heure",
            "millas por hora", "miles an hour", "миль в час", "英里/小时", "英里每小时",
            "マイル/時", "마일/시",
            "ميل في الساعة", "मील प्रति घंटे", "मील प्रति घंटा"),
    "m/s": ("m/s", "м/с", "米/秒", "米每秒"),
    # area
    "ha": ("hectare", "hektar", "hectárea", "гектар", "га", "公顷", "ヘクタール", "헥타르",
           "هكتار", "हेक्टेयर"),
    "acre": ("acre", "акр", "英亩", "エーカー", "에이커", "فدان", "एकड़"),
    "km2": ("km²", "km2", "км²", "км2", "平方公里", "平方千米", "平方キロメートル",
            "제곱킬로미터", "كم²", "كم2", "वर्ग किलोमीटर", "square kilometer", "square kilometre",
            "quadratkilometer",
            "kilomètres carrés", "kilómetros cuadrados", "квадратных километр"),
    "sqmi": ("square mile", "sq mi", "квадратных миль", "平方英里", "平方マイル", "제곱마일",
             "ميل مربع", "वर्ग मील"),
    # volume
    "l": ("liter", "litre", "litro", "литр", "公升", "リットル", "리터", "لتر", "लीटर"),
    "ml": ("ml", "мл", "毫升", "ミリリットル", "밀리리터", "مل", "मिली"),
    "gallon": ("gallon", "gallone", "galón", "галлон", "加仑", "ガロン", "갤런", "غالون", "गैलन"),
    # temperature
    "C": ("°c", "ºc", "° c", "º c", "℃", "grad celsius", "degrés celsius", "grados celsius",
          "градус цельсия", "градусов цельсия", "градуса цельсия", "摄氏度", "攝氏度", "섭씨",
          "درجة مئوية", "درجات مئوية", "डिग्री सेल्सियस"),
    "F": ("°f", "ºf", "° f", "º f", "℉", "fahrenheit", "grad fahrenheit", "degrés fahrenheit",
          "grados fahrenheit", "градус фаренгейта", "градусов по фаренгейту", "华氏度",
          "華氏", "화씨", "فهرنهايت", "डिग्री फ़ारेनहाइट"),
    # degrees of no stated scale: "80 degrees" in American news is Fahrenheit, "26 degrés" in
    # its French translation Celsius
    "deg": ("°", "º", "degree", "degré", "grado", "grad", "градус", "度", "도", "درجة", "درجات",
            "डिग्री"),
}  # fmt: skip


def _unit(key: str) -> Unit:
    for dimension, table in (
        ("length", _LENGTH),
        ("mass", _MASS),
        ("speed", _SPEED),
        ("area", _AREA),
        ("volume", _VOLUME),
    ):
        if key in table:
            return Unit(dimension, table[key])
    if key == "deg":
        return _DEGREES
    factor, offset = _TEMPERATURE[key]
    return Unit("temperature", factor, offset)


_DEGREES = Unit("degrees", 1.0)  # a temperature in Celsius or Fahrenheit (same_quantity tries both)
_CELSIUS = Unit("temperature", *_TEMPERATURE["C"])
_FAHRENHEIT = Unit("temperature", *_TEMPERATURE["F"])


_BY_NAME = {name: _unit(key) for key, names in _NAMES.items() for name in names}
_POUND = _unit("lb")
# Latin, Cyrillic and Arabic names of four letters or more take the endings a plural or a
# case adds ("inches", "километров", "3 километра", "килограммовое"); shorter ones ("m",
# "km", "lb", "см") end their word; CJK and Hangul names need not
_ENDING = (
    r"(?:s|es|e|en|n|ern|a|as|os|ов|а|ы|ах|ам|ами|ом|у|ей|и|я|ях|ів|ового|овое|овая|овой"
    r"|овых|овым|овый)?(?![^\W\d_])"
)
_WORD_END = r"(?![^\W\d_])"


# one-letter symbols that are something else in capitals ("3M", "5G", "5 M$")
_CASE_SENSITIVE = frozenset({"m", "g", "mm", "cm", "km", "kg", "ml"})
# CJK names that begin other words after a number: Japanese "80米ドル" (US dollars), "米国",
# Chinese "3克拉" (carats)
_NOT_BEFORE = {"米": "[ドル国軍大政紙系]", "克": "拉", "度": "目"}


def _is_mark(ch: str) -> bool:
    """A combining mark (a Devanagari vowel sign ends "किलो", "सेमी"): part of the word."""
    return unicodedata.category(ch).startswith("M")


def _unspaced(name: str) -> bool:
    """A name in a script written without spaces (no word ending to check)."""
    return any(
        "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3"
        for ch in name
    ) or name in {"℃", "℉"}


def _tail(name: str) -> str:
    """What must follow ``name`` for it to be a unit: its endings, the end of its word, or
    nothing (a CJK name, a symbol), or not a word it begins ("米ドル")."""
    if name in _NOT_BEFORE:
        return f"(?!{_NOT_BEFORE[name]})"
    if _unspaced(name) or not (name[-1].isalpha() or _is_mark(name[-1])):
        return ""
    return _ENDING if len(name) >= 4 else _WORD_END


@lru_cache(maxsize=1)
def _tails() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(_tail(name), re.IGNORECASE) for name in _BY_NAME}


@lru_cache(maxsize=1)
def _name_begins() -> re.Pattern[str]:
    """The longest unit name (in any case) that begins right after a number, a space or a
    hyphen between: one trie, not the names tried one by one (a number followed by "m" in a
    mountaineering text asks it thousands of times)."""
    return re.compile(r"[\s\u00a0\u202f-]?(?P<name>" + trie_pattern(_BY_NAME) + ")", re.IGNORECASE)


def _unit_after(text: str, end: int) -> Unit | None:
    """The unit whose name follows the number ending at ``end``: the longest name that
    begins there and is followed by what it must be (``_tail``); one-letter and other short
    symbols in lower case only ("3M" is no 3 metres)."""
    found = _unit_name_after(text, end)
    return None if found is None else found[0]


def _unit_name_after(text: str, end: int) -> tuple[Unit, int, int, int] | None:
    """``_unit_after``'s unit, where its name begins and ends as in the table, and where its
    ending ("inches", "километра") ends."""
    match = _name_begins().match(text, end)
    if match is None:
        return None
    begin, found = match.start("name"), match.group("name")
    key = fold_case(found)  # as re.I compared it: "KİLOMETRE", "LİTRE"
    if len(key) != len(found):
        return None
    tails = _tails()
    for size in range(len(key), 0, -1):
        name = key[:size]
        if name not in _BY_NAME:
            continue
        if name in _CASE_SENSITIVE and found[:size] != name:
            continue
        tail = tails[name].match(text, begin + size)
        if tail:
            if _BY_NAME[name] == _POUND and _STERLING.match(text, tail.end()):
                return None  # "2 фунта стерлингов", "5 pounds sterling": money
            return _BY_NAME[name], begin, begin + size, tail.end()
    return None


# Money, not mass: "pounds sterling", "фунтов стерлингов"
_STERLING = re.compile(r"[\s\u00a0]+(?:sterling|стерлинг)", re.IGNORECASE)
# "a mile and a half", "un kilomètre et demi", "zwei Meilen und eine halbe": half a unit more
_AND_A_HALF = re.compile(
    r"[\s\u00a0]+(?:and\s+a\s+half|et\s+demie?|y\s+medi[oa]|e\s+mezz[oa]|e\s+mei[oa]"
    r"|und\s+eine?\s+halbe?)(?![^\W\d_])",
    re.IGNORECASE,
)


# between the two numbers of a range whose unit follows the second: "1 to 4 inches",
# "2,5 до 10 см", "5-10 km", "3至5公里", "3〜5キロメートル"
_RANGE = re.compile(
    r"\s?(?:-|–|—|－|~|〜|～|to|bis|à|a|до|至|到|から|에서|से|إلى|الى)\s?",
    re.IGNORECASE,
)

# "between 5 and 10 cm", "entre 2,5 et 10 cm", "zwischen 5 und 10 cm", "между 5 и 10 см"
_AND = re.compile(r"\s(?:and|et|y|e|und|и|і)\s", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:between|entre|zwischen|tra|fra|между|між)\s\Z", re.IGNORECASE)

# a speed written as a distance after "per hour" set before it: Japanese "時速85マイル",
# Chinese "时速135公里", "每小时 12 英里", Korean "시속 135킬로미터"
_PER_HOUR_BEFORE = re.compile(r"(?:時速|时速|每小时|시속)\s?\Z")


def read_units(
    text: str,
    spans: Sequence[tuple[int, int]],
    value_of: Callable[[int], str | None] | Sequence[str | None] | None = None,
) -> list[Quantity | None]:
    """The quantity each number span of ``text`` (start, end, in text order) measures, or
    None where no unit follows it (nor, in a range, the higher number after it).
    ``value_of``: each span's plain value as the number reader read it ("1.500" is 1500 in
    German), by index (asked only where a unit follows) or as a list; None for a span read
    with a scale ("2.5m miles": the letters after it are the scale's), which measures
    nothing here. Without it the spans are read as plain numbers."""
    named = [_unit_name_after(text, end) for _, end in spans]
    if not any(named):
        return [None] * len(spans)
    units = [None if found is None else found[0] for found in named]
    # "2 miles and a half": half a unit more than the number says
    halves = [found is not None and bool(_AND_A_HALF.match(text, found[3])) for found in named]
    if value_of is None:
        value_of = [_value(text[start:end]) for start, end in spans]
    read = value_of.__getitem__ if isinstance(value_of, Sequence) else value_of
    known: dict[int, float | None] = {}

    def number(k: int) -> float | None:
        """Span ``k``'s plain value, read once, only where asked (a unit follows it or the
        number after it)."""
        if k not in known:
            value = read(k)
            known[k] = None if value is None else float(value)
        return known[k]

    heads: dict[int, int] = {}  # a range's first number -> its second
    for k in range(len(spans) - 2, -1, -1):
        if units[k] is None and units[k + 1] is not None and (low := number(k)) is not None:
            high = number(k + 1)
            gap = text[spans[k][1] : spans[k + 1][0]]
            before = text[max(0, spans[k][0] - 12) : spans[k][0]]
            joined = _RANGE.fullmatch(gap) or (_AND.fullmatch(gap) and _BETWEEN.search(before))
            if high is not None and joined and _signed(text, spans[k][0], low) < high:
                units[k] = units[k + 1]
                heads[k] = k + 1
    for k, (start, _) in enumerate(spans):
        unit = units[k]
        before = text[max(0, start - 5) : start]
        if unit is not None and unit.dimension == "length" and _PER_HOUR_BEFORE.search(before):
            units[k] = Unit("speed", unit.factor / 3600)
            if k in heads:  # "時速10〜15マイル": both ends of the range
                units[heads[k]] = units[k]
    out: list[Quantity | None] = []
    for k, ((start, _), unit) in enumerate(zip(spans, units, strict=True)):
        plain = None if unit is None else number(k)
        if unit is None or plain is None:
            out.append(None)
            continue
        value = _signed(text, start, plain) + (0.5 if halves[k] else 0.0)
        out.append(Quantity(unit, value, value * unit.factor + unit.offset))
    return out


# A unit counted by a word that is no number: an article ("about a mile", "un kilomètre",
# "eine Meile") is one of it, "half" ("half an inch", "a half-mile", "полмили", "半英里") half
# of it. Read where the unit follows at once; such a quantity only pairs with a converted
# number across ("a mile" is "1,6 km"), it is never itself flagged.
_ONE_OF = (
    "a",
    "an",
    "ein",
    "eine",
    "einen",
    "einem",
    "einer",
    "eines",
    "un",
    "une",
    "una",
    "uno",
    "um",
    "uma",
    "een",
    "ett",
)
_HALF_OF = (
    "half",
    "halb",
    "halbe",
    "halben",
    "halber",
    "halbes",
    "demi",
    "medio",
    "media",
    "mezzo",
    "mezza",
    "meio",
    "meia",
)
_COUNTING_WORD = re.compile(
    r"(?<![^\W_])(?:(?P<half>(?:half\s+an?|an?\s+half|" + "|".join(_HALF_OF) + r"))"
    r"|(?P<one>" + "|".join(_ONE_OF) + r"))(?![^\W_])"
    r"|(?<![^\W_])(?P<prefix>пол)|(?P<cjk>半)",
    re.IGNORECASE,
)


def counted_by_words(text: str) -> list[tuple[int, int, Quantity]]:
    """The quantities an article or "half" counts (start and end of the word and its unit,
    the quantity): "about a mile" one mile, "half an inch" half an inch.

    >>> [(text[s:e], q.value) for text in ["about a mile, half an inch, полмили"]
    ...  for s, e, q in counted_by_words(text)]
    [('a mile', 1.0), ('half an inch', 0.5), ('полмили', 0.5)]
    >>> counted_by_words("a man, a 5 km run, un día")
    []
    """
    found = []
    for match in _COUNTING_WORD.finditer(text):
        named = _unit_name_after(text, match.end())
        if named is None:
            continue
        unit, name_start, name_end, end = named
        name = fold_case(text[name_start:name_end])
        if unit is _DEGREES or unit.dimension == "temperature" or name in _NOT_COUNTED:
            continue  # "a degree" of angle; "a pound" of money, "a ton of work", "un livre"
        spelled_out = match.group("one") or match.group("half")
        if spelled_out and end != name_end:
            # an ending after an article or "half": a plural, so no article ("a kilómetros
            # de la costa", a preposition); Russian "полмили" and CJK "半" take theirs
            continue
        value = 1.0 if match.group("one") else 0.5
        if _AND_A_HALF.match(text, end):
            value += 0.5  # "a mile and a half"
        found.append((match.start(), end, Quantity(unit, value, value * unit.factor)))
    return found


# Units an article counts in other senses: money ("a pound", "ein Pfund", "une livre"),
# "a ton of work", a book ("un livre"), a thumb ("un pouce"), a foot ("un pied")
_NOT_COUNTED = frozenset(
    {"pound", "lb", "lbs", "pfund", "livre", "libra", "фунт", "ton", "tons", "tonne",
     "tonnen", "tonelada", "тонн", "тонна", "pouce", "pied"}
)  # fmt: skip


def _value(written: str) -> str | None:
    """A number as written, as the number reader normalises it ("1.500" 1500, "2,5" 2.5)."""
    try:
        return normalize_number(written)
    except (ValueError, IndexError):
        return None


def _signed(text: str, start: int, number: float) -> float:
    """``number`` with the minus sign written just before it ("-15 °C", "−5"), where that
    sign stands after a space, a bracket or the start (not "1950-53", "2-1")."""
    if start and text[start - 1] in "-−" and (start == 1 or not text[start - 2].isalnum()):
        return -number
    return number


def rounding(written: float) -> float:
    """How far a written number may lie from the exact value it rounds: half the place of
    its last non-zero digit, and at least half the place of its second significant digit
    (a converted "135" km/h for 136.8; "300" kg for 294.8; "6" m for 6.1).

    >>> rounding(135), rounding(300), rounding(6), rounding(2.5), rounding(1e-7)
    (5.0, 50.0, 0.5, 0.05, 5e-08)
    """
    if written == 0:
        return 0.5
    digits = Decimal(repr(abs(written))).normalize()
    place_last = Decimal(10) ** digits.as_tuple().exponent
    place_second = Decimal(10) ** (digits.adjusted() - 1)
    return float(max(place_last, place_second)) / 2


def _as(quantity: Quantity, unit: Unit) -> Quantity:
    """``quantity`` read in ``unit`` (a temperature of no stated scale as Celsius, say)."""
    if quantity.unit == unit:
        return quantity
    return Quantity(unit, quantity.value, quantity.value * unit.factor + unit.offset)


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Do two quantities of one dimension in different units say the same, one a rounded
    conversion of the other? Within either's rounding (``rounding``: "300" kg may stand for
    294.8), and never further apart than 5% of the larger, as far as a conversion rounded to
    two significant figures can lie (0.5 in 10): "10" inches (254 mm) is no "30" cm, though
    a "10" written alone may be rounded to the nearest ten. A temperature's 5% is of its
    size from its scale's zero, not from absolute zero.

    >>> ten, quarter, thirty = read_units("10 inches 25 cm 30 cm", [(0, 2), (10, 12), (16, 18)])
    >>> same_quantity(ten, quarter), same_quantity(ten, thirty)
    (True, False)
    >>> spans = [(0, 2), (12, 14), (19, 21)]
    >>> eighty, twenty_seven, thirty = read_units("80 degrees, 27 ºC, 30 °C", spans)
    >>> same_quantity(eighty, twenty_seven), same_quantity(eighty, thirty)
    (True, False)
    """
    if _DEGREES in (a.unit, b.unit):
        return any(
            same_quantity(_as(a, one), _as(b, other))
            for one, other in ((_CELSIUS, _FAHRENHEIT), (_FAHRENHEIT, _CELSIUS))
            if a.unit in (_DEGREES, one) and b.unit in (_DEGREES, other)
        )
    if a.unit.dimension != b.unit.dimension or a.unit == b.unit:
        return False
    slack = max(rounding(a.value) * a.unit.factor, rounding(b.value) * b.unit.factor)
    size = max(abs(a.value * a.unit.factor), abs(b.value * b.unit.factor))
    return abs(a.base - b.base) <= min(slack, 0.05 * size)
