"""Collect the Japanese given and family names of newsalign.names (names/data/japanese_names.tsv).

Run from the repository root::

    python -m benchmarks.build_japanese_names [--data ../shared/data]

A two-word name reads as Japanese by its syllables (``newsalign.names.japanese``), which many
other names share (Benjamin Netanyahu, 베냐민 네타냐후, Antonio Tajani): the parser takes the
Japanese reading, both orders meeting, only where one word is a Japanese name it has seen.
This collects them from the *dev* half of ``<data>/names/wikidata_en_hangul_names.tsv`` (the
half ``benchmarks/names_quality.py`` calls dev; the test half is never read): the
English/Hangul labels of two words each, both read as Japanese, whose words meet crosswise
in their Japanese form (:func:`newsalign.names.japanese.japanese_form`: the English label
writes the given name first, Hangul the family name first, Fumio Kishida / 기시다 후미오).
That order is the mark of a Japanese person: other people's Hangul labels keep the English
order (labels that meet in one order are left out: the forms are coarse, and Antonio Amaya
/ 안토니오 아마야 meets so, its Amaya having a Japanese family name's form). Writes the
forms (derived: a form, its role, family or given, and how often it was seen, a row each)
to the package data file and a summary to ``benchmarks/results/japanese_names.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from benchmarks.names_sets import load_en_hangul_people
from newsalign.names.general import _word_latin
from newsalign.names.hangul import _is_hangul
from newsalign.names.japanese import _hangul_pair_japanese, _reads_japanese, japanese_form
from newsalign.names.parse import _clean_tokens

ROOT = Path(__file__).resolve().parent
TABLE = ROOT.parent / "src" / "newsalign" / "names" / "data" / "japanese_names.tsv"
RESULTS = ROOT / "results" / "japanese_names.json"
HEADER = (
    "# Japanese given and family names in their Japanese form (newsalign.names.japanese."
    "japanese_form),\n# written by benchmarks/build_japanese_names.py from the dev half of"
    " wikidata_en_hangul_names.tsv\n# (Wikidata labels, CC0): derived forms and counts, no"
    " labels. Rows: form TAB role (family, given) TAB count.\n"
)


def _reading(token: str, japanese: bool) -> str:
    return "".join(_word_latin(token, japanese=japanese))


def crosswise_forms(en: str, ko: str) -> tuple[str, str] | None:
    """The Japanese forms (given, family) of a Japanese person's two labels, else ``None``:
    two words each, both read as Japanese, meeting crosswise."""
    lat, han = _clean_tokens(en), _clean_tokens(ko)
    if len(lat) != 2 or len(han) != 2 or not all(_is_hangul(c) for t in han for c in t):
        return None
    if not _hangul_pair_japanese(han, known_only=False):
        return None
    lat_read = [_reading(t, False) for t in lat]
    if not all(lat_read) or not _reads_japanese(lat, lat_read, known_only=False):
        return None
    lf = [japanese_form(w) for w in lat_read]
    hf = [japanese_form(_reading(t, True)) for t in han]
    if lf[0] != lf[1] and lf[0] == hf[1] and lf[1] == hf[0]:
        return lf[0], lf[1]
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data", help="folder holding names/")
    ap.add_argument("--out", default=str(TABLE))
    args = ap.parse_args(argv)
    dev = load_en_hangul_people(Path(args.data) / "names")["dev"]
    met = [m for m in (crosswise_forms(en, ko) for en, ko in dev) if m]
    family: Counter[str] = Counter(fam for _, fam in met)
    given: Counter[str] = Counter(giv for giv, _ in met)
    people = len(met)
    rows = sorted(
        [(f, "family", n) for f, n in family.items()] + [(f, "given", n) for f, n in given.items()]
    )
    lines = [f"{form}\t{role}\t{n}" for form, role, n in rows]
    Path(args.out).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    summary = {
        "dev_labels": len(dev),
        "japanese_people": people,
        "family_names": len(family),
        "given_names": len(given),
    }
    RESULTS.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
