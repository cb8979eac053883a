"""Numbers as news writes them: digits with separators, scale words, CJK scale characters.

``number_values`` is the aligner's and dedup's language-independent anchor ("3,000", "3천"
and "3千" are one value); ``number_spans`` gives the facts extractor each number's place.

Korean, Chinese and Japanese glue digits to the words around them (``2023年10月5日``,
``3000万元``, ``북한군3천명``): a digit group counts as a number unless a Latin letter, a
digit or a decimal point touches it, so ``A380`` or ``COVID19`` stay names. Chinese and
Japanese numerals written in characters (``三千名``, ``十二月``, ``两架``) count when a
counter or a scale character follows them, so that words that merely contain a numeral
character (``一些`` some, ``万一`` in case, ``统一`` unify) do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["number_spans", "number_values", "parse_number"]

_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "bn": 1e9, "mn": 1e6,
}  # fmt: skip
# Scale characters after digits: Korean syllables, Chinese (simplified and traditional)
# and Japanese characters; 万 = 萬 = 만 = 10^4.
_CJK_SCALES = {
    "십": 10, "백": 100, "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12,
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1e3, "仟": 1e3, "万": 1e4, "萬": 1e4,
    "亿": 1e8, "億": 1e8, "兆": 1e12,
}  # fmt: skip
_HAN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
# What may follow a number written in Chinese or Japanese numerals: counters, units and
# calendar words (名 people, 架 aircraft, 年 year, 月 month, 日 day, 岁 years of age ...);
# not 分 点 起 时 部 团 连, which also end common words (十分 very, 一点 a little, 一起
# together, 一时 for a while). A lone 一 before a counter is mostly the article "a" (一个,
# 一种, 一名), which English does not write as a number: it is not counted.
_HAN_COUNTERS = (
    "个個名人位次回枚架艘辆輛台臺件条條项項座家所栋棟层層岁歲年月日号號天周週秒"
    "倍米里元円圆圓美镑鎊欧歐韩韓吨噸公千斤克种種例处處颗顆发發轮輪师師"
    "营營国國届屆期章节節"
)
_SCALE_CLASS = "".join(_CJK_SCALES)
_DIGIT_CLASS = "".join(_HAN_DIGITS)
# No Latin letter, digit, underscore or decimal point right before a digit group; CJK may.
_LATIN_BEFORE = r"(?<![0-9A-Za-z_.\u00c0-\u024f])"
# A digit group (1,500 / 12.3 / 3000), optionally followed by an English scale word.
_NUM = re.compile(
    _LATIN_BEFORE + r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(thousand|million|billion|trillion|bn|mn)\b)?",
    re.IGNORECASE,
)
# Numerals written with digits and scale characters: 1만, 1억1천만, 12조3천억, 2,326억, 3000万.
# Korean spacing puts a space after each of the large scales (1만 900명 is 10,900, 1억 2천만
# 달러 120 million); a number after such a space that a date or time word follows is a
# number of its own (인구 5만 2020년: 50,000, then the year).
_LARGE_SCALES = "만억조万萬億亿兆"
_KO_NUM = re.compile(
    _LATIN_BEFORE + rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?[{_SCALE_CLASS}]+"
    rf"(?:(?:(?<=[{_LARGE_SCALES}]) )?\d+(?:\.\d+)?[{_SCALE_CLASS}]+)*"
    rf"(?:(?:(?<=[{_LARGE_SCALES}]) (?=\d+(?![\d.])\s*(?![년월일시분초]|개월)))?\d+(?![\d.]))?"
)
# A currency sign with a short scale: $5m, £2.5bn, €300k (5m alone may be five metres).
_MONEY_SHORT = re.compile(r"[$£€¥₩]\s?(\d+(?:\.\d+)?)\s?(bn|mn|m|k|b)\b", re.IGNORECASE)
_SHORT_SCALES = {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}
# 조 is a trillion before a currency or more digits (220조원, 12조3천억) but an article
# number alone (헌법 9조, Article 9).
_TRILLION_AFTER = ("원", "달러", "위안", "엔", "유로", "파운드", "루블", "규모", "여원")
_KO_TOKEN = re.compile(rf"\d[\d,]*(?:\.\d+)?|[{_SCALE_CLASS}]")
# Chinese / Japanese numerals: 三千, 十二, 两百五十, 一万二千; a counter or scale must follow;
# not weekdays (周三, 星期三, 礼拜三) nor ordinals (第三, as English "third" is no number).
_HAN_NUM = re.compile(
    rf"(?<![{_DIGIT_CLASS}{_SCALE_CLASS}周週期拜第])"
    rf"([{_DIGIT_CLASS}十][{_DIGIT_CLASS}{_SCALE_CLASS}]*)(?=[{_HAN_COUNTERS}])"
)
_PERCENT_HAN = re.compile(rf"百分之([{_DIGIT_CLASS}{_SCALE_CLASS}点點]+)")
_COMPOUND = rf"({'|'.join(_TENS)})[\s-]({'|'.join(_UNITS)})\b"  # twenty-five
_SINGLE = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_WORD_NUM = re.compile(
    rf"\b(?:{_COMPOUND}|({_SINGLE}))(?:[\s-]+(thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
# The same words for lower-cased text: matching case-sensitively is three times faster.
_WORD_NUM_LOWER = re.compile(_WORD_NUM.pattern)
_DIGIT = re.compile(r"\d")
_HAN_ANY = re.compile(rf"[{_DIGIT_CLASS}十]")
_UNIT_VALUES = {w: k + 1 for k, w in enumerate(_UNITS)}


def parse_number(token: str) -> float | None:
    """Parse one number as written in news: ``"1,500"``, ``"1.5 million"``, ``"1억1천만"``,
    ``"3000万"``, ``"三千"``, ``"twenty-five"``.

    Returns ``None`` when ``token`` is not a number.

    Example:
        >>> parse_number("1억1천만")
        110000000.0
        >>> parse_number("2.5 billion")
        2500000000.0
        >>> parse_number("两百五十")
        250.0
    """
    token = token.strip()
    if _KO_NUM.fullmatch(token):
        return _parse_scaled(token)
    m = _NUM.fullmatch(token)
    if m:
        return _digit_value(m)
    w = _WORD_NUM.fullmatch(token)
    if w:
        return _word_value(w, lower=False)
    if token and all(c in _HAN_DIGITS or c in _CJK_SCALES for c in token) and _HAN_ANY.match(token):
        return _parse_han(token)
    return None


def _parse_scaled(token: str) -> float:
    """Digits with scale characters: 1억1천만, 12조3천억, 2,326억, 3000万."""
    return _sum_scaled((_CJK_SCALES.get(tok), tok) for tok in _KO_TOKEN.findall(token))


def _parse_han(token: str) -> float:
    """Chinese numerals: 三千 3000, 十二 12, 两百五十 250, 一万二千 12000, 二〇二三 2023."""
    if all(c in _HAN_DIGITS for c in token) and len(token) > 1:
        return float("".join(str(_HAN_DIGITS[c]) for c in token))  # digit by digit: years
    return _sum_scaled((_CJK_SCALES.get(c), str(_HAN_DIGITS.get(c, 0))) for c in token)


def _sum_scaled(tokens: Iterable[tuple[float | None, str]]) -> float:
    # 1억1천만 = 1*10^8 + (1*10^3)*10^4: the small scales (십 백 천) build a section that
    # the next large scale (만 억 조) multiplies. Each token is (its scale, or None for a
    # number, and its digits).
    total = section = current = 0.0
    for unit, digits in tokens:
        if unit is None:
            current = float(digits.replace(",", ""))
        elif unit < 1e4:
            section += (current or 1.0) * unit
            current = 0.0
        else:
            total += ((section + current) or 1.0) * unit
            section = current = 0.0
    return total + section + current


def _digit_value(m: re.Match[str]) -> float:
    value = float(m.group(1).replace(",", ""))
    if m.group(2):
        value *= _SCALES[m.group(2).lower()]
    return value


def _word_value(m: re.Match[str], *, lower: bool) -> float:
    """The value of a number-word match (``lower``: the text was lower-cased already)."""
    tens, unit, word, scale = m.groups()
    if tens:
        value = float(_WORD_NUMBERS[tens if lower else tens.lower()])
        value += _UNIT_VALUES[unit if lower else unit.lower()]
    else:
        value = float(_WORD_NUMBERS[word if lower else word.lower()])
    if scale:
        value *= _SCALES[scale if lower else scale.lower()]
    return value


def _cjk_and_digit_spans(text: str) -> list[tuple[int, int, float]]:
    """Digit groups, digits with scale characters, and Chinese / Japanese numerals."""
    spans: list[tuple[int, int, float]] = []
    if _DIGIT.search(text):  # the digit patterns need one: most sentences have none
        for m in _MONEY_SHORT.finditer(text):  # the sign stays outside: it is the unit
            value = float(m.group(1)) * _SHORT_SCALES[m.group(2).lower()]
            spans.append((m.start(1), m.end(), value))
        for m in _KO_NUM.finditer(text):
            token, end = m.group(), m.end()
            if token.endswith("조") and not text[end:].lstrip().startswith(_TRILLION_AFTER):
                token, end = token[:-1], end - 1  # 헌법 9조: Article 9
            if not any(m.start() < b and a < end for a, b, _ in spans):
                spans.append((m.start(), end, _parse_scaled(token)))
        for m in _NUM.finditer(text):
            if not any(m.start() < b and a < m.end() for a, b, _ in spans):
                spans.append((m.start(), m.end(), _digit_value(m)))
    if _HAN_ANY.search(text):
        for m in _PERCENT_HAN.finditer(text):
            percent = parse_number(m.group(1))
            if percent is not None:
                spans.append((m.start(), m.end(), percent))
        for m in _HAN_NUM.finditer(text):
            if m.group(1) != "一" and not any(m.start() < b and a < m.end() for a, b, _ in spans):
                spans.append((m.start(), m.end(), _parse_han(m.group(1))))
    return spans


def number_values(text: str) -> frozenset[float]:
    """Every number in ``text`` as a float, years and ordinals included.

    Digits with thousands separators, decimals, English scale words ("1.5 million"),
    number words ("three thousand", "twenty-five"), Korean and Chinese scale characters
    ("1만", "3천", "3000万") and Chinese numerals before a counter ("三千名") are understood.

    Example:
        >>> sorted(number_values("over 3,000 troops, 10,000 by December"))
        [3000.0, 10000.0]
        >>> sorted(number_values("북한군 3천명, 12월까지 1만명"))
        [12.0, 3000.0, 10000.0]
        >>> sorted(number_values("2023年10月5日，共有三千名士兵"))
        [5.0, 10.0, 2023.0, 3000.0]
    """
    values = {v for _, _, v in _cjk_and_digit_spans(text)}
    for m in _WORD_NUM_LOWER.finditer(text.lower()):
        values.add(_word_value(m, lower=True))
    return frozenset(values)


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """Every number of ``text`` as ``(start, end, value)``, sorted by position.

    Unlike :func:`number_values`, a number word inside a digit span is not counted twice.

    Example:
        >>> number_spans("3,000 troops and 1만 more")
        [(0, 5, 3000.0), (17, 19, 10000.0)]
    """
    spans = _cjk_and_digit_spans(text)
    for m in _WORD_NUM.finditer(text):
        if not any(m.start() < b and a < m.end() for a, b, _ in spans):
            spans.append((m.start(), m.end(), _word_value(m, lower=False)))
    return sorted(spans)
