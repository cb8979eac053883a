"""Comparing two names: :func:`match_names`, :func:`same_person` and :func:`name_similarity`."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from rapidfuzz.distance import JaroWinkler

from .chinese import _has_han
from .general import _word_key
from .given import compare_given
from .hangul import _SylSet
from .japanese import _kana_form, _kana_words_agree
from .loanmodel import _loan_pair_same
from .parse import _clean_tokens, _parse
from .parsed import _EMPTY, _Parsed
from .records import NameMatch, Verdict
from .sinokorean import _sino_korean_pair, korean_reading
from .skeletons import _vowel_runs, _vowels_disagree, skeleton
from .translitmodel import _translit_pair_same


def _syl_relation(a: _SylSet, b: _SylSet) -> Literal["same", "overlap", "disjoint"]:
    rel: Literal["same", "overlap", "disjoint"] = "same"
    for x, y in zip(a, b, strict=True):
        if not x & y:
            return "disjoint"
        if not (x <= y or y <= x):
            rel = "overlap"
    return rel


def match_names(a: str, b: str) -> NameMatch:
    """Compare two names: the same person, different people, or cannot tell.

    Korean names are compared surname against surname and given-name syllable against
    syllable, each romanised syllable standing for the set of Hangul sounds it can spell: a
    syllable whose sets are disjoint means different people; sets where one contains the
    other mean the same spelling; sets that only overlap make the verdict ``"ambiguous"``.
    A surname alone against a full name is ``"ambiguous"`` too. Two regnal numbers that
    differ are different people whatever the name (``Louis XIV`` / ``Louis XVI``; the words
    after the number may be dropped: ``Vlad II Dracul`` = ``블라드 2세``), and so are two
    generation suffixes that differ (Jr. / Sr.; one on one side only is no evidence:
    ``Al Gore`` is Al Gore Jr.). Other
    names are the same when their keys (surnames) are equal and their given names or
    initials agree, unless two Latin spellings of the surname disagree in most of their
    vowels (``Blat`` / ``Blythe``), which is ``"ambiguous"``.

    Example:
        >>> match_names("Park Seon-won", "박선원").verdict
        'same'
        >>> match_names("Kim Jong-un", "Kim Jong-il").verdict
        'different'
        >>> match_names("Kim Dae-jung", "Kim Dae-jong").verdict
        'ambiguous'

    A Latin name against a Hangul one that the rules do not call the same is the same
    person when the learned loanword model (:mod:`.loanmodel`) pairs every word of them by
    sound: then the keys may differ (``Budanov`` / ``부다노우``). So is a Latin name
    against a Cyrillic, Greek or other Latin one that the learned transliteration models
    (:mod:`.translitmodel`) pair word for word (``Colbert`` / ``Кольбер``), a Chinese name in
    pinyin against its Sino-Korean reading in Hangul, the Korean reading of characters
    both may write (:mod:`.sinokorean`: ``Meng Haoran`` / ``맹호연``), and a Korean name in
    Han characters against its Korean spellings, read as Korean (``金正恩`` / ``김정은``;
    the key reads the characters as Mandarin). A Korean name in
    Cyrillic (:mod:`.cyrillic_korean`) writes several sounds alike, so its syllables that
    only overlap another spelling's are the same (``Ким Чен Ын`` / ``Kim Jong-un``), and
    the keys may differ.
    """
    pa = _parse(a) if isinstance(a, str) else _EMPTY
    pb = _parse(b) if isinstance(b, str) else _EMPTY
    if pa.regnal and pb.regnal and not set(pa.regnal) & set(pb.regnal):
        # Louis XIV / Louis XVI, Charles II / 찰스 3세: one name, two rulers.
        return NameMatch(
            "different", _scale(_score(pa, pb), "different"), "different regnal numbers"
        )
    if pa.generation and pb.generation and pa.generation != pb.generation:
        # Martin Luther King Sr. / Martin Luther King Jr.: father and son.
        return NameMatch(
            "different", _scale(_score(pa, pb), "different"), "different generation suffixes"
        )
    match = _match_rules(a, b)
    if match.verdict == "same":
        return match
    if pa.regnal and pb.regnal and match_names(pa.regnal_name, pb.regnal_name).verdict == "same":
        # One regnal name and number; a byname or title after it that one spelling drops
        # (Vlad II Dracul / 블라드 2세).
        reason = "one regnal name and number"
    elif _loan_pair_same(a, b):
        reason = "learned loanword model"
    elif _translit_pair_same(a, b):
        reason = "learned transliteration model"
    elif _sino_korean_pair(a, b):
        reason = "Sino-Korean reading of the characters"
    elif _hanja_korean_pair(a, b):
        reason = "Korean reading of the Han characters"
    elif _swapped_pair_same(pa, pb, a, b):
        reason = "the family name first in one spelling"
    else:
        return match
    return NameMatch("same", _scale(_score(pa, pb), "same"), reason)


def _swapped_pair_same(pa: _Parsed, pb: _Parsed, a: str, b: str) -> bool:
    """Two words each, one spelling family name first, and the rules match them crosswise.

    Hangul writes Hungarian names family name first (루카치 죄르지 György Lukács) and some
    Latin spellings do too (Orbán Viktor); both words must then match, the surname by key
    and the given name by the given-name rules. Not for Korean names, whose order the
    Korean rules read.
    """
    if "korean" in (pa.kind, pb.kind) or pa.kind == "empty" or pb.kind == "empty":
        return False
    ta, tb = _clean_tokens(a), _clean_tokens(b)
    if len(ta) != 2 or len(tb) != 2:
        return False
    return (
        _match_rules(a, f"{tb[1]} {tb[0]}").verdict == "same"
        or _match_rules(f"{ta[1]} {ta[0]}", b).verdict == "same"
    )


def _hanja_korean_pair(a: str, b: str) -> bool:
    """A Korean name in Han characters against one in Hangul or a romanisation."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    # By the words of the name: a headline's 北 before 김정은 is no Han name.
    ta, tb = _clean_tokens(a), _clean_tokens(b)
    if any(map(_has_han, ta)) == any(map(_has_han, tb)):
        return False
    han, other = (ta, b) if any(map(_has_han, ta)) else (tb, a)
    reading = korean_reading(" ".join(t for t in han if _has_han(t)))
    if not reading or _parse(other).kind != "korean":
        return False
    return _match_rules(reading, other).verdict == "same"


def _match_rules(a: str, b: str) -> NameMatch:
    """:func:`match_names` by the rules alone (without the learned models)."""
    pa = _parse(a) if isinstance(a, str) else _EMPTY
    pb = _parse(b) if isinstance(b, str) else _EMPTY
    score = _score(pa, pb)
    if pa.kind == "empty" or pb.kind == "empty":
        if _same_letters(a, b):
            # Nothing to key (a lone h, letters of a script without a table), but one
            # spelling: a name matches itself.
            return NameMatch("same", 1.0, "the same spelling")
        return NameMatch("different", 0.0, "a name without letters")
    if pa.kind == "korean" and pb.kind == "korean":
        return _match_korean(pa, pb)
    # One script against the other: a Hangul loanword spelling meets the other scripts in
    # the coarse key; two spellings that both make the finer distinctions must agree in
    # their full surname skeletons as well (Fabio / Pavlo share a coarse key only).
    if (pa.key == pb.key or _silent_e_key(pa, pb) or _silent_e_key(pb, pa)) and (
        pa.skeleton == pb.skeleton or _loan_meets(pa, pb) or _variants_meet(pa, pb)
    ):
        verdict, reason = compare_given(pa, pb, (a, b))
        match = NameMatch(verdict, _scale(score, verdict), reason)
        if match.verdict == "same" and _vowels_disagree(pa.spelled, pb.spelled):
            # Equal keys, clearly different spellings (Blat / Blythe): cannot tell.
            return NameMatch(
                "ambiguous", _scale(score, "ambiguous"), "one surname key, but the vowels disagree"
            )
        return match
    ta, tb = set(pa.tokens), set(pb.tokens)
    if (ta < tb or tb < ta) and min(len(ta), len(tb)) >= 1:
        return NameMatch("ambiguous", _scale(score, "ambiguous"), "one name is part of the other")
    reason = "different surname skeletons" if pa.key == pb.key else "different keys"
    return NameMatch("different", _scale(score, "different"), reason)


def _same_letters(a: object, b: object) -> bool:
    """Two strings with letters that are one spelling once folded (NFKC, case)."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    fa = unicodedata.normalize("NFKC", a).casefold().split()
    return any(c.isalpha() for c in a) and fa == unicodedata.normalize("NFKC", b).casefold().split()


def _silent_e_key(p: _Parsed, other: _Parsed) -> bool:
    """A Latin surname whose key, with a silent e left out, is a Hangul spelling's key.

    English leaves the e of -es and -e- unspoken (Charles 찰스, Miles 마일스, Gates 게이츠),
    which Korean writes by ear; the key, which reads every vowel, keeps the consonant
    before it apart (``~rs`` against ``~s``). Other languages say the e (Flores 플로레스),
    so the key stays as it is and only the matcher tries both.
    """
    if p.loan or not other.loan or p.kind != "general" or other.kind != "general":
        return False
    return any(
        _word_key(p.read[: m.start()] + p.read[m.end() :]) == other.key
        for m in _SILENT_E.finditer(p.read)
    )


def _loan_meets(pa: _Parsed, pb: _Parsed) -> bool:
    """A Hangul loanword spelling against another script, with one coarse key.

    The first sounds must agree (the key drops a first sibilant: Sanders / 앤더스 share
    one), a Latin j meeting a vowel or a sibilant (Jan 얀, Jackson 잭슨). A key of one
    consonant or none (영 and Anja are both ``~n``) says too little: then the consonants
    must also agree before the nasals are merged (ng is not n there: 영 ``ank``, Anja
    ``ana``).
    """
    if pa.loan == pb.loan:
        return False
    if pa.head != pb.head and not (
        "J" in (pa.head, pb.head) and {pa.head, pb.head} <= {"J", "V", "S"}
    ):
        return False
    if pa.japanese and pb.japanese:
        # The Korean orthography of Japanese keeps the vowels (기시다 Kishida): so must they.
        return _kana_form(pa.skeleton) == _kana_form(pb.skeleton) and _kana_words_agree(
            pa.given_names, pb.given_names
        )
    return len(pa.key) > 2 or _short_form(pa.skeleton) == _short_form(pb.skeleton)


def _variants_meet(pa: _Parsed, pb: _Parsed) -> bool:
    """Two spellings with one key whose skeletons differ only where spellings of one name do.

    With one key, the full skeletons say no only on real evidence: a consonant class, an
    inner vowel or a final vowel that no transliteration or national spelling of one name
    changes. What is not evidence (each seen on the dev half of the Wikidata variant
    groups, many times more often between variants of one name than between two names):

    * the first sound of a Latin j against a vowel, a zh or a dzh (Jamil / Джамиль,
      Jotev / Жотев / Žotev, Janashia / Džanašia): Latin j is y, zh or dzh by language;
    * a final f against a v (Makaroff / Makarov, Orlov / Ορλόφ): a final v is voiceless;
    * a Slavic surname's feminine ending (Ovchinnikov / Ovchinnikova, Fokin / Fokina,
      Kozlowska / Козловский): one family name, in the other gender; names short enough to
      be given names (Ion / Ioana, Fan / Fania) are kept apart;
    * a Hepburn long o written oh, ou or ō (Kohno / Kōno / Коно, Ohyagi / Oyagi);
    * a first sibilant, which Latin orthographies write each their own way (Chestakov /
      Shestakov, Tsybin / Zybin, Dschaparidse / Džaparidze);
    * against a transliteration from Cyrillic or Greek, which writes the sibilants its own
      way (Mizukawa / Мидзукава, Hizawa / Хидзава, McFadzean / Макфазин): s, z, ch, ts and
      dj are one sound, and a name starting with a vowel or a sibilant may differ in that
      first sound (Iouchkevitch / Юшкевич);
    * between two Latin spellings, the sibilants anywhere, when every vowel agrees
      (Lifchits / Lifshitz, Barancev / Barantsev); Knetsch / Knauss and Wales / Waloch,
      whose vowels differ, stay apart.

    Every other consonant class must agree, the final vowel too (Ikumi / Ikuyama, Hiroya /
    Hiro stay apart), and the vowels as read must not disagree in most places: the
    skeleton writes every inner vowel as ``a``, so Gustave / Кастуева and Woodruff /
    Petrova share one, which is no evidence of one name.
    """
    if pa.loan or pb.loan or pa.kind != "general" or pb.kind != "general":
        return False
    translit = not (pa.spelled and pb.spelled)
    if (translit and _sibilant_form(pa) == _sibilant_form(pb)) or (
        _variant_forms(pa, pb, translit) & _variant_forms(pb, pa, translit)
    ):
        # The skeleton writes every inner vowel as a: the vowels as read must not disagree
        # in most places (Gustave / Кастуева, Woodruff / Petrova share a folded skeleton).
        return not _vowels_differ(pa.read, pb.read)
    if translit or not {_sibilants_merged(f) for f in _variant_forms(pa, pb, False)} & {
        _sibilants_merged(f) for f in _variant_forms(pb, pa, False)
    }:
        return False
    # Two Latin spellings apart only in their sibilants (Lifchits / Lifshitz, Barancev /
    # Barantsev, Grichine / Grischin): every vowel must agree (Knetsch / Knauss, Wales /
    # Waloch stay apart).
    ra, rb = _vowel_runs(pa.read), _vowel_runs(pb.read)
    return len(ra) == len(rb) and all(x & y for x, y in zip(ra, rb, strict=True))


def _vowels_differ(a: str, b: str) -> bool:
    """Whether two words' vowel runs, from the first, disagree in more than half the places."""
    ra, rb = _vowel_runs(a), _vowel_runs(b)
    n = min(len(ra), len(rb))
    return n > 0 and 2 * sum(1 for x, y in zip(ra, rb) if not x & y) > n


def _sibilant_form(p: _Parsed) -> str:
    s = _sibilants_merged(p.skeleton)
    return re.sub("^[as]", "", s) if p.head in ("J", "V", "S") else s


def _sibilants_merged(skel: str) -> str:
    return re.sub("ts|ch|dj", "s", skel)


def _variant_forms(p: _Parsed, other: _Parsed, translit: bool) -> set[str]:
    s = _variant_skeleton(p.skeleton, p.read, other.read)
    if translit:
        s = _sibilants_merged(s)
    forms = {s}
    for m in _SILENT_E.finditer(p.read):
        # An e between consonants is often silent or a schwa that another spelling leaves
        # out (James = Джеймс, Holmes = Холмс, Aleksander = Александр, Krempel = Кремпл),
        # but not between two consonants of one class, which would merge (Spevack).
        short = skeleton(p.read[: m.start()] + p.read[m.end() :])
        if _consonants(short) == _consonants(p.skeleton):
            forms.add(_variant_skeleton(short))
    if _LONG_O.search(p.read) and _JAPANESE_SYLLABLES.fullmatch(_LONG_O.sub("o", p.read)):
        # Hepburn writes a long o as oh, ou, oo or ō (Kohno = Kōno = Коно, Ohyagi = Oyagi).
        forms.add(_variant_skeleton(skeleton(_LONG_O.sub("o", p.read))))
    if p.head == "S" and other.head == "J" and (translit or p.spelled.startswith(_J_LETTERS)):
        # Latin j against zh, z, dzh or the Wade-Giles ch (Jotev / Žotev, Jan / Chan): the
        # j side's skeleton starts with its vowel.
        forms |= {re.sub("^(?:s|ch|dj)", "", f) for f in forms}
    elif p.head == "S" and other.head == "S":
        # Latin orthographies write a first sibilant their own way: French ch is sh
        # (Chestakov / Shestakov), German and Polish z and c are ts (Tsybin / Zybin).
        forms |= {re.sub("^(?:ch|dj)", "s", f) for f in forms}
    return forms


_SILENT_E = re.compile("(?<=[^aeiouy])e(?=[^aeiouy])")


def _consonants(skel: str) -> str:
    return re.sub("[aio]", "", skel)


# First letters of a sibilant that a Latin j may write: zh, dzh, ts, ch (not s or sh).
_J_LETTERS = ("z", "dz", "dj", "ch", "ts", "tz", "c")
# The h or u of a long o before a consonant or at the end, in a word that is Japanese
# syllables once it is gone (Bohdan, Kohl and Mohamed are not).
_LONG_O = re.compile("(?<=o)[hu](?=[^aeiouyh])|(?<=o)h$")
_JAPANESE_SYLLABLES = re.compile(
    r"(?:(?:[kgsztdnhbpmr]y?|sh|ch|ts|j|f)[aiueo]|[yw]a|yu|yo|[aiueo]|n)+"
)


def _variant_skeleton(skel: str, read: str = "", other: str = "") -> str:
    """A surname skeleton with a final f as v and a Slavic feminine ending folded away.

    The -ova, -eva and -ina of ``read`` fold only against an ``other`` that ends in the
    masculine -ov, -ev or -in (Fokina / Fokin; not Viktorina / Victorian, Christiana /
    Christin); -ska and -ski / -sky always.
    """
    s = re.sub("f$", "b", skel)
    if _FEMININE.search(read) and _MASCULINE.search(other):
        s = re.sub(r"(?<=.{3}ab)a$|(?<=.{3}an)a$", "", s)
    return re.sub("(?<=..)sk[ai]$", "sk", s)


_FEMININE = re.compile(r"(?:[oe]v|[oe]w|[^aeiou][iy]n)a$")
_MASCULINE = re.compile(r"(?:[oe]v|[oe]w|[oe]ff?|[^aeiou][iy]n)$")


def _short_form(skel: str) -> str:
    s = re.sub(r"r(?![aio])", "", skel).replace("l", "r").replace("f", "b")
    return re.sub("[aio]", "", re.sub(r"^(?:s|ch|dj)", "", s))


def _match_korean(pa: _Parsed, pb: _Parsed) -> NameMatch:
    """Two Korean names: surnames, then given names syllable by syllable.

    The key folds each syllable to a sound class; where the keys are equal, a refinement may
    only say no on real evidence: a syllable whose sets are disjoint (no romanisation writes
    both for one sound: ``Seon`` / ``Soon``, Hangul 은 / 운), a surname alone, or two
    spellings both marked as Revised Romanization whose RR vowels differ (``Dae-jung`` /
    ``Dae-jong``: in RR u is ㅜ and o is ㅗ). Sets that merely overlap in one key
    (``Sun Won`` / ``Son-won``, both 선원 in MR; ``Choe Son-hui`` / ``Choi Sun-hee``) are
    the same person.
    """
    fine = JaroWinkler.normalized_similarity(pa.fine, pb.fine)
    if not pa.surname & pb.surname:
        return NameMatch("different", _scale(fine, "different"), "different surnames")
    if not pa.given or not pb.given:
        if pa.given == pb.given:
            return NameMatch("same", _scale(fine, "same"), "same surname, no given name")
        return NameMatch("ambiguous", _scale(fine, "ambiguous"), "surname only")
    if len(pa.given) != len(pb.given):
        return NameMatch("different", _scale(fine, "different"), "given names differ in length")
    verdict: Verdict = "same"
    lossy = pa.cyrillic or pb.cyrillic
    for k, (x, y) in enumerate(zip(pa.given, pb.given, strict=True)):
        rel = _syl_relation(x, y)
        if rel == "disjoint":
            return NameMatch("different", _scale(fine, "different"), f"syllable {k + 1} differs")
        if rel == "overlap" and not lossy:
            verdict = "ambiguous"
    if not (pa.surname <= pb.surname or pb.surname <= pa.surname) and not lossy:
        verdict = "ambiguous"
    if verdict == "ambiguous" and pa.key == pb.key:
        if _rr_vowels_differ(pa.rr_vowels, pb.rr_vowels):
            return NameMatch("ambiguous", _scale(fine, "ambiguous"), "RR vowels differ")
        return NameMatch("same", _scale(fine, "same"), "one key, the syllables overlap")
    reason = "every syllable compatible" if verdict == "same" else "syllables only overlap"
    return NameMatch(verdict, _scale(fine, verdict), reason)


def _rr_vowels_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Both spellings marked as RR, and some syllable's RR vowels differ."""
    return bool(a and b) and any(x and y and x != y for x, y in zip(a, b))


def _score(pa: _Parsed, pb: _Parsed) -> float:
    if not pa.key or not pb.key:
        return 0.0
    return float(JaroWinkler.normalized_similarity(pa.fine, pb.fine))


def _scale(raw: float, verdict: Verdict) -> float:
    # Verdict bands: same in [0.9, 1], ambiguous in [0.5, 0.8], different in [0, 0.5).
    raw = min(max(raw, 0.0), 1.0)
    if verdict == "same":
        return 0.9 + 0.1 * raw
    if verdict == "ambiguous":
        return 0.5 + 0.3 * raw
    return 0.49 * raw


def same_person(a: str, b: str) -> bool:
    """Whether two names are spellings of one person (:func:`match_names` says ``"same"``).

    ``same_person(a, b)`` implies ``name_key(a) == name_key(b)``, but for a Latin name
    and a Hangul one joined by the learned loanword model or by the Sino-Korean reading of
    a Chinese name, for a Latin name and a Cyrillic, Greek or Latin one joined by the
    learned transliteration models, for one regnal name and number with a byname after it, for a
    Korean name in Han characters read as Korean (金正恩 = 김정은), and for a Korean name
    in Cyrillic, whose lossy syllables (о is ㅗ or ㅓ, н a final ㄴ or ㅇ: Ким Чен Ын =
    김정은) need only overlap another spelling's; ambiguous pairs are ``False``.

    Example:
        >>> same_person("Lee Seong-gwon", "Lee Seong Kwon")
        True
        >>> same_person("Lee Jae-myung", "Lee Jae-yong")
        False
    """
    return match_names(a, b).verdict == "same"


def name_similarity(a: str, b: str) -> float:
    """A similarity in [0, 1] whose bands follow :func:`match_names`.

    ``"same"`` pairs score in [0.9, 1], ``"ambiguous"`` in [0.5, 0.8], ``"different"``
    below 0.5; inside a band the Jaro-Winkler similarity of the transliterated names orders
    the pairs.

    Example:
        >>> name_similarity("Zelensky", "Зеленский") >= 0.9
        True
        >>> name_similarity("Kim Jong-un", "Kim Yo-jong") < 0.5
        True
    """
    return match_names(a, b).score
