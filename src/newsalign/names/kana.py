"""Japanese kana (hiragana and katakana) read as Hepburn romaji: キシダ -> kishida.

The syllable of each kana is read off its Unicode name (``KATAKANA LETTER SI``), which
spells Kunrei-shiki, and turned to Hepburn (si -> shi, ti -> chi, tu -> tsu, hu -> fu, zi
and di -> ji, du -> zu); small ya, yu and yo fuse with the syllable before (キャ kya, シャ
sha), a small vowel replaces the vowel before (フィ fi, ティ ti), the small tsu doubles the
next consonant (ッ) and the long-vowel mark ー is dropped.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_HEPBURN = {
    "si": "shi",
    "ti": "chi",
    "tu": "tsu",
    "hu": "fu",
    "zi": "ji",
    "di": "ji",
    "du": "zu",
    "wi": "i",
    "we": "e",
    "wo": "o",
}
_YOON = {"shi": "sh", "chi": "ch", "ji": "j"}


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30fa" or ch == "\u30fc"


@lru_cache(maxsize=256)
def _kana_syllable(ch: str) -> tuple[str, bool]:
    """The romaji of one kana and whether it is a small one (``ャ`` -> ``("ya", True)``)."""
    name = unicodedata.name(ch, "")
    words = name.split()
    if len(words) < 3 or words[0] not in ("HIRAGANA", "KATAKANA") or words[1] != "LETTER":
        return "", False
    small = words[2] == "SMALL"
    syl = words[-1].lower()
    return _HEPBURN.get(syl, syl), small


def _kana_latin(word: str) -> str:
    """A word in kana as lower-case Hepburn romaji; other characters are dropped."""
    out: list[str] = []
    double = False
    for ch in word:
        if ch == "\u30fc":  # the long-vowel mark
            continue
        syl, small = _kana_syllable(ch)
        if not syl:
            continue
        if small and syl == "tsu":
            double = True
            continue
        if small and out:
            prev = out[-1]
            if syl in ("ya", "yu", "yo") and prev.endswith("i"):
                stem = _YOON.get(prev, prev[:-1] + "y")
                out[-1] = stem + syl[1]
            else:
                out[-1] = prev[:-1] + syl
            continue
        if double and syl[0] not in "aiueon":
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
        double = False
        out.append(syl)
    return "".join(out)
