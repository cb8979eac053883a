"""Tests of topical dedup (issue 14): event facts, no chaining, bounded work, the VOA bars."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

import newsalign as na
from newsalign.deduplication import DedupParams, dedup
from newsalign.deduplication.events import (
    EventFacts,
    dates_agree,
    event_dates,
    event_facts,
    fact_conflicts,
    key_counts,
)

VOA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "voa_events"


# -- event facts --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "date", "want"),
    [
        # a weekday is the last one on or before the record's date
        ("North Korea fired a missile early Tuesday.", "2019-08-07", [(2019, 8, 6)]),
        ("The test came on Wednesday.", "2016-01-06", [(2016, 1, 6)]),
        # ... and in a sentence about plans, the next one too
        ("It plans to launch as early as Thursday.", "2012-04-09", [(2012, 4, 5), (2012, 4, 12)]),
        # a day of the month: this month, last month when it lies well ahead
        ("북한이 3일 탄도미사일을 발사했습니다.", "2016-08-03", [(2016, 8, 3)]),
        ("국무부는 31일 논평했습니다.", "2023-01-02", [(2022, 12, 31)]),
        ("31일(한반도 시각 1일) 발사했습니다.", "2022-12-31", [(2022, 12, 31), (2023, 1, 1)]),
        ("북한은 23일 미사일을 쐈다.", "2016-08-05", [(2016, 7, 23)]),
        ("훈련은 오는 23일부터 시작됩니다.", "2004-08-05", [(2004, 8, 23)]),
        ("내일(24일) 강평이 열립니다.", "2017-03-23", [(2017, 3, 24)]),
        # a month and day: the year nearest the record's date; a year given is kept
        ("The launch on Dec. 30 failed.", "2023-01-02", [(2022, 12, 30)]),
        ("On Oct. 4, 2022 a missile flew over Japan.", "2024-01-01", [(2022, 10, 4)]),
        # nothing dated: the record's own day
        ("Lawmakers condemned the launches.", "2022-10-05", [(2022, 10, 5)]),
    ],
)
def test_event_dates_resolve_against_the_record_date(
    sentence: str, date: str, want: list[tuple[int, int, int]]
) -> None:
    assert list(event_dates([sentence], date)) == want


def test_event_dates_without_a_record_date() -> None:
    assert event_dates(["Talks resume on the 23rd."], None) == ((None, None, 23),)
    assert event_dates(["Talks resume on Oct. 23."], None) == ((None, 10, 23),)
    assert event_dates(["Talks resume on Tuesday."], None) == ()  # nothing to resolve against
    assert dates_agree((None, None, 23), (2022, 10, 24))
    assert not dates_agree((None, 10, 23), (2021, 10, 26))
    assert dates_agree((2022, 12, 31), (2023, 1, 1))


def test_counts_and_conflicts() -> None:
    assert key_counts(["More than 3,000 North Korean troops moved within 24 hours."]) == (
        ("troops", "", 3000.0),
    )
    a = event_facts(["North Korea moved 3,000 troops on Monday."], "2024-10-21")
    b = event_facts(["North Korea moved 10,900 troops on Monday."], "2024-11-18")
    assert fact_conflicts(a, b) == [
        "dates: 2024-10-21 vs 2024-11-18",
        "troops: 3,000 vs 10,900",
    ]
    c = event_facts(["Officials said 3,000 troops moved on Monday."], "2024-10-22")
    assert fact_conflicts(a, c) == []
    assert fact_conflicts(EventFacts(), a) == []  # nothing to compare is no conflict


# -- clusters -----------------------------------------------------------------------------
BRIEF = [
    "North Korea fired two ballistic missiles into the East Sea on DAY.",
    "The Joint Chiefs of Staff said the missiles flew about 600 kilometers.",
    "South Korea and the United States strengthened their surveillance.",
    "Japan said the missiles fell outside its exclusive economic zone.",
    "Officials condemned the launch as a violation of UN resolutions.",
]


MONTHS = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()


def _launch(date: str, rid: str, missiles: str = "two", km: str = "600") -> dict[str, Any]:
    """A launch report dated ``date`` that names its day ("Oct. 3")."""
    month, day = (int(x) for x in date.split("-")[1:])
    named = f"{MONTHS[month - 1]} {day}"
    sents = [s.replace("two", missiles).replace("600", km).replace("DAY", named) for s in BRIEF]
    return {"id": rid, "text": " ".join(sents), "lang": "en", "date": date}


def test_another_launch_of_the_same_prose_is_another_event() -> None:
    """Two launches a week apart, written up alike (the same template, the day and the range
    changed), are never one cluster, not even near duplicates; the refusal names the dates."""
    recs = [_launch("2022-10-03", "a"), _launch("2022-10-10", "b", km="800")]
    res = dedup(recs, encoder="tfidf")
    assert [d.relation for d in res.decisions] == ["unique", "unique"]
    ev = res.decisions[1].evidence
    assert ev.match == "a" and any(c.startswith("dates:") for c in ev.conflicts)
    # without the veto the same prose would join them
    joined = dedup(recs, encoder="tfidf", params=DedupParams(fact_veto=False))
    assert joined.decisions[1].relation != "unique"


def test_a_record_joins_by_the_representative_never_by_a_chain() -> None:
    """b (no day named) matches a and c, a and c name days a week apart: c cannot join a's
    cluster through b, not even as a copy of b."""
    a = _launch("2022-10-03", "a")
    b = _launch("2022-10-04", "b", km="700")
    b["date"] = None  # b names no day: it agrees with both
    b["text"] = b["text"].replace(" on Oct. 4", "")
    c = _launch("2022-10-10", "c", km="800")
    res = dedup([a, b, c], encoder="tfidf")
    got = {d.id: (d.cluster, d.relation) for d in res.decisions}
    assert got["b"][0] == got["a"][0] and got["b"][1] == "near_duplicate"
    assert got["c"][0] != got["a"][0] and got["c"][1] == "unique"


def test_verified_pairs_are_bounded_by_k_per_record() -> None:
    """Fifty write-ups of one topic: each record is verified against at most k clusters."""
    recs = []
    for k in range(50):
        day = 1 + k % 28
        recs.append(_launch(f"2022-{1 + k // 28:02d}-{day:02d}", f"r{k}", km=str(300 + 10 * k)))
    for k_max in (1, 3):
        res = dedup(recs, encoder="tfidf", params=DedupParams(max_candidates=k_max))
        assert res.stats.verified <= k_max * len(recs)
        assert res.stats.aligned_pairs <= 2 * k_max * len(recs)  # lexical + by meaning


# -- the VOA corpus -----------------------------------------------------------------------
def _voa() -> list[dict[str, Any]]:
    path = VOA / "articles.jsonl"
    if not path.exists():
        pytest.skip("../shared/data/voa_events is not present")
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def test_voa_clusters_are_events(encoder: na.Encoder) -> None:
    """Issue 14's bars on 75 VOA articles (46 events in 5 topics), default settings."""
    arts = _voa()
    res = dedup([{k: a[k] for k in ("id", "text", "lang", "date")} for a in arts])
    by_id = {a["id"]: a for a in arts}
    dec = {d.id: d for d in res.decisions}
    assert [d.id for d in res.decisions] == [a["id"] for a in arts]  # every record, once
    tp = fp = gold = 0
    for a, b in itertools.combinations(arts, 2):
        same_event = a["event"] == b["event"]
        together = dec[a["id"]].cluster == dec[b["id"]].cluster
        gold += same_event
        tp += same_event and together
        fp += together and not same_event
    assert tp / (tp + fp) >= 0.95
    assert tp / gold >= 0.60
    for a in arts:
        if a.get("same_article_as"):
            one, two = dec[a["id"]], dec[a["same_article_as"]]
            assert one.cluster == two.cluster
            copy = one if arts.index(a) > arts.index(by_id[a["same_article_as"]]) else two
            assert copy.relation in ("exact", "near_duplicate")
    for p in res.pairs:
        if p.relation == "near_duplicate":
            assert by_id[p.left]["event"] == by_id[p.right]["event"]
