"""Romanised Korean: the jamo each spelling can stand for, and splitting joined syllables.

Revised Romanization, McCune-Reischauer (breves and apostrophes dropped, or breves read as
RR vowels), the DPRK system and passport spellings, as sets of jamo per syllable part.

Public seam: :func:`romanized_spellings`.
"""

# Tables and examples hold Cyrillic, Greek and Hangul letters that look like Latin ones
# on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from ..errors import InputError
from .hangul import _lead_variants, _SylSet

# Romanised Korean, as the sets of jamo each spelling can stand for. RR, McCune-Reischauer
# (breves and apostrophes dropped), the DPRK system and passport spellings.
_R_LEADS: dict[str, frozenset[str]] = {
    "": frozenset("ㅇ"), "g": frozenset("ㄱ"), "k": frozenset("ㄱㅋㄲ"), "kk": frozenset("ㄲ"),
    "gg": frozenset("ㄲ"), "kh": frozenset("ㅋ"), "n": frozenset("ㄴ"), "d": frozenset("ㄷ"),
    "t": frozenset("ㄷㅌㄸ"), "th": frozenset("ㅌ"), "tt": frozenset("ㄸ"), "dd": frozenset("ㄸ"),
    "r": frozenset("ㄹ"), "l": frozenset("ㄹ"), "rh": frozenset("ㄹ"), "m": frozenset("ㅁ"),
    "b": frozenset("ㅂ"), "p": frozenset("ㅂㅍㅃ"), "ph": frozenset("ㅍ"), "pp": frozenset("ㅃ"),
    "bb": frozenset("ㅃ"), "s": frozenset("ㅅㅆ"), "sh": frozenset("ㅅ"), "ss": frozenset("ㅆ"),
    "j": frozenset("ㅈ"), "z": frozenset("ㅈ"), "ch": frozenset("ㅈㅊㅉ"), "jj": frozenset("ㅉ"),
    "tch": frozenset("ㅉ"),
    "h": frozenset("ㅎ"),
}
_R_VOWELS: dict[str, frozenset[str]] = {
    "a": frozenset("ㅏ"), "ae": frozenset("ㅐ"), "e": frozenset("ㅔㅐ"), "ai": frozenset("ㅐ"),
    "ea": frozenset("ㅐㅔ"), "ey": frozenset("ㅔ"), "yea": frozenset("ㅖ"), "ie": frozenset("ㅣ"),
    "wu": frozenset("ㅜ"), "ew": frozenset("ㅠ"), "ou": frozenset("ㅓㅜ"), "ei": frozenset("ㅔ"),
    "yuo": frozenset("ㅕ"), "ya": frozenset("ㅑ"),
    "yae": frozenset("ㅒ"), "ye": frozenset("ㅖㅒ"), "eo": frozenset("ㅓ"), "o": frozenset("ㅗㅓ"),
    "u": frozenset("ㅜㅡㅓ"), "oo": frozenset("ㅜ"), "woo": frozenset("ㅜ"), "eu": frozenset("ㅡ"),
    "yeo": frozenset("ㅕ"), "yo": frozenset("ㅛㅕ"), "yu": frozenset("ㅠㅕ"),
    "yoo": frozenset("ㅠ"), "you": frozenset("ㅠㅕㅛ"), "wa": frozenset("ㅘ"),
    "wae": frozenset("ㅙ"), "we": frozenset("ㅞㅚ"), "oe": frozenset("ㅚ"), "oi": frozenset("ㅚ"),
    "wo": frozenset("ㅝ"), "weo": frozenset("ㅝ"), "weu": frozenset("ㅝ"), "wi": frozenset("ㅟ"),
    "ui": frozenset("ㅢ"), "eui": frozenset("ㅢ"), "i": frozenset("ㅣㅢ"), "ee": frozenset("ㅣㅢ"),
    "yi": frozenset("ㅣㅢ"), "oa": frozenset("ㅘ"), "ua": frozenset("ㅘ"), "yeu": frozenset("ㅕ"),
    "wou": frozenset("ㅝ"),
}
_R_TAILS: dict[str, frozenset[str]] = {
    "": frozenset({""}), "h": frozenset({""}), "k": frozenset({"k"}), "g": frozenset({"k"}),
    "ck": frozenset({"k"}), "kk": frozenset({"k"}), "n": frozenset({"n"}),
    "ng": frozenset({"ng"}), "hn": frozenset({"n"}), "hng": frozenset({"ng"}),
    "hm": frozenset({"m"}), "ne": frozenset({"n"}), "l": frozenset({"ㄹ"}), "r": frozenset({"ㄹ"}),
    "ll": frozenset({"ㄹ"}), "m": frozenset({"m"}), "p": frozenset({"p"}), "b": frozenset({"p"}),
    "t": frozenset({"t"}), "d": frozenset({"t"}), "s": frozenset({"t"}),
}


def _alternation(keys: Iterable[str]) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k)) if k)


_ROM_SYLLABLE = re.compile(
    f"({_alternation(_R_LEADS)})?({_alternation(_R_VOWELS)})({_alternation(_R_TAILS)})?"
)


@lru_cache(maxsize=4096)
def _rom_sylset(chunk: str) -> _SylSet | None:
    """Parse one romanised syllable (lower case) into jamo sets, or ``None``."""
    m = _ROM_SYLLABLE.fullmatch(chunk)
    if m is None:
        return None
    lead, vowel, tail = m.group(1) or "", m.group(2), m.group(3) or ""
    vowels = _R_VOWELS[vowel]
    return _lead_variants(_R_LEADS[lead], vowels), vowels, _R_TAILS[tail]


@lru_cache(maxsize=4096)
def _rom_split(word: str) -> tuple[str, ...] | None:
    """Split a joined romanised given name (``seonggwon``) into syllables.

    Korean has no syllable-initial ``ng``, so ``ng`` stays a final; otherwise a consonant
    between vowels starts the next syllable (``jaemyung`` -> ``jae`` + ``myung``).
    """
    n = len(word)
    best: dict[int, tuple[str, ...] | None] = {n: ()}
    for i in range(n - 1, -1, -1):
        found: tuple[str, ...] | None = None
        for j in range(min(n, i + 7), i, -1):
            chunk = word[i:j]
            if _rom_sylset(chunk) is None:
                continue
            rest = best.get(j)
            if rest is None:
                continue
            # Prefer the parse where the next syllable takes its onset (maximal onset),
            # except that a final "ng" is never split and an n before a glide closes its
            # syllable (sunwon = sun + won, not su + nwon).
            if found is None or len(rest) + 1 < len(found):
                found = (chunk, *rest)
            elif len(rest) + 1 == len(found):
                prev_first = found[0]
                if _prefer(chunk, prev_first, word[i:]):
                    found = (chunk, *rest)
        best[i] = found
    return best[0]


def _prefer(candidate: str, current: str, word: str) -> bool:
    """Tie-break between two first syllables of equally short parses of ``word``.

    The lattice of a joined name has several paths of one length; the path whose syllables
    a Korean name writes wins: a final ``ng`` is never split; an ``n`` before a ``w`` or ``y``
    glide ends the syllable (Korean onsets ㄴ + glide, 눠 and 뉴, are rare in names, while
    선원 and 선영 are common: ``sunwon``, ``seonyeong``); otherwise the next syllable takes
    its onset (``jaemyung`` -> ``jae`` + ``myung``), but for a k, p or t before an h, which
    ends its syllable (``seokhyun`` -> ``seok`` + ``hyun``).
    """
    if candidate.endswith("ng") != current.endswith("ng"):
        return candidate.endswith("ng")
    longer, shorter = sorted((candidate, current), key=len, reverse=True)
    if longer == shorter + "n" and word[len(longer) : len(longer) + 1] in ("w", "y"):
        return candidate == longer
    if longer[len(shorter) :] in ("k", "p", "t") and word[len(longer) : len(longer) + 1] == "h":
        # A k, p or t before an h ends its syllable: 석현 seokhyun, 옥희 okhee, 법현
        # beophyeon (kh, ph and th as aspirated onsets are rare in Korean names).
        return candidate == longer
    return len(candidate) < len(current)


# Revised Romanization's own vowel letters: in RR each spells one vowel (u is ㅜ, o is ㅗ),
# where MR without breves and passports write ㅓ as o or u too.
_RR_VOWEL: dict[str, str] = {
    "a": "ㅏ", "ae": "ㅐ", "ya": "ㅑ", "yae": "ㅒ", "eo": "ㅓ", "e": "ㅔ", "yeo": "ㅕ",
    "ye": "ㅖ", "o": "ㅗ", "wa": "ㅘ", "wae": "ㅙ", "oe": "ㅚ", "yo": "ㅛ", "u": "ㅜ",
    "wo": "ㅝ", "we": "ㅞ", "wi": "ㅟ", "yu": "ㅠ", "eu": "ㅡ", "ui": "ㅢ", "i": "ㅣ",
}
# What marks a syllable as RR: the vowels eo and eu (MR writes ŏ, ŭ or o, u), or a lenis
# onset written g, d, b or j (MR writes k, t, p, ch at the start of a given name).
_RR_MARK = re.compile(r"^[gdbj]|eo|eu")


@lru_cache(maxsize=4096)
def _rr_reading(chunk: str) -> tuple[bool, str]:
    """Whether a romanised syllable is marked as RR, and its RR vowel (``""`` if none)."""
    m = _ROM_SYLLABLE.fullmatch(chunk)
    if m is None:
        return False, ""
    return bool(_RR_MARK.search(chunk)), _RR_VOWEL.get(m.group(2), "")


# McCune-Reischauer writes ㅓ as ŏ and ㅡ as ŭ (Revised Romanization eo, eu). With the breve
# the vowel is known: MR yŏng is 영, not 용 (yong); without it, o is ㅗ or ㅓ.
_MR_BREVES = str.maketrans({"ŏ": "eo", "ŭ": "eu"})


def _mr_ascii(low: str) -> str:
    """A lower-case token with MR breves spelled as RR vowels (``sŏn`` -> ``seon``)."""
    return low.translate(_MR_BREVES) if "ŏ" in low or "ŭ" in low else low


def romanized_spellings(part: Literal["lead", "vowel", "tail"]) -> dict[str, frozenset[str]]:
    """Each romanised spelling of one part of a Korean syllable, with what it can stand for.

    Leads and vowels map to jamo (``"k"`` -> ㄱ ㅋ ㄲ; ``""`` is the silent ㅇ); tails map to
    final sounds (``""``, ``"k"``, ``"n"``, ``"ng"``, ``"ㄹ"`` for l and r, ``"m"``, ``"p"``,
    ``"t"``). A copy of the table the reader uses; a seam for tests of its sound classes
    (see :func:`~newsalign.names.syllable_class`).

    Args:
        part: ``"lead"``, ``"vowel"`` or ``"tail"``.

    Returns:
        Spelling -> the set it stands for.

    Raises:
        InputError: if ``part`` is none of the three.

    Example:
        >>> sorted(romanized_spellings("vowel")["o"])
        ['ㅓ', 'ㅗ']
    """
    tables = {"lead": _R_LEADS, "vowel": _R_VOWELS, "tail": _R_TAILS}
    if part not in tables:
        raise InputError(f"part must be 'lead', 'vowel' or 'tail', got {part!r}")
    return dict(tables[part])
