"""Chinese names in their Sino-Korean reading: does ``맹호연`` read ``Meng Haoran``?

Korean writes the names of Chinese people before the twentieth century (and many since) by
the Korean reading of their Han characters, not by their sound in Mandarin: 孟浩然 is
``Meng Haoran`` in pinyin and 맹호연 in Hangul, 諸葛亮 ``Zhuge Liang`` and 제갈량. The
rules in :mod:`.chinese` write pinyin in Hangul by sound (멍하오란), which meets the modern
spelling only; this module pairs the two through the characters they may share.

Each Hangul syllable stands for the pinyin syllables of the Han characters read so: the
``hanja`` package's table (Han character -> Hangul reading), restricted to the 4,888 hanja
of KS X 1001 (the characters Korean writes; the table's rare ones make every syllable read
as everything), each read by pypinyin in its usual reading. A word-initial syllable may
also stand for the syllable the initial sound law (두음법칙) rewrote: 李 is 리, written 이 at
the start of a word; 劉 is 류, written 유.

A Latin name meets a Hangul one when its two or three words, in order, parse wholly as
pinyin syllables, each word one run of the Hangul syllables, each syllable a reading of one
of those characters (Meng Haoran = 맹 호 연, Zhuge Liang = 제갈 량). One-syllable given
names are often homophones in Mandarin (張儀 and 張翼 are both Zhang Yi): such a pair is
one spelling of the name, as two English spellings are, not proof of one person.

A pinyin name also meets its modern Hangul spelling by sound (:mod:`.chinese`), wherever
the parser read the Latin name as Korean (``Bai Hong`` / ``바이훙``, not 배홍).

The table is read lazily, once, the first time a pair might need it. ``hanja`` is an
optional extra (``pip install "newsalign[hanja]"``: the package requires pytest, coveralls
and an exact PyYAML at run time); without it installed no pair meets (logged once).
"""

# Tables and examples hold Hangul and Han characters on purpose (RUF001 and RUF003 are off).

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources

from .chinese import _pinyin_name_hangul, _pinyin_split
from .hangul import _HANGUL_BASE, _is_hangul
from .surnames import _INITIAL_LAW

logger = logging.getLogger(__name__)

# One line of the hanja table: "\u5B5F": "\uB9F9" (a Han character, its Hangul reading).
_TABLE_LINE = re.compile(r'^"\\u([0-9A-Fa-f]{4})": "\\u([0-9A-Fa-f]{4})"$', re.MULTILINE)
_LATIN_WORD = re.compile(r"^[a-z]+$")

# Vowel indices (in Unicode's order) before which the initial sound law drops ㄹ and ㄴ:
# ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ; before the others ㄹ is written ㄴ.
_Y_VOWELS = frozenset({2, 6, 7, 12, 17, 20})
_LEAD_N, _LEAD_R, _LEAD_ZERO = 2, 5, 11


def _in_ks_x_1001(ch: str) -> bool:
    try:
        ch.encode("euc_kr")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def _table() -> Mapping[str, str]:
    """The hanja package's table: each Han character -> its Hangul reading."""
    try:
        text = (resources.files("hanja") / "table.yml").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        logger.warning("the hanja package is missing: no Sino-Korean readings of Han names")
        return {}
    out: dict[str, str] = {}
    for m in _TABLE_LINE.finditer(text):
        han, hangul = chr(int(m.group(1), 16)), chr(int(m.group(2), 16))
        if _is_hangul(hangul):
            out[han] = hangul
    return out


@lru_cache(maxsize=1)
def _readings() -> Mapping[str, frozenset[str]]:
    """Each Hangul syllable -> the pinyin syllables (no tone) of the hanja read so."""
    from pypinyin import Style, lazy_pinyin

    out: dict[str, set[str]] = {}
    for han, hangul in _table().items():
        if not _in_ks_x_1001(han):
            continue
        for syl in lazy_pinyin(han, style=Style.NORMAL, v_to_u=True):
            if _LATIN_WORD.match(syl.replace("ü", "v")):
                # English writes lü and nü without the dots (Zhang Lu 장률).
                out.setdefault(hangul, set()).update({syl.replace("ü", "v"), syl.replace("ü", "u")})
    # 金 is 금, but 김 as a surname (Jin Yong = 김용).
    out.setdefault("김", set()).add("jin")
    return {k: frozenset(v) for k, v in out.items()}


def korean_reading(name: str) -> str:
    """A name in Han characters read as a Korean name in Hangul, or ``""``.

    Korean names are written in Han characters too (金正恩, 崔善姬): read as Korean they
    are 김정은 and 최선희, while pinyin reads them as Chinese (Jin Zheng'en). Each character
    takes the table's reading; the surname the initial sound law (李 리 is 이, 柳 류 is 유)
    and 金 its surname reading 김. Two to four characters, spaces and a middle dot allowed;
    ``""`` where any other letter is there or a character has no reading.

    Example:
        >>> korean_reading("金正恩"), korean_reading("李 在明")
        ('김정은', '이재명')
    """
    chars = [c for c in name if not c.isspace() and c not in "·・"]
    table = _table()
    if not 2 <= len(chars) <= 4 or not all(c in table for c in chars):
        return ""
    first = "김" if chars[0] == "金" else table[chars[0]]
    return "".join([_INITIAL_LAW.get(first, first), *(table[c] for c in chars[1:])])


def _initial_forms(syllable: str) -> tuple[str, ...]:
    """A word-initial syllable and the syllables the initial sound law writes as it."""
    code = ord(syllable) - _HANGUL_BASE
    lead, rest = divmod(code, 21 * 28)
    vowel = rest // 28
    if lead == _LEAD_ZERO and vowel in _Y_VOWELS:  # 이 may be 리 or 니 (李 리, 尼 니)
        return (syllable, chr(_syllable_code(_LEAD_R, rest)), chr(_syllable_code(_LEAD_N, rest)))
    if lead == _LEAD_N and vowel not in _Y_VOWELS:  # 노 may be 로 (魯 로)
        return (syllable, chr(_syllable_code(_LEAD_R, rest)))
    return (syllable,)


def _syllable_code(lead: int, rest: int) -> int:
    """The code point of a Hangul syllable from its lead index and its vowel-and-tail rest."""
    return _HANGUL_BASE + lead * 21 * 28 + rest


def sino_korean_pinyin(syllable: str, *, initial: bool = False) -> frozenset[str]:
    """The pinyin syllables a Hangul syllable may read as a hanja (``initial``: word-first).

    Example:
        >>> sorted(sino_korean_pinyin("맹"))
        ['mang', 'meng']
        >>> "li" in sino_korean_pinyin("이", initial=True)
        True
    """
    table = _readings()
    forms = _initial_forms(syllable) if initial and _is_hangul(syllable) else (syllable,)
    return frozenset().union(*(table.get(f, frozenset()) for f in forms))


def _word_reads(word: str, syllables: Sequence[tuple[str, bool]]) -> bool:
    """Whether a pinyin word is, syllable by syllable, a reading of the Hangul syllables."""
    reach = {0}
    for syl, initial in syllables:
        reach = {
            i + len(p)
            for p in sino_korean_pinyin(syl, initial=initial)
            for i in reach
            if word.startswith(p, i)
        }
        if not reach:
            return False
    return len(word) in reach


@lru_cache(maxsize=16384)
def _sino_korean_same(latin: str, hangul: str) -> bool:
    """A name in pinyin and a Hangul one that writes it in the Sino-Korean reading.

    ``latin`` must be two or three words of lower-case pinyin (no hyphen: ``Jin Chao-chun``
    is Wade-Giles, ``Kim Yeon-koung`` Korean), ``hangul`` two to four Hangul syllables in
    one or two words.
    """
    words = latin.split()
    han_words = hangul.split()
    if not 2 <= len(words) <= 3 or not 1 <= len(han_words) <= 2:
        return False
    if not all(_LATIN_WORD.match(w) and _pinyin_split(w) for w in words):
        return False
    if not all(all(_is_hangul(c) for c in w) for w in han_words):
        return False
    syls = tuple((c, k == 0) for w in han_words for k, c in enumerate(w))
    if not len(words) <= len(syls) <= 4:
        return False

    @cache
    def runs(w: int, s: int) -> bool:
        # Latin words w.. read Hangul syllables s.., each word one run of them.
        if w == len(words):
            return s == len(syls)
        # A given name starts a word of its own in Korean too (安祿山 안녹산, 祿 록).
        return any(
            _word_reads(words[w], ((syls[s][0], True), *syls[s + 1 : e])) and runs(w + 1, e)
            for e in range(s + 1, len(syls) - (len(words) - w - 1) + 1)
        )

    return runs(0, 0)


def _sino_korean_pair(a: str, b: str) -> bool:
    """The matcher's hook: either order of a pinyin name and a Sino-Korean Hangul one."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    if any(_is_hangul(c) for c in a):
        a, b = b, a
    latin = " ".join(a.lower().split())
    hangul = " ".join(b.split())
    if not latin.isascii() or not hangul or any(_is_hangul(c) for c in latin):
        return False
    # The modern reading by sound, where the parser read the Latin name as Korean instead
    # (Bai Hong is 배홍 to it, and 바이훙 in the Korean orthography of Chinese).
    modern = _pinyin_name_hangul(latin.split())
    return (bool(modern) and modern == hangul.replace(" ", "")) or _sino_korean_same(latin, hangul)
