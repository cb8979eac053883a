"""The event a record reports, as far as its lead tells: the days it names, the counts it gives.

Two articles alike in every sentence may report two occurrences of one kind of event (the
launch of the 4th and the launch of the 9th). The days an article's lead names, resolved
against its publication ``date`` ("on Tuesday", "the 23rd", "23일", "Oct. 23"), tell them
apart; :func:`event_dates` finds them and :func:`dates_conflict` says when two records'
days cannot be the same event (each names a day, and no day of one is within a day of a
day of the other).

A date is kept as ``(year, month, day)``, any part ``None`` when the text and the record's
date leave it open: "the 23rd" in a record without a date is ``(None, None, 23)``, which
agrees with any 22nd to 24th.

The counts of the lead (:func:`key_counts`: "3,000 troops", "탄도미사일 1발", "two missiles")
are a second test (:func:`counts_conflict`): two reports of one event that count the same
thing give the same number. :class:`EventFacts` holds all of it for one record, and
:func:`fact_conflicts` names every conflict between two.

Public names (of this module): :data:`EventDate`, :data:`KeyCount`, :class:`EventFacts`,
:func:`event_facts`, :func:`event_dates`, :func:`key_counts`, :func:`parse_day`,
:func:`dates_agree`, :func:`dates_conflict`, :func:`counts_conflict`, :func:`fact_conflicts`,
:func:`format_date`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..facts import extract_facts
from ..facts.dates import find_dates
from ..facts.records import FactKind

__all__ = [
    "EventDate",
    "EventFacts",
    "KeyCount",
    "counts_conflict",
    "dates_agree",
    "dates_conflict",
    "event_dates",
    "event_facts",
    "fact_conflicts",
    "format_date",
    "key_counts",
    "parse_day",
]

#: ``(year, month, day)``; a part the text leaves open is ``None`` (the day never is).
EventDate = tuple[int | None, int | None, int]
#: ``(unit, role, value)`` of a count: ``("troops", "", 3000.0)``.
KeyCount = tuple[str, str, float]

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# A day of the month ahead of the record's date is read as this month's only this close
# (a report names the coming days of a plan); further ahead it is last month's.
_AHEAD_DAYS = 3
_FUTURE = re.compile(r"(?:오는|다음\s*달|next|coming|upcoming|until|through)\s*\S*\s*$", re.I)
# a sentence about plans: a weekday it names may lie ahead of the record's date
_PLAN = re.compile(
    r"\b(?:will|plans?|planned|planning|expected|scheduled|as early as|next|coming|upcoming)\b"
    r"|예정|계획|오는",
    re.I,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_QUANTITY: tuple[FactKind, ...] = ("quantity",)
_RELATIVE = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
# a span of time ("three years ago", "within 24 hours") or a share is not a count of things
_NOT_COUNTS = frozenset(
    {"%", "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
     "minutes", "minute", "seconds", "second", "times", "time"}
)  # fmt: skip


def parse_day(date: str | None) -> dt.date | None:
    """The day of an ISO ``YYYY-MM-DD`` date (any time after it ignored), else ``None``.

    Example:
        >>> parse_day("2022-10-04T09:00:00Z"), parse_day("October"), parse_day(None)
        (datetime.date(2022, 10, 4), None, None)
    """
    m = _ISO_DATE.match(date or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(value: str, before: str, sentence: str, ref: dt.date | None) -> list[EventDate]:
    """The days one date fact may mean (two for a weekday in a sentence about plans)."""
    kind, _, rest = value.partition(" ")
    if kind == "date":
        md, _, year_s = rest.partition(" ")
        month, day = (int(x) for x in md.split("-"))
        if year_s:
            return [(int(year_s), month, day)] if _valid(int(year_s), month, day) else []
        if ref is None:
            return [(None, month, day)]
        # the year that puts the date nearest the record's own
        near = sorted(
            (d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _valid(y, month, day))),
            key=lambda d: (abs((d - ref).days), d),
        )
        return [(d.year, d.month, d.day) for d in near[:1]]
    if kind == "day":
        if "-" in rest:
            return []  # a range names a span, not the day of an event
        day = int(rest)
        if ref is None:
            return [(None, None, day)]
        # the nearest such day of last, this or next month, not further ahead than a few
        # days; the next one when the text says it is coming ("오는 23일", "next")
        coming = _FUTURE.search(before) is not None
        near = sorted(
            (d for delta in (-1, 0, 1)
             if (d := _valid(*_shift_month(ref.year, ref.month, delta), day))
             and (d >= ref if coming else (d - ref).days <= _AHEAD_DAYS)),
            key=lambda d: (abs((d - ref).days), d),
        )  # fmt: skip
        return [(d.year, d.month, d.day) for d in near[:1]]
    if ref is None:
        return []
    if kind == "weekday":
        back = (ref.weekday() - _WEEKDAYS.index(rest)) % 7
        days = [ref - dt.timedelta(days=back)]
        if back and _PLAN.search(sentence):
            days.append(ref + dt.timedelta(days=7 - back))
        return [(d.year, d.month, d.day) for d in days]
    if kind == "relative" and rest in _RELATIVE:
        d = ref + dt.timedelta(days=_RELATIVE[rest])
        return [(d.year, d.month, d.day)]
    return []


def event_dates(
    sentences: Sequence[str], date: str | None, *, lead: int = 5
) -> tuple[EventDate, ...]:
    """The days the first ``lead`` sentences name, resolved against the record's ``date``.

    Without a date in those sentences the record's own day stands for its event (a follow-up
    that names no day is about its own day's news); without either, nothing.

    Example:
        >>> event_dates(["North Korea fired a missile on Tuesday.", "It fell at sea."],
        ...             "2019-08-08")
        ((2019, 8, 6),)
        >>> event_dates(["북한이 3일 탄도미사일 1발을 발사했습니다."], "2016-08-03")
        ((2016, 8, 3),)
        >>> event_dates(["Talks resume on the 23rd."], None)
        ((None, None, 23),)
    """
    ref = parse_day(date)
    found: list[EventDate] = []
    for k, sent in enumerate(sentences[:lead]):
        for fact in find_dates(sent, k):
            for got in _resolve(fact.value, sent[: fact.start], sent, ref):
                if got not in found:
                    found.append(got)
    if not found and ref is not None:
        found.append((ref.year, ref.month, ref.day))
    return tuple(sorted(found, key=lambda d: (d[0] or 0, d[1] or 0, d[2])))


def dates_agree(a: EventDate, b: EventDate, tolerance: int = 1) -> bool:
    """Whether two event dates may be one day, within ``tolerance`` days (time zones).

    Parts left open match anything; a day-of-month alone is compared on the month's circle.

    Example:
        >>> dates_agree((2022, 10, 4), (2022, 10, 5)), dates_agree((2022, 10, 4), (2022, 10, 9))
        (True, False)
        >>> dates_agree((None, None, 31), (2023, 1, 1)), dates_agree((None, 10, 4), (2021, 10, 4))
        (True, True)
    """
    ya, ma, da = a
    yb, mb, db = b
    if ya is not None and ma is not None and yb is not None and mb is not None:
        return abs((dt.date(ya, ma, da) - dt.date(yb, mb, db)).days) <= tolerance
    if ma is not None and mb is not None:
        # month and day known on both sides, a year on at most one: compare in a leap year
        x, y = _valid(2000, ma, da), _valid(2000, mb, db)
        if x is not None and y is not None:
            gap = abs((x - y).days)
            return min(gap, 366 - gap) <= tolerance
    gap = abs(da - db)
    return min(gap, 31 - gap) <= tolerance


def dates_conflict(a: Sequence[EventDate], b: Sequence[EventDate], tolerance: int = 1) -> bool:
    """Whether two records name days and none of one agrees with any of the other.

    Example:
        >>> dates_conflict([(2022, 10, 4)], [(2022, 10, 9)])
        True
        >>> dates_conflict([(2022, 10, 4), (2022, 9, 25)], [(2022, 10, 5)]), dates_conflict([], [])
        (False, False)
    """
    if not a or not b:
        return False
    return not any(dates_agree(x, y, tolerance) for x in a for y in b)


def format_date(d: EventDate) -> str:
    """``2022-10-04``, ``10-04`` (no year) or ``day 4`` (a day of the month alone).

    Example:
        >>> format_date((2022, 10, 4)), format_date((None, 10, 4)), format_date((None, None, 4))
        ('2022-10-04', '10-04', 'day 4')
    """
    year, month, day = d
    if month is None:
        return f"day {day}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"{month:02d}-{day:02d}"


def key_counts(sentences: Sequence[str], *, lead: int = 5) -> tuple[KeyCount, ...]:
    """The counts of things the first ``lead`` sentences give: ``(unit, role, value)``.

    Only quantities with a unit (``troops``, ``missiles``, ``rounds``...) count; a bare
    number has no thing to compare. Spans of time and percentages are left out.

    Example:
        >>> key_counts(["Over 3,000 North Korean troops moved, and two missiles fell."])
        (('missiles', '', 2.0), ('troops', '', 3000.0))
    """
    found: set[KeyCount] = set()
    for sent in sentences[:lead]:
        for f in extract_facts(sent, kinds=_QUANTITY):
            if f.unit and f.unit not in _NOT_COUNTS and f.number is not None:
                found.add((f.unit, f.role or "", f.number))
    return tuple(sorted(found))


def counts_conflict(a: Sequence[KeyCount], b: Sequence[KeyCount]) -> list[str]:
    """Units both leads count, with no number in common: ``"troops: 3,000 vs 10,900"``.

    Example:
        >>> counts_conflict([("troops", "", 3000.0)], [("troops", "", 10900.0)])
        ['troops: 3,000 vs 10,900']
        >>> counts_conflict([("troops", "", 3000.0), ("troops", "", 10900.0)],
        ...                 [("troops", "", 10900.0)])
        []
    """
    out = []
    for key in sorted({(u, r) for u, r, _ in a} & {(u, r) for u, r, _ in b}):
        va = sorted(v for u, r, v in a if (u, r) == key)
        vb = sorted(v for u, r, v in b if (u, r) == key)
        if not set(va) & set(vb):
            name = key[0] + (f" ({key[1]})" if key[1] else "")
            out.append(f"{name}: {'/'.join(f'{v:,g}' for v in va)} vs "
                       f"{'/'.join(f'{v:,g}' for v in vb)}")  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What the lead of one record says about its event.

    Attributes:
        days: :func:`event_dates` resolved against the record's date, with that date itself.
        text_days: the days the text names by itself (:func:`event_dates` without a date):
            what a copy re-run on another day still shares.
        counts: :func:`key_counts`.
    """

    days: tuple[EventDate, ...] = ()
    text_days: tuple[EventDate, ...] = ()
    counts: tuple[KeyCount, ...] = ()


def event_facts(sentences: Sequence[str], date: str | None, *, lead: int = 5) -> EventFacts:
    """The :class:`EventFacts` of a record from its sentences and its ``date``.

    Example:
        >>> ev = event_facts(["North Korea fired two missiles on Tuesday."], "2019-08-08")
        >>> ev.days, ev.text_days, ev.counts
        (((2019, 8, 6), (2019, 8, 8)), (), (('missiles', '', 2.0),))
    """
    days = list(event_dates(sentences, date, lead=lead))
    ref = parse_day(date)
    if ref is not None and (own := (ref.year, ref.month, ref.day)) not in days:
        days.append(own)
    return EventFacts(
        days=tuple(sorted(days, key=lambda d: (d[0] or 0, d[1] or 0, d[2]))),
        text_days=event_dates(sentences, None, lead=lead),
        counts=key_counts(sentences, lead=lead),
    )


def fact_conflicts(a: EventFacts, b: EventFacts, *, tolerance: int = 1) -> list[str]:
    """Why two records cannot report one event: their days, or the counts of their leads.

    Example:
        >>> fact_conflicts(EventFacts(days=((2022, 10, 4),)), EventFacts(days=((2022, 10, 9),)))
        ['dates: 2022-10-04 vs 2022-10-09']
    """
    out = []
    if dates_conflict(a.days, b.days, tolerance):
        out.append(f"dates: {'/'.join(map(format_date, a.days))} vs "
                   f"{'/'.join(map(format_date, b.days))}")  # fmt: skip
    out += counts_conflict(a.counts, b.counts)
    return out
