"""Reading a Korean name: a known surname and one to three given-name syllables, any order."""

from __future__ import annotations

from collections.abc import Sequence

from .hangul import _decompose, _hangul_sylset, _is_hangul, _SylSet, _sylset_class
from .parsed import _Parsed
from .romanization import _mr_ascii, _rom_split, _rom_sylset, _rr_reading
from .surnames import _HANGUL_SURNAMES, _INITIAL_LAW, _SURNAME_RANK, _surname_class, _surname_set
from .syllables import _in_names, _spells_name_syllable
from .translit import _to_latin


def _korean_given(tokens: Sequence[str]) -> tuple[tuple[_SylSet, ...], tuple[str, ...]] | None:
    """Parse given-name tokens (Latin or Hangul) into 1..3 syllables, or ``None``.

    Returns the syllables and, when the Latin spelling is marked as Revised Romanization
    (see ``_rr_reading``), each syllable's RR vowel (``""`` where the spelling is not an RR
    vowel); an empty tuple otherwise.
    """
    syls: list[_SylSet] = []
    spelled: list[str] = []
    for tok in tokens:
        if all(_is_hangul(c) for c in tok):
            syls.extend(_hangul_sylset(c) for c in tok)
            spelled.extend("" for _ in tok)
            continue
        low = _mr_ascii(tok.lower())
        if not low.replace("-", "").isascii() or not low.replace("-", "").isalpha():
            return None
        # "wh" is a spelling of hw (Chang-wha = 창화).
        chunks = ["hw" + c[2:] if c.startswith("wh") else c for c in low.split("-") if c]
        for chunk in chunks:
            s = _rom_sylset(chunk)
            if s is not None:
                syls.append(s)
                spelled.append(chunk)
                continue
            parts = _rom_split(chunk)
            if parts is None:
                return None
            for part in parts:
                ps = _rom_sylset(part)
                if ps is None:  # pragma: no cover - _rom_split only returns parsable parts
                    return None
                if not _spells_name_syllable(ps):
                    return None  # run together, but not Korean syllables: Biden, Shuster
                syls.append(ps)
                spelled.append(part)
    if not 1 <= len(syls) <= 3:
        return None
    if len(syls) == 3 and len(spelled) == 3 and all(spelled):
        # Three romanised syllables are a Japanese name after a one-syllable family name
        # (Go Koyama, Jun Suzuki), not a Korean given name, which has one or two.
        return None
    readings = [_rr_reading(c) if c else (False, "") for c in spelled]
    rr = tuple(v for _, v in readings) if any(m for m, _ in readings) else ()
    return tuple(syls), rr


def _korean_parse(tokens: list[str]) -> _Parsed | None:
    """Try to read ``tokens`` as a Korean name (either order, any script)."""
    if len(tokens) == 1 and all(_is_hangul(c) for c in tokens[0]):
        tok = tokens[0]
        if tok in _HANGUL_SURNAMES:  # a surname alone: 김, 최, 남궁
            return _korean_record(frozenset({_INITIAL_LAW.get(tok, tok)}), (), tokens)
        # A Korean name in Hangul is a surname and one or two syllables; a longer word
        # is a foreign name in the loanword orthography (부다노프 Budanov, 마오쩌둥).
        if not 2 <= len(tok) <= 4:
            return None
        for n in (2, 1):
            if len(tok) > n and tok[:n] in _HANGUL_SURNAMES and len(tok) - n <= 2:
                if any(_epenthetic(c) for c in tok[n:]):
                    return None  # 고든 Gordon, 도스 Dos: a loanword, not Ko Deun
                sur = frozenset({_INITIAL_LAW.get(tok[:n], tok[:n])})
                given = tuple(_hangul_sylset(c) for c in tok[n:])
                return _korean_record(sur, given, tokens)
        return None
    if len(tokens) == 1:
        alone = _surname_set(tokens[0])
        return None if alone is None else _korean_record(alone, (), tokens)
    if not 2 <= len(tokens) <= 4:
        return None
    if all(_is_hangul(c) for t in tokens for c in t) and not all(
        _in_names(c) for t in tokens for c in t
    ):
        # Korean writes a Korean name as one word (김정은); words apart are mostly a foreign
        # name in the loanword orthography, even where one is a Korean surname (조 콜 Joe
        # Cole, 랜디 김 Randy Kim), unless every syllable is one Korean names use (곽 옥철).
        return None
    first, last = _surname_set(tokens[0]), _surname_set(tokens[-1])
    options: list[tuple[int, frozenset[str], list[str]]] = []
    if first is not None:
        options.append((0, first, tokens[1:]))
    if last is not None:
        options.append((1, last, tokens[:-1]))
    if len(options) == 2:
        # "Seong-kwon Lee": a hyphenated first token is a given name; otherwise the more
        # common surname wins ("Sun Won Park").
        # Two one-syllable words are family first (Wang Yi, and the key "wang i").
        if "-" in tokens[0] and "-" not in tokens[-1]:
            options.reverse()
        elif len(tokens) == 2 and all(len(_rom_split(t.lower()) or "xx") == 1 for t in tokens):
            pass
        elif "-" not in tokens[0] or "-" in tokens[-1]:
            r0 = min(_SURNAME_RANK.get(h, 999) for h in options[0][1])
            r1 = min(_SURNAME_RANK.get(h, 999) for h in options[1][1])
            if r1 < r0:
                options.reverse()
    hangul = all(_is_hangul(c) for t in tokens for c in t)
    for _, surname, rest in options:
        if hangul and (sum(map(len, rest)) > 2 or any(_epenthetic(c) for t in rest for c in t)):
            # Korean given names in Hangul are one or two syllables, without the inserted ㅡ
            # of the loanword orthography (조 스미스 Joe Smith).
            continue
        read = _korean_given(rest)
        if read is not None:
            return _korean_record(surname, read[0], tokens, read[1])
    return None


def _epenthetic(syllable: str) -> bool:
    """A syllable with the loanword orthography's inserted ㅡ, not one of a Korean name.

    Open ㅡ syllables (스, 트, 르, 드) and ㅡ before ㄴ after other onsets than ㅇ, ㄱ, ㅎ
    (든, 슨, 튼; not 은, 근, 흔) write a consonant cluster or a final consonant of a
    foreign word; Korean given names hardly ever use them.
    """
    lead, vowel, tail = _decompose(syllable)
    return vowel == "ㅡ" and (tail == "" or (tail == "ㄴ" and lead not in "ㅇㄱㅎ"))


def _korean_record(
    sur: frozenset[str], given: tuple[_SylSet, ...], tokens: list[str], rr: tuple[str, ...] = ()
) -> _Parsed:
    key = _surname_class(sur)
    if given:
        key += " " + "-".join(_sylset_class(s) for s in given)
    fine = " ".join(_to_latin(t) if not all(_is_hangul(c) for c in t) else t for t in tokens)
    return _Parsed("korean", key, sur, given, fine.lower(), rr_vowels=rr)
