"""Topical dedup on real news: the VOA corpus (75 articles, 46 events, 5 topics) and a
2,000-record topical corpus made from it by wire-copy edits.

``voa``      ``../shared/data/voa_events`` with its ``date`` fields, default settings:
             pairwise precision / recall of "same cluster" against events, ARI, the
             relation given to each class of gold pair (copies of one article, two articles
             of one event, two events of one topic), time and docs/s, in process.
``topical``  every VOA article re-published ``--copies`` times with seeded wire edits (a
             dateline lead, a trimmed ending, a dropped sentence, an inserted stock
             sentence, moved paragraphs; each copy dated the same day or the next) and
             shuffled: about 2,000 records in which every topic holds hundreds of alike
             articles. It reports the aligned pairs against ``k * n`` (the bound that
             ``max_candidates`` sets), precision / recall against events, time, docs/s.

Both write ``benchmarks/results/dedup_voa.json`` (one key each). What a timing includes:
every stage of ``newsalign.dedup`` from the records in memory to the result, the encoder
loaded and warmed up first, its sentence cache cleared.

    PYTHONPATH=src nice -n 10 python -m benchmarks.dedup_voa voa
    PYTHONPATH=src nice -n 10 python -m benchmarks.dedup_voa topical --copies 26
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import newsalign as na
from benchmarks.env import machine
from newsalign.deduplication import DedupParams

ROOT = Path(__file__).resolve().parent.parent
VOA = ROOT.parent / "shared" / "data" / "voa_events" / "articles.jsonl"
OUT = ROOT / "benchmarks" / "results" / "dedup_voa.json"
STOCK = [
    "The report could not be independently verified.",
    "This story has been updated with additional details.",
    "\u201cWe are monitoring the situation closely,\u201d an official said.",
]


def load_voa() -> list[dict[str, Any]]:
    return [json.loads(x) for x in VOA.read_text("utf-8").splitlines() if x.strip()]


def pair_scores(events: list[str], clusters: list[int]) -> dict[str, Any]:
    """Pairwise precision and recall of "same cluster" against "same event", and the ARI."""
    from sklearn.metrics import adjusted_rand_score

    def c2(n: int) -> int:
        return n * (n - 1) // 2

    both = sum(c2(n) for n in Counter(zip(events, clusters, strict=True)).values())
    pred = sum(c2(n) for n in Counter(clusters).values())
    gold = sum(c2(n) for n in Counter(events).values())
    return {
        "precision": round(both / pred, 4) if pred else 1.0,
        "recall": round(both / gold, 4) if gold else 1.0,
        "pairs_same_cluster": pred,
        "pairs_same_event": gold,
        "pairs_correct": both,
        "ari": round(float(adjusted_rand_score(events, clusters)), 4),
    }


def _timed(recs: list[dict[str, Any]], params: DedupParams | None = None) -> tuple[Any, float]:
    enc = na.get_encoder(None)
    clear = getattr(enc, "cache_clear", None)
    if clear is not None:
        clear()
    enc.encode(["warm up"])
    t = time.perf_counter()
    res = na.dedup(recs, params=params)
    return res, time.perf_counter() - t


def cmd_voa(_: argparse.Namespace) -> dict[str, Any]:
    arts = load_voa()
    recs = [{k: a[k] for k in ("id", "text", "lang", "date")} for a in arts]
    res, secs = _timed(recs)
    dec = {d.id: d for d in res.decisions}
    direct = {(p.left, p.right): p.relation for p in res.pairs}
    direct.update({(b, a): r for (a, b), r in list(direct.items())})
    table: dict[str, Counter[str]] = {k: Counter() for k in ("copy", "same_event", "other")}
    for a, b in itertools.combinations(arts, 2):
        copy = a.get("same_article_as") == b["id"] or b.get("same_article_as") == a["id"]
        kind = "copy" if copy else "same_event" if a["event"] == b["event"] else "other"
        if kind == "other" and a["topic"] != b["topic"]:
            kind = "other_topic"
            table.setdefault(kind, Counter())
        rel = direct.get((a["id"], b["id"]))
        if rel is None:
            together = dec[a["id"]].cluster == dec[b["id"]].cluster
            rel = "same cluster (through the representative)" if together else "apart"
        table[kind][rel] += 1
    events = [a["event"] for a in arts]
    event_of = {a["id"]: a["event"] for a in arts}
    row = {
        "machine": machine(),
        "records": len(arts),
        "events": len(set(events)),
        "seconds": round(secs, 2),
        "docs_per_second": round(len(arts) / secs, 2),
        "stats": res.stats.to_dict(),
        **pair_scores(events, [dec[a["id"]].cluster for a in arts]),
        "relations": dict(sorted(Counter(d.relation for d in res.decisions).items())),
        "pair_relations": {k: dict(sorted(v.items())) for k, v in table.items()},
        "near_duplicate_across_events": sum(
            1
            for p in res.pairs
            if p.relation == "near_duplicate" and event_of[p.left] != event_of[p.right]
        ),
    }
    ablation, secs2 = _timed(recs, DedupParams(fact_veto=False))
    adec = {d.id: d for d in ablation.decisions}
    row["without_fact_veto"] = {
        "seconds": round(secs2, 2),
        **pair_scores(events, [adec[a["id"]].cluster for a in arts]),
    }
    return row


def wire_copy(sents: list[str], rng: random.Random) -> list[str]:
    """A re-published copy: some of a dateline, a trim, a drop, a stock line, a move."""
    out = list(sents)
    if rng.random() < 0.5:
        out[0] = rng.choice(["SEOUL \u2014 ", "WASHINGTON (VOA) \u2014 ", "(Yonhap) "]) + out[0]
    if len(out) > 4 and rng.random() < 0.5:
        out = out[: -rng.randint(1, 2)]
    if len(out) > 4 and rng.random() < 0.4:
        del out[rng.randrange(1, len(out))]
    if rng.random() < 0.3:
        out.insert(rng.randint(1, len(out)), rng.choice(STOCK))
    if len(out) > 5 and rng.random() < 0.3:
        k = rng.randrange(1, len(out) - 2)
        out[k], out[k + 1] = out[k + 1], out[k]
    return out


def topical_corpus(copies: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    recs = []
    for a in load_voa():
        sents = list(na.Document.from_text(a["text"]).texts)
        day = dt.date.fromisoformat(a["date"])
        recs.append({"id": a["id"], "text": a["text"], "lang": a["lang"], "date": a["date"],
                     "event": a["event"]})  # fmt: skip
        for k in range(copies):
            when = day + dt.timedelta(days=rng.randint(0, 1))
            recs.append({"id": f"{a['id']}-c{k}", "text": " ".join(wire_copy(sents, rng)),
                         "lang": a["lang"], "date": when.isoformat(), "event": a["event"]})  # fmt: skip
    rng.shuffle(recs)
    return recs


def cmd_topical(args: argparse.Namespace) -> dict[str, Any]:
    recs = topical_corpus(args.copies, args.seed)
    params = DedupParams()
    res, secs = _timed([{k: r[k] for k in ("id", "text", "lang", "date")} for r in recs], params)
    n = len(recs)
    cluster = {d.id: d.cluster for d in res.decisions}
    return {
        "machine": machine(),
        "records": n,
        "copies_per_article": args.copies,
        "seed": args.seed,
        "max_candidates": params.max_candidates,
        "k_times_n": params.max_candidates * n,
        "seconds": round(secs, 2),
        "docs_per_second": round(n / secs, 2),
        "stats": res.stats.to_dict(),
        **pair_scores([r["event"] for r in recs], [cluster[r["id"]] for r in recs]),
        "relations": dict(sorted(Counter(d.relation for d in res.decisions).items())),
    }


def render() -> str:
    """Markdown for docs/dedup.md from ``dedup_voa.json``."""
    if not OUT.is_file():
        return ""
    data = json.loads(OUT.read_text("utf-8"))
    lines: list[str] = []
    v = data.get("voa")
    if v:
        m = v["machine"]
        lines += [
            f"VOA events corpus ({v['records']} articles, {v['events']} events, 5 topics), "
            f"default settings, in process, {m['cpus']} cores (load {m['load_average_at_start']}"
            f" at start): `python -m benchmarks.dedup_voa voa`.",
            "",
            "| run | pairwise precision | pairwise recall | ARI | seconds | docs/s |",
            "|---|---|---|---|---|---|",
            f"| default | {v['precision']} | {v['recall']} | {v['ari']} | {v['seconds']} | "
            f"{v['docs_per_second']} |",
        ]
        w = v["without_fact_veto"]
        lines += [
            f"| without the fact veto (`fact_veto=False`) | {w['precision']} | {w['recall']} | "
            f"{w['ari']} | {w['seconds']} | {round(v['records'] / w['seconds'], 2)} |",
            "",
            "Relation given to each gold pair (a pair joined directly, or put in one cluster "
            "through its representative, or apart):",
            "",
        ]
        kinds = list(v["pair_relations"])
        rels = sorted({r for k in kinds for r in v["pair_relations"][k]})
        lines += ["| gold pair | " + " | ".join(rels) + " |",
                  "|---|" + "---|" * len(rels)]  # fmt: skip
        for k in kinds:
            row = v["pair_relations"][k]
            lines.append(f"| {k} | " + " | ".join(str(row.get(r, 0)) for r in rels) + " |")
        lines += [
            "",
            f"Different events called `near_duplicate`: {v['near_duplicate_across_events']}. "
            f"Work: {v['stats']['verified']} pairs verified, {v['stats']['aligned_pairs']} "
            f"aligned ({v['stats']['semantic_pairs']} by meaning), {v['stats']['vetoed_pairs']} "
            "refused on facts without aligning.",
            "",
        ]
    t = data.get("topical")
    if t:
        lines += [
            f"Topical corpus: {t['records']} records (every VOA article and "
            f"{t['copies_per_article']} wire copies of it, seed {t['seed']}): "
            "`python -m benchmarks.dedup_voa topical`.",
            "",
            "| records | k | k * n | verified | aligned pairs | precision | recall | seconds "
            "| docs/s |",
            "|---|---|---|---|---|---|---|---|---|",
            f"| {t['records']} | {t['max_candidates']} | {t['k_times_n']} | "
            f"{t['stats']['verified']} | {t['stats']['aligned_pairs']} | {t['precision']} | "
            f"{t['recall']} | {t['seconds']} | {t['docs_per_second']} |",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("voa")
    t = sub.add_parser("topical")
    t.add_argument("--copies", type=int, default=26)
    t.add_argument("--seed", type=int, default=14)
    sub.add_parser("render")
    args = ap.parse_args()
    if args.command == "render":
        print(render())
        return
    data = json.loads(OUT.read_text("utf-8")) if OUT.is_file() else {}
    data[args.command] = {"voa": cmd_voa, "topical": cmd_topical}[args.command](args)
    data[args.command]["machine"]["load_average_at_end"] = [
        round(x, 2) for x in __import__("os").getloadavg()
    ]
    OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(data[args.command])[:2000])


if __name__ == "__main__":
    main()
