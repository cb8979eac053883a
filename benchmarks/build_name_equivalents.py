"""Build ``src/newsalign/names/data/name_equivalents.tsv`` from the Wikidata name-variant groups.

Run from the repository root::

    python -m benchmarks.build_name_equivalents [--data ../shared/data]

Some variants of one name differ by translation or by a national spelling habit, not by a
rule the skeleton can fold (Volodymyr / Vladimir, Dylewski / Дылеўскі, Heubach / Гойбах).
This script maps such skeletons onto one canonical skeleton per name:

1. Groups come from ``names/wikidata_person_name_variants.txt`` (rigour 1.8.2, MIT; derived
   from Wikidata, CC0). Only one-word members in Latin, Cyrillic, Greek or Hangul are kept,
   and only those :func:`newsalign.names.name_key` reads as a non-Korean name.
2. **Held out**: groups whose QID falls in the benchmark's *test* half (the hash split of
   ``benchmarks.names_quality``) are not used, unless they are in the hand-checked fixture
   ``tests/data/names_wikidata_groups.txt`` (which was seen while writing the rules anyway).
   The test half is where ``names_quality`` measures held-out recall and draws negatives.
3. The hand-checked fixture groups come first, then the dev-half groups. In each group the
   most common skeleton (ties: the first member's) is the canonical one; every other
   skeleton of the group maps to it, unless
   * it is the skeleton of a whole group or the canonical skeleton of another group (it is
     a name in its own right: mapping it would merge two names),
   * two groups would map it to different targets (homographs: noisy groups),
   * it is the canonical skeleton plus or minus a final ``a`` (feminine forms: Petrakova),
   * the two skeletons share less than half their letters (indel similarity < 0.5), which
     catches merged homographs and clan names rather than spellings,
   * the canonical skeleton does not read back to itself (keys must be idempotent).

The output is small (a few hundred kilobytes) and carries the licence in its header.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import Indel

from newsalign.names import rule_skeleton, skeleton

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsalign" / "names" / "data" / "name_equivalents.tsv"
FIXTURE = ROOT / "tests" / "data" / "names_wikidata_groups.txt"
_SCRIPT = re.compile(r"^(?:[A-Za-zÀ-ɏ'’.-]+|[Ѐ-ӿ'’-]+|[Ͱ-Ͽἀ-῿'’-]+|[가-힣]+)$")
HEADER = (
    "# name_equivalents.tsv: skeleton<TAB>canonical skeleton (newsalign.names).\n"
    "# Built by benchmarks/build_name_equivalents.py from wikidata_person_name_variants.txt\n"
    "# (rigour 1.8.2, MIT License, Copyright (c) 2023-2025 OpenSanctions Datenbanken GmbH;\n"
    "# the variants derive from Wikidata, CC0). Held-out test-half groups were not used.\n"
)


def half(qid: str) -> str:
    """The benchmark's dev/test split of Wikidata groups (same hash as names_quality)."""
    return "dev" if hashlib.sha1(qid.encode()).digest()[0] % 2 == 0 else "test"


def read_groups(path: Path) -> list[tuple[str, list[str]]]:
    out = []
    for line in path.open(encoding="utf-8"):
        if line.startswith("#") or "=>" not in line:
            continue
        left, qid = line.rsplit("=>", 1)
        out.append((qid.strip(), [v.strip() for v in left.split(",") if v.strip()]))
    return out


def skeleton_of(word: str) -> str:
    """The table-free skeleton name_key gives a one-word non-Korean name, or ``""``."""
    if " " in word or not _SCRIPT.match(word):
        return ""
    return rule_skeleton(word)


def build(data: Path) -> dict[str, str]:
    fixture = read_groups(FIXTURE)
    fixture_qids = {q for q, _ in fixture}
    groups = fixture + [
        (q, vs) for q, vs in read_groups(data) if half(q) == "dev" and q not in fixture_qids
    ]
    canon_of: list[tuple[str, list[str]]] = []
    whole: set[str] = set()
    for _, vs in groups:
        skels = [s for s in (skeleton_of(v) for v in vs) if s]
        if not skels:
            continue
        counts = Counter(skels)
        top = max(counts.values())
        canon = next(s for s in skels if counts[s] == top)
        canon_of.append((canon, skels))
        if len(counts) == 1:
            whole.add(canon)
    canonicals = {c for c, _ in canon_of} | whole
    targets: dict[str, set[str]] = defaultdict(set)
    first: dict[str, str] = {}
    for i, (canon, skels) in enumerate(canon_of):
        if skeleton(canon) != canon:
            continue
        for s in set(skels) - {canon}:
            if s in canonicals:
                continue
            if s == canon + "a" or canon == s + "a":
                continue
            if Indel.normalized_similarity(s, canon) < 0.5:
                continue
            targets[s].add(canon)
            # The hand-checked fixture comes first and wins over the noisy groups.
            if i < len(fixture):
                first.setdefault(s, canon)
    table: dict[str, str] = {}
    for s, ts in targets.items():
        if s in first:
            table[s] = first[s]
        elif len(ts) == 1:
            table[s] = next(iter(ts))
    return dict(sorted(table.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data", help="folder holding names/")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    src = Path(args.data) / "names" / "wikidata_person_name_variants.txt"
    if not src.is_file():
        print(f"error: {src} not found (pass --data PATH)", file=sys.stderr)
        return 2
    table = build(src)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{s}\t{t}\n" for s, t in table.items())
    out.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(table)} entries, {out.stat().st_size / 1024:.0f} KiB -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
