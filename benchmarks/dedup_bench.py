"""Benchmarks of newsalign.deduplication: quality on the labelled ko_en corpus, speed and scale.

Three commands, each writing ``benchmarks/results/dedup_<command>.json``:

``quality``  the labelled corpus of ``benchmarks/dedup_corpus.py`` (``--split test`` for
             the published figures; defaults were tuned on ``dev``): pairwise precision /
             recall of near-duplicate pairs and of translation pairs (joined by a
             ``translation`` relation, and merely put in the same cluster), adjusted Rand
             index of the story clusters, with a MinHash-only baseline (datasketch LSH, estimated
             Jaccard >= 0.5, no verification) and an embedding-only baseline (passage
             cosine >= 0.6, no signature, no alignment); throughput in process and on a
             LocalCluster of 1 and 2 workers (``--workers 0,1,2``; 0 = in process).
``sweep``    full-path throughput as a function of the candidate pairs the signature lets
             through (``strong_shared_features`` 2 and 3, and the signature switched off).
``scale``    the near-duplicate path on synthetic 500-word articles (``--docs 100000``),
             each size in a fresh process: wall time and peak resident memory.

What a timing includes: reading the JSONL file, every stage of ``dedup`` /
``dedup_dask`` (featurising, LSH, signature, embedding, nearest neighbours, alignments,
union-find) and building the result, with the encoder's sentence cache empty. It excludes
building the corpus, loading the encoder (warmed up first, on every worker too) and
starting the LocalCluster. Workers run one thread each (``threads_per_worker=1``,
processes); the encoder may use both cores in each worker.

Run from the project root::

    PYTHONPATH=src nice -n 10 python -m benchmarks.dedup_bench quality --split test --workers 0,1,2
    PYTHONPATH=src nice -n 10 python -m benchmarks.dedup_bench sweep --split dev --max-stories 60
    PYTHONPATH=src nice -n 10 python -m benchmarks.dedup_bench scale --docs 10000,100000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

import newsalign as na
from benchmarks.dedup_corpus import build_corpus, synthetic_docs
from benchmarks.env import machine
from newsalign.deduplication import (
    DedupParams,
    UnionFind,
    minhash_permutations,
    minhash_values,
    passage,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


# -- metrics ----------------------------------------------------------------------------
def _c2(n: int) -> int:
    return n * (n - 1) // 2


def pair_counts(
    gold: Sequence[Any], pred: Sequence[Any], langs: Sequence[str], *, cross: bool
) -> tuple[int, int, int]:
    """(true positive, predicted, gold) pair counts, over same-language pairs or, with
    ``cross``, over pairs in two languages; computed from group sizes, not all pairs."""

    def pairs(groups: Counter[Any], by_lang: Counter[Any]) -> int:
        same = sum(_c2(n) for n in by_lang.values())
        return sum(_c2(n) for n in groups.values()) - same if cross else same

    def count(keys: list[Any]) -> int:
        by_lang = Counter(zip(keys, langs, strict=True))
        return pairs(Counter(keys), by_lang)

    tp = count(list(zip(gold, pred, strict=True)))
    return tp, count(list(pred)), count(list(gold))


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "pairs_predicted": n_pred,
        "pairs_gold": n_gold,
    }


def components(ids: Sequence[Any], edges: Sequence[tuple[Any, Any]]) -> list[int]:
    index = {x: k for k, x in enumerate(ids)}
    uf = UnionFind(len(ids))
    for a, b in edges:
        uf.union(index[a], index[b])
    return [uf.find(k) for k in range(len(ids))]


def score(docs: list[dict[str, Any]], res: Any) -> dict[str, Any]:
    from sklearn.metrics import adjusted_rand_score

    ids = [d["id"] for d in docs]
    stories = [d["story"] for d in docs]
    langs = [d["lang"] for d in docs]
    copy_edges = [(p.left, p.right) for p in res.pairs if p.relation in ("exact", "near_duplicate")]
    tr_edges = copy_edges + [(p.left, p.right) for p in res.pairs if p.relation == "translation"]
    near = components(ids, copy_edges)
    trans = components(ids, tr_edges)
    cluster = {d.id: d.cluster for d in res.decisions}
    story_of = dict(zip(ids, stories, strict=True))
    cross_story = [
        (story_of[p.left], story_of[p.right]) for p in res.pairs
        if story_of[p.left] != story_of[p.right]
    ]  # fmt: skip
    return {
        "near_duplicate": prf(*pair_counts(stories, near, langs, cross=False)),
        "translation": prf(*pair_counts(stories, trans, langs, cross=True)),
        "translation_same_cluster": prf(
            *pair_counts(stories, [cluster[x] for x in ids], langs, cross=True)
        ),
        "ari": round(float(adjusted_rand_score(stories, [cluster[x] for x in ids])), 4),
        "relations": dict(sorted(Counter(d.relation for d in res.decisions).items())),
        "pairs_across_stories": len(cross_story),
        "of_which_adjacent_windows": sum(abs(a - b) == 1 for a, b in cross_story),
    }


def baselines(docs: list[dict[str, Any]], encoder: str | None) -> dict[str, Any]:
    """MinHash-only (datasketch LSH, Jaccard >= 0.5) and embedding-only (cosine >= 0.6)."""
    from datasketch import MinHash, MinHashLSH

    ids = [d["id"] for d in docs]
    stories = [d["story"] for d in docs]
    langs = [d["lang"] for d in docs]
    p = DedupParams()
    lsh = MinHashLSH(threshold=0.5, num_perm=p.num_perm)
    perms = minhash_permutations(p.num_perm)
    edges = []
    for d in docs:
        hv = minhash_values(d["text"], p)
        mh = MinHash(hashvalues=hv, permutations=perms, scheme="affine32")
        for other in lsh.query(mh):
            edges.append((other, d["id"]))
        lsh.insert(d["id"], mh)
    near = components(ids, edges)
    enc = na.get_encoder(encoder)
    vecs = enc.encode([passage(d["text"], p) for d in docs])
    sims = vecs @ vecs.T
    a, b = np.nonzero(np.triu(sims >= 0.6, 1))
    emb = components(ids, [(ids[i], ids[j]) for i, j in zip(a.tolist(), b.tolist(), strict=True)])
    return {
        "minhash_lsh_only": {
            "near_duplicate": prf(*pair_counts(stories, near, langs, cross=False)),
            "translation": prf(*pair_counts(stories, near, langs, cross=True)),
        },
        "embedding_only_cos0.6": {
            "near_duplicate": prf(*pair_counts(stories, emb, langs, cross=False)),
            "translation": prf(*pair_counts(stories, emb, langs, cross=True)),
        },
    }


# -- running ----------------------------------------------------------------------------
def write_jsonl(docs: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            rec = {"id": d["id"], "text": d["text"], "lang": d["lang"]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def run(path: Path, workers: int, encoder: str | None, params: Any) -> tuple[Any, float]:
    """One timed run: in process (``workers=0``) or on a LocalCluster of ``workers``.

    Every run starts cold: the encoder's sentence cache (an LRU shared by the process) is
    cleared, so that a run does not reuse the vectors of an earlier one (workers of a fresh
    LocalCluster start empty anyway).
    """
    if params.semantic:
        enc = na.get_encoder(encoder)
        clear = getattr(enc, "cache_clear", None)
        if clear is not None:
            clear()
        enc.encode(["warm up"])
    if workers == 0:
        t = time.perf_counter()
        res = na.dedup(path, encoder=encoder, params=params)
        return res, time.perf_counter() - t
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        if params.semantic:
            client.run(_warm, encoder)
        t = time.perf_counter()
        res = na.dedup_dask(path, client=client, encoder=encoder, params=params)
        return res, time.perf_counter() - t


def _warm(encoder: str | None) -> None:
    na.get_encoder(encoder).encode(["warm up"])


def save(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    if "machine" in data:
        data["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    out = RESULTS / f"dedup_{name}.json"
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return out


def cmd_quality(args: argparse.Namespace) -> None:
    docs = build_corpus(args.split, max_stories=args.max_stories, seed=args.seed)
    params = DedupParams(
        **({"translation_evidence": args.translation_evidence} if args.translation_evidence else {})
    )
    out: dict[str, Any] = {
        "machine": machine(),
        "corpus": {
            "split": args.split,
            "records": len(docs),
            "stories": len({d["story"] for d in docs}),
            "copies": sum(d["kind"] == "copy" for d in docs),
            "edits": dict(Counter(e for d in docs for e in d["edits"])),
            "definition": "story = 8 consecutive ko_en_news line pairs, 4-line gap",
        },
        "encoder": args.encoder or "use-m3",
        "params": {k: getattr(params, k) for k in params.__slots__},
        "runs": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_jsonl(docs, path)
        first = None
        for w in args.workers:
            res, secs = run(path, w, args.encoder, params)
            row = {
                "workers": w or "in-process",
                "seconds": round(secs, 2),
                "docs_per_second": round(len(docs) / secs, 2),
                "stats": res.stats.to_dict(),
                **score(docs, res),
            }
            if first is None:
                first = res
            row["equal_to_first_run"] = res == first
            # floats of the evidence may differ in the last digits between processes (the
            # encoder's BLAS batches differ); decisions and clusters must not
            row["same_decisions_as_first_run"] = _decisions(res) == _decisions(first)
            out["runs"].append(row)
            print(json.dumps(row))
    by_w = {r["workers"]: r["seconds"] for r in out["runs"]}
    if 1 in by_w and 2 in by_w:
        out["speedup_2_over_1_workers"] = round(by_w[1] / by_w[2], 3)
    out["baselines"] = baselines(docs, args.encoder)
    save(f"quality_{args.split}" if args.split != "test" else "quality", out)


def _decisions(res: Any) -> list[tuple[Any, ...]]:
    return [(d.id, d.cluster, d.relation, d.representative, d.evidence.match)
            for d in res.decisions]  # fmt: skip


def cmd_sweep(args: argparse.Namespace) -> None:
    docs = build_corpus(args.split, max_stories=args.max_stories, seed=args.seed)
    out: dict[str, Any] = {"machine": machine(), "split": args.split, "records": len(docs),
                           "rows": []}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_jsonl(docs, path)
        for setting in args.min_shared:
            if setting == "off":
                params = DedupParams(signature_filter=False)
            else:
                params = DedupParams(strong_shared_features=int(setting))
            for w in args.workers:
                res, secs = run(path, w, args.encoder, params)
                q = score(docs, res)
                row = {
                    "strong_shared_features": setting,
                    "workers": w or "in-process",
                    "candidates": res.stats.candidates,
                    "embedded": res.stats.embedded,
                    "semantic_pairs": res.stats.semantic_pairs,
                    "seconds": round(secs, 2),
                    "docs_per_second": round(len(docs) / secs, 2),
                    "translation_precision": q["translation"]["precision"],
                    "translation_recall": q["translation"]["recall"],
                    "near_duplicate_f1": q["near_duplicate"]["f1"],
                    "ari": q["ari"],
                }
                out["rows"].append(row)
                print(json.dumps(row))
    by = {(r["strong_shared_features"], r["workers"]): r["seconds"] for r in out["rows"]}
    for r in out["rows"]:
        key = r["strong_shared_features"]
        one, two = by.get((key, 1)), by.get((key, 2))
        if r["workers"] == 2 and one and two:
            r["speedup_over_1_worker"] = round(one / two, 3)
    save("sweep", out)


def _peak_rss(stop: threading.Event, peak: list[int]) -> None:
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        rss = me.memory_info().rss
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                rss += child.memory_info().rss
        peak[0] = max(peak[0], rss)
        stop.wait(0.2)


def cmd_scale_one(args: argparse.Namespace) -> None:
    """One size, in this process (called by ``scale`` in a fresh process per size)."""
    n = args.docs[0]
    path = Path(args.corpus)
    params = DedupParams(semantic=False)
    stop, peak = threading.Event(), [0]
    watcher = threading.Thread(target=_peak_rss, args=(stop, peak), daemon=True)
    watcher.start()
    res, secs = run(path, args.workers[0], None, params)
    stop.set()
    watcher.join()
    gold = [d["story"] for d in iter_labels(path)]
    ids = list(range(n))
    near = components(ids, [(p.left, p.right) for p in res.pairs])
    langs = ["en"] * n
    row = {
        "docs": n,
        "workers": args.workers[0] or "in-process",
        "seconds": round(secs, 2),
        "docs_per_second": round(n / secs, 1),
        "peak_rss_gib": round(peak[0] / 2**30, 3),
        "stats": res.stats.to_dict(),
        "near_duplicate": prf(*pair_counts(gold, near, langs, cross=False)),
    }
    print(json.dumps(row))


def iter_labels(path: Path) -> list[dict[str, Any]]:
    labels = path.with_suffix(".labels.json")
    return json.loads(labels.read_text(encoding="utf-8"))


def cmd_scale(args: argparse.Namespace) -> None:
    out: dict[str, Any] = {"machine": machine(), "words": args.words, "rows": [],
                           "path": "near-duplicate path (exact hash + MinHash LSH + lexical "
                                   "alignment), semantic=False"}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.docs:
            path = Path(tmp) / f"synthetic_{n}.jsonl"
            labels = []
            with path.open("w", encoding="utf-8") as fh:
                for d in synthetic_docs(n, words=args.words, seed=args.seed):
                    fh.write(json.dumps({"id": d["id"], "text": d["text"]}) + "\n")
                    labels.append({"story": d["story"]})
            path.with_suffix(".labels.json").write_text(json.dumps(labels), encoding="utf-8")
            for w in args.workers:
                cmd = [sys.executable, "-m", "benchmarks.dedup_bench", "scale-one",
                       "--docs", str(n), "--workers", str(w), "--corpus", str(path)]  # fmt: skip
                proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
                if proc.returncode:
                    sys.stderr.write(proc.stderr)
                    raise SystemExit(proc.returncode)
                row = json.loads(proc.stdout.strip().splitlines()[-1])
                out["rows"].append(row)
                print(json.dumps(row))
    save("scale", out)


def _load_line(data: dict[str, Any]) -> str:
    m = data.get("machine", {})
    end = m.get("load_average_at_end")
    return (
        f"Machine: {m.get('cpus')} CPUs, load average (1, 5, 15 min) "
        f"{m.get('load_average_at_start')} at start"
        + (f", {end} at end" if end else "")
        + " (a load above the CPU count means other jobs shared the cores)."
    )


def render() -> str:
    """Markdown tables of the result files (pasted into docs/dedup.md)."""
    lines: list[str] = []
    q = RESULTS / "dedup_quality.json"
    if q.is_file():
        data = json.loads(q.read_text(encoding="utf-8"))
        c = data["corpus"]
        lines += [
            f"Quality: split `{c['split']}`, {c['records']} records, {c['stories']} stories, "
            f"{c['copies']} near copies; encoder `{data['encoder']}`.",
            _load_line(data),
            "",
            "| system | near-dup P | near-dup R | translation P (relation) "
            "| translation R (relation) | translation P (same cluster) "
            "| translation R (same cluster) | ARI |",
            "|---|---|---|---|---|---|---|---|",
        ]
        r = data["runs"][0]
        t, tc = r["translation"], r["translation_same_cluster"]
        lines.append(
            f"| newsalign.dedup | {r['near_duplicate']['precision']} | "
            f"{r['near_duplicate']['recall']} | {t['precision']} | {t['recall']} | "
            f"{tc['precision']} | {tc['recall']} | {r['ari']} |"
        )
        for name, b in data["baselines"].items():
            lines.append(
                f"| {name} | {b['near_duplicate']['precision']} | {b['near_duplicate']['recall']}"
                f" | {b['translation']['precision']} | {b['translation']['recall']} | - | - | - |"
            )
        lines += [
            "",
            f"Gold pairs: {r['near_duplicate']['pairs_gold']} near-duplicate, "
            f"{t['pairs_gold']} translation. Relations: {r['relations']}. Verified pairs "
            f"joining two stories: {r['pairs_across_stories']} (of which "
            f"{r['of_which_adjacent_windows']} between adjacent windows).",
        ]
        lines += [
            "",
            "| run | seconds | docs/s | same decisions as in process |",
            "|---|---|---|---|",
        ]
        for r in data["runs"]:
            lines.append(
                f"| {r['workers']} | {r['seconds']} | {r['docs_per_second']} | "
                f"{r['same_decisions_as_first_run']} |"
            )
        if "speedup_2_over_1_workers" in data:
            lines.append(f"\nSpeed-up 2 over 1 workers: {data['speedup_2_over_1_workers']}")
    sc = RESULTS / "dedup_scale.json"
    if sc.is_file():
        data = json.loads(sc.read_text(encoding="utf-8"))
        lines += ["", "Scale, near-duplicate path, synthetic 500-word articles.",
                  _load_line(data), "",
                  "| docs | run | seconds | docs/s | peak RSS GiB | near-dup P | near-dup R |",
                  "|---|---|---|---|---|---|---|"]  # fmt: skip
        for r in data["rows"]:
            lines.append(
                f"| {r['docs']} | {r['workers']} | {r['seconds']} | {r['docs_per_second']} | "
                f"{r['peak_rss_gib']} | {r['near_duplicate']['precision']} | "
                f"{r['near_duplicate']['recall']} |"
            )
    sw = RESULTS / "dedup_sweep.json"
    if sw.is_file():
        data = json.loads(sw.read_text(encoding="utf-8"))
        lines += ["", f"Full path vs candidate pairs the signature lets through: split "
                  f"`{data['split']}`, {data['records']} records.", _load_line(data), "",
                  "| strong shared | run | candidates | embedded | aligned by meaning | seconds "
                  "| docs/s | speed-up 2/1 | translation P | translation R | ARI |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for r in data["rows"]:
            lines.append(
                f"| {r['strong_shared_features']} | {r['workers']} | {r['candidates']} | "
                f"{r['embedded']} | {r['semantic_pairs']} | {r['seconds']} | "
                f"{r['docs_per_second']} | {r.get('speedup_over_1_worker', '')} | "
                f"{r.get('translation_precision', '-')} | {r['translation_recall']} | {r['ari']} |"
            )
    from benchmarks.dedup_voa import render as render_voa

    voa = render_voa()
    if voa:
        lines += ["", voa]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)

    def ints(s: str) -> list[int]:
        return [int(x) for x in s.split(",")]

    sub.add_parser("render", help="print the result tables as markdown")
    for name in ("quality", "sweep", "scale", "scale-one"):
        p = sub.add_parser(name)
        p.add_argument("--split", default="test", choices=("dev", "test"))
        p.add_argument("--max-stories", type=int, default=None)
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--encoder", default=None)
        p.add_argument("--workers", type=ints, default=[0], help="e.g. 0,1,2 (0 = in process)")
        p.add_argument("--docs", type=ints, default=[10000])
        p.add_argument("--words", type=int, default=500)
        p.add_argument("--corpus", default=None)
        p.add_argument("--min-shared", type=lambda s: s.split(","), default=["2", "3", "off"])
        p.add_argument(
            "--translation-evidence",
            type=float,
            default=None,
            help="quality: DedupParams.translation_evidence (default: the library's)",
        )
    args = ap.parse_args()
    if args.command == "render":
        print(render())
        return
    {"quality": cmd_quality, "sweep": cmd_sweep, "scale": cmd_scale,
     "scale-one": cmd_scale_one}[args.command](args)  # fmt: skip


if __name__ == "__main__":
    main()
