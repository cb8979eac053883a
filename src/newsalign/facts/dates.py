"""Date facts: days, months, weekdays, times and years, in English, Korean, Chinese and Japanese.

:func:`find_dates` tries its patterns in order (the most specific first: a range, a month
and day, then a month alone...) and keeps the first match over any span. Each fact's value
names its slot (``"day 23"``, ``"month 12"``, ``"weekday wednesday"``), which
:func:`date_slot` reads back for :mod:`.compare`.

A full date keeps its year in its value (``"date 10-05 2023"`` for *October 5, 2023*,
*2023년 10월 5일* and *2023年10月5日* alike); :func:`same_date` lets such a value agree with
the same day written without its year.

Public names (of this module): :func:`find_dates`, :func:`date_slot`, :func:`same_date`.
"""

from __future__ import annotations

import re

from ..text import MONTHS
from .records import Fact
from .surface import overlaps, squash

__all__ = ["date_slot", "find_dates", "same_date"]


_MONTH_RE = "(?:" + "|".join(
    sorted((m.capitalize() + (r"\.?" if len(m) <= 4 and m != "may" else "") for m in MONTHS),
           key=len, reverse=True)
) + ")"  # fmt: skip
_PREP = (
    r"(?:(?P<prep>[Oo]n|[Ii]n|[Bb]y|[Uu]ntil|[Tt]ill|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter"
    r"|[Aa]round|[Ee]arly|[Ll]ate|[Mm]id|[Tt]hrough|[Dd]uring|[Ee]nd\s+of)[\s-]+(?:the\s+)?)?"
)
_ORD = r"(?:st|nd|rd|th)"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("range", re.compile(
        rf"\b(?P<prep>[Bb]etween|[Ff]rom)\s+(?:the\s+)?(?P<a>\d{{1,2}}){_ORD}\s+(?:and|to|-)\s+"
        rf"(?:the\s+)?(?P<b>\d{{1,2}}){_ORD}\b")),
    ("monthday", re.compile(
        rf"{_PREP}\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:{_ORD})?\b"
        rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("daymonth", re.compile(
        rf"{_PREP}\b(?P<day>\d{{1,2}})(?:{_ORD})?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\b"
        rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("month", re.compile(
        rf"{_PREP}\b(?P<month>{_MONTH_RE})(?![\w])(?:\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("weekday", re.compile(
        r"(?:(?P<prep>[Oo]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ll]ast|[Nn]ext|[Tt]his)\s+)?"
        r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("day", re.compile(
        r"(?:(?P<prep>[Oo]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter)\s+)?"
        rf"\bthe\s+(?P<day>[12]?\d|3[01]){_ORD}\b"
        r"(?!\s+(?:[A-Z]|century|anniversary|time|floor|round|straight|consecutive|largest"
        r"|biggest|most|person|place|day|week|month|year|minute|hour|amendment|grade))")),
    ("year_end", re.compile(
        r"(?:(?P<prep>[Bb]y|[Bb]efore|[Uu]ntil|[Aa]t)\s+)?\b(?:the\s+)?"
        r"(?:[Yy]ear[\u2019']s\s+[Ee]nd|[Ee]nd\s+of\s+(?:the\s+)?[Yy]ear|[Yy]ear-[Ee]nd)\b")),
    ("time", re.compile(
        r"(?:(?P<prep>[Aa]t|[Bb]y|[Uu]ntil|[Ss]ince|[Aa]round|[Aa]bout)\s+)?"
        r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)")),
    ("clock", re.compile(
        r"(?:(?P<prep>[Aa]t|[Bb]y|[Uu]ntil|[Ss]ince)\s+)?\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\b")),
    ("ko_full", re.compile(
        r"(?P<year>(?:19|20)\d\d)\s*[년年]\s*(?P<month>1[0-2]|0?[1-9])\s*[월月]\s*"
        r"(?P<day>[12]\d|3[01]|0?[1-9])\s*[일日](?P<post>까지|경|쯤|께|부터)?")),
    ("ko_yearmonth", re.compile(
        r"(?P<year>(?:19|20)\d\d)\s*[년年]\s*(?P<month>1[0-2]|0?[1-9])\s*[월月](?!\s*\d)"
        r"(?P<post>경|쯤|께|까지|말|초|중순|부터)?")),
    ("cjk_monthday", re.compile(
        r"(?<![\d.])(?P<month>1[0-2]|0?[1-9])月\s*(?P<day>[12]\d|3[01]|0?[1-9])[日号號]")),
    ("cjk_month", re.compile(r"(?<![\d.])(?P<month>1[0-2]|0?[1-9])月(?P<post>底|初|中旬)?")),
    ("cjk_day", re.compile(r"(?<![\d.月])(?P<day>[12]\d|3[01]|0?[1-9])日(?![本元])")),
    ("cjk_weekday", re.compile(r"(?:星期|礼拜|禮拜|周|週)(?P<weekday>[一二三四五六日天])")),
    ("ja_weekday", re.compile(r"(?P<weekday>[月火水木金土日])曜日?")),
    ("ko_monthday", re.compile(
        r"(?P<month>1[0-2]|[1-9])월\s*(?P<day>[12]?\d|3[01])일(?P<post>까지|경|쯤|께)?")),
    ("ko_month", re.compile(r"(?P<month>1[0-2]|[1-9])월(?P<post>경|쯤|께|까지|말|초|중순|부터)?")),
    ("ko_day", re.compile(r"(?<![\d.])(?P<day>[12]?\d|3[01])일(?P<post>까지|경|쯤|께|부터)?")),
    ("year", re.compile(
        r"(?:(?P<prep>[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter)\s+)?"
        r"(?<![0-9A-Za-z_.,$])(?P<year>(?:19|20)\d\d)(?:년|年)?(?![\w,.]\d|\s*%)")),
    ("relative", re.compile(
        r"\b(?P<rel>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+(?:week|month|year|night)"
        r"|[Nn]ext\s+(?:week|month|year)|[Tt]his\s+(?:week|month|year)|[Ee]arlier\s+this\s+(?:week|month|year))\b")),
)  # fmt: skip
# What a text must hold for each pattern to match at all, tested before the pattern runs
# (most sentences name no date, and the patterns with an optional preposition in front are
# slow to fail): a digit, a month name, or a literal every match contains. Each test is
# implied by its pattern, so skipping a pattern on it changes no result.
_HAS_DIGIT = re.compile(r"\d").search
_HAS_MONTH = re.compile(rf"\b{_MONTH_RE}").search
_NEEDS: dict[str, tuple[str, ...]] = {
    "range": ("digit",), "monthday": ("digit", "month"), "daymonth": ("digit", "month"),
    "month": ("month",), "weekday": ("day",), "day": ("digit", "the"), "year_end": ("ear",),
    "time": ("digit",), "clock": ("digit", ":"), "ko_monthday": ("digit", "월", "일"),
    "ko_month": ("digit", "월"), "ko_day": ("digit", "일"), "year": ("digit",), "relative": (),
    "ko_full": ("digit",), "ko_yearmonth": ("digit",), "cjk_monthday": ("digit", "月"),
    "cjk_month": ("digit", "月"), "cjk_day": ("digit",), "cjk_weekday": (), "ja_weekday": ("曜",),
}  # fmt: skip
_GATED: tuple[tuple[str, re.Pattern[str], bool, bool, tuple[str, ...]], ...] = tuple(
    (kind, pattern, "digit" in _NEEDS[kind], "month" in _NEEDS[kind],
     tuple(n for n in _NEEDS[kind] if n not in ("digit", "month")))
    for kind, pattern in _DATE_PATTERNS
)  # fmt: skip
_DATE_PREPS = {
    "on": None, "in": None, "during": None, "at": None, "by": "by", "until": "by", "till": "by",
    "through": "by", "since": "since", "from": "since", "before": "before", "after": "after",
    "around": "around", "about": "around", "early": "early", "late": "late", "mid": "mid",
    "end of": "late", "between": "between", "last": None, "next": None, "this": None,
    "까지": "by", "경": "around", "쯤": "around", "께": "around", "말": "late", "초": "early",
    "중순": "mid", "부터": "since", "底": "late", "初": "early", "中旬": "mid",
}  # fmt: skip
_CJK_WEEKDAYS = {
    "一": "monday", "二": "tuesday", "三": "wednesday", "四": "thursday", "五": "friday",
    "六": "saturday", "日": "sunday", "天": "sunday", "月": "monday", "火": "tuesday",
    "水": "wednesday", "木": "thursday", "金": "friday", "土": "saturday",
}  # fmt: skip


def find_dates(text: str, sentence: int | None) -> list[Fact]:
    """The date facts of ``text``, in text order; no two share a character.

    Args:
        text: one sentence.
        sentence: the sentence index to record on each fact.

    Example:
        >>> [(f.text, f.value, f.qualifier) for f in find_dates("Troops left by December.", 0)]
        [('by December', 'month 12', 'by')]
    """
    found: list[Fact] = []
    spans: list[tuple[int, int]] = []
    digit = _HAS_DIGIT(text) is not None
    month: bool | None = None  # looked for once, when a pattern first needs it
    for kind, pattern, needs_digit, needs_month, literals in _GATED:
        if needs_digit and not digit:
            continue
        if needs_month:
            if month is None:
                month = _HAS_MONTH(text) is not None
            if not month:
                continue
        if literals and not all(s in text for s in literals):
            continue
        for m in pattern.finditer(text):
            if overlaps(m.start(), m.end(), spans):
                continue
            value = _date_value(kind, m)
            if value is None:
                continue
            groups = m.groupdict()
            prep = groups.get("prep") or groups.get("post")
            if kind == "year_end":
                prep = groups.get("prep")
            qualifier = _DATE_PREPS.get(squash(prep)) if prep else None
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            found.append(Fact("date", text[start:end], start, end, value, sentence,
                              qualifier=qualifier))  # fmt: skip
            spans.append((start, end))
    return sorted(found, key=lambda f: f.start)


def _date_value(kind: str, m: re.Match[str]) -> str | None:
    g = m.groupdict()
    raw_month = g.get("month") or ""
    month = int(raw_month) if raw_month.isdigit() else MONTHS.get(raw_month.rstrip(".").lower())
    year = f" {g['year']}" if g.get("year") else ""
    if kind == "range":
        a, b = int(g["a"]), int(g["b"])
        return f"day {a}-{b}" if 1 <= a <= 31 and 1 <= b <= 31 else None
    if kind in ("monthday", "daymonth", "ko_monthday", "ko_full", "cjk_monthday"):
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        return f"date {month:02d}-{day:02d}{year}"
    if kind in ("month", "ko_month", "ko_yearmonth", "cjk_month"):
        if kind == "month" and g["month"] == "May" and m.start("month") == 0:
            return None  # "May I..." at the start of a sentence
        return f"month {month}{year}"
    if kind == "weekday":
        return f"weekday {g['weekday'].lower()}"
    if kind in ("cjk_weekday", "ja_weekday"):
        return f"weekday {_CJK_WEEKDAYS[g['weekday']]}"
    if kind in ("day", "ko_day", "cjk_day"):
        return f"day {int(g['day'])}"
    if kind == "year_end":
        return "month 12"
    if kind in ("time", "clock"):
        hour = int(g["hour"])
        ampm = (g.get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
        return f"time {hour:02d}:{g.get('minute') or '00'}"
    if kind == "year":
        return f"year {g['year']}"
    if kind == "relative":
        return "relative " + squash(g["rel"])
    return None  # pragma: no cover


def date_slot(fact: Fact) -> str:
    """The slot a date fact fills: ``"day"``, ``"month"``, ``"weekday"``, ``"time"``...

    Example:
        >>> date_slot(find_dates("On the 23rd.", 0)[0])
        'day'
    """
    return fact.value.split(" ", 1)[0]


def same_date(a: str, b: str) -> bool:
    """Whether two date values can name the same date: equal, or equal once the one that
    gives a year drops it (``"date 10-05"`` and ``"date 10-05 2023"``; ``"month 3"`` and
    ``"month 3 2024"``).

    Example:
        >>> same_date("date 10-05", "date 10-05 2023"), same_date("date 10-05", "date 10-06")
        (True, False)
    """
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    head, _, year = long_.rpartition(" ")
    return (
        head == short and len(year) == 4 and year.isdigit() and short.startswith(("date", "month"))
    )
