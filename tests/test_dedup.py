"""Tests of newsalign.deduplication: decisions, invariants, fast paths against brute force, Dask."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsalign as na
from newsalign.cli import main
from newsalign.deduplication import (
    DedupParams,
    PairEvidence,
    Record,
    UnionFind,
    decide_relation,
    dedup,
    exact_pairs,
    featurize,
    knn,
    normalize_text,
    run_in_process,
    signature,
    verify_pairs,
)

# Hand-written stories (not from any corpus); each sentence is distinct.
STORY_A = [
    "The central bank raised its key interest rate by a quarter point on Thursday.",
    "Inflation reached 4.1 percent in October, the highest level in a decade.",
    "Shares in Seoul fell 2 percent after the announcement was made public.",
    "The governor said further increases would depend on wage growth next year.",
    "Economists had expected the bank to wait until the spring before moving.",
    "Household debt has climbed to a record 1,900 trillion won, officials noted.",
]
STORY_B = [
    "Firefighters battled a blaze in an apartment tower for six hours on Sunday.",
    "Officials said 40 homes were destroyed and 300 residents were evacuated.",
    "Nobody was killed, but 12 people were treated for smoke inhalation.",
    "The cause of the fire is still under investigation by the city police.",
    "Residents said the alarm system had failed twice during the last month.",
]
STORY_C = [
    "The national football team qualified for the World Cup with a 2-0 win.",
    "Both goals came in the second half from substitutes who had just come on.",
    "The coach praised his players for staying calm under heavy pressure.",
    "Tickets for the next home match sold out within 40 minutes on Monday.",
]


def text(sents: list[str]) -> str:
    return " ".join(sents)


def near_copy(sents: list[str]) -> str:
    """Wire copy re-run elsewhere: changed lead, trimmed ending, an inserted quote."""
    out = list(sents)
    out[0] = "SEOUL (AP) -- " + out[0]
    out = out[:-1]
    out.insert(2, '"We are watching this very closely," a senior official told reporters.')
    return text(out)


def records(*texts: str) -> list[dict[str, Any]]:
    return [{"id": f"r{k}", "text": t} for k, t in enumerate(texts)]


NEAR = DedupParams(semantic=False)


# -- decisions ----------------------------------------------------------------------------
def test_exact_near_and_unique() -> None:
    recs = records(
        text(STORY_A),
        text(STORY_B),
        text(STORY_A).upper().replace(".", " ."),
        near_copy(STORY_A),
        text(STORY_C),
        near_copy(STORY_B),
    )
    res = dedup(recs, params=NEAR)
    got = [(d.id, d.cluster, d.relation, d.representative) for d in res.decisions]
    assert got == [
        ("r0", 0, "representative", "r0"),
        ("r1", 1, "representative", "r1"),
        ("r2", 0, "exact", "r0"),
        ("r3", 0, "near_duplicate", "r0"),
        ("r4", 2, "unique", "r4"),
        ("r5", 1, "near_duplicate", "r1"),
    ]
    ev = res.decisions[3].evidence
    assert ev.match == "r0" and ev.method == "lexical"
    # the copy keeps 5 of 6 sentences and adds a quote: 5 of its 6, 5 of the original's 6
    assert ev.share_left == pytest.approx(5 / 6, abs=1e-4)
    assert ev.share_right == pytest.approx(5 / 6, abs=1e-4)
    assert len(ev.links) == 5
    assert ev.jaccard is not None and 0.4 < ev.jaccard < 1.0
    assert [g.members for g in res.groups] == [("r0", "r2", "r3"), ("r1", "r5"), ("r4",)]


def test_evidence_links_point_from_the_record_to_its_match() -> None:
    res = dedup(records(text(STORY_B), near_copy(STORY_B)), params=NEAR)
    copy = res.decisions[1]
    left = na.Document.from_text(near_copy(STORY_B))
    right = na.Document.from_text(text(STORY_B))
    for link in copy.evidence.links:
        (i,), (j,) = link.left, link.right
        assert normalize_text(right[j].text) in normalize_text(left[i].text)


def test_threshold_is_the_near_duplicate_share() -> None:
    recs = records(text(STORY_A), text(STORY_A[:3]))  # a copy trimmed to half
    res = dedup(recs, params=DedupParams(semantic=False, min_share=0.6))
    assert res.decisions[1].relation == "unique"
    res = dedup(recs, params=DedupParams(semantic=False, min_share=0.5))
    assert res.decisions[1].relation == "near_duplicate"
    res = dedup(recs, threshold=1.0, params=DedupParams(semantic=False, min_share=0.5))
    assert res.decisions[1].relation == "near_duplicate"  # the copy side is fully aligned
    with pytest.raises(na.ConfigError, match="threshold must be in"):
        dedup(recs, threshold=1.5)


def test_ids_are_kept_as_given_and_jsonl_schema() -> None:
    recs = [{"id": 7, "text": text(STORY_A)}, {"id": "x", "text": text(STORY_A)}]
    res = dedup(recs, params=NEAR)
    lines = [json.loads(x) for x in res.to_jsonl().splitlines()]
    assert [x["id"] for x in lines] == [7, "x"]
    assert list(lines[1]) == ["id", "cluster", "relation", "representative", "evidence"]
    assert lines[1]["representative"] == 7
    assert lines[1]["evidence"]["match"] == 7
    assert lines[1]["relation"] in na.RELATIONS


def test_empty_text_and_empty_input() -> None:
    res = dedup([{"id": 1, "text": ""}, {"id": 2, "text": "  "}], params=NEAR)
    assert [d.relation for d in res.decisions] == ["unique", "unique"]
    assert dedup([], params=NEAR).decisions == ()


@pytest.mark.parametrize(
    ("rec", "message"),
    [
        ({"text": "a"}, "field 'id' is missing"),
        ({"id": 1}, "field 'text' is missing"),
        ({"id": [1], "text": "a"}, "field 'id' must be"),
        ({"id": 1, "text": 3}, "field 'text' must be a string"),
        ({"id": 1, "text": "a", "lang": 5}, "field 'lang' must be a string"),
    ],
)
def test_bad_records(rec: dict[str, Any], message: str) -> None:
    with pytest.raises(na.InputError, match=message):
        dedup([{"id": 0, "text": "fine"}, rec], params=NEAR)


def test_repeated_id_is_an_error() -> None:
    with pytest.raises(na.InputError, match="record 1: field 'id' repeats"):
        dedup([{"id": 0, "text": "a"}, {"id": 0, "text": "b"}], params=NEAR)


# -- invariants ---------------------------------------------------------------------------
SENTENCES = STORY_A + STORY_B + STORY_C


@st.composite
def corpora(draw: Any) -> list[dict[str, Any]]:
    n = draw(st.integers(0, 12))
    docs: list[list[str]] = []
    for _ in range(n):
        if docs and draw(st.booleans()):
            base = list(draw(st.sampled_from(docs)))
            drop = draw(st.integers(0, max(0, len(base) - 2)))
            docs.append(base[: len(base) - drop])
        else:
            docs.append(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6)))
    return [{"id": k, "text": text(d)} for k, d in enumerate(docs)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_groups_partition_the_input(recs: list[dict[str, Any]]) -> None:
    res = dedup(recs, params=NEAR)
    ids = [r["id"] for r in recs]
    assert [d.id for d in res.decisions] == ids
    members = [m for g in res.groups for m in g.members]
    assert sorted(members) == sorted(ids) and len(members) == len(set(members))
    for g in res.groups:
        assert g.representative == g.members[0]
        for m in g.members:
            d = res.decisions[ids.index(m)]
            assert d.cluster == g.cluster and d.representative == g.representative
        relations = [res.decisions[ids.index(m)].relation for m in g.members]
        if len(g.members) == 1:
            assert relations == ["unique"]
        else:
            assert relations[0] == "representative"
            assert all(r in ("exact", "near_duplicate") for r in relations[1:])
    assert dedup(recs, params=NEAR) == res  # deterministic


# -- fast paths against brute force -------------------------------------------------------
def _components(n: int, edges: list[tuple[int, int]]) -> list[int]:
    uf = UnionFind(n)
    for a, b in edges:
        uf.union(a, b)
    return [uf.find(x) for x in range(n)]


def test_lsh_candidates_against_all_pairs() -> None:
    """LSH candidates find what verifying every record against every earlier representative
    finds (the reference keeps the pipeline's rule: the strongest relation, ties to the
    highest MinHash Jaccard estimate, then the earlier representative)."""
    rng = random.Random(3)
    docs: list[str] = []
    for _ in range(40):
        if docs and rng.random() < 0.4:
            sents = na.Document.from_text(rng.choice(docs)).texts
            keep = [s for s in sents if rng.random() < 0.9] or list(sents)
            docs.append(" ".join(keep))
        else:
            docs.append(" ".join(rng.sample(SENTENCES, 5)))
    recs = records(*docs)
    res = dedup(recs, params=NEAR)
    feats = featurize([Record(r["id"], r["text"], None, None) for r in recs], 0, NEAR)
    exact, _ = exact_pairs(feats)
    original = {b: a for a, b in exact}
    leader = list(range(len(docs)))
    for r in range(len(docs)):
        if r in original:
            leader[r] = leader[original[r]]
            continue
        joined = []
        for rep in sorted({leader[x] for x in range(r)}):
            job = (rep, r, docs[rep], docs[r], "und", "und", feats[rep].event, feats[r].event,
                   None, None, None, False)  # fmt: skip
            if verify_pairs([job], None, NEAR)[0][2] == "near_duplicate":
                mh_a, mh_b = feats[rep].minhash, feats[r].minhash
                assert mh_a is not None and mh_b is not None
                joined.append((-float(np.mean(mh_a == mh_b)), rep))
        if joined:
            leader[r] = min(joined)[1]
    got = [d.cluster for d in res.decisions]
    # same partition (cluster numbers differ from representative positions)
    assert len(set(zip(got, leader, strict=True))) == len(set(got)) == len(set(leader))


def test_knn_against_argsort() -> None:
    rng = np.random.default_rng(0)
    q = na.embed.normalize_rows(rng.normal(size=(50, 16)))
    t = na.embed.normalize_rows(rng.normal(size=(70, 16)))
    qpos, tpos = list(range(50)), list(range(30, 100))  # overlapping positions
    got: dict[int, list[int]] = {}
    for a, b, _ in knn(qpos, q, tpos, t, 5, block=16):
        got.setdefault(a, []).append(b)
    sims = q @ t.T
    for r, a in enumerate(qpos):
        order = [tpos[c] for c in np.argsort(-sims[r], kind="stable") if tpos[c] != a]
        assert got[a] == order[:5]


def test_signature_is_language_independent() -> None:
    en = signature("On Oct. 23, 3,000 troops and $110 million were sent, NATO said.")
    ko = signature("10월 23일 군인 3천명과 1억1천만 달러가 보내졌다고 NATO가 밝혔다.")
    assert {"d:10-23", "n:3000", "n:1.1e+08", "a:NATO"} <= en & ko


def test_semantic_decision_needs_evidence() -> None:
    """High shares made of unlikely links are not a translation (the expected share of
    sentences saying the same is); meaning never makes a copy; facts that conflict refuse
    every relation by meaning."""
    p = DedupParams()
    partial = tuple(na.Link((k,), (k,), 0.15, kind="partial") for k in range(5))
    equal = tuple(na.Link((k,), (k,), 0.8) for k in range(5))
    n5 = (5, 5)
    assert decide_relation(PairEvidence(False, "semantic", 1.0, 1.0, partial, n5), p) is None
    wide = (na.Link((0, 1, 2, 3, 4), (0,), 0.9),)  # one sentence's worth of five
    assert decide_relation(PairEvidence(False, "semantic", 1.0, 1.0, wide, n5), p) is None
    assert decide_relation(PairEvidence(False, "semantic", 1.0, 1.0, equal, n5), p) == "translation"
    # one language, aligned by meaning: at most the same story, never a copy
    assert decide_relation(PairEvidence(True, "semantic", 1.0, 1.0, equal, n5), p) == "same_story"
    # the lexical path: its shares alone decide
    assert decide_relation(PairEvidence(True, "lexical", 0.9, 0.8), p) == "near_duplicate"
    # same story without days to compare: story_min_links equivalent links
    story = PairEvidence(False, "semantic", 0.5, 0.4, equal[:4], (20, 20))
    assert decide_relation(story, p) == "same_story"
    assert (
        decide_relation(PairEvidence(False, "semantic", 0.5, 0.4, equal[:3], (20, 20)), p) is None
    )
    # with agreeing days, one likely shared sentence is enough ...
    weak = (na.Link((0,), (0,), 0.3, kind="partial"), na.Link((1,), (1,), 0.35, kind="partial"))
    dated = PairEvidence(False, "semantic", 0.5, 0.4, weak, (20, 20), "agree")
    assert decide_relation(dated, p) == "same_story"
    # ... and a conflict of facts refuses everything by meaning, and a lexical copy too
    for ev in (dated, PairEvidence(False, "semantic", 1.0, 1.0, equal, n5)):
        vetoed = replace(ev, conflicts=("troops: 3,000 vs 10,900",))
        assert decide_relation(vetoed, p) is None
        assert decide_relation(vetoed, DedupParams(fact_veto=False)) is not None
    copy = PairEvidence(True, "lexical", 0.9, 0.8, conflicts=("dates named: day 4 vs day 9",))
    assert decide_relation(copy, p) is None


def test_decision_rule_is_a_seam_of_the_pipeline() -> None:
    """run_in_process with the default rule is dedup; its own rule reaches the verifier."""
    recs = records(text(STORY_A), text(STORY_A[:3]), text(STORY_B))
    p = DedupParams(semantic=False, min_share=0.6)
    assert run_in_process(recs, p) == dedup(recs, params=p)
    assert dedup(recs, params=p).decisions[1].relation == "unique"
    seen: list[tuple[float, float, str]] = []

    def lenient(ev: PairEvidence, p: DedupParams) -> Any:
        seen.append((ev.share_left, ev.share_right, ev.method))
        return "near_duplicate" if max(ev.share_left, ev.share_right) >= 1.0 else None

    res = run_in_process(recs, p, decide=lenient)
    assert res.decisions[1].relation == "near_duplicate"
    assert seen == [(0.5, 1.0, "lexical")]  # r0 keeps 3 of 6, r1 all 3


# -- translations with the real encoder ---------------------------------------------------
KO_A = [
    "중앙은행은 목요일 기준금리를 0.25%포인트 인상했다.",
    "10월 물가상승률은 4.1%로 10년 만에 가장 높은 수준을 기록했다.",
    "발표 후 서울 증시는 2% 하락했다.",
    "총재는 추가 인상 여부는 내년 임금 상승에 달려 있다고 말했다.",
    "경제학자들은 중앙은행이 봄까지 기다릴 것으로 예상했었다.",
    "관계자들은 가계부채가 사상 최대인 1,900조 원에 이르렀다고 밝혔다.",
]


def test_translation_and_clusters(encoder: na.Encoder) -> None:
    recs = [
        {"id": "en", "text": text(STORY_A), "lang": "en"},
        {"id": "fire", "text": text(STORY_B), "lang": "en"},
        {"id": "ko", "text": text(KO_A), "lang": "ko"},
        {"id": "copy", "text": near_copy(STORY_A), "lang": "en"},
    ]
    res = dedup(recs, encoder=encoder)
    got = {d.id: (d.cluster, d.relation, d.representative) for d in res.decisions}
    assert got["ko"] == (0, "translation", "en")
    assert got["copy"] == (0, "near_duplicate", "en")
    assert got["fire"][1] == "unique"
    ev = res.decisions[2].evidence
    assert ev.method == "semantic" and ev.cosine is not None
    assert min(ev.share_left, ev.share_right) >= 0.5


# -- Dask ---------------------------------------------------------------------------------
def _mixed_corpus() -> list[dict[str, Any]]:
    rng = random.Random(5)
    recs = []
    for k in range(30):
        base = [STORY_A, STORY_B, STORY_C][k % 3]
        sents = [s for s in base if rng.random() < 0.8] or base
        if rng.random() < 0.3:
            sents = sents[::-1]
        recs.append({"id": f"d{k}", "text": text(sents), "date": "2026-11-0" + str(k % 9 + 1)})
    return recs


def test_dask_equals_in_process() -> None:
    distributed = pytest.importorskip("distributed")
    import dask.bag as db

    recs = _mixed_corpus()
    params = DedupParams(min_cosine=0.3, weak_min_cosine=0.3)
    local = dedup(recs, encoder="tfidf", params=params)
    assert local.stats.semantic_pairs or local.stats.lsh_pairs
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = na.dedup_dask(
            recs, client=client, encoder="tfidf", params=params, partition_size=7
        )
        bag = db.from_sequence(recs, npartitions=4)
        from_bag = na.dedup_dask(bag, client=client, encoder="tfidf", params=params)
    assert remote == local
    assert from_bag == local


# -- command line -------------------------------------------------------------------------
def _write(path: Path, rows: list[Any]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
        encoding="utf-8",
    )
    return path


def test_cli_dedup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path / "in.jsonl", records(text(STORY_A), near_copy(STORY_A)))
    out = tmp_path / "out.jsonl"
    assert main(["dedup", str(src), "-o", str(out), "--near-only"]) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["relation"]) for r in rows] == [
        ("r0", "representative"),
        ("r1", "near_duplicate"),
    ]
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not JSON"),
        ('{"id": 1}', "line 2: field 'text' is missing"),
        ('{"id": true, "text": "x"}', "line 2: field 'id' must be"),
    ],
)
def test_cli_bad_jsonl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, message: str
) -> None:
    src = _write(tmp_path / "bad.jsonl", [{"id": 0, "text": "fine"}, line])
    assert main(["dedup", str(src), "--near-only"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(src) in err and message in err


def test_cli_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dedup", "/nonexistent/in.jsonl"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_import_does_not_load_heavy_dependencies() -> None:
    code = (
        "import sys, newsalign; "
        "print([m for m in ('datasketch', 'dask', 'distributed', 'tqdm') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
