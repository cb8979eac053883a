"""Chinese names: Han characters read as pinyin, pinyin written in Hangul.

Han characters are read with pypinyin (simplified and traditional alike: 習近平 = 习近平 =
xi jin ping). A name in pinyin is then written in Hangul by the Korean orthography of
Chinese (외래어 표기법, 중국어): Xi Jinping -> 시진핑, Mao Zedong -> 마오쩌둥, Li Keqiang ->
리커창, which is how Korean news writes it; Russian writes Chinese names by the Palladius
system (Си Цзиньпин), read back to pinyin here, so the Hangul spelling, the Han characters and
the pinyin all meet in the one Hangul form and are keyed from it.

A Latin name is read as pinyin when it is a Chinese surname and a given name of one or two
pinyin syllables (``Xi Jinping``, ``Hu Jintao``, ``Xi Jin-ping``); where the name also
reads as Korean (``Yang Jin-ho``; ``Kim Jong Un``, whose Kim is no pinyin), the Korean
reading wins unless a spelling only pinyin has marks the given name (:mod:`.parse`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from .hangul import _LEADS, _VOWELS
from .translit import _strip_marks

_HANGUL_BASE = 0xAC00
_TAIL_INDEX = {"": 0, "ㄴ": 4, "ㄹ": 8, "ㅇ": 21}

_INITIALS: dict[str, str] = {
    "b": "ㅂ", "p": "ㅍ", "m": "ㅁ", "f": "ㅍ", "d": "ㄷ", "t": "ㅌ", "n": "ㄴ", "l": "ㄹ",
    "g": "ㄱ", "k": "ㅋ", "h": "ㅎ", "j": "ㅈ", "q": "ㅊ", "x": "ㅅ", "zh": "ㅈ", "ch": "ㅊ",
    "sh": "ㅅ", "r": "ㄹ", "z": "ㅉ", "c": "ㅊ", "s": "ㅆ", "": "ㅇ",
}
# Each final as the Hangul syllables it is written with: (vowel, tail), the first one
# taking the initial (ai = 아이, tao = 타오).
_FINALS: dict[str, tuple[tuple[str, str], ...]] = {
    "a": (("ㅏ", ""),), "o": (("ㅗ", ""),), "e": (("ㅓ", ""),), "ai": (("ㅏ", ""), ("ㅣ", "")),
    "ei": (("ㅔ", ""), ("ㅣ", "")), "ao": (("ㅏ", ""), ("ㅗ", "")),
    "ou": (("ㅓ", ""), ("ㅜ", "")), "an": (("ㅏ", "ㄴ"),), "en": (("ㅓ", "ㄴ"),),
    "ang": (("ㅏ", "ㅇ"),), "eng": (("ㅓ", "ㅇ"),), "er": (("ㅓ", "ㄹ"),),
    "ong": (("ㅜ", "ㅇ"),), "i": (("ㅣ", ""),), "ia": (("ㅑ", ""),),
    "iao": (("ㅑ", ""), ("ㅗ", "")), "ie": (("ㅖ", ""),), "iu": (("ㅠ", ""),),
    "ian": (("ㅖ", "ㄴ"),), "in": (("ㅣ", "ㄴ"),), "iang": (("ㅑ", "ㅇ"),),
    "ing": (("ㅣ", "ㅇ"),), "iong": (("ㅠ", "ㅇ"),), "u": (("ㅜ", ""),), "ua": (("ㅘ", ""),),
    "uo": (("ㅝ", ""),), "uai": (("ㅘ", ""), ("ㅣ", "")), "ui": (("ㅜ", ""), ("ㅣ", "")),
    "uei": (("ㅞ", ""), ("ㅣ", "")),
    "uan": (("ㅘ", "ㄴ"),), "un": (("ㅜ", "ㄴ"),), "uang": (("ㅘ", "ㅇ"),),
    "ueng": (("ㅝ", "ㅇ"),), "uen": (("ㅝ", "ㄴ"),), "v": (("ㅟ", ""),), "ve": (("ㅞ", ""),),
    "van": (("ㅟ", ""), ("ㅏ", "ㄴ")), "vn": (("ㅟ", "ㄴ"),),
}
# Initial-less syllables as pinyin writes them (y-, w-), as finals.
_ZERO: dict[str, str] = {
    "yi": "i", "ya": "ia", "yao": "iao", "ye": "ie", "you": "iu", "yan": "ian", "yin": "in",
    "yang": "iang", "ying": "ing", "yong": "iong", "yu": "v", "yue": "ve", "yuan": "van",
    "yun": "vn", "wu": "u", "wa": "ua", "wo": "uo", "wai": "uai", "wei": "uei", "wan": "uan",
    "wen": "uen", "wang": "uang", "weng": "ueng", "a": "a", "o": "o", "e": "e", "ai": "ai",
    "ei": "ei", "ao": "ao", "ou": "ou", "an": "an", "en": "en", "ang": "ang", "eng": "eng",
    "er": "er",
}
_FLAT = {"ㅑ": "ㅏ", "ㅖ": "ㅔ", "ㅛ": "ㅗ", "ㅠ": "ㅜ", "ㅕ": "ㅓ"}  # after ㅈ ㅉ ㅊ
_SIBILANT = ("zh", "ch", "sh", "r", "z", "c", "s")  # their -i is ㅡ (shi = 스, si = 쓰)

# Common Chinese surnames in pinyin (the Latin reader's cue).
_SURNAMES = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo "
    "zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang "
    "cai du ye cheng su wei lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu "
    "fang bai zou meng xiong qin qiu yin xue yan duan lei hou long tao gu mao hao gong shao "
    "wan qian dai mo kong xiang xi bo ou wen bi ji ni niu ning ouyang sima zhuge shangguan".split()
)


def _compose(lead: str, vowel: str, tail: str) -> str:
    code = (_LEADS.index(lead) * 21 + _VOWELS.index(vowel)) * 28 + _TAIL_INDEX[tail]
    return chr(_HANGUL_BASE + code)


def _split_syllable(syl: str) -> tuple[str, str] | None:
    """One pinyin syllable as (initial, final), or ``None``."""
    if syl in _ZERO:
        return "", _ZERO[syl]
    for n in (2, 1):
        ini, fin = syl[:n], syl[n:]
        if ini in _INITIALS and ini and fin:
            if ini in ("j", "q", "x") and fin.startswith("u"):
                fin = "v" + fin[1:]  # ju = jü
            fin = {"ue": "ve", "uen": "un", "uei": "ui", "iou": "iu"}.get(fin, fin)
            if fin in _FINALS:
                return ini, fin
    return None


@lru_cache(maxsize=4096)
def _pinyin_hangul(syl: str) -> str:
    """One pinyin syllable (lower case, no tone) in Hangul, or ``""``."""
    parts = _split_syllable(syl.replace("ü", "v"))
    if parts is None:
        return ""
    ini, fin = parts
    lead = _INITIALS[ini]
    out = []
    for k, (vowel, tail) in enumerate(_FINALS[fin]):
        if k == 0:
            if fin == "i" and ini in _SIBILANT:
                vowel = "ㅡ"
            if lead in ("ㅈ", "ㅉ", "ㅊ"):
                vowel = _FLAT.get(vowel, vowel)
            out.append(_compose(lead, vowel, tail))
        else:
            out.append(_compose("ㅇ", vowel, tail))
    return "".join(out)


def _fewest_syllables(word: str, read: Callable[[str], str | None]) -> tuple[str, ...] | None:
    """``word`` cut into chunks of 1-6 letters that ``read`` turns into syllables, the
    fewest syllables (then the longest first chunk), or ``None`` when no cut reads."""
    n = len(word)
    best: dict[int, tuple[str, ...] | None] = {n: ()}
    for i in range(n - 1, -1, -1):
        found: tuple[str, ...] | None = None
        for j in range(min(n, i + 6), i, -1):
            rest = best.get(j)
            if rest is None:
                continue
            syl = read(word[i:j])
            if syl is not None and (found is None or len(rest) + 1 < len(found)):
                found = (syl, *rest)
        best[i] = found
    return best[0]


@lru_cache(maxsize=4096)
def _pinyin_split(word: str) -> tuple[str, ...] | None:
    """A run-together pinyin word as syllables (fewest syllables, then longest first)."""
    return _fewest_syllables(word, lambda c: c if _split_syllable(c) is not None else None)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def _han_hangul(tokens: list[str]) -> str:
    """Han tokens read as pinyin and written in Hangul, joined (習近平 -> 시진핑)."""
    syls = [s for s in lazy_pinyin("".join(tokens), style=Style.NORMAL, v_to_u=True)
            if (s.isascii() and s.isalpha()) or "ü" in s]
    return "".join(_pinyin_hangul(s.lower()) for s in syls)


def _toneless(word: str) -> str:
    """Pinyin without its tone marks (Xí Jìnpíng = Xi Jinping); ü is kept."""
    return _strip_marks(word.replace("ü", "v")).replace("v", "ü")


def _pinyin_name_hangul(tokens: list[str]) -> str:
    """A Latin name read as pinyin and written in Hangul, or ``""`` if it is not pinyin.

    The given name is one word of one or two syllables (``Xi Jinping``) or two syllables
    hyphenated or apart (``Xi Jin-ping``, ``Xi Jin Ping``), each then one syllable. In the
    Western order a two-syllable given name that is no surname comes first (``Jinping
    Xi``, ``Meili Wang``).
    """
    if not 2 <= len(tokens) <= 3:
        return ""
    low = [_toneless(t.lower()) for t in tokens]
    if (
        len(low) == 2
        and low[0] not in _SURNAMES
        and low[1] in _SURNAMES
        and low[0].isascii()
        and len(_pinyin_split(low[0]) or ()) == 2
    ):
        low.reverse()
    sur, pieces = low[0], [p for t in low[1:] for p in t.split("-")]
    given = "".join(pieces)
    if sur not in _SURNAMES or not (sur + given).isascii() or not given.isalpha():
        return ""
    if len(pieces) > 1:
        if len(pieces) != 2 or not all(_split_syllable(p) for p in pieces):
            return ""
        parts: tuple[str, ...] | None = tuple(pieces)
    else:
        parts = _pinyin_split(given)
    sur_parts = _pinyin_split(sur)
    if sur_parts is None or parts is None or not 1 <= len(parts) <= 2:
        return ""
    return "".join(_pinyin_hangul(p) for p in (*sur_parts, *parts))


# The Palladius system, how Russian writes Chinese names (Си Цзиньпин = Xi Jinping): its
# finals after an initial, and the syllables with none, as pinyin.
_PAL_FINALS: dict[str, str] = {
    "а": "a", "о": "o", "э": "e", "ай": "ai", "эй": "ei", "ао": "ao", "оу": "ou", "ань": "an",
    "энь": "en", "ан": "ang", "эн": "eng", "ун": "ong", "и": "i", "я": "ia", "е": "ie",
    "яо": "iao", "ю": "iu", "янь": "ian", "инь": "in", "ян": "iang", "ин": "ing", "юн": "iong",
    "у": "u", "уа": "ua", "уай": "uai", "уй": "ui", "уань": "uan", "унь": "un", "уан": "uang",
    "юй": "v", "юэ": "ve", "юань": "van", "юнь": "vn", "ы": "i",
}
_PAL_ZERO: dict[str, str] = {
    "а": "a", "о": "o", "э": "e", "ай": "ai", "ао": "ao", "оу": "ou", "ань": "an", "энь": "en",
    "ан": "ang", "эн": "eng", "эр": "er", "и": "yi", "я": "ya", "е": "ye", "яо": "yao",
    "ю": "you", "янь": "yan", "инь": "yin", "ян": "yang", "ин": "ying", "юн": "yong", "у": "wu",
    "ва": "wa", "во": "wo", "вай": "wai", "вэй": "wei", "вань": "wan", "вэнь": "wen",
    "ван": "wang", "вэн": "weng", "юй": "yu", "юэ": "yue", "юань": "yuan", "юнь": "yun",
}
# Initials; цз, ц, с are j, q, x before i and ü, else z, c, s.
_PAL_INITIALS: dict[str, str] = {
    "чж": "zh", "цз": "z", "ц": "c", "с": "s", "ч": "ch", "ш": "sh", "ж": "r", "б": "b",
    "п": "p", "м": "m", "ф": "f", "д": "d", "т": "t", "н": "n", "л": "l", "г": "g", "к": "k",
    "х": "h",
}
_PALATAL = {"z": "j", "c": "q", "s": "x"}


@lru_cache(maxsize=4096)
def _palladius_syllables(word: str) -> tuple[str, ...] | None:
    """A Cyrillic word as pinyin syllables by the Palladius system, or ``None``."""
    return _fewest_syllables(word, _palladius_one)


def _palladius_one(chunk: str) -> str | None:
    if chunk in _PAL_ZERO:
        return _PAL_ZERO[chunk]
    for k in (2, 1):
        ini, fin = chunk[:k], chunk[k:]
        if ini not in _PAL_INITIALS or fin not in _PAL_FINALS:
            continue
        py_ini, py_fin = _PAL_INITIALS[ini], _PAL_FINALS[fin]
        if fin == "ы" and py_ini not in ("z", "c", "s"):
            return None
        if py_ini in _PALATAL and fin[0] in "иеяю":
            py_ini = _PALATAL[py_ini]
            py_fin = {"v": "u", "ve": "ue", "van": "uan", "vn": "un"}.get(py_fin, py_fin)
        if py_fin == "o" and py_ini not in ("b", "p", "m", "f"):
            py_fin = "uo"  # Palladius го is guo
        syl = py_ini + py_fin
        return syl if _split_syllable(syl.replace("v", "ü")) or _split_syllable(syl) else None
    return None


def _palladius_name_hangul(tokens: list[str]) -> str:
    """A Cyrillic Chinese name (a Chinese surname, a given name of one or two syllables,
    maybe hyphenated or spaced) written in Hangul, or ``""``."""
    if not 2 <= len(tokens) <= 3:
        return ""
    low = [t.lower().replace("-", "") for t in tokens]
    if not all(w and all("а" <= c <= "я" or c == "ё" for c in w) for w in low):
        return ""
    parts = [_palladius_syllables(w.replace("ё", "е")) for w in low]
    if any(p is None for p in parts):
        return ""
    sur, given = parts[0], [s for p in parts[1:] for s in (p or ())]
    if sur is None or len(sur) != 1 or sur[0] not in _SURNAMES or not 1 <= len(given) <= 2:
        return ""
    return "".join(_pinyin_hangul(s) for s in (*sur, *given))
