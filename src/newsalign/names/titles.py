"""Titles and honorifics, English and Korean: dropped from names, and cues in text."""

# Tables and examples hold Cyrillic, Greek and Hangul letters that look like Latin ones
# on purpose (RUF001 and RUF003 are off project-wide).

from __future__ import annotations

import re

from .hangul import _is_hangul
from .romanization import _alternation

_TITLES_EN = frozenset(
    [
        "rep", "representative", "sen", "senator", "dr", "adm", "admiral", "gen", "general",
        "president", "presidente", "präsident", "prasident", "predsjednik", "presedintele",
        "președintele", "presiden", "prezident", "prezydent", "président", "elnök", "elnok",
        "президент", "президента", "премьер", "mr", "mrs", "ms", "miss", "mx", "sir", "dame",
        "lord", "lady", "prof", "professor", "lawmaker", "lawmakers", "director", "chairman",
        "chairwoman", "chair", "ceo", "gov", "governor", "mayor", "judge", "justice", "lt", "col",
        "maj", "capt", "cmdr", "sgt", "minister", "premier", "secretary", "ambassador",
        "commissioner", "spokesperson", "spokesman", "spokeswoman", "chief", "leader", "comrade",
        "king", "queen", "prince", "princess", "marshal", "rev", "pastor", "father", "sheikh",
        "sheik", "imam", "ayatollah", "emir", "colonel", "captain", "major", "lieutenant", "nis",
        "vice", "deputy", "former", "acting", "prime", "foreign", "defense", "defence",
        "unification", "interior", "finance", "envoy", "prosecutor", "jr", "sr", "ii", "iii",
        "rabbi", "examiner", "superintendent", "inspector", "detective", "officer", "sergeant",
        "iv",
        # Regnal numbers (not XI, the Chinese surname Xi), suffixes and ranks of nobility and
        # the church (Charles VI, Pope Leo, Archduke Karl, Carl Laemmle Jr.).
        "vi", "vii", "viii", "ix", "xii", "xiii", "xiv", "xv", "xvi", "junior", "senior",
        "pope", "emperor", "empress", "duke", "duchess", "archduke", "archduchess", "grand",
        "count", "countess", "baron", "baroness", "marquis", "marquess", "tsar", "czar",
        "tsarina", "sultan", "infanta", "infante", "dowager", "crown", "regent", "pharaoh",
    ]
)
_TITLES_KO = (
    "국무위원장", "국정원장", "국무총리", "위원장", "비서실장", "대변인", "부위원장", "원내대표",
    "대통령", "총비서", "부부장", "당선인", "의원", "원장", "장관", "차관", "대표", "기자",
    "총리", "위원", "의장", "사장", "회장", "교수", "박사", "총재", "단장", "청장", "실장",
    "비서관", "후보", "씨", "군", "양", "님", "여사", "총장", "지사", "시장", "검사", "판사",
    "국가주석", "주석", "외교부장", "부장", "전", "前", "외무상", "국방상", "제1부부장",
    "주니어", "시니어", "교황", "황제", "황후", "천황", "국왕", "여왕", "왕자", "공주", "대공",
    "여대공", "공작", "백작", "남작", "후작", "공녀", "추장", "술탄", "차르", "일왕", "대왕",
    "왕세자", "셰이크", "아야톨라", "이맘", "랍비", "목사",
    # A Japanese prince's house (宮, 후시미노미야 Fushimi) and the title 親王 (아키라신노).
    "노미야", "신노",
)
# Titles in Han characters, as Chinese, Japanese and Korean headlines write them after a
# name (习近平主席, 金正恩 总书记), dropped as words or as endings of a longer word.
_TITLES_HAN = frozenset(
    {
        "主席", "国家主席", "國家主席", "总书记", "總書記", "委员长", "委員長", "总统", "總統",
        "总理", "總理", "首相", "外长", "外長", "部长", "部長", "议员", "議員", "大使",
        "国务委员", "國務委員", "先生", "女士", "氏",
    }
)
_TITLE_HAN_RE = re.compile(f"(?:{_alternation(_TITLES_HAN)})$")
# One Han character that Korean headlines put before a name for the country or the side
# (北 김정은 North Korea's Kim Jong-un, 美 바이든, 中 시진핑, 日 기시다, 露 푸틴, 故 the late).
_HEADLINE_PREFIXES = frozenset("北美中日露英佛獨韓南故與野")
# Korean news writes a country between a foreign name and its title (시진핑 중국 국가주석,
# 젤렌스키 우크라이나 대통령): before a final title, the country is no part of the name.
_COUNTRIES_KO = frozenset(
    {
        "미국", "중국", "북한", "남한", "한국", "일본", "러시아", "우크라이나", "영국", "프랑스",
        "독일", "이란", "이스라엘", "대만", "인도", "캐나다", "호주", "유엔", "튀르키예",
        "터키", "이탈리아", "스페인", "폴란드", "베트남", "필리핀", "몽골", "쿠바", "시리아",
        "이라크", "사우디", "브라질", "멕시코", "미", "중", "북", "일", "러", "우", "영", "독",
    }
)
_TITLE_KO_RE = re.compile(f"(?:{_alternation(_TITLES_KO)})$")


# A regnal number in Korean (루이 14세 Louis XIV) or in figures.
_ORDINAL = re.compile(r"[0-9]+세?")
# Roman regnal numbers up to 49, in capitals (a lower-case i or x is a word); L alone and
# LI are not among them.
_ROMAN = re.compile("(?:XL|X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_HANGUL_REGNAL = re.compile("([0-9]+)세")


def _roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


def _regnal_cut(
    tokens: list[str], dotted: frozenset[int] = frozenset()
) -> tuple[list[str], tuple[int, ...], str]:
    """A name's words without its regnal numbers, the numbers, and the words before them.

    ``Louis XIV`` and ``루이 14세`` have the number 14. What follows a number may be a
    byname, a place or a title that another spelling drops (Vlad II Dracul = 블라드 2세,
    Hugh III, Duke of Burgundy), so the words before it are kept apart as well, for
    the matcher. ``James VI and I`` has two numbers. A number never stands first (I
    Sun-sin is the RR spelling of 이순신); a one-letter I, V or X only ends a name, before
    "of", "the", "and" or a title, without a period (``Vladimir V. Putin`` has an initial),
    after a word of two letters or more; XI is the surname Xi in a name written all in
    capitals. ``dotted`` holds the indices of tokens written with a period.
    """
    shouting = all(t.isupper() for t in tokens)
    for k in range(1, len(tokens)):
        n = _regnal_value(tokens, k, dotted, shouting)
        if not n:
            continue
        numbers = [n]
        j = k + 1
        while j + 1 < len(tokens) and tokens[j].lower() == "and":
            m = _regnal_value(tokens, j + 1, dotted, shouting)
            if not m:
                break
            numbers.append(m)
            j += 2
        return tokens[:k] + tokens[j:], tuple(numbers), " ".join(tokens[:k])
    return tokens, (), ""


def _regnal_value(tokens: list[str], k: int, dotted: frozenset[int], shouting: bool) -> int:
    tok = tokens[k]
    m = _HANGUL_REGNAL.fullmatch(tok)
    if m is not None:
        return int(m.group(1))
    if not tok or not _ROMAN.fullmatch(tok) or (tok == "XI" and shouting):
        return 0
    if len(tok) == 1:
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        if k in dotted or len(tokens[k - 1]) < 2:
            return 0
        if after and after.lower() not in ("of", "the", "and") and not _is_title(after):
            return 0
    return _roman_value(tok)


# Ranks of nobility, royalty and the church that Hangul labels write between a domain and
# the name (덴마크 왕자 헨리크 Prince Henrik of Denmark, 작센 선제후 에른스트 Ernest, Elector
# of Saxony), besides those of _TITLES_KO; whole words only (부인 ends other words), so
# they are no cue in running text. Not 공 (duke), which is also the surname 孔 (공 유).
_RANKS_KO = frozenset(
    {
        "왕비", "왕세자", "황태자", "태자", "선제후", "총대주교", "대주교", "주교", "추기경",
        "여공작", "여백작", "변경백", "부군", "부인", "대군", "준남작", "자작", "여자작",
        "여후작",
    }
) | frozenset(_TITLES_KO)
# A Korean ordinal of a title's holder (제8대 스펜서 백작, the 8th Earl Spencer).
_KO_ORDINAL = re.compile(r"제[0-9]+대")


# What a comma after a name may start instead of a given name: an ordinal, a generation
# suffix or a title (Frederick Pollock, 1st Baronet; John Spencer, 8th Earl Spencer; Ernest,
# Elector of Saxony; Sam Merwin, Jr.), unlike the family-first "Putin, Vladimir".
_TITLE_AFTER_COMMA = re.compile(
    r"(?i)\s*(?:[0-9]+(?:st|nd|rd|th)\b|(?:jr|sr|junior|senior)\b|(?:the\s+)?"
    r"(?:duke|duchess|earl|count|countess|comte|comtesse|duc|duchesse|marquis|marquise|"
    r"marquess|viscount|viscountess|baron|baroness|baronet|prince|princess|king|queen|"
    r"emperor|empress|elector|electress|archduke|archduchess|margrave|landgrave|bishop|"
    r"archbishop|cardinal|pope|sultan|emir|khan|shah|lord|lady|sir|dame|holy|grand)\b)"
)


def _title_after_comma(name: str) -> bool:
    """Whether a comma in the name starts a title, not a family-first given name."""
    _, comma, tail = name.partition(",")
    return bool(comma) and _TITLE_AFTER_COMMA.match(tail) is not None


def _is_title(tok: str) -> bool:
    low = tok.lower().rstrip(".")
    if low in _TITLES_EN or _ORDINAL.fullmatch(tok) or _KO_ORDINAL.fullmatch(tok):
        return True
    if tok in _TITLES_HAN:
        return True
    return bool(all(_is_hangul(c) for c in tok) and tok in _RANKS_KO)


def _headline_cut(tokens: list[str]) -> list[str]:
    """A name without a headline's one-character country before it, nor a country before a
    final title (北 김정은 -> 김정은; 시진핑 중국 국가주석 -> 시진핑 국가주석)."""
    if len(tokens) > 1 and tokens[0] in _HEADLINE_PREFIXES and any(
        _is_hangul(c) for c in tokens[1]
    ):
        tokens = tokens[1:]
    if len(tokens) > 2 and tokens[-2] in _COUNTRIES_KO and _is_title(tokens[-1]):
        tokens = [*tokens[:-2], tokens[-1]]
    return tokens


def _after_korean_rank(tokens: list[str]) -> list[str]:
    """A Hangul label's words after a rank that stands between a domain and the name.

    ``오스트리아 대공 카를 루트비히`` is Archduke Karl Ludwig of Austria: the words before the
    rank name the domain, not the person. A rank first or last is only dropped (by
    :func:`_is_title`); one in the middle drops the domain too, so does a run of ranks
    (아가일 공작 부인 루이즈, Louise, Duchess of Argyll).
    """
    if len(tokens) < 3 or not all(_is_hangul(c) for t in tokens for c in t if c.isalpha()):
        return tokens
    last = max((k for k, t in enumerate(tokens[:-1]) if k > 0 and t in _RANKS_KO), default=0)
    return tokens[last + 1 :] if last else tokens


# Korean titles a name may stand before in running text (not the bare prefixes 전 and 前,
# nor the one-syllable 군, 양, 님, which are common word endings).
_KO_TITLE_START = re.compile(
    f"(?:{_alternation(t for t in _TITLES_KO if t not in ('전', '前', '군', '양', '님'))})"
)
