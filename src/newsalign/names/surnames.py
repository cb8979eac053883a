"""Korean surnames: the table of spellings, the initial-sound law, reading a surname token.

Public seam: :func:`korean_surnames`.
"""

# Tables and examples hold Cyrillic, Greek and Hangul letters that look like Latin ones
# on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

from functools import lru_cache

from .hangul import _hangul_sylset, _is_hangul, _sylset_class
from .romanization import _mr_ascii, _rom_split, _rom_sylset
from .translit import _to_latin

# Korean surnames: Hangul -> spellings seen in news, passports, MR and DPRK texts. The
# initial-sound law (리 -> 이, 류 -> 유, 림 -> 임, 로 -> 노) is folded first.
_SURNAME_TABLE: tuple[tuple[str, str], ...] = (
    ("김", "kim gim kin"), ("이", "lee yi rhee ri i rhie yee lie rii li"),
    ("박", "park pak bak bahk pack parc"), ("최", "choi choe chey choy tsoi tsoy chkhve"),
    ("정", "jung jeong chung jong cheong joung jeung chong"), ("강", "kang gang"),
    ("조", "cho jo joe"), ("윤", "yoon yun youn"), ("장", "jang chang zahng"),
    ("임", "lim im rim yim ihm"), ("한", "han"), ("오", "oh o"), ("서", "seo suh so seoh soh"),
    ("신", "shin sin shinn"), ("권", "kwon gwon kweon kwun kweun kwoun"), ("황", "hwang whang"),
    ("안", "ahn an"), ("송", "song"), ("유", "yoo yu ryu ryoo you lew"),
    ("전", "jeon chun jun chon"), ("홍", "hong"), ("고", "ko go koh"), ("문", "moon mun"),
    ("양", "yang ryang"), ("손", "son sohn shon"), ("배", "bae pae bai"),
    ("백", "baek paek paik baik back"), ("허", "heo huh hur ho"), ("남", "nam"), ("심", "shim sim"),
    ("노", "noh roh no ro"), ("하", "ha"), ("곽", "kwak gwak"), ("성", "sung seong"), ("차", "cha"),
    ("주", "joo ju chu"), ("우", "woo u"), ("구", "koo ku gu goo"), ("민", "min"),
    ("진", "jin chin"), ("지", "ji chi gee"), ("엄", "eom um uhm"), ("채", "chae"), ("원", "won"),
    ("천", "cheon chun"), ("방", "bang pang"), ("공", "kong gong"), ("현", "hyun hyeon"),
    ("함", "ham hahm"), ("변", "byun byeon pyon byon beon"), ("염", "yeom yum yeum youm"),
    ("여", "yeo yo yuh"), ("추", "choo chu"), ("도", "do to"), ("소", "so"), ("석", "seok suk"),
    ("선", "sun seon"), ("설", "seol sul"), ("마", "ma"), ("길", "gil kil"), ("연", "yeon yun"),
    ("위", "wi wee"), ("표", "pyo"), ("명", "myung myeong myoung"), ("기", "ki gi"),
    ("반", "ban pan"), ("왕", "wang"), ("금", "geum keum"), ("옥", "ok"), ("육", "yook yuk"),
    ("인", "in"), ("맹", "maeng"), ("제", "je"), ("모", "mo moh"), ("탁", "tak"),
    ("국", "kook guk"), ("어", "eo eoh"), ("은", "eun"), ("편", "pyun pyeon"),
    ("용", "yong"), ("예", "ye"),
    ("경", "kyung gyeong"), ("봉", "bong"), ("사", "sa"), ("부", "boo bu"), ("황보", "hwangbo"),
    ("남궁", "namgoong namkung namgung"), ("제갈", "jegal"), ("선우", "sunwoo seonwoo"),
    ("독고", "dokgo"), ("태", "tae"), ("나", "na ra rha"), ("라", "la"), ("명", "myeong"),
    ("복", "bok"), ("판", "pan"), ("빈", "bin"), ("범", "beom bum"), ("피", "pi"), ("좌", "jwa"),
    ("팽", "paeng"), ("승", "seung"), ("간", "gan kan"), ("상", "sang"), ("시", "si"), ("호", "ho"),
    ("계", "gye kye"), ("음", "eum"), ("감", "gam kam"),
)
_INITIAL_LAW = {"리": "이", "류": "유", "림": "임", "로": "노", "라": "나", "량": "양",
                "려": "여", "룡": "용", "뢰": "뇌", "련": "연", "렴": "염", "륙": "육"}

# Surname frequency rank decides the order of "Seong Kwon Lee" (Lee is more common).
_SURNAME_RANK: dict[str, int] = {}
_HANGUL_SURNAMES: frozenset[str]
_LATIN_SURNAMES: dict[str, frozenset[str]]


def _build_surnames() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    latin: dict[str, set[str]] = {}
    hangul: set[str] = set()
    for rank, (han, spellings) in enumerate(_SURNAME_TABLE):
        hangul.add(han)
        _SURNAME_RANK.setdefault(han, rank)
        for sp in spellings.split():
            latin.setdefault(sp, set()).add(han)
    hangul.update(_INITIAL_LAW)
    # The key spells a surname by its sound class; that spelling must parse back.
    for han in sorted(hangul):
        folded = _INITIAL_LAW.get(han, han)
        cls = "".join(_sylset_class(_hangul_sylset(c)) for c in folded)
        latin.setdefault(cls, set()).add(folded)
    return frozenset(hangul), {k: frozenset(v) for k, v in latin.items()}


_HANGUL_SURNAMES, _LATIN_SURNAMES = _build_surnames()
_FOLDED_SURNAMES = frozenset(_INITIAL_LAW.get(h, h) for h in _HANGUL_SURNAMES)


def _surname_set(tok: str) -> frozenset[str] | None:
    if all(_is_hangul(c) for c in tok):
        if tok in _HANGUL_SURNAMES:
            return frozenset({_INITIAL_LAW.get(tok, tok)})
        return None
    low = tok.lower()
    if "ŏ" in low or "ŭ" in low:
        return _mr_surname_set(_mr_ascii(low))
    return _LATIN_SURNAMES.get(_to_latin(tok))


@lru_cache(maxsize=1024)
def _mr_surname_set(low: str) -> frozenset[str] | None:
    """The surnames an MR spelling with breves can write, read syllable by syllable.

    The table lists MR surnames without breves (Chon = 전, Yong = 용); with the breve the
    vowel is known, so the surnames are those whose jamo fit: Chŏn = {전, 천} (MR ch is ㅈ,
    and ㅊ with its apostrophe dropped), Yŏng = none (영 is not a surname).
    """
    parts = (low,) if _rom_sylset(low) is not None else _rom_split(low)
    if parts is None or len(parts) > 2:
        return None
    sets = [_rom_sylset(p) for p in parts]
    found = {
        han for han in _FOLDED_SURNAMES if len(han) == len(sets)
        and all(s is not None and all(x & y for x, y in zip(s, _hangul_sylset(c), strict=True))
                for s, c in zip(sets, han, strict=True))
    }
    return frozenset(found) or None


def _surname_class(sur: frozenset[str]) -> str:
    han = sorted(sur, key=lambda h: (_SURNAME_RANK.get(h, 999), h))[0]
    return "".join(_sylset_class(_hangul_sylset(c)) for c in han)


def korean_surnames() -> frozenset[str]:
    """The Korean surnames the name reader knows, in Hangul (initial-sound law forms too).

    A seam for benchmarks that filter data to Korean names.

    Example:
        >>> "김" in korean_surnames(), "리" in korean_surnames(), "Kim" in korean_surnames()
        (True, True, False)
    """
    return _HANGUL_SURNAMES
