"""How much of two VOA articles the default aligner calls the same content, by relation.

    PYTHONPATH=src:. python -m benchmarks.voa_shares [--encoder use-m3] [--mode rewrite]

For every pair of articles of ``../shared/data/voa_events`` that hold the same article (two
addresses), two articles on the same event, or two articles of one topic on different events
(the hard negatives: another launch, another drill), the pair is aligned with default
settings and its share is the fraction of both articles' sentences that sit in
``equivalent`` links. Writes ``benchmarks/results/voa_shares.json`` (per relation: pairs,
mean, median, max, pairs over 0.5; the five highest other-event pairs with their closest
links); ``benchmarks.render`` puts the table in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Sequence
from typing import Any

import newsalign as na

from .data import DataError, load_voa_articles, shared_dir
from .env import environment, write_json


def relation(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    if a.get("same_article_as") == b["id"] or b.get("same_article_as") == a["id"]:
        return "same_article"
    if a["event"] == b["event"]:
        return "same_event"
    if a["topic"] == b["topic"]:
        return "other_event"
    return None


def equivalent_share(al: na.Alignment) -> float:
    left = sum(len(k.left) for k in al.links if k.kind == "equivalent")
    right = sum(len(k.right) for k in al.links if k.kind == "equivalent")
    total = len(al.left) + len(al.right)
    return (left + right) / total if total else 0.0


def run(shared: Any, encoder: str, mode: str) -> dict[str, Any]:
    arts = load_voa_articles(shared)
    docs = {a["id"]: na.Document.from_text(a["text"]) for a in arts}
    enc = na.get_encoder(encoder)  # cached: each text is encoded once, however often aligned
    by: dict[str, list[tuple[float, str, str]]] = {}
    worst: list[tuple[float, str, str, list[dict[str, Any]]]] = []
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            a, b = arts[x], arts[y]
            rel = relation(a, b)
            if rel is None:
                continue
            al = na.align(docs[a["id"]], docs[b["id"]], encoder=enc, mode=mode)
            share = equivalent_share(al)
            by.setdefault(rel, []).append((share, a["id"], b["id"]))
            if rel == "other_event":
                top = sorted(al.links, key=lambda k: -k.score)[:3]
                worst.append(
                    (
                        share,
                        a["id"],
                        b["id"],
                        [
                            {
                                "score": k.score,
                                "kind": k.kind,
                                "left": " ".join(al.left[i].text for i in k.left)[:160],
                                "right": " ".join(al.right[j].text for j in k.right)[:160],
                            }
                            for k in top
                        ],
                    )
                )
    rows = {}
    for rel in ("same_article", "same_event", "other_event"):
        vals = [s for s, _, _ in by.get(rel, [])]
        rows[rel] = {
            "pairs": len(vals),
            "mean": round(statistics.fmean(vals), 4) if vals else None,
            "median": round(statistics.median(vals), 4) if vals else None,
            "min": round(min(vals), 4) if vals else None,
            "max": round(max(vals), 4) if vals else None,
            "over_half": sum(1 for v in vals if v > 0.5),
        }
    worst.sort(key=lambda w: -w[0])
    return {
        "encoder": encoder,
        "mode": mode,
        "relations": rows,
        "highest_other_event": [
            {"share": round(s, 4), "left": i, "right": j, "links": links}
            for s, i, j, links in worst[:5]
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None)
    ap.add_argument("--encoder", default="use-m3")
    ap.add_argument("--mode", default="rewrite", choices=na.MODES)
    ap.add_argument("--out", default="voa_shares.json")
    args = ap.parse_args(argv)
    try:
        result = run(shared_dir(args.shared), args.encoder, args.mode)
    except DataError as exc:
        print(f"voa_shares: {exc}", file=sys.stderr)
        return 2
    write_json(args.out, {"env": environment(), **result})
    for rel, row in result["relations"].items():
        print(rel, row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
