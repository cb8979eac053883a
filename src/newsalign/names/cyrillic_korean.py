"""Korean names in Cyrillic: the Kontsevich system and the older Soviet spellings.

Russian writes Korean names syllable by syllable (Ким Чен Ын = 김정은, Мун Чжэ Ин or Мун
Чжэин = 문재인, Цой Сон Хи = 최선희). The system is lossy: о is ㅗ or ㅓ, н is a final ㄴ or
ㅇ, е after ч or с is also ㅓ or ㅕ in the Soviet spellings (Чен = 정, Сен = 성). So each
Cyrillic syllable is read as the *sets* of jamo it can stand for, as a romanised one is
(:mod:`.romanization`), and a whole name as a Korean surname and one or two given-name
syllables, which the matcher compares set against set (:mod:`.match`).
"""

# Tables and examples hold Cyrillic and Hangul on purpose (RUF001 and RUF003 are off
# project-wide).

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .hangul import _hangul_sylset, _lead_variants, _SylSet
from .korean import _korean_record
from .parsed import _Parsed
from .romanization import _alternation
from .surnames import _HANGUL_SURNAMES, _INITIAL_LAW
from .syllables import _spells_name_syllable

# Initial consonants: Kontsevich writes the lenis stops voiceless (к т п ч) at the start of
# a word and voiced (г д б чж) inside it, the aspirates with х (кх тх пх чх), the tense
# ones doubled; the older spellings write ㅈ and ㅊ as ч or ц (Чен = 정, Цой = 최) and ㅈ as
# дж (Джэ = 재). No letter is ㅇ.
_C_LEADS: dict[str, frozenset[str]] = {
    "": frozenset("ㅇ"), "к": frozenset("ㄱㅋ"), "г": frozenset("ㄱ"), "кх": frozenset("ㅋ"),
    "кк": frozenset("ㄲ"), "т": frozenset("ㄷㅌ"), "д": frozenset("ㄷ"), "тх": frozenset("ㅌ"),
    "тт": frozenset("ㄸ"), "п": frozenset("ㅂㅍ"), "б": frozenset("ㅂ"), "пх": frozenset("ㅍ"),
    "пп": frozenset("ㅃ"), "с": frozenset("ㅅㅆ"), "сс": frozenset("ㅆ"), "ч": frozenset("ㅈㅊ"),
    "чж": frozenset("ㅈ"), "дж": frozenset("ㅈ"), "чх": frozenset("ㅊ"), "чч": frozenset("ㅉ"),
    "ц": frozenset("ㅈㅊ"), "х": frozenset("ㅎ"), "м": frozenset("ㅁ"), "н": frozenset("ㄴ"),
    "р": frozenset("ㄹ"), "л": frozenset("ㄹ"),
}
# Vowels. е is ㅔ or ㅖ (Хе = 혜), ㅐ in news spellings, and ㅕ or ㅛ where ё is written
# without its dots (Мен = 명); э is ㅐ or ㅔ (Чжэ = 재, Хэ = 해); и is ㅣ or ㅢ (Хи = 희);
# the glides are written with в (Хван = 황, Квон = 권, Чхве = 최).
_C_VOWELS: dict[str, frozenset[str]] = {
    "а": frozenset("ㅏ"), "я": frozenset("ㅑ"), "о": frozenset("ㅗㅓ"), "ё": frozenset("ㅕㅛ"),
    "у": frozenset("ㅜ"), "ю": frozenset("ㅠ"), "ы": frozenset("ㅡ"), "и": frozenset("ㅣㅢ"),
    "э": frozenset("ㅐㅔ"), "е": frozenset("ㅔㅖㅐㅕㅛ"), "ый": frozenset("ㅢ"),
    "ой": frozenset("ㅚ"), "ва": frozenset("ㅘ"), "во": frozenset("ㅝ"), "ве": frozenset("ㅞㅚㅙ"),
    "вэ": frozenset("ㅙㅞㅚ"), "ви": frozenset("ㅟ"),
}
# The Soviet spellings write ㅓ and ㅕ after ㅈ, ㅊ and ㅅ as е (Чен = 정, Сен = 성).
_SOVIET_E_LEADS = frozenset({"ч", "чж", "дж", "чх", "ц", "с", "сс"})
# Final sounds (as :mod:`.romanization` gives them). н writes ㄴ and ㅇ alike (нъ is ㅇ
# before a vowel in Kontsevich proper); ㄹ is ль, or р and л (Ир = 일).
_C_TAILS: dict[str, frozenset[str]] = {
    "": frozenset({""}), "к": frozenset({"k"}), "т": frozenset({"t"}), "п": frozenset({"p"}),
    "м": frozenset({"m"}), "н": frozenset({"n", "ng"}), "нъ": frozenset({"ng"}),
    "ль": frozenset({"ㄹ"}), "л": frozenset({"ㄹ"}), "р": frozenset({"ㄹ"}),
}


_C_SYLLABLE = re.compile(
    f"({_alternation(_C_LEADS)})?({_alternation(_C_VOWELS)})({_alternation(_C_TAILS)})?"
)


@lru_cache(maxsize=4096)
def _cyr_sylset(chunk: str) -> _SylSet | None:
    """One Cyrillic syllable (lower case) as jamo sets, or ``None``.

    Example:
        >>> leads, vowels, tails = _cyr_sylset("чен")
        >>> sorted(leads), "ㅓ" in vowels, sorted(tails)
        (['ㅈ', 'ㅊ'], True, ['n', 'ng'])
    """
    m = _C_SYLLABLE.fullmatch(chunk)
    if m is None:
        return None
    lead, vowel, tail = m.group(1) or "", m.group(2), m.group(3) or ""
    vowels = _C_VOWELS[vowel]
    if vowel == "е" and lead in _SOVIET_E_LEADS:
        vowels = vowels | frozenset("ㅓㅕ")
    return _lead_variants(_C_LEADS[lead], vowels), vowels, _C_TAILS[tail]


@lru_cache(maxsize=4096)
def _cyr_syllables(word: str) -> tuple[_SylSet, ...] | None:
    """A Cyrillic word (lower case) as Korean syllables, the fewest, or ``None``.

    Of equally short cuts the next syllable takes its onset (чжэмин = чжэ + мин). A
    final ㄹ written р or л (Ир = 일) ends the word; inside one Kontsevich writes it ль
    (Чхольсу), so Гордон is no Korean syllables.

    Example:
        >>> len(_cyr_syllables("чжэин") or ()), _cyr_syllables("филби")
        (2, None)
    """
    n = len(word)
    best: dict[int, tuple[str, ...] | None] = {n: ()}
    for i in range(n - 1, -1, -1):
        found: tuple[str, ...] | None = None
        for j in range(i + 1, min(n, i + 6) + 1):  # shortest first chunk wins ties
            rest = best.get(j)
            if rest is None or _cyr_sylset(word[i:j]) is None:
                continue
            if j < n and word[j - 1] in "рл":
                continue  # ㄹ is ль inside a word; р and л only end one (Ир; not Гордон)
            if found is None or len(rest) + 1 < len(found):
                found = (word[i:j], *rest)
        best[i] = found
    chunks = best[0]
    if chunks is None:
        return None
    return tuple(s for c in chunks if (s := _cyr_sylset(c)) is not None)


def _fits(s: _SylSet, hangul: str) -> bool:
    return all(x & y for x, y in zip(s, _hangul_sylset(hangul), strict=True))


_ONE_SYLLABLE_SURNAMES = tuple(sorted(h for h in _HANGUL_SURNAMES if len(h) == 1))


def _is_cyrillic_word(word: str) -> bool:
    return bool(word.strip("-")) and all(c == "-" or "а" <= c <= "я" or c == "ё" for c in word)


def _cyrillic_korean_parse(tokens: list[str]) -> _Parsed | None:
    """A Korean name in Cyrillic (Ким Чен Ын), family name first, or ``None``.

    The first word is one syllable, starting voiceless, that some Korean surname fits
    (Ким, Пак, Цой, Чон; not Джон); the others hold one or
    two given-name syllables in all, each one Korean names use (words apart, hyphenated or
    run together: Мун Чжэ Ин, Мун Чжэ-Ин, Мун Чжэин). A word that is no Korean syllables
    (Ким Филби, Ли Харви Освальд) makes the name not Korean.

    Example:
        >>> p = _cyrillic_korean_parse(["Ким", "Чен", "Ын"])
        >>> p is not None and p.kind, sorted(p.surname) if p else None
        ('korean', ['김'])
        >>> _cyrillic_korean_parse(["Ким", "Филби"]) is None
        True
    """
    if not 2 <= len(tokens) <= 4:
        return None
    low = [t.lower() for t in tokens]
    if not all(_is_cyrillic_word(w) for w in low) or "-" in low[0]:
        return None
    if low[0][0] in "гдб" or low[0].startswith("чж"):
        # Kontsevich writes a word's first ㄱ ㄷ ㅂ ㅈ voiceless (Ким, Пак, Чон): a first
        # name written so is Western (Джон Ли, Дэн Браун), not a Korean surname.
        return None
    sur = _cyr_syllables(low[0])
    if sur is None or len(sur) != 1:
        return None
    surnames = frozenset(_INITIAL_LAW.get(h, h) for h in _ONE_SYLLABLE_SURNAMES if _fits(sur[0], h))
    if not surnames:
        return None
    given: list[_SylSet] = []
    for piece in (p for w in low[1:] for p in w.split("-") if p):
        syls = _cyr_syllables(piece)
        if syls is None or not all(_spells_name_syllable(s) for s in syls):
            return None
        given.extend(syls)
    if not 1 <= len(given) <= 2:
        return None
    return replace(_korean_record(surnames, tuple(given), tokens), cyrillic=True)
