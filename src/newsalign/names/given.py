"""Given names of two names with one surname key: by spelling, by sound, by the model.

Korean writes foreign given names by sound and loses letters (조지 George, 리처드 Richard),
transliteration moves a few letters in set ways (John / Джон, Kyrylo / Kirill), and a given
name goes by its diminutive (Jim / James): :func:`compare_given` weighs each, as
:func:`~newsalign.names.match_names` asks it to once the surnames agree.
"""

# Examples hold Cyrillic and Hangul on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from .general import _initial_class
from .japanese import _kana_words_agree
from .loanmodel import _loan_given_score
from .parsed import _Parsed
from .records import Verdict
from .skeletons import _vowel_runs, coarse_skeleton, skeleton


def compare_given(pa: _Parsed, pb: _Parsed, names: tuple[str, str]) -> tuple[Verdict, str]:
    """Two non-Korean names with one surname key: their given names and initials compared.

    The verdict and its reason; ``names`` are the two names as written, for the learned
    loanword model.
    """
    ga, gb = pa.given_names, pb.given_names
    if pa.kind != "general" or pb.kind != "general":
        return ("same", "equal keys")
    if ga and gb:
        if set(ga) == set(gb):
            return ("same", "same surname and given names")
        if pa.loan == pb.loan and _given_spellings_meet(pa, pb):
            return ("same", "surname key, given names by spelling")
        if pa.loan != pb.loan and pa.japanese and pb.japanese:
            # The Korean orthography of Japanese keeps the vowels (노부히데 Nobuhide is not
            # Nobutaka): syllable by syllable.
            if _kana_words_agree(ga, gb):
                return ("same", "surname key, given names by kana")
            return ("different", "different given names")
        if pa.loan != pb.loan:
            # Korean writes foreign given names by sound and loses letters (조지 George,
            # 리처드 Richard): the rules' coarse forms agree unless the learned loanword
            # model hears the given names apart (Amy / 새뮤얼), and the model alone joins
            # given names it hears clearly alike (Jim / 제임스, Bobby / 로버트).
            heard = _loan_given_score(*names)
            if _loan_given_agree(pa, pb):
                if heard is None or heard >= _LOAN_GIVEN_FLOOR:
                    return ("same", "surname key, given names by sound")
                return ("different", "given names heard apart")
            if heard is not None and heard >= _LOAN_GIVEN_CLEAR:
                return ("same", "surname key, given names by the loanword model")
        if ga[0] == gb[0] or set(ga) <= set(gb) or set(gb) <= set(ga):
            return ("ambiguous", "given names only partly agree")
        return ("different", "different given names")
    ia = pa.initials or "".join(_initial_class(g) for g in ga)
    ib = pb.initials or "".join(_initial_class(g) for g in gb)
    if not ia and not ib:
        return ("same", "same surname, no given name")
    if not ia or not ib:
        return ("ambiguous", "surname only")
    if ia[0] != ib[0] and not (_dzh_initial(pa, ib) or _dzh_initial(pb, ia)):
        return ("different", "different initials")
    if ga or gb or ia != ib:
        return ("ambiguous", "initials agree")
    return ("same", "same surname and initials")


def _dzh_initial(p: _Parsed, other_initials: str) -> bool:
    """A given name transliterated with dzh (Джон, Джеймс) against the initial J (read as y)."""
    return other_initials[:1] == "a" and bool(p.given_names) and p.given_names[0][:2] == "dj"


def _given_spellings_meet(pa: _Parsed, pb: _Parsed) -> bool:
    """Given names, one for one, that are spellings of one name in two orthographies.

    Transliteration and national spelling change a given name in a few set ways, which no
    two different names differ by alone: a first j written dzh (John / Джон, Jack /
    Джек), kh written h or ch (Mikhail / Michail), and the Ukrainian -o after l or r
    against the Russian form without it (Kyrylo / Kirill / Кирило, Mykhailo / Mikhail,
    Petro / Petr). Every other letter must fold alike and the vowels must agree place by
    place (Ivan / Ivana, Anton / Antonio, Maria / Mario, Joan / Джон stay apart).
    """
    a, b = pa.given_words, pb.given_words
    if not a or len(a) != len(b) or len(pa.given_names) != len(a) or len(pb.given_names) != len(b):
        return False
    return all(
        fx == fy or _given_variants_meet(x, y)
        for x, fx, y, fy in zip(a, pa.given_names, b, pb.given_names, strict=True)
    )


@lru_cache(maxsize=8192)
def _given_variants_meet(x: str, y: str) -> bool:
    vx, vy = _given_variants(x), _given_variants(y)
    return any(
        skeleton(u) == skeleton(v) and _vowel_runs(u) == _vowel_runs(v) for u in vx for v in vy
    )


def _given_variants(word: str) -> set[str]:
    words = {word, re.sub("^(?:dzh|dj|j)", "dzh", word), re.sub("kh|ch", "h", word)}
    return words | {w[:-1] for w in words if len(w) >= 5 and re.search("[lr]o$", w)}


def _loan_given_agree(pa: _Parsed, pb: _Parsed) -> bool:
    """Given names of a Hangul loanword and of another script that agree by sound.

    Korean writes foreign given names by sound and loses letters (조지 George, 리처드
    Richard) and middle names (구스타프 헤르츠 = Gustav Ludwig Hertz), and writes a
    hyphenated given name as one word (장마리 Jean-Marie): the first given names must
    agree and each name of the shorter list must agree with one of the longer, or the
    given names written together must agree.
    """
    a = tuple((w, f, not pa.loan) for w, f in zip(pa.given_words, pa.given_names, strict=False))
    b = tuple((w, f, not pb.loan) for w, f in zip(pb.given_words, pb.given_names, strict=False))
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if _given_agree(short[0], long_[0]) and all(
        any(_given_agree(x, y) for y in long_) for x in short[1:]
    ):
        return True
    ja, jb = "".join(w for w, _, _ in a), "".join(w for w, _, _ in b)
    return (len(a) > 1 or len(b) > 1) and _given_agree(
        (ja, skeleton(ja), not pa.loan), (jb, skeleton(jb), not pb.loan)
    )


def _given_agree(x: tuple[str, str, bool], y: tuple[str, str, bool]) -> bool:
    """One given name (as read, folded, spelled in Latin) against another, by sound."""
    # The Spanish and Portuguese h (Roger 호제르) only against a Hangul reading with an h.
    ix = x[2] and not y[2] and y[0].startswith("h")
    iy = y[2] and not x[2] and x[0].startswith("h")
    if _given_sounds(x[0], x[1], ix) & _given_sounds(y[0], y[1], iy):
        return True
    # ㄹ writes l and r alike (루이스 Louis, 로버트 Robert).
    fx, fy = x[1].replace("l", "r"), y[1].replace("l", "r")
    return (
        fx[:1] == fy[:1]
        and abs(len(fx) - len(fy)) <= 1
        and JaroWinkler.normalized_similarity(fx, fy) >= _LOAN_GIVEN_SIM
    )


@lru_cache(maxsize=8192)
def _given_sounds(word: str, folded: str, latin: bool = False) -> frozenset[str]:
    """The coarse forms a given name may sound as, whatever language spelled it.

    A Latin j is y, dzh (English John 존) or h (Spanish Juan 후안); g before e, i, y is
    g, dzh (George 조지, Giovanni 조반니) or h (Jorge 호르헤); ch is ch, sh, k (Michael
    마이클, Christian 크리스티안) or the German kh (Erich 에리히); th is t or s (Keith 키스);
    a final s or w may be silent (Jacques 자크, Matthew 매슈). A name spelled in Latin
    letters may also be Spanish or Portuguese, where a first r is h (Brazilian Roger 호제르,
    Rodrigo 호드리구) and g before e or i is h (Jorge 호르헤): ``latin`` asks for these
    too, which :func:`_given_agree` does only against a Hangul reading that starts with h
    (Ryuji is not 갈, Richard not 오거스트); the Hangul reading is never rewritten so.
    """
    words = {word}
    for pattern, sound in _GIVEN_REWRITES + (_IBERIAN_REWRITES if latin else ()):
        words |= {re.sub(pattern, sound, w) for w in words if re.search(pattern, w)}
    words |= {w[:-1] for w in words if len(w) > 3 and w[-1] in "sw"}
    return frozenset({coarse_skeleton(folded)} | {coarse_skeleton(skeleton(w)) for w in words})


_GIVEN_REWRITES = (
    ("j", "dzh"),
    ("^j", "h"),
    ("g(?=[eiy])", "dzh"),
    ("ch", "k"),
    ("ch", "kh"),
    ("th", "s"),
)
_IBERIAN_REWRITES = (("^r", "h"), ("g(?=[ei])", "h"))


# Tuned on the dev half of wikidata_en_hangul_names.tsv (benchmarks/names_quality.py).
_LOAN_GIVEN_SIM = 0.85
# The loanword model's given-name score (loanmodel._loan_given_score) below which given
# names the coarse forms join are heard apart, and above which the model joins given
# names alone; chosen on the dev half against its en_hangul_negatives.
_LOAN_GIVEN_FLOOR = 0.0
_LOAN_GIVEN_CLEAR = 0.75
