"""The name sets of the names benchmarks: loaders of ``../shared/data/names`` and the
constructions of pairs of different people.

``benchmarks/names_quality.py`` reports on them (its docstring says what each set is);
``build_loan_model``, ``build_translit_model`` and ``build_japanese_names`` fit and tune on
their dev halves. The test halves are split off here, by a hash, once for all of them.
"""

# Transliteration tables and examples hold Cyrillic, Greek and Hangul letters that look like
# Latin ones on purpose.

from __future__ import annotations

import hashlib
import itertools
import random
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from newsalign.names import korean_surnames, name_key
from newsalign.names.loanmodel import _tokens as loan_tokens
from newsalign.names.loanmodel import latin_form
from newsalign.names.match import _match_rules

ROOT = Path(__file__).resolve().parent


def _half(text: str) -> str:
    return "dev" if hashlib.sha1(text.encode()).digest()[0] % 2 == 0 else "test"


_LATIN = re.compile(r"^[A-Za-zÀ-ɏ' .-]+$")
_CYR = re.compile(r"[Ѐ-ӿ]")
_GREEK = re.compile(r"[Ͱ-Ͽ]")
_HANGUL = re.compile(r"[가-힣]")


def load_gaddafi(d: Path) -> list[str]:
    return [
        x.strip()
        for x in (d / "gaddafi_variants_go_regexp_basic_dat.txt").open(encoding="utf-8")
        if x.strip()
    ]


def load_putin(d: Path) -> tuple[list[str], list[str]]:
    names = [
        x.strip() for x in (d / "putin_names_opensanctions.txt").open(encoding="utf-8") if x.strip()
    ]
    keep = [
        n
        for n in names
        if _LATIN.match(n) or _CYR.search(n) or _GREEK.search(n) or _HANGUL.search(n)
    ]
    full, surname_only = [], []
    for n in keep:
        # Full = a given name besides the surname (initials do not count).
        words = [w for w in re.split(r"[\s,]+", n) if len(w.strip(".")) > 1]
        has_given = any(re.match(r"(?i)(vl|wl|wł|vol|ul|bl|βλ|вл|вол|ул|블)", w) for w in words)
        (full if has_given else surname_only).append(n)
    return full, surname_only


def load_groups(d: Path) -> list[tuple[str, list[str]]]:
    out = []
    for line in (d / "wikidata_person_name_variants.txt").open(encoding="utf-8"):
        if "=>" not in line:
            continue
        left, qid = line.rsplit("=>", 1)
        variants = [v.strip() for v in left.split(",") if v.strip()]
        if not any(_CYR.search(v) for v in variants):
            continue
        keep = [v for v in variants if (_LATIN.match(v) or _CYR.search(v) or _GREEK.search(v))]
        if len(keep) >= 2 and any(_LATIN.match(v) for v in keep):
            out.append((qid.strip(), keep))
    return out


def load_hangul_english(d: Path) -> list[tuple[str, str]]:
    pat = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+$")
    surnames = korean_surnames()  # the filter needs the surname list
    rows = []
    for line in (d / "wikidata_en_hangul_names.tsv").open(encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 2:
            continue
        en, ko = parts
        if pat.match(en) and re.fullmatch(r"[가-힣]{3}", ko) and ko[0] in surnames:
            rows.append((en, ko))
    return rows


def load_en_hangul_people(d: Path) -> dict[str, list[tuple[str, str]]]:
    """Every English/Hangul label pair, split by person (a hash of the English label)."""
    out: dict[str, list[tuple[str, str]]] = {"dev": [], "test": []}
    for line in (d / "wikidata_en_hangul_names.tsv").open(encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 2 and parts[0] and parts[1]:
            out[_half(parts[0])].append((parts[0], parts[1]))
    return out


@cache
def _triv(v: str) -> str:
    """A name trivially folded: anyascii, lower-case letters, doubled letters and h removed."""
    from anyascii import anyascii

    w = re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]", "", anyascii(v).lower()))
    return w.replace("h", "")


def other_variant(v: str, latin: bool = False) -> bool:
    """A variant in Cyrillic or Greek, or with ``latin`` a one-word Latin one: the other side
    of the transliteration models' pairs (a group's first Latin variant is the Latin side)."""
    if latin:
        return bool(_LATIN.match(v)) and " " not in v
    return bool(_CYR.search(v) or _GREEK.search(v))


def latin_other_negatives(
    groups: list[tuple[str, list[str]]],
    rnd: random.Random,
    n: int,
    closest: bool = True,
    latin: bool = False,
) -> list[tuple[str, str]]:
    """The first Latin variant of one group against a Cyrillic or Greek variant of another
    (with ``latin``, against a one-word Latin variant of another).

    The two groups share no variant and no folded form (:func:`_triv`), the two names start
    with the same folded letter and are two or more edits apart from every folded form of
    the first group; the ``n`` closest by ``fuzz.ratio`` of the folded forms are kept, or
    ``n`` drawn at random with ``closest=False``.
    """
    folded = [{_triv(v) for v in vs} for _, vs in groups]
    firsts = [next(v for v in vs if _LATIN.match(v)) for _, vs in groups]
    others = [[(v, _triv(v)) for v in vs if other_variant(v, latin)] for _, vs in groups]
    by_start: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(firsts):
        by_start[_triv(a)[:1]].append(i)
    cand: list[tuple[float, str, str]] = []
    for start in sorted(by_start):
        idx = by_start[start]
        rnd.shuffle(idx)
        for i, j in itertools.permutations(idx[:300], 2):
            a, ta = firsts[i], _triv(firsts[i])
            if folded[i] & folded[j] or set(groups[i][1]) & set(groups[j][1]):
                continue
            for b, tb in others[j]:
                if tb[:1] != ta[:1] or min(Levenshtein.distance(x, tb) for x in folded[i]) < 2:
                    continue
                cand.append((fuzz.ratio(ta, tb), a, b))
    if closest:
        cand.sort(reverse=True)
    else:
        rnd.shuffle(cand)
    return [(a, b) for _, a, b in cand[:n]]


def _folded(name: str) -> tuple[str, ...]:
    return tuple(latin_form(t) or t for t in loan_tokens(name))


def en_hangul_negatives(
    rows: list[tuple[str, str]], rnd: random.Random, per_kind: int = 4000
) -> list[tuple[str, str]]:
    """Pairs of *different* people (English label of one, Hangul label of another) of
    ``rows`` that a matcher could confuse: equal keys, a shared English surname or first
    name, Hangul words that start alike; up to ``per_kind`` of each, drawn with ``rnd``.
    The negatives ``build_loan_model`` chooses its thresholds on (dev-tune rows) and
    ``en_hangul_different_close`` reports (test rows)."""
    groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, (en, ko) in enumerate(rows):
        words = en.replace(",", " ").split()
        if name_key(en):
            groups["key"][name_key(en)].append(i)
        if len(words) >= 2:
            groups["surname"][words[-1].lower()].append(i)
            groups["given"][words[0].lower()].append(i)
        hw = ko.split()
        if hw:
            groups["hangul_start"][hw[0][:2] + "|" + (hw[-1][:1] if len(hw) > 1 else "")].append(i)
    out: set[tuple[str, str]] = set()
    for by in groups.values():
        cand = []
        for idx in by.values():
            for i, j in itertools.combinations(idx[:60], 2):
                (e1, k1), (e2, k2) = rows[i], rows[j]
                # Two people of one name (Isabella, 이사벨 2세 and Isabella of Spain; Paul
                # Renaud and Paul Reynaud, homophones) are no negative for a name matcher:
                # the cleaned words must differ on both sides, and the two English labels
                # must not be one name to the rules.
                if (
                    _folded(e1) != _folded(e2)
                    and _folded(k1) != _folded(k2)
                    and _match_rules(e1, e2).verdict != "same"
                ):
                    cand.extend([(e1, k2), (e2, k1)])
        rnd.shuffle(cand)
        out.update(cand[:per_kind])
    return sorted(out)
