"""Number words of every language the dev sets hold (and Portuguese, Dutch and Armenian, which
new users' trials met), as data: cardinals 0-20, the tens,
hundreds where one word says them, and the scale words; the CJK and Sino-Korean numeral
characters; the abbreviated scales that follow digits ("£11m", "2,8 Mrd.", "11 млн").

Written by hand: no library parses numbers in all of these languages offline (text2num 3.1:
en de fr es and four more, no Russian, Arabic, Hindi or CJK; number-parser 0.3: en es ru hi;
cn2an 0.5: Chinese only, and it leaves "1.5亿" and Japanese "億" alone).

Forms are listed as written; ``number_words`` matches them with and without their accents.
"""

from __future__ import annotations

# fmt: off
# (the tables keep several entries a line)

# value -> forms (space-separated) of each language. Inflected forms are listed where a
# language inflects its numerals (Russian cases, Arabic masculine and feminine, German
# "Millionen"). Forms for 1 are in VALUE_ONLY: "one", "un", "एक" are as often a pronoun or
# an article. Portuguese "um" and Dutch "een" (one, and the article) are left out: German
# "um" (um 14 Uhr) would read as a 1 and hide a changed one across ("trinta e um" is read:
# SEPARATE_COMPOUND_ENDS).
WORDS: dict[str, dict[int, str]] = {
    "en": {
        0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six",
        7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve",
        13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen",
        18: "eighteen", 19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty",
        50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety",
        100: "hundred hundreds", 1000: "thousand thousands", 10**6: "million millions",
        10**9: "billion billions", 10**12: "trillion trillions",
    },
    "de": {
        0: "null", 1: "eins", 2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs",
        7: "sieben", 8: "acht", 9: "neun", 10: "zehn", 11: "elf", 12: "zwölf",
        13: "dreizehn", 14: "vierzehn", 15: "fünfzehn", 16: "sechzehn", 17: "siebzehn",
        18: "achtzehn", 19: "neunzehn", 20: "zwanzig", 30: "dreißig dreissig",
        40: "vierzig", 50: "fünfzig", 60: "sechzig", 70: "siebzig", 80: "achtzig",
        90: "neunzig", 100: "hundert", 1000: "tausend",
        10**6: "million millionen", 10**9: "milliarde milliarden",
        10**12: "billion billionen",
    },
    "fr": {
        0: "zéro", 1: "un une", 2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six",
        7: "sept", 8: "huit", 9: "neuf", 10: "dix", 11: "onze", 12: "douze",
        13: "treize", 14: "quatorze", 15: "quinze", 16: "seize", 20: "vingt vingts",
        30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante",
        100: "cent cents", 1000: "mille", 10**6: "million millions",
        10**9: "milliard milliards",
    },
    "es": {
        0: "cero", 1: "uno", 2: "dos", 3: "tres", 4: "cuatro", 5: "cinco", 6: "seis",
        7: "siete", 8: "ocho", 9: "nueve", 10: "diez", 11: "once", 12: "doce",
        13: "trece", 14: "catorce", 15: "quince", 16: "dieciséis", 17: "diecisiete",
        18: "dieciocho", 19: "diecinueve", 20: "veinte", 21: "veintiuno veintiún",
        22: "veintidós", 23: "veintitrés", 24: "veinticuatro", 25: "veinticinco",
        26: "veintiséis", 27: "veintisiete", 28: "veintiocho", 29: "veintinueve",
        30: "treinta", 40: "cuarenta", 50: "cincuenta", 60: "sesenta", 70: "setenta",
        80: "ochenta", 90: "noventa", 100: "cien ciento cientos",
        200: "doscientos doscientas", 300: "trescientos trescientas",
        400: "cuatrocientos cuatrocientas", 500: "quinientos quinientas",
        600: "seiscientos seiscientas", 700: "setecientos setecientas",
        800: "ochocientos ochocientas", 900: "novecientos novecientas",
        1000: "mil", 10**6: "millón millones", 10**12: "billón billones",
    },
    "it": {
        0: "zero", 2: "due", 3: "tre", 4: "quattro", 5: "cinque", 6: "sei", 7: "sette",
        8: "otto", 9: "nove", 10: "dieci", 11: "undici", 12: "dodici", 13: "tredici",
        14: "quattordici", 15: "quindici", 16: "sedici", 17: "diciassette",
        18: "diciotto", 19: "diciannove", 20: "venti", 30: "trenta", 40: "quaranta",
        50: "cinquanta", 60: "sessanta", 70: "settanta", 80: "ottanta", 90: "novanta",
        100: "cento", 1000: "mille mila", 10**6: "milione milioni",
        10**9: "miliardo miliardi",
    },
    "pt": {
        0: "zero", 2: "dois duas", 3: "três", 4: "quatro", 5: "cinco",
        6: "seis", 7: "sete", 8: "oito", 9: "nove", 10: "dez", 11: "onze", 12: "doze",
        13: "treze", 14: "catorze quatorze", 15: "quinze", 16: "dezesseis dezasseis",
        17: "dezessete dezassete", 18: "dezoito", 19: "dezenove dezanove", 20: "vinte",
        30: "trinta", 40: "quarenta", 50: "cinquenta cinqüenta", 60: "sessenta",
        70: "setenta", 80: "oitenta", 90: "noventa", 100: "cem cento",
        200: "duzentos duzentas", 300: "trezentos trezentas",
        400: "quatrocentos quatrocentas", 500: "quinhentos quinhentas",
        600: "seiscentos seiscentas", 700: "setecentos setecentas",
        800: "oitocentos oitocentas", 900: "novecentos novecentas", 1000: "mil",
        10**6: "milhão milhões", 10**9: "bilhão bilhões", 10**12: "bilião biliões",
    },
    "nl": {
        2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes",
        7: "zeven", 8: "acht", 9: "negen", 10: "tien", 11: "elf", 12: "twaalf",
        13: "dertien", 14: "veertien", 15: "vijftien", 16: "zestien", 17: "zeventien",
        18: "achttien", 19: "negentien", 20: "twintig", 30: "dertig", 40: "veertig",
        50: "vijftig", 60: "zestig", 70: "zeventig", 80: "tachtig", 90: "negentig",
        100: "honderd", 1000: "duizend", 10**6: "miljoen miljoenen",
        10**9: "miljard miljarden",
    },
    "ru": {
        0: "ноль нуль", 1: "один одна одно одного одной одному одним",
        2: "два две двух двум двумя", 3: "три трёх трём тремя",
        4: "четыре четырёх четырём четырьмя", 5: "пять пяти пятью",
        6: "шесть шести шестью", 7: "семь семи семью", 8: "восемь восьми восемью",
        9: "девять девяти девятью", 10: "десять десяти десятью",
        11: "одиннадцать одиннадцати", 12: "двенадцать двенадцати",
        13: "тринадцать тринадцати", 14: "четырнадцать четырнадцати",
        15: "пятнадцать пятнадцати", 16: "шестнадцать шестнадцати",
        17: "семнадцать семнадцати", 18: "восемнадцать восемнадцати",
        19: "девятнадцать девятнадцати", 20: "двадцать двадцати",
        30: "тридцать тридцати", 40: "сорок сорока", 50: "пятьдесят пятидесяти",
        60: "шестьдесят шестидесяти", 70: "семьдесят семидесяти",
        80: "восемьдесят восьмидесяти", 90: "девяносто девяноста", 100: "сто ста сотни",
        200: "двести двухсот", 300: "триста трёхсот", 400: "четыреста четырёхсот",
        500: "пятьсот пятисот", 600: "шестьсот шестисот", 700: "семьсот семисот",
        800: "восемьсот восьмисот", 900: "девятьсот девятисот",
        1000: "тысяча тысячи тысяч тысячу тысячам тысячами",
        10**6: "миллион миллиона миллионов миллионам миллионами",
        10**9: "миллиард миллиарда миллиардов миллиардам миллиардами",
        10**12: "триллион триллиона триллионов",
    },
    "ar": {
        0: "صفر", 1: "واحد واحدة", 2: "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي ثاني ثانية",
        3: "ثلاثة ثلاث ثالث ثالثة", 4: "أربعة أربع رابع رابعة", 5: "خمسة خمس خامس خامسة",
        6: "ستة سادس سادسة", 7: "سبعة سبع سابع سابعة", 8: "ثمانية ثماني ثمان ثامن ثامنة",
        9: "تسعة تسع تاسع تاسعة", 10: "عشرة عشر عاشر عاشرة", 11: "أحد إحدى حادي حادية",
        20: "عشرون عشرين", 30: "ثلاثون ثلاثين", 40: "أربعون أربعين",
        50: "خمسون خمسين", 60: "ستون ستين", 70: "سبعون سبعين", 80: "ثمانون ثمانين",
        90: "تسعون تسعين", 100: "مئة مائة", 200: "مئتان مئتين مائتان مائتين",
        1000: "ألف آلاف", 2000: "ألفان ألفين", 10**6: "مليون ملايين",
        10**9: "مليار مليارات بليون",
    },
    "hi": {
        0: "शून्य", 1: "एक", 2: "दो", 3: "तीन", 4: "चार", 5: "पाँच पांच", 6: "छह छः",
        7: "सात", 8: "आठ", 9: "नौ", 10: "दस", 11: "ग्यारह", 12: "बारह", 13: "तेरह",
        14: "चौदह", 15: "पंद्रह पन्द्रह", 16: "सोलह", 17: "सत्रह", 18: "अठारह",
        19: "उन्नीस", 20: "बीस", 30: "तीस", 40: "चालीस", 50: "पचास", 60: "साठ",
        70: "सत्तर", 80: "अस्सी", 90: "नब्बे", 100: "सौ", 1000: "हज़ार हजार",
        10**5: "लाख", 10**6: "मिलियन", 10**7: "करोड़", 10**9: "बिलियन अरब",
    },
    # Armenian (a new user's trial: "23 հազար" is 23,000): the scales with the article and
    # the cases a count after digits takes ("23 հազարից", from 23 thousand); the teens are
    # one word; "տասն", "ինն" before a vowel.
    "hy": {
        0: "զրո", 1: "մեկ", 2: "երկու", 3: "երեք", 4: "չորս", 5: "հինգ", 6: "վեց",
        7: "յոթ յոթը", 8: "ութ ութը", 9: "ինը ինն", 10: "տասը տաս տասն", 11: "տասնմեկ",
        12: "տասներկու", 13: "տասներեք", 14: "տասնչորս", 15: "տասնհինգ", 16: "տասնվեց",
        17: "տասնյոթ", 18: "տասնութ", 19: "տասնինը", 20: "քսան", 30: "երեսուն",
        40: "քառասուն", 50: "հիսուն", 60: "վաթսուն", 70: "յոթանասուն", 80: "ութսուն",
        90: "իննսուն", 100: "հարյուր հարյուրը",
        1000: "հազար հազարը հազարի հազարից հազարով",
        10**6: "միլիոն միլիոնը միլիոնի միլիոնից միլիոնով",
        10**9: "միլիարդ միլիարդը միլիարդի միլիարդից միլիարդով",
        10**12: "տրիլիոն",
    },
    # Native Korean numerals (Sino-Korean ones are characters, below): the forms before a
    # counter ("두 교회", two churches) and the plain ones.
    "ko": {
        1: "하나 한", 2: "둘 두", 3: "셋 세", 4: "넷 네", 5: "다섯", 6: "여섯", 7: "일곱",
        8: "여덟", 9: "아홉", 10: "열", 20: "스물 스무", 30: "서른", 40: "마흔", 50: "쉰",
        60: "예순", 70: "일흔", 80: "여든", 90: "아흔",
    },
}

# Forms that satisfy an equal number across but are never flagged alone: they are as often
# something else ("one"; French "neuf" is "new"; Italian "sei" "you are"; Hindi "अरब" "Arab";
# Korean "세" "age", "네" "yes", "열" "heat"; a lone "null"), an ordinal (Arabic "ثالث",
# third, as in "19th"), or vague: "thousands", "Millionen Menschen", "des milliers".
VALUE_ONLY: dict[str, str] = {
    "en": "one zero hundreds thousands millions billions trillions",
    "de": "eins null millionen milliarden billionen",
    "fr": "un une neuf cents millions milliards",
    "es": "uno cientos millones billones",
    "it": "sei milioni miliardi",
    "pt": "milhões bilhões biliões",
    "nl": "miljoenen miljarden",
    "ru": "один одна одно одного одной одному одним сотни тысячи тысяч тысячам тысячами "
    "миллионов миллионам миллионами миллиардов миллиардам миллиардами триллионов",
    "ar": "واحد واحدة أحد إحدى ستة آلاف ملايين مليارات ثاني ثانية ثالث ثالثة رابع رابعة "
    "خامس خامسة سادس سادسة سابع سابعة ثامن ثامنة تاسع تاسعة عاشر عاشرة حادي حادية",
    "hi": "एक अरब",
    "hy": "մեկ",
    "ko": "하나 한 둘 두 셋 세 넷 네 열 스물 스무 다섯 여섯 일곱 여덟 아홉 쉰",
}

# Ordinal words, which Japanese, Chinese and Korean write with digits ("second" is "2度目",
# "第2", "2번째"; "zweite" is "2e" in French): values that satisfy a number left unmatched
# across, never flagged themselves ("second" is also a unit of time, "первый" the first of
# many things). Each language's forms, inflected where it inflects them; English compounds
# ("twenty-first") are made from the tens and the first nine (number_words).
ORDINAL_WORDS: dict[str, dict[int, str]] = {
    "en": {
        1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth",
        7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth",
        13: "thirteenth", 14: "fourteenth", 15: "fifteenth", 16: "sixteenth",
        17: "seventeenth", 18: "eighteenth", 19: "nineteenth", 20: "twentieth",
        30: "thirtieth", 40: "fortieth", 50: "fiftieth", 60: "sixtieth", 70: "seventieth",
        80: "eightieth", 90: "ninetieth", 100: "hundredth",
    },
    "de": {
        1: "erste ersten erster erstes erstem", 2: "zweite zweiten zweiter zweites zweitem",
        3: "dritte dritten dritter drittes drittem", 4: "vierte vierten vierter viertes",
        5: "fünfte fünften fünfter fünftes", 6: "sechste sechsten sechster sechstes",
        7: "siebte siebten siebter siebtes", 8: "achte achten achter achtes",
        9: "neunte neunten neunter neuntes", 10: "zehnte zehnten zehnter zehntes",
    },
    "fr": {
        1: "premier première premiers premières", 2: "deuxième deuxièmes second seconde",
        3: "troisième", 4: "quatrième", 5: "cinquième", 6: "sixième", 7: "septième",
        8: "huitième", 9: "neuvième", 10: "dixième", 20: "vingtième", 100: "centième",
    },
    "es": {
        1: "primero primera primer primeros primeras", 2: "segundo segunda",
        3: "tercero tercera tercer", 4: "cuarta", 5: "quinto quinta", 6: "sexto sexta",
        7: "séptimo séptima", 8: "octavo octava", 9: "noveno novena", 10: "décimo décima",
    },
    "ru": {
        1: "первый первая первое первые первого первой первому первым первом первую первых",
        2: "второй вторая второе вторые второго второму вторым втором вторую вторых",
        3: "третий третья третье третьи третьего третьей третьему третьим третьем третью "
           "третьих",
        4: "четвертый четвёртый четвертая четвёртая четвертое четвёртое четвертого "
           "четвёртого четвертой четвёртой четвертом четвёртом",
        5: "пятый пятая пятое пятого пятой пятом", 6: "шестой шестая шестое шестого шестом",
        7: "седьмой седьмая седьмое седьмого седьмом", 8: "восьмой восьмая восьмое восьмого",
        9: "девятый девятая девятое девятого", 10: "десятый десятая десятое десятого",
    },
    "hi": {
        2: "दूसरा दूसरी", 3: "तीसरा तीसरी तीसरे", 4: "चौथा चौथी चौथे",
        5: "पांचवां पाँचवाँ पांचवीं पाँचवीं पांचवें पाँचवें",
    },
    "ar": {
        1: "الأول الأولى الاول الاولى", 2: "الثاني الثانية", 3: "الثالث الثالثة",
        4: "الرابع الرابعة", 5: "الخامس الخامسة", 6: "السادس السادسة", 7: "السابع السابعة",
        8: "الثامن الثامنة", 9: "التاسع التاسعة", 10: "العاشر العاشرة",
    },
}

# Words that count without being numbers, read like the ordinals (only against a number left
# unmatched across, never flagged): "both teams" = "2チーム", "doubled" = "2倍", "a decade
# later" = "10 ans plus tard", "a dozen" = "12".
COUNTING_WORDS: dict[str, dict[int, str]] = {
    "en": {2: "both twice double doubled couple", 3: "thrice triple tripled", 10: "decade",
           12: "dozen"},
    "de": {1: "ein eine einen einem einer eines",
           2: "beide beiden beider doppelt doppelte doppelten verdoppelt "
              "verdoppelte verdoppeln", 3: "verdreifacht", 10: "jahrzehnt",
           12: "dutzend"},
    "fr": {2: "double doublé doublée doubler", 10: "décennie", 12: "douzaine"},
    "es": {1: "un una", 2: "ambos ambas doble duplicó duplicar", 10: "década", 12: "docena"},
    "it": {1: "un una uno"},
    "pt": {1: "um uma"},
    "ru": {2: "оба обе обоих дважды вдвое", 10: "десятилетие десятилетия", 12: "дюжина"},
}  # fmt: skip

# Languages whose forms are read only in a text of that language: words of theirs are common
# words of others ("tien", "sete", "elf"); a mixed paragraph's Dutch number goes unread.
OWN_TEXT_ONLY = ("pt", "nl")

# Forms that count only inside a compound ("einundzwanzig"), never alone ("ein" is "a").
COMPOUND_ONLY: dict[str, str] = {"de": "ein"}
# Stems of adjectives and adverbs written as one word after a number, with any ending: German
# "dreimonatiger" (three-month), "zweijährige", "fünftägig", "dreifach", "zweimal"; Dutch
# "driemaandelijks", "tweejarig", "tweemaal" (English "three-month" reads as 3: a tenth
# trial's "dreimonatiger" left a "3" across alone). Read only with a number of the stem's
# language, the number alone the span; never "ein" ("einfach" is simple, "einmal" once).
COMPOUND_STEMS: dict[str, str] = {
    "de": "jährig jährlich monatig monatlich wöchig wöchentlich tägig täglich stündig "
          "stündlich minütig sekündig stöckig geschossig seitig teilig fach mal",
    "nl": "jarig jaarlijks maands maandelijks weeks wekelijks daags urig voudig delig zijdig "
          "maal",
}  # fmt: skip
# Forms that end a number written apart ("trinta e um", 31) after a connector, never alone.
SEPARATE_COMPOUND_ENDS: dict[str, int] = {"um": 1, "uma": 1}

# Joining words between the parts of one number: "twenty-one", "vingt et un",
# "treinta y cinco", "ثلاثة وعشرون" (the Arabic "و" is written against the next word).
CONNECTORS = ("and", "und", "et", "y", "e", "и", "و")

# Scales written after digits only, abbreviated: "£11m", "$2.8bn", "2,8 Mrd.", "11 млн".
DIGIT_SUFFIX_SCALES: dict[str, int] = {
    "k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12,
    "tsd": 1000, "mio": 10**6, "mrd": 10**9, "mln": 10**6, "mld": 10**9,
    "тыс": 1000, "млн": 10**6, "млрд": 10**9, "трлн": 10**12,
    "tys": 1000, "tis": 1000,  # Polish "140 tys.", Czech and Slovak "12 tis."
    "հազ": 1000, "մլն": 10**6, "մլրդ": 10**9, "տրլն": 10**12,  # Armenian
    # Scale words written out after digits, of languages whose other number words are not
    # read here (a fifth trial: Czech "65 tisíc", Georgian "345 ათასი", Bengali "১২ লাখ" for
    # 1.2 million were each reported as a changed number). Only after digits: alone they
    # are not read as numbers.
    # Czech, Slovak, Polish
    "tisíc": 1000, "tisíce": 1000, "tisícov": 1000, "tysięcy": 1000, "tysiące": 1000,
    "milion": 10**6, "miliony": 10**6, "milionů": 10**6, "milionu": 10**6,
    "milión": 10**6, "milióny": 10**6, "miliónov": 10**6, "milionów": 10**6,
    "miliarda": 10**9, "miliardy": 10**9, "miliard": 10**9, "miliardu": 10**9,
    "miliárd": 10**9, "miliardów": 10**9,
    # Romanian; Swedish, Norwegian, Danish; Turkish; Indonesian and Malay; Vietnamese
    "mii": 1000, "milioane": 10**6, "miliarde": 10**9,
    "tusen": 1000, "miljon": 10**6, "miljoner": 10**6, "millioner": 10**6,
    "miljarder": 10**9, "milliarder": 10**9,
    "milyon": 10**6, "milyar": 10**9,
    "ribu": 1000, "juta": 10**6, "miliar": 10**9,
    "nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9,
    # Serbian, Croatian, Bosnian (Cyrillic and Latin); Ukrainian; Greek
    "хиљада": 1000, "хиљаде": 1000, "милион": 10**6, "милиона": 10**6,
    "милијарди": 10**9, "милијарде": 10**9, "милијарда": 10**9,
    "hiljada": 1000, "hiljade": 1000, "tisuća": 1000, "tisuće": 1000,
    "miliona": 10**6, "milijuna": 10**6, "milijardi": 10**9, "milijarde": 10**9,
    "тисяч": 1000, "тисячі": 1000, "мільйон": 10**6, "мільйони": 10**6,
    "мільйонів": 10**6, "мільярд": 10**9, "мільярди": 10**9, "мільярдів": 10**9,
    "χιλιάδες": 1000, "εκατομμύρια": 10**6, "εκατομμύριο": 10**6,
    "δισεκατομμύρια": 10**9,
    # Georgian; Persian; Hebrew
    # (with the case endings a count takes: "300 ათასზე მეტი", over 300,000)
    "ათასი": 1000, "ათას": 1000, "ათასზე": 1000, "ათასით": 1000, "ათასამდე": 1000,
    "ათასის": 1000, "მილიონი": 10**6, "მილიონ": 10**6, "მილიონზე": 10**6,
    "მილიონით": 10**6, "მილიონამდე": 10**6, "მილიონის": 10**6,
    "მილიარდი": 10**9, "მილიარდ": 10**9, "მილიარდზე": 10**9, "მილიარდის": 10**9,
    "هزار": 1000, "میلیون": 10**6, "میلیارد": 10**9,
    "אלף": 1000, "מיליון": 10**6, "מיליארד": 10**9,
    # Bengali, Tamil: the lakh (100,000) and crore (10,000,000) of South Asian numbering
    # (and their genitive: "১২ লাখের বেশি", over 1.2 million)
    "হাজার": 1000, "হাজারের": 1000, "লাখ": 10**5, "লাখের": 10**5, "লক্ষ": 10**5,
    "লক্ষের": 10**5, "কোটি": 10**7, "কোটির": 10**7,
    "ஆயிரம்": 1000, "லட்சம்": 10**5, "கோடி": 10**7, "மில்லியன்": 10**6,
    # A sixth trial: Hungarian "310 ezer" and Urdu "18 لاکھ" (1.8 million) were reported
    # as changed numbers. Hungarian; Finnish and Estonian; Latvian, Lithuanian, Slovenian,
    # Albanian; Bulgarian, Macedonian, Kazakh, Mongolian; Uzbek, Filipino
    "ezer": 1000, "ezren": 1000, "millió": 10**6, "milliárd": 10**9,
    "tuhat": 1000, "tuhatta": 1000, "miljoona": 10**6, "miljoonaa": 10**6,
    "miljardi": 10**9, "miljardia": 10**9, "miljonit": 10**6, "miljardit": 10**9,
    "tūkstoši": 1000, "tūkstošiem": 1000, "miljoni": 10**6, "miljonu": 10**6,
    "tūkstančių": 1000, "tūkstančiai": 1000, "milijonų": 10**6,
    "milijonai": 10**6, "milijardų": 10**9, "tisoč": 1000, "milijonov": 10**6,
    "milijona": 10**6, "milijard": 10**9, "mijë": 1000, "milionë": 10**6,
    "miliardë": 10**9,
    "хиляди": 1000, "хиляда": 1000, "милиарда": 10**9, "илјади": 1000, "милиони": 10**6,
    "мың": 1000, "мянга": 1000, "сая": 10**6, "ming": 1000, "libo": 1000, "milyong": 10**6,
    # a seventh trial: Tagalog with its linker ("140 libong"), Kazakh with its case endings
    # ("200 мыңнан астам", over 200,000). Not Malay "bilion" (10^9): Polish and Czech
    # "bilion" is 10^12, and a false friend translated wrong must stay flagged.
    "libong": 1000, "мыңнан": 1000, "мыңға": 1000, "мыңы": 1000,
    "мыңдай": 1000, "миллионнан": 10**6, "миллиондай": 10**6,
    # Urdu (its own heh: not Persian's هزار), Nepali, Marathi, Gujarati, Punjabi (Gurmukhi),
    # Telugu, Kannada, Malayalam, Sinhala: thousands, lakhs, crores and billions
    "ہزار": 1000, "لاکھ": 10**5, "کروڑ": 10**7, "ارب": 10**9,
    "हजार": 1000, "हज़ार": 1000, "लाख": 10**5, "करोड": 10**7, "करोड़": 10**7,
    "कोटी": 10**7, "अर्ब": 10**9,
    # the same with the nukta letters precomposed (U+095B, U+095C, U+0A5B), as some text is
    "\u0939\u095b\u093e\u0930": 1000, "\u0915\u0930\u094b\u095c": 10**7,
    "હજાર": 1000, "લાખ": 10**5, "કરોડ": 10**7,
    "ਹਜ਼ਾਰ": 1000, "ਹਜਾਰ": 1000, "ਲੱਖ": 10**5, "ਕਰੋੜ": 10**7, "\u0a39\u0a5b\u0a3e\u0a30": 1000,
    "వేలు": 1000, "వేల": 1000, "లక్ష": 10**5, "లక్షల": 10**5, "కోట్లు": 10**7,
    "కోట్ల": 10**7, "ಸಾವಿರ": 1000, "ಲಕ್ಷ": 10**5, "ಕೋಟಿ": 10**7,
    "ആയിരം": 1000, "ലക്ഷം": 10**5, "കോടി": 10**7,
    "දහස": 1000, "ලක්ෂ": 10**5, "කෝටි": 10**7, "මිලියන": 10**6,
    # Amharic
    "ሺህ": 1000, "ሺ": 1000, "ሚሊዮን": 10**6, "ቢሊዮን": 10**9,
}
# Words for ten years after a number: "three decades" is 30 years, as Japanese 30年 and
# Chinese 三十年 say it ("drei Jahrzehnte", "trois décennies", "три десятилетия").
DECADE_WORDS = (
    "decade", "decades", "décennie", "décennies", "década", "décadas", "decenio", "decenios",
    "decennio", "decenni", "Jahrzehnt", "Jahrzehnte", "Jahrzehnten", "десятилетие",
    "десятилетия", "десятилетий", "десятилетиями", "десятилетиях",
)  # fmt: skip

# Thai scale words after digits ("18,400 ล้าน", 18.4 billion), written against the word after
# them ("ล้านบาท"); not พัน (thousand), the start of other words ("พันธุ์", breed).
UNSPACED_DIGIT_SCALES: dict[str, int] = {
    "พันล้าน": 10**9, "ล้าน": 10**6, "แสน": 10**5, "หมื่น": 10**4,
    # Lao and Khmer, written the same way ("5 ລ້ານກີບ", "៥ លានរៀល"); Burmese
    "ພັນລ້ານ": 10**9, "ລ້ານ": 10**6, "ແສນ": 10**5, "ໝື່ນ": 10**4,
    "ពាន់លាន": 10**9, "លាន": 10**6, "សែន": 10**5, "ម៉ឺន": 10**4,
    "သန်း": 10**6, "သိန်း": 10**5,
}

# CJK numerals (Chinese and Japanese; the traditional and financial forms too).
CJK_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "貳": 2, "贰": 2, "两": 2, "兩": 2,
    "三": 3, "參": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
# 十 百 千 multiply within a group of four digits; 万 億 兆 start a new group.
CJK_SMALL_SCALES: dict[str, int] = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
}
CJK_LARGE_SCALES: dict[str, int] = {
    "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12,
}
# 十 with no digit before it is ten ("十年前", ten years ago; "十万", 100,000) as "二十" is
# twenty, but for the words that hold it, no number unless a counter follows them ("十分",
# very, enough, but "十分钟", ten minutes; "十字", a cross; "十足", utter; "十全", perfect;
# "十万火急", most urgent), and in a vague count: after "数", "几", "何" ("数十年", decades;
# "几十万", hundreds of thousands; Japanese "何十年", dozens of years) or before "几", "数"
# ("十几岁", in one's teens; "十数人", a dozen or so). Other scale characters alone are words
# ("百姓", the common people; "千万", by all means).
CJK_TEN = "十"
CJK_TEN_WORDS = ("十分", "十字", "十足", "十全", "十万火急", "十萬火急")
CJK_TEN_WORD_COUNTED = "钟鐘鍾"  # after "十分": ten minutes
CJK_VAGUE_BEFORE_TEN = "数數几幾何"
CJK_VAGUE_AFTER_TEN = "几幾数數"
# Sino-Korean numerals in Hangul, the same system.
HANGUL_DIGITS: dict[str, int] = {
    "영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6,
    "칠": 7, "팔": 8, "구": 9,
}
HANGUL_SMALL_SCALES: dict[str, int] = {"십": 10, "백": 100, "천": 1000}
HANGUL_LARGE_SCALES: dict[str, int] = {"만": 10**4, "억": 10**8, "조": 10**12}

# Chinese and Japanese counters: a lone numeral character before one of these is a count
# ("三年", three years; "二つ", two), elsewhere as often a part of a word ("三星", Samsung).
CJK_COUNTERS = set(
    "年月日天个個人名位家次岁歳倍周週时時分秒种種项項座所场場条條件本枚台只隻頭国國つ回度番"
    "期届屆部集章节節层層款辆輛架艘棵张張间間"
)
# fmt: on

# Month names of every dev-set language (Chinese, Japanese and Korean write "6月", "6월":
# digits and a counter, read as numbers already). A month name stands for its number when
# numbers are compared ("June" ~ "6月", "September 30" ~ "9月30日") but is never flagged.
# Russian in the nominative, genitive ("30 сентября") and prepositional ("в июне"); Arabic
# in the Egyptian and the Levantine (Syriac) series; English and German are matched only
# capitalised ("May", "March", "August" are words too).
# fmt: off
MONTHS: dict[str, dict[int, str]] = {
    "en": {
        1: "January Jan", 2: "February Feb", 3: "March Mar", 4: "April Apr", 5: "May",
        6: "June Jun", 7: "July Jul", 8: "August Aug", 9: "September Sept Sep",
        10: "October Oct", 11: "November Nov", 12: "December Dec",
    },
    "de": {
        1: "Januar Jänner", 2: "Februar", 3: "März", 4: "April", 5: "Mai", 6: "Juni",
        7: "Juli", 8: "August", 9: "September", 10: "Oktober", 11: "November",
        12: "Dezember",
    },
    "fr": {
        1: "janvier", 2: "février", 3: "mars", 4: "avril", 5: "mai", 6: "juin",
        7: "juillet", 8: "août", 9: "septembre", 10: "octobre", 11: "novembre",
        12: "décembre",
    },
    "pt": {
        1: "janeiro", 2: "fevereiro", 3: "março", 4: "abril", 5: "maio", 6: "junho",
        7: "julho", 8: "agosto", 9: "setembro", 10: "outubro", 11: "novembro",
        12: "dezembro",
    },
    "es": {
        1: "enero", 2: "febrero", 3: "marzo", 4: "abril", 5: "mayo", 6: "junio",
        7: "julio", 8: "agosto", 9: "septiembre setiembre", 10: "octubre",
        11: "noviembre", 12: "diciembre",
    },
    "ru": {
        1: "январь января январе", 2: "февраль февраля феврале", 3: "март марта марте",
        4: "апрель апреля апреле", 5: "май мая мае", 6: "июнь июня июне",
        7: "июль июля июле", 8: "август августа августе",
        9: "сентябрь сентября сентябре", 10: "октябрь октября октябре",
        11: "ноябрь ноября ноябре", 12: "декабрь декабря декабре",
    },
    "ar": {
        1: "يناير كانون_الثاني", 2: "فبراير شباط", 3: "مارس آذار", 4: "أبريل إبريل نيسان",
        5: "مايو أيار", 6: "يونيو يونيه حزيران", 7: "يوليو يوليه تموز", 8: "أغسطس آب",
        9: "سبتمبر أيلول", 10: "أكتوبر تشرين_الأول", 11: "نوفمبر تشرين_الثاني",
        12: "ديسمبر كانون_الأول",
    },
    "hi": {
        1: "जनवरी", 2: "फ़रवरी फरवरी", 3: "मार्च", 4: "अप्रैल", 5: "मई", 6: "जून",
        7: "जुलाई", 8: "अगस्त", 9: "सितंबर सितम्बर", 10: "अक्टूबर अक्तूबर",
        11: "नवंबर नवम्बर", 12: "दिसंबर दिसम्बर",
    },
}
# fmt: on
# Languages whose month names are written capitalised, and only then read as months.
CAPITALISED_MONTHS = frozenset({"en", "de"})

# Clock times: words before or after the hour that say which half of the day it is
# ("午後2時", "오후 2시", "दोपहर 2 बजे", "7:55 утра", "7 de la tarde", "2 du soir"), and
# words that make a bare hour a time ("14 Uhr", "7 o'clock", "14 h", "7時", "7시", "2 बजे").
# Before the hour, the parts of the day of Indian languages, Sinhala and Thai too (a tenth
# trial's Malayalam "ഉച്ചകഴിഞ്ഞ് 3.40ന്", afternoon at 3.40, was read as the decimal 3.4
# against "3.40 pm"), in the forms written before a time (Marathi "सकाळी", Gujarati
# "સવારે", Bengali "সকালে": "in the morning"). A word of a script with spaces is read only
# as a word of its own: "गुजरात" (Gujarat) ends in "रात" (night).
CLOCK_AM_BEFORE = (
    "午前", "上午", "早上", "凌晨", "清晨", "오전",
    "朝",  # Japanese: morning ("朝7時", "毎朝7時")
    "아침", "새벽",  # Korean: morning, small hours ("새벽 2시" is 2:00)
    "सुबह", "पूर्वाह्न",  # Hindi and Nepali: morning, forenoon
    "രാവിലെ", "പുലർച്ചെ",  # Malayalam: morning, small hours
    "காலை", "காலையில்", "அதிகாலை", "முற்பகல்",  # Tamil: morning, dawn, forenoon
    "ఉదయం", "తెల్లవారుజామున",  # Telugu: morning, dawn
    "ಬೆಳಿಗ್ಗೆ", "ಬೆಳಗ್ಗೆ", "ಮುಂಜಾನೆ",  # Kannada: morning, dawn
    "सकाळी", "सकाळच्या", "पहाटे",  # Marathi: morning, dawn
    "बिहान",  # Nepali
    "સવારે", "સવાર",  # Gujarati
    "সকাল", "সকালে", "ভোর", "ভোরে",  # Bengali: morning, dawn
    "ਸਵੇਰੇ", "ਸਵੇਰ",  # Punjabi
    "صبح",  # Urdu
    "පෙ.ව.", "පෙරවරු", "උදේ", "උදෑසන",  # Sinhala: a.m., morning
)  # fmt: skip
CLOCK_PM_BEFORE = (
    "午後", "下午", "傍晚", "오후",
    "夕方",  # Japanese: evening ("夕方6時")
    "저녁",  # Korean: evening ("저녁 7시")
    "शाम", "अपराह्न",  # Hindi and Nepali: evening, afternoon
    "ഉച്ചകഴിഞ്ഞ്", "ഉച്ചതിരിഞ്ഞ്",  # Malayalam: afternoon
    "വൈകിട്ട്", "വൈകീട്ട്", "വൈകുന്നേരം",  # evening
    "பிற்பகல்", "மாலை", "மாலையில்",  # Tamil
    "సాయంత్రం",  # Telugu
    "ಸಂಜೆ",  # Kannada
    "संध्याकाळी", "सायंकाळी", "संध्याकाळच्या",  # Marathi
    "दिउँसो", "साँझ", "बेलुका", "बेलुकी",  # Nepali
    "સાંજે", "સાંજ",  # Gujarati
    "বিকেল", "বিকেলে", "বিকাল", "বিকালে", "সন্ধ্যা",  # Bengali
    "সন্ধ্যায়", "সন্ধ্যা\u09df",  # (its য় decomposed, as NFC writes it, or precomposed)
    "ਸ਼ਾਮ", "ਸ਼ਾਮੀਂ", "\u0a36\u0a3e\u0a2e",  # Punjabi (ਸ਼ either way)
    "سہ پہر", "شام",  # Urdu
    "ප.ව.", "පස්වරු", "සවස",  # Sinhala: p.m., evening
    "บ่าย",  # Thai: afternoon ("บ่าย 3 โมง")
)  # fmt: skip
# The night: the evening's hours (5 to 11) after noon, its 12 and small hours before (Marathi
# "रात्री 2 वाजता" is 2:00, "रात्री 12" midnight, "रात्री 10" 22:00; Chinese "晚上十二点").
CLOCK_NIGHT_BEFORE = (
    "晚上", "夜里", "夜裡", "深夜",  # Chinese: evening, night, late night
    "夜",  # Japanese ("夜9時", "深夜2時": 深夜 is read whole, as Chinese is)
    "밤",  # Korean ("밤 11시", "밤 12시" midnight)
    "रात", "रात्रि",  # Hindi
    "രാത്രി", "അർധരാത്രി", "അർദ്ധരാത്രി",  # Malayalam: night, midnight
    "இரவு", "நள்ளிரவு",  # Tamil
    "రాత్రి", "అర్ధరాత్రి",  # Telugu
    "ರಾತ್ರಿ", "ಮಧ್ಯರಾತ್ರಿ",  # Kannada
    "रात्री", "रात्रीच्या", "मध्यरात्री",  # Marathi
    "राति",  # Nepali
    "રાત્રે", "રાતે", "મધરાતે",  # Gujarati
    "রাত", "রাতে",  # Bengali
    "ਰਾਤ", "ਰਾਤੀਂ",  # Punjabi
    "رات",  # Urdu
    "රාත්‍රී", "රාත්රී", "රෑ",  # Sinhala (with its joiner or without)
)  # fmt: skip
# Midday, the daylight hours: noon and the hours after it, the late morning's (7 to 11)
# before ("中午12点" is noon, "中午1点" 13:00, "中午11点半" 11:30; "낮 2시" 14:00).
CLOCK_MIDDAY_BEFORE = (
    "中午",  # Chinese
    "昼",  # Japanese ("昼12時")
    "낮",  # Korean
    # noon in Indian languages and Sinhala ("दोपहर 11.30 बजे" is 11:30, "दोपहर 2 बजे" 14:00)
    "दोपहर", "ഉച്ചയ്ക്ക്", "ഉച്ചക്ക്", "மதியம்", "நண்பகல்", "మధ్యాహ్నం", "ಮಧ್ಯಾಹ್ನ", "दुपारी",
    "બપોરે", "બપોર", "দুপুর", "দুপুরে", "ਦੁਪਹਿਰ", "ਦੁਪਹਿਰੇ", "دوپہر", "දහවල්",
)  # fmt: skip
# "الساعة 4" (at 4 o'clock): before the hour, saying neither half of the day
# ("kl. 19.30" in Swedish, Danish and Norwegian, "klo 19.30" in Finnish, "godz. 19.30" in
# Polish: an eighth trial's Dutch minutes "19.30 uur" were read as 19.3 against "7.30 pm")
CLOCK_HOUR_BEFORE = ("الساعة", "kl.", "klo", "kello", "godz.")
CLOCK_AM_AFTER = (
    "часа утра",
    "часов утра",
    "час утра",
    "утра",
    "صباحا",
    "صباحًا",
    "صباحاً",
    "de la mañana",
    "du matin",
)
CLOCK_PM_AFTER = (
    "часа дня", "часов дня", "час дня", "часа вечера", "часов вечера", "вечера", "дня",
    "مساء", "مساءً", "مساءا", "de la tarde", "de la noche", "du soir",
    "de l'après-midi", "de l’après-midi",
)  # fmt: skip
# Thai writes "6.15 น." (นาฬิกา, o'clock) for 6:15 and "22.00 น." for 10 p.m. Indian
# languages and Urdu write their o'clock after the time, with its postposition written
# against it ("4.30 மணிக்கு", at 4.30; "৪.৩০টায়" against the digits): each form is listed,
# and read only as a word of its own, since the bare stem is often "hours" ("മണിക്കൂർ").
CLOCK_HOUR_AFTER = (
    "Uhr", "o'clock", "o’clock", "horas", "heures", "hrs", "बजे", "นาฬิกา", "น.", "uur", "u.",
    "hod.", "val.",
    "மணி", "மணிக்கு", "மணியளவில்",  # Tamil: o'clock, at, at about
    "గంటలకు",  # Telugu: at (bare "గంటలు" is "hours")
    "ಗಂಟೆಗೆ", "ಗಂಟೆಯಿಂದ", "ಗಂಟೆಯವರೆಗೆ",  # Kannada: at, from, until ("ಗಂಟೆ" is "hours")
    "മണി", "മണിക്ക്", "മണിയ്ക്ക്", "മണിയോടെ", "മണിവരെ",  # Malayalam: o'clock, at, by, until
    "वाजता", "वाजले", "वाजेपर्यंत", "वाजल्यापासून",  # Marathi: at, struck, until, from
    "ਵਜੇ",  # Punjabi
    "વાગ્યે", "વાગે", "વાગ્યા", "વાગ્યાથી",  # Gujarati: at, o'clock, from
    "টায়", "টা\u09df",  # Bengali: at (its য় decomposed, as NFC writes it, or precomposed)
    "بجے",  # Urdu
)  # fmt: skip
# After these the hour word counts hours: Tamil "4 மணி நேரம்" is four hours, no 4 o'clock.
CLOCK_HOUR_AFTER_DURATION = ("நேர",)
# Hour characters after digits ("7時", "7点"), unless they begin "hours" (時間; 小时 comes
# before the digits). Korean "시" only as a word or before a particle ("7시", "7시에",
# "7시 55분"): inside a word it is another syllable ("두 시위", two protests; "3시즌").
CLOCK_HOUR_CHARACTERS = "時时点點"
CLOCK_NOT_AFTER_HOUR = "間间"
KOREAN_HOUR = "시"
KOREAN_AFTER_HOUR = "에경쯤부까반정"
CLOCK_MINUTE_CHARACTERS = "分분"
CLOCK_HALF = ("半", "반")

# Weekday names of every dev-set language, 1 = Monday ... 7 = Sunday (ISO 8601), with the
# forms news text writes: German adverbs ("montags"), Russian cases ("во вторник", "вторника",
# "по вторникам"), Chinese "星期一", "周一", "礼拜一", Japanese "月曜日" and "月曜", Korean
# "월요일", Arabic with its article ("الثلاثاء"), Hindi "सोमवार". A weekday changed across a
# translation is a changed fact, as a number is (detect/calendar.py). Left out where a form is
# as often another word: Russian "среда" and "среды" ("environment": only "в среду" and the
# plural forms are kept), English abbreviations ("Sun", "Wed"); English and German are matched
# capitalised only, the others in lower case only (their weekdays are common nouns: a
# capitalised "Domingo" mid-sentence is a name). Chinese, Japanese and Korean write months as
# numerals ("6月", "6월"), which the number check already compares: they have no month words.
# fmt: off
WEEKDAYS: dict[str, dict[int, str]] = {
    "en": {
        1: "Monday Mondays", 2: "Tuesday Tuesdays", 3: "Wednesday Wednesdays",
        4: "Thursday Thursdays", 5: "Friday Fridays", 6: "Saturday Saturdays",
        7: "Sunday Sundays",
    },
    "de": {
        1: "Montag Montags Montagen montags", 2: "Dienstag Dienstags Dienstagen dienstags",
        3: "Mittwoch Mittwochs Mittwochen mittwochs",
        4: "Donnerstag Donnerstags Donnerstagen donnerstags",
        5: "Freitag Freitags Freitagen freitags",
        6: "Samstag Samstags Samstagen samstags Sonnabend Sonnabends sonnabends",
        7: "Sonntag Sonntags Sonntagen sonntags",
    },
    "fr": {
        1: "lundi lundis", 2: "mardi mardis", 3: "mercredi mercredis", 4: "jeudi jeudis",
        5: "vendredi vendredis", 6: "samedi samedis", 7: "dimanche dimanches",
    },
    "es": {
        1: "lunes", 2: "martes", 3: "miércoles", 4: "jueves", 5: "viernes",
        6: "sábado sábados", 7: "domingo domingos",
    },
    "ru": {
        1: "понедельник понедельника понедельнику понедельником понедельнике понедельникам",
        2: "вторник вторника вторнику вторником вторнике вторникам",
        3: "в_среду во_среду средам",
        4: "четверг четверга четвергу четвергом четверге четвергам",
        5: "пятница пятницы пятнице пятницу пятницей пятницам",
        6: "суббота субботы субботе субботу субботой субботам",
        7: "воскресенье воскресенья воскресенью воскресеньем воскресеньям",
    },
    "zh": {
        1: "星期一 周一 週一 礼拜一 禮拜一", 2: "星期二 周二 週二 礼拜二 禮拜二",
        3: "星期三 周三 週三 礼拜三 禮拜三", 4: "星期四 周四 週四 礼拜四 禮拜四",
        5: "星期五 周五 週五 礼拜五 禮拜五", 6: "星期六 周六 週六 礼拜六 禮拜六",
        7: "星期日 星期天 周日 週日 周天 礼拜日 礼拜天 禮拜日 禮拜天",
    },
    "ja": {
        1: "月曜日 月曜", 2: "火曜日 火曜", 3: "水曜日 水曜", 4: "木曜日 木曜",
        5: "金曜日 金曜", 6: "土曜日 土曜", 7: "日曜日 日曜",
    },
    "ko": {
        1: "월요일", 2: "화요일", 3: "수요일", 4: "목요일", 5: "금요일", 6: "토요일", 7: "일요일",
    },
    "ar": {
        1: "الاثنين الإثنين", 2: "الثلاثاء", 3: "الأربعاء الاربعاء", 4: "الخميس",
        5: "الجمعة", 6: "السبت", 7: "الأحد الاحد",
    },
    "hi": {
        1: "सोमवार", 2: "मंगलवार", 3: "बुधवार", 4: "गुरुवार बृहस्पतिवार", 5: "शुक्रवार",
        6: "शनिवार", 7: "रविवार",
    },
}
# fmt: on
# Languages whose weekday names are written capitalised, and only then read as weekdays.
CAPITALISED_WEEKDAYS = frozenset({"en", "de"})
# Scripts without spaces: a weekday is found inside a run of characters, not as a word.
UNSPACED_CALENDAR = frozenset({"zh", "ja"})

# --- decades of a century ("the 1990s", "die Neunziger", "девяностые", "1990年代") ----------
# Read by text/decade_names.py. Each form names a decade within its century only ("the
# Nineties" against "1990s": the century is the reader's to infer).

# After digits that end in 0: English "1990s" / "’90s", German, Dutch and Danish "1990er",
# Danish "1990'erne", Swedish "1990-talet", Norwegian "1990-tallet", Finnish "1990-luvulla",
# Hungarian "1990-es", Russian, Ukrainian, Bulgarian and Serbian "1990-х", "30-е", "30-ті",
# Turkish "1990'lı", "90'larda", Czech "90. let", Chinese and Japanese "1990年代", Korean
# "1990년대", Hindi "1990 के दशक".
DECADE_SUFFIXES = (
    r"['’]?s",
    r"['’]?er(?:n|ne|s)?",
    r"[-‐‑–](?:talet|tallet|luvulla|luvun|luku|luvulta|luvulle)",
    r"[-‐‑–](?:es|as|ös|os)",
    r"\s?[-‐‑–]\s?(?:х|е|ые|ых|ті|их|ih)",
    r"['’](?:lı|li|lu|lü|lar|ler)\w*",
    r"\.\s(?:let|letech|léta|letům)",
)
# the same, where the word runs on into the next (no space in Chinese, Japanese, Korean
# "1990年代に", "1990년대에"; Hindi "1990 के दशकों में", the plural)
DECADE_SUFFIXES_RUNNING_ON = (r"\s?年代", r"\s?년대", r"\s(?:के|का|की)\sदशक")

# Words for "the years" just before a decade in digits or in words: French "les années 90",
# Spanish "los años noventa", Italian "gli anni Novanta", Portuguese "anos 90", Catalan
# "anys 90", Romanian "anii '90", Dutch "de jaren negentig", Polish "w latach 90.", Greek
# "δεκαετία του 1990", Hebrew "שנות ה-90".
DECADE_YEARS_BEFORE = (
    "années", "annees", "años", "anni", "anos", "anys", "anii", "jaren", "lata", "latach",
    "latami", "δεκαετία του", "δεκαετίας του", "שנות ה-", "שנות ה",
)  # fmt: skip

# Decades written as words of their own, per language (its code; Croatian, Bosnian and
# Montenegrin read with Serbian): the endings that make a decade of a stem ("Neunzig" +
# "er", "девяност" + "ых") and the stems by their tens. Plural forms only: a singular
# ordinal ("девяностый", "dwudziesty") is a year or a rank, no decade.
DECADE_NAMES: tuple[tuple[str, str, dict[int, tuple[str, ...]]], ...] = (
    # English: "the nineties"
    ("en", r"ies", {20: ("twent",), 30: ("thirt",), 40: ("fort",), 50: ("fift",), 60: ("sixt",),
              70: ("sevent",), 80: ("eight",), 90: ("ninet",)}),
    # German: "die Neunziger", "in den Neunzigern", "die Neunzigerjahre"
    ("de", r"er(?:n|jahre\w*|-jahre\w*)?",
     {20: ("zwanzig",), 30: ("dreißig", "dreissig"), 40: ("vierzig",), 50: ("fünfzig",),
      60: ("sechzig",), 70: ("siebzig",), 80: ("achtzig",), 90: ("neunzig",)}),
    # Russian: "девяностые", "в девяностых"
    ("ru", r"(?:ые|ых|ым|ыми)",
     {20: ("двадцат",), 30: ("тридцат",), 40: ("сороков",), 50: ("пятидесят",),
      60: ("шестидесят",), 70: ("семидесят",), 80: ("восьмидесят",), 90: ("девяност",)}),
    # Ukrainian: "дев'яності", "у вісімдесятих"
    ("uk", r"(?:і|их|ими)",
     {20: ("двадцят",), 30: ("тридцят",), 40: ("сороков",),
      50: ("п'ятдесят", "п’ятдесят", "пʼятдесят"),
      60: ("шістдесят",), 70: ("сімдесят",), 80: ("вісімдесят",),
      90: ("дев'яност", "дев’яност", "девʼяност")}),
    # Serbian (both scripts), Croatian, Bosnian: "деведесетих", "devedesetih", "devedesete"
    ("sr", r"(?:их|е|им|има|ih|e|im|ima)",
     {20: ("двадесет", "dvadeset"), 30: ("тридесет", "trideset"),
      40: ("четрдесет", "četrdeset"), 50: ("педесет", "pedeset"),
      60: ("шездесет", "šezdeset"), 70: ("седамдесет", "sedamdeset"),
      80: ("осамдесет", "osamdeset"), 90: ("деведесет", "devedeset")}),
    # Polish: "w latach dziewięćdziesiątych"
    ("pl", r"(?:ych|ymi)",
     {20: ("dwudziest",), 30: ("trzydziest",), 40: ("czterdziest",), 50: ("pięćdziesiąt",),
      60: ("sześćdziesiąt",), 70: ("siedemdziesiąt",), 80: ("osiemdziesiąt",),
      90: ("dziewięćdziesiąt",)}),
    # Czech: "v devadesátých letech"
    ("cs", r"(?:ých|ými)",
     {20: ("dvacát",), 30: ("třicát",), 40: ("čtyřicát",), 50: ("padesát",), 60: ("šedesát",),
      70: ("sedmdesát",), 80: ("osmdesát",), 90: ("devadesát",)}),
    # Turkish: "doksanlar", "seksenlerde", "yetmişli yıllar"
    ("tr", r"(?:lar|ler)(?:da|de|dan|den|ı|i|ın|in|a|e)?|(?:lı|li|lu|lü)",
     {20: ("yirmi",), 30: ("otuz",), 40: ("kırk",), 50: ("elli",), 60: ("altmış",),
      70: ("yetmiş",), 80: ("seksen",), 90: ("doksan",)}),
    # Arabic: "التسعينيات", "في ثمانينيات القرن العشرين"
    ("ar", r"(?:يات|ات)",
     {20: ("عشرين",), 30: ("ثلاثين",), 40: ("أربعين", "اربعين"), 50: ("خمسين",),
      60: ("ستين",), 70: ("سبعين",), 80: ("ثمانين",), 90: ("تسعين",)}),
)  # fmt: skip
# Arabic writes its article and a conjunction or preposition on the word ("والتسعينيات",
# "للتسعينات")
DECADE_WORD_PREFIXES = r"(?:[وفبلك]?ال|[وف]?لل|[وفبلك])?"
# The tables a paragraph of each language is searched with: its own, and those of the
# languages a language guess confuses it with in its script (langdetect reads Serbian
# Cyrillic as Macedonian, Ukrainian as Russian; Croatian, Bosnian, Slovene, Slovak, Czech and
# Polish one for another)
_CYRILLIC = ("ru", "uk", "sr")
_LATIN_SLAVIC = ("sr", "pl", "cs")
DECADE_TABLES_OF: dict[str, tuple[str, ...]] = {
    "en": ("en",), "de": ("de",), "tr": ("tr",), "az": ("tr",), "ar": ("ar",),
    **dict.fromkeys(("ru", "uk", "be", "sr", "mk", "bg"), _CYRILLIC),
    **dict.fromkeys(("pl", "cs", "sk", "hr", "bs", "sh", "me", "sl"), _LATIN_SLAVIC),
}  # fmt: skip
