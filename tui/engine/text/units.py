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
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache


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
    "mm": ("mm", "мм", "毫米", "ミリメートル", "밀리미터", "ملم", "मिमी", "millimet", "миллиметр"),
    "cm": ("cm", "см", "厘米", "公分", "センチ", "센티미터", "센티", "سم", "सेमी", "सेंटीमीटर",
           "zentimeter", "centimet", "centímet", "сантиметр"),
    "m": ("m", "м", "米", "公尺", "メートル", "미터", "متر", "أمتار", "امتار", "मीटर", "meter",
          "metre", "mètre", "metro", "метр", "метров", "метра"),
    "km": ("km", "км", "公里", "千米", "キロメートル", "킬로미터", "كم", "كيلومتر", "किमी",
           "किलोमीटर", "kilomet", "kilomèt", "kilómet", "километр"),
    "inch": ("inch", "inches", "zoll", "pouce", "pulgada", "дюйм", "英寸", "インチ", "인치",
             "بوصة", "بوصات", "इंच"),
    "foot": ("foot", "feet", "ft", "fuß", "fuss", "pied", "pie", "pies", "фут", "英尺",
             "フィート", "피트", "قدم", "أقدام", "اقدام", "फुट", "फीट"),
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
    "oz": ("ounce", "oz", "unze", "once", "onza", "унци", "盎司", "オンス", "온스", "أونصة",
           "اونصة", "औंस"),
    # speed
    "km/h": ("km/h", "kmh", "km/std", "км/ч", "км/час", "公里/小时", "公里每小时", "千米/小时",
             "千米每小时", "キロ/時", "km/時", "킬로미터/시", "كم/ساعة", "كم/س", "किमी/घंटा",
             "किमी प्रति घंटा", "किलोमीटर प्रति घंटे", "kilometer pro stunde",
             "kilometern pro stunde", "stundenkilometer", "kilomètres par heure",
             "kilomètres à l'heure", "km par heure", "kilómetros por hora", "km por hora",
             "километров в час", "километра в час"),
    "mph": ("mph", "miles per hour", "meilen pro stunde", "milles à l'heure",
            "millas por hora", "miles an hour", "миль в час", "英里/小时", "英里每小时",
            "マイル/時", "마일/시",
            "ميل في الساعة", "मील प्रति घंटे", "मील प्रति घंटा"),
    "m/s": ("m/s", "м/с", "米/秒", "米每秒"),
    # area
    "ha": ("ha", "hectare", "hektar", "hectárea", "гектар", "га", "公顷", "ヘクタール", "헥타르",
           "هكتار", "हेक्टेयर"),
    "acre": ("acre", "акр", "英亩", "エーカー", "에이커", "فدان", "एकड़"),
    "km2": ("km²", "km2", "км²", "км2", "平方公里", "平方千米", "平方キロメートル",
            "제곱킬로미터", "كم²", "كم2", "वर्ग किलोमीटर", "square kilomet", "quadratkilometer",
            "kilomètres carrés", "kilómetros cuadrados", "квадратных километр"),
    "sqmi": ("square mile", "sq mi", "квадратных миль", "平方英里", "平方マイル", "제곱마일",
             "ميل مربع", "वर्ग मील"),
    # volume
    "l": ("liter", "litre", "litro", "литр", "升", "リットル", "리터", "لتر", "लीटर"),
    "ml": ("ml", "мл", "毫升", "ミリリットル", "밀리리터", "مل", "मिली"),
    "gallon": ("gallon", "gallone", "galón", "галлон", "加仑", "ガロン", "갤런", "غالون", "गैलन"),
    # temperature
    "C": ("°c", "ºc", "° c", "º c", "℃", "grad celsius", "degrés celsius", "grados celsius",
          "градус цельсия", "градусов цельсия", "градуса цельсия", "摄氏度", "攝氏度", "섭씨",
          "درجة مئوية", "درجات مئوية", "डिग्री सेल्सियस"),
    "F": ("°f", "ºf", "° f", "º f", "℉", "fahrenheit", "grad fahrenheit", "degrés fahrenheit",
          "grados fahrenheit", "градус фаренгейта", "градусов по фаренгейту", "华氏度",
          "華氏", "화씨", "فهرنهايت", "डिग्री फ़ारेनहाइट"),
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
    factor, offset = _TEMPERATURE[key]
    return Unit("temperature", factor, offset)


_BY_NAME = {name: _unit(key) for key, names in _NAMES.items() for name in names}
# Latin, Cyrillic and Arabic names of four letters or more take the endings a plural or a
# case adds ("inches", "километров", "килограммовое"); shorter ones ("m", "km", "lb", "см")
# end their word; CJK and Hangul names need not
_ENDING = r"[^\W\d_]{0,10}?(?![^\W\d_])"
_WORD_END = r"(?![^\W\d_])"


def _unspaced(name: str) -> bool:
    """A name in a script written without spaces (no word ending to check)."""
    return any(
        "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3"
        for ch in name
    ) or name in {"℃", "℉"}


@lru_cache(maxsize=1)
def _after_number() -> re.Pattern[str]:
    """A unit's name right after a number (a space or a hyphen between), the longest name
    first; group ``u<k>`` names the k-th of ``_names_in_order``."""
    alternatives = []
    for k, name in enumerate(_names_in_order()):
        escaped = re.escape(name)
        if _unspaced(name) or not name[-1].isalpha():
            tail = ""
        elif len(name) >= 4:
            tail = _ENDING
        else:
            tail = _WORD_END
        alternatives.append(f"(?P<u{k}>{escaped}){tail}")
    return re.compile(r"[\s\u00a0\u202f-]?(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


@lru_cache(maxsize=1)
def _names_in_order() -> list[str]:
    return sorted(_BY_NAME, key=len, reverse=True)


# between the two numbers of a range whose unit follows the second: "1 to 4 inches",
# "2,5 до 10 см", "5-10 km", "3至5公里", "3〜5キロメートル"
_RANGE = re.compile(
    r"\s?(?:-|–|—|－|~|〜|～|to|bis|à|a|y|and|und|et|и|до|至|到|から|에서|से|إلى|الى)\s?",
    re.IGNORECASE,
)


def _unit_after(text: str, end: int) -> Unit | None:
    match = _after_number().match(text, end)
    if match is None:
        return None
    name = _names_in_order()[int(match.lastgroup[1:])]  # type: ignore[index]
    return _BY_NAME[name]


# a speed written as a distance after "per hour" set before it: Japanese "時速85マイル",
# Chinese "时速135公里", Korean "시속 135킬로미터"
_PER_HOUR_BEFORE = re.compile(r"(?:時速|时速|시속)\s?\Z")


def read_units(text: str, spans: Sequence[tuple[int, int]]) -> list[Quantity | None]:
    """The quantity each number span of ``text`` (start, end, in text order) measures, or
    None where no unit follows it (nor, in a range, the number after it)."""
    units = [_unit_after(text, end) for _, end in spans]
    for k, (start, _) in enumerate(spans):
        unit = units[k]
        before = text[max(0, start - 4) : start]
        if unit is not None and unit.dimension == "length" and _PER_HOUR_BEFORE.search(before):
            units[k] = Unit("speed", unit.factor / 3600)
    for k in range(len(spans) - 2, -1, -1):
        if units[k] is None and units[k + 1] is not None:
            gap = text[spans[k][1] : spans[k + 1][0]]
            if _RANGE.fullmatch(gap):
                units[k] = units[k + 1]
    out: list[Quantity | None] = []
    for (start, end), unit in zip(spans, units, strict=True):
        value = _value(text[start:end]) if unit is not None else None
        if unit is None or value is None:
            out.append(None)
        else:
            out.append(Quantity(unit, value, value * unit.factor + unit.offset))
    return out


def _value(written: str) -> float | None:
    """The number as written, with a comma or a point as its decimal mark ("2,5", "6.6")
    where it stands alone (a thousands separator is read by the number anchors first)."""
    cleaned = written.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned and len(cleaned.split(",")[1]) != 3:
        cleaned = cleaned.replace(",", ".")
    cleaned = cleaned.replace(",", "")
    try:
        return float(Decimal(cleaned))
    except InvalidOperation:
        return None


def rounding(written: float) -> float:
    """How far a written number may lie from the exact value it rounds: half the place of
    its last non-zero digit, and at least half the place of its second significant digit
    (a converted "135" km/h for 136.8; "300" kg for 294.8; "6" m for 6.1).

    >>> rounding(135), rounding(300), rounding(6), rounding(2.5)
    (5.0, 50.0, 0.5, 0.05)
    """
    if written == 0:
        return 0.5
    magnitude = abs(written)
    text = f"{magnitude:.6f}".rstrip("0").rstrip(".")
    digits = text.replace(".", "")
    point = text.find(".") if "." in text else len(text)
    last = max(k for k, ch in enumerate(digits) if ch != "0") if digits.strip("0") else 0
    place_last = 10.0 ** (point - 1 - last)
    first = next(k for k, ch in enumerate(digits) if ch != "0")
    place_second = 10.0 ** (point - 2 - first)
    return max(place_last, place_second) / 2


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
    """
    if a.unit.dimension != b.unit.dimension or a.unit == b.unit:
        return False
    slack = max(rounding(a.value) * a.unit.factor, rounding(b.value) * b.unit.factor)
    size = max(abs(a.value * a.unit.factor), abs(b.value * b.unit.factor))
    return abs(a.base - b.base) <= min(slack, 0.05 * size)
