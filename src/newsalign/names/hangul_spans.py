"""Finding names in Korean sentences: a 2-4 syllable Hangul name before a title or honorific,
or in a broadcast's closing line (``VOA 뉴스 백성원입니다``)."""

# Tables and examples hold Cyrillic, Greek and Hangul letters that look like Latin ones
# on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .hangul import _decompose
from .parse import _parse
from .spans import _Span
from .surnames import _HANGUL_SURNAMES
from .titles import _KO_TITLE_START

_HANGUL_WORD = re.compile(r"[가-힣]+")


_KO_PARTICLES = ("", "은", "는", "이", "가", "을", "를", "의", "에", "에게", "과", "와", "도", "만",
                 "께서", "께", "이다", "이었다", "으로", "로", "이라고", "라고", "측", "측은",
                 "입니다")
# A broadcast's closing line names its reporter: "VOA 뉴스 백성원입니다". Three or four
# syllables only: a two-syllable word there is as often a noun (뉴스 정리입니다).
_SIGN_OFF = re.compile(r"(?:뉴스|방송)\s+([가-힣]{3,4})입니다[.!]?\s*$")


@lru_cache(maxsize=16384)
def _is_ko_title_word(word: str) -> bool:
    """A title with at most a particle after it: 의원, 의원은, 국정원장이."""
    m = _KO_TITLE_START.match(word)
    if m is None:
        return False
    return word[m.end():] in _KO_PARTICLES


def _short_name_ok(words: Sequence[re.Match[str]], k: int) -> tuple[str, ...]:
    """A two-syllable name (김철) counts only right before 씨."""
    if k + 1 < len(words) and words[k + 1].group().startswith("씨"):
        return (words[k].group(),)
    return ()


def _looks_loanword(syllable: str) -> bool:
    """A consonant with the epenthetic ㅡ and no final (크, 스, 트): loanwords, not names."""
    lead, vowel, tail = _decompose(syllable)
    return vowel == "ㅡ" and (lead in "ㅋㅌㅍㄲㄸㅃ" or (not tail and lead not in "ㅇㄴㅎ"))


def _korean_spans(sentence: str) -> list[_Span]:
    """Hangul names (2-4 syllables, known surname) before a title or honorific, and the
    reporter a broadcast's sign-off names."""
    spans: list[_Span] = []
    sign_off = _SIGN_OFF.search(sentence)
    if sign_off:
        name = sign_off.group(1)
        parsed = _parse(name)
        if parsed.kind == "korean" and parsed.given:
            spans.append(_name_span(sign_off.start(1), name, parsed.key))
    if not _KO_TITLE_START.search(sentence):
        return spans  # every other name found here stands before a title
    words = list(_HANGUL_WORD.finditer(sentence))
    for k, m in enumerate(words):
        word = m.group()
        name = ""
        if _is_ko_title_word(word):
            continue
        for cut in (3, 4):  # title attached: 이성권의원은
            if cut < len(word) and _is_ko_title_word(word[cut:]):
                name = word[:cut]
                break
        if not name and 2 <= len(word) <= 4:
            # Title in the next word, or after one word in between (이성권 국민의힘 의원).
            for w2 in words[k + 1 : k + 3]:
                if _is_ko_title_word(w2.group()):
                    name = word
                    break
                if sentence[m.end() : w2.start()].strip():
                    break
        if not name:
            continue
        parsed = _parse(name)
        if parsed.kind != "korean" or not parsed.given:
            continue
        if len(name) == 4 and name[:2] not in _HANGUL_SURNAMES:
            continue
        if len(name) == 2 and name not in _short_name_ok(words, k):
            continue
        if name[-1] in "로에을를는가당청처회부" or any(_looks_loanword(c) for c in name[1:]):
            continue  # 현지로, 현장에; 이라크, 소프트: particles and loanwords
        spans.append(_name_span(m.start(), name, parsed.key))
    return spans


def _name_span(start: int, name: str, key: str) -> _Span:
    """The span of a Hangul name at ``start``, its surname one syllable or a known two."""
    sur = name[:2] if len(name) == 4 and name[:2] in _HANGUL_SURNAMES else name[0]
    return _Span(start, start + len(name), name, key, True, (sur,))
