"""Guess the language of a text, deterministically and without work at import.

langdetect does the work. It reads 55 profile files the first time it is used (a quarter of a
second); they are read on first call and kept, with a fixed seed so the
guess is the same on every run. langdetect then costs 2-7 ms per paragraph, too much for the
50,000-paragraph articles we must load, so paragraphs first go through a quick count of
function words for the common European languages; langdetect decides when that is not clear.

>>> detect_language("2024-09-30") is None
True
>>> detect_language("die umstrukturierung wird openai auch dabei helfen, investoren anzuziehen.")
'de'
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from tui.engine.text.scripts import script_of

MIN_LETTERS = 20
"""Texts with fewer letters than this are too short to judge: the answer is None."""

# Below this, text the function words cannot place is left without a language (measured on
# the Text+Berg dev lines: langdetect 71% right at 20-40 letters, 92% at 40-60, 100% above 100).
_MIN_LETTERS_LANGDETECT = 40
_MAX_CACHED_NGRAMS = 20_000  # n-gram rows kept as arrays (about 12 MB at most)
_MAX_CHARS = 2000  # langdetect samples n-grams; more text adds time, not accuracy
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")

# The most frequent function words; a word listed for several languages counts for each.
_FUNCTION_WORDS = {
    "de": "der die das und ist nicht ein eine einen dem den des zu mit auf für von sich auch es "
    "im sie er wir ich wird werden wurde hat haben sind war dass oder aber wenn noch nach bei "
    "aus wie nur über einer",
    "fr": "le la les et est un une des du de dans pour pas que qui sur au aux il elle ils nous "
    "vous ce cette avec ne se sont par plus mais ont été son sa ses leur où être fait comme",
    "en": "the and is are was were of to in that it for with as on by this be not have has had "
    "from which but they you he she we at an or their will would",
    "es": "el la los las y es en un una que de del por con para no se su al lo como más pero "
    "sus le ha fue son está este esta",
    "it": "il la le e è di che un una per non con del della sono ha nel al come anche più ma "
    "dei gli lo questo essere alla",
    "nl": "de het een en van is dat op te in niet met voor zijn er aan ook als maar om bij dit "
    "die wordt werd door naar heeft hij",
    "pt": "o a os as e é de do da dos das em um uma que não para com por mais no na se como mas "
    "foi são ao pelo pela",
}
_LANGUAGES_OF_WORD: dict[str, tuple[str, ...]] = {}
for _language, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        _LANGUAGES_OF_WORD[_word] = (*_LANGUAGES_OF_WORD.get(_word, ()), _language)


@dataclass(frozen=True)
class _Profiles:
    """langdetect's 55 language profiles, as its ``DetectorFactory`` holds them for a
    ``Detector`` (``langlist``, ``word_lang_prob_map``, ``seed``), without its up-front table.

    The factory builds a list of 55 probabilities for each of its 87,598 n-grams on first use
    (1.4 s, most of the time before the app's first screen). A paragraph samples a few hundred
    n-grams, so a row is computed when a detector asks for it, by the factory's own formula
    (count over the profile's n-gram total of that length): the same floats, the same answers.
    """

    langlist: list[str]
    word_lang_prob_map: _ProbabilityRows
    seed: int = 0


class _ProbabilityRows:
    """``word in rows`` and ``rows[word]`` as the factory's dictionary answers them."""

    def __init__(self, profiles: list[dict[str, Any]]) -> None:
        self._profiles = profiles
        self._words = frozenset().union(*(profile["freq"] for profile in profiles))

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __getitem__(self, word: str) -> list[float]:
        if word not in self._words:
            raise KeyError(word)
        length = len(word)
        if not 1 <= length <= 3:  # the factory keeps such n-grams, all at zero
            return [0.0] * len(self._profiles)
        return [
            1.0 * profile["freq"][word] / profile["n_words"][length - 1]
            if word in profile["freq"]
            else 0.0
            for profile in self._profiles
        ]


@functools.cache
def _factory() -> _Profiles:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    # the factory's own order (os.listdir): the probabilities are summed in this order
    profiles = []
    for name in os.listdir(PROFILES_DIRECTORY):
        path = os.path.join(PROFILES_DIRECTORY, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as handle:
            profiles.append(json.load(handle))
    return _Profiles([profile["name"] for profile in profiles], _ProbabilityRows(profiles))


def has_enough_letters(text: str, minimum: int = MIN_LETTERS) -> bool:
    """True when ``text`` holds at least ``minimum`` letters (stops counting there)."""
    return sum(1 for _ in itertools.islice(_LETTER.finditer(text), minimum)) >= minimum


def detect_language(text: str, *, max_chars: int = _MAX_CHARS, exact: bool = False) -> str | None:
    """ISO 639-1 code of ``text``'s language ("de", "fr", "zh-cn", ...), or None.

    None when the text has fewer than ``MIN_LETTERS`` letters, or fewer than 40 and its
    function words do not tell, or langdetect cannot decide; never raises. Only the first
    ``max_chars`` characters are read. ``exact`` skips the function-word shortcut and asks
    langdetect directly (7 trials).
    """
    sample = text[:max_chars]
    if not has_enough_letters(sample):
        return None
    named = _by_script(sample)
    if named is not None:
        return named
    if exact:
        return _langdetect(sample, 7)
    quick = _by_function_words(sample)
    if quick is not None:
        return quick
    if not has_enough_letters(sample, _MIN_LETTERS_LANGDETECT):
        return None  # langdetect is right 7 times in 10 on these and costs 4-7 ms: no guess
    return _langdetect(sample, 1)


@functools.cache
def _detector_class() -> type:
    """langdetect's Detector with its per-n-gram update done on numpy arrays.

    The pure-Python loop over 55 languages for every sampled n-gram was half of loading a
    large article. Same arithmetic, same random draws, same answers (the sum stays Python's
    left-to-right sum so that the convergence test sees the very same numbers).
    """
    import numpy as np
    from langdetect.detector import Detector

    class ArrayDetector(Detector):  # type: ignore[misc]
        _rows: ClassVar[dict[str, Any]] = {}

        def _init_probability(self) -> Any:
            if self.prior_map is not None:
                return np.array(self.prior_map, dtype=float)
            return np.full(len(self.langlist), 1.0 / len(self.langlist))

        def _update_lang_prob(self, prob: Any, word: str | None, alpha: float) -> bool:
            row = self._rows.get(word) if word is not None else None
            if row is None:
                if word is None or word not in self.word_lang_prob_map:
                    return False
                if len(self._rows) >= _MAX_CACHED_NGRAMS:
                    self._rows.clear()
                row = self._rows[word] = np.array(self.word_lang_prob_map[word], dtype=float)
            prob *= alpha / self.BASE_FREQ + row
            return True

        def _normalize_prob(self, prob: Any) -> float:
            prob /= sum(prob.tolist())
            return float(prob.max())

        def _extract_ngrams(self) -> list[str]:
            return _ngrams(self.text, self.word_lang_prob_map)

    return ArrayDetector


# langdetect's normal form of each character seen (its ``NGram.normalize``), kept: a text
# repeats a few dozen characters, and the per-character call was most of ``_ngrams``' time
_NORMAL_FORMS: dict[str, str] = {}
_MAX_NORMAL_FORMS = 65_536


def _ngrams(text: str, known: Any) -> list[str]:
    """langdetect's ``Detector._extract_ngrams``: the 1- to 3-grams of ``text`` in its
    profiles, in the same order (its random draws index this list), with its ``NGram``
    buffer's steps inline and each character normalised once."""
    from langdetect.utils.ngram import NGram

    words = known._words if isinstance(known, _ProbabilityRows) else known
    forms = _NORMAL_FORMS
    if len(forms) >= _MAX_NORMAL_FORMS:
        forms.clear()
    out: list[str] = []
    grams, capital = " ", False
    for raw in text:
        ch = forms.get(raw)
        if ch is None:
            ch = forms[raw] = NGram.normalize(raw)
        last = grams[-1]
        if last == " ":
            grams, capital = " ", False
            if ch == " ":
                continue  # the buffer stays a lone space: no n-gram
        elif len(grams) >= NGram.N_GRAM:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if ch != " " and ch in words:
            out.append(ch)
        if len(grams) >= 2:
            if grams[-2:] in words:
                out.append(grams[-2:])
            if len(grams) >= 3 and grams in words:
                out.append(grams)
    return out


@functools.lru_cache(maxsize=4096)  # articles repeat boilerplate paragraphs
def _langdetect(sample: str, trials: int) -> str | None:
    try:
        detector = _detector_class()(_factory())
        detector.n_trial = trials  # 1 instead of 7 for paragraphs: as accurate there, 2-3x faster
        detector.append(sample)
        language = detector.detect()
    except Exception:  # langdetect raises its own and assorted errors on odd input
        return None
    return None if language == "unknown" else language


# Scripts that langdetect has no profile for and that one language writes nearly alone: text
# mostly in one of them is that language (langdetect would call Armenian Estonian, and leave
# Burmese or Khmer without a language). Not Ethiopic (Amharic and Tigrinya), Tibetan
# (Tibetan and Dzongkha) or the scripts langdetect knows (Thai, Hebrew, Greek, Devanagari).
# Their Unicode blocks, so that text in none of them is passed over in one regex search;
# for Myanmar only Burmese's letters: Shan, Mon and Karen write theirs with letters of their
# own (``_OTHER_MYANMAR``). Mingrelian and Svan, rarely written, would be read as Georgian.
SCRIPT_LANGUAGES = {
    "ARMENIAN": ("hy", "\u0530-\u058f\ufb13-\ufb17"),
    "GEORGIAN": ("ka", "\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f"),
    "MYANMAR": ("my", "\u1000-\u104f"),
    "KHMER": ("km", "\u1780-\u17ff\u19e0-\u19ff"),
    "LAO": ("lo", "\u0e80-\u0eff"),
    "SINHALA": ("si", "\u0d80-\u0dff"),
    "THAANA": ("dv", "\u0780-\u07bf"),
    "ORIYA": ("or", "\u0b00-\u0b7f"),
}
_NAMED_SCRIPT = re.compile("[" + "".join(blocks for _, blocks in SCRIPT_LANGUAGES.values()) + "]")
_OTHER_MYANMAR = re.compile("[\u1050-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]")


def _by_script(sample: str) -> str | None:
    """The language of the script that writes more than half of ``sample``'s letters, if
    that script is one of ``SCRIPT_LANGUAGES``.

    >>> _by_script("Երևանում մետրոյի նոր կայարանը կբացվի 2027 թվականին։")
    'hy'
    >>> _by_script("The Armenian word for thousand is հազար.") is None
    True
    >>> _by_script("abc ։։։։։։։։") is None
    True
    """
    if _NAMED_SCRIPT.search(sample) is None:
        return None
    letters = _LETTER.findall(sample)
    if 2 * len(_NAMED_SCRIPT.findall(sample)) <= len(letters):  # a name in a Latin paragraph
        return None
    counts: dict[str, int] = {}
    for letter in letters:
        name = script_of(letter)
        if name in SCRIPT_LANGUAGES:
            counts[name] = counts.get(name, 0) + 1
    if not counts:  # only the blocks' marks and stops ("։։։" after Latin text)
        return None
    script, count = max(counts.items(), key=lambda item: item[1])
    if 2 * count <= len(letters) or (script == "MYANMAR" and _OTHER_MYANMAR.search(sample)):
        return None
    return SCRIPT_LANGUAGES[script][0]


def _by_function_words(sample: str) -> str | None:
    """The language whose function words clearly dominate ``sample``, if one does."""
    counts: dict[str, int] = {}
    kinds: dict[str, set[str]] = {}
    for word in _WORD.findall(sample.casefold()):
        for language in _LANGUAGES_OF_WORD.get(word, ()):
            counts[language] = counts.get(language, 0) + 1
            kinds.setdefault(language, set()).add(word)
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    best, hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    # Thresholds measured on the Text+Berg dev lines: decides 73% of them, 99.5% correctly
    # (langdetect alone: 95%, it stumbles on names and titles).
    # and two different words at least: Tagalog's "sa" (to, in) is French's "sa" (his) three
    # times over in one paragraph
    if len(kinds[best]) < 2:
        return None
    return best if hits >= 3 and hits > runner_up and hits >= 1.5 * runner_up else None
