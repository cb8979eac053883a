"""Parsing a name: tokens without titles, then the Korean or the general reader, to a fixed point.

Public seams: :func:`rule_skeleton` and :func:`clear_caches`.
"""

# Tables and examples hold Cyrillic, Greek and Hangul letters that look like Latin ones
# on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from .chinese import _han_hangul, _has_han, _palladius_name_hangul, _pinyin_name_hangul
from .cyrillic_korean import _cyr_syllables, _cyr_sylset, _cyrillic_korean_parse
from .general import _GENERAL_SIGIL, _general_parse, _raw_skeletons
from .hangul import _is_hangul
from .korean import _korean_parse
from .parsed import _EMPTY, _Parsed
from .romanization import _rom_split, _rom_sylset
from .skeletons import _skel_syms, skeleton
from .surnames import _mr_surname_set
from .titles import (
    _TITLE_HAN_RE,
    _TITLE_KO_RE,
    _after_korean_rank,
    _headline_cut,
    _is_title,
    _regnal_cut,
    _title_after_comma,
)

_TOKEN_SPLIT = re.compile(r"[\s,;:/|·・()\[\]{}\"“”«»]+")


def _clean_tokens(name: str) -> list[str]:
    """A name's words without titles, honorifics, places, epithets and regnal numbers."""
    return list(_name_tokens(name)[0])


@lru_cache(maxsize=16384)
def _name_tokens(name: str) -> tuple[tuple[str, ...], tuple[int, ...], str]:
    """A name's words (as :func:`_clean_tokens`), its regnal numbers (Louis XIV: 14) and
    the words before the first number (``Michael VIII Palaiologos``: ``Michael``)."""
    # NFKC folds fullwidth and other compatibility forms (Ｋｉｍ = Kim) and composes Hangul.
    text = unicodedata.normalize("NFKC", name)
    if _title_after_comma(text):
        text = text.partition(",")[0]  # Frederick Pollock, 1st Baronet: the title goes
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "").replace("'", "").replace("ʼ", "").replace("`", "")
    text = text.replace("‘", "").replace("ʻ", "").replace("‐", "-").replace("‑", "-")
    text = text.replace("–", "-").replace("—", "-").replace("_", " ")
    out: list[str] = []
    dotted: set[int] = set()  # tokens written with a period (V. is an initial)
    for raw in _TOKEN_SPLIT.split(text):
        tok = raw.strip(".-")
        if not tok:
            continue
        if raw.rstrip("-").endswith("."):
            dotted.add(len(out))
        if all(_is_hangul(c) for c in tok) and len(tok) > 2:
            m = _TITLE_KO_RE.search(tok)
            if m is not None and len(m.group()) >= 2 and m.start() >= 3:
                tok = tok[: m.start()]
        elif _has_han(tok) and len(tok) > 3:
            m = _TITLE_HAN_RE.search(tok)
            if m is not None and m.start() >= 2:
                tok = tok[: m.start()]  # 习近平主席: the title written onto the name
        out.append(tok)
    out, numbers, before = _regnal_cut(out, frozenset(dotted))
    out = _headline_cut(out)
    # A name "of" a place or "the" epithet ends before them (Charles VI of France, Gorm the
    # Old), and a Korean possessive names the place (카스티야의 블랑슈 Blanche of Castile).
    low = [t.lower() for t in out]
    for word in ("of", "the"):
        if word in low[1:]:
            out = out[: low.index(word, 1)]
            low = low[: len(out)]
    if "no" in out[1:-1]:
        # The Japanese particle of classical names is written onto the family name in
        # Hangul (Minamoto no Yoshitsune, 미나모토노 요시쓰네): so it is here.
        k = out.index("no", 1)
        out = [*out[: k - 1], out[k - 1] + "no", *out[k + 1 :]]
    if len(out) > 1:
        out = [t for t in out if not (len(t) > 2 and t.endswith("의") and _is_hangul(t[0]))]
    # Drop titles and honorifics wherever they stand, but never the last token left, nor a
    # title word that is a common surname last after a name, generation suffixes aside
    # (Stephen King, Martin Luther King Jr., John Major): English titles come first.
    out = _after_korean_rank(out)
    last = len(out) - 1
    while last > 0 and out[last].lower().rstrip(".") in _SUFFIXES:
        last -= 1
    # Not after a comma or a regnal number, where a title follows (Otto III, Duke of ...).
    surname_last = not numbers and "," not in text
    kept = [
        t
        for k, t in enumerate(out)
        if not _is_title(t)
        or (
            surname_last
            and k == last > 0
            and t.lower() in _SURNAME_TITLES
            and not _is_title(out[k - 1])
        )
    ]
    return tuple(kept or out[-1:] if out else []), numbers, before


# Title words that are common surnames too, and the suffixes that may follow them.
_SURNAME_TITLES = frozenset(
    {
        "king",
        "major",
        "duke",
        "pope",
        "marshal",
        "prince",
        "baron",
        "lord",
        "judge",
        "mayor",
        "justice",
        "sultan",
        "sheikh",
        "infante",
    }
)
_SUFFIXES = frozenset({"jr", "sr", "junior", "senior", "ii", "iii", "iv"})


def _ordered_tokens(name: str) -> list[str]:
    """:func:`_clean_tokens`, with the family name put last when a comma marks it first.

    ``Putin, Vladimir`` is ``Vladimir Putin``; after a regnal number a comma starts a title
    instead (``Hugh III, Duke of Burgundy``), which the cleaning has already cut.
    """
    tokens, numbers, _ = _name_tokens(name)
    head, comma, tail = name.partition(",")
    if comma and not numbers and not _title_after_comma(name):
        return (_clean_tokens(tail) + _clean_tokens(head)) or list(tokens)
    return list(tokens)


# Spellings no rule derives (NAMES.md): a small alias table, Latin spelling -> Hangul.
_ALIASES: dict[str, str] = {
    "syngman rhee": "이승만",
    "rhee syngman": "이승만",
    "jay y lee": "이재용",
    "jay lee": "이재용",
    "kim il sung": "김일성",
    "kim il-sung": "김일성",
    "park chung hee": "박정희",
    "chiang kai shek": "장제스",
}


# Hangul marks of a foreign name: a regnal number (이반 3세 Ivan III), a Japanese emperor
# (이토쿠 천황) and a place in the possessive (알라니아의 마리아 Maria of Alania). Korean
# names are not written so; the name is read in the loanword orthography.
_FOREIGN_HANGUL = re.compile(r"[0-9]+\s*세|천황|[가-힣]의\s")


# Spellings pinyin has and Korean romanisations do not: q, x, z, zh, c without h, and the
# finals ao, iu, ian, ie, uo, eng, iong.
_PINYIN_ONLY = re.compile(r"[qxz]|c(?!h)|ao|iu|ian|ie|uo|eng|iong")


@lru_cache(maxsize=16384)
def _parse_once(name: str) -> _Parsed:
    if name.startswith(_GENERAL_SIGIL):
        words = name[len(_GENERAL_SIGIL) :].split()
        if len(words) == 1 and words[0].isascii() and words[0].isalpha() and words[0].islower():
            # A key is itself a name, already folded: it reads as itself.
            return _Parsed(
                "general",
                _GENERAL_SIGIL + words[0],
                fine=words[0],
                tokens=(words[0],),
                skeleton=words[0],
            )
        if words and all(w.isascii() and w.isalpha() and w.islower() for w in words):
            # A key is not a spelling: its vowels say nothing.
            return replace(_general_parse(words), spelled="")
    tokens = _clean_tokens(name)
    if not tokens:
        return _EMPTY
    alias = " ".join(t.lower() for t in tokens).replace("-", " ")
    if alias in _ALIASES:
        return _parse_once(_ALIASES[alias])
    if any(_has_han(t) for t in tokens):
        # Han characters: read as pinyin, written in Hangul (習近平 -> 시진핑), keyed from it.
        hangul = _han_hangul([t for t in tokens if _has_han(t)])
        return _parse_once(hangul) if hangul else _EMPTY
    palladius = _palladius_name_hangul(tokens)
    if palladius:
        # A Chinese name in Cyrillic (Си Цзиньпин): the same Hangul form (시진핑).
        return _parse_once(palladius)
    cyrillic = _cyrillic_korean_parse(tokens)
    if cyrillic is not None:
        # A Korean name in Cyrillic (Ким Чен Ын, Kontsevich or the Soviet spellings).
        return cyrillic
    parsed = None if _FOREIGN_HANGUL.search(name) else _korean_parse(tokens)
    chinese = _pinyin_name_hangul(tokens)
    if chinese and (parsed is None or _PINYIN_ONLY.search(tokens[1].lower())):
        # Pinyin (Xi Jinping, Li Peng): keyed from its Hangul, as Korean news writes it.
        return _parse_once(chinese)
    if parsed is not None:
        return parsed
    # "Putin, Vladimir": family name first; put it last, where the parser looks.
    return _general_parse(_ordered_tokens(name))


@lru_cache(maxsize=16384)
def _parse(name: str) -> _Parsed:
    parsed = _parse_once(name)
    # A key is itself a name. Fold until it is a fixed point, so keys are idempotent even
    # where a rule fires again on its own output (a Baltic ending, a particle).
    for _ in range(4):
        again = _parse_once(parsed.key)
        if again.key == parsed.key:
            break
        tokens = parsed.tokens
        if parsed.kind == "general":
            tokens = (again.key[len(_GENERAL_SIGIL) :], *parsed.given_names)
        parsed = replace(parsed, key=again.key, tokens=tokens)
    if name.startswith(_GENERAL_SIGIL):
        return parsed
    _, numbers, before = _name_tokens(name)
    if numbers:
        parsed = replace(parsed, regnal=numbers, regnal_name=before)
    generation = _generation(name)
    return replace(parsed, generation=generation) if generation else parsed


_GENERATIONS = {
    "jr": "jr", "junior": "jr", "júnior": "jr", "주니어": "jr", "주니오르": "jr",
    "sr": "sr", "senior": "sr", "시니어": "sr",
}  # fmt: skip


def _generation(name: str) -> str:
    """A generation suffix after the first word of a name (``Martin Luther King Jr.``;
    Junior first is a given name: Junior dos Santos), as ``"jr"`` or ``"sr"``, else ``""``."""
    words = [w.strip(".").lower() for w in _TOKEN_SPLIT.split(unicodedata.normalize("NFKC", name))]
    words = [w for w in words if w]
    return next((_GENERATIONS[w] for w in words[1:] if w in _GENERATIONS), "")


def rule_skeleton(word: str) -> str:
    """The skeleton the rules alone give a one-word non-Korean name, or ``""``.

    What :func:`~newsalign.names.name_key` folds the word to before the equivalence table
    (:func:`~newsalign.names.name_equivalents`) maps it; ``benchmarks/build_name_equivalents.py``
    builds that table from these. A Korean name, or a word that does not read as one name
    token, gives ``""``.

    Example:
        >>> rule_skeleton("Qadhafi"), rule_skeleton("Kim")
        ('katafi', '')
    """
    parsed = _parse_once(word)
    if parsed.kind != "general" or len(parsed.tokens) != 1:
        return ""
    toks = _clean_tokens(word)
    if len(toks) != 1:
        return ""
    raw = _raw_skeletons(toks)
    return raw[0] if raw else ""


def clear_caches() -> None:
    """Empty the memo caches that reading a name goes through, so a timing starts cold.

    The parses, skeletons and romanised syllables are cached; the equivalence table, once
    loaded, is kept. A seam for benchmarks; results do not change.

    Example:
        >>> clear_caches()
    """
    for fn in (
        _parse,
        _parse_once,
        _name_tokens,
        skeleton,
        _skel_syms,
        _rom_sylset,
        _rom_split,
        _mr_surname_set,
        _cyr_sylset,
        _cyr_syllables,
    ):
        fn.cache_clear()
