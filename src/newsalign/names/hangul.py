"""Hangul syllables, arithmetically: jamo, the sets of jamo a spelling stands for, sound classes.

A syllable is read as sets of possible jamo, ``(leads, vowels, tails)`` (a romanised syllable
can stand for several), and folded to the *sound class* the key spells it with.

Public seam: :func:`syllable_class`.
"""

# Tables and examples hold Cyrillic, Greek and Hangul letters that look like Latin ones
# on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

from collections.abc import Set as AbstractSet

_HANGUL_BASE = 0xAC00
_HANGUL_LAST = 0xD7A3
_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_TAILS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ",
          "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")

# Sound classes: the key spells each class with letters that parse back to the same class.
_LEAD_CLASS = dict(zip(_LEADS, ["k", "k", "n", "t", "t", "l", "m", "p", "p", "s", "s", "",
                                "j", "j", "j", "k", "t", "p", "h"], strict=True))
_VOWEL_CLASS = dict(zip(_VOWELS, ["a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we",
                                  "we", "yo", "o", "wo", "we", "wi", "yo", "o", "i", "i"],
                        strict=True))
_TAIL_CLASS = {
    "": "", "ㄱ": "k", "ㄲ": "k", "ㄳ": "k", "ㄺ": "k", "ㅋ": "k", "ㄴ": "n", "ㄵ": "n",
    "ㄶ": "n", "ㄷ": "t", "ㅅ": "t", "ㅆ": "t", "ㅈ": "t", "ㅊ": "t", "ㅌ": "t", "ㅎ": "",
    "ㄹ": "l", "ㄼ": "l", "ㄽ": "l", "ㄾ": "l", "ㅀ": "l", "ㅁ": "m", "ㄻ": "m", "ㅂ": "p",
    "ㅄ": "p", "ㅍ": "p", "ㄿ": "p", "ㅇ": "ng",
}
# Final consonants as a romaniser writes them (ㄹ and ㅇ are the sets' representatives).
_TAIL_SOUND = {t: (c if c != "l" else "ㄹ") for t, c in _TAIL_CLASS.items()}


def _is_hangul(ch: str) -> bool:
    return _HANGUL_BASE <= ord(ch) <= _HANGUL_LAST


def _decompose(syllable: str) -> tuple[str, str, str]:
    """Split one Hangul syllable into (lead, vowel, tail) jamo, arithmetically."""
    code = ord(syllable) - _HANGUL_BASE
    lead, rest = divmod(code, 21 * 28)
    vowel, tail = divmod(rest, 28)
    return _LEADS[lead], _VOWELS[vowel], _TAILS[tail]


# A syllable as sets of possible jamo: (leads, vowels, tails).
_SylSet = tuple[frozenset[str], frozenset[str], frozenset[str]]


_IY_VOWELS = frozenset("ㅣㅑㅕㅛㅠㅖㅒ")


def _lead_variants(leads: frozenset[str], vowels: frozenset[str]) -> frozenset[str]:
    """Widen ㄹ and ㄴ onsets by the initial-sound law and assimilation.

    ㄹ is written r, l, n or not at all (리/이 Ri/Lee, 렴/염, 래 after a consonant: Bong-nae);
    ㄴ before i and y vowels drops (녀/여).
    """
    iy = bool(vowels & _IY_VOWELS)
    if "ㄹ" in leads:
        leads = leads | ({"ㄴ", "ㅇ"} if iy else {"ㄴ"})
    if "ㄴ" in leads and iy:
        leads = leads | {"ㅇ"}
    return leads


def _hangul_sylset(syllable: str) -> _SylSet:
    lead, vowel, tail = _decompose(syllable)
    vowels = frozenset({vowel})
    return _lead_variants(frozenset({lead}), vowels), vowels, frozenset({_TAIL_SOUND[tail]})


def _sylset_class(s: _SylSet) -> str:
    # Every member of a set built by the tables below lies in one class; sorted() keeps the
    # choice deterministic should a set ever straddle two.
    vowel = _VOWEL_CLASS[sorted(s[1])[0]]
    # The ㄹ/ㄴ/ㅇ variants of one onset share a class: none before i/y vowels, else n.
    leads = {_LEAD_CLASS[x] for x in s[0]}
    if leads & {"l", "n"} or (leads == {""} and "ㄴ" in s[0]):
        lead = "" if s[1] & _IY_VOWELS else "n"
        if "" in leads and not s[1] & _IY_VOWELS and not leads & {"l", "n"}:
            lead = ""
    else:
        lead = _LEAD_CLASS[sorted(s[0])[0]]
    tail = sorted(s[2])[0]
    tail = "l" if tail == "ㄹ" else tail
    return lead + vowel + tail


def syllable_class(
    leads: AbstractSet[str], vowels: AbstractSet[str], tails: AbstractSet[str]
) -> str:
    """The sound class :func:`~newsalign.names.name_key` spells a syllable with.

    The syllable is the set of jamo it may be written with: its onsets are first widened by
    the initial-sound law and assimilation (ㄹ is also ㄴ or none, ㄴ before i and y vowels
    also none), as every syllable read from Hangul or a romanisation is. Tails are final
    *sounds*, as :func:`~newsalign.names.romanized_spellings` gives them: ``""``, ``"k"``,
    ``"n"``, ``"ng"``, ``"ㄹ"``, ``"m"``, ``"p"`` or ``"t"``. A seam for tests: every
    spelling of the romanisation tables must stay in one class, or ``same_person`` would not
    imply equal keys.

    Args:
        leads: the initial consonants (jamo) the syllable may have; ``{"ㅇ"}`` for none.
        vowels: the vowels (jamo) it may have.
        tails: the final sounds it may have; ``{""}`` for none.

    Returns:
        The class, lower-case ASCII (``"song"``; ``"i"`` for 리, 니 and 이).

    Example:
        >>> syllable_class({"ㅅ"}, {"ㅓ"}, {"ng"}), syllable_class({"ㄹ"}, {"ㅣ"}, {""})
        ('song', 'i')
    """
    v = frozenset(vowels)
    return _sylset_class((_lead_variants(frozenset(leads), v), v, frozenset(tails)))
