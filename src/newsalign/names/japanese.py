"""Whether a two-word name reads as Japanese, in Hepburn romaji, kana or Hangul.

Japanese names come in both orders: English writes the family name last (Fumio Kishida),
Korean and Japanese write it first (기시다 후미오, キシダ フミオ) and some English papers do
too (Kishida Fumio). For a name of two words that read as Japanese in any of these scripts
the key therefore takes the word whose key sorts first, so that both orders meet.

A Latin word reads as Japanese when it parses wholly as Hepburn syllables (no l, v, c
outside ch, q, x; no ye, yi, wi, we, wu; n alone only before a consonant or at the end),
with two vowels at least, or one beside a word of three (Ken Watanabe); a Hangul word when
every syllable is one the Korean orthography of Japanese (외래어 표기법, 일본어) writes: the
vowels ㅏ ㅣ ㅜ ㅔ ㅗ ㅑ ㅠ ㅛ, finals ㄴ (ん) and ㅅ (っ, never last) only, no 디 두 티 투 and
no first ㅍ, and 스, 쓰, 즈, 츠 (す, つ, ず) and 와. Every kana word is Japanese.
"""

# Tables and examples hold Hangul and kana on purpose (RUF001 and RUF003 are off).

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

from .hangul import _decompose, _is_hangul
from .kana import _is_kana
from .skeletons import skeleton
from .translit import _hangul_loan

logger = logging.getLogger(__name__)

#: The table of Japanese names seen, under ``data/`` in this package.
_TABLE = "japanese_names.tsv"

# y comes before a, u, o only and w before a, o: no ye, yi, wu, wi, we (Faye, Yelena).
_HEPBURN_WORD = re.compile(
    r"(?:(?:kk|ss|tt|pp|tch)?(?:(?:sh|ch|ts|[kgsztdnhbpmrjf])y?|y(?=[auo])|w(?=[ao]))?"
    r"[aiueo]+|n(?![aiueoy]))+"
)
_JA_VOWELS = frozenset("ㅏㅣㅜㅔㅗㅑㅠㅛ")
_JA_LEADS = frozenset("ㄱㅋㄷㅌㅅㅆㅈㅊㄴㅎㅁㄹㅇㅂㅍ")
_JA_TAILS = frozenset(("", "ㄴ", "ㅅ"))
_JA_NOT_FIRST = frozenset("ㅋㅌㅊㅍ")


def _hangul_japanese(word: str, *, shortest: int = 2) -> bool:
    for k, ch in enumerate(word):
        if not _is_hangul(ch):
            return False
        if ch in "스쓰즈츠와":
            continue
        if ch in "디두티투":
            # Japanese has no di, du, ti, tu: ぢ, ち are 지, 치; づ, つ are 즈, 쓰 (Devine 디바인).
            return False
        lead, vowel, tail = _decompose(ch)
        if lead not in _JA_LEADS or vowel not in _JA_VOWELS or tail not in _JA_TAILS:
            return False
        if k == 0 and lead == "ㅍ":
            # A first ㅍ is no Japanese sound (f is ㅎ: 후미오).
            return False
        if tail == "ㅅ" and k == len(word) - 1:
            # ㅅ writes っ, which always comes before another syllable (Merritt 메릿).
            return False
    return len(word) >= shortest


def _hangul_pair_japanese(tokens: Sequence[str], *, known_only: bool = True) -> bool:
    """Two Hangul words of Japanese syllables: two syllables each, or one beside three.

    The word of three may not hold 스, 즈 or 츠, which also write the consonant clusters
    of English (존 스미스 is John Smith). With ``known_only``, one of the words must be a
    Japanese name seen (:func:`known_japanese`: 베냐민 네타냐후 is Japanese syllables).
    """
    if all(_hangul_japanese(t) for t in tokens):
        syllables = True
    else:
        long_ = max(tokens, key=len)
        syllables = (
            len(long_) >= 3
            and not any(ch in "스즈츠" for ch in long_)
            and all(_hangul_japanese(t, shortest=1) for t in tokens)
        )
    return syllables and (
        not known_only or known_japanese(_hangul_loan(t, japanese=True) for t in tokens)
    )


def _latin_japanese(word: str) -> bool:
    # Two vowels at least (Kishida, Rie; not Ken, Jun).
    return _HEPBURN_WORD.fullmatch(word) is not None and len(re.findall("[aiueo]", word)) >= 2


def _reads_japanese(
    tokens: Sequence[str], latin: Sequence[str], *, known_only: bool = True
) -> bool:
    """Whether two name tokens (and their lower-case ASCII readings) read as Japanese.

    Kana always does; Hangul and Latin words by their syllables and, with ``known_only``,
    only where one of them is a Japanese name seen (:func:`known_japanese`), since many
    other names are Japanese syllables too (Benjamin Netanyahu, Antonio Tajani).
    """
    if len(tokens) != 2 or len(latin) != 2:
        return False
    if all(any(_is_kana(c) for c in t) for t in tokens):
        return True
    if all(all(_is_hangul(c) for c in t) for t in tokens):
        return _hangul_pair_japanese(tokens, known_only=known_only)
    return (
        all(t.isascii() or t.isalpha() for t in tokens)
        and (
            all(_latin_japanese(w) for w in latin)
            or (
                # A one-vowel given name beside a family name of three syllables or more (Ken
                # Watanabe, Sho Kitano = 기타노 쇼).
                all(_HEPBURN_WORD.fullmatch(w) for w in latin)
                and max(len(re.findall("[aiueo]", w)) for w in latin) >= 3
            )
        )
        and (not known_only or known_japanese(latin))
    )


def japanese_form(reading: str) -> str:
    """A Japanese name's form that its Hepburn and its Hangul readings reach alike.

    The skeleton, with Hepburn j and a first ch as the ㅈ of the Korean orthography of
    Japanese and the letters that orthography merges merged (:func:`_kana_form`).

    Example:
        >>> japanese_form("kishida") == japanese_form("kisida")
        True
    """
    return _kana_form(skeleton(re.sub("[^a-z]", "", _hepburn_as_hangul(reading.lower()))))


def _hepburn_as_hangul(word: str) -> str:
    """Hepburn j and a first ch as the ㅈ of the Korean orthography of Japanese (조지 Jōji,
    주타 Chūta), not the Slavic j = y the skeleton reads."""
    return re.sub("^ch", "z", word).replace("j", "z")


def known_japanese(readings: Iterable[str]) -> bool:
    """Whether one of the lower-case ASCII readings is a Japanese name seen.

    The table (``names/data/japanese_names.tsv``) holds the given and family names of the
    Japanese people of the dev half of ``wikidata_en_hangul_names.tsv``, written by
    ``benchmarks/build_japanese_names.py``.

    Example:
        >>> known_japanese(["fumio", "kishida"]), known_japanese(["benjamin", "netanyahu"])
        (True, False)
    """
    table = _japanese_names()
    return any(japanese_form(r) in table for r in readings)


@lru_cache(maxsize=1)
def _japanese_names() -> frozenset[str]:
    try:
        text = (resources.files("newsalign.names") / "data" / _TABLE).read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - a broken install
        logger.warning("newsalign/names/data/%s is missing; no name reads as Japanese", _TABLE)
        return frozenset()
    return frozenset(
        line.partition("\t")[0] for line in text.splitlines() if line and not line.startswith("#")
    )


def _kana_form(skel: str) -> str:
    """A skeleton with the letters the Korean orthography of Japanese merges, merged.

    Hepburn and Hangul spell the vowels of a Japanese name alike (기시다 Kishida), unlike
    other foreign names, so these are compared with their vowels.
    """
    s = skel.replace("ch", "s").replace("dj", "s").replace("f", "b").replace("l", "r")
    return re.sub(r"(.)\1+", r"\1", s)


def _kana_words_agree(xs: Sequence[str], ys: Sequence[str]) -> bool:
    """Two Japanese readings' words (skeletons), place by place, in their kana forms."""
    return all(_kana_form(x) == _kana_form(y) for x, y in zip(xs, ys))
