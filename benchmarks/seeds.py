"""Seeds quality: sentence-pair P/R/F1 on the hand-labelled seeds gold.

Run: ``python -m benchmarks.seeds [--shared ../shared]``. Writes ``benchmarks/results/seeds.json``.
Default encoder, default settings, rewrite mode, presegmented as in the gold file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import newsalign as na
from newsalign.errors import NewsalignError

from .data import ROOT, load_seeds
from .env import environment
from .metrics import pair_prf


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None, help="the shared folder (default ../shared)")
    ap.add_argument("--encoder", default="use-m3")
    args = ap.parse_args(argv)
    try:
        task = load_seeds(args.shared)
    except NewsalignError as exc:
        print(f"benchmarks.seeds: error: {exc}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    al = na.align(
        na.Document.from_sentences(task.left),
        na.Document.from_sentences(task.right),
        encoder=args.encoder,
    )
    elapsed = time.perf_counter() - t0
    prf = pair_prf([(link.left, link.right) for link in al.links], task.gold, task.partial)
    result = {
        "task": task.name,
        "encoder": args.encoder,
        "mode": "rewrite",
        "params": "defaults",
        "pairs": prf.as_dict(),
        "links": [link.to_dict() for link in al.links],
        "seconds": round(elapsed, 3),
        "environment": environment(),
    }
    out = ROOT / "benchmarks" / "results" / "seeds.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"seeds ({args.encoder}): P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f} -> {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
