"""What the splitter needs to know about writing systems: the script of a character, each
script's own sentence-final marks, and the scripts that separate sentences by a space only.

>>> script_of("क"), script_of("ि"), script_of("Ж"), script_of("한"), script_of("7")
('DEVANAGARI', 'DEVANAGARI', 'CYRILLIC', 'HANGUL', '')
>>> starts_like_sentence("क"), starts_like_sentence("a"), starts_like_sentence("A")
(True, False, True)
"""

from __future__ import annotations

import functools
import re
import unicodedata


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


# Marks that end a sentence wherever they stand: no script uses them for abbreviations or
# numbers. Danda-like marks of the Brahmic scripts, the Arabic full stop (Urdu), Armenian,
# Ethiopic, Burmese, Tibetan, Khmer, Mongolian, Syriac, N'Ko, old Thai, Javanese, Balinese,
# Meetei Mayek, Ol Chiki, Tai Tham, Lisu, Vai, Bamum, Saurashtra, Cham.
NATIVE_STOPS = "।॥۔։።፧፨။།༎༏༐༑។៕៚᠃᠉๚๛܀܁܂߹꧉᭟꯫᱾᱿᪩᪪᪫꓿꘎꘏꛳꛷꣎꣏꩝꩞꩟᥄᥅᙮"
# Full stops of Chinese and Japanese: no space follows them, and none is an abbreviation.
CJK_STOPS = "。！？｡︒︕︖﹖﹗"
FULLWIDTH_STOP = "．"  # a full stop in Japanese typesetting, a decimal point between digits
# Marks that end a sentence only when what follows says so (abbreviations, decimals, quotes).
AMBIGUOUS_STOPS = ".!?…‼⁇⁈⁉؟\u037e"
ALL_STOPS = AMBIGUOUS_STOPS + CJK_STOPS + FULLWIDTH_STOP + NATIVE_STOPS

# Scripts that write sentences without a final mark: a space between two runs of their letters
# (with their combining vowels and tone marks) may end a sentence.
SPACE_SEPARATED = {
    "THAI": "\u0e01-\u0e3a\u0e40-\u0e4e",  # letters, vowels and marks; not the digits
    "LAO": "\u0e81-\u0ebc\u0ec0-\u0ece",
}

# Scripts whose texts use ":" (Armenian, for the full stop ։) or ";" (Greek, for the
# question mark) in place of a sentence-final mark when typed on an ordinary keyboard.
SUBSTITUTE_STOPS = {":": "ARMENIAN", ";": "GREEK"}

# Glued after a closing quote, a letter of these scripts is a particle of the same sentence:
# Korean “…다.”라고 말했다, Japanese 「…。」と述べた.
QUOTATIVE_PARTICLES = {"HANGUL": None, "HIRAGANA": ("と", "って", "っ", "との", "という")}


@functools.lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """First word of the character's Unicode name for letters and combining marks ("LATIN",
    "DEVANAGARI", "CJK", "HIRAGANA", "HANGUL", "THAI"...), "" for anything else."""
    category = unicodedata.category(ch)
    if category[0] not in "LM":
        return ""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def starts_like_sentence(ch: str) -> bool:
    """Could a sentence start with ``ch`` in properly cased text: a capital, or a letter of a
    caseless script."""
    return ch.isupper() or (ch.isalpha() and not ch.islower())


# Thai and Lao words that continue a sentence across a space: a run of letters that starts
# with one of them (conjunctions, relative pronouns, prepositions, "that" after verbs of
# saying) does not open a new sentence ...
CLAUSE_OPENERS = {
    "THAI": _words(
        "และ หรือ แต่ ซึ่ง ที่ โดย เพื่อ ว่า เพราะ เนื่องจาก จึง ก็ ของ ใน กับ จาก ให้ ด้วย หาก "
        "รวมถึง รวมทั้ง ได้แก่ คือ เช่น ตาม พร้อม ทำให้ จน กล่าว เปิดเผย ระบุ นั้น นี้ ขณะที่ ตั้งแต่ "
        "แทนที่ ระหว่าง ยกเว้น ตลอดจน อาทิ ถึง ฯลฯ เป็นต้น เนื่องใน"
    ),
    "LAO": _words(
        "ແລະ ຫຼື ຫລື ແຕ່ ຊຶ່ງ ເຊິ່ງ ທີ່ ໂດຍ ເພື່ອ ວ່າ ເພາະ ຈຶ່ງ ກໍ ຂອງ ໃນ ກັບ ຈາກ ໃຫ້ ດ້ວຍ ຖ້າ ຄື ເຊັ່ນ ຕາມ ກ່າວ ນັ້ນ ນີ້ "
        "ແທນທີ່ ລະຫວ່າງ ສຳລັບ ເຖິງ"
    ),
}
# ... nor does a space after a run that ends with one of these (the clause goes on).
CLAUSE_HOLDERS = {
    "THAI": _words(
        "และ หรือ แต่ ซึ่ง ที่ โดย เพื่อ ว่า ของ ใน กับ จาก คือ เป็น ได้แก่ เช่น ตาม ถึง ต่อ แก่ "
        "ระหว่าง แทนที่ สำหรับ เกี่ยวกับ ตั้งแต่ ยกเว้น อาทิ"
    ),
    "LAO": _words("ແລະ ຫຼື ແຕ່ ຊຶ່ງ ເຊິ່ງ ທີ່ ໂດຍ ເພື່ອ ວ່າ ຂອງ ໃນ ກັບ ຈາກ ຄື ເປັນ ເຊັ່ນ ຕາມ ເຖິງ ຕໍ່ ແກ່"),
}
# Runs that start with an opener but open sentences: "each", "although", "it is time",
# "meanwhile", "while", "next week", "after that", "finally", "therefore".
OPENER_LOOKALIKES = {
    "THAI": _words(
        "แต่ละ ถึงแม้ ถึงอย่างไร ถึงกระนั้น ถึงเวลา ระหว่างนั้น ระหว่างที่ อาทิตย์ "
        "จากนั้น ในที่สุด ในขณะเดียวกัน ด้วยเหตุนี้ เพราะฉะนั้น"
    ),
    "LAO": _words("ເຖິງແມ່ນ ເຖິງຢ່າງໃດ"),
}
# Units and classifiers that follow a number: "20 แห่ง", "50 สตางค์" (a space after a number
# in Thai or Lao text ends a sentence unless one of these or a clause opener follows).
NUMBER_UNITS = {
    "THAI": _words(
        "คน บาท สตางค์ ปี เดือน วัน สัปดาห์ ชั่วโมง นาที วินาที โมง ครั้ง ราย ล้าน พัน หมื่น แสน "
        "กิโล เมตร เซนติเมตร ลิตร ไร่ ตัน แห่ง ตัว หลัง ลำ คัน เล่ม ชิ้น ฉบับ ประเทศ จังหวัด "
        "องศา เปอร์เซ็นต์ ดอลลาร์ ยูโร เยน หยวน ตำแหน่ง อันดับ ข้อ "
        # more classifiers and units, a range or ratio ("12 ถึง 15", "400 ต่อ 10"), and the
        # month of a date ("14 ตุลาคม 2024"): a year, not a day, ends a date
        "เครื่อง จุด เท่า ขวบ ขบวน ฟุต ไมล์ นิ้ว กรัม ตาราง ที่นั่ง เสียง แผ่น ใบ ตู้ ขวด กล่อง "
        "ชุด รอบ ประตู แต้ม คะแนน นัด เกม ปอนด์ วอน รูปี ริงกิต ศตวรรษ ทศวรรษ ไตรมาส มาตรา นาย "
        "ถึง ต่อ กว่า ครึ่ง "
        "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม "
        "พฤศจิกายน ธันวาคม"
    ),
    "LAO": _words(
        "ຄົນ ກີບ ບາດ ປີ ເດືອນ ວັນ ອາທິດ ຊົ່ວໂມງ ນາທີ ຄັ້ງ ລ້ານ ພັນ ໝື່ນ ແສນ ກິໂລ ແມັດ ລິດ "
        "ໂຕນ ແຫ່ງ ໂຕ ຫຼັງ ຄັນ ເຫຼັ້ມ ສະບັບ ປະເທດ ແຂວງ ອົງສາ ເປີເຊັນ ໂດລາ ອັນດັບ ຂໍ້ ເຖິງ ຕໍ່ "
        "ມັງກອນ ກຸມພາ ມີນາ ເມສາ ພຶດສະພາ ມິຖຸນາ ກໍລະກົດ ສິງຫາ ກັນຍາ ຕຸລາ ພະຈິກ ທັນວາ"
    ),
}
# Abbreviations of units, times and dates (Thai letters and full stops): they follow a number
# and never start a sentence, so a space before one ends none ("6.15 น.", "3 กม.", "14 ต.ค.").
UNIT_ABBREVIATIONS = {
    "THAI": _words(
        "น. ม. กม. ซม. มม. กก. ก. ล. ชม. ตร.ม. ตร.กม. พ.ศ. ค.ศ. "
        "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค."
    ),
    "LAO": _words("ກມ. ມ. ກກ. ຊມ."),
}
# Titles glued to a given name: the next one or two runs are the family name and a position.
PERSONAL_TITLES = {
    "THAI": _words(
        "นาย นาง นางสาว น.ส. ดร. ศ. รศ. ผศ. นพ. พญ. ทพ. ภก. พล. พ.ต. พ.ท. พ.อ. ร.ต. ร.ท. ร.อ. "
        "จ.ส. ส.ต. ด.ต. ม.ร.ว. ม.ล. ส.ส. ส.ว."
    ),
    "LAO": _words("ທ່ານ ທ້າວ ນາງ ດຣ. ປອ."),
}
# Runs that start with a title but are words of their own ("prime minister" is นายก...).
TITLE_LOOKALIKES = {"THAI": ("นายก", "นายจ้าง", "นางแบบ"), "LAO": ("ນາຍົກ",)}
# Verbs of saying: after a quotation, a run of words with one of them is its speaker ("…"
# สมชาย วงศ์สุวรรณ รัฐมนตรี… กล่าว), the same sentence.
SPEECH_VERBS = {
    "THAI": _words("กล่าว เผย ระบุ บอก แถลง ชี้แจง ให้สัมภาษณ์ โพสต์ ทวีต อธิบาย ยืนยัน เตือน"),
    "LAO": _words("ກ່າວ ເວົ້າ ບອກ ຖະແຫຼງ ຢືນຢັນ"),
}
# Words that join a list's last item: the short run before one is an item ("จีน มาเลเซีย
# และเกาหลีใต้").
LIST_ENDS = {"THAI": _words("และ หรือ"), "LAO": _words("ແລະ ຫຼື ຫລື")}


# Names of Latin letters spelled in South Indian scripts and Sinhala where they are longer than
# one letter with its signs: mostly a vowel, a consonant and a virama (F, H, L, M, N, R, S), and
# W and X. Before a full stop and a name they are initials ("ಎಸ್. ಕಾವ್ಯ", "එම්. ලෙච්චුමි").
# Listed rather than read from their shape: words of the same shape end sentences (Tamil ஆம்
# "yes", ஊர் "home town", Malayalam ആണ് "is"). Malayalam in both spellings, chillu and virama.
SPELLED_INITIALS = {
    "TAMIL": _words("எஃப் எச் ஹெச் ஹேச் எல் எம் என் ஆர் எஸ் டபிள்யூ எக்ஸ்"),
    "TELUGU": _words("ఎఫ్ ఎచ్ హెచ్ ఎల్ ఎమ్ ఎన్ ఆర్ ఎస్ డబ్ల్యూ ఎక్స్"),
    "KANNADA": _words("ಎಫ್ ಎಚ್ ಹೆಚ್ ಎಲ್ ಎಮ್ ಎನ್ ಆರ್ ಎಸ್ ಡಬ್ಲ್ಯೂ ಎಕ್ಸ್"),
    "MALAYALAM": _words("എഫ് എച്ച് എച് എൽ എല് എൻ എന് ആർ ആര് എസ് ഡബ്ല്യു എക്സ്"),
    "SINHALA": _words("එෆ් එච් එල් එම් එන් ආර් එස් ඩබ්ලිව් එක්ස්"),
}


# Urdu (and some Arabic-script) typography sets single quotation marks in the order a
# right-to-left line shows them: ’ opens and ‘ closes (’زمین ... تھا۔‘). Read the other way,
# the closing ‘ after "۔" looks like an opening mark and starts a sentence of its own.
_ARABIC_LETTER = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_SCRIPT = re.compile(f"[{_ARABIC_LETTER}]")
_MIRRORED_OPENING = re.compile(f"(?:^|(?<=[\\s:(]))’(?=[{_ARABIC_LETTER}])")
_MIRRORED_CLOSING = re.compile(f"(?<=[{_ARABIC_LETTER}۔؟!.،])‘(?=[\\s.,،۔؟!)]|$)")
_USUAL_OPENING = re.compile(f"(?:^|(?<=[\\s:(]))‘(?=[{_ARABIC_LETTER}])")
_USUAL_CLOSING = re.compile(f"(?<=[{_ARABIC_LETTER}۔؟!.،])’(?=[\\s.,،۔؟!)]|$)")
_SWAP_SINGLE = str.maketrans("‘’", "’‘")


def with_single_quotes_in_reading_order(text: str) -> str:
    """``text`` with its single quotation marks swapped where an Arabic-script text sets them
    mirrored (’ opening, ‘ closing), so that ‘ opens and ’ closes as elsewhere; the same
    length, so offsets into it are offsets into ``text``. Other text comes back unchanged.

    >>> with_single_quotes_in_reading_order("انھوں نے کہا: ’جب ڈیزل مہنگا تھا۔‘ وہ") == (
    ...     "انھوں نے کہا: ‘جب ڈیزل مہنگا تھا۔’ وہ")
    True
    >>> with_single_quotes_in_reading_order("He said: ‘yes.’ Then ’twas over.")
    'He said: ‘yes.’ Then ’twas over.'
    """
    if ("’" not in text and "‘" not in text) or not _ARABIC_SCRIPT.search(text):
        return text
    mirrored = len(_MIRRORED_OPENING.findall(text)) + len(_MIRRORED_CLOSING.findall(text))
    usual = len(_USUAL_OPENING.findall(text)) + len(_USUAL_CLOSING.findall(text))
    return text.translate(_SWAP_SINGLE) if mirrored > usual else text
