"""Speed of person-name extraction, per sentence.

Run from the repository root::

    python -m benchmarks.names_speed [--data ../shared/data]

Times :func:`newsalign.names.sentence_name_keys` (what the aligner calls on every sentence)
and :func:`newsalign.names.extract_people` (a whole document, back-references included) on
the English and Korean sides of ``ko_en_news/korean-english-park.test`` (2,000 lines each)
and on the two seed articles. A timing includes everything from the string to the keys
(segmentation too, for ``extract_people``). The caches of :func:`name_key` are cleared
before each cold run; the warm run repeats the same sentences. Writes
``benchmarks/results/names_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

from newsalign import names
from newsalign.records import Document

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results" / "names_speed.json"


def _clear() -> None:
    names.clear_caches()


def _per_sentence(sentences: list[str]) -> dict[str, float]:
    _clear()
    t0 = time.perf_counter()
    for s in sentences:
        names.sentence_name_keys(s)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in sentences:
        names.sentence_name_keys(s)
    warm = time.perf_counter() - t0
    n = len(sentences)
    return {
        "sentences": n,
        "cold_ms_per_sentence": round(cold * 1e3 / n, 4),
        "warm_ms_per_sentence": round(warm * 1e3 / n, 4),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data")
    args = ap.parse_args(argv)
    d = Path(args.data) / "ko_en_news"
    if not d.is_dir():
        print(f"error: no ko_en_news/ data under {args.data!r} (pass --data PATH)", file=sys.stderr)
        return 2
    out: dict[str, object] = {}
    for lang in ("en", "ko"):
        lines = (d / f"korean-english-park.test.{lang}").read_text(encoding="utf-8").splitlines()
        out[f"sentence_name_keys_{lang}"] = _per_sentence([x for x in lines if x.strip()])
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT.parent / "seeds").glob("*.txt"))]
    _clear()
    t0 = time.perf_counter()
    n = 0
    for text in seeds:
        doc = Document.from_text(text)
        n += len(doc)
        names.extract_people(doc)
    out["extract_people_seeds"] = {
        "sentences": n,
        "ms_per_sentence_with_segmentation": round((time.perf_counter() - t0) * 1e3 / n, 4),
    }
    out["machine"] = {
        "cores": 2,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
